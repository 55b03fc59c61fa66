package register

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// maxUnzipSize caps what an XLSX upload may expand to; maxCSVSize what a CSV may be. Ten
// thousand proposals of two thousand characters are about 60 MB of text.
const (
	maxUnzipSize = 400 << 20
	maxCSVSize   = 128 << 20
)

// Messages that more than one place produces.
const (
	msgNotXLSX    = "无法读取文件:请上传Excel表格(.xlsx格式),可先下载导入模板按模板填写。"
	msgOldFormat  = "无法读取文件:这是旧版.xls文件或设置了打开密码的文件。请在Excel中取消密码,并“另存为”.xlsx格式后重新上传。"
	msgUnreadable = "无法读取表格内容,文件可能已损坏。请用Excel打开后重新保存,再上传。"
	msgBadCSV     = "无法读取CSV文件:第%d行格式有误(%s)。请用Excel打开后“另存为”CSV或.xlsx格式再上传。"
	msgTooBig     = "文件过大,请分成几个文件分批导入"
)

// record is one non-empty data row: its row number, its cells, and (XLSX only) which cells
// hold numbers rather than text.
type record struct {
	num     int
	cells   []string
	numeric func(col int) bool
}

// checker holds what every row of one file needs.
type checker struct {
	categories map[string]bool
	catList    string
	col        map[string]int // header -> 0-based column index
	date1904   bool
	seen       map[int]int // number -> row where it first appeared
}

func newChecker(categories []string) *checker {
	c := &checker{categories: map[string]bool{}, seen: map[int]int{}, catList: strings.Join(categories, "、")}
	for _, x := range categories {
		c.categories[x] = true
	}
	return c
}

// ParseXLSX reads the first sheet of an uploaded register. categories are the committee's
// proposal categories (lvzhi.ProposalSettings.Categories). It returns the rows and every
// problem of every row; when there is any problem it returns no rows, so the caller writes
// nothing. A file-level problem is a RowError on row 0.
func ParseXLSX(r io.Reader, categories []string) ([]Row, []RowError) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxUnzipSize})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, []RowError{{Message: msgOldFormat}}
		}
		return nil, []RowError{{Message: msgNotXLSX}}
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet == "" {
		return nil, []RowError{{Message: msgNotXLSX}}
	}
	c := newChecker(categories)
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		c.date1904 = *props.Date1904
	}
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, []RowError{{Message: msgUnreadable}}
	}
	defer it.Close()
	var recs []record
	raw := excelize.Options{RawCellValue: true} // date serials, not the sheet's display format
	for num := 1; it.Next(); num++ {
		cells, err := it.Columns(raw)
		if err != nil {
			return nil, []RowError{{Message: msgUnreadable}}
		}
		if num == 1 {
			if errs := c.header(cells); errs != nil {
				return nil, errs
			}
			continue
		}
		if c.blank(cells) {
			continue
		}
		if len(recs) == maxRows {
			return nil, []RowError{{Message: fmt.Sprintf("文件超过%d行,请分成几个文件分批导入", maxRows)}}
		}
		n := num
		recs = append(recs, record{num: n, cells: cells, numeric: func(col int) bool {
			ref, err := excelize.CoordinatesToCellName(col+1, n)
			if err != nil {
				return false
			}
			t, err := f.GetCellType(sheet, ref)
			return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset || t == excelize.CellTypeDate)
		}})
	}
	if err := it.Error(); err != nil {
		return nil, []RowError{{Message: msgUnreadable}}
	}
	if c.col == nil { // no row at all: an empty sheet
		return nil, c.header(nil)
	}
	fillMerged(f, sheet, recs)
	return c.check(recs)
}

// ParseCSV reads an uploaded register as CSV: UTF-8 (with or without a byte-order mark) or,
// as Excel on a Chinese system saves it, GBK. Fields may hold line breaks when quoted. Rows
// are numbered by record, header first, which is the row Excel shows when it opens the file.
// Otherwise as ParseXLSX.
func ParseCSV(r io.Reader, categories []string) ([]Row, []RowError) {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVSize+1))
	if err != nil {
		return nil, []RowError{{Message: msgUnreadable}}
	}
	if len(data) > maxCSVSize {
		return nil, []RowError{{Message: msgTooBig}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
			data = dec
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	c := newChecker(categories)
	var recs []record
	// encoding/csv skips blank lines, which Excel shows as rows: count them back in from the
	// line numbers, so the row numbers are those of the spreadsheet.
	num, prevEnd := 0, 0
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := prevEnd + 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				err = pe.Err
			}
			return nil, []RowError{{Message: fmt.Sprintf(msgBadCSV, line, err)}}
		}
		start, _ := cr.FieldPos(0)
		num += 1 + max(0, start-prevEnd-1)
		last := len(cells) - 1
		end, _ := cr.FieldPos(last)
		prevEnd = end + strings.Count(cells[last], "\n")
		if num == 1 {
			if errs := c.header(cells); errs != nil {
				return nil, errs
			}
			continue
		}
		if c.blank(cells) {
			continue
		}
		if len(recs) == maxRows {
			return nil, []RowError{{Message: fmt.Sprintf("文件超过%d行,请分成几个文件分批导入", maxRows)}}
		}
		recs = append(recs, record{num: num, cells: cells})
	}
	if c.col == nil {
		return nil, c.header(nil)
	}
	return c.check(recs)
}

// header finds each known column by its text. Spaces, case (for the English headers) and the
// asterisks some offices put on required headers are ignored, as are columns we do not know.
func (c *checker) header(cells []string) []RowError {
	c.col = map[string]int{}
	var errs []RowError
	for i, h := range cells {
		h = strings.Trim(strings.Join(strings.Fields(h), ""), "*＊\ufeff")
		if a, ok := headerAlias[strings.ToLower(h)]; ok {
			h = a
		}
		if _, known := columnSpec[h]; !known {
			continue
		}
		if _, dup := c.col[h]; dup {
			errs = append(errs, RowError{Row: 1, Column: h, Message: fmt.Sprintf("表头中“%s”出现了不止一次,请只保留一列", h)})
			continue
		}
		c.col[h] = i
	}
	for _, name := range Columns {
		if _, ok := c.col[name]; !ok && columnSpec[name].required {
			errs = append(errs, RowError{Row: 1, Column: name, Message: fmt.Sprintf("缺少“%s”列,请在第一行表头中加上", name)})
		}
	}
	return errs
}

// blank reports a row with nothing in the columns we read.
func (c *checker) blank(cells []string) bool {
	for _, i := range c.col {
		if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
			return false
		}
	}
	return true
}

// check validates every record; it returns the rows only when none is bad.
func (c *checker) check(recs []record) ([]Row, []RowError) {
	var rows []Row
	var errs []RowError
	for _, rec := range recs {
		row, bad := c.row(rec)
		rows = append(rows, row)
		for _, name := range Columns {
			if msg, ok := bad[name]; ok {
				errs = append(errs, RowError{Row: rec.num, Column: name, Message: msg})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return rows, nil
}

// get is the cell of a column in a record, untrimmed; "" when the file lacks the column.
func (c *checker) get(rec record, col string) string {
	i, ok := c.col[col]
	if !ok || i >= len(rec.cells) {
		return ""
	}
	return rec.cells[i]
}

// numeric reports whether an XLSX cell of the column holds a number (a date serial, say).
func (c *checker) numeric(rec record, col string) bool {
	i, ok := c.col[col]
	return ok && rec.numeric != nil && rec.numeric(i)
}

// row reads one record and the problems found, keyed by column.
func (c *checker) row(rec record) (Row, map[string]string) {
	bad := map[string]string{}
	row := Row{Line: rec.num}

	if n, msg := parseNumber(c.get(rec, colNumber)); msg != "" {
		bad[colNumber] = msg
	} else if first, dup := c.seen[n]; dup {
		row.Number = n
		bad[colNumber] = fmt.Sprintf("编号%04d与第%d行重复", n, first)
	} else {
		row.Number = n
		c.seen[n] = rec.num
	}

	row.Title = oneLine(c.get(rec, colTitle))
	switch n := utf8.RuneCountInString(row.Title); {
	case n == 0:
		bad[colTitle] = "请填写案由"
	case n > maxTitle:
		bad[colTitle] = fmt.Sprintf("案由不能超过%d个字(现有%d个字)", maxTitle, n)
	}

	row.Proposer = cleanProposer(c.get(rec, colProposer))
	switch n := utf8.RuneCountInString(row.Proposer); {
	case n == 0:
		bad[colProposer] = "请填写提案人:姓名、“张三等5人”或提出提案的单位"
	case n > 100:
		bad[colProposer] = "提案人不能超过100个字"
	}

	row.Category = oneLine(c.get(rec, colCategory))
	switch {
	case row.Category == "":
		bad[colCategory] = "请填写提案分类"
	case len(c.categories) > 0 && !c.categories[row.Category]:
		bad[colCategory] = fmt.Sprintf("分类“%s”不在本政协的提案分类中,应为:%s", row.Category, c.catList)
	}

	if v := strings.TrimSpace(c.get(rec, colDate)); v != "" {
		if d, ok := parseDate(v, c.numeric(rec, colDate), c.date1904); ok {
			row.Date = d
		} else {
			bad[colDate] = "提交日期格式不正确,应写作2019-01-12"
		}
	}

	row.Body = cleanBody(c.get(rec, colBody))
	if n := utf8.RuneCountInString(row.Body); n > maxBody {
		bad[colBody] = fmt.Sprintf("内容不能超过%d字(现有%d字)", maxBody, n)
	}

	row.Units = oneLine(c.get(rec, colUnits))
	if utf8.RuneCountInString(row.Units) > 500 {
		bad[colUnits] = "承办单位不能超过500个字"
	}

	if v, ok := parseReplyClass(c.get(rec, colReplyClass)); ok {
		row.ReplyClass = v
	} else {
		bad[colReplyClass] = "答复类别应为A、B、C、D之一,未答复的留空"
	}
	return row, bad
}

// fillMerged copies the value of a merged range into every row it covers: offices merge the
// 分类 or 承办单位 cells of consecutive proposals, and the file stores the value only once.
func fillMerged(f *excelize.File, sheet string, recs []record) {
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil || len(merged) == 0 || len(recs) == 0 {
		return
	}
	at := make(map[int]int, len(recs)) // row number -> index in recs
	for i, r := range recs {
		at[r.num] = i
	}
	for _, mc := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
		top, ok := at[r1]
		if err1 != nil || err2 != nil || !ok {
			continue
		}
		for col := c1 - 1; col < c2; col++ {
			if col >= len(recs[top].cells) {
				break
			}
			for r := r1 + 1; r <= r2; r++ {
				if i, ok := at[r]; ok {
					for len(recs[i].cells) <= col {
						recs[i].cells = append(recs[i].cells, "")
					}
					recs[i].cells[col] = recs[top].cells[col]
				}
			}
		}
	}
}
