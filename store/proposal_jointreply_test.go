package store

import (
	"testing"

	"lvzhi"
)

// TestProposalJointReplyCosigned: under joint handling (会办) the lead unit replies, every
// joint unit co-signs, and only then may the office approve the reply; an assisting unit has
// nothing to co-sign.
func TestProposalJointReplyCosigned(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		p := pf.submitted(t, 0, propTexts[0])
		pf.act(t, pf.staff, p.ID, "accept", lvzhi.ProposalActionInput{})
		pf.act(t, pf.staff, p.ID, "assign", lvzhi.ProposalActionInput{Mode: "joint", Units: []lvzhi.ProposalUnit{
			{UnitID: pf.Units[0], Role: lvzhi.UnitLead}, {UnitID: pf.Units[1], Role: lvzhi.UnitJoint},
			{UnitID: pf.Units[2], Role: lvzhi.UnitJoint}, {UnitID: pf.Units[3], Role: lvzhi.UnitAssist}}})
		pf.act(t, pf.unit[0], p.ID, "reply", lvzhi.ProposalActionInput{Class: "A", Body: replyBody})

		_, err := st.ActProposal(pf.ctx, pf.staff, p.ID, "approve_reply", lvzhi.ProposalActionInput{})
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict || stateOf(t, st, p.ID) != lvzhi.ProposalReplyReview {
			t.Fatalf("approving before the joint units co-signed: %v", err)
		}
		if _, err := st.ActProposal(pf.ctx, pf.unit[3], p.ID, "cosign_reply", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("an assisting unit co-signing: %v, want forbidden", err)
		}
		pf.act(t, pf.unit[1], p.ID, "cosign_reply", lvzhi.ProposalActionInput{})
		if _, err := st.ActProposal(pf.ctx, pf.staff, p.ID, "approve_reply", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Fatalf("approving with one joint unit still to co-sign: %v", err)
		}
		pf.act(t, pf.unit[2], p.ID, "cosign_reply", lvzhi.ProposalActionInput{})
		pf.act(t, pf.staff, p.ID, "approve_reply", lvzhi.ProposalActionInput{})
		if s := stateOf(t, st, p.ID); s != lvzhi.ProposalReplied {
			t.Errorf("after both co-signed and approval: %s", s)
		}
		d, err := st.ProposalDetail(pf.ctx, pf.staff, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		cosigned := 0
		for _, u := range d.Units {
			if u.Cosigned {
				cosigned++
			}
		}
		if cosigned != 2 {
			t.Errorf("%d units shown as co-signed, want 2", cosigned)
		}
	})
}

// TestGroupProposalOfSectorOnlyInSession: a sector proposes as a group only during a plenary
// session; a party may propose between sessions.
func TestGroupProposalOfSectorOnlyInSession(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		party := pf.fixture.unit(t, pf.City, lvzhi.OrgParty, "民盟", 0)
		for _, c := range []struct {
			group int64
			ok    bool
		}{{pf.Sectors[2], false}, {party, true}} {
			p, err := st.CreateProposal(pf.ctx, pf.staff, lvzhi.Proposal{SessionID: pf.Session, Kind: lvzhi.ProposalGroup, GroupID: c.group, Signer: "召集人",
				Between: true, Title: propTexts[3].Title, Category: propTexts[3].Category, Body: propTexts[3].Body})
			if err != nil {
				t.Fatal(err)
			}
			_, err = st.ActProposal(pf.ctx, pf.staff, p.ID, "submit", lvzhi.ProposalActionInput{})
			if c.ok != (err == nil) || (!c.ok && lvzhi.ErrorFields(err)["group_id"] == "") {
				t.Errorf("between-session group proposal of %d: %v (ok %v)", c.group, err, c.ok)
			}
		}
	})
}
