package lvzhi

import (
	"strings"
	"time"
	"unicode/utf8"
)

// KindRequest is the kind of a request or report to the party committee (请示报告).
const KindRequest Kind = "request"

// Request is one of the committee's own submissions to the party committee (请示报告): a
// 请示 asks for a decision, a 报告 reports work. It carries its text and attachments, and the
// instructions it received are attached to it.
type Request struct {
	ID           int64
	CommitteeID  int64
	Type         string // RequestAsk or RequestReport
	Subject      string
	OnDate       time.Time // the date it bears (submitted on)
	DepartmentID int64     // the committee's department that drafted it
	Department   string    // its name, filled by reads
	Body         string
	State        string
	CreatedBy    int64
	Created      time.Time
	Updated      time.Time

	Instructions int // how many instructions it received, filled by lists
}

// Request types.
const (
	RequestAsk    = "ask"    // 请示
	RequestReport = "report" // 报告
)

// RequestTypes lists the types in the order forms show them.
var RequestTypes = []string{RequestAsk, RequestReport}

// RequestTypeLabel is the Chinese name of each type.
var RequestTypeLabel = map[string]string{RequestAsk: "请示", RequestReport: "报告"}

// Request states.
const (
	RequestDraft     = "draft"     // 草稿
	RequestSubmitted = "submitted" // 已报送
	RequestWithdrawn = "withdrawn" // 已撤回
)

// RequestWorkflow is the life of a request: drafted, submitted to the party committee, and
// perhaps withdrawn (a withdrawn request is kept, not counted).
var RequestWorkflow = Workflow{
	Name:        "请示报告",
	StateLabel:  map[string]string{RequestDraft: "草稿", RequestSubmitted: "已报送", RequestWithdrawn: "已撤回"},
	ActionLabel: map[string]string{"submit": "报送", "withdraw": "撤回"},
	Table: []Transition{
		{RequestDraft, "submit", RequestSubmitted},
		{RequestDraft, "withdraw", RequestWithdrawn},
		{RequestSubmitted, "withdraw", RequestWithdrawn},
	},
}

// Target is the permission target of the request: its committee and drafting department.
func (r Request) Target() Target {
	return Target{Kind: KindRequest, CommitteeID: r.CommitteeID, DepartmentID: r.DepartmentID}
}

// Validate checks a request before it is saved; submitting also asks for the text.
func (r Request) Validate(submitting bool) error {
	f := map[string]string{}
	if RequestTypeLabel[r.Type] == "" {
		f["type"] = "请选择类别:请示或报告"
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(r.Subject)); n == 0 {
		f["subject"] = "请填写标题"
	} else if n > 200 {
		f["subject"] = "标题不能超过200个字"
	}
	if r.OnDate.IsZero() {
		f["on_date"] = "请填写日期"
	}
	if r.DepartmentID == 0 {
		f["department_id"] = "请选择起草科室"
	}
	if n := utf8.RuneCountInString(r.Body); n > 50000 {
		f["body"] = "正文不能超过50000字"
	} else if submitting && strings.TrimSpace(r.Body) == "" {
		f["body"] = "报送前请填写正文"
	}
	return Invalid(f)
}

// RequestFilter selects requests for a list, an export or the API.
type RequestFilter struct {
	CommitteeID  int64
	Type         string
	State        string
	Year         int
	DepartmentID int64
	Q            string // in the subject
	Paging
}
