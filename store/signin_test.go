package store

import (
	"slices"
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/auth"
)

// SignIn's contract: "Every attempt, successful or not, is audited with the IP."
func TestSignInWithoutCodeIsAudited(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		a := f.actor(t, "clerk")
		secret, _ := st.BeginTOTP(f.ctx, a)
		code, _ := auth.TOTPCode(secret, st.Now())
		if err := st.ConfirmTOTP(f.ctx, a, code); err != nil {
			t.Fatal(err)
		}
		before := lastAuditID(t, st)
		_, err := st.SignIn(f.ctx, "clerk", testPassword, "", "203.0.113.9")
		wantCode(t, err, lvzhi.ErrUnauthorized, "sign in without the code")
		rows := auditAfter(t, st, before)
		if len(rows) != 1 || rows[0].Action != "login" || rows[0].IP != "203.0.113.9" || rows[0].Result == lvzhi.AuditOK {
			t.Errorf("BUG (store/session.go SignIn): an attempt with the right password and no TOTP code left audit rows %+v; "+
				"the branch `if totp == \"\" { return … \"请输入动态口令…\" }` returns before any s.Audit. Audit it "+
				"(result fail, detail 未输入动态口令) like the other refusals", rows)
		}
	})
}

// A wrong password must get the one answer for "wrong username or password" whatever the
// account's state: the disabled branch answers before the password is checked (and without
// spending the argon2 time), so it tells a stranger that the username exists.
func TestSignInDisabledWrongPassword(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		u := f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		if _, err := st.ChangeUser(f.ctx, f.sys, u.ID, "disable", ""); err != nil {
			t.Fatal(err)
		}
		_, unknown := st.SignIn(f.ctx, "nobody", "Wrong#Pass1", "", "")
		_, disabled := st.SignIn(f.ctx, "clerk", "Wrong#Pass1", "", "")
		if lvzhi.ErrorMessage(disabled) != lvzhi.ErrorMessage(unknown) {
			t.Errorf("BUG (store/session.go SignIn): a wrong password for a disabled account answers %q, an unknown user %q: "+
				"the answer tells that the username exists. Verify the password first and say 已停用 only to the holder "+
				"of the right password", lvzhi.ErrorMessage(disabled), lvzhi.ErrorMessage(unknown))
		}
		// The holder of the right password is told why.
		_, err := st.SignIn(f.ctx, "clerk", testPassword, "", "")
		wantMessage(t, err, "right password, disabled account", "停用")
	})
}

// BeginTOTP on an account whose second factor is on must not hand out a secret that is
// silently thrown away (its UPDATE matches no row) as if it were the new one.
func TestBeginTOTPWhenEnabled(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		a := f.actor(t, "clerk")
		secret, _ := st.BeginTOTP(f.ctx, a)
		code, _ := auth.TOTPCode(secret, st.Now())
		if err := st.ConfirmTOTP(f.ctx, a, code); err != nil {
			t.Fatal(err)
		}
		again, err := st.BeginTOTP(f.ctx, a)
		if err == nil {
			var stored string
			st.db.QueryRow(st.dialect.rebind(`SELECT totp_secret FROM users WHERE id = $1`), a.UserID).Scan(&stored)
			if stored != again {
				t.Errorf("BUG (store/password.go BeginTOTP): on an account with TOTP on it returned a new secret and audited " +
					"user.totp_begin ok, but the secret was not stored (UPDATE … AND totp_enabled = FALSE matched nothing), " +
					"so codes from the app the user just set up never work. Answer ErrConflict (已启用动态口令,如需更换请联系安全管理员重置) " +
					"when the update changes no row")
			}
		}
		// The old factor still works either way (with the next code: the confirming one is spent).
		code, _ = auth.TOTPCode(secret, st.Now().Add(30*time.Second))
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, code, ""); err != nil {
			t.Errorf("sign in with the original factor: %v", err)
		}
	})
}

// A TOTP code signs in once: the same code typed again (read over a shoulder, or the form
// sent twice) is refused within its window, and so is the code that confirmed the app.
func TestTOTPCodeUsedOnce(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		a := f.actor(t, "clerk")
		clock := clockOf(st)
		secret, _ := st.BeginTOTP(f.ctx, a)
		confirm, _ := auth.TOTPCode(secret, st.Now())
		if err := st.ConfirmTOTP(f.ctx, a, confirm); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, confirm, ""); lvzhi.ErrorCodeOf(err) != lvzhi.ErrUnauthorized {
			t.Errorf("sign in with the code that confirmed the app: %v, want refused", err)
		}
		clock.Advance(30 * time.Second)
		code, _ := auth.TOTPCode(secret, st.Now())
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, code, ""); err != nil {
			t.Fatalf("first sign-in with a fresh code: %v", err)
		}
		clock.Advance(20 * time.Second) // still inside the code's window
		_, err := st.SignIn(f.ctx, "clerk", testPassword, code, "")
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrUnauthorized || !strings.Contains(lvzhi.ErrorMessage(err), "已使用") {
			t.Errorf("the same code again: %v, want 该动态口令已使用过", err)
		}
		clock.Advance(30 * time.Second)
		next, _ := auth.TOTPCode(secret, st.Now())
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, next, ""); err != nil {
			t.Errorf("the next code: %v", err)
		}
	})
}

func TestListUsers(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		clock := clockOf(st)
		_, sysadmin := f.userWithActor(t, "sysadm", []lvzhi.Role{lvzhi.RoleSysAdmin}, nil)
		_, secadmin := f.userWithActor(t, "anquan", []lvzhi.Role{lvzhi.RoleSecAdmin}, nil)
		f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		f.createUser(t, "keyuan", []lvzhi.Role{lvzhi.RoleStaff, lvzhi.RoleLeader}, nil)
		gone := f.createUser(t, "lingdao", []lvzhi.Role{lvzhi.RoleLeader}, nil)
		f.createUser(t, "tianshui", []lvzhi.Role{lvzhi.RoleStaff}, func(u *lvzhi.User) {
			u.CommitteeID, u.DepartmentID = f.Other, f.unit(t, f.Other, lvzhi.OrgDepartment, "办公室", 0)
		})
		if _, err := st.ChangeUser(f.ctx, sysadmin, gone.ID, "disable", ""); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 5; i++ {
			st.SignIn(f.ctx, "clerk", "Wrong#Pass1", "", "")
		}
		names := func(uf lvzhi.UserFilter) ([]string, int) {
			t.Helper()
			uf.CommitteeID = f.City
			list, total, err := st.ListUsers(f.ctx, secadmin, uf)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, u := range list {
				out = append(out, u.Username)
			}
			return out, total
		}
		tests := []struct {
			name string
			f    lvzhi.UserFilter
			want []string
		}{
			{"all", lvzhi.UserFilter{}, []string{"anquan", "clerk", "keyuan", "lingdao", "sysadm"}},
			{"staff", lvzhi.UserFilter{Role: lvzhi.RoleStaff}, []string{"clerk", "keyuan"}},
			{"leaders", lvzhi.UserFilter{Role: lvzhi.RoleLeader}, []string{"keyuan", "lingdao"}},
			{"disabled", lvzhi.UserFilter{State: lvzhi.UserDisabled}, []string{"lingdao"}},
			{"active", lvzhi.UserFilter{State: lvzhi.UserActive}, []string{"anquan", "clerk", "keyuan", "sysadm"}},
			{"locked", lvzhi.UserFilter{State: "locked"}, []string{"clerk"}},
			{"q", lvzhi.UserFilter{Q: "an"}, []string{"anquan", "keyuan"}},
			{"page 2 of 2", lvzhi.UserFilter{Paging: lvzhi.Paging{Page: 2, PerPage: 2}}, []string{"keyuan", "lingdao"}},
		}
		for _, tc := range tests {
			got, total := names(tc.f)
			wantTotal := len(tc.want)
			if tc.f.PerPage == 2 {
				wantTotal = 5
			}
			if !slices.Equal(got, tc.want) || total != wantTotal {
				t.Errorf("ListUsers %s = %v (total %d), want %v (total %d)", tc.name, got, total, tc.want, wantTotal)
			}
		}
		list, _, _ := st.ListUsers(f.ctx, secadmin, lvzhi.UserFilter{CommitteeID: f.City, Q: "keyuan"})
		if len(list) != 1 || !slices.Equal(list[0].Roles, []lvzhi.Role{lvzhi.RoleLeader, lvzhi.RoleStaff}) {
			t.Errorf("ListUsers roles: %+v", list)
		}
		clock.Advance(16 * time.Minute)
		if got, _ := names(lvzhi.UserFilter{State: "locked"}); len(got) != 0 {
			t.Errorf("locked after the lockout ran out: %v", got)
		}
		_, _, err := st.ListUsers(f.ctx, f.actor(t, "keyuan"), lvzhi.UserFilter{CommitteeID: f.City})
		wantCode(t, err, lvzhi.ErrForbidden, "staff lists accounts")
	})
}
