package lvzhi

import (
	"strings"
	"time"
)

// Outcome is what an activity produced: its minutes (纪要), or the recommendations (建议案 /
// 意见建议) the committee sends to the party committee or the government, on which their
// leaders may give instructions (批示).
type Outcome struct {
	ID            int64
	CommitteeID   int64
	ActivityID    int64
	ActivityTitle string // filled by reads
	Kind          string // minutes or recommendation
	Title         string
	Body          string
	State         string
	SentTo        string // party_committee, government or both, once sent
	SentOn        string // YYYY-MM-DD, once sent
	Updated       time.Time
}

// Outcome kinds.
const (
	OutcomeMinutes        = "minutes"        // 纪要
	OutcomeRecommendation = "recommendation" // 建议案 / 意见建议
)

// OutcomeKindLabel is the Chinese name of each kind.
var OutcomeKindLabel = map[string]string{OutcomeMinutes: "纪要", OutcomeRecommendation: "建议案"}

// OutcomeRecipients are the bodies an outcome is sent to.
var OutcomeRecipients = map[string]string{"party_committee": "市委", "government": "市政府", "both": "市委、市政府"}

// Outcome states.
const (
	OutcomeDraft = "draft" // 拟稿
	OutcomeSent  = "sent"  // 已报送
)

// OutcomeWorkflow is the life of an outcome: written, then sent. A sent outcome may be
// recalled to correct it, which its history keeps.
var OutcomeWorkflow = Workflow{
	Name:        "协商成果",
	StateLabel:  map[string]string{OutcomeDraft: "拟稿", OutcomeSent: "已报送"},
	ActionLabel: map[string]string{"send_outcome": "报送", "recall_outcome": "撤回修改"},
	Table: []Transition{
		{OutcomeDraft, "send_outcome", OutcomeSent},
		{OutcomeSent, "recall_outcome", OutcomeDraft},
	},
}

// Target is the permission target of an outcome: the committee's.
func (o Outcome) Target() Target { return Target{Kind: KindOutcome, CommitteeID: o.CommitteeID} }

// Validate checks an outcome before it is written.
func (o Outcome) Validate() error {
	f := map[string]string{}
	if _, ok := OutcomeKindLabel[o.Kind]; !ok {
		f["kind"] = "请选择成果类别:纪要或建议案"
	}
	switch n := len([]rune(strings.TrimSpace(o.Title))); {
	case n == 0:
		f["title"] = "请填写标题"
	case n > 100:
		f["title"] = "标题不能超过100个字"
	}
	if o.ActivityID == 0 {
		f["activity_id"] = "请选择成果所属的活动"
	}
	if strings.TrimSpace(o.Body) == "" {
		f["body"] = "请填写正文"
	} else if len([]rune(o.Body)) > 50000 {
		f["body"] = "正文不能超过50000字"
	}
	return Invalid(f)
}

// OutcomeActionInput carries what an outcome action needs besides its name.
type OutcomeActionInput struct {
	SentTo string // send: a key of OutcomeRecipients
	SentOn string // send: YYYY-MM-DD
	Note   string
}

// ValidateSend checks where and when an outcome was sent.
func (in OutcomeActionInput) ValidateSend() error {
	f := map[string]string{}
	if _, ok := OutcomeRecipients[in.SentTo]; !ok {
		f["sent_to"] = "请选择报送对象:市委、市政府或二者"
	}
	if _, err := time.Parse("2006-01-02", in.SentOn); err != nil {
		f["sent_on"] = "报送日期格式应为2026-05-27"
	}
	return Invalid(f)
}
