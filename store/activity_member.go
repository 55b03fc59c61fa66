package store

import (
	"context"
	"strings"

	"lvzhi"
)

// MyInvitations lists the signed-in member's invitations to published activities, soonest
// first: the upcoming ones (not yet ended) when upcoming is set, else the closed ones with
// their attendance, newest first. It is the member's phone page and the notice on the home page.
func (s *Store) MyInvitations(ctx context.Context, a lvzhi.Actor, upcoming bool) ([]lvzhi.MyInvitation, error) {
	if a.MemberID == 0 {
		return []lvzhi.MyInvitation{}, nil // staff and others are invited to nothing
	}
	cond := `AND a.state IN ('published', 'underway') AND a.ends_at >= $3 ORDER BY a.starts_at, a.id`
	if !upcoming {
		cond = `AND a.state = 'closed' AND $3 = $3 ORDER BY a.starts_at DESC, a.id DESC LIMIT 200`
	}
	var out []lvzhi.MyInvitation
	err := s.read(ctx, func(tx *Tx) error {
		return tx.scanAll(ctx, func(sc scanner) error {
			var id int64
			if err := sc.Scan(&id); err != nil {
				return err
			}
			out = append(out, lvzhi.MyInvitation{Activity: lvzhi.Activity{ID: id}})
			return nil
		}, `SELECT a.id FROM activities a JOIN activity_participants ap ON ap.activity_id = a.id
			WHERE a.committee_id = $1 AND ap.member_id = $2 `+cond, a.CommitteeID, a.MemberID, s.Now())
	})
	if err != nil {
		return nil, err
	}
	err = s.read(ctx, func(tx *Tx) error {
		for i := range out {
			var err error
			if out[i].Activity, err = tx.activity(ctx, out[i].Activity.ID); err != nil {
				return err
			}
			if out[i].Invitation, err = tx.invitation(ctx, out[i].Activity.ID, a.MemberID); err != nil {
				return err
			}
			if err := lvzhi.Authorize(a, lvzhi.ActionRead, out[i].Invitation.Target()); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// PendingLeave lists the leave requests waiting for staff's decision, across the committee's
// open activities, oldest activity first.
func (s *Store) PendingLeave(ctx context.Context, a lvzhi.Actor) ([]lvzhi.MyInvitation, error) {
	if err := lvzhi.Authorize(a, "approve_leave", lvzhi.Target{Kind: lvzhi.KindInvitation, CommitteeID: a.CommitteeID}); err != nil {
		return nil, err
	}
	var out []lvzhi.MyInvitation
	err := s.read(ctx, func(tx *Tx) error {
		var invs []lvzhi.Invitation
		err := tx.scanAll(ctx, func(sc scanner) error {
			i, err := scanInvitation(sc)
			invs = append(invs, i)
			return err
		}, invitationSelect+`WHERE a.committee_id = $1 AND ap.state = 'leave_requested' AND a.state IN ('published', 'underway')
			ORDER BY a.starts_at, a.id, m.name`, a.CommitteeID)
		if err != nil {
			return err
		}
		for _, i := range invs {
			x, err := tx.activity(ctx, i.ActivityID)
			if err != nil {
				return err
			}
			out = append(out, lvzhi.MyInvitation{Activity: x, Invitation: i})
		}
		return nil
	})
	return out, err
}

// Guests lists an activity's guests to those who may read the activity.
func (s *Store) Guests(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Guest, error) {
	if _, err := s.Activity(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Guest
	err := s.read(ctx, func(tx *Tx) error {
		return tx.scanAll(ctx, func(sc scanner) error {
			var g lvzhi.Guest
			err := sc.Scan(&g.ID, &g.ActivityID, &g.Kind, &g.Name, &g.Title)
			out = append(out, g)
			return err
		}, `SELECT id, activity_id, kind, name, title FROM activity_guests WHERE activity_id = $1 ORDER BY id`, id)
	})
	return out, err
}

// AddGuest records an official or an expert invited to an activity.
func (s *Store) AddGuest(ctx context.Context, a lvzhi.Actor, g lvzhi.Guest) (lvzhi.Guest, error) {
	g.Name, g.Title = strings.TrimSpace(g.Name), strings.TrimSpace(g.Title)
	if err := g.Validate(); err != nil {
		return g, err
	}
	err := s.write(ctx, a, "activity.add_guest", object(lvzhi.KindActivity, g.ActivityID), func(tx *Tx) error {
		x, err := tx.activityForEdit(ctx, a, g.ActivityID)
		if err != nil {
			return err
		}
		if g.ID, err = tx.insert(ctx, `INSERT INTO activity_guests (activity_id, kind, name, title) VALUES ($1, $2, $3, $4)`,
			g.ActivityID, g.Kind, g.Name, g.Title); err != nil {
			return err
		}
		return tx.event(ctx, a, x.CommitteeID, lvzhi.KindActivity, x.ID, "add_guest", x.State, x.State, g.Name+" "+g.Title)
	})
	return g, err
}

// RemoveGuest takes a guest off an activity.
func (s *Store) RemoveGuest(ctx context.Context, a lvzhi.Actor, activityID, guestID int64) error {
	return s.write(ctx, a, "activity.remove_guest", object(lvzhi.KindActivity, activityID), func(tx *Tx) error {
		x, err := tx.activityForEdit(ctx, a, activityID)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM activity_guests WHERE id = $1 AND activity_id = $2`, guestID, activityID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该嘉宾,可能已被删除。")
		}
		return tx.event(ctx, a, x.CommitteeID, lvzhi.KindActivity, x.ID, "remove_guest", x.State, x.State, "")
	})
}

// activityForEdit reads an activity staff may still change: not closed or cancelled.
func (t *Tx) activityForEdit(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Activity, error) {
	x, err := t.activity(ctx, id)
	if err != nil {
		return x, err
	}
	if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, x.Target()); err != nil {
		return x, err
	}
	if x.State == lvzhi.ActivityClosed || x.State == lvzhi.ActivityCancelled {
		return x, lvzhi.Errorf(lvzhi.ErrConflict, "活动当前状态为“%s”,不能修改。", lvzhi.ActivityWorkflow.StateLabel[x.State])
	}
	return x, nil
}

// InvitationCounts counts an activity's participants per invitation state and, once closed,
// per attendance state, for the record page's summary.
func (s *Store) InvitationCounts(ctx context.Context, a lvzhi.Actor, id int64) (map[string]int, error) {
	if _, err := s.Activity(ctx, a, id); err != nil {
		return nil, err
	}
	out := map[string]int{}
	err := s.read(ctx, func(tx *Tx) error {
		return tx.scanAll(ctx, func(sc scanner) error {
			var state, attendance string
			var checked, n int
			if err := sc.Scan(&state, &attendance, &checked, &n); err != nil {
				return err
			}
			out[state] += n
			out["checked"] += checked
			if attendance != "" {
				out[attendance] += n
			}
			out["total"] += n
			return nil
		}, `SELECT state, attendance, SUM(CASE WHEN checked_in_at IS NULL THEN 0 ELSE 1 END), COUNT(*)
			FROM activity_participants WHERE activity_id = $1 GROUP BY state, attendance`, id)
	})
	return out, err
}
