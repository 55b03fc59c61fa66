package demo

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// loaded opens a real SQLite store in a temporary directory and loads the demo into it.
// The test runs against the store the command runs against, so it checks what a demo
// visitor will see, counted by the same queries the pages use.
func loaded(t *testing.T) (*store.Store, Summary) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "lvzhi.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	start := time.Now()
	sum, err := Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Load took %v", time.Since(start))
	return st, sum
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	st, sum := loaded(t)
	if !sum.Created || len(sum.DistrictIDs) != 2 || sum.CityName != cityName {
		t.Fatalf("summary = %+v", sum)
	}
	a := lvzhi.System(sum.CityID)
	o, err := st.Overview(ctx, a, sum.CityID)
	if err != nil {
		t.Fatal(err)
	}
	// 348 made, 2 left: the overview counts the serving members of the current term.
	want := map[lvzhi.OrgUnitKind]int{
		lvzhi.OrgSector: 30, lvzhi.OrgSectorGroup: 10, lvzhi.OrgSpecialCommittee: 8, lvzhi.OrgActivityGroup: 38,
		lvzhi.OrgParty: 10, lvzhi.OrgDepartment: 6, lvzhi.OrgHandlingUnit: 20,
	}
	if o.Members != 346 || o.StandingMembers != 60 || o.WithoutSpecialComm != 3 || o.Term.Number != 14 {
		t.Errorf("overview: %d members, %d standing, %d without special committee, term %d",
			o.Members, o.StandingMembers, o.WithoutSpecialComm, o.Term.Number)
	}
	for k, n := range want {
		if o.Counts[k] != n {
			t.Errorf("%s: %d, want %d", lvzhi.OrgUnitLabel[k], o.Counts[k], n)
		}
	}
	if sum.Members != 346 || sum.LeftMembers != 2 || sum.WithoutSpecialComm != 3 || sum.Sectors != 30 ||
		sum.SectorGroups != 10 || sum.SpecialCommittees != 8 || sum.ActivityGroups != 38 || sum.DistrictMembers != 120 {
		t.Errorf("summary = %+v", sum)
	}
	terms, err := st.Terms(ctx, a, sum.CityID)
	if err != nil || len(terms) != 2 || !terms[0].Current || terms[1].Current || terms[1].Number != 13 {
		t.Errorf("terms = %+v, %v", terms, err)
	}
	for _, id := range sum.DistrictIDs {
		d, err := st.Overview(ctx, lvzhi.System(id), id)
		if err != nil || d.Members != 60 || d.Counts[lvzhi.OrgSector] != 12 || d.Counts[lvzhi.OrgSpecialCommittee] != 3 ||
			d.WithoutSpecialComm != 0 || d.Committee.ParentID != sum.CityID || d.Committee.Level != lvzhi.LevelCounty {
			t.Errorf("district %d: %+v, %v", id, d, err)
		}
	}
	checkGroupings(t, st, a, sum.CityID)
	checkMembers(t, st, a, sum.CityID, o.Term.ID)
	checkAccounts(t, st, a)

	// A second run over the same data directory finds the deployment and adds nothing.
	again, err := Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if again.Created || again.Members != sum.Members || again.DistrictMembers != sum.DistrictMembers ||
		!slices.Equal(again.DistrictIDs, sum.DistrictIDs) {
		t.Errorf("second Load: %+v, first: %+v", again, sum)
	}
	all, err := st.Committees(ctx)
	if err != nil || len(all) != 3 {
		t.Errorf("committees after a second Load: %d, %v", len(all), err)
	}
	if _, broken, err := st.VerifyAudit(ctx); err != nil || broken != 0 {
		t.Errorf("audit chain broken at %d: %v", broken, err)
	}
}

// checkGroupings checks how the groupings hang together: every sector under a sector group,
// 4 to 6 activity groups under each special committee, and sector sizes as planned.
func checkGroupings(t *testing.T, st *store.Store, a lvzhi.Actor, city int64) {
	t.Helper()
	ctx := context.Background()
	sectors, err := st.OrgUnits(ctx, a, city, lvzhi.OrgSector)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range sectors {
		total += s.Members
		// 8 to 16 were generated; two members have left since.
		if s.ParentID == 0 || s.Members < 6 || s.Members > 16 {
			t.Errorf("sector %s: group %d, %d members", s.Name, s.ParentID, s.Members)
		}
	}
	if total != 346 {
		t.Errorf("sectors hold %d serving members, want 346", total)
	}
	groups, err := st.OrgUnits(ctx, a, city, lvzhi.OrgActivityGroup)
	if err != nil {
		t.Fatal(err)
	}
	per := map[int64]int{}
	for _, g := range groups {
		per[g.ParentID]++
	}
	specials, err := st.OrgUnits(ctx, a, city, lvzhi.OrgSpecialCommittee)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range specials {
		if per[sc.ID] < 4 || per[sc.ID] > 6 {
			t.Errorf("%s has %d activity groups", sc.Name, per[sc.ID])
		}
	}
}

// checkMembers reads the roster whole, as the export does, and checks every record the way
// an office's import would be checked, plus the consistency the demo promises.
func checkMembers(t *testing.T, st *store.Store, a lvzhi.Actor, city, term int64) {
	t.Helper()
	ms, err := st.ExportMembers(context.Background(), a, lvzhi.MemberFilter{CommitteeID: city, TermID: term})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 348 {
		t.Fatalf("%d members in the current term, want 348", len(ms))
	}
	names, left := map[string]bool{}, 0
	for _, m := range ms {
		if err := m.Validate(); err != nil {
			t.Errorf("%s: %v %v", m.Name, err, lvzhi.ErrorFields(err))
		}
		if lvzhi.IDGender(m.IDNumber) != m.Gender || names[m.Name] {
			t.Errorf("%s: gender %s, ID %s, duplicate %v", m.Name, m.Gender, m.IDNumber, names[m.Name])
		}
		names[m.Name] = true
		if slices.Contains(allParties, m.SectorName) && m.PartyName != m.SectorName {
			t.Errorf("%s sits in %s but belongs to %q", m.Name, m.SectorName, m.PartyName)
		}
		if (m.SpecialCommitteeID == 0) != (m.ActivityGroupID == 0) {
			t.Errorf("%s: special committee %q, activity group %q", m.Name, m.SpecialCommitteeName, m.ActivityGroupName)
		}
		if m.State == lvzhi.MemberLeft {
			left++
		}
	}
	if left != 2 {
		t.Errorf("%d members left, want 2", left)
	}
}

// checkAccounts signs in with every demo account and the shared password.
func checkAccounts(t *testing.T, st *store.Store, a lvzhi.Actor) {
	t.Helper()
	ctx := context.Background()
	st.WaiveTOTP = true // as `lvzhi demo` does: administrators sign in without a second factor
	for _, acc := range Accounts {
		l, err := st.SignIn(ctx, acc.Username, Password, "", "127.0.0.1")
		if err != nil {
			t.Errorf("%s: %v", acc.Username, err)
			continue
		}
		if !slices.Equal(l.User.Roles, []lvzhi.Role{acc.Role}) || l.User.Name != acc.Name || acc.Name == "" {
			t.Errorf("%s: roles %v, name %q, want %s %q", acc.Username, l.User.Roles, l.User.Name, acc.Role, acc.Name)
		}
		switch acc.Role {
		case lvzhi.RoleMember:
			m, err := st.Member(ctx, a, l.User.MemberID)
			if err != nil || m.Name != acc.Name || !m.Standing {
				t.Errorf("member account linked to %+v, %v", m, err)
			}
		case lvzhi.RoleStaff, lvzhi.RoleUnit:
			id, name := l.User.DepartmentID, staffDepartment
			if acc.Role == lvzhi.RoleUnit {
				id, name = l.User.UnitID, accountUnit
			}
			u, err := st.OrgUnit(ctx, a, id)
			if err != nil || u.Name != name {
				t.Errorf("%s linked to %+v, %v", acc.Username, u, err)
			}
		}
	}
	if len(Accounts) != 7 {
		t.Errorf("%d accounts, want one per role", len(Accounts))
	}
}

// TestRosterDeterministic guards what the banner prints before Load runs: the same seed
// gives the same people every time.
func TestRosterDeterministic(t *testing.T) {
	a, b := cityPlan.roster(), cityPlan.roster()
	if len(a) != 348 || !slices.EqualFunc(a, b, func(x, y seat) bool { return x.m == y.m }) {
		t.Fatal("the city roster differs between two runs")
	}
	for _, p := range districtPlans {
		if n := len(p.roster()); n != 60 {
			t.Errorf("%s: %d members", p.name, n)
		}
	}
}
