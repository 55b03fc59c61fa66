package store

import (
	"strings"
	"testing"

	"lvzhi"
)

func TestMemberCreateMaskReveal(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		in := f.newMember(" 王  芳 ", 2)
		in.IDNumber = strings.ToLower(idNumber("19820305", 101)) // check character X, typed in lower case
		in.BirthDate, in.Gender = "1982-03-05", "男"
		in.PartyID, in.SpecialCommitteeID, in.ActivityGroupID, in.Standing = f.Party, f.Specials[0], f.Group, true
		if !strings.HasSuffix(in.IDNumber, "x") {
			t.Fatalf("test data: want an ID number ending in x, got %s", in.IDNumber)
		}
		m, err := st.CreateMember(f.ctx, staff, in)
		if err != nil {
			t.Fatalf("staff creates a member: %v (%v)", err, lvzhi.ErrorFields(err))
		}
		if m.ID == 0 || m.State != lvzhi.MemberServing {
			t.Fatalf("created member id %d state %q", m.ID, m.State)
		}

		got, err := st.Member(f.ctx, staff, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantID := strings.ToUpper(in.IDNumber)
		if !got.Masked || got.Phone != lvzhi.MaskPhone(in.Phone) || got.IDNumber != lvzhi.MaskIDNumber(wantID) {
			t.Errorf("Member is not masked: masked=%v phone %q id %q", got.Masked, got.Phone, got.IDNumber)
		}
		if strings.Contains(got.Phone, in.Phone[3:7]) || got.IDNumber == wantID {
			t.Errorf("masked values still show the middle digits: %q %q", got.Phone, got.IDNumber)
		}
		if got.Name != "王  芳" || got.TermName != "第十四届" || got.SectorName != "中国共产党" || got.PartyName != "民革兰州市委" ||
			got.SpecialCommitteeName != "提案委员会" || got.ActivityGroupName != "第一活动小组" || !got.Standing {
			t.Errorf("Member read back: %+v", got)
		}

		before := lastAuditID(t, st)
		whole, err := st.RevealMember(f.ctx, staff, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if whole.Masked || whole.Phone != in.Phone || whole.IDNumber != wantID || whole.Address != in.Address {
			t.Errorf("RevealMember: phone %q id %q, want %q %q", whole.Phone, whole.IDNumber, in.Phone, wantID)
		}
		rows := auditAfter(t, st, before)
		if len(rows) != 1 || rows[0].Action != "member.view_pii" || rows[0].Object != object(lvzhi.KindMember, m.ID) ||
			rows[0].Result != lvzhi.AuditOK || rows[0].Username != "clerk" || rows[0].UserID != staff.UserID || rows[0].IP != "10.0.0.8" {
			t.Errorf("audit rows after RevealMember: %+v", rows)
		}

		// A member sees the committee's records masked, and only their own whole.
		other := f.createMember(t, f.newMember("李强", 3))
		_, own := f.userWithActor(t, "wangfang", []lvzhi.Role{lvzhi.RoleMember}, func(u *lvzhi.User) { u.MemberID = m.ID })
		if got, err := st.Member(f.ctx, own, other.ID); err != nil || !got.Masked {
			t.Errorf("member reads a colleague: masked=%v err %v", got.Masked, err)
		}
		if got, err := st.RevealMember(f.ctx, own, m.ID); err != nil || got.Phone != in.Phone {
			t.Errorf("member reveals own record: %q, %v", got.Phone, err)
		}
		before = lastAuditID(t, st)
		_, err = st.RevealMember(f.ctx, own, other.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "member reveals a colleague's record")
		if rows := auditAfter(t, st, before); len(rows) != 1 || rows[0].Result != lvzhi.AuditDenied || rows[0].Action != "member.view_pii" {
			t.Errorf("audit rows after a refused reveal: %+v", rows)
		}
		_, err = st.RevealMember(f.ctx, f.sys, 99999)
		wantCode(t, err, lvzhi.ErrNotFound, "reveal an unknown member")
	})
}

// A refused RevealMember must not hand back the whole phone and ID number with its error.
func TestRevealMemberRefusedReturnsNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		m := f.createMember(t, f.newMember("李强", 3))
		_, leader := f.userWithActor(t, "lingdao", []lvzhi.Role{lvzhi.RoleLeader}, nil)
		got, err := st.RevealMember(f.ctx, leader, m.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "leader reveals a member")
		if got.Phone == m.Phone || got.IDNumber == m.IDNumber || got.Name != "" {
			t.Errorf("BUG (store/member.go RevealMember): the forbidden call returned the record with the whole phone %q "+
				"and ID number %q; return lvzhi.Member{} when err != nil (as Member does)", got.Phone, got.IDNumber)
		}
	})
}

func TestMemberOfAnotherCommittee(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		m := f.createMember(t, f.newMember("李强", 3))
		om := f.newMember("赵敏", 4)
		om.CommitteeID, om.TermID, om.SectorID = f.Other, f.OtherTerm, f.OtherSector
		om = f.createMember(t, om)
		_, outsider := f.userWithActor(t, "zhaomin", []lvzhi.Role{lvzhi.RoleMember}, func(u *lvzhi.User) {
			u.CommitteeID, u.MemberID = f.Other, om.ID
		})
		_, err := st.Member(f.ctx, outsider, m.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "member of another committee reads a member")
		_, err = st.RevealMember(f.ctx, outsider, m.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "member of another committee reveals a member")
		_, err = st.MemberHistory(f.ctx, outsider, m.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "member of another committee reads a history")
		_, _, err = st.ListMembers(f.ctx, outsider, lvzhi.MemberFilter{CommitteeID: f.City})
		wantCode(t, err, lvzhi.ErrForbidden, "member of another committee lists members")
		if got, err := st.Member(f.ctx, outsider, om.ID); err != nil || got.Name != "赵敏" {
			t.Errorf("member reads a member of their own committee: %+v, %v", got, err)
		}
		_, err = st.Member(f.ctx, lvzhi.Actor{}, m.ID)
		wantCode(t, err, lvzhi.ErrUnauthorized, "the public reads a member")
	})
}

func TestMemberValidateAndRefs(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		ok := f.newMember("李强", 3)
		otherGroup := f.unit(t, f.City, lvzhi.OrgActivityGroup, "第二活动小组", f.Specials[1])
		tests := []struct {
			name   string
			mod    func(*lvzhi.Member)
			fields []string
		}{
			{"everything missing", func(m *lvzhi.Member) { *m = lvzhi.Member{CommitteeID: f.City} },
				[]string{"name", "gender", "term_id", "sector_id", "id_number"}},
			{"name too long", func(m *lvzhi.Member) { m.Name = strings.Repeat("长", 31) }, []string{"name"}},
			{"bad phone", func(m *lvzhi.Member) { m.Phone = "12345" }, []string{"phone"}},
			{"bad check character", func(m *lvzhi.Member) { m.IDNumber = m.IDNumber[:17] + "0"; m.BirthDate = "" }, []string{"id_number"}},
			{"birth date not the ID's", func(m *lvzhi.Member) { m.BirthDate = "1999-12-31" }, []string{"birth_date"}},
			{"bad birth date", func(m *lvzhi.Member) { m.BirthDate = "1970/01/01" }, []string{"birth_date"}},
			{"sector of another committee", func(m *lvzhi.Member) { m.SectorID = f.OtherSector }, []string{"sector_id"}},
			{"a special committee as sector", func(m *lvzhi.Member) { m.SectorID = f.Specials[0] }, []string{"sector_id"}},
			{"a sector as party", func(m *lvzhi.Member) { m.PartyID = f.Sectors[1] }, []string{"party_id"}},
			{"missing special committee", func(m *lvzhi.Member) { m.SpecialCommitteeID = 99999 }, []string{"special_committee_id"}},
			{"special committee of another committee", func(m *lvzhi.Member) { m.SpecialCommitteeID = f.OtherSpecial }, []string{"special_committee_id"}},
			{"activity group of the other special committee", func(m *lvzhi.Member) {
				m.SpecialCommitteeID, m.ActivityGroupID = f.Specials[0], otherGroup
			}, []string{"activity_group_id"}},
			{"term of another committee", func(m *lvzhi.Member) { m.TermID = f.OtherTerm }, []string{"term_id"}},
		}
		for _, tc := range tests {
			m := ok
			tc.mod(&m)
			_, err := st.CreateMember(f.ctx, staff, m)
			for _, field := range tc.fields {
				wantField(t, err, field, "CreateMember: "+tc.name)
			}
			if n := len(lvzhi.ErrorFields(err)); n != len(tc.fields) {
				t.Errorf("CreateMember %s: fields %v, want exactly %v", tc.name, lvzhi.ErrorFields(err), tc.fields)
			}
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM members`); n != 0 {
			t.Fatalf("%d members written by refused creates", n)
		}

		if _, err := st.CreateMember(f.ctx, staff, ok); err != nil {
			t.Fatal(err)
		}
		dup := f.newMember("李强二", 9)
		dup.IDNumber, dup.BirthDate, dup.Gender = ok.IDNumber, ok.BirthDate, ok.Gender
		_, err := st.CreateMember(f.ctx, staff, dup)
		wantCode(t, err, lvzhi.ErrConflict, "the same ID number twice in a term")
		dup.TermID = f.OldTerm
		if _, err := st.CreateMember(f.ctx, staff, dup); err != nil {
			t.Errorf("the same person in the previous term: %v", err)
		}
		_, member := f.userWithActor(t, "weiyuan", []lvzhi.Role{lvzhi.RoleMember}, nil)
		_, err = st.CreateMember(f.ctx, member, f.newMember("钱七", 7))
		wantCode(t, err, lvzhi.ErrForbidden, "member creates a member")
		if n := countRows(t, st, `SELECT COUNT(*) FROM members`); n != 2 {
			t.Errorf("%d members, want 2", n)
		}
	})
}
