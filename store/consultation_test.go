package store

import (
	"strings"
	"testing"
	"time"

	"lvzhi"
)

// TestPlanLifecycle follows an item of the annual plan from proposal to held: approved,
// scheduled in a quarter with a lead leader and a department, carried out by activities, and
// held the moment one of them is closed.
func TestPlanLifecycle(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		cf := newConFixture(t, st)
		p := cf.planItem(t, "推动黄河流域生态保护和高质量发展")
		if p.State != lvzhi.PlanProposed || p.ProposerName != "民革兰州市委" || p.Quarter != 0 {
			t.Fatalf("new item = %+v", p)
		}

		// A member may read the plan but not approve an item; the refusal changes nothing.
		if _, err := st.PlanItem(cf.ctx, cf.mem[0], p.ID); err != nil {
			t.Fatalf("member reads the plan: %v", err)
		}
		before := lastAuditID(t, st)
		_, err := st.ActPlanItem(cf.ctx, cf.mem[0], p.ID, "approve_plan", lvzhi.PlanActionInput{})
		wantCode(t, err, lvzhi.ErrForbidden, "member approves")
		if got, _ := st.PlanItem(cf.ctx, cf.staff, p.ID); got.State != lvzhi.PlanProposed {
			t.Fatalf("a refused approval moved the item to %s", got.State)
		}
		if rows := auditAfter(t, st, before); len(rows) != 1 || rows[0].Result != lvzhi.AuditDenied || rows[0].Action != "plan.approve_plan" {
			t.Fatalf("the refusal should be audited as denied: %+v", rows)
		}
		_, err = st.ActPlanItem(cf.ctx, cf.leader, p.ID, "approve_plan", lvzhi.PlanActionInput{})
		wantCode(t, err, lvzhi.ErrForbidden, "leader approves (the office records the chairs' decision)")

		// Scheduling before approval is refused naming the state and the action.
		_, err = st.ActPlanItem(cf.ctx, cf.staff, p.ID, "schedule", lvzhi.PlanActionInput{Quarter: 2, LeadLeader: "王副主席", DepartmentID: cf.Dept})
		wantCode(t, err, lvzhi.ErrConflict, "schedule a proposed item")
		if msg := lvzhi.ErrorMessage(err); !strings.Contains(msg, "已提出") || !strings.Contains(msg, "排期") {
			t.Errorf("refusal %q should name the state and the action", msg)
		}
		cf.planAct(t, p.ID, "approve_plan", lvzhi.PlanActionInput{})

		// An activity may not be linked before the item is scheduled.
		x1 := cf.activity(t, "黄河流域生态保护专题调研")
		wantCode(t, st.LinkPlanActivity(cf.ctx, cf.staff, p.ID, x1.ID), lvzhi.ErrConflict, "link to an approved item")

		_, err = st.ActPlanItem(cf.ctx, cf.staff, p.ID, "schedule", lvzhi.PlanActionInput{Quarter: 2, DepartmentID: cf.Dept})
		wantField(t, err, "lead_leader", "schedule without a lead leader")
		_, err = st.ActPlanItem(cf.ctx, cf.staff, p.ID, "schedule", lvzhi.PlanActionInput{Quarter: 2, LeadLeader: "王副主席", DepartmentID: cf.Party})
		wantField(t, err, "department_id", "schedule with a party as department")
		p = cf.planAct(t, p.ID, "schedule", lvzhi.PlanActionInput{Quarter: 2, LeadLeader: "王副主席", DepartmentID: cf.Dept})
		if p.State != lvzhi.PlanScheduled || p.Quarter != 2 || p.LeadLeader != "王副主席" || p.DepartmentName != "提案委办公室" {
			t.Fatalf("scheduled item = %+v", p)
		}

		// Activities carry it out: one linked, one created from the item.
		if err := st.LinkPlanActivity(cf.ctx, cf.staff, p.ID, x1.ID); err != nil {
			t.Fatalf("link: %v", err)
		}
		x2, err := st.CreatePlanActivity(cf.ctx, cf.staff, p.ID, lvzhi.Activity{OrganiserID: cf.Dept, Place: "市政协会议中心", StartsAt: x1.StartsAt.Add(72 * time.Hour),
			EndsAt: x1.EndsAt.Add(72 * time.Hour), CheckinBefore: 60, LateAfter: 10})
		if err != nil {
			t.Fatalf("create activity from the item: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		if x2.Title != p.Topic || x2.Type != lvzhi.ActivityTopicalConsultation {
			t.Errorf("activity from the item = %q %q, want the item's topic and form", x2.Title, x2.Type)
		}
		other := cf.planItem(t, "另一议题")
		cf.planAct(t, other.ID, "approve_plan", lvzhi.PlanActionInput{})
		cf.planAct(t, other.ID, "schedule", lvzhi.PlanActionInput{Quarter: 3, LeadLeader: "李副主席", DepartmentID: cf.Dept})
		wantField(t, st.LinkPlanActivity(cf.ctx, cf.staff, other.ID, x1.ID), "activity_id", "an activity carries one item")

		p, _ = st.PlanItem(cf.ctx, cf.staff, p.ID)
		if len(p.Activities) != 2 || p.State != lvzhi.PlanScheduled {
			t.Fatalf("item with two planned activities = %s %+v", p.State, p.Activities)
		}

		// The field visit is held: the item is held, without anyone saying so.
		cf.hold(t, x1.ID)
		p, _ = st.PlanItem(cf.ctx, cf.mem[1], p.ID)
		if p.State != lvzhi.PlanHeld || !p.Activities[0].Held || p.Activities[1].Held {
			t.Fatalf("after the activity closed: %s %+v", p.State, p.Activities)
		}
		_, err = st.ActPlanItem(cf.ctx, cf.staff, p.ID, "cancel_plan", lvzhi.PlanActionInput{Note: "x"})
		wantCode(t, err, lvzhi.ErrConflict, "cancel a held item")

		held, n, err := st.ListPlanItems(cf.ctx, cf.staff, lvzhi.PlanFilter{CommitteeID: cf.City, Year: 2026, State: lvzhi.PlanHeld})
		if err != nil || n != 1 || held[0].ID != p.ID || len(held[0].Activities) != 2 {
			t.Fatalf("held items = %d %+v %v", n, held, err)
		}
		events, err := st.PlanItemHistory(cf.ctx, cf.staff, p.ID)
		if err != nil || len(events) != 5 || events[0].Action != "link_activity" || events[len(events)-1].Action != "create" {
			t.Fatalf("history = %d events %v", len(events), err)
		}

		// Another committee sees nothing of it.
		_, err = st.PlanItem(cf.ctx, cf.other, p.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "other committee reads the item")
	})
}

// TestPlanStats checks the plan's figures against items created in every state.
func TestPlanStats(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		cf := newConFixture(t, st)
		cf.planItem(t, "尚在征集的议题")
		notAdopted := cf.planItem(t, "不予采纳的议题")
		_, err := st.ActPlanItem(cf.ctx, cf.staff, notAdopted.ID, "not_adopt", lvzhi.PlanActionInput{})
		wantField(t, err, "note", "not adopted without a reason")
		cf.planAct(t, notAdopted.ID, "not_adopt", lvzhi.PlanActionInput{Note: "与年度重点工作重复"})
		approved := cf.planItem(t, "已通过待排期")
		cf.planAct(t, approved.ID, "approve_plan", lvzhi.PlanActionInput{})
		cf.scheduled(t, "第一季度已排期", 1)
		q2 := cf.scheduled(t, "第二季度已举办", 2)
		x := cf.activity(t, "第二季度协商会")
		if err := st.LinkPlanActivity(cf.ctx, cf.staff, q2.ID, x.ID); err != nil {
			t.Fatal(err)
		}
		cf.hold(t, x.ID)
		cancelled := cf.scheduled(t, "取消的议题", 4)
		cf.planAct(t, cancelled.ID, "cancel_plan", lvzhi.PlanActionInput{Note: "并入全会议题"})
		// An item of another year does not count.
		if _, err := st.CreatePlanItem(cf.ctx, cf.staff, lvzhi.PlanItem{Year: 2025, Topic: "去年", Form: lvzhi.ActivityTopicalConsultation, ProposerID: cf.Specials[0]}); err != nil {
			t.Fatal(err)
		}

		s, err := st.PlanStats(cf.ctx, cf.leader, cf.City, 2026)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{lvzhi.PlanProposed: 1, lvzhi.PlanNotAdopted: 1, lvzhi.PlanApproved: 1, lvzhi.PlanScheduled: 1, lvzhi.PlanHeld: 1, lvzhi.PlanCancelled: 1}
		for k, v := range want {
			if s.ByState[k] != v {
				t.Errorf("ByState[%s] = %d, want %d", k, s.ByState[k], v)
			}
		}
		if s.Total != 6 || s.Held != 1 || s.Scheduled != 2 {
			t.Errorf("total %d held %d scheduled %d, want 6 1 2", s.Total, s.Held, s.Scheduled)
		}
		if s.ByQuarter[1] != (lvzhi.PlanQuarter{Planned: 1}) || s.ByQuarter[2] != (lvzhi.PlanQuarter{Planned: 1, Held: 1}) || s.ByQuarter[4] != (lvzhi.PlanQuarter{}) {
			t.Errorf("by quarter = %+v", s.ByQuarter)
		}
		items, n, err := st.ListPlanItems(cf.ctx, cf.mem[0], lvzhi.PlanFilter{CommitteeID: cf.City, Year: 2026})
		if err != nil || n != 6 || items[0].Quarter != 1 || items[len(items)-1].Quarter != 0 {
			t.Fatalf("plan list = %d %v, want quarter 1 first and unscheduled last", n, err)
		}

		// Only a proposed item may be deleted; a member may not delete at all.
		wantCode(t, st.DeletePlanItem(cf.ctx, cf.staff, approved.ID), lvzhi.ErrConflict, "delete an approved item")
		wantCode(t, st.DeletePlanItem(cf.ctx, cf.mem[0], items[len(items)-1].ID), lvzhi.ErrForbidden, "member deletes")
	})
}

// TestPlanItemValidation: a bad proposer or form is refused with field messages.
func TestPlanItemValidation(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		cf := newConFixture(t, st)
		_, err := st.CreatePlanItem(cf.ctx, cf.staff, lvzhi.PlanItem{Year: 2026, Topic: "议题", Form: lvzhi.ActivityTopicalConsultation, ProposerID: cf.Sectors[0]})
		wantField(t, err, "proposer_id", "a sector proposes a plan topic")
		_, err = st.CreatePlanItem(cf.ctx, cf.staff, lvzhi.PlanItem{Year: 2026, Topic: "议题", Form: "party", ProposerID: cf.Party})
		wantField(t, err, "form", "an unknown form")
		_, err = st.CreatePlanItem(cf.ctx, cf.mem[0], lvzhi.PlanItem{Year: 2026, Topic: "议题", Form: lvzhi.ActivityTopicalConsultation, ProposerID: cf.Party})
		wantCode(t, err, lvzhi.ErrForbidden, "a member proposes directly")
		if n := countRows(t, st, `SELECT COUNT(*) FROM plan_items`); n != 0 {
			t.Fatalf("refused items were written: %d", n)
		}
		p := cf.planItem(t, "议题")
		p.Topic = "修改后的议题"
		if err := st.UpdatePlanItem(cf.ctx, cf.staff, p); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.PlanItem(cf.ctx, cf.staff, p.ID); got.Topic != "修改后的议题" {
			t.Errorf("topic = %q", got.Topic)
		}
		if err := st.DeletePlanItem(cf.ctx, cf.staff, p.ID); err != nil {
			t.Fatal(err)
		}
		_, err = st.PlanItem(cf.ctx, cf.staff, p.ID)
		wantCode(t, err, lvzhi.ErrNotFound, "deleted item")
	})
}
