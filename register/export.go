package register

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"lvzhi"
)

// Template writes the history import's workbook for an office to fill: a bold, frozen header
// row of Columns with widths to suit; 编号 and 提交日期 formatted as text, so Excel keeps 0001
// and does not turn a date into a locale-dependent serial; a drop-down of A/B/C/D for 答复类别;
// and a second sheet, 填写说明, explaining each column and the import rules.
func Template(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), importSheet); err != nil {
		return fmt.Errorf("register: rename sheet: %w", err)
	}
	header, err := headerStyle(f)
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // Excel's built-in "@" (text)
	if err != nil {
		return fmt.Errorf("register: text style: %w", err)
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = dataRange(colReplyClass)
	if err := dv.SetDropList([]string{"A", "B", "C", "D"}); err != nil {
		return fmt.Errorf("register: reply class drop-down: %w", err)
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, colReplyClass, "请选择A、B、C或D,未答复的留空")
	if err := f.AddDataValidation(importSheet, dv); err != nil {
		return fmt.Errorf("register: reply class drop-down: %w", err)
	}
	sw, err := f.NewStreamWriter(importSheet)
	if err != nil {
		return fmt.Errorf("register: stream writer: %w", err)
	}
	for i, name := range Columns {
		spec := columnSpec[name]
		if err := sw.SetColWidth(i+1, i+1, spec.width); err != nil {
			return fmt.Errorf("register: column width: %w", err)
		}
		if spec.text {
			if err := sw.SetColStyle(i+1, i+1, text); err != nil {
				return fmt.Errorf("register: column style: %w", err)
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("register: freeze header: %w", err)
	}
	if err := sw.SetRow("A1", headerRow(Columns, header), excelize.RowOpts{Height: 20}); err != nil {
		return fmt.Errorf("register: header row: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("register: flush: %w", err)
	}
	if err := writeHelp(f, header); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("register: write workbook: %w", err)
	}
	return nil
}

// dataRange is a column of the import sheet from the first data row to Excel's last row.
func dataRange(col string) string {
	for i, c := range Columns {
		if c == col {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return fmt.Sprintf("%s2:%s%d", name, name, excelize.TotalRows)
		}
	}
	return ""
}

func headerStyle(f *excelize.File) (int, error) {
	id, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	if err != nil {
		return 0, fmt.Errorf("register: header style: %w", err)
	}
	return id, nil
}

func headerRow(names []string, style int) []any {
	row := make([]any, len(names))
	for i, name := range names {
		row[i] = excelize.Cell{StyleID: style, Value: name}
	}
	return row
}

// writeHelp adds the instructions sheet: one line per column, then the general rules.
func writeHelp(f *excelize.File, header int) error {
	if _, err := f.NewSheet(helpSheet); err != nil {
		return fmt.Errorf("register: help sheet: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("register: help style: %w", err)
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
			return fmt.Errorf("register: help row: %w", err)
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
			return fmt.Errorf("register: help style: %w", err)
		}
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 12}, {"B", 10}, {"C", 80}} {
		if err := f.SetColWidth(helpSheet, w.col, w.col, w.width); err != nil {
			return fmt.Errorf("register: help width: %w", err)
		}
	}
	return nil
}

// ExportRow is one proposal of the register book, as the caller read it from the store.
// Kind, State and Satisfaction are the domain's codes (lvzhi.ProposalJoint,
// lvzhi.ProposalHandling, lvzhi.Satisfied …); Export writes their Chinese labels.
type ExportRow struct {
	Number       int    // 0 until accepted: the 编号 cell stays empty
	SessionName  string // 第十四届第三次会议, for the printed number
	Title        string
	Proposer     string // as signed: a name, "张三等5人", or a body
	Kind         string // individual, joint, group
	Category     string
	State        string
	LeadUnit     string // 主办单位
	OtherUnits   string // 会办/协办单位 as the caller writes them, e.g. "市财政局(会办)、市人社局(协办)"
	AssignedAt   time.Time
	Deadline     time.Time
	ReplyClass   string // A, B, C, D or ""
	Satisfaction string // satisfied, basically, dissatisfied or "" (not yet evaluated)
	Key          bool   // 重点提案
}

// exportColumns are the columns of the register book (提案登记簿).
var exportColumns = []string{"编号", "案由", "提案人", "类别", "分类", "状态", "主办单位", "会办/协办单位",
	"交办日期", "答复期限", "答复类别", "满意度", "是否重点"}

var exportWidths = []float64{30, 44, 16, 7, 10, 10, 18, 26, 11, 11, 9, 9, 9}

// kindShort is the register's one-word kind: 个人, 联名, 集体.
var kindShort = map[string]string{lvzhi.ProposalIndividual: "个人", lvzhi.ProposalJoint: "联名", lvzhi.ProposalGroup: "集体"}

// exportSheet is the name of the register book's sheet.
const exportSheet = "提案登记簿"

// Export writes the proposal register book (提案登记簿): one row per proposal under a bold,
// frozen header, the number as printed (第十四届第三次会议第0001号), dates as date cells in
// China time, kinds, states and evaluations in Chinese. Rows are streamed, so a session of
// thousands of proposals does not build the sheet in memory.
func Export(w io.Writer, rows []ExportRow) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), exportSheet); err != nil {
		return fmt.Errorf("register: rename sheet: %w", err)
	}
	header, err := headerStyle(f)
	if err != nil {
		return err
	}
	format := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return fmt.Errorf("register: date style: %w", err)
	}
	sw, err := f.NewStreamWriter(exportSheet)
	if err != nil {
		return fmt.Errorf("register: stream writer: %w", err)
	}
	for i, width := range exportWidths {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("register: column width: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("register: freeze header: %w", err)
	}
	if err := sw.SetRow("A1", headerRow(exportColumns, header), excelize.RowOpts{Height: 20}); err != nil {
		return fmt.Errorf("register: header row: %w", err)
	}
	dateCell := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		c := t.In(chinaZone)
		return excelize.Cell{StyleID: date, Value: time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, time.UTC)}
	}
	text := func(s string) any {
		if s = strings.TrimSpace(s); s == "" {
			return nil // nil leaves the cell empty rather than an empty string
		}
		return s
	}
	for n, r := range rows {
		key := "否"
		if r.Key {
			key = "是"
		}
		state := lvzhi.ProposalWorkflow.StateLabel[r.State]
		if state == "" {
			state = r.State
		}
		satisfaction := lvzhi.EvaluationLabel[r.Satisfaction]
		if satisfaction == "" {
			satisfaction = r.Satisfaction
		}
		kind := kindShort[r.Kind]
		if kind == "" {
			kind = r.Kind
		}
		class := r.ReplyClass
		if class != "" {
			class += "类"
		}
		values := []any{
			text(lvzhi.Proposal{Number: r.Number, SessionName: r.SessionName}.NumberLabel()),
			text(r.Title), text(r.Proposer), text(kind), text(r.Category), text(state),
			text(r.LeadUnit), text(r.OtherUnits), dateCell(r.AssignedAt), dateCell(r.Deadline),
			text(class), text(satisfaction), key,
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return fmt.Errorf("register: row %d: %w", n+2, err)
		}
		if err := sw.SetRow(cell, values); err != nil {
			return fmt.Errorf("register: row %d: %w", n+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("register: flush: %w", err)
	}
	if len(rows) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(exportColumns), len(rows)+1)
		if err := f.AutoFilter(exportSheet, "A1:"+last, nil); err != nil {
			return fmt.Errorf("register: filter: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("register: write workbook: %w", err)
	}
	return nil
}
