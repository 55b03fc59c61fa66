package store

import (
	"testing"
	"time"

	"lvzhi"
)

// TestProposalOverdue lists the proposals in handling past their deadline, and no others.
func TestProposalOverdue(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		clock := clockOf(st)
		early := pf.toState(t, lvzhi.ProposalHandling, propTexts[0]) // due in 3 months
		clock.Advance(30 * 24 * time.Hour)
		late := pf.toState(t, lvzhi.ProposalHandling, propTexts[1]) // due a month later
		replied := pf.toState(t, lvzhi.ProposalReplyReview, propTexts[2])
		list, _ := pf.list(t, pf.staff, lvzhi.ProposalFilter{Overdue: true})
		if len(list) != 0 {
			t.Fatalf("overdue before any deadline: %v", ids(list))
		}
		// One second after the first deadline.
		clock.Advance(early.Deadline.Sub(clock.Now()) + time.Second)
		list, _ = pf.list(t, pf.staff, lvzhi.ProposalFilter{Overdue: true})
		if !sameIDs(ids(list), []int64{early.ID}) {
			t.Fatalf("overdue one second after the first deadline: %v, want [%d]", ids(list), early.ID)
		}
		// One second before the second.
		clock.Advance(late.Deadline.Sub(clock.Now()) - time.Second)
		list, _ = pf.list(t, pf.staff, lvzhi.ProposalFilter{Overdue: true})
		if !sameIDs(ids(list), []int64{early.ID}) {
			t.Fatalf("overdue one second before the second deadline: %v, want [%d]", ids(list), early.ID)
		}
		clock.Advance(2 * time.Second)
		list, _ = pf.list(t, pf.staff, lvzhi.ProposalFilter{Overdue: true})
		if !sameIDs(ids(list), []int64{early.ID, late.ID}) {
			t.Fatalf("overdue after both deadlines: %v, want %v (not the replied %d)", ids(list), []int64{early.ID, late.ID}, replied.ID)
		}
		// A unit's overdue list is its own.
		list, _ = pf.list(t, pf.unit[1], lvzhi.ProposalFilter{Overdue: true})
		if len(list) != 0 {
			t.Fatalf("unit 1's overdue list: %v", ids(list))
		}
	})
}

// TestProposalAssignSameUnitTwice: naming one unit twice is a mistake in the form, reported on
// the units field, not a database conflict.
func TestProposalAssignSameUnitTwice(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		p := pf.toState(t, lvzhi.ProposalAccepted, propTexts[3])
		_, err := st.ActProposal(pf.ctx, pf.staff, p.ID, "assign", lvzhi.ProposalActionInput{Mode: "joint", Units: []lvzhi.ProposalUnit{
			{UnitID: pf.Units[0], Role: lvzhi.UnitLead}, {UnitID: pf.Units[0], Role: lvzhi.UnitJoint}}})
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid || lvzhi.ErrorFields(err)["units"] == "" {
			t.Errorf("BUG: store/proposal_handling.go stepAssign: the same unit as lead and joint gives %v (code %s), want invalid "+
				"on field units: the duplicate reaches the proposal_units primary key and mapErr turns it into a generic conflict "+
				"(已存在相同的记录); check for repeated UnitIDs with the other unit checks", err, lvzhi.ErrorCodeOf(err))
		}
		if s := stateOf(t, st, p.ID); s != lvzhi.ProposalAccepted {
			t.Fatalf("refused assignment left state %q", s)
		}
	})
}
