package store

import (
	"context"
	"strings"

	"lvzhi"
)

const outcomeSelect = `SELECT o.id, o.committee_id, o.activity_id, a.title, o.kind, o.title, o.body, o.state, o.sent_to, o.sent_on, o.updated_at
	FROM outcomes o JOIN activities a ON a.id = o.activity_id `

func scanOutcome(sc scanner) (lvzhi.Outcome, error) {
	var o lvzhi.Outcome
	err := sc.Scan(&o.ID, &o.CommitteeID, &o.ActivityID, &o.ActivityTitle, &o.Kind, &o.Title, &o.Body, &o.State, &o.SentTo, &o.SentOn, &o.Updated)
	o.Updated = o.Updated.UTC()
	return o, err
}

// outcome reads one outcome without a permission check: the callers check.
func (t *Tx) outcome(ctx context.Context, id int64) (lvzhi.Outcome, error) {
	o, err := scanOutcome(t.queryRow(ctx, outcomeSelect+`WHERE o.id = $1`, id))
	return o, notFound(err, "该协商成果")
}

// Outcome returns one outcome (minutes or recommendations).
func (s *Store) Outcome(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Outcome, error) {
	var o lvzhi.Outcome
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if o, err = tx.outcome(ctx, id); err != nil {
			return err
		}
		return lvzhi.Authorize(a, lvzhi.ActionRead, o.Target())
	})
	if err != nil {
		return lvzhi.Outcome{}, err
	}
	return o, nil
}

// OutcomeHistory returns an outcome's events, newest first.
func (s *Store) OutcomeHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.Outcome(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindOutcome, id)
		return err
	})
	return out, err
}

// ListOutcomes returns the outcomes of an activity (all of the committee's when activityID is
// 0), newest first.
func (s *Store) ListOutcomes(ctx context.Context, a lvzhi.Actor, committeeID, activityID int64) ([]lvzhi.Outcome, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOutcome, CommitteeID: committeeID}); err != nil {
		return nil, err
	}
	var out []lvzhi.Outcome
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, outcomeSelect+`WHERE o.committee_id = $1 AND ($2 = 0 OR o.activity_id = $2) ORDER BY o.id DESC LIMIT 500`,
			committeeID, activityID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			o, err := scanOutcome(rows)
			if err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	return out, err
}

// SaveOutcome creates an outcome of an activity (ID 0) or changes a draft's title and text.
func (s *Store) SaveOutcome(ctx context.Context, a lvzhi.Actor, o lvzhi.Outcome) (lvzhi.Outcome, error) {
	o.CommitteeID, o.Title, o.Body = a.CommitteeID, strings.TrimSpace(o.Title), strings.TrimSpace(o.Body)
	auditAction, obj := "outcome.create", o.Title
	if o.ID != 0 {
		auditAction, obj = "outcome.update", object(lvzhi.KindOutcome, o.ID)
	}
	err := s.write(ctx, a, auditAction, obj, func(tx *Tx) error {
		now := s.Now()
		if o.ID != 0 {
			old, err := tx.outcome(ctx, o.ID)
			if err != nil {
				return err
			}
			if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, old.Target()); err != nil {
				return err
			}
			if old.State != lvzhi.OutcomeDraft {
				return lvzhi.Errorf(lvzhi.ErrConflict, "协商成果当前状态为“%s”,撤回后才能修改。", lvzhi.OutcomeWorkflow.StateLabel[old.State])
			}
			old.Title, old.Body, old.Kind = o.Title, o.Body, o.Kind
			if err := old.Validate(); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `UPDATE outcomes SET kind = $1, title = $2, body = $3, updated_at = $4 WHERE id = $5`,
				old.Kind, old.Title, old.Body, now, old.ID); err != nil {
				return err
			}
			return tx.event(ctx, a, old.CommitteeID, lvzhi.KindOutcome, old.ID, "update", old.State, old.State, "修改内容")
		}
		o.State = lvzhi.OutcomeDraft
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, o.Target()); err != nil {
			return err
		}
		if err := o.Validate(); err != nil {
			return err
		}
		if x, err := tx.activity(ctx, o.ActivityID); err != nil || x.CommitteeID != o.CommitteeID {
			return lvzhi.Invalid(map[string]string{"activity_id": "请选择本政协的活动"})
		}
		var err error
		if o.ID, err = tx.insert(ctx, `INSERT INTO outcomes (committee_id, activity_id, kind, title, body, state, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, o.CommitteeID, o.ActivityID, o.Kind, o.Title, o.Body, o.State, now); err != nil {
			return err
		}
		return tx.event(ctx, a, o.CommitteeID, lvzhi.KindOutcome, o.ID, "create", "", o.State, o.Title)
	})
	if err != nil {
		return lvzhi.Outcome{}, err
	}
	return s.Outcome(ctx, a, o.ID)
}

// ActOutcome sends an outcome to the party committee or the government (with the date it
// went), or recalls a sent one to correct it.
func (s *Store) ActOutcome(ctx context.Context, a lvzhi.Actor, id int64, action string, in lvzhi.OutcomeActionInput) (lvzhi.Outcome, error) {
	err := s.write(ctx, a, "outcome."+action, object(lvzhi.KindOutcome, id), func(tx *Tx) error {
		o, err := tx.outcome(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionChange, o.Target()); err != nil {
			return err
		}
		to, err := lvzhi.OutcomeWorkflow.Next(o.State, action)
		if err != nil {
			return err
		}
		note := strings.TrimSpace(in.Note)
		sentTo, sentOn := "", ""
		if action == "send_outcome" {
			if err := in.ValidateSend(); err != nil {
				return err
			}
			sentTo, sentOn = in.SentTo, in.SentOn
			note = strings.TrimSpace(sentOn + "报送" + lvzhi.OutcomeRecipients[sentTo] + " " + note)
		}
		if _, err := tx.exec(ctx, `UPDATE outcomes SET state = $1, sent_to = $2, sent_on = $3, updated_at = $4 WHERE id = $5`,
			to, sentTo, sentOn, s.Now(), id); err != nil {
			return err
		}
		return tx.event(ctx, a, o.CommitteeID, lvzhi.KindOutcome, id, action, o.State, to, note)
	})
	if err != nil {
		return lvzhi.Outcome{}, err
	}
	return s.Outcome(ctx, a, id)
}
