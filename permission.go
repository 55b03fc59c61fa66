package lvzhi

// Kind names a kind of record for the permission check.
type Kind string

// The kinds of record the foundation knows. Later modules add theirs (proposal, opinion …)
// together with their rows in the grants table.
const (
	KindCommittee  Kind = "committee"  // 政协 (tenant)
	KindOrg        Kind = "org"        // terms, sessions, sectors, groups, special committees, parties
	KindDepartment Kind = "department" // 机关科室
	KindUnit       Kind = "unit"       // 承办单位
	KindMember     Kind = "member"     // 委员
	KindUser       Kind = "user"       // accounts
	KindPolicy     Kind = "policy"     // the security policy
	KindAudit      Kind = "audit"      // the audit log
	KindProposal   Kind = "proposal"   // 提案
	KindPublished  Kind = "published"  // a published proposal and its reply: the public page
)

// Action is what an actor wants to do to a record.
type Action string

// The actions of the permission check.
const (
	ActionRead    Action = "read"
	ActionCreate  Action = "create"
	ActionUpdate  Action = "update"
	ActionDelete  Action = "delete"
	ActionImport  Action = "import"
	ActionExport  Action = "export"
	ActionViewPII Action = "view_pii" // see a phone or ID number unmasked
	ActionChange  Action = "change"   // a workflow action (leave, disable, unlock …)
)

// ActionLabel is the Chinese name of each action, used in refusal messages.
var ActionLabel = map[Action]string{
	ActionRead: "查看", ActionCreate: "新建", ActionUpdate: "修改", ActionDelete: "删除",
	ActionImport: "导入", ActionExport: "导出", ActionViewPII: "查看完整个人信息", ActionChange: "办理",
	"publish": "公开", "mark_key": "确定重点提案", "supervise": "督办", "excellent": "评为优秀提案",
}

// actionLabel names an action for a refusal: the permission verbs above, else the label a
// workflow gives it ("立案", "交办" …).
func actionLabel(act Action) string {
	if l, ok := ActionLabel[act]; ok {
		return l
	}
	for _, w := range []Workflow{MemberWorkflow, UserWorkflow, ProposalWorkflow} {
		if l, ok := w.ActionLabel[string(act)]; ok {
			return l
		}
	}
	return string(act)
}

// Target describes the record an action is about: its kind, its committee and its owners.
// Zero owner fields mean the record has no such owner.
type Target struct {
	Kind         Kind
	CommitteeID  int64
	MemberID     int64 // the member the record belongs to
	UserID       int64 // the account the record belongs to
	DepartmentID int64 // the department that owns the record
	UnitID       int64 // the handling unit that owns the record
}

// Scope says which records of a kind a grant covers.
type Scope int

// The scopes of a grant, from the widest to the narrowest.
const (
	ScopePublic     Scope = iota // anyone, signed in or not
	ScopeCommittee               // any record of a committee the actor acts in
	ScopeDepartment              // records owned by the actor's department
	ScopeUnit                    // records owned by the actor's handling unit
	ScopeOwn                     // the actor's own member record or account
)

// Grant gives a role an action on the records within a scope.
type Grant struct {
	Role  Role // empty for ScopePublic
	Scope Scope
}

// grants is the whole permission table: kind → action → who may. Reading it top to bottom
// answers "who may do what"; Authorize is the only code that consults it.
var grants = map[Kind]map[Action][]Grant{
	KindCommittee: {
		ActionRead:   {{"", ScopePublic}},
		ActionCreate: {{RoleSysAdmin, ScopeCommittee}},
		ActionUpdate: {{RoleSysAdmin, ScopeCommittee}},
	},
	KindOrg: {
		ActionRead:   business(ScopeCommittee),
		ActionCreate: {{RoleStaff, ScopeCommittee}},
		ActionUpdate: {{RoleStaff, ScopeCommittee}},
		ActionDelete: {{RoleStaff, ScopeCommittee}},
	},
	KindDepartment: {
		ActionRead:   append(business(ScopeCommittee), Grant{RoleSysAdmin, ScopeCommittee}),
		ActionCreate: {{RoleSysAdmin, ScopeCommittee}},
		ActionUpdate: {{RoleSysAdmin, ScopeCommittee}, {RoleStaff, ScopeDepartment}},
		ActionDelete: {{RoleSysAdmin, ScopeCommittee}},
	},
	KindUnit: {
		ActionRead:   append(business(ScopeCommittee), Grant{RoleSysAdmin, ScopeCommittee}),
		ActionCreate: {{RoleSysAdmin, ScopeCommittee}},
		ActionUpdate: {{RoleSysAdmin, ScopeCommittee}, {RoleUnit, ScopeUnit}},
		ActionDelete: {{RoleSysAdmin, ScopeCommittee}},
	},
	KindMember: {
		ActionRead:    {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}, {RoleMember, ScopeCommittee}},
		ActionCreate:  {{RoleStaff, ScopeCommittee}},
		ActionUpdate:  {{RoleStaff, ScopeCommittee}, {RoleMember, ScopeOwn}},
		ActionDelete:  {{RoleStaff, ScopeCommittee}},
		ActionImport:  {{RoleStaff, ScopeCommittee}},
		ActionExport:  {{RoleStaff, ScopeCommittee}},
		ActionViewPII: {{RoleStaff, ScopeCommittee}, {RoleMember, ScopeOwn}},
		ActionChange:  {{RoleStaff, ScopeCommittee}},
	},
	KindUser: {
		ActionRead:   {{RoleSysAdmin, ScopeCommittee}, {RoleSecAdmin, ScopeCommittee}, anyOwn()},
		ActionCreate: {{RoleSysAdmin, ScopeCommittee}},
		ActionUpdate: {{RoleSysAdmin, ScopeCommittee}, anyOwn()},
		ActionChange: {{RoleSysAdmin, ScopeCommittee}, {RoleSecAdmin, ScopeCommittee}},
	},
	KindPolicy: {
		ActionRead:   {{RoleSecAdmin, ScopeCommittee}},
		ActionUpdate: {{RoleSecAdmin, ScopeCommittee}},
	},
	KindAudit: {
		ActionRead:   {{RoleAuditor, ScopeCommittee}},
		ActionExport: {{RoleAuditor, ScopeCommittee}},
	},
	// Proposals: members read their committee's proposals and write their own; the proposal
	// office (staff) reviews, assigns and checks; a handling unit acts on the proposals
	// assigned to it (the store sets Target.UnitID when the actor's unit is among them);
	// leaders read and supervise. Workflow actions are actions of their own here.
	KindProposal: {
		ActionRead:   {{RoleMember, ScopeCommittee}, {RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}, {RoleUnit, ScopeUnit}},
		ActionCreate: {{RoleMember, ScopeCommittee}, {RoleStaff, ScopeCommittee}},
		ActionUpdate: {{RoleMember, ScopeOwn}, {RoleStaff, ScopeCommittee}},
		ActionImport: {{RoleStaff, ScopeCommittee}},
		ActionExport: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},

		"submit": proposer(), "invite": proposer(), "finish_cosign": proposer(), "resubmit": proposer(), "recall": proposer(),
		"evaluate": {{RoleMember, ScopeOwn}},
		"return":   office(), "accept": office(), "reject": office(), "withdraw": office(), "merge": office(),
		"convert": office(), "assign": office(), "approve_extension": office(), "refuse_extension": office(),
		"approve_reply": office(), "reject_reply": office(), "close": office(), "publish": office(), "excellent": office(),
		"mark_key":  {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		"supervise": {{RoleLeader, ScopeCommittee}, {RoleStaff, ScopeCommittee}},
		"send_back": handler(), "request_extension": handler(), "contact": handler(), "reply": handler(), "cosign_reply": handler(),
	},
	// What a committee has published (proposals and replies, with the proposer's consent) is
	// for everyone, the public included.
	KindPublished: {
		ActionRead: {{"", ScopePublic}},
	},
}

// proposer grants a proposal action to its own proposer and to staff entering it for them.
func proposer() []Grant { return []Grant{{RoleMember, ScopeOwn}, {RoleStaff, ScopeCommittee}} }

// office grants a proposal action to the proposal office's staff.
func office() []Grant { return []Grant{{RoleStaff, ScopeCommittee}} }

// handler grants a proposal action to the handling units it is assigned to.
func handler() []Grant { return []Grant{{RoleUnit, ScopeUnit}} }

// business grants an action to every business role (not the three administrators).
func business(s Scope) []Grant {
	return []Grant{{RoleMember, s}, {RoleStaff, s}, {RoleUnit, s}, {RoleLeader, s}}
}

// anyOwn is the grant of a signed-in account over itself, whatever its role. The empty role
// with ScopeOwn means "any role".
func anyOwn() Grant { return Grant{"", ScopeOwn} }

// Authorize is the one permission check of the platform: every read and every write in the
// store passes through it. It returns nil or an ErrForbidden (ErrUnauthorized for the public
// asking for something that needs a login) whose message says what was refused.
func Authorize(a Actor, act Action, t Target) error {
	if a.System {
		return nil
	}
	for _, g := range grants[t.Kind][act] {
		if g.allows(a, t) {
			return nil
		}
	}
	if a.Anonymous() {
		return Errorf(ErrUnauthorized, "请先登录。")
	}
	return Errorf(ErrForbidden, "您没有%s此项内容的权限。", actionLabel(act))
}

// Can reports whether Authorize would allow the action; pages use it to show only the
// buttons the user may press.
func Can(a Actor, act Action, t Target) bool { return Authorize(a, act, t) == nil }

func (g Grant) allows(a Actor, t Target) bool {
	if g.Scope == ScopePublic {
		return true
	}
	if a.Anonymous() || !a.InCommittee(t.CommitteeID) {
		return false
	}
	if g.Role != "" && !a.Has(g.Role) {
		return false
	}
	if g.Role == "" && g.Scope != ScopeOwn {
		return false
	}
	switch g.Scope {
	case ScopeCommittee:
		return true
	case ScopeDepartment:
		return a.DepartmentID != 0 && t.DepartmentID == a.DepartmentID
	case ScopeUnit:
		return a.UnitID != 0 && t.UnitID == a.UnitID
	case ScopeOwn:
		return (t.MemberID != 0 && t.MemberID == a.MemberID) || (t.UserID != 0 && t.UserID == a.UserID)
	}
	return false
}
