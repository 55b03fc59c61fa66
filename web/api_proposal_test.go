package web

import (
	"context"
	"fmt"
	"lvzhi/internal/testpg"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"lvzhi"
	"lvzhi/store"
)

// The proposal API tests run on SQLite always and on PostgreSQL too when LVZHI_TEST_POSTGRES
// names a server, e.g.
//
//	LVZHI_TEST_POSTGRES='postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable' go test ./web/ -run API
//
// each on a database of its own, created for the test and dropped after.

// forEachAPIStore runs fn on a fresh SQLite store and, when configured, a fresh PostgreSQL one.
func forEachAPIStore(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		fn(t, st)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, openAPITestPostgres(t))
	})
}

// openAPITestPostgres opens a store on a database of its own on the LVZHI_TEST_POSTGRES
// server (see internal/testpg), dropped when the test ends.
func openAPITestPostgres(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), testpg.DSN(t, "API tests"))
	if err != nil {
		t.Fatalf("open postgres store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// proposalFixture is a committee with a current term and its third session, a member with
// an account (liwei), a second member (wangfang), the proposal office's account (clerk) and
// a handling unit with its account (jtj).
type proposalFixture struct {
	*apiFixture
	session lvzhi.Session
	unit    lvzhi.OrgUnit
	second  lvzhi.Member
}

func newProposalFixture(t *testing.T, st *store.Store) *proposalFixture {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f := &proposalFixture{apiFixture: &apiFixture{t: t, st: st}}
	var err error
	f.committee, err = st.CreateCommittee(ctx, lvzhi.System(0), lvzhi.Committee{Name: "测试市政协", Level: lvzhi.LevelCity})
	must(err)
	f.term, f.sector, f.own = f.seedCommittee(f.committee, "620102", "13812345678")
	sys := lvzhi.System(f.committee.ID)
	f.second, err = st.CreateMember(ctx, sys, lvzhi.Member{CommitteeID: f.committee.ID, TermID: f.term.ID, SectorID: f.sector.ID,
		Name: "王芳", Gender: "女", IDNumber: testIDNumber("62010219700101002"), Phone: "13912345678", Employer: "某医院"})
	must(err)
	f.session, err = st.CreateSession(ctx, sys, lvzhi.Session{CommitteeID: f.committee.ID, TermID: f.term.ID, Number: 3})
	must(err)
	f.department, err = st.CreateOrgUnit(ctx, sys, lvzhi.OrgUnit{CommitteeID: f.committee.ID, Kind: lvzhi.OrgDepartment, Name: "提案委员会办公室"})
	must(err)
	f.unit, err = st.CreateOrgUnit(ctx, sys, lvzhi.OrgUnit{CommitteeID: f.committee.ID, Kind: lvzhi.OrgHandlingUnit, Name: "市交通运输局"})
	must(err)
	for _, u := range []lvzhi.User{
		{Username: "clerk", Name: "张科员", Roles: []lvzhi.Role{lvzhi.RoleStaff}, DepartmentID: f.department.ID},
		{Username: "liwei", Name: "李伟", Roles: []lvzhi.Role{lvzhi.RoleMember}, MemberID: f.own.ID},
		{Username: "wangfang", Name: "王芳", Roles: []lvzhi.Role{lvzhi.RoleMember}, MemberID: f.second.ID},
		{Username: "jtj", Name: "交通局联络员", Roles: []lvzhi.Role{lvzhi.RoleUnit}, UnitID: f.unit.ID},
	} {
		u.CommitteeID = f.committee.ID
		_, err = st.CreateUser(ctx, lvzhi.System(f.committee.ID), u, testPassword)
		must(err)
	}
	st.WaiveTOTP = true

	h, err := NewServer(st, Config{DataDir: t.TempDir()})
	must(err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

// act posts a proposal action and returns the status and the body.
func (f *proposalFixture) act(token string, id int64, action string, body any) (int, []byte) {
	f.t.Helper()
	return f.call("POST", fmt.Sprintf("/api/v1/proposals/%d/actions/%s", id, action), token, body)
}

// wantProposal decodes a proposal answer and checks its status and state.
func (f *proposalFixture) wantProposal(what string, status int, body []byte, wantStatus int, wantState string) proposalJSON {
	f.t.Helper()
	var p proposalJSON
	if status != wantStatus {
		f.t.Fatalf("%s: %d %s", what, status, body)
	}
	f.decode(body, &p)
	if p.State != wantState {
		f.t.Fatalf("%s: state %q, want %q: %s", what, p.State, wantState, body)
	}
	return p
}

// proposalHas reports whether list holds s.
func proposalHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

const proposalTestBody = "近年来我市机动车保有量快速增长,老城区停车位严重不足,占道停车导致交通拥堵和安全隐患。" +
	"建议:一、利用边角地和闲置地建设立体停车场;二、推动机关企事业单位停车场错时向社会开放;三、建立全市停车信息平台,实时发布空余车位。"

// TestAPIProposalLifecycle walks one proposal from a draft to its closing through the API,
// each step by the role whose job it is.
func TestAPIProposalLifecycle(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		member, staff := f.login("liwei"), f.login("clerk")

		// The member writes a draft; too short to submit, so submit names the field.
		status, body := f.call("POST", "/api/v1/proposals", member, map[string]any{
			"session_id": f.session.ID, "kind": "individual", "title": "关于缓解老城区停车难问题的建议", "category": "城乡建设",
			"body": "停车难。", "suggested_units": "市交通运输局", "publish_consent": true, "between_sessions": false,
		})
		p := f.wantProposal("create", status, body, http.StatusCreated, "draft")
		if p.ProposerID == nil || *p.ProposerID != f.own.ID || p.ProposerName != f.own.Name || p.Number != 0 || p.Body != "停车难。" ||
			p.SessionName != "第八届第三次会议" || !p.PublishConsent || !proposalHas(p.Actions, "submit") {
			t.Fatalf("created draft: %s", body)
		}
		id := p.ID
		path := fmt.Sprintf("/api/v1/proposals/%d", id)
		status, body = f.act(member, id, "submit", nil)
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["body"] == "" {
			t.Errorf("submit of a short body does not name the body: %s", body)
		}

		// The member completes the text and submits.
		status, body = f.call("PATCH", path, member, map[string]any{"body": proposalTestBody})
		if p = f.wantProposal("patch", status, body, http.StatusOK, "draft"); p.Body != proposalTestBody || p.Title != "关于缓解老城区停车难问题的建议" {
			t.Fatalf("patch: %s", body)
		}
		status, body = f.act(member, id, "submit", nil)
		p = f.wantProposal("submit", status, body, http.StatusOK, "review")
		if p.SubmittedAt == nil || proposalHas(p.Actions, "accept") {
			t.Errorf("submitted: %s", body)
		}

		// Filing is the office's: the member may not.
		status, body = f.act(member, id, "accept", nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden", "立案")

		status, body = f.act(staff, id, "accept", map[string]string{"note": "符合立案条件"})
		p = f.wantProposal("accept", status, body, http.StatusOK, "accepted")
		if p.Number != 1 || p.NumberLabel != "第八届第三次会议第0001号" || !proposalHas(p.Actions, "assign") {
			t.Fatalf("accepted: %s", body)
		}
		status, body = f.act(staff, id, "assign", map[string]any{"units": []map[string]any{{"unit_id": f.unit.ID, "role": "lead"}}, "mode": "single"})
		p = f.wantProposal("assign", status, body, http.StatusOK, "handling")
		if p.Deadline == nil || p.AssignedAt == nil || p.Mode != "single" || len(p.Units) != 1 || p.Units[0].UnitID != f.unit.ID || p.Units[0].Role != "lead" {
			t.Fatalf("assigned: %s", body)
		}

		// The unit sees it in its inbox, contacts the proposer, asks for more time and replies.
		unit := f.login("jtj")
		status, body = f.call("GET", "/api/v1/proposals", unit, nil)
		var page listJSON[proposalSummaryJSON]
		if f.decode(body, &page); status != http.StatusOK || page.Total != 1 || len(page.Items) != 1 || page.Items[0].ID != id ||
			page.Items[0].State != "handling" || page.Items[0].Deadline == nil || page.Items[0].NumberLabel != p.NumberLabel {
			t.Fatalf("unit inbox: %d %s", status, body)
		}
		if strings.Contains(string(body), `"body"`) {
			t.Errorf("list items carry the body: %s", body)
		}
		status, body = f.call("GET", path, unit, nil)
		if p = f.wantProposal("unit get", status, body, http.StatusOK, "handling"); !proposalHas(p.Actions, "reply") || !proposalHas(p.Actions, "contact") || proposalHas(p.Actions, "approve_reply") {
			t.Errorf("unit's actions: %v", p.Actions)
		}
		status, body = f.act(unit, id, "contact", map[string]string{"way": "phone", "on_date": "2026-03-10", "note": "电话沟通办理思路"})
		if p = f.wantProposal("contact", status, body, http.StatusOK, "handling"); len(p.Contacts) != 1 || p.Contacts[0].Way != "phone" {
			t.Fatalf("contact: %s", body)
		}
		until := p.Deadline.AddDate(0, 0, 30).Format("2006-01-02")
		status, body = f.act(unit, id, "request_extension", map[string]string{"until": until, "note": "需跨部门协调"})
		if p = f.wantProposal("request extension", status, body, http.StatusOK, "handling"); len(p.Extensions) != 1 || p.Extensions[0].State != "pending" {
			t.Fatalf("extension requested: %s", body)
		}
		status, body = f.act(staff, id, "approve_extension", map[string]any{"extension_id": p.Extensions[0].ID})
		if p = f.wantProposal("approve extension", status, body, http.StatusOK, "handling"); p.Extensions[0].State != "approved" ||
			p.Deadline.In(lvzhi.China).Format("2006-01-02") != until {
			t.Fatalf("extension approved (want deadline %s): %s", until, body)
		}
		reply := "经研究,我局已将老城区停车场建设列入年度计划,今年新建立体停车场三处,并推动二十家单位错时开放停车位。"
		status, body = f.act(unit, id, "reply", map[string]string{"class": "A", "body": reply})
		f.wantProposal("reply", status, body, http.StatusOK, "reply_review")

		// The proposer does not see a reply the office has not yet approved.
		status, body = f.call("GET", path, member, nil)
		if p = f.wantProposal("member get", status, body, http.StatusOK, "reply_review"); len(p.Replies) != 0 {
			t.Errorf("unapproved reply shown to the proposer: %s", body)
		}
		status, body = f.act(staff, id, "approve_reply", nil)
		f.wantProposal("approve reply", status, body, http.StatusOK, "replied")

		// The member rates it; satisfied closes it.
		status, body = f.call("GET", path, member, nil)
		if p = f.wantProposal("member get", status, body, http.StatusOK, "replied"); len(p.Replies) != 1 || p.Replies[0].Class != "A" ||
			p.Replies[0].Body != reply || !proposalHas(p.Actions, "evaluate") {
			t.Fatalf("replied, as the member sees it: %s", body)
		}
		status, body = f.act(member, id, "evaluate", map[string]string{"result": "satisfied"})
		if p = f.wantProposal("evaluate", status, body, http.StatusOK, "closed"); len(p.Evaluations) != 1 || p.Evaluations[0].Result != "satisfied" {
			t.Fatalf("evaluated: %s", body)
		}

		// An action the state does not allow: 409 naming the state and the action.
		status, body = f.act(staff, id, "accept", nil)
		f.wantError(status, body, http.StatusConflict, "conflict", "已办结", "立案")
		status, body = f.act(staff, id, "fly", nil)
		f.wantError(status, body, http.StatusNotFound, "not_found", "fly")

		// The history has every step, in order.
		status, body = f.call("GET", path+"/events", member, nil)
		var events listJSON[eventJSON]
		f.decode(body, &events)
		want := []string{"create", "update", "submit", "accept", "assign", "contact", "request_extension", "approve_extension",
			"reply", "approve_reply", "evaluate"}
		var got []string
		for i := len(events.Items) - 1; i >= 0; i-- {
			got = append(got, events.Items[i].Action)
		}
		if status != http.StatusOK || strings.Join(got, " ") != strings.Join(want, " ") || events.Total != len(want) {
			t.Fatalf("events: got %v, want %v (%d %s)", got, want, status, body)
		}
		if last := events.Items[0]; last.FromState != "replied" || last.ToState != "closed" || last.ActorName != "李伟" {
			t.Errorf("last event: %+v", last)
		}
		byAction := map[string]eventJSON{}
		for _, e := range events.Items {
			byAction[e.Action] = e
		}
		if e := byAction["accept"]; !strings.Contains(e.Note, "第0001号") || e.FromState != "review" || e.ToState != "accepted" {
			t.Errorf("accept event: %+v", e)
		}
		if e := byAction["assign"]; !strings.Contains(e.Note, "市交通运输局") || e.ActorName != "张科员" {
			t.Errorf("assign event: %+v", e)
		}
		if e := byAction["contact"]; !strings.Contains(e.Note, "电话沟通办理思路") || e.ActorName != "交通局联络员" {
			t.Errorf("contact event: %+v", e)
		}
	})
}

// TestAPIProposalListsAndSimilar covers the list's filters, the near-duplicate search, the
// settings and the reasons.
func TestAPIProposalListsAndSimilar(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		member, other, staff := f.login("liwei"), f.login("wangfang"), f.login("clerk")

		create := func(token, title, body string) int64 {
			t.Helper()
			status, raw := f.call("POST", "/api/v1/proposals", token, map[string]any{"session_id": f.session.ID,
				"title": title, "category": "城乡建设", "body": body})
			p := f.wantProposal("create", status, raw, http.StatusCreated, "draft")
			return p.ID
		}
		first := create(member, "关于缓解老城区停车难问题的建议", proposalTestBody)
		if status, body := f.act(member, first, "submit", nil); status != http.StatusOK {
			t.Fatalf("submit: %d %s", status, body)
		}
		// A near copy by another member, submitted too, and an unrelated draft.
		copyBody := strings.Replace(proposalTestBody, "近年来", "这几年", 1) + "四、加强违停执法。"
		second := create(other, "关于解决老城区停车难问题的建议", copyBody)
		if status, body := f.act(other, second, "submit", nil); status != http.StatusOK {
			t.Fatalf("submit copy: %d %s", status, body)
		}
		draft := create(member, "关于加强中小学课后服务的建议", "建议完善课后服务经费保障机制,鼓励退休教师和社会力量参与,丰富课后服务内容,减轻家长接送负担。")

		// Near-duplicates of a proposal: the other one, not itself.
		status, body := f.call("GET", fmt.Sprintf("/api/v1/proposals/%d/similar?min=0.3&limit=10", second), staff, nil)
		var sim listJSON[proposalSimilarJSON]
		if f.decode(body, &sim); status != http.StatusOK || sim.Total != 1 || sim.Items[0].Proposal.ID != first ||
			sim.Items[0].Similarity < 0.5 || sim.Items[0].Similarity > 1 {
			t.Fatalf("similar to the copy: %d %s", status, body)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/proposals/%d/similar?min=2", second), staff, nil)
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["min"] == "" {
			t.Errorf("min out of range not named: %s", body)
		}
		// Near-duplicates of the text being written: both submitted ones; drafts never.
		status, body = f.call("POST", "/api/v1/proposals/similar", member, map[string]string{"title": "关于老城区停车难的建议", "body": proposalTestBody})
		if f.decode(body, &sim); status != http.StatusOK || sim.Total != 2 || sim.Items[0].Proposal.ID != first || sim.Items[0].Similarity < sim.Items[1].Similarity {
			t.Fatalf("similar to text: %d %s", status, body)
		}
		status, body = f.call("POST", "/api/v1/proposals/similar", member, map[string]string{"title": "无关", "body": "今天天气很好,适合出门散步。"})
		if f.decode(body, &sim); status != http.StatusOK || sim.Total != 0 || sim.Items == nil {
			t.Errorf("similar to unrelated text: %d %s", status, body)
		}

		// Lists: a member sees the submitted proposals and their own draft, not another's.
		status, body = f.call("GET", "/api/v1/proposals", other, nil)
		var page listJSON[proposalSummaryJSON]
		if f.decode(body, &page); status != http.StatusOK || page.Total != 2 {
			t.Errorf("another member's list: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/proposals?state=draft", member, nil)
		if f.decode(body, &page); status != http.StatusOK || page.Total != 1 || page.Items[0].ID != draft {
			t.Errorf("own drafts: %d %s", status, body)
		}
		status, body = f.call("GET", fmt.Sprintf("/api/v1/proposals/%d", draft), other, nil)
		f.wantError(status, body, http.StatusNotFound, "not_found")
		for query, want := range map[string]int{
			"":                              3,
			"?q=" + url.QueryEscape("停车"):   2,
			"?q=" + url.QueryEscape("课后服务"): 1,
			fmt.Sprintf("?session_id=%d", f.session.ID): 3,
			fmt.Sprintf("?proposer_id=%d", f.second.ID): 1,
			"?category=" + url.QueryEscape("城乡建设"):      3,
			"?category=" + url.QueryEscape("教育事业"):      0,
			"?state=review&key=false":                   2,
			"?key=true":                                 0,
			"?overdue=true":                             0,
			fmt.Sprintf("?unit_id=%d", f.unit.ID):       0,
			"?per_page=1&page=2":                        3,
		} {
			status, body = f.call("GET", "/api/v1/proposals"+query, staff, nil)
			if f.decode(body, &page); status != http.StatusOK || page.Total != want {
				t.Errorf("list %q: total %d, want %d (%d %s)", query, page.Total, want, status, body)
			}
		}
		status, body = f.call("GET", "/api/v1/proposals?key=maybe&unit_id=x", staff, nil)
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["key"] == "" || e.Fields["unit_id"] == "" {
			t.Errorf("bad filters not named: %s", body)
		}

		// PATCH only while the proposer's: the submitted one is not editable.
		status, body = f.call("PATCH", fmt.Sprintf("/api/v1/proposals/%d", first), member, map[string]string{"title": "改"})
		f.wantError(status, body, http.StatusConflict, "conflict", "审查中")
		status, body = f.call("PATCH", fmt.Sprintf("/api/v1/proposals/%d", draft), member, map[string]any{"session_id": 9})
		f.wantError(status, body, http.StatusUnprocessableEntity, "invalid", "session_id")

		// Reject with the regulation's reasons, read back with their labels.
		status, body = f.act(staff, second, "reject", map[string]any{"reasons": []string{"nonsense"}})
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["reasons"] == "" {
			t.Errorf("unknown reason not named: %s", body)
		}
		status, body = f.act(staff, second, "reject", map[string]any{"reasons": []string{"vague"}, "note": "与第1件重复"})
		if p := f.wantProposal("reject", status, body, http.StatusOK, "rejected"); len(p.RejectReasons) != 1 || p.RejectReasons[0].Label != lvzhi.RejectReasonLabel("vague") {
			t.Errorf("rejected: %s", body)
		}
		status, body = f.act(staff, first, "invite", map[string]any{"cosign_deadline": "tomorrow"})
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["cosign_deadline"] == "" {
			t.Errorf("bad time not named: %s", body)
		}

		// The reasons and the settings.
		status, body = f.call("GET", "/api/v1/reject-reasons", member, nil)
		var reasons listJSON[rejectReasonJSON]
		if f.decode(body, &reasons); status != http.StatusOK || reasons.Total != 10 || reasons.Items[0].Code != "secret" || reasons.Items[0].Label == "" {
			t.Errorf("reasons: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/proposal-settings", member, nil)
		var set proposalSettingsJSON
		if f.decode(body, &set); status != http.StatusOK || set.HandlingMonths != 3 || len(set.Categories) == 0 || set.ReplyClasses["A"] == "" || set.FixedDeadline != nil {
			t.Fatalf("settings: %d %s", status, body)
		}
		set.Categories = append(set.Categories, "乡村振兴")
		set.HandlingMonths = 2
		d := "2026-06-30"
		set.FixedDeadline = &d
		status, body = f.call("PUT", "/api/v1/proposal-settings", member, set)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("PUT", "/api/v1/proposal-settings", staff, map[string]any{"categories": []string{"经济"}})
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["handling_months"] == "" {
			t.Errorf("missing field not named: %s", body)
		}
		status, body = f.call("PUT", "/api/v1/proposal-settings", staff, set)
		var saved proposalSettingsJSON
		if f.decode(body, &saved); status != http.StatusOK || saved.HandlingMonths != 2 || !proposalHas(saved.Categories, "乡村振兴") ||
			saved.FixedDeadline == nil || *saved.FixedDeadline != d {
			t.Fatalf("saved settings: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/proposal-settings", member, nil)
		if f.decode(body, &saved); status != http.StatusOK || saved.HandlingMonths != 2 || saved.FixedDeadline == nil || *saved.FixedDeadline != d {
			t.Errorf("settings read back: %d %s", status, body)
		}
	})
}

// TestAPIProposalCosign covers a joint proposal: invitation, a co-signer's answer, the end of
// co-signing.
func TestAPIProposalCosign(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		member, other := f.login("liwei"), f.login("wangfang")
		status, body := f.call("POST", "/api/v1/proposals", member, map[string]any{"session_id": f.session.ID, "kind": "joint",
			"title": "关于缓解老城区停车难问题的建议", "category": "城乡建设", "body": proposalTestBody})
		p := f.wantProposal("create", status, body, http.StatusCreated, "draft")
		status, body = f.act(member, p.ID, "submit", nil)
		f.wantError(status, body, http.StatusConflict, "conflict", "征集联名")
		deadline := st.Now().AddDate(0, 0, 7).Format("2006-01-02T15:04:05Z07:00")
		status, body = f.act(member, p.ID, "invite", map[string]any{"cosigners": []int64{f.second.ID}, "cosign_deadline": deadline})
		if p = f.wantProposal("invite", status, body, http.StatusOK, "cosigning"); len(p.Cosigners) != 1 || p.Cosigners[0].State != "invited" || p.CosignDeadline == nil {
			t.Fatalf("invited: %s", body)
		}
		cosign := fmt.Sprintf("/api/v1/proposals/%d/cosign", p.ID)
		status, body = f.call("POST", cosign, other, map[string]any{})
		f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")
		status, body = f.call("POST", cosign, member, map[string]any{"confirm": true})
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		if status, body = f.call("POST", cosign, other, map[string]any{"confirm": true}); status != http.StatusNoContent {
			t.Fatalf("cosign: %d %s", status, body)
		}
		status, body = f.act(member, p.ID, "finish_cosign", nil)
		if p = f.wantProposal("finish cosign", status, body, http.StatusOK, "review"); p.Cosigners[0].State != "confirmed" {
			t.Errorf("after co-signing: %s", body)
		}
		// The co-signer finds it among their proposals.
		status, body = f.call("GET", fmt.Sprintf("/api/v1/proposals?proposer_id=%d", f.second.ID), other, nil)
		var page listJSON[proposalSummaryJSON]
		if f.decode(body, &page); status != http.StatusOK || page.Total != 1 || page.Items[0].ID != p.ID {
			t.Errorf("co-signer's proposals: %d %s", status, body)
		}
	})
}
