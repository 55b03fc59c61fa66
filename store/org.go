package store

import (
	"context"
	"fmt"
	"time"

	"lvzhi"
)

// CreateTerm adds a term (届). A term created as current makes every other term of the
// committee not current, so there is always at most one.
func (s *Store) CreateTerm(ctx context.Context, a lvzhi.Actor, t lvzhi.Term) (lvzhi.Term, error) {
	if t.Number < 1 || t.StartYear < 1949 || t.EndYear < t.StartYear {
		return t, lvzhi.Invalid(map[string]string{"number": "请填写正确的届次和起止年份"})
	}
	err := s.write(ctx, a, "term.create", t.Name(), func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindOrg, CommitteeID: t.CommitteeID}); err != nil {
			return err
		}
		if t.Current {
			if _, err := tx.exec(ctx, `UPDATE terms SET is_current = FALSE WHERE committee_id = $1`, t.CommitteeID); err != nil {
				return err
			}
		}
		var err error
		t.ID, err = tx.insert(ctx, `INSERT INTO terms (committee_id, number, start_year, end_year, is_current) VALUES ($1, $2, $3, $4, $5)`,
			t.CommitteeID, t.Number, t.StartYear, t.EndYear, t.Current)
		return err
	})
	return t, err
}

// Terms returns a committee's terms, the newest first.
func (s *Store) Terms(ctx context.Context, a lvzhi.Actor, committeeID int64) ([]lvzhi.Term, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOrg, CommitteeID: committeeID}); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(`SELECT id, committee_id, number, start_year, end_year, is_current
		FROM terms WHERE committee_id = $1 ORDER BY number DESC`), committeeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lvzhi.Term
	for rows.Next() {
		var t lvzhi.Term
		if err := rows.Scan(&t.ID, &t.CommitteeID, &t.Number, &t.StartYear, &t.EndYear, &t.Current); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// CurrentTerm returns the committee's current term.
func (s *Store) CurrentTerm(ctx context.Context, a lvzhi.Actor, committeeID int64) (lvzhi.Term, error) {
	terms, err := s.Terms(ctx, a, committeeID)
	if err != nil {
		return lvzhi.Term{}, err
	}
	for _, t := range terms {
		if t.Current {
			return t, nil
		}
	}
	return lvzhi.Term{}, lvzhi.Errorf(lvzhi.ErrNotFound, "尚未设置当前届次,请先在“届次”中新建并设为当前届。")
}

// CreateSession adds a plenary session (次会议) to a term.
func (s *Store) CreateSession(ctx context.Context, a lvzhi.Actor, ss lvzhi.Session) (lvzhi.Session, error) {
	if ss.Number < 1 || ss.TermID == 0 {
		return ss, lvzhi.Invalid(map[string]string{"number": "请填写届次和会议次数"})
	}
	if !ss.SubmitFrom.IsZero() && !ss.SubmitUntil.IsZero() && ss.SubmitUntil.Before(ss.SubmitFrom) {
		return ss, lvzhi.Invalid(map[string]string{"submit_until": "提案征集截止日期不能早于开始日期"})
	}
	err := s.write(ctx, a, "session.create", fmt.Sprintf("term:%d", ss.TermID), func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindOrg, CommitteeID: ss.CommitteeID}); err != nil {
			return err
		}
		var committee int64
		if err := tx.queryRow(ctx, `SELECT committee_id FROM terms WHERE id = $1`, ss.TermID).Scan(&committee); err != nil || committee != ss.CommitteeID {
			return lvzhi.Invalid(map[string]string{"term_id": "请选择本政协的届次"})
		}
		var err error
		ss.ID, err = tx.insert(ctx, `INSERT INTO sessions (committee_id, term_id, number, opens_on, submit_from, submit_until)
			VALUES ($1, $2, $3, $4, $5, $6)`, ss.CommitteeID, ss.TermID, ss.Number, dateText(ss.OpensOn), dateText(ss.SubmitFrom), dateText(ss.SubmitUntil))
		return err
	})
	return ss, err
}

// Sessions returns the plenary sessions of a committee's terms, by term and number.
func (s *Store) Sessions(ctx context.Context, a lvzhi.Actor, committeeID int64) ([]lvzhi.Session, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOrg, CommitteeID: committeeID}); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(`SELECT id, committee_id, term_id, number, opens_on, submit_from, submit_until
		FROM sessions WHERE committee_id = $1 ORDER BY term_id, number`), committeeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lvzhi.Session
	for rows.Next() {
		var ss lvzhi.Session
		var opens, from, until string
		if err := rows.Scan(&ss.ID, &ss.CommitteeID, &ss.TermID, &ss.Number, &opens, &from, &until); err != nil {
			return nil, err
		}
		// Dates are kept as YYYY-MM-DD text; empty when not set.
		ss.OpensOn, _ = time.Parse("2006-01-02", opens)
		ss.SubmitFrom, _ = time.Parse("2006-01-02", from)
		ss.SubmitUntil, _ = time.Parse("2006-01-02", until)
		out = append(out, ss)
	}
	return out, rows.Err()
}

// CreateOrgUnit adds a sector, group, special committee, party, department or handling unit.
func (s *Store) CreateOrgUnit(ctx context.Context, a lvzhi.Actor, u lvzhi.OrgUnit) (lvzhi.OrgUnit, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	err := s.write(ctx, a, string(u.Kind)+".create", u.Name, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: u.Kind.PermissionKind(), CommitteeID: u.CommitteeID}); err != nil {
			return err
		}
		if err := tx.checkParent(ctx, u); err != nil {
			return err
		}
		var err error
		u.ID, err = tx.insert(ctx, `INSERT INTO org_units (committee_id, kind, name, parent_id, position) VALUES ($1, $2, $3, $4, $5)`,
			u.CommitteeID, string(u.Kind), u.Name, nullID(u.ParentID), u.Position)
		return err
	})
	return u, err
}

// UpdateOrgUnit renames a grouping or moves it under another parent; its kind and committee
// stay as they are.
func (s *Store) UpdateOrgUnit(ctx context.Context, a lvzhi.Actor, u lvzhi.OrgUnit) error {
	old, err := s.OrgUnit(ctx, a, u.ID)
	if err != nil {
		return err
	}
	u.Kind, u.CommitteeID = old.Kind, old.CommitteeID
	if err := u.Validate(); err != nil {
		return err
	}
	t := lvzhi.Target{Kind: old.Kind.PermissionKind(), CommitteeID: old.CommitteeID, DepartmentID: old.ID, UnitID: old.ID}
	return s.write(ctx, a, string(old.Kind)+".update", object(lvzhi.Kind(old.Kind), old.ID), func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, t); err != nil {
			return err
		}
		if err := tx.checkParent(ctx, u); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE org_units SET name = $1, parent_id = $2, position = $3 WHERE id = $4`,
			u.Name, nullID(u.ParentID), u.Position, u.ID)
		return mapErr(err)
	})
}

// parentKinds says under which kind of grouping a grouping of each kind may sit.
var parentKinds = map[lvzhi.OrgUnitKind]lvzhi.OrgUnitKind{
	lvzhi.OrgSector: lvzhi.OrgSectorGroup, lvzhi.OrgActivityGroup: lvzhi.OrgSpecialCommittee,
}

// checkParent makes sure a grouping's parent is of the kind that may hold it and belongs to
// the same committee. Parents are one level deep, so no grouping can end up under itself.
func (t *Tx) checkParent(ctx context.Context, u lvzhi.OrgUnit) error {
	if u.ParentID == 0 {
		return nil
	}
	want, ok := parentKinds[u.Kind]
	var kind string
	var committee int64
	err := t.queryRow(ctx, `SELECT kind, committee_id FROM org_units WHERE id = $1`, u.ParentID).Scan(&kind, &committee)
	if !ok || err != nil || kind != string(want) || committee != u.CommitteeID {
		msg := lvzhi.OrgUnitLabel[u.Kind] + "不能设上级"
		if ok {
			msg = "上级应为本政协的" + lvzhi.OrgUnitLabel[want]
		}
		return lvzhi.Invalid(map[string]string{"parent_id": msg})
	}
	return nil
}

// DeleteOrgUnit removes a grouping no record refers to any more.
func (s *Store) DeleteOrgUnit(ctx context.Context, a lvzhi.Actor, id int64) error {
	old, err := s.OrgUnit(ctx, a, id)
	if err != nil {
		return err
	}
	return s.write(ctx, a, string(old.Kind)+".delete", object(lvzhi.Kind(old.Kind), id), func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionDelete, lvzhi.Target{Kind: old.Kind.PermissionKind(), CommitteeID: old.CommitteeID}); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `DELETE FROM org_units WHERE id = $1`, id)
		return mapErr(err)
	})
}

const orgUnitSelect = `SELECT u.id, u.committee_id, u.kind, u.name, COALESCE(u.parent_id, 0), COALESCE(p.name, ''), u.position
	FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id `

func scanOrgUnit(sc interface{ Scan(...any) error }) (lvzhi.OrgUnit, error) {
	var u lvzhi.OrgUnit
	var kind string
	err := sc.Scan(&u.ID, &u.CommitteeID, &kind, &u.Name, &u.ParentID, &u.ParentName, &u.Position)
	u.Kind = lvzhi.OrgUnitKind(kind)
	return u, err
}

// OrgUnit returns one grouping with its member count, as OrgUnits lists it.
func (s *Store) OrgUnit(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.OrgUnit, error) {
	u, err := scanOrgUnit(s.db.QueryRowContext(ctx, s.dialect.rebind(orgUnitSelect+`WHERE u.id = $1`), id))
	if err != nil {
		return u, notFound(err, "该组织")
	}
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: u.Kind.PermissionKind(), CommitteeID: u.CommitteeID}); err != nil {
		return lvzhi.OrgUnit{}, err
	}
	err = s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT `+memberCount(u.Kind)+` FROM org_units u WHERE u.id = $1`), id).Scan(&u.Members)
	return u, err
}

// memberCount is the SQL expression counting the serving members of the current term that a
// grouping u of the kind holds (a sector group: those of its sectors).
func memberCount(kind lvzhi.OrgUnitKind) string {
	current := `m.state = 'serving' AND m.term_id IN (SELECT id FROM terms WHERE committee_id = u.committee_id AND is_current = TRUE)`
	if col, ok := memberCountColumn[kind]; ok {
		return `(SELECT COUNT(*) FROM members m WHERE m.` + col + ` = u.id AND ` + current + `)`
	} else if kind == lvzhi.OrgSectorGroup {
		return `(SELECT COUNT(*) FROM members m JOIN org_units sct ON sct.id = m.sector_id WHERE sct.parent_id = u.id AND ` + current + `)`
	}
	return "0"
}

// memberCountColumn is the members column that links a member to a grouping of each kind.
var memberCountColumn = map[lvzhi.OrgUnitKind]string{
	lvzhi.OrgSector: "sector_id", lvzhi.OrgParty: "party_id",
	lvzhi.OrgSpecialCommittee: "special_committee_id", lvzhi.OrgActivityGroup: "activity_group_id",
}

// OrgUnits returns a committee's groupings of one kind in display order, each with the
// number of serving members of the current term it holds (sector groups: of their sectors).
func (s *Store) OrgUnits(ctx context.Context, a lvzhi.Actor, committeeID int64, kind lvzhi.OrgUnitKind) ([]lvzhi.OrgUnit, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: kind.PermissionKind(), CommitteeID: committeeID}); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(`SELECT u.id, u.committee_id, u.kind, u.name, COALESCE(u.parent_id, 0), COALESCE(p.name, ''), u.position, `+memberCount(kind)+`
		FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id
		WHERE u.committee_id = $1 AND u.kind = $2 ORDER BY u.position, u.id`), committeeID, string(kind))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lvzhi.OrgUnit
	for rows.Next() {
		var u lvzhi.OrgUnit
		var k string
		if err := rows.Scan(&u.ID, &u.CommitteeID, &k, &u.Name, &u.ParentID, &u.ParentName, &u.Position, &u.Members); err != nil {
			return nil, err
		}
		u.Kind = lvzhi.OrgUnitKind(k)
		out = append(out, u)
	}
	return out, rows.Err()
}

// Overview counts the committee's organisation from its records: members and standing
// members of the current term, every kind of grouping, and the members in no special
// committee (全员入委 says there should be none).
func (s *Store) Overview(ctx context.Context, a lvzhi.Actor, committeeID int64) (lvzhi.Overview, error) {
	var o lvzhi.Overview
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOrg, CommitteeID: committeeID}); err != nil {
		return o, err
	}
	var err error
	if o.Committee, err = s.Committee(ctx, committeeID); err != nil {
		return o, err
	}
	if o.Term, err = s.CurrentTerm(ctx, a, committeeID); err != nil && lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
		return o, err
	}
	o.Counts = map[lvzhi.OrgUnitKind]int{}
	err = s.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT kind, COUNT(*) FROM org_units WHERE committee_id = $1 GROUP BY kind`, committeeID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return err
			}
			o.Counts[lvzhi.OrgUnitKind(k)] = n
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.queryRow(ctx, `SELECT COUNT(*),
				COALESCE(SUM(CASE WHEN standing THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN special_committee_id IS NULL THEN 1 ELSE 0 END), 0)
			FROM members WHERE committee_id = $1 AND term_id = $2 AND state = 'serving'`, committeeID, o.Term.ID).
			Scan(&o.Members, &o.StandingMembers, &o.WithoutSpecialComm)
	})
	return o, err
}

// dateText is a date as sessions keep it: YYYY-MM-DD, or "" for none.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
