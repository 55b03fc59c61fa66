package store

import (
	"context"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/auth"
)

// Login is a successful sign-in: the session token to hand to the browser or API client
// (only its hash is stored) and what the user must do before anything else.
type Login struct {
	Token              string
	User               lvzhi.User
	ExpiresAt          time.Time
	MustChangePassword bool // the password is older than the policy allows
	MustEnrolTOTP      bool // the account needs a second factor and has none yet
}

// badLogin is the one message for a wrong username or password: it must not tell which.
var badLogin = lvzhi.Errorf(lvzhi.ErrUnauthorized, "用户名或密码错误。")

// totpReused refuses a code that already signed the account in: it was seen by someone else,
// or the page was submitted twice.
var totpReused = lvzhi.Errorf(lvzhi.ErrUnauthorized, "该动态口令已使用过,请等待验证器App显示新的口令后再登录。")

// SignIn checks a username, password and TOTP code, applies the lockout policy, and starts a
// session. Every attempt, successful or not, is audited with the IP.
func (s *Store) SignIn(ctx context.Context, username, password, totp, ip string) (Login, error) {
	var l Login
	policy, err := s.policy(ctx)
	if err != nil {
		return l, err
	}
	who := lvzhi.Actor{Username: username, IP: ip}
	var u lvzhi.User
	var hash, secret string
	err = s.read(ctx, func(tx *Tx) error {
		var err error
		if u, err = tx.user(ctx, `WHERE u.username = $1`, username); err != nil {
			return err
		}
		return tx.queryRow(ctx, `SELECT password_hash, totp_secret FROM users WHERE id = $1`, u.ID).Scan(&hash, &secret)
	})
	if lvzhi.ErrorCodeOf(err) == lvzhi.ErrNotFound {
		auth.DummyVerify(password) // spend the same time, so timing does not reveal usernames
		s.Audit(ctx, who, "login", "", lvzhi.AuditFailed, "用户名不存在")
		return l, badLogin
	} else if err != nil {
		return l, err
	}
	who.UserID, who.CommitteeID = u.ID, u.CommitteeID
	now := s.Now()
	obj := object(lvzhi.KindUser, u.ID)
	// The password is checked first in every case, so the answer's timing and wording tell a
	// guesser nothing about an account until the password is right.
	ok, err := auth.Verify(password, hash)
	if err != nil {
		return l, err
	}
	switch {
	case u.Locked(now): // locked: refused whatever was typed, and the attempt does not count
		s.Audit(ctx, who, "login", obj, lvzhi.AuditDenied, "账号已锁定")
		return l, lockedError(u.LockedUntil, now)
	case !ok:
		return l, s.failLogin(ctx, who, u, policy, now)
	case u.State != lvzhi.UserActive:
		s.Audit(ctx, who, "login", obj, lvzhi.AuditDenied, "账号已停用")
		return l, lvzhi.Errorf(lvzhi.ErrUnauthorized, "该账号已停用,请联系系统管理员。")
	case u.TOTPEnabled && strings.TrimSpace(totp) == "":
		s.Audit(ctx, who, "login", obj, lvzhi.AuditFailed, "缺少动态口令")
		return l, lvzhi.Errorf(lvzhi.ErrUnauthorized, "请输入动态口令(验证器App中的6位数字)。")
	}
	var step int64
	if u.TOTPEnabled {
		var match bool
		if step, match = auth.MatchTOTP(secret, totp, now); !match {
			return l, s.failLogin(ctx, who, u, policy, now)
		}
	}
	needTOTP := policy.NeedsTOTP(u.Roles) && !s.WaiveTOTP
	l.User = u
	l.MustChangePassword = policy.PasswordExpired(u.PasswordChanged, now)
	l.MustEnrolTOTP = needTOTP && !u.TOTPEnabled
	l.ExpiresAt = now.Add(policy.AbsoluteTimeout)
	if l.Token, err = auth.NewToken(); err != nil {
		return l, err
	}
	err = s.write(ctx, who, "login", object(lvzhi.KindUser, u.ID), func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2`, now, u.ID); err != nil {
			return err
		}
		if u.TOTPEnabled {
			// The step is taken only if no sign-in took it (or a later one) before: two
			// sign-ins racing with one code cannot both pass.
			res, err := tx.exec(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, u.ID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return totpReused
			}
		}
		_, err := tx.exec(ctx, `INSERT INTO auth_sessions (token_hash, user_id, committee_id, created_at, last_seen_at, ip) VALUES ($1, $2, $3, $4, $4, $5)`,
			auth.HashToken(l.Token), u.ID, u.CommitteeID, now, ip)
		return err
	})
	return l, err
}

// failLogin counts a failed attempt and locks the account when the policy's limit is reached.
func (s *Store) failLogin(ctx context.Context, who lvzhi.Actor, u lvzhi.User, p lvzhi.PasswordPolicy, now time.Time) error {
	var failures int
	var until *time.Time
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins`, u.ID).Scan(&failures); err != nil {
			return err
		}
		detail := "密码或动态口令错误"
		if failures >= p.MaxFailures {
			t := now.Add(p.LockoutFor)
			until = &t
			if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = $1 WHERE id = $2`, t, u.ID); err != nil {
				return err
			}
			detail += ",连续失败已达上限,账号锁定"
		}
		return tx.audit(ctx, who, "login", object(lvzhi.KindUser, u.ID), lvzhi.AuditFailed, detail)
	})
	if err != nil {
		return err
	}
	if until != nil {
		return lockedError(*until, now)
	}
	return badLogin
}

func lockedError(until, now time.Time) error {
	minutes := int(until.Sub(now).Minutes()) + 1
	return lvzhi.Errorf(lvzhi.ErrUnauthorized, "登录失败次数过多,账号已锁定,请%d分钟后再试,或联系安全管理员解锁。", minutes)
}

// Authenticate turns a session token into the actor making the request. A session ends
// after the policy's idle time without requests and after its absolute lifetime, and when the
// account is disabled or its password changed (those delete the session rows).
func (s *Store) Authenticate(ctx context.Context, token, ip string) (lvzhi.Actor, error) {
	var a lvzhi.Actor
	unauth := lvzhi.Errorf(lvzhi.ErrUnauthorized, "登录已过期,请重新登录。")
	if token == "" {
		return a, unauth
	}
	policy, err := s.policy(ctx)
	if err != nil {
		return a, err
	}
	h := auth.HashToken(token)
	var created, seen time.Time
	var u lvzhi.User
	var committee int64
	err = s.read(ctx, func(tx *Tx) error {
		var userID int64
		if err := tx.queryRow(ctx, `SELECT user_id, committee_id, created_at, last_seen_at FROM auth_sessions WHERE token_hash = $1`, h).
			Scan(&userID, &committee, &created, &seen); err != nil {
			return err
		}
		var err error
		u, err = tx.user(ctx, `WHERE u.id = $1`, userID)
		return err
	})
	if err != nil {
		return a, unauth
	}
	now := s.Now()
	if now.Sub(seen) > policy.IdleTimeout || now.Sub(created) > policy.AbsoluteTimeout || u.State != lvzhi.UserActive {
		s.tx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `DELETE FROM auth_sessions WHERE token_hash = $1`, h)
			return err
		})
		return a, unauth
	}
	if now.Sub(seen) >= time.Minute { // one write a minute per session is enough for the idle clock
		s.tx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `UPDATE auth_sessions SET last_seen_at = $1 WHERE token_hash = $2`, now, h)
			return err
		})
	}
	a, err = s.actor(ctx, u, committee, ip)
	a.MustChangePassword = policy.PasswordExpired(u.PasswordChanged, now)
	a.MustEnrolTOTP = !u.TOTPEnabled && policy.NeedsTOTP(u.Roles) && !s.WaiveTOTP
	return a, err
}

// actor builds the Actor of a signed-in user working in committee.
func (s *Store) actor(ctx context.Context, u lvzhi.User, committee int64, ip string) (lvzhi.Actor, error) {
	a := lvzhi.Actor{
		UserID: u.ID, Username: u.Username, Name: u.Name, Roles: u.Roles, CommitteeID: committee,
		DepartmentID: u.DepartmentID, UnitID: u.UnitID, MemberID: u.MemberID, IP: ip,
	}
	a.Committees = []int64{u.CommitteeID}
	for _, r := range u.Roles {
		if r.IsAdmin() { // administrators of a committee administer the committees below it too
			all, err := s.Committees(ctx)
			if err != nil {
				return a, err
			}
			a.Committees = descendants(all, u.CommitteeID)
		}
	}
	if !a.InCommittee(committee) {
		a.CommitteeID = u.CommitteeID
	}
	return a, nil
}

// SwitchCommittee moves a session to another committee the user may act in.
func (s *Store) SwitchCommittee(ctx context.Context, a lvzhi.Actor, token string, committeeID int64) error {
	return s.write(ctx, a, "session.switch", object(lvzhi.KindCommittee, committeeID), func(tx *Tx) error {
		if !a.InCommittee(committeeID) {
			return lvzhi.Errorf(lvzhi.ErrForbidden, "您不能进入该政协。")
		}
		_, err := tx.exec(ctx, `UPDATE auth_sessions SET committee_id = $1 WHERE token_hash = $2`, committeeID, auth.HashToken(token))
		return err
	})
}

// SignOut ends one session.
func (s *Store) SignOut(ctx context.Context, a lvzhi.Actor, token string) error {
	return s.write(ctx, a, "logout", object(lvzhi.KindUser, a.UserID), func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM auth_sessions WHERE token_hash = $1`, auth.HashToken(token))
		return err
	})
}

func (t *Tx) endSessions(ctx context.Context, userID int64) error {
	_, err := t.exec(ctx, `DELETE FROM auth_sessions WHERE user_id = $1`, userID)
	return err
}
