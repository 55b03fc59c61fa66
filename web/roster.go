package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"lvzhi"
	"lvzhi/roster"
)

// rosterPage is the data of the roster page: import, template and export.
type rosterPage struct {
	Layout
	Terms   []lvzhi.Term
	TermID  int64
	Errors  []roster.RowError // every bad row of a refused import
	File    string
	Created int
	Updated int
	Error   string
}

func (s *Server) rosterPage(r *http.Request) (rosterPage, error) {
	a := actor(r)
	p := rosterPage{Layout: s.layout(r, "roster.title")}
	var err error
	if p.Terms, err = s.st.Terms(r.Context(), a, a.CommitteeID); err != nil {
		return p, err
	}
	for _, t := range p.Terms {
		if t.Current {
			p.TermID = t.ID
		}
	}
	return p, nil
}

func (s *Server) handleRosterPage(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionImport, lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.rosterPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "roster", p)
}

func (s *Server) handleRosterTemplate(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := roster.Template(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "委员名册模板.xlsx", buf.Bytes())
}

// sendXLSX sends a workbook as a download with its Chinese file name.
func sendXLSX(w http.ResponseWriter, name string, b []byte) {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"roster.xlsx\"; filename*=UTF-8''%s", url.PathEscape(name)))
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.Write(b)
}

// importRoster parses an uploaded roster and, only when every row is good, writes it. The
// pages and the API share it. rowErrs lists every bad row; err is any other failure.
func (s *Server) importRoster(r *http.Request, termID int64) (res importResult, rowErrs []roster.RowError, err error) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionImport, lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: a.CommitteeID}); err != nil {
		return res, nil, err
	}
	if err := r.ParseMultipartForm(20 << 20); err != nil {
		return res, nil, lvzhi.Invalid(map[string]string{"file": "请选择要导入的名册文件(不超过20MB)"})
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return res, nil, lvzhi.Invalid(map[string]string{"file": "请选择要导入的名册文件"})
	}
	defer file.Close()
	res.File = hdr.Filename
	lk, err := s.rosterLookup(r)
	if err != nil {
		return res, nil, err
	}
	members, rowErrs := roster.Parse(file, lk)
	if len(rowErrs) > 0 {
		s.st.Audit(r.Context(), a, "member.import", res.File, lvzhi.AuditFailed, fmt.Sprintf("%d处错误,未写入", len(rowErrs)))
		return res, rowErrs, nil
	}
	got, err := s.st.ImportMembers(r.Context(), a, a.CommitteeID, termID, members)
	res.Created, res.Updated = got.Created, got.Updated
	return res, nil, err
}

// importResult is what an import did, for the page and the API.
type importResult struct {
	File    string `json:"file"`
	Created int    `json:"created"`
	Updated int    `json:"updated"`
}

// rosterLookup maps the names a roster may use to the committee's groupings.
func (s *Server) rosterLookup(r *http.Request) (roster.Lookup, error) {
	o, err := s.memberOptions(r)
	if err != nil {
		return roster.Lookup{}, err
	}
	names := func(units []lvzhi.OrgUnit) map[string]int64 {
		m := make(map[string]int64, len(units))
		for _, u := range units {
			m[u.Name] = u.ID
		}
		return m
	}
	return roster.Lookup{Parties: names(o.Parties), Sectors: names(o.Sectors),
		SpecialCommittees: names(o.SpecialCommittees), ActivityGroups: names(o.ActivityGroups)}, nil
}

func (s *Server) handleRosterImport(w http.ResponseWriter, r *http.Request) {
	termID := formID(r.FormValue("term_id"))
	res, rowErrs, err := s.importRoster(r, termID)
	p, perr := s.rosterPage(r)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.TermID, p.File = termID, res.File
	switch {
	case err != nil && lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid:
		s.fail(w, r, err)
	case err != nil:
		p.Error = lvzhi.ErrorMessage(err)
		if f := lvzhi.ErrorFields(err); f["file"] != "" {
			p.Error = f["file"]
		}
		s.render(w, r, http.StatusUnprocessableEntity, "roster", p)
	case len(rowErrs) > 0:
		p.Errors = rowErrs
		s.render(w, r, http.StatusUnprocessableEntity, "roster", p)
	default:
		p.Created, p.Updated = res.Created, res.Updated
		s.render(w, r, http.StatusOK, "roster", p)
	}
}

func (s *Server) handleRosterExport(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	f := memberFilter(a, r.URL.Query())
	members, err := s.st.ExportMembers(r.Context(), a, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := roster.Export(&buf, members); err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "委员名册"+time.Now().In(lvzhi.China).Format("20060102")+".xlsx", buf.Bytes())
}
