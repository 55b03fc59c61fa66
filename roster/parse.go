package roster

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"lvzhi"
)

// maxUnzipSize caps what an upload may expand to. A full 5000-row roster unpacks to a few
// megabytes; the cap only stops a crafted archive from filling memory or disk.
const maxUnzipSize = 200 << 20

// Messages that more than one place produces.
const (
	msgNotXLSX    = "无法读取文件:请上传Excel表格(.xlsx格式),可先下载导入模板按模板填写。"
	msgOldFormat  = "无法读取文件:这是旧版.xls文件或设置了打开密码的文件。请在Excel中取消密码,并“另存为”.xlsx格式后重新上传。"
	msgUnreadable = "无法读取表格内容,文件可能已损坏。请用Excel打开后重新保存,再上传。"
	msgIDNumeric  = "身份证号被Excel转成了数字,请将该列设为文本后重新填写"
	msgIDMasked   = "身份证号含*号(导出时已隐藏部分数字),无法导入,请填写完整的身份证号"
	msgPhoneMask  = "联系电话含*号(导出时已隐藏部分数字),无法导入,请填写完整的号码"
	msgBadDate    = "出生日期格式不正确,应写作1965-03-08"
)

// sheetRow is one non-empty data row and its 1-based sheet row number.
type sheetRow struct {
	num   int
	cells []string
}

// parser holds what every row of one file needs.
type parser struct {
	f        *excelize.File
	sheet    string
	lk       Lookup
	col      map[string]int // header -> 0-based column index
	date1904 bool
	seen     map[string]int // ID number -> row where it first appeared
}

// Parse reads the first sheet of an uploaded roster. It returns one lvzhi.Member per data row (CommitteeID/TermID left 0 for the caller to set, State lvzhi.MemberServing) and every problem in every row; the caller writes nothing when errs is non-empty.
//
// Members are returned for the bad rows too (with the fields that could be read), so a caller
// may preview the file; the group names are set in the *Name fields alongside the ids. Errors
// are ordered by row and, within a row, by column. A file-level problem is a RowError on row 0.
func Parse(r io.Reader, lk Lookup) (members []lvzhi.Member, errs []RowError) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxUnzipSize})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, []RowError{{Message: msgOldFormat}}
		}
		return nil, []RowError{{Message: msgNotXLSX}}
	}
	defer f.Close()
	p := &parser{f: f, sheet: f.GetSheetName(0), lk: lk, seen: map[string]int{}}
	if p.sheet == "" {
		return nil, []RowError{{Message: msgNotXLSX}}
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		p.date1904 = *props.Date1904
	}
	rows, tooMany, errs := p.read()
	if errs != nil {
		return nil, errs
	}
	p.fillMerged(rows)
	for _, row := range rows {
		m, bad := p.member(row)
		members = append(members, m)
		for _, c := range Columns {
			if msg, ok := bad[c]; ok {
				errs = append(errs, RowError{Row: row.num, Column: c, Message: msg})
			}
		}
		if msg, ok := bad[""]; ok {
			errs = append(errs, RowError{Row: row.num, Message: msg})
		}
	}
	if tooMany {
		errs = append(errs, RowError{Message: fmt.Sprintf("文件超过%d行,请分成几个文件分批导入", maxRows)})
	}
	return members, errs
}

// read maps the header row and collects the non-empty data rows. Row numbers come from the
// iterator, which also yields the rows a sheet leaves out, so they match what Excel shows.
func (p *parser) read() (rows []sheetRow, tooMany bool, errs []RowError) {
	it, err := p.f.Rows(p.sheet)
	if err != nil {
		return nil, false, []RowError{{Message: msgUnreadable}}
	}
	defer it.Close()
	raw := excelize.Options{RawCellValue: true} // date serials, not the sheet's display format
	for num := 1; it.Next(); num++ {
		cells, err := it.Columns(raw)
		if err != nil {
			return nil, false, []RowError{{Message: msgUnreadable}}
		}
		if num == 1 {
			if errs := p.header(cells); errs != nil {
				return nil, false, errs
			}
			continue
		}
		if p.blank(cells) {
			continue
		}
		if len(rows) == maxRows {
			return rows, true, nil
		}
		rows = append(rows, sheetRow{num, cells})
	}
	if err := it.Error(); err != nil {
		return nil, false, []RowError{{Message: msgUnreadable}}
	}
	if p.col == nil { // no row at all: an empty sheet
		return nil, false, p.header(nil)
	}
	return rows, false, nil
}

// header finds each known column by its text. Spaces and the asterisks some offices put on
// required headers are ignored, as are columns we do not know.
func (p *parser) header(cells []string) []RowError {
	p.col = map[string]int{}
	var errs []RowError
	for i, h := range cells {
		h = strings.Trim(strings.Join(strings.Fields(h), ""), "*＊")
		if a, ok := headerAlias[h]; ok {
			h = a
		}
		if _, known := columnSpec[h]; !known {
			continue
		}
		if _, dup := p.col[h]; dup {
			errs = append(errs, RowError{Row: 1, Column: h, Message: fmt.Sprintf("表头中“%s”出现了不止一次,请只保留一列", h)})
			continue
		}
		p.col[h] = i
	}
	for _, c := range Columns {
		if _, ok := p.col[c]; !ok && columnSpec[c].required {
			errs = append(errs, RowError{Row: 1, Column: c, Message: fmt.Sprintf("缺少“%s”列,请在第一行表头中加上", c)})
		}
	}
	return errs
}

// blank reports a row with nothing in the columns we read; a row with only a 序号 or a note in
// an extra column is still empty.
func (p *parser) blank(cells []string) bool {
	for _, i := range p.col {
		if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
			return false
		}
	}
	return true
}

// fillMerged copies the value of a merged range into every row it covers. Offices often merge
// the 界别 or 党派 cells of consecutive members; the file stores the value only once.
func (p *parser) fillMerged(rows []sheetRow) {
	merged, err := p.f.GetMergeCells(p.sheet, true)
	if err != nil || len(merged) == 0 || len(rows) == 0 {
		return
	}
	at := make(map[int]int, len(rows)) // row number -> index in rows
	for i, r := range rows {
		at[r.num] = i
	}
	for _, mc := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
		top, ok := at[r1]
		if err1 != nil || err2 != nil || !ok {
			continue
		}
		for c := c1 - 1; c < c2; c++ {
			if c >= len(rows[top].cells) {
				break
			}
			for r := r1 + 1; r <= r2; r++ {
				if i, ok := at[r]; ok {
					for len(rows[i].cells) <= c {
						rows[i].cells = append(rows[i].cells, "")
					}
					rows[i].cells[c] = rows[top].cells[c]
				}
			}
		}
	}
}

// get is the trimmed text of a column in a row, "" when the file lacks the column.
func (p *parser) get(row sheetRow, col string) string {
	i, ok := p.col[col]
	if !ok || i >= len(row.cells) {
		return ""
	}
	return strings.TrimSpace(row.cells[i])
}

// numeric reports whether a cell holds a number rather than text. Only the cell type tells an
// ID number typed into a general cell (a number that has lost its last digits) from the same
// digits typed as text.
func (p *parser) numeric(row sheetRow, col string) bool {
	ref, err := excelize.CoordinatesToCellName(p.col[col]+1, row.num)
	if err != nil {
		return false
	}
	t, err := p.f.GetCellType(p.sheet, ref)
	return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset)
}

// member reads one row into a member and the problems found, keyed by column.
func (p *parser) member(row sheetRow) (lvzhi.Member, map[string]string) {
	bad := map[string]string{}
	m := lvzhi.Member{
		State:     lvzhi.MemberServing,
		Name:      cleanName(p.get(row, colName)),
		Gender:    p.get(row, colGender),
		Ethnicity: p.get(row, colEthnicity),
		Employer:  p.get(row, colEmployer),
		Title:     p.get(row, colTitle),
		Address:   p.get(row, colAddress),
	}

	// The ID number first: birth date and gender may be derived from it.
	if v := p.get(row, colIDNumber); v != "" {
		switch {
		case sciRE.MatchString(v) || (isDigits(v) && p.numeric(row, colIDNumber)):
			bad[colIDNumber] = msgIDNumeric
		case strings.ContainsAny(v, "*＊"):
			bad[colIDNumber] = msgIDMasked
		default:
			m.IDNumber = strings.ToUpper(cleanDigits(v))
		}
	}
	idOK := m.IDNumber != "" && lvzhi.CheckIDNumber(m.IDNumber) == ""

	if v := p.get(row, colBirthDate); v != "" {
		if d, ok := p.date(row, v); ok {
			m.BirthDate = d
		} else {
			bad[colBirthDate] = msgBadDate
		}
	} else if idOK {
		m.BirthDate = lvzhi.IDBirthDate(m.IDNumber)
	}
	switch {
	case m.Gender == "" && idOK:
		m.Gender = lvzhi.IDGender(m.IDNumber)
	case idOK && (m.Gender == "男" || m.Gender == "女") && m.Gender != lvzhi.IDGender(m.IDNumber):
		// The domain does not compare these; on import a mismatch is almost always a typo.
		bad[colGender] = "性别与身份证号不一致"
	}

	m.PartyID, m.PartyName = p.ref(row, colParty, p.lk.Parties, bad)
	m.SectorID, m.SectorName = p.ref(row, colSector, p.lk.Sectors, bad)
	m.SpecialCommitteeID, m.SpecialCommitteeName = p.ref(row, colSpecial, p.lk.SpecialCommittees, bad)
	m.ActivityGroupID, m.ActivityGroupName = p.ref(row, colGroup, p.lk.ActivityGroups, bad)

	switch v := p.get(row, colStanding); v {
	case "是":
		m.Standing = true
	case "否", "":
	default:
		bad[colStanding] = "是否常委应填“是”或“否”"
	}

	if v := p.get(row, colPhone); strings.ContainsAny(v, "*＊") {
		bad[colPhone] = msgPhoneMask
	} else {
		m.Phone = cleanPhone(v)
	}

	m.Normalize()
	m.TermID = 1 // the caller sets the term; a placeholder keeps Validate from asking for one
	err := m.Validate()
	m.TermID = 0
	for field, msg := range lvzhi.ErrorFields(err) {
		col, ok := fieldColumn[field]
		if field == "term_id" || (!ok && field == "state") {
			continue
		}
		// An empty gender is left to the ID number, which is wrong here and reported; once it
		// is fixed the gender follows, so asking for the gender as well would only mislead.
		if field == "gender" && m.Gender == "" {
			continue
		}
		// A problem found while reading the cell says more than the domain's second look.
		if _, dup := bad[col]; dup {
			continue
		}
		if field == "sector_id" {
			msg = "请填写界别" // the domain's 请选择界别 speaks of a form's drop-down
		}
		bad[col] = msg
	}

	if _, wrong := bad[colIDNumber]; !wrong && m.IDNumber != "" {
		if first, dup := p.seen[m.IDNumber]; dup {
			bad[colIDNumber] = fmt.Sprintf("身份证号与第%d行重复", first)
		} else {
			p.seen[m.IDNumber] = row.num
		}
	}
	return m, bad
}

// ref looks a grouping name up; an empty cell means none.
func (p *parser) ref(row sheetRow, col string, ids map[string]int64, bad map[string]string) (int64, string) {
	v := p.get(row, col)
	if v == "" {
		return 0, ""
	}
	id, ok := ids[v]
	if !ok {
		bad[col] = fmt.Sprintf("%s“%s”不存在", col, v)
		return 0, ""
	}
	return id, v
}
