package lvzhi

import (
	"regexp"
	"strings"
	"time"
)

// Member is a committee member (委员) in a term. Phone and IDNumber hold the whole values in
// the store; everything shown to a user passes through Masked unless the user may see them.
type Member struct {
	ID                 int64
	CommitteeID        int64
	TermID             int64
	Name               string
	Gender             string // 男 / 女
	BirthDate          string // YYYY-MM-DD
	Ethnicity          string // 民族: 汉族, 回族 …
	PartyID            int64
	SectorID           int64
	SpecialCommitteeID int64
	ActivityGroupID    int64
	Standing           bool // 常委
	Employer           string
	Title              string
	Phone              string
	IDNumber           string
	Address            string
	PhotoHash          string // content address of the photo in the data directory
	State              string
	Masked             bool // Phone and IDNumber hold masked values

	// Names of the linked groupings, filled by reads for display.
	TermName, PartyName, SectorName, SpecialCommitteeName, ActivityGroupName string
}

// Member states and actions (the member workflow).
const (
	MemberServing = "serving" // 在任
	MemberLeft    = "left"    // 离任
)

// MemberWorkflow is the life of a member record: a member serves, may leave (resignation,
// removal, death, end of term) and may be reinstated when that was recorded in error.
var MemberWorkflow = Workflow{
	Name:        "委员",
	StateLabel:  map[string]string{MemberServing: "在任", MemberLeft: "离任"},
	ActionLabel: map[string]string{"leave": "办理离任", "reinstate": "恢复在任"},
	Table: []Transition{
		{MemberServing, "leave", MemberLeft},
		{MemberLeft, "reinstate", MemberServing},
	},
}

// Target is the permission target of the member record.
func (m Member) Target() Target {
	return Target{Kind: KindMember, CommitteeID: m.CommitteeID, MemberID: m.ID}
}

// Mask replaces the phone and ID number with their masked forms.
func (m *Member) Mask() {
	if m.Masked {
		return
	}
	m.Phone, m.IDNumber, m.Masked = MaskPhone(m.Phone), MaskIDNumber(m.IDNumber), true
}

// MaskPhone keeps the first three and last four digits: 138****1234.
func MaskPhone(s string) string { return maskMiddle(s, 3, 4) }

// MaskIDNumber keeps the six-digit area code and the last four: 620102********1234.
func MaskIDNumber(s string) string { return maskMiddle(s, 6, 4) }

func maskMiddle(s string, head, tail int) string {
	r := []rune(s)
	if len(r) <= head+tail {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}

var phoneRE = regexp.MustCompile(`^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$`)

// Normalize trims the text fields and upper-cases the ID number's check character.
func (m *Member) Normalize() {
	for _, p := range []*string{&m.Name, &m.Gender, &m.BirthDate, &m.Ethnicity, &m.Employer, &m.Title, &m.Phone, &m.IDNumber, &m.Address} {
		*p = strings.TrimSpace(*p)
	}
	m.IDNumber = strings.ToUpper(m.IDNumber)
}

// Validate checks a member record before it is written and returns every problem at once,
// keyed by field, in the words a clerk understands.
func (m Member) Validate() error {
	f := map[string]string{}
	if m.Name == "" {
		f["name"] = "请填写姓名"
	} else if len([]rune(m.Name)) > 30 {
		f["name"] = "姓名不能超过30个字"
	}
	if m.Gender != "男" && m.Gender != "女" {
		f["gender"] = "性别应为“男”或“女”"
	}
	if m.BirthDate != "" {
		if _, err := time.Parse("2006-01-02", m.BirthDate); err != nil {
			f["birth_date"] = "出生日期格式应为2024-05-27"
		}
	}
	if m.TermID == 0 {
		f["term_id"] = "请选择届次"
	}
	if m.SectorID == 0 {
		f["sector_id"] = "请选择界别"
	}
	if m.Phone != "" && !phoneRE.MatchString(m.Phone) {
		f["phone"] = "联系电话应为11位手机号或带区号的固话"
	}
	if msg := CheckIDNumber(m.IDNumber); msg != "" {
		f["id_number"] = msg
	} else if m.BirthDate != "" && f["birth_date"] == "" && IDBirthDate(m.IDNumber) != m.BirthDate {
		f["birth_date"] = "出生日期与身份证号不一致"
	}
	if m.ID != 0 && m.State != MemberServing && m.State != MemberLeft {
		f["state"] = "未知的委员状态"
	}
	return Invalid(f)
}

var idWeights = []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// CheckIDNumber checks a resident ID number (GB 11643): 18 characters, a real birth date and
// the check character. It returns "" when the number is valid, else why it is not.
func CheckIDNumber(s string) string {
	if s == "" {
		return "请填写身份证号"
	}
	if len(s) != 18 {
		return "身份证号应为18位"
	}
	sum := 0
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "身份证号前17位应为数字"
		}
		sum += int(s[i]-'0') * idWeights[i]
	}
	if _, err := time.Parse("20060102", s[6:14]); err != nil {
		return "身份证号中的出生日期不正确"
	}
	if s[17] != "10X98765432"[sum%11] {
		return "身份证号校验位不正确,请核对"
	}
	return ""
}

// IDBirthDate returns the birth date written in a valid ID number as YYYY-MM-DD.
func IDBirthDate(id string) string {
	if len(id) != 18 {
		return ""
	}
	return id[6:10] + "-" + id[10:12] + "-" + id[12:14]
}

// IDGender returns the gender written in a valid ID number: odd 17th digit 男, even 女.
func IDGender(id string) string {
	if len(id) != 18 {
		return ""
	}
	if (id[16]-'0')%2 == 1 {
		return "男"
	}
	return "女"
}

// MemberFilter selects members for a list page, an export or the API.
type MemberFilter struct {
	CommitteeID        int64
	TermID             int64
	SectorID           int64
	PartyID            int64
	SpecialCommitteeID int64
	State              string
	Standing           *bool
	NoSpecialCommittee bool // 全员入委: only those in no special committee
	Q                  string
	Paging
}
