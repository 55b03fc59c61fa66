package store

import (
	"context"
	"time"

	"lvzhi"
)

// ProposalDetail is everything a proposal's record page shows beside the proposal itself.
type ProposalDetail struct {
	Proposal    lvzhi.Proposal
	Target      lvzhi.Target // the permission target for the reader: which buttons to show
	Units       []lvzhi.ProposalUnit
	Cosigners   []Cosigner
	Extensions  []Extension
	Contacts    []Contact
	Replies     []Reply
	Evaluations []Evaluation
	History     []lvzhi.Event
}

// Cosigner is a member asked to co-sign a joint proposal and their answer.
type Cosigner struct {
	MemberID int64
	Name     string
	State    string // invited, confirmed, declined, dropped
}

// Extension is a unit's request for more time.
type Extension struct {
	ID     int64
	Unit   string
	Until  time.Time
	Reason string
	State  string // pending, approved, refused
}

// Contact is a unit's contact with the proposer.
type Contact struct {
	Unit, Way, OnDate, Note string
}

// Reply is a unit's written answer in a handling round.
type Reply struct {
	Round int
	Unit  string
	Class string
	Body  string
	State string // submitted, approved, rejected
	At    time.Time
}

// Evaluation is the proposer's rating of a round's reply.
type Evaluation struct {
	Round   int
	Result  string
	Comment string
	At      time.Time
}

// ProposalDetail reads a proposal with its units, co-signers, extensions, contacts, replies,
// evaluations and history, for those who may read it.
func (s *Store) ProposalDetail(ctx context.Context, a lvzhi.Actor, id int64) (ProposalDetail, error) {
	var d ProposalDetail
	p, err := s.Proposal(ctx, a, id)
	if err != nil {
		return d, err
	}
	d.Proposal = p
	err = s.read(ctx, func(tx *Tx) error {
		var err error
		if d.Target, err = tx.proposalTarget(ctx, a, p); err != nil {
			return err
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var u lvzhi.ProposalUnit
			var cosigned *time.Time
			err := sc.Scan(&u.UnitID, &u.Name, &u.Role, &u.SentBackReason, &cosigned)
			u.Cosigned = cosigned != nil
			d.Units = append(d.Units, u)
			return err
		}, `SELECT pu.unit_id, o.name, pu.role, pu.sent_back_reason, pu.cosigned_at FROM proposal_units pu JOIN org_units o ON o.id = pu.unit_id
			WHERE pu.proposal_id = $1 ORDER BY CASE pu.role WHEN 'lead' THEN 0 WHEN 'joint' THEN 1 ELSE 2 END, o.name`, id); err != nil {
			return err
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var c Cosigner
			err := sc.Scan(&c.MemberID, &c.Name, &c.State)
			d.Cosigners = append(d.Cosigners, c)
			return err
		}, `SELECT c.member_id, m.name, c.state FROM proposal_cosigners c JOIN members m ON m.id = c.member_id
			WHERE c.proposal_id = $1 ORDER BY m.name`, id); err != nil {
			return err
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var e Extension
			err := sc.Scan(&e.ID, &e.Unit, &e.Until, &e.Reason, &e.State)
			d.Extensions = append(d.Extensions, e)
			return err
		}, `SELECT e.id, o.name, e.until_date, e.reason, e.state FROM proposal_extensions e JOIN org_units o ON o.id = e.unit_id
			WHERE e.proposal_id = $1 ORDER BY e.id`, id); err != nil {
			return err
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var c Contact
			err := sc.Scan(&c.Unit, &c.Way, &c.OnDate, &c.Note)
			d.Contacts = append(d.Contacts, c)
			return err
		}, `SELECT o.name, c.way, c.on_date, c.note FROM proposal_contacts c JOIN org_units o ON o.id = c.unit_id
			WHERE c.proposal_id = $1 ORDER BY c.on_date, c.id`, id); err != nil {
			return err
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var r Reply
			err := sc.Scan(&r.Round, &r.Unit, &r.Class, &r.Body, &r.State, &r.At)
			d.Replies = append(d.Replies, r)
			return err
		}, `SELECT r.round, o.name, r.class, r.body, r.state, r.created_at FROM proposal_replies r JOIN org_units o ON o.id = r.unit_id
			WHERE r.proposal_id = $1 ORDER BY r.id`, id); err != nil {
			return err
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var e Evaluation
			err := sc.Scan(&e.Round, &e.Result, &e.Comment, &e.At)
			d.Evaluations = append(d.Evaluations, e)
			return err
		}, `SELECT round, result, comment, created_at FROM proposal_evaluations WHERE proposal_id = $1 ORDER BY id`, id); err != nil {
			return err
		}
		d.History, err = tx.events(ctx, lvzhi.KindProposal, id)
		return err
	})
	return d, err
}

// scanner is what a row offers to a scan function.
type scanner interface{ Scan(...any) error }

// scanAll runs a query and hands each row to fn.
func (t *Tx) scanAll(ctx context.Context, fn func(scanner) error, q string, args ...any) error {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
