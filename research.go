package lvzhi

import (
	"strings"
	"time"
)

// ResearchTopic is one of the year's key research topics (重点调研课题): about ten a year, each
// with a lead leader, an organising department, a team of members, a schedule of milestones
// and, at the end, a final report (调研报告) to which instructions and attachments may hang.
type ResearchTopic struct {
	ID             int64
	CommitteeID    int64
	Year           int
	Title          string
	Description    string
	LeadLeader     string
	DepartmentID   int64
	DepartmentName string // filled by reads
	PlanItemID     int64  // the consultation plan item it prepares, if any
	State          string
	Report         string // the final report's text
	ReportAt       time.Time
	Note           string // why the report was sent back, or the topic cancelled
	Updated        time.Time

	Team       []ResearchMember    // filled by the topic page
	Milestones []ResearchMilestone // filled by the topic page, in order of date
	TeamSize   int                 // filled by lists
	Done, Due  int                 // filled by lists: milestones done and in all
}

// ResearchMember is one member of a research team.
type ResearchMember struct {
	MemberID int64
	Name     string
	Sector   string
	Role     string // lead or member
}

// Research team roles.
const (
	ResearchLead       = "lead"   // 课题组组长
	ResearchTeamMember = "member" // 课题组成员
)

// ResearchRoleLabel is the Chinese name of each team role.
var ResearchRoleLabel = map[string]string{ResearchLead: "组长", ResearchTeamMember: "成员"}

// ResearchMilestone is one step of a topic's schedule (调研安排): a field visit, a forum, the
// draft report, with the date it is due and the date it was done.
type ResearchMilestone struct {
	ID     int64
	Title  string
	DueOn  string // YYYY-MM-DD
	DoneOn string // YYYY-MM-DD, empty until done
}

// Research topic states.
const (
	ResearchPlanned   = "planned"     // 已立项
	ResearchUnderway  = "in_progress" // 调研中
	ResearchReported  = "reported"    // 报告已提交
	ResearchCompleted = "completed"   // 已结题
	ResearchCancelled = "cancelled"   // 已取消
)

// ResearchStates lists the states in the order lists show them.
var ResearchStates = []string{ResearchPlanned, ResearchUnderway, ResearchReported, ResearchCompleted, ResearchCancelled}

// ResearchWorkflow is the life of a research topic.
var ResearchWorkflow = Workflow{
	Name: "重点调研课题",
	StateLabel: map[string]string{
		ResearchPlanned: "已立项", ResearchUnderway: "调研中", ResearchReported: "报告已提交",
		ResearchCompleted: "已结题", ResearchCancelled: "已取消",
	},
	ActionLabel: map[string]string{
		"start_research": "启动调研", "submit_report": "提交调研报告", "return_report": "退回报告", "complete_research": "结题", "cancel_topic": "取消课题",
	},
	Table: []Transition{
		{ResearchPlanned, "start_research", ResearchUnderway},
		{ResearchUnderway, "submit_report", ResearchReported},
		{ResearchReported, "return_report", ResearchUnderway},
		{ResearchReported, "complete_research", ResearchCompleted},
		{ResearchPlanned, "cancel_topic", ResearchCancelled},
		{ResearchUnderway, "cancel_topic", ResearchCancelled},
	},
}

// Target is the permission target of a research topic: the committee's.
func (r ResearchTopic) Target() Target {
	return Target{Kind: KindResearchTopic, CommitteeID: r.CommitteeID}
}

// Validate checks a research topic before it is written.
func (r ResearchTopic) Validate() error {
	f := map[string]string{}
	switch n := len([]rune(strings.TrimSpace(r.Title))); {
	case n == 0:
		f["title"] = "请填写课题名称"
	case n > 100:
		f["title"] = "课题名称不能超过100个字"
	}
	if r.Year < 2000 || r.Year > 2100 {
		f["year"] = "请填写课题年度,如2026"
	}
	if strings.TrimSpace(r.LeadLeader) == "" {
		f["lead_leader"] = "请填写牵头领导"
	}
	if len([]rune(r.Description)) > 5000 {
		f["description"] = "课题说明不能超过5000字"
	}
	if len([]rune(r.Report)) > 50000 {
		f["report"] = "调研报告不能超过50000字"
	}
	return Invalid(f)
}

// ResearchActionInput carries what a research action needs besides its name.
type ResearchActionInput struct {
	Note   string // return_report, cancel_topic: the reason
	Report string // submit_report: the final report's text
}

// ValidateMilestone checks one schedule step.
func (m ResearchMilestone) Validate() error {
	f := map[string]string{}
	if t := strings.TrimSpace(m.Title); t == "" {
		f["title"] = "请填写安排事项"
	} else if len([]rune(t)) > 100 {
		f["title"] = "安排事项不能超过100个字"
	}
	if _, err := time.Parse("2006-01-02", m.DueOn); err != nil {
		f["due_on"] = "计划日期格式应为2026-05-27"
	}
	if m.DoneOn != "" {
		if _, err := time.Parse("2006-01-02", m.DoneOn); err != nil {
			f["done_on"] = "完成日期格式应为2026-05-27"
		}
	}
	return Invalid(f)
}

// ResearchFilter selects research topics.
type ResearchFilter struct {
	CommitteeID int64
	Year        int
	State       string
	Paging
}
