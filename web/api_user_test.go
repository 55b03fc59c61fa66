package web

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestAPIUsers(t *testing.T) {
	f := newAPIFixture(t)
	admin := f.login("sysadmin")

	status, body := f.call("GET", "/api/v1/users?role=staff", admin, nil)
	var page listJSON[userJSON]
	if f.decode(body, &page); status != http.StatusOK || page.Total != 1 || page.Items[0].Username != "clerk" {
		t.Fatalf("list: %d %s", status, body)
	}
	in := map[string]any{"username": "wangwu", "name": "王五", "roles": []string{"staff"}, "password": "Xin-Mima-2026"}
	status, body = f.call("POST", "/api/v1/users", admin, in)
	if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["department_id"] == "" {
		t.Errorf("missing department not named: %s", body)
	}
	in["department_id"] = f.department.ID
	status, body = f.call("POST", "/api/v1/users", admin, in)
	var u userJSON
	if f.decode(body, &u); status != http.StatusCreated || u.State != "active" || len(u.Roles) != 1 || u.DepartmentID == nil {
		t.Fatalf("create: %d %s", status, body)
	}
	path := fmt.Sprintf("/api/v1/users/%d", u.ID)

	status, body = f.call("PATCH", path, admin, map[string]any{"name": "王五一"})
	if f.decode(body, &u); status != http.StatusOK || u.Name != "王五一" || u.Roles[0] != "staff" {
		t.Errorf("patch: %d %s", status, body)
	}
	status, body = f.call("PATCH", path, admin, map[string]any{"username": "other"})
	f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")

	status, body = f.call("POST", path+"/actions/disable", admin, map[string]string{"note": "调离"})
	if f.decode(body, &u); status != http.StatusOK || u.State != "disabled" {
		t.Fatalf("disable: %d %s", status, body)
	}
	status, body = f.call("POST", path+"/actions/disable", admin, nil)
	f.wantError(status, body, http.StatusConflict, "conflict", "已停用", "停用")
	if status, body = f.call("POST", path+"/actions/enable", admin, nil); status != http.StatusOK {
		t.Errorf("enable: %d %s", status, body)
	}
	status, body = f.call("POST", path+"/actions/reset_password", admin, map[string]string{"password": "Chong-Zhi-2026"})
	if status != http.StatusOK {
		t.Fatalf("reset password: %d %s", status, body)
	}
	status, body = f.call("POST", "/api/v1/login", "", loginRequest{Username: "wangwu", Password: "Chong-Zhi-2026"})
	if status != http.StatusOK {
		t.Errorf("login after reset: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/users", f.login("clerk"), nil)
	f.wantError(status, body, http.StatusForbidden, "forbidden")

	// A system administrator may work in the committees below their own.
	status, body = f.call("POST", "/api/v1/me/committee", admin, map[string]int64{"committee_id": f.other.CommitteeID})
	var me meJSON
	if f.decode(body, &me); status != http.StatusOK || me.CommitteeID != f.other.CommitteeID || len(me.Committees) != 2 {
		t.Errorf("switch committee: %d %s", status, body)
	}
}

func TestAPIPolicyLockoutAudit(t *testing.T) {
	f := newAPIFixture(t)
	sec := f.login("secadmin")

	status, body := f.call("GET", "/api/v1/policy", sec, nil)
	var p policyJSON
	if f.decode(body, &p); status != http.StatusOK || p.MaxFailures != 5 || p.MinLength != 8 {
		t.Fatalf("policy: %d %s", status, body)
	}
	status, body = f.call("PUT", "/api/v1/policy", sec, map[string]int{"max_failures": 2})
	if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["min_length"] == "" {
		t.Errorf("missing fields not named: %s", body)
	}
	p.MaxFailures = 2
	status, body = f.call("PUT", "/api/v1/policy", sec, p)
	if f.decode(body, &p); status != http.StatusOK || p.MaxFailures != 2 {
		t.Fatalf("put policy: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/policy", f.login("clerk"), nil)
	f.wantError(status, body, http.StatusForbidden, "forbidden")

	// Two failures lock the account; the right password is then refused until unlocked.
	f.call("POST", "/api/v1/login", "", loginRequest{Username: "liwei", Password: "wrong"})
	status, body = f.call("POST", "/api/v1/login", "", loginRequest{Username: "liwei", Password: "wrong"})
	f.wantError(status, body, http.StatusUnauthorized, "unauthorized", "锁定")
	status, body = f.call("POST", "/api/v1/login", "", loginRequest{Username: "liwei", Password: testPassword})
	f.wantError(status, body, http.StatusUnauthorized, "unauthorized", "锁定")
	status, body = f.call("GET", "/api/v1/users?state=locked", sec, nil)
	var users listJSON[userJSON]
	if f.decode(body, &users); status != http.StatusOK || users.Total != 1 || !users.Items[0].Locked {
		t.Fatalf("locked users: %d %s", status, body)
	}
	status, body = f.call("POST", fmt.Sprintf("/api/v1/users/%d/actions/unlock", users.Items[0].ID), sec, nil)
	if status != http.StatusOK {
		t.Fatalf("unlock: %d %s", status, body)
	}
	f.login("liwei")

	auditor := f.login("auditor")
	status, body = f.call("GET", "/api/v1/audit?action=login&per_page=2", auditor, nil)
	var rows listJSON[auditJSON]
	if f.decode(body, &rows); status != http.StatusOK || len(rows.Items) != 2 || rows.Total < 5 || rows.Items[0].Hash == "" {
		t.Errorf("audit: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/audit?from=yesterday", auditor, nil)
	f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")
	status, body = f.call("GET", "/api/v1/audit", sec, nil)
	f.wantError(status, body, http.StatusForbidden, "forbidden")
}

func TestAPIExpiredPassword(t *testing.T) {
	f := newAPIFixture(t)
	f.st.Now = func() time.Time { return time.Now().UTC().Add(100 * 24 * time.Hour).Truncate(time.Second) }

	status, body := f.call("POST", "/api/v1/login", "", loginRequest{Username: "clerk", Password: testPassword})
	var l loginJSON
	if f.decode(body, &l); status != http.StatusOK || l.Token == "" || !l.MustChangePassword || l.MustEnrolTOTP {
		t.Fatalf("login with an expired password: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/members", l.Token, nil)
	f.wantError(status, body, http.StatusForbidden, "forbidden", "修改密码")
	status, body = f.call("POST", "/api/v1/me/password", l.Token, map[string]string{"current": "wrong", "password": "Xin-Mima-2026"})
	f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")
	status, body = f.call("POST", "/api/v1/me/password", l.Token, map[string]string{"current": testPassword, "password": "Xin-Mima-2026"})
	if status != http.StatusNoContent {
		t.Fatalf("change password: %d %s", status, body)
	}
	status, body = f.call("POST", "/api/v1/login", "", loginRequest{Username: "clerk", Password: "Xin-Mima-2026"})
	if f.decode(body, &l); status != http.StatusOK || l.MustChangePassword {
		t.Errorf("login with the new password: %d %s", status, body)
	}
}
