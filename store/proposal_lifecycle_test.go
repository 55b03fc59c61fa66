package store

import (
	"slices"
	"testing"
	"time"

	"lvzhi"
)

// TestProposalLifecycle follows one proposal from the member's draft to its close: submit,
// accept with its number, assign, contact, extensions, reply and its check, a dissatisfied
// evaluation that reopens handling and the second round closed by another.
func TestProposalLifecycle(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		clock := clockOf(st)
		ctx := pf.ctx
		// Signed-in accounts, so the actors are what sessions really give.
		m0 := pf.Members[0]
		pf.createUser(t, "wangjianguo", []lvzhi.Role{lvzhi.RoleMember}, func(u *lvzhi.User) { u.MemberID = m0.ID })
		pf.createUser(t, "tianban", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		pf.createUser(t, "jiaoyuju", []lvzhi.Role{lvzhi.RoleUnit}, nil) // unit fixture.Unit = Units[0]
		member, staff, lead := pf.actor(t, "wangjianguo"), pf.actor(t, "tianban"), pf.actor(t, "jiaoyuju")
		joint, assist, stranger := pf.unit[1], pf.unit[2], pf.unit[3]
		if member.MemberID != m0.ID || lead.UnitID != pf.Units[0] {
			t.Fatalf("signed-in actors: member %+v, unit %+v", member, lead)
		}

		// A draft may be incomplete; submit asks for everything.
		text := propTexts[0]
		p, err := st.CreateProposal(ctx, member, lvzhi.Proposal{SessionID: pf.Session, Kind: lvzhi.ProposalIndividual, Body: "草稿,待补充。"})
		if err != nil {
			t.Fatalf("create an incomplete draft: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		if p.State != lvzhi.ProposalDraft || p.ProposerID != m0.ID || p.CommitteeID != pf.City || p.Number != 0 {
			t.Fatalf("new draft = %+v, want a draft of member %d in the city without a number", p, m0.ID)
		}
		_, err = st.ActProposal(ctx, member, p.ID, "submit", lvzhi.ProposalActionInput{})
		wantField(t, err, "title", "submit without a title")
		for _, f := range []string{"category", "body"} {
			if _, ok := lvzhi.ErrorFields(err)[f]; !ok {
				t.Errorf("submit of an empty draft: fields %v, want %q too", lvzhi.ErrorFields(err), f)
			}
		}
		if got := stateOf(t, st, p.ID); got != lvzhi.ProposalDraft {
			t.Fatalf("refused submit left state %q", got)
		}
		edit := func(title, category, body string) {
			t.Helper()
			p.Title, p.Category, p.Body, p.SuggestedUnits = title, category, body, text.Units
			if err := st.UpdateProposal(ctx, member, p); err != nil {
				t.Fatalf("update draft: %v (fields %v)", err, lvzhi.ErrorFields(err))
			}
		}
		edit(text.Title, "养老事业", text.Body) // not a category of the settings
		_, err = st.ActProposal(ctx, member, p.ID, "submit", lvzhi.ProposalActionInput{})
		wantField(t, err, "category", "submit with a category not in the settings")
		edit(text.Title, text.Category, string([]rune(text.Body)[:49]))
		_, err = st.ActProposal(ctx, member, p.ID, "submit", lvzhi.ProposalActionInput{})
		wantField(t, err, "body", "submit with a 49-character body")
		edit(text.Title, text.Category, string([]rune(text.Body)[:50]))
		if _, err := st.ActProposal(ctx, member, p.ID, "submit", lvzhi.ProposalActionInput{}); err != nil {
			t.Fatalf("submit with a 50-character body: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		// Back to the draft would be wrong; it is now in review. The proposal office accepts.
		if _, err := st.ActProposal(ctx, member, p.ID, "accept", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("a member accepts: %v, want forbidden", err)
		}
		p = pf.act(t, staff, p.ID, "accept", lvzhi.ProposalActionInput{})
		if p.State != lvzhi.ProposalAccepted || p.Number != 1 || p.NumberLabel() != "第十四届第三次会议第0001号" {
			t.Fatalf("accepted: state %q number %d label %q, want accepted 1 第十四届第三次会议第0001号", p.State, p.Number, p.NumberLabel())
		}
		second := pf.act(t, staff, pf.submitted(t, 1, propTexts[1]).ID, "accept", lvzhi.ProposalActionInput{})
		if second.Number != 2 || second.NumberLabel() != "第十四届第三次会议第0002号" {
			t.Fatalf("second accepted: %d %q", second.Number, second.NumberLabel())
		}
		// Numbers are per session: session 4 starts at 1 again.
		s4 := pf.draft(t, 2, pf.Session4, propTexts[2])
		pf.act(t, pf.mem[2], s4.ID, "submit", lvzhi.ProposalActionInput{})
		s4 = pf.act(t, staff, s4.ID, "accept", lvzhi.ProposalActionInput{})
		if s4.Number != 1 || s4.NumberLabel() != "第十四届第四次会议第0001号" {
			t.Fatalf("first of session 4: %d %q", s4.Number, s4.NumberLabel())
		}

		// Assignment: exactly one lead unit, a known mode, units of the committee.
		bad := []struct {
			name  string
			in    lvzhi.ProposalActionInput
			field string
		}{
			{"no lead", lvzhi.ProposalActionInput{Mode: "joint", Units: []lvzhi.ProposalUnit{{UnitID: pf.Units[1], Role: lvzhi.UnitJoint}}}, "units"},
			{"two leads", lvzhi.ProposalActionInput{Mode: "split", Units: []lvzhi.ProposalUnit{{UnitID: pf.Units[0], Role: lvzhi.UnitLead}, {UnitID: pf.Units[1], Role: lvzhi.UnitLead}}}, "units"},
			{"unknown role", lvzhi.ProposalActionInput{Mode: "single", Units: []lvzhi.ProposalUnit{{UnitID: pf.Units[0], Role: lvzhi.UnitLead}, {UnitID: pf.Units[1], Role: "helper"}}}, "units"},
			{"unknown mode", lvzhi.ProposalActionInput{Mode: "alone", Units: []lvzhi.ProposalUnit{{UnitID: pf.Units[0], Role: lvzhi.UnitLead}}}, "mode"},
			{"not a handling unit", lvzhi.ProposalActionInput{Mode: "single", Units: []lvzhi.ProposalUnit{{UnitID: pf.Dept, Role: lvzhi.UnitLead}}}, "units"},
			{"another committee's", lvzhi.ProposalActionInput{Mode: "single", Units: []lvzhi.ProposalUnit{{UnitID: pf.OtherSector, Role: lvzhi.UnitLead}}}, "units"},
		}
		for _, b := range bad {
			_, err := st.ActProposal(ctx, staff, p.ID, "assign", b.in)
			wantField(t, err, b.field, "assign with "+b.name)
		}
		if got := stateOf(t, st, p.ID); got != lvzhi.ProposalAccepted {
			t.Fatalf("refused assignments left state %q", got)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM proposal_units WHERE proposal_id = $1`, p.ID); n != 0 {
			t.Fatalf("refused assignments left %d unit rows", n)
		}
		// A unit cannot see a proposal before it is assigned to it.
		if _, err := st.Proposal(ctx, lead, p.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden && lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Fatalf("unit reads an unassigned proposal: %v", err)
		}
		assigned := clock.Now()
		p = pf.act(t, staff, p.ID, "assign", lvzhi.ProposalActionInput{Mode: "joint", Units: []lvzhi.ProposalUnit{
			{UnitID: pf.Units[0], Role: lvzhi.UnitLead}, {UnitID: pf.Units[1], Role: lvzhi.UnitJoint}, {UnitID: pf.Units[2], Role: lvzhi.UnitAssist}}})
		firstDeadline := assigned.AddDate(0, 3, 0)
		if p.State != lvzhi.ProposalHandling || p.Mode != "joint" || !p.AssignedAt.Equal(assigned) || !p.Deadline.Equal(firstDeadline) || p.Round != 1 {
			t.Fatalf("assigned: state %q mode %q assigned %v deadline %v round %d; want handling, joint, %v, %v, 1",
				p.State, p.Mode, p.AssignedAt, p.Deadline, p.Round, assigned, firstDeadline)
		}

		// The assigned units read it; another unit does not.
		for _, u := range []lvzhi.Actor{lead, joint, assist} {
			if got, err := st.Proposal(ctx, u, p.ID); err != nil || got.ID != p.ID {
				t.Fatalf("assigned unit %d reads its proposal: %v", u.UnitID, err)
			}
		}
		if _, err := st.Proposal(ctx, stranger, p.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden && lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Fatalf("an unassigned unit reads the proposal: %v, want forbidden or not found", err)
		}

		// Contact with the proposer.
		_, err = st.ActProposal(ctx, lead, p.ID, "contact", lvzhi.ProposalActionInput{Way: "email", OnDate: "2026-03-10", Note: "沟通了办理思路"})
		wantField(t, err, "way", "contact by an unknown way")
		_, err = st.ActProposal(ctx, lead, p.ID, "contact", lvzhi.ProposalActionInput{Way: "phone", OnDate: "10/03/2026", Note: "沟通了办理思路"})
		wantField(t, err, "on_date", "contact with a bad date")
		_, err = st.ActProposal(ctx, lead, p.ID, "contact", lvzhi.ProposalActionInput{Way: "phone", OnDate: "2026-03-10"})
		wantField(t, err, "note", "contact without a note")
		before := proposalEvents(t, st, p.ID)
		p = pf.act(t, lead, p.ID, "contact", lvzhi.ProposalActionInput{Way: "visit", OnDate: "2026-03-10", Note: "上门走访提案人,听取意见"})
		if p.State != lvzhi.ProposalHandling || proposalEvents(t, st, p.ID) != before+1 ||
			countRows(t, st, `SELECT COUNT(*) FROM proposal_contacts WHERE proposal_id = $1 AND unit_id = $2 AND way = 'visit'`, p.ID, pf.Units[0]) != 1 {
			t.Fatalf("contact: state %q, events %d→%d", p.State, before, proposalEvents(t, st, p.ID))
		}
		if _, err := st.ActProposal(ctx, stranger, p.ID, "contact", lvzhi.ProposalActionInput{Way: "phone", OnDate: "2026-03-10", Note: "x"}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("an unassigned unit records a contact: %v, want forbidden", err)
		}

		// Extensions: within MaxExtensionDays (92) of the first deadline, later than the current one.
		ext := func(until time.Time) error {
			_, err := st.ActProposal(ctx, lead, p.ID, "request_extension", lvzhi.ProposalActionInput{Until: until, Note: "需要会同多个部门调研"})
			return err
		}
		_, err = st.ActProposal(ctx, lead, p.ID, "request_extension", lvzhi.ProposalActionInput{Until: firstDeadline.AddDate(0, 0, 30)})
		wantField(t, err, "note", "extension without a reason")
		wantField(t, ext(firstDeadline.AddDate(0, 0, 93)), "until", "extension 93 days past the first deadline")
		wantField(t, ext(firstDeadline), "until", "extension to the current deadline")
		if err := ext(firstDeadline.AddDate(0, 0, 30)); err != nil {
			t.Fatalf("extension by 30 days: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		extID := func() int64 {
			t.Helper()
			var id int64
			if err := st.db.QueryRow(st.dialect.rebind(`SELECT MAX(id) FROM proposal_extensions WHERE proposal_id = $1 AND state = 'pending'`), p.ID).Scan(&id); err != nil {
				t.Fatalf("read the pending extension: %v", err)
			}
			return id
		}
		id1 := extID()
		if _, err := st.ActProposal(ctx, lead, p.ID, "approve_extension", lvzhi.ProposalActionInput{ExtensionID: id1}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("a unit approves its own extension: %v, want forbidden", err)
		}
		p = pf.act(t, staff, p.ID, "approve_extension", lvzhi.ProposalActionInput{ExtensionID: id1})
		if want := firstDeadline.AddDate(0, 0, 30); !p.Deadline.Equal(want) {
			t.Fatalf("approved extension: deadline %v, want %v", p.Deadline, want)
		}
		_, err = st.ActProposal(ctx, staff, p.ID, "approve_extension", lvzhi.ProposalActionInput{ExtensionID: id1})
		wantField(t, err, "extension_id", "approving the same extension twice")
		// The total stays bounded by the first deadline, not the extended one.
		wantField(t, ext(firstDeadline.AddDate(0, 0, 93)), "until", "second extension past 92 days in all")
		if err := ext(firstDeadline.AddDate(0, 0, 92)); err != nil {
			t.Fatalf("second extension to 92 days in all: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		p = pf.act(t, staff, p.ID, "refuse_extension", lvzhi.ProposalActionInput{ExtensionID: extID(), Note: "理由不充分"})
		if want := firstDeadline.AddDate(0, 0, 30); !p.Deadline.Equal(want) {
			t.Fatalf("refused extension moved the deadline to %v, want %v", p.Deadline, want)
		}

		// The reply: only the lead unit, a known class, at least 20 characters.
		reply := func(a lvzhi.Actor, class, body string) error {
			_, err := st.ActProposal(ctx, a, p.ID, "reply", lvzhi.ProposalActionInput{Class: class, Body: body})
			return err
		}
		wantField(t, reply(lead, "E", replyBody), "class", "reply of class E")
		wantField(t, reply(lead, "A", "已收悉,正在研究办理。"), "body", "a reply of 11 characters")
		wantCode(t, reply(joint, "A", replyBody), lvzhi.ErrForbidden, "a joint unit replies")
		wantCode(t, reply(assist, "A", replyBody), lvzhi.ErrForbidden, "an assisting unit replies")
		wantCode(t, reply(stranger, "A", replyBody), lvzhi.ErrForbidden, "an unassigned unit replies")
		if got := stateOf(t, st, p.ID); got != lvzhi.ProposalHandling {
			t.Fatalf("refused replies left state %q", got)
		}
		if err := reply(lead, "B", replyBody); err != nil {
			t.Fatalf("lead unit replies: %v", err)
		}
		_, err = st.ActProposal(ctx, staff, p.ID, "reject_reply", lvzhi.ProposalActionInput{})
		wantField(t, err, "note", "rejecting a reply without a note")
		p = pf.act(t, staff, p.ID, "reject_reply", lvzhi.ProposalActionInput{Note: "答复未说明具体措施和时间安排"})
		if p.State != lvzhi.ProposalHandling {
			t.Fatalf("rejected reply: state %q, want handling", p.State)
		}
		if err := reply(lead, "A", replyBody+"首批十个社区养老服务站已于本月投入使用。"); err != nil {
			t.Fatalf("lead unit replies again: %v", err)
		}
		// Joint handling (会办): the joint unit co-signs the reply before the office approves it.
		pf.act(t, joint, p.ID, "cosign_reply", lvzhi.ProposalActionInput{})
		p = pf.act(t, staff, p.ID, "approve_reply", lvzhi.ProposalActionInput{})
		if p.State != lvzhi.ProposalReplied {
			t.Fatalf("approved reply: state %q, want replied", p.State)
		}
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposal_replies WHERE proposal_id = $1 AND round = 1 AND state = 'rejected'`, p.ID); got != 1 {
			t.Errorf("rejected replies of round 1 = %d, want 1", got)
		}
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposal_replies WHERE proposal_id = $1 AND round = 1 AND state = 'approved'`, p.ID); got != 1 {
			t.Errorf("approved replies of round 1 = %d, want 1", got)
		}

		// The proposer rates it: dissatisfied needs a note and reopens handling for round 2.
		other := pf.mem[1]
		if _, err := st.ActProposal(ctx, other, p.ID, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Satisfied}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("another member evaluates: %v, want forbidden", err)
		}
		_, err = st.ActProposal(ctx, member, p.ID, "evaluate", lvzhi.ProposalActionInput{Result: "so-so"})
		wantField(t, err, "result", "an unknown evaluation")
		_, err = st.ActProposal(ctx, member, p.ID, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Dissatisfied})
		wantField(t, err, "note", "dissatisfied without a note")
		clock.Advance(100 * 24 * time.Hour)
		reopened := clock.Now()
		p = pf.act(t, member, p.ID, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Dissatisfied, Note: "措施不具体,希望重新办理"})
		if p.State != lvzhi.ProposalHandling || p.Round != 2 || !p.Deadline.Equal(reopened.AddDate(0, 3, 0)) {
			t.Fatalf("dissatisfied: state %q round %d deadline %v; want handling, 2, %v", p.State, p.Round, p.Deadline, reopened.AddDate(0, 3, 0))
		}
		if err := reply(lead, "A", replyBody+"已补充具体措施和时间表。"); err != nil {
			t.Fatalf("reply of round 2: %v", err)
		}
		// A new reply needs a new co-signature: round 1's does not carry over.
		if _, err := st.ActProposal(ctx, staff, p.ID, "approve_reply", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Fatalf("approving round 2's reply before the joint unit co-signed it: %v", err)
		}
		pf.act(t, joint, p.ID, "cosign_reply", lvzhi.ProposalActionInput{})
		pf.act(t, staff, p.ID, "approve_reply", lvzhi.ProposalActionInput{})
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposal_replies WHERE proposal_id = $1 AND round = 2 AND state = 'approved'`, p.ID); got != 1 {
			t.Errorf("approved replies of round 2 = %d, want 1", got)
		}
		// RehandlingRounds is 1: a second dissatisfied rating closes it.
		p = pf.act(t, member, p.ID, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Dissatisfied, Note: "仍不满意"})
		if p.State != lvzhi.ProposalClosed || p.Round != 2 {
			t.Fatalf("second dissatisfied rating: state %q round %d, want closed in round 2", p.State, p.Round)
		}
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposal_evaluations WHERE proposal_id = $1`, p.ID); got != 2 {
			t.Errorf("evaluations = %d, want 2", got)
		}

		// The history has one event per action, newest first, each with the actor's name.
		hist, err := st.ProposalHistory(ctx, member, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range hist {
			actions = append(actions, e.Action)
		}
		slices.Reverse(actions)
		want := []string{"create", "update", "update", "update", "submit", "accept", "assign", "contact", "request_extension",
			"approve_extension", "request_extension", "refuse_extension", "reply", "reject_reply", "reply", "cosign_reply", "approve_reply",
			"evaluate", "reply", "cosign_reply", "approve_reply", "evaluate"}
		if !slices.Equal(actions, want) {
			t.Errorf("history:\n got %v\nwant %v", actions, want)
		}
		if hist[0].ToState != lvzhi.ProposalClosed || hist[0].FromState != lvzhi.ProposalReplied || hist[0].ActorName == "" {
			t.Errorf("last event = %+v", hist[0])
		}

		// A second proposal: a satisfied rating closes it at once.
		q := pf.toState(t, lvzhi.ProposalReplied, propTexts[3])
		q = pf.act(t, pf.mem[0], q.ID, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.BasicallySatisfied})
		if q.State != lvzhi.ProposalClosed || q.Round != 1 {
			t.Fatalf("basically satisfied: state %q round %d, want closed in round 1", q.State, q.Round)
		}
	})
}

// TestProposalHandlingMonthsSetting checks the deadline follows the committee's HandlingMonths.
func TestProposalHandlingMonthsSetting(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		s := lvzhi.DefaultProposalSettings()
		s.HandlingMonths = 2
		if err := st.SetProposalSettings(pf.ctx, pf.staff, s); err != nil {
			t.Fatal(err)
		}
		p := pf.toState(t, lvzhi.ProposalHandling, propTexts[4])
		if want := st.Now().AddDate(0, 2, 0); !p.Deadline.Equal(want) {
			t.Fatalf("deadline with HandlingMonths 2 = %v, want %v", p.Deadline, want)
		}
	})
}

// TestProposalUnitSendBack: a unit returns a wrongly assigned proposal within SendBackDays;
// the action succeeds even though the unit no longer sees the proposal afterwards.
func TestProposalUnitSendBack(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		p := pf.toState(t, lvzhi.ProposalHandling, propTexts[5])
		_, err := st.ActProposal(pf.ctx, pf.unit[0], p.ID, "send_back", lvzhi.ProposalActionInput{})
		wantField(t, err, "note", "send back without a reason")
		_, err = st.ActProposal(pf.ctx, pf.unit[0], p.ID, "send_back", lvzhi.ProposalActionInput{Note: "垃圾分类不属于我局职责,建议交市城市管理局"})
		state := stateOf(t, st, p.ID)
		if err != nil {
			t.Errorf("BUG: store/proposal_action.go ActProposal: the unit's send_back was committed (state now %q) but the call "+
				"returned %v, because ActProposal re-reads the proposal as the actor (s.Proposal) and a unit that sent it back "+
				"may no longer read it; the caller is told the action failed when it did not", state, err)
		}
		if state != lvzhi.ProposalAccepted {
			t.Fatalf("after send_back: state %q, want accepted", state)
		}
		// Reassigned to the right unit, which now has it; the old unit does not.
		p = pf.act(t, pf.staff, p.ID, "assign", assignIn(pf.Units[3]))
		if _, err := st.Proposal(pf.ctx, pf.unit[3], p.ID); err != nil {
			t.Fatalf("new unit reads it: %v", err)
		}
		if _, err := st.Proposal(pf.ctx, pf.unit[0], p.ID); err == nil {
			t.Fatalf("the unit that sent it back still reads it")
		}
		// Past SendBackDays (10) the unit may not send it back.
		clockOf(st).Advance(11 * 24 * time.Hour)
		_, err = st.ActProposal(pf.ctx, pf.unit[3], p.ID, "send_back", lvzhi.ProposalActionInput{Note: "不属于我局职责"})
		wantCode(t, err, lvzhi.ErrConflict, "send back after 11 days")
	})
}
