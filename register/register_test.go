package register

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"lvzhi"
	"lvzhi/sheet/sheettest"
)

var testCategories = lvzhi.DefaultProposalSettings().Categories

// xlsx builds an XLSX file whose first sheet holds rows, starting at A1.
func xlsx(t testing.TB, rows ...[]any) *bytes.Buffer { t.Helper(); return sheettest.XLSX(t, rows...) }

func header() []any { return sheettest.Header(Columns) }

// row is a data row in the order of Columns, from column name to value.
func row(v map[string]any) []any { return sheettest.Row(Columns, v) }

// errSet renders errors as "row|column|message" lines for comparison.
func errSet(errs []RowError) []string { return sheettest.ErrSet(errs) }

func cst(y, m, d, h, mi, s int) time.Time {
	return time.Date(y, time.Month(m), d, h, mi, s, 0, lvzhi.China)
}

func TestTemplateFilledAndParsed(t *testing.T) {
	var buf bytes.Buffer
	if err := Template(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{importSheet, helpSheet}) {
		t.Fatalf("sheets = %v", got)
	}
	got, _ := f.GetRows(importSheet)
	if len(got) != 1 || !reflect.DeepEqual(got[0], Columns) {
		t.Fatalf("template rows = %v", got)
	}
	if dvs, _ := f.GetDataValidations(importSheet); len(dvs) != 1 {
		t.Errorf("data validations = %d, want 1 (答复类别)", len(dvs))
	}
	if panes, _ := f.GetPanes(importSheet); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want frozen header", panes)
	}
	help, _ := f.GetRows(helpSheet)
	if len(help) < len(Columns)+1 || help[len(Columns)][0] != colReplyClass {
		t.Errorf("help sheet rows = %d", len(help))
	}

	for i, r := range [][]any{
		row(map[string]any{colNumber: "0001", colTitle: "关于加强社区养老服务的建议", colProposer: "张 三", colCategory: "社会事业",
			colDate: "2019/1/12", colBody: "一、情况\r\n二、建议\r\n", colUnits: "市民政局、市财政局", colReplyClass: "a类"}),
		row(map[string]any{colNumber: "第十四届第三次会议第0002号", colTitle: "关于\n校园安全的建议", colProposer: "李四等5人",
			colCategory: "教育事业", colDate: "2019年1月13日"}),
		row(map[string]any{colNumber: 3, colTitle: "关于发展数字经济的建议", colProposer: "民进兰州市委", colCategory: "经济发展",
			colDate: "2019-01-14 16:04:48", colReplyClass: "Ｃ"}),
	} {
		if err := f.SetSheetRow(importSheet, fmt.Sprintf("A%d", i+2), &r); err != nil {
			t.Fatal(err)
		}
	}
	filled, _ := f.WriteToBuffer()
	rows, errs := ParseXLSX(filled, testCategories)
	if len(errs) != 0 {
		t.Fatalf("errs = %v", errSet(errs))
	}
	want := []Row{
		{Number: 1, Title: "关于加强社区养老服务的建议", Proposer: "张三", Category: "社会事业", Date: cst(2019, 1, 12, 0, 0, 0),
			Body: "一、情况\n二、建议", Units: "市民政局、市财政局", ReplyClass: "A", Line: 2},
		{Number: 2, Title: "关于 校园安全的建议", Proposer: "李四等5人", Category: "教育事业", Date: cst(2019, 1, 13, 0, 0, 0), Line: 3},
		{Number: 3, Title: "关于发展数字经济的建议", Proposer: "民进兰州市委", Category: "经济发展", Date: cst(2019, 1, 14, 16, 4, 48),
			ReplyClass: "C", Line: 4},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows =\n%+v\nwant\n%+v", rows, want)
	}
}

func TestParseXLSXBadRows(t *testing.T) {
	long := strings.Repeat("长", 101)
	file := xlsx(t,
		append(header(), "序号"),
		row(map[string]any{colNumber: "1", colTitle: "好的提案", colProposer: "张三", colCategory: "社会事业"}),
		row(map[string]any{colNumber: "1", colTitle: "重复编号", colProposer: "李四", colCategory: "社会事业"}),
		row(map[string]any{colNumber: "0", colTitle: "", colProposer: "", colCategory: "xx"}),
		row(map[string]any{colNumber: "abc", colTitle: long, colProposer: "王五", colCategory: "社会事业", colDate: "2019-02-30"}),
		nil, // an empty row is skipped
		row(map[string]any{colNumber: 1.5, colTitle: "错类别", colProposer: "赵六", colCategory: "", colReplyClass: "E", colDate: "去年"}),
		row(map[string]any{colNumber: "7", colTitle: "内容过长", colProposer: "钱七", colCategory: "教育事业", colBody: strings.Repeat("字", 20001)}),
	)
	rows, errs := ParseXLSX(file, testCategories)
	if rows != nil {
		t.Errorf("rows = %d, want none while any row is bad", len(rows))
	}
	want := []string{
		"3|编号|编号0001与第2行重复",
		"4|编号|编号应为正整数,如0001",
		"4|案由|请填写案由",
		"4|提案人|请填写提案人:姓名、“张三等5人”或提出提案的单位",
		"4|分类|分类“xx”不在本政协的提案分类中,应为:" + strings.Join(testCategories, "、"),
		"5|编号|编号应为正整数,如0001",
		"5|案由|案由不能超过100个字(现有101个字)",
		"5|提交日期|提交日期格式不正确,应写作2019-01-12",
		"7|编号|编号应为正整数",
		"7|分类|请填写提案分类",
		"7|提交日期|提交日期格式不正确,应写作2019-01-12",
		"7|答复类别|答复类别应为A、B、C、D之一,未答复的留空",
		"8|内容|内容不能超过20000字(现有20001字)",
	}
	if got := errSet(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errs =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := errs[0].String(); s != "第3行“编号”:编号0001与第2行重复" {
		t.Errorf("String() = %q", s)
	}
}

func TestParseHeaderAndFileProblems(t *testing.T) {
	_, errs := ParseXLSX(xlsx(t, []any{"编号", "案由", "备注"}, []any{"1", "x"}), testCategories)
	want := []string{"1|提案人|缺少“提案人”列,请在第一行表头中加上", "1|分类|缺少“分类”列,请在第一行表头中加上"}
	if got := errSet(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("missing columns: %v", got)
	}
	_, errs = ParseXLSX(xlsx(t, append(header(), "编号")), testCategories)
	if got := errSet(errs); len(got) != 1 || !strings.Contains(got[0], "出现了不止一次") {
		t.Errorf("duplicate header: %v", got)
	}
	_, errs = ParseXLSX(strings.NewReader("not a workbook"), testCategories)
	if len(errs) != 1 || errs[0].Row != 0 || errs[0].Message != msgNotXLSX {
		t.Errorf("not xlsx: %v", errSet(errs))
	}
	_, errs = ParseCSV(strings.NewReader("编号,案由\n\"1,x\n"), testCategories)
	if len(errs) == 0 {
		t.Errorf("broken CSV gave no error")
	}
	rows, errs := ParseXLSX(xlsx(t, header()), testCategories)
	if len(rows) != 0 || len(errs) != 0 {
		t.Errorf("header only: rows %v errs %v", rows, errSet(errs))
	}
}

// A date typed into a date-formatted cell is stored as an Excel serial; the number column
// as a number cell.
func TestParseXLSXDateSerial(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	h := header()
	f.SetSheetRow("Sheet1", "A1", &h)
	f.SetCellValue("Sheet1", "A2", 12)
	f.SetCellValue("Sheet1", "B2", "关于一件事的建议")
	f.SetCellValue("Sheet1", "C2", "张三")
	f.SetCellValue("Sheet1", "D2", "社会事业")
	f.SetCellValue("Sheet1", "E2", time.Date(2019, 1, 12, 16, 4, 48, 0, time.UTC))
	buf, _ := f.WriteToBuffer()
	rows, errs := ParseXLSX(buf, testCategories)
	if len(errs) != 0 || len(rows) != 1 {
		t.Fatalf("rows %v errs %v", rows, errSet(errs))
	}
	if rows[0].Number != 12 || !rows[0].Date.Equal(cst(2019, 1, 12, 16, 4, 48)) {
		t.Errorf("row = %+v", rows[0])
	}
}

func TestParseCSVEnglishHeadersAndGBK(t *testing.T) {
	text := "personnel_name,pkid,proposal_number,publish_time,reason,type,content\n" +
		"张三,x1,0007,2019-01-12 16:04:48,关于一件事的建议,社会事业,\"第一段\n第二段\"\n" +
		"\n" +
		"民进兰州市委,x2,0009,2019-01-13,关于另一件事的建议,教育事业,内容\n"
	want := []Row{
		{Number: 7, Title: "关于一件事的建议", Proposer: "张三", Category: "社会事业", Date: cst(2019, 1, 12, 16, 4, 48), Body: "第一段\n第二段", Line: 2},
		{Number: 9, Title: "关于另一件事的建议", Proposer: "民进兰州市委", Category: "教育事业", Date: cst(2019, 1, 13, 0, 0, 0), Body: "内容", Line: 4},
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{"utf-8": text, "utf-8 with BOM": "\ufeff" + text, "gbk": gbk} {
		rows, errs := ParseCSV(strings.NewReader(in), testCategories)
		if len(errs) != 0 {
			t.Errorf("%s: errs %v", name, errSet(errs))
			continue
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("%s: rows =\n%+v\nwant\n%+v", name, rows, want)
		}
	}
}

func TestProposerKind(t *testing.T) {
	for in, want := range map[string]string{
		"张三": "individual", "党国英": "individual", "张会": "individual", "李春会": "individual", "欧阳联": "individual",
		"阿依古丽·买买提": "individual", "John Smith": "individual",
		"张三等5人": "joint", "张三等五人": "joint", "张三 等 12 人": "joint", "王林等5名委员": "joint",
		"民进江苏省委": "group", "省政协学习委员会": "group", "省台联": "group", "省工商联": "group", "九三学社江苏省委": "group",
		"经济界": "group", "农工党江苏省委": "group", "致公党江苏省委": "group", "第一活动小组": "group", "市律师协会": "group",
		"民革": "group", "无党派人士": "group",
	} {
		if got := ProposerKind(in); got != want {
			t.Errorf("ProposerKind(%q) = %s, want %s", in, got, want)
		}
	}
}

const jiangsuCSV = "../../shared/data/proposals-jiangsu-2019/proposals.csv"

// The published Jiangsu register parses whole: 436 rows, no errors, the numbers and
// categories as the file has them and the kinds its proposer column implies.
func TestParseJiangsuCSV(t *testing.T) {
	raw, err := os.ReadFile(jiangsuCSV)
	if err != nil {
		t.Skipf("%s not found (shared test data absent): %v", jiangsuCSV, err)
	}
	rows, errs := ParseCSV(bytes.NewReader(raw), testCategories)
	if len(errs) != 0 {
		t.Fatalf("errs (%d): %v", len(errs), errSet(errs[:min(len(errs), 10)]))
	}
	if len(rows) != 436 {
		t.Fatalf("rows = %d, want 436", len(rows))
	}
	// Read the file again with encoding/csv alone and compare field by field.
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	cats := map[string]int{}
	for i, r := range rows {
		rec := recs[i+1]
		n, _ := strconv.Atoi(rec[col["proposal_number"]])
		if r.Number != n || r.Category != rec[col["type"]] || r.Proposer != rec[col["personnel_name"]] || r.Line != i+2 {
			t.Errorf("row %d = %d %s %s, file has %s %s %s", i+2, r.Number, r.Category, r.Proposer,
				rec[col["proposal_number"]], rec[col["type"]], rec[col["personnel_name"]])
		}
		if d := r.Date.Format("2006-01-02 15:04:05"); d != rec[col["publish_time"]] {
			t.Errorf("row %d date = %s, file has %s", i+2, d, rec[col["publish_time"]])
		}
		if r.Title != strings.Join(strings.Fields(rec[col["reason"]]), " ") {
			t.Errorf("row %d title = %q", i+2, r.Title)
		}
		cats[r.Category]++
	}
	// The counts the data README gives.
	for c, n := range map[string]int{"社会事业": 77, "教育事业": 58, "经济发展": 52, "医卫体育": 45, "统战综合": 4} {
		if cats[c] != n {
			t.Errorf("category %s = %d, want %d", c, cats[c], n)
		}
	}
	kinds := map[string]int{}
	joint := regexp.MustCompile(`等\d+人$`)
	for _, r := range rows {
		kinds[ProposerKind(r.Proposer)]++
		if joint.MatchString(r.Proposer) != (ProposerKind(r.Proposer) == "joint") {
			t.Errorf("%s: kind %s", r.Proposer, ProposerKind(r.Proposer))
		}
		if n := len([]rune(r.Proposer)); n <= 3 && ProposerKind(r.Proposer) == "group" && !strings.HasSuffix(r.Proposer, "联") {
			t.Errorf("%s: a short name taken for a body", r.Proposer)
		}
	}
	t.Logf("kinds: %v", kinds)
}

func TestExportOpensAgain(t *testing.T) {
	in := []ExportRow{
		{Number: 1, SessionName: "第十四届第三次会议", Title: "关于加强社区养老服务的建议", Proposer: "张三", Kind: lvzhi.ProposalIndividual,
			Category: "社会事业", State: lvzhi.ProposalClosed, LeadUnit: "市民政局", OtherUnits: "市财政局(会办)",
			AssignedAt: time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC), Deadline: time.Date(2026, 6, 2, 1, 0, 0, 0, time.UTC),
			ReplyClass: "A", Satisfaction: lvzhi.BasicallySatisfied, Key: true},
		{Title: "关于校园安全的建议", Proposer: "李四等5人", Kind: lvzhi.ProposalJoint, Category: "教育事业", State: lvzhi.ProposalReview},
		{Number: 12, SessionName: "第十四届第三次会议", Title: "关于发展数字经济的建议", Proposer: "民进兰州市委", Kind: lvzhi.ProposalGroup,
			Category: "经济发展", State: lvzhi.ProposalHandling, LeadUnit: "市发改委"},
	}
	var buf bytes.Buffer
	if err := Export(&buf, in); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{exportSheet}) {
		t.Fatalf("sheets = %v", got)
	}
	got, err := f.GetRows(exportSheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		exportColumns,
		{"第十四届第三次会议第0001号", "关于加强社区养老服务的建议", "张三", "个人", "社会事业", "已办结", "市民政局", "市财政局(会办)",
			"2026-03-03", "2026-06-02", "A类", "基本满意", "是"},
		{"", "关于校园安全的建议", "李四等5人", "联名", "教育事业", "审查中", "", "", "", "", "", "", "否"},
		{"第十四届第三次会议第0012号", "关于发展数字经济的建议", "民进兰州市委", "集体", "经济发展", "办理中", "市发改委", "", "", "", "", "", "否"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows =\n%q\nwant\n%q", got, want)
	}
	// Dates are date cells (serials with a date format), not text.
	raw, _ := f.GetCellValue(exportSheet, "I2", excelize.Options{RawCellValue: true})
	if raw != "46084" {
		t.Errorf("交办日期 raw value = %q, want the serial 46084 (2026-03-03)", raw)
	}
	if panes, _ := f.GetPanes(exportSheet); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want frozen header", panes)
	}
}
