// Package sheet holds what the spreadsheet imports and exports of lvzhi have in common: the
// Chinese error rows an import reports, reading an uploaded workbook (header found by name,
// blank rows skipped, merged cells filled), and writing a bold frozen header and the
// 填写说明 instructions sheet.
//
// It exists so that the roster (委员名册) and the proposal register (提案登记) read and write
// files the same way: an office that has learnt one import has learnt both, and a fix to how
// headers are matched or merged cells are read reaches both.
//
// Errors returned while writing carry no package prefix ("help row: …"); the calling package
// wraps them with its own ("roster: %w"), so a log line names the file being written.
package sheet

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Messages about a file as a whole, shared so both imports say the same thing for the same
// problem.
const (
	MsgNotXLSX    = "无法读取文件:请上传Excel表格(.xlsx格式),可先下载导入模板按模板填写。"
	MsgOldFormat  = "无法读取文件:这是旧版.xls文件或设置了打开密码的文件。请在Excel中取消密码,并“另存为”.xlsx格式后重新上传。"
	MsgUnreadable = "无法读取表格内容,文件可能已损坏。请用Excel打开后重新保存,再上传。"
)

// Column is one column of an import layout: its Chinese header, the line of help the
// instructions sheet shows for it, and whether an import without it is refused.
type Column struct {
	Name     string
	Help     string
	Required bool
}

// RowError is one problem in one row: Row is the 1-based row number as a spreadsheet shows it
// (the header is row 1), Column the Chinese header, Message Chinese.
//
// Row 0 means the file as a whole (not an XLSX file, too many rows); Column is empty when the
// problem belongs to no single column.
type RowError struct {
	Row     int
	Column  string
	Message string
}

// String writes the error as an import page shows it: 第3行“身份证号”:身份证号应为18位, or
// 第4行:… when no column is to blame, or the message alone for the file as a whole.
func (e RowError) String() string {
	switch {
	case e.Row == 0:
		return e.Message
	case e.Column == "":
		return fmt.Sprintf("第%d行:%s", e.Row, e.Message)
	}
	return fmt.Sprintf("第%d行“%s”:%s", e.Row, e.Column, e.Message)
}

// TooMany is the file-level error for an upload of more than maxRows data rows. It asks for
// several files rather than a bigger limit, since the limit is what keeps one upload cheap.
func TooMany(maxRows int) RowError {
	return RowError{Message: fmt.Sprintf("文件超过%d行,请分成几个文件分批导入", maxRows)}
}

// Record is one non-empty data row: its 1-based row number and its cells as read.
type Record struct {
	Num   int
	Cells []string
}

// NormalizeHeader is the header text used to find a column. Spaces (offices centre 界 别
// with them), the asterisks some put on required headers and a stray byte-order mark are
// ignored, so a header that reads right to the clerk is taken as written.
func NormalizeHeader(h string) string {
	return strings.Trim(strings.Join(strings.Fields(h), ""), "*＊\ufeff")
}

// MatchHeader finds each column of cols in a header row and returns its 0-based index by
// name. alias maps other headers, written in lower case, to a column's name: offices keep
// their own headings for years and should not have to retype them. Headers that name no
// column (序号, 备注) are ignored; a column given twice, or a required column missing, is an
// error on row 1, reported in the order of cols.
func MatchHeader(cells []string, cols []Column, alias map[string]string) (map[string]int, []RowError) {
	known := make(map[string]bool, len(cols))
	for _, c := range cols {
		known[c.Name] = true
	}
	at := map[string]int{}
	var errs []RowError
	for i, h := range cells {
		h = NormalizeHeader(h)
		if a, ok := alias[strings.ToLower(h)]; ok {
			h = a
		}
		if !known[h] {
			continue
		}
		if _, dup := at[h]; dup {
			errs = append(errs, RowError{Row: 1, Column: h, Message: fmt.Sprintf("表头中“%s”出现了不止一次,请只保留一列", h)})
			continue
		}
		at[h] = i
	}
	for _, c := range cols {
		if _, ok := at[c.Name]; !ok && c.Required {
			errs = append(errs, RowError{Row: 1, Column: c.Name, Message: fmt.Sprintf("缺少“%s”列,请在第一行表头中加上", c.Name)})
		}
	}
	return at, errs
}

// Blank reports a row with nothing in the columns at (as MatchHeader returns them): a row
// holding only a 序号 or a note in an extra column is still empty, and is skipped.
func Blank(cells []string, at map[string]int) bool {
	for _, i := range at {
		if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
			return false
		}
	}
	return true
}

// Upload is the first sheet of an uploaded workbook. The first sheet, whatever its name,
// because an office that adds sheets of its own usually adds them after ours.
type Upload struct {
	File     *excelize.File
	Sheet    string
	Date1904 bool // the workbook counts date serials from 1904 (old Mac Excel)
}

// Open reads an uploaded XLSX file, expanding it to at most unzipSizeLimit bytes so a
// crafted archive cannot fill memory. A file that is no workbook is a RowError on row 0,
// worded for the clerk: an old .xls or a password-protected file is told apart because its
// fix (save as .xlsx) differs. The caller closes the Upload.
func Open(r io.Reader, unzipSizeLimit int64) (*Upload, []RowError) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: unzipSizeLimit})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, []RowError{{Message: MsgOldFormat}}
		}
		return nil, []RowError{{Message: MsgNotXLSX}}
	}
	u := &Upload{File: f, Sheet: f.GetSheetName(0)}
	if u.Sheet == "" {
		f.Close()
		return nil, []RowError{{Message: MsgNotXLSX}}
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		u.Date1904 = *props.Date1904
	}
	return u, nil
}

// Close releases the workbook's temporary files.
func (u *Upload) Close() error { return u.File.Close() }

// Read matches the header row against cols and alias (see MatchHeader) and collects the
// non-empty data rows, with merged ranges filled (see FillMerged). Cells are raw values, so a
// date cell reads as its serial rather than in the sheet's locale-dependent display format.
//
// Row numbers come from the iterator, which also yields the rows a sheet leaves out, so they
// match what Excel shows. At most maxRows rows are read; tooMany reports that there were
// more. A header error, or an unreadable sheet, returns errs and no rows.
func (u *Upload) Read(cols []Column, alias map[string]string, maxRows int) (at map[string]int, recs []Record, tooMany bool, errs []RowError) {
	it, err := u.File.Rows(u.Sheet)
	if err != nil {
		return nil, nil, false, []RowError{{Message: MsgUnreadable}}
	}
	defer it.Close()
	raw := excelize.Options{RawCellValue: true}
	for num := 1; it.Next(); num++ {
		cells, err := it.Columns(raw)
		if err != nil {
			return nil, nil, false, []RowError{{Message: MsgUnreadable}}
		}
		if num == 1 {
			if at, errs = MatchHeader(cells, cols, alias); errs != nil {
				return nil, nil, false, errs
			}
			continue
		}
		if Blank(cells, at) {
			continue
		}
		if len(recs) == maxRows {
			tooMany = true
			break
		}
		recs = append(recs, Record{num, cells})
	}
	if !tooMany {
		if err := it.Error(); err != nil {
			return nil, nil, false, []RowError{{Message: MsgUnreadable}}
		}
	}
	if at == nil { // no row at all: an empty sheet lacks every required column
		if at, errs = MatchHeader(nil, cols, alias); errs != nil {
			return nil, nil, false, errs
		}
	}
	FillMerged(u.File, u.Sheet, recs)
	return at, recs, tooMany, nil
}

// FillMerged copies the value of each merged range of a sheet into every row of recs it
// covers. Offices merge the 界别 or 分类 cells of consecutive rows, and the file stores the
// value only in the top-left cell; without this every row but the first would lack it.
func FillMerged(f *excelize.File, sheet string, recs []Record) {
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil || len(merged) == 0 || len(recs) == 0 {
		return
	}
	at := make(map[int]int, len(recs)) // row number -> index in recs
	for i, r := range recs {
		at[r.Num] = i
	}
	for _, mc := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
		top, ok := at[r1]
		if err1 != nil || err2 != nil || !ok {
			continue
		}
		for col := c1 - 1; col < c2; col++ {
			if col >= len(recs[top].Cells) {
				break
			}
			for r := r1 + 1; r <= r2; r++ {
				if i, ok := at[r]; ok {
					for len(recs[i].Cells) <= col {
						recs[i].Cells = append(recs[i].Cells, "")
					}
					recs[i].Cells[col] = recs[top].Cells[col]
				}
			}
		}
	}
}
