package store

import (
	"testing"
	"time"

	"lvzhi"
)

// TestProposalSubmissionWindow: a session proposal is submitted within its session's window;
// a between-session proposal at any time; a group proposal needs its signer.
func TestProposalSubmissionWindow(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
		ss, err := st.CreateSession(pf.ctx, lvzhi.System(pf.City), lvzhi.Session{CommitteeID: pf.City, TermID: pf.Term, Number: 9,
			OpensOn: day("2026-01-10"), SubmitFrom: day("2025-12-01"), SubmitUntil: day("2026-01-12")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateSession(pf.ctx, lvzhi.System(pf.City), lvzhi.Session{CommitteeID: pf.City, TermID: pf.Term, Number: 10,
			SubmitFrom: day("2026-02-01"), SubmitUntil: day("2026-01-01")}); lvzhi.ErrorFields(err)["submit_until"] == "" {
			t.Errorf("a window ending before it starts: %v", err)
		}
		at := func(s string) { st.Now = func() time.Time { return day(s).Add(4 * time.Hour) } } // noon in China
		submit := func(between bool) error {
			p, err := st.CreateProposal(pf.ctx, pf.mem[0], lvzhi.Proposal{SessionID: ss.ID, Kind: lvzhi.ProposalIndividual, Between: between,
				Title: propTexts[0].Title, Category: propTexts[0].Category, Body: propTexts[0].Body})
			if err != nil {
				t.Fatal(err)
			}
			_, err = st.ActProposal(pf.ctx, pf.mem[0], p.ID, "submit", lvzhi.ProposalActionInput{})
			return err
		}
		at("2025-11-30")
		if err := submit(false); lvzhi.ErrorFields(err)["session_id"] == "" {
			t.Errorf("before the window: %v", err)
		}
		if err := submit(true); err != nil {
			t.Errorf("a between-session proposal before the window: %v", err)
		}
		at("2026-01-12") // the last day is included
		if err := submit(false); err != nil {
			t.Errorf("on the last day: %v", err)
		}
		at("2026-01-13")
		if err := submit(false); lvzhi.ErrorFields(err)["session_id"] == "" {
			t.Errorf("after the window: %v", err)
		}
		sessions, err := st.Sessions(pf.ctx, pf.staff, pf.City)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sessions {
			if s.ID == ss.ID && (!s.SubmitUntil.Equal(day("2026-01-12")) || !s.OpensOn.Equal(day("2026-01-10"))) {
				t.Errorf("session read back as %+v", s)
			}
		}
		// A group proposal is signed by its convenor.
		at("2026-01-05")
		g, err := st.CreateProposal(pf.ctx, pf.staff, lvzhi.Proposal{SessionID: ss.ID, Kind: lvzhi.ProposalGroup, GroupID: pf.Sectors[0],
			Title: propTexts[1].Title, Category: propTexts[1].Category, Body: propTexts[1].Body})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ActProposal(pf.ctx, pf.staff, g.ID, "submit", lvzhi.ProposalActionInput{}); lvzhi.ErrorFields(err)["signer"] == "" {
			t.Errorf("a group proposal without a signer: %v", err)
		}
		g.Signer = "张召集"
		if err := st.UpdateProposal(pf.ctx, pf.staff, g); err != nil {
			t.Fatal(err)
		}
		if p := pf.act(t, pf.staff, g.ID, "submit", lvzhi.ProposalActionInput{}); p.Signer != "张召集" {
			t.Errorf("signer %q", p.Signer)
		}
	})
}
