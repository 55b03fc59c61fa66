package store

// Shared helpers of the activity tests: members spread over sectors, special committees, an
// activity group and the standing committee, and the actors who plan and attend activities.

import (
	"fmt"
	"testing"
	"time"

	"lvzhi"
)

// actFixture is the city of fixture with six members:
//
//	0 王建国  sector 0, special 0, group, standing
//	1 李秀英  sector 0, special 1
//	2 张海峰  sector 1, special 0, group
//	3 刘淑芬  sector 2, standing
//	4 陈志强  sector 2, special 1
//	5 杨丽华  sector 0, left the committee (never invited)
//
// and a member of the other committee in its own sector.
type actFixture struct {
	*fixture
	Members     []lvzhi.Member
	OtherMember lvzhi.Member
	staff       lvzhi.Actor
	leader      lvzhi.Actor
	mem         []lvzhi.Actor
	otherStaff  lvzhi.Actor
	otherMem    lvzhi.Actor
	start       time.Time // the start of the activities act creates: a week after the clock's start
}

func newActFixture(t testing.TB, st *Store) *actFixture {
	t.Helper()
	af := &actFixture{fixture: newFixture(t, st)}
	f := af.fixture
	type spec struct {
		name            string
		sector, special int
		group, standing bool
	}
	for i, s := range []spec{{"王建国", 0, 0, true, true}, {"李秀英", 0, 1, false, false}, {"张海峰", 1, 0, true, false},
		{"刘淑芬", 2, -1, false, true}, {"陈志强", 2, 1, false, false}, {"杨丽华", 0, -1, false, false}} {
		m := f.newMember(s.name, 20+i)
		m.SectorID, m.Standing = f.Sectors[s.sector], s.standing
		if s.special >= 0 {
			m.SpecialCommitteeID = f.Specials[s.special]
		}
		if s.group {
			m.ActivityGroupID = f.Group
		}
		af.Members = append(af.Members, f.createMember(t, m))
	}
	if _, err := st.ChangeMember(f.ctx, f.sys, af.Members[5].ID, "leave", "辞去委员职务"); err != nil {
		t.Fatalf("member leaves: %v", err)
	}
	om := f.newMember("赵天水", 90)
	om.CommitteeID, om.TermID, om.SectorID = f.Other, f.OtherTerm, f.OtherSector
	af.OtherMember = f.createMember(t, om)
	city := []int64{f.City}
	af.staff = lvzhi.Actor{UserID: 9001, Username: "huiwu", Name: "会务科", Roles: []lvzhi.Role{lvzhi.RoleStaff}, CommitteeID: f.City, Committees: city, DepartmentID: f.Dept}
	af.leader = lvzhi.Actor{UserID: 9002, Username: "zhuxi", Name: "主席", Roles: []lvzhi.Role{lvzhi.RoleLeader}, CommitteeID: f.City, Committees: city}
	for i, m := range af.Members {
		af.mem = append(af.mem, lvzhi.Actor{UserID: int64(9100 + i), Username: fmt.Sprintf("wy%d", i), Name: m.Name,
			Roles: []lvzhi.Role{lvzhi.RoleMember}, CommitteeID: f.City, Committees: city, MemberID: m.ID})
	}
	other := []int64{f.Other}
	af.otherStaff = lvzhi.Actor{UserID: 9301, Username: "tshuiwu", Name: "天水会务", Roles: []lvzhi.Role{lvzhi.RoleStaff}, CommitteeID: f.Other, Committees: other}
	af.otherMem = lvzhi.Actor{UserID: 9302, Username: "tswy", Name: om.Name, Roles: []lvzhi.Role{lvzhi.RoleMember}, CommitteeID: f.Other, Committees: other, MemberID: af.OtherMember.ID}
	af.start = st.Now().Add(7 * 24 * time.Hour)
	return af
}

// create plans an activity of the given type starting at start, lasting three hours.
func (af *actFixture) create(t testing.TB, typ, title string, start time.Time) lvzhi.Activity {
	t.Helper()
	x, err := af.st.CreateActivity(af.ctx, af.staff, lvzhi.Activity{Type: typ, Title: title, OrganiserID: af.Dept,
		StartsAt: start, EndsAt: start.Add(3 * time.Hour), Place: "市政协会议中心", Agenda: "一、审议工作报告", CheckinBefore: 60, LateAfter: 10})
	if err != nil {
		t.Fatalf("create activity %s: %v (fields %v)", title, err, lvzhi.ErrorFields(err))
	}
	return x
}

// published creates an activity, invites members (indexes into Members) by name and publishes it.
func (af *actFixture) published(t testing.TB, typ, title string, start time.Time, members ...int) lvzhi.Activity {
	t.Helper()
	x := af.create(t, typ, title, start)
	var ids []int64
	for _, i := range members {
		ids = append(ids, af.Members[i].ID)
	}
	if _, err := af.st.InviteMembers(af.ctx, af.staff, x.ID, lvzhi.Selection{MemberIDs: ids}); err != nil {
		t.Fatalf("invite: %v", err)
	}
	return af.act(t, af.staff, x.ID, "publish")
}

// act applies an activity action and fails the test on an error.
func (af *actFixture) act(t testing.TB, a lvzhi.Actor, id int64, action string) lvzhi.Activity {
	t.Helper()
	x, err := af.st.ActActivity(af.ctx, a, id, action, "")
	if err != nil {
		t.Fatalf("%s activity %d: %v", action, id, err)
	}
	return x
}

// answer applies an invitation action as a and fails the test on an error.
func (af *actFixture) answer(t testing.TB, a lvzhi.Actor, id int64, member int, action string, in lvzhi.InvitationInput) lvzhi.Invitation {
	t.Helper()
	inv, err := af.st.ActInvitation(af.ctx, a, id, af.Members[member].ID, action, in)
	if err != nil {
		t.Fatalf("%s for %s: %v (fields %v)", action, af.Members[member].Name, err, lvzhi.ErrorFields(err))
	}
	return inv
}

// attendance returns each participant's attendance by member name.
func (af *actFixture) attendance(t testing.TB, id int64) map[string]string {
	t.Helper()
	ps, err := af.st.Participants(af.ctx, af.staff, id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range ps {
		out[p.MemberName] = p.Attendance
	}
	return out
}
