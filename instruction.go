package lvzhi

import (
	"strings"
	"time"
	"unicode/utf8"
)

// KindInstruction is the kind of an instruction (批示) for the permission check.
const KindInstruction Kind = "instruction"

// Instruction is a leader's written instruction (批示) on a record of the committee's work — a
// proposal, an opinion report, a consultation's recommendations, a request, a task — and what
// was done about it. It is a record of its own, attached to the other by kind and id.
type Instruction struct {
	ID          int64
	CommitteeID int64
	RecordKind  Kind
	RecordID    int64
	RecordTitle string // the record's title when the instruction was recorded, for lists
	MemberID    int64  // the record's submitter, when a member: who sees it and whose figures it counts in
	Leader      string // the leader's name: 张三
	Rank        string // one of the committee's ranks: 市委主要领导 …
	GivenOn     time.Time
	Body        string

	// The follow-up (落实): which department acts, what was done, when.
	Department string
	FollowUp   string
	DoneOn     time.Time
	State      string

	CreatedBy int64
	Created   time.Time
	Updated   time.Time
}

// Instruction follow-up states.
const (
	InstructionPending = "pending" // 待落实
	InstructionDone    = "done"    // 已落实
)

// InstructionWorkflow is the follow-up of an instruction: progress is recorded while it is
// pending, completing it needs what was done, and a completed one may be reopened.
var InstructionWorkflow = Workflow{
	Name:        "批示",
	StateLabel:  map[string]string{InstructionPending: "待落实", InstructionDone: "已落实"},
	ActionLabel: map[string]string{"follow_up": "记录落实情况", "complete": "落实完毕", "reopen": "重新落实"},
	Table: []Transition{
		{InstructionPending, "follow_up", InstructionPending},
		{InstructionPending, "complete", InstructionDone},
		{InstructionDone, "reopen", InstructionPending},
	},
}

// InstructionRecordKinds are the kinds of record an instruction may be attached to, in the
// order lists offer them, with their Chinese names. A kind whose module is not built yet is
// refused by the store until that module teaches it how to find such a record.
var InstructionRecordKinds = []Kind{KindProposal, KindOpinion, KindRequest, KindOutcome, KindResearchTopic, KindSpeech, KindActivity, "task"}

// RecordKindLabel is the Chinese name of each kind of record instructions and attachments
// hang on.
var RecordKindLabel = map[Kind]string{
	KindProposal: "提案", KindOpinion: "社情民意信息", KindRequest: "请示报告", KindOutcome: "协商成果",
	KindResearchTopic: "重点调研课题", KindSpeech: "发言", KindActivity: "活动", "task": "任务",
}

// InstructionSettings are a committee's ranks of leaders whose instructions it records.
type InstructionSettings struct {
	Ranks []string
	Main  []string // the ranks counted as "主要领导" in the summary figures (市委、市政府主要领导)
}

// DefaultInstructionSettings are the ranks of a city committee.
func DefaultInstructionSettings() InstructionSettings {
	return InstructionSettings{
		Ranks: []string{"省委主要领导", "省政府主要领导", "省领导", "市委主要领导", "市政府主要领导", "市领导", "市政协主要领导"},
		Main:  []string{"市委主要领导", "市政府主要领导"},
	}
}

// Validate checks the rank list: at least one rank, no blank or repeated rank, and main
// ranks chosen from the list.
func (s InstructionSettings) Validate() error {
	f := map[string]string{}
	seen := map[string]bool{}
	for _, r := range s.Ranks {
		r = strings.TrimSpace(r)
		if r == "" || utf8.RuneCountInString(r) > 20 {
			f["ranks"] = "领导级别不能为空,也不能超过20个字"
		} else if seen[r] {
			f["ranks"] = "领导级别“" + r + "”重复"
		}
		seen[r] = true
	}
	if len(s.Ranks) == 0 {
		f["ranks"] = "请至少设置一个领导级别"
	}
	for _, m := range s.Main {
		if !seen[m] {
			f["main"] = "主要领导级别“" + m + "”不在领导级别中"
		}
	}
	return Invalid(f)
}

// Validate checks an instruction as recorded: who gave it, at which rank, when and what.
func (in Instruction) Validate(s InstructionSettings, now time.Time) error {
	f := map[string]string{}
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Leader)); n == 0 {
		f["leader"] = "请填写作出批示的领导姓名"
	} else if n > 50 {
		f["leader"] = "领导姓名不能超过50个字"
	}
	if !contains(s.Ranks, in.Rank) {
		f["rank"] = "请从本政协设置的领导级别中选择"
	}
	switch {
	case in.GivenOn.IsZero():
		f["given_on"] = "请填写批示日期"
	case in.GivenOn.After(now.Add(24 * time.Hour)):
		f["given_on"] = "批示日期不能晚于今天"
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Body)); n == 0 {
		f["body"] = "请填写批示内容"
	} else if n > 5000 {
		f["body"] = "批示内容不能超过5000字"
	}
	if RecordKindLabel[in.RecordKind] == "" {
		f["record_kind"] = "批示只能附在提案、社情民意信息、请示报告、协商成果、调研课题、发言、活动或任务上"
	}
	if in.RecordID <= 0 {
		f["record_id"] = "请选择批示所针对的记录"
	}
	return Invalid(f)
}

// FollowUpInput is what a follow-up action records.
type FollowUpInput struct {
	Department string    // the department or unit that acts
	FollowUp   string    // what was done
	DoneOn     time.Time // complete: when it was done
	Note       string
}

// Validate checks a follow-up for the action: completing needs the department, what was done
// and the date.
func (f FollowUpInput) Validate(action string) error {
	bad := map[string]string{}
	if utf8.RuneCountInString(f.Department) > 100 {
		bad["department"] = "落实部门不能超过100个字"
	}
	if utf8.RuneCountInString(f.FollowUp) > 5000 {
		bad["follow_up"] = "落实情况不能超过5000字"
	}
	if action == "complete" {
		if strings.TrimSpace(f.Department) == "" {
			bad["department"] = "请填写负责落实的部门"
		}
		if strings.TrimSpace(f.FollowUp) == "" {
			bad["follow_up"] = "请填写落实情况"
		}
		if f.DoneOn.IsZero() {
			bad["done_on"] = "请填写落实完成日期"
		}
	}
	if action == "follow_up" && strings.TrimSpace(f.Department) == "" && strings.TrimSpace(f.FollowUp) == "" {
		bad["follow_up"] = "请填写落实部门或落实情况"
	}
	return Invalid(bad)
}

// InstructionFilter selects instructions for a list, an export or the API.
type InstructionFilter struct {
	CommitteeID int64
	Rank        string
	Ranks       []string // any of these ranks (the main leaders' ranks)
	RecordKind  Kind
	RecordID    int64
	State       string
	From, To    time.Time // given on or after From, before To
	Q           string    // in the leader's name, the text or the record's title
	Paging
}
