package web

import (
	"net/http"
	"strconv"

	"lvzhi"
)

// What an activity produced: the speeches given at it, its minutes (纪要) and the
// recommendations (建议案) sent to the party committee or the government, each with its page,
// where leaders' instructions (批示) and attachments hang.

// activityOutcomesPage is the data of an activity's speeches and outcomes.
type activityOutcomesPage struct {
	Layout
	Activity  lvzhi.Activity
	PlanItem  int64 // the plan item the activity carries out, if any
	Speeches  []lvzhi.Speech
	Outcomes  []lvzhi.Outcome
	Members   []lvzhi.Member // for recording a speech
	CanSpeech bool
	CanWrite  bool
	Errors    map[string]string
	Error     string
}

// KindLabel names an outcome kind.
func (activityOutcomesPage) KindLabel(k string) string { return lvzhi.OutcomeKindLabel[k] }

func (s *Server) activityOutcomesPage(r *http.Request, activityID int64) (activityOutcomesPage, error) {
	a, ctx := actor(r), r.Context()
	p := activityOutcomesPage{Layout: s.layout(r, "outcome.activity")}
	var err error
	if p.Activity, err = s.st.Activity(ctx, a, activityID); err != nil {
		return p, err
	}
	p.TitleArg = p.Activity.Title
	if lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindConsultationPlan, CommitteeID: a.CommitteeID}) {
		if p.PlanItem, err = s.st.PlanItemOfActivity(ctx, a, activityID); err != nil {
			return p, err
		}
	}
	if p.Speeches, _, err = s.st.ListSpeeches(ctx, a, lvzhi.SpeechFilter{CommitteeID: a.CommitteeID, Kind: lvzhi.SpeechActivity, ActivityID: activityID, Paging: lvzhi.Paging{PerPage: 500}}); err != nil {
		return p, err
	}
	if lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindOutcome, CommitteeID: a.CommitteeID}) {
		if p.Outcomes, err = s.st.ListOutcomes(ctx, a, a.CommitteeID, activityID); err != nil {
			return p, err
		}
	}
	p.CanWrite = lvzhi.Can(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindOutcome, CommitteeID: a.CommitteeID})
	p.CanSpeech = a.Has(lvzhi.RoleStaff) && lvzhi.Can(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindSpeech, CommitteeID: a.CommitteeID})
	if p.CanSpeech {
		p.Members, _, err = s.st.ListMembers(ctx, a, lvzhi.MemberFilter{CommitteeID: a.CommitteeID, State: lvzhi.MemberServing, Paging: lvzhi.Paging{PerPage: 500}})
	}
	return p, err
}

func (s *Server) handleActivityOutcomes(w http.ResponseWriter, r *http.Request) {
	p, err := s.activityOutcomesPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "activityoutcomes", p)
}

// activityOutcomesFailed shows the activity's outcomes page again with the form's message.
func (s *Server) activityOutcomesFailed(w http.ResponseWriter, r *http.Request, activityID int64, err error) {
	p, perr := s.activityOutcomesPage(r, activityID)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "activityoutcomes", p)
}

func (s *Server) handleCreateOutcome(w http.ResponseWriter, r *http.Request) {
	activityID := formID(r.FormValue("activity_id"))
	o, err := s.st.SaveOutcome(r.Context(), actor(r), lvzhi.Outcome{ActivityID: activityID, Kind: r.FormValue("kind"),
		Title: r.FormValue("title"), Body: r.FormValue("body")})
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); (c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict) || activityID == 0 {
			s.fail(w, r, err)
			return
		}
		s.activityOutcomesFailed(w, r, activityID, err)
		return
	}
	http.Redirect(w, r, outcomePath(o.ID, "saved"), http.StatusSeeOther)
}

// outcomePage is the data of an outcome's page.
type outcomePage struct {
	Layout
	Outcome      lvzhi.Outcome
	Actions      []string
	CanEdit      bool
	Recipients   map[string]string
	Today        string
	Instructions InstructionsPart
	Attachments  AttachmentsPart
	History      []lvzhi.Event
	Errors       map[string]string
	Error        string
}

// KindLabel names an outcome kind.
func (outcomePage) KindLabel(k string) string { return lvzhi.OutcomeKindLabel[k] }

func (s *Server) outcomePage(r *http.Request, id int64) (outcomePage, error) {
	a, ctx := actor(r), r.Context()
	p := outcomePage{Layout: s.layout(r, "outcome.item"), Recipients: lvzhi.OutcomeRecipients, Today: s.st.Now().In(lvzhi.China).Format("2006-01-02")}
	var err error
	if p.Outcome, err = s.st.Outcome(ctx, a, id); err != nil {
		return p, err
	}
	p.TitleArg = p.Outcome.Title
	if lvzhi.Can(a, lvzhi.ActionChange, p.Outcome.Target()) {
		p.Actions = lvzhi.OutcomeWorkflow.Allowed(p.Outcome.State)
	}
	p.CanEdit = p.Outcome.State == lvzhi.OutcomeDraft && lvzhi.Can(a, lvzhi.ActionUpdate, p.Outcome.Target())
	if p.Instructions, err = s.instructionsPart(r, lvzhi.KindOutcome, id); err != nil {
		return p, err
	}
	if p.Attachments, err = s.attachmentsPart(r, lvzhi.KindOutcome, id); err != nil {
		return p, err
	}
	p.History, err = s.st.OutcomeHistory(ctx, a, id)
	return p, err
}

func (s *Server) handleOutcomePage(w http.ResponseWriter, r *http.Request) {
	p, err := s.outcomePage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outcome", p)
}

func outcomePath(id int64, ok string) string {
	return "/outcomes/" + strconv.FormatInt(id, 10) + "?ok=" + ok
}

// outcomeFailed shows the outcome again with the message of a refused action or edit.
func (s *Server) outcomeFailed(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	p, perr := s.outcomePage(r, id)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "outcome", p)
}

func (s *Server) handleUpdateOutcome(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	in := lvzhi.Outcome{ID: id, Kind: r.FormValue("kind"), Title: r.FormValue("title"), Body: r.FormValue("body")}
	if _, err := s.st.SaveOutcome(r.Context(), actor(r), in); err != nil {
		s.outcomeFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, outcomePath(id, "saved"), http.StatusSeeOther)
}

func (s *Server) handleOutcomeAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	in := lvzhi.OutcomeActionInput{SentTo: r.FormValue("sent_to"), SentOn: r.FormValue("sent_on"), Note: r.FormValue("note")}
	if _, err := s.st.ActOutcome(r.Context(), actor(r), id, r.PathValue("action"), in); err != nil {
		s.outcomeFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, outcomePath(id, "done"), http.StatusSeeOther)
}
