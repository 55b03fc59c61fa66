package store

import (
	"slices"
	"testing"
	"time"

	"lvzhi"
)

func TestCreateUser(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, sysadmin := f.userWithActor(t, "sysadm", []lvzhi.Role{lvzhi.RoleSysAdmin}, nil)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		otherDept := f.unit(t, f.Other, lvzhi.OrgDepartment, "办公室", 0)
		m := f.createMember(t, f.newMember("李强", 3))

		u, err := st.CreateUser(f.ctx, sysadmin, lvzhi.User{CommitteeID: f.City, Username: "  LiQiang ", Name: "李强",
			Roles: []lvzhi.Role{lvzhi.RoleMember, lvzhi.RoleLeader}, MemberID: m.ID}, testPassword)
		if err != nil {
			t.Fatalf("sysadmin creates a member account: %v (%v)", err, lvzhi.ErrorFields(err))
		}
		got, err := st.User(f.ctx, sysadmin, u.ID)
		if err != nil || got.Username != "liqiang" || got.State != lvzhi.UserActive || got.MemberID != m.ID ||
			!slices.Equal(got.Roles, []lvzhi.Role{lvzhi.RoleLeader, lvzhi.RoleMember}) || got.TOTPEnabled || !got.Created.Equal(st.Now()) {
			t.Errorf("User(%d) = %+v, %v", u.ID, got, err)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM password_history WHERE user_id = $1`, u.ID); n != 1 {
			t.Errorf("%d password history rows for a new account, want 1", n)
		}
		var hash string
		st.db.QueryRow(st.dialect.rebind(`SELECT password_hash FROM users WHERE id = $1`), u.ID).Scan(&hash)
		if hash == testPassword || len(hash) < 20 || hash[:9] != "$argon2id" {
			t.Errorf("stored password hash %q is not an argon2id hash", hash)
		}

		base := lvzhi.User{CommitteeID: f.City, Username: "newuser", Name: "新用户", Roles: []lvzhi.Role{lvzhi.RoleLeader}}
		tests := []struct {
			name     string
			a        lvzhi.Actor
			mod      func(*lvzhi.User)
			password string
			code     lvzhi.ErrorCode
			field    string
		}{
			{"short password", sysadmin, nil, "Ab1!", lvzhi.ErrInvalid, "password"},
			{"two classes", sysadmin, nil, "abcdefgh12345", lvzhi.ErrInvalid, "password"},
			{"password holds the username", sysadmin, nil, "Newuser-2026", lvzhi.ErrInvalid, "password"},
			{"sysadmin and auditor", sysadmin, func(u *lvzhi.User) { u.Roles = []lvzhi.Role{lvzhi.RoleSysAdmin, lvzhi.RoleAuditor} }, testPassword, lvzhi.ErrInvalid, "roles"},
			{"secadmin and staff", sysadmin, func(u *lvzhi.User) {
				u.Roles, u.DepartmentID = []lvzhi.Role{lvzhi.RoleSecAdmin, lvzhi.RoleStaff}, f.Dept
			}, testPassword, lvzhi.ErrInvalid, "roles"},
			{"no role", sysadmin, func(u *lvzhi.User) { u.Roles = nil }, testPassword, lvzhi.ErrInvalid, "roles"},
			{"staff without department", sysadmin, func(u *lvzhi.User) { u.Roles = []lvzhi.Role{lvzhi.RoleStaff} }, testPassword, lvzhi.ErrInvalid, "department_id"},
			{"department of another committee", sysadmin, func(u *lvzhi.User) {
				u.Roles, u.DepartmentID = []lvzhi.Role{lvzhi.RoleStaff}, otherDept
			}, testPassword, lvzhi.ErrInvalid, "department_id"},
			{"a sector as handling unit", sysadmin, func(u *lvzhi.User) {
				u.Roles, u.UnitID = []lvzhi.Role{lvzhi.RoleUnit}, f.Sectors[0]
			}, testPassword, lvzhi.ErrInvalid, "unit_id"},
			{"bad username", sysadmin, func(u *lvzhi.User) { u.Username = "1x" }, testPassword, lvzhi.ErrInvalid, "username"},
			{"username taken", sysadmin, func(u *lvzhi.User) { u.Username = "LIQIANG" }, testPassword, lvzhi.ErrInvalid, "username"},
			{"staff may not", staff, nil, testPassword, lvzhi.ErrForbidden, ""},
			{"another committee", sysadmin, func(u *lvzhi.User) { u.CommitteeID = f.Other }, testPassword, lvzhi.ErrForbidden, ""},
		}
		users := countRows(t, st, `SELECT COUNT(*) FROM users`)
		for _, tc := range tests {
			u := base
			if tc.mod != nil {
				tc.mod(&u)
			}
			_, err := st.CreateUser(f.ctx, tc.a, u, tc.password)
			wantCode(t, err, tc.code, "CreateUser: "+tc.name)
			if tc.field != "" {
				wantField(t, err, tc.field, "CreateUser: "+tc.name)
			}
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM users`); n != users {
			t.Errorf("refused CreateUser calls wrote %d accounts", n-users)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM user_roles WHERE user_id NOT IN (SELECT id FROM users)`); n != 0 {
			t.Errorf("%d role rows without an account", n)
		}
	})
}

func TestSignInAndAuthenticate(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		u := f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff, lvzhi.RoleLeader}, nil)

		l, err := st.SignIn(f.ctx, "clerk", testPassword, "", "192.0.2.7")
		if err != nil {
			t.Fatalf("sign in: %v", err)
		}
		if l.Token == "" || l.User.ID != u.ID || !l.ExpiresAt.Equal(st.Now().Add(12*time.Hour)) || l.MustChangePassword || l.MustEnrolTOTP {
			t.Errorf("Login = %+v", l)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM auth_sessions WHERE token_hash = $1`, l.Token); n != 0 {
			t.Errorf("the session token is stored in clear")
		}
		a, err := st.Authenticate(f.ctx, l.Token, "192.0.2.8")
		if err != nil {
			t.Fatalf("authenticate: %v", err)
		}
		if a.UserID != u.ID || a.Username != "clerk" || a.Name != u.Name || a.CommitteeID != f.City ||
			!slices.Equal(a.Committees, []int64{f.City}) || a.DepartmentID != f.Dept || a.IP != "192.0.2.8" || a.System ||
			!a.Has(lvzhi.RoleStaff) || !a.Has(lvzhi.RoleLeader) || a.Has(lvzhi.RoleMember) || a.MustEnrolTOTP {
			t.Errorf("actor = %+v", a)
		}
		if got, _ := st.User(f.ctx, f.sys, u.ID); !got.LastLogin.Equal(st.Now()) || got.FailedLogins != 0 {
			t.Errorf("after sign-in: last login %v failures %d", got.LastLogin, got.FailedLogins)
		}

		for _, tok := range []string{"", "not-a-token", l.Token + "x"} {
			_, err := st.Authenticate(f.ctx, tok, "")
			wantCode(t, err, lvzhi.ErrUnauthorized, "Authenticate with token "+tok)
		}
		// Wrong password and unknown user get the same answer.
		_, err1 := st.SignIn(f.ctx, "clerk", "Wrong#Pass1", "", "192.0.2.9")
		_, err2 := st.SignIn(f.ctx, "nobody", testPassword, "", "192.0.2.9")
		wantCode(t, err1, lvzhi.ErrUnauthorized, "wrong password")
		wantCode(t, err2, lvzhi.ErrUnauthorized, "unknown user")
		if lvzhi.ErrorMessage(err1) != lvzhi.ErrorMessage(err2) {
			t.Errorf("wrong password says %q, unknown user %q: the answer tells which", lvzhi.ErrorMessage(err1), lvzhi.ErrorMessage(err2))
		}

		// Signing out ends that session only.
		l2, err := st.SignIn(f.ctx, "clerk", testPassword, "", "192.0.2.7")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SignOut(f.ctx, a, l.Token); err != nil {
			t.Fatal(err)
		}
		_, err = st.Authenticate(f.ctx, l.Token, "")
		wantCode(t, err, lvzhi.ErrUnauthorized, "Authenticate after sign-out")
		if _, err := st.Authenticate(f.ctx, l2.Token, ""); err != nil {
			t.Errorf("the other session ended with the first: %v", err)
		}
	})
}

func TestLockout(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		clock := clockOf(st)
		u := f.createUser(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		_, secadmin := f.userWithActor(t, "anquan", []lvzhi.Role{lvzhi.RoleSecAdmin}, nil)
		_, staff := f.userWithActor(t, "keyuan", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		wrong := func(n int) error {
			var err error
			for i := 0; i < n; i++ {
				_, err = st.SignIn(f.ctx, "clerk", "Wrong#Pass1", "", "203.0.113.5")
			}
			return err
		}

		// Four failures and a success start the count again.
		err := wrong(4)
		wantMessage(t, err, "fourth failure", "用户名或密码错误")
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, "", ""); err != nil {
			t.Fatalf("right password after four failures: %v", err)
		}
		if err := wrong(4); lvzhi.ErrorMessage(err) != "用户名或密码错误。" {
			t.Fatalf("failures were not reset by a success: %v", err)
		}
		err = wrong(1)
		wantCode(t, err, lvzhi.ErrUnauthorized, "fifth failure")
		wantMessage(t, err, "fifth failure", "锁定")
		_, err = st.SignIn(f.ctx, "clerk", testPassword, "", "203.0.113.5")
		wantMessage(t, err, "right password while locked", "锁定")
		if got, _ := st.User(f.ctx, f.sys, u.ID); !got.Locked(st.Now()) || !got.LockedUntil.Equal(st.Now().Add(15*time.Minute)) {
			t.Errorf("locked until %v, want %v", got.LockedUntil, st.Now().Add(15*time.Minute))
		}

		clock.Advance(14 * time.Minute)
		_, err = st.SignIn(f.ctx, "clerk", testPassword, "", "")
		wantMessage(t, err, "right password after 14 minutes", "锁定")
		clock.Advance(2 * time.Minute)
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, "", ""); err != nil {
			t.Fatalf("right password after 16 minutes: %v", err)
		}

		// Locked again; staff may not unlock, the security administrator may.
		wrong(5)
		before := lastAuditID(t, st)
		err = st.Unlock(f.ctx, staff, u.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "staff unlocks")
		if rows := auditAfter(t, st, before); len(rows) != 1 || rows[0].Result != lvzhi.AuditDenied || rows[0].Action != "user.unlock" {
			t.Errorf("audit of a refused unlock: %+v", rows)
		}
		_, err = st.SignIn(f.ctx, "clerk", testPassword, "", "")
		wantMessage(t, err, "still locked after a refused unlock", "锁定")
		if err := st.Unlock(f.ctx, secadmin, u.ID); err != nil {
			t.Fatalf("secadmin unlocks: %v", err)
		}
		if _, err := st.SignIn(f.ctx, "clerk", testPassword, "", ""); err != nil {
			t.Errorf("sign in after unlock: %v", err)
		}
		if h, _ := st.UserHistory(f.ctx, secadmin, u.ID); len(h) == 0 || h[0].Action != "unlock" || h[0].ActorID != secadmin.UserID {
			t.Errorf("history after unlock: %+v", h)
		}
	})
}
