package store

import (
	"context"
	"fmt"
	"sort"

	"lvzhi"
	"lvzhi/textsim"
)

// signProposal stores a proposal's MinHash signature and its LSH bands, replacing the old.
func (t *Tx) signProposal(ctx context.Context, p lvzhi.Proposal) error {
	sig := textsim.Sign(p.Title + "\n" + p.Body)
	raw, err := sig.MarshalBinary()
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM proposal_bands WHERE proposal_id = $1`, p.ID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM proposal_signatures WHERE proposal_id = $1`, p.ID); err != nil {
		return err
	}
	if sig.IsEmpty() {
		return nil // too little text to compare
	}
	if _, err := t.exec(ctx, `INSERT INTO proposal_signatures (proposal_id, signature) VALUES ($1, $2)`, p.ID, raw); err != nil {
		return err
	}
	bands := sig.Bands()
	q, args := `INSERT INTO proposal_bands (proposal_id, band, hash) VALUES `, []any{}
	for i, h := range bands {
		if i > 0 {
			q += ", "
		}
		q += fmt.Sprintf("($%d, $%d, $%d)", len(args)+1, len(args)+2, len(args)+3)
		args = append(args, p.ID, i, int64(h)) // BIGINT is signed: store the bits as they are
	}
	_, err = t.exec(ctx, q, args...)
	return err
}

// SimilarProposal is an earlier proposal like the one being written or reviewed.
type SimilarProposal struct {
	Proposal   lvzhi.Proposal
	Similarity float64 // estimated Jaccard similarity of their character shingles
}

// SimilarProposals finds the committee's proposals whose text is like text: candidates share
// an LSH band with it, and are kept when their signatures agree on at least min of the
// hashes. The proposal excludeID (the one under review) is left out.
func (s *Store) SimilarProposals(ctx context.Context, a lvzhi.Actor, text string, excludeID int64, min float64, limit int) ([]SimilarProposal, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
		return nil, err
	}
	sig := textsim.Sign(text)
	if sig.IsEmpty() {
		return nil, nil
	}
	q, args := similarQuery(a.CommitteeID, excludeID, sig.Bands())
	var out []SimilarProposal
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		type cand struct {
			id  int64
			sim float64
		}
		var cands []cand
		for rows.Next() {
			var id int64
			var raw []byte
			if err := rows.Scan(&id, &raw); err != nil {
				rows.Close()
				return err
			}
			var other textsim.Signature
			if err := other.UnmarshalBinary(raw); err != nil {
				rows.Close()
				return err
			}
			if sim := sig.Similarity(other); sim >= min {
				cands = append(cands, cand{id, sim})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].sim > cands[j].sim })
		if len(cands) > limit {
			cands = cands[:limit]
		}
		for _, c := range cands {
			p, err := tx.proposal(ctx, c.id)
			if err != nil {
				return err
			}
			out = append(out, SimilarProposal{Proposal: p, Similarity: c.sim})
		}
		return nil
	})
	return out, err
}

// similarQuery is the candidate query of a near-duplicate search: the proposals of the
// committee sharing at least one LSH band with the signature, with their signatures. It is
// driven from the bands, so both databases look candidates up in proposal_bands_hash and then
// each candidate by its key (without statistics SQLite would otherwise start from every
// proposal of the committee).
func similarQuery(committeeID, excludeID int64, bands []uint64) (string, []any) {
	cond, args := "", []any{committeeID, excludeID}
	for i, h := range bands {
		if i > 0 {
			cond += " OR "
		}
		cond += fmt.Sprintf("(b.band = $%d AND b.hash = $%d)", len(args)+1, len(args)+2)
		args = append(args, i, int64(h)) // BIGINT is signed: compare the bits as stored
	}
	// CROSS JOIN keeps SQLite's join order (candidates first, then each looked up by key);
	// PostgreSQL plans it as the inner join it is.
	return `SELECT g.proposal_id, g.signature
		FROM (SELECT DISTINCT b.proposal_id FROM proposal_bands b WHERE ` + cond + `) c
		CROSS JOIN proposals p CROSS JOIN proposal_signatures g
		WHERE p.id = c.proposal_id AND g.proposal_id = c.proposal_id
		AND p.committee_id = $1 AND p.id <> $2 AND p.state NOT IN ('draft', 'cosigning')`, args
}
