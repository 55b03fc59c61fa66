package store

import (
	"testing"

	"lvzhi"
)

// TestProposalPermissions checks who reads, lists and acts on proposals: members, the
// office, handling units, leaders, another committee and the public.
func TestProposalPermissions(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		readCode := func(a lvzhi.Actor, id int64) lvzhi.ErrorCode {
			t.Helper()
			_, err := st.Proposal(ctx, a, id)
			if err == nil {
				return ""
			}
			return lvzhi.ErrorCodeOf(err)
		}

		// A member's draft is theirs alone (and the office's): others get not found.
		draft := pf.draft(t, 0, pf.Session, propTexts[0])
		if c := readCode(pf.mem[0], draft.ID); c != "" {
			t.Fatalf("proposer reads own draft: %s", c)
		}
		if c := readCode(pf.staff, draft.ID); c != "" {
			t.Fatalf("the office reads a draft: %s", c)
		}
		if c := readCode(pf.mem[1], draft.ID); c != lvzhi.ErrNotFound {
			t.Fatalf("another member reads a draft: %q, want not_found", c)
		}
		if _, err := st.ProposalHistory(ctx, pf.mem[1], draft.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Fatalf("another member reads a draft's history: %v, want not_found", err)
		}
		if err := st.UpdateProposal(ctx, pf.mem[1], draft); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("another member edits a draft: %v, want forbidden", err)
		}
		if _, err := st.ActProposal(ctx, pf.mem[1], draft.ID, "submit", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("another member submits a draft: %v, want forbidden", err)
		}
		list, _ := pf.list(t, pf.mem[1], lvzhi.ProposalFilter{})
		if len(list) != 0 {
			t.Fatalf("another member's list shows a draft: %v", ids(list))
		}
		list, _ = pf.list(t, pf.mem[0], lvzhi.ProposalFilter{})
		if !sameIDs(ids(list), []int64{draft.ID}) {
			t.Fatalf("the proposer's list = %v, want the draft", ids(list))
		}
		if c := readCode(pf.leader, draft.ID); c != lvzhi.ErrNotFound {
			t.Fatalf("a leader reads a member's draft: %q, want not_found", c)
		}
		// Submitted, it is the committee's.
		pf.act(t, pf.mem[0], draft.ID, "submit", lvzhi.ProposalActionInput{})
		for _, a := range []lvzhi.Actor{pf.mem[1], pf.leader, pf.staff} {
			if c := readCode(a, draft.ID); c != "" {
				t.Fatalf("%s reads a submitted proposal: %s", a.Username, c)
			}
		}
		list, _ = pf.list(t, pf.mem[1], lvzhi.ProposalFilter{})
		if !sameIDs(ids(list), []int64{draft.ID}) {
			t.Fatalf("another member's list after submit = %v", ids(list))
		}

		// Another committee and the public do not read it.
		if c := readCode(pf.otherStaff, draft.ID); c != lvzhi.ErrForbidden && c != lvzhi.ErrNotFound {
			t.Fatalf("another committee's staff reads the proposal: %q", c)
		}
		if c := readCode(pf.otherMem, draft.ID); c != lvzhi.ErrForbidden && c != lvzhi.ErrNotFound {
			t.Fatalf("another committee's member reads the proposal: %q", c)
		}
		if c := readCode(lvzhi.Actor{}, draft.ID); c != lvzhi.ErrUnauthorized {
			t.Fatalf("the public reads the proposal: %q, want unauthorized", c)
		}
		if _, _, err := st.ListProposals(ctx, pf.otherStaff, lvzhi.ProposalFilter{CommitteeID: pf.City}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("another committee's staff lists the city's proposals: %v", err)
		}
		if _, err := st.ActProposal(ctx, pf.otherStaff, draft.ID, "accept", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("another committee's staff accepts: %v, want forbidden", err)
		}
		// Members and units do not review.
		for _, a := range []lvzhi.Actor{pf.mem[0], pf.mem[1], pf.unit[0], pf.leader} {
			events := proposalEvents(t, st, draft.ID)
			_, err := st.ActProposal(ctx, a, draft.ID, "accept", lvzhi.ProposalActionInput{})
			wantCode(t, err, lvzhi.ErrForbidden, a.Username+" accepts")
			wantMessage(t, err, a.Username+" accepts", "立案")
			if stateOf(t, st, draft.ID) != lvzhi.ProposalReview || proposalEvents(t, st, draft.ID) != events {
				t.Fatalf("a refused accept changed the proposal")
			}
		}

		// Units see and act on what is assigned to them, and nothing else.
		a := pf.act(t, pf.staff, draft.ID, "accept", lvzhi.ProposalActionInput{})
		a = pf.act(t, pf.staff, a.ID, "assign", assignIn(pf.Units[0]))
		b := pf.toState(t, lvzhi.ProposalHandling, propTexts[1])
		// b goes back from unit 0 (ActProposal's own error is another test's matter) and leaves its inbox.
		st.ActProposal(ctx, pf.unit[0], b.ID, "send_back", lvzhi.ProposalActionInput{Note: "不属于我局职责"})
		if stateOf(t, st, b.ID) != lvzhi.ProposalAccepted {
			t.Fatalf("send_back did not happen")
		}
		c := pf.toState(t, lvzhi.ProposalAccepted, propTexts[2])
		c = pf.act(t, pf.staff, c.ID, "assign", lvzhi.ProposalActionInput{Mode: "split", Units: []lvzhi.ProposalUnit{
			{UnitID: pf.Units[1], Role: lvzhi.UnitLead}, {UnitID: pf.Units[0], Role: lvzhi.UnitJoint}}})
		pf.toState(t, lvzhi.ProposalReview, propTexts[3])
		list, total := pf.list(t, pf.unit[0], lvzhi.ProposalFilter{})
		if total != 2 || !sameIDs(ids(list), []int64{a.ID, c.ID}) {
			t.Fatalf("unit 0 lists %v (total %d), want %v", ids(list), total, []int64{a.ID, c.ID})
		}
		list, total = pf.list(t, pf.unit[1], lvzhi.ProposalFilter{})
		if total != 1 || !sameIDs(ids(list), []int64{c.ID}) {
			t.Fatalf("unit 1 lists %v (total %d), want [%d]", ids(list), total, c.ID)
		}
		list, total = pf.list(t, pf.unit[3], lvzhi.ProposalFilter{})
		if total != 0 || len(list) != 0 {
			t.Fatalf("unit 3 with nothing assigned lists %v (total %d)", ids(list), total)
		}
		// Asking for another unit's inbox does not widen a unit's view.
		list, _ = pf.list(t, pf.unit[3], lvzhi.ProposalFilter{UnitID: pf.Units[0]})
		if len(list) != 0 {
			t.Fatalf("unit 3 asking for unit 0's inbox lists %v", ids(list))
		}
		if code := readCode(pf.unit[1], a.ID); code != lvzhi.ErrForbidden && code != lvzhi.ErrNotFound {
			t.Fatalf("unit 1 reads a proposal of unit 0: %q", code)
		}
		_, err := st.ActProposal(ctx, pf.unit[1], a.ID, "reply", lvzhi.ProposalActionInput{Class: "A", Body: replyBody})
		if code := lvzhi.ErrorCodeOf(err); code != lvzhi.ErrForbidden && code != lvzhi.ErrNotFound {
			t.Fatalf("unit 1 replies to a proposal of unit 0: %v", err)
		}
		_, err = st.ActProposal(ctx, pf.unit[1], a.ID, "request_extension", lvzhi.ProposalActionInput{Until: a.Deadline.AddDate(0, 0, 10), Note: "x"})
		if code := lvzhi.ErrorCodeOf(err); code != lvzhi.ErrForbidden && code != lvzhi.ErrNotFound {
			t.Fatalf("unit 1 asks an extension of a proposal of unit 0: %v", err)
		}
		if stateOf(t, st, a.ID) != lvzhi.ProposalHandling {
			t.Fatalf("refused unit actions changed the state")
		}
		// A member cannot act as a unit.
		_, err = st.ActProposal(ctx, pf.mem[0], a.ID, "reply", lvzhi.ProposalActionInput{Class: "A", Body: replyBody})
		wantCode(t, err, lvzhi.ErrForbidden, "the proposer replies to their own proposal")
	})
}

// TestProposalGroupDraftPrivate: a group proposal entered by the office has no proposer
// member; while it is a draft only the office sees it, not a leader (who has no member record).
func TestProposalGroupDraftPrivate(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		text := propTexts[6]
		g, err := st.CreateProposal(pf.ctx, pf.staff, lvzhi.Proposal{SessionID: pf.Session, Kind: lvzhi.ProposalGroup, GroupID: pf.Sectors[2], Signer: "召集人",
			Title: text.Title, Category: text.Category, Body: text.Body})
		if err != nil {
			t.Fatalf("office enters a group proposal: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		if g.ProposerName != "经济界" || g.ProposerID != 0 {
			t.Fatalf("group proposal signed %q by member %d, want 经济界 and no member", g.ProposerName, g.ProposerID)
		}
		list, _ := pf.list(t, pf.leader, lvzhi.ProposalFilter{})
		if len(list) != 0 {
			t.Fatalf("a leader's list shows a group draft")
		}
		if _, err := st.Proposal(pf.ctx, pf.mem[0], g.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Fatalf("a member reads a group draft: %v, want not_found", err)
		}
		if _, err := st.Proposal(pf.ctx, pf.leader, g.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Errorf("BUG: store/proposal.go Proposal: a leader (no member record, MemberID 0) reads a group proposal's draft "+
				"(err %v) that ListProposals hides from them: the unsubmitted check `p.ProposerID != a.MemberID` is false "+
				"when both are 0; it should require a.MemberID != 0 (e.g. `a.MemberID == 0 || p.ProposerID != a.MemberID`)", err)
		}
		// Submitted, it is the committee's.
		g = pf.act(t, pf.staff, g.ID, "submit", lvzhi.ProposalActionInput{})
		if _, err := st.Proposal(pf.ctx, pf.leader, g.ID); err != nil {
			t.Fatalf("a leader reads a submitted group proposal: %v", err)
		}
	})
}
