package store

import (
	"context"
	"strings"
	"time"

	"lvzhi"
)

// openForAnswers are the activity states in which invitations are answered, leave decided
// and check-ins made: after publishing and before closing.
var openForAnswers = map[string]bool{lvzhi.ActivityPublished: true, lvzhi.ActivityUnderway: true}

// ActInvitation applies one action to a participant's invitation: the member (or staff for
// them) answers attend or decline or asks leave with a reason; staff approve or refuse leave,
// or check the member in by hand. A member acts on their own invitation only.
func (s *Store) ActInvitation(ctx context.Context, a lvzhi.Actor, activityID, memberID int64, action string, in lvzhi.InvitationInput) (lvzhi.Invitation, error) {
	if action == "request_leave" {
		if err := lvzhi.ValidateLeave(in.Reason); err != nil {
			return lvzhi.Invitation{}, err
		}
	}
	var out lvzhi.Invitation
	err := s.write(ctx, a, "invitation."+action, invitationObject(activityID, memberID), func(tx *Tx) error {
		x, err := tx.lockActivity(ctx, activityID)
		if err != nil {
			return err
		}
		inv, err := tx.invitation(ctx, activityID, memberID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.Action(action), inv.Target()); err != nil {
			return err
		}
		if !openForAnswers[x.State] {
			return lvzhi.Errorf(lvzhi.ErrConflict, "活动当前状态为“%s”,不能%s。",
				lvzhi.ActivityWorkflow.StateLabel[x.State], lvzhi.InvitationWorkflow.ActionLabel[action])
		}
		now := s.Now()
		if action == "check_in" {
			if !a.Has(lvzhi.RoleStaff) && !a.System {
				return lvzhi.Errorf(lvzhi.ErrForbidden, "委员请扫描会场屏幕上的签到二维码签到。")
			}
			if err := tx.checkIn(ctx, a, x, &inv, now, "人工签到"); err != nil {
				return err
			}
			out = inv
			return nil
		}
		to, err := lvzhi.InvitationWorkflow.Next(inv.State, action)
		if err != nil {
			return err
		}
		note := strings.TrimSpace(in.Note)
		switch action {
		case "request_leave":
			_, err = tx.exec(ctx, `UPDATE activity_participants SET leave_reason = $1, leave_note = '' WHERE activity_id = $2 AND member_id = $3`,
				strings.TrimSpace(in.Reason), activityID, memberID)
			note = strings.TrimSpace(in.Reason)
		case "approve_leave", "refuse_leave":
			if action == "refuse_leave" && note == "" {
				return lvzhi.Invalid(map[string]string{"note": "请填写不准假的理由"})
			}
			_, err = tx.exec(ctx, `UPDATE activity_participants SET leave_note = $1 WHERE activity_id = $2 AND member_id = $3`, note, activityID, memberID)
		}
		if err != nil {
			return err
		}
		// The state the action was checked against must still be the row's: of two decisions
		// racing on one request, the second finds it decided and changes nothing.
		res, err := tx.exec(ctx, `UPDATE activity_participants SET state = $1, responded_at = $2 WHERE activity_id = $3 AND member_id = $4 AND state = $5`,
			to, now, activityID, memberID, inv.State)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return lvzhi.Errorf(lvzhi.ErrConflict, "该参会邀请刚被他人处理过,请刷新后再试。")
		}
		if err := tx.event(ctx, a, x.CommitteeID, lvzhi.KindActivity, x.ID, action, inv.State, to, strings.TrimSpace(inv.MemberName+" "+note)); err != nil {
			return err
		}
		out, err = tx.invitation(ctx, activityID, memberID)
		return err
	})
	return out, err
}

// checkIn records a participant's check-in at now, late when after the start plus the grace
// minutes. A second check-in is refused: the first one is the record.
func (t *Tx) checkIn(ctx context.Context, a lvzhi.Actor, x lvzhi.Activity, inv *lvzhi.Invitation, now time.Time, how string) error {
	if inv.Checked() {
		return lvzhi.Errorf(lvzhi.ErrConflict, "%s已于%s签到,无需重复签到。", inv.MemberName, inv.CheckedInAt.In(lvzhi.China).Format("01-02 15:04"))
	}
	late := now.After(x.LateFrom())
	var by any
	if how == "人工签到" {
		by = nullID(a.UserID)
	}
	// Only a row not yet checked in is updated: of two scans racing on PostgreSQL, the second
	// waits for the first's row lock, then finds the row checked in and changes nothing.
	res, err := t.exec(ctx, `UPDATE activity_participants SET checked_in_at = $1, late = $2, checkin_by = $3
		WHERE activity_id = $4 AND member_id = $5 AND checked_in_at IS NULL`, now, late, by, x.ID, inv.MemberID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return lvzhi.Errorf(lvzhi.ErrConflict, "%s已签到,无需重复签到。", inv.MemberName)
	}
	inv.CheckedInAt, inv.Late = now, late
	note := inv.MemberName + " " + how
	if late {
		note += "(迟到)"
	}
	return t.event(ctx, a, x.CommitteeID, lvzhi.KindActivity, x.ID, "check_in", inv.State, inv.State, note)
}

// CheckIn checks the signed-in member in to an activity with the code from the venue screen.
// It refuses a member who is not a participant, a check-in outside the activity's window, and
// a code that is not the screen's current one (a photo taken earlier, a forwarded link).
func (s *Store) CheckIn(ctx context.Context, a lvzhi.Actor, activityID int64, token string) (lvzhi.Invitation, error) {
	secret, err := s.checkinSecret(ctx)
	if err != nil {
		return lvzhi.Invitation{}, err
	}
	var out lvzhi.Invitation
	err = s.write(ctx, a, "invitation.check_in", invitationObject(activityID, a.MemberID), func(tx *Tx) error {
		x, err := tx.lockActivity(ctx, activityID)
		if err != nil {
			return err
		}
		if a.MemberID == 0 {
			return lvzhi.Errorf(lvzhi.ErrForbidden, "只有委员本人可以扫码签到;工作人员请在签到页面人工签到。")
		}
		inv, err := tx.invitation(ctx, activityID, a.MemberID)
		if lvzhi.ErrorCodeOf(err) == lvzhi.ErrNotFound || (err == nil && x.CommitteeID != a.CommitteeID) {
			return lvzhi.Errorf(lvzhi.ErrForbidden, "您不在“%s”的参加人员中,不能签到。", x.Title)
		} else if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, "check_in", inv.Target()); err != nil {
			return err
		}
		if !openForAnswers[x.State] {
			return lvzhi.Errorf(lvzhi.ErrConflict, "活动当前状态为“%s”,不能签到。", lvzhi.ActivityWorkflow.StateLabel[x.State])
		}
		now := s.Now()
		if err := x.CheckCheckinWindow(now); err != nil {
			return err
		}
		if err := lvzhi.CheckCheckinToken(secret, x.ID, token, now); err != nil {
			return err
		}
		if err := tx.checkIn(ctx, a, x, &inv, now, "扫码签到"); err != nil {
			return err
		}
		out = inv
		return nil
	})
	return out, err
}

func invitationObject(activityID, memberID int64) string {
	return object(lvzhi.KindActivity, activityID) + "/" + object(lvzhi.KindMember, memberID)
}
