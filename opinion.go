package lvzhi

import (
	"fmt"
	"strings"
	"time"
)

// KindOpinion is the permission kind of opinion reports (社情民意信息) and of the bulletin
// issues they are compiled into.
const KindOpinion Kind = "opinion"

// Opinion is an opinion report (社情民意信息): one matter, reported by a member (alone or with
// co-authors), a party, a sector, a special committee, or a lower committee; edited by the
// office (every version kept), then not used or compiled into an issue of the bulletin
// 《社情民意》, forwarded, and adopted — possibly many times, at several levels.
type Opinion struct {
	ID          int64
	CommitteeID int64
	Kind        string // individual, joint, group, lower
	Title       string
	Body        string // the text as it now stands: the latest version
	State       string

	SubmitterID       int64   // the (lead) member; 0 for a group or a lower committee
	CoAuthors         []int64 // joint: the other members, in order
	GroupID           int64   // group: the party, sector or special committee
	SourceCommitteeID int64   // lower: the committee below that reported it
	AuthorName        string  // as the report is signed: 张三, 张三、李四, 民革兰州市委, 城关区政协

	OriginProposalID int64  // a proposal converted to this report (转社情民意)
	NotUsedReason    string // the reason the submitter sees
	IssueID          int64  // the bulletin issue it was compiled into
	IssueLabel       string // filled by reads: 2026年第3期
	Submitted        time.Time
	Updated          time.Time
}

// Opinion author kinds.
const (
	OpinionIndividual = "individual" // 个人
	OpinionJoint      = "joint"      // 联名
	OpinionGroup      = "group"      // 党派、界别、专委会
	OpinionLower      = "lower"      // 下级政协
)

// OpinionKindLabel is the Chinese name of each author kind.
var OpinionKindLabel = map[string]string{OpinionIndividual: "个人", OpinionJoint: "联名", OpinionGroup: "集体", OpinionLower: "下级政协"}

// Opinion report states.
const (
	OpinionDraft     = "draft"     // 草稿
	OpinionReceived  = "received"  // 已收稿, awaiting the editor
	OpinionReturned  = "returned"  // 退回修改
	OpinionWithdrawn = "withdrawn" // 已撤回
	OpinionEditing   = "editing"   // 编辑中
	OpinionNotUsed   = "not_used"  // 未采用
	OpinionCompiled  = "compiled"  // 已编发: in an issue of 《社情民意》
	OpinionForwarded = "forwarded" // 已报送
)

// OpinionWorkflow is the life of a report in the office. The submitter may take a report back
// until the editor starts on it; the editor's saves are a row from editing to itself (each
// one a new version); forwarding and recording adoptions may happen again and again.
var OpinionWorkflow = Workflow{
	Name: "社情民意信息",
	StateLabel: map[string]string{
		OpinionDraft: "草稿", OpinionReceived: "已收稿", OpinionReturned: "退回修改", OpinionWithdrawn: "已撤回",
		OpinionEditing: "编辑中", OpinionNotUsed: "未采用", OpinionCompiled: "已编发", OpinionForwarded: "已报送",
	},
	ActionLabel: map[string]string{
		"submit": "提交", "resubmit": "重新提交", "retract": "撤回", "return": "退回修改", "edit": "编辑加工",
		"not_use": "不予采用", "reedit": "重新编辑", "compile": "编入期刊", "forward": "报送", "adopt": "记录采用",
	},
	Table: []Transition{
		{OpinionDraft, "submit", OpinionReceived},
		{OpinionReceived, "retract", OpinionWithdrawn},
		{OpinionReceived, "return", OpinionReturned},
		{OpinionReturned, "resubmit", OpinionReceived},
		{OpinionReturned, "retract", OpinionWithdrawn},
		{OpinionReceived, "edit", OpinionEditing},
		{OpinionEditing, "edit", OpinionEditing},
		{OpinionReceived, "not_use", OpinionNotUsed},
		{OpinionEditing, "not_use", OpinionNotUsed},
		{OpinionNotUsed, "reedit", OpinionEditing},
		{OpinionReceived, "compile", OpinionCompiled},
		{OpinionEditing, "compile", OpinionCompiled},
		{OpinionCompiled, "forward", OpinionForwarded},
		{OpinionForwarded, "forward", OpinionForwarded}, // to a second body
		{OpinionCompiled, "adopt", OpinionCompiled},
		{OpinionForwarded, "adopt", OpinionForwarded},
	},
}

// OpinionSettings are a committee's rules for opinion reports.
type OpinionSettings struct {
	MaxChars int // the body's length limit in characters: one matter, briefly
}

// DefaultOpinionSettings returns the defaults: 1,500 characters.
func DefaultOpinionSettings() OpinionSettings { return OpinionSettings{MaxChars: 1500} }

// Target is the permission target of the report: its committee and its (lead) submitter. The
// store puts a co-author's own member id there when a co-author asks.
func (o Opinion) Target() Target {
	return Target{Kind: KindOpinion, CommitteeID: o.CommitteeID, MemberID: o.SubmitterID}
}

// HasAuthor reports whether member id wrote the report, alone or as a co-author.
func (o Opinion) HasAuthor(id int64) bool {
	if id == 0 {
		return false
	}
	if o.SubmitterID == id {
		return true
	}
	for _, c := range o.CoAuthors {
		if c == id {
			return true
		}
	}
	return false
}

// Validate checks the report before it is saved (submitting false) or submitted: a title, the
// author, and a body of one matter within the committee's length limit.
func (o Opinion) Validate(submitting bool, s OpinionSettings) error {
	f := map[string]string{}
	title := strings.TrimSpace(o.Title)
	switch {
	case title == "":
		f["title"] = "请填写标题"
	case len([]rune(title)) > 60:
		f["title"] = "标题不能超过60个字"
	}
	switch o.Kind {
	case OpinionIndividual, OpinionJoint:
		if o.SubmitterID == 0 {
			f["submitter_id"] = "请选择反映人(委员)"
		}
		if o.Kind == OpinionJoint && len(o.CoAuthors) == 0 {
			f["co_authors"] = "联名反映请至少选择一位联名委员"
		}
		if o.Kind == OpinionIndividual && len(o.CoAuthors) > 0 {
			f["co_authors"] = "个人反映不能有联名委员,请选择“联名”"
		}
	case OpinionGroup:
		if o.GroupID == 0 {
			f["group_id"] = "请选择反映的党派团体、界别或专门委员会"
		}
	case OpinionLower:
		if o.SourceCommitteeID == 0 {
			f["source_committee_id"] = "请选择报送的下级政协"
		}
	default:
		f["kind"] = "请选择反映方式:个人、联名、集体或下级政协"
	}
	n := len([]rune(strings.TrimSpace(o.Body)))
	max := s.MaxChars
	if max <= 0 {
		max = DefaultOpinionSettings().MaxChars
	}
	switch {
	case n > max:
		f["body"] = fmt.Sprintf("正文%d字,超过了%d字的限制:社情民意信息一事一报,请精简", n, max)
	case submitting && n < 30:
		f["body"] = "正文过短:请写明反映的情况和建议(至少30字)"
	}
	return Invalid(f)
}

// Forward destinations (报送对象).
const (
	ForwardPartyCommittee  = "party_committee"  // 党委 (市委)
	ForwardGovernment      = "government"       // 政府 (市政府)
	ForwardHigherCommittee = "higher_committee" // 上级政协
)

// ForwardToLabel is the Chinese name of each destination.
var ForwardToLabel = map[string]string{ForwardPartyCommittee: "党委", ForwardGovernment: "政府", ForwardHigherCommittee: "上级政协"}

// Adoption levels and, for the national level, modes.
const (
	AdoptCity     = "city"     // 市级
	AdoptProvince = "province" // 省级
	AdoptNational = "national" // 全国
	AdoptSingle   = "single"   // 单篇采用
	AdoptCombined = "combined" // 综合采用
)

// AdoptLevelLabel and AdoptModeLabel are the Chinese names of the levels and modes.
var (
	AdoptLevelLabel = map[string]string{AdoptCity: "市级", AdoptProvince: "省级", AdoptNational: "全国"}
	AdoptModeLabel  = map[string]string{AdoptSingle: "单篇采用", AdoptCombined: "综合采用"}
)

// Adoption is one adoption of a report (采用): by a body at a level on a date. A report keeps
// one state and a list of these.
type Adoption struct {
	ID        int64
	OpinionID int64
	Level     string
	Mode      string // national only: single or combined
	Body      string // the adopting body: 全国政协办公厅, 省政协, 市委办公室 …
	OnDate    string // YYYY-MM-DD
	Note      string
}

// Validate checks an adoption before it is recorded.
func (ad Adoption) Validate() error {
	f := map[string]string{}
	if _, ok := AdoptLevelLabel[ad.Level]; !ok {
		f["level"] = "请选择采用层级:市级、省级或全国"
	}
	if ad.Level == AdoptNational {
		if _, ok := AdoptModeLabel[ad.Mode]; !ok {
			f["mode"] = "全国采用请选择单篇采用或综合采用"
		}
	} else if ad.Mode != "" {
		f["mode"] = "单篇采用、综合采用仅适用于全国层级"
	}
	if strings.TrimSpace(ad.Body) == "" {
		f["body"] = "请填写采用单位"
	}
	if !ValidDate(ad.OnDate) {
		f["on_date"] = "请填写采用日期(年-月-日)"
	}
	return Invalid(f)
}

// ValidDate reports whether s is a date written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// Forward is one forwarding of a compiled report (报送) to a body on a date.
type Forward struct {
	ID        int64
	OpinionID int64
	To        string // party_committee, government, higher_committee
	OnDate    string
	Note      string
}

// OpinionActionInput carries what a report action needs besides its name; each action reads
// its own fields.
type OpinionActionInput struct {
	Note     string   // return, retract: why; not_use: the reason the submitter sees
	Title    string   // edit: the edited title
	Body     string   // edit: the edited text
	IssueID  int64    // compile: an existing issue
	NewIssue *Issue   // compile: or a new issue, numbered in the same transaction
	To       string   // forward
	OnDate   string   // forward, adopt
	Adoption Adoption // adopt
}

// Issue is an issue of the committee's bulletin 《社情民意》: numbered without gaps within a
// year, signed off by its 签发人, holding reports in order.
type Issue struct {
	ID          int64
	CommitteeID int64
	Year        int
	Number      int    // 1, 2, 3 … per committee and year
	Title       string // the issue's subject line; may be empty
	Signer      string // 签发人
	OnDate      string // YYYY-MM-DD, the date printed on the issue
	Reports     []Opinion
}

// Label is the issue as printed: 2026年第3期.
func (i Issue) Label() string {
	if i.Number == 0 {
		return ""
	}
	return fmt.Sprintf("%d年第%d期", i.Year, i.Number)
}

// Validate checks an issue before it is created or changed.
func (i Issue) Validate() error {
	f := map[string]string{}
	if strings.TrimSpace(i.Signer) == "" {
		f["signer"] = "请填写签发人"
	}
	if !ValidDate(i.OnDate) {
		f["on_date"] = "请填写期刊日期(年-月-日)"
	}
	if len([]rune(i.Title)) > 60 {
		f["title"] = "期刊标题不能超过60个字"
	}
	return Invalid(f)
}

// Target is the permission target of an issue: the committee's bulletin, the office's work.
func (i Issue) Target() Target { return Target{Kind: KindOpinion, CommitteeID: i.CommitteeID} }

// OpinionVersion is one saved text of a report: the submitter's (By == "submitter") or an
// editor's. Versions are never changed or removed.
type OpinionVersion struct {
	ID        int64
	OpinionID int64
	Number    int // 1, 2, 3 … per report
	Title     string
	Body      string
	Editor    bool   // saved by the office, not the submitter
	ByName    string // who saved it
	Note      string
	At        time.Time
}

// OpinionFilter selects reports for the intake queue, a member's list, an export or the API.
type OpinionFilter struct {
	CommitteeID int64
	State       string
	Kind        string
	AuthorID    int64  // reports of this member (submitter or co-author)
	GroupID     int64  // reports of this party, sector or special committee
	IssueID     int64  // reports compiled into this issue
	OriginID    int64  // the report a proposal was converted into
	From, To    string // submitted on or after From and on or before To (YYYY-MM-DD)
	Q           string // words in the title, author or text
	Paging
}

// OpinionStatsFilter chooses the rows and the period of the statistics.
type OpinionStatsFilter struct {
	By       string // member, sector, party, special_committee
	From, To string // reports submitted in this period (YYYY-MM-DD, inclusive); empty: all
}

// OpinionStatsBy are the groupings of the statistics.
var OpinionStatsBy = []string{"member", "sector", "party", "special_committee"}

// OpinionStatsByLabel is the Chinese name of each grouping.
var OpinionStatsByLabel = map[string]string{"member": "按委员", "sector": "按界别", "party": "按党派团体", "special_committee": "按专门委员会"}
