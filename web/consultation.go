package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/sheet"
)

// The annual consultation plan (年度协商计划): the year's plan by quarter with its figures and
// its XLSX sheet, and an item's page with its actions and activities.

// planOptions are the choices of the plan's filters and forms.
type planOptions struct {
	Types       lvzhi.ActivitySettings // the forms of consultation are the committee's activity types
	Proposers   []lvzhi.OrgUnit        // parties and special committees
	Departments []lvzhi.OrgUnit
	States      []string
	Years       []int
}

func (s *Server) planOptions(r *http.Request) (planOptions, error) {
	a, ctx := actor(r), r.Context()
	o := planOptions{States: lvzhi.PlanStates}
	var err error
	if o.Types, err = s.st.ActivitySettings(ctx, a.CommitteeID); err != nil {
		return o, err
	}
	for _, k := range []lvzhi.OrgUnitKind{lvzhi.OrgParty, lvzhi.OrgSpecialCommittee} {
		units, err := s.st.OrgUnits(ctx, a, a.CommitteeID, k)
		if err != nil {
			return o, err
		}
		o.Proposers = append(o.Proposers, units...)
	}
	if o.Departments, err = s.st.OrgUnits(ctx, a, a.CommitteeID, lvzhi.OrgDepartment); err != nil {
		return o, err
	}
	this := s.st.Now().In(lvzhi.China).Year()
	o.Years = []int{this + 1, this, this - 1, this - 2}
	return o, nil
}

// PlanBadge is the badge colour of a plan state, the same meaning as the proposal badges:
// grey waiting, blue decided, amber under way, green done, grey ended.
func (planOptions) PlanBadge(state string) string {
	switch state {
	case lvzhi.PlanProposed:
		return "badge-draft"
	case lvzhi.PlanApproved:
		return "badge-review"
	case lvzhi.PlanScheduled:
		return "badge-handling"
	case lvzhi.PlanHeld:
		return "badge-replied"
	}
	return "badge-left"
}

// Quarters are the four quarters a plan item may be scheduled in.
func (planOptions) Quarters() []int { return []int{1, 2, 3, 4} }

// Quarter names a quarter as the plan prints it.
func (planOptions) Quarter(q int) string { return lvzhi.QuarterLabel(q) }

// planListPage is the data of the year's plan.
type planListPage struct {
	Layout
	planOptions
	Filter lvzhi.PlanFilter
	Items  []lvzhi.PlanItem
	Stats  lvzhi.PlanStats
	Total  int
}

// planFilter reads the plan's filters; the year defaults to this year (China time).
func (s *Server) planFilter(a lvzhi.Actor, q url.Values) lvzhi.PlanFilter {
	f := lvzhi.PlanFilter{CommitteeID: a.CommitteeID, State: q.Get("state"), Q: q.Get("q"), ProposerID: formID(q.Get("proposer_id"))}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	if f.Year == 0 {
		f.Year = s.st.Now().In(lvzhi.China).Year()
	}
	f.Quarter, _ = strconv.Atoi(q.Get("quarter"))
	f.PerPage = 500 // a year's plan is a few dozen items: one page
	return f
}

func (s *Server) handlePlanList(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	p := planListPage{Layout: s.layout(r, "plan.title"), Filter: s.planFilter(a, r.URL.Query())}
	var err error
	if p.planOptions, err = s.planOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Items, p.Total, err = s.st.ListPlanItems(r.Context(), a, p.Filter); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Stats, err = s.st.PlanStats(r.Context(), a, a.CommitteeID, p.Filter.Year); err != nil {
		s.fail(w, r, err)
		return
	}
	p.TitleArg = strconv.Itoa(p.Filter.Year)
	s.render(w, r, http.StatusOK, "plan", p)
}

// planItemPage is the data of a plan item's page.
type planItemPage struct {
	Layout
	planOptions
	Item       lvzhi.PlanItem
	Actions    []string // the workflow actions this user may take now
	CanLink    bool     // the user may link and create activities (the item is scheduled)
	Candidates []lvzhi.Activity
	Research   []lvzhi.ResearchTopic
	History    []lvzhi.Event
	Errors     map[string]string
	Error      string
	NewStart   string // the create-activity form's default start
}

func (s *Server) planItemPage(r *http.Request, id int64) (planItemPage, error) {
	a, ctx := actor(r), r.Context()
	p := planItemPage{Layout: s.layout(r, "plan.item")}
	var err error
	if p.Item, err = s.st.PlanItem(ctx, a, id); err != nil {
		return p, err
	}
	p.TitleArg = p.Item.Topic
	if p.planOptions, err = s.planOptions(r); err != nil {
		return p, err
	}
	if lvzhi.Can(a, lvzhi.ActionChange, p.Item.Target()) {
		p.Actions = lvzhi.PlanWorkflow.Allowed(p.Item.State)
	}
	held := p.Item.State == lvzhi.PlanScheduled || p.Item.State == lvzhi.PlanHeld
	p.CanLink = held && lvzhi.Can(a, lvzhi.ActionUpdate, p.Item.Target())
	if p.CanLink {
		list, _, err := s.st.ListActivities(ctx, a, lvzhi.ActivityFilter{CommitteeID: a.CommitteeID, Paging: lvzhi.Paging{PerPage: 200}})
		if err != nil {
			return p, err
		}
		linked := map[int64]bool{}
		for _, x := range p.Item.Activities {
			linked[x.ID] = true
		}
		for _, x := range list {
			if !linked[x.ID] && x.State != lvzhi.ActivityCancelled {
				p.Candidates = append(p.Candidates, x)
			}
		}
		p.NewStart = s.st.Now().In(lvzhi.China).AddDate(0, 0, 14).Format("2006-01-02") + "T09:00"
	}
	if p.Research, _, err = s.st.ListResearchTopics(ctx, a, lvzhi.ResearchFilter{CommitteeID: a.CommitteeID, Year: p.Item.Year}); err != nil {
		return p, err
	}
	var mine []lvzhi.ResearchTopic
	for _, rt := range p.Research {
		if rt.PlanItemID == id {
			mine = append(mine, rt)
		}
	}
	p.Research = mine
	p.History, err = s.st.PlanItemHistory(ctx, a, id)
	return p, err
}

func (s *Server) handlePlanItemPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.planItemPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "planitem", p)
}

// planItemFailed shows the item again with the message of a refused action or form, or the
// error page for errors that are not the user's to correct.
func (s *Server) planItemFailed(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	p, perr := s.planItemPage(r, id)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "planitem", p)
}

func planItemPath(id int64, ok string) string {
	return "/plan/" + strconv.FormatInt(id, 10) + "?ok=" + ok
}

func (s *Server) handlePlanItemAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	q, _ := strconv.Atoi(r.FormValue("quarter"))
	in := lvzhi.PlanActionInput{Note: r.FormValue("note"), Quarter: q, LeadLeader: r.FormValue("lead_leader"), DepartmentID: formID(r.FormValue("department_id"))}
	if _, err := s.st.ActPlanItem(r.Context(), actor(r), id, r.PathValue("action"), in); err != nil {
		s.planItemFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, planItemPath(id, "done"), http.StatusSeeOther)
}

func (s *Server) handleLinkPlanActivity(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if err := s.st.LinkPlanActivity(r.Context(), actor(r), id, formID(r.FormValue("activity_id"))); err != nil {
		s.planItemFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, planItemPath(id, "saved"), http.StatusSeeOther)
}

func (s *Server) handleUnlinkPlanActivity(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if err := s.st.UnlinkPlanActivity(r.Context(), actor(r), id, formID(r.PathValue("activity"))); err != nil {
		s.planItemFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, planItemPath(id, "saved"), http.StatusSeeOther)
}

// handleCreatePlanActivity creates a draft activity for the item (its form and topic unless
// changed) and links it; the clerk then invites and publishes it on the activity's page.
func (s *Server) handleCreatePlanActivity(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	start, _ := time.ParseInLocation("2006-01-02T15:04", r.FormValue("starts_at"), lvzhi.China)
	hours, _ := strconv.Atoi(r.FormValue("hours"))
	if hours < 1 {
		hours = 3
	}
	x := lvzhi.Activity{Title: r.FormValue("title"), Type: r.FormValue("type"), Place: r.FormValue("place"),
		OrganiserID: formID(r.FormValue("organiser_id")), CheckinBefore: 60, LateAfter: 10}
	if !start.IsZero() {
		x.StartsAt, x.EndsAt = start.UTC(), start.Add(time.Duration(hours)*time.Hour).UTC()
	}
	if _, err := s.st.CreatePlanActivity(r.Context(), actor(r), id, x); err != nil {
		s.planItemFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, planItemPath(id, "saved"), http.StatusSeeOther)
}

// planSheetColumns are the columns of the plan as the office prints it (年度协商计划表).
var planSheetColumns = []string{"序号", "季度", "协商议题", "提出单位", "协商形式", "牵头领导", "承办部门", "状态", "协商活动"}

// handlePlanExport sends the year's plan as an XLSX sheet: one row per item in the order of
// the page, its activities listed with their dates.
func (s *Server) handlePlanExport(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindConsultationPlan, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	f := s.planFilter(a, r.URL.Query())
	items, _, err := s.st.ListPlanItems(r.Context(), a, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	types, err := s.st.ActivitySettings(r.Context(), a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := planSheet(items, types)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, strconv.Itoa(f.Year)+"年度协商计划.xlsx", b)
}

// planSheet writes the plan's rows into a workbook.
func planSheet(items []lvzhi.PlanItem, types lvzhi.ActivitySettings) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	const name = "协商计划"
	x.SetSheetName("Sheet1", name)
	sw, err := x.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	header, err := sheet.HeaderStyle(x, false)
	if err != nil {
		return nil, err
	}
	text, err := sheet.TextStyle(x)
	if err != nil {
		return nil, err
	}
	if err := sheet.StreamHeader(sw, planSheetColumns, []float64{6, 10, 40, 20, 16, 12, 16, 10, 50}, nil, header, text); err != nil {
		return nil, err
	}
	for i, p := range items {
		var acts []string
		for _, a := range p.Activities {
			line := a.StartsAt.In(lvzhi.China).Format("2006-01-02") + " " + a.Title
			if a.Held {
				line += "(已举办)"
			}
			acts = append(acts, line)
		}
		row := []any{i + 1, lvzhi.QuarterLabel(p.Quarter), p.Topic, p.ProposerName, types.TypeLabel(p.Form), p.LeadLeader, p.DepartmentName,
			lvzhi.PlanWorkflow.StateLabel[p.State], strings.Join(acts, "\n")}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
