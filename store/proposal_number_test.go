package store

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"lvzhi"
)

// TestProposalConcurrentAccepts accepts 50 proposals at once: every accept succeeds (no
// SQLITE_BUSY, no deadlock) and the numbers are exactly 1…50.
func TestProposalConcurrentAccepts(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		const n = 50
		var idsToAccept []int64
		for i := range n {
			text := propTexts[i%len(propTexts)]
			text.Title = fmt.Sprintf("%s(之%d)", text.Title, i+1)
			idsToAccept = append(idsToAccept, pf.submitted(t, i%len(pf.Members), text).ID)
		}
		ctx := withTimeout(t, 30*time.Second) // a deadlock fails the test instead of hanging it
		var wg sync.WaitGroup
		errs := make([]error, n)
		nums := make([]int, n)
		start := make(chan struct{})
		for i, id := range idsToAccept {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				p, err := st.ActProposal(ctx, pf.staff, id, "accept", lvzhi.ProposalActionInput{})
				errs[i], nums[i] = err, p.Number
			}()
		}
		began := time.Now()
		close(start)
		wg.Wait()
		failed := 0
		for i, err := range errs {
			if err != nil {
				failed++
				if failed <= 5 {
					t.Errorf("accept %d: %v", i, err)
				}
			}
		}
		if failed > 0 {
			t.Fatalf("BUG: store/proposal_action.go ActProposal: %d of %d concurrent accepts failed after %v. ActProposal reads "+
				"the settings with s.ProposalSettings (s.db, a second pool connection) inside the write transaction: when every "+
				"pooled connection (8 on SQLite, 20 on PostgreSQL) is held by a transaction, the lock holder waits for a "+
				"connection that the waiting transactions never give back, until busy_timeout (SQLITE_BUSY) or forever. "+
				"Read the settings before s.write (as CreateProposal does) or through tx", failed, n, time.Since(began).Round(time.Millisecond))
		}
		got := slices.Clone(nums)
		slices.Sort(got)
		for i, x := range got {
			if x != i+1 {
				t.Fatalf("numbers after %d concurrent accepts = %v, want 1…%d", n, got, n)
			}
		}
		// Stored numbers agree with those returned.
		if c := countRows(t, st, `SELECT COUNT(DISTINCT number) FROM proposals WHERE session_id = $1 AND number BETWEEN 1 AND 50`, pf.Session); c != n {
			t.Fatalf("distinct stored numbers = %d, want %d", c, n)
		}
	})
}

// TestProposalNumbersGapless: a refused accept (wrong state) and an accept that fails after
// taking its number (a forced error in the same transaction) give no number away.
func TestProposalNumbersGapless(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		accept := func(id int64) (lvzhi.Proposal, error) {
			return st.ActProposal(pf.ctx, pf.staff, id, "accept", lvzhi.ProposalActionInput{})
		}
		a := pf.submitted(t, 0, propTexts[0])
		if p, err := accept(a.ID); err != nil || p.Number != 1 {
			t.Fatalf("first accept: %d, %v", p.Number, err)
		}
		_, err := accept(a.ID) // already accepted
		wantCode(t, err, lvzhi.ErrConflict, "accepting twice")
		draft := pf.draft(t, 1, pf.Session, propTexts[1])
		_, err = accept(draft.ID) // still a draft
		wantCode(t, err, lvzhi.ErrConflict, "accepting a draft")
		b := pf.submitted(t, 1, propTexts[2])
		if p, err := accept(b.ID); err != nil || p.Number != 2 {
			t.Fatalf("accept after refused ones: number %d, %v; want 2", p.Number, err)
		}

		// Force the accept of c to fail after its number is taken: a trigger refuses its event.
		c := pf.submitted(t, 2, propTexts[3])
		if st.Postgres() {
			for _, q := range []string{
				`CREATE FUNCTION force_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
					IF NEW.action = 'accept' AND NEW.record_id = ` + fmt.Sprint(c.ID) + ` THEN RAISE EXCEPTION 'forced failure'; END IF;
					RETURN NEW; END $$`,
				`CREATE TRIGGER force_fail BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION force_fail()`,
			} {
				if _, err := st.db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
		} else {
			if _, err := st.db.Exec(`CREATE TRIGGER force_fail BEFORE INSERT ON events WHEN NEW.action = 'accept' AND NEW.record_id = ` +
				fmt.Sprint(c.ID) + ` BEGIN SELECT RAISE(ABORT, 'forced failure'); END`); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := accept(c.ID); err == nil {
			t.Fatalf("the forced failure did not fail the accept")
		}
		if s := stateOf(t, st, c.ID); s != lvzhi.ProposalReview {
			t.Fatalf("failed accept left state %q", s)
		}
		if n := countRows(t, st, `SELECT number FROM proposals WHERE id = $1`, c.ID); n != 0 {
			t.Fatalf("failed accept left number %d", n)
		}
		d := pf.submitted(t, 3, propTexts[4])
		if p, err := accept(d.ID); err != nil || p.Number != 3 {
			t.Fatalf("accept after a failed one: number %d, %v; want 3", p.Number, err)
		}
		if _, err := st.db.Exec(`DROP TRIGGER force_fail` + map[bool]string{true: " ON events", false: ""}[st.Postgres()]); err != nil {
			t.Fatal(err)
		}
		if p, err := accept(c.ID); err != nil || p.Number != 4 {
			t.Fatalf("accept of the once failed proposal: number %d, %v; want 4", p.Number, err)
		}
		if last := countRows(t, st, `SELECT last FROM proposal_numbers WHERE session_id = $1`, pf.Session); last != 4 {
			t.Fatalf("session counter = %d, want 4", last)
		}
	})
}
