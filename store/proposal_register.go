package store

import (
	"context"
	"strings"

	"lvzhi"
	"lvzhi/register"
)

// ProposalRegister returns the rows of the proposal register (提案登记簿) for the proposals
// the filter selects: each with its units by role, its latest approved reply class and its
// latest evaluation. Four queries in all, whatever the number of proposals.
func (s *Store) ProposalRegister(ctx context.Context, a lvzhi.Actor, f lvzhi.ProposalFilter) ([]register.ExportRow, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: f.CommitteeID}); err != nil {
		return nil, err
	}
	where, args := s.proposalWhere(f)
	where += " AND p.state NOT IN ('draft', 'cosigning')"
	var rows []register.ExportRow
	index := map[int64]int{}
	err := s.read(ctx, func(tx *Tx) error {
		err := tx.scanAll(ctx, func(sc scanner) error {
			p, err := scanProposal(sc)
			if err != nil {
				return err
			}
			index[p.ID] = len(rows)
			rows = append(rows, register.ExportRow{Number: p.Number, SessionName: p.SessionName, Title: p.Title,
				Proposer: p.ProposerName, Kind: p.Kind, Category: p.Category, State: p.State, AssignedAt: p.AssignedAt,
				Deadline: p.Deadline, Key: p.Key, ReplyClass: p.HistoryClass, LeadUnit: p.HistoryUnits})
			return nil
		}, proposalSelect+where+` ORDER BY p.number = 0, p.number, p.id`, args...)
		if err != nil {
			return err
		}
		in := `SELECT p.id FROM proposals p ` + where
		others := map[int][]string{}
		err = tx.scanAll(ctx, func(sc scanner) error {
			var id int64
			var name, role string
			if err := sc.Scan(&id, &name, &role); err != nil {
				return err
			}
			i, ok := index[id]
			switch {
			case !ok:
			case role == lvzhi.UnitLead:
				rows[i].LeadUnit = name
			default:
				others[i] = append(others[i], name+"("+lvzhi.UnitRoleLabel[role]+")")
			}
			return nil
		}, `SELECT pu.proposal_id, o.name, pu.role FROM proposal_units pu JOIN org_units o ON o.id = pu.unit_id
			WHERE pu.sent_back_reason = '' AND pu.proposal_id IN (`+in+`) ORDER BY o.name`, args...)
		if err != nil {
			return err
		}
		for i, names := range others {
			rows[i].OtherUnits = strings.Join(names, "、")
		}
		// The latest approved reply and the latest evaluation: later rows overwrite earlier.
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var id int64
			var class string
			if err := sc.Scan(&id, &class); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				rows[i].ReplyClass = class
			}
			return nil
		}, `SELECT proposal_id, class FROM proposal_replies WHERE state = 'approved' AND proposal_id IN (`+in+`) ORDER BY round, id`, args...); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			var id int64
			var result string
			if err := sc.Scan(&id, &result); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				rows[i].Satisfaction = result
			}
			return nil
		}, `SELECT proposal_id, result FROM proposal_evaluations WHERE proposal_id IN (`+in+`) ORDER BY round, id`, args...)
	})
	return rows, err
}
