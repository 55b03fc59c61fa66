package store

import (
	"slices"
	"testing"

	"lvzhi"
)

func TestCommitteeTree(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, sysadmin := f.userWithActor(t, "sysadm", []lvzhi.Role{lvzhi.RoleSysAdmin}, nil)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)

		// A system administrator of the city adds a committee below it; staff may not.
		c, err := st.CreateCommittee(f.ctx, sysadmin, lvzhi.Committee{Name: "七里河区政协", Level: lvzhi.LevelCounty, ParentID: f.City})
		if err != nil {
			t.Fatalf("sysadmin creates a county committee: %v", err)
		}
		_, err = st.CreateCommittee(f.ctx, staff, lvzhi.Committee{Name: "西固区政协", Level: lvzhi.LevelCounty, ParentID: f.City})
		wantCode(t, err, lvzhi.ErrForbidden, "staff creates a committee")
		_, err = st.CreateCommittee(f.ctx, sysadmin, lvzhi.Committee{Name: "秦州区政协", Level: lvzhi.LevelCounty, ParentID: f.Other})
		wantCode(t, err, lvzhi.ErrForbidden, "sysadmin creates a committee under another tree")
		_, err = st.CreateCommittee(f.ctx, sysadmin, lvzhi.Committee{Name: "城关区政协", Level: lvzhi.LevelCounty, ParentID: f.City})
		wantCode(t, err, lvzhi.ErrConflict, "a second committee of the same name")
		_, err = st.CreateCommittee(f.ctx, f.sys, lvzhi.Committee{Name: " ", Level: "town"})
		wantField(t, err, "name", "committee without a name")
		wantField(t, err, "level", "committee of an unknown level")

		all, err := st.Committees(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		seen := map[int64]bool{0: true}
		for _, x := range all {
			if !seen[x.ParentID] {
				t.Errorf("committee %s listed before its parent %d", x.Name, x.ParentID)
			}
			seen[x.ID] = true
			names = append(names, x.Name)
		}
		want := []string{"兰州市政协", "城关区政协", "天水市政协", "七里河区政协"}
		if !slices.Equal(names, want) {
			t.Errorf("Committees = %v, want %v", names, want)
		}
		got, err := st.Committee(f.ctx, c.ID)
		if err != nil || got.Name != "七里河区政协" || got.ParentID != f.City || got.Level != lvzhi.LevelCounty {
			t.Errorf("Committee(%d) = %+v, %v", c.ID, got, err)
		}
		_, err = st.Committee(f.ctx, 9999)
		wantCode(t, err, lvzhi.ErrNotFound, "Committee of an unknown id")

		// Administrators act in the committees below theirs; business roles in their own only.
		wantTree := []int64{f.City, f.County, c.ID}
		if !sameIDs(sysadmin.Committees, []int64{f.City, f.County}) {
			t.Errorf("sysadmin signed in before the new committee acts in %v, want city and county", sysadmin.Committees)
		}
		if a := f.actor(t, "sysadm"); !sameIDs(a.Committees, wantTree) {
			t.Errorf("sysadmin acts in %v, want %v", a.Committees, wantTree)
		}
		if !sameIDs(staff.Committees, []int64{f.City}) {
			t.Errorf("staff acts in %v, want only the city %d", staff.Committees, f.City)
		}
		// An administrator's session moves to a committee below; staff stay in their own.
		admin, tok := f.session(t, "sysadm")
		if err := st.SwitchCommittee(f.ctx, admin, tok, f.County); err != nil {
			t.Fatalf("sysadmin switches to the county: %v", err)
		}
		if a, err := st.Authenticate(f.ctx, tok, ""); err != nil || a.CommitteeID != f.County {
			t.Errorf("after the switch the session works in %d (%v), want the county %d", a.CommitteeID, err, f.County)
		}
		staff2, tok2 := f.session(t, "clerk")
		wantCode(t, st.SwitchCommittee(f.ctx, staff2, tok2, f.County), lvzhi.ErrForbidden, "staff switches to the county")
		if a, _ := st.Authenticate(f.ctx, tok2, ""); a.CommitteeID != f.City {
			t.Errorf("refused switch moved the staff session to %d", a.CommitteeID)
		}
		if d := descendants(all, f.Other); !sameIDs(d, []int64{f.Other}) {
			t.Errorf("descendants of a committee without children = %v", d)
		}
	})
}

func sameIDs(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestTermsOnlyOneCurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		_, member := f.userWithActor(t, "weiyuan", []lvzhi.Role{lvzhi.RoleMember}, nil)

		current := func() lvzhi.Term {
			t.Helper()
			terms, err := st.Terms(f.ctx, staff, f.City)
			if err != nil {
				t.Fatal(err)
			}
			var cur []lvzhi.Term
			for _, x := range terms {
				if x.Current {
					cur = append(cur, x)
				}
			}
			if len(cur) != 1 {
				t.Fatalf("%d current terms, want exactly one: %+v", len(cur), terms)
			}
			c, err := st.CurrentTerm(f.ctx, staff, f.City)
			if err != nil || c.ID != cur[0].ID {
				t.Fatalf("CurrentTerm = %+v, %v; the list says %+v", c, err, cur[0])
			}
			return c
		}
		if c := current(); c.ID != f.Term || c.Number != 14 || c.Name() != "第十四届" {
			t.Fatalf("current term after the fixture = %+v", c)
		}

		// A new term created as current takes over; one created not current leaves it be.
		t15, err := st.CreateTerm(f.ctx, staff, lvzhi.Term{CommitteeID: f.City, Number: 15, StartYear: 2027, EndYear: 2032, Current: true})
		if err != nil {
			t.Fatalf("staff creates term 15: %v", err)
		}
		if c := current(); c.ID != t15.ID {
			t.Fatalf("current term = %d, want the new term %d", c.ID, t15.ID)
		}
		if _, err := st.CreateTerm(f.ctx, staff, lvzhi.Term{CommitteeID: f.City, Number: 12, StartYear: 2012, EndYear: 2017}); err != nil {
			t.Fatal(err)
		}
		if c := current(); c.ID != t15.ID {
			t.Fatalf("a past term created not current changed the current term to %d", c.ID)
		}
		// The other committee's current term is its own business.
		if c, err := st.CurrentTerm(f.ctx, f.sys, f.Other); err != nil || c.ID != f.OtherTerm {
			t.Fatalf("other committee's current term = %+v, %v; want %d", c, err, f.OtherTerm)
		}

		terms, err := st.Terms(f.ctx, staff, f.City)
		if err != nil {
			t.Fatal(err)
		}
		var numbers []int
		for _, x := range terms {
			numbers = append(numbers, x.Number)
		}
		if !slices.Equal(numbers, []int{15, 14, 13, 12}) {
			t.Errorf("Terms numbers = %v, want newest first [15 14 13 12]", numbers)
		}

		tests := []struct {
			name string
			a    lvzhi.Actor
			term lvzhi.Term
			code lvzhi.ErrorCode
		}{
			{"number zero", staff, lvzhi.Term{CommitteeID: f.City, Number: 0, StartYear: 2022, EndYear: 2027}, lvzhi.ErrInvalid},
			{"ends before it starts", staff, lvzhi.Term{CommitteeID: f.City, Number: 16, StartYear: 2030, EndYear: 2029}, lvzhi.ErrInvalid},
			{"same number twice", staff, lvzhi.Term{CommitteeID: f.City, Number: 14, StartYear: 2022, EndYear: 2027}, lvzhi.ErrConflict},
			{"member may not", member, lvzhi.Term{CommitteeID: f.City, Number: 16, StartYear: 2032, EndYear: 2037}, lvzhi.ErrForbidden},
			{"another committee", staff, lvzhi.Term{CommitteeID: f.Other, Number: 10, StartYear: 2027, EndYear: 2032}, lvzhi.ErrForbidden},
		}
		for _, tc := range tests {
			_, err := st.CreateTerm(f.ctx, tc.a, tc.term)
			wantCode(t, err, tc.code, "CreateTerm: "+tc.name)
		}
		if c := current(); c.ID != t15.ID {
			t.Fatalf("refused terms changed the current term to %d", c.ID)
		}

		_, err = st.Terms(f.ctx, staff, f.Other)
		wantCode(t, err, lvzhi.ErrForbidden, "Terms of another committee")
		_, err = st.CurrentTerm(f.ctx, f.sys, f.County)
		wantCode(t, err, lvzhi.ErrNotFound, "CurrentTerm of a committee without terms")
	})
}

func TestSessions(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		_, member := f.userWithActor(t, "weiyuan", []lvzhi.Role{lvzhi.RoleMember}, nil)
		opens := st.Now().AddDate(0, 0, 10)

		s1, err := st.CreateSession(f.ctx, staff, lvzhi.Session{CommitteeID: f.City, TermID: f.Term, Number: 1, OpensOn: opens})
		if err != nil || s1.ID == 0 {
			t.Fatalf("staff creates session 1: %+v, %v", s1, err)
		}
		if _, err := st.CreateSession(f.ctx, staff, lvzhi.Session{CommitteeID: f.City, TermID: f.Term, Number: 2}); err != nil {
			t.Fatalf("session without an opening date: %v", err)
		}
		// Numbers count per term: session 1 of the old term is another session.
		if _, err := st.CreateSession(f.ctx, staff, lvzhi.Session{CommitteeID: f.City, TermID: f.OldTerm, Number: 1}); err != nil {
			t.Fatalf("session 1 of the previous term: %v", err)
		}
		list, err := st.Sessions(f.ctx, member, f.City)
		if err != nil || len(list) != 3 {
			t.Fatalf("Sessions = %+v, %v; want 3", list, err)
		}
		for _, x := range list {
			if x.ID == s1.ID && (x.TermID != f.Term || x.Number != 1 || x.OpensOn.Format("2006-01-02") != opens.Format("2006-01-02")) {
				t.Errorf("session 1 read back as %+v, want opening on %s", x, opens.Format("2006-01-02"))
			}
			if x.ID != s1.ID && x.TermID == f.Term && !x.OpensOn.IsZero() {
				t.Errorf("session without a date read back with %v", x.OpensOn)
			}
		}
		_, err = st.Sessions(f.ctx, member, f.Other)
		wantCode(t, err, lvzhi.ErrForbidden, "Sessions of another committee")
		tests := []struct {
			name string
			a    lvzhi.Actor
			s    lvzhi.Session
			code lvzhi.ErrorCode
		}{
			{"number zero", staff, lvzhi.Session{CommitteeID: f.City, TermID: f.Term}, lvzhi.ErrInvalid},
			{"no term", staff, lvzhi.Session{CommitteeID: f.City, Number: 3}, lvzhi.ErrInvalid},
			{"same number in the term", staff, lvzhi.Session{CommitteeID: f.City, TermID: f.Term, Number: 1}, lvzhi.ErrConflict},
			{"member may not", member, lvzhi.Session{CommitteeID: f.City, TermID: f.Term, Number: 3}, lvzhi.ErrForbidden},
			{"another committee", staff, lvzhi.Session{CommitteeID: f.Other, TermID: f.OtherTerm, Number: 1}, lvzhi.ErrForbidden},
		}
		for _, tc := range tests {
			_, err := st.CreateSession(f.ctx, tc.a, tc.s)
			wantCode(t, err, tc.code, "CreateSession: "+tc.name)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM sessions`); n != 3 {
			t.Errorf("%d sessions stored, want 3", n)
		}
	})
}

// A session names its committee and its term; the term must be one of that committee's, as
// checkRefs insists for members ("a form post cannot borrow another committee's rows").
func TestSessionTermOfAnotherCommittee(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		before := countRows(t, st, `SELECT COUNT(*) FROM sessions`)
		_, err := st.CreateSession(f.ctx, staff, lvzhi.Session{CommitteeID: f.City, TermID: f.OtherTerm, Number: 1})
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			t.Errorf("BUG (store/org.go CreateSession): a city session was created in the other committee's term %d "+
				"(err %v); CreateSession must check that ss.TermID belongs to ss.CommitteeID and answer invalid term_id", f.OtherTerm, err)
		}
		if after := countRows(t, st, `SELECT COUNT(*) FROM sessions`); after != before {
			t.Errorf("sessions %d → %d: a session with another committee's term was written", before, after)
		}
	})
}
