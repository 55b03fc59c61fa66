// Package demo loads the deployment that `lvzhi demo` serves: a generated city committee
// shaped like a real one (30 sectors, 348 members, 8 special committees, 38 activity groups,
// 10 sector groups), two district committees below it and one account per role. Every person
// in it is invented. The loader writes only through the store's public methods, as the
// platform itself, so the demo data is validated and audited like an office's own.
package demo

import (
	"context"
	"fmt"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// Password is the shared password of every demo account (printed by the start-up banner).
// It meets the default password policy, so the accounts are created like any other.
const Password = "Demo-2026-lvzhi"

// Account is one demo account: its username, its single role and the name shown for it.
type Account struct {
	Username string
	Role     lvzhi.Role
	Name     string
}

// Accounts lists the demo usernames, one per role, in this order: staff, member, unit,
// leader, sysadmin, secadmin, auditor. The member account belongs to the city's first
// standing member; the roster is generated from a fixed seed, so that name is known here
// before Load runs and the banner can print it.
var Accounts = []Account{
	{"staff", lvzhi.RoleStaff, "王秀兰"},
	{"member", lvzhi.RoleMember, firstStanding(cityPlan.roster())},
	{"unit", lvzhi.RoleUnit, "刘芳"},
	{"leader", lvzhi.RoleLeader, "陈建国"},
	{"sysadmin", lvzhi.RoleSysAdmin, "赵志远"},
	{"secadmin", lvzhi.RoleSecAdmin, "孙丽娟"},
	{"auditor", lvzhi.RoleAuditor, "周明辉"},
}

// firstStanding is the name of the first standing member in roster order, which is also the
// order of the store's member list.
func firstStanding(seats []seat) string {
	for _, s := range seats {
		if s.m.Standing {
			return s.m.Name
		}
	}
	return ""
}

// Summary is what Load made (committee ids and counts), for the banner. The counts are read
// back from the records rather than taken from the plan, so a banner over an existing data
// directory reports what is there.
type Summary struct {
	CityID             int64
	CityName           string
	DistrictIDs        []int64
	Members            int // serving members of the city's current term
	StandingMembers    int
	LeftMembers        int // members of the current term who have left
	Sectors            int
	SectorGroups       int
	SpecialCommittees  int
	ActivityGroups     int
	WithoutSpecialComm int  // serving members in no special committee (全员入委)
	DistrictMembers    int  // serving members of the districts' current terms, together
	Proposals          int  // proposals of the city, in every state
	Created            bool // false when the store already held a deployment and Load did nothing
}

// Load creates the demo deployment in an empty store, through the store's public methods
// with the actor lvzhi.System(…) (so every row is audited like any other write). If a
// committee already exists it does nothing and returns the existing summary: re-running
// `lvzhi demo` on the same data directory must not duplicate. The data is deterministic
// (fixed seeds), so every demo shows the same people.
//
// Load is many transactions, not one; if it fails half-way the data directory holds a
// partial deployment that a second Load will not complete, and should be removed.
func Load(ctx context.Context, st *store.Store) (Summary, error) {
	existing, err := st.Committees(ctx)
	if err != nil {
		return Summary{}, err
	}
	if len(existing) > 0 {
		return summarize(ctx, st, false)
	}
	city, err := st.CreateCommittee(ctx, lvzhi.System(0), lvzhi.Committee{Name: cityPlan.name, Level: cityPlan.level})
	if err != nil {
		return Summary{}, fmt.Errorf("demo: create %s: %w", cityPlan.name, err)
	}
	b, err := build(ctx, st, city, cityPlan)
	if err != nil {
		return Summary{}, err
	}
	for _, p := range districtPlans {
		d, err := st.CreateCommittee(ctx, lvzhi.System(city.ID), lvzhi.Committee{ParentID: city.ID, Name: p.name, Level: p.level})
		if err != nil {
			return Summary{}, fmt.Errorf("demo: create %s: %w", p.name, err)
		}
		if _, err := build(ctx, st, d, p); err != nil {
			return Summary{}, err
		}
	}
	if err := b.leave(ctx, st); err != nil {
		return Summary{}, err
	}
	if err := b.accounts(ctx, st); err != nil {
		return Summary{}, err
	}
	if err := b.proposals(ctx, st); err != nil {
		return Summary{}, err
	}
	if err := b.instructions(ctx, st); err != nil {
		return Summary{}, err
	}
	if err := b.activities(ctx, st); err != nil {
		return Summary{}, err
	}
	if err := b.consultation(ctx, st); err != nil {
		return Summary{}, err
	}
	if err := b.opinions(ctx, st); err != nil { // demo/opinions.go
		return Summary{}, err
	}
	return summarize(ctx, st, true)
}

// built is a committee as build left it: what the accounts and departures refer to.
type built struct {
	actor     lvzhi.Actor
	committee lvzhi.Committee
	term      lvzhi.Term
	ids       map[lvzhi.OrgUnitKind][]int64 // per kind, in the plan's order
	plan      plan
}

// build writes one committee's terms, sessions, groupings and current-term members.
func build(ctx context.Context, st *store.Store, c lvzhi.Committee, p plan) (*built, error) {
	b := &built{actor: lvzhi.System(c.ID), committee: c, plan: p, ids: map[lvzhi.OrgUnitKind][]int64{}}
	wrap := func(what string, err error) error { return fmt.Errorf("demo: %s %s: %w", p.name, what, err) }
	// The past term goes first: creating the current term afterwards is what leaves it the
	// only current one.
	for _, t := range []lvzhi.Term{p.pastTerm, p.term} {
		if t.Number == 0 {
			continue
		}
		t.CommitteeID = c.ID
		var err error
		if b.term, err = st.CreateTerm(ctx, b.actor, t); err != nil {
			return nil, wrap("term", err)
		}
	}
	for i, day := range p.sessions {
		opens, err := time.Parse("2006-01-02", day)
		if err != nil {
			return nil, wrap("session", err)
		}
		ss := lvzhi.Session{CommitteeID: c.ID, TermID: b.term.ID, Number: i + 1, OpensOn: opens}
		if _, err := st.CreateSession(ctx, b.actor, ss); err != nil {
			return nil, wrap("session", err)
		}
	}
	var groupNames, activityNames []string
	for i := range p.groups {
		groupNames = append(groupNames, "第"+lvzhi.Chinese(i+1)+"界别工作组")
	}
	var activityParent []int
	for sc, n := range p.activity {
		for j := range n {
			activityNames = append(activityNames, p.specials[sc]+"第"+lvzhi.Chinese(j+1)+"活动小组")
			activityParent = append(activityParent, sc)
		}
	}
	// Parents before children: a sector names its group, an activity group its special
	// committee, and the store needs the parent's id.
	steps := []struct {
		kind   lvzhi.OrgUnitKind
		names  []string
		parent func(i int) int64
	}{
		{lvzhi.OrgSectorGroup, groupNames, nil},
		{lvzhi.OrgSector, p.sectors, func(i int) int64 {
			if p.groups == 0 {
				return 0 // a district's sectors stand on their own
			}
			return b.ids[lvzhi.OrgSectorGroup][i*p.groups/len(p.sectors)]
		}},
		{lvzhi.OrgSpecialCommittee, p.specials, nil},
		{lvzhi.OrgActivityGroup, activityNames, func(i int) int64 { return b.ids[lvzhi.OrgSpecialCommittee][activityParent[i]] }},
		{lvzhi.OrgParty, p.parties, nil},
		{lvzhi.OrgDepartment, p.departments, nil},
		{lvzhi.OrgHandlingUnit, p.units, nil},
	}
	for _, s := range steps {
		for i, name := range s.names {
			u := lvzhi.OrgUnit{CommitteeID: c.ID, Kind: s.kind, Name: name, Position: i + 1}
			if s.parent != nil {
				u.ParentID = s.parent(i)
			}
			u, err := st.CreateOrgUnit(ctx, b.actor, u)
			if err != nil {
				return nil, wrap(lvzhi.OrgUnitLabel[s.kind]+name, err)
			}
			b.ids[s.kind] = append(b.ids[s.kind], u.ID)
		}
	}
	party := map[string]int64{}
	for i, name := range p.parties {
		party[name] = b.ids[lvzhi.OrgParty][i]
	}
	var rows []lvzhi.Member
	for _, s := range p.roster() {
		m := s.m
		m.SectorID = b.ids[lvzhi.OrgSector][s.sector]
		m.PartyID = party[s.party]
		if s.special >= 0 {
			m.SpecialCommitteeID = b.ids[lvzhi.OrgSpecialCommittee][s.special]
		}
		if s.group >= 0 {
			m.ActivityGroupID = b.ids[lvzhi.OrgActivityGroup][s.group]
		}
		rows = append(rows, m)
	}
	// One import is one transaction: 348 members in well under a second, each with its own
	// "名册导入新建" event, as when an office imports its roster.
	if _, err := st.ImportMembers(ctx, b.actor, c.ID, b.term.ID, rows); err != nil {
		return nil, wrap("members", err)
	}
	return b, nil
}

// leave makes two ordinary members of the current term leave, so that the history and the
// state filter of the member pages have something to show. They are taken from a special
// committee, so the 全员入委 count stays the three generated for it.
func (b *built) leave(ctx context.Context, st *store.Store) error {
	no := false
	list, _, err := st.ListMembers(ctx, b.actor, lvzhi.MemberFilter{CommitteeID: b.committee.ID, TermID: b.term.ID,
		State: lvzhi.MemberServing, Standing: &no, Paging: lvzhi.Paging{PerPage: 500}})
	if err != nil {
		return fmt.Errorf("demo: list members: %w", err)
	}
	var in []lvzhi.Member
	for _, m := range list {
		if m.SpecialCommitteeID != 0 {
			in = append(in, m)
		}
	}
	if len(in) < 3 {
		return fmt.Errorf("demo: only %d members to leave", len(in))
	}
	for _, m := range []lvzhi.Member{in[len(in)/3], in[2*len(in)/3]} {
		if _, err := st.ChangeMember(ctx, b.actor, m.ID, "leave", "因工作调动辞去委员职务"); err != nil {
			return fmt.Errorf("demo: %s leaves: %w", m.Name, err)
		}
	}
	return nil
}

// accounts creates the demo accounts in the city committee, each with its single role and
// the grouping or member record that role needs.
func (b *built) accounts(ctx context.Context, st *store.Store) error {
	yes := true
	first, _, err := st.ListMembers(ctx, b.actor, lvzhi.MemberFilter{CommitteeID: b.committee.ID, TermID: b.term.ID,
		State: lvzhi.MemberServing, Standing: &yes, Paging: lvzhi.Paging{PerPage: 1}})
	if err != nil {
		return fmt.Errorf("demo: find the first standing member: %w", err)
	}
	for _, acc := range Accounts {
		u := lvzhi.User{CommitteeID: b.committee.ID, Username: acc.Username, Name: acc.Name, Roles: []lvzhi.Role{acc.Role}}
		switch acc.Role {
		case lvzhi.RoleStaff:
			u.DepartmentID = b.id(lvzhi.OrgDepartment, b.plan.departments, staffDepartment)
		case lvzhi.RoleUnit:
			u.UnitID = b.id(lvzhi.OrgHandlingUnit, b.plan.units, accountUnit)
		case lvzhi.RoleMember:
			// Accounts promised this member's name; a mismatch means the roster order and the
			// store's list order have drifted apart, and the banner would name someone else.
			if len(first) == 0 || first[0].Name != acc.Name {
				return fmt.Errorf("demo: the first standing member is not %s as Accounts says", acc.Name)
			}
			u.MemberID = first[0].ID
		}
		if _, err := st.CreateUser(ctx, b.actor, u, Password); err != nil {
			return fmt.Errorf("demo: account %s: %w", acc.Username, err)
		}
	}
	return nil
}

// id returns the id of the grouping of kind named name, created from list.
func (b *built) id(kind lvzhi.OrgUnitKind, list []string, name string) int64 {
	for i, n := range list {
		if n == name {
			return b.ids[kind][i]
		}
	}
	return 0
}

// summarize counts the deployment from the records: the first top-level committee is the
// city, the committees directly below it the districts.
func summarize(ctx context.Context, st *store.Store, created bool) (Summary, error) {
	all, err := st.Committees(ctx)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{Created: created}
	for _, c := range all {
		if c.ParentID == 0 {
			s.CityID, s.CityName = c.ID, c.Name
			break
		}
	}
	a := lvzhi.System(s.CityID)
	o, err := st.Overview(ctx, a, s.CityID)
	if err != nil {
		return s, err
	}
	s.Members, s.StandingMembers, s.WithoutSpecialComm = o.Members, o.StandingMembers, o.WithoutSpecialComm
	s.Sectors, s.SectorGroups = o.Counts[lvzhi.OrgSector], o.Counts[lvzhi.OrgSectorGroup]
	s.SpecialCommittees, s.ActivityGroups = o.Counts[lvzhi.OrgSpecialCommittee], o.Counts[lvzhi.OrgActivityGroup]
	if o.Term.ID != 0 {
		f := lvzhi.MemberFilter{CommitteeID: s.CityID, TermID: o.Term.ID, State: lvzhi.MemberLeft, Paging: lvzhi.Paging{PerPage: 1}}
		if _, s.LeftMembers, err = st.ListMembers(ctx, a, f); err != nil {
			return s, err
		}
	}
	if _, s.Proposals, err = st.ListProposals(ctx, a, lvzhi.ProposalFilter{CommitteeID: s.CityID, Paging: lvzhi.Paging{PerPage: 1}}); err != nil {
		return s, err
	}
	for _, c := range all {
		if c.ParentID != s.CityID || s.CityID == 0 {
			continue
		}
		s.DistrictIDs = append(s.DistrictIDs, c.ID)
		od, err := st.Overview(ctx, lvzhi.System(c.ID), c.ID)
		if err != nil {
			return s, err
		}
		s.DistrictMembers += od.Members
	}
	return s, nil
}
