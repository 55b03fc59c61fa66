package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"lvzhi"
	"lvzhi/sheet"
	"lvzhi/store"
)

// instructionListPage is the list of instructions: filters by rank, period, kind of record
// and follow-up state; the figures of the selection; the table; paging and export. Leaders
// read it as "instructions given, follow-up status".
type instructionListPage struct {
	Layout
	Pager
	Filter     lvzhi.InstructionFilter
	FromText   string
	ToText     string
	Main       bool
	Items      []instructionRow
	Stats      store.InstructionStats
	Ranks      []string
	Kinds      []kindOption
	States     []kindOption
	CanExport  bool
	MainLabels string
}

// instructionRow is one row of the list with its labels.
type instructionRow struct {
	lvzhi.Instruction
	KindLabel  string
	StateLabel string
	RecordPath string
}

// kindOption is one choice of a select: its value and label.
type kindOption struct {
	Value, Label string
}

// instructionFilter reads the list's filters from a query. from/to are dates (to inclusive);
// year selects a calendar year; main=true the committee's main ranks.
func instructionFilter(a lvzhi.Actor, q url.Values, set lvzhi.InstructionSettings) lvzhi.InstructionFilter {
	f := lvzhi.InstructionFilter{CommitteeID: a.CommitteeID, Rank: q.Get("rank"), RecordKind: lvzhi.Kind(q.Get("kind")),
		State: q.Get("state"), Q: q.Get("q"), From: formDate(q.Get("from"))}
	if to := formDate(q.Get("to")); !to.IsZero() {
		f.To = to.Add(24 * time.Hour) // the whole last day
	}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y > 1900 && y < 3000 && f.From.IsZero() && f.To.IsZero() {
		f.From = time.Date(y, 1, 1, 0, 0, 0, 0, lvzhi.China).UTC()
		f.To = time.Date(y+1, 1, 1, 0, 0, 0, 0, lvzhi.China).UTC()
	}
	if q.Get("main") == "true" {
		f.Ranks = set.Main
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.PerPage, _ = strconv.Atoi(q.Get("per_page"))
	return f
}

func instructionRows(list []lvzhi.Instruction) []instructionRow {
	rows := make([]instructionRow, len(list))
	for i, in := range list {
		rows[i] = instructionRow{Instruction: in, KindLabel: lvzhi.RecordKindLabel[in.RecordKind],
			StateLabel: lvzhi.InstructionWorkflow.StateLabel[in.State], RecordPath: recordPath(in.RecordKind, in.RecordID)}
	}
	return rows
}

func (s *Server) handleInstructionList(w http.ResponseWriter, r *http.Request) {
	a, ctx, q := actor(r), r.Context(), r.URL.Query()
	set, err := s.st.InstructionSettings(ctx, a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := instructionListPage{Layout: s.layout(r, "instructions.title"), Filter: instructionFilter(a, q, set),
		FromText: q.Get("from"), ToText: q.Get("to"), Main: q.Get("main") == "true", Ranks: set.Ranks,
		CanExport: lvzhi.Can(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: a.CommitteeID})}
	for _, m := range set.Main {
		if p.MainLabels != "" {
			p.MainLabels += "、"
		}
		p.MainLabels += m
	}
	for _, k := range lvzhi.InstructionRecordKinds {
		p.Kinds = append(p.Kinds, kindOption{string(k), lvzhi.RecordKindLabel[k]})
	}
	for _, st := range []string{lvzhi.InstructionPending, lvzhi.InstructionDone} {
		p.States = append(p.States, kindOption{st, lvzhi.InstructionWorkflow.StateLabel[st]})
	}
	list, total, err := s.st.ListInstructions(ctx, a, p.Filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Stats, err = s.st.InstructionStats(ctx, a, p.Filter); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Items, p.Pager = instructionRows(list), newPager("/instructions", q, p.Filter.Paging, total)
	s.render(w, r, http.StatusOK, "instructions", p)
}

// handleInstructionExport sends the instructions the filters select as a spreadsheet.
func (s *Server) handleInstructionExport(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	set, err := s.st.InstructionSettings(ctx, a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := instructionFilter(a, r.URL.Query(), set)
	all, err := allPages(&f.Paging, func() ([]lvzhi.Instruction, error) {
		rows, _, err := s.st.ListInstructions(ctx, a, f)
		return rows, err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := instructionsXLSX(all)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "领导批示"+time.Now().In(lvzhi.China).Format("20060102")+".xlsx", b)
}

func instructionsXLSX(list []lvzhi.Instruction) ([]byte, error) {
	rows := make([][]any, len(list))
	for i, in := range list {
		done := ""
		if !in.DoneOn.IsZero() {
			done = in.DoneOn.In(lvzhi.China).Format("2006-01-02")
		}
		rows[i] = []any{i + 1, in.GivenOn.In(lvzhi.China).Format("2006-01-02"), in.Leader, in.Rank, in.Body,
			lvzhi.RecordKindLabel[in.RecordKind], in.RecordTitle, in.Department, in.FollowUp, done,
			lvzhi.InstructionWorkflow.StateLabel[in.State]}
	}
	return sheet.Table([]string{"序号", "批示日期", "领导", "领导级别", "批示内容", "记录类别", "记录标题", "落实部门", "落实情况", "完成日期", "落实状态"},
		[]float64{6, 12, 10, 14, 40, 12, 30, 16, 30, 12, 10}, rows)
}
