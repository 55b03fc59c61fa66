package web

import (
	"net/http"
	"strconv"

	"lvzhi"
)

// Plenary speeches (大会发言): a member submits one in writing from the phone and follows it;
// the office lists a session's speeches and selects them for oral delivery or written
// distribution; the figures count them per member and per sector.

// speechOptions are the choices of the speech forms and filters.
type speechOptions struct {
	Sessions []lvzhi.Session
	Names    map[int64]string // session id → 第十四届第三次会议
	Members  []lvzhi.Member   // staff entering a speech for a member
	Groups   []lvzhi.OrgUnit  // staff entering a group's speech
	States   []string
	Staff    bool
}

func (s *Server) speechOptions(r *http.Request) (speechOptions, error) {
	a, ctx := actor(r), r.Context()
	o := speechOptions{Names: map[int64]string{}, Staff: a.Has(lvzhi.RoleStaff),
		States: []string{lvzhi.SpeechSubmitted, lvzhi.SpeechOral, lvzhi.SpeechWritten, lvzhi.SpeechNotSelected, lvzhi.SpeechWithdrawn}}
	terms, err := s.st.Terms(ctx, a, a.CommitteeID)
	if err != nil {
		return o, err
	}
	if o.Sessions, err = s.st.Sessions(ctx, a, a.CommitteeID); err != nil {
		return o, err
	}
	for _, ss := range o.Sessions {
		for _, t := range terms {
			if t.ID == ss.TermID {
				o.Names[ss.ID] = t.Name() + ss.Name()
			}
		}
	}
	if o.Staff {
		if o.Members, _, err = s.st.ListMembers(ctx, a, lvzhi.MemberFilter{CommitteeID: a.CommitteeID, State: lvzhi.MemberServing, Paging: lvzhi.Paging{PerPage: 500}}); err != nil {
			return o, err
		}
		for _, k := range []lvzhi.OrgUnitKind{lvzhi.OrgSector, lvzhi.OrgParty, lvzhi.OrgSpecialCommittee} {
			units, err := s.st.OrgUnits(ctx, a, a.CommitteeID, k)
			if err != nil {
				return o, err
			}
			o.Groups = append(o.Groups, units...)
		}
	}
	return o, nil
}

// SpeechBadge is the badge colour of a speech state.
func (speechOptions) SpeechBadge(state string) string {
	switch state {
	case lvzhi.SpeechSubmitted:
		return "badge-review"
	case lvzhi.SpeechOral, lvzhi.SpeechWritten, lvzhi.SpeechGiven:
		return "badge-replied"
	}
	return "badge-left"
}

// speechListPage is the data of the speech list: a session's speeches for the office, the
// member's own speeches for a member.
type speechListPage struct {
	Layout
	speechOptions
	Filter   lvzhi.SpeechFilter
	Speeches []lvzhi.Speech
	Pager
	Mine bool // the list shows only the member's own
}

func (s *Server) handleSpeechList(w http.ResponseWriter, r *http.Request) {
	a, q := actor(r), r.URL.Query()
	p := speechListPage{Layout: s.layout(r, "speech.title")}
	p.Filter = lvzhi.SpeechFilter{CommitteeID: a.CommitteeID, Kind: lvzhi.SpeechPlenary, SessionID: formID(q.Get("session_id")), State: q.Get("state")}
	p.Filter.Page, _ = strconv.Atoi(q.Get("page"))
	p.Mine = !lvzhi.Can(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindSpeech, CommitteeID: a.CommitteeID})
	if p.Mine {
		p.Title = "speech.mine"
	}
	var err error
	if p.speechOptions, err = s.speechOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	list, total, err := s.st.ListSpeeches(r.Context(), a, p.Filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Speeches, p.Pager = list, newPager("/speeches", q, p.Filter.Paging, total)
	s.render(w, r, http.StatusOK, "speeches", p)
}

// speechPage is the data of a speech's page and of the submission form.
type speechPage struct {
	Layout
	speechOptions
	Speech       lvzhi.Speech
	Actions      []string
	CanEdit      bool
	History      []lvzhi.Event
	Instructions InstructionsPart // leaders' instructions on the speech
	Attachments  AttachmentsPart
	Errors       map[string]string
	Error        string
}

func (s *Server) speechPage(r *http.Request, id int64) (speechPage, error) {
	a, ctx := actor(r), r.Context()
	p := speechPage{Layout: s.layout(r, "speech.item")}
	var err error
	if p.Speech, err = s.st.Speech(ctx, a, id); err != nil {
		return p, err
	}
	p.TitleArg = p.Speech.Title
	if p.speechOptions, err = s.speechOptions(r); err != nil {
		return p, err
	}
	if p.Speech.Kind == lvzhi.SpeechPlenary {
		for _, act := range lvzhi.SpeechWorkflow.Allowed(p.Speech.State) {
			if lvzhi.Can(a, lvzhi.SpeechPermission(act), p.Speech.Target()) {
				p.Actions = append(p.Actions, act)
			}
		}
	}
	open := p.Speech.Kind == lvzhi.SpeechActivity || p.Speech.State == lvzhi.SpeechSubmitted
	p.CanEdit = open && lvzhi.Can(a, lvzhi.ActionUpdate, p.Speech.Target())
	if p.Instructions, err = s.instructionsPart(r, lvzhi.KindSpeech, id); err != nil {
		return p, err
	}
	if p.Attachments, err = s.attachmentsPart(r, lvzhi.KindSpeech, id); err != nil {
		return p, err
	}
	p.History, err = s.st.SpeechHistory(ctx, a, id)
	return p, err
}

func (s *Server) handleSpeechPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.speechPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "speech", p)
}

func speechPath(id int64, ok string) string {
	return "/speeches/" + strconv.FormatInt(id, 10) + "?ok=" + ok
}

// speechFailed shows the speech again with the message of a refused action or edit.
func (s *Server) speechFailed(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	p, perr := s.speechPage(r, id)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "speech", p)
}

func (s *Server) handleSpeechAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if _, err := s.st.ActSpeech(r.Context(), actor(r), id, r.PathValue("action"), r.FormValue("note")); err != nil {
		s.speechFailed(w, r, id, err)
		return
	}
	// The office selects from the list and goes back to it; others return to the speech.
	if back := r.FormValue("back"); back == "list" {
		http.Redirect(w, r, "/speeches?ok=done", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, speechPath(id, "done"), http.StatusSeeOther)
}

func (s *Server) handleUpdateSpeech(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if err := s.st.UpdateSpeech(r.Context(), actor(r), lvzhi.Speech{ID: id, Title: r.FormValue("title"), Body: r.FormValue("body")}); err != nil {
		s.speechFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, speechPath(id, "saved"), http.StatusSeeOther)
}

func (s *Server) handleSpeechNew(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	own := lvzhi.Target{Kind: lvzhi.KindSpeech, CommitteeID: a.CommitteeID, MemberID: a.MemberID}
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, own); err != nil {
		s.fail(w, r, err)
		return
	}
	p := speechPage{Layout: s.layout(r, "speech.new"), Speech: lvzhi.Speech{Kind: lvzhi.SpeechPlenary}}
	var err error
	if p.speechOptions, err = s.speechOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if n := len(p.Sessions); n > 0 {
		p.Speech.SessionID = p.Sessions[n-1].ID // the latest session
	}
	s.render(w, r, http.StatusOK, "speechform", p)
}

// handleCreateSpeech saves a plenary speech from the submission form, or a speech given at an
// activity from the activity's outcomes page (kind=activity), and returns where it came from.
func (s *Server) handleCreateSpeech(w http.ResponseWriter, r *http.Request) {
	in := lvzhi.Speech{Kind: r.FormValue("kind"), SessionID: formID(r.FormValue("session_id")), ActivityID: formID(r.FormValue("activity_id")),
		MemberID: formID(r.FormValue("member_id")), GroupID: formID(r.FormValue("group_id")), Title: r.FormValue("title"), Body: r.FormValue("body")}
	if in.Kind == "" {
		in.Kind = lvzhi.SpeechPlenary
	}
	sp, err := s.st.CreateSpeech(r.Context(), actor(r), in)
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		if in.Kind == lvzhi.SpeechActivity {
			s.activityOutcomesFailed(w, r, in.ActivityID, err)
			return
		}
		p := speechPage{Layout: s.layout(r, "speech.new"), Speech: in, Errors: lvzhi.ErrorFields(err), Error: lvzhi.ErrorMessage(err)}
		if p.speechOptions, err = s.speechOptions(r); err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "speechform", p)
		return
	}
	if sp.Kind == lvzhi.SpeechActivity {
		http.Redirect(w, r, "/outcomes/activity/"+strconv.FormatInt(sp.ActivityID, 10)+"?ok=saved", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, speechPath(sp.ID, "saved"), http.StatusSeeOther)
}

// speechStatsPage is the data of the speech figures.
type speechStatsPage struct {
	Layout
	speechOptions
	SessionID int64
	By        string
	Rows      []lvzhi.SpeechCount
}

func (s *Server) handleSpeechStats(w http.ResponseWriter, r *http.Request) {
	a, q := actor(r), r.URL.Query()
	p := speechStatsPage{Layout: s.layout(r, "speech.stats"), SessionID: formID(q.Get("session_id")), By: q.Get("by")}
	if p.By != "sector" {
		p.By = "member"
	}
	var err error
	if p.speechOptions, err = s.speechOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Rows, err = s.st.SpeechCounts(r.Context(), a, a.CommitteeID, p.SessionID, p.By); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "speechstats", p)
}
