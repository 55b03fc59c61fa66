package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// opinionPage is the data of a report's page: for its author, the text and what became of it
// (state, the reason it was not used, the issue, forwardings, adoptions, instructions); for
// the office, the editor and the decisions too.
type opinionPage struct {
	Layout
	store.OpinionDetail
	Actions      []string // the actions this user may take now: one form each
	Office       bool     // the user sees the editing (versions and their comparison)
	Issues       []store.IssueSummary
	Similar      []store.SimilarRecord // for the editor: earlier reports and proposals like this one
	Instructions InstructionsPart
	Attachments  AttachmentsPart
	Settings     lvzhi.OpinionSettings
	CanEdit      bool // the submitter may still change the text
	Errors       map[string]string
	Error        string
	Today        string
}

// Levels are the adoption form's levels.
func (opinionPage) Levels() []string {
	return []string{lvzhi.AdoptCity, lvzhi.AdoptProvince, lvzhi.AdoptNational}
}

// Modes are the national adoption modes.
func (opinionPage) Modes() []string { return []string{lvzhi.AdoptSingle, lvzhi.AdoptCombined} }

// Destinations are where a compiled report is forwarded.
func (opinionPage) Destinations() []string {
	return []string{lvzhi.ForwardPartyCommittee, lvzhi.ForwardGovernment, lvzhi.ForwardHigherCommittee}
}

func (s *Server) opinionPage(r *http.Request, id int64) (opinionPage, error) {
	a, ctx := actor(r), r.Context()
	p := opinionPage{Layout: s.layout(r, "opinion.title"), Today: time.Now().In(lvzhi.China).Format("2006-01-02")}
	var err error
	if p.OpinionDetail, err = s.st.OpinionDetail(ctx, a, id); err != nil {
		return p, err
	}
	o := p.Opinion
	p.TitleArg = o.Title
	p.Office = lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID})
	for _, act := range lvzhi.OpinionWorkflow.Allowed(o.State) {
		if lvzhi.Can(a, lvzhi.Action(act), p.Target) && !containsString(p.Actions, act) {
			p.Actions = append(p.Actions, act)
		}
	}
	p.CanEdit = (o.State == lvzhi.OpinionDraft || o.State == lvzhi.OpinionReturned) && lvzhi.Can(a, lvzhi.ActionUpdate, p.Target)
	if containsString(p.Actions, "compile") {
		if p.Issues, err = s.st.ListIssues(ctx, a, time.Now().In(lvzhi.China).Year()); err != nil {
			return p, err
		}
	}
	if containsString(p.Actions, "edit") { // the editor checks for the same matter reported before
		if p.Similar, err = s.st.SimilarOpinions(ctx, a, o.Title+"\n"+o.Body, o.ID, 0.3, 6); err != nil {
			return p, err
		}
	}
	if p.Settings, err = s.st.OpinionSettings(ctx, a.CommitteeID); err != nil {
		return p, err
	}
	if p.Instructions, err = s.instructionsPart(r, lvzhi.KindOpinion, id); err != nil {
		return p, err
	}
	p.Attachments, err = s.attachmentsPart(r, lvzhi.KindOpinion, id)
	return p, err
}

func (s *Server) handleOpinionPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.opinionPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "opinion", p)
}

// opinionActionInput reads an action's fields from its form.
func opinionActionInput(r *http.Request) lvzhi.OpinionActionInput {
	in := lvzhi.OpinionActionInput{Note: r.FormValue("note"), Title: r.FormValue("title"), Body: r.FormValue("body"),
		IssueID: formID(r.FormValue("issue_id")), To: r.FormValue("to"), OnDate: r.FormValue("on_date"),
		Adoption: lvzhi.Adoption{Level: r.FormValue("level"), Mode: r.FormValue("mode"), Body: r.FormValue("adopted_by"),
			OnDate: r.FormValue("on_date"), Note: r.FormValue("note")}}
	if in.Adoption.Level != lvzhi.AdoptNational {
		in.Adoption.Mode = ""
	}
	if in.IssueID == 0 && r.FormValue("issue_signer") != "" {
		in.NewIssue = &lvzhi.Issue{Signer: r.FormValue("issue_signer"), OnDate: r.FormValue("issue_date"), Title: r.FormValue("issue_title")}
	}
	return in
}

func (s *Server) handleOpinionAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	_, err := s.st.ActOpinion(r.Context(), actor(r), id, r.PathValue("action"), opinionActionInput(r))
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		p, perr := s.opinionPage(r, id)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
		s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "opinion", p)
		return
	}
	http.Redirect(w, r, "/opinions/"+strconv.FormatInt(id, 10)+"?ok=done", http.StatusSeeOther)
}

// opinionVersionsPage is the editor's view of a report's versions: every saved text, and two
// of them side by side with what was deleted and added marked.
type opinionVersionsPage struct {
	Layout
	Opinion  lvzhi.Opinion
	Versions []lvzhi.OpinionVersion
	Diff     store.VersionDiff
}

func (s *Server) handleOpinionVersions(w http.ResponseWriter, r *http.Request) {
	a, ctx, id := actor(r), r.Context(), formID(r.PathValue("id"))
	from, _ := strconv.Atoi(r.URL.Query().Get("from"))
	to, _ := strconv.Atoi(r.URL.Query().Get("to"))
	d, err := s.st.OpinionDiff(ctx, a, id, from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	det, err := s.st.OpinionDetail(ctx, a, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := opinionVersionsPage{Layout: s.layout(r, "opinion.versions"), Opinion: det.Opinion, Versions: det.Versions, Diff: d}
	p.TitleArg = det.Opinion.Title
	s.render(w, r, http.StatusOK, "opinionversions", p)
}
