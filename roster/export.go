package roster

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/sheet"
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
	header, err := sheet.HeaderStyle(f, false)
	if err != nil {
		return fmt.Errorf("roster: %w", err)
	}
	text, err := sheet.TextStyle(f)
	if err != nil {
		return fmt.Errorf("roster: %w", err)
	}
	// Validations go on the worksheet before streaming: the StreamWriter keeps the parts of
	// the sheet other than its data and writes them on Flush.
	if err := addValidations(f); err != nil {
		return err
	}
	if err := writeRows(f, members, header, text); err != nil {
		return err
	}
	if err := sheet.WriteHelp(f, helpSheet, header, layout, helpNotes); err != nil {
		return fmt.Errorf("roster: %w", err)
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
	widths, texts := make([]float64, len(Columns)), make([]bool, len(Columns))
	for i, name := range Columns {
		widths[i], texts[i] = columnSpec[name].width, columnSpec[name].text
	}
	if err := sheet.StreamHeader(sw, Columns, widths, texts, header, text); err != nil {
		return fmt.Errorf("roster: %w", err)
	}
	row := make([]any, len(Columns))
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
	return sheet.DataRange(Columns, col)
}
