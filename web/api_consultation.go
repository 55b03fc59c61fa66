package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// The consultation plan API (年度协商计划): the year's items with their activities and figures,
// an item's workflow actions, and linking the activities that carry an item out.

// planItemJSON is a plan item as the API shows it.
type planItemJSON struct {
	ID           int64              `json:"id"`
	Year         int                `json:"year"`
	Topic        string             `json:"topic"`
	Description  string             `json:"description"`
	Form         string             `json:"form"`
	ProposerID   int64              `json:"proposer_id"`
	ProposerName string             `json:"proposer_name"`
	Quarter      int                `json:"quarter"`
	LeadLeader   string             `json:"lead_leader"`
	DepartmentID *int64             `json:"department_id"`
	Department   string             `json:"department"`
	State        string             `json:"state"`
	Note         string             `json:"note"`
	Held         bool               `json:"held"`
	Activities   []planActivityJSON `json:"activities"`
	UpdatedAt    time.Time          `json:"updated_at"`
}

type planActivityJSON struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Type     string    `json:"type"`
	StartsAt time.Time `json:"starts_at"`
	State    string    `json:"state"`
	Held     bool      `json:"held"`
}

func toPlanItemJSON(p lvzhi.PlanItem) planItemJSON {
	out := planItemJSON{ID: p.ID, Year: p.Year, Topic: p.Topic, Description: p.Description, Form: p.Form, ProposerID: p.ProposerID,
		ProposerName: p.ProposerName, Quarter: p.Quarter, LeadLeader: p.LeadLeader, DepartmentID: optID(p.DepartmentID),
		Department: p.DepartmentName, State: p.State, Note: p.Note, Held: p.State == lvzhi.PlanHeld,
		Activities: []planActivityJSON{}, UpdatedAt: p.Updated.UTC()}
	for _, x := range p.Activities {
		out.Activities = append(out.Activities, planActivityJSON{ID: x.ID, Title: x.Title, Type: x.Type, StartsAt: x.StartsAt.UTC(), State: x.State, Held: x.Held})
	}
	return out
}

// apiIntParams reads optional positive integers of a query; a malformed one is refused rather
// than ignored, so a typo never lists everything.
func apiIntParams(q url.Values, names ...string) (map[string]int64, error) {
	out, bad := map[string]int64{}, map[string]string{}
	for _, name := range names {
		if v := strings.TrimSpace(q.Get(name)); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				bad[name] = "应为正整数"
			}
			out[name] = n
		}
	}
	return out, lvzhi.Invalid(bad)
}

func (s *Server) apiListPlanItems(w http.ResponseWriter, r *http.Request) {
	a, q := actor(r), r.URL.Query()
	n, err := apiIntParams(q, "year", "quarter", "proposer_id", "page", "per_page")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := lvzhi.PlanFilter{CommitteeID: a.CommitteeID, Year: int(n["year"]), Quarter: int(n["quarter"]), ProposerID: n["proposer_id"],
		State: q.Get("state"), Q: q.Get("q"), Paging: lvzhi.Paging{Page: int(n["page"]), PerPage: int(n["per_page"])}}
	rows, total, err := s.st.ListPlanItems(r.Context(), a, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toPlanItemJSON))
}

// writePlanItem answers with the plan item as it now stands, or with err.
func (s *Server) writePlanItem(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var p lvzhi.PlanItem
	if err == nil {
		p, err = s.st.PlanItem(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toPlanItemJSON(p))
}

func (s *Server) apiGetPlanItem(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writePlanItem(w, r, http.StatusOK, id, err)
}

// planItemInput is the body of POST /api/v1/plan-items and PATCH /api/v1/plan-items/{id}.
type planItemInput struct {
	Year        opt[int]    `json:"year"`
	Topic       opt[string] `json:"topic"`
	Description opt[string] `json:"description"`
	Form        opt[string] `json:"form"`
	ProposerID  opt[int64]  `json:"proposer_id"`
}

func (in planItemInput) apply(p *lvzhi.PlanItem) {
	in.Year.to(&p.Year)
	in.Topic.to(&p.Topic)
	in.Description.to(&p.Description)
	in.Form.to(&p.Form)
	in.ProposerID.to(&p.ProposerID)
}

func (s *Server) apiCreatePlanItem(w http.ResponseWriter, r *http.Request) {
	var in planItemInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	var p lvzhi.PlanItem
	in.apply(&p)
	p, err := s.st.CreatePlanItem(r.Context(), actor(r), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/plan-items/"+strconv.FormatInt(p.ID, 10))
	writeJSON(w, http.StatusCreated, toPlanItemJSON(p))
}

func (s *Server) apiUpdatePlanItem(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in planItemInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	var p lvzhi.PlanItem
	if err == nil {
		p, err = s.st.PlanItem(r.Context(), actor(r), id)
	}
	if err == nil {
		in.apply(&p)
		err = s.st.UpdatePlanItem(r.Context(), actor(r), p)
	}
	s.writePlanItem(w, r, http.StatusOK, id, err)
}

func (s *Server) apiDeletePlanItem(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.st.DeletePlanItem(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// planActionInput is the body of POST /api/v1/plan-items/{id}/actions/{action}.
type planActionInput struct {
	Note         string `json:"note"`
	Quarter      int    `json:"quarter"`
	LeadLeader   string `json:"lead_leader"`
	DepartmentID int64  `json:"department_id"`
}

func (s *Server) apiPlanItemAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	action := r.PathValue("action")
	if _, known := lvzhi.PlanWorkflow.ActionLabel[action]; err == nil && !known {
		err = lvzhi.Errorf(lvzhi.ErrNotFound, "协商计划事项没有名为“%s”的操作。", action)
	}
	var in planActionInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil {
		_, err = s.st.ActPlanItem(r.Context(), actor(r), id, action, lvzhi.PlanActionInput{Note: in.Note, Quarter: in.Quarter,
			LeadLeader: in.LeadLeader, DepartmentID: in.DepartmentID})
	}
	s.writePlanItem(w, r, http.StatusOK, id, err)
}

// planLinkInput is the body of POST /api/v1/plan-items/{id}/activities: an existing activity
// to link, or (activity_id absent) a new draft activity to create for the item.
type planLinkInput struct {
	ActivityID  int64     `json:"activity_id"`
	Title       string    `json:"title"`
	Type        string    `json:"type"`
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Place       string    `json:"place"`
	OrganiserID int64     `json:"organiser_id"`
}

func (s *Server) apiLinkPlanActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in planLinkInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil && in.ActivityID != 0 {
		err = s.st.LinkPlanActivity(r.Context(), actor(r), id, in.ActivityID)
	} else if err == nil {
		_, err = s.st.CreatePlanActivity(r.Context(), actor(r), id, lvzhi.Activity{Title: in.Title, Type: in.Type, StartsAt: in.StartsAt,
			EndsAt: in.EndsAt, Place: in.Place, OrganiserID: in.OrganiserID, CheckinBefore: 60, LateAfter: 10})
	}
	s.writePlanItem(w, r, http.StatusOK, id, err)
}

func (s *Server) apiUnlinkPlanActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.st.UnlinkPlanActivity(r.Context(), actor(r), id, formID(r.PathValue("activity_id")))
	}
	s.writePlanItem(w, r, http.StatusOK, id, err)
}

func (s *Server) apiListPlanItemEvents(w http.ResponseWriter, r *http.Request) {
	s.writeEvents(w, r, s.st.PlanItemHistory)
}

// planStatsJSON is a year's plan figures.
type planStatsJSON struct {
	Year      int            `json:"year"`
	Total     int            `json:"total"`
	Scheduled int            `json:"scheduled"`
	Held      int            `json:"held"`
	ByState   map[string]int `json:"by_state"`
	ByQuarter []quarterJSON  `json:"by_quarter"`
}

type quarterJSON struct {
	Quarter int `json:"quarter"`
	Planned int `json:"planned"`
	Held    int `json:"held"`
}

func (s *Server) apiPlanStats(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	n, err := apiIntParams(r.URL.Query(), "year")
	year := int(n["year"])
	if year == 0 {
		year = s.st.Now().In(lvzhi.China).Year()
	}
	var st lvzhi.PlanStats
	if err == nil {
		st, err = s.st.PlanStats(r.Context(), a, a.CommitteeID, year)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := planStatsJSON{Year: st.Year, Total: st.Total, Scheduled: st.Scheduled, Held: st.Held, ByState: map[string]int{}}
	for _, state := range lvzhi.PlanStates {
		out.ByState[state] = st.ByState[state]
	}
	for q := 1; q <= 4; q++ {
		out.ByQuarter = append(out.ByQuarter, quarterJSON{Quarter: q, Planned: st.ByQuarter[q].Planned, Held: st.ByQuarter[q].Held})
	}
	writeJSON(w, http.StatusOK, out)
}
