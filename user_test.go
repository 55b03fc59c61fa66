package lvzhi

import (
	"strings"
	"testing"
	"time"
)

func TestValidateRolesSeparatesAdministrators(t *testing.T) {
	admins := []Role{RoleSysAdmin, RoleSecAdmin, RoleAuditor}
	all := []Role{RoleMember, RoleStaff, RoleUnit, RoleLeader, RoleSysAdmin, RoleSecAdmin, RoleAuditor}
	for _, a := range admins {
		if err := ValidateRoles([]Role{a}, 0, 0); err != nil {
			t.Errorf("%s alone: %v", a, err)
		}
		for _, other := range all {
			if other == a {
				continue
			}
			// Department and unit are given, so only 三员分立 can refuse the pair.
			for _, roles := range [][]Role{{a, other}, {other, a}} {
				err := ValidateRoles(roles, 10, 20)
				if ErrorCodeOf(err) != ErrInvalid || !strings.Contains(ErrorFields(err)["roles"], "三员分立") {
					t.Errorf("ValidateRoles(%v) = %v (%v), want a 三员分立 refusal", roles, err, ErrorFields(err))
				}
			}
		}
	}
	if err := ValidateRoles([]Role{RoleLeader, RoleMember, RoleAuditor}, 0, 0); ErrorFields(err)["roles"] == "" {
		t.Errorf("two business roles and an auditor must be refused, got %v", err)
	}
}

func TestValidateRoles(t *testing.T) {
	tests := []struct {
		name        string
		roles       []Role
		dept, unit  int64
		field, want string // field "" when valid; want is a part of the message
	}{
		{"member", []Role{RoleMember}, 0, 0, "", ""},
		{"leader and member", []Role{RoleLeader, RoleMember}, 0, 0, "", ""},
		{"staff with department", []Role{RoleStaff}, 10, 0, "", ""},
		{"staff who is also a member", []Role{RoleStaff, RoleMember}, 10, 0, "", ""},
		{"unit with unit", []Role{RoleUnit}, 0, 20, "", ""},
		{"no role", nil, 0, 0, "roles", "请至少选择一个角色"},
		{"empty list", []Role{}, 0, 0, "roles", "请至少选择一个角色"},
		{"unknown role", []Role{"root"}, 0, 0, "roles", "未知的角色:root"},
		{"duplicate role", []Role{RoleMember, RoleMember}, 0, 0, "roles", "角色重复:委员"},
		{"duplicate administrator", []Role{RoleAuditor, RoleAuditor}, 0, 0, "roles", "角色重复"},
		{"staff without department", []Role{RoleStaff}, 0, 20, "department_id", "机关工作人员须选择所在科室"},
		{"staff and leader without department", []Role{RoleLeader, RoleStaff}, 0, 0, "department_id", "所在科室"},
		{"unit without unit", []Role{RoleUnit}, 10, 0, "unit_id", "承办单位用户须选择所属承办单位"},
	}
	for _, tc := range tests {
		err := ValidateRoles(tc.roles, tc.dept, tc.unit)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if ErrorCodeOf(err) != ErrInvalid || !strings.Contains(ErrorFields(err)[tc.field], tc.want) {
			t.Errorf("%s: ValidateRoles = %v %v, want %s: %q", tc.name, err, ErrorFields(err), tc.field, tc.want)
		}
	}
}

func TestUserValidate(t *testing.T) {
	valid := User{Username: "zhangsan", Name: "张三", Roles: []Role{RoleStaff}, DepartmentID: 10}
	if err := valid.Validate(); err != nil {
		t.Fatalf("valid user: %v", err)
	}
	usernames := []struct {
		username string
		ok       bool
	}{
		{"abc", true},
		{"zhang.san", true},
		{"li-si_2", true},
		{"a" + strings.Repeat("b", 31), true},  // 32 characters
		{"a" + strings.Repeat("b", 32), false}, // 33 characters
		{"ab", false},
		{"", false},
		{"1abc", false},
		{"_abc", false},
		{"Zhangsan", false},
		{"zhang san", false},
		{"zhangsan\n", false},
		{"张三", false},
		{"zhang@san", false},
	}
	for _, tc := range usernames {
		u := valid
		u.Username = tc.username
		err := u.Validate()
		bad := ErrorFields(err)["username"] != ""
		if bad == tc.ok {
			t.Errorf("username %q: Validate = %v, want ok=%v", tc.username, err, tc.ok)
		}
		if !tc.ok && len(ErrorFields(err)) != 1 {
			t.Errorf("username %q: only the username is wrong, got %v", tc.username, ErrorFields(err))
		}
	}
	for _, tc := range []struct {
		name  string
		u     User
		field string
	}{
		{"blank name", User{Username: "abc", Name: "  ", Roles: []Role{RoleMember}}, "name"},
		{"no roles", User{Username: "abc", Name: "甲"}, "roles"},
		{"staff without department", User{Username: "abc", Name: "甲", Roles: []Role{RoleStaff}}, "department_id"},
		{"unit without unit", User{Username: "abc", Name: "甲", Roles: []Role{RoleUnit}}, "unit_id"},
		{"admin with another role", User{Username: "abc", Name: "甲", Roles: []Role{RoleSysAdmin, RoleMember}}, "roles"},
	} {
		err := tc.u.Validate()
		if ErrorCodeOf(err) != ErrInvalid || ErrorFields(err)[tc.field] == "" || len(ErrorFields(err)) != 1 {
			t.Errorf("%s: Validate = %v %v, want only %s", tc.name, err, ErrorFields(err), tc.field)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	p := DefaultPolicy()
	const (
		tooShort   = "密码至少八位"
		tooLong    = "密码不能超过128个字符"
		classes3   = "密码须包含小写字母、大写字母、数字、符号中的至少三类"
		hasAccount = "密码不能包含用户名"
	)
	tests := []struct {
		name, username, password, want string
	}{
		{"8 characters, 3 classes", "zhangsan", "Abcdef12", ""},
		{"7 characters", "zhangsan", "Abcde12", tooShort},
		{"empty", "zhangsan", "", tooShort},
		{"lower and digits only", "zhangsan", "abcdef123", classes3},
		{"lower and upper only", "zhangsan", "abcdEFGH", classes3},
		{"lower, digit, symbol", "zhangsan", "abcd-1234", ""},
		{"upper, digit, symbol", "zhangsan", "ABCD-1234", ""},
		{"Chinese counts as a symbol", "zhangsan", "abcd1234兰州", ""},
		{"contains the username", "zhangsan", "Zhangsan-2026", hasAccount},
		{"contains the username, other case", "zhangsan", "x-ZHANGSAN-1", hasAccount},
		{"no username given", "", "Abcdef12", ""},
		{"128 characters", "zhangsan", "Aa1-" + strings.Repeat("x", 124), ""},
		{"129 characters", "zhangsan", "Aa1-" + strings.Repeat("x", 125), tooLong},
		{"demo password", "staff", "Demo-2026-lvzhi", ""},
	}
	for _, tc := range tests {
		if got := p.CheckPassword(tc.username, tc.password); got != tc.want {
			t.Errorf("%s: CheckPassword(%q, %q) = %q, want %q", tc.name, tc.username, tc.password, got, tc.want)
		}
	}

	p4 := DefaultPolicy()
	p4.MinClasses, p4.MinLength = 4, 12
	if got := p4.CheckPassword("", "Abcdefgh1234"); got != "密码须包含小写字母、大写字母、数字、符号中的至少四类" {
		t.Errorf("4 classes policy, 3 classes given: %q", got)
	}
	if got := p4.CheckPassword("", "Abcdefgh12-4"); got != "" {
		t.Errorf("4 classes policy, 4 classes given: %q", got)
	}
	if got := p4.CheckPassword("", "Abcdefg12-4"); got != "密码至少十二位" {
		t.Errorf("12 characters policy, 11 given: %q", got)
	}
}

// TestCheckPasswordLimitCountsCharacters: the minimum is counted in characters and the
// refusal says "不能超过128个字符" (characters), so a 60-character password written partly
// in Chinese must not be refused as too long.
func TestCheckPasswordLimitCountsCharacters(t *testing.T) {
	pw := "Aa1-" + strings.Repeat("政", 56) // 60 characters, 172 bytes
	if got := DefaultPolicy().CheckPassword("zhangsan", pw); got != "" {
		t.Errorf("DOMAIN BUG: a %d-character password is refused with %q: CheckPassword counts the 128 limit in bytes (len=%d) while the minimum and the message count characters",
			len([]rune(pw)), got, len(pw))
	}
}

func TestPasswordExpired(t *testing.T) {
	changed := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	p := DefaultPolicy()
	never := p
	never.MaxAge = 0
	tests := []struct {
		name string
		p    PasswordPolicy
		now  time.Time
		want bool
	}{
		{"same day", p, changed, false},
		{"89 days", p, changed.Add(89 * day), false},
		{"exactly 90 days", p, changed.Add(90 * day), false},
		{"90 days and a second", p, changed.Add(90*day + time.Second), true},
		{"91 days", p, changed.Add(91 * day), true},
		{"no maximum age, 10 years", never, changed.Add(3650 * day), false},
	}
	for _, tc := range tests {
		if got := tc.p.PasswordExpired(changed, tc.now); got != tc.want {
			t.Errorf("%s: PasswordExpired = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNeedsTOTP(t *testing.T) {
	p := DefaultPolicy()
	all := p
	all.RequireTOTP = true
	tests := []struct {
		name  string
		p     PasswordPolicy
		roles []Role
		want  bool
	}{
		{"sysadmin", p, []Role{RoleSysAdmin}, true},
		{"secadmin", p, []Role{RoleSecAdmin}, true},
		{"auditor", p, []Role{RoleAuditor}, true},
		{"member", p, []Role{RoleMember}, false},
		{"staff", p, []Role{RoleStaff}, false},
		{"unit", p, []Role{RoleUnit}, false},
		{"leader and member", p, []Role{RoleLeader, RoleMember}, false},
		{"no roles", p, nil, false},
		{"member when everyone needs it", all, []Role{RoleMember}, true},
		{"unit when everyone needs it", all, []Role{RoleUnit}, true},
	}
	for _, tc := range tests {
		if got := tc.p.NeedsTOTP(tc.roles); got != tc.want {
			t.Errorf("%s: NeedsTOTP = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatalf("default policy invalid: %v %v", err, ErrorFields(err))
	}
	// 等保三级 practice: 8 characters of 3 classes, changed every 90 days, 5 remembered,
	// locked 15 minutes after 5 failures; administrators always need a second factor.
	if p.MinLength != 8 || p.MinClasses != 3 || p.MaxAge != 90*24*time.Hour || p.History != 5 ||
		p.MaxFailures != 5 || p.LockoutFor != 15*time.Minute || p.IdleTimeout != 30*time.Minute ||
		p.AbsoluteTimeout != 12*time.Hour || p.RequireTOTP {
		t.Errorf("default policy = %+v", p)
	}
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*PasswordPolicy)
		field  string // "" when still valid
	}{
		{"min length 7", func(p *PasswordPolicy) { p.MinLength = 7 }, "min_length"},
		{"min length 64", func(p *PasswordPolicy) { p.MinLength = 64 }, ""},
		{"min length 65", func(p *PasswordPolicy) { p.MinLength = 65 }, "min_length"},
		{"0 classes", func(p *PasswordPolicy) { p.MinClasses = 0 }, "min_classes"},
		{"4 classes", func(p *PasswordPolicy) { p.MinClasses = 4 }, ""},
		{"5 classes", func(p *PasswordPolicy) { p.MinClasses = 5 }, "min_classes"},
		{"negative history", func(p *PasswordPolicy) { p.History = -1 }, "history"},
		{"no history", func(p *PasswordPolicy) { p.History = 0 }, ""},
		{"history 24", func(p *PasswordPolicy) { p.History = 24 }, ""},
		{"history 25", func(p *PasswordPolicy) { p.History = 25 }, "history"},
		{"0 failures", func(p *PasswordPolicy) { p.MaxFailures = 0 }, "max_failures"},
		{"20 failures", func(p *PasswordPolicy) { p.MaxFailures = 20 }, ""},
		{"21 failures", func(p *PasswordPolicy) { p.MaxFailures = 21 }, "max_failures"},
		{"lockout 59 s", func(p *PasswordPolicy) { p.LockoutFor = 59 * time.Second }, "lockout_minutes"},
		{"lockout 1 min", func(p *PasswordPolicy) { p.LockoutFor = time.Minute }, ""},
		{"idle 59 s", func(p *PasswordPolicy) { p.IdleTimeout = 59 * time.Second }, "idle_minutes"},
		{"absolute shorter than idle", func(p *PasswordPolicy) { p.AbsoluteTimeout = 29 * time.Minute }, "idle_minutes"},
		{"absolute equal to idle", func(p *PasswordPolicy) { p.AbsoluteTimeout = p.IdleTimeout }, ""},
		{"password never expires", func(p *PasswordPolicy) { p.MaxAge = 0 }, ""},
	}
	for _, tc := range tests {
		p := DefaultPolicy()
		tc.change(&p)
		err := p.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v %v", tc.name, err, ErrorFields(err))
			}
			continue
		}
		f := ErrorFields(err)
		if ErrorCodeOf(err) != ErrInvalid || f[tc.field] == "" || len(f) != 1 {
			t.Errorf("%s: Validate = %v %v, want only %s", tc.name, err, f, tc.field)
		}
	}
	// The zero policy breaks every rule but history (keeping no old passwords is allowed).
	if f := ErrorFields(PasswordPolicy{}.Validate()); len(f) != 5 || f["history"] != "" {
		t.Errorf("zero policy should fail every rule but history, got %v", f)
	}
}

func TestUserLocked(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		until time.Time
		want  bool
	}{
		{"never locked", time.Time{}, false},
		{"locked for another minute", now.Add(time.Minute), true},
		{"locked for another nanosecond", now.Add(time.Nanosecond), true},
		{"lock ends now", now, false},
		{"lock ended", now.Add(-time.Minute), false},
	}
	for _, tc := range tests {
		if got := (User{LockedUntil: tc.until}).Locked(now); got != tc.want {
			t.Errorf("%s: Locked = %v, want %v", tc.name, got, tc.want)
		}
	}
}
