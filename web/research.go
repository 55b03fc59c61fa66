package web

import (
	"net/http"
	"strconv"

	"lvzhi"
)

// Key research topics (重点调研课题): the year's list, a topic's page with its team, schedule,
// final report and attachments, and the form that sets a topic and its team.

// researchListPage is the data of the year's research topics.
type researchListPage struct {
	Layout
	Year   int
	Years  []int
	Topics []lvzhi.ResearchTopic
	Total  int
}

func (s *Server) handleResearchList(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	p := researchListPage{Layout: s.layout(r, "research.title")}
	p.Year, _ = strconv.Atoi(r.URL.Query().Get("year"))
	this := s.st.Now().In(lvzhi.China).Year()
	if p.Year == 0 {
		p.Year = this
	}
	p.Years = []int{this + 1, this, this - 1, this - 2}
	var err error
	p.Topics, p.Total, err = s.st.ListResearchTopics(r.Context(), a, lvzhi.ResearchFilter{CommitteeID: a.CommitteeID, Year: p.Year, Paging: lvzhi.Paging{PerPage: 200}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "research", p)
}

// researchPage is the data of a topic's page.
type researchPage struct {
	Layout
	Topic        lvzhi.ResearchTopic
	Actions      []string
	CanEdit      bool
	History      []lvzhi.Event
	Instructions InstructionsPart // leaders' instructions on the topic's final report
	Attachments  AttachmentsPart
	Errors       map[string]string
	Error        string
}

// RoleLabel names a team role.
func (researchPage) RoleLabel(role string) string { return lvzhi.ResearchRoleLabel[role] }

func (s *Server) researchPage(r *http.Request, id int64) (researchPage, error) {
	a, ctx := actor(r), r.Context()
	p := researchPage{Layout: s.layout(r, "research.topic")}
	var err error
	if p.Topic, err = s.st.ResearchTopic(ctx, a, id); err != nil {
		return p, err
	}
	p.TitleArg = p.Topic.Title
	if lvzhi.Can(a, lvzhi.ActionChange, p.Topic.Target()) {
		p.Actions = lvzhi.ResearchWorkflow.Allowed(p.Topic.State)
	}
	open := p.Topic.State != lvzhi.ResearchCompleted && p.Topic.State != lvzhi.ResearchCancelled
	p.CanEdit = open && lvzhi.Can(a, lvzhi.ActionUpdate, p.Topic.Target())
	if p.Instructions, err = s.instructionsPart(r, lvzhi.KindResearchTopic, id); err != nil {
		return p, err
	}
	if p.Attachments, err = s.attachmentsPart(r, lvzhi.KindResearchTopic, id); err != nil {
		return p, err
	}
	p.History, err = s.st.ResearchHistory(ctx, a, id)
	return p, err
}

func (s *Server) handleResearchPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.researchPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "researchtopic", p)
}

// researchFailed shows the topic again with the message of a refused action or form.
func (s *Server) researchFailed(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	p, perr := s.researchPage(r, id)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "researchtopic", p)
}

func researchPath(id int64, ok string) string {
	return "/research-topics/" + strconv.FormatInt(id, 10) + "?ok=" + ok
}

func (s *Server) handleResearchAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	in := lvzhi.ResearchActionInput{Note: r.FormValue("note"), Report: r.FormValue("report")}
	if _, err := s.st.ActResearch(r.Context(), actor(r), id, r.PathValue("action"), in); err != nil {
		s.researchFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, researchPath(id, "done"), http.StatusSeeOther)
}

func (s *Server) handleAddMilestone(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	m := lvzhi.ResearchMilestone{Title: r.FormValue("title"), DueOn: r.FormValue("due_on")}
	if _, err := s.st.AddMilestone(r.Context(), actor(r), id, m); err != nil {
		s.researchFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, researchPath(id, "saved"), http.StatusSeeOther)
}

func (s *Server) handleCompleteMilestone(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if err := s.st.CompleteMilestone(r.Context(), actor(r), id, formID(r.PathValue("milestone")), r.FormValue("done_on")); err != nil {
		s.researchFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, researchPath(id, "saved"), http.StatusSeeOther)
}

// researchFormPage is the data of the form that sets a topic and its team.
type researchFormPage struct {
	Layout
	Topic       lvzhi.ResearchTopic
	Members     []lvzhi.Member
	Departments []lvzhi.OrgUnit
	PlanItems   []lvzhi.PlanItem
	Action      string
	Errors      map[string]string
	Error       string
}

// InTeam reports whether member id is in the topic's team with role ("" for any role).
func (p researchFormPage) InTeam(id int64, role string) bool {
	for _, m := range p.Topic.Team {
		if m.MemberID == id && (role == "" || m.Role == role) {
			return true
		}
	}
	return false
}

func (s *Server) renderResearchForm(w http.ResponseWriter, r *http.Request, status int, p researchFormPage, err error) {
	a, ctx := actor(r), r.Context()
	var oerr error
	if p.Members, _, oerr = s.st.ListMembers(ctx, a, lvzhi.MemberFilter{CommitteeID: a.CommitteeID, State: lvzhi.MemberServing, Paging: lvzhi.Paging{PerPage: 500}}); oerr == nil {
		if p.Departments, oerr = s.st.OrgUnits(ctx, a, a.CommitteeID, lvzhi.OrgDepartment); oerr == nil {
			p.PlanItems, _, oerr = s.st.ListPlanItems(ctx, a, lvzhi.PlanFilter{CommitteeID: a.CommitteeID, Year: p.Topic.Year, Paging: lvzhi.Paging{PerPage: 500}})
		}
	}
	if oerr != nil {
		s.fail(w, r, oerr)
		return
	}
	if err != nil {
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	}
	s.render(w, r, status, "researchform", p)
}

// researchFromForm reads the topic form: the lead is one member, the team the others ticked.
func researchFromForm(r *http.Request) lvzhi.ResearchTopic {
	r.ParseForm()
	year, _ := strconv.Atoi(r.FormValue("year"))
	t := lvzhi.ResearchTopic{Year: year, Title: r.FormValue("title"), Description: r.FormValue("description"),
		LeadLeader: r.FormValue("lead_leader"), DepartmentID: formID(r.FormValue("department_id")), PlanItemID: formID(r.FormValue("plan_item_id"))}
	lead := formID(r.FormValue("team_lead"))
	if lead != 0 {
		t.Team = append(t.Team, lvzhi.ResearchMember{MemberID: lead, Role: lvzhi.ResearchLead})
	}
	for _, v := range r.Form["team"] {
		if id := formID(v); id != 0 && id != lead {
			t.Team = append(t.Team, lvzhi.ResearchMember{MemberID: id, Role: lvzhi.ResearchTeamMember})
		}
	}
	return t
}

func (s *Server) handleResearchNew(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindResearchTopic, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	t := lvzhi.ResearchTopic{Year: s.st.Now().In(lvzhi.China).Year()}
	s.renderResearchForm(w, r, http.StatusOK, researchFormPage{Layout: s.layout(r, "research.new"), Topic: t, Action: "/research-topics"}, nil)
}

func (s *Server) handleResearchEdit(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	t, err := s.st.ResearchTopic(r.Context(), actor(r), id)
	if err == nil {
		err = lvzhi.Authorize(actor(r), lvzhi.ActionUpdate, t.Target())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderResearchForm(w, r, http.StatusOK, researchFormPage{Layout: s.layout(r, "research.edit"), Topic: t, Action: "/research-topics/" + strconv.FormatInt(id, 10)}, nil)
}

// handleSaveResearch creates a topic (POST /research-topics) or saves one (POST /research-topics/{id}).
func (s *Server) handleSaveResearch(w http.ResponseWriter, r *http.Request) {
	in := researchFromForm(r)
	in.ID = formID(r.PathValue("id"))
	t, err := s.st.SaveResearchTopic(r.Context(), actor(r), in)
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		action, title := "/research-topics", "research.new"
		if in.ID != 0 {
			action, title = "/research-topics/"+strconv.FormatInt(in.ID, 10), "research.edit"
		}
		s.renderResearchForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), researchFormPage{Layout: s.layout(r, title), Topic: in, Action: action}, err)
		return
	}
	http.Redirect(w, r, researchPath(t.ID, "saved"), http.StatusSeeOther)
}
