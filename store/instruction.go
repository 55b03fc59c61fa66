package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lvzhi"
)

const instructionSelect = `SELECT id, committee_id, record_kind, record_id, record_title, COALESCE(member_id, 0), leader, rank, given_on, body,
	department, follow_up, done_on, state, COALESCE(created_by, 0), created_at, updated_at FROM instructions i `

func scanInstruction(sc scanner) (lvzhi.Instruction, error) {
	var in lvzhi.Instruction
	var kind string
	var done *time.Time
	err := sc.Scan(&in.ID, &in.CommitteeID, &kind, &in.RecordID, &in.RecordTitle, &in.MemberID, &in.Leader, &in.Rank, &in.GivenOn, &in.Body,
		&in.Department, &in.FollowUp, &done, &in.State, &in.CreatedBy, &in.Created, &in.Updated)
	in.RecordKind, in.DoneOn = lvzhi.Kind(kind), timeOrZero(done)
	in.GivenOn, in.Created, in.Updated = in.GivenOn.UTC(), in.Created.UTC(), in.Updated.UTC()
	return in, err
}

// instructionTarget is the permission target of the instructions on a record: the record's
// committee and owners, so the record's submitter (and a proposal's handling unit) see them.
func instructionTarget(record lvzhi.Target) lvzhi.Target {
	record.Kind = lvzhi.KindInstruction
	return record
}

// authorizeInstructions checks that a may act on the instructions of a record: act on the
// instructions, and read the record itself.
func (t *Tx) authorizeInstructions(ctx context.Context, a lvzhi.Actor, act lvzhi.Action, kind lvzhi.Kind, recordID int64) (lvzhi.Target, error) {
	rt, err := t.authorizeRecord(ctx, a, lvzhi.ActionRead, kind, recordID)
	if err != nil {
		return rt, err
	}
	tg := instructionTarget(rt)
	return tg, lvzhi.Authorize(a, act, tg)
}

// AddInstruction records a leader's instruction on the record kind/recordID. Staff record
// them (a leader may record one given personally); the rank must be one of the committee's.
func (s *Store) AddInstruction(ctx context.Context, a lvzhi.Actor, kind lvzhi.Kind, recordID int64, in lvzhi.Instruction) (lvzhi.Instruction, error) {
	settings, err := s.InstructionSettings(ctx, a.CommitteeID)
	if err != nil {
		return in, err
	}
	in.ID, in.RecordKind, in.RecordID, in.State = 0, kind, recordID, lvzhi.InstructionPending
	in.Leader, in.Body = strings.TrimSpace(in.Leader), strings.TrimSpace(in.Body)
	in.Department, in.FollowUp, in.DoneOn, in.CreatedBy = "", "", time.Time{}, a.UserID
	if err := in.Validate(settings, s.Now()); err != nil {
		return in, err
	}
	err = s.write(ctx, a, "instruction.create", object(kind, recordID), func(tx *Tx) error {
		tg, err := tx.authorizeInstructions(ctx, a, lvzhi.ActionCreate, kind, recordID)
		if err != nil {
			return err
		}
		if in.RecordTitle, err = tx.recordTitle(ctx, kind, recordID); err != nil {
			return err
		}
		in.CommitteeID, in.MemberID = tg.CommitteeID, tg.MemberID
		in.Created, in.Updated = s.Now(), s.Now()
		if in.ID, err = tx.insert(ctx, `INSERT INTO instructions (committee_id, record_kind, record_id, record_title, member_id, leader, rank,
			given_on, body, state, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
			in.CommitteeID, string(kind), recordID, in.RecordTitle, nullID(in.MemberID), in.Leader, in.Rank,
			in.GivenOn.UTC(), in.Body, in.State, nullID(a.UserID), in.Created); err != nil {
			return err
		}
		if err := tx.event(ctx, a, in.CommitteeID, lvzhi.KindInstruction, in.ID, "create", "", in.State, in.Rank+" "+in.Leader); err != nil {
			return err
		}
		// The record's own history says it received an instruction, without naming who gave
		// it: the history is read by everyone who reads the record, the instruction is not.
		return tx.event(ctx, a, in.CommitteeID, kind, recordID, "instruction", "", "", "")
	})
	return in, err
}

// Instructions lists the instructions on one record, oldest first, to those who may read
// them: staff and leaders, the record's submitter and a proposal's handling unit. Others get
// a forbidden error, which a record page takes as "show no instructions".
func (s *Store) Instructions(ctx context.Context, a lvzhi.Actor, kind lvzhi.Kind, recordID int64) ([]lvzhi.Instruction, error) {
	var out []lvzhi.Instruction
	err := s.read(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeInstructions(ctx, a, lvzhi.ActionRead, kind, recordID); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			in, err := scanInstruction(sc)
			out = append(out, in)
			return err
		}, instructionSelect+`WHERE record_kind = $1 AND record_id = $2 ORDER BY given_on, id`, string(kind), recordID)
	})
	return out, err
}

// Instruction returns one instruction to those who may read it.
func (s *Store) Instruction(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Instruction, error) {
	var in lvzhi.Instruction
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if in, err = tx.instruction(ctx, id); err != nil {
			return err
		}
		_, err = tx.authorizeInstructions(ctx, a, lvzhi.ActionRead, in.RecordKind, in.RecordID)
		return err
	})
	if err != nil {
		return lvzhi.Instruction{}, err
	}
	return in, nil
}

func (t *Tx) instruction(ctx context.Context, id int64) (lvzhi.Instruction, error) {
	in, err := scanInstruction(t.queryRow(ctx, instructionSelect+`WHERE id = $1`, id))
	return in, notFound(err, "该批示")
}

// InstructionHistory returns an instruction's events, newest first.
func (s *Store) InstructionHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.Instruction(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindInstruction, id)
		return err
	})
	return out, err
}

// UpdateFollowUp records the follow-up of an instruction with one of InstructionWorkflow's
// actions: follow_up (progress, state unchanged), complete (done, with what and when) or
// reopen. The office does this.
func (s *Store) UpdateFollowUp(ctx context.Context, a lvzhi.Actor, id int64, action string, f lvzhi.FollowUpInput) (lvzhi.Instruction, error) {
	var in lvzhi.Instruction
	f.Department, f.FollowUp = strings.TrimSpace(f.Department), strings.TrimSpace(f.FollowUp)
	err := s.write(ctx, a, "instruction."+action, object(lvzhi.KindInstruction, id), func(tx *Tx) error {
		var err error
		if in, err = tx.instruction(ctx, id); err != nil {
			return err
		}
		if _, err := tx.authorizeInstructions(ctx, a, lvzhi.ActionUpdate, in.RecordKind, in.RecordID); err != nil {
			return err
		}
		to, err := lvzhi.InstructionWorkflow.Next(in.State, action)
		if err != nil {
			return err
		}
		if action == "complete" { // completing keeps the department and progress already recorded
			f.Department, f.FollowUp = orKey(f.Department, in.Department), orKey(f.FollowUp, in.FollowUp)
		}
		if err := f.Validate(action); err != nil {
			return err
		}
		from := in.State
		if f.Department != "" {
			in.Department = f.Department
		}
		if f.FollowUp != "" {
			in.FollowUp = f.FollowUp
		}
		switch action {
		case "complete":
			in.DoneOn = f.DoneOn.UTC()
		case "reopen":
			in.DoneOn = time.Time{}
		}
		in.State, in.Updated = to, s.Now()
		var done any
		if !in.DoneOn.IsZero() {
			done = in.DoneOn
		}
		if _, err := tx.exec(ctx, `UPDATE instructions SET department = $1, follow_up = $2, done_on = $3, state = $4, updated_at = $5 WHERE id = $6`,
			in.Department, in.FollowUp, done, in.State, in.Updated, in.ID); err != nil {
			return err
		}
		note := strings.TrimSpace(strings.TrimSpace(f.Department+" "+f.FollowUp) + " " + strings.TrimSpace(f.Note))
		return tx.event(ctx, a, in.CommitteeID, lvzhi.KindInstruction, in.ID, action, from, to, note)
	})
	return in, err
}

// DeleteInstruction removes an instruction recorded by mistake; its events stay in the history.
func (s *Store) DeleteInstruction(ctx context.Context, a lvzhi.Actor, id int64) error {
	return s.write(ctx, a, "instruction.delete", object(lvzhi.KindInstruction, id), func(tx *Tx) error {
		in, err := tx.instruction(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.authorizeInstructions(ctx, a, lvzhi.ActionDelete, in.RecordKind, in.RecordID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM instructions WHERE id = $1`, id); err != nil {
			return err
		}
		return tx.event(ctx, a, in.CommitteeID, in.RecordKind, in.RecordID, "instruction_delete", "", "", "")
	})
}

// instructionWhere builds the WHERE clause of a filter, for the actor: staff and leaders see
// the committee's instructions, a member those on the member's own records, a handling unit
// those on the proposals assigned to it, nobody else any.
func instructionWhere(a lvzhi.Actor, f lvzhi.InstructionFilter) (string, []any, error) {
	if f.CommitteeID == 0 {
		f.CommitteeID = a.CommitteeID
	}
	committee := lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: f.CommitteeID}
	where, args := "WHERE i.committee_id = $1", []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if !lvzhi.Can(a, lvzhi.ActionRead, committee) {
		// A member reads those on the member's own records, a handling unit those on the
		// proposals assigned to it; one actor may be both.
		var own []string
		member, unit := committee, committee
		member.MemberID, unit.UnitID = a.MemberID, a.UnitID
		if a.MemberID != 0 && lvzhi.Can(a, lvzhi.ActionRead, member) {
			args = append(args, a.MemberID)
			own = append(own, fmt.Sprintf("i.member_id = $%d", len(args)))
		}
		if a.UnitID != 0 && lvzhi.Can(a, lvzhi.ActionRead, unit) {
			args = append(args, a.UnitID)
			own = append(own, fmt.Sprintf(`(i.record_kind = 'proposal' AND i.record_id IN
				(SELECT proposal_id FROM proposal_units WHERE unit_id = $%d AND sent_back_reason = ''))`, len(args)))
		}
		if len(own) == 0 {
			return "", nil, lvzhi.Authorize(a, lvzhi.ActionRead, committee)
		}
		where += " AND (" + strings.Join(own, " OR ") + ")"
	}
	if f.Rank != "" {
		add("i.rank = $%d", f.Rank)
	}
	if len(f.Ranks) > 0 {
		where += " AND i.rank IN (" + placeholders(len(args)+1, len(f.Ranks)) + ")"
		for _, r := range f.Ranks {
			args = append(args, r)
		}
	}
	if f.RecordKind != "" {
		add("i.record_kind = $%d", string(f.RecordKind))
	}
	if f.RecordID != 0 {
		add("i.record_id = $%d", f.RecordID)
	}
	if f.State != "" {
		add("i.state = $%d", f.State)
	}
	if !f.From.IsZero() {
		add("i.given_on >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("i.given_on < $%d", f.To.UTC())
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		p := likeContains(q)
		args = append(args, p)
		n := len(args)
		where += fmt.Sprintf(` AND (i.leader LIKE $%d ESCAPE '\' OR i.body LIKE $%d ESCAPE '\' OR i.record_title LIKE $%d ESCAPE '\')`, n, n, n)
	}
	return where, args, nil
}

// ListInstructions returns the instructions the filter selects, newest first, and their total.
func (s *Store) ListInstructions(ctx context.Context, a lvzhi.Actor, f lvzhi.InstructionFilter) ([]lvzhi.Instruction, int, error) {
	where, args, err := instructionWhere(a, f)
	if err != nil {
		return nil, 0, err
	}
	var out []lvzhi.Instruction
	var total int
	err = s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM instructions i `+where, args...); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			in, err := scanInstruction(sc)
			out = append(out, in)
			return err
		}, instructionSelect+where+fmt.Sprintf(` ORDER BY i.given_on DESC, i.id DESC LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...)
	})
	return out, total, err
}

// CanInstruct reports whether a may do act (create, update) on the instructions of a record:
// the record pages show the forms only then.
func (s *Store) CanInstruct(ctx context.Context, a lvzhi.Actor, act lvzhi.Action, kind lvzhi.Kind, recordID int64) bool {
	err := s.read(ctx, func(tx *Tx) error {
		_, err := tx.authorizeInstructions(ctx, a, act, kind, recordID)
		return err
	})
	return err == nil
}
