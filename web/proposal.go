package web

import (
	"net/http"
	"net/url"
	"strconv"

	"lvzhi"
	"lvzhi/store"
)

// proposalOptions are the choices of the proposal filters and form.
type proposalOptions struct {
	Sessions      []lvzhi.Session
	Terms         []lvzhi.Term
	Settings      lvzhi.ProposalSettings
	Groups        []lvzhi.OrgUnit // for group proposals entered by staff
	HandlingUnits []lvzhi.OrgUnit // for assignment
	States        []string
	Reasons       []lvzhi.RejectReason
	Kinds         []string
	Staff         bool
	SessionFor    func(int64) string
}

func (s *Server) proposalOptions(r *http.Request) (proposalOptions, error) {
	a := actor(r)
	ctx := r.Context()
	o := proposalOptions{Reasons: lvzhi.RejectReasons, Staff: a.Has(lvzhi.RoleStaff),
		Kinds: []string{lvzhi.ProposalIndividual, lvzhi.ProposalJoint, lvzhi.ProposalGroup}}
	for _, t := range lvzhi.ProposalWorkflow.Table {
		if !containsString(o.States, t.From) {
			o.States = append(o.States, t.From)
		}
	}
	o.States = append(o.States, lvzhi.ProposalClosed, lvzhi.ProposalRejected, lvzhi.ProposalMerged)
	var err error
	if o.Settings, err = s.st.ProposalSettings(ctx, a.CommitteeID); err != nil {
		return o, err
	}
	if o.Terms, err = s.st.Terms(ctx, a, a.CommitteeID); err != nil {
		return o, err
	}
	if o.Sessions, err = s.st.Sessions(ctx, a, a.CommitteeID); err != nil {
		return o, err
	}
	terms := map[int64]lvzhi.Term{}
	for _, t := range o.Terms {
		terms[t.ID] = t
	}
	names := map[int64]string{}
	for _, ss := range o.Sessions {
		names[ss.ID] = terms[ss.TermID].Name() + ss.Name()
	}
	o.SessionFor = func(id int64) string { return names[id] }
	if o.Staff {
		for _, k := range []lvzhi.OrgUnitKind{lvzhi.OrgSector, lvzhi.OrgParty, lvzhi.OrgSpecialCommittee, lvzhi.OrgActivityGroup} {
			units, err := s.st.OrgUnits(ctx, a, a.CommitteeID, k)
			if err != nil {
				return o, err
			}
			o.Groups = append(o.Groups, units...)
		}
		if o.HandlingUnits, err = s.st.OrgUnits(ctx, a, a.CommitteeID, lvzhi.OrgHandlingUnit); err != nil {
			return o, err
		}
	}
	return o, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// proposalListPage is the data of the proposal list: the staff's review queue and registers,
// a member's "my proposals", a unit's inbox — one page, filtered.
type proposalListPage struct {
	Layout
	proposalOptions
	Pager
	Proposals []lvzhi.Proposal
	Filter    lvzhi.ProposalFilter
	Mine      bool
	More      int // a search found more than this many: the total was not counted further
}

// proposalFilter reads a proposal filter from a query string; the pages and the API share it.
func proposalFilter(a lvzhi.Actor, q url.Values) lvzhi.ProposalFilter {
	f := lvzhi.ProposalFilter{CommitteeID: a.CommitteeID, State: q.Get("state"), Category: q.Get("category"), Q: q.Get("q"),
		SessionID: formID(q.Get("session_id")), UnitID: formID(q.Get("unit_id")), ProposerID: formID(q.Get("proposer_id")),
		Overdue: q.Get("overdue") == "true"}
	if v := q.Get("key"); v != "" {
		b := v == "true"
		f.Key = &b
	}
	if q.Get("mine") == "true" {
		f.ProposerID = a.MemberID
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.PerPage, _ = strconv.Atoi(q.Get("per_page"))
	return f
}

func (s *Server) handleProposalList(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	p := proposalListPage{Layout: s.layout(r, "proposals.title"), Filter: proposalFilter(a, r.URL.Query()), Mine: r.URL.Query().Get("mine") == "true"}
	if p.Mine {
		p.Title = "proposals.mine"
	}
	var err error
	if p.proposalOptions, err = s.proposalOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	list, total, err := s.st.ListProposals(r.Context(), a, p.Filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Proposals, p.Pager = list, newPager("/proposals", r.URL.Query(), p.Filter.Paging, total)
	if total > store.SearchCountCap {
		p.More = store.SearchCountCap
	}
	s.render(w, r, http.StatusOK, "proposals", p)
}

// proposalFormPage is the data of the new and edit proposal forms.
type proposalFormPage struct {
	Layout
	proposalOptions
	Proposal lvzhi.Proposal
	Errors   map[string]string
	Error    string
	Action   string
}

// proposalFromForm reads the proposal form.
func proposalFromForm(r *http.Request) lvzhi.Proposal {
	return lvzhi.Proposal{
		Kind: r.FormValue("kind"), SessionID: formID(r.FormValue("session_id")), Title: r.FormValue("title"),
		Category: r.FormValue("category"), Body: r.FormValue("body"), SuggestedUnits: r.FormValue("suggested_units"),
		PublishConsent: r.FormValue("publish_consent") == "on", Between: r.FormValue("between_sessions") == "on",
		ProposerID: formID(r.FormValue("proposer_id")), GroupID: formID(r.FormValue("group_id")), Signer: r.FormValue("signer"),
	}
}

func (s *Server) proposalForm(w http.ResponseWriter, r *http.Request, status int, p lvzhi.Proposal, err error) {
	page := proposalFormPage{Layout: s.layout(r, "proposal.new"), Proposal: p, Action: "/proposals"}
	if p.ID != 0 {
		page.Title, page.TitleArg, page.Action = "proposal.edit", p.Title, "/proposals/"+strconv.FormatInt(p.ID, 10)
	}
	if err != nil {
		page.Errors, page.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	}
	var oerr error
	if page.proposalOptions, oerr = s.proposalOptions(r); oerr != nil {
		s.fail(w, r, oerr)
		return
	}
	if p.SessionID == 0 && len(page.Sessions) > 0 {
		page.Proposal.SessionID = page.Sessions[len(page.Sessions)-1].ID // the newest session
	}
	s.render(w, r, status, "proposalform", page)
}

func (s *Server) handleProposalNew(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err) // the form is of no use to those who may not submit it
		return
	}
	s.proposalForm(w, r, http.StatusOK, lvzhi.Proposal{Kind: lvzhi.ProposalIndividual, PublishConsent: true}, nil)
}

func (s *Server) handleCreateProposal(w http.ResponseWriter, r *http.Request) {
	p, err := s.st.CreateProposal(r.Context(), actor(r), proposalFromForm(r))
	if err == nil && r.FormValue("then") == "submit" {
		_, err = s.st.ActProposal(r.Context(), actor(r), p.ID, "submit", lvzhi.ProposalActionInput{})
		if err != nil { // the draft is saved; show the problem on its edit form
			s.proposalForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), p, err)
			return
		}
	}
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		s.proposalForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), proposalFromForm(r), err)
		return
	}
	http.Redirect(w, r, "/proposals/"+strconv.FormatInt(p.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

func (s *Server) handleProposalEdit(w http.ResponseWriter, r *http.Request) {
	p, err := s.st.Proposal(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.proposalForm(w, r, http.StatusOK, p, nil)
}

func (s *Server) handleUpdateProposal(w http.ResponseWriter, r *http.Request) {
	a, ctx, id := actor(r), r.Context(), formID(r.PathValue("id"))
	p := proposalFromForm(r)
	p.ID = id
	err := s.st.UpdateProposal(ctx, a, p)
	if err == nil && r.FormValue("then") == "submit" {
		var cur lvzhi.Proposal
		if cur, err = s.st.Proposal(ctx, a, id); err == nil {
			action := "submit"
			if cur.State == lvzhi.ProposalReturned {
				action = "resubmit"
			}
			_, err = s.st.ActProposal(ctx, a, id, action, lvzhi.ProposalActionInput{})
		}
	}
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		s.proposalForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), p, err)
		return
	}
	http.Redirect(w, r, "/proposals/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
}

// similarPart is the data of the similar-proposals fragment.
type similarPart struct {
	Layout
	Similar     []store.SimilarProposal
	Suggestions store.Suggestions // category and units that similar earlier proposals had
}

// handleSimilarProposals answers the submission form as the member types (htmx): earlier
// proposals like the text so far, with how they were handled.
func (s *Server) handleSimilarProposals(w http.ResponseWriter, r *http.Request) {
	text := r.FormValue("title") + "\n" + r.FormValue("body")
	similar, err := s.st.SimilarProposals(r.Context(), actor(r), text, formID(r.FormValue("id")), 0.3, 8)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sug, err := s.st.SuggestForProposal(r.Context(), actor(r), text, formID(r.FormValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderPart(w, r, http.StatusOK, "proposalform", "similar", similarPart{Layout: s.layout(r, "proposal.similar"), Similar: similar, Suggestions: sug})
}
