package store

import (
	"fmt"
	"slices"
	"testing"

	"lvzhi"
)

// listData writes twelve members of the current term, one of the previous term and one of
// the other committee. Member n (1–12) sits in sector n%3, special committee 0 when n%4 == 0,
// 1 when n%4 == 1 and none otherwise; is standing when n%5 == 0; works at 兰州大学 when n is
// even; members 3 and 7 have left. It returns the ids by n.
func listData(t *testing.T, f *fixture) map[int]int64 {
	t.Helper()
	ids := map[int]int64{}
	for n := 1; n <= 13; n++ {
		m := f.newMember("委员"+lvzhi.Chinese(n), n)
		m.SectorID = f.Sectors[n%3]
		switch n % 4 {
		case 0:
			m.SpecialCommitteeID = f.Specials[0]
		case 1:
			m.SpecialCommitteeID = f.Specials[1]
		}
		m.Standing = n%5 == 0
		m.Employer = "甘肃省人民医院"
		if n%2 == 0 {
			m.Employer = "兰州大学"
		}
		if n == 13 {
			m.TermID, m.SectorID, m.SpecialCommitteeID, m.Standing = f.OldTerm, f.Sectors[0], 0, true
		}
		ids[n] = f.createMember(t, m).ID
	}
	for _, n := range []int{3, 7} {
		if _, err := f.st.ChangeMember(f.ctx, f.sys, ids[n], "leave", ""); err != nil {
			t.Fatal(err)
		}
	}
	om := f.newMember("委员一", 50)
	om.CommitteeID, om.TermID, om.SectorID = f.Other, f.OtherTerm, f.OtherSector
	f.createMember(t, om)
	return ids
}

func TestListMembersFilters(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		ids := listData(t, f)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		yes, no := true, false
		term := func(mf lvzhi.MemberFilter) lvzhi.MemberFilter {
			mf.CommitteeID, mf.TermID = f.City, f.Term
			return mf
		}
		tests := []struct {
			name string
			f    lvzhi.MemberFilter
			want []int
		}{
			{"whole committee, every term", lvzhi.MemberFilter{CommitteeID: f.City}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}},
			{"current term", term(lvzhi.MemberFilter{}), []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
			{"previous term", lvzhi.MemberFilter{CommitteeID: f.City, TermID: f.OldTerm}, []int{13}},
			{"sector, every term", lvzhi.MemberFilter{CommitteeID: f.City, SectorID: f.Sectors[0]}, []int{3, 6, 9, 12, 13}},
			{"sector", term(lvzhi.MemberFilter{SectorID: f.Sectors[0]}), []int{3, 6, 9, 12}},
			{"left", term(lvzhi.MemberFilter{State: lvzhi.MemberLeft}), []int{3, 7}},
			{"serving", term(lvzhi.MemberFilter{State: lvzhi.MemberServing}), []int{1, 2, 4, 5, 6, 8, 9, 10, 11, 12}},
			{"standing", term(lvzhi.MemberFilter{Standing: &yes}), []int{5, 10}},
			{"not standing", term(lvzhi.MemberFilter{Standing: &no}), []int{1, 2, 3, 4, 6, 7, 8, 9, 11, 12}},
			{"special committee", term(lvzhi.MemberFilter{SpecialCommitteeID: f.Specials[0]}), []int{4, 8, 12}},
			{"no special committee", term(lvzhi.MemberFilter{NoSpecialCommittee: true}), []int{2, 3, 6, 7, 10, 11}},
			{"serving, no special committee", term(lvzhi.MemberFilter{NoSpecialCommittee: true, State: lvzhi.MemberServing}), []int{2, 6, 10, 11}},
			{"sector, serving, no special committee", term(lvzhi.MemberFilter{SectorID: f.Sectors[0], NoSpecialCommittee: true, State: lvzhi.MemberServing}), []int{6}},
			{"q employer", term(lvzhi.MemberFilter{Q: "兰州大学"}), []int{2, 4, 6, 8, 10, 12}},
			{"q name", term(lvzhi.MemberFilter{Q: " 委员十 "}), []int{10, 11, 12}},
			{"q and standing", term(lvzhi.MemberFilter{Q: "兰州大学", Standing: &yes}), []int{10}},
			{"q title", term(lvzhi.MemberFilter{Q: "教授"}), []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
			{"q without match", term(lvzhi.MemberFilter{Q: "没有这个人"}), nil},
			{"a special committee of another committee", term(lvzhi.MemberFilter{SpecialCommitteeID: f.OtherSpecial}), nil},
		}
		for _, tc := range tests {
			tc.f.PerPage = 500
			list, total, err := st.ListMembers(f.ctx, staff, tc.f)
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
				continue
			}
			var got []int64
			for _, m := range list {
				got = append(got, m.ID)
				if !m.Masked || m.Phone == "" || m.Phone[3:7] != "****" {
					t.Errorf("%s: member %d listed unmasked: %q", tc.name, m.ID, m.Phone)
				}
				if m.CommitteeID != f.City {
					t.Errorf("%s: member %d of committee %d listed", tc.name, m.ID, m.CommitteeID)
				}
			}
			var want []int64
			for _, n := range tc.want {
				want = append(want, ids[n])
			}
			slices.Sort(got)
			if !slices.Equal(got, want) || total != len(want) {
				t.Errorf("%s: got ids %v total %d, want %v (members %v)", tc.name, got, total, want, tc.want)
			}
		}
	})
}

func TestListMembersPaging(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		ids := listData(t, f)
		_, member := f.userWithActor(t, "weiyuan", []lvzhi.Role{lvzhi.RoleMember}, nil)
		_, unit := f.userWithActor(t, "jiaoyu", []lvzhi.Role{lvzhi.RoleUnit}, nil)

		seen := map[int64]bool{}
		var order []int64
		for page, wantLen := range []int{5, 5, 2, 0} {
			list, total, err := st.ListMembers(f.ctx, member, lvzhi.MemberFilter{CommitteeID: f.City, TermID: f.Term, Paging: lvzhi.Paging{Page: page + 1, PerPage: 5}})
			if err != nil {
				t.Fatal(err)
			}
			if total != 12 || len(list) != wantLen {
				t.Errorf("page %d: %d rows, total %d; want %d rows, total 12", page+1, len(list), total, wantLen)
			}
			for _, m := range list {
				if seen[m.ID] {
					t.Errorf("page %d repeats member %d", page+1, m.ID)
				}
				seen[m.ID] = true
				order = append(order, m.ID)
			}
		}
		if len(seen) != 12 {
			t.Errorf("pages together hold %d members, want 12", len(seen))
		}
		// Sectors in display order, members by id within a sector.
		want := []int{3, 6, 9, 12, 1, 4, 7, 10, 2, 5, 8, 11}
		for i, n := range want {
			if i < len(order) && order[i] != ids[n] {
				t.Errorf("position %d holds member %d, want member %d (%d): order %v", i, order[i], ids[n], n, order)
				break
			}
		}

		// Page 0 is page 1; no page size means 50.
		list, total, err := st.ListMembers(f.ctx, member, lvzhi.MemberFilter{CommitteeID: f.City})
		if err != nil || len(list) != 13 || total != 13 {
			t.Errorf("default paging: %d rows, total %d, %v", len(list), total, err)
		}
		_, _, err = st.ListMembers(f.ctx, unit, lvzhi.MemberFilter{CommitteeID: f.City})
		wantCode(t, err, lvzhi.ErrForbidden, "handling unit lists members")
	})
}

// The office's list holds about 350 members; paging through all of them gives each once.
func TestListMembersManyPages(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		rows := make([]lvzhi.Member, 120)
		for i := range rows {
			rows[i] = f.newMember(fmt.Sprintf("委员%03d", i), 100+i)
			rows[i].SectorID = f.Sectors[i%3]
		}
		if _, err := st.ImportMembers(f.ctx, f.sys, f.City, f.Term, rows); err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for page := 1; page <= 3; page++ {
			list, total, err := st.ListMembers(f.ctx, f.sys, lvzhi.MemberFilter{CommitteeID: f.City, Paging: lvzhi.Paging{Page: page, PerPage: 50}})
			if err != nil || total != 120 {
				t.Fatalf("page %d: total %d, %v", page, total, err)
			}
			for _, m := range list {
				seen[m.ID] = true
			}
		}
		if len(seen) != 120 {
			t.Errorf("three pages of 50 hold %d distinct members, want 120", len(seen))
		}
	})
}
