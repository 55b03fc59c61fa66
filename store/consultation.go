package store

import (
	"context"
	"fmt"
	"strings"

	"lvzhi"
)

// planStateSQL is a plan item's state as pages show it: a scheduled item one of whose linked
// activities has been closed is held. Computing it from the activities, rather than storing
// it, means the plan can never disagree with what actually took place.
const planStateSQL = `CASE WHEN p.state = '` + lvzhi.PlanScheduled + `' AND EXISTS (SELECT 1 FROM plan_item_activities l
	JOIN activities a ON a.id = l.activity_id WHERE l.plan_item_id = p.id AND a.state = '` + lvzhi.ActivityClosed + `')
	THEN '` + lvzhi.PlanHeld + `' ELSE p.state END`

const planSelect = `SELECT p.id, p.committee_id, p.year, p.topic, p.description, p.form, p.proposer_id, pr.name,
	p.quarter, p.lead_leader, COALESCE(p.department_id, 0), COALESCE(d.name, ''), ` + planStateSQL + `, p.note, p.updated_at
	FROM plan_items p JOIN org_units pr ON pr.id = p.proposer_id LEFT JOIN org_units d ON d.id = p.department_id `

func scanPlanItem(sc scanner) (lvzhi.PlanItem, error) {
	var p lvzhi.PlanItem
	err := sc.Scan(&p.ID, &p.CommitteeID, &p.Year, &p.Topic, &p.Description, &p.Form, &p.ProposerID, &p.ProposerName,
		&p.Quarter, &p.LeadLeader, &p.DepartmentID, &p.DepartmentName, &p.State, &p.Note, &p.Updated)
	p.Updated = p.Updated.UTC()
	return p, err
}

// planItem reads one plan item without a permission check: the callers check.
func (t *Tx) planItem(ctx context.Context, id int64) (lvzhi.PlanItem, error) {
	p, err := scanPlanItem(t.queryRow(ctx, planSelect+`WHERE p.id = $1`, id))
	return p, notFound(err, "该协商计划事项")
}

// planActivities lists the activities linked to a plan item, in date order.
func (t *Tx) planActivities(ctx context.Context, id int64) ([]lvzhi.PlanActivity, error) {
	rows, err := t.query(ctx, `SELECT a.id, a.title, a.type, a.starts_at, a.state FROM plan_item_activities l
		JOIN activities a ON a.id = l.activity_id WHERE l.plan_item_id = $1 ORDER BY a.starts_at, a.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lvzhi.PlanActivity
	for rows.Next() {
		var x lvzhi.PlanActivity
		if err := rows.Scan(&x.ID, &x.Title, &x.Type, &x.StartsAt, &x.State); err != nil {
			return nil, err
		}
		x.StartsAt, x.Held = x.StartsAt.UTC(), x.State == lvzhi.ActivityClosed
		out = append(out, x)
	}
	return out, rows.Err()
}

// PlanItem returns one plan item with its linked activities.
func (s *Store) PlanItem(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.PlanItem, error) {
	var p lvzhi.PlanItem
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if p, err = tx.planItem(ctx, id); err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, p.Target()); err != nil {
			return err
		}
		p.Activities, err = tx.planActivities(ctx, id)
		return err
	})
	if err != nil {
		return lvzhi.PlanItem{}, err
	}
	return p, nil
}

// PlanItemHistory returns a plan item's events, newest first.
func (s *Store) PlanItemHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.PlanItem(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindConsultationPlan, id)
		return err
	})
	return out, err
}

// ListPlanItems returns the items of a year's plan the filter selects, by quarter (items not
// yet scheduled last), with each item's linked activities, and their total.
func (s *Store) ListPlanItems(ctx context.Context, a lvzhi.Actor, f lvzhi.PlanFilter) ([]lvzhi.PlanItem, int, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindConsultationPlan, CommitteeID: f.CommitteeID}); err != nil {
		return nil, 0, err
	}
	where, args := `WHERE p.committee_id = $1`, []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.Year != 0 {
		add("p.year = $%d", f.Year)
	}
	if f.Quarter != 0 {
		add("p.quarter = $%d", f.Quarter)
	}
	if f.State != "" {
		add("("+planStateSQL+") = $%d", f.State)
	}
	if f.ProposerID != 0 {
		add("p.proposer_id = $%d", f.ProposerID)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		add(`p.topic LIKE $%d ESCAPE '\'`, likeContains(q))
	}
	var out []lvzhi.PlanItem
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM plan_items p `+where, args...); err != nil {
			return err
		}
		rows, err := tx.query(ctx, planSelect+where+fmt.Sprintf(` ORDER BY CASE WHEN p.quarter = 0 THEN 5 ELSE p.quarter END, p.id LIMIT %d OFFSET %d`,
			f.Limit(), f.Offset()), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPlanItem(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return tx.attachPlanActivities(ctx, out)
	})
	return out, total, err
}

// attachPlanActivities fills the activities of a page of items with one query.
func (t *Tx) attachPlanActivities(ctx context.Context, items []lvzhi.PlanItem) error {
	if len(items) == 0 {
		return nil
	}
	at, ids := map[int64]int{}, make([]any, len(items))
	for i, p := range items {
		at[p.ID], ids[i] = i, p.ID
	}
	rows, err := t.query(ctx, `SELECT l.plan_item_id, a.id, a.title, a.type, a.starts_at, a.state FROM plan_item_activities l
		JOIN activities a ON a.id = l.activity_id WHERE l.plan_item_id IN (`+placeholders(1, len(ids))+`) ORDER BY a.starts_at, a.id`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var item int64
		var x lvzhi.PlanActivity
		if err := rows.Scan(&item, &x.ID, &x.Title, &x.Type, &x.StartsAt, &x.State); err != nil {
			return err
		}
		x.StartsAt, x.Held = x.StartsAt.UTC(), x.State == lvzhi.ActivityClosed
		p := &items[at[item]]
		p.Activities = append(p.Activities, x)
	}
	return rows.Err()
}

// CreatePlanItem records a proposed topic for a year's plan.
func (s *Store) CreatePlanItem(ctx context.Context, a lvzhi.Actor, p lvzhi.PlanItem) (lvzhi.PlanItem, error) {
	p.ID, p.State, p.CommitteeID, p.Quarter, p.LeadLeader, p.DepartmentID = 0, lvzhi.PlanProposed, a.CommitteeID, 0, "", 0
	p.Normalize()
	types, err := s.ActivitySettings(ctx, a.CommitteeID)
	if err != nil {
		return p, err
	}
	if err := p.Validate(types); err != nil {
		return p, err
	}
	err = s.write(ctx, a, "plan.create", p.Topic, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, p.Target()); err != nil {
			return err
		}
		if !tx.unitOfKind(ctx, p.CommitteeID, p.ProposerID, lvzhi.OrgParty, lvzhi.OrgSpecialCommittee) {
			return lvzhi.Invalid(map[string]string{"proposer_id": "提出单位应为本政协的党派团体或专门委员会"})
		}
		now := s.Now()
		var err error
		p.ID, err = tx.insert(ctx, `INSERT INTO plan_items (committee_id, year, topic, description, form, proposer_id, state, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, p.CommitteeID, p.Year, p.Topic, p.Description, p.Form, p.ProposerID, p.State, now)
		if err != nil {
			return err
		}
		return tx.event(ctx, a, p.CommitteeID, lvzhi.KindConsultationPlan, p.ID, "create", "", p.State, p.Topic)
	})
	if err != nil {
		return lvzhi.PlanItem{}, err
	}
	return s.PlanItem(ctx, a, p.ID)
}

// UpdatePlanItem changes an item's topic, description, form and proposer while it is still
// in play; its quarter, leader and department change through the schedule action.
func (s *Store) UpdatePlanItem(ctx context.Context, a lvzhi.Actor, p lvzhi.PlanItem) error {
	p.Normalize()
	types, err := s.ActivitySettings(ctx, a.CommitteeID)
	if err != nil {
		return err
	}
	return s.write(ctx, a, "plan.update", object(lvzhi.KindConsultationPlan, p.ID), func(tx *Tx) error {
		old, err := tx.planItem(ctx, p.ID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, old.Target()); err != nil {
			return err
		}
		if old.State != lvzhi.PlanProposed && old.State != lvzhi.PlanApproved && old.State != lvzhi.PlanScheduled {
			return lvzhi.Errorf(lvzhi.ErrConflict, "协商计划事项当前状态为“%s”,不能修改。", lvzhi.PlanWorkflow.StateLabel[old.State])
		}
		old.Topic, old.Description, old.Form, old.ProposerID, old.Year = p.Topic, p.Description, p.Form, p.ProposerID, p.Year
		if err := old.Validate(types); err != nil {
			return err
		}
		if !tx.unitOfKind(ctx, old.CommitteeID, old.ProposerID, lvzhi.OrgParty, lvzhi.OrgSpecialCommittee) {
			return lvzhi.Invalid(map[string]string{"proposer_id": "提出单位应为本政协的党派团体或专门委员会"})
		}
		if _, err := tx.exec(ctx, `UPDATE plan_items SET topic = $1, description = $2, form = $3, proposer_id = $4, year = $5, updated_at = $6
			WHERE id = $7`, old.Topic, old.Description, old.Form, old.ProposerID, old.Year, s.Now(), old.ID); err != nil {
			return err
		}
		return tx.event(ctx, a, old.CommitteeID, lvzhi.KindConsultationPlan, old.ID, "update", old.State, old.State, "修改内容")
	})
}

// DeletePlanItem removes an item entered in error; only a proposed item, which nothing
// refers to yet, may go.
func (s *Store) DeletePlanItem(ctx context.Context, a lvzhi.Actor, id int64) error {
	return s.write(ctx, a, "plan.delete", object(lvzhi.KindConsultationPlan, id), func(tx *Tx) error {
		p, err := tx.planItem(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionDelete, p.Target()); err != nil {
			return err
		}
		if p.State != lvzhi.PlanProposed {
			return lvzhi.Errorf(lvzhi.ErrConflict, "协商计划事项当前状态为“%s”,只能删除尚未审定的事项。", lvzhi.PlanWorkflow.StateLabel[p.State])
		}
		if _, err := tx.exec(ctx, `UPDATE research_topics SET plan_item_id = NULL WHERE plan_item_id = $1`, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM plan_items WHERE id = $1`, id); err != nil {
			return mapErr(err)
		}
		return tx.event(ctx, a, p.CommitteeID, lvzhi.KindConsultationPlan, id, "delete", p.State, "", p.Topic)
	})
}

// unitOfKind reports whether org unit id belongs to the committee and is of one of kinds.
func (t *Tx) unitOfKind(ctx context.Context, committeeID, id int64, kinds ...lvzhi.OrgUnitKind) bool {
	var committee int64
	var kind string
	if err := t.queryRow(ctx, `SELECT committee_id, kind FROM org_units WHERE id = $1`, id).Scan(&committee, &kind); err != nil || committee != committeeID {
		return false
	}
	for _, k := range kinds {
		if string(k) == kind {
			return true
		}
	}
	return false
}
