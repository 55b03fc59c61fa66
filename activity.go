package lvzhi

import (
	"strings"
	"time"
)

// Activity is a committee activity (活动): a meeting, a consultation, research, an inspection
// or a member activity. It is organised by a department or a special committee; its
// participants are members invited by name or by grouping (resolved to member rows when they
// are invited) and its guests are officials and experts who are not members.
type Activity struct {
	ID          int64
	CommitteeID int64
	Type        string // one of the committee's activity types (ActivitySettings.Types)
	Title       string
	OrganiserID int64 // the department or special committee (org_units) that organises it
	StartsAt    time.Time
	EndsAt      time.Time
	Place       string
	Agenda      string // shown to participants only
	State       string

	CheckinBefore int // check-in opens this many minutes before the start
	LateAfter     int // a check-in this many minutes after the start is late

	CancelReason string
	CreatedBy    int64
	PublishedAt  time.Time
	ClosedAt     time.Time
	Updated      time.Time

	OrganiserName string // filled by reads
	Invited       int    // filled by list reads: participants, counted from their rows
}

// Activity states.
const (
	ActivityDraft     = "draft"     // 草稿: being planned
	ActivityPublished = "published" // 已发布: invitations are out
	ActivityUnderway  = "underway"  // 进行中: check-in is running
	ActivityClosed    = "closed"    // 已结束: attendance is final
	ActivityCancelled = "cancelled" // 已取消
)

// ActivityWorkflow is the life of an activity. Publishing sends the invitations; closing
// fixes every participant's attendance from check-ins and leave.
var ActivityWorkflow = Workflow{
	Name: "活动",
	StateLabel: map[string]string{
		ActivityDraft: "草稿", ActivityPublished: "已发布", ActivityUnderway: "进行中",
		ActivityClosed: "已结束", ActivityCancelled: "已取消",
	},
	ActionLabel: map[string]string{
		"publish": "发布活动", "start": "开始签到", "finish": "结束活动", "cancel": "取消活动",
		"invite_members": "邀请参加",
	},
	Table: []Transition{
		{ActivityDraft, "invite_members", ActivityDraft},
		{ActivityDraft, "publish", ActivityPublished},
		{ActivityDraft, "cancel", ActivityCancelled},
		{ActivityPublished, "invite_members", ActivityPublished}, // more participants after publishing
		{ActivityPublished, "start", ActivityUnderway},
		{ActivityPublished, "finish", ActivityClosed},
		{ActivityPublished, "cancel", ActivityCancelled},
		{ActivityUnderway, "finish", ActivityClosed},
	},
}

// The default activity types. A committee may configure its own list (ActivitySettings).
const (
	ActivityPlenary               = "plenary"                        // 全体会议
	ActivityStandingMeeting       = "standing_meeting"               // 常委会议
	ActivityChairsMeeting         = "chairs_meeting"                 // 主席会议
	ActivityTopicalConsultation   = "topical_consultation"           // 专题协商
	ActivityCounterpartConsult    = "counterpart_consultation"       // 对口协商
	ActivitySectorConsultation    = "sector_consultation"            // 界别协商
	ActivityProposalConsultation  = "proposal_handling_consultation" // 提案办理协商
	ActivityBimonthlyConsultation = "bimonthly_consultation"         // 双月协商座谈会
	ActivitySecretaryListens      = "secretary_listens"              // 市委书记倾听委员之声
	ActivityResearch              = "research"                       // 调研
	ActivityInspection            = "inspection"                     // 视察
	ActivitySupervisoryInspection = "supervisory_inspection"         // 监督性视察
	ActivityFieldStudy            = "field_study"                    // 蹲点调研
	ActivityStudySession          = "study_session"                  // 学习会
	ActivitySectorActivity        = "sector_activity"                // 界别活动
	ActivityMemberActivity        = "member_activity"                // 委员活动
)

// ActivityType is one entry of a committee's list of activity types.
type ActivityType struct {
	Code  string
	Label string
}

// DefaultActivityTypes is the list a committee starts with, in the order pages show it.
var DefaultActivityTypes = []ActivityType{
	{ActivityPlenary, "全体会议"}, {ActivityStandingMeeting, "常委会议"}, {ActivityChairsMeeting, "主席会议"},
	{ActivityTopicalConsultation, "专题协商"}, {ActivityCounterpartConsult, "对口协商"},
	{ActivitySectorConsultation, "界别协商"}, {ActivityProposalConsultation, "提案办理协商"},
	{ActivityBimonthlyConsultation, "双月协商座谈会"}, {ActivitySecretaryListens, "市委书记倾听委员之声"},
	{ActivityResearch, "调研"}, {ActivityInspection, "视察"}, {ActivitySupervisoryInspection, "监督性视察"},
	{ActivityFieldStudy, "蹲点调研"}, {ActivityStudySession, "学习会"}, {ActivitySectorActivity, "界别活动"},
	{ActivityMemberActivity, "委员活动"},
}

// Target is the permission target of the activity as a whole (planning, publishing,
// closing). Reading one as a participant goes through the store, which sets MemberID.
func (a Activity) Target() Target {
	return Target{Kind: KindActivity, CommitteeID: a.CommitteeID}
}

// CheckinOpens is when check-in opens; it stays open until the activity ends.
func (a Activity) CheckinOpens() time.Time {
	return a.StartsAt.Add(-time.Duration(a.CheckinBefore) * time.Minute)
}

// LateFrom is the moment from which a check-in counts as late.
func (a Activity) LateFrom() time.Time {
	return a.StartsAt.Add(time.Duration(a.LateAfter) * time.Minute)
}

// Validate checks an activity before it is saved, against the committee's types.
func (a Activity) Validate(s ActivitySettings) error {
	f := map[string]string{}
	title := strings.TrimSpace(a.Title)
	switch {
	case title == "":
		f["title"] = "请填写活动名称"
	case len([]rune(title)) > 100:
		f["title"] = "活动名称不能超过100个字"
	}
	if s.TypeLabel(a.Type) == "" {
		f["type"] = "请选择活动类型"
	}
	if a.StartsAt.IsZero() {
		f["starts_at"] = "请填写开始时间"
	}
	if a.EndsAt.IsZero() {
		f["ends_at"] = "请填写结束时间"
	} else if !a.StartsAt.IsZero() && !a.EndsAt.After(a.StartsAt) {
		f["ends_at"] = "结束时间须晚于开始时间"
	}
	if strings.TrimSpace(a.Place) == "" {
		f["place"] = "请填写活动地点"
	} else if len([]rune(a.Place)) > 200 {
		f["place"] = "活动地点不能超过200个字"
	}
	if a.CheckinBefore < 0 || a.CheckinBefore > 24*60 {
		f["checkin_before"] = "签到提前开放时间须在0到1440分钟之间"
	}
	if a.LateAfter < 0 || a.LateAfter > 24*60 {
		f["late_after"] = "迟到判定时间须在0到1440分钟之间"
	}
	if len([]rune(a.Agenda)) > 20000 {
		f["agenda"] = "议程不能超过20000字"
	}
	return Invalid(f)
}

// ActivityFilter selects activities for the calendar and the staff list.
type ActivityFilter struct {
	CommitteeID int64
	From, To    time.Time // activities starting in [From, To); zero means open
	State       string
	Type        string
	MemberID    int64 // activities this member is invited to
	Paging
}
