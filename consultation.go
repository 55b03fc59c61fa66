package lvzhi

import (
	"strings"
	"time"
)

// PlanItem is one item of a committee's annual consultation plan (年度协商计划): a topic
// proposed by a party or a special committee, approved (or not adopted) by the committee,
// then scheduled in a quarter with a lead leader and an organising department. Each item is
// carried out by one or more activities; it counts as held once one of them has been held.
type PlanItem struct {
	ID             int64
	CommitteeID    int64
	Year           int
	Topic          string
	Description    string
	Form           string // the form of consultation: one of the committee's activity types
	ProposerID     int64  // the party or special committee that proposed the topic
	ProposerName   string // filled by reads
	Quarter        int    // 1–4 once scheduled; 0 before
	LeadLeader     string // the committee leader in charge, as the plan prints the name
	DepartmentID   int64  // the organising department (承办科室)
	DepartmentName string // filled by reads
	State          string // as stored, except "held", which reads compute from the activities
	Note           string // the reason an item was not adopted or cancelled
	Updated        time.Time

	Activities []PlanActivity // filled by the item page: the activities carrying it out
}

// PlanActivity is an activity linked to a plan item, as the plan shows it.
type PlanActivity struct {
	ID       int64
	Title    string
	Type     string
	StartsAt time.Time
	State    string
	Held     bool // the activity has been closed after taking place
}

// Plan item states. PlanHeld is never written: an item scheduled whose linked activity has
// been closed reads as held, so the plan can never say "held" of an item that was not.
const (
	PlanProposed   = "proposed"    // 已提出
	PlanApproved   = "approved"    // 已通过
	PlanNotAdopted = "not_adopted" // 未采纳
	PlanScheduled  = "scheduled"   // 已排期
	PlanHeld       = "held"        // 已举办
	PlanCancelled  = "cancelled"   // 已取消
)

// PlanStates lists the states in the order the plan's figures show them.
var PlanStates = []string{PlanProposed, PlanApproved, PlanNotAdopted, PlanScheduled, PlanHeld, PlanCancelled}

// PlanWorkflow is the life of a plan item. Nothing leads to "held" in the table: an item is
// held when an activity linked to it is closed (see PlanItem.State).
var PlanWorkflow = Workflow{
	Name: "协商计划事项",
	StateLabel: map[string]string{
		PlanProposed: "已提出", PlanApproved: "已通过", PlanNotAdopted: "未采纳", PlanScheduled: "已排期",
		PlanHeld: "已举办", PlanCancelled: "已取消",
	},
	ActionLabel: map[string]string{"approve_plan": "通过", "not_adopt": "不予采纳", "schedule": "排期", "cancel_plan": "取消计划"},
	Table: []Transition{
		{PlanProposed, "approve_plan", PlanApproved},
		{PlanProposed, "not_adopt", PlanNotAdopted},
		{PlanApproved, "schedule", PlanScheduled},
		{PlanScheduled, "schedule", PlanScheduled}, // moved to another quarter or leader
		{PlanApproved, "cancel_plan", PlanCancelled},
		{PlanScheduled, "cancel_plan", PlanCancelled},
	},
}

// Target is the permission target of a plan item: the committee's.
func (p PlanItem) Target() Target {
	return Target{Kind: KindConsultationPlan, CommitteeID: p.CommitteeID}
}

// Normalize trims what was typed.
func (p *PlanItem) Normalize() {
	p.Topic, p.Description, p.LeadLeader, p.Note = strings.TrimSpace(p.Topic), strings.TrimSpace(p.Description),
		strings.TrimSpace(p.LeadLeader), strings.TrimSpace(p.Note)
}

// Validate checks a plan item before it is written; its form must be one of the committee's
// activity types, since the item is carried out as activities of that type.
func (p PlanItem) Validate(types ActivitySettings) error {
	f := map[string]string{}
	switch n := len([]rune(p.Topic)); {
	case n == 0:
		f["topic"] = "请填写协商议题"
	case n > 100:
		f["topic"] = "协商议题不能超过100个字"
	}
	if len([]rune(p.Description)) > 5000 {
		f["description"] = "议题说明不能超过5000字"
	}
	if p.Year < 2000 || p.Year > 2100 {
		f["year"] = "请填写计划年度,如2026"
	}
	if types.TypeLabel(p.Form) == "" {
		f["form"] = "请选择协商形式"
	}
	if p.ProposerID == 0 {
		f["proposer_id"] = "请选择提出议题的党派团体或专门委员会"
	}
	if p.Quarter < 0 || p.Quarter > 4 {
		f["quarter"] = "季度应为第一至第四季度"
	}
	if len([]rune(p.LeadLeader)) > 30 {
		f["lead_leader"] = "牵头领导不能超过30个字"
	}
	return Invalid(f)
}

// PlanActionInput carries what a plan action needs besides its name.
type PlanActionInput struct {
	Note         string // not_adopt, cancel: the reason
	Quarter      int    // schedule
	LeadLeader   string // schedule
	DepartmentID int64  // schedule
}

// ValidateSchedule checks what scheduling an item asks for: its quarter, lead leader and
// organising department.
func (in PlanActionInput) ValidateSchedule() error {
	f := map[string]string{}
	if in.Quarter < 1 || in.Quarter > 4 {
		f["quarter"] = "请选择季度"
	}
	if strings.TrimSpace(in.LeadLeader) == "" {
		f["lead_leader"] = "请填写牵头领导"
	}
	if in.DepartmentID == 0 {
		f["department_id"] = "请选择承办科室"
	}
	return Invalid(f)
}

// PlanFilter selects the items of a year's plan.
type PlanFilter struct {
	CommitteeID int64
	Year        int
	Quarter     int
	State       string
	ProposerID  int64
	Q           string
	Paging
}

// PlanStats are a year's plan figures, every one counted from the items and their activities.
type PlanStats struct {
	Year      int
	Total     int
	ByState   map[string]int
	ByQuarter [5]PlanQuarter // index 0: not yet scheduled; 1–4 the quarters
	Held      int            // items held (an activity linked to them has been closed)
	Scheduled int            // items scheduled, held or not: what the year has committed to
}

// PlanQuarter is one quarter of a year's plan: items planned in it and held.
type PlanQuarter struct {
	Planned int
	Held    int
}

// QuarterLabel names a quarter as the plan prints it.
func QuarterLabel(q int) string {
	if q < 1 || q > 4 {
		return "未排期"
	}
	return "第" + Chinese(q) + "季度"
}
