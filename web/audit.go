package web

import (
	"lvzhi/sheet"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"lvzhi"
)

// auditPage is the data of the audit log page.
type auditPage struct {
	Layout
	Pager
	Entries []lvzhi.AuditEntry
	Filter  lvzhi.AuditFilter
}

// auditFilter reads the audit filter: user, action prefix, object and a date range in
// China time (the "to" day included).
func auditFilter(q url.Values) lvzhi.AuditFilter {
	f := lvzhi.AuditFilter{Username: q.Get("username"), Action: q.Get("action"), Object: q.Get("object")}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("from"), lvzhi.China); err == nil {
		f.From = t
	}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("to"), lvzhi.China); err == nil {
		f.To = t.AddDate(0, 0, 1)
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.PerPage, _ = strconv.Atoi(q.Get("per_page"))
	return f
}

func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request) {
	p := auditPage{Layout: s.layout(r, "audit.title"), Filter: auditFilter(r.URL.Query())}
	entries, total, err := s.st.ListAudit(r.Context(), actor(r), p.Filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Entries, p.Pager = entries, newPager("/audit", r.URL.Query(), p.Filter.Paging, total)
	s.render(w, r, http.StatusOK, "audit", p)
}

// handleAuditExport writes the filtered log (up to 100,000 rows) as XLSX.
func (s *Server) handleAuditExport(w http.ResponseWriter, r *http.Request) {
	f := auditFilter(r.URL.Query())
	all, err := allPages(&f.Paging, func() ([]lvzhi.AuditEntry, error) {
		rows, _, err := s.st.ListAudit(r.Context(), actor(r), f)
		return rows, err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := auditXLSX(all)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "审计日志"+time.Now().In(lvzhi.China).Format("20060102")+".xlsx", b)
}

func auditXLSX(entries []lvzhi.AuditEntry) ([]byte, error) {
	rows := make([][]any, len(entries))
	for i, e := range entries {
		rows[i] = []any{e.ID, e.At.In(lvzhi.China).Format("2006-01-02 15:04:05"), e.Username, e.Action, e.Object,
			lvzhi.AuditResultLabel[e.Result], e.Detail, e.IP, e.Hash}
	}
	return sheet.Table([]string{"序号", "时间", "用户", "操作", "对象", "结果", "说明", "IP地址", "哈希"},
		[]float64{8, 20, 14, 20, 16, 8, 40, 16, 20}, rows)
}
