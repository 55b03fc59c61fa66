package store

import (
	"testing"
	"time"

	"lvzhi"
)

// TestProposalJoint covers a joint proposal's co-signing: invitations, answers before the
// deadline, finishing with the confirmed co-signers only.
func TestProposalJoint(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		clock := clockOf(st)
		ctx, lead := pf.ctx, pf.mem[0]
		text := propTexts[3]
		newJoint := func() lvzhi.Proposal {
			t.Helper()
			p, err := st.CreateProposal(ctx, lead, lvzhi.Proposal{SessionID: pf.Session, Kind: lvzhi.ProposalJoint,
				Title: text.Title, Category: text.Category, Body: text.Body})
			if err != nil {
				t.Fatalf("create a joint proposal: %v", err)
			}
			return p
		}
		p := newJoint()
		// A joint proposal is not submitted directly.
		_, err := st.ActProposal(ctx, lead, p.ID, "submit", lvzhi.ProposalActionInput{})
		wantCode(t, err, lvzhi.ErrConflict, "submitting a joint proposal directly")
		if got := stateOf(t, st, p.ID); got != lvzhi.ProposalDraft {
			t.Fatalf("refused submit left state %q", got)
		}

		// Invitations: other serving members of the city, a deadline in the future.
		deadline := clock.Now().Add(72 * time.Hour)
		inv := func(members []int64, until time.Time) error {
			_, err := st.ActProposal(ctx, lead, p.ID, "invite", lvzhi.ProposalActionInput{Cosigners: members, CosignDeadline: until})
			return err
		}
		wantField(t, inv(nil, deadline), "cosigners", "invite nobody")
		wantField(t, inv([]int64{pf.Members[1].ID}, clock.Now().Add(-time.Hour)), "cosign_deadline", "invite with a past deadline")
		wantField(t, inv([]int64{pf.Members[1].ID}, clock.Now()), "cosign_deadline", "invite with the deadline now")
		wantField(t, inv([]int64{pf.Members[0].ID}, deadline), "cosigners", "invite oneself")
		wantField(t, inv([]int64{pf.OtherMember.ID}, deadline), "cosigners", "invite a member of another committee")
		wantField(t, inv([]int64{1 << 40}, deadline), "cosigners", "invite a member who does not exist")
		left := pf.createMember(t, pf.newMember("陈离任", 60))
		if _, err := st.ChangeMember(ctx, lvzhi.System(pf.City), left.ID, "leave", "届中调离"); err != nil {
			t.Fatalf("member leaves: %v", err)
		}
		wantField(t, inv([]int64{pf.Members[1].ID, left.ID}, deadline), "cosigners", "invite a member who has left")
		if n := countRows(t, st, `SELECT COUNT(*) FROM proposal_cosigners WHERE proposal_id = $1`, p.ID); n != 0 {
			t.Fatalf("refused invitations left %d co-signer rows", n)
		}
		if err := inv([]int64{pf.Members[1].ID, pf.Members[2].ID, pf.Members[3].ID}, deadline); err != nil {
			t.Fatalf("invite three members: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		p, _ = st.Proposal(ctx, lead, p.ID)
		if p.State != lvzhi.ProposalCosigning || !p.CosignDeadline.Equal(deadline) {
			t.Fatalf("after invite: state %q deadline %v, want cosigning until %v", p.State, p.CosignDeadline, deadline)
		}
		// The invited see it while it is co-signed; a member not invited does not.
		if _, err := st.Proposal(ctx, pf.mem[1], p.ID); err != nil {
			t.Fatalf("an invited member reads the proposal: %v", err)
		}
		if _, err := st.Proposal(ctx, pf.otherMem, p.ID); err == nil {
			t.Fatalf("a member of another committee reads a proposal being co-signed")
		}

		// Answers: confirm, decline; a member not invited is refused; answers are once.
		if err := st.RespondCosign(ctx, pf.mem[1], p.ID, true); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		if err := st.RespondCosign(ctx, pf.mem[2], p.ID, false); err != nil {
			t.Fatalf("decline: %v", err)
		}
		wantCode(t, st.RespondCosign(ctx, pf.mem[0], p.ID, true), lvzhi.ErrForbidden, "the lead proposer co-signs")
		wantCode(t, st.RespondCosign(ctx, pf.otherMem, p.ID, true), lvzhi.ErrForbidden, "a member of another committee co-signs")
		wantCode(t, st.RespondCosign(ctx, pf.mem[1], p.ID, false), lvzhi.ErrForbidden, "answering twice")
		stranger := pf.createMember(t, pf.newMember("周未邀", 61))
		strangerActor := lvzhi.Actor{UserID: 9401, Username: "zwy", Roles: []lvzhi.Role{lvzhi.RoleMember}, CommitteeID: pf.City, Committees: []int64{pf.City}, MemberID: stranger.ID}
		wantCode(t, st.RespondCosign(ctx, strangerActor, p.ID, true), lvzhi.ErrForbidden, "a member not invited co-signs")
		if _, err := st.Proposal(ctx, strangerActor, p.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Fatalf("a member not invited reads a proposal being co-signed: %v, want not found", err)
		}
		// After the deadline the last invited member can no longer answer.
		clock.Advance(73 * time.Hour)
		wantCode(t, st.RespondCosign(ctx, pf.mem[3], p.ID, true), lvzhi.ErrConflict, "confirming after the deadline")
		states := func() map[int64]string {
			rows, err := st.db.Query(st.dialect.rebind(`SELECT member_id, state FROM proposal_cosigners WHERE proposal_id = $1`), p.ID)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[int64]string{}
			for rows.Next() {
				var id int64
				var s string
				rows.Scan(&id, &s)
				out[id] = s
			}
			return out
		}
		if got := states(); got[pf.Members[1].ID] != "confirmed" || got[pf.Members[2].ID] != "declined" || got[pf.Members[3].ID] != "invited" {
			t.Fatalf("co-signers before finishing: %v", got)
		}

		// Only the proposer (or the office) finishes; the unconfirmed drop off.
		if _, err := st.ActProposal(ctx, pf.mem[1], p.ID, "finish_cosign", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Fatalf("a co-signer finishes the co-signing: %v, want forbidden", err)
		}
		p = pf.act(t, lead, p.ID, "finish_cosign", lvzhi.ProposalActionInput{})
		if p.State != lvzhi.ProposalReview || p.Submitted.IsZero() {
			t.Fatalf("finished: state %q submitted %v", p.State, p.Submitted)
		}
		if got := states(); got[pf.Members[1].ID] != "confirmed" || got[pf.Members[2].ID] != "declined" || got[pf.Members[3].ID] != "dropped" {
			t.Fatalf("co-signers after finishing: %v", got)
		}
		// "Proposals of this member (lead or co-signer)": the confirmed co-signer finds it among
		// theirs; the member who declined and the one dropped are not its co-signers.
		mine, _ := pf.list(t, pf.mem[1], lvzhi.ProposalFilter{ProposerID: pf.Members[1].ID})
		if !sameIDs(ids(mine), []int64{p.ID}) {
			t.Errorf("co-signer's own proposals = %v, want [%d]", ids(mine), p.ID)
		}
		for _, i := range []int{2, 3} {
			theirs, _ := pf.list(t, pf.mem[i], lvzhi.ProposalFilter{ProposerID: pf.Members[i].ID})
			if len(theirs) != 0 {
				t.Errorf("BUG: store/proposal.go proposalWhere: ProposalFilter.ProposerID of member %d, who %s, lists %v: the "+
					"co-signer sub-query matches every proposal_cosigners row; it should require state = 'confirmed' "+
					"(or at least exclude 'declined' and 'dropped')", i, map[int]string{2: "declined", 3: "was dropped"}[i], ids(theirs))
			}
		}

		// Nobody confirmed: finishing is refused and nothing changes.
		q := newJoint()
		pf.act(t, lead, q.ID, "invite", lvzhi.ProposalActionInput{Cosigners: []int64{pf.Members[1].ID}, CosignDeadline: clock.Now().Add(24 * time.Hour)})
		events := proposalEvents(t, st, q.ID)
		_, err = st.ActProposal(ctx, lead, q.ID, "finish_cosign", lvzhi.ProposalActionInput{})
		wantCode(t, err, lvzhi.ErrConflict, "finishing without a confirmed co-signer")
		if got := stateOf(t, st, q.ID); got != lvzhi.ProposalCosigning || proposalEvents(t, st, q.ID) != events {
			t.Fatalf("refused finish: state %q, events %d → %d", got, events, proposalEvents(t, st, q.ID))
		}
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposal_cosigners WHERE proposal_id = $1 AND state = 'invited'`, q.ID); got != 1 {
			t.Fatalf("refused finish dropped the invitation")
		}
		// An individual proposal has nobody to invite.
		ind := pf.draft(t, 0, pf.Session, propTexts[4])
		_, err = st.ActProposal(ctx, lead, ind.ID, "invite", lvzhi.ProposalActionInput{Cosigners: []int64{pf.Members[1].ID}, CosignDeadline: clock.Now().Add(time.Hour)})
		wantCode(t, err, lvzhi.ErrConflict, "inviting co-signers to an individual proposal")
	})
}
