package web

import (
	"bytes"
	"fmt"
	"io"
	"lvzhi"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"lvzhi/store"
)

// attach posts a multipart file to path with the token and returns the status and body.
func (f *apiFixture) attach(path, token, name string, content []byte) (int, []byte) {
	f.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile("file", name)
	if err != nil {
		f.t.Fatal(err)
	}
	part.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", f.url+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func TestAPIAttachmentsAndInstructions(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		liwei, wangfang, clerk, jtj := f.login("liwei"), f.login("wangfang"), f.login("clerk"), f.login("jtj")
		status, body := f.call("POST", "/api/v1/proposals", liwei, map[string]any{"session_id": f.session.ID, "kind": "individual",
			"title": "关于缓解老城区停车难的建议", "category": "城乡建设", "body": proposalTestBody})
		p := f.wantProposal("create", status, body, http.StatusCreated, "draft")
		rec := fmt.Sprintf("/api/v1/records/proposal/%d", p.ID)

		// Attachments: the proposer uploads; the type is checked; a co-member reads; a unit
		// not assigned may not download.
		status, body = f.attach(rec+"/attachments", liwei, "停车调研.pdf", []byte("%PDF-1.4 调研数据"))
		if status != http.StatusCreated {
			t.Fatalf("upload: %d %s", status, body)
		}
		var att attachmentJSON
		f.decode(body, &att)
		if att.Name != "停车调研.pdf" || att.ContentType != "application/pdf" || att.Size != int64(len("%PDF-1.4 调研数据")) {
			t.Errorf("attachment %+v", att)
		}
		status, body = f.attach(rec+"/attachments", liwei, "run.html", []byte("<script>alert(1)</script>"))
		f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")
		status, body = f.attach(rec+"/attachments", wangfang, "mine.pdf", []byte("x"))
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.act(liwei, p.ID, "submit", nil)
		f.wantProposal("submit", status, body, http.StatusOK, "review")
		status, body = f.attach(rec+"/attachments", liwei, "补充.pdf", []byte("x"))
		f.wantError(status, body, http.StatusConflict, "conflict", "审查中")

		req, _ := http.NewRequest("GET", f.url+att.DownloadURL, nil)
		req.Header.Set("Authorization", "Bearer "+wangfang)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(got) != "%PDF-1.4 调研数据" {
			t.Errorf("download by a member: %d %q", resp.StatusCode, got)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=utf-8''%E5%81%9C") {
			t.Errorf("Content-Disposition %q", cd)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("no nosniff on a download")
		}
		status, body = f.call("GET", att.DownloadURL, jtj, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("GET", rec+"/attachments", wangfang, nil)
		var atts listJSON[attachmentJSON]
		if f.decode(body, &atts); status != http.StatusOK || atts.Total != 1 {
			t.Errorf("list attachments: %d %s", status, body)
		}

		// Instructions: the clerk records; the proposer sees it, another member does not.
		status, body = f.call("POST", "/api/v1/instructions", clerk, map[string]any{"record_kind": "proposal", "record_id": p.ID,
			"leader": "张书记", "rank": "市委主要领导", "given_on": "2026-01-15T00:00:00Z", "body": "请市交通运输局研究落实。"})
		if status != http.StatusCreated {
			t.Fatalf("create instruction: %d %s", status, body)
		}
		var in instructionJSON
		f.decode(body, &in)
		if in.State != "pending" || in.RecordTitle != p.Title || in.MemberID == nil || *in.MemberID != f.own.ID {
			t.Errorf("instruction %+v", in)
		}
		status, body = f.call("POST", "/api/v1/instructions", clerk, map[string]any{"record_kind": "proposal", "record_id": p.ID,
			"leader": "", "rank": "村长", "given_on": "2026-01-15T00:00:00Z", "body": "x"})
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["rank"] == "" || e.Fields["leader"] == "" {
			t.Errorf("fields %v", e.Fields)
		}
		status, body = f.call("POST", "/api/v1/instructions", liwei, map[string]any{"record_kind": "proposal", "record_id": p.ID,
			"leader": "张书记", "rank": "市委主要领导", "given_on": "2026-01-15T00:00:00Z", "body": "x"})
		f.wantError(status, body, http.StatusForbidden, "forbidden")

		var list listJSON[instructionJSON]
		status, body = f.call("GET", rec+"/instructions", liwei, nil)
		if f.decode(body, &list); status != http.StatusOK || list.Total != 1 {
			t.Errorf("proposer reads instructions: %d %s", status, body)
		}
		status, body = f.call("GET", rec+"/instructions", wangfang, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("GET", fmt.Sprintf("/api/v1/instructions/%d", in.ID), wangfang, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("GET", "/api/v1/instructions", liwei, nil)
		if f.decode(body, &list); status != http.StatusOK || list.Total != 1 {
			t.Errorf("proposer's instruction list: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/instructions", wangfang, nil)
		if f.decode(body, &list); status != http.StatusOK || list.Total != 0 {
			t.Errorf("another member's instruction list: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/instructions?from=nonsense", clerk, nil)
		f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")

		// Follow-up through the workflow: complete needs what was done; twice is a conflict.
		act := fmt.Sprintf("/api/v1/instructions/%d/actions/", in.ID)
		status, body = f.call("POST", act+"complete", clerk, map[string]any{})
		f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")
		status, body = f.call("POST", act+"complete", clerk, map[string]any{"department": "市交通运输局", "follow_up": "新增停车位800个",
			"done_on": "2026-02-01T00:00:00Z"})
		if f.decode(body, &in); status != http.StatusOK || in.State != "done" || in.DoneOn == nil {
			t.Fatalf("complete: %d %s", status, body)
		}
		status, body = f.call("POST", act+"complete", clerk, map[string]any{"department": "x", "follow_up": "y", "done_on": "2026-02-01T00:00:00Z"})
		f.wantError(status, body, http.StatusConflict, "conflict", "已落实", "落实完毕")
		status, body = f.call("POST", act+"reopen", liwei, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")

		var stats instructionStatsJSON
		status, body = f.call("GET", "/api/v1/instructions/stats?main=true", clerk, nil)
		if f.decode(body, &stats); status != http.StatusOK || stats.Total != 1 || stats.Main != 1 {
			t.Errorf("stats: %d %s", status, body)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/instructions/%d/events", in.ID), clerk, nil)
		var events listJSON[eventJSON]
		if f.decode(body, &events); status != http.StatusOK || events.Total != 2 {
			t.Errorf("events: %d %s", status, body)
		}
		status, body = f.call("DELETE", att.DownloadURL, wangfang, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("DELETE", att.DownloadURL, liwei, nil)
		f.wantError(status, body, http.StatusConflict, "conflict")
		if status, body = f.call("DELETE", att.DownloadURL, clerk, nil); status != http.StatusNoContent {
			t.Errorf("delete attachment: %d %s", status, body)
		}
	})
}

func TestAPIRequests(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		clerk, liwei := f.login("clerk"), f.login("liwei")
		year := time.Now().In(lvzhi.China).Year()
		on := time.Date(year, 3, 1, 0, 0, 0, 0, lvzhi.China).UTC().Format(time.RFC3339)
		status, body := f.call("POST", "/api/v1/requests", clerk, map[string]any{"type": "ask", "subject": "关于召开专题协商会的请示",
			"on_date": on, "department_id": f.department.ID})
		if status != http.StatusCreated {
			t.Fatalf("create: %d %s", status, body)
		}
		var r requestJSON
		f.decode(body, &r)
		if r.State != "draft" || r.Department != f.department.Name {
			t.Errorf("request %+v", r)
		}
		status, body = f.call("POST", "/api/v1/requests", liwei, map[string]any{"type": "ask", "subject": "x", "on_date": on, "department_id": f.department.ID})
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		path := fmt.Sprintf("/api/v1/requests/%d", r.ID)
		status, body = f.call("POST", path+"/actions/submit", clerk, nil)
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["body"] == "" {
			t.Errorf("submit without text: %v", e.Fields)
		}
		status, body = f.call("PATCH", path, clerk, map[string]any{"body": "拟于下月召开专题协商会,妥否,请批示。"})
		if status != http.StatusOK {
			t.Fatalf("patch: %d %s", status, body)
		}
		status, body = f.call("POST", path+"/actions/submit", clerk, nil)
		if f.decode(body, &r); status != http.StatusOK || r.State != "submitted" {
			t.Fatalf("submit: %d %s", status, body)
		}
		status, body = f.call("PATCH", path, clerk, map[string]any{"subject": "改"})
		f.wantError(status, body, http.StatusConflict, "conflict")
		status, body = f.call("POST", path+"/actions/submit", clerk, nil)
		f.wantError(status, body, http.StatusConflict, "conflict", "已报送", "报送")
		status, body = f.call("GET", path, liwei, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")

		status, body = f.attach(fmt.Sprintf("/api/v1/records/request/%d/attachments", r.ID), clerk, "方案.docx", []byte("PK…"))
		if status != http.StatusCreated {
			t.Errorf("attach to a request: %d %s", status, body)
		}
		status, body = f.call("POST", "/api/v1/instructions", clerk, map[string]any{"record_kind": "request", "record_id": r.ID,
			"leader": "王市长", "rank": "市政府主要领导", "given_on": on, "body": "同意。"})
		if status != http.StatusCreated {
			t.Errorf("instruction on a request: %d %s", status, body)
		}
		var rs listJSON[requestJSON]
		status, body = f.call("GET", fmt.Sprintf("/api/v1/requests?year=%d&type=ask", year), clerk, nil)
		if f.decode(body, &rs); status != http.StatusOK || rs.Total != 1 || rs.Items[0].Instructions != 1 {
			t.Errorf("list: %d %s", status, body)
		}
		var stats requestStatsJSON
		status, body = f.call("GET", fmt.Sprintf("/api/v1/requests/stats?year=%d", year), clerk, nil)
		if f.decode(body, &stats); status != http.StatusOK || stats.Total != 1 || stats.ByMonth[2][0].Count != 1 || stats.ByType[0].Count != 1 {
			t.Errorf("stats: %d %s", status, body)
		}
		status, body = f.call("GET", path+"/events", clerk, nil)
		var events listJSON[eventJSON]
		if f.decode(body, &events); status != http.StatusOK || events.Total != 5 { // create, update, submit, attach, instruction
			t.Errorf("events: %d %s", status, body)
		}
	})
}
