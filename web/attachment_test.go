package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/store"
)

// browser is a signed-in user of the pages: a client with the session cookie that does not
// follow redirects, so a test sees where a form leads.
func (f *apiFixture) browser(username string) *http.Client {
	f.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(f.url+"/login", url.Values{"username": {username}, "password": {testPassword}})
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		f.t.Fatalf("sign in %s: %d", username, resp.StatusCode)
	}
	return c
}

// get fetches a page and returns its status and body.
func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// xlsxRows reads the rows of one sheet of a workbook.
func xlsxRows(t *testing.T, raw, sheet string) [][]string {
	t.Helper()
	x, err := excelize.OpenReader(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

// TestPageAttachmentDownloadAuthorisedByRecord uploads a file to a draft through the page's
// form and checks that only those who may read the draft can download it, and that the
// record page shows the instructions part to the proposer alone.
func TestPageAttachmentDownloadAuthorisedByRecord(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		liwei := f.login("liwei")
		status, body := f.call("POST", "/api/v1/proposals", liwei, map[string]any{"session_id": f.session.ID, "kind": "individual",
			"title": "关于老旧小区加装电梯的建议", "category": "城乡建设", "body": proposalTestBody})
		draft := f.wantProposal("create", status, body, http.StatusCreated, "draft")

		owner, other, unit, clerk := f.browser("liwei"), f.browser("wangfang"), f.browser("jtj"), f.browser("clerk")
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		part, _ := mw.CreateFormFile("file", "电梯井道图.png")
		part.Write([]byte("\x89PNG\r\n\x1a\n图纸"))
		mw.Close()
		resp, err := owner.Post(fmt.Sprintf("%s/records/proposal/%d/attachments", f.url, draft.ID), mw.FormDataContentType(), &buf)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), fmt.Sprintf("/proposals/%d", draft.ID)) {
			t.Fatalf("upload through the page: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		code, page := get(t, owner, fmt.Sprintf("%s/proposals/%d", f.url, draft.ID))
		if code != http.StatusOK || !strings.Contains(page, "电梯井道图.png") {
			t.Fatalf("the record page does not list the file: %d", code)
		}
		atts, err := st.Attachments(t.Context(), lvzhi.System(f.committee.ID), "proposal", draft.ID)
		if err != nil || len(atts) != 1 {
			t.Fatalf("attachments: %v %v", atts, err)
		}
		file := fmt.Sprintf("%s/files/%d", f.url, atts[0].ID)
		if code, _ := get(t, owner, file); code != http.StatusOK {
			t.Errorf("the proposer downloads: %d", code)
		}
		if code, _ := get(t, clerk, file); code != http.StatusOK {
			t.Errorf("the office downloads: %d", code)
		}
		if code, body := get(t, other, file); code != http.StatusNotFound || strings.Contains(body, "图纸") {
			t.Errorf("another member downloads someone's draft's file: %d", code)
		}
		if code, _ := get(t, unit, file); code != http.StatusForbidden {
			t.Errorf("a unit downloads a file of a proposal not assigned to it: %d", code)
		}
		resp, err = other.PostForm(file+"/delete", url.Values{})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("another member deletes the file: %d", resp.StatusCode)
		}

		// The instructions part: the office records one; the proposer sees it, a co-member
		// reading the submitted proposal does not.
		f.act(liwei, draft.ID, "submit", nil)
		resp, err = clerk.PostForm(fmt.Sprintf("%s/records/proposal/%d/instructions", f.url, draft.ID),
			url.Values{"leader": {"张书记"}, "rank": {"市委主要领导"}, "given_on": {"2026-01-20"}, "body": {"请住建局研究。"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("record an instruction through the page: %d", resp.StatusCode)
		}
		if _, page := get(t, owner, fmt.Sprintf("%s/proposals/%d", f.url, draft.ID)); !strings.Contains(page, "张书记") {
			t.Errorf("the proposer does not see the instruction")
		}
		if code, page := get(t, other, fmt.Sprintf("%s/proposals/%d", f.url, draft.ID)); code != http.StatusOK || strings.Contains(page, "张书记") {
			t.Errorf("another member sees the instruction (%d)", code)
		}
		if code, page := get(t, clerk, f.url+"/instructions?main=true"); code != http.StatusOK || !strings.Contains(page, "张书记") {
			t.Errorf("the instruction list: %d", code)
		}
		if code, _ := get(t, clerk, f.url+"/instructions/stats"); code != http.StatusOK {
			t.Errorf("the statistics page: %d", code)
		}
		// The office sets the ranks; a member may not.
		if code, _ := get(t, owner, f.url+"/instructions/settings"); code != http.StatusForbidden {
			t.Errorf("a member opens the rank settings: %d", code)
		}
		resp, err = clerk.PostForm(f.url+"/instructions/settings", url.Values{"ranks": {"市委主要领导\n市政府主要领导\n市领导\n区领导"}, "main": {"市委主要领导"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if set, _ := st.InstructionSettings(t.Context(), f.committee.ID); resp.StatusCode != http.StatusSeeOther || len(set.Ranks) != 4 || len(set.Main) != 1 {
			t.Errorf("saving the ranks: %d %+v", resp.StatusCode, set)
		}
		if code, page := get(t, clerk, f.url+"/instructions/settings"); code != http.StatusOK || !strings.Contains(page, "区领导") {
			t.Errorf("the rank settings page: %d", code)
		}

		// The exports count the records: one instruction, by the city's secretary, in 2026.
		code, raw := get(t, clerk, f.url+"/instructions/export.xlsx")
		if rows := xlsxRows(t, raw, "Sheet1"); code != http.StatusOK || len(rows) != 2 || rows[1][2] != "张书记" || rows[1][6] != "关于老旧小区加装电梯的建议" {
			t.Errorf("the export: %d %v", code, rows)
		}
		code, raw = get(t, clerk, f.url+"/instructions/stats.xlsx?year=2026")
		byRank := map[string]string{}
		for _, r := range xlsxRows(t, raw, "批示按级别") {
			byRank[r[0]] = r[1]
		}
		if code != http.StatusOK || byRank["市委主要领导"] != "1" || byRank["市领导"] != "0" || byRank["合计"] != "1" || byRank["批示对象:提案"] != "1" {
			t.Errorf("the statistics export: %d %v", code, byRank)
		}
	})
}
