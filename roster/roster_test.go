package roster

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/sheet/sheettest"
)

// testID builds a valid resident ID number (GB 11643) from an area code, a birth date
// (YYYYMMDD) and a sequence number whose last digit is odd for men and even for women.
func testID(t testing.TB, area, birth string, seq int) string {
	t.Helper()
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	s := fmt.Sprintf("%s%s%03d", area, birth, seq%1000)
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * weights[i]
	}
	s += string("10X98765432"[sum%11])
	if msg := lvzhi.CheckIDNumber(s); msg != "" {
		t.Fatalf("testID %s: %s", s, msg)
	}
	return s
}

func testLookup() Lookup {
	return Lookup{
		Parties:           map[string]int64{"民革": 11, "九三学社": 12},
		Sectors:           map[string]int64{"经济界": 21, "农业界": 22},
		SpecialCommittees: map[string]int64{"提案委员会": 31},
		ActivityGroups:    map[string]int64{"第一活动小组": 41},
	}
}

// xlsx builds an XLSX file whose first sheet holds rows, starting at A1.
func xlsx(t testing.TB, rows ...[]any) *bytes.Buffer { t.Helper(); return sheettest.XLSX(t, rows...) }

func header() []any { return sheettest.Header(Columns) }

// row is a data row in the order of Columns, from column name to value.
func row(v map[string]any) []any { return sheettest.Row(Columns, v) }

// errSet renders errors as "row|column|message" lines for comparison.
func errSet(errs []RowError) []string { return sheettest.ErrSet(errs) }

func TestTemplateRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Template(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{rosterSheet, helpSheet}) {
		t.Fatalf("sheets = %v", got)
	}
	got, _ := f.GetRows(rosterSheet)
	if len(got) != 1 || !reflect.DeepEqual(got[0], Columns) {
		t.Fatalf("template rows = %v", got)
	}
	if dvs, _ := f.GetDataValidations(rosterSheet); len(dvs) != 3 {
		t.Errorf("data validations = %d, want 3", len(dvs))
	}
	if panes, _ := f.GetPanes(rosterSheet); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want frozen header", panes)
	}
	help, _ := f.GetRows(helpSheet)
	if len(help) < len(Columns)+1 || help[len(Columns)][0] != colAddress {
		t.Errorf("help sheet rows = %d", len(help))
	}

	man := testID(t, "620102", "19650308", 123)
	woman := testID(t, "620102", "19700102", 246)
	for i, r := range [][]any{
		row(map[string]any{colName: "张三", colSector: "经济界", colIDNumber: man, colStanding: "是",
			colPhone: "13812345678", colSpecial: "提案委员会", colGroup: "第一活动小组"}),
		row(map[string]any{colName: "李 四", colGender: "女", colBirthDate: "1970/1/2", colParty: "九三学社",
			colSector: "农业界", colIDNumber: " " + woman + " ", colStanding: "否"}),
	} {
		if err := f.SetSheetRow(rosterSheet, fmt.Sprintf("A%d", i+2), &r); err != nil {
			t.Fatal(err)
		}
	}
	filled, _ := f.WriteToBuffer()
	members, errs := Parse(filled, testLookup())
	if len(errs) != 0 {
		t.Fatalf("errs = %v", errSet(errs))
	}
	want := []lvzhi.Member{
		{Name: "张三", Gender: "男", BirthDate: "1965-03-08", SectorID: 21, SectorName: "经济界",
			SpecialCommitteeID: 31, SpecialCommitteeName: "提案委员会", ActivityGroupID: 41, ActivityGroupName: "第一活动小组",
			Standing: true, Phone: "13812345678", IDNumber: man, State: lvzhi.MemberServing},
		{Name: "李四", Gender: "女", BirthDate: "1970-01-02", PartyID: 12, PartyName: "九三学社",
			SectorID: 22, SectorName: "农业界", IDNumber: woman, State: lvzhi.MemberServing},
	}
	if !reflect.DeepEqual(members, want) {
		t.Errorf("members =\n%+v\nwant\n%+v", members, want)
	}
}

func TestParseBadRows(t *testing.T) {
	good := testID(t, "620102", "19650308", 123)
	file := xlsx(t,
		header(),
		row(map[string]any{colName: "好人", colSector: "经济界", colIDNumber: good}),
		row(map[string]any{colName: "短号", colSector: "经济界", colIDNumber: "62010219650308"}),
		row(map[string]any{colName: "错界", colSector: "xx界", colIDNumber: testID(t, "620102", "19660101", 11), colPhone: "12345"}),
		row(map[string]any{colName: "错日期", colSector: "经济界", colIDNumber: testID(t, "620102", "19670101", 13), colBirthDate: "1967-02-30"}),
		row(map[string]any{colSector: "经济界", colIDNumber: testID(t, "620102", "19680101", 15), colParty: "某党"}),
		row(map[string]any{colName: "常委", colSector: "经济界", colIDNumber: testID(t, "620102", "19690101", 17), colStanding: "对"}),
		nil, // an empty row is skipped
		row(map[string]any{colName: "不一致", colSector: "经济界", colIDNumber: testID(t, "620102", "19700101", 19), colBirthDate: "1970-01-02", colGender: "女"}),
		row(map[string]any{colName: "无界别", colIDNumber: "62010219650308123X", colSpecial: "某委", colGroup: "某组"}),
	)
	members, errs := Parse(file, testLookup())
	if len(members) != 8 {
		t.Errorf("members = %d, want 8 (one per non-empty data row)", len(members))
	}
	want := []string{
		"3|身份证号|身份证号应为18位",
		"4|界别|界别“xx界”不存在",
		"4|联系电话|联系电话应为11位手机号或带区号的固话",
		"5|出生日期|" + msgBadDate,
		"6|姓名|请填写姓名",
		"6|党派|党派“某党”不存在",
		"7|是否常委|是否常委应填“是”或“否”",
		"9|性别|性别与身份证号不一致",
		"9|出生日期|出生日期与身份证号不一致",
		"10|界别|请填写界别",
		"10|专门委员会|专门委员会“某委”不存在",
		"10|活动小组|活动小组“某组”不存在",
		"10|身份证号|身份证号校验位不正确,请核对",
	}
	if got := errSet(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errs =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseReorderedHeaders(t *testing.T) {
	id := testID(t, "110101", "19801231", 2)
	file := xlsx(t,
		[]any{"序号", "身份证号码", " 界 别 ", "*姓名", "备注", "是否常委"},
		[]any{1, id, "经济界", "王五", "随便写", "是"},
		[]any{2}, // only the serial number: an empty row
	)
	members, errs := Parse(file, testLookup())
	if len(errs) != 0 {
		t.Fatalf("errs = %v", errSet(errs))
	}
	want := []lvzhi.Member{{Name: "王五", Gender: "女", BirthDate: "1980-12-31", SectorID: 21, SectorName: "经济界",
		Standing: true, IDNumber: id, State: lvzhi.MemberServing}}
	if !reflect.DeepEqual(members, want) {
		t.Errorf("members = %+v", members)
	}
}

func TestParseMissingColumns(t *testing.T) {
	_, errs := Parse(xlsx(t, []any{"姓名", "性别"}, []any{"张三", "男"}), testLookup())
	want := []string{"1|界别|缺少“界别”列,请在第一行表头中加上", "1|身份证号|缺少“身份证号”列,请在第一行表头中加上"}
	if got := errSet(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errs = %v", got)
	}
	if _, errs := Parse(xlsx(t), testLookup()); len(errs) != 3 {
		t.Errorf("empty sheet errs = %v, want the three required columns", errSet(errs))
	}
}

func testMembers(t testing.TB, n int) []lvzhi.Member {
	parties := []string{"", "民革", "九三学社"}
	sectors := []string{"经济界", "农业界"}
	lk := testLookup()
	var ms []lvzhi.Member
	for i := 0; i < n; i++ {
		birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*7)
		id := testID(t, "620102", birth.Format("20060102"), i)
		m := lvzhi.Member{
			Name: fmt.Sprintf("委员%d", i), Gender: lvzhi.IDGender(id), BirthDate: lvzhi.IDBirthDate(id),
			Ethnicity: "汉族", PartyName: parties[i%3], SectorName: sectors[i%2], Standing: i%5 == 0,
			Employer: "某单位", Title: "主任", Phone: fmt.Sprintf("139%08d", i), IDNumber: id,
			Address: "某市某路1号", State: lvzhi.MemberServing,
		}
		m.PartyID, m.SectorID = lk.Parties[m.PartyName], lk.Sectors[m.SectorName]
		if i%4 == 0 {
			m.SpecialCommitteeName, m.SpecialCommitteeID = "提案委员会", 31
			m.ActivityGroupName, m.ActivityGroupID = "第一活动小组", 41
		}
		ms = append(ms, m)
	}
	return ms
}

func TestExportParseRoundTrip(t *testing.T) {
	ms := testMembers(t, 300)
	var buf bytes.Buffer
	if err := Export(&buf, ms); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"L2", "M2"} { // phone and ID number
		if typ, _ := f.GetCellType(rosterSheet, ref); typ != excelize.CellTypeInlineString {
			t.Errorf("%s type = %v, want text", ref, typ)
		}
	}
	f.Close()
	got, errs := Parse(&buf, testLookup())
	if len(errs) != 0 {
		t.Fatalf("errs = %v", errSet(errs))
	}
	if !reflect.DeepEqual(got, ms) {
		for i := range ms {
			if !reflect.DeepEqual(got[i], ms[i]) {
				t.Fatalf("member %d =\n%+v\nwant\n%+v", i, got[i], ms[i])
			}
		}
		t.Fatalf("got %d members, want %d", len(got), len(ms))
	}

	// A masked export is readable but cannot be imported again.
	masked := testMembers(t, 1)
	masked[0].Mask()
	buf.Reset()
	if err := Export(&buf, masked); err != nil {
		t.Fatal(err)
	}
	_, errs = Parse(&buf, testLookup())
	want := []string{"2|联系电话|" + msgPhoneMask, "2|身份证号|" + msgIDMasked}
	if got := errSet(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("masked errs = %v", got)
	}
}

func TestParseNumericID(t *testing.T) {
	id := testID(t, "620102", "19650308", 123)
	file := xlsx(t, header(),
		row(map[string]any{colName: "甲", colSector: "经济界", colIDNumber: 620102196503081234}),
		row(map[string]any{colName: "乙", colSector: "经济界", colIDNumber: 6.201021965030812e17}),
		row(map[string]any{colName: "丙", colSector: "经济界", colIDNumber: "6.20102E+17"}),
		row(map[string]any{colName: "丁", colSector: "经济界", colIDNumber: "６２０１０２" + id[6:], colPhone: 13812345678}),
	)
	members, errs := Parse(file, testLookup())
	want := []string{"2|身份证号|" + msgIDNumeric, "3|身份证号|" + msgIDNumeric, "4|身份证号|" + msgIDNumeric}
	if got := errSet(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errs = %v", got)
	}
	if m := members[3]; m.IDNumber != id || m.Phone != "13812345678" {
		t.Errorf("full-width ID and numeric phone read as %q, %q", m.IDNumber, m.Phone)
	}
}

func TestParseDuplicateID(t *testing.T) {
	id := testID(t, "620102", "19650308", 123)
	file := xlsx(t, header(),
		row(map[string]any{colName: "甲", colSector: "经济界", colIDNumber: id}),
		row(map[string]any{colName: "乙", colSector: "经济界", colIDNumber: testID(t, "620102", "19650308", 125)}),
		row(map[string]any{colName: "丙", colSector: "经济界", colIDNumber: strings.ToLower(id)}),
	)
	_, errs := Parse(file, testLookup())
	if got := errSet(errs); !reflect.DeepEqual(got, []string{"4|身份证号|身份证号与第2行重复"}) {
		t.Errorf("errs = %v", got)
	}
}

func TestParseDates(t *testing.T) {
	id := testID(t, "620102", "19650308", 123)
	for _, v := range []any{"1965-03-08", "1965/3/8", "1965年3月8日", "1965.3.8", "19650308", 19650308,
		time.Date(1965, 3, 8, 0, 0, 0, 0, time.UTC), 23809.0} {
		members, errs := Parse(xlsx(t, header(),
			row(map[string]any{colName: "甲", colSector: "经济界", colIDNumber: id, colBirthDate: v})), testLookup())
		if len(errs) != 0 || len(members) != 1 || members[0].BirthDate != "1965-03-08" {
			t.Errorf("%T %v: members %+v errs %v", v, v, members, errSet(errs))
		}
	}
	// Text that only looks like a serial is not taken for one.
	_, errs := Parse(xlsx(t, header(),
		row(map[string]any{colName: "甲", colSector: "经济界", colIDNumber: id, colBirthDate: "1965.03"})), testLookup())
	if got := errSet(errs); !reflect.DeepEqual(got, []string{"2|出生日期|" + msgBadDate}) {
		t.Errorf("1965.03: errs = %v", got)
	}
}

func TestParseMergedCells(t *testing.T) {
	f, err := excelize.OpenReader(xlsx(t, header(),
		row(map[string]any{colName: "甲", colSector: "农业界", colIDNumber: testID(t, "620102", "19650308", 1)}),
		row(map[string]any{colName: "乙", colIDNumber: testID(t, "620102", "19650308", 3)})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.MergeCell("Sheet1", "F2", "F3"); err != nil { // 界别 of both rows
		t.Fatal(err)
	}
	buf, _ := f.WriteToBuffer()
	members, errs := Parse(buf, testLookup())
	if len(errs) != 0 || len(members) != 2 || members[1].SectorID != 22 {
		t.Errorf("members %+v errs %v", members, errSet(errs))
	}
}

func TestParseNotXLSX(t *testing.T) {
	for _, in := range []string{"姓名,界别\n张三,经济界\n", "", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old xls"} {
		members, errs := Parse(strings.NewReader(in), testLookup())
		if members != nil || len(errs) != 1 || errs[0].Row != 0 || errs[0].Message == "" {
			t.Errorf("%q: members %v errs %v", in, members, errSet(errs))
		}
	}
}

func TestParseTooManyRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, _ := f.NewStreamWriter("Sheet1")
	_ = sw.SetRow("A1", []any{colName, colSector, colIDNumber})
	for i := 0; i <= maxRows; i++ {
		_ = sw.SetRow(fmt.Sprintf("A%d", i+2), []any{"甲", "经济界", "x"})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, _ := f.WriteToBuffer()
	members, errs := Parse(buf, testLookup())
	if len(members) != maxRows || errs[len(errs)-1].Row != 0 || !strings.Contains(errs[len(errs)-1].Message, "5000") {
		t.Errorf("members %d, last err %v", len(members), errs[len(errs)-1])
	}
}

func BenchmarkParse1000(b *testing.B) {
	var buf bytes.Buffer
	if err := Export(&buf, testMembers(b, 1000)); err != nil {
		b.Fatal(err)
	}
	data, lk := buf.Bytes(), testLookup()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if ms, errs := Parse(bytes.NewReader(data), lk); len(ms) != 1000 || len(errs) != 0 {
			b.Fatalf("members %d errs %v", len(ms), errSet(errs))
		}
	}
}
