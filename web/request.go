package web

import (
	"lvzhi/sheet"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"lvzhi"
)

// Requests and reports to the party committee (请示报告): the list by type and year, the form,
// and the record page with its attachments and the instructions it received.

// requestRow is a request with the labels a page shows.
type requestRow struct {
	lvzhi.Request
	TypeLabel  string
	StateLabel string
}

func newRequestRow(r lvzhi.Request) requestRow {
	return requestRow{Request: r, TypeLabel: lvzhi.RequestTypeLabel[r.Type], StateLabel: lvzhi.RequestWorkflow.StateLabel[r.State]}
}

// requestListPage is the list of requests and reports.
type requestListPage struct {
	Layout
	Pager
	Filter    lvzhi.RequestFilter
	Items     []requestRow
	Types     []kindOption
	States    []kindOption
	Years     []int
	CanCreate bool
	CanExport bool
}

// requestFilter reads the list's filters; the year defaults to this year (year=0 for all).
func requestFilter(a lvzhi.Actor, q url.Values) lvzhi.RequestFilter {
	f := lvzhi.RequestFilter{CommitteeID: a.CommitteeID, Type: q.Get("type"), State: q.Get("state"), Q: q.Get("q"),
		DepartmentID: formID(q.Get("department_id")), Year: time.Now().In(lvzhi.China).Year()}
	if v := q.Get("year"); v != "" {
		f.Year, _ = strconv.Atoi(v)
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.PerPage, _ = strconv.Atoi(q.Get("per_page"))
	return f
}

func (s *Server) handleRequestList(w http.ResponseWriter, r *http.Request) {
	a, q := actor(r), r.URL.Query()
	p := requestListPage{Layout: s.layout(r, "requests.title"), Filter: requestFilter(a, q),
		CanCreate: lvzhi.Can(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindRequest, CommitteeID: a.CommitteeID}),
		CanExport: lvzhi.Can(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindRequest, CommitteeID: a.CommitteeID})}
	for _, t := range lvzhi.RequestTypes {
		p.Types = append(p.Types, kindOption{t, lvzhi.RequestTypeLabel[t]})
	}
	for _, st := range []string{lvzhi.RequestDraft, lvzhi.RequestSubmitted, lvzhi.RequestWithdrawn} {
		p.States = append(p.States, kindOption{st, lvzhi.RequestWorkflow.StateLabel[st]})
	}
	for y := time.Now().In(lvzhi.China).Year(); y >= time.Now().In(lvzhi.China).Year()-5; y-- {
		p.Years = append(p.Years, y)
	}
	list, total, err := s.st.ListRequests(r.Context(), a, p.Filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, x := range list {
		p.Items = append(p.Items, newRequestRow(x))
	}
	p.Pager = newPager("/requests", q, p.Filter.Paging, total)
	s.render(w, r, http.StatusOK, "requests", p)
}

// requestFormPage is the form of a new request or of a draft's edits.
type requestFormPage struct {
	Layout
	Request     lvzhi.Request
	DateText    string
	Types       []kindOption
	Departments []lvzhi.OrgUnit
	Errors      map[string]string
	Error       string
}

func (s *Server) requestForm(r *http.Request, req lvzhi.Request, title string) (requestFormPage, error) {
	a := actor(r)
	p := requestFormPage{Layout: s.layout(r, title), Request: req}
	if !req.OnDate.IsZero() {
		p.DateText = req.OnDate.In(lvzhi.China).Format("2006-01-02")
	}
	for _, t := range lvzhi.RequestTypes {
		p.Types = append(p.Types, kindOption{t, lvzhi.RequestTypeLabel[t]})
	}
	var err error
	p.Departments, err = s.st.OrgUnits(r.Context(), a, a.CommitteeID, lvzhi.OrgDepartment)
	return p, err
}

func (s *Server) handleRequestNew(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindRequest, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.requestForm(r, lvzhi.Request{Type: lvzhi.RequestAsk, OnDate: time.Now(), DepartmentID: a.DepartmentID}, "request.new")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "requestform", p)
}

// requestInput reads the request form.
func requestInput(r *http.Request) lvzhi.Request {
	return lvzhi.Request{Type: r.FormValue("type"), Subject: r.FormValue("subject"), OnDate: formDate(r.FormValue("on_date")),
		DepartmentID: formID(r.FormValue("department_id")), Body: r.FormValue("body")}
}

// formFailed shows the form again with what was typed and the messages, for a refusal the
// user can correct; anything else is an error page.
func (s *Server) requestFormFailed(w http.ResponseWriter, r *http.Request, req lvzhi.Request, title string, err error) {
	if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid && lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	p, perr := s.requestForm(r, req, title)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "requestform", p)
}

func (s *Server) handleCreateRequest(w http.ResponseWriter, r *http.Request) {
	req := requestInput(r)
	created, err := s.st.CreateRequest(r.Context(), actor(r), req)
	if err != nil {
		s.requestFormFailed(w, r, req, "request.new", err)
		return
	}
	http.Redirect(w, r, recordPath(lvzhi.KindRequest, created.ID)+"?ok=saved", http.StatusSeeOther)
}

func (s *Server) handleRequestEdit(w http.ResponseWriter, r *http.Request) {
	req, err := s.st.Request(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.requestForm(r, req, "request.edit")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "requestform", p)
}

func (s *Server) handleUpdateRequest(w http.ResponseWriter, r *http.Request) {
	req := requestInput(r)
	req.ID = formID(r.PathValue("id"))
	if _, err := s.st.UpdateRequest(r.Context(), actor(r), req); err != nil {
		s.requestFormFailed(w, r, req, "request.edit", err)
		return
	}
	http.Redirect(w, r, recordPath(lvzhi.KindRequest, req.ID)+"?ok=saved", http.StatusSeeOther)
}

// requestPage is a request's record page: the paper, the actions allowed now, its
// attachments, the instructions it received and its history.
type requestPage struct {
	Layout
	Request      requestRow
	Actions      []string
	ActionLabel  map[string]string
	CanEdit      bool
	Attachments  AttachmentsPart
	Instructions InstructionsPart
	History      []lvzhi.Event
	Error        string
	Errors       map[string]string
}

func (s *Server) requestPage(r *http.Request, id int64) (requestPage, error) {
	a, ctx := actor(r), r.Context()
	p := requestPage{Layout: s.layout(r, "request.title"), ActionLabel: lvzhi.RequestWorkflow.ActionLabel}
	req, err := s.st.Request(ctx, a, id)
	if err != nil {
		return p, err
	}
	p.Request, p.TitleArg = newRequestRow(req), req.Subject
	for _, act := range lvzhi.RequestWorkflow.Allowed(req.State) {
		if lvzhi.Can(a, lvzhi.Action(act), req.Target()) {
			p.Actions = append(p.Actions, act)
		}
	}
	p.CanEdit = req.State == lvzhi.RequestDraft && lvzhi.Can(a, lvzhi.ActionUpdate, req.Target())
	if p.Attachments, err = s.attachmentsPart(r, lvzhi.KindRequest, id); err != nil {
		return p, err
	}
	if p.Instructions, err = s.instructionsPart(r, lvzhi.KindRequest, id); err != nil {
		return p, err
	}
	if p.History, err = s.st.RequestHistory(ctx, a, id); err != nil {
		return p, err
	}
	for i := range p.History {
		// A request is 撤回, not 撤案: that is a proposal's word for the same action name.
		if p.History[i].Action == "withdraw" {
			p.History[i].Action = "withdraw_request"
		}
	}
	return p, nil
}

func (s *Server) handleRequestPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.requestPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "request", p)
}

func (s *Server) handleRequestAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if _, err := s.st.ActRequest(r.Context(), actor(r), id, r.PathValue("action"), r.FormValue("note")); err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		p, perr := s.requestPage(r, id)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
		s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "request", p)
		return
	}
	http.Redirect(w, r, recordPath(lvzhi.KindRequest, id)+"?ok=done", http.StatusSeeOther)
}

// handleRequestExport sends the requests and reports the filters select as a spreadsheet.
func (s *Server) handleRequestExport(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindRequest, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	f := requestFilter(a, r.URL.Query())
	all, err := allPages(&f.Paging, func() ([]lvzhi.Request, error) {
		rows, _, err := s.st.ListRequests(ctx, a, f)
		return rows, err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([][]any, len(all))
	for i, q := range all {
		rows[i] = []any{i + 1, q.OnDate.In(lvzhi.China).Format("2006-01-02"), lvzhi.RequestTypeLabel[q.Type], q.Subject,
			q.Department, lvzhi.RequestWorkflow.StateLabel[q.State], q.Instructions}
	}
	b, err := sheet.Table([]string{"序号", "日期", "类别", "标题", "起草科室", "状态", "收到批示"}, []float64{6, 12, 8, 40, 16, 10, 10}, rows)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "请示报告"+time.Now().In(lvzhi.China).Format("20060102")+".xlsx", b)
}
