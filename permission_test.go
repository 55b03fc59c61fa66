package lvzhi

import (
	"errors"
	"strings"
	"testing"
)

// The people of the permission matrix. Every signed-in actor works in committee 1 only.
// Department 10 and handling unit 20 are the staff user's and the unit user's own.
const (
	homeCommittee    = 1
	foreignCommittee = 2
	ownDepartment    = 10
	otherDepartment  = 11
	ownUnit          = 20
	otherUnit        = 21
	someoneElse      = 99 // a member id and a user id that belong to nobody below
)

var permActors = []struct {
	name string
	a    Actor
}{
	{"member", Actor{UserID: 1, Roles: []Role{RoleMember}, MemberID: 101, CommitteeID: 1, Committees: []int64{1}}},
	{"staff", Actor{UserID: 2, Roles: []Role{RoleStaff}, DepartmentID: ownDepartment, CommitteeID: 1, Committees: []int64{1}}},
	{"unit", Actor{UserID: 3, Roles: []Role{RoleUnit}, UnitID: ownUnit, CommitteeID: 1, Committees: []int64{1}}},
	{"leader", Actor{UserID: 4, Roles: []Role{RoleLeader}, CommitteeID: 1, Committees: []int64{1}}},
	{"sysadmin", Actor{UserID: 5, Roles: []Role{RoleSysAdmin}, CommitteeID: 1, Committees: []int64{1}}},
	{"secadmin", Actor{UserID: 6, Roles: []Role{RoleSecAdmin}, CommitteeID: 1, Committees: []int64{1}}},
	{"auditor", Actor{UserID: 7, Roles: []Role{RoleAuditor}, CommitteeID: 1, Committees: []int64{1}}},
	// The public browsing committee 1's site: even with the committee set it is not signed in.
	{"public", Actor{CommitteeID: 1, Committees: []int64{1}}},
	{"leader+member", Actor{UserID: 8, Roles: []Role{RoleLeader, RoleMember}, MemberID: 108, CommitteeID: 1, Committees: []int64{1}}},
}

// The ownership columns of the matrix, in order.
var ownerships = []string{"own", "own-dept", "own-unit", "other", "foreign"}

// target builds the record of a kind whose relation to actor a is the given ownership.
//   - own: every owner field (member, account, department, unit) is the actor's own;
//   - own-dept: owned by department 10 (the staff user's), not the actor's record;
//   - own-unit: owned by handling unit 20 (the unit user's), not the actor's record;
//   - other: another record of committee 1 with no tie to the actor;
//   - foreign: like "own" but in committee 2, where no actor works: ownership must not
//     reach across committees.
func target(k Kind, a Actor, ownership string) Target {
	switch ownership {
	case "own":
		return Target{Kind: k, CommitteeID: homeCommittee, MemberID: a.MemberID, UserID: a.UserID, DepartmentID: a.DepartmentID, UnitID: a.UnitID}
	case "own-dept":
		return Target{Kind: k, CommitteeID: homeCommittee, MemberID: someoneElse, UserID: someoneElse, DepartmentID: ownDepartment, UnitID: otherUnit}
	case "own-unit":
		return Target{Kind: k, CommitteeID: homeCommittee, MemberID: someoneElse, UserID: someoneElse, DepartmentID: otherDepartment, UnitID: ownUnit}
	case "other":
		return Target{Kind: k, CommitteeID: homeCommittee, MemberID: someoneElse, UserID: someoneElse, DepartmentID: otherDepartment, UnitID: otherUnit}
	case "foreign":
		return Target{Kind: k, CommitteeID: foreignCommittee, MemberID: a.MemberID, UserID: a.UserID, DepartmentID: a.DepartmentID, UnitID: a.UnitID}
	}
	panic("unknown ownership " + ownership)
}

var allKinds = []Kind{KindCommittee, KindOrg, KindDepartment, KindUnit, KindMember, KindUser, KindPolicy, KindAudit, KindProposal, KindPublished, KindActivity, KindInvitation, KindInstruction, KindRequest, KindConsultationPlan, KindResearchTopic, KindSpeech, KindOutcome, KindOpinion}

// proposalActions are the workflow and office actions a proposal has beside the common ones.
var proposalActions = []Action{"submit", "invite", "finish_cosign", "recall", "resubmit", "evaluate", "return", "accept", "reject",
	"withdraw", "merge", "convert", "assign", "approve_extension", "refuse_extension", "approve_reply", "reject_reply",
	"close", "publish", "excellent", "mark_key", "supervise", "send_back", "request_extension", "contact", "reply", "cosign_reply"}

// kindActions are the actions checked for a kind.
func kindActions(k Kind) []Action {
	if k == KindProposal {
		return append(append([]Action{}, allActions...), proposalActions...)
	}
	if k == KindRequest {
		return append(append([]Action{}, allActions...), "submit", "withdraw")
	}
	if k == KindActivity {
		return append(append([]Action{}, allActions...), "invite_members", "publish", "start", "finish", "cancel")
	}
	if k == KindInvitation {
		return append(append([]Action{}, allActions...), "attend", "decline", "request_leave", "check_in", "approve_leave", "refuse_leave")
	}
	if k == KindOpinion {
		return append(append([]Action{}, allActions...), opinionActions...)
	}
	return allActions
}

// opinionActions are the workflow and office actions of an opinion report.
var opinionActions = []Action{"submit", "resubmit", "retract", "return", "edit", "not_use", "reedit", "compile", "forward", "adopt"}

var allActions = []Action{ActionRead, ActionCreate, ActionUpdate, ActionDelete, ActionImport, ActionExport, ActionViewPII, ActionChange}

// who lists, per ownership column (own, own-dept, own-unit, other, foreign), the actors that
// may act. Names are separated by spaces; "" means nobody.
type who [5]string

// Short-hands for the lists that recur in the matrix.
const (
	everyone = "member staff unit leader sysadmin secadmin auditor public leader+member"
	signedIn = "member staff unit leader sysadmin secadmin auditor leader+member"
	bizRoles = "member staff unit leader leader+member" // never the three administrators
)

// expectedPolicy is the intended policy, written out by hand. A (kind, action) pair that is
// not listed is refused to everyone in every column.
var expectedPolicy = []struct {
	kind   Kind
	action Action
	may    who //     own, own-dept, own-unit, other, foreign
}{
	// Committees: names are public everywhere; the system administrator maintains its own.
	{KindCommittee, ActionRead, who{everyone, everyone, everyone, everyone, everyone}},
	{KindCommittee, ActionCreate, who{"sysadmin", "sysadmin", "sysadmin", "sysadmin", ""}},
	{KindCommittee, ActionUpdate, who{"sysadmin", "sysadmin", "sysadmin", "sysadmin", ""}},

	// Organisation (terms, sectors, groups …): the business roles read, staff maintain;
	// the three administrators see none of it.
	{KindOrg, ActionRead, who{bizRoles, bizRoles, bizRoles, bizRoles, ""}},
	{KindOrg, ActionCreate, who{"staff", "staff", "staff", "staff", ""}},
	{KindOrg, ActionUpdate, who{"staff", "staff", "staff", "staff", ""}},
	{KindOrg, ActionDelete, who{"staff", "staff", "staff", "staff", ""}},

	// Departments: read by the business roles and by the system administrator (accounts
	// belong to them); created and deleted by the system administrator; staff update their
	// own only.
	{KindDepartment, ActionRead, who{bizRoles + " sysadmin", bizRoles + " sysadmin", bizRoles + " sysadmin", bizRoles + " sysadmin", ""}},
	{KindDepartment, ActionCreate, who{"sysadmin", "sysadmin", "sysadmin", "sysadmin", ""}},
	{KindDepartment, ActionUpdate, who{"sysadmin staff", "sysadmin staff", "sysadmin", "sysadmin", ""}},
	{KindDepartment, ActionDelete, who{"sysadmin", "sysadmin", "sysadmin", "sysadmin", ""}},

	// Handling units: likewise; a unit user updates its own unit only.
	{KindUnit, ActionRead, who{bizRoles + " sysadmin", bizRoles + " sysadmin", bizRoles + " sysadmin", bizRoles + " sysadmin", ""}},
	{KindUnit, ActionCreate, who{"sysadmin", "sysadmin", "sysadmin", "sysadmin", ""}},
	{KindUnit, ActionUpdate, who{"sysadmin unit", "sysadmin", "sysadmin unit", "sysadmin", ""}},
	{KindUnit, ActionDelete, who{"sysadmin", "sysadmin", "sysadmin", "sysadmin", ""}},

	// Members: staff do everything; leaders and members read (masked); a member updates and
	// sees the full personal data of the own record only; unit users and the three
	// administrators never see members.
	{KindMember, ActionRead, who{"staff leader member leader+member", "staff leader member leader+member", "staff leader member leader+member", "staff leader member leader+member", ""}},
	{KindMember, ActionCreate, who{"staff", "staff", "staff", "staff", ""}},
	{KindMember, ActionUpdate, who{"staff member leader+member", "staff", "staff", "staff", ""}},
	{KindMember, ActionDelete, who{"staff", "staff", "staff", "staff", ""}},
	{KindMember, ActionImport, who{"staff", "staff", "staff", "staff", ""}},
	{KindMember, ActionExport, who{"staff", "staff", "staff", "staff", ""}},
	{KindMember, ActionViewPII, who{"staff member leader+member", "staff", "staff", "staff", ""}},
	{KindMember, ActionChange, who{"staff", "staff", "staff", "staff", ""}},

	// Accounts: the system administrator manages them, the security administrator reads and
	// unlocks them, everyone signed in reads and updates the own account.
	{KindUser, ActionRead, who{signedIn, "sysadmin secadmin", "sysadmin secadmin", "sysadmin secadmin", ""}},
	{KindUser, ActionCreate, who{"sysadmin", "sysadmin", "sysadmin", "sysadmin", ""}},
	{KindUser, ActionUpdate, who{signedIn, "sysadmin", "sysadmin", "sysadmin", ""}},
	{KindUser, ActionChange, who{"sysadmin secadmin", "sysadmin secadmin", "sysadmin secadmin", "sysadmin secadmin", ""}},

	// The security policy belongs to the security administrator.
	{KindPolicy, ActionRead, who{"secadmin", "secadmin", "secadmin", "secadmin", ""}},
	{KindPolicy, ActionUpdate, who{"secadmin", "secadmin", "secadmin", "secadmin", ""}},

	// The audit log is read and exported by the audit administrator only.
	{KindAudit, ActionRead, who{"auditor", "auditor", "auditor", "auditor", ""}},
	{KindAudit, ActionExport, who{"auditor", "auditor", "auditor", "auditor", ""}},

	// Proposals: members read their committee's and write their own; a handling unit reads and
	// acts on those assigned to it (the own-unit column); the proposal office does the rest.
	{KindProposal, ActionRead, who{"member staff unit leader leader+member", "member staff leader leader+member", "member staff unit leader leader+member", "member staff leader leader+member", ""}},
	{KindProposal, ActionCreate, who{"member staff leader+member", "member staff leader+member", "member staff leader+member", "member staff leader+member", ""}},
	{KindProposal, ActionUpdate, who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindProposal, ActionImport, who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, ActionExport, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindProposal, "submit", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindProposal, "invite", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindProposal, "finish_cosign", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindProposal, "resubmit", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindProposal, "recall", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindProposal, "evaluate", who{"member leader+member", "", "", "", ""}},
	{KindProposal, "return", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "accept", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "reject", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "withdraw", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "merge", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "convert", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "assign", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "approve_extension", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "refuse_extension", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "approve_reply", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "reject_reply", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "close", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "publish", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "excellent", who{"staff", "staff", "staff", "staff", ""}},
	{KindProposal, "mark_key", who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindProposal, "supervise", who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindProposal, "send_back", who{"unit", "", "unit", "", ""}},
	{KindProposal, "request_extension", who{"unit", "", "unit", "", ""}},
	{KindProposal, "contact", who{"unit", "", "unit", "", ""}},
	{KindProposal, "reply", who{"unit", "", "unit", "", ""}},
	{KindProposal, "cosign_reply", who{"unit", "", "unit", "", ""}},

	// Published proposals are public.
	{KindPublished, ActionRead, who{everyone, everyone, everyone, everyone, everyone}},

	// Instructions: staff and leaders read all, the record's submitter (own) and the handling
	// unit (own-unit) those on their record; staff record and follow up, leaders may record.
	{KindInstruction, ActionRead, who{"member staff unit leader leader+member", "staff leader leader+member", "staff unit leader leader+member", "staff leader leader+member", ""}},
	{KindInstruction, ActionCreate, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindInstruction, ActionUpdate, who{"staff", "staff", "staff", "staff", ""}},
	{KindInstruction, ActionDelete, who{"staff", "staff", "staff", "staff", ""}},
	{KindInstruction, ActionExport, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},

	// Requests and reports to the party committee: the office's papers; leaders read them.
	{KindRequest, ActionRead, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindRequest, ActionCreate, who{"staff", "staff", "staff", "staff", ""}},
	{KindRequest, ActionUpdate, who{"staff", "staff", "staff", "staff", ""}},
	{KindRequest, ActionExport, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindRequest, "submit", who{"staff", "staff", "staff", "staff", ""}},
	{KindRequest, "withdraw", who{"staff", "staff", "staff", "staff", ""}},

	// Activities: staff plan and run them, leaders read them; a member reads one only as a
	// participant (the own column: the store sets the member when they are invited).
	{KindActivity, ActionRead, who{"staff leader member leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindActivity, ActionCreate, who{"staff", "staff", "staff", "staff", ""}},
	{KindActivity, ActionUpdate, who{"staff", "staff", "staff", "staff", ""}},
	{KindActivity, ActionExport, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindActivity, "invite_members", who{"staff", "staff", "staff", "staff", ""}},
	{KindActivity, "publish", who{"staff", "staff", "staff", "staff", ""}},
	{KindActivity, "start", who{"staff", "staff", "staff", "staff", ""}},
	{KindActivity, "finish", who{"staff", "staff", "staff", "staff", ""}},
	{KindActivity, "cancel", who{"staff", "staff", "staff", "staff", ""}},

	// Invitations: the invited member answers, asks leave and checks in, staff for them too;
	// staff decide on leave; leaders read.
	{KindInvitation, ActionRead, who{"member staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindInvitation, "attend", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindInvitation, "decline", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindInvitation, "request_leave", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindInvitation, "check_in", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindInvitation, "approve_leave", who{"staff", "staff", "staff", "staff", ""}},
	{KindInvitation, "refuse_leave", who{"staff", "staff", "staff", "staff", ""}},

	// The consultation plan and research topics: the office writes and moves them; members and
	// leaders read them.
	{KindConsultationPlan, ActionRead, who{"member staff leader leader+member", "member staff leader leader+member", "member staff leader leader+member", "member staff leader leader+member", ""}},
	{KindConsultationPlan, ActionCreate, who{"staff", "staff", "staff", "staff", ""}},
	{KindConsultationPlan, ActionUpdate, who{"staff", "staff", "staff", "staff", ""}},
	{KindConsultationPlan, ActionDelete, who{"staff", "staff", "staff", "staff", ""}},
	{KindConsultationPlan, ActionChange, who{"staff", "staff", "staff", "staff", ""}},
	{KindConsultationPlan, ActionExport, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindResearchTopic, ActionRead, who{"member staff leader leader+member", "member staff leader leader+member", "member staff leader leader+member", "member staff leader leader+member", ""}},
	{KindResearchTopic, ActionCreate, who{"staff", "staff", "staff", "staff", ""}},
	{KindResearchTopic, ActionUpdate, who{"staff", "staff", "staff", "staff", ""}},
	{KindResearchTopic, ActionChange, who{"staff", "staff", "staff", "staff", ""}},
	{KindResearchTopic, ActionExport, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},

	// Speeches: a member submits, edits, withdraws and reads only their own; the office selects.
	{KindSpeech, ActionRead, who{"member staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindSpeech, ActionCreate, who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindSpeech, ActionUpdate, who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindSpeech, ActionChange, who{"staff", "staff", "staff", "staff", ""}},
	{KindSpeech, ActionExport, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},

	// Outcomes: the office writes and sends them; members and leaders read them.
	{KindOutcome, ActionRead, who{"member staff leader leader+member", "member staff leader leader+member", "member staff leader leader+member", "member staff leader leader+member", ""}},
	{KindOutcome, ActionCreate, who{"staff", "staff", "staff", "staff", ""}},
	{KindOutcome, ActionUpdate, who{"staff", "staff", "staff", "staff", ""}},
	{KindOutcome, ActionChange, who{"staff", "staff", "staff", "staff", ""}},

	// Opinion reports: a member writes, submits, takes back and reads their own; the office does
	// the rest; leaders read and count them.
	{KindOpinion, ActionRead, who{"member staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindOpinion, ActionCreate, who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindOpinion, ActionUpdate, who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindOpinion, ActionExport, who{"staff leader leader+member", "staff leader leader+member", "staff leader leader+member", "staff leader leader+member", ""}},
	{KindOpinion, "submit", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindOpinion, "resubmit", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindOpinion, "retract", who{"member staff leader+member", "staff", "staff", "staff", ""}},
	{KindOpinion, "return", who{"staff", "staff", "staff", "staff", ""}},
	{KindOpinion, "edit", who{"staff", "staff", "staff", "staff", ""}},
	{KindOpinion, "not_use", who{"staff", "staff", "staff", "staff", ""}},
	{KindOpinion, "reedit", who{"staff", "staff", "staff", "staff", ""}},
	{KindOpinion, "compile", who{"staff", "staff", "staff", "staff", ""}},
	{KindOpinion, "forward", who{"staff", "staff", "staff", "staff", ""}},
	{KindOpinion, "adopt", who{"staff", "staff", "staff", "staff", ""}},
}

// wantLabel is the Chinese name each refusal message must use for the action.
var wantLabel = map[Action]string{
	ActionRead: "查看", ActionCreate: "新建", ActionUpdate: "修改", ActionDelete: "删除",
	ActionImport: "导入", ActionExport: "导出", ActionViewPII: "查看完整个人信息", ActionChange: "办理",
	"submit": "提交", "invite": "征集联名", "finish_cosign": "结束联名征集", "recall": "撤回联名征集", "resubmit": "重新提交", "evaluate": "满意度测评",
	"return": "退回修改", "accept": "立案", "reject": "不予立案", "withdraw": "撤案", "merge": "并案", "convert": "转办",
	"assign": "交办", "approve_extension": "同意延期", "refuse_extension": "不同意延期", "approve_reply": "审核通过答复",
	"reject_reply": "退回答复", "close": "办结", "publish": "公开", "excellent": "评为优秀提案", "mark_key": "确定重点提案", "supervise": "督办",
	"send_back": "退回交办", "request_extension": "申请延期", "contact": "记录沟通", "reply": "提交答复", "cosign_reply": "会签答复",
	"invite_members": "邀请参加", "start": "开始签到", "finish": "结束活动", "cancel": "取消活动",
	"attend": "确认参加", "decline": "不参加", "request_leave": "请假", "check_in": "签到", "approve_leave": "准假", "refuse_leave": "不准假",
	"retract": "撤回", "edit": "编辑加工", "not_use": "不予采用", "reedit": "重新编辑", "compile": "编入期刊", "forward": "报送", "adopt": "记录采用",
}

// TestPermissionMatrix checks every actor × kind × action × ownership against the policy.
func TestPermissionMatrix(t *testing.T) {
	known := map[string]bool{}
	for _, x := range permActors {
		known[x.name] = true
	}
	type key struct {
		k Kind
		a Action
	}
	expected := map[key]who{}
	for _, row := range expectedPolicy {
		if _, dup := expected[key{row.kind, row.action}]; dup {
			t.Fatalf("matrix lists %s/%s twice", row.kind, row.action)
		}
		for _, cell := range row.may {
			for _, name := range strings.Fields(cell) {
				if !known[name] {
					t.Fatalf("matrix row %s/%s names unknown actor %q", row.kind, row.action, name)
				}
			}
		}
		expected[key{row.kind, row.action}] = row.may
	}

	allowedCount, refusedCount := 0, 0
	for _, k := range allKinds {
		t.Run(string(k), func(t *testing.T) {
			for _, act := range kindActions(k) {
				may := expected[key{k, act}] // zero value: nobody
				for col, ownership := range ownerships {
					allowed := map[string]bool{}
					for _, name := range strings.Fields(may[col]) {
						allowed[name] = true
					}
					for _, x := range permActors {
						tg := target(k, x.a, ownership)
						err := Authorize(x.a, act, tg)
						if can := Can(x.a, act, tg); can != (err == nil) {
							t.Errorf("%s %s %s (%s): Can=%v but Authorize=%v", x.name, act, k, ownership, can, err)
						}
						if allowed[x.name] {
							allowedCount++
							if err != nil {
								t.Errorf("%s should be allowed to %s a %s record (%s), got %v", x.name, act, k, ownership, err)
							}
							continue
						}
						refusedCount++
						if err == nil {
							t.Errorf("%s must NOT be allowed to %s a %s record (%s), but was", x.name, act, k, ownership)
							continue
						}
						checkRefusal(t, x.name, x.a, act, err)
					}
				}
			}
		})
	}
	if allowedCount == 0 || refusedCount == 0 {
		t.Fatalf("matrix is degenerate: %d allowed, %d refused", allowedCount, refusedCount)
	}
}

// checkRefusal checks the error of a refused action: the public is asked to log in
// (unauthorized), a signed-in user is told which action was refused (forbidden).
func checkRefusal(t *testing.T, name string, a Actor, act Action, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s %s: refusal is not a *lvzhi.Error: %T %v", name, act, err, err)
		return
	}
	if a.Anonymous() {
		if e.Code != ErrUnauthorized {
			t.Errorf("public %s: code = %s, want %s", act, e.Code, ErrUnauthorized)
		}
		if !strings.Contains(e.Message, "登录") {
			t.Errorf("public %s: message %q should ask to log in", act, e.Message)
		}
		return
	}
	if e.Code != ErrForbidden {
		t.Errorf("%s %s: code = %s, want %s", name, act, e.Code, ErrForbidden)
	}
	if want := "您没有" + wantLabel[act] + "此项内容的权限"; !strings.Contains(e.Message, want) {
		t.Errorf("%s %s: message %q does not name the action (want it to contain %q)", name, act, e.Message, want)
	}
	if ErrorMessage(err) != e.Message {
		t.Errorf("%s %s: ErrorMessage hides a forbidden message: %q", name, act, ErrorMessage(err))
	}
}

// TestPermissionMatrixCoversGrants makes sure the matrix above enumerates every kind and
// action the permission table knows, so a new row in the table cannot go untested.
func TestPermissionMatrixCoversGrants(t *testing.T) {
	kinds := map[Kind]bool{}
	for _, k := range allKinds {
		kinds[k] = true
	}
	actions := map[Action]bool{}
	for _, k := range allKinds {
		for _, a := range kindActions(k) {
			actions[a] = true
		}
	}
	for k, row := range grants {
		if !kinds[k] {
			t.Errorf("kind %q is in the grants table but not in the permission matrix test", k)
		}
		for a := range row {
			if !actions[a] {
				t.Errorf("action %q of kind %q is not in the permission matrix test", a, k)
			}
		}
	}
	for a := range ActionLabel {
		if !actions[a] {
			t.Errorf("action %q has a label but is not in the permission matrix test", a)
		}
	}
	for _, a := range allActions {
		if ActionLabel[a] != wantLabel[a] {
			t.Errorf("ActionLabel[%s] = %q, want %q", a, ActionLabel[a], wantLabel[a])
		}
	}
	for _, r := range Roles {
		found := false
		for _, x := range permActors {
			if x.a.Has(r) && len(x.a.Roles) == 1 {
				found = true
			}
		}
		if !found {
			t.Errorf("role %s has no single-role actor in the permission matrix", r)
		}
	}
}

func TestAuthorizeSystemAllowsEverything(t *testing.T) {
	sys := System(1)
	if sys.Username != "system" || !sys.System || !sys.InCommittee(1) {
		t.Fatalf("System(1) = %+v", sys)
	}
	for _, k := range append(allKinds, Kind("no_such_kind")) {
		for _, act := range kindActions(k) {
			for _, ownership := range ownerships {
				if err := Authorize(sys, act, target(k, sys, ownership)); err != nil {
					t.Errorf("system %s %s (%s): %v", act, k, ownership, err)
				}
			}
		}
	}
}

func TestAuthorizeChildCommittee(t *testing.T) {
	// A city administrator switched to the city (1) may also act in its district (3), not in 4.
	sysadmin := Actor{UserID: 5, Roles: []Role{RoleSysAdmin}, CommitteeID: 1, Committees: []int64{1, 3}}
	staff := Actor{UserID: 2, Roles: []Role{RoleStaff}, DepartmentID: ownDepartment, CommitteeID: 1, Committees: []int64{1, 3}}
	noCommittees := Actor{UserID: 2, Roles: []Role{RoleStaff}, DepartmentID: ownDepartment, CommitteeID: 1}
	tests := []struct {
		name string
		a    Actor
		act  Action
		t    Target
		want bool
	}{
		{"sysadmin creates a user in the child", sysadmin, ActionCreate, Target{Kind: KindUser, CommitteeID: 3}, true},
		{"sysadmin changes a user in the child", sysadmin, ActionChange, Target{Kind: KindUser, CommitteeID: 3, UserID: 50}, true},
		{"sysadmin creates a department in the child", sysadmin, ActionCreate, Target{Kind: KindDepartment, CommitteeID: 3}, true},
		{"sysadmin in a committee not in its list", sysadmin, ActionCreate, Target{Kind: KindUser, CommitteeID: 4}, false},
		{"sysadmin still reads no members in the child", sysadmin, ActionRead, Target{Kind: KindMember, CommitteeID: 3}, false},
		{"staff reads members of the child", staff, ActionRead, Target{Kind: KindMember, CommitteeID: 3, MemberID: 7}, true},
		{"staff not in committee 4", staff, ActionRead, Target{Kind: KindMember, CommitteeID: 4, MemberID: 7}, false},
		{"current committee alone grants nothing", noCommittees, ActionRead, Target{Kind: KindMember, CommitteeID: 1}, false},
	}
	for _, tc := range tests {
		err := Authorize(tc.a, tc.act, tc.t)
		if (err == nil) != tc.want {
			t.Errorf("%s: Authorize = %v, want allowed=%v", tc.name, err, tc.want)
		}
		if err != nil && ErrorCodeOf(err) != ErrForbidden {
			t.Errorf("%s: code = %s, want forbidden", tc.name, ErrorCodeOf(err))
		}
	}
}

func TestAuthorizePublicWithoutCommittee(t *testing.T) {
	public := Actor{}
	if !public.Anonymous() {
		t.Fatal("zero actor should be anonymous")
	}
	publicKinds := map[Kind]bool{KindCommittee: true, KindPublished: true}
	for k := range publicKinds {
		if err := Authorize(public, ActionRead, Target{Kind: k, CommitteeID: 5}); err != nil {
			t.Errorf("public reading %s: %v", k, err)
		}
	}
	for _, k := range allKinds {
		if publicKinds[k] {
			continue
		}
		if err := Authorize(public, ActionRead, Target{Kind: k, CommitteeID: 5}); ErrorCodeOf(err) != ErrUnauthorized {
			t.Errorf("public reading %s: %v, want unauthorized", k, err)
		}
	}
}

func TestAuthorizeUnknownKindRefused(t *testing.T) {
	staff := permActors[1].a
	err := Authorize(staff, ActionRead, Target{Kind: "no_such_kind", CommitteeID: 1})
	if ErrorCodeOf(err) != ErrForbidden {
		t.Errorf("a kind with no grants must be refused, got %v", err)
	}
}

// TestRecordTargets checks the targets the records build, end to end with Authorize.
func TestRecordTargets(t *testing.T) {
	member := permActors[0].a // member 101, user 1
	staff := permActors[1].a
	own := Member{ID: 101, CommitteeID: 1}
	other := Member{ID: 102, CommitteeID: 1}
	if got := own.Target(); got != (Target{Kind: KindMember, CommitteeID: 1, MemberID: 101}) {
		t.Errorf("Member.Target = %+v", got)
	}
	if got := (User{ID: 1, CommitteeID: 1}).Target(); got != (Target{Kind: KindUser, CommitteeID: 1, UserID: 1}) {
		t.Errorf("User.Target = %+v", got)
	}
	tests := []struct {
		name string
		a    Actor
		act  Action
		t    Target
		want bool
	}{
		{"member updates own member record", member, ActionUpdate, own.Target(), true},
		{"member sees own PII", member, ActionViewPII, own.Target(), true},
		{"member updates another member", member, ActionUpdate, other.Target(), false},
		{"member sees another's PII", member, ActionViewPII, other.Target(), false},
		{"member reads another member", member, ActionRead, other.Target(), true},
		{"member updates own account", member, ActionUpdate, User{ID: 1, CommitteeID: 1}.Target(), true},
		{"member updates another account", member, ActionUpdate, User{ID: 2, CommitteeID: 1}.Target(), false},
		{"staff sees any PII", staff, ActionViewPII, other.Target(), true},
		{"staff cannot disable an account", staff, ActionChange, User{ID: 1, CommitteeID: 1}.Target(), false},
	}
	for _, tc := range tests {
		if got := Can(tc.a, tc.act, tc.t); got != tc.want {
			t.Errorf("%s: Can = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestActorHelpers(t *testing.T) {
	a := Actor{UserID: 3, Roles: []Role{RoleLeader, RoleMember}, Committees: []int64{1, 3}}
	for _, tc := range []struct {
		r    Role
		want bool
	}{{RoleLeader, true}, {RoleMember, true}, {RoleStaff, false}, {RoleSysAdmin, false}} {
		if a.Has(tc.r) != tc.want {
			t.Errorf("Has(%s) = %v, want %v", tc.r, !tc.want, tc.want)
		}
	}
	for _, tc := range []struct {
		id   int64
		want bool
	}{{1, true}, {3, true}, {2, false}, {0, false}} {
		if a.InCommittee(tc.id) != tc.want {
			t.Errorf("InCommittee(%d) = %v, want %v", tc.id, !tc.want, tc.want)
		}
	}
	if a.Anonymous() {
		t.Error("a signed-in actor is not anonymous")
	}
	for _, r := range Roles {
		if !r.Valid() || RoleLabel[r] == "" {
			t.Errorf("role %s has no label", r)
		}
		want := r == RoleSysAdmin || r == RoleSecAdmin || r == RoleAuditor
		if r.IsAdmin() != want {
			t.Errorf("%s.IsAdmin() = %v, want %v", r, !want, want)
		}
	}
	if Role("root").Valid() || Role("").Valid() {
		t.Error("unknown roles must not be valid")
	}
}
