package lvzhi

import (
	"fmt"
	"strings"
	"time"
)

// Proposal is a proposal (提案): written by a member (individual), a lead member with
// co-signers (joint), or a sector, activity group, party or special committee (group); reviewed
// by the proposal office, handled by government units, replied to and rated by its proposer.
type Proposal struct {
	ID          int64
	CommitteeID int64
	SessionID   int64 // the session it belongs to (session or between-session proposals alike)
	Number      int   // 0 until accepted; then gapless and unique per session
	Kind        string
	Title       string
	Category    string
	Body        string
	State       string
	Between     bool // a between-session proposal (闭会期间提案)

	ProposerID     int64  // the (lead) member; 0 for a group proposal
	ProposerName   string // as the proposal is signed: a member's name, or the group's
	GroupID        int64  // the sector, activity group, party or special committee of a group proposal
	Signer         string // a group proposal is signed by its convenor (召集人) or head
	SuggestedUnits string // the units the proposer suggested, as written
	PublishConsent bool   // the proposer agrees to publication

	CosignDeadline time.Time // joint proposals: co-signers confirm before this
	MergedInto     int64     // merged (并案) into this main proposal
	ConvertedTo    string    // "opinion" or "letter" when converted
	RejectReasons  []string  // the regulation's reasons, by code
	Mode           string    // handling mode: single, split, joint (单办 / 分办 / 会办)
	AssignedAt     time.Time
	Deadline       time.Time // reply due; moves with approved extensions
	Round          int       // handling round: 1, then 2 after a dissatisfied evaluation
	Key            bool      // 重点提案
	Supervisor     int64     // the leader supervising a key proposal
	Excellent      bool      // 优秀提案
	Published      bool
	HistoryUnits   string // an imported earlier year's record: its handling units as written
	HistoryClass   string // and its reply class
	Submitted      time.Time
	Updated        time.Time

	SessionName string // filled by reads: 第十四届第三次会议
}

// Proposal kinds.
const (
	ProposalIndividual = "individual" // 个人提案
	ProposalJoint      = "joint"      // 联名提案
	ProposalGroup      = "group"      // 集体提案
)

// ProposalKindLabel is the Chinese name of each kind.
var ProposalKindLabel = map[string]string{ProposalIndividual: "个人提案", ProposalJoint: "联名提案", ProposalGroup: "集体提案"}

// Proposal states.
const (
	ProposalDraft       = "draft"        // 草稿
	ProposalCosigning   = "cosigning"    // 联名征集中
	ProposalReview      = "review"       // 审查中
	ProposalReturned    = "returned"     // 退回修改
	ProposalAccepted    = "accepted"     // 已立案, awaiting assignment
	ProposalRejected    = "rejected"     // 不予立案
	ProposalWithdrawn   = "withdrawn"    // 已撤案
	ProposalMerged      = "merged"       // 已并案
	ProposalConverted   = "converted"    // 已转办 (to an opinion report or a letter)
	ProposalHandling    = "handling"     // 办理中
	ProposalReplyReview = "reply_review" // 答复审核
	ProposalReplied     = "replied"      // 已答复, awaiting evaluation
	ProposalClosed      = "closed"       // 已办结
)

// ProposalWorkflow is the life of a proposal. Actions that record something without moving
// the state (a contact with the proposer, an extension request) are rows from a state to itself.
var ProposalWorkflow = Workflow{
	Name: "提案",
	StateLabel: map[string]string{
		ProposalDraft: "草稿", ProposalCosigning: "联名征集中", ProposalReview: "审查中", ProposalReturned: "退回修改",
		ProposalAccepted: "已立案", ProposalRejected: "不予立案", ProposalWithdrawn: "已撤案", ProposalMerged: "已并案",
		ProposalConverted: "已转办", ProposalHandling: "办理中", ProposalReplyReview: "答复审核", ProposalReplied: "已答复",
		ProposalClosed: "已办结",
	},
	ActionLabel: map[string]string{
		"submit": "提交", "invite": "征集联名", "finish_cosign": "结束联名征集", "recall": "撤回联名征集", "return": "退回修改", "resubmit": "重新提交",
		"accept": "立案", "reject": "不予立案", "withdraw": "撤案", "merge": "并案", "convert": "转办",
		"assign": "交办", "send_back": "退回交办", "request_extension": "申请延期", "approve_extension": "同意延期",
		"refuse_extension": "不同意延期", "contact": "记录沟通", "reply": "提交答复", "approve_reply": "审核通过答复",
		"reject_reply": "退回答复", "evaluate": "满意度测评", "close": "办结", "cosign_reply": "会签答复",
	},
	Table: []Transition{
		{ProposalDraft, "submit", ProposalReview},
		{ProposalDraft, "invite", ProposalCosigning},
		{ProposalCosigning, "finish_cosign", ProposalReview},
		{ProposalCosigning, "recall", ProposalDraft}, // nobody confirmed: back to the draft, to invite again
		{ProposalReview, "return", ProposalReturned},
		{ProposalReturned, "resubmit", ProposalReview},
		{ProposalReturned, "withdraw", ProposalWithdrawn},
		{ProposalReview, "accept", ProposalAccepted},
		{ProposalReview, "reject", ProposalRejected},
		{ProposalReview, "withdraw", ProposalWithdrawn},
		{ProposalReview, "merge", ProposalMerged},
		{ProposalReview, "convert", ProposalConverted},
		{ProposalAccepted, "assign", ProposalHandling},
		{ProposalAccepted, "withdraw", ProposalWithdrawn},
		{ProposalHandling, "send_back", ProposalAccepted},
		{ProposalHandling, "request_extension", ProposalHandling},
		{ProposalHandling, "approve_extension", ProposalHandling},
		{ProposalHandling, "refuse_extension", ProposalHandling},
		{ProposalHandling, "contact", ProposalHandling},
		{ProposalHandling, "reply", ProposalReplyReview},
		{ProposalReplyReview, "cosign_reply", ProposalReplyReview}, // 会办: the joint units co-sign the lead's reply
		{ProposalReplyReview, "approve_reply", ProposalReplied},
		{ProposalReplyReview, "reject_reply", ProposalHandling},
		{ProposalReplied, "evaluate", ProposalClosed}, // or back to handling: see Evaluate
		{ProposalReplied, "close", ProposalClosed},
	},
}

// RejectReason is one of the national regulation's reasons not to file a proposal.
type RejectReason struct {
	Code  string
	Label string
}

// RejectReasons are the ten reasons of the national proposal regulation (不予立案的情形).
var RejectReasons = []RejectReason{
	{"secret", "涉及党和国家秘密的"},
	{"prohibited", "违反宪法和法律法规、不符合党和国家方针政策的"},
	{"party_internal", "涉及党员对党组织及其负责人的意见、建议,以及党内组织和人事问题的"},
	{"democratic_party_internal", "涉及民主党派成员对本党派内部事务的意见、建议的"},
	{"litigation", "属于诉讼、仲裁、行政复议、纪检监察案件的"},
	{"academic", "属于学术探讨的"},
	{"personal", "涉及提案者本人及亲属个人事务的"},
	{"promotion", "为宣传推介作品、产品的"},
	{"accusation", "对具体人员的检举、控告的"},
	{"vague", "内容空泛、没有具体建议的"},
}

// RejectReasonLabel returns the label of a reason code, or "" for an unknown code.
func RejectReasonLabel(code string) string {
	for _, r := range RejectReasons {
		if r.Code == code {
			return r.Label
		}
	}
	return ""
}

// Unit roles in handling (主办 / 会办 / 协办).
const (
	UnitLead   = "lead"
	UnitJoint  = "joint"
	UnitAssist = "assist"
)

// UnitRoleLabel is the Chinese name of each unit role.
var UnitRoleLabel = map[string]string{UnitLead: "主办", UnitJoint: "会办", UnitAssist: "协办"}

// HandlingModeLabel is the Chinese name of each handling mode.
var HandlingModeLabel = map[string]string{"single": "单办", "split": "分办", "joint": "会办"}

// Evaluation results (满意度测评).
const (
	Satisfied          = "satisfied"
	BasicallySatisfied = "basically"
	Dissatisfied       = "dissatisfied"
)

// EvaluationLabel is the Chinese name of each evaluation result.
var EvaluationLabel = map[string]string{Satisfied: "满意", BasicallySatisfied: "基本满意", Dissatisfied: "不满意"}

// ProposalSettings are a committee's rules for proposals, with the defaults of the national
// regulation and common local practice.
type ProposalSettings struct {
	Categories       []string
	ReplyClasses     map[string]string // A, B, C, D → label
	HandlingMonths   int               // reply due this many months after assignment
	FixedDeadline    time.Time         // if set, session proposals are due on this date instead
	SendBackDays     int               // a unit may send a wrong assignment back within this many days
	MaxExtensionDays int               // total extension beyond the first deadline
	RehandlingRounds int               // dissatisfied evaluations that reopen handling
	ReminderDays     []int             // reply due reminders
}

// DefaultProposalSettings returns the defaults.
func DefaultProposalSettings() ProposalSettings {
	return ProposalSettings{
		Categories: []string{"经济发展", "工业商贸", "财税金融", "城乡建设", "农林水利", "资源环境", "科学技术",
			"教育事业", "医卫体育", "文化宣传", "社会事业", "法制建设", "政治建设", "统战综合"},
		ReplyClasses:   map[string]string{"A": "已解决或采纳", "B": "正在解决或列入计划", "C": "因条件限制暂不能解决", "D": "留作参考"},
		HandlingMonths: 3, SendBackDays: 10, MaxExtensionDays: 92, RehandlingRounds: 1,
		ReminderDays: []int{15, 7, 1},
	}
}

// Target is the permission target of the proposal: its committee and its proposer.
func (p Proposal) Target() Target {
	return Target{Kind: KindProposal, CommitteeID: p.CommitteeID, MemberID: p.ProposerID}
}

// Validate checks what the proposer wrote before it is saved or submitted. A draft may be
// incomplete; submit asks for everything.
func (p Proposal) Validate(submitting bool, s ProposalSettings) error {
	f := map[string]string{}
	title := strings.TrimSpace(p.Title)
	switch {
	case title == "" && submitting:
		f["title"] = "请填写案由(标题)"
	case len([]rune(title)) > 100:
		f["title"] = "案由不能超过100个字"
	}
	if _, ok := ProposalKindLabel[p.Kind]; !ok {
		f["kind"] = "请选择提案类别:个人、联名或集体"
	}
	if p.Kind == ProposalGroup && p.GroupID == 0 {
		f["group_id"] = "集体提案请选择提出的界别、党派团体或专门委员会"
	}
	if p.Kind == ProposalGroup && submitting && strings.TrimSpace(p.Signer) == "" {
		f["signer"] = "集体提案须由召集人或负责人署名"
	}
	if p.Kind != ProposalGroup && p.ProposerID == 0 {
		f["proposer_id"] = "请选择提案人"
	}
	if submitting {
		if p.Category == "" {
			f["category"] = "请选择提案分类"
		} else if !contains(s.Categories, p.Category) {
			f["category"] = "提案分类“" + p.Category + "”不在本政协的分类中"
		}
		if n := len([]rune(strings.TrimSpace(p.Body))); n < 50 {
			f["body"] = "提案内容过短:请写明情况、分析和具体建议(至少50字)"
		}
	}
	if len([]rune(p.Body)) > 20000 {
		f["body"] = "提案内容不能超过20000字"
	}
	return Invalid(f)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// NumberLabel is the proposal's number as printed: 第十四届第三次会议第0001号.
func (p Proposal) NumberLabel() string {
	if p.Number == 0 {
		return ""
	}
	return fmt.Sprintf("%s第%04d号", p.SessionName, p.Number)
}

// HandlingDeadline is the reply deadline of a proposal assigned at t: the committee's fixed
// date for session proposals when one is set, else HandlingMonths later.
func (s ProposalSettings) HandlingDeadline(assigned time.Time, between bool) time.Time {
	if !between && !s.FixedDeadline.IsZero() {
		return s.FixedDeadline
	}
	return assigned.AddDate(0, s.HandlingMonths, 0)
}

// CanExtend reports whether a deadline may move to newDeadline: extensions together may add at
// most MaxExtensionDays to the first deadline (six months in all by default).
func (s ProposalSettings) CanExtend(firstDeadline, newDeadline time.Time) bool {
	return newDeadline.After(firstDeadline) && newDeadline.Sub(firstDeadline) <= time.Duration(s.MaxExtensionDays)*24*time.Hour
}

// AfterEvaluation is where an evaluation leads: a dissatisfied proposer reopens handling while
// rehandling rounds remain; otherwise the proposal is closed.
func (s ProposalSettings) AfterEvaluation(result string, round int) string {
	if result == Dissatisfied && round <= s.RehandlingRounds {
		return ProposalHandling
	}
	return ProposalClosed
}

// ProposalFilter selects proposals for a list page, an export or the API.
type ProposalFilter struct {
	CommitteeID int64
	SessionID   int64
	State       string
	Category    string
	UnitID      int64 // proposals assigned to this handling unit
	ProposerID  int64 // proposals of this member (lead or co-signer)
	Key         *bool
	Overdue     bool
	Q           string // full-text query
	Paging
}

// ProposalUnit is a handling unit's part in a proposal.
type ProposalUnit struct {
	UnitID         int64
	Name           string
	Role           string // lead, joint, assist
	SentBackReason string
	Cosigned       bool // a joint unit has co-signed the lead unit's reply (会签)
}

// ProposalActionInput carries what a proposal action needs besides its name; each action
// reads its own fields and ignores the rest.
type ProposalActionInput struct {
	Note           string
	Reasons        []string       // reject: reason codes of RejectReasons
	MergeInto      int64          // merge: the main proposal
	ConvertTo      string         // convert: "opinion" or "letter"
	Cosigners      []int64        // invite: the members asked to co-sign
	CosignDeadline time.Time      // invite: they confirm before this
	Units          []ProposalUnit // assign
	Mode           string         // assign: single, split, joint
	Until          time.Time      // request_extension: the new deadline asked for
	ExtensionID    int64          // approve_extension, refuse_extension
	Way            string         // contact: visit, phone, meeting
	OnDate         string         // contact: YYYY-MM-DD
	Class          string         // reply: A, B, C, D
	Body           string         // reply
	Result         string         // evaluate: satisfied, basically, dissatisfied
	Key            bool           // mark_key: set or clear
	SupervisorID   int64          // mark_key: the supervising leader's account
}

// ContactWays are the ways a unit contacts a proposer.
var ContactWays = map[string]string{"visit": "走访", "phone": "电话", "meeting": "座谈"}

// ConvertTargets are where a proposal may be converted to.
var ConvertTargets = map[string]string{"opinion": "社情民意信息", "letter": "委员来信"}
