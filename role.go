package lvzhi

// Role is what an account is for. An account may hold several business roles (a vice-chair
// is a leader and a member), but an administrator role is held alone: see ValidateRoles.
type Role string

// The roles of the platform. The anonymous public has no role at all.
const (
	RoleMember   Role = "member"   // 委员
	RoleStaff    Role = "staff"    // 机关工作人员, belongs to a department
	RoleUnit     Role = "unit"     // 承办单位 user, belongs to a handling unit
	RoleLeader   Role = "leader"   // 主席 / 副主席 / 秘书长
	RoleSysAdmin Role = "sysadmin" // 系统管理员: accounts and settings
	RoleSecAdmin Role = "secadmin" // 安全管理员: security policy, unlocking accounts
	RoleAuditor  Role = "auditor"  // 审计管理员: reads the audit log
)

// Roles lists every role in the order the UI shows them.
var Roles = []Role{RoleMember, RoleStaff, RoleUnit, RoleLeader, RoleSysAdmin, RoleSecAdmin, RoleAuditor}

// RoleLabel is the Chinese name of each role.
var RoleLabel = map[Role]string{
	RoleMember: "委员", RoleStaff: "机关工作人员", RoleUnit: "承办单位", RoleLeader: "领导",
	RoleSysAdmin: "系统管理员", RoleSecAdmin: "安全管理员", RoleAuditor: "审计管理员",
}

// IsAdmin reports whether r is one of the three separated administrator roles (三员).
func (r Role) IsAdmin() bool { return r == RoleSysAdmin || r == RoleSecAdmin || r == RoleAuditor }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := RoleLabel[r]; return ok }

// ValidateRoles enforces 三员分立: an administrator role is never combined with another role,
// so no account both manages accounts and reads the audit log, and no administrator reads
// business records through a second role. A staff account needs its department and a
// handling-unit account its unit.
func ValidateRoles(roles []Role, departmentID, unitID int64) error {
	if len(roles) == 0 {
		return Invalid(map[string]string{"roles": "请至少选择一个角色"})
	}
	seen := map[Role]bool{}
	admins := 0
	for _, r := range roles {
		if !r.Valid() {
			return Invalid(map[string]string{"roles": "未知的角色:" + string(r)})
		}
		if seen[r] {
			return Invalid(map[string]string{"roles": "角色重复:" + RoleLabel[r]})
		}
		seen[r] = true
		if r.IsAdmin() {
			admins++
		}
	}
	if admins > 0 && len(roles) > 1 {
		return Invalid(map[string]string{"roles": "三员分立:系统管理员、安全管理员、审计管理员只能单独授予,不能与其他角色兼任"})
	}
	if seen[RoleStaff] && departmentID == 0 {
		return Invalid(map[string]string{"department_id": "机关工作人员须选择所在科室"})
	}
	if seen[RoleUnit] && unitID == 0 {
		return Invalid(map[string]string{"unit_id": "承办单位用户须选择所属承办单位"})
	}
	return nil
}

// Actor is whoever makes a request: a signed-in user or, with no roles, the anonymous public.
// It carries what the permission check needs and what the audit log records.
type Actor struct {
	UserID       int64
	Username     string
	Name         string
	Roles        []Role
	CommitteeID  int64   // the committee the actor works in now
	Committees   []int64 // every committee the actor may act in (the switcher's choices)
	DepartmentID int64   // staff: own department
	UnitID       int64   // unit users: own handling unit
	MemberID     int64   // members: own member record
	IP           string
	System       bool // the platform itself (command line, demo loader): allowed everything

	// What the user must do before anything else: set by the session check, enforced by the web layer.
	MustChangePassword bool
	MustEnrolTOTP      bool
}

// Has reports whether the actor holds role r.
func (a Actor) Has(r Role) bool {
	for _, x := range a.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Anonymous reports whether the actor is the public, not signed in.
func (a Actor) Anonymous() bool { return a.UserID == 0 }

// InCommittee reports whether the actor may act in committee id.
func (a Actor) InCommittee(id int64) bool {
	for _, c := range a.Committees {
		if c == id {
			return true
		}
	}
	return false
}

// System is the actor of the platform itself: the command line, migrations and the demo
// loader. It is audited like anyone else under the name "system".
func System(committeeID int64) Actor {
	return Actor{Username: "system", Name: "系统", CommitteeID: committeeID, Committees: []int64{committeeID}, System: true}
}
