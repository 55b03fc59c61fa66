package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
	"lvzhi/store"
	"lvzhi/textsim"
)

// proposalPage is the data of a proposal's record page.
type proposalPage struct {
	Layout
	proposalOptions
	store.ProposalDetail
	Actions  []string // the actions this user may take now: one form each
	Invited  bool     // the user is asked to co-sign and has not answered
	Similar  []store.SimilarProposal
	Suggest  store.Suggestions // units and category similar earlier proposals had, for assigning
	Members  []lvzhi.Member    // co-signer choices for the lead proposer
	Leaders  []lvzhi.User      // supervisor choices for a key proposal
	Errors   map[string]string
	Error    string
	Overdue  bool
	DaysLeft int

	Attachments  AttachmentsPart  // the proposal's files
	Instructions InstructionsPart // leaders' instructions on it, for those who may see them
	Opinion      int64            // the opinion report it was converted into, when the user may read it
}

func (s *Server) proposalPage(r *http.Request, id int64) (proposalPage, error) {
	a, ctx := actor(r), r.Context()
	p := proposalPage{Layout: s.layout(r, "proposal.title")}
	var err error
	if p.ProposalDetail, err = s.st.ProposalDetail(ctx, a, id); err != nil {
		return p, err
	}
	if p.proposalOptions, err = s.proposalOptions(r); err != nil {
		return p, err
	}
	pr := p.Proposal
	p.TitleArg = pr.Title
	if p.Attachments, err = s.attachmentsPart(r, lvzhi.KindProposal, pr.ID); err != nil {
		return p, err
	}
	if p.Instructions, err = s.instructionsPart(r, lvzhi.KindProposal, pr.ID); err != nil {
		return p, err
	}
	if pr.ConvertedTo == "opinion" { // web/opinion.go
		p.Opinion = s.opinionOfProposal(r, pr.ID)
	}
	for _, act := range append(lvzhi.ProposalWorkflow.Allowed(pr.State), "mark_key", "supervise", "publish", "excellent") {
		if lvzhi.Can(a, lvzhi.Action(act), p.Target) && !containsString(p.Actions, act) {
			p.Actions = append(p.Actions, act)
		}
	}
	for _, c := range p.Cosigners {
		if c.MemberID == a.MemberID && c.State == "invited" && pr.State == lvzhi.ProposalCosigning {
			p.Invited = true
		}
	}
	if pr.State == lvzhi.ProposalHandling && !pr.Deadline.IsZero() {
		left := time.Until(pr.Deadline)
		p.Overdue, p.DaysLeft = left < 0, int(left.Hours()/24)
	}
	if containsString(p.Actions, "merge") { // the reviewer sees the merge candidates
		if p.Similar, err = s.st.SimilarProposals(ctx, a, pr.Title+"\n"+pr.Body, pr.ID, 0.3, 8); err != nil {
			return p, err
		}
	}
	if containsString(p.Actions, "assign") || containsString(p.Actions, "accept") {
		if p.Suggest, err = s.st.SuggestForProposal(ctx, a, pr.Title+"\n"+pr.Body, pr.ID); err != nil {
			return p, err
		}
	}
	if containsString(p.Actions, "invite") {
		term := lvzhi.MemberFilter{CommitteeID: a.CommitteeID, State: lvzhi.MemberServing, Paging: lvzhi.Paging{PerPage: 500}}
		if p.Members, _, err = s.st.ListMembers(ctx, a, term); err != nil {
			return p, err
		}
	}
	if containsString(p.Actions, "mark_key") && lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindUser, CommitteeID: a.CommitteeID}) {
		p.Leaders, _, err = s.st.ListUsers(ctx, a, lvzhi.UserFilter{CommitteeID: a.CommitteeID, Role: lvzhi.RoleLeader, Paging: lvzhi.Paging{PerPage: 100}})
	}
	return p, err
}

func (s *Server) handleProposalPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.proposalPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "proposal", p)
}

// actionInput reads an action's fields from its form.
func actionInput(r *http.Request) lvzhi.ProposalActionInput {
	r.ParseForm()
	in := lvzhi.ProposalActionInput{
		Note: r.FormValue("note"), Reasons: r.Form["reasons"], MergeInto: formID(r.FormValue("merge_into")),
		ConvertTo: r.FormValue("convert_to"), Mode: r.FormValue("mode"), ExtensionID: formID(r.FormValue("extension_id")),
		Way: r.FormValue("way"), OnDate: r.FormValue("on_date"), Class: r.FormValue("class"), Body: r.FormValue("body"),
		Result: r.FormValue("result"), Key: r.FormValue("key") == "true", SupervisorID: formID(r.FormValue("supervisor_id")),
	}
	for _, id := range r.Form["cosigners"] {
		in.Cosigners = append(in.Cosigners, formID(id))
	}
	in.CosignDeadline = formDate(r.FormValue("cosign_deadline")).Add(24*time.Hour - time.Second) // the whole day
	in.Until = formDate(r.FormValue("until"))
	if lead := formID(r.FormValue("unit_lead")); lead != 0 {
		in.Units = append(in.Units, lvzhi.ProposalUnit{UnitID: lead, Role: lvzhi.UnitLead})
	}
	for _, role := range []string{lvzhi.UnitJoint, lvzhi.UnitAssist} {
		for _, id := range r.Form["unit_"+role] {
			if u := formID(id); u != 0 {
				in.Units = append(in.Units, lvzhi.ProposalUnit{UnitID: u, Role: role})
			}
		}
	}
	return in
}

// formDate reads a YYYY-MM-DD field as the start of that day in China; zero when empty or wrong.
func formDate(v string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", v, lvzhi.China)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

func (s *Server) handleProposalAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	_, err := s.st.ActProposal(r.Context(), actor(r), id, r.PathValue("action"), actionInput(r))
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		// Show the record again with the message and the action's form as typed.
		p, perr := s.proposalPage(r, id)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
		s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "proposal", p)
		return
	}
	http.Redirect(w, r, "/proposals/"+strconv.FormatInt(id, 10)+"?ok=done", http.StatusSeeOther)
}

func (s *Server) handleProposalCosign(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if err := s.st.RespondCosign(r.Context(), actor(r), id, r.FormValue("confirm") == "true"); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/proposals/"+strconv.FormatInt(id, 10)+"?ok=done", http.StatusSeeOther)
}

// comparePage is the side-by-side view of two proposals for a merge decision.
type comparePage struct {
	Layout
	Left, Right lvzhi.Proposal
	Similarity  float64 // exact Jaccard similarity of their character shingles
	CanMerge    bool
}

func (s *Server) handleProposalCompare(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	left, err := s.st.Proposal(ctx, a, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	right, err := s.st.Proposal(ctx, a, formID(r.PathValue("other")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := comparePage{Layout: s.layout(r, "proposal.compare"), Left: left, Right: right,
		Similarity: textsim.Jaccard(left.Title+"\n"+left.Body, right.Title+"\n"+right.Body),
		CanMerge:   left.State == lvzhi.ProposalReview && lvzhi.Can(a, "merge", left.Target())}
	s.render(w, r, http.StatusOK, "proposalcompare", p)
}
