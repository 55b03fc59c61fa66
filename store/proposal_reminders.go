package store

import (
	"context"

	"lvzhi"
)

// Reminder is one thing a user should attend to about a proposal: shown on the home page as
// an in-app notification, computed from the records each time so it is never stale.
type Reminder struct {
	Proposal lvzhi.Proposal
	Kind     string // cosign, evaluate, returned, due, overdue, review, assign, reply_review, extension, cosign_ended, key
	DaysLeft int    // for due and overdue reminders: days to the deadline (negative when past)
}

// ProposalReminders lists what the actor should attend to now: a member's co-sign invitations,
// replies to rate and proposals returned for revision; a unit's replies due in 15, 7 or 1
// days (the committee's ReminderDays) and overdue; the office's queues; a leader's key
// proposals.
func (s *Store) ProposalReminders(ctx context.Context, a lvzhi.Actor) ([]Reminder, error) {
	tg := lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID, MemberID: a.MemberID, UnitID: a.UnitID}
	if !lvzhi.Can(a, lvzhi.ActionRead, tg) {
		return nil, nil // administrators and others with no proposals to attend to
	}
	settings, err := s.ProposalSettings(ctx, a.CommitteeID)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	horizon := 0
	for _, d := range settings.ReminderDays {
		horizon = max(horizon, d)
	}
	type query struct {
		kind, where string
		args        []any
	}
	var qs []query
	c := a.CommitteeID
	if a.MemberID != 0 {
		qs = append(qs,
			query{"cosign", `p.state = 'cosigning' AND p.cosign_deadline > $2 AND p.id IN (SELECT proposal_id FROM proposal_cosigners WHERE member_id = $3 AND state = 'invited')`, []any{now, a.MemberID}},
			query{"evaluate", `p.state = 'replied' AND p.proposer_id = $2`, []any{a.MemberID}},
			query{"returned", `p.state = 'returned' AND p.proposer_id = $2`, []any{a.MemberID}},
		)
	}
	if a.UnitID != 0 {
		units := `p.id IN (SELECT proposal_id FROM proposal_units WHERE unit_id = $2 AND sent_back_reason = '')`
		qs = append(qs,
			query{"overdue", `p.state = 'handling' AND p.deadline < $3 AND ` + units, []any{a.UnitID, now}},
			query{"due", `p.state = 'handling' AND p.deadline >= $3 AND p.deadline < $4 AND ` + units, []any{a.UnitID, now, now.AddDate(0, 0, horizon)}},
		)
	}
	if a.Has(lvzhi.RoleStaff) {
		qs = append(qs,
			query{"review", `p.state = 'review'`, nil},
			query{"assign", `p.state = 'accepted'`, nil},
			query{"reply_review", `p.state = 'reply_review'`, nil},
			query{"extension", `p.id IN (SELECT proposal_id FROM proposal_extensions WHERE state = 'pending')`, nil},
			query{"cosign_ended", `p.state = 'cosigning' AND p.cosign_deadline <= $2`, []any{now}},
			query{"overdue", `p.state = 'handling' AND p.deadline < $2`, []any{now}},
		)
	}
	if a.Has(lvzhi.RoleLeader) {
		qs = append(qs, query{"key", `p.is_key = TRUE AND p.state NOT IN ('closed') AND (p.supervisor_id = $2 OR $2 = 0)`, []any{a.UserID}})
	}
	var out []Reminder
	err = s.read(ctx, func(tx *Tx) error {
		for _, q := range qs {
			rows, err := tx.query(ctx, proposalSelect+`WHERE p.committee_id = $1 AND `+q.where+` ORDER BY p.deadline, p.id LIMIT 50`, append([]any{c}, q.args...)...)
			if err != nil {
				return err
			}
			for rows.Next() {
				p, err := scanProposal(rows)
				if err != nil {
					rows.Close()
					return err
				}
				r := Reminder{Proposal: p, Kind: q.kind}
				if !p.Deadline.IsZero() {
					r.DaysLeft = int(p.Deadline.Sub(now).Hours() / 24)
				}
				if r.Kind != "due" || dueToday(r.DaysLeft, settings.ReminderDays) {
					out = append(out, r)
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// dueToday reports whether a reply due in daysLeft days falls within a reminder window:
// within 15 days of the deadline reminds, and so do the narrower 7 and 1.
func dueToday(daysLeft int, windows []int) bool {
	for _, w := range windows {
		if daysLeft < w {
			return true
		}
	}
	return false
}
