package store

import (
	"context"
	"fmt"
	"time"

	"lvzhi"
)

const activitySelect = `SELECT a.id, a.committee_id, a.type, a.title, COALESCE(a.organiser_id, 0), COALESCE(o.name, ''),
	a.starts_at, a.ends_at, a.place, a.agenda, a.state, a.checkin_before, a.late_after, a.cancel_reason,
	COALESCE(a.created_by, 0), a.published_at, a.closed_at, a.updated_at,
	(SELECT COUNT(*) FROM activity_participants ap WHERE ap.activity_id = a.id)
	FROM activities a LEFT JOIN org_units o ON o.id = a.organiser_id `

func scanActivity(sc scanner) (lvzhi.Activity, error) {
	var x lvzhi.Activity
	var published, closed *time.Time
	err := sc.Scan(&x.ID, &x.CommitteeID, &x.Type, &x.Title, &x.OrganiserID, &x.OrganiserName,
		&x.StartsAt, &x.EndsAt, &x.Place, &x.Agenda, &x.State, &x.CheckinBefore, &x.LateAfter, &x.CancelReason,
		&x.CreatedBy, &published, &closed, &x.Updated, &x.Invited)
	x.StartsAt, x.EndsAt, x.Updated = x.StartsAt.UTC(), x.EndsAt.UTC(), x.Updated.UTC()
	x.PublishedAt, x.ClosedAt = timeOrZero(published), timeOrZero(closed)
	return x, err
}

// activity reads one activity without a permission check: the callers check.
func (t *Tx) activity(ctx context.Context, id int64) (lvzhi.Activity, error) {
	x, err := scanActivity(t.queryRow(ctx, activitySelect+`WHERE a.id = $1`, id))
	return x, notFound(err, "该活动")
}

// lockActivity reads an activity for a change, holding its row until the transaction ends:
// a no-op UPDATE takes PostgreSQL's row lock (SQLite's writer already holds the database), so
// a check-in, a leave decision and the closing of one activity never interleave — a scan
// committed after the close would otherwise leave a checked-in participant marked absent.
func (t *Tx) lockActivity(ctx context.Context, id int64) (lvzhi.Activity, error) {
	if _, err := t.exec(ctx, `UPDATE activities SET updated_at = updated_at WHERE id = $1`, id); err != nil {
		return lvzhi.Activity{}, err
	}
	return t.activity(ctx, id)
}

// activityTarget is the permission target of an activity for actor a: a member owns the
// activities they are invited to, which is what lets them read its agenda and documents.
func (t *Tx) activityTarget(ctx context.Context, a lvzhi.Actor, x lvzhi.Activity) (lvzhi.Target, error) {
	tg := x.Target()
	if a.MemberID == 0 || x.State == lvzhi.ActivityDraft {
		return tg, nil // a draft is staff's until it is published
	}
	n, err := t.count(ctx, `SELECT COUNT(*) FROM activity_participants WHERE activity_id = $1 AND member_id = $2`, x.ID, a.MemberID)
	if n > 0 {
		tg.MemberID = a.MemberID
	}
	return tg, err
}

// Activity returns one activity to those who may read it: staff, leaders and its participants.
func (s *Store) Activity(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Activity, error) {
	var x lvzhi.Activity
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if x, err = tx.activity(ctx, id); err != nil {
			return err
		}
		tg, err := tx.activityTarget(ctx, a, x)
		if err != nil {
			return err
		}
		return lvzhi.Authorize(a, lvzhi.ActionRead, tg)
	})
	if err != nil {
		return lvzhi.Activity{}, err
	}
	return x, nil
}

// ActivityHistory returns an activity's events (its own and its invitations'), newest first.
func (s *Store) ActivityHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.Activity(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindActivity, id)
		return err
	})
	return out, err
}

// CreateActivity saves a new activity as a draft; staff plan it before inviting anyone.
func (s *Store) CreateActivity(ctx context.Context, a lvzhi.Actor, x lvzhi.Activity) (lvzhi.Activity, error) {
	x.ID, x.State, x.CommitteeID = 0, lvzhi.ActivityDraft, a.CommitteeID
	settings, err := s.ActivitySettings(ctx, a.CommitteeID)
	if err != nil {
		return x, err
	}
	if err := x.Validate(settings); err != nil {
		return x, err
	}
	now := s.Now()
	err = s.write(ctx, a, "activity.create", x.Title, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, x.Target()); err != nil {
			return err
		}
		if err := tx.checkOrganiser(ctx, x); err != nil {
			return err
		}
		x.ID, err = tx.insert(ctx, `INSERT INTO activities (committee_id, type, title, organiser_id, starts_at, ends_at, place, agenda,
			state, checkin_before, late_after, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
			x.CommitteeID, x.Type, x.Title, nullID(x.OrganiserID), x.StartsAt.UTC(), x.EndsAt.UTC(), x.Place, x.Agenda,
			x.State, x.CheckinBefore, x.LateAfter, nullID(a.UserID), now)
		if err != nil {
			return err
		}
		return tx.event(ctx, a, x.CommitteeID, lvzhi.KindActivity, x.ID, "create", "", x.State, x.Title)
	})
	if err != nil {
		return lvzhi.Activity{}, err
	}
	return s.Activity(ctx, a, x.ID)
}

// UpdateActivity changes an activity's details while it is planned or published; a closed
// or cancelled activity is history and stays as it was.
func (s *Store) UpdateActivity(ctx context.Context, a lvzhi.Actor, x lvzhi.Activity) error {
	settings, err := s.ActivitySettings(ctx, a.CommitteeID)
	if err != nil {
		return err
	}
	if err := x.Validate(settings); err != nil {
		return err
	}
	return s.write(ctx, a, "activity.update", object(lvzhi.KindActivity, x.ID), func(tx *Tx) error {
		old, err := tx.activityForEdit(ctx, a, x.ID)
		if err != nil {
			return err
		}
		x.CommitteeID = old.CommitteeID
		if err := tx.checkOrganiser(ctx, x); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE activities SET type = $1, title = $2, organiser_id = $3, starts_at = $4, ends_at = $5,
			place = $6, agenda = $7, checkin_before = $8, late_after = $9, updated_at = $10 WHERE id = $11`,
			x.Type, x.Title, nullID(x.OrganiserID), x.StartsAt.UTC(), x.EndsAt.UTC(), x.Place, x.Agenda,
			x.CheckinBefore, x.LateAfter, s.Now(), x.ID); err != nil {
			return err
		}
		return tx.event(ctx, a, old.CommitteeID, lvzhi.KindActivity, x.ID, "update", old.State, old.State, "")
	})
}

// checkOrganiser refuses an organiser that is not a department or special committee of the
// activity's committee.
func (t *Tx) checkOrganiser(ctx context.Context, x lvzhi.Activity) error {
	if x.OrganiserID == 0 {
		return nil
	}
	n, err := t.count(ctx, `SELECT COUNT(*) FROM org_units WHERE id = $1 AND committee_id = $2 AND kind IN ($3, $4)`,
		x.OrganiserID, x.CommitteeID, string(lvzhi.OrgDepartment), string(lvzhi.OrgSpecialCommittee))
	if err == nil && n == 0 {
		return lvzhi.Invalid(map[string]string{"organiser_id": "主办单位须为本政协的机关科室或专门委员会"})
	}
	return err
}

// ListActivities returns a page of activities in start order and their total. Staff and
// leaders see the committee's; a member sees the published activities they are invited to.
func (s *Store) ListActivities(ctx context.Context, a lvzhi.Actor, f lvzhi.ActivityFilter) ([]lvzhi.Activity, int, error) {
	f.CommitteeID = a.CommitteeID
	tg := lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: f.CommitteeID}
	if !lvzhi.Can(a, lvzhi.ActionRead, tg) {
		f.MemberID, tg.MemberID = a.MemberID, a.MemberID // a member's own calendar
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, tg); err != nil {
			return nil, 0, err
		}
		if f.State == "" || f.State == lvzhi.ActivityDraft {
			f.State = "!draft"
		}
	}
	where, args := `WHERE a.committee_id = $1`, []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if !f.From.IsZero() {
		add("a.starts_at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("a.starts_at < $%d", f.To.UTC())
	}
	switch {
	case f.State == "!draft":
		add("a.state <> $%d", lvzhi.ActivityDraft)
	case f.State != "":
		add("a.state = $%d", f.State)
	}
	if f.Type != "" {
		add("a.type = $%d", f.Type)
	}
	if f.MemberID != 0 {
		add("a.id IN (SELECT activity_id FROM activity_participants WHERE member_id = $%d)", f.MemberID)
	}
	var out []lvzhi.Activity
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM activities a `+where, args...); err != nil {
			return err
		}
		q := activitySelect + where + fmt.Sprintf(` ORDER BY a.starts_at, a.id LIMIT %d OFFSET %d`, f.Limit(), f.Offset())
		return tx.scanAll(ctx, func(sc scanner) error {
			x, err := scanActivity(sc)
			out = append(out, x)
			return err
		}, q, args...)
	})
	return out, total, err
}
