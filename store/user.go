package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/auth"
)

const userSelect = `SELECT u.id, u.committee_id, u.username, u.name, COALESCE(u.department_id, 0), COALESCE(u.unit_id, 0),
	COALESCE(u.member_id, 0), u.state, u.failed_logins, u.locked_until, u.password_changed_at, u.totp_enabled,
	u.last_login_at, u.created_at FROM users u `

func scanUser(sc interface{ Scan(...any) error }) (lvzhi.User, error) {
	var u lvzhi.User
	var locked, last *time.Time
	err := sc.Scan(&u.ID, &u.CommitteeID, &u.Username, &u.Name, &u.DepartmentID, &u.UnitID, &u.MemberID, &u.State,
		&u.FailedLogins, &locked, &u.PasswordChanged, &u.TOTPEnabled, &last, &u.Created)
	u.LockedUntil, u.LastLogin = timeOrZero(locked), timeOrZero(last)
	u.PasswordChanged, u.Created = u.PasswordChanged.UTC(), u.Created.UTC()
	return u, err
}

// user reads one account with its roles, without a permission check.
func (t *Tx) user(ctx context.Context, where string, arg any) (lvzhi.User, error) {
	u, err := scanUser(t.queryRow(ctx, userSelect+where, arg))
	if err != nil {
		return u, notFound(err, "该账号")
	}
	u.Roles, err = t.roles(ctx, u.ID)
	return u, err
}

func (t *Tx) roles(ctx context.Context, userID int64) ([]lvzhi.Role, error) {
	rows, err := t.query(ctx, `SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lvzhi.Role
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, lvzhi.Role(r))
	}
	return out, rows.Err()
}

// CreateUser adds an account with an initial password that must meet the policy.
func (s *Store) CreateUser(ctx context.Context, a lvzhi.Actor, u lvzhi.User, password string) (lvzhi.User, error) {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.State = lvzhi.UserActive
	// Checked before hashing, so a refused caller costs no argon2 time; checked again in the write.
	t := lvzhi.Target{Kind: lvzhi.KindUser, CommitteeID: u.CommitteeID}
	if err := s.authorize(ctx, a, lvzhi.ActionCreate, t, "user.create", u.Username); err != nil {
		return u, err
	}
	policy, err := s.policy(ctx)
	if err != nil {
		return u, err
	}
	// Report every problem at once: the account's fields and the password together.
	fields := lvzhi.ErrorFields(u.Validate())
	if msg := policy.CheckPassword(u.Username, password); msg != "" {
		if fields == nil {
			fields = map[string]string{}
		}
		fields["password"] = msg
	}
	if err := lvzhi.Invalid(fields); err != nil {
		return u, err
	}
	hash, err := auth.Hash(password, auth.DefaultParams)
	if err != nil {
		return u, err
	}
	err = s.write(ctx, a, "user.create", u.Username, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, t); err != nil {
			return err
		}
		if err := tx.checkUserRefs(ctx, u); err != nil {
			return err
		}
		now := s.Now()
		u.ID, err = tx.insert(ctx, `INSERT INTO users (committee_id, username, name, password_hash, department_id, unit_id, member_id,
			state, password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
			u.CommitteeID, u.Username, u.Name, hash, nullID(u.DepartmentID), nullID(u.UnitID), nullID(u.MemberID), u.State, now)
		if err != nil {
			if lvzhi.ErrorCodeOf(err) == lvzhi.ErrConflict {
				return lvzhi.Invalid(map[string]string{"username": "用户名“" + u.Username + "”已被使用"})
			}
			return err
		}
		if err := tx.setRoles(ctx, u.ID, u.Roles); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO password_history (user_id, password_hash, changed_at) VALUES ($1, $2, $3)`, u.ID, hash, now); err != nil {
			return err
		}
		return tx.event(ctx, a, u.CommitteeID, lvzhi.KindUser, u.ID, "create", "", u.State, "角色:"+roleNames(u.Roles))
	})
	return u, err
}

// checkUserRefs makes sure the department, unit and member an account links to belong to
// the account's committee: an administrator cannot tie an account to another committee's records.
func (t *Tx) checkUserRefs(ctx context.Context, u lvzhi.User) error {
	f := map[string]string{}
	for _, r := range []struct {
		id    int64
		table string
		kind  lvzhi.OrgUnitKind
		field string
	}{
		{u.DepartmentID, "org_units", lvzhi.OrgDepartment, "department_id"},
		{u.UnitID, "org_units", lvzhi.OrgHandlingUnit, "unit_id"},
		{u.MemberID, "members", "", "member_id"},
	} {
		if r.id == 0 {
			continue
		}
		var committee int64
		kind := string(r.kind)
		q := `SELECT committee_id, kind FROM org_units WHERE id = $1`
		if r.table == "members" {
			q = `SELECT committee_id, '' FROM members WHERE id = $1`
		}
		if err := t.queryRow(ctx, q, r.id).Scan(&committee, &kind); err != nil || committee != u.CommitteeID || kind != string(r.kind) {
			f[r.field] = "请选择本政协的记录"
		}
	}
	return lvzhi.Invalid(f)
}

func (t *Tx) setRoles(ctx context.Context, userID int64, roles []lvzhi.Role) error {
	if _, err := t.exec(ctx, `DELETE FROM user_roles WHERE user_id = $1`, userID); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := t.exec(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, userID, string(r)); err != nil {
			return err
		}
	}
	return nil
}

func roleNames(roles []lvzhi.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = lvzhi.RoleLabel[r]
	}
	return strings.Join(names, "、")
}

// User returns one account.
func (s *Store) User(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.User, error) {
	var u lvzhi.User
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		u, err = tx.user(ctx, `WHERE u.id = $1`, id)
		return err
	})
	if err != nil {
		return u, err
	}
	return u, lvzhi.Authorize(a, lvzhi.ActionRead, u.Target())
}

// UserByName returns the account with the given username; the command line uses it.
func (s *Store) UserByName(ctx context.Context, a lvzhi.Actor, username string) (lvzhi.User, error) {
	var u lvzhi.User
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		u, err = tx.user(ctx, `WHERE u.username = $1`, strings.ToLower(username))
		return err
	})
	if err != nil {
		return u, err
	}
	return u, lvzhi.Authorize(a, lvzhi.ActionRead, u.Target())
}

// UserHistory returns an account's events, newest first.
func (s *Store) UserHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.User(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindUser, id)
		return err
	})
	return out, err
}

// ListUsers returns a page of the accounts of a committee and the total.
func (s *Store) ListUsers(ctx context.Context, a lvzhi.Actor, f lvzhi.UserFilter) ([]lvzhi.User, int, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindUser, CommitteeID: f.CommitteeID}); err != nil {
		return nil, 0, err
	}
	where, args := "WHERE u.committee_id = $1", []any{f.CommitteeID}
	if f.Role != "" {
		args = append(args, string(f.Role))
		where += fmt.Sprintf(" AND u.id IN (SELECT user_id FROM user_roles WHERE role = $%d)", len(args))
	}
	switch f.State {
	case "":
	case "locked": // not a workflow state: a lockout runs out by itself
		args = append(args, s.Now())
		where += fmt.Sprintf(" AND u.locked_until > $%d", len(args))
	default:
		args = append(args, f.State)
		where += fmt.Sprintf(" AND u.state = $%d", len(args))
	}
	if f.Q != "" {
		args = append(args, likeContains(f.Q))
		where += fmt.Sprintf(` AND (u.username LIKE $%d ESCAPE '\' OR u.name LIKE $%d ESCAPE '\')`, len(args), len(args))
	}
	var out []lvzhi.User
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM users u `+where, args...); err != nil {
			return err
		}
		rows, err := tx.query(ctx, userSelect+where+fmt.Sprintf(` ORDER BY u.username LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out { // a page holds at most 500 accounts; roles are one small query each
			if out[i].Roles, err = tx.roles(ctx, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, total, err
}

// UpdateUser changes an account's name, roles and links.
func (s *Store) UpdateUser(ctx context.Context, a lvzhi.Actor, u lvzhi.User) error {
	return s.write(ctx, a, "user.update", object(lvzhi.KindUser, u.ID), func(tx *Tx) error {
		old, err := tx.user(ctx, `WHERE u.id = $1`, u.ID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, old.Target()); err != nil {
			return err // changing roles is the system administrator's, like creating
		}
		u.Username, u.CommitteeID, u.State = old.Username, old.CommitteeID, old.State
		if err := u.Validate(); err != nil {
			return err
		}
		if err := tx.checkUserRefs(ctx, u); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET name = $1, department_id = $2, unit_id = $3, member_id = $4 WHERE id = $5`,
			u.Name, nullID(u.DepartmentID), nullID(u.UnitID), nullID(u.MemberID), u.ID); err != nil {
			return mapErr(err)
		}
		if err := tx.setRoles(ctx, u.ID, u.Roles); err != nil {
			return err
		}
		return tx.event(ctx, a, u.CommitteeID, lvzhi.KindUser, u.ID, "update", u.State, u.State, "角色:"+roleNames(u.Roles))
	})
}

// ChangeUser applies an account workflow action (disable, enable). Disabling ends every
// session of the account at once.
func (s *Store) ChangeUser(ctx context.Context, a lvzhi.Actor, id int64, action, note string) (lvzhi.User, error) {
	var u lvzhi.User
	err := s.write(ctx, a, "user."+action, object(lvzhi.KindUser, id), func(tx *Tx) error {
		var err error
		if u, err = tx.user(ctx, `WHERE u.id = $1`, id); err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, u.Target()); err != nil {
			return err
		}
		if id == a.UserID {
			return lvzhi.Errorf(lvzhi.ErrConflict, "不能停用或启用自己的账号。")
		}
		to, err := lvzhi.UserWorkflow.Next(u.State, action)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET state = $1 WHERE id = $2`, to, id); err != nil {
			return err
		}
		if to == lvzhi.UserDisabled {
			if err := tx.endSessions(ctx, id); err != nil {
				return err
			}
		}
		from := u.State
		u.State = to
		return tx.event(ctx, a, u.CommitteeID, lvzhi.KindUser, id, action, from, to, note)
	})
	return u, err
}

// Unlock lifts a lockout before it runs out; the security administrator's job.
func (s *Store) Unlock(ctx context.Context, a lvzhi.Actor, id int64) error {
	return s.write(ctx, a, "user.unlock", object(lvzhi.KindUser, id), func(tx *Tx) error {
		u, err := tx.user(ctx, `WHERE u.id = $1`, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionChange, u.Target()); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, id); err != nil {
			return err
		}
		return tx.event(ctx, a, u.CommitteeID, lvzhi.KindUser, id, "unlock", u.State, u.State, "解除锁定")
	})
}

// HasUsers reports whether any account exists; `lvzhi serve` on an empty database says how
// to create the first system administrator.
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n > 0, err
}
