package store

import (
	"slices"
	"strings"
	"testing"

	"lvzhi"
)

// TestProposalReviewAlternatives covers the review's other outcomes: return and resubmit,
// reject with the regulation's reasons, merge, convert and withdraw.
func TestProposalReviewAlternatives(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx, staff, member := pf.ctx, pf.staff, pf.mem[0]
		refused := func(p lvzhi.Proposal, action string, in lvzhi.ProposalActionInput, field string) {
			t.Helper()
			events := proposalEvents(t, st, p.ID)
			_, err := st.ActProposal(ctx, staff, p.ID, action, in)
			wantField(t, err, field, action+" refused")
			if got := stateOf(t, st, p.ID); got != p.State {
				t.Fatalf("refused %s moved the state %q → %q", action, p.State, got)
			}
			if got := proposalEvents(t, st, p.ID); got != events {
				t.Fatalf("refused %s wrote events: %d → %d", action, events, got)
			}
		}

		// Return for revision needs a note; the proposer edits and resubmits.
		p := pf.submitted(t, 0, propTexts[0])
		refused(p, "return", lvzhi.ProposalActionInput{Note: "  "}, "note")
		p = pf.act(t, staff, p.ID, "return", lvzhi.ProposalActionInput{Note: "请补充本市养老服务设施的现状数据"})
		if p.State != lvzhi.ProposalReturned {
			t.Fatalf("returned: %q", p.State)
		}
		p.Body += "截至去年底,全市共有社区养老服务站一百二十个。"
		if err := st.UpdateProposal(ctx, member, p); err != nil {
			t.Fatalf("proposer edits a returned proposal: %v", err)
		}
		if _, err := st.ActProposal(ctx, pf.mem[1], p.ID, "resubmit", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("another member resubmits: %v, want forbidden", err)
		}
		p = pf.act(t, member, p.ID, "resubmit", lvzhi.ProposalActionInput{})
		if p.State != lvzhi.ProposalReview {
			t.Fatalf("resubmitted: %q", p.State)
		}
		if err := st.UpdateProposal(ctx, member, p); lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Fatalf("editing a proposal in review: %v, want conflict", err)
		}

		// Reject: at least one reason, every one of the regulation's list.
		r := pf.submitted(t, 1, propTexts[1])
		refused(r, "reject", lvzhi.ProposalActionInput{}, "reasons")
		refused(r, "reject", lvzhi.ProposalActionInput{Reasons: []string{"vague", "boring"}}, "reasons")
		r = pf.act(t, staff, r.ID, "reject", lvzhi.ProposalActionInput{Reasons: []string{"vague", "academic"}})
		if r.State != lvzhi.ProposalRejected || !slices.Equal(r.RejectReasons, []string{"vague", "academic"}) {
			t.Fatalf("rejected: state %q reasons %v", r.State, r.RejectReasons)
		}
		if r.Number != 0 {
			t.Errorf("a rejected proposal has number %d", r.Number)
		}
		hist, _ := st.ProposalHistory(ctx, staff, r.ID)
		if len(hist) == 0 || hist[0].Action != "reject" || !strings.Contains(hist[0].Note, lvzhi.RejectReasonLabel("vague")) {
			t.Errorf("reject event = %+v, want the reasons' labels in the note", hist)
		}

		// Merge into a main proposal in review, accepted or handling; not itself, not a
		// proposal of another committee, not one in another state.
		main := pf.submitted(t, 2, propTexts[2])
		draft := pf.draft(t, 3, pf.Session, propTexts[3])
		closed := pf.toState(t, lvzhi.ProposalClosed, propTexts[4])
		otherP, err := st.CreateProposal(ctx, pf.otherMem, lvzhi.Proposal{SessionID: pf.OtherSession, Kind: lvzhi.ProposalIndividual,
			Title: propTexts[2].Title, Category: propTexts[2].Category, Body: propTexts[2].Body})
		if err != nil {
			t.Fatalf("create a proposal of the other committee: %v", err)
		}
		pf.act(t, pf.otherMem, otherP.ID, "submit", lvzhi.ProposalActionInput{})
		m := pf.submitted(t, 0, propTexts[2])
		refused(m, "merge", lvzhi.ProposalActionInput{}, "merge_into")
		refused(m, "merge", lvzhi.ProposalActionInput{MergeInto: m.ID}, "merge_into")
		refused(m, "merge", lvzhi.ProposalActionInput{MergeInto: otherP.ID}, "merge_into")
		refused(m, "merge", lvzhi.ProposalActionInput{MergeInto: draft.ID}, "merge_into")
		refused(m, "merge", lvzhi.ProposalActionInput{MergeInto: closed.ID}, "merge_into")
		refused(m, "merge", lvzhi.ProposalActionInput{MergeInto: 1 << 40}, "merge_into")
		m = pf.act(t, staff, m.ID, "merge", lvzhi.ProposalActionInput{MergeInto: main.ID})
		if m.State != lvzhi.ProposalMerged || m.MergedInto != main.ID {
			t.Fatalf("merged: state %q into %d, want merged into %d", m.State, m.MergedInto, main.ID)
		}
		refused(pf.submitted(t, 1, propTexts[2]), "merge", lvzhi.ProposalActionInput{MergeInto: m.ID}, "merge_into") // into a merged one
		for _, state := range []string{lvzhi.ProposalAccepted, lvzhi.ProposalHandling} {
			target := pf.toState(t, state, propTexts[5])
			x := pf.submitted(t, 1, propTexts[5])
			x = pf.act(t, staff, x.ID, "merge", lvzhi.ProposalActionInput{MergeInto: target.ID})
			if x.State != lvzhi.ProposalMerged || x.MergedInto != target.ID {
				t.Fatalf("merge into a proposal %s: state %q into %d", state, x.State, x.MergedInto)
			}
		}

		// Convert to an opinion report or a letter.
		c := pf.submitted(t, 2, propTexts[6])
		refused(c, "convert", lvzhi.ProposalActionInput{ConvertTo: "email"}, "convert_to")
		refused(c, "convert", lvzhi.ProposalActionInput{}, "convert_to")
		c = pf.act(t, staff, c.ID, "convert", lvzhi.ProposalActionInput{ConvertTo: "opinion"})
		if c.State != lvzhi.ProposalConverted || c.ConvertedTo != "opinion" {
			t.Fatalf("converted: %q %q", c.State, c.ConvertedTo)
		}
		l := pf.act(t, staff, pf.submitted(t, 2, propTexts[7]).ID, "convert", lvzhi.ProposalActionInput{ConvertTo: "letter"})
		if l.State != lvzhi.ProposalConverted || l.ConvertedTo != "letter" {
			t.Fatalf("converted to a letter: %q %q", l.State, l.ConvertedTo)
		}

		// Withdraw needs a note, from review, returned or accepted.
		for _, state := range []string{lvzhi.ProposalReview, lvzhi.ProposalReturned, lvzhi.ProposalAccepted} {
			w := pf.toState(t, state, propTexts[8])
			refused(w, "withdraw", lvzhi.ProposalActionInput{}, "note")
			if _, err := st.ActProposal(ctx, member, w.ID, "withdraw", lvzhi.ProposalActionInput{Note: "不想提了"}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
				t.Fatalf("the proposer withdraws it alone: %v, want forbidden (the office withdraws)", err)
			}
			w = pf.act(t, staff, w.ID, "withdraw", lvzhi.ProposalActionInput{Note: "经与提案人沟通,同意撤案"})
			if w.State != lvzhi.ProposalWithdrawn {
				t.Fatalf("withdrawn from %s: %q", state, w.State)
			}
		}
	})
}

// TestProposalDisallowedActions tries every action of the workflow in every state where the
// table does not allow it: each is a conflict naming the state and the action in Chinese, and
// neither the state nor the history changes.
func TestProposalDisallowedActions(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		sys := lvzhi.System(pf.City) // allowed everything: only the state decides
		w := lvzhi.ProposalWorkflow
		states := make([]string, 0, len(w.StateLabel))
		for s := range w.StateLabel {
			states = append(states, s)
		}
		slices.Sort(states)
		actions := make([]string, 0, len(w.ActionLabel))
		for a := range w.ActionLabel {
			actions = append(actions, a)
		}
		slices.Sort(actions)
		tried := 0
		for i, state := range states {
			p := pf.toState(t, state, propTexts[i%len(propTexts)])
			if p.State != state {
				t.Fatalf("toState(%s) gave %s", state, p.State)
			}
			allowed := w.Allowed(state)
			for _, action := range actions {
				if slices.Contains(allowed, action) {
					continue
				}
				tried++
				events := proposalEvents(t, st, p.ID)
				before, err := st.Proposal(pf.ctx, sys, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				_, err = st.ActProposal(pf.ctx, sys, p.ID, action, lvzhi.ProposalActionInput{Note: "测试", Reasons: []string{"vague"},
					ConvertTo: "letter", Units: assignIn(pf.Units[0]).Units, Mode: "single", Result: lvzhi.Satisfied})
				wantCode(t, err, lvzhi.ErrConflict, state+" × "+action)
				wantMessage(t, err, state+" × "+action, "“"+w.StateLabel[state]+"”", "“"+w.ActionLabel[action]+"”")
				after, err := st.Proposal(pf.ctx, sys, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if after.State != state || !after.Updated.Equal(before.Updated) || after.Number != before.Number || after.Deadline != before.Deadline {
					t.Fatalf("%s × %s changed the proposal: %+v → %+v", state, action, before, after)
				}
				if got := proposalEvents(t, st, p.ID); got != events {
					t.Fatalf("%s × %s wrote events: %d → %d", state, action, events, got)
				}
			}
		}
		if tried < 200 {
			t.Fatalf("tried only %d disallowed pairs", tried)
		}
		// The roles' own refusals come from the state too: a member submitting twice.
		p := pf.submitted(t, 0, propTexts[0])
		_, err := st.ActProposal(pf.ctx, pf.mem[0], p.ID, "submit", lvzhi.ProposalActionInput{})
		wantCode(t, err, lvzhi.ErrConflict, "submitting twice")
		wantMessage(t, err, "submitting twice", "审查中", "提交")
		// An action nobody knows is invalid, not a conflict.
		_, err = st.ActProposal(pf.ctx, sys, p.ID, "teleport", lvzhi.ProposalActionInput{})
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrForbidden {
			t.Fatalf("unknown action: %v, want invalid", err)
		}
	})
}
