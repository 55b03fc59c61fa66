package lvzhi

import (
	"regexp"
	"strings"
	"time"
	"unicode"
)

// User is an account. Staff accounts belong to a department, unit accounts to a handling
// unit, member accounts to a member record.
type User struct {
	ID              int64
	CommitteeID     int64
	Username        string
	Name            string
	Roles           []Role
	DepartmentID    int64
	UnitID          int64
	MemberID        int64
	State           string
	FailedLogins    int
	LockedUntil     time.Time
	PasswordChanged time.Time
	TOTPEnabled     bool
	LastLogin       time.Time
	Created         time.Time
}

// Account states and the account workflow.
const (
	UserActive   = "active"
	UserDisabled = "disabled"
)

// UserWorkflow is the life of an account. Disabling ends every session of the account.
var UserWorkflow = Workflow{
	Name:        "账号",
	StateLabel:  map[string]string{UserActive: "正常", UserDisabled: "已停用"},
	ActionLabel: map[string]string{"disable": "停用", "enable": "启用"},
	Table: []Transition{
		{UserActive, "disable", UserDisabled},
		{UserDisabled, "enable", UserActive},
	},
}

// Target is the permission target of the account.
func (u User) Target() Target {
	return Target{Kind: KindUser, CommitteeID: u.CommitteeID, UserID: u.ID}
}

// Locked reports whether the account is locked out at time now.
func (u User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

var usernameRE = regexp.MustCompile(`^[a-z][a-z0-9_.-]{2,31}$`)

// Validate checks an account before it is written.
func (u User) Validate() error {
	f := map[string]string{}
	if !usernameRE.MatchString(u.Username) {
		f["username"] = "用户名应为3至32位小写字母、数字、下划线、点或连字符,以字母开头"
	}
	if strings.TrimSpace(u.Name) == "" {
		f["name"] = "请填写姓名"
	}
	if err := ValidateRoles(u.Roles, u.DepartmentID, u.UnitID); err != nil {
		for k, v := range ErrorFields(err) {
			f[k] = v
		}
	}
	return Invalid(f)
}

// PasswordPolicy is the security administrator's password and lockout policy. The default
// follows the MLPS level-3 (等保三级) practice.
type PasswordPolicy struct {
	MinLength       int           // at least this many characters
	MinClasses      int           // of lower, upper, digit, symbol
	MaxAge          time.Duration // a password must be changed after this long; 0 never
	History         int           // no reuse of the last N passwords
	MaxFailures     int           // failures before lockout
	LockoutFor      time.Duration // how long a lockout lasts
	IdleTimeout     time.Duration // a session ends after this long without a request
	AbsoluteTimeout time.Duration // a session ends this long after login, whatever happens
	RequireTOTP     bool          // every account needs a second factor, not only administrators
}

// DefaultPolicy is the policy of a new deployment.
func DefaultPolicy() PasswordPolicy {
	return PasswordPolicy{
		MinLength: 8, MinClasses: 3, MaxAge: 90 * 24 * time.Hour, History: 5,
		MaxFailures: 5, LockoutFor: 15 * time.Minute,
		IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour,
	}
}

// Validate checks that the policy itself makes sense.
func (p PasswordPolicy) Validate() error {
	f := map[string]string{}
	if p.MinLength < 8 || p.MinLength > 64 {
		f["min_length"] = "最小长度应在8到64之间"
	}
	if p.MinClasses < 1 || p.MinClasses > 4 {
		f["min_classes"] = "字符类别数应在1到4之间"
	}
	if p.History < 0 || p.History > 24 {
		f["history"] = "历史密码数应在0到24之间"
	}
	if p.MaxFailures < 1 || p.MaxFailures > 20 {
		f["max_failures"] = "失败次数应在1到20之间"
	}
	if p.LockoutFor < time.Minute {
		f["lockout_minutes"] = "锁定时长至少1分钟"
	}
	if p.IdleTimeout < time.Minute || p.AbsoluteTimeout < p.IdleTimeout {
		f["idle_minutes"] = "会话空闲时限至少1分钟,且不长于绝对时限"
	}
	return Invalid(f)
}

// CheckPassword returns why a new password breaks the policy, or "" when it does not. The
// username may not appear in the password.
func (p PasswordPolicy) CheckPassword(username, password string) string {
	if len([]rune(password)) < p.MinLength {
		return "密码至少" + Chinese(p.MinLength) + "位"
	}
	if len([]rune(password)) > 128 {
		return "密码不能超过128个字符"
	}
	var lower, upper, digit, other int
	for _, r := range password {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	if lower+upper+digit+other < p.MinClasses {
		return "密码须包含小写字母、大写字母、数字、符号中的至少" + Chinese(p.MinClasses) + "类"
	}
	if username != "" && strings.Contains(strings.ToLower(password), strings.ToLower(username)) {
		return "密码不能包含用户名"
	}
	return ""
}

// PasswordExpired reports whether a password set at changed must be changed at time now.
func (p PasswordPolicy) PasswordExpired(changed, now time.Time) bool {
	return p.MaxAge > 0 && now.Sub(changed) > p.MaxAge
}

// NeedsTOTP reports whether an account with these roles must use a second factor: the three
// administrators always, everyone when the policy says so.
func (p PasswordPolicy) NeedsTOTP(roles []Role) bool {
	if p.RequireTOTP {
		return true
	}
	for _, r := range roles {
		if r.IsAdmin() {
			return true
		}
	}
	return false
}

// UserFilter selects accounts for the administrators' list.
type UserFilter struct {
	CommitteeID int64
	Role        Role
	State       string
	Q           string
	Paging
}
