package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// The requests-and-reports API (请示报告): the committee's submissions to the party committee.
// Identifiers start with apiRequest or requestJSON.

// requestJSON is a request or report with the number of instructions it received.
type requestJSON struct {
	ID           int64     `json:"id"`
	Type         string    `json:"type"`
	Subject      string    `json:"subject"`
	OnDate       time.Time `json:"on_date"`
	DepartmentID int64     `json:"department_id"`
	Department   string    `json:"department"`
	Body         string    `json:"body"`
	State        string    `json:"state"`
	Instructions int       `json:"instructions"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func toRequestJSON(r lvzhi.Request) requestJSON {
	return requestJSON{ID: r.ID, Type: r.Type, Subject: r.Subject, OnDate: r.OnDate.UTC(), DepartmentID: r.DepartmentID,
		Department: r.Department, Body: r.Body, State: r.State, Instructions: r.Instructions,
		CreatedAt: r.Created.UTC(), UpdatedAt: r.Updated.UTC()}
}

// requestWriteJSON is the body of POST (every field) and PATCH (the fields sent) of a request.
type requestWriteJSON struct {
	Type         opt[string]    `json:"type"`
	Subject      opt[string]    `json:"subject"`
	OnDate       opt[time.Time] `json:"on_date"`
	DepartmentID opt[int64]     `json:"department_id"`
	Body         opt[string]    `json:"body"`
}

func (b requestWriteJSON) apply(r *lvzhi.Request) {
	b.Type.to(&r.Type)
	b.Subject.to(&r.Subject)
	b.OnDate.to(&r.OnDate)
	b.DepartmentID.to(&r.DepartmentID)
	b.Body.to(&r.Body)
}

// apiRequestFilter reads the list's query: type, state, year, department_id, q and paging.
func apiRequestFilter(a lvzhi.Actor, q url.Values) (lvzhi.RequestFilter, error) {
	f := lvzhi.RequestFilter{CommitteeID: a.CommitteeID, Type: q.Get("type"), State: q.Get("state"), Q: q.Get("q")}
	bad := map[string]string{}
	num := func(name string, set func(int64)) {
		if v := q.Get(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 {
				bad[name] = "应为正整数"
			}
			set(n)
		}
	}
	num("year", func(n int64) { f.Year = int(n) })
	num("department_id", func(n int64) { f.DepartmentID = n })
	num("page", func(n int64) { f.Page = int(n) })
	num("per_page", func(n int64) { f.PerPage = int(n) })
	return f, lvzhi.Invalid(bad)
}

func (s *Server) apiListRequests(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	f, err := apiRequestFilter(a, r.URL.Query())
	var rows []lvzhi.Request
	var total int
	if err == nil {
		rows, total, err = s.st.ListRequests(r.Context(), a, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toRequestJSON))
}

func (s *Server) apiCreateRequest(w http.ResponseWriter, r *http.Request) {
	var b requestWriteJSON
	if err := decodeJSON(w, r, &b); err != nil {
		s.fail(w, r, err)
		return
	}
	var req lvzhi.Request
	b.apply(&req)
	req, err := s.st.CreateRequest(r.Context(), actor(r), req)
	if err == nil {
		req, err = s.st.Request(r.Context(), actor(r), req.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toRequestJSON(req))
}

func (s *Server) apiGetRequest(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var req lvzhi.Request
	if err == nil {
		req, err = s.st.Request(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toRequestJSON(req))
}

// apiUpdateRequest changes the fields sent of a draft.
func (s *Server) apiUpdateRequest(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var b requestWriteJSON
	if err == nil {
		err = decodeJSON(w, r, &b)
	}
	var req lvzhi.Request
	if err == nil {
		req, err = s.st.Request(r.Context(), actor(r), id)
	}
	if err == nil {
		b.apply(&req)
		req, err = s.st.UpdateRequest(r.Context(), actor(r), req)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toRequestJSON(req))
}

// requestActionJSON is the body of a request's workflow action.
type requestActionJSON struct {
	Note string `json:"note"`
}

// apiRequestAction applies submit or withdraw; an action not allowed in the state is a 409.
func (s *Server) apiRequestAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var b requestActionJSON
	if err == nil {
		err = decodeJSON(w, r, &b)
	}
	var req lvzhi.Request
	if err == nil {
		req, err = s.st.ActRequest(r.Context(), actor(r), id, r.PathValue("action"), b.Note)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toRequestJSON(req))
}

func (s *Server) apiListRequestEvents(w http.ResponseWriter, r *http.Request) {
	s.writeEvents(w, r, s.st.RequestHistory)
}

// requestStatsJSON are a year's submitted requests and reports, per type, month and department.
type requestStatsJSON struct {
	Year         int           `json:"year"`
	Total        int           `json:"total"`
	ByType       []countJSON   `json:"by_type"`
	ByMonth      [][]countJSON `json:"by_month"`
	ByDepartment []countJSON   `json:"by_department"`
}

// apiRequestStats counts a year's (?year=, this year by default) submitted requests and reports.
func (s *Server) apiRequestStats(w http.ResponseWriter, r *http.Request) {
	year := time.Now().In(lvzhi.China).Year()
	var err error
	if v := r.URL.Query().Get("year"); v != "" {
		if year, err = strconv.Atoi(v); err != nil || year < 1900 || year > 3000 {
			err = lvzhi.Invalid(map[string]string{"year": "应为年份,如2026"})
		}
	}
	var st store.RequestStats
	if err == nil {
		st, err = s.st.RequestStats(r.Context(), actor(r), year)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := requestStatsJSON{Year: st.Year, Total: st.Total, ByType: toCounts(st.ByType), ByDepartment: toCounts(st.ByDept)}
	for _, m := range st.ByMonth {
		out.ByMonth = append(out.ByMonth, toCounts(m))
	}
	writeJSON(w, http.StatusOK, out)
}
