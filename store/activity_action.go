package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lvzhi"
)

// ActActivity applies one workflow action to an activity — publish (the invitations go out),
// start (check-in is running), finish (attendance becomes final) or cancel — after checking
// the transition table and the grants table, with its event and audit row, in one
// transaction. note is the reason a cancellation must give.
func (s *Store) ActActivity(ctx context.Context, a lvzhi.Actor, id int64, action, note string) (lvzhi.Activity, error) {
	err := s.write(ctx, a, "activity."+action, object(lvzhi.KindActivity, id), func(tx *Tx) error {
		if action == "invite_members" { // it needs a selection: InviteMembers
			return lvzhi.Errorf(lvzhi.ErrInvalid, "邀请委员请使用“邀请参加”。")
		}
		x, err := tx.lockActivity(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.Action(action), x.Target()); err != nil {
			return err
		}
		to, err := lvzhi.ActivityWorkflow.Next(x.State, action)
		if err != nil {
			return err
		}
		now := s.Now()
		detail := ""
		switch action {
		case "publish":
			n, err := tx.count(ctx, `SELECT COUNT(*) FROM activity_participants WHERE activity_id = $1`, id)
			if err != nil {
				return err
			}
			if n == 0 {
				return lvzhi.Errorf(lvzhi.ErrConflict, "发布前请先邀请参加活动的委员。")
			}
			if _, err := tx.exec(ctx, `UPDATE activities SET published_at = $1 WHERE id = $2`, now, id); err != nil {
				return err
			}
			detail = fmt.Sprintf("向%d名委员发出邀请", n)
		case "finish":
			if detail, err = tx.finishActivity(ctx, x, now); err != nil {
				return err
			}
		case "cancel":
			if strings.TrimSpace(note) == "" {
				return lvzhi.Invalid(map[string]string{"note": "请填写取消活动的原因"})
			}
			if _, err := tx.exec(ctx, `UPDATE activities SET cancel_reason = $1 WHERE id = $2`, strings.TrimSpace(note), id); err != nil {
				return err
			}
		}
		res, err := tx.exec(ctx, `UPDATE activities SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4`, to, now, id, x.State)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 { // another action moved it first
			return lvzhi.Errorf(lvzhi.ErrConflict, "该活动刚被他人处理过,请刷新后再试。")
		}
		return tx.event(ctx, a, x.CommitteeID, lvzhi.KindActivity, id, action, x.State, to, strings.TrimSpace(detail+" "+strings.TrimSpace(note)))
	})
	if err != nil {
		return lvzhi.Activity{}, err
	}
	return s.Activity(ctx, a, id)
}

// attendanceCase is lvzhi.Invitation.FinalAttendance in SQL: a check-in first (late when it
// was late), then approved leave, and absence for everyone else. One UPDATE closes an
// activity of any size; a store test holds the two to the same answers.
const attendanceCase = `CASE WHEN checked_in_at IS NOT NULL AND late THEN 'late'
	WHEN checked_in_at IS NOT NULL THEN 'attended'
	WHEN state = 'leave_approved' THEN 'leave'
	ELSE 'absent' END`

// finishActivity fixes every participant's attendance. It refuses while leave requests wait
// for a decision, since an undecided request would turn into an absence nobody chose, and
// before the activity has begun (an activity that will not happen is cancelled instead).
func (t *Tx) finishActivity(ctx context.Context, x lvzhi.Activity, now time.Time) (string, error) {
	if now.Before(x.StartsAt) {
		return "", lvzhi.Errorf(lvzhi.ErrConflict, "活动尚未开始(%s),不能结束;如不再举行,请取消活动。", x.StartsAt.Format("2006-01-02 15:04"))
	}
	pending, err := t.count(ctx, `SELECT COUNT(*) FROM activity_participants WHERE activity_id = $1 AND state = $2`, x.ID, lvzhi.InvitationLeaveRequested)
	if err != nil {
		return "", err
	}
	if pending > 0 {
		return "", lvzhi.Errorf(lvzhi.ErrConflict, "还有%d条请假申请待审批,请先准假或不准假,再结束活动。", pending)
	}
	if _, err := t.exec(ctx, `UPDATE activity_participants SET attendance = `+attendanceCase+` WHERE activity_id = $1`, x.ID); err != nil {
		return "", err
	}
	if _, err := t.exec(ctx, `UPDATE activities SET closed_at = $1 WHERE id = $2`, now, x.ID); err != nil {
		return "", err
	}
	counts := map[string]int{}
	err = t.scanAll(ctx, func(sc scanner) error {
		var state string
		var n int
		err := sc.Scan(&state, &n)
		counts[state] = n
		return err
	}, `SELECT attendance, COUNT(*) FROM activity_participants WHERE activity_id = $1 GROUP BY attendance`, x.ID)
	var parts []string
	for _, st := range lvzhi.AttendanceStates {
		parts = append(parts, fmt.Sprintf("%s%d人", lvzhi.AttendanceLabel[st], counts[st]))
	}
	return strings.Join(parts, ","), err
}
