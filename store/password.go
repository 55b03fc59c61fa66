package store

import (
	"context"
	"time"

	"lvzhi"
	"lvzhi/auth"
)

// ChangePassword sets a new password for an account. A user changing their own password
// gives the current one; a system administrator resetting another's does not. The new
// password must meet the policy and differ from the last History ones. Every session of the
// account ends, so a stolen session dies with the old password.
func (s *Store) ChangePassword(ctx context.Context, a lvzhi.Actor, userID int64, current, password string) error {
	policy, err := s.policy(ctx)
	if err != nil {
		return err
	}
	own := userID == a.UserID && !a.System
	return s.write(ctx, a, "user.password", object(lvzhi.KindUser, userID), func(tx *Tx) error {
		u, err := tx.user(ctx, `WHERE u.id = $1`, userID)
		if err != nil {
			return err
		}
		if own {
			err = lvzhi.Authorize(a, lvzhi.ActionUpdate, u.Target())
		} else {
			err = lvzhi.Authorize(a, lvzhi.ActionCreate, u.Target())
		}
		if err != nil {
			return err
		}
		if own {
			var hash string
			if err := tx.queryRow(ctx, `SELECT password_hash FROM users WHERE id = $1`, userID).Scan(&hash); err != nil {
				return err
			}
			if ok, _ := auth.Verify(current, hash); !ok {
				return lvzhi.Invalid(map[string]string{"current": "当前密码不正确"})
			}
		}
		if msg := policy.CheckPassword(u.Username, password); msg != "" {
			return lvzhi.Invalid(map[string]string{"password": msg})
		}
		if err := tx.checkHistory(ctx, userID, password, policy.History); err != nil {
			return err
		}
		hash, err := auth.Hash(password, auth.DefaultParams)
		if err != nil {
			return err
		}
		now := s.Now()
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3`, hash, now, userID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO password_history (user_id, password_hash, changed_at) VALUES ($1, $2, $3)`, userID, hash, now); err != nil {
			return err
		}
		if err := tx.endSessions(ctx, userID); err != nil {
			return err
		}
		note := "本人修改密码"
		if !own {
			note = "管理员重置密码"
		}
		return tx.event(ctx, a, u.CommitteeID, lvzhi.KindUser, userID, "password", u.State, u.State, note)
	})
}

// checkHistory refuses a password equal to one of the account's last n.
func (t *Tx) checkHistory(ctx context.Context, userID int64, password string, n int) error {
	if n == 0 {
		return nil
	}
	rows, err := t.query(ctx, `SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2`, userID, n)
	if err != nil {
		return err
	}
	var hashes []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			rows.Close()
			return err
		}
		hashes = append(hashes, h)
	}
	rows.Close()
	for _, h := range hashes {
		if ok, _ := auth.Verify(password, h); ok {
			return lvzhi.Invalid(map[string]string{"password": "新密码不能与最近" + lvzhi.Chinese(n) + "次使用过的密码相同"})
		}
	}
	return rows.Err()
}

// BeginTOTP creates a new second-factor secret for the user's own account and returns it for
// the authenticator app. It takes effect only when ConfirmTOTP sees a code made from it.
func (s *Store) BeginTOTP(ctx context.Context, a lvzhi.Actor) (string, error) {
	secret, err := auth.NewTOTPSecret()
	if err != nil {
		return "", err
	}
	err = s.write(ctx, a, "user.totp_begin", object(lvzhi.KindUser, a.UserID), func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_enabled = FALSE`, secret, a.UserID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return lvzhi.Errorf(lvzhi.ErrConflict, "该账号已启用动态口令;如需更换手机,请联系安全管理员重置。")
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return secret, err
}

// ConfirmTOTP turns the second factor on once the user proves their app makes valid codes.
func (s *Store) ConfirmTOTP(ctx context.Context, a lvzhi.Actor, code string) error {
	return s.write(ctx, a, "user.totp_enable", object(lvzhi.KindUser, a.UserID), func(tx *Tx) error {
		var secret string
		if err := tx.queryRow(ctx, `SELECT totp_secret FROM users WHERE id = $1`, a.UserID).Scan(&secret); err != nil {
			return err
		}
		step, ok := auth.MatchTOTP(secret, code, s.Now())
		if secret == "" || !ok {
			return lvzhi.Invalid(map[string]string{"code": "动态口令不正确,请核对手机时间后重新输入"})
		}
		// The code that confirmed the app is spent: it cannot sign in as well.
		if _, err := tx.exec(ctx, `UPDATE users SET totp_enabled = TRUE, totp_last_step = $1 WHERE id = $2`, step, a.UserID); err != nil {
			return err
		}
		return tx.event(ctx, a, a.CommitteeID, lvzhi.KindUser, a.UserID, "totp", "", "", "启用动态口令")
	})
}

// ResetTOTP removes an account's second factor (a lost phone); the security administrator's
// job. The user enrols again at the next sign-in.
func (s *Store) ResetTOTP(ctx context.Context, a lvzhi.Actor, userID int64) error {
	return s.write(ctx, a, "user.totp_reset", object(lvzhi.KindUser, userID), func(tx *Tx) error {
		u, err := tx.user(ctx, `WHERE u.id = $1`, userID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionChange, u.Target()); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET totp_enabled = FALSE, totp_secret = '' WHERE id = $1`, userID); err != nil {
			return err
		}
		if err := tx.endSessions(ctx, userID); err != nil {
			return err
		}
		return tx.event(ctx, a, u.CommitteeID, lvzhi.KindUser, userID, "totp_reset", u.State, u.State, "重置动态口令")
	})
}

// policyJSON is the stored form of the policy, in minutes and days an administrator reads.
type policyJSON struct {
	MinLength, MinClasses, MaxAgeDays, History, MaxFailures int
	LockoutMinutes, IdleMinutes, AbsoluteMinutes            int
	RequireTOTP                                             bool
}

// Policy returns the deployment's security policy to the security administrator.
func (s *Store) Policy(ctx context.Context, a lvzhi.Actor) (lvzhi.PasswordPolicy, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindPolicy, CommitteeID: a.CommitteeID}); err != nil {
		return lvzhi.PasswordPolicy{}, err
	}
	return s.policy(ctx)
}

// policy returns the security policy the store itself applies, the default until one is saved.
func (s *Store) policy(ctx context.Context) (lvzhi.PasswordPolicy, error) {
	var j policyJSON
	found, err := s.readSetting(ctx, "policy", &j)
	if err != nil || !found {
		return lvzhi.DefaultPolicy(), err
	}
	return lvzhi.PasswordPolicy{
		MinLength: j.MinLength, MinClasses: j.MinClasses, MaxAge: time.Duration(j.MaxAgeDays) * 24 * time.Hour,
		History: j.History, MaxFailures: j.MaxFailures, LockoutFor: time.Duration(j.LockoutMinutes) * time.Minute,
		IdleTimeout: time.Duration(j.IdleMinutes) * time.Minute, AbsoluteTimeout: time.Duration(j.AbsoluteMinutes) * time.Minute,
		RequireTOTP: j.RequireTOTP,
	}, nil
}

// SetPolicy saves the security policy; the security administrator's job.
func (s *Store) SetPolicy(ctx context.Context, a lvzhi.Actor, p lvzhi.PasswordPolicy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	saved := policyJSON{
		MinLength: p.MinLength, MinClasses: p.MinClasses, MaxAgeDays: int(p.MaxAge.Hours() / 24), History: p.History,
		MaxFailures: p.MaxFailures, LockoutMinutes: int(p.LockoutFor.Minutes()), IdleMinutes: int(p.IdleTimeout.Minutes()),
		AbsoluteMinutes: int(p.AbsoluteTimeout.Minutes()), RequireTOTP: p.RequireTOTP,
	}
	// The policy holds for the whole deployment, so only the top committee's security
	// administrator sets it; a county's would otherwise change the province's. (Read before
	// the write, which must not wait on a second pooled connection.)
	top, err := s.isTop(ctx, a.CommitteeID)
	if err != nil {
		return err
	}
	return s.write(ctx, a, "policy.update", "policy", func(tx *Tx) error {
		if !top && !a.System {
			return lvzhi.Errorf(lvzhi.ErrForbidden, "安全策略适用于整个部署,由最上级政协的安全管理员设置。")
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, lvzhi.Target{Kind: lvzhi.KindPolicy, CommitteeID: a.CommitteeID}); err != nil {
			return err
		}
		return tx.putSetting(ctx, "policy", saved)
	})
}
