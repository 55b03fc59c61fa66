package store

import (
	"strings"
	"testing"

	"lvzhi"
)

// reveal reads a member record whole as the system.
func (f *fixture) reveal(t testing.TB, id int64) lvzhi.Member {
	t.Helper()
	m, err := f.st.RevealMember(f.ctx, f.sys, id)
	if err != nil {
		t.Fatalf("reveal member %d: %v", id, err)
	}
	return m
}

// history returns the member's events, newest first.
func (f *fixture) history(t testing.TB, id int64) []lvzhi.Event {
	t.Helper()
	ev, err := f.st.MemberHistory(f.ctx, f.sys, id)
	if err != nil {
		t.Fatalf("history of member %d: %v", id, err)
	}
	return ev
}

func TestUpdateMemberByStaff(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		orig := f.createMember(t, f.newMember("李强", 3))

		// The form comes back as the staff member saw it: masked phone and ID number.
		m, err := st.Member(f.ctx, staff, orig.ID)
		if err != nil {
			t.Fatal(err)
		}
		m.Name, m.Employer, m.SectorID, m.Standing, m.SpecialCommitteeID = "李强国", "兰州理工大学", f.Sectors[2], true, f.Specials[1]
		m.State = lvzhi.MemberLeft // not editable: the workflow changes states
		if err := st.UpdateMember(f.ctx, staff, m); err != nil {
			t.Fatalf("staff updates a member: %v (%v)", err, lvzhi.ErrorFields(err))
		}
		got := f.reveal(t, orig.ID)
		if got.Name != "李强国" || got.Employer != "兰州理工大学" || got.SectorID != f.Sectors[2] || !got.Standing || got.SpecialCommitteeID != f.Specials[1] {
			t.Errorf("after update: %+v", got)
		}
		if got.Phone != orig.Phone || got.IDNumber != orig.IDNumber {
			t.Errorf("masked values sent back replaced the stored ones: phone %q id %q, want %q %q", got.Phone, got.IDNumber, orig.Phone, orig.IDNumber)
		}
		if got.State != lvzhi.MemberServing {
			t.Errorf("UpdateMember changed the state to %q", got.State)
		}
		ev := f.history(t, orig.ID)
		if len(ev) != 2 || ev[0].Action != "update" || ev[0].ActorID != staff.UserID {
			t.Fatalf("history after update: %+v", ev)
		}
		for _, w := range []string{"姓名", "界别", "专门委员会", "是否常委", "工作单位及职务"} {
			if !strings.Contains(ev[0].Note, w) {
				t.Errorf("update note %q does not name %s", ev[0].Note, w)
			}
		}
		if strings.Contains(ev[0].Note, "联系电话") || strings.Contains(ev[0].Note, orig.Phone) {
			t.Errorf("update note %q names a phone that did not change", ev[0].Note)
		}

		// A new whole phone number replaces the stored one.
		got.Phone = "13912345678"
		if err := st.UpdateMember(f.ctx, staff, got); err != nil {
			t.Fatal(err)
		}
		if g := f.reveal(t, orig.ID); g.Phone != "13912345678" {
			t.Errorf("phone after update = %q", g.Phone)
		}

		bad := got
		bad.Phone, bad.SectorID = "0000", f.OtherSector
		err = st.UpdateMember(f.ctx, staff, bad)
		wantField(t, err, "phone", "update with a bad phone")
		bad.Phone = got.Phone
		err = st.UpdateMember(f.ctx, staff, bad)
		wantField(t, err, "sector_id", "update with another committee's sector")
		if g := f.reveal(t, orig.ID); g.SectorID != f.Sectors[2] {
			t.Errorf("refused update changed the sector to %d", g.SectorID)
		}
		err = st.UpdateMember(f.ctx, staff, lvzhi.Member{ID: 99999, Name: "无此人"})
		wantCode(t, err, lvzhi.ErrNotFound, "update an unknown member")
	})
}

func TestUpdateMemberByThemself(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		orig := f.createMember(t, f.newMember("李强", 3))
		colleague := f.createMember(t, f.newMember("王芳", 4))
		_, own := f.userWithActor(t, "liqiang", []lvzhi.Role{lvzhi.RoleMember}, func(u *lvzhi.User) { u.MemberID = orig.ID })

		m, err := st.Member(f.ctx, own, orig.ID)
		if err != nil {
			t.Fatal(err)
		}
		m.Phone, m.Address = "13700001111", "兰州市七里河区西津西路1号"
		m.Name, m.Employer, m.SectorID, m.Standing = "李大强", "自封单位", f.Sectors[1], true
		if err := st.UpdateMember(f.ctx, own, m); err != nil {
			t.Fatalf("member updates own record: %v (%v)", err, lvzhi.ErrorFields(err))
		}
		got := f.reveal(t, orig.ID)
		if got.Phone != "13700001111" || got.Address != "兰州市七里河区西津西路1号" {
			t.Errorf("own contact fields not saved: %q %q", got.Phone, got.Address)
		}
		if got.Name != "李强" || got.Employer != orig.Employer || got.SectorID != orig.SectorID || got.Standing || got.IDNumber != orig.IDNumber {
			t.Errorf("member changed office-kept fields of own record: %+v", got)
		}

		// The masked phone sent back keeps the stored one.
		m, _ = st.Member(f.ctx, own, orig.ID)
		m.Address = "兰州市安宁区"
		if err := st.UpdateMember(f.ctx, own, m); err != nil {
			t.Fatal(err)
		}
		if g := f.reveal(t, orig.ID); g.Phone != "13700001111" || g.Address != "兰州市安宁区" {
			t.Errorf("after a masked resubmit: phone %q address %q", g.Phone, g.Address)
		}

		c, _ := st.Member(f.ctx, own, colleague.ID)
		c.Phone = "13700002222"
		err = st.UpdateMember(f.ctx, own, c)
		wantCode(t, err, lvzhi.ErrForbidden, "member updates a colleague")
		if g := f.reveal(t, colleague.ID); g.Phone != colleague.Phone {
			t.Errorf("refused update changed the colleague's phone to %q", g.Phone)
		}
	})
}

// The history must say what a member's own edit changed, as it does for staff edits.
func TestUpdateMemberByThemselfHistory(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		orig := f.createMember(t, f.newMember("李强", 3))
		_, own := f.userWithActor(t, "liqiang", []lvzhi.Role{lvzhi.RoleMember}, func(u *lvzhi.User) { u.MemberID = orig.ID })
		m, _ := st.Member(f.ctx, own, orig.ID)
		m.Phone = "13700001111"
		if err := st.UpdateMember(f.ctx, own, m); err != nil {
			t.Fatal(err)
		}
		ev := f.history(t, orig.ID)
		if len(ev) == 0 || ev[0].Action != "update" {
			t.Fatalf("history: %+v", ev)
		}
		if !strings.Contains(ev[0].Note, "联系电话") {
			t.Errorf("BUG (store/member_write.go UpdateMember): a member changed their own phone, but the history note is %q; "+
				"the own-record branch copies the new phone into old before `m = old`, so changedFields(old, m) compares the "+
				"record with itself. Keep an unmodified copy of old for changedFields", ev[0].Note)
		}
	})
}

// Staff saving the edit form without uploading a new photo must not erase the photo: the
// form (web/member_form.go) sends PhotoHash "" unless a file was chosen, and the member's
// own edit already treats "" as "keep".
func TestUpdateMemberKeepsPhoto(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		m := f.createMember(t, f.newMember("李强", 3))
		const photo = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
		withPhoto := f.reveal(t, m.ID)
		withPhoto.PhotoHash = photo
		if err := st.UpdateMember(f.ctx, staff, withPhoto); err != nil {
			t.Fatal(err)
		}
		if g := f.reveal(t, m.ID); g.PhotoHash != photo {
			t.Fatalf("photo not saved: %q", g.PhotoHash)
		}
		edit := f.reveal(t, m.ID)
		edit.PhotoHash, edit.Employer = "", "兰州交通大学"
		if err := st.UpdateMember(f.ctx, staff, edit); err != nil {
			t.Fatal(err)
		}
		if g := f.reveal(t, m.ID); g.PhotoHash != photo {
			t.Errorf("BUG (store/member_write.go UpdateMember): a staff edit without a new photo erased the stored photo "+
				"(now %q); keep old.PhotoHash when m.PhotoHash is empty on the staff path too", g.PhotoHash)
		}
	})
}
