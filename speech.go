package lvzhi

import (
	"strings"
	"time"
)

// Speech is a speech (发言): either one given at an activity (who spoke, on what, the text),
// or a plenary speech (大会发言) submitted in writing by a member or a group for a session,
// which the office then selects for oral delivery at the plenary or for written distribution
// (书面发言), or does not select.
type Speech struct {
	ID          int64
	CommitteeID int64
	Kind        string // activity or plenary
	ActivityID  int64  // an activity speech: the activity
	SessionID   int64  // a plenary speech: the session
	MemberID    int64  // the member who speaks, or who submitted for a group
	GroupID     int64  // a group speech: the sector, party or special committee
	Speaker     string // as the speech is signed: the member's name, or the group's
	Sector      string // filled by reads: the member's sector
	Title       string
	Body        string
	State       string
	Note        string // the office's note on its selection
	Submitted   time.Time
	Updated     time.Time

	SessionName   string // filled by reads
	ActivityTitle string // filled by reads
}

// Speech kinds.
const (
	SpeechActivity = "activity" // 活动发言
	SpeechPlenary  = "plenary"  // 大会发言
)

// SpeechKindLabel is the Chinese name of each kind.
var SpeechKindLabel = map[string]string{SpeechActivity: "活动发言", SpeechPlenary: "大会发言"}

// Speech states. An activity speech is recorded as given (SpeechGiven) and has no workflow.
const (
	SpeechGiven       = "given"        // 已发言
	SpeechSubmitted   = "submitted"    // 已提交
	SpeechOral        = "oral"         // 选为大会口头发言
	SpeechWritten     = "written"      // 选为书面发言
	SpeechNotSelected = "not_selected" // 未选用
	SpeechWithdrawn   = "withdrawn"    // 已撤回
)

// SpeechWorkflow is the life of a plenary speech.
var SpeechWorkflow = Workflow{
	Name: "大会发言",
	StateLabel: map[string]string{
		SpeechGiven: "已发言", SpeechSubmitted: "已提交", SpeechOral: "大会口头发言", SpeechWritten: "书面发言",
		SpeechNotSelected: "未选用", SpeechWithdrawn: "已撤回",
	},
	ActionLabel: map[string]string{
		"select_oral": "选为口头发言", "select_written": "选为书面发言", "not_select": "不予选用",
		"reconsider": "重新遴选", "withdraw_speech": "撤回发言",
	},
	Table: []Transition{
		{SpeechSubmitted, "select_oral", SpeechOral},
		{SpeechSubmitted, "select_written", SpeechWritten},
		{SpeechSubmitted, "not_select", SpeechNotSelected},
		{SpeechSubmitted, "withdraw_speech", SpeechWithdrawn},
		{SpeechOral, "reconsider", SpeechSubmitted},
		{SpeechWritten, "reconsider", SpeechSubmitted},
		{SpeechNotSelected, "reconsider", SpeechSubmitted},
	},
}

// SpeechPermission is the permission an action on a speech asks for: the member's own
// withdrawal is an edit of their own speech; every selection is the office's workflow action.
func SpeechPermission(action string) Action {
	if action == "withdraw_speech" {
		return ActionUpdate
	}
	return ActionChange
}

// Target is the permission target of a speech: its committee and the member who gave or
// submitted it.
func (s Speech) Target() Target {
	return Target{Kind: KindSpeech, CommitteeID: s.CommitteeID, MemberID: s.MemberID}
}

// Validate checks a speech before it is written.
func (s Speech) Validate() error {
	f := map[string]string{}
	switch n := len([]rune(strings.TrimSpace(s.Title))); {
	case n == 0:
		f["title"] = "请填写发言题目"
	case n > 100:
		f["title"] = "发言题目不能超过100个字"
	}
	switch s.Kind {
	case SpeechActivity:
		if s.ActivityID == 0 {
			f["activity_id"] = "请选择发言所在的活动"
		}
		if s.MemberID == 0 {
			f["member_id"] = "请选择发言的委员"
		}
	case SpeechPlenary:
		if s.SessionID == 0 {
			f["session_id"] = "请选择大会发言所属的会议"
		}
		if s.MemberID == 0 && s.GroupID == 0 {
			f["member_id"] = "请选择发言的委员或提交发言的界别、党派团体、专门委员会"
		}
		if n := len([]rune(strings.TrimSpace(s.Body))); n < 20 {
			f["body"] = "大会发言须书面提交全文(至少20字)"
		}
	default:
		f["kind"] = "请选择发言类别"
	}
	if len([]rune(s.Body)) > 20000 {
		f["body"] = "发言内容不能超过20000字"
	}
	return Invalid(f)
}

// SpeechFilter selects speeches.
type SpeechFilter struct {
	CommitteeID int64
	Kind        string
	SessionID   int64
	ActivityID  int64
	MemberID    int64
	State       string
	Paging
}

// SpeechCount is one line of the speech figures: a member's or a sector's plenary speeches
// submitted and selected for oral delivery or written distribution.
type SpeechCount struct {
	ID        int64 // the member or the sector
	Name      string
	Submitted int
	Oral      int
	Written   int
}
