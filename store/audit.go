package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"lvzhi"
)

// write runs one use case that changes records: fn's changes and the audit row saying who
// did it are committed together. When fn fails, the failure is audited in a transaction of
// its own — refused and failed writes are part of the record too — and fn's error returned.
func (s *Store) write(ctx context.Context, a lvzhi.Actor, action, object string, fn func(*Tx) error) error {
	err := s.tx(ctx, func(tx *Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return tx.audit(ctx, a, action, object, lvzhi.AuditOK, "")
	})
	if err != nil {
		s.auditFailure(ctx, a, action, object, err)
	}
	return err
}

// authorize checks a permission before work that must not run inside the write (hashing a
// password, say) and audits a refusal as write would.
func (s *Store) authorize(ctx context.Context, a lvzhi.Actor, act lvzhi.Action, t lvzhi.Target, action, object string) error {
	err := lvzhi.Authorize(a, act, t)
	if err != nil {
		s.auditFailure(ctx, a, action, object, err)
	}
	return err
}

// auditFailure appends a row for a write that did not happen.
func (s *Store) auditFailure(ctx context.Context, a lvzhi.Actor, action, object string, cause error) {
	result := lvzhi.AuditFailed
	if c := lvzhi.ErrorCodeOf(cause); c == lvzhi.ErrForbidden || c == lvzhi.ErrUnauthorized {
		result = lvzhi.AuditDenied
	}
	_ = s.tx(ctx, func(tx *Tx) error {
		return tx.audit(ctx, a, action, object, result, lvzhi.ErrorMessage(cause))
	})
}

// Audit appends one row to the audit log in its own transaction: for events that are not a
// write of records, such as a failed login or a logout.
func (s *Store) Audit(ctx context.Context, a lvzhi.Actor, action, object, result, detail string) error {
	return s.tx(ctx, func(tx *Tx) error { return tx.audit(ctx, a, action, object, result, detail) })
}

// audit appends a row chained to the one before. Bumping audit_head's counter first locks
// that row (PostgreSQL row lock; SQLite already holds the write lock), so concurrent writers
// take turns and the chain has one order.
func (t *Tx) audit(ctx context.Context, a lvzhi.Actor, action, object, result, detail string) error {
	e := lvzhi.AuditEntry{
		At: t.s.Now(), CommitteeID: a.CommitteeID, UserID: a.UserID, Username: a.Username,
		Action: action, Object: object, Result: result, Detail: detail, IP: a.IP,
	}
	if e.Username == "" {
		e.Username = "anonymous"
	}
	var prev string
	if err := t.queryRow(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash`).Scan(&e.ID, &prev); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	e.Seal(prev)
	if _, err := t.exec(ctx, `INSERT INTO audit_log (id, at, committee_id, user_id, username, action, object, result, detail, ip, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		e.ID, e.At, e.CommitteeID, e.UserID, e.Username, e.Action, e.Object, e.Result, e.Detail, e.IP, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit insert: %w", err)
	}
	_, err := t.exec(ctx, `UPDATE audit_head SET last_hash = $1 WHERE id = 1`, e.Hash)
	return err
}

// object names a record in the audit log: "member:42".
func object(k lvzhi.Kind, id int64) string { return string(k) + ":" + strconv.FormatInt(id, 10) }

const auditColumns = `id, at, committee_id, user_id, username, action, object, result, detail, ip, prev_hash, hash`

func scanAudit(sc interface{ Scan(...any) error }) (lvzhi.AuditEntry, error) {
	var e lvzhi.AuditEntry
	err := sc.Scan(&e.ID, &e.At, &e.CommitteeID, &e.UserID, &e.Username, &e.Action, &e.Object, &e.Result, &e.Detail, &e.IP, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

// ListAudit returns the audit rows the filter selects, newest first, and their total. Only
// the audit administrator may read the log, and reading it is itself audited.
func (s *Store) ListAudit(ctx context.Context, a lvzhi.Actor, f lvzhi.AuditFilter) ([]lvzhi.AuditEntry, int, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindAudit, CommitteeID: a.CommitteeID}); err != nil {
		return nil, 0, err
	}
	// An auditor reads the rows of the committees it administers; rows of no committee (a
	// sign-in with an unknown username, the command line) belong to the top of the deployment.
	committees := a.Committees
	if len(committees) == 0 {
		committees = []int64{a.CommitteeID}
	}
	where, args := "WHERE (committee_id IN ("+placeholders(1, len(committees))+")", []any{}
	for _, c := range committees {
		args = append(args, c)
	}
	if top, err := s.isTop(ctx, a.CommitteeID); err != nil {
		return nil, 0, err
	} else if top {
		where += " OR committee_id = 0"
	}
	where += ")"
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.Username != "" {
		add("username = $%d", f.Username)
	}
	if f.Action != "" {
		add(`action LIKE $%d ESCAPE '\'`, likePrefix(f.Action))
	}
	if f.Object != "" {
		add("object = $%d", f.Object)
	}
	if !f.From.IsZero() {
		add("at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < $%d", f.To.UTC())
	}
	var out []lvzhi.AuditEntry
	var total int
	err := s.tx(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM audit_log `+where, args...); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT `+auditColumns+` FROM audit_log `+where+
			fmt.Sprintf(` ORDER BY id DESC LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.audit(ctx, a, "audit.read", "", lvzhi.AuditOK, "")
	})
	return out, total, err
}

// VerifyAudit walks the whole audit log in id order and checks every row's hash and its link
// to the row before. It returns how many rows it checked and the id of the first row that was
// changed, removed or inserted (0 when the chain holds). It reads in batches outside any
// transaction, so the server keeps writing meanwhile; rows appended during the walk are
// walked too, until the last row read is the one audit_head names.
func (s *Store) VerifyAudit(ctx context.Context) (checked int, brokenID int64, err error) {
	prev, next := "", int64(1)
	const batch = 5000
	for {
		rows, err := s.auditBatch(ctx, next, batch)
		if err != nil {
			return checked, 0, err
		}
		for _, e := range rows {
			if e.ID != next { // a removed row leaves a gap in the ids
				return checked, next, nil
			}
			if _, ok := lvzhi.VerifyChain(prev, []lvzhi.AuditEntry{e}); !ok {
				return checked, e.ID, nil
			}
			prev, next = e.Hash, next+1
			checked++
		}
		if len(rows) == batch {
			continue
		}
		var seq int64
		var head string
		if err := s.db.QueryRowContext(ctx, `SELECT seq, last_hash FROM audit_head WHERE id = 1`).Scan(&seq, &head); err != nil {
			return checked, 0, err
		}
		switch {
		case seq >= next && len(rows) > 0: // rows were appended while we read: go on reading
			continue
		case seq >= next: // the log counts rows that are not there: the newest were removed
			return checked, next, nil
		case seq < next-1: // rows beyond the last one the log counts were inserted
			return checked, seq + 1, nil
		case head != prev: // the newest rows were removed or replaced
			return checked, next, nil
		}
		return checked, 0, nil
	}
}

func (s *Store) auditBatch(ctx context.Context, from int64, n int) ([]lvzhi.AuditEntry, error) {
	var rows []lvzhi.AuditEntry
	err := s.read(ctx, func(tx *Tx) error {
		r, err := tx.query(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE id >= $1 ORDER BY id LIMIT `+strconv.Itoa(n), from)
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			e, err := scanAudit(r)
			if err != nil {
				return err
			}
			rows = append(rows, e)
		}
		return r.Err()
	})
	return rows, err
}

// timeOrZero returns the time or the zero time for a NULL column.
func timeOrZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
