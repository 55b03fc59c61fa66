package lvzhi

import (
	"strconv"
	"strings"
	"time"
)

// Level is a committee's place in the hierarchy (四级政协).
type Level string

// The committee levels.
const (
	LevelNational Level = "national"
	LevelProvince Level = "province"
	LevelCity     Level = "city"
	LevelCounty   Level = "county"
)

// LevelLabel is the Chinese name of each level.
var LevelLabel = map[Level]string{LevelNational: "全国", LevelProvince: "省级", LevelCity: "市级", LevelCounty: "县(区)级"}

// Committee is one CPPCC committee, the tenant of every committee-owned row.
type Committee struct {
	ID       int64
	ParentID int64 // 0 for the top of the deployment
	Name     string
	Level    Level
}

// Validate checks a committee before it is written.
func (c Committee) Validate() error {
	f := map[string]string{}
	if strings.TrimSpace(c.Name) == "" {
		f["name"] = "请填写政协名称"
	}
	if _, ok := LevelLabel[c.Level]; !ok {
		f["level"] = "请选择层级"
	}
	return Invalid(f)
}

// Term is a committee's five-year term (届). Exactly one term is current.
type Term struct {
	ID          int64
	CommitteeID int64
	Number      int // 第八届 → 8
	StartYear   int
	EndYear     int
	Current     bool
}

// Name is the term as offices write it: 第八届.
func (t Term) Name() string { return "第" + Chinese(t.Number) + "届" }

// Session is a plenary session within a term (次会议); proposals are numbered per session.
type Session struct {
	ID          int64
	CommitteeID int64
	TermID      int64
	Number      int
	OpensOn     time.Time
	// The window in which session proposals are submitted; zero ends mean no limit on that side.
	SubmitFrom, SubmitUntil time.Time
}

// Accepts reports whether a session proposal may be submitted at time t (China dates, both
// days included).
func (s Session) Accepts(t time.Time) bool {
	day := t.In(China).Format("2006-01-02")
	return (s.SubmitFrom.IsZero() || day >= s.SubmitFrom.Format("2006-01-02")) &&
		(s.SubmitUntil.IsZero() || day <= s.SubmitUntil.Format("2006-01-02"))
}

// Name is the session as offices write it: 第三次会议.
func (s Session) Name() string { return "第" + Chinese(s.Number) + "次会议" }

// OrgUnitKind names the simple named groupings of a committee.
type OrgUnitKind string

// The kinds of simple named groupings. They share one shape and one table.
const (
	OrgSector           OrgUnitKind = "sector"            // 界别
	OrgSectorGroup      OrgUnitKind = "sector_group"      // 界别工作组
	OrgSpecialCommittee OrgUnitKind = "special_committee" // 专门委员会
	OrgActivityGroup    OrgUnitKind = "activity_group"    // 委员活动小组 (parent: a special committee)
	OrgParty            OrgUnitKind = "party"             // 党派团体
	OrgDepartment       OrgUnitKind = "department"        // 机关科室
	OrgHandlingUnit     OrgUnitKind = "unit"              // 承办单位
)

// OrgUnitKinds lists the groupings in the order the organisation pages show them.
var OrgUnitKinds = []OrgUnitKind{OrgSector, OrgSectorGroup, OrgSpecialCommittee, OrgActivityGroup, OrgParty, OrgDepartment, OrgHandlingUnit}

// OrgUnitLabel is the Chinese name of each grouping.
var OrgUnitLabel = map[OrgUnitKind]string{
	OrgSector: "界别", OrgSectorGroup: "界别工作组", OrgSpecialCommittee: "专门委员会",
	OrgActivityGroup: "委员活动小组", OrgParty: "党派团体", OrgDepartment: "机关科室", OrgHandlingUnit: "承办单位",
}

// PermissionKind is the kind the permission check uses for a grouping: departments and
// handling units carry accounts and are managed by the system administrator.
func (k OrgUnitKind) PermissionKind() Kind {
	switch k {
	case OrgDepartment:
		return KindDepartment
	case OrgHandlingUnit:
		return KindUnit
	}
	return KindOrg
}

// OrgUnit is a named grouping of a committee: a sector, a sector group, a special committee,
// an activity group, a party, a department or a handling unit. ParentID links a sector to its
// sector group and an activity group to its special committee.
type OrgUnit struct {
	ID          int64
	CommitteeID int64
	Kind        OrgUnitKind
	Name        string
	ParentID    int64
	ParentName  string
	Position    int
	Members     int // filled by lists: how many current members it has
}

// Validate checks a grouping before it is written.
func (u OrgUnit) Validate() error {
	f := map[string]string{}
	if strings.TrimSpace(u.Name) == "" {
		f["name"] = "请填写名称"
	} else if len([]rune(u.Name)) > 60 {
		f["name"] = "名称不能超过60个字"
	}
	if _, ok := OrgUnitLabel[u.Kind]; !ok {
		f["kind"] = "未知的组织类别"
	}
	return Invalid(f)
}

// Overview is the organisation at a glance, every figure counted from the records.
type Overview struct {
	Committee          Committee
	Term               Term
	Members            int
	StandingMembers    int
	Counts             map[OrgUnitKind]int
	WithoutSpecialComm int // current members not in any special committee (全员入委)
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// Chinese writes a number from 0 to 99 in Chinese numerals as term and session names use
// them: 8 → 八, 13 → 十三, 20 → 二十.
func Chinese(n int) string {
	switch {
	case n < 0 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	}
	s := digits[n/10] + "十"
	if n%10 != 0 {
		s += digits[n%10]
	}
	return s
}
