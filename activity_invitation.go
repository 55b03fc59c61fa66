package lvzhi

import (
	"strings"
	"time"
)

// Invitation is one participant of an activity: a member invited to it, their answer, their
// leave request, their check-in and, once the activity is closed, their attendance state.
// Attendance is the largest input of a member's performance record, so it is exactly one
// of the four states of AttendanceLabel and is fixed only by closing the activity.
type Invitation struct {
	ActivityID  int64
	CommitteeID int64
	MemberID    int64
	State       string
	SelectedBy  string // how the member was chosen: member, sector, special_committee …
	LeaveReason string
	LeaveNote   string // staff's note on approving or refusing
	RespondedAt time.Time
	CheckedInAt time.Time
	CheckinBy   int64 // the staff account that checked the member in by hand; 0 for a scan
	Late        bool
	Attendance  string // empty until the activity is closed
	InvitedAt   time.Time

	MemberName, SectorName string // filled by reads
}

// Invitation states.
const (
	InvitationInvited        = "invited"         // 待回复
	InvitationAccepted       = "accepted"        // 确认参加
	InvitationDeclined       = "declined"        // 不参加 (without leave: absent unless checked in)
	InvitationLeaveRequested = "leave_requested" // 请假待批
	InvitationLeaveApproved  = "leave_approved"  // 准假
	InvitationLeaveRefused   = "leave_refused"   // 不准假
)

// InvitationWorkflow is the life of an invitation. A member may change their answer until the
// activity is closed; leave goes to staff, who approve or refuse; a refused leave is asked
// again or turned into attendance. Check-in is recorded on the row without changing the
// state, since a member may check in whatever they answered.
var InvitationWorkflow = Workflow{
	Name: "参会邀请",
	StateLabel: map[string]string{
		InvitationInvited: "待回复", InvitationAccepted: "确认参加", InvitationDeclined: "不参加",
		InvitationLeaveRequested: "请假待批", InvitationLeaveApproved: "已准假", InvitationLeaveRefused: "未准假",
	},
	ActionLabel: map[string]string{
		"attend": "确认参加", "decline": "不参加", "request_leave": "请假",
		"approve_leave": "准假", "refuse_leave": "不准假", "check_in": "签到",
	},
	Table: []Transition{
		{InvitationInvited, "attend", InvitationAccepted},
		{InvitationInvited, "decline", InvitationDeclined},
		{InvitationInvited, "request_leave", InvitationLeaveRequested},
		{InvitationAccepted, "decline", InvitationDeclined},
		{InvitationAccepted, "request_leave", InvitationLeaveRequested},
		{InvitationDeclined, "attend", InvitationAccepted},
		{InvitationDeclined, "request_leave", InvitationLeaveRequested},
		{InvitationLeaveRequested, "approve_leave", InvitationLeaveApproved},
		{InvitationLeaveRequested, "refuse_leave", InvitationLeaveRefused},
		{InvitationLeaveRequested, "attend", InvitationAccepted}, // withdraws the request
		{InvitationLeaveRefused, "attend", InvitationAccepted},
		{InvitationLeaveRefused, "request_leave", InvitationLeaveRequested},
		{InvitationLeaveApproved, "attend", InvitationAccepted}, // can come after all
	},
}

// Attendance states: every participant of a closed activity has exactly one.
const (
	AttendanceAttended = "attended" // 出席
	AttendanceLate     = "late"     // 迟到
	AttendanceLeave    = "leave"    // 请假
	AttendanceAbsent   = "absent"   // 缺席 (absent without leave)
)

// AttendanceStates lists the attendance states in the order pages and exports show them.
var AttendanceStates = []string{AttendanceAttended, AttendanceLate, AttendanceLeave, AttendanceAbsent}

// AttendanceLabel is the Chinese name of each attendance state.
var AttendanceLabel = map[string]string{
	AttendanceAttended: "出席", AttendanceLate: "迟到", AttendanceLeave: "请假", AttendanceAbsent: "缺席",
}

// Target is the permission target of the invitation: its committee and its member.
func (i Invitation) Target() Target {
	return Target{Kind: KindInvitation, CommitteeID: i.CommitteeID, MemberID: i.MemberID}
}

// Checked reports whether the member has checked in.
func (i Invitation) Checked() bool { return !i.CheckedInAt.IsZero() }

// FinalAttendance is the attendance state closing the activity gives this participant: a
// check-in counts first (late if it was late), then approved leave; anything else is absence.
func (i Invitation) FinalAttendance() string {
	switch {
	case i.Checked() && i.Late:
		return AttendanceLate
	case i.Checked():
		return AttendanceAttended
	case i.State == InvitationLeaveApproved:
		return AttendanceLeave
	}
	return AttendanceAbsent
}

// ValidateLeave checks a leave request's reason.
func ValidateLeave(reason string) error {
	r := strings.TrimSpace(reason)
	switch {
	case r == "":
		return Invalid(map[string]string{"reason": "请填写请假事由"})
	case len([]rune(r)) > 500:
		return Invalid(map[string]string{"reason": "请假事由不能超过500个字"})
	}
	return nil
}

// Ways a participant was selected (Invitation.SelectedBy).
const (
	SelectByMember           = "member"            // by name
	SelectBySector           = "sector"            // 界别
	SelectBySpecialCommittee = "special_committee" // 专门委员会
	SelectByActivityGroup    = "activity_group"    // 委员活动小组
	SelectByStanding         = "standing"          // 常委
)

// SelectionLabel is the Chinese name of each way of selecting participants.
var SelectionLabel = map[string]string{
	SelectByMember: "按姓名", SelectBySector: "按界别", SelectBySpecialCommittee: "按专门委员会",
	SelectByActivityGroup: "按活动小组", SelectByStanding: "常委",
}

// Selection says which members to invite: any union of named members, sectors, special
// committees, activity groups and all standing members. Only serving members are invited.
type Selection struct {
	MemberIDs         []int64
	SectorIDs         []int64
	SpecialCommittees []int64
	ActivityGroups    []int64
	Standing          bool
}

// Empty reports whether the selection names nobody.
func (s Selection) Empty() bool {
	return len(s.MemberIDs)+len(s.SectorIDs)+len(s.SpecialCommittees)+len(s.ActivityGroups) == 0 && !s.Standing
}

// Guest kinds: officials and experts invited to an activity who are not members.
const (
	GuestOfficial = "official" // 党政领导 / 部门负责人
	GuestExpert   = "expert"   // 专家学者
)

// GuestKindLabel is the Chinese name of each guest kind.
var GuestKindLabel = map[string]string{GuestOfficial: "特邀领导", GuestExpert: "专家学者"}

// Guest is an official or an expert at an activity, recorded by name and title.
type Guest struct {
	ID         int64
	ActivityID int64
	Kind       string
	Name       string
	Title      string
}

// Validate checks a guest before it is saved.
func (g Guest) Validate() error {
	f := map[string]string{}
	if _, ok := GuestKindLabel[g.Kind]; !ok {
		f["kind"] = "请选择嘉宾类别"
	}
	if n := len([]rune(strings.TrimSpace(g.Name))); n == 0 || n > 50 {
		f["name"] = "请填写嘉宾姓名(50字以内)"
	}
	if len([]rune(g.Title)) > 100 {
		f["title"] = "职务不能超过100个字"
	}
	return Invalid(f)
}

// InvitationInput carries what an invitation action needs: the reason of a leave request, or
// staff's note on a decision.
type InvitationInput struct {
	Reason string
	Note   string
}

// MyInvitation is one line of a member's list: the activity and the member's own row in it.
type MyInvitation struct {
	Activity   Activity
	Invitation Invitation
}

// Ways of grouping attendance statistics.
const (
	AttendanceByMember           = "member"
	AttendanceBySector           = "sector"
	AttendanceBySpecialCommittee = "special_committee"
	AttendanceByType             = "type"
	AttendanceByActivity         = "activity"
)

// AttendanceGroupLabel is the Chinese name of each grouping.
var AttendanceGroupLabel = map[string]string{
	AttendanceByMember: "按委员", AttendanceBySector: "按界别", AttendanceBySpecialCommittee: "按专门委员会",
	AttendanceByType: "按活动类型", AttendanceByActivity: "按活动",
}

// AttendanceFilter selects the closed activities statistics count: those starting in
// [From, To), of one type if Type is set.
type AttendanceFilter struct {
	CommitteeID int64
	GroupBy     string
	From, To    time.Time
	Type        string
	MemberID    int64 // one member's own figures
}

// AttendanceRow is one line of attendance statistics: the counts of each attendance state
// over the participant records of closed activities.
type AttendanceRow struct {
	Key      string // the member, sector, committee or activity id, or the type code
	Name     string
	Extra    string // the sector of a member; the date of an activity
	Attended int
	Late     int
	Leave    int
	Absent   int
}

// Total is the number of participant records counted.
func (r AttendanceRow) Total() int { return r.Attended + r.Late + r.Leave + r.Absent }

// Rate is the attendance rate in percent: those present (on time or late) over all invited.
func (r AttendanceRow) Rate() float64 {
	if r.Total() == 0 {
		return 0
	}
	return float64(r.Attended+r.Late) * 100 / float64(r.Total())
}

// AbsenceWarning is a member an absence rule puts on the staff's warning list.
type AbsenceWarning struct {
	MemberID   int64
	MemberName string
	SectorName string
	Rule       AbsenceRule
	RuleLabel  string // 全体会议无故缺席2次
	Absences   int
}
