package store

import (
	"context"
	"strings"

	"lvzhi"
)

// ActResearch applies one workflow action to a research topic (start, submit the final
// report, send it back, complete, cancel) with its event, in one transaction.
func (s *Store) ActResearch(ctx context.Context, a lvzhi.Actor, id int64, action string, in lvzhi.ResearchActionInput) (lvzhi.ResearchTopic, error) {
	err := s.write(ctx, a, "research."+action, object(lvzhi.KindResearchTopic, id), func(tx *Tx) error {
		r, err := tx.researchTopic(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionChange, r.Target()); err != nil {
			return err
		}
		to, err := lvzhi.ResearchWorkflow.Next(r.State, action)
		if err != nil {
			return err
		}
		note := strings.TrimSpace(in.Note)
		now := s.Now()
		switch action {
		case "submit_report":
			report := strings.TrimSpace(in.Report)
			if report == "" {
				report = strings.TrimSpace(r.Report)
			}
			if n := len([]rune(report)); n < 50 {
				return lvzhi.Invalid(map[string]string{"report": "请填写调研报告全文(至少50字)"})
			} else if n > 50000 {
				return lvzhi.Invalid(map[string]string{"report": "调研报告不能超过50000字"})
			}
			if _, err := tx.exec(ctx, `UPDATE research_topics SET report = $1, report_at = $2 WHERE id = $3`, report, now, id); err != nil {
				return err
			}
		case "return_report", "cancel_topic":
			if note == "" {
				return lvzhi.Invalid(map[string]string{"note": "请填写理由"})
			}
			if _, err := tx.exec(ctx, `UPDATE research_topics SET note = $1 WHERE id = $2`, note, id); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `UPDATE research_topics SET state = $1, updated_at = $2 WHERE id = $3`, to, now, id); err != nil {
			return err
		}
		return tx.event(ctx, a, r.CommitteeID, lvzhi.KindResearchTopic, id, action, r.State, to, note)
	})
	if err != nil {
		return lvzhi.ResearchTopic{}, err
	}
	return s.ResearchTopic(ctx, a, id)
}

// AddMilestone adds a step to a topic's schedule.
func (s *Store) AddMilestone(ctx context.Context, a lvzhi.Actor, topicID int64, m lvzhi.ResearchMilestone) (int64, error) {
	m.Title = strings.TrimSpace(m.Title)
	if err := m.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.write(ctx, a, "research.add_milestone", object(lvzhi.KindResearchTopic, topicID), func(tx *Tx) error {
		r, err := tx.openTopic(ctx, a, topicID)
		if err != nil {
			return err
		}
		if id, err = tx.insert(ctx, `INSERT INTO research_milestones (topic_id, title, due_on, done_on) VALUES ($1, $2, $3, $4)`,
			topicID, m.Title, m.DueOn, m.DoneOn); err != nil {
			return err
		}
		return tx.event(ctx, a, r.CommitteeID, lvzhi.KindResearchTopic, topicID, "add_milestone", r.State, r.State, m.DueOn+" "+m.Title)
	})
	return id, err
}

// CompleteMilestone records the date a step was done ("" takes the record back).
func (s *Store) CompleteMilestone(ctx context.Context, a lvzhi.Actor, topicID, milestoneID int64, doneOn string) error {
	m := lvzhi.ResearchMilestone{Title: "-", DueOn: "2000-01-01", DoneOn: strings.TrimSpace(doneOn)}
	if err := m.Validate(); err != nil {
		return err
	}
	return s.write(ctx, a, "research.complete_milestone", object(lvzhi.KindResearchTopic, topicID), func(tx *Tx) error {
		r, err := tx.openTopic(ctx, a, topicID)
		if err != nil {
			return err
		}
		var title string
		if err := tx.queryRow(ctx, `SELECT title FROM research_milestones WHERE id = $1 AND topic_id = $2`, milestoneID, topicID).Scan(&title); err != nil {
			return notFound(err, "该调研安排")
		}
		if _, err := tx.exec(ctx, `UPDATE research_milestones SET done_on = $1 WHERE id = $2`, m.DoneOn, milestoneID); err != nil {
			return err
		}
		note := "完成“" + title + "”" + m.DoneOn
		if m.DoneOn == "" {
			note = "撤销“" + title + "”的完成记录"
		}
		return tx.event(ctx, a, r.CommitteeID, lvzhi.KindResearchTopic, topicID, "complete_milestone", r.State, r.State, note)
	})
}

// openTopic reads a topic whose schedule may still change and checks a may update it.
func (t *Tx) openTopic(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.ResearchTopic, error) {
	r, err := t.researchTopic(ctx, id)
	if err != nil {
		return r, err
	}
	if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, r.Target()); err != nil {
		return r, err
	}
	if r.State == lvzhi.ResearchCompleted || r.State == lvzhi.ResearchCancelled {
		return r, lvzhi.Errorf(lvzhi.ErrConflict, "调研课题当前状态为“%s”,不能修改调研安排。", lvzhi.ResearchWorkflow.StateLabel[r.State])
	}
	return r, nil
}
