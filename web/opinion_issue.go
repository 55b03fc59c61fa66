package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"lvzhi"
	"lvzhi/bulletin"
	"lvzhi/store"
)

// issueListPage is the data of the bulletin's issues: a year's issues and the form that opens
// a new one.
type issueListPage struct {
	Layout
	Year    int
	Years   []int
	Issues  []store.IssueSummary
	CanOpen bool
	Errors  map[string]string
	Error   string
	Today   string
}

func (s *Server) issueListPage(r *http.Request) (issueListPage, error) {
	a := actor(r)
	now := time.Now().In(lvzhi.China)
	p := issueListPage{Layout: s.layout(r, "issues.title"), Year: now.Year(), Today: now.Format("2006-01-02"),
		CanOpen: lvzhi.Can(a, "compile", lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID})}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 1900 {
		p.Year = y
	}
	for y := now.Year(); y >= now.Year()-4; y-- {
		p.Years = append(p.Years, y)
	}
	var err error
	p.Issues, err = s.st.ListIssues(r.Context(), a, p.Year)
	return p, err
}

func (s *Server) handleIssueList(w http.ResponseWriter, r *http.Request) {
	p, err := s.issueListPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "opinionissues", p)
}

// issueFromForm reads the issue form.
func issueFromForm(r *http.Request) lvzhi.Issue {
	return lvzhi.Issue{Title: r.FormValue("title"), Signer: r.FormValue("signer"), OnDate: r.FormValue("on_date")}
}

func (s *Server) handleCreateIssue(w http.ResponseWriter, r *http.Request) {
	is, err := s.st.CreateIssue(r.Context(), actor(r), issueFromForm(r))
	if err != nil {
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			s.fail(w, r, err)
			return
		}
		p, perr := s.issueListPage(r)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
		s.render(w, r, statusOf(lvzhi.ErrInvalid), "opinionissues", p)
		return
	}
	http.Redirect(w, r, "/opinion-issues/"+strconv.FormatInt(is.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

// issuePage is the data of one issue's page: its reports in order, the export and the form
// that corrects its title, signer and date.
type issuePage struct {
	Layout
	Issue   lvzhi.Issue
	CanEdit bool
	Errors  map[string]string
	Error   string
}

func (s *Server) handleIssuePage(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	is, err := s.st.Issue(r.Context(), a, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := issuePage{Layout: s.layout(r, "issue.title"), Issue: is, CanEdit: lvzhi.Can(a, "compile", is.Target())}
	p.TitleArg = is.Label()
	s.render(w, r, http.StatusOK, "opinionissue", p)
}

func (s *Server) handleUpdateIssue(w http.ResponseWriter, r *http.Request) {
	a, id := actor(r), formID(r.PathValue("id"))
	in := issueFromForm(r)
	in.ID = id
	if _, err := s.st.UpdateIssue(r.Context(), a, in); err != nil {
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			s.fail(w, r, err)
			return
		}
		is, ierr := s.st.Issue(r.Context(), a, id)
		if ierr != nil {
			s.fail(w, r, ierr)
			return
		}
		p := issuePage{Layout: s.layout(r, "issue.title"), Issue: is, CanEdit: true, Errors: lvzhi.ErrorFields(err), Error: lvzhi.ErrorMessage(err)}
		s.render(w, r, statusOf(lvzhi.ErrInvalid), "opinionissue", p)
		return
	}
	http.Redirect(w, r, "/opinion-issues/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
}

// handleIssueDOCX sends an issue of 《社情民意》 as a Word document for the office to finish
// and print.
func (s *Server) handleIssueDOCX(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	is, err := s.st.Issue(ctx, a, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.issueDOCX(r, is)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := fmt.Sprintf("社情民意%d年第%d期.docx", is.Year, is.Number)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"bulletin.docx\"; filename*=UTF-8''%s", url.PathEscape(name)))
	w.Write(b)
}

// issueDOCX lays an issue out for bulletin.Write: the committee's name, the office, the date
// written as offices write it, and each report with its author.
func (s *Server) issueDOCX(r *http.Request, is lvzhi.Issue) ([]byte, error) {
	out := bulletin.Issue{Year: is.Year, Number: is.Number, Title: is.Title, Signer: is.Signer, SendTo: "市委、市政府主要领导"}
	if c, err := s.st.Committee(r.Context(), is.CommitteeID); err == nil {
		out.Committee, out.Office = c.Name, c.Name+"办公室"
	}
	if d, err := time.Parse("2006-01-02", is.OnDate); err == nil {
		out.Date = fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
	}
	for _, o := range is.Reports {
		out.Reports = append(out.Reports, bulletin.Report{Title: o.Title, Body: o.Body, Author: o.AuthorName})
	}
	var buf bytes.Buffer
	err := bulletin.Write(&buf, out)
	return buf.Bytes(), err
}
