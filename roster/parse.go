package roster

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/sheet"
)

// maxUnzipSize caps what an upload may expand to. A full 5000-row roster unpacks to a few
// megabytes; the cap only stops a crafted archive from filling memory or disk.
const maxUnzipSize = 200 << 20

// Messages that more than one place produces.
const (
	msgNotXLSX   = sheet.MsgNotXLSX
	msgIDNumeric = "身份证号被Excel转成了数字,请将该列设为文本后重新填写"
	msgIDMasked  = "身份证号含*号(导出时已隐藏部分数字),无法导入,请填写完整的身份证号"
	msgPhoneMask = "联系电话含*号(导出时已隐藏部分数字),无法导入,请填写完整的号码"
	msgBadDate   = "出生日期格式不正确,应写作1965-03-08"
)

// sheetRow is one non-empty data row and its 1-based sheet row number.
type sheetRow = sheet.Record

// parser holds what every row of one file needs.
type parser struct {
	f         *excelize.File
	sheetName string
	lk        Lookup
	col       map[string]int // header -> 0-based column index
	date1904  bool
	seen      map[string]int // ID number -> row where it first appeared
}

// Parse reads the first sheet of an uploaded roster. It returns one lvzhi.Member per data row (CommitteeID/TermID left 0 for the caller to set, State lvzhi.MemberServing) and every problem in every row; the caller writes nothing when errs is non-empty.
//
// Members are returned for the bad rows too (with the fields that could be read), so a caller
// may preview the file; the group names are set in the *Name fields alongside the ids. Errors
// are ordered by row and, within a row, by column. A file-level problem is a RowError on row 0.
func Parse(r io.Reader, lk Lookup) (members []lvzhi.Member, errs []RowError) {
	u, errs := sheet.Open(r, maxUnzipSize)
	if errs != nil {
		return nil, errs
	}
	defer u.Close()
	p := &parser{f: u.File, sheetName: u.Sheet, date1904: u.Date1904, lk: lk, seen: map[string]int{}}
	col, rows, tooMany, errs := u.Read(layout, headerAlias, maxRows)
	if errs != nil {
		return nil, errs
	}
	p.col = col
	for _, row := range rows {
		m, bad := p.member(row)
		members = append(members, m)
		for _, c := range Columns {
			if msg, ok := bad[c]; ok {
				errs = append(errs, RowError{Row: row.Num, Column: c, Message: msg})
			}
		}
		if msg, ok := bad[""]; ok {
			errs = append(errs, RowError{Row: row.Num, Message: msg})
		}
	}
	if tooMany {
		errs = append(errs, sheet.TooMany(maxRows))
	}
	return members, errs
}

// get is the trimmed text of a column in a row, "" when the file lacks the column.
func (p *parser) get(row sheetRow, col string) string {
	i, ok := p.col[col]
	if !ok || i >= len(row.Cells) {
		return ""
	}
	return strings.TrimSpace(row.Cells[i])
}

// numeric reports whether a cell holds a number rather than text. Only the cell type tells an
// ID number typed into a general cell (a number that has lost its last digits) from the same
// digits typed as text.
func (p *parser) numeric(row sheetRow, col string) bool {
	ref, err := excelize.CoordinatesToCellName(p.col[col]+1, row.Num)
	if err != nil {
		return false
	}
	t, err := p.f.GetCellType(p.sheetName, ref)
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
			p.seen[m.IDNumber] = row.Num
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
