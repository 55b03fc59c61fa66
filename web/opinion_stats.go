package web

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/sheet"
	"lvzhi/store"
)

// opinionStatsPage is the data of the report statistics: one grouping and one period, every
// figure counted from the records by the store.
type opinionStatsPage struct {
	Layout
	store.OpinionStats
	ByChoices []string
}

// opinionStatsFilter reads the grouping and period of the statistics from a query string.
func opinionStatsFilter(r *http.Request) lvzhi.OpinionStatsFilter {
	q := r.URL.Query()
	return lvzhi.OpinionStatsFilter{By: q.Get("by"), From: q.Get("from"), To: q.Get("to")}
}

func (s *Server) handleOpinionStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.OpinionStatistics(r.Context(), actor(r), opinionStatsFilter(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "opinionstats", opinionStatsPage{Layout: s.layout(r, "opinion.stats"), OpinionStats: st, ByChoices: lvzhi.OpinionStatsBy})
}

// Rank returns the instructions of rank in a row, for the template's columns.
func (opinionStatsPage) Rank(c store.OpinionCounts, rank string) int { return c.Instructions[rank] }

// handleOpinionStatsExport sends the statistics as shown on the page, as an XLSX workbook.
func (s *Server) handleOpinionStatsExport(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.OpinionStatistics(r.Context(), actor(r), opinionStatsFilter(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := opinionStatsXLSX(st)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "社情民意信息统计"+time.Now().In(lvzhi.China).Format("20060102")+".xlsx", b)
}

// opinionStatsColumns are the export's fixed columns; the instruction ranks follow.
var opinionStatsColumns = []string{"名称", "收到", "编发", "报送", "市级采用", "省级采用", "全国采用", "全国单篇采用", "全国综合采用"}

// opinionStatsXLSX writes the statistics: one row per member or org unit, then the total.
func opinionStatsXLSX(st store.OpinionStats) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const name = "社情民意信息统计"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	header, err := sheet.HeaderStyle(f, true)
	if err != nil {
		return nil, err
	}
	text, err := sheet.TextStyle(f)
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	cols := append(append([]string{}, opinionStatsColumns...), st.Ranks...)
	for i := range st.Ranks {
		cols[len(opinionStatsColumns)+i] = "批示:" + st.Ranks[i]
	}
	widths := []float64{24}
	for range cols[1:] {
		widths = append(widths, 12)
	}
	if err := sheet.StreamHeader(sw, cols, widths, []bool{true}, header, text); err != nil {
		return nil, err
	}
	row := func(c store.OpinionCounts, name string) []any {
		out := []any{name, c.Submitted, c.Compiled, c.Forwarded, c.City, c.Province, c.National, c.NationalSingle, c.NationalCombined}
		for _, r := range st.Ranks {
			out = append(out, c.Instructions[r])
		}
		return out
	}
	n := 2
	for _, c := range st.Rows {
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, row(c, c.Name)); err != nil {
			return nil, err
		}
		n++
	}
	cell, _ := excelize.CoordinatesToCellName(1, n)
	if err := sw.SetRow(cell, row(st.Total, "合计")); err != nil {
		return nil, err
	}
	period := "全部"
	if st.From != "" || st.To != "" {
		period = fmt.Sprintf("%s至%s", orDash(st.From), orDash(st.To))
	}
	cell, _ = excelize.CoordinatesToCellName(1, n+2)
	if err := sw.SetRow(cell, []any{"统计期间(按提交日期):" + period + ";" + lvzhi.OpinionStatsByLabel[st.By] + "。联名信息计入每位联名委员,合计中只计一次。"}); err != nil {
		return nil, err
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// OpinionHomePart is what the home page shows of opinion reports (templates/_opinion.html):
// to the office and leaders this year's figures, counted from the records ("报送社情民意信息
// 90份" is the reports forwarded); to a member the way to submit one and to follow their own. On a phone, where the
// navigation is folded away, this is the member's way in.
type OpinionHomePart struct {
	Year      int
	Figures   *store.OpinionCounts // this year's totals, for those who may see the statistics
	Member    bool                 // the user may submit reports of their own
	Mine      int                  // the member's reports
	Forwarded int                  // of those, forwarded or compiled
}

// opinionHome reads the home page's part for the request's user.
func (s *Server) opinionHome(r *http.Request) (OpinionHomePart, error) {
	a, ctx := actor(r), r.Context()
	p := OpinionHomePart{Year: time.Now().In(lvzhi.China).Year()}
	if lvzhi.Can(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID}) {
		st, err := s.st.OpinionStatistics(ctx, a, lvzhi.OpinionStatsFilter{By: "sector", From: time.Date(p.Year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")})
		if err != nil {
			return p, err
		}
		p.Figures = &st.Total
	}
	if a.MemberID != 0 && lvzhi.Can(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID, MemberID: a.MemberID}) {
		p.Member = true
		var err error
		if _, p.Mine, err = s.st.ListOpinions(ctx, a, lvzhi.OpinionFilter{AuthorID: a.MemberID, Paging: lvzhi.Paging{PerPage: 1}}); err != nil {
			return p, err
		}
	}
	return p, nil
}
