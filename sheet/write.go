package sheet

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// HeaderStyle adds the style of a header row to f: bold, on a light blue fill, centred.
// wrap lets a header wrap inside its column; a sheet whose columns are sized to their data
// rather than to their headers (the register book's narrow 满意度) needs it, one sized to its
// headers does not.
func HeaderStyle(f *excelize.File, wrap bool) (int, error) {
	align := &excelize.Alignment{Horizontal: "center", Vertical: "center"}
	if wrap {
		align.WrapText = true
	}
	id, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}},
		Alignment: align,
	})
	if err != nil {
		return 0, fmt.Errorf("header style: %w", err)
	}
	return id, nil
}

// TextStyle adds the text cell format to f (Excel's built-in number format 49, "@"). Without
// it Excel turns an 18-digit ID number into 6.2E+17, 0001 into 1 and a typed date into a
// locale-dependent serial.
func TextStyle(f *excelize.File) (int, error) {
	id, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return 0, fmt.Errorf("text style: %w", err)
	}
	return id, nil
}

// HeaderRow is a row of header cells in the given style, ready for StreamWriter.SetRow.
func HeaderRow(names []string, style int) []any {
	row := make([]any, len(names))
	for i, name := range names {
		row[i] = excelize.Cell{StyleID: style, Value: name}
	}
	return row
}

// StreamHeader starts a streamed sheet: the column widths, the text style on the columns text
// marks (text may be nil), a frozen first row and the header row of names in header style.
// A stream needs widths, column styles and panes before its first row, so they come
// together. The column style makes the cells an office types later text too, not only ours.
func StreamHeader(sw *excelize.StreamWriter, names []string, widths []float64, text []bool, header, textStyle int) error {
	for i, width := range widths {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
		if i < len(text) && text[i] {
			if err := sw.SetColStyle(i+1, i+1, textStyle); err != nil {
				return fmt.Errorf("column style: %w", err)
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("freeze header: %w", err)
	}
	if err := sw.SetRow("A1", HeaderRow(names, header), excelize.RowOpts{Height: 20}); err != nil {
		return fmt.Errorf("header row: %w", err)
	}
	return nil
}

// DataRange is the column named col of a sheet laid out as names, from the first data row to
// the last row Excel has (B2:B1048576), so a validation also covers rows the office appends.
// It is "" when names lacks col.
func DataRange(names []string, col string) string {
	for i, c := range names {
		if c == col {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return fmt.Sprintf("%s2:%s%d", name, name, excelize.TotalRows)
		}
	}
	return ""
}

// WriteHelp adds the instructions sheet named sheetName (填写说明) after the data sheet: a
// table of the columns with 必填 against the required ones and each column's help, then the
// general rules in notes, numbered. header is the style of the two heading rows (HeaderStyle).
//
// The instructions travel inside the template because the template is what gets passed
// around an office; a separate manual would be lost on the way.
func WriteHelp(f *excelize.File, sheetName string, header int, cols []Column, notes []string) error {
	if _, err := f.NewSheet(sheetName); err != nil {
		return fmt.Errorf("help sheet: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("help style: %w", err)
	}
	rows := [][]any{{"列名", "是否必填", "填写说明"}}
	for _, c := range cols {
		required := ""
		if c.Required {
			required = "必填"
		}
		rows = append(rows, []any{c.Name, required, c.Help})
	}
	rows = append(rows, nil, []any{"注意事项"})
	for i, note := range notes {
		rows = append(rows, []any{fmt.Sprint(i + 1), "", note})
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheetName, cell, &r); err != nil {
			return fmt.Errorf("help row: %w", err)
		}
	}
	last := len(rows)
	notesHead := len(cols) + 3 // the 注意事项 row, after the table and a blank row
	for _, set := range []struct {
		from, to string
		style    int
	}{
		{"C2", fmt.Sprintf("C%d", last), wrap}, // first, so the headings below keep their bold
		{"A1", "C1", header},
		{fmt.Sprintf("A%d", notesHead), fmt.Sprintf("C%d", notesHead), header},
	} {
		if err := f.SetCellStyle(sheetName, set.from, set.to, set.style); err != nil {
			return fmt.Errorf("help style: %w", err)
		}
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 12}, {"B", 10}, {"C", 80}} {
		if err := f.SetColWidth(sheetName, w.col, w.col, w.width); err != nil {
			return fmt.Errorf("help width: %w", err)
		}
	}
	return nil
}
