package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lvzhi"
)

const opinionSelect = `SELECT o.id, o.committee_id, o.kind, o.title, o.body, o.state, COALESCE(o.submitter_id, 0), COALESCE(o.group_id, 0),
	COALESCE(o.source_committee_id, 0), o.author_name, COALESCE(o.origin_proposal_id, 0), o.not_used_reason, COALESCE(o.issue_id, 0),
	COALESCE(i.year, 0), COALESCE(i.number, 0), o.submitted_at, o.updated_at
	FROM opinions o LEFT JOIN opinion_issues i ON i.id = o.issue_id `

func scanOpinion(sc scanner) (lvzhi.Opinion, error) {
	var o lvzhi.Opinion
	var year, number int
	var submitted *time.Time
	err := sc.Scan(&o.ID, &o.CommitteeID, &o.Kind, &o.Title, &o.Body, &o.State, &o.SubmitterID, &o.GroupID,
		&o.SourceCommitteeID, &o.AuthorName, &o.OriginProposalID, &o.NotUsedReason, &o.IssueID, &year, &number, &submitted, &o.Updated)
	o.IssueLabel = lvzhi.Issue{Year: year, Number: number}.Label()
	o.Submitted, o.Updated = timeOrZero(submitted), o.Updated.UTC()
	return o, err
}

// opinion reads one report whole, its co-authors included, without a permission check.
func (t *Tx) opinion(ctx context.Context, id int64) (lvzhi.Opinion, error) {
	o, err := scanOpinion(t.queryRow(ctx, opinionSelect+`WHERE o.id = $1`, id))
	if err != nil {
		return o, notFound(err, "该社情民意信息")
	}
	err = t.scanAll(ctx, func(sc scanner) error {
		var m int64
		err := sc.Scan(&m)
		o.CoAuthors = append(o.CoAuthors, m)
		return err
	}, `SELECT member_id FROM opinion_authors WHERE opinion_id = $1 AND position > 0 ORDER BY position`, id)
	return o, err
}

// opinionTarget is the permission target of a report for actor a: a co-author owns the report
// as its submitter does, which the domain's ScopeOwn grants need.
func opinionTarget(a lvzhi.Actor, o lvzhi.Opinion) lvzhi.Target {
	tg := o.Target()
	if a.MemberID != 0 && o.HasAuthor(a.MemberID) {
		tg.MemberID = a.MemberID
	}
	return tg
}

// opinionRecordTarget is the target of a report that instructions and attachments hang on:
// its authors own it; a draft is hidden from all but its authors and the office, as the
// report itself is.
func (t *Tx) opinionRecordTarget(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Target, error) {
	o, err := t.opinion(ctx, id)
	if err != nil {
		return lvzhi.Target{}, err
	}
	if o.State == lvzhi.OpinionDraft && !a.System && !a.Has(lvzhi.RoleStaff) && !o.HasAuthor(a.MemberID) {
		return lvzhi.Target{}, lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该社情民意信息,可能已被删除。")
	}
	return opinionTarget(a, o), nil
}

// readOpinion reads a report for a: the read permission, and a draft is its authors' and the
// office's alone (a leader sees what was submitted).
func (t *Tx) readOpinion(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Opinion, error) {
	o, err := t.opinion(ctx, id)
	if err != nil {
		return o, err
	}
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, opinionTarget(a, o)); err != nil {
		return o, err
	}
	if o.State == lvzhi.OpinionDraft && !a.System && !a.Has(lvzhi.RoleStaff) && !o.HasAuthor(a.MemberID) {
		return o, lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该社情民意信息,可能已被删除。")
	}
	return o, nil
}

// Opinion returns one report to those who may read it.
func (s *Store) Opinion(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Opinion, error) {
	var o lvzhi.Opinion
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		o, err = tx.readOpinion(ctx, a, id)
		return err
	})
	return o, err
}

// CreateOpinion saves a new report as a draft. A member writes their own (the submitter is
// the member); the office may enter one for a member, a group or a lower committee.
func (s *Store) CreateOpinion(ctx context.Context, a lvzhi.Actor, o lvzhi.Opinion) (lvzhi.Opinion, error) {
	o.ID, o.State, o.CommitteeID, o.IssueID, o.OriginProposalID = 0, lvzhi.OpinionDraft, a.CommitteeID, 0, 0
	if !a.Has(lvzhi.RoleStaff) && !a.System {
		o.SubmitterID, o.GroupID, o.SourceCommitteeID = a.MemberID, 0, 0
		if o.Kind != lvzhi.OpinionJoint {
			o.Kind = lvzhi.OpinionIndividual
		}
	}
	settings, err := s.OpinionSettings(ctx, o.CommitteeID)
	if err != nil {
		return o, err
	}
	if err := o.Validate(false, settings); err != nil {
		return o, err
	}
	err = s.write(ctx, a, "opinion.create", o.Title, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, o.Target()); err != nil {
			return err
		}
		if err := tx.checkOpinionAuthors(ctx, &o); err != nil {
			return err
		}
		now := s.Now()
		var err error
		if o.ID, err = tx.insertOpinion(ctx, o, now); err != nil {
			return err
		}
		return tx.event(ctx, a, o.CommitteeID, lvzhi.KindOpinion, o.ID, "create", "", o.State, "保存草稿")
	})
	return o, err
}

// insertOpinion writes a new report row and its authors, and indexes its text.
func (t *Tx) insertOpinion(ctx context.Context, o lvzhi.Opinion, now time.Time) (int64, error) {
	id, err := t.insert(ctx, `INSERT INTO opinions (committee_id, kind, title, body, state, submitter_id, group_id, source_committee_id,
		author_name, origin_proposal_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
		o.CommitteeID, o.Kind, strings.TrimSpace(o.Title), o.Body, o.State, nullID(o.SubmitterID), nullID(o.GroupID),
		nullID(o.SourceCommitteeID), o.AuthorName, nullID(o.OriginProposalID), now)
	if err != nil {
		return 0, err
	}
	if o.SubmitterID != 0 {
		for i, m := range append([]int64{o.SubmitterID}, o.CoAuthors...) {
			if _, err := t.exec(ctx, `INSERT INTO opinion_authors (opinion_id, member_id, position) VALUES ($1, $2, $3)`, id, m, i); err != nil {
				return 0, mapErr(err)
			}
		}
	}
	o.ID = id
	return id, t.signOpinion(ctx, o)
}

// UpdateOpinion saves the submitter's changes to a draft or a report returned for revision.
// Once submitted, the text changes only through the editor's versions.
func (s *Store) UpdateOpinion(ctx context.Context, a lvzhi.Actor, o lvzhi.Opinion) error {
	settings, err := s.OpinionSettings(ctx, a.CommitteeID)
	if err != nil {
		return err
	}
	return s.write(ctx, a, "opinion.update", object(lvzhi.KindOpinion, o.ID), func(tx *Tx) error {
		old, err := tx.opinion(ctx, o.ID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, opinionTarget(a, old)); err != nil {
			return err
		}
		if old.State != lvzhi.OpinionDraft && old.State != lvzhi.OpinionReturned {
			return lvzhi.Errorf(lvzhi.ErrConflict, "社情民意信息当前状态为“%s”,不能修改内容。", lvzhi.OpinionWorkflow.StateLabel[old.State])
		}
		old.Title, old.Body = strings.TrimSpace(o.Title), o.Body
		if err := old.Validate(false, settings); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE opinions SET title = $1, body = $2, updated_at = $3 WHERE id = $4`, old.Title, old.Body, s.Now(), old.ID); err != nil {
			return err
		}
		if err := tx.signOpinion(ctx, old); err != nil {
			return err
		}
		return tx.event(ctx, a, old.CommitteeID, lvzhi.KindOpinion, old.ID, "update", old.State, old.State, "修改内容")
	})
}

// checkOpinionAuthors makes sure the members, group and lower committee belong where they
// should, and signs the report with its authors' names when none was written.
func (t *Tx) checkOpinionAuthors(ctx context.Context, o *lvzhi.Opinion) error {
	f := map[string]string{}
	var names []string
	seen := map[int64]bool{}
	for i, m := range append([]int64{o.SubmitterID}, o.CoAuthors...) {
		if m == 0 {
			continue
		}
		var committee int64
		var name string
		if err := t.queryRow(ctx, `SELECT committee_id, name FROM members WHERE id = $1`, m).Scan(&committee, &name); err != nil || committee != o.CommitteeID {
			f[map[bool]string{true: "submitter_id", false: "co_authors"}[i == 0]] = "请选择本政协的委员"
			continue
		}
		if seen[m] {
			f["co_authors"] = "联名委员重复:" + name
		}
		seen[m] = true
		names = append(names, name)
	}
	if o.GroupID != 0 {
		var committee int64
		var name, kind string
		if err := t.queryRow(ctx, `SELECT committee_id, name, kind FROM org_units WHERE id = $1`, o.GroupID).Scan(&committee, &name, &kind); err != nil ||
			committee != o.CommitteeID || (kind != string(lvzhi.OrgSector) && kind != string(lvzhi.OrgParty) && kind != string(lvzhi.OrgSpecialCommittee)) {
			f["group_id"] = "集体反映应由本政协的党派团体、界别或专门委员会提出"
		} else {
			names = []string{name}
		}
	}
	if o.SourceCommitteeID != 0 {
		var parent int64
		var name string
		if err := t.queryRow(ctx, `SELECT COALESCE(parent_id, 0), name FROM committees WHERE id = $1`, o.SourceCommitteeID).Scan(&parent, &name); err != nil || parent != o.CommitteeID {
			f["source_committee_id"] = "请选择本政协的下级政协"
		} else {
			names = []string{name}
		}
	}
	if strings.TrimSpace(o.AuthorName) == "" {
		o.AuthorName = strings.Join(names, "、")
	}
	return lvzhi.Invalid(f)
}

// opinionWhere builds the WHERE clause of a report filter.
func opinionWhere(f lvzhi.OpinionFilter) (string, []any) {
	where, args := "WHERE o.committee_id = $1", []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.State != "" {
		add("o.state = $%d", f.State)
	}
	if f.Kind != "" {
		add("o.kind = $%d", f.Kind)
	}
	if f.AuthorID != 0 {
		add("o.id IN (SELECT opinion_id FROM opinion_authors WHERE member_id = $%d)", f.AuthorID)
	}
	if f.GroupID != 0 {
		add("o.group_id = $%d", f.GroupID)
	}
	if f.IssueID != 0 {
		add("o.issue_id = $%d", f.IssueID)
	}
	if f.OriginID != 0 {
		add("o.origin_proposal_id = $%d", f.OriginID)
	}
	if f.From != "" {
		add("o.submitted_on >= $%d", f.From)
	}
	if f.To != "" {
		add("o.submitted_on <> '' AND o.submitted_on <= $%d", f.To)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		args = append(args, likeContains(q))
		n := len(args)
		where += fmt.Sprintf(` AND (o.title LIKE $%d ESCAPE '\' OR o.author_name LIKE $%d ESCAPE '\' OR o.body LIKE $%d ESCAPE '\')`, n, n, n)
	}
	return where, args
}

// ListOpinions returns a page of the reports the filter selects and their total. A member
// lists their own (as submitter or co-author); the office and leaders the committee's, a
// leader without the drafts.
func (s *Store) ListOpinions(ctx context.Context, a lvzhi.Actor, f lvzhi.OpinionFilter) ([]lvzhi.Opinion, int, error) {
	f.CommitteeID = a.CommitteeID
	if !lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID}) {
		f.AuthorID = a.MemberID // a member's own reports
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID, MemberID: a.MemberID}); err != nil || a.MemberID == 0 {
			if err == nil {
				err = lvzhi.Errorf(lvzhi.ErrForbidden, "您没有查看此项内容的权限。")
			}
			return nil, 0, err
		}
	}
	where, args := opinionWhere(f)
	if !a.Has(lvzhi.RoleStaff) && !a.System {
		args = append(args, a.MemberID)
		where += fmt.Sprintf(` AND (o.state <> 'draft' OR o.id IN (SELECT opinion_id FROM opinion_authors WHERE member_id = $%d))`, len(args))
	}
	var out []lvzhi.Opinion
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM opinions o `+where, args...); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			o, err := scanOpinion(sc)
			out = append(out, o)
			return err
		}, opinionSelect+where+fmt.Sprintf(` ORDER BY o.id DESC LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...)
	})
	return out, total, err
}
