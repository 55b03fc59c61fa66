package store

import (
	"context"
	"fmt"

	"lvzhi"
)

// PublicProposal is a published proposal as the public page shows it: no personal data
// beyond the proposer's name and sector (or the proposing group), and the approved reply.
type PublicProposal struct {
	Proposal   lvzhi.Proposal
	Sector     string
	Units      []string // the handling units, lead first
	ReplyClass string
	Reply      string
}

// PublishedProposals lists a committee's published proposals, newest first, searchable by
// anyone.
func (s *Store) PublishedProposals(ctx context.Context, a lvzhi.Actor, committeeID int64, q string, pg lvzhi.Paging) ([]lvzhi.Proposal, int, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindPublished, CommitteeID: committeeID}); err != nil {
		return nil, 0, err
	}
	where, args := s.proposalWhere(lvzhi.ProposalFilter{CommitteeID: committeeID, Q: q})
	where += " AND p.published = TRUE"
	var out []lvzhi.Proposal
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM proposals p `+where, args...); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			p, err := scanProposal(sc)
			p.Body = "" // the list shows titles; the body is on the proposal's own page
			out = append(out, p)
			return err
		}, proposalSelect+where+fmt.Sprintf(` ORDER BY p.updated_at DESC, p.id DESC LIMIT %d OFFSET %d`, pg.Limit(), pg.Offset()), args...)
	})
	return out, total, err
}

// PublishedProposal returns one published proposal with its approved reply; an unpublished
// one is not found, whoever asks.
func (s *Store) PublishedProposal(ctx context.Context, a lvzhi.Actor, id int64) (PublicProposal, error) {
	var out PublicProposal
	err := s.read(ctx, func(tx *Tx) error {
		p, err := tx.proposal(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindPublished, CommitteeID: p.CommitteeID}); err != nil {
			return err
		}
		if !p.Published {
			return lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该公开提案。")
		}
		out.Proposal = p
		if err := tx.queryRow(ctx, `SELECT COALESCE((SELECT o.name FROM members m JOIN org_units o ON o.id = m.sector_id WHERE m.id = $1),
			(SELECT name FROM org_units WHERE id = $2), '')`, nullID(p.ProposerID), nullID(p.GroupID)).Scan(&out.Sector); err != nil {
			return err
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var name string
			err := sc.Scan(&name)
			out.Units = append(out.Units, name)
			return err
		}, `SELECT o.name FROM proposal_units pu JOIN org_units o ON o.id = pu.unit_id WHERE pu.proposal_id = $1
			ORDER BY CASE pu.role WHEN 'lead' THEN 0 ELSE 1 END, o.name`, id); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			return sc.Scan(&out.ReplyClass, &out.Reply)
		}, `SELECT class, body FROM proposal_replies WHERE proposal_id = $1 AND state = 'approved' ORDER BY round DESC, id DESC LIMIT 1`, id)
	})
	return out, err
}
