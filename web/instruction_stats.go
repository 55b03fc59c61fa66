package web

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/store"
)

// instructionStatsPage is the statistics of instructions and of requests and reports for a
// year: instructions per rank, kind of record and follow-up state; per member, sector, party
// or special committee and rank; requests and reports per type and month. Every figure is a
// count of records made by the store.
type instructionStatsPage struct {
	Layout
	Year      int
	Years     []int
	By        string
	Groupings []kindOption
	Stats     store.InstructionStats
	Groups    []store.GroupRanks
	Ranks     []string
	Requests  store.RequestStats
	Months    []monthRow
	MainLabel string
}

// monthRow is one month of the requests table.
type monthRow struct {
	Month  int
	Counts []store.KeyCount
}

// instructionStatsData reads every figure of the page for the query's year and grouping.
func (s *Server) instructionStatsData(r *http.Request) (instructionStatsPage, error) {
	a, ctx, q := actor(r), r.Context(), r.URL.Query()
	p := instructionStatsPage{Layout: s.layout(r, "instructions.stats"), Year: time.Now().In(lvzhi.China).Year(), By: q.Get("by")}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y > 1900 && y < 3000 {
		p.Year = y
	}
	for y := time.Now().In(lvzhi.China).Year(); y >= time.Now().In(lvzhi.China).Year()-5; y-- {
		p.Years = append(p.Years, y)
	}
	p.Groupings = []kindOption{{store.ByMember, "委员"}, {store.BySector, "界别"}, {store.ByParty, "党派团体"}, {store.BySpecialCommittee, "专门委员会"}}
	if p.By == "" {
		p.By = store.BySector
	}
	set, err := s.st.InstructionSettings(ctx, a.CommitteeID)
	if err != nil {
		return p, err
	}
	p.Ranks = set.Ranks
	for i, m := range set.Main {
		if i > 0 {
			p.MainLabel += "、"
		}
		p.MainLabel += m
	}
	f := lvzhi.InstructionFilter{CommitteeID: a.CommitteeID,
		From: time.Date(p.Year, 1, 1, 0, 0, 0, 0, lvzhi.China).UTC(), To: time.Date(p.Year+1, 1, 1, 0, 0, 0, 0, lvzhi.China).UTC()}
	if p.Stats, err = s.st.InstructionStats(ctx, a, f); err != nil {
		return p, err
	}
	if p.Groups, err = s.st.InstructionsByGroup(ctx, a, p.By, f); err != nil {
		return p, err
	}
	// Leaders and staff read requests; a user who may not gets the instruction figures alone.
	if lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindRequest, CommitteeID: a.CommitteeID}) {
		if p.Requests, err = s.st.RequestStats(ctx, a, p.Year); err != nil {
			return p, err
		}
		for i, m := range p.Requests.ByMonth {
			p.Months = append(p.Months, monthRow{Month: i + 1, Counts: m})
		}
	}
	return p, nil
}

func (s *Server) handleInstructionStats(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.instructionStatsData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "instructionstats", p)
}

// handleInstructionStatsExport sends the page's tables as a workbook, one sheet each.
func (s *Server) handleInstructionStatsExport(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.instructionStatsData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := instructionStatsXLSX(p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, strconv.Itoa(p.Year)+"年批示与请示报告统计.xlsx", b)
}

func instructionStatsXLSX(p instructionStatsPage) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheets := []struct {
		name string
		rows [][]any
	}{{name: "批示按级别"}, {name: "批示按" + groupingLabel(p)}, {name: "请示报告按月"}}
	sheets[0].rows = append(sheets[0].rows, []any{"领导级别", "批示次数"})
	for _, c := range p.Stats.ByRank {
		sheets[0].rows = append(sheets[0].rows, []any{c.Label, c.N})
	}
	for _, c := range p.Stats.ByKind {
		sheets[0].rows = append(sheets[0].rows, []any{"批示对象:" + c.Label, c.N})
	}
	sheets[0].rows = append(sheets[0].rows, []any{"合计", p.Stats.Total}, []any{"其中" + p.MainLabel, p.Stats.Main})
	head := []any{groupingLabel(p)}
	for _, rk := range p.Ranks {
		head = append(head, rk)
	}
	sheets[1].rows = append(sheets[1].rows, append(head, "合计"))
	for _, g := range p.Groups {
		row := []any{g.Name}
		for _, rk := range p.Ranks {
			row = append(row, g.ByRank[rk])
		}
		sheets[1].rows = append(sheets[1].rows, append(row, g.Total))
	}
	sheets[2].rows = append(sheets[2].rows, []any{"月份", "请示", "报告"})
	for _, m := range p.Months {
		row := []any{strconv.Itoa(m.Month) + "月"}
		for _, c := range m.Counts {
			row = append(row, c.N)
		}
		sheets[2].rows = append(sheets[2].rows, row)
	}
	total := []any{"合计"}
	for _, c := range p.Requests.ByType {
		total = append(total, c.N)
	}
	sheets[2].rows = append(sheets[2].rows, total)
	for i, sh := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", sh.name)
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return nil, err
		}
		for j, row := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, j+1)
			if err := f.SetSheetRow(sh.name, cell, &row); err != nil {
				return nil, err
			}
		}
	}
	var buf bytes.Buffer
	err := f.Write(&buf)
	return buf.Bytes(), err
}

// groupingLabel names the page's grouping: 界别, 党派团体 …
func groupingLabel(p instructionStatsPage) string {
	for _, g := range p.Groupings {
		if g.Value == p.By {
			return g.Label
		}
	}
	return p.By
}
