package store

import (
	"context"
	"fmt"
	"strings"

	"lvzhi"
)

const memberSelect = `SELECT m.id, m.committee_id, m.term_id, t.number, m.name, m.gender, m.birth_date, m.ethnicity,
	COALESCE(m.party_id, 0), COALESCE(pa.name, ''), m.sector_id, COALESCE(se.name, ''),
	COALESCE(m.special_committee_id, 0), COALESCE(sc.name, ''), COALESCE(m.activity_group_id, 0), COALESCE(ag.name, ''),
	m.standing, m.employer, m.title, m.phone, m.id_number, m.address, m.photo_hash, m.state
	FROM members m
	JOIN terms t ON t.id = m.term_id
	LEFT JOIN org_units pa ON pa.id = m.party_id
	LEFT JOIN org_units se ON se.id = m.sector_id
	LEFT JOIN org_units sc ON sc.id = m.special_committee_id
	LEFT JOIN org_units ag ON ag.id = m.activity_group_id `

func scanMember(sc interface{ Scan(...any) error }) (lvzhi.Member, error) {
	var m lvzhi.Member
	var term int
	err := sc.Scan(&m.ID, &m.CommitteeID, &m.TermID, &term, &m.Name, &m.Gender, &m.BirthDate, &m.Ethnicity,
		&m.PartyID, &m.PartyName, &m.SectorID, &m.SectorName, &m.SpecialCommitteeID, &m.SpecialCommitteeName,
		&m.ActivityGroupID, &m.ActivityGroupName, &m.Standing, &m.Employer, &m.Title, &m.Phone, &m.IDNumber,
		&m.Address, &m.PhotoHash, &m.State)
	m.TermName = lvzhi.Term{Number: term}.Name()
	return m, err
}

// member reads one member record whole, without a permission check: the callers check.
func (t *Tx) member(ctx context.Context, id int64) (lvzhi.Member, error) {
	m, err := scanMember(t.queryRow(ctx, memberSelect+`WHERE m.id = $1`, id))
	return m, notFound(err, "该委员")
}

// Member returns a member record with the phone and ID number masked.
func (s *Store) Member(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Member, error) {
	var m lvzhi.Member
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		m, err = tx.member(ctx, id)
		return err
	})
	if err != nil {
		return m, err
	}
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, m.Target()); err != nil {
		return lvzhi.Member{}, err
	}
	m.Mask()
	return m, nil
}

// RevealMember returns a member record with the phone and ID number whole, for the roles
// allowed to see them. Every such view is audited, in the same transaction as the read.
func (s *Store) RevealMember(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Member, error) {
	var m lvzhi.Member
	err := s.write(ctx, a, "member.view_pii", object(lvzhi.KindMember, id), func(tx *Tx) error {
		var err error
		if m, err = tx.member(ctx, id); err != nil {
			return err
		}
		return lvzhi.Authorize(a, lvzhi.ActionViewPII, m.Target())
	})
	if err != nil {
		return lvzhi.Member{}, err
	}
	return m, nil
}

// MemberHistory returns the events of a member record, newest first.
func (s *Store) MemberHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.Member(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindMember, id)
		return err
	})
	return out, err
}

// memberWhere builds the WHERE clause of a member filter.
func memberWhere(f lvzhi.MemberFilter) (string, []any) {
	where, args := "WHERE m.committee_id = $1", []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.TermID != 0 {
		add("m.term_id = $%d", f.TermID)
	}
	if f.SectorID != 0 {
		add("m.sector_id = $%d", f.SectorID)
	}
	if f.PartyID != 0 {
		add("m.party_id = $%d", f.PartyID)
	}
	if f.SpecialCommitteeID != 0 {
		add("m.special_committee_id = $%d", f.SpecialCommitteeID)
	}
	if f.State != "" {
		add("m.state = $%d", f.State)
	}
	if f.Standing != nil {
		add("m.standing = $%d", *f.Standing)
	}
	if f.NoSpecialCommittee {
		where += " AND m.special_committee_id IS NULL"
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		args = append(args, likeContains(q))
		n := len(args)
		where += fmt.Sprintf(` AND (m.name LIKE $%d ESCAPE '\' OR m.employer LIKE $%d ESCAPE '\' OR m.title LIKE $%d ESCAPE '\')`, n, n, n)
	}
	return where, args
}

// ListMembers returns a page of the members the filter selects, masked, and their total.
func (s *Store) ListMembers(ctx context.Context, a lvzhi.Actor, f lvzhi.MemberFilter) ([]lvzhi.Member, int, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: f.CommitteeID}); err != nil {
		return nil, 0, err
	}
	where, args := memberWhere(f)
	var out []lvzhi.Member
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM members m `+where, args...); err != nil {
			return err
		}
		out, err = tx.members(ctx, where+fmt.Sprintf(` ORDER BY se.position, se.id, m.id LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...)
		return err
	})
	for i := range out {
		out[i].Mask()
	}
	return out, total, err
}

func (t *Tx) members(ctx context.Context, rest string, args ...any) ([]lvzhi.Member, error) {
	rows, err := t.query(ctx, memberSelect+rest, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lvzhi.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ExportMembers returns every member the filter selects, unmasked, for the roster export:
// the office's file must re-import as it was. The export is audited as a view of personal data.
func (s *Store) ExportMembers(ctx context.Context, a lvzhi.Actor, f lvzhi.MemberFilter) ([]lvzhi.Member, error) {
	t := lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: f.CommitteeID}
	var out []lvzhi.Member
	err := s.write(ctx, a, "member.export", "", func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionExport, t); err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionViewPII, t); err != nil {
			return err
		}
		where, args := memberWhere(f)
		var err error
		out, err = tx.members(ctx, where+` ORDER BY se.position, se.id, m.id`, args...)
		return err
	})
	return out, err
}
