package store

import (
	"context"
	"fmt"
	"sort"

	"lvzhi"
	"lvzhi/textsim"
)

// signOpinion stores a report's MinHash signature and its LSH bands, replacing the old: the
// same text module and the same band layout as proposals, in tables of its own, so a report
// is checked against earlier reports and proposals alike.
func (t *Tx) signOpinion(ctx context.Context, o lvzhi.Opinion) error {
	sig := textsim.Sign(o.Title + "\n" + o.Body)
	raw, err := sig.MarshalBinary()
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM opinion_bands WHERE opinion_id = $1`, o.ID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM opinion_signatures WHERE opinion_id = $1`, o.ID); err != nil {
		return err
	}
	if sig.IsEmpty() {
		return nil // too little text to compare
	}
	if _, err := t.exec(ctx, `INSERT INTO opinion_signatures (opinion_id, signature) VALUES ($1, $2)`, o.ID, raw); err != nil {
		return err
	}
	q, args := `INSERT INTO opinion_bands (opinion_id, band, hash) VALUES `, []any{}
	for i, h := range sig.Bands() {
		if i > 0 {
			q += ", "
		}
		q += fmt.Sprintf("($%d, $%d, $%d)", len(args)+1, len(args)+2, len(args)+3)
		args = append(args, o.ID, i, int64(h)) // BIGINT is signed: store the bits as they are
	}
	_, err = t.exec(ctx, q, args...)
	return err
}

// SimilarRecord is an earlier report or proposal like the text being written or edited.
type SimilarRecord struct {
	Kind       lvzhi.Kind // opinion or proposal
	ID         int64
	Title      string
	Author     string
	State      string
	Label      string  // the issue of a report, the number of a proposal
	Similarity float64 // estimated Jaccard similarity of their character shingles
}

// SimilarOpinions finds the committee's submitted reports and proposals whose text is like
// text: candidates share an LSH band with it and are kept when their signatures agree on at
// least min of the hashes. The report excludeID and the proposal it came from are left out.
// A member is shown only the reports they may read (their own) beside the proposals.
func (s *Store) SimilarOpinions(ctx context.Context, a lvzhi.Actor, text string, excludeID int64, min float64, limit int) ([]SimilarRecord, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID, MemberID: a.MemberID}); err != nil {
		return nil, err
	}
	sig := textsim.Sign(text)
	if sig.IsEmpty() {
		return nil, nil
	}
	var out []SimilarRecord
	err := s.read(ctx, func(tx *Tx) error {
		var origin int64
		if excludeID != 0 {
			if err := tx.queryRow(ctx, `SELECT COALESCE(origin_proposal_id, 0) FROM opinions WHERE id = $1`, excludeID).Scan(&origin); err != nil {
				return notFound(err, "该社情民意信息")
			}
		}
		oq, oargs := similarOpinionQuery(a.CommitteeID, excludeID, sig.Bands())
		cands, err := tx.similarCandidates(ctx, sig, min, lvzhi.KindOpinion, oq, oargs)
		if err != nil {
			return err
		}
		if lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}) {
			pq, pargs := similarQuery(a.CommitteeID, origin, sig.Bands())
			more, err := tx.similarCandidates(ctx, sig, min, lvzhi.KindProposal, pq, pargs)
			if err != nil {
				return err
			}
			cands = append(cands, more...)
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].Similarity > cands[j].Similarity })
		for _, c := range cands {
			if len(out) == limit {
				break
			}
			if c.Kind == lvzhi.KindProposal {
				p, err := tx.proposal(ctx, c.ID)
				if err != nil {
					return err
				}
				c.Title, c.Author, c.State, c.Label = p.Title, p.ProposerName, p.State, p.NumberLabel()
				out = append(out, c)
				continue
			}
			o, err := tx.opinion(ctx, c.ID)
			if err != nil {
				return err
			}
			if !lvzhi.Can(a, lvzhi.ActionRead, opinionTarget(a, o)) {
				continue
			}
			c.Title, c.Author, c.State, c.Label = o.Title, o.AuthorName, o.State, o.IssueLabel
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// similarCandidates runs a candidate query (id, signature) and keeps those similar enough.
func (t *Tx) similarCandidates(ctx context.Context, sig textsim.Signature, min float64, kind lvzhi.Kind, q string, args []any) ([]SimilarRecord, error) {
	var out []SimilarRecord
	err := t.scanAll(ctx, func(sc scanner) error {
		var id int64
		var raw []byte
		if err := sc.Scan(&id, &raw); err != nil {
			return err
		}
		var other textsim.Signature
		if err := other.UnmarshalBinary(raw); err != nil {
			return err
		}
		if sim := sig.Similarity(other); sim >= min {
			out = append(out, SimilarRecord{Kind: kind, ID: id, Similarity: sim})
		}
		return nil
	}, q, args...)
	return out, err
}

// similarOpinionQuery is the candidate query of reports, built as similarQuery builds the
// proposals': driven from the bands, then each candidate by its key. Drafts are left out.
func similarOpinionQuery(committeeID, excludeID int64, bands []uint64) (string, []any) {
	cond, args := "", []any{committeeID, excludeID}
	for i, h := range bands {
		if i > 0 {
			cond += " OR "
		}
		cond += fmt.Sprintf("(b.band = $%d AND b.hash = $%d)", len(args)+1, len(args)+2)
		args = append(args, i, int64(h))
	}
	return `SELECT g.opinion_id, g.signature
		FROM (SELECT DISTINCT b.opinion_id FROM opinion_bands b WHERE ` + cond + `) c
		CROSS JOIN opinions o CROSS JOIN opinion_signatures g
		WHERE o.id = c.opinion_id AND g.opinion_id = c.opinion_id
		AND o.committee_id = $1 AND o.id <> $2 AND o.state <> 'draft'`, args
}
