package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

const issueSelect = `SELECT id, committee_id, year, number, title, signer, on_date FROM opinion_issues `

func scanIssue(sc scanner) (lvzhi.Issue, error) {
	var is lvzhi.Issue
	err := sc.Scan(&is.ID, &is.CommitteeID, &is.Year, &is.Number, &is.Title, &is.Signer, &is.OnDate)
	return is, err
}

// issue reads one issue without its reports and without a permission check.
func (t *Tx) issue(ctx context.Context, id int64) (lvzhi.Issue, error) {
	is, err := scanIssue(t.queryRow(ctx, issueSelect+`WHERE id = $1`, id))
	return is, notFound(err, "该期《社情民意》")
}

// createIssue numbers and writes a new issue. The year is the issue date's; the counter row
// is updated inside this transaction, so concurrent issues queue on it and numbers have no
// gaps and no repeats.
func (t *Tx) createIssue(ctx context.Context, a lvzhi.Actor, is lvzhi.Issue, now time.Time) (lvzhi.Issue, error) {
	is.Title, is.Signer = strings.TrimSpace(is.Title), strings.TrimSpace(is.Signer)
	if err := is.Validate(); err != nil {
		return is, err
	}
	is.Year, _ = strconv.Atoi(is.OnDate[:4])
	if _, err := t.exec(ctx, `INSERT INTO opinion_issue_numbers (committee_id, year, last) VALUES ($1, $2, 0) ON CONFLICT (committee_id, year) DO NOTHING`,
		is.CommitteeID, is.Year); err != nil {
		return is, err
	}
	if err := t.queryRow(ctx, `UPDATE opinion_issue_numbers SET last = last + 1 WHERE committee_id = $1 AND year = $2 RETURNING last`,
		is.CommitteeID, is.Year).Scan(&is.Number); err != nil {
		return is, err
	}
	var err error
	if is.ID, err = t.insert(ctx, `INSERT INTO opinion_issues (committee_id, year, number, title, signer, on_date, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, is.CommitteeID, is.Year, is.Number, is.Title, is.Signer, is.OnDate, now); err != nil {
		return is, err
	}
	return is, t.event(ctx, a, is.CommitteeID, "opinion_issue", is.ID, "create", "", "", is.Label()+" 签发人:"+is.Signer)
}

// CreateIssue opens a new issue of 《社情民意》 with the next number of its year.
func (s *Store) CreateIssue(ctx context.Context, a lvzhi.Actor, is lvzhi.Issue) (lvzhi.Issue, error) {
	is.CommitteeID = a.CommitteeID
	if err := is.Validate(); err != nil {
		return is, err
	}
	err := s.write(ctx, a, "opinion.issue.create", is.OnDate, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, "compile", is.Target()); err != nil {
			return err
		}
		var err error
		is, err = tx.createIssue(ctx, a, is, s.Now())
		return err
	})
	return is, err
}

// UpdateIssue changes an issue's title, signer and date; its number and year stay.
func (s *Store) UpdateIssue(ctx context.Context, a lvzhi.Actor, is lvzhi.Issue) (lvzhi.Issue, error) {
	if err := is.Validate(); err != nil {
		return is, err
	}
	err := s.write(ctx, a, "opinion.issue.update", "opinion_issue:"+strconv.FormatInt(is.ID, 10), func(tx *Tx) error {
		old, err := tx.issue(ctx, is.ID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, "compile", old.Target()); err != nil {
			return err
		}
		if is.OnDate[:4] != strconv.Itoa(old.Year) {
			return lvzhi.Invalid(map[string]string{"on_date": fmt.Sprintf("期刊日期应在%d年内:期号按年编排", old.Year)})
		}
		old.Title, old.Signer, old.OnDate = strings.TrimSpace(is.Title), strings.TrimSpace(is.Signer), is.OnDate
		is = old
		_, err = tx.exec(ctx, `UPDATE opinion_issues SET title = $1, signer = $2, on_date = $3 WHERE id = $4`, is.Title, is.Signer, is.OnDate, is.ID)
		return err
	})
	return is, err
}

// IssueSummary is an issue in a list, with how many reports it holds.
type IssueSummary struct {
	lvzhi.Issue
	Reports int
}

// ListIssues returns the committee's issues of a year (all years when year is 0), newest
// first. The office and leaders read them.
func (s *Store) ListIssues(ctx context.Context, a lvzhi.Actor, year int) ([]IssueSummary, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID}); err != nil {
		return nil, err
	}
	where, args := `WHERE i.committee_id = $1`, []any{a.CommitteeID}
	if year != 0 {
		where, args = where+` AND i.year = $2`, append(args, year)
	}
	var out []IssueSummary
	err := s.read(ctx, func(tx *Tx) error {
		return tx.scanAll(ctx, func(sc scanner) error {
			var is IssueSummary
			err := sc.Scan(&is.ID, &is.CommitteeID, &is.Year, &is.Number, &is.Title, &is.Signer, &is.OnDate, &is.Reports)
			out = append(out, is)
			return err
		}, `SELECT i.id, i.committee_id, i.year, i.number, i.title, i.signer, i.on_date,
			(SELECT COUNT(*) FROM opinions o WHERE o.issue_id = i.id) FROM opinion_issues i `+where+` ORDER BY i.year DESC, i.number DESC`, args...)
	})
	return out, err
}

// Issue returns one issue with its reports in their order in it.
func (s *Store) Issue(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Issue, error) {
	var is lvzhi.Issue
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if is, err = tx.issue(ctx, id); err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, is.Target()); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			o, err := scanOpinion(sc)
			is.Reports = append(is.Reports, o)
			return err
		}, opinionSelect+`WHERE o.issue_id = $1 ORDER BY o.issue_position, o.id`, id)
	})
	return is, err
}
