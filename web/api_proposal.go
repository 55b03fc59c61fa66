package web

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// The proposals API (提案): lists, drafts, the workflow's actions, co-signing, history,
// near-duplicates and the committee's proposal settings. Identifiers here start with
// apiProposal or proposal…JSON so they stay clear of the proposal pages' own.

// proposalSummaryJSON is a proposal in a list: everything a list row shows, without the text.
type proposalSummaryJSON struct {
	ID           int64      `json:"id"`
	Number       int        `json:"number"`
	NumberLabel  string     `json:"number_label"`
	SessionID    int64      `json:"session_id"`
	SessionName  string     `json:"session_name"`
	Kind         string     `json:"kind"`
	KindLabel    string     `json:"kind_label"`
	Title        string     `json:"title"`
	Category     string     `json:"category"`
	State        string     `json:"state"`
	StateLabel   string     `json:"state_label"`
	ProposerID   *int64     `json:"proposer_id"`
	ProposerName string     `json:"proposer_name"`
	Deadline     *time.Time `json:"deadline"`
	IsKey        bool       `json:"is_key"`
	Published    bool       `json:"published"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

func toProposalSummaryJSON(p lvzhi.Proposal) proposalSummaryJSON {
	return proposalSummaryJSON{
		ID: p.ID, Number: p.Number, NumberLabel: p.NumberLabel(), SessionID: p.SessionID, SessionName: p.SessionName,
		Kind: p.Kind, KindLabel: lvzhi.ProposalKindLabel[p.Kind], Title: p.Title, Category: p.Category,
		State: p.State, StateLabel: lvzhi.ProposalWorkflow.StateLabel[p.State], ProposerID: optID(p.ProposerID),
		ProposerName: p.ProposerName, Deadline: optTime(p.Deadline), IsKey: p.Key, Published: p.Published,
		UpdatedAt: p.Updated.UTC(),
	}
}

// proposalJSON is one proposal whole: the summary's fields, the text, the review's and the
// handling's records, and the actions the caller may take now.
type proposalJSON struct {
	proposalSummaryJSON
	CommitteeID     int64                    `json:"committee_id"`
	Body            string                   `json:"body"`
	BetweenSessions bool                     `json:"between_sessions"`
	GroupID         *int64                   `json:"group_id"`
	SuggestedUnits  string                   `json:"suggested_units"`
	PublishConsent  bool                     `json:"publish_consent"`
	CosignDeadline  *time.Time               `json:"cosign_deadline"`
	MergedInto      *int64                   `json:"merged_into"`
	ConvertedTo     string                   `json:"converted_to"`
	RejectReasons   []rejectReasonJSON       `json:"reject_reasons"`
	Mode            string                   `json:"mode"`
	AssignedAt      *time.Time               `json:"assigned_at"`
	Round           int                      `json:"round"`
	SupervisorID    *int64                   `json:"supervisor_id"`
	Excellent       bool                     `json:"excellent"`
	SubmittedAt     *time.Time               `json:"submitted_at"`
	Units           []proposalUnitJSON       `json:"units"`
	Cosigners       []proposalCosignerJSON   `json:"cosigners"`
	Extensions      []proposalExtensionJSON  `json:"extensions"`
	Contacts        []proposalContactJSON    `json:"contacts"`
	Replies         []proposalReplyJSON      `json:"replies"`
	Evaluations     []proposalEvaluationJSON `json:"evaluations"`
	Actions         []string                 `json:"actions"`
}

type proposalUnitJSON struct {
	UnitID         int64  `json:"unit_id"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	RoleLabel      string `json:"role_label"`
	SentBackReason string `json:"sent_back_reason"`
}

type proposalCosignerJSON struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name"`
	State    string `json:"state"`
}

type proposalExtensionJSON struct {
	ID       int64     `json:"id"`
	UnitName string    `json:"unit_name"`
	Until    time.Time `json:"until"`
	Reason   string    `json:"reason"`
	State    string    `json:"state"`
}

type proposalContactJSON struct {
	UnitName string `json:"unit_name"`
	Way      string `json:"way"`
	OnDate   string `json:"on_date"`
	Note     string `json:"note"`
}

type proposalReplyJSON struct {
	Round    int       `json:"round"`
	UnitName string    `json:"unit_name"`
	Class    string    `json:"class"`
	Body     string    `json:"body"`
	State    string    `json:"state"`
	At       time.Time `json:"at"`
}

type proposalEvaluationJSON struct {
	Round       int       `json:"round"`
	Result      string    `json:"result"`
	ResultLabel string    `json:"result_label"`
	Comment     string    `json:"comment"`
	At          time.Time `json:"at"`
}

// rejectReasonJSON is one of the regulation's reasons not to file a proposal.
type rejectReasonJSON struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// toProposalJSON converts a proposal read whole for actor a. A reply the proposal office has
// not yet approved is shown only to the office and the handling units.
func toProposalJSON(a lvzhi.Actor, d store.ProposalDetail) proposalJSON {
	p := d.Proposal
	j := proposalJSON{
		proposalSummaryJSON: toProposalSummaryJSON(p),
		CommitteeID:         p.CommitteeID, Body: p.Body, BetweenSessions: p.Between, GroupID: optID(p.GroupID),
		SuggestedUnits: p.SuggestedUnits, PublishConsent: p.PublishConsent, CosignDeadline: optTime(p.CosignDeadline),
		MergedInto: optID(p.MergedInto), ConvertedTo: p.ConvertedTo, RejectReasons: []rejectReasonJSON{}, Mode: p.Mode,
		AssignedAt: optTime(p.AssignedAt), Round: p.Round, SupervisorID: optID(p.Supervisor), Excellent: p.Excellent,
		SubmittedAt: optTime(p.Submitted),
		Units:       []proposalUnitJSON{}, Cosigners: []proposalCosignerJSON{}, Extensions: []proposalExtensionJSON{},
		Contacts: []proposalContactJSON{}, Replies: []proposalReplyJSON{}, Evaluations: []proposalEvaluationJSON{},
		Actions: apiProposalActions(a, d),
	}
	for _, c := range p.RejectReasons {
		j.RejectReasons = append(j.RejectReasons, rejectReasonJSON{Code: c, Label: lvzhi.RejectReasonLabel(c)})
	}
	for _, u := range d.Units {
		j.Units = append(j.Units, proposalUnitJSON{UnitID: u.UnitID, Name: u.Name, Role: u.Role,
			RoleLabel: lvzhi.UnitRoleLabel[u.Role], SentBackReason: u.SentBackReason})
	}
	for _, c := range d.Cosigners {
		j.Cosigners = append(j.Cosigners, proposalCosignerJSON{MemberID: c.MemberID, Name: c.Name, State: c.State})
	}
	for _, e := range d.Extensions {
		j.Extensions = append(j.Extensions, proposalExtensionJSON{ID: e.ID, UnitName: e.Unit, Until: e.Until.UTC(),
			Reason: e.Reason, State: e.State})
	}
	for _, c := range d.Contacts {
		j.Contacts = append(j.Contacts, proposalContactJSON{UnitName: c.Unit, Way: c.Way, OnDate: c.OnDate, Note: c.Note})
	}
	insider := a.System || a.Has(lvzhi.RoleStaff) || (a.UnitID != 0 && d.Target.UnitID == a.UnitID)
	for _, r := range d.Replies {
		if r.State == "approved" || insider {
			j.Replies = append(j.Replies, proposalReplyJSON{Round: r.Round, UnitName: r.Unit, Class: r.Class, Body: r.Body,
				State: r.State, At: r.At.UTC()})
		}
	}
	for _, e := range d.Evaluations {
		j.Evaluations = append(j.Evaluations, proposalEvaluationJSON{Round: e.Round, Result: e.Result,
			ResultLabel: lvzhi.EvaluationLabel[e.Result], Comment: e.Comment, At: e.At.UTC()})
	}
	return j
}

// apiProposalActions lists the actions actor a may take on the proposal now: the workflow's
// from its state, and publishing, marking as key and supervising where they apply.
func apiProposalActions(a lvzhi.Actor, d store.ProposalDetail) []string {
	p := d.Proposal
	out := []string{}
	can := func(act string) bool { return lvzhi.Can(a, lvzhi.Action(act), d.Target) }
	for _, act := range lvzhi.ProposalWorkflow.Allowed(p.State) {
		if can(act) {
			out = append(out, act)
		}
	}
	if p.PublishConsent && !p.Published && (p.State == lvzhi.ProposalReplied || p.State == lvzhi.ProposalClosed) && can("publish") {
		out = append(out, "publish")
	}
	if p.Number != 0 && can("mark_key") {
		out = append(out, "mark_key")
	}
	if p.Key && can("supervise") {
		out = append(out, "supervise")
	}
	return out
}

// apiProposalKnownAction reports whether name is an action of POST /api/v1/proposals/{id}/actions/{action}.
func apiProposalKnownAction(name string) bool {
	if _, ok := lvzhi.ProposalWorkflow.ActionLabel[name]; ok {
		return true
	}
	return name == "publish" || name == "mark_key" || name == "supervise"
}

// apiProposalFilter reads the list's query: q, page, per_page and the filters. A malformed
// id or flag is refused rather than ignored, so a typo never lists everything.
func apiProposalFilter(a lvzhi.Actor, q url.Values) (lvzhi.ProposalFilter, error) {
	f := lvzhi.ProposalFilter{CommitteeID: a.CommitteeID, Q: q.Get("q"), State: q.Get("state"), Category: q.Get("category")}
	bad := map[string]string{}
	id := func(name string, dst *int64) {
		if v := strings.TrimSpace(q.Get(name)); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				bad[name] = "应为正整数编号"
			}
			*dst = n
		}
	}
	id("session_id", &f.SessionID)
	id("unit_id", &f.UnitID)
	id("proposer_id", &f.ProposerID)
	switch v := q.Get("key"); v {
	case "":
	case "true", "1":
		t := true
		f.Key = &t
	case "false", "0":
		t := false
		f.Key = &t
	default:
		bad["key"] = "应为true或false"
	}
	switch q.Get("overdue") {
	case "", "false", "0":
	case "true", "1":
		f.Overdue = true
	default:
		bad["overdue"] = "应为true或false"
	}
	for _, name := range []string{"page", "per_page"} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				bad[name] = "应为正整数"
			}
			if name == "page" {
				f.Page = n
			} else {
				f.PerPage = n
			}
		}
	}
	return f, lvzhi.Invalid(bad)
}

// apiListProposals lists the proposals the caller may see: a handling unit its own inbox, a
// member the committee's submitted proposals and their own drafts, the office all.
func (s *Server) apiListProposals(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	f, err := apiProposalFilter(a, r.URL.Query())
	var rows []lvzhi.Proposal
	var total int
	if err == nil {
		rows, total, err = s.st.ListProposals(r.Context(), a, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toProposalSummaryJSON))
}

// writeProposal answers with the proposal id read whole as it now stands, or with err.
func (s *Server) writeProposal(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var d store.ProposalDetail
	if err == nil {
		d, err = s.st.ProposalDetail(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toProposalJSON(actor(r), d))
}

func (s *Server) apiGetProposal(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writeProposal(w, r, http.StatusOK, id, err)
}

// proposalCreateInput is the body of POST /api/v1/proposals. Kind defaults to individual; a
// member's proposal is always their own, whatever proposer_id says.
type proposalCreateInput struct {
	SessionID       int64  `json:"session_id"`
	Kind            string `json:"kind"`
	Title           string `json:"title"`
	Category        string `json:"category"`
	Body            string `json:"body"`
	ProposerID      int64  `json:"proposer_id"`
	ProposerName    string `json:"proposer_name"`
	GroupID         int64  `json:"group_id"`
	SuggestedUnits  string `json:"suggested_units"`
	PublishConsent  bool   `json:"publish_consent"`
	BetweenSessions bool   `json:"between_sessions"`
}

// apiCreateProposal saves a new draft and answers 201 with it and its Location.
func (s *Server) apiCreateProposal(w http.ResponseWriter, r *http.Request) {
	var in proposalCreateInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Kind == "" {
		in.Kind = lvzhi.ProposalIndividual
	}
	p, err := s.st.CreateProposal(r.Context(), actor(r), lvzhi.Proposal{
		SessionID: in.SessionID, Kind: in.Kind, Title: in.Title, Category: in.Category, Body: in.Body,
		ProposerID: in.ProposerID, ProposerName: in.ProposerName, GroupID: in.GroupID, SuggestedUnits: in.SuggestedUnits,
		PublishConsent: in.PublishConsent, Between: in.BetweenSessions,
	})
	if err == nil {
		w.Header().Set("Location", "/api/v1/proposals/"+strconv.FormatInt(p.ID, 10))
	}
	s.writeProposal(w, r, http.StatusCreated, p.ID, err)
}

// proposalPatchInput is the body of PATCH /api/v1/proposals/{id}: what the proposer may
// change in a draft or a returned proposal. Absent fields keep their value.
type proposalPatchInput struct {
	Title          opt[string] `json:"title"`
	Category       opt[string] `json:"category"`
	Body           opt[string] `json:"body"`
	SuggestedUnits opt[string] `json:"suggested_units"`
	PublishConsent opt[bool]   `json:"publish_consent"`
}

func (s *Server) apiUpdateProposal(w http.ResponseWriter, r *http.Request) {
	var in proposalPatchInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := pathID(r)
	var p lvzhi.Proposal
	if err == nil {
		p, err = s.st.Proposal(r.Context(), actor(r), id)
	}
	if err == nil {
		in.Title.to(&p.Title)
		in.Category.to(&p.Category)
		in.Body.to(&p.Body)
		in.SuggestedUnits.to(&p.SuggestedUnits)
		in.PublishConsent.to(&p.PublishConsent)
		err = s.st.UpdateProposal(r.Context(), actor(r), p)
	}
	s.writeProposal(w, r, http.StatusOK, id, err)
}

// proposalActionInput is the body of a proposal action: lvzhi.ProposalActionInput in
// snake_case. Each action reads its own fields and ignores the rest.
type proposalActionInput struct {
	Note           string                   `json:"note"`
	Reasons        []string                 `json:"reasons"`
	MergeInto      int64                    `json:"merge_into"`
	ConvertTo      string                   `json:"convert_to"`
	Cosigners      []int64                  `json:"cosigners"`
	CosignDeadline string                   `json:"cosign_deadline"`
	Units          []proposalUnitAssignJSON `json:"units"`
	Mode           string                   `json:"mode"`
	Until          string                   `json:"until"`
	ExtensionID    int64                    `json:"extension_id"`
	Way            string                   `json:"way"`
	OnDate         string                   `json:"on_date"`
	Class          string                   `json:"class"`
	Body           string                   `json:"body"`
	Result         string                   `json:"result"`
	Key            bool                     `json:"key"`
	SupervisorID   int64                    `json:"supervisor_id"`
}

type proposalUnitAssignJSON struct {
	UnitID int64  `json:"unit_id"`
	Role   string `json:"role"`
}

// apiChinaZone is the zone a bare date (YYYY-MM-DD) is read in: the committee's local day.
var apiChinaZone = time.FixedZone("CST", 8*3600)

// input converts the body to the domain's input; a time that is not RFC 3339 (or, for
// until, a date) is an invalid field.
func (in proposalActionInput) input() (lvzhi.ProposalActionInput, error) {
	out := lvzhi.ProposalActionInput{
		Note: in.Note, Reasons: in.Reasons, MergeInto: in.MergeInto, ConvertTo: in.ConvertTo, Cosigners: in.Cosigners,
		Mode: in.Mode, ExtensionID: in.ExtensionID, Way: in.Way, OnDate: in.OnDate, Class: in.Class, Body: in.Body,
		Result: in.Result, Key: in.Key, SupervisorID: in.SupervisorID,
	}
	for _, u := range in.Units {
		out.Units = append(out.Units, lvzhi.ProposalUnit{UnitID: u.UnitID, Role: u.Role})
	}
	bad := map[string]string{}
	if v := strings.TrimSpace(in.CosignDeadline); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			bad["cosign_deadline"] = "时间格式应为RFC 3339,如2026-03-20T18:00:00+08:00"
		}
		out.CosignDeadline = t.UTC()
	}
	if v := strings.TrimSpace(in.Until); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			var derr error
			t, derr = time.ParseInLocation("2006-01-02", v, apiChinaZone)
			if derr != nil {
				bad["until"] = "日期格式应为2026-09-30或RFC 3339时间"
			}
		}
		out.Until = t.UTC()
	}
	return out, lvzhi.Invalid(bad)
}

// apiProposalAction runs one workflow action and answers with the proposal as it now stands.
// An action the state does not allow is a 409 naming the state and the action.
func (s *Server) apiProposalAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action := r.PathValue("action")
	if !apiProposalKnownAction(action) {
		s.fail(w, r, lvzhi.Errorf(lvzhi.ErrNotFound, "没有名为“%s”的提案操作。", action))
		return
	}
	var body proposalActionInput
	if err := decodeJSON(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	in, err := body.input()
	if err == nil {
		_, err = s.st.ActProposal(r.Context(), actor(r), id, action, in)
	}
	s.writeProposal(w, r, http.StatusOK, id, err)
}

// apiRespondCosign records an invited member's answer to a joint proposal.
func (s *Server) apiRespondCosign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Confirm opt[bool] `json:"confirm"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if !in.Confirm.Set {
		s.fail(w, r, lvzhi.Invalid(map[string]string{"confirm": "请选择确认联名(true)或谢绝(false)"}))
		return
	}
	if err := s.st.RespondCosign(r.Context(), actor(r), id, in.Confirm.V); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiListProposalEvents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var events []lvzhi.Event
	if err == nil {
		events, err = s.st.ProposalHistory(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(events, len(events), toEventJSON))
}

// proposalSimilarJSON is a proposal like the one in question, with their estimated similarity.
type proposalSimilarJSON struct {
	Similarity float64             `json:"similarity"`
	Proposal   proposalSummaryJSON `json:"proposal"`
}

func toProposalSimilarJSON(m store.SimilarProposal) proposalSimilarJSON {
	return proposalSimilarJSON{Similarity: math.Round(m.Similarity*1000) / 1000, Proposal: toProposalSummaryJSON(m.Proposal)}
}

// Defaults and bounds of a near-duplicate search.
const (
	apiSimilarMin      = 0.3
	apiSimilarLimit    = 10
	apiSimilarMaxLimit = 100
)

// apiSimilarBounds checks min (0..1) and limit (1..100); nil means the default.
func apiSimilarBounds(min *float64, limit *int) (float64, int, error) {
	m, l := apiSimilarMin, apiSimilarLimit
	bad := map[string]string{}
	if min != nil {
		if m = *min; m < 0 || m > 1 || math.IsNaN(m) {
			bad["min"] = "应为0到1之间的小数"
		}
	}
	if limit != nil {
		if l = *limit; l < 1 || l > apiSimilarMaxLimit {
			bad["limit"] = "应为1到" + strconv.Itoa(apiSimilarMaxLimit) + "之间的整数"
		}
	}
	return m, l, lvzhi.Invalid(bad)
}

// apiSimilarProposals finds the near-duplicates of a proposal among the committee's others.
func (s *Server) apiSimilarProposals(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var minp *float64
	var limitp *int
	bad := map[string]string{}
	if v := q.Get("min"); v != "" {
		m, err := strconv.ParseFloat(v, 64)
		if err != nil {
			bad["min"] = "应为0到1之间的小数"
		}
		minp = &m
	}
	if v := q.Get("limit"); v != "" {
		l, err := strconv.Atoi(v)
		if err != nil {
			bad["limit"] = "应为整数"
		}
		limitp = &l
	}
	err := lvzhi.Invalid(bad)
	var min float64
	var limit int
	if err == nil {
		min, limit, err = apiSimilarBounds(minp, limitp)
	}
	var id int64
	if err == nil {
		id, err = pathID(r)
	}
	var p lvzhi.Proposal
	if err == nil {
		p, err = s.st.Proposal(r.Context(), actor(r), id)
	}
	var found []store.SimilarProposal
	if err == nil {
		found, err = s.st.SimilarProposals(r.Context(), actor(r), p.Title+"\n"+p.Body, p.ID, min, limit)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(found, len(found), toProposalSimilarJSON))
}

// proposalSimilarInput is the text being written, for the near-duplicate check of the
// submission form; exclude_id leaves out the proposal being edited.
type proposalSimilarInput struct {
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	ExcludeID int64    `json:"exclude_id"`
	Min       *float64 `json:"min"`
	Limit     *int     `json:"limit"`
}

func (s *Server) apiSimilarToText(w http.ResponseWriter, r *http.Request) {
	var in proposalSimilarInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	min, limit, err := apiSimilarBounds(in.Min, in.Limit)
	var found []store.SimilarProposal
	if err == nil {
		found, err = s.st.SimilarProposals(r.Context(), actor(r), in.Title+"\n"+in.Body, in.ExcludeID, min, limit)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(found, len(found), toProposalSimilarJSON))
}

// proposalSettingsJSON is a committee's proposal rules. fixed_deadline is a date
// (YYYY-MM-DD) or null.
type proposalSettingsJSON struct {
	Categories       []string          `json:"categories"`
	ReplyClasses     map[string]string `json:"reply_classes"`
	HandlingMonths   int               `json:"handling_months"`
	FixedDeadline    *string           `json:"fixed_deadline"`
	SendBackDays     int               `json:"send_back_days"`
	MaxExtensionDays int               `json:"max_extension_days"`
	RehandlingRounds int               `json:"rehandling_rounds"`
	ReminderDays     []int             `json:"reminder_days"`
}

func toProposalSettingsJSON(p lvzhi.ProposalSettings) proposalSettingsJSON {
	j := proposalSettingsJSON{Categories: append([]string{}, p.Categories...), ReplyClasses: map[string]string{},
		HandlingMonths: p.HandlingMonths, SendBackDays: p.SendBackDays, MaxExtensionDays: p.MaxExtensionDays,
		RehandlingRounds: p.RehandlingRounds, ReminderDays: append([]int{}, p.ReminderDays...)}
	for k, v := range p.ReplyClasses {
		j.ReplyClasses[k] = v
	}
	if !p.FixedDeadline.IsZero() {
		d := p.FixedDeadline.In(apiChinaZone).Format("2006-01-02")
		j.FixedDeadline = &d
	}
	return j
}

// proposalSettingsInput is the body of PUT /api/v1/proposal-settings. The six rules are
// required, so a forgotten one never quietly becomes 0; fixed_deadline and reminder_days keep
// their value when absent (null clears fixed_deadline).
type proposalSettingsInput struct {
	Categories       opt[[]string]          `json:"categories"`
	ReplyClasses     opt[map[string]string] `json:"reply_classes"`
	HandlingMonths   opt[int]               `json:"handling_months"`
	FixedDeadline    opt[string]            `json:"fixed_deadline"`
	SendBackDays     opt[int]               `json:"send_back_days"`
	MaxExtensionDays opt[int]               `json:"max_extension_days"`
	RehandlingRounds opt[int]               `json:"rehandling_rounds"`
	ReminderDays     opt[[]int]             `json:"reminder_days"`
}

// apply checks the body and writes it over the current settings.
func (in proposalSettingsInput) apply(p *lvzhi.ProposalSettings) error {
	bad := map[string]string{}
	need := func(name string, set bool) {
		if !set {
			bad[name] = "请填写此项"
		}
	}
	need("categories", in.Categories.Set)
	need("reply_classes", in.ReplyClasses.Set)
	need("handling_months", in.HandlingMonths.Set)
	need("send_back_days", in.SendBackDays.Set)
	need("max_extension_days", in.MaxExtensionDays.Set)
	need("rehandling_rounds", in.RehandlingRounds.Set)
	if in.Categories.Set {
		seen := map[string]bool{}
		p.Categories = nil
		for _, c := range in.Categories.V {
			c = strings.TrimSpace(c)
			switch {
			case c == "":
				bad["categories"] = "分类名称不能为空"
			case seen[c]:
				bad["categories"] = "分类重复:" + c
			}
			seen[c] = true
			p.Categories = append(p.Categories, c)
		}
		if len(p.Categories) == 0 {
			bad["categories"] = "请至少设置一个分类"
		}
	}
	if in.ReplyClasses.Set {
		p.ReplyClasses = map[string]string{}
		for k, v := range in.ReplyClasses.V {
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if k == "" || v == "" {
				bad["reply_classes"] = "答复类别的代码和名称都不能为空"
			}
			p.ReplyClasses[k] = v
		}
		if len(p.ReplyClasses) == 0 {
			bad["reply_classes"] = "请至少设置一个答复类别"
		}
	}
	num := func(name string, o opt[int], lo int, dst *int) {
		if o.Set {
			if o.V < lo {
				bad[name] = "不能小于" + strconv.Itoa(lo)
			}
			*dst = o.V
		}
	}
	num("handling_months", in.HandlingMonths, 1, &p.HandlingMonths)
	num("send_back_days", in.SendBackDays, 0, &p.SendBackDays)
	num("max_extension_days", in.MaxExtensionDays, 0, &p.MaxExtensionDays)
	num("rehandling_rounds", in.RehandlingRounds, 0, &p.RehandlingRounds)
	if in.FixedDeadline.Set {
		p.FixedDeadline = time.Time{}
		if v := strings.TrimSpace(in.FixedDeadline.V); v != "" {
			t, err := time.ParseInLocation("2006-01-02", v, apiChinaZone)
			if err != nil {
				bad["fixed_deadline"] = "日期格式应为2026-06-30"
			}
			p.FixedDeadline = t.UTC()
		}
	}
	if in.ReminderDays.Set {
		p.ReminderDays = nil
		for _, d := range in.ReminderDays.V {
			if d < 1 {
				bad["reminder_days"] = "提醒天数应为正整数"
			}
			p.ReminderDays = append(p.ReminderDays, d)
		}
	}
	return lvzhi.Invalid(bad)
}

// apiGetProposalSettings answers with the committee's proposal rules; every signed-in user
// may read them (the forms show them).
func (s *Server) apiGetProposalSettings(w http.ResponseWriter, r *http.Request) {
	p, err := s.st.ProposalSettings(r.Context(), actor(r).CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toProposalSettingsJSON(p))
}

// apiUpdateProposalSettings saves the rules; the proposal office's job.
func (s *Server) apiUpdateProposalSettings(w http.ResponseWriter, r *http.Request) {
	var in proposalSettingsInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	a := actor(r)
	p, err := s.st.ProposalSettings(r.Context(), a.CommitteeID)
	if err == nil {
		err = in.apply(&p)
	}
	if err == nil {
		err = s.st.SetProposalSettings(r.Context(), a, p)
	}
	if err == nil {
		p, err = s.st.ProposalSettings(r.Context(), a.CommitteeID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toProposalSettingsJSON(p))
}

// apiListRejectReasons answers with the regulation's ten reasons not to file a proposal.
func (s *Server) apiListRejectReasons(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, list(lvzhi.RejectReasons, len(lvzhi.RejectReasons), func(x lvzhi.RejectReason) rejectReasonJSON {
		return rejectReasonJSON{Code: x.Code, Label: x.Label}
	}))
}
