package register

// The normalisation of single cell values: registers are typed by hand with a Chinese input
// method, copied from web pages and saved by several versions of Excel, so the same value
// arrives in several spellings.

import (
	"lvzhi"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// fullWidth maps full-width digits, letters and separators to their ASCII forms.
var fullWidth = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"Ａ", "A", "Ｂ", "B", "Ｃ", "C", "Ｄ", "D", "ａ", "A", "ｂ", "B", "ｃ", "C", "ｄ", "D",
	"／", "/", "－", "-", "．", ".", "：", ":", "　", " ",
)

// numberRE reads a proposal number: 0001, 1, 第0001号, or the printed label
// 第十四届第三次会议第0001号 (the last 第…号 holds the number).
var numberRE = regexp.MustCompile(`^(?:.*第)?\s*(\d{1,7})\s*号?$`)

// parseNumber reads a positive proposal number, or says what is wrong.
func parseNumber(v string) (int, string) {
	v = strings.TrimSpace(fullWidth.Replace(v))
	if v == "" {
		return 0, "请填写编号"
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f != math.Trunc(f) {
		return 0, "编号应为正整数"
	}
	v = strings.TrimSuffix(v, ".0") // a number cell read as 1.0
	m := numberRE.FindStringSubmatch(v)
	if m == nil {
		return 0, "编号应为正整数,如0001"
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n <= 0 {
		return 0, "编号应为正整数,如0001"
	}
	return n, ""
}

// oneLine trims a value and joins its lines and runs of spaces into single spaces: a title
// copied from a web page often keeps the page's line breaks.
func oneLine(v string) string {
	return strings.Join(strings.Fields(v), " ") // Fields splits at the ideographic space too
}

// cleanProposer trims a proposer and drops the spaces typed inside a Chinese name (张 三);
// a name with Latin letters keeps single spaces between its words.
func cleanProposer(v string) string {
	v = oneLine(v)
	for _, r := range v {
		if r < unicode.MaxASCII && unicode.IsLetter(r) {
			return v
		}
	}
	return strings.ReplaceAll(v, " ", "")
}

// cleanBody keeps the paragraphs of a text, with Unix line ends and no blank lines at either end.
func cleanBody(v string) string {
	v = strings.ReplaceAll(v, "\r\n", "\n")
	v = strings.ReplaceAll(v, "\r", "\n")
	return strings.Trim(v, " \t\n\u3000")
}

// parseReplyClass reads A, B, C or D, written also as a, Ａ, A类 or A 类; empty is no reply.
func parseReplyClass(v string) (string, bool) {
	v = strings.ToUpper(strings.TrimSpace(fullWidth.Replace(v)))
	v = strings.TrimSpace(strings.TrimSuffix(v, "类"))
	switch v {
	case "", "A", "B", "C", "D":
		return v, true
	}
	return "", false
}

// dateRE reads the date part written as 2019-01-12, 2019/1/12, 2019.1.12 or 2019年1月12日,
// with an optional time of day (16:04 or 16:04:48) after a space or a T.
var dateRE = regexp.MustCompile(`^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$`)

// parseDate reads a submission date in China time: as text in the forms of dateRE, as
// 20190112, or (numeric XLSX cells only) as an Excel date serial with or without a time.
func parseDate(v string, numeric, date1904 bool) (time.Time, bool) {
	v = strings.TrimSpace(fullWidth.Replace(v))
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n == math.Trunc(n) && n >= 18000101 && n <= 29991231 {
			return ymd(int(n)/10000, int(n)/100%100, int(n)%100, 0, 0, 0)
		}
		// A serial only when the cell is a number: text such as "2019.01" is a half-written
		// date, not day 2019 of the Excel calendar.
		if numeric && n >= 1 && n < 2958466 {
			t, err := excelize.ExcelDateToTime(n, date1904)
			if err != nil {
				return time.Time{}, false
			}
			t = t.Round(time.Second)
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, lvzhi.China), true
		}
		return time.Time{}, false
	}
	m := dateRE.FindStringSubmatch(v)
	if m == nil {
		return time.Time{}, false
	}
	var n [6]int
	for i := range n {
		if m[i+1] != "" {
			n[i], _ = strconv.Atoi(m[i+1])
		}
	}
	return ymd(n[0], n[1], n[2], n[3], n[4], n[5])
}

// ymd builds a time in China time, refusing one that does not exist (2019-02-30, 25:00).
func ymd(y, mo, d, h, mi, s int) (time.Time, bool) {
	t := time.Date(y, time.Month(mo), d, h, mi, s, 0, lvzhi.China)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || t.Hour() != h || t.Minute() != mi || t.Second() != s || y < 1949 {
		return time.Time{}, false
	}
	return t, true
}

// jointRE is a joint proposal's signature: 张三等5人, 张三等五人, 张三 等 12 名委员.
var jointRE = regexp.MustCompile(`等\s*[0-9一二三四五六七八九十百]+\s*(?:人|名|位)`)

// bodyWords are the short names of bodies that propose: the parties, the people's
// organisations and the committee's own bodies. A proposer containing one is a group.
var bodyWords = []string{
	"民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "工商联", "台联", "侨联", "妇联", "文联",
	"残联", "青联", "社科联", "科协", "共青团", "团市委", "团省委", "总工会", "无党派", "政协", "委员会", "界别", "学社",
}

// orgEnds are the endings of a body's name (…省委, …党, …界, …小组, …协会) that no
// three-character personal name has; looseEnds (…联, …社, …会) also end given names
// (欧阳联, 丁卫社, 李春会), so they mark a body only in a name of five characters or more.
var (
	orgEnds   = []string{"委", "党", "界", "组", "协会", "学会", "商会", "工会", "委员会"}
	looseEnds = []string{"联", "社", "会"}
)

// ProposerKind derives the kind of a proposal (lvzhi.ProposalIndividual, ProposalJoint,
// ProposalGroup) from its proposer as a register writes it: "张三等5人" is joint; a body
// ("民进江苏省委", "省政协学习委员会", "省台联", "经济界") is a group; anything else is one
// member.
//
// The markers of a body (委员会, 委, 党, 会, 联, 界, 组) also occur in personal names (张会,
// 党国英, 丁卫社), so a name counts as a body only when it contains a known body's name (民进,
// 工商联, 政协 …), or ends with a body's ending (…省委, …界, …小组, …协会) and is longer than
// two characters, or is five characters or more and ends with 联, 社 or 会. Names with a
// middle dot (阿依古丽·买买提) are people.
func ProposerKind(proposer string) string {
	p := strings.ReplaceAll(strings.TrimSpace(proposer), " ", "")
	if jointRE.MatchString(p) || (strings.Contains(p, "等") && strings.HasSuffix(p, "人")) {
		return "joint"
	}
	if strings.ContainsAny(p, "·•・") {
		return "individual"
	}
	for _, w := range bodyWords {
		if strings.Contains(p, w) {
			return "group"
		}
	}
	n := len([]rune(p))
	ends := func(list []string) bool {
		for _, e := range list {
			if strings.HasSuffix(p, e) {
				return true
			}
		}
		return false
	}
	if (n >= 3 && ends(orgEnds)) || (n >= 5 && ends(looseEnds)) {
		return "group"
	}
	return "individual"
}
