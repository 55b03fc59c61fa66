package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
)

// The research topics API (重点调研课题): topics with their team and schedule, the workflow's
// actions (start, submit the final report, return it, complete, cancel) and the schedule.

type researchJSON struct {
	ID           int64               `json:"id"`
	Year         int                 `json:"year"`
	Title        string              `json:"title"`
	Description  string              `json:"description"`
	LeadLeader   string              `json:"lead_leader"`
	DepartmentID *int64              `json:"department_id"`
	Department   string              `json:"department"`
	PlanItemID   *int64              `json:"plan_item_id"`
	State        string              `json:"state"`
	Report       string              `json:"report"`
	ReportAt     *time.Time          `json:"report_at"`
	Note         string              `json:"note"`
	Team         []researchTeamJSON  `json:"team"`
	Milestones   []researchMilestone `json:"milestones"`
	TeamSize     int                 `json:"team_size"`
	Done         int                 `json:"milestones_done"`
	Due          int                 `json:"milestones_total"`
}

type researchTeamJSON struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name,omitempty"`
	Sector   string `json:"sector,omitempty"`
	Role     string `json:"role"`
}

type researchMilestone struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	DueOn  string `json:"due_on"`
	DoneOn string `json:"done_on"`
}

func toResearchJSON(r lvzhi.ResearchTopic) researchJSON {
	out := researchJSON{ID: r.ID, Year: r.Year, Title: r.Title, Description: r.Description, LeadLeader: r.LeadLeader,
		DepartmentID: optID(r.DepartmentID), Department: r.DepartmentName, PlanItemID: optID(r.PlanItemID), State: r.State,
		Report: r.Report, ReportAt: optTime(r.ReportAt), Note: r.Note, Team: []researchTeamJSON{}, Milestones: []researchMilestone{},
		TeamSize: r.TeamSize, Done: r.Done, Due: r.Due}
	for _, m := range r.Team {
		out.Team = append(out.Team, researchTeamJSON{MemberID: m.MemberID, Name: m.Name, Sector: m.Sector, Role: m.Role})
	}
	for _, m := range r.Milestones {
		out.Milestones = append(out.Milestones, researchMilestone{ID: m.ID, Title: m.Title, DueOn: m.DueOn, DoneOn: m.DoneOn})
	}
	return out
}

func (s *Server) apiListResearch(w http.ResponseWriter, r *http.Request) {
	a, q := actor(r), r.URL.Query()
	n, err := apiIntParams(q, "year", "page", "per_page")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows, total, err := s.st.ListResearchTopics(r.Context(), a, lvzhi.ResearchFilter{CommitteeID: a.CommitteeID, Year: int(n["year"]),
		State: q.Get("state"), Paging: lvzhi.Paging{Page: int(n["page"]), PerPage: int(n["per_page"])}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toResearchJSON))
}

func (s *Server) writeResearch(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var t lvzhi.ResearchTopic
	if err == nil {
		t, err = s.st.ResearchTopic(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toResearchJSON(t))
}

func (s *Server) apiGetResearch(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writeResearch(w, r, http.StatusOK, id, err)
}

// researchInput is the body of POST and PATCH: the team, when sent, replaces the one before.
type researchInput struct {
	Year         opt[int]                `json:"year"`
	Title        opt[string]             `json:"title"`
	Description  opt[string]             `json:"description"`
	LeadLeader   opt[string]             `json:"lead_leader"`
	DepartmentID opt[int64]              `json:"department_id"`
	PlanItemID   opt[int64]              `json:"plan_item_id"`
	Team         opt[[]researchTeamJSON] `json:"team"`
}

func (in researchInput) apply(t *lvzhi.ResearchTopic) {
	in.Year.to(&t.Year)
	in.Title.to(&t.Title)
	in.Description.to(&t.Description)
	in.LeadLeader.to(&t.LeadLeader)
	in.DepartmentID.to(&t.DepartmentID)
	in.PlanItemID.to(&t.PlanItemID)
	if in.Team.Set {
		t.Team = nil
		for _, m := range in.Team.V {
			t.Team = append(t.Team, lvzhi.ResearchMember{MemberID: m.MemberID, Role: m.Role})
		}
	}
}

func (s *Server) apiCreateResearch(w http.ResponseWriter, r *http.Request) {
	var in researchInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	var t lvzhi.ResearchTopic
	in.apply(&t)
	t, err := s.st.SaveResearchTopic(r.Context(), actor(r), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/research-topics/"+strconv.FormatInt(t.ID, 10))
	writeJSON(w, http.StatusCreated, toResearchJSON(t))
}

func (s *Server) apiUpdateResearch(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in researchInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	var t lvzhi.ResearchTopic
	if err == nil {
		t, err = s.st.ResearchTopic(r.Context(), actor(r), id)
	}
	if err == nil {
		in.apply(&t)
		_, err = s.st.SaveResearchTopic(r.Context(), actor(r), t)
	}
	s.writeResearch(w, r, http.StatusOK, id, err)
}

// researchActionInput is the body of POST /api/v1/research-topics/{id}/actions/{action}.
type researchActionInput struct {
	Note   string `json:"note"`
	Report string `json:"report"`
}

func (s *Server) apiResearchAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	action := r.PathValue("action")
	if _, known := lvzhi.ResearchWorkflow.ActionLabel[action]; err == nil && !known {
		err = lvzhi.Errorf(lvzhi.ErrNotFound, "调研课题没有名为“%s”的操作。", action)
	}
	var in researchActionInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil {
		_, err = s.st.ActResearch(r.Context(), actor(r), id, action, lvzhi.ResearchActionInput{Note: in.Note, Report: in.Report})
	}
	s.writeResearch(w, r, http.StatusOK, id, err)
}

// milestoneInput is the body of POST …/milestones (title, due_on) and of PATCH
// …/milestones/{milestone_id} (done_on, "" to take it back).
type milestoneInput struct {
	Title  string `json:"title"`
	DueOn  string `json:"due_on"`
	DoneOn string `json:"done_on"`
}

func (s *Server) apiAddMilestone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in milestoneInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil {
		_, err = s.st.AddMilestone(r.Context(), actor(r), id, lvzhi.ResearchMilestone{Title: in.Title, DueOn: in.DueOn, DoneOn: in.DoneOn})
	}
	s.writeResearch(w, r, http.StatusCreated, id, err)
}

func (s *Server) apiCompleteMilestone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in milestoneInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil {
		err = s.st.CompleteMilestone(r.Context(), actor(r), id, formID(r.PathValue("milestone_id")), in.DoneOn)
	}
	s.writeResearch(w, r, http.StatusOK, id, err)
}

func (s *Server) apiListResearchEvents(w http.ResponseWriter, r *http.Request) {
	s.writeEvents(w, r, s.st.ResearchHistory)
}
