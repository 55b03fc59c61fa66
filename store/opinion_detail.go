package store

import (
	"context"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/textdiff"
)

// OpinionDetail is a report with everything recorded about it: its versions, the issue it is
// in, its forwardings and adoptions, the proposal it came from, and its history.
type OpinionDetail struct {
	Opinion   lvzhi.Opinion
	Target    lvzhi.Target // the report's permission target for the reader
	CoAuthors []string     // the co-authors' names, in order
	Versions  []lvzhi.OpinionVersion
	Issue     lvzhi.Issue // zero until compiled
	Forwards  []lvzhi.Forward
	Adoptions []lvzhi.Adoption
	Origin    string // the title of the proposal it was converted from
	History   []lvzhi.Event
}

// OpinionDetail reads a report whole for those who may read it.
func (s *Store) OpinionDetail(ctx context.Context, a lvzhi.Actor, id int64) (OpinionDetail, error) {
	var d OpinionDetail
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if d.Opinion, err = tx.readOpinion(ctx, a, id); err != nil {
			return err
		}
		d.Target = opinionTarget(a, d.Opinion)
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var name string
			err := sc.Scan(&name)
			d.CoAuthors = append(d.CoAuthors, name)
			return err
		}, `SELECT m.name FROM opinion_authors oa JOIN members m ON m.id = oa.member_id WHERE oa.opinion_id = $1 AND oa.position > 0 ORDER BY oa.position`, id); err != nil {
			return err
		}
		if d.Versions, err = tx.opinionVersions(ctx, id); err != nil {
			return err
		}
		if d.Opinion.IssueID != 0 {
			if d.Issue, err = tx.issue(ctx, d.Opinion.IssueID); err != nil {
				return err
			}
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var f lvzhi.Forward
			err := sc.Scan(&f.ID, &f.OpinionID, &f.To, &f.OnDate, &f.Note)
			d.Forwards = append(d.Forwards, f)
			return err
		}, `SELECT id, opinion_id, to_body, on_date, note FROM opinion_forwards WHERE opinion_id = $1 ORDER BY on_date, id`, id); err != nil {
			return err
		}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var ad lvzhi.Adoption
			err := sc.Scan(&ad.ID, &ad.OpinionID, &ad.Level, &ad.Mode, &ad.Body, &ad.OnDate, &ad.Note)
			d.Adoptions = append(d.Adoptions, ad)
			return err
		}, `SELECT id, opinion_id, level, mode, body, on_date, note FROM opinion_adoptions WHERE opinion_id = $1 ORDER BY on_date, id`, id); err != nil {
			return err
		}
		if d.Opinion.OriginProposalID != 0 {
			if err := tx.queryRow(ctx, `SELECT title FROM proposals WHERE id = $1`, d.Opinion.OriginProposalID).Scan(&d.Origin); err != nil {
				return err
			}
		}
		d.History, err = tx.events(ctx, lvzhi.KindOpinion, id)
		return err
	})
	return d, err
}

func (t *Tx) opinionVersions(ctx context.Context, id int64) ([]lvzhi.OpinionVersion, error) {
	var out []lvzhi.OpinionVersion
	err := t.scanAll(ctx, func(sc scanner) error {
		var v lvzhi.OpinionVersion
		err := sc.Scan(&v.ID, &v.OpinionID, &v.Number, &v.Title, &v.Body, &v.Editor, &v.ByName, &v.Note, &v.At)
		v.At = v.At.UTC()
		out = append(out, v)
		return err
	}, `SELECT id, opinion_id, number, title, body, editor, by_name, note, created_at FROM opinion_versions WHERE opinion_id = $1 ORDER BY number`, id)
	return out, err
}

// VersionDiff compares two versions of a report for the editor's side-by-side view.
type VersionDiff struct {
	Old, New lvzhi.OpinionVersion
	Title    []textdiff.Op
	Body     []textdiff.Op
}

// OpinionDiff compares version from with version to of a report, character by character. With
// from and to 0 it compares the submitter's latest text with the latest version: what the
// editor changed. Only the office and leaders see the editing (the submitter sees the text).
func (s *Store) OpinionDiff(ctx context.Context, a lvzhi.Actor, id int64, from, to int) (VersionDiff, error) {
	var d VersionDiff
	err := s.read(ctx, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID}); err != nil {
			return err
		}
		o, err := tx.readOpinion(ctx, a, id)
		if err != nil {
			return err
		}
		vs, err := tx.opinionVersions(ctx, o.ID)
		if err != nil {
			return err
		}
		if len(vs) == 0 {
			return lvzhi.Errorf(lvzhi.ErrNotFound, "该社情民意信息尚未提交,还没有版本。")
		}
		d.Old, d.New = vs[0], vs[len(vs)-1]
		for _, v := range vs {
			if from == 0 && !v.Editor {
				d.Old = v // the submitter's latest text
			}
			if from != 0 && v.Number == from {
				d.Old = v
			}
			if to != 0 && v.Number == to {
				d.New = v
			}
		}
		if (from != 0 && d.Old.Number != from) || (to != 0 && d.New.Number != to) {
			return lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该版本。")
		}
		d.Title = textdiff.Diff(d.Old.Title, d.New.Title)
		d.Body = textdiff.Diff(d.Old.Body, d.New.Body)
		return nil
	})
	return d, err
}

// opinionFromProposal creates the report a proposal becomes when the office converts it
// (转社情民意), inside the converting transaction: the proposal's authors and text, received
// and ready for the editor, keeping its origin. The proposal stays a proposal (converted);
// the statistics count the report among reports and the proposal among proposals, once each.
func (t *Tx) opinionFromProposal(ctx context.Context, a lvzhi.Actor, p lvzhi.Proposal, now time.Time) (int64, error) {
	o := lvzhi.Opinion{CommitteeID: p.CommitteeID, Kind: lvzhi.OpinionIndividual, Title: p.Title, Body: strings.TrimSpace(p.Body),
		State: lvzhi.OpinionReceived, SubmitterID: p.ProposerID, GroupID: p.GroupID, AuthorName: p.ProposerName, OriginProposalID: p.ID}
	if p.ProposerID == 0 {
		o.Kind = lvzhi.OpinionGroup
	}
	if err := t.scanAll(ctx, func(sc scanner) error {
		var m int64
		err := sc.Scan(&m)
		o.CoAuthors = append(o.CoAuthors, m)
		return err
	}, `SELECT member_id FROM proposal_cosigners WHERE proposal_id = $1 AND state = 'confirmed' ORDER BY member_id`, p.ID); err != nil {
		return 0, err
	}
	if len(o.CoAuthors) > 0 && o.SubmitterID != 0 {
		o.Kind = lvzhi.OpinionJoint
	}
	if len([]rune(o.Title)) > 60 {
		o.Title = string([]rune(o.Title)[:60])
	}
	id, err := t.insertOpinion(ctx, o, now)
	if err != nil {
		return 0, err
	}
	o.ID = id
	submitted := p.Submitted
	if submitted.IsZero() {
		submitted = now
	}
	if _, err := t.exec(ctx, `UPDATE opinions SET submitted_at = $1, submitted_on = $2 WHERE id = $3`,
		submitted, submitted.In(lvzhi.China).Format("2006-01-02"), id); err != nil {
		return 0, err
	}
	if _, err := t.addOpinionVersion(ctx, a, o, false, "由提案转来", now); err != nil {
		return 0, err
	}
	return id, t.event(ctx, a, o.CommitteeID, lvzhi.KindOpinion, id, "from_proposal", "", o.State, "由提案“"+p.Title+"”转为社情民意信息")
}
