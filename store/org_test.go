package store

import (
	"maps"
	"testing"

	"lvzhi"
)

func TestOrgUnitCRUD(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		_, sysadmin := f.userWithActor(t, "sysadm", []lvzhi.Role{lvzhi.RoleSysAdmin}, nil)
		_, member := f.userWithActor(t, "weiyuan", []lvzhi.Role{lvzhi.RoleMember}, nil)

		g2, err := st.CreateOrgUnit(f.ctx, staff, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgSectorGroup, Name: "第二界别组", Position: 2})
		if err != nil {
			t.Fatalf("staff creates a sector group: %v", err)
		}
		sec, err := st.CreateOrgUnit(f.ctx, staff, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgSector, Name: "教育界", ParentID: f.SectorGroup, Position: 4})
		if err != nil {
			t.Fatalf("staff creates a sector: %v", err)
		}
		got, err := st.OrgUnit(f.ctx, staff, sec.ID)
		if err != nil || got.Name != "教育界" || got.Kind != lvzhi.OrgSector || got.ParentID != f.SectorGroup ||
			got.ParentName != "第一界别组" || got.Position != 4 || got.CommitteeID != f.City {
			t.Fatalf("OrgUnit(%d) = %+v, %v", sec.ID, got, err)
		}

		// Rename and move under the other sector group.
		if err := st.UpdateOrgUnit(f.ctx, staff, lvzhi.OrgUnit{ID: sec.ID, Kind: lvzhi.OrgSector, Name: "教育界别", ParentID: g2.ID, Position: 5}); err != nil {
			t.Fatalf("rename and move a sector: %v", err)
		}
		got, _ = st.OrgUnit(f.ctx, staff, sec.ID)
		if got.Name != "教育界别" || got.ParentID != g2.ID || got.ParentName != "第二界别组" || got.Position != 5 {
			t.Errorf("after update: %+v", got)
		}
		// Kind and committee do not change through an update.
		if err := st.UpdateOrgUnit(f.ctx, staff, lvzhi.OrgUnit{ID: sec.ID, CommitteeID: f.Other, Kind: lvzhi.OrgParty, Name: "教育界别", ParentID: g2.ID}); err != nil {
			t.Fatalf("update naming another kind and committee: %v", err)
		}
		if got, _ = st.OrgUnit(f.ctx, staff, sec.ID); got.Kind != lvzhi.OrgSector || got.CommitteeID != f.City {
			t.Errorf("update changed kind or committee: %+v", got)
		}

		// Departments and handling units carry accounts: the system administrator's.
		if _, err := st.CreateOrgUnit(f.ctx, sysadmin, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgDepartment, Name: "研究室"}); err != nil {
			t.Fatalf("sysadmin creates a department: %v", err)
		}

		tests := []struct {
			name  string
			a     lvzhi.Actor
			u     lvzhi.OrgUnit
			code  lvzhi.ErrorCode
			field string
		}{
			{"no name", staff, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgSector, Name: "  "}, lvzhi.ErrInvalid, "name"},
			{"unknown kind", staff, lvzhi.OrgUnit{CommitteeID: f.City, Kind: "club", Name: "俱乐部"}, lvzhi.ErrInvalid, "kind"},
			{"same name and kind", staff, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgSector, Name: "经济界"}, lvzhi.ErrConflict, ""},
			{"member may not", member, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgSector, Name: "科技界"}, lvzhi.ErrForbidden, ""},
			{"staff may not add a department", staff, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgDepartment, Name: "办公室"}, lvzhi.ErrForbidden, ""},
			{"sysadmin may not add a sector", sysadmin, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgSector, Name: "科技界"}, lvzhi.ErrForbidden, ""},
			{"another committee", staff, lvzhi.OrgUnit{CommitteeID: f.Other, Kind: lvzhi.OrgSector, Name: "科技界"}, lvzhi.ErrForbidden, ""},
		}
		for _, tc := range tests {
			_, err := st.CreateOrgUnit(f.ctx, tc.a, tc.u)
			wantCode(t, err, tc.code, "CreateOrgUnit: "+tc.name)
			if tc.field != "" {
				wantField(t, err, tc.field, "CreateOrgUnit: "+tc.name)
			}
		}
		// The same name under another kind is another grouping.
		if _, err := st.CreateOrgUnit(f.ctx, staff, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgParty, Name: "经济界"}); err != nil {
			t.Errorf("a party named like a sector: %v", err)
		}
		// Renaming onto an existing name is a conflict, and the old name stays.
		err = st.UpdateOrgUnit(f.ctx, staff, lvzhi.OrgUnit{ID: sec.ID, Kind: lvzhi.OrgSector, Name: "经济界", ParentID: g2.ID})
		wantCode(t, err, lvzhi.ErrConflict, "rename onto an existing sector name")
		if got, _ = st.OrgUnit(f.ctx, staff, sec.ID); got.Name != "教育界别" {
			t.Errorf("refused rename changed the name to %q", got.Name)
		}
		_, err = st.OrgUnit(f.ctx, staff, f.OtherSector)
		wantCode(t, err, lvzhi.ErrForbidden, "OrgUnit of another committee")
		_, err = st.OrgUnit(f.ctx, staff, 99999)
		wantCode(t, err, lvzhi.ErrNotFound, "OrgUnit of an unknown id")

		// Deleting an unreferenced grouping removes it.
		if err := st.DeleteOrgUnit(f.ctx, staff, sec.ID); err != nil {
			t.Fatalf("delete an unused sector: %v", err)
		}
		_, err = st.OrgUnit(f.ctx, staff, sec.ID)
		wantCode(t, err, lvzhi.ErrNotFound, "OrgUnit after delete")
		err = st.DeleteOrgUnit(f.ctx, member, g2.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "member deletes a sector group")
	})
}

func TestOrgUnitParent(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		otherGroup := f.unit(t, f.Other, lvzhi.OrgSectorGroup, "界别组", 0)
		tests := []struct {
			name   string
			kind   lvzhi.OrgUnitKind
			parent int64
			ok     bool
		}{
			{"sector under a sector group", lvzhi.OrgSector, f.SectorGroup, true},
			{"sector without a parent", lvzhi.OrgSector, 0, true},
			{"sector under a special committee", lvzhi.OrgSector, f.Specials[0], false},
			{"sector under a sector", lvzhi.OrgSector, f.Sectors[2], false},
			{"sector under another committee's sector group", lvzhi.OrgSector, otherGroup, false},
			{"sector under a missing parent", lvzhi.OrgSector, 99999, false},
			{"activity group under a special committee", lvzhi.OrgActivityGroup, f.Specials[1], true},
			{"activity group under a sector group", lvzhi.OrgActivityGroup, f.SectorGroup, false},
			{"activity group under another committee's special committee", lvzhi.OrgActivityGroup, f.OtherSpecial, false},
			{"party under anything", lvzhi.OrgParty, f.SectorGroup, false},
			{"special committee under a special committee", lvzhi.OrgSpecialCommittee, f.Specials[0], false},
			{"sector group under a sector group", lvzhi.OrgSectorGroup, f.SectorGroup, false},
		}
		for i, tc := range tests {
			before := countRows(t, st, `SELECT COUNT(*) FROM org_units`)
			u, err := st.CreateOrgUnit(f.ctx, f.sys, lvzhi.OrgUnit{CommitteeID: f.City, Kind: tc.kind, Name: "单位" + lvzhi.Chinese(i), ParentID: tc.parent})
			if tc.ok {
				if err != nil {
					t.Errorf("%s: %v", tc.name, err)
				} else if got, _ := st.OrgUnit(f.ctx, f.sys, u.ID); got.ParentID != tc.parent {
					t.Errorf("%s: stored parent %d, want %d", tc.name, got.ParentID, tc.parent)
				}
				continue
			}
			if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid || lvzhi.ErrorFields(err)["parent_id"] == "" {
				t.Errorf("%s: got %v (fields %v), want invalid parent_id", tc.name, err, lvzhi.ErrorFields(err))
			}
			if after := countRows(t, st, `SELECT COUNT(*) FROM org_units`); after != before {
				t.Errorf("%s: refused, yet org_units went from %d to %d rows", tc.name, before, after)
			}
		}

		// The same rules hold when an update moves a grouping.
		err := st.UpdateOrgUnit(f.ctx, f.sys, lvzhi.OrgUnit{ID: f.Sectors[2], Kind: lvzhi.OrgSector, Name: "经济界", ParentID: f.Specials[0]})
		wantField(t, err, "parent_id", "move a sector under a special committee")
		err = st.UpdateOrgUnit(f.ctx, f.sys, lvzhi.OrgUnit{ID: f.Group, Kind: lvzhi.OrgActivityGroup, Name: "第一活动小组", ParentID: f.OtherSpecial})
		wantField(t, err, "parent_id", "move an activity group under another committee's special committee")
		if got, _ := st.OrgUnit(f.ctx, f.sys, f.Group); got.ParentID != f.Specials[0] {
			t.Errorf("refused move changed the activity group's parent to %d", got.ParentID)
		}
		if err := st.UpdateOrgUnit(f.ctx, f.sys, lvzhi.OrgUnit{ID: f.Group, Kind: lvzhi.OrgActivityGroup, Name: "第一活动小组", ParentID: f.Specials[1]}); err != nil {
			t.Errorf("move an activity group to the other special committee: %v", err)
		}
	})
}

func TestDeleteReferencedOrgUnit(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		m := f.newMember("张明", 1)
		m.SpecialCommitteeID, m.ActivityGroupID, m.PartyID = f.Specials[0], f.Group, f.Party
		m = f.createMember(t, m)

		tests := []struct {
			name string
			a    lvzhi.Actor
			id   int64
		}{
			{"sector of a member", staff, f.Sectors[0]},
			{"party of a member", staff, f.Party},
			{"special committee of a member and parent of a group", staff, f.Specials[0]},
			{"activity group of a member", staff, f.Group},
			{"sector group with sectors", staff, f.SectorGroup},
			{"department of an account", f.sys, f.Dept},
		}
		for _, tc := range tests {
			before := countRows(t, st, `SELECT COUNT(*) FROM org_units`)
			err := st.DeleteOrgUnit(f.ctx, tc.a, tc.id)
			wantCode(t, err, lvzhi.ErrConflict, "delete "+tc.name)
			if after := countRows(t, st, `SELECT COUNT(*) FROM org_units`); after != before {
				t.Errorf("delete %s: refused, yet org_units went from %d to %d", tc.name, before, after)
			}
			if _, err := st.OrgUnit(f.ctx, f.sys, tc.id); err != nil {
				t.Errorf("delete %s: the grouping is gone after a refused delete: %v", tc.name, err)
			}
		}
		got, err := st.Member(f.ctx, staff, m.ID)
		if err != nil || got.SectorID != f.Sectors[0] || got.SectorName != "中国共产党" || got.PartyID != f.Party || got.ActivityGroupID != f.Group {
			t.Errorf("member after refused deletes: %+v, %v", got, err)
		}
	})
}

func TestOrgCountsAndOverview(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		add := func(n int, sector, special, group, party int64, standing bool, term int64) lvzhi.Member {
			m := f.newMember("委员"+lvzhi.Chinese(n), n)
			m.SectorID, m.SpecialCommitteeID, m.ActivityGroupID, m.PartyID, m.Standing, m.TermID = sector, special, group, party, standing, term
			return f.createMember(t, m)
		}
		s := f.Sectors
		add(1, s[0], f.Specials[0], f.Group, f.Party, true, f.Term)
		add(2, s[0], f.Specials[1], 0, 0, false, f.Term)
		add(3, s[1], 0, 0, f.Party, true, f.Term)
		add(4, s[2], 0, 0, 0, false, f.Term)
		left := add(5, s[2], f.Specials[0], f.Group, 0, true, f.Term)
		if _, err := st.ChangeMember(f.ctx, staff, left.ID, "leave", "调离"); err != nil {
			t.Fatal(err)
		}
		add(6, s[0], f.Specials[0], 0, f.Party, true, f.OldTerm) // previous term
		other := f.newMember("外地委员", 7)
		other.CommitteeID, other.TermID, other.SectorID, other.SpecialCommitteeID = f.Other, f.OtherTerm, f.OtherSector, f.OtherSpecial
		f.createMember(t, other)

		counts := func(kind lvzhi.OrgUnitKind) map[int64]int {
			t.Helper()
			units, err := st.OrgUnits(f.ctx, staff, f.City, kind)
			if err != nil {
				t.Fatalf("OrgUnits %s: %v", kind, err)
			}
			out := map[int64]int{}
			for _, u := range units {
				if u.Kind != kind || u.CommitteeID != f.City {
					t.Errorf("OrgUnits %s returned %+v", kind, u)
				}
				out[u.ID] = u.Members
			}
			return out
		}
		want := map[lvzhi.OrgUnitKind]map[int64]int{
			lvzhi.OrgSector:           {s[0]: 2, s[1]: 1, s[2]: 1},
			lvzhi.OrgSectorGroup:      {f.SectorGroup: 3},
			lvzhi.OrgSpecialCommittee: {f.Specials[0]: 1, f.Specials[1]: 1},
			lvzhi.OrgActivityGroup:    {f.Group: 1},
			lvzhi.OrgParty:            {f.Party: 2},
			lvzhi.OrgDepartment:       {f.Dept: 0},
			lvzhi.OrgHandlingUnit:     {f.Unit: 0},
		}
		for kind, w := range want {
			if got := counts(kind); !maps.Equal(got, w) {
				t.Errorf("OrgUnits(%s) member counts = %v, want %v", kind, got, w)
			}
		}
		units, _ := st.OrgUnits(f.ctx, staff, f.City, lvzhi.OrgSector)
		if len(units) != 3 || units[0].Name != "中国共产党" || units[0].ParentName != "第一界别组" {
			t.Errorf("sectors in display order: %+v", units)
		}

		o, err := st.Overview(f.ctx, staff, f.City)
		if err != nil {
			t.Fatal(err)
		}
		if o.Committee.ID != f.City || o.Term.ID != f.Term {
			t.Errorf("Overview committee %d term %d, want %d %d", o.Committee.ID, o.Term.ID, f.City, f.Term)
		}
		if o.Members != 4 || o.StandingMembers != 2 || o.WithoutSpecialComm != 2 {
			t.Errorf("Overview members %d standing %d without special committee %d, want 4 2 2",
				o.Members, o.StandingMembers, o.WithoutSpecialComm)
		}
		wantCounts := map[lvzhi.OrgUnitKind]int{
			lvzhi.OrgSector: 3, lvzhi.OrgSectorGroup: 1, lvzhi.OrgSpecialCommittee: 2, lvzhi.OrgActivityGroup: 1,
			lvzhi.OrgParty: 1, lvzhi.OrgDepartment: 1, lvzhi.OrgHandlingUnit: 1,
		}
		if !maps.Equal(o.Counts, wantCounts) {
			t.Errorf("Overview counts = %v, want %v", o.Counts, wantCounts)
		}

		// A new current term starts empty: the counts follow the current term.
		if _, err := st.CreateTerm(f.ctx, staff, lvzhi.Term{CommitteeID: f.City, Number: 15, StartYear: 2027, EndYear: 2032, Current: true}); err != nil {
			t.Fatal(err)
		}
		if o, _ := st.Overview(f.ctx, staff, f.City); o.Members != 0 || o.StandingMembers != 0 || o.WithoutSpecialComm != 0 {
			t.Errorf("Overview of an empty new term: %d %d %d, want zeros", o.Members, o.StandingMembers, o.WithoutSpecialComm)
		}
		if got := counts(lvzhi.OrgSector); got[s[0]] != 0 {
			t.Errorf("sector count in an empty new term = %d", got[s[0]])
		}

		// A committee without a term still has an overview.
		if o, err := st.Overview(f.ctx, f.sys, f.County); err != nil || o.Members != 0 || o.Term.ID != 0 {
			t.Errorf("Overview of a committee without terms: %+v, %v", o, err)
		}
		_, err = st.Overview(f.ctx, staff, f.Other)
		wantCode(t, err, lvzhi.ErrForbidden, "Overview of another committee")
		_, err = st.OrgUnits(f.ctx, staff, f.Other, lvzhi.OrgSector)
		wantCode(t, err, lvzhi.ErrForbidden, "OrgUnits of another committee")
	})
}
