package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/store"
)

const speechTestBody = "黄河流域生态保护和高质量发展是重大国家战略。建议加快沿黄生态廊道建设,完善上下游生态补偿机制。"

// TestSpeechAPI: a member submits a plenary speech and follows it; another member cannot see
// it; the office selects it; the figures count it; the member cannot select their own.
func TestSpeechAPI(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newConsultationFixture(t, st)
		clerk, liwei, wangfang := f.login("clerk"), f.login("liwei"), f.login("wangfang")
		status, body := f.call("POST", "/api/v1/speeches", liwei, map[string]any{"session_id": f.session.ID, "title": "加快黄河生态廊道建设",
			"body": speechTestBody, "member_id": f.second.ID})
		if status != http.StatusCreated {
			t.Fatalf("submit: %d %s", status, body)
		}
		var sp speechJSON
		f.decode(body, &sp)
		if sp.Kind != "plenary" || sp.State != "submitted" || sp.MemberID == nil || *sp.MemberID != f.own.ID {
			t.Fatalf("submitted speech = %+v", sp)
		}
		status, body = f.call("POST", "/api/v1/speeches", liwei, map[string]any{"session_id": f.session.ID, "title": "无全文"})
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["body"] == "" {
			t.Errorf("fields = %v", e.Fields)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/speeches/%d", sp.ID), wangfang, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		var mine listJSON[speechJSON]
		status, body = f.call("GET", "/api/v1/speeches?kind=plenary", wangfang, nil)
		f.decode(body, &mine)
		if status != http.StatusOK || mine.Total != 0 {
			t.Fatalf("another member's list = %d %s", status, body)
		}

		status, body = f.call("POST", fmt.Sprintf("/api/v1/speeches/%d/actions/select_oral", sp.ID), liwei, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("POST", fmt.Sprintf("/api/v1/speeches/%d/actions/select_oral", sp.ID), clerk, map[string]any{"note": "安排大会口头发言"})
		if status != http.StatusOK {
			t.Fatalf("select: %d %s", status, body)
		}
		status, body = f.call("POST", fmt.Sprintf("/api/v1/speeches/%d/actions/withdraw_speech", sp.ID), liwei, nil)
		f.wantError(status, body, http.StatusConflict, "conflict", "大会口头发言", "撤回发言")
		status, body = f.call("GET", fmt.Sprintf("/api/v1/speeches/%d", sp.ID), liwei, nil)
		f.decode(body, &sp)
		if status != http.StatusOK || sp.State != "oral" || sp.Note != "安排大会口头发言" {
			t.Fatalf("the member's view = %d %+v", status, sp)
		}

		var counts listJSON[speechCountJSON]
		status, body = f.call("GET", fmt.Sprintf("/api/v1/speeches/stats?by=sector&session_id=%d", f.session.ID), clerk, nil)
		f.decode(body, &counts)
		if status != http.StatusOK || counts.Total != 1 || counts.Items[0].Name != f.sector.Name || counts.Items[0].Oral != 1 {
			t.Fatalf("figures = %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/speeches/stats?by=unit", clerk, nil)
		f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")

		// The member's phone pages: the submission form and their own list with the outcome.
		owner := f.browser("liwei")
		if code, page := get(t, owner, f.url+"/speeches/new"); code != http.StatusOK || !strings.Contains(page, `id="submit-speech"`) {
			t.Errorf("submission form: %d", code)
		}
		if code, page := get(t, owner, f.url+"/speeches"); code != http.StatusOK || !strings.Contains(page, "加快黄河生态廊道建设") || !strings.Contains(page, "大会口头发言") {
			t.Errorf("member's speeches: %d", code)
		}
	})
}

// TestOutcomeAndResearchAPI: minutes and recommendations of an activity, sent and instructed;
// a research topic with its team, schedule and report.
func TestOutcomeAndResearchAPI(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newConsultationFixture(t, st)
		clerk, liwei := f.login("clerk"), f.login("liwei")
		sys := lvzhi.System(f.committee.ID)
		start := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
		x, err := st.CreateActivity(context.Background(), sys, lvzhi.Activity{Type: lvzhi.ActivityBimonthlyConsultation, Title: "双月协商座谈会",
			OrganiserID: f.department.ID, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Place: "市政协", CheckinBefore: 60, LateAfter: 10})
		if err != nil {
			t.Fatal(err)
		}
		status, body := f.call("POST", "/api/v1/outcomes", liwei, map[string]any{"activity_id": x.ID, "kind": "minutes", "title": "纪要", "body": "正文"})
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("POST", "/api/v1/outcomes", clerk, map[string]any{"activity_id": x.ID, "kind": "recommendation", "title": "关于发展低空经济的建议案", "body": "一、完善基础设施"})
		if status != http.StatusCreated {
			t.Fatalf("create outcome: %d %s", status, body)
		}
		var o outcomeJSON
		f.decode(body, &o)
		status, body = f.call("POST", fmt.Sprintf("/api/v1/outcomes/%d/actions/send_outcome", o.ID), clerk, map[string]any{"sent_to": "both", "sent_on": "2026-05-20"})
		f.decode(body, &o)
		if status != http.StatusOK || o.State != "sent" || o.SentTo != "both" {
			t.Fatalf("send: %d %s", status, body)
		}
		if _, err := st.AddInstruction(context.Background(), sys, lvzhi.KindOutcome, o.ID, lvzhi.Instruction{Leader: "张市长", Rank: "市政府主要领导",
			GivenOn: time.Now(), Body: "请市发改委研究落实。"}); err != nil {
			t.Fatalf("instruction: %v", err)
		}
		code, page := get(t, f.browser("clerk"), fmt.Sprintf("%s/outcomes/%d", f.url, o.ID))
		if code != http.StatusOK || !strings.Contains(page, "张市长") || !strings.Contains(page, `id="outcome-sent"`) {
			t.Errorf("outcome page: %d, instruction shown = %v", code, strings.Contains(page, "张市长"))
		}
		if code, page := get(t, f.browser("clerk"), fmt.Sprintf("%s/outcomes/activity/%d", f.url, x.ID)); code != http.StatusOK || !strings.Contains(page, "关于发展低空经济的建议案") {
			t.Errorf("activity outcomes page: %d", code)
		}

		status, body = f.call("POST", "/api/v1/research-topics", clerk, map[string]any{"year": 2026, "title": "关于加快发展新质生产力的调研",
			"lead_leader": "李主席", "department_id": f.department.ID,
			"team": []map[string]any{{"member_id": f.own.ID, "role": "lead"}, {"member_id": f.second.ID, "role": "member"}}})
		if status != http.StatusCreated {
			t.Fatalf("create topic: %d %s", status, body)
		}
		var rt researchJSON
		f.decode(body, &rt)
		if len(rt.Team) != 2 || rt.Team[0].Role != "lead" || rt.State != "planned" {
			t.Fatalf("topic = %+v", rt)
		}
		status, body = f.call("POST", fmt.Sprintf("/api/v1/research-topics/%d/milestones", rt.ID), clerk, map[string]any{"title": "实地调研", "due_on": "2026-04-15"})
		f.decode(body, &rt)
		if status != http.StatusCreated || len(rt.Milestones) != 1 {
			t.Fatalf("milestone: %d %s", status, body)
		}
		status, body = f.call("PATCH", fmt.Sprintf("/api/v1/research-topics/%d/milestones/%d", rt.ID, rt.Milestones[0].ID), clerk, map[string]any{"done_on": "2026-04-16"})
		f.decode(body, &rt)
		if status != http.StatusOK || rt.Done != 1 {
			t.Fatalf("milestone done: %d %s", status, body)
		}
		status, body = f.call("POST", fmt.Sprintf("/api/v1/research-topics/%d/actions/submit_report", rt.ID), clerk, map[string]any{"report": strings.Repeat("调研报告正文。", 10)})
		f.wantError(status, body, http.StatusConflict, "conflict", "已立项", "提交调研报告")
		status, body = f.call("POST", fmt.Sprintf("/api/v1/research-topics/%d/actions/start_research", rt.ID), liwei, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		for _, step := range []struct {
			action string
			in     any
		}{{"start_research", nil}, {"submit_report", map[string]any{"report": strings.Repeat("调研报告正文。", 10)}}, {"complete_research", nil}} {
			status, body = f.call("POST", fmt.Sprintf("/api/v1/research-topics/%d/actions/%s", rt.ID, step.action), clerk, step.in)
			if status != http.StatusOK {
				t.Fatalf("%s: %d %s", step.action, status, body)
			}
		}
		f.decode(body, &rt)
		if rt.State != "completed" || rt.ReportAt == nil {
			t.Fatalf("completed topic = %+v", rt)
		}
		if code, page := get(t, f.browser("liwei"), fmt.Sprintf("%s/research-topics/%d", f.url, rt.ID)); code != http.StatusOK || !strings.Contains(page, "调研报告正文") {
			t.Errorf("topic page for a member: %d", code)
		}
		// A leader's instruction on the final report shows on the topic's page to the office.
		if _, err := st.AddInstruction(context.Background(), sys, lvzhi.KindResearchTopic, rt.ID, lvzhi.Instruction{Leader: "王书记", Rank: "市委主要领导",
			GivenOn: time.Now(), Body: "调研报告很好,请相关部门吸收采纳。"}); err != nil {
			t.Fatalf("instruction on the topic: %v", err)
		}
		if code, page := get(t, f.browser("clerk"), fmt.Sprintf("%s/research-topics/%d", f.url, rt.ID)); code != http.StatusOK || !strings.Contains(page, "请相关部门吸收采纳") {
			t.Errorf("topic page for the office: %d, instruction shown = %v", code, strings.Contains(page, "请相关部门吸收采纳"))
		}
	})
}
