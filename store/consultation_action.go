package store

import (
	"context"
	"strings"

	"lvzhi"
)

// ActPlanItem applies one workflow action to a plan item: the transition table says whether
// the action is allowed in the item's state, the grants table whether this actor may; what
// the action records, the new state and the event are written in one transaction.
func (s *Store) ActPlanItem(ctx context.Context, a lvzhi.Actor, id int64, action string, in lvzhi.PlanActionInput) (lvzhi.PlanItem, error) {
	err := s.write(ctx, a, "plan."+action, object(lvzhi.KindConsultationPlan, id), func(tx *Tx) error {
		p, err := tx.planItem(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionChange, p.Target()); err != nil {
			return err
		}
		to, err := lvzhi.PlanWorkflow.Next(p.State, action)
		if err != nil {
			return err
		}
		note := strings.TrimSpace(in.Note)
		switch action {
		case "not_adopt", "cancel_plan":
			if note == "" {
				return lvzhi.Invalid(map[string]string{"note": "请填写理由"})
			}
			if _, err := tx.exec(ctx, `UPDATE plan_items SET note = $1 WHERE id = $2`, note, id); err != nil {
				return err
			}
		case "schedule":
			if err := in.ValidateSchedule(); err != nil {
				return err
			}
			if !tx.unitOfKind(ctx, p.CommitteeID, in.DepartmentID, lvzhi.OrgDepartment) {
				return lvzhi.Invalid(map[string]string{"department_id": "承办科室应为本政协的机关科室"})
			}
			leader := strings.TrimSpace(in.LeadLeader)
			if _, err := tx.exec(ctx, `UPDATE plan_items SET quarter = $1, lead_leader = $2, department_id = $3 WHERE id = $4`,
				in.Quarter, leader, in.DepartmentID, id); err != nil {
				return err
			}
			note = strings.TrimSpace(lvzhi.QuarterLabel(in.Quarter) + ",牵头领导" + leader + " " + note)
		}
		if _, err := tx.exec(ctx, `UPDATE plan_items SET state = $1, updated_at = $2 WHERE id = $3`, to, s.Now(), id); err != nil {
			return err
		}
		return tx.event(ctx, a, p.CommitteeID, lvzhi.KindConsultationPlan, id, action, p.State, to, note)
	})
	if err != nil {
		return lvzhi.PlanItem{}, err
	}
	return s.PlanItem(ctx, a, id)
}

// LinkPlanActivity records that an activity carries out a scheduled plan item. An activity
// carries one item at most; an item may have several activities.
func (s *Store) LinkPlanActivity(ctx context.Context, a lvzhi.Actor, id, activityID int64) error {
	return s.write(ctx, a, "plan.link_activity", object(lvzhi.KindConsultationPlan, id), func(tx *Tx) error {
		p, err := tx.planItem(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, p.Target()); err != nil {
			return err
		}
		if p.State != lvzhi.PlanScheduled && p.State != lvzhi.PlanHeld {
			return lvzhi.Errorf(lvzhi.ErrConflict, "协商计划事项当前状态为“%s”,排期后才能关联活动。", lvzhi.PlanWorkflow.StateLabel[p.State])
		}
		x, err := tx.activity(ctx, activityID)
		if err != nil || x.CommitteeID != p.CommitteeID {
			return lvzhi.Invalid(map[string]string{"activity_id": "请选择本政协的活动"})
		}
		if n, err := tx.count(ctx, `SELECT COUNT(*) FROM plan_item_activities WHERE activity_id = $1`, activityID); err != nil {
			return err
		} else if n > 0 {
			return lvzhi.Invalid(map[string]string{"activity_id": "活动“" + x.Title + "”已关联其他协商计划事项"})
		}
		if _, err := tx.exec(ctx, `INSERT INTO plan_item_activities (plan_item_id, activity_id, linked_at) VALUES ($1, $2, $3)`,
			id, activityID, s.Now()); err != nil {
			return mapErr(err)
		}
		return tx.event(ctx, a, p.CommitteeID, lvzhi.KindConsultationPlan, id, "link_activity", p.State, p.State, "关联活动“"+x.Title+"”")
	})
}

// UnlinkPlanActivity takes an activity off a plan item (linked by mistake).
func (s *Store) UnlinkPlanActivity(ctx context.Context, a lvzhi.Actor, id, activityID int64) error {
	return s.write(ctx, a, "plan.unlink_activity", object(lvzhi.KindConsultationPlan, id), func(tx *Tx) error {
		p, err := tx.planItem(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, p.Target()); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM plan_item_activities WHERE plan_item_id = $1 AND activity_id = $2`, id, activityID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return lvzhi.Errorf(lvzhi.ErrNotFound, "该活动未关联此协商计划事项。")
		}
		return tx.event(ctx, a, p.CommitteeID, lvzhi.KindConsultationPlan, id, "unlink_activity", p.State, p.State, "取消关联活动")
	})
}

// CreatePlanActivity creates a draft activity for a scheduled plan item, of the item's form
// and titled after its topic unless told otherwise, and links it. The activity is created by
// the activities module's own use case, then linked: two transactions, checked beforehand so
// that the link does not fail for a reason known in advance.
func (s *Store) CreatePlanActivity(ctx context.Context, a lvzhi.Actor, id int64, x lvzhi.Activity) (lvzhi.Activity, error) {
	p, err := s.PlanItem(ctx, a, id)
	if err != nil {
		return x, err
	}
	if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, p.Target()); err != nil {
		return x, err
	}
	if p.State != lvzhi.PlanScheduled && p.State != lvzhi.PlanHeld {
		return x, lvzhi.Errorf(lvzhi.ErrConflict, "协商计划事项当前状态为“%s”,排期后才能安排活动。", lvzhi.PlanWorkflow.StateLabel[p.State])
	}
	if x.Type == "" {
		x.Type = p.Form
	}
	if strings.TrimSpace(x.Title) == "" {
		x.Title = p.Topic
	}
	if x, err = s.CreateActivity(ctx, a, x); err != nil {
		return x, err
	}
	return x, s.LinkPlanActivity(ctx, a, id, x.ID)
}

// PlanItemOfActivity returns the id of the plan item an activity carries out, or 0.
func (s *Store) PlanItemOfActivity(ctx context.Context, a lvzhi.Actor, activityID int64) (int64, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindConsultationPlan, CommitteeID: a.CommitteeID}); err != nil {
		return 0, err
	}
	var id int64
	err := s.read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT COALESCE(MAX(l.plan_item_id), 0) FROM plan_item_activities l JOIN plan_items p ON p.id = l.plan_item_id
			WHERE l.activity_id = $1 AND p.committee_id = $2`, activityID, a.CommitteeID).Scan(&id)
	})
	return id, err
}

// PlanStats counts a year's plan: items by state and by quarter, planned and held. Every
// figure is a count over the items, with "held" computed from their activities.
func (s *Store) PlanStats(ctx context.Context, a lvzhi.Actor, committeeID int64, year int) (lvzhi.PlanStats, error) {
	st := lvzhi.PlanStats{Year: year, ByState: map[string]int{}}
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindConsultationPlan, CommitteeID: committeeID}); err != nil {
		return st, err
	}
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT x.st, x.quarter, COUNT(*) FROM (SELECT `+planStateSQL+` AS st, p.quarter
			FROM plan_items p WHERE p.committee_id = $1 AND p.year = $2) x GROUP BY x.st, x.quarter`, committeeID, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var state string
			var q, n int
			if err := rows.Scan(&state, &q, &n); err != nil {
				return err
			}
			if q < 0 || q > 4 {
				q = 0
			}
			st.Total += n
			st.ByState[state] += n
			if state == lvzhi.PlanScheduled || state == lvzhi.PlanHeld {
				st.Scheduled += n
				st.ByQuarter[q].Planned += n
			}
			if state == lvzhi.PlanHeld {
				st.Held += n
				st.ByQuarter[q].Held += n
			}
		}
		return rows.Err()
	})
	return st, err
}
