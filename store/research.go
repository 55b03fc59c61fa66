package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lvzhi"
)

const researchSelect = `SELECT r.id, r.committee_id, r.year, r.title, r.description, r.lead_leader, COALESCE(r.department_id, 0),
	COALESCE(d.name, ''), COALESCE(r.plan_item_id, 0), r.state, r.report, r.report_at, r.note, r.updated_at,
	(SELECT COUNT(*) FROM research_team m WHERE m.topic_id = r.id),
	(SELECT COUNT(*) FROM research_milestones s WHERE s.topic_id = r.id AND s.done_on <> ''),
	(SELECT COUNT(*) FROM research_milestones s WHERE s.topic_id = r.id)
	FROM research_topics r LEFT JOIN org_units d ON d.id = r.department_id `

func scanResearch(sc scanner) (lvzhi.ResearchTopic, error) {
	var r lvzhi.ResearchTopic
	var reportAt *time.Time
	err := sc.Scan(&r.ID, &r.CommitteeID, &r.Year, &r.Title, &r.Description, &r.LeadLeader, &r.DepartmentID,
		&r.DepartmentName, &r.PlanItemID, &r.State, &r.Report, &reportAt, &r.Note, &r.Updated, &r.TeamSize, &r.Done, &r.Due)
	r.ReportAt, r.Updated = timeOrZero(reportAt), r.Updated.UTC()
	return r, err
}

// researchTopic reads one topic without a permission check: the callers check.
func (t *Tx) researchTopic(ctx context.Context, id int64) (lvzhi.ResearchTopic, error) {
	r, err := scanResearch(t.queryRow(ctx, researchSelect+`WHERE r.id = $1`, id))
	return r, notFound(err, "该调研课题")
}

// ResearchTopic returns one topic with its team and schedule.
func (s *Store) ResearchTopic(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.ResearchTopic, error) {
	var r lvzhi.ResearchTopic
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if r, err = tx.researchTopic(ctx, id); err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, r.Target()); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT m.id, m.name, COALESCE(s.name, ''), t.role FROM research_team t JOIN members m ON m.id = t.member_id
			LEFT JOIN org_units s ON s.id = m.sector_id WHERE t.topic_id = $1 ORDER BY CASE WHEN t.role = 'lead' THEN 0 ELSE 1 END, m.id`, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var m lvzhi.ResearchMember
			if err := rows.Scan(&m.MemberID, &m.Name, &m.Sector, &m.Role); err != nil {
				rows.Close()
				return err
			}
			r.Team = append(r.Team, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.query(ctx, `SELECT id, title, due_on, done_on FROM research_milestones WHERE topic_id = $1 ORDER BY due_on, id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m lvzhi.ResearchMilestone
			if err := rows.Scan(&m.ID, &m.Title, &m.DueOn, &m.DoneOn); err != nil {
				return err
			}
			r.Milestones = append(r.Milestones, m)
		}
		return rows.Err()
	})
	if err != nil {
		return lvzhi.ResearchTopic{}, err
	}
	return r, nil
}

// ResearchHistory returns a topic's events, newest first.
func (s *Store) ResearchHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.ResearchTopic(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindResearchTopic, id)
		return err
	})
	return out, err
}

// ListResearchTopics returns the topics the filter selects, with team and schedule figures.
func (s *Store) ListResearchTopics(ctx context.Context, a lvzhi.Actor, f lvzhi.ResearchFilter) ([]lvzhi.ResearchTopic, int, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindResearchTopic, CommitteeID: f.CommitteeID}); err != nil {
		return nil, 0, err
	}
	where, args := `WHERE r.committee_id = $1`, []any{f.CommitteeID}
	if f.Year != 0 {
		args = append(args, f.Year)
		where += fmt.Sprintf(` AND r.year = $%d`, len(args))
	}
	if f.State != "" {
		args = append(args, f.State)
		where += fmt.Sprintf(` AND r.state = $%d`, len(args))
	}
	var out []lvzhi.ResearchTopic
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM research_topics r `+where, args...); err != nil {
			return err
		}
		rows, err := tx.query(ctx, researchSelect+where+fmt.Sprintf(` ORDER BY r.year DESC, r.id LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanResearch(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, total, err
}

// SaveResearchTopic creates a topic (ID 0) or changes its title, description, leader,
// department, plan item and team. The team replaces the one before; its first lead is the
// team leader.
func (s *Store) SaveResearchTopic(ctx context.Context, a lvzhi.Actor, r lvzhi.ResearchTopic) (lvzhi.ResearchTopic, error) {
	r.Title, r.LeadLeader, r.Description = strings.TrimSpace(r.Title), strings.TrimSpace(r.LeadLeader), strings.TrimSpace(r.Description)
	r.CommitteeID = a.CommitteeID
	if err := r.Validate(); err != nil {
		return r, err
	}
	auditAction, obj := "research.create", r.Title
	if r.ID != 0 {
		auditAction, obj = "research.update", object(lvzhi.KindResearchTopic, r.ID)
	}
	err := s.write(ctx, a, auditAction, obj, func(tx *Tx) error {
		now := s.Now()
		if r.ID == 0 {
			if err := lvzhi.Authorize(a, lvzhi.ActionCreate, r.Target()); err != nil {
				return err
			}
		} else {
			old, err := tx.researchTopic(ctx, r.ID)
			if err != nil {
				return err
			}
			if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, old.Target()); err != nil {
				return err
			}
			if old.State == lvzhi.ResearchCompleted || old.State == lvzhi.ResearchCancelled {
				return lvzhi.Errorf(lvzhi.ErrConflict, "调研课题当前状态为“%s”,不能修改。", lvzhi.ResearchWorkflow.StateLabel[old.State])
			}
			r.State = old.State
		}
		if err := tx.checkResearchRefs(ctx, r); err != nil {
			return err
		}
		var err error
		if r.ID == 0 {
			r.State = lvzhi.ResearchPlanned
			r.ID, err = tx.insert(ctx, `INSERT INTO research_topics (committee_id, year, title, description, lead_leader, department_id,
				plan_item_id, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
				r.CommitteeID, r.Year, r.Title, r.Description, r.LeadLeader, nullID(r.DepartmentID), nullID(r.PlanItemID), r.State, now)
			if err == nil {
				err = tx.event(ctx, a, r.CommitteeID, lvzhi.KindResearchTopic, r.ID, "create", "", r.State, r.Title)
			}
		} else {
			_, err = tx.exec(ctx, `UPDATE research_topics SET year = $1, title = $2, description = $3, lead_leader = $4, department_id = $5,
				plan_item_id = $6, updated_at = $7 WHERE id = $8`, r.Year, r.Title, r.Description, r.LeadLeader, nullID(r.DepartmentID),
				nullID(r.PlanItemID), now, r.ID)
			if err == nil {
				err = tx.event(ctx, a, r.CommitteeID, lvzhi.KindResearchTopic, r.ID, "update", r.State, r.State, "修改课题信息和课题组")
			}
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM research_team WHERE topic_id = $1`, r.ID); err != nil {
			return err
		}
		for _, m := range r.Team {
			if _, err := tx.exec(ctx, `INSERT INTO research_team (topic_id, member_id, role) VALUES ($1, $2, $3)`, r.ID, m.MemberID, m.Role); err != nil {
				return mapErr(err)
			}
		}
		return nil
	})
	if err != nil {
		return lvzhi.ResearchTopic{}, err
	}
	return s.ResearchTopic(ctx, a, r.ID)
}

// checkResearchRefs makes sure the department, plan item and team members belong to the
// committee and the team has known roles.
func (t *Tx) checkResearchRefs(ctx context.Context, r lvzhi.ResearchTopic) error {
	f := map[string]string{}
	if r.DepartmentID != 0 && !t.unitOfKind(ctx, r.CommitteeID, r.DepartmentID, lvzhi.OrgDepartment, lvzhi.OrgSpecialCommittee) {
		f["department_id"] = "承办部门应为本政协的机关科室或专门委员会"
	}
	if r.PlanItemID != 0 {
		if p, err := t.planItem(ctx, r.PlanItemID); err != nil || p.CommitteeID != r.CommitteeID {
			f["plan_item_id"] = "请选择本政协的协商计划事项"
		}
	}
	seen := map[int64]bool{}
	for _, m := range r.Team {
		var committee int64
		if err := t.queryRow(ctx, `SELECT committee_id FROM members WHERE id = $1`, m.MemberID).Scan(&committee); err != nil || committee != r.CommitteeID {
			f["team"] = "课题组成员应为本政协的委员"
		}
		if _, ok := lvzhi.ResearchRoleLabel[m.Role]; !ok {
			f["team"] = "课题组成员的角色应为组长或成员"
		}
		if seen[m.MemberID] {
			f["team"] = "课题组成员重复"
		}
		seen[m.MemberID] = true
	}
	return lvzhi.Invalid(f)
}
