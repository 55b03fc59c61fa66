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

	"lvzhi/sheet"
)

// maxUnzipSize caps what an XLSX upload may expand to; maxCSVSize what a CSV may be. Ten
// thousand proposals of two thousand characters are about 60 MB of text.
const (
	maxUnzipSize = 400 << 20
	maxCSVSize   = 128 << 20
)

// Messages that more than one place produces.
const (
	msgNotXLSX    = sheet.MsgNotXLSX
	msgUnreadable = sheet.MsgUnreadable
	msgBadCSV     = "无法读取CSV文件:第%d行格式有误(%s)。请用Excel打开后“另存为”CSV或.xlsx格式再上传。"
	msgTooBig     = "文件过大,请分成几个文件分批导入"
)

// record is one non-empty data row: its row number and its cells.
type record = sheet.Record

// checker holds what every row of one file needs.
type checker struct {
	categories map[string]bool
	catList    string
	col        map[string]int // header -> 0-based column index
	date1904   bool
	seen       map[int]int // number -> row where it first appeared
	// cellNumeric reports whether the cell at a row number and 0-based column holds a number
	// rather than text; nil for a CSV, whose cells are all text.
	cellNumeric func(num, col int) bool
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
	u, errs := sheet.Open(r, maxUnzipSize)
	if errs != nil {
		return nil, errs
	}
	defer u.Close()
	c := newChecker(categories)
	c.date1904 = u.Date1904
	c.cellNumeric = func(num, col int) bool {
		ref, err := excelize.CoordinatesToCellName(col+1, num)
		if err != nil {
			return false
		}
		t, err := u.File.GetCellType(u.Sheet, ref)
		return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset || t == excelize.CellTypeDate)
	}
	col, recs, tooMany, errs := u.Read(layout, headerAlias, maxRows)
	if errs != nil {
		return nil, errs
	}
	if tooMany {
		return nil, []RowError{sheet.TooMany(maxRows)}
	}
	c.col = col
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
			var errs []RowError
			if c.col, errs = sheet.MatchHeader(cells, layout, headerAlias); errs != nil {
				return nil, errs
			}
			continue
		}
		if sheet.Blank(cells, c.col) {
			continue
		}
		if len(recs) == maxRows {
			return nil, []RowError{sheet.TooMany(maxRows)}
		}
		recs = append(recs, record{Num: num, Cells: cells})
	}
	if c.col == nil {
		_, errs := sheet.MatchHeader(nil, layout, headerAlias)
		return nil, errs
	}
	return c.check(recs)
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
				errs = append(errs, RowError{Row: rec.Num, Column: name, Message: msg})
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
	if !ok || i >= len(rec.Cells) {
		return ""
	}
	return rec.Cells[i]
}

// numeric reports whether an XLSX cell of the column holds a number (a date serial, say).
func (c *checker) numeric(rec record, col string) bool {
	i, ok := c.col[col]
	return ok && c.cellNumeric != nil && c.cellNumeric(rec.Num, i)
}

// row reads one record and the problems found, keyed by column.
func (c *checker) row(rec record) (Row, map[string]string) {
	bad := map[string]string{}
	row := Row{Line: rec.Num}

	if n, msg := parseNumber(c.get(rec, colNumber)); msg != "" {
		bad[colNumber] = msg
	} else if first, dup := c.seen[n]; dup {
		row.Number = n
		bad[colNumber] = fmt.Sprintf("编号%04d与第%d行重复", n, first)
	} else {
		row.Number = n
		c.seen[n] = rec.Num
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
