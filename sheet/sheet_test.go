package sheet_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lvzhi/sheet"
	"lvzhi/sheet/sheettest"
)

var testCols = []sheet.Column{
	{Name: "姓名", Help: "必填。", Required: true},
	{Name: "界别", Help: "必填。", Required: true},
	{Name: "职务", Help: "可不填。"},
}

var testAlias = map[string]string{"name": "姓名", "所属界别": "界别"}

func TestSheetRowErrorString(t *testing.T) {
	for e, want := range map[sheet.RowError]string{
		{Row: 3, Column: "身份证号", Message: "身份证号应为18位"}: "第3行“身份证号”:身份证号应为18位",
		{Row: 4, Message: "整行有误"}:                      "第4行:整行有误",
		{Message: sheet.MsgNotXLSX}:                    sheet.MsgNotXLSX,
	} {
		if got := e.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}

func TestSheetMatchHeader(t *testing.T) {
	at, errs := sheet.MatchHeader([]string{"序号", " 界 别 ", "\ufeff*NAME＊", "备注"}, testCols, testAlias)
	if errs != nil || !reflect.DeepEqual(at, map[string]int{"界别": 1, "姓名": 2}) {
		t.Errorf("at %v errs %v", at, sheettest.ErrSet(errs))
	}
	_, errs = sheet.MatchHeader([]string{"职务", "所属界别", "界别"}, testCols, testAlias)
	want := []string{"1|界别|表头中“界别”出现了不止一次,请只保留一列", "1|姓名|缺少“姓名”列,请在第一行表头中加上"}
	if got := sheettest.ErrSet(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errs = %v", got)
	}
}

func TestSheetBlank(t *testing.T) {
	at := map[string]int{"姓名": 1, "界别": 3}
	for cells, want := range map[string]bool{"": true, "7": true, "7| |x": true, "7|张三": false, "||| 经济界": false} {
		if got := sheet.Blank(strings.Split(cells, "|"), at); got != want {
			t.Errorf("Blank(%q) = %v", cells, got)
		}
	}
}

// open writes f out and opens it again as an upload, as a file arrives from a browser.
func open(t *testing.T, f *excelize.File) *sheet.Upload {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	u, errs := sheet.Open(buf, 10<<20)
	if errs != nil {
		t.Fatalf("open: %v", sheettest.ErrSet(errs))
	}
	t.Cleanup(func() { u.Close() })
	return u
}

func TestSheetReadMergedAndBlank(t *testing.T) {
	f, err := excelize.OpenReader(sheettest.XLSX(t,
		[]any{"姓名", "界别"}, []any{"甲", "农业界"}, []any{"乙"}, nil, []any{"丙", "经济界"}))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.MergeCell("Sheet1", "B2", "B4"); err != nil { // covers the blank row 4 too
		t.Fatal(err)
	}
	at, recs, tooMany, errs := open(t, f).Read(testCols, testAlias, 10)
	want := []sheet.Record{{Num: 2, Cells: []string{"甲", "农业界"}}, {Num: 3, Cells: []string{"乙", "农业界"}},
		{Num: 5, Cells: []string{"丙", "经济界"}}}
	if errs != nil || tooMany || at["界别"] != 1 || !reflect.DeepEqual(recs, want) {
		t.Errorf("at %v recs %+v tooMany %v errs %v", at, recs, tooMany, sheettest.ErrSet(errs))
	}
}

func TestSheetReadLimitsAndEmpty(t *testing.T) {
	f, err := excelize.OpenReader(sheettest.XLSX(t, []any{"姓名", "界别"}, []any{"甲", "x"}, []any{"乙", "x"}, []any{"丙", "x"}))
	if err != nil {
		t.Fatal(err)
	}
	_, recs, tooMany, errs := open(t, f).Read(testCols, testAlias, 2)
	if errs != nil || !tooMany || len(recs) != 2 {
		t.Errorf("recs %d tooMany %v errs %v", len(recs), tooMany, errs)
	}
	if msg := sheet.TooMany(2).String(); msg != "文件超过2行,请分成几个文件分批导入" {
		t.Errorf("TooMany = %q", msg)
	}
	empty := excelize.NewFile()
	defer empty.Close()
	_, _, _, errs = open(t, empty).Read(testCols, testAlias, 2)
	if len(errs) != 2 || errs[0].Column != "姓名" || errs[1].Column != "界别" {
		t.Errorf("empty sheet errs = %v", sheettest.ErrSet(errs))
	}
	for _, in := range []string{"姓名,界别\n", "", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old xls"} {
		if u, errs := sheet.Open(strings.NewReader(in), 1<<20); u != nil || len(errs) != 1 || errs[0].Row != 0 {
			t.Errorf("%q: errs %v", in, sheettest.ErrSet(errs))
		}
	}
}

func TestSheetWriteHelpAndHeader(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	header, err := sheet.HeaderStyle(f, false)
	if err != nil {
		t.Fatal(err)
	}
	text, err := sheet.TextStyle(f)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"姓名", "界别", "职务"}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sheet.StreamHeader(sw, names, []float64{10, 12, 14}, []bool{false, true}, header, text); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := sheet.WriteHelp(f, "填写说明", header, testCols, []string{"第一条", "第二条"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if rows, _ := g.GetRows("Sheet1"); len(rows) != 1 || !reflect.DeepEqual(rows[0], names) {
		t.Errorf("header rows = %q", rows)
	}
	if panes, _ := g.GetPanes("Sheet1"); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want frozen header", panes)
	}
	got, _ := g.GetRows("填写说明")
	want := [][]string{{"列名", "是否必填", "填写说明"}, {"姓名", "必填", "必填。"}, {"界别", "必填", "必填。"},
		{"职务", "", "可不填。"}, nil, {"注意事项"}, {"1", "", "第一条"}, {"2", "", "第二条"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("help rows =\n%q\nwant\n%q", got, want)
	}
	if r := sheet.DataRange(names, "界别"); r != "B2:B1048576" {
		t.Errorf("DataRange = %q", r)
	}
}
