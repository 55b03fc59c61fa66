package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"lvzhi"
)

// InviteMembers invites the members a selection names to an activity and returns how many
// were newly invited. The selection is resolved to member rows now and the rows are kept: a
// member who joins a sector later is not silently invited. Members already invited keep their
// row and answer; only serving members of the committee are invited.
func (s *Store) InviteMembers(ctx context.Context, a lvzhi.Actor, id int64, sel lvzhi.Selection) (int, error) {
	if sel.Empty() {
		return 0, lvzhi.Invalid(map[string]string{"selection": "请至少选择一名委员,或一个界别、专门委员会、活动小组,或全体常委"})
	}
	added := 0
	err := s.write(ctx, a, "activity.invite_members", object(lvzhi.KindActivity, id), func(tx *Tx) error {
		x, err := tx.lockActivity(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, "invite_members", x.Target()); err != nil {
			return err
		}
		if _, err := lvzhi.ActivityWorkflow.Next(x.State, "invite_members"); err != nil {
			return err
		}
		chosen, err := tx.resolveSelection(ctx, x.CommitteeID, sel)
		if err != nil {
			return err
		}
		now := s.Now()
		ids := make([]int64, 0, len(chosen))
		for m := range chosen {
			ids = append(ids, m)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for _, m := range ids {
			res, err := tx.exec(ctx, `INSERT INTO activity_participants (activity_id, member_id, state, selected_by, invited_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT (activity_id, member_id) DO NOTHING`,
				x.ID, m, lvzhi.InvitationInvited, chosen[m], now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				added++
			}
		}
		return tx.event(ctx, a, x.CommitteeID, lvzhi.KindActivity, x.ID, "invite_members", x.State, x.State,
			fmt.Sprintf("新邀请%d名委员(%s)", added, selectionNote(sel)))
	})
	return added, err
}

// resolveSelection returns the serving members of the committee a selection names, each with
// the first way it named them. A member named by id who is not a serving member of the
// committee is an error, not silently skipped.
func (t *Tx) resolveSelection(ctx context.Context, committeeID int64, sel lvzhi.Selection) (map[int64]string, error) {
	out := map[int64]string{}
	pick := func(by, cond string, args ...any) error {
		return t.scanAll(ctx, func(sc scanner) error {
			var id int64
			if err := sc.Scan(&id); err != nil {
				return err
			}
			if _, seen := out[id]; !seen {
				out[id] = by
			}
			return nil
		}, `SELECT id FROM members WHERE committee_id = $1 AND state = 'serving' AND `+cond+` ORDER BY id`,
			append([]any{committeeID}, args...)...)
	}
	for _, id := range sel.MemberIDs {
		n := len(out)
		if err := pick(lvzhi.SelectByMember, "id = $2", id); err != nil {
			return nil, err
		}
		if _, ok := out[id]; !ok && len(out) == n {
			return nil, lvzhi.Invalid(map[string]string{"member_ids": fmt.Sprintf("编号为%d的委员不是本政协的在任委员", id)})
		}
	}
	for _, group := range []struct {
		by, column string
		ids        []int64
	}{
		{lvzhi.SelectBySector, "sector_id", sel.SectorIDs},
		{lvzhi.SelectBySpecialCommittee, "special_committee_id", sel.SpecialCommittees},
		{lvzhi.SelectByActivityGroup, "activity_group_id", sel.ActivityGroups},
	} {
		for _, id := range group.ids {
			if err := pick(group.by, group.column+" = $2", id); err != nil {
				return nil, err
			}
		}
	}
	if sel.Standing {
		if err := pick(lvzhi.SelectByStanding, "standing = $2", true); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// selectionNote says in the history how members were chosen.
func selectionNote(sel lvzhi.Selection) string {
	var parts []string
	add := func(by string, n int) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s%d项", lvzhi.SelectionLabel[by], n))
		}
	}
	add(lvzhi.SelectByMember, len(sel.MemberIDs))
	add(lvzhi.SelectBySector, len(sel.SectorIDs))
	add(lvzhi.SelectBySpecialCommittee, len(sel.SpecialCommittees))
	add(lvzhi.SelectByActivityGroup, len(sel.ActivityGroups))
	if sel.Standing {
		parts = append(parts, lvzhi.SelectionLabel[lvzhi.SelectByStanding])
	}
	return strings.Join(parts, "、")
}

// RemoveParticipant takes a member off a draft activity's list; once invitations are out a
// member answers or asks leave instead.
func (s *Store) RemoveParticipant(ctx context.Context, a lvzhi.Actor, id, memberID int64) error {
	return s.write(ctx, a, "activity.remove_participant", object(lvzhi.KindActivity, id), func(tx *Tx) error {
		x, err := tx.lockActivity(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, x.Target()); err != nil {
			return err
		}
		if x.State != lvzhi.ActivityDraft {
			return lvzhi.Errorf(lvzhi.ErrConflict, "活动已发布,不能再移除参加人员;委员可请假。")
		}
		res, err := tx.exec(ctx, `DELETE FROM activity_participants WHERE activity_id = $1 AND member_id = $2`, id, memberID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return lvzhi.Errorf(lvzhi.ErrNotFound, "该委员不在本活动的参加人员中。")
		}
		return tx.event(ctx, a, x.CommitteeID, lvzhi.KindActivity, x.ID, "remove_participant", x.State, x.State, fmt.Sprint(memberID))
	})
}

const invitationSelect = `SELECT ap.activity_id, a.committee_id, ap.member_id, ap.state, ap.selected_by, ap.leave_reason, ap.leave_note,
	ap.responded_at, ap.checked_in_at, COALESCE(ap.checkin_by, 0), ap.late, ap.attendance, ap.invited_at, m.name, COALESCE(sec.name, '')
	FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id JOIN members m ON m.id = ap.member_id
	LEFT JOIN org_units sec ON sec.id = m.sector_id `

func scanInvitation(sc scanner) (lvzhi.Invitation, error) {
	var i lvzhi.Invitation
	var responded, checked *time.Time
	err := sc.Scan(&i.ActivityID, &i.CommitteeID, &i.MemberID, &i.State, &i.SelectedBy, &i.LeaveReason, &i.LeaveNote,
		&responded, &checked, &i.CheckinBy, &i.Late, &i.Attendance, &i.InvitedAt, &i.MemberName, &i.SectorName)
	i.RespondedAt, i.CheckedInAt, i.InvitedAt = timeOrZero(responded), timeOrZero(checked), i.InvitedAt.UTC()
	return i, err
}

// invitation reads one participant row without a permission check.
func (t *Tx) invitation(ctx context.Context, activityID, memberID int64) (lvzhi.Invitation, error) {
	i, err := scanInvitation(t.queryRow(ctx, invitationSelect+`WHERE ap.activity_id = $1 AND ap.member_id = $2`, activityID, memberID))
	return i, notFound(err, "该委员的参会邀请")
}

// Participants lists an activity's participants by sector and name, to those who may read it.
// A participant sees who else is invited and how they answered, but another member's leave
// reason and staff's note on it only staff and leaders see.
func (s *Store) Participants(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Invitation, error) {
	x, err := s.Activity(ctx, a, id)
	if err != nil {
		return nil, err
	}
	all := lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindInvitation, CommitteeID: x.CommitteeID})
	var out []lvzhi.Invitation
	err = s.read(ctx, func(tx *Tx) error {
		return tx.scanAll(ctx, func(sc scanner) error {
			i, err := scanInvitation(sc)
			if !all && i.MemberID != a.MemberID {
				i.LeaveReason, i.LeaveNote = "", ""
			}
			out = append(out, i)
			return err
		}, invitationSelect+`WHERE ap.activity_id = $1 ORDER BY sec.position, sec.name, m.name, m.id`, id)
	})
	return out, err
}
