package store

import (
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/auth"
)

func TestSessionTimeouts(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		clock := clockOf(st)
		f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)

		// Idle: 29 minutes without a request is fine, 31 is not.
		_, tok := f.session(t, "clerk")
		clock.Advance(29 * time.Minute)
		if _, err := st.Authenticate(f.ctx, tok, ""); err != nil {
			t.Fatalf("after 29 idle minutes: %v", err)
		}
		clock.Advance(31 * time.Minute)
		_, err := st.Authenticate(f.ctx, tok, "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "after 31 idle minutes")
		if n := countRows(t, st, `SELECT COUNT(*) FROM auth_sessions WHERE token_hash = $1`, auth.HashToken(tok)); n != 0 {
			t.Errorf("an expired session is still stored")
		}
		clock.Advance(-20 * time.Minute) // even back within the idle time the session is gone
		_, err = st.Authenticate(f.ctx, tok, "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "expired session seen again")

		// Absolute: a request every 20 minutes keeps a session for 12 hours, not longer.
		start := st.Now()
		_, tok = f.session(t, "clerk")
		for st.Now().Sub(start) <= 12*time.Hour {
			if _, err := st.Authenticate(f.ctx, tok, ""); err != nil {
				t.Fatalf("request %v after sign-in: %v", st.Now().Sub(start), err)
			}
			clock.Advance(20 * time.Minute)
		}
		_, err = st.Authenticate(f.ctx, tok, "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "request 12h20m after sign-in")
	})
}

func TestChangePassword(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		clock := clockOf(st)
		u := f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		a, tok := f.session(t, "clerk")
		_, tok2 := f.session(t, "clerk")

		err := st.ChangePassword(f.ctx, a, u.ID, "Wrong#Pass1", "Lz#2026-Nova1")
		wantField(t, err, "current", "change with a wrong current password")
		err = st.ChangePassword(f.ctx, a, u.ID, testPassword, "short")
		wantField(t, err, "password", "change to a weak password")
		err = st.ChangePassword(f.ctx, a, u.ID, testPassword, testPassword)
		wantField(t, err, "password", "change to the same password")
		if _, err := st.Authenticate(f.ctx, tok, ""); err != nil {
			t.Fatalf("refused changes ended the session: %v", err)
		}

		clock.Advance(time.Minute)
		if err := st.ChangePassword(f.ctx, a, u.ID, testPassword, "Lz#2026-Nova1"); err != nil {
			t.Fatalf("change own password: %v", err)
		}
		for _, tk := range []string{tok, tok2} {
			_, err := st.Authenticate(f.ctx, tk, "")
			wantCode(t, err, lvzhi.ErrUnauthorized, "old session after a password change")
		}
		_, err = st.SignIn(f.ctx, "clerk", testPassword, "", "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "sign in with the old password")
		l, err := st.SignIn(f.ctx, "clerk", "Lz#2026-Nova1", "", "")
		if err != nil {
			t.Fatalf("sign in with the new password: %v", err)
		}
		if got, _ := st.User(f.ctx, f.sys, u.ID); !got.PasswordChanged.Equal(st.Now()) {
			t.Errorf("password_changed_at = %v, want %v", got.PasswordChanged, st.Now())
		}

		// No reuse of the last five: after 2..5 the first change (1) is still among them,
		// the initial password (0) is sixth back and allowed again.
		a, _ = st.Authenticate(f.ctx, l.Token, "")
		pw := []string{testPassword, "Lz#2026-Nova1", "Lz#2026-Nova2", "Lz#2026-Nova3", "Lz#2026-Nova4", "Lz#2026-Nova5"}
		for i := 2; i <= 5; i++ {
			if err := st.ChangePassword(f.ctx, a, u.ID, pw[i-1], pw[i]); err != nil {
				t.Fatalf("change to password %d: %v", i, err)
			}
			l, _ = st.SignIn(f.ctx, "clerk", pw[i], "", "")
			a, _ = st.Authenticate(f.ctx, l.Token, "")
		}
		err = st.ChangePassword(f.ctx, a, u.ID, pw[5], pw[1])
		wantField(t, err, "password", "reuse of a password four changes back")
		if msg := lvzhi.ErrorFields(err)["password"]; !strings.Contains(msg, "五") {
			t.Errorf("reuse refused with %q, want it to say the last five", msg)
		}
		if err := st.ChangePassword(f.ctx, a, u.ID, pw[5], pw[0]); err != nil {
			t.Errorf("the password six changes back is allowed again: %v", err)
		}

		// Ninety days on, the password must be changed before anything else.
		clock.Advance(91 * 24 * time.Hour)
		l, err = st.SignIn(f.ctx, "clerk", pw[0], "", "")
		if err != nil || !l.MustChangePassword {
			t.Errorf("sign in with a 91-day-old password: MustChangePassword %v, %v", l.MustChangePassword, err)
		}
		if a, err = st.Authenticate(f.ctx, l.Token, ""); err != nil || !a.MustChangePassword {
			t.Errorf("actor with a 91-day-old password: MustChangePassword %v, %v", a.MustChangePassword, err)
		}
		if err := st.ChangePassword(f.ctx, a, u.ID, pw[0], "Lz#2026-Nova6"); err != nil {
			t.Fatal(err)
		}
		if l, err = st.SignIn(f.ctx, "clerk", "Lz#2026-Nova6", "", ""); err != nil || l.MustChangePassword {
			t.Errorf("sign in after the change: MustChangePassword %v, %v", l.MustChangePassword, err)
		}

		// A system administrator resets another's password without the current one.
		_, sysadmin := f.userWithActor(t, "sysadm", []lvzhi.Role{lvzhi.RoleSysAdmin}, nil)
		_, staff := f.userWithActor(t, "keyuan", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		if err := st.ChangePassword(f.ctx, sysadmin, u.ID, "", "Lz#2026-Reset7"); err != nil {
			t.Errorf("sysadmin resets a password: %v", err)
		}
		err = st.ChangePassword(f.ctx, staff, u.ID, "", "Lz#2026-Evil77")
		wantCode(t, err, lvzhi.ErrForbidden, "staff resets another's password")
		if _, err := st.SignIn(f.ctx, "clerk", "Lz#2026-Reset7", "", ""); err != nil {
			t.Errorf("sign in with the reset password: %v", err)
		}
		if h, _ := st.UserHistory(f.ctx, sysadmin, u.ID); len(h) == 0 || h[0].Action != "password" || h[0].Note != "管理员重置密码" {
			t.Errorf("history after a reset: %+v", h)
		}
	})
}

func TestDisableUser(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		u := f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		_, tok := f.session(t, "clerk")
		_, sysadmin := f.userWithActor(t, "sysadm", []lvzhi.Role{lvzhi.RoleSysAdmin}, nil)
		_, secadmin := f.userWithActor(t, "anquan", []lvzhi.Role{lvzhi.RoleSecAdmin}, nil)

		_, err := st.ChangeUser(f.ctx, secadmin, u.ID, "disable", "")
		wantCode(t, err, lvzhi.ErrForbidden, "secadmin disables an account")
		_, err = st.ChangeUser(f.ctx, sysadmin, sysadmin.UserID, "disable", "")
		wantCode(t, err, lvzhi.ErrConflict, "sysadmin disables own account")

		got, err := st.ChangeUser(f.ctx, sysadmin, u.ID, "disable", "离职")
		if err != nil || got.State != lvzhi.UserDisabled {
			t.Fatalf("disable: %+v, %v", got, err)
		}
		_, err = st.Authenticate(f.ctx, tok, "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "session of a disabled account")
		_, err = st.SignIn(f.ctx, "clerk", testPassword, "", "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "sign in to a disabled account")
		wantMessage(t, err, "sign in to a disabled account", "停用")
		_, err = st.ChangeUser(f.ctx, sysadmin, u.ID, "disable", "")
		wantCode(t, err, lvzhi.ErrConflict, "disable twice")
		wantMessage(t, err, "disable twice", "已停用", "停用")

		if _, err := st.ChangeUser(f.ctx, sysadmin, u.ID, "enable", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, "", ""); err != nil {
			t.Errorf("sign in after enable: %v", err)
		}
	})
}

func TestTOTP(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		clock := clockOf(st)
		f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		a, tok := f.session(t, "clerk")

		secret, err := st.BeginTOTP(f.ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		err = st.ConfirmTOTP(f.ctx, a, "000000")
		wantField(t, err, "code", "confirm with a wrong code")
		code, _ := auth.TOTPCode(secret, st.Now())
		if err := st.ConfirmTOTP(f.ctx, a, code); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		if _, err := st.Authenticate(f.ctx, tok, ""); err != nil {
			t.Errorf("enrolling ended the session: %v", err)
		}

		clock.Advance(2 * time.Minute)
		_, err = st.SignIn(f.ctx, "clerk", testPassword, "", "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "sign in without a code")
		wantMessage(t, err, "sign in without a code", "动态口令")
		_, err = st.SignIn(f.ctx, "clerk", testPassword, "123456", "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "sign in with a wrong code")
		code, _ = auth.TOTPCode(secret, st.Now())
		_, err = st.SignIn(f.ctx, "clerk", "Wrong#Pass1", code, "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "sign in with a code and a wrong password")
		l, err := st.SignIn(f.ctx, "clerk", testPassword, code, "")
		if err != nil || l.MustEnrolTOTP {
			t.Fatalf("sign in with the code: %+v, %v", l, err)
		}

		// A security administrator resets the second factor of a lost phone.
		_, secadmin := f.userWithActor(t, "anquan", []lvzhi.Role{lvzhi.RoleSecAdmin}, nil)
		if err := st.ResetTOTP(f.ctx, secadmin, a.UserID); err != nil {
			t.Fatal(err)
		}
		_, err = st.Authenticate(f.ctx, l.Token, "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "session after a TOTP reset")
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, "", ""); err != nil {
			t.Errorf("sign in without a code after the reset: %v", err)
		}
	})
}

func TestAdminMustEnrolTOTP(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		f.createUser(t, "auditor", []lvzhi.Role{lvzhi.RoleAuditor}, nil)
		f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)

		l, err := st.SignIn(f.ctx, "auditor", testPassword, "", "")
		if err != nil || !l.MustEnrolTOTP {
			t.Fatalf("admin without TOTP: %+v, %v; want a login that must enrol", l, err)
		}
		a, err := st.Authenticate(f.ctx, l.Token, "")
		if err != nil || !a.MustEnrolTOTP {
			t.Errorf("admin actor MustEnrolTOTP = %v, %v", a.MustEnrolTOTP, err)
		}
		if a := f.actor(t, "clerk"); a.MustEnrolTOTP {
			t.Errorf("staff must enrol under the default policy")
		}

		st.WaiveTOTP = true
		if a, _ := st.Authenticate(f.ctx, l.Token, ""); a.MustEnrolTOTP {
			t.Errorf("MustEnrolTOTP set although st.WaiveTOTP")
		}
		if l, _ := st.SignIn(f.ctx, "auditor", testPassword, "", ""); l.MustEnrolTOTP {
			t.Errorf("Login.MustEnrolTOTP set although st.WaiveTOTP")
		}
		st.WaiveTOTP = false

		// A policy that asks everyone for a second factor.
		secadmin := lvzhi.Actor{UserID: 500, Username: "anquan", Roles: []lvzhi.Role{lvzhi.RoleSecAdmin}, CommitteeID: f.City, Committees: []int64{f.City}}
		p := lvzhi.DefaultPolicy()
		p.RequireTOTP = true
		if err := st.SetPolicy(f.ctx, secadmin, p); err != nil {
			t.Fatal(err)
		}
		if a := f.actor(t, "clerk"); !a.MustEnrolTOTP {
			t.Errorf("staff need not enrol although the policy requires TOTP")
		}
	})
}

func TestPolicy(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, secadmin := f.userWithActor(t, "anquan", []lvzhi.Role{lvzhi.RoleSecAdmin}, nil)
		_, sysadmin := f.userWithActor(t, "sysadm", []lvzhi.Role{lvzhi.RoleSysAdmin}, nil)

		p, err := st.Policy(f.ctx, secadmin)
		if err != nil || p != lvzhi.DefaultPolicy() {
			t.Fatalf("Policy of a new deployment = %+v, %v; want the default", p, err)
		}
		want := lvzhi.PasswordPolicy{MinLength: 12, MinClasses: 4, MaxAge: 60 * 24 * time.Hour, History: 8, MaxFailures: 3,
			LockoutFor: 30 * time.Minute, IdleTimeout: 15 * time.Minute, AbsoluteTimeout: 8 * time.Hour, RequireTOTP: true}
		if err := st.SetPolicy(f.ctx, secadmin, want); err != nil {
			t.Fatalf("secadmin sets the policy: %v", err)
		}
		if got, err := st.Policy(f.ctx, secadmin); err != nil || got != want {
			t.Errorf("Policy after SetPolicy = %+v, %v; want %+v", got, err, want)
		}

		_, auditor := f.userWithActor(t, "shenji", []lvzhi.Role{lvzhi.RoleAuditor}, nil)
		for _, a := range []lvzhi.Actor{sysadmin, auditor} {
			err := st.SetPolicy(f.ctx, a, lvzhi.DefaultPolicy())
			wantCode(t, err, lvzhi.ErrForbidden, a.Username+" sets the policy")
			_, err = st.Policy(f.ctx, a)
			wantCode(t, err, lvzhi.ErrForbidden, a.Username+" reads the policy")
		}
		bad := want
		bad.MinLength, bad.IdleTimeout = 4, 24*time.Hour
		err = st.SetPolicy(f.ctx, secadmin, bad)
		wantField(t, err, "min_length", "policy with a short minimum")
		wantField(t, err, "idle_minutes", "policy with idle longer than absolute")
		if got, _ := st.Policy(f.ctx, secadmin); got != want {
			t.Errorf("refused SetPolicy changed the policy to %+v", got)
		}

		// The saved policy is the one sign-in follows: three failures lock now.
		f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		var err3 error
		for i := 0; i < 3; i++ {
			_, err3 = st.SignIn(f.ctx, "clerk", "Wrong#Pass1", "", "")
		}
		wantMessage(t, err3, "third failure under MaxFailures 3", "锁定")
	})
}
