package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lvzhi/store"
)

// postForm posts a page form as a browser would and returns the status, the Location and the
// body; redirects are not followed.
func (f *apiFixture) postForm(path, token string, v url.Values) (int, string, string) {
	f.t.Helper()
	req, err := http.NewRequest("POST", f.url+path, strings.NewReader(v.Encode()))
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+token)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// TestOpinionPages goes through the report pages as a member, the office and a refused user:
// the form (its errors kept), the record page, the versions, the issues and their export, the
// statistics and their export, whose figures are checked against the records made here.
func TestOpinionPages(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		member, staff, other := f.login("liwei"), f.login("clerk"), f.login("wangfang")
		page := func(token, path string, want int, words ...string) string {
			t.Helper()
			status, body := f.call("GET", path, token, nil)
			if status != want {
				t.Fatalf("GET %s: %d, want %d\n%.400s", path, status, want, body)
			}
			for _, w := range words {
				if !strings.Contains(string(body), w) {
					t.Errorf("GET %s lacks %q", path, w)
				}
			}
			return string(body)
		}
		page(member, "/opinions/new", http.StatusOK, "1500", `hx-post="/opinions/similar"`)
		page(member, "/", http.StatusOK, `href="/opinions/new"`)
		// Too long: the form comes back with the message and the text kept.
		long := strings.Repeat("群众反映", 400)
		status, _, body := f.postForm("/opinions", member, url.Values{"title": {"关于电梯的反映"}, "body": {long}, "then": {"submit"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "超过了1500字的限制") || !strings.Contains(body, long) {
			t.Fatalf("a report over the limit: %d %.300s", status, body)
		}
		status, loc, _ := f.postForm("/opinions", member, url.Values{"title": {"关于老旧小区加装电梯审批难的反映"}, "body": {opinionTestBody}, "then": {"submit"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/opinions/") {
			t.Fatalf("submit from the form: %d %s", status, loc)
		}
		path := strings.TrimSuffix(loc, "?ok=saved")
		page(member, path, http.StatusOK, "已收稿", opinionTestBody)
		page(other, path, http.StatusForbidden)
		page(member, "/opinions", http.StatusOK, "关于老旧小区加装电梯审批难的反映", "opinion-cards")
		status, _, body = f.postForm("/opinions/similar", member, url.Values{"title": {"老旧小区加装电梯"}, "body": {opinionTestBody}})
		if status != http.StatusOK || !strings.Contains(body, path) {
			t.Errorf("the form's hints: %d %.300s", status, body)
		}

		// The office: the queue, the editor, the versions, a new issue, the decisions.
		page(staff, "/opinions?state=received", http.StatusOK, "关于老旧小区加装电梯审批难的反映")
		page(staff, path, http.StatusOK, `id="act-edit"`, `id="act-not_use"`, `id="act-compile"`)
		status, _, _ = f.postForm(path+"/actions/edit", staff, url.Values{"body": {strings.Replace(opinionTestBody, "近期不少群众反映,", "据反映,", 1)}})
		if status != http.StatusSeeOther {
			t.Fatalf("edit: %d", status)
		}
		page(staff, path+"/versions", http.StatusOK, "<del>近期不少群众</del>", "<ins>据</ins>")
		page(member, path+"/versions", http.StatusForbidden)
		status, _, body = f.postForm(path+"/actions/compile", staff, url.Values{"issue_date": {"2026-03-05"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "请选择编入的期刊") {
			t.Errorf("compile without an issue: %d", status)
		}
		status, _, _ = f.postForm(path+"/actions/compile", staff, url.Values{"issue_signer": {"王秘书长"}, "issue_date": {"2026-03-05"}, "issue_title": {"民生专刊"}})
		if status != http.StatusSeeOther {
			t.Fatalf("compile: %d", status)
		}
		f.postForm(path+"/actions/forward", staff, url.Values{"to": {"party_committee"}, "on_date": {"2026-03-06"}})
		status, _, _ = f.postForm(path+"/actions/adopt", staff, url.Values{"level": {"province"}, "mode": {"single"}, "adopted_by": {"省政协办公厅"}, "on_date": {"2026-03-20"}})
		if status != http.StatusSeeOther {
			t.Fatalf("adopt: %d", status)
		}
		page(member, path, http.StatusOK, "已报送", "《社情民意》2026年第1期", "省级", "省政协办公厅", "王秘书长")
		issues := page(staff, "/opinion-issues?year=2026", http.StatusOK, "2026年第1期", "民生专刊")
		id := issues[strings.Index(issues, `href="/opinion-issues/`)+len(`href="/opinion-issues/`):]
		id = id[:strings.Index(id, `"`)]
		page(staff, "/opinion-issues/"+id, http.StatusOK, "关于老旧小区加装电梯审批难的反映", "bulletin.docx")
		if docx := page(staff, "/opinion-issues/"+id+"/bulletin.docx", http.StatusOK); !strings.HasPrefix(docx, "PK") {
			t.Error("the issue export is not a .docx")
		}
		page(member, "/opinion-issues", http.StatusForbidden)

		// The statistics page and its export count what was made here: one report of the
		// member, compiled, forwarded, adopted by the province.
		oid := strings.TrimPrefix(path, "/opinions/")
		status, raw := f.call("POST", "/api/v1/instructions", staff, map[string]any{"record_kind": "opinion", "record_id": json.Number(oid),
			"leader": "张书记", "rank": "市委主要领导", "given_on": time.Now().UTC().Format(time.RFC3339), "body": "请研究落实。"})
		if status != http.StatusCreated {
			t.Fatalf("instruction: %d %s", status, raw)
		}
		page(staff, "/opinions/stats?by=member", http.StatusOK, f.own.Name, `id="opinion-stats"`, "批示:市委主要领导")
		page(member, "/opinions/stats", http.StatusForbidden)
		status, raw = f.call("GET", "/opinions/stats.xlsx?by=member", staff, nil)
		if status != http.StatusOK {
			t.Fatalf("statistics export: %d", status)
		}
		x, err := excelize.OpenReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows("社情民意信息统计")
		if err != nil || len(rows) < 3 {
			t.Fatalf("statistics sheet: %v %v", rows, err)
		}
		if rows[0][9] != "批示:市委主要领导" {
			t.Errorf("header %q", rows[0])
		}
		if got := strings.Join(rows[1][:10], ","); got != f.own.Name+",1,1,1,0,1,0,0,0,1" {
			t.Errorf("member row %q, want %s,1,1,1,0,1,0,0,0,1", got, f.own.Name)
		}
		if got := strings.Join(rows[2][:10], ","); got != "合计,1,1,1,0,1,0,0,0,1" {
			t.Errorf("total row %q", got)
		}
	})
}
