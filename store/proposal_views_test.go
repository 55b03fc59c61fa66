package store

import (
	"testing"
	"time"

	"lvzhi"
)

// TestProposalReminders: each role is reminded of what is theirs to do, computed from the
// records: the unit of replies due within 15 days and overdue ones, the member of replies to
// rate, the office of its queues.
func TestProposalReminders(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		now := time.Now().UTC().Truncate(time.Second)
		at := func(d time.Duration) { st.Now = func() time.Time { return now.Add(d) } }

		at(-80 * 24 * time.Hour) // assigned 80 days ago: due in about 12 days
		due := pf.toState(t, lvzhi.ProposalHandling, propTexts[0])
		at(-100 * 24 * time.Hour) // assigned 100 days ago: overdue
		late := pf.toState(t, lvzhi.ProposalHandling, propTexts[1])
		at(0)
		fresh := pf.toState(t, lvzhi.ProposalHandling, propTexts[2]) // due in three months: no reminder yet
		toRate := pf.toState(t, lvzhi.ProposalReplied, propTexts[3])
		review := pf.toState(t, lvzhi.ProposalReview, propTexts[4])

		kinds := func(a lvzhi.Actor) map[int64]string {
			t.Helper()
			rs, err := st.ProposalReminders(pf.ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]string{}
			for _, r := range rs {
				out[r.Proposal.ID] += r.Kind + " "
			}
			return out
		}
		unit := kinds(pf.unit[0])
		if unit[due.ID] != "due " || unit[late.ID] != "overdue " || unit[fresh.ID] != "" {
			t.Errorf("unit reminders: due %q, late %q, fresh %q", unit[due.ID], unit[late.ID], unit[fresh.ID])
		}
		if other := kinds(pf.unit[1]); len(other) != 0 {
			t.Errorf("a unit with nothing assigned is reminded of %v", other)
		}
		if m := kinds(pf.mem[0]); m[toRate.ID] != "evaluate " || m[due.ID] != "" {
			t.Errorf("member reminders %v, want only the reply to rate", m)
		}
		staff := kinds(pf.staff)
		if staff[review.ID] != "review " || staff[late.ID] != "overdue " {
			t.Errorf("office reminders %v", staff)
		}
		if r, _ := st.ProposalReminders(pf.ctx, lvzhi.Actor{UserID: 1, Roles: []lvzhi.Role{lvzhi.RoleAuditor}, CommitteeID: pf.City, Committees: []int64{pf.City}}); len(r) != 0 {
			t.Errorf("an auditor is reminded of proposals: %v", r)
		}
	})
}

// TestPublishedProposals: what staff publishes (with consent) is readable by anyone, with the
// approved reply; nothing else is.
func TestPublishedProposals(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		public := lvzhi.Actor{}
		p := pf.toState(t, lvzhi.ProposalClosed, propTexts[0])
		hidden := pf.toState(t, lvzhi.ProposalClosed, propTexts[1])
		pf.act(t, pf.staff, p.ID, "publish", lvzhi.ProposalActionInput{})
		list, total, err := st.PublishedProposals(pf.ctx, public, pf.City, "", lvzhi.Paging{})
		if err != nil || total != 1 || len(list) != 1 || list[0].ID != p.ID {
			t.Fatalf("public list: %d %v %v", total, ids(list), err)
		}
		if _, n, _ := st.PublishedProposals(pf.ctx, public, pf.City, "养老", lvzhi.Paging{}); n != 1 {
			t.Errorf("public search for 养老 found %d", n)
		}
		if _, n, _ := st.PublishedProposals(pf.ctx, public, pf.City, "教育", lvzhi.Paging{}); n != 0 {
			t.Errorf("public search for 教育 found %d unpublished", n)
		}
		got, err := st.PublishedProposal(pf.ctx, public, p.ID)
		if err != nil || got.Reply != replyBody || got.ReplyClass != "B" || len(got.Units) != 1 {
			t.Errorf("public record: %+v, %v", got, err)
		}
		if _, err := st.PublishedProposal(pf.ctx, public, hidden.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Errorf("an unpublished proposal read publicly: %v", err)
		}
		// Publication needs the proposer's consent.
		noConsent := pf.draft(t, 1, pf.Session, propTexts[2])
		if err := st.UpdateProposal(pf.ctx, pf.mem[1], lvzhi.Proposal{ID: noConsent.ID, Title: propTexts[2].Title,
			Category: propTexts[2].Category, Body: propTexts[2].Body}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ActProposal(pf.ctx, pf.staff, noConsent.ID, "publish", lvzhi.ProposalActionInput{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Errorf("publishing without consent: %v, want conflict", err)
		}
	})
}

// TestProposalRegister: the register has a row per submitted proposal with its lead unit,
// reply class and evaluation, and only the office and leaders may export it.
func TestProposalRegister(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		closed := pf.toState(t, lvzhi.ProposalClosed, propTexts[0])
		pf.toState(t, lvzhi.ProposalReview, propTexts[1])
		pf.toState(t, lvzhi.ProposalDraft, propTexts[2])
		rows, err := st.ProposalRegister(pf.ctx, pf.staff, lvzhi.ProposalFilter{CommitteeID: pf.City})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("register has %d rows, want 2 (drafts are not registered)", len(rows))
		}
		r := rows[0]
		if r.Number != closed.Number || r.LeadUnit != "市教育局" || r.ReplyClass != "B" || r.Satisfaction != lvzhi.Satisfied || r.State != lvzhi.ProposalClosed {
			t.Errorf("register row %+v", r)
		}
		if _, err := st.ProposalRegister(pf.ctx, pf.mem[0], lvzhi.ProposalFilter{CommitteeID: pf.City}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("a member exported the register: %v", err)
		}
	})
}
