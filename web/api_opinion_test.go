package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"lvzhi/store"
)

const opinionTestBody = "近期不少群众反映,老旧小区加装电梯需要全体业主签字同意,低层住户意见难以统一,审批环节多、周期长。" +
	"建议简化审批流程,明确补贴标准,由街道社区牵头做好协调工作。"

// TestAPIOpinionLifecycle walks a report through the API on both databases: the member
// submits, the office edits (two versions and their comparison), compiles it into a new
// issue, forwards it and records adoptions and an instruction; the member sees all of it;
// the figures count it.
func TestAPIOpinionLifecycle(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		member, staff, other := f.login("liwei"), f.login("clerk"), f.login("wangfang")
		want := func(what string, status int, body []byte, wantStatus int, state string) opinionJSON {
			t.Helper()
			var o opinionJSON
			if status != wantStatus {
				t.Fatalf("%s: %d %s", what, status, body)
			}
			f.decode(body, &o)
			if o.State != state {
				t.Fatalf("%s: state %q, want %q: %s", what, o.State, state, body)
			}
			return o
		}
		act := func(token string, id int64, action string, body any) (int, []byte) {
			return f.call("POST", fmt.Sprintf("/api/v1/opinions/%d/actions/%s", id, action), token, body)
		}

		status, body := f.call("POST", "/api/v1/opinions", member, map[string]any{"title": "关于老旧小区加装电梯审批难的反映", "body": "电梯难装。"})
		o := want("create", status, body, http.StatusCreated, "draft")
		if o.SubmitterID == nil || *o.SubmitterID != f.own.ID || o.AuthorName != f.own.Name || !proposalHas(o.Actions, "submit") {
			t.Fatalf("draft: %s", body)
		}
		id := o.ID
		status, body = act(member, id, "submit", nil)
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["body"] == "" {
			t.Errorf("a short report submitted: %s", body)
		}
		status, body = f.call("PATCH", fmt.Sprintf("/api/v1/opinions/%d", id), member, map[string]any{"body": opinionTestBody})
		want("patch", status, body, http.StatusOK, "draft")
		status, body = act(member, id, "submit", nil)
		if o = want("submit", status, body, http.StatusOK, "received"); o.SubmittedAt == nil || proposalHas(o.Actions, "edit") {
			t.Errorf("submitted: %s", body)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/opinions/%d", id), other, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")

		// The office edits twice; the member may not.
		status, body = act(member, id, "edit", map[string]any{"body": "改"})
		f.wantError(status, body, http.StatusForbidden, "forbidden", "编辑加工")
		edited := strings.Replace(opinionTestBody, "近期不少群众反映,", "据反映,", 1)
		status, body = act(staff, id, "edit", map[string]any{"body": edited, "note": "精简"})
		want("edit", status, body, http.StatusOK, "editing")
		status, body = act(staff, id, "edit", map[string]any{"title": "老旧小区加装电梯审批亟待简化", "body": edited})
		if o = want("edit 2", status, body, http.StatusOK, "editing"); o.Versions != 3 || o.Title != "老旧小区加装电梯审批亟待简化" {
			t.Fatalf("after editing: %s", body)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/opinions/%d/diff", id), staff, nil)
		var d diffJSON
		if f.decode(body, &d); status != http.StatusOK || d.From.Number != 1 || d.To.Number != 3 || d.From.Editor || !d.To.Editor {
			t.Fatalf("diff: %d %s", status, body)
		}
		var ops []string
		for _, op := range d.Body {
			if op.Op != "equal" {
				ops = append(ops, op.Op+":"+op.Text)
			}
		}
		if strings.Join(ops, "|") != "delete:近期不少群众|insert:据" {
			t.Errorf("diff ops %v", ops)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/opinions/%d/versions", id), member, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")

		// Compiled into a new issue, forwarded, adopted; an adoption without its mode is refused.
		status, body = act(staff, id, "compile", map[string]any{"new_issue": map[string]any{"signer": "王秘书长", "on_date": "2026-03-05", "title": "民生专刊"}})
		if o = want("compile", status, body, http.StatusOK, "compiled"); o.Issue == nil || o.Issue.Label != "2026年第1期" || o.IssueLabel != "2026年第1期" {
			t.Fatalf("compiled: %s", body)
		}
		status, body = act(staff, id, "compile", map[string]any{"issue_id": o.Issue.ID})
		f.wantError(status, body, http.StatusConflict, "conflict", "已编发", "编入期刊")
		status, body = act(staff, id, "forward", map[string]any{"to": "government", "on_date": "2026-03-06"})
		want("forward", status, body, http.StatusOK, "forwarded")
		status, body = act(staff, id, "adopt", map[string]any{"level": "national", "adopted_by": "全国政协办公厅", "on_date": "2026-04-01"})
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["mode"] == "" {
			t.Errorf("a national adoption without its mode: %s", body)
		}
		status, body = act(staff, id, "adopt", map[string]any{"level": "national", "mode": "single", "adopted_by": "全国政协办公厅", "on_date": "2026-04-01"})
		want("adopt", status, body, http.StatusOK, "forwarded")
		status, body = act(staff, id, "adopt", map[string]any{"level": "city", "adopted_by": "市委办公室", "on_date": "2026-04-02"})
		want("adopt 2", status, body, http.StatusOK, "forwarded")
		status, body = act(staff, id, "publish", nil)
		f.wantError(status, body, http.StatusNotFound, "not_found")

		// An instruction on the report, recorded by the office; the member sees it and the rest.
		status, body = f.call("POST", "/api/v1/instructions", staff, map[string]any{"record_kind": "opinion", "record_id": id,
			"leader": "张书记", "rank": "市委主要领导", "given_on": time.Now().UTC().Format(time.RFC3339), "body": "请市住建局研究落实。"})
		if status != http.StatusCreated {
			t.Fatalf("instruction: %d %s", status, body)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/records/opinion/%d/instructions", id), member, nil)
		if status != http.StatusOK || !strings.Contains(string(body), "请市住建局研究落实") {
			t.Errorf("the member's view of the instructions: %d %s", status, body)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/opinions/%d", id), member, nil)
		if o = want("member reads", status, body, http.StatusOK, "forwarded"); len(o.Adoptions) != 2 || o.Adoptions[0].ModeLabel != "单篇采用" ||
			o.Issue == nil || o.Issue.Signer != "王秘书长" || len(o.Forwards) != 1 || len(o.Actions) != 0 {
			t.Errorf("the member's view: %s", body)
		}
		status, body = f.call("GET", "/api/v1/opinions", member, nil)
		var page listJSON[opinionSummaryJSON]
		if f.decode(body, &page); status != http.StatusOK || page.Total != 1 || page.Items[0].ID != id {
			t.Errorf("the member's list: %d %s", status, body)
		}

		// The figures count it; the issue and the figures export.
		status, body = f.call("GET", "/api/v1/opinion-stats?by=member", staff, nil)
		var stats opinionStatsJSON
		if f.decode(body, &stats); status != http.StatusOK || stats.Total.Submitted != 1 || stats.Total.National != 1 || stats.Total.City != 1 ||
			len(stats.Rows) != 1 || stats.Rows[0].Name != f.own.Name || stats.Rows[0].Instructions["市委主要领导"] != 1 {
			t.Errorf("statistics: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/opinion-stats", member, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("GET", fmt.Sprintf("/api/v1/opinion-issues/%d/bulletin", o.Issue.ID), staff, nil)
		if status != http.StatusOK || !bytes.HasPrefix(body, []byte("PK")) {
			t.Errorf("bulletin export: %d %.100s", status, body)
		}
		status, body = f.call("GET", "/api/v1/opinion-stats/export?by=sector", staff, nil)
		if status != http.StatusOK || !bytes.HasPrefix(body, []byte("PK")) {
			t.Errorf("statistics export: %d %.100s", status, body)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/opinion-issues/%d", o.Issue.ID), staff, nil)
		var is issueJSON
		if f.decode(body, &is); status != http.StatusOK || is.Count != 1 || len(is.Reports) != 1 || is.Reports[0].ID != id {
			t.Errorf("issue: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/opinion-issues?year=2026", staff, nil)
		var issues listJSON[issueJSON]
		if f.decode(body, &issues); status != http.StatusOK || issues.Total != 1 || issues.Items[0].Count != 1 {
			t.Errorf("issues: %d %s", status, body)
		}
		// A proposal converted by the office becomes a report of its proposer, linked both ways,
		// counted once among reports.
		status, body = f.call("POST", "/api/v1/proposals", member, map[string]any{"session_id": f.session.ID, "title": "关于缓解老城区停车难问题的建议",
			"category": "城乡建设", "body": proposalTestBody})
		p := f.wantProposal("create proposal", status, body, http.StatusCreated, "draft")
		status, body = f.call("POST", fmt.Sprintf("/api/v1/proposals/%d/actions/submit", p.ID), member, nil)
		f.wantProposal("submit proposal", status, body, http.StatusOK, "review")
		status, body = f.call("POST", fmt.Sprintf("/api/v1/proposals/%d/actions/convert", p.ID), staff, map[string]any{"convert_to": "opinion"})
		f.wantProposal("convert", status, body, http.StatusOK, "converted")
		status, body = f.call("GET", fmt.Sprintf("/api/v1/opinions?origin_proposal_id=%d", p.ID), member, nil)
		var conv listJSON[opinionSummaryJSON]
		if f.decode(body, &conv); status != http.StatusOK || conv.Total != 1 || conv.Items[0].State != "received" || conv.Items[0].Title != p.Title {
			t.Fatalf("the report of the converted proposal: %d %s", status, body)
		}
		if status, body = f.call("GET", fmt.Sprintf("/proposals/%d", p.ID), member, nil); !strings.Contains(string(body), fmt.Sprintf(`href="/opinions/%d" id="converted-opinion"`, conv.Items[0].ID)) {
			t.Errorf("the proposal page does not link to its report: %d", status)
		}
		status, body = f.call("GET", "/api/v1/opinion-stats?by=member", staff, nil)
		if f.decode(body, &stats); stats.Total.Submitted != 2 || stats.Rows[0].Submitted != 2 {
			t.Errorf("after the conversion: %s; want 2 reports of the member, each once", body)
		}
		status, body = f.call("POST", "/api/v1/opinions/similar", member, map[string]any{"title": "老旧小区加装电梯", "body": opinionTestBody})
		if status != http.StatusOK || !strings.Contains(string(body), fmt.Sprintf(`"id":%d`, id)) {
			t.Errorf("similar: %d %s", status, body)
		}
	})
}
