package register

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/sheet"
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
	header, err := sheet.HeaderStyle(f, true)
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	text, err := sheet.TextStyle(f)
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sheet.DataRange(Columns, colReplyClass)
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
	widths, texts := make([]float64, len(Columns)), make([]bool, len(Columns))
	for i, name := range Columns {
		widths[i], texts[i] = columnSpec[name].width, columnSpec[name].text
	}
	if err := sheet.StreamHeader(sw, Columns, widths, texts, header, text); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("register: flush: %w", err)
	}
	if err := sheet.WriteHelp(f, helpSheet, header, layout, helpNotes); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("register: write workbook: %w", err)
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
	header, err := sheet.HeaderStyle(f, true)
	if err != nil {
		return fmt.Errorf("register: %w", err)
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
	if err := sheet.StreamHeader(sw, exportColumns, exportWidths, nil, header, 0); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	dateCell := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		c := t.In(lvzhi.China)
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
