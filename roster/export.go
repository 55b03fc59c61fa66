package roster

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"lvzhi"
)

// Export writes members (already masked or not, as the caller decided) in the template's
// layout, so an exported file can be edited and imported again. The group columns come from
// the members' PartyName, SectorName, SpecialCommitteeName and ActivityGroupName; the ids are
// not written, since Parse finds them again by name. Rows are streamed, so rosters of
// thousands of members do not build the sheet in memory; phone and ID number are text cells.
//
// Masked members export with their masked phone and ID number; such a file can be read but
// not imported again, and Parse says so for each masked cell.
func Export(w io.Writer, members []lvzhi.Member) error {
	return writeWorkbook(w, members)
}

// writeWorkbook writes the roster sheet with members (none for the template) followed by the
// instructions sheet.
func writeWorkbook(w io.Writer, members []lvzhi.Member) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), rosterSheet); err != nil {
		return fmt.Errorf("roster: rename sheet: %w", err)
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return fmt.Errorf("roster: header style: %w", err)
	}
	// Number format 49 is Excel's built-in "@" (text).
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return fmt.Errorf("roster: text style: %w", err)
	}
	// Validations go on the worksheet before streaming: the StreamWriter keeps the parts of
	// the sheet other than its data and writes them on Flush.
	if err := addValidations(f); err != nil {
		return err
	}
	if err := writeRows(f, members, header, text); err != nil {
		return err
	}
	if err := writeHelp(f, header); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("roster: write workbook: %w", err)
	}
	return nil
}

// writeRows streams the header and one row per member into the roster sheet. Streaming keeps
// memory flat for rosters of thousands of rows, where building the sheet in memory would not.
func writeRows(f *excelize.File, members []lvzhi.Member, header, text int) error {
	sw, err := f.NewStreamWriter(rosterSheet)
	if err != nil {
		return fmt.Errorf("roster: stream writer: %w", err)
	}
	// Widths, column styles and panes must precede the first row in a stream.
	for i, name := range Columns {
		spec := columnSpec[name]
		if err := sw.SetColWidth(i+1, i+1, spec.width); err != nil {
			return fmt.Errorf("roster: column width: %w", err)
		}
		// The column style makes cells the office types later text as well, not just ours.
		if spec.text {
			if err := sw.SetColStyle(i+1, i+1, text); err != nil {
				return fmt.Errorf("roster: column style: %w", err)
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("roster: freeze header: %w", err)
	}
	row := make([]any, len(Columns))
	for i, name := range Columns {
		row[i] = excelize.Cell{StyleID: header, Value: name}
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 20}); err != nil {
		return fmt.Errorf("roster: header row: %w", err)
	}
	for n, m := range members {
		for i, name := range Columns {
			var v any
			if s := memberValue(m, name); s != "" {
				v = s // nil leaves the cell empty rather than an empty string
			}
			if columnSpec[name].text {
				v = excelize.Cell{StyleID: text, Value: v}
			}
			row[i] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return fmt.Errorf("roster: row %d: %w", n+2, err)
		}
		if err := sw.SetRow(cell, row); err != nil {
			return fmt.Errorf("roster: row %d: %w", n+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("roster: flush: %w", err)
	}
	return nil
}

// memberValue is what a member shows in a column, written the way Parse reads it back.
func memberValue(m lvzhi.Member, col string) string {
	switch col {
	case colName:
		return m.Name
	case colGender:
		return m.Gender
	case colBirthDate:
		return m.BirthDate
	case colEthnicity:
		return m.Ethnicity
	case colParty:
		return m.PartyName
	case colSector:
		return m.SectorName
	case colSpecial:
		return m.SpecialCommitteeName
	case colGroup:
		return m.ActivityGroupName
	case colStanding:
		if m.Standing {
			return "是"
		}
		return "否"
	case colEmployer:
		return m.Employer
	case colTitle:
		return m.Title
	case colPhone:
		return m.Phone
	case colIDNumber:
		return m.IDNumber
	case colAddress:
		return m.Address
	}
	return ""
}

// addValidations adds the drop-downs and the ID length check to the whole data area of the
// roster sheet, so rows the office appends in Excel are checked as they are typed.
func addValidations(f *excelize.File) error {
	list := func(col string, keys []string, msg string) error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = dataRange(col)
		if err := dv.SetDropList(keys); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, col, msg)
		return f.AddDataValidation(rosterSheet, dv)
	}
	if err := list(colGender, []string{"男", "女"}, "请选择“男”或“女”"); err != nil {
		return fmt.Errorf("roster: gender drop-down: %w", err)
	}
	if err := list(colStanding, []string{"是", "否"}, "请选择“是”或“否”"); err != nil {
		return fmt.Errorf("roster: standing drop-down: %w", err)
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = dataRange(colIDNumber)
	if err := dv.SetRange(18, 18, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
		return fmt.Errorf("roster: ID length check: %w", err)
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, colIDNumber, "身份证号应为18位")
	if err := f.AddDataValidation(rosterSheet, dv); err != nil {
		return fmt.Errorf("roster: ID length check: %w", err)
	}
	return nil
}

// dataRange is a column from the first data row to the last row Excel has, e.g. B2:B1048576.
func dataRange(col string) string {
	for i, c := range Columns {
		if c == col {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return fmt.Sprintf("%s2:%s%d", name, name, excelize.TotalRows)
		}
	}
	return ""
}

// writeHelp adds the instructions sheet: one line per column, then the general rules.
func writeHelp(f *excelize.File, header int) error {
	if _, err := f.NewSheet(helpSheet); err != nil {
		return fmt.Errorf("roster: help sheet: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("roster: help style: %w", err)
	}
	rows := [][]any{{"列名", "是否必填", "填写说明"}}
	for _, name := range Columns {
		required := ""
		if columnSpec[name].required {
			required = "必填"
		}
		rows = append(rows, []any{name, required, columnSpec[name].help})
	}
	rows = append(rows, nil, []any{"注意事项"})
	for i, note := range helpNotes {
		rows = append(rows, []any{fmt.Sprint(i + 1), "", note})
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(helpSheet, cell, &r); err != nil {
			return fmt.Errorf("roster: help row: %w", err)
		}
	}
	last := len(rows)
	for _, set := range []struct {
		from, to string
		style    int
	}{
		{"C2", fmt.Sprintf("C%d", last), wrap}, // first, so the headers below keep their bold
		{"A1", "C1", header},
		{fmt.Sprintf("A%d", len(Columns)+3), fmt.Sprintf("C%d", len(Columns)+3), header},
	} {
		if err := f.SetCellStyle(helpSheet, set.from, set.to, set.style); err != nil {
			return fmt.Errorf("roster: help style: %w", err)
		}
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 12}, {"B", 10}, {"C", 80}} {
		if err := f.SetColWidth(helpSheet, w.col, w.col, w.width); err != nil {
			return fmt.Errorf("roster: help width: %w", err)
		}
	}
	return nil
}
