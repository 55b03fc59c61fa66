package store

import (
	"context"
	"fmt"
	"strings"

	"lvzhi"
)

const requestSelect = `SELECT r.id, r.committee_id, r.type, r.subject, r.on_date, r.department_id, d.name, r.body, r.state,
	COALESCE(r.created_by, 0), r.created_at, r.updated_at,
	(SELECT COUNT(*) FROM instructions i WHERE i.record_kind = 'request' AND i.record_id = r.id)
	FROM requests r JOIN org_units d ON d.id = r.department_id `

func scanRequest(sc scanner) (lvzhi.Request, error) {
	var r lvzhi.Request
	err := sc.Scan(&r.ID, &r.CommitteeID, &r.Type, &r.Subject, &r.OnDate, &r.DepartmentID, &r.Department, &r.Body, &r.State,
		&r.CreatedBy, &r.Created, &r.Updated, &r.Instructions)
	r.OnDate, r.Created, r.Updated = r.OnDate.UTC(), r.Created.UTC(), r.Updated.UTC()
	return r, err
}

// request reads one request without a permission check: the callers check.
func (t *Tx) request(ctx context.Context, id int64) (lvzhi.Request, error) {
	r, err := scanRequest(t.queryRow(ctx, requestSelect+`WHERE r.id = $1`, id))
	return r, notFound(err, "该请示报告")
}

// Request returns one request or report to those who may read it.
func (s *Store) Request(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Request, error) {
	var r lvzhi.Request
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if r, err = tx.request(ctx, id); err != nil {
			return err
		}
		return lvzhi.Authorize(a, lvzhi.ActionRead, r.Target())
	})
	if err != nil {
		return lvzhi.Request{}, err
	}
	return r, nil
}

// RequestHistory returns a request's events, newest first.
func (s *Store) RequestHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.Request(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindRequest, id)
		return err
	})
	return out, err
}

// checkRequestDepartment makes sure the drafting department is one of the committee's.
func (t *Tx) checkRequestDepartment(ctx context.Context, r lvzhi.Request) error {
	n, err := t.count(ctx, `SELECT COUNT(*) FROM org_units WHERE id = $1 AND committee_id = $2 AND kind = $3`,
		r.DepartmentID, r.CommitteeID, string(lvzhi.OrgDepartment))
	if err != nil {
		return err
	}
	if n == 0 {
		return lvzhi.Invalid(map[string]string{"department_id": "请选择本政协的科室"})
	}
	return nil
}

// CreateRequest saves a new request or report as a draft.
func (s *Store) CreateRequest(ctx context.Context, a lvzhi.Actor, r lvzhi.Request) (lvzhi.Request, error) {
	r.ID, r.CommitteeID, r.State, r.CreatedBy = 0, a.CommitteeID, lvzhi.RequestDraft, a.UserID
	r.Subject = strings.TrimSpace(r.Subject)
	if err := r.Validate(false); err != nil {
		return r, err
	}
	err := s.write(ctx, a, "request.create", r.Subject, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, r.Target()); err != nil {
			return err
		}
		if err := tx.checkRequestDepartment(ctx, r); err != nil {
			return err
		}
		r.Created, r.Updated = s.Now(), s.Now()
		var err error
		if r.ID, err = tx.insert(ctx, `INSERT INTO requests (committee_id, type, subject, on_date, department_id, body, state, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
			r.CommitteeID, r.Type, r.Subject, r.OnDate.UTC(), r.DepartmentID, r.Body, r.State, nullID(a.UserID), r.Created); err != nil {
			return err
		}
		return tx.event(ctx, a, r.CommitteeID, lvzhi.KindRequest, r.ID, "create", "", r.State, "保存草稿")
	})
	return r, err
}

// UpdateRequest saves edits of a draft; a submitted request is the committee's paper and
// stays as it was sent.
func (s *Store) UpdateRequest(ctx context.Context, a lvzhi.Actor, r lvzhi.Request) (lvzhi.Request, error) {
	var old lvzhi.Request
	err := s.write(ctx, a, "request.update", object(lvzhi.KindRequest, r.ID), func(tx *Tx) error {
		var err error
		if old, err = tx.request(ctx, r.ID); err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, old.Target()); err != nil {
			return err
		}
		if old.State != lvzhi.RequestDraft {
			return lvzhi.Errorf(lvzhi.ErrConflict, "请示报告当前状态为“%s”,不能修改内容。", lvzhi.RequestWorkflow.StateLabel[old.State])
		}
		old.Type, old.Subject, old.OnDate, old.DepartmentID, old.Body = r.Type, strings.TrimSpace(r.Subject), r.OnDate, r.DepartmentID, r.Body
		if err := old.Validate(false); err != nil {
			return err
		}
		if err := tx.checkRequestDepartment(ctx, old); err != nil {
			return err
		}
		old.Updated = s.Now()
		if _, err := tx.exec(ctx, `UPDATE requests SET type = $1, subject = $2, on_date = $3, department_id = $4, body = $5, updated_at = $6 WHERE id = $7`,
			old.Type, old.Subject, old.OnDate.UTC(), old.DepartmentID, old.Body, old.Updated, old.ID); err != nil {
			return err
		}
		return tx.event(ctx, a, old.CommitteeID, lvzhi.KindRequest, old.ID, "update", old.State, old.State, "修改内容")
	})
	if err != nil {
		return lvzhi.Request{}, err
	}
	return s.Request(ctx, a, r.ID)
}

// ActRequest applies a RequestWorkflow action (submit, withdraw) to a request: allowed in
// its state, allowed to the actor, and recorded with its event in one transaction.
func (s *Store) ActRequest(ctx context.Context, a lvzhi.Actor, id int64, action, note string) (lvzhi.Request, error) {
	err := s.write(ctx, a, "request."+action, object(lvzhi.KindRequest, id), func(tx *Tx) error {
		r, err := tx.request(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.Action(action), r.Target()); err != nil {
			return err
		}
		to, err := lvzhi.RequestWorkflow.Next(r.State, action)
		if err != nil {
			return err
		}
		if action == "submit" {
			if err := r.Validate(true); err != nil {
				return err
			}
		}
		if action == "withdraw" && strings.TrimSpace(note) == "" {
			return lvzhi.Invalid(map[string]string{"note": "请填写撤回的理由"})
		}
		if _, err := tx.exec(ctx, `UPDATE requests SET state = $1, updated_at = $2 WHERE id = $3`, to, s.Now(), id); err != nil {
			return err
		}
		return tx.event(ctx, a, r.CommitteeID, lvzhi.KindRequest, id, action, r.State, to, strings.TrimSpace(note))
	})
	if err != nil {
		return lvzhi.Request{}, err
	}
	return s.Request(ctx, a, id)
}

// requestWhere builds the WHERE clause of a request filter.
func requestWhere(f lvzhi.RequestFilter) (string, []any) {
	where, args := "WHERE r.committee_id = $1", []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.Type != "" {
		add("r.type = $%d", f.Type)
	}
	if f.State != "" {
		add("r.state = $%d", f.State)
	}
	if f.DepartmentID != 0 {
		add("r.department_id = $%d", f.DepartmentID)
	}
	if f.Year != 0 {
		from, to := yearBounds(f.Year)
		add("r.on_date >= $%d", from)
		add("r.on_date < $%d", to)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		add(`r.subject LIKE $%d ESCAPE '\'`, likeContains(q))
	}
	return where, args
}

// ListRequests returns the requests the filter selects, newest first, and their total.
func (s *Store) ListRequests(ctx context.Context, a lvzhi.Actor, f lvzhi.RequestFilter) ([]lvzhi.Request, int, error) {
	if f.CommitteeID == 0 {
		f.CommitteeID = a.CommitteeID
	}
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindRequest, CommitteeID: f.CommitteeID}); err != nil {
		return nil, 0, err
	}
	where, args := requestWhere(f)
	var out []lvzhi.Request
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM requests r `+where, args...); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			r, err := scanRequest(sc)
			out = append(out, r)
			return err
		}, requestSelect+where+fmt.Sprintf(` ORDER BY r.on_date DESC, r.id DESC LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...)
	})
	return out, total, err
}
