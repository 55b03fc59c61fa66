package store

// Shared helpers of the consultation tests: the city of fixture with three members, a staff
// clerk, a leader and the members' own actors, and activities planned or held.

import (
	"testing"
	"time"

	"lvzhi"
)

type conFixture struct {
	*fixture
	Members []lvzhi.Member // 0 and 1 in sector 0, 2 in sector 2
	staff   lvzhi.Actor
	leader  lvzhi.Actor
	mem     []lvzhi.Actor
	other   lvzhi.Actor // staff of the other committee
}

func newConFixture(t testing.TB, st *Store) *conFixture {
	t.Helper()
	cf := &conFixture{fixture: newFixture(t, st)}
	f := cf.fixture
	for i, name := range []string{"王建国", "李秀英", "张海峰"} {
		m := f.newMember(name, 40+i)
		if i == 2 {
			m.SectorID = f.Sectors[2]
		}
		cf.Members = append(cf.Members, f.createMember(t, m))
	}
	city := []int64{f.City}
	cf.staff = lvzhi.Actor{UserID: 9001, Username: "yanjiushi", Name: "研究室", Roles: []lvzhi.Role{lvzhi.RoleStaff}, CommitteeID: f.City, Committees: city, DepartmentID: f.Dept}
	cf.leader = lvzhi.Actor{UserID: 9002, Username: "zhuxi", Name: "主席", Roles: []lvzhi.Role{lvzhi.RoleLeader}, CommitteeID: f.City, Committees: city}
	for i, m := range cf.Members {
		cf.mem = append(cf.mem, lvzhi.Actor{UserID: int64(9100 + i), Username: "wy" + m.Name, Name: m.Name,
			Roles: []lvzhi.Role{lvzhi.RoleMember}, CommitteeID: f.City, Committees: city, MemberID: m.ID})
	}
	cf.other = lvzhi.Actor{UserID: 9301, Username: "tianshui", Name: "天水", Roles: []lvzhi.Role{lvzhi.RoleStaff}, CommitteeID: f.Other, Committees: []int64{f.Other}}
	return cf
}

// planItem proposes an item of the 2026 plan by the party, as staff.
func (cf *conFixture) planItem(t testing.TB, topic string) lvzhi.PlanItem {
	t.Helper()
	p, err := cf.st.CreatePlanItem(cf.ctx, cf.staff, lvzhi.PlanItem{Year: 2026, Topic: topic, Form: lvzhi.ActivityTopicalConsultation, ProposerID: cf.Party})
	if err != nil {
		t.Fatalf("create plan item %s: %v (fields %v)", topic, err, lvzhi.ErrorFields(err))
	}
	return p
}

// scheduled proposes, approves and schedules an item in quarter q.
func (cf *conFixture) scheduled(t testing.TB, topic string, q int) lvzhi.PlanItem {
	t.Helper()
	p := cf.planItem(t, topic)
	cf.planAct(t, p.ID, "approve_plan", lvzhi.PlanActionInput{})
	return cf.planAct(t, p.ID, "schedule", lvzhi.PlanActionInput{Quarter: q, LeadLeader: "王副主席", DepartmentID: cf.Dept})
}

func (cf *conFixture) planAct(t testing.TB, id int64, action string, in lvzhi.PlanActionInput) lvzhi.PlanItem {
	t.Helper()
	p, err := cf.st.ActPlanItem(cf.ctx, cf.staff, id, action, in)
	if err != nil {
		t.Fatalf("%s plan item %d: %v (fields %v)", action, id, err, lvzhi.ErrorFields(err))
	}
	return p
}

// activity plans a draft activity a week after the clock's start.
func (cf *conFixture) activity(t testing.TB, title string) lvzhi.Activity {
	t.Helper()
	start := cf.st.Now().Add(7 * 24 * time.Hour)
	x, err := cf.st.CreateActivity(cf.ctx, cf.staff, lvzhi.Activity{Type: lvzhi.ActivityTopicalConsultation, Title: title, OrganiserID: cf.Dept,
		StartsAt: start, EndsAt: start.Add(3 * time.Hour), Place: "市政协会议中心", CheckinBefore: 60, LateAfter: 10})
	if err != nil {
		t.Fatalf("create activity %s: %v (fields %v)", title, err, lvzhi.ErrorFields(err))
	}
	return x
}

// hold invites the members to activity id, publishes it and closes it: the activity is held.
func (cf *conFixture) hold(t testing.TB, id int64) {
	t.Helper()
	ids := []int64{cf.Members[0].ID, cf.Members[1].ID}
	if _, err := cf.st.InviteMembers(cf.ctx, cf.staff, id, lvzhi.Selection{MemberIDs: ids}); err != nil {
		t.Fatalf("invite: %v", err)
	}
	x, err := cf.st.ActActivity(cf.ctx, cf.staff, id, "publish", "")
	if err != nil {
		t.Fatalf("publish activity %d: %v", id, err)
	}
	// The activity takes place: the clock moves past its start before it is closed.
	if wait := x.StartsAt.Sub(cf.st.Now()); wait > 0 {
		clockOf(cf.st).Advance(wait + time.Hour)
	}
	if _, err := cf.st.ActActivity(cf.ctx, cf.staff, id, "finish", ""); err != nil {
		t.Fatalf("finish activity %d: %v", id, err)
	}
}
