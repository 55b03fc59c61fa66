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
	KindActivity   Kind = "activity"   // 活动: meetings, consultations, research, inspections
	KindInvitation Kind = "invitation" // 参会邀请: a participant of an activity, with leave and check-in
)

// The kinds of the consultation module: the plan, research topics, speeches and outcomes.
const (
	KindConsultationPlan Kind = "consultation_plan" // 年度协商计划: the items of a year's consultation plan
	KindResearchTopic    Kind = "research_topic"    // 重点调研课题, with its team, schedule and report
	KindSpeech           Kind = "speech"            // 发言: at an activity, or a plenary speech (大会发言)
	KindOutcome          Kind = "outcome"           // an activity's minutes (纪要) and recommendations (建议案)
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
	for _, w := range []Workflow{MemberWorkflow, UserWorkflow, ProposalWorkflow, ActivityWorkflow, InvitationWorkflow, InstructionWorkflow, RequestWorkflow, PlanWorkflow, ResearchWorkflow, SpeechWorkflow, OutcomeWorkflow, OpinionWorkflow} {
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
	// Activities: staff plan, publish, run check-in and close them; leaders read them and their
	// statistics; a member reads an activity (agenda, documents) only as a participant (the
	// store sets Target.MemberID to the actor's member when they are invited).
	KindActivity: {
		ActionRead:   {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}, {RoleMember, ScopeOwn}},
		ActionCreate: office(), ActionUpdate: office(), ActionExport: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		"invite_members": office(), "publish": office(), "start": office(), "finish": office(), "cancel": office(),
	},
	// Invitations: the member answers, asks leave and checks in (staff may do it for them);
	// staff approve or refuse leave.
	KindInvitation: {
		ActionRead: {{RoleMember, ScopeOwn}, {RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		"attend":   proposer(), "decline": proposer(), "request_leave": proposer(), "check_in": proposer(),
		"approve_leave": office(), "refuse_leave": office(),
	},
	// Instructions (批示) hang on a record. Staff record them and their follow-up; leaders read
	// them all and may record one they gave; the record's submitter (the target's member) and
	// the handling unit of a proposal see those on their record. The store also requires read
	// access to the record itself.
	KindInstruction: {
		ActionRead:   {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}, {RoleMember, ScopeOwn}, {RoleUnit, ScopeUnit}},
		ActionCreate: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		ActionUpdate: {{RoleStaff, ScopeCommittee}},
		ActionDelete: {{RoleStaff, ScopeCommittee}},
		ActionExport: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
	},
	// Requests and reports to the party committee (请示报告) are the office's own papers:
	// staff draft and submit them, leaders read them.
	KindRequest: {
		ActionRead:   {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		ActionCreate: {{RoleStaff, ScopeCommittee}},
		ActionUpdate: {{RoleStaff, ScopeCommittee}},
		ActionExport: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		"submit":     {{RoleStaff, ScopeCommittee}},
		"withdraw":   {{RoleStaff, ScopeCommittee}},
	},
	// The consultation plan and research topics are the office's: staff enter, approve and
	// schedule them; members and leaders read the plan (it is published to them). Workflow
	// actions are ActionChange: who acts is the office, which action is the table's business.
	KindConsultationPlan: {
		ActionRead:   {{RoleMember, ScopeCommittee}, {RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		ActionCreate: office(), ActionUpdate: office(), ActionDelete: office(), ActionChange: office(),
		ActionExport: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
	},
	KindResearchTopic: {
		ActionRead:   {{RoleMember, ScopeCommittee}, {RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		ActionCreate: office(), ActionUpdate: office(), ActionChange: office(),
		ActionExport: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
	},
	// Speeches: a member submits and withdraws their own plenary speech and reads their own;
	// the office records activity speeches and selects plenary ones; leaders read them all.
	KindSpeech: {
		ActionRead:   {{RoleMember, ScopeOwn}, {RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		ActionCreate: proposer(), ActionUpdate: proposer(), ActionChange: office(),
		ActionExport: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
	},
	// Outcomes (minutes and recommendations) are written and sent by the office; members and
	// leaders read them.
	KindOutcome: {
		ActionRead:   {{RoleMember, ScopeCommittee}, {RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		ActionCreate: office(), ActionUpdate: office(), ActionChange: office(),
	},
	// Opinion reports (社情民意信息) and the bulletin issues they are compiled into: a member
	// writes, submits, takes back and reads their own (the store sets Target.MemberID to a
	// co-author's own when one asks); the office edits, decides, compiles, forwards and records
	// adoptions; leaders read them all and their statistics.
	KindOpinion: {
		ActionRead:   {{RoleMember, ScopeOwn}, {RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		ActionCreate: proposer(), ActionUpdate: proposer(),
		ActionExport: {{RoleStaff, ScopeCommittee}, {RoleLeader, ScopeCommittee}},
		"submit":     proposer(), "resubmit": proposer(), "retract": proposer(),
		"return": office(), "edit": office(), "not_use": office(), "reedit": office(), "compile": office(),
		"forward": office(), "adopt": office(),
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
