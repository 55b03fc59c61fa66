package lvzhi

import (
	"strings"
	"testing"
)

// withCheck completes the first 17 characters of an ID number with its GB 11643 check
// character, computed here independently: weight 2^(17-i) mod 11, check (12 - sum mod 11) mod 11,
// 10 written X.
func withCheck(first17 string) string {
	sum := 0
	for i := 0; i < 17; i++ {
		w := 1
		for j := 0; j < 17-i; j++ {
			w = w * 2 % 11
		}
		sum += int(first17[i]-'0') * w
	}
	c := (12 - sum%11) % 11
	if c == 10 {
		return first17 + "X"
	}
	return first17 + string(rune('0'+c))
}

// wrongCheck returns the number with a different, wrong check character.
func wrongCheck(id string) string {
	for _, c := range "0123456789X" {
		if string(c) != id[17:] {
			return id[:17] + string(c)
		}
	}
	panic("unreachable")
}

func TestCheckIDNumber(t *testing.T) {
	// The two samples printed in the standard anchor the check-digit computation above.
	if withCheck("11010519491231002") != "11010519491231002X" || withCheck("44052418800101001") != "440524188001010014" {
		t.Fatal("withCheck does not reproduce the GB 11643 samples")
	}
	const (
		okMsg     = ""
		lengthMsg = "身份证号应为18位"
		digitsMsg = "身份证号前17位应为数字"
		dateMsg   = "身份证号中的出生日期不正确"
		checkMsg  = "身份证号校验位不正确,请核对"
	)
	tests := []struct {
		name string
		id   string
		want string
	}{
		{"standard sample with X", "11010519491231002X", okMsg},
		{"standard sample", "440524188001010014", okMsg},
		{"Lanzhou, 1990", withCheck("62010219900101123"), okMsg},
		{"leap day", withCheck("62010220000229123"), okMsg},
		{"lower-case x is not the check character", "11010519491231002x", checkMsg},
		{"wrong check digit", wrongCheck(withCheck("62010219900101123")), checkMsg},
		{"wrong check: X instead of digit", "44052418800101001X", checkMsg},
		{"wrong check: digit instead of X", "110105194912310021", checkMsg},
		{"empty", "", "请填写身份证号"},
		{"17 characters", "62010219900101123", lengthMsg},
		{"19 characters", withCheck("62010219900101123") + "0", lengthMsg},
		{"old 15-digit number", "620102900101123", lengthMsg},
		{"month 13", withCheck("62010219901301123"), dateMsg},
		{"day 32", withCheck("62010219900132123"), dateMsg},
		{"February 30", withCheck("62010219900230123"), dateMsg},
		{"February 29 of a common year", withCheck("62010219900229123"), dateMsg},
		{"day zero", withCheck("62010219900100123"), dateMsg},
		{"letter in the area code", "62A102199001011234", digitsMsg},
		{"letter in the birth date", "6201021990O1011234", digitsMsg},
		{"X in the middle", "62010219900101X234", digitsMsg},
		{"space", "620102 19900101123", digitsMsg},
	}
	for _, tc := range tests {
		if got := CheckIDNumber(tc.id); got != tc.want {
			t.Errorf("%s: CheckIDNumber(%q) = %q, want %q", tc.name, tc.id, got, tc.want)
		}
	}
}

func TestIDBirthDateAndGender(t *testing.T) {
	tests := []struct {
		id           string
		birth, sex   string
		descriptions string
	}{
		{"11010519491231002X", "1949-12-31", "女", "17th digit 2"},
		{"440524188001010014", "1880-01-01", "男", "17th digit 1"},
		{withCheck("62010219900101123"), "1990-01-01", "男", "17th digit 3"},
		{withCheck("62010220011231008"), "2001-12-31", "女", "17th digit 0"},
		{withCheck("62010219751010099"), "1975-10-10", "男", "17th digit 9"},
		{"", "", "", "empty"},
		{"620102900101123", "", "", "15 digits"},
	}
	for _, tc := range tests {
		if got := IDBirthDate(tc.id); got != tc.birth {
			t.Errorf("IDBirthDate(%q) [%s] = %q, want %q", tc.id, tc.descriptions, got, tc.birth)
		}
		if got := IDGender(tc.id); got != tc.sex {
			t.Errorf("IDGender(%q) [%s] = %q, want %q", tc.id, tc.descriptions, got, tc.sex)
		}
	}
}

// validMember is a member record that passes Validate.
func validMember() Member {
	return Member{
		ID: 0, CommitteeID: 1, TermID: 3, SectorID: 4, Name: "张三", Gender: "男",
		BirthDate: "1990-01-01", Phone: "13812341234", IDNumber: withCheck("62010219900101123"),
	}
}

func TestMemberValidate(t *testing.T) {
	if err := validMember().Validate(); err != nil {
		t.Fatalf("valid member: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Member)
		field  string // "" when the record stays valid
		msg    string
	}{
		{"no name", func(m *Member) { m.Name = "" }, "name", "请填写姓名"},
		{"name of 31 characters", func(m *Member) { m.Name = strings.Repeat("张", 31) }, "name", "姓名不能超过30个字"},
		{"name of 30 characters", func(m *Member) { m.Name = strings.Repeat("张", 30) }, "", ""},
		{"gender empty", func(m *Member) { m.Gender = "" }, "gender", "性别应为“男”或“女”"},
		{"gender in English", func(m *Member) { m.Gender = "male" }, "gender", "性别应为“男”或“女”"},
		{"female", func(m *Member) { m.Gender = "女" }, "", ""},
		{"birth date in the wrong format", func(m *Member) { m.BirthDate = "1990/01/01" }, "birth_date", "出生日期格式应为2024-05-27"},
		{"birth date not a day", func(m *Member) { m.BirthDate = "1990-02-30" }, "birth_date", "出生日期格式应为2024-05-27"},
		{"birth date differs from the ID", func(m *Member) { m.BirthDate = "1990-01-02" }, "birth_date", "出生日期与身份证号不一致"},
		{"birth date may be left out", func(m *Member) { m.BirthDate = "" }, "", ""},
		{"no term", func(m *Member) { m.TermID = 0 }, "term_id", "请选择届次"},
		{"no sector", func(m *Member) { m.SectorID = 0 }, "sector_id", "请选择界别"},
		{"phone too short", func(m *Member) { m.Phone = "1381234123" }, "phone", "联系电话应为11位手机号或带区号的固话"},
		{"phone starting 12", func(m *Member) { m.Phone = "12812341234" }, "phone", "联系电话应为11位手机号或带区号的固话"},
		{"phone with letters", func(m *Member) { m.Phone = "138abcd1234" }, "phone", "联系电话应为11位手机号或带区号的固话"},
		{"phone with trailing text", func(m *Member) { m.Phone = "13812341234 ext" }, "phone", "联系电话应为11位手机号或带区号的固话"},
		{"landline with area code and dash", func(m *Member) { m.Phone = "0931-8123456" }, "", ""},
		{"landline without dash", func(m *Member) { m.Phone = "09318123456" }, "", ""},
		{"Beijing landline", func(m *Member) { m.Phone = "010-12345678" }, "", ""},
		{"phone may be left out", func(m *Member) { m.Phone = "" }, "", ""},
		{"no ID number", func(m *Member) { m.IDNumber = "" }, "id_number", "请填写身份证号"},
		{"ID number wrong check", func(m *Member) { m.IDNumber = wrongCheck(m.IDNumber) }, "id_number", "身份证号校验位不正确,请核对"},
		{"stored member in an unknown state", func(m *Member) { m.ID = 5; m.State = "gone" }, "state", "未知的委员状态"},
		{"stored member without a state", func(m *Member) { m.ID = 5; m.State = "" }, "state", "未知的委员状态"},
		{"stored member who left", func(m *Member) { m.ID = 5; m.State = MemberLeft }, "", ""},
		{"new member needs no state", func(m *Member) { m.State = "" }, "", ""},
	}
	for _, tc := range tests {
		m := validMember()
		tc.change(&m)
		err := m.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: Validate = %v, want nil", tc.name, err)
			}
			continue
		}
		if ErrorCodeOf(err) != ErrInvalid {
			t.Errorf("%s: Validate = %v, want an invalid error", tc.name, err)
			continue
		}
		f := ErrorFields(err)
		if f[tc.field] != tc.msg {
			t.Errorf("%s: field %s = %q, want %q", tc.name, tc.field, f[tc.field], tc.msg)
		}
		if len(f) != 1 {
			t.Errorf("%s: want only %s flagged, got %v", tc.name, tc.field, f)
		}
	}
}

func TestMemberValidateReportsEveryProblem(t *testing.T) {
	err := Member{Gender: "?", BirthDate: "x", Phone: "1", IDNumber: "1"}.Validate()
	want := []string{"name", "gender", "birth_date", "term_id", "sector_id", "phone", "id_number"}
	f := ErrorFields(err)
	for _, k := range want {
		if f[k] == "" {
			t.Errorf("field %s not reported; got %v", k, f)
		}
	}
	if len(f) != len(want) {
		t.Errorf("got %d fields %v, want %d", len(f), f, len(want))
	}
}

func TestMasking(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"mobile", MaskPhone, "13812341234", "138****1234"},
		{"landline", MaskPhone, "0931-8123456", "093*****3456"},
		{"phone of exactly 8", MaskPhone, "12345678", "123*5678"},
		{"phone of 7 is all hidden", MaskPhone, "1234567", "*******"},
		{"short phone", MaskPhone, "123", "***"},
		{"empty phone", MaskPhone, "", ""},
		{"ID number", MaskIDNumber, "620102199001011234", "620102********1234"},
		{"ID number with X", MaskIDNumber, "11010519491231002X", "110105********002X"},
		{"ID of exactly 11", MaskIDNumber, "12345678901", "123456*8901"},
		{"ID of 10 is all hidden", MaskIDNumber, "1234567890", "**********"},
		{"empty ID", MaskIDNumber, "", ""},
		{"counts characters, not bytes", MaskPhone, "一二三四五六七八", "一二三*五六七八"},
	}
	for _, tc := range tests {
		if got := tc.fn(tc.in); got != tc.want {
			t.Errorf("%s: mask(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestMemberMaskIdempotent(t *testing.T) {
	m := validMember()
	idn := m.IDNumber
	m.Mask()
	if !m.Masked || m.Phone != "138****1234" || m.IDNumber != idn[:6]+"********"+idn[14:] {
		t.Fatalf("after Mask: masked=%v phone=%q id=%q", m.Masked, m.Phone, m.IDNumber)
	}
	once := m
	m.Mask()
	if m.Phone != once.Phone || m.IDNumber != once.IDNumber || !m.Masked {
		t.Errorf("second Mask changed the record: %q %q", m.Phone, m.IDNumber)
	}
	if strings.Contains(m.IDNumber, idn[6:14]) {
		t.Errorf("masked ID %q still shows the birth date", m.IDNumber)
	}
}

func TestMemberNormalize(t *testing.T) {
	m := Member{
		Name: "  张三\t", Gender: " 男 ", BirthDate: " 1949-12-31 ", Ethnicity: " 汉族 ", Employer: " 兰州大学 ",
		Title: " 教授 ", Phone: " 13812341234 ", IDNumber: " 11010519491231002x ", Address: "\n城关区 ",
	}
	m.Normalize()
	want := Member{
		Name: "张三", Gender: "男", BirthDate: "1949-12-31", Ethnicity: "汉族", Employer: "兰州大学",
		Title: "教授", Phone: "13812341234", IDNumber: "11010519491231002X", Address: "城关区",
	}
	if m != want {
		t.Errorf("Normalize:\n got %+v\nwant %+v", m, want)
	}
	if msg := CheckIDNumber(m.IDNumber); msg != "" {
		t.Errorf("normalized ID number is refused: %s", msg)
	}
}
