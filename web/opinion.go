package web

import (
	"net/http"
	"net/url"
	"strconv"

	"lvzhi"
	"lvzhi/store"
)

// opinionLabel is the template function "opinion": the Chinese name of a report's state
// ("state"), action ("action"), author kind ("kind"), forwarding destination ("to"),
// adoption level ("level") and mode ("mode"), and the badge colour of a state ("badge").
func opinionLabel(what, key string) string {
	switch what {
	case "state":
		return lvzhi.OpinionWorkflow.StateLabel[key]
	case "action":
		return lvzhi.OpinionWorkflow.ActionLabel[key]
	case "kind":
		return lvzhi.OpinionKindLabel[key]
	case "to":
		return lvzhi.ForwardToLabel[key]
	case "level":
		return lvzhi.AdoptLevelLabel[key]
	case "mode":
		return lvzhi.AdoptModeLabel[key]
	case "badge":
		switch key {
		case lvzhi.OpinionDraft, lvzhi.OpinionReturned:
			return "badge-draft"
		case lvzhi.OpinionReceived, lvzhi.OpinionEditing:
			return "badge-review"
		case lvzhi.OpinionCompiled:
			return "badge-handling"
		case lvzhi.OpinionForwarded:
			return "badge-replied"
		}
		return "badge-left"
	}
	return key
}

// opinionStates are the states in the order the filters offer them.
var opinionStates = []string{lvzhi.OpinionReceived, lvzhi.OpinionEditing, lvzhi.OpinionCompiled, lvzhi.OpinionForwarded,
	lvzhi.OpinionNotUsed, lvzhi.OpinionReturned, lvzhi.OpinionWithdrawn, lvzhi.OpinionDraft}

// opinionListPage is the data of the report list: a member's own reports and what became of
// them, the office's intake queue and registers, a leader's overview — one page, filtered.
type opinionListPage struct {
	Layout
	Pager
	Opinions []lvzhi.Opinion
	Filter   lvzhi.OpinionFilter
	Office   bool // the office's or a leader's view: filters and the committee's reports
	States   []string
	Kinds    []string
}

// opinionFilter reads a report filter from a query string; the pages and the API share it.
func opinionFilter(q url.Values) lvzhi.OpinionFilter {
	f := lvzhi.OpinionFilter{State: q.Get("state"), Kind: q.Get("kind"), Q: q.Get("q"), From: q.Get("from"), To: q.Get("to"),
		AuthorID: formID(q.Get("author_id")), GroupID: formID(q.Get("group_id")), IssueID: formID(q.Get("issue_id")),
		OriginID: formID(q.Get("origin_proposal_id"))}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.PerPage, _ = strconv.Atoi(q.Get("per_page"))
	return f
}

func (s *Server) handleOpinionList(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	p := opinionListPage{Layout: s.layout(r, "opinions.mine"), Filter: opinionFilter(r.URL.Query()), States: opinionStates,
		Kinds:  []string{lvzhi.OpinionIndividual, lvzhi.OpinionJoint, lvzhi.OpinionGroup, lvzhi.OpinionLower},
		Office: lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID})}
	if p.Office {
		p.Title = "opinions.title"
	}
	list, total, err := s.st.ListOpinions(r.Context(), a, p.Filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Opinions, p.Pager = list, newPager("/opinions", r.URL.Query(), p.Filter.Paging, total)
	s.render(w, r, http.StatusOK, "opinions", p)
}

// opinionFormPage is the data of the new and edit report forms.
type opinionFormPage struct {
	Layout
	Opinion  lvzhi.Opinion
	Settings lvzhi.OpinionSettings
	Staff    bool
	Members  []lvzhi.Member    // co-author choices
	Groups   []lvzhi.OrgUnit   // staff: parties, sectors, special committees
	Lower    []lvzhi.Committee // staff: the committees below
	Errors   map[string]string
	Error    string
	Action   string
}

// HasCoAuthor reports whether member id is among the form's co-authors.
func (p opinionFormPage) HasCoAuthor(id int64) bool {
	for _, c := range p.Opinion.CoAuthors {
		if c == id {
			return true
		}
	}
	return false
}

// opinionFromForm reads the report form. A member's report with co-authors is joint.
func opinionFromForm(r *http.Request) lvzhi.Opinion {
	r.ParseForm()
	o := lvzhi.Opinion{Kind: r.FormValue("kind"), Title: r.FormValue("title"), Body: r.FormValue("body"),
		SubmitterID: formID(r.FormValue("submitter_id")), GroupID: formID(r.FormValue("group_id")),
		SourceCommitteeID: formID(r.FormValue("source_committee_id"))}
	for _, v := range r.Form["co_authors"] {
		if id := formID(v); id != 0 {
			o.CoAuthors = append(o.CoAuthors, id)
		}
	}
	if o.Kind == "" || o.Kind == lvzhi.OpinionIndividual || o.Kind == lvzhi.OpinionJoint {
		o.Kind = lvzhi.OpinionIndividual
		if len(o.CoAuthors) > 0 {
			o.Kind = lvzhi.OpinionJoint
		}
	}
	return o
}

func (s *Server) opinionForm(w http.ResponseWriter, r *http.Request, status int, o lvzhi.Opinion, err error) {
	a, ctx := actor(r), r.Context()
	p := opinionFormPage{Layout: s.layout(r, "opinion.new"), Opinion: o, Action: "/opinions", Staff: a.Has(lvzhi.RoleStaff)}
	if o.ID != 0 {
		p.Title, p.TitleArg, p.Action = "opinion.edit", o.Title, "/opinions/"+strconv.FormatInt(o.ID, 10)
	}
	if err != nil {
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	}
	var oerr error
	if p.Settings, oerr = s.st.OpinionSettings(ctx, a.CommitteeID); oerr == nil && o.ID == 0 {
		p.Members, _, oerr = s.st.ListMembers(ctx, a, lvzhi.MemberFilter{CommitteeID: a.CommitteeID, State: lvzhi.MemberServing, Paging: lvzhi.Paging{PerPage: 500}})
	}
	if oerr == nil && p.Staff && o.ID == 0 {
		for _, k := range []lvzhi.OrgUnitKind{lvzhi.OrgParty, lvzhi.OrgSector, lvzhi.OrgSpecialCommittee} {
			units, err := s.st.OrgUnits(ctx, a, a.CommitteeID, k)
			if err != nil {
				oerr = err
				break
			}
			p.Groups = append(p.Groups, units...)
		}
		all, err := s.st.Committees(ctx)
		for _, c := range all {
			if c.ParentID == a.CommitteeID {
				p.Lower = append(p.Lower, c)
			}
		}
		if oerr == nil {
			oerr = err
		}
	}
	if oerr != nil {
		s.fail(w, r, oerr)
		return
	}
	s.render(w, r, status, "opinionform", p)
}

func (s *Server) handleOpinionNew(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID, MemberID: a.MemberID}); err != nil {
		s.fail(w, r, err)
		return
	}
	s.opinionForm(w, r, http.StatusOK, lvzhi.Opinion{Kind: lvzhi.OpinionIndividual}, nil)
}

func (s *Server) handleCreateOpinion(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	o, err := s.st.CreateOpinion(ctx, a, opinionFromForm(r))
	if err == nil && r.FormValue("then") == "submit" {
		if _, err = s.st.ActOpinion(ctx, a, o.ID, "submit", lvzhi.OpinionActionInput{}); err != nil {
			s.opinionForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), o, err) // the draft is kept
			return
		}
	}
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		s.opinionForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), opinionFromForm(r), err)
		return
	}
	http.Redirect(w, r, "/opinions/"+strconv.FormatInt(o.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

func (s *Server) handleOpinionEdit(w http.ResponseWriter, r *http.Request) {
	o, err := s.st.Opinion(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.opinionForm(w, r, http.StatusOK, o, nil)
}

// handleUpdateOpinion saves the submitter's changes of a draft or a returned report, and
// submits it when asked.
func (s *Server) handleUpdateOpinion(w http.ResponseWriter, r *http.Request) {
	a, ctx, id := actor(r), r.Context(), formID(r.PathValue("id"))
	o := opinionFromForm(r)
	o.ID = id
	err := s.st.UpdateOpinion(ctx, a, o)
	if err == nil && r.FormValue("then") == "submit" {
		var cur lvzhi.Opinion
		if cur, err = s.st.Opinion(ctx, a, id); err == nil {
			action := "submit"
			if cur.State == lvzhi.OpinionReturned {
				action = "resubmit"
			}
			_, err = s.st.ActOpinion(ctx, a, id, action, lvzhi.OpinionActionInput{})
		}
	}
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		s.opinionForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), o, err)
		return
	}
	http.Redirect(w, r, "/opinions/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
}

// similarOpinionsPart is the data of the near-duplicate hints fragment.
type similarOpinionsPart struct {
	Layout
	Similar []store.SimilarRecord
}

// handleSimilarOpinions answers the submission form as the member types (htmx): earlier
// reports and proposals like the text so far.
func (s *Server) handleSimilarOpinions(w http.ResponseWriter, r *http.Request) {
	text := r.FormValue("title") + "\n" + r.FormValue("body")
	similar, err := s.st.SimilarOpinions(r.Context(), actor(r), text, formID(r.FormValue("id")), 0.3, 6)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderPart(w, r, http.StatusOK, "opinionform", "similaropinions", similarOpinionsPart{Layout: s.layout(r, "opinion.similar"), Similar: similar})
}

// StaffKinds are the author kinds the office may enter (joint follows from co-authors).
func (opinionFormPage) StaffKinds() []string {
	return []string{lvzhi.OpinionIndividual, lvzhi.OpinionGroup, lvzhi.OpinionLower}
}

// opinionOfProposal is the report a converted proposal became, 0 when the user may not read
// it (a member reads only their own reports; the proposal is the committee's).
func (s *Server) opinionOfProposal(r *http.Request, proposalID int64) int64 {
	a := actor(r)
	f := lvzhi.OpinionFilter{OriginID: proposalID, Paging: lvzhi.Paging{PerPage: 1}}
	if !lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID}) && a.MemberID == 0 {
		return 0
	}
	list, _, err := s.st.ListOpinions(r.Context(), a, f)
	if err != nil || len(list) == 0 {
		return 0
	}
	return list[0].ID
}
