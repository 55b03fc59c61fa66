package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
)

// The speeches API (大会发言 and speeches at activities) and the outcomes API (纪要, 建议案).

type speechJSON struct {
	ID            int64     `json:"id"`
	Kind          string    `json:"kind"`
	ActivityID    *int64    `json:"activity_id"`
	ActivityTitle string    `json:"activity_title,omitempty"`
	SessionID     *int64    `json:"session_id"`
	SessionName   string    `json:"session_name,omitempty"`
	MemberID      *int64    `json:"member_id"`
	GroupID       *int64    `json:"group_id"`
	Speaker       string    `json:"speaker"`
	Sector        string    `json:"sector"`
	Title         string    `json:"title"`
	Body          string    `json:"body"`
	State         string    `json:"state"`
	Note          string    `json:"note"`
	SubmittedAt   time.Time `json:"submitted_at"`
}

func toSpeechJSON(sp lvzhi.Speech) speechJSON {
	return speechJSON{ID: sp.ID, Kind: sp.Kind, ActivityID: optID(sp.ActivityID), ActivityTitle: sp.ActivityTitle, SessionID: optID(sp.SessionID),
		SessionName: sp.SessionName, MemberID: optID(sp.MemberID), GroupID: optID(sp.GroupID), Speaker: sp.Speaker, Sector: sp.Sector,
		Title: sp.Title, Body: sp.Body, State: sp.State, Note: sp.Note, SubmittedAt: sp.Submitted.UTC()}
}

// apiListSpeeches lists speeches: the office and leaders all, a member their own.
func (s *Server) apiListSpeeches(w http.ResponseWriter, r *http.Request) {
	a, q := actor(r), r.URL.Query()
	n, err := apiIntParams(q, "session_id", "activity_id", "member_id", "page", "per_page")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows, total, err := s.st.ListSpeeches(r.Context(), a, lvzhi.SpeechFilter{CommitteeID: a.CommitteeID, Kind: q.Get("kind"),
		SessionID: n["session_id"], ActivityID: n["activity_id"], MemberID: n["member_id"], State: q.Get("state"),
		Paging: lvzhi.Paging{Page: int(n["page"]), PerPage: int(n["per_page"])}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toSpeechJSON))
}

func (s *Server) writeSpeech(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var sp lvzhi.Speech
	if err == nil {
		sp, err = s.st.Speech(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toSpeechJSON(sp))
}

func (s *Server) apiGetSpeech(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writeSpeech(w, r, http.StatusOK, id, err)
}

// speechInput is the body of POST /api/v1/speeches (kind plenary by default; a member's is
// always their own) and of PATCH (title and body only).
type speechInput struct {
	Kind       string `json:"kind"`
	SessionID  int64  `json:"session_id"`
	ActivityID int64  `json:"activity_id"`
	MemberID   int64  `json:"member_id"`
	GroupID    int64  `json:"group_id"`
	Title      string `json:"title"`
	Body       string `json:"body"`
}

func (s *Server) apiCreateSpeech(w http.ResponseWriter, r *http.Request) {
	var in speechInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Kind == "" {
		in.Kind = lvzhi.SpeechPlenary
	}
	sp, err := s.st.CreateSpeech(r.Context(), actor(r), lvzhi.Speech{Kind: in.Kind, SessionID: in.SessionID, ActivityID: in.ActivityID,
		MemberID: in.MemberID, GroupID: in.GroupID, Title: in.Title, Body: in.Body})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/speeches/"+strconv.FormatInt(sp.ID, 10))
	writeJSON(w, http.StatusCreated, toSpeechJSON(sp))
}

// speechPatch is the body of PATCH /api/v1/speeches/{id}.
type speechPatch struct {
	Title opt[string] `json:"title"`
	Body  opt[string] `json:"body"`
}

func (s *Server) apiUpdateSpeech(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in speechPatch
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	var sp lvzhi.Speech
	if err == nil {
		sp, err = s.st.Speech(r.Context(), actor(r), id)
	}
	if err == nil {
		in.Title.to(&sp.Title)
		in.Body.to(&sp.Body)
		err = s.st.UpdateSpeech(r.Context(), actor(r), sp)
	}
	s.writeSpeech(w, r, http.StatusOK, id, err)
}

// apiSpeechAction selects a plenary speech (select_oral, select_written, not_select,
// reconsider) or withdraws it (withdraw_speech, its member).
func (s *Server) apiSpeechAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	action := r.PathValue("action")
	if _, known := lvzhi.SpeechWorkflow.ActionLabel[action]; err == nil && !known {
		err = lvzhi.Errorf(lvzhi.ErrNotFound, "大会发言没有名为“%s”的操作。", action)
	}
	var in struct {
		Note string `json:"note"`
	}
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil {
		_, err = s.st.ActSpeech(r.Context(), actor(r), id, action, in.Note)
	}
	s.writeSpeech(w, r, http.StatusOK, id, err)
}

// speechCountJSON is one line of the speech figures.
type speechCountJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Submitted int    `json:"submitted"`
	Oral      int    `json:"oral"`
	Written   int    `json:"written"`
}

func (s *Server) apiSpeechStats(w http.ResponseWriter, r *http.Request) {
	a, q := actor(r), r.URL.Query()
	n, err := apiIntParams(q, "session_id")
	by := q.Get("by")
	if err == nil && by != "" && by != "member" && by != "sector" {
		err = lvzhi.Invalid(map[string]string{"by": "应为member或sector"})
	}
	var rows []lvzhi.SpeechCount
	if err == nil {
		rows, err = s.st.SpeechCounts(r.Context(), a, a.CommitteeID, n["session_id"], by)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), func(c lvzhi.SpeechCount) speechCountJSON {
		return speechCountJSON{ID: c.ID, Name: c.Name, Submitted: c.Submitted, Oral: c.Oral, Written: c.Written}
	}))
}

type outcomeJSON struct {
	ID            int64     `json:"id"`
	ActivityID    int64     `json:"activity_id"`
	ActivityTitle string    `json:"activity_title"`
	Kind          string    `json:"kind"`
	Title         string    `json:"title"`
	Body          string    `json:"body"`
	State         string    `json:"state"`
	SentTo        string    `json:"sent_to"`
	SentOn        string    `json:"sent_on"`
	UpdatedAt     time.Time `json:"updated_at"`
}

func toOutcomeJSON(o lvzhi.Outcome) outcomeJSON {
	return outcomeJSON{ID: o.ID, ActivityID: o.ActivityID, ActivityTitle: o.ActivityTitle, Kind: o.Kind, Title: o.Title, Body: o.Body,
		State: o.State, SentTo: o.SentTo, SentOn: o.SentOn, UpdatedAt: o.Updated.UTC()}
}

func (s *Server) apiListOutcomes(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	n, err := apiIntParams(r.URL.Query(), "activity_id")
	var rows []lvzhi.Outcome
	if err == nil {
		rows, err = s.st.ListOutcomes(r.Context(), a, a.CommitteeID, n["activity_id"])
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toOutcomeJSON))
}

func (s *Server) writeOutcome(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var o lvzhi.Outcome
	if err == nil {
		o, err = s.st.Outcome(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toOutcomeJSON(o))
}

func (s *Server) apiGetOutcome(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writeOutcome(w, r, http.StatusOK, id, err)
}

// outcomeInput is the body of POST /api/v1/outcomes and PATCH /api/v1/outcomes/{id}.
type outcomeInput struct {
	ActivityID opt[int64]  `json:"activity_id"`
	Kind       opt[string] `json:"kind"`
	Title      opt[string] `json:"title"`
	Body       opt[string] `json:"body"`
}

func (in outcomeInput) apply(o *lvzhi.Outcome) {
	in.ActivityID.to(&o.ActivityID)
	in.Kind.to(&o.Kind)
	in.Title.to(&o.Title)
	in.Body.to(&o.Body)
}

func (s *Server) apiCreateOutcome(w http.ResponseWriter, r *http.Request) {
	var in outcomeInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	var o lvzhi.Outcome
	in.apply(&o)
	o, err := s.st.SaveOutcome(r.Context(), actor(r), o)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/outcomes/"+strconv.FormatInt(o.ID, 10))
	writeJSON(w, http.StatusCreated, toOutcomeJSON(o))
}

func (s *Server) apiUpdateOutcome(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in outcomeInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	var o lvzhi.Outcome
	if err == nil {
		o, err = s.st.Outcome(r.Context(), actor(r), id)
	}
	if err == nil {
		in.ActivityID = opt[int64]{} // an outcome stays with its activity
		in.apply(&o)
		_, err = s.st.SaveOutcome(r.Context(), actor(r), o)
	}
	s.writeOutcome(w, r, http.StatusOK, id, err)
}

// apiOutcomeAction sends an outcome (send_outcome: sent_to, sent_on) or recalls it.
func (s *Server) apiOutcomeAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	action := r.PathValue("action")
	if _, known := lvzhi.OutcomeWorkflow.ActionLabel[action]; err == nil && !known {
		err = lvzhi.Errorf(lvzhi.ErrNotFound, "协商成果没有名为“%s”的操作。", action)
	}
	var in struct {
		SentTo string `json:"sent_to"`
		SentOn string `json:"sent_on"`
		Note   string `json:"note"`
	}
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil {
		_, err = s.st.ActOutcome(r.Context(), actor(r), id, action, lvzhi.OutcomeActionInput{SentTo: in.SentTo, SentOn: in.SentOn, Note: in.Note})
	}
	s.writeOutcome(w, r, http.StatusOK, id, err)
}
