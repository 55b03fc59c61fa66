package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// apiRoute is one route of the JSON API. The table below is the API's one list of routes:
// apiRoutes registers it, and the tests check it against openapi.json both ways.
type apiRoute struct {
	Method  string
	Path    string
	Handler func(*Server, http.ResponseWriter, *http.Request)
	Public  bool // answered without a signed-in user
}

// apiRouteTable lists every /api/v1 route (DESIGN.md, "API conventions").
func apiRouteTable() []apiRoute {
	t := []apiRoute{
		{"GET", "/api/v1/openapi.json", (*Server).apiOpenAPI, true},
		{"POST", "/api/v1/login", (*Server).apiLogin, true},
		{"POST", "/api/v1/logout", (*Server).apiLogout, true},
		{"GET", "/api/v1/me", (*Server).apiGetMe, false},
		{"POST", "/api/v1/me/password", (*Server).apiChangeMyPassword, false},
		{"POST", "/api/v1/me/committee", (*Server).apiSwitchCommittee, false},

		{"GET", "/api/v1/committees", (*Server).apiListCommittees, true},
		{"GET", "/api/v1/committees/{id}", (*Server).apiGetCommittee, true},
		{"GET", "/api/v1/overview", (*Server).apiGetOverview, false},
		{"GET", "/api/v1/terms", (*Server).apiListTerms, false},
		{"POST", "/api/v1/terms", (*Server).apiCreateTerm, false},
		{"GET", "/api/v1/terms/{id}", (*Server).apiGetTerm, false},
		{"POST", "/api/v1/terms/{id}/sessions", (*Server).apiCreateSession, false},
	}
	for _, k := range lvzhi.OrgUnitKinds {
		p := "/api/v1/" + orgPlural[k]
		t = append(t,
			apiRoute{"GET", p, (*Server).apiListOrgUnits, false},
			apiRoute{"POST", p, (*Server).apiCreateOrgUnit, false},
			apiRoute{"GET", p + "/{id}", (*Server).apiGetOrgUnit, false},
			apiRoute{"PATCH", p + "/{id}", (*Server).apiUpdateOrgUnit, false},
			apiRoute{"DELETE", p + "/{id}", (*Server).apiDeleteOrgUnit, false},
		)
	}
	t = append(t, opinionAPIRoutes()...) // web/api_opinion.go
	return append(t,
		apiRoute{"GET", "/api/v1/members", (*Server).apiListMembers, false},
		apiRoute{"POST", "/api/v1/members", (*Server).apiCreateMember, false},
		apiRoute{"GET", "/api/v1/members/export", (*Server).handleRosterExport, false},
		apiRoute{"GET", "/api/v1/members/import/template", (*Server).handleRosterTemplate, false},
		apiRoute{"POST", "/api/v1/members/import", (*Server).apiImportMembers, false},
		apiRoute{"GET", "/api/v1/members/{id}", (*Server).apiGetMember, false},
		apiRoute{"PATCH", "/api/v1/members/{id}", (*Server).apiUpdateMember, false},
		apiRoute{"GET", "/api/v1/members/{id}/pii", (*Server).apiRevealMember, false},
		apiRoute{"GET", "/api/v1/members/{id}/events", (*Server).apiListMemberEvents, false},
		apiRoute{"GET", "/api/v1/members/{id}/photo", (*Server).handleMemberPhoto, false},
		apiRoute{"PUT", "/api/v1/members/{id}/photo", (*Server).apiPutMemberPhoto, false},
		apiRoute{"POST", "/api/v1/members/{id}/actions/{action}", (*Server).apiMemberAction, false},

		apiRoute{"GET", "/api/v1/users", (*Server).apiListUsers, false},
		apiRoute{"POST", "/api/v1/users", (*Server).apiCreateUser, false},
		apiRoute{"GET", "/api/v1/users/{id}", (*Server).apiGetUser, false},
		apiRoute{"PATCH", "/api/v1/users/{id}", (*Server).apiUpdateUser, false},
		apiRoute{"GET", "/api/v1/users/{id}/events", (*Server).apiListUserEvents, false},
		apiRoute{"POST", "/api/v1/users/{id}/actions/{action}", (*Server).apiUserAction, false},

		apiRoute{"GET", "/api/v1/proposals", (*Server).apiListProposals, false},
		apiRoute{"POST", "/api/v1/proposals", (*Server).apiCreateProposal, false},
		apiRoute{"POST", "/api/v1/proposals/similar", (*Server).apiSimilarToText, false},
		apiRoute{"GET", "/api/v1/proposals/{id}", (*Server).apiGetProposal, false},
		apiRoute{"PATCH", "/api/v1/proposals/{id}", (*Server).apiUpdateProposal, false},
		apiRoute{"POST", "/api/v1/proposals/{id}/actions/{action}", (*Server).apiProposalAction, false},
		apiRoute{"POST", "/api/v1/proposals/{id}/cosign", (*Server).apiRespondCosign, false},
		apiRoute{"GET", "/api/v1/proposals/{id}/events", (*Server).apiListProposalEvents, false},
		apiRoute{"GET", "/api/v1/proposals/{id}/similar", (*Server).apiSimilarProposals, false},
		apiRoute{"GET", "/api/v1/proposal-settings", (*Server).apiGetProposalSettings, false},
		apiRoute{"PUT", "/api/v1/proposal-settings", (*Server).apiUpdateProposalSettings, false},
		apiRoute{"GET", "/api/v1/reject-reasons", (*Server).apiListRejectReasons, false},

		apiRoute{"GET", "/api/v1/instructions", (*Server).apiListInstructions, false},
		apiRoute{"POST", "/api/v1/instructions", (*Server).apiCreateInstruction, false},
		apiRoute{"GET", "/api/v1/instructions/stats", (*Server).apiInstructionStats, false},
		apiRoute{"GET", "/api/v1/instructions/{id}", (*Server).apiGetInstruction, false},
		apiRoute{"DELETE", "/api/v1/instructions/{id}", (*Server).apiDeleteInstruction, false},
		apiRoute{"POST", "/api/v1/instructions/{id}/actions/{action}", (*Server).apiInstructionAction, false},
		apiRoute{"GET", "/api/v1/instructions/{id}/events", (*Server).apiListInstructionEvents, false},
		apiRoute{"GET", "/api/v1/instruction-settings", (*Server).apiGetInstructionSettings, false},
		apiRoute{"PUT", "/api/v1/instruction-settings", (*Server).apiUpdateInstructionSettings, false},
		apiRoute{"GET", "/api/v1/records/{kind}/{id}/instructions", (*Server).apiListRecordInstructions, false},
		apiRoute{"GET", "/api/v1/records/{kind}/{id}/attachments", (*Server).apiListAttachments, false},
		apiRoute{"POST", "/api/v1/records/{kind}/{id}/attachments", (*Server).apiUploadAttachment, false},
		apiRoute{"GET", "/api/v1/files/{id}", (*Server).handleDownloadAttachment, false},
		apiRoute{"DELETE", "/api/v1/files/{id}", (*Server).apiDeleteAttachment, false},
		apiRoute{"GET", "/api/v1/requests", (*Server).apiListRequests, false},
		apiRoute{"POST", "/api/v1/requests", (*Server).apiCreateRequest, false},
		apiRoute{"GET", "/api/v1/requests/stats", (*Server).apiRequestStats, false},
		apiRoute{"GET", "/api/v1/requests/{id}", (*Server).apiGetRequest, false},
		apiRoute{"PATCH", "/api/v1/requests/{id}", (*Server).apiUpdateRequest, false},
		apiRoute{"POST", "/api/v1/requests/{id}/actions/{action}", (*Server).apiRequestAction, false},
		apiRoute{"GET", "/api/v1/requests/{id}/events", (*Server).apiListRequestEvents, false},

		apiRoute{"GET", "/api/v1/plan-items", (*Server).apiListPlanItems, false},
		apiRoute{"POST", "/api/v1/plan-items", (*Server).apiCreatePlanItem, false},
		apiRoute{"GET", "/api/v1/plan-items/stats", (*Server).apiPlanStats, false},
		apiRoute{"GET", "/api/v1/plan-items/export", (*Server).handlePlanExport, false},
		apiRoute{"GET", "/api/v1/plan-items/{id}", (*Server).apiGetPlanItem, false},
		apiRoute{"PATCH", "/api/v1/plan-items/{id}", (*Server).apiUpdatePlanItem, false},
		apiRoute{"DELETE", "/api/v1/plan-items/{id}", (*Server).apiDeletePlanItem, false},
		apiRoute{"POST", "/api/v1/plan-items/{id}/actions/{action}", (*Server).apiPlanItemAction, false},
		apiRoute{"POST", "/api/v1/plan-items/{id}/activities", (*Server).apiLinkPlanActivity, false},
		apiRoute{"DELETE", "/api/v1/plan-items/{id}/activities/{activity_id}", (*Server).apiUnlinkPlanActivity, false},
		apiRoute{"GET", "/api/v1/plan-items/{id}/events", (*Server).apiListPlanItemEvents, false},
		apiRoute{"GET", "/api/v1/research-topics", (*Server).apiListResearch, false},
		apiRoute{"POST", "/api/v1/research-topics", (*Server).apiCreateResearch, false},
		apiRoute{"GET", "/api/v1/research-topics/{id}", (*Server).apiGetResearch, false},
		apiRoute{"PATCH", "/api/v1/research-topics/{id}", (*Server).apiUpdateResearch, false},
		apiRoute{"POST", "/api/v1/research-topics/{id}/actions/{action}", (*Server).apiResearchAction, false},
		apiRoute{"POST", "/api/v1/research-topics/{id}/milestones", (*Server).apiAddMilestone, false},
		apiRoute{"PATCH", "/api/v1/research-topics/{id}/milestones/{milestone_id}", (*Server).apiCompleteMilestone, false},
		apiRoute{"GET", "/api/v1/research-topics/{id}/events", (*Server).apiListResearchEvents, false},
		apiRoute{"GET", "/api/v1/speeches", (*Server).apiListSpeeches, false},
		apiRoute{"POST", "/api/v1/speeches", (*Server).apiCreateSpeech, false},
		apiRoute{"GET", "/api/v1/speeches/stats", (*Server).apiSpeechStats, false},
		apiRoute{"GET", "/api/v1/speeches/{id}", (*Server).apiGetSpeech, false},
		apiRoute{"PATCH", "/api/v1/speeches/{id}", (*Server).apiUpdateSpeech, false},
		apiRoute{"POST", "/api/v1/speeches/{id}/actions/{action}", (*Server).apiSpeechAction, false},
		apiRoute{"GET", "/api/v1/outcomes", (*Server).apiListOutcomes, false},
		apiRoute{"POST", "/api/v1/outcomes", (*Server).apiCreateOutcome, false},
		apiRoute{"GET", "/api/v1/outcomes/{id}", (*Server).apiGetOutcome, false},
		apiRoute{"PATCH", "/api/v1/outcomes/{id}", (*Server).apiUpdateOutcome, false},
		apiRoute{"POST", "/api/v1/outcomes/{id}/actions/{action}", (*Server).apiOutcomeAction, false},

		apiRoute{"GET", "/api/v1/activities", (*Server).apiListActivities, false},
		apiRoute{"POST", "/api/v1/activities", (*Server).apiCreateActivity, false},
		apiRoute{"GET", "/api/v1/activities/{id}", (*Server).apiGetActivity, false},
		apiRoute{"PATCH", "/api/v1/activities/{id}", (*Server).apiUpdateActivity, false},
		apiRoute{"POST", "/api/v1/activities/{id}/actions/{action}", (*Server).apiActivityAction, false},
		apiRoute{"GET", "/api/v1/activities/{id}/events", (*Server).apiListActivityEvents, false},
		apiRoute{"GET", "/api/v1/activities/{id}/participants", (*Server).apiListParticipants, false},
		apiRoute{"POST", "/api/v1/activities/{id}/participants", (*Server).apiInviteMembers, false},
		apiRoute{"DELETE", "/api/v1/activities/{id}/participants/{member}", (*Server).apiRemoveParticipant, false},
		apiRoute{"POST", "/api/v1/activities/{id}/participants/{member}/actions/{action}", (*Server).apiInvitationAction, false},
		apiRoute{"GET", "/api/v1/activities/{id}/guests", (*Server).apiListGuests, false},
		apiRoute{"POST", "/api/v1/activities/{id}/guests", (*Server).apiAddGuest, false},
		apiRoute{"DELETE", "/api/v1/activities/{id}/guests/{guest}", (*Server).apiRemoveGuest, false},
		apiRoute{"GET", "/api/v1/activities/{id}/checkin-code", (*Server).apiGetCheckinCode, false},
		apiRoute{"POST", "/api/v1/activities/{id}/checkin", (*Server).apiCheckIn, false},
		apiRoute{"GET", "/api/v1/my/invitations", (*Server).apiListMyInvitations, false},
		apiRoute{"GET", "/api/v1/leave-requests", (*Server).apiListLeaveRequests, false},
		apiRoute{"GET", "/api/v1/attendance", (*Server).apiAttendanceStats, false},
		apiRoute{"GET", "/api/v1/attendance/export", (*Server).handleAttendanceExport, false},
		apiRoute{"GET", "/api/v1/absence-warnings", (*Server).apiAbsenceWarnings, false},
		apiRoute{"GET", "/api/v1/activity-settings", (*Server).apiGetActivitySettings, false},
		apiRoute{"PUT", "/api/v1/activity-settings", (*Server).apiUpdateActivitySettings, false},

		apiRoute{"GET", "/api/v1/audit", (*Server).apiListAudit, false},
		apiRoute{"GET", "/api/v1/audit/export", (*Server).handleAuditExport, false},
		apiRoute{"GET", "/api/v1/policy", (*Server).apiGetPolicy, false},
		apiRoute{"PUT", "/api/v1/policy", (*Server).apiUpdatePolicy, false},
	)
}

// apiRoutes registers the API on mux. A request for an /api/ path that no route serves gets
// a JSON 404, or a JSON 405 with Allow when the path exists under other methods.
func (s *Server) apiRoutes(mux *http.ServeMux) {
	api := http.NewServeMux() // the API alone, to tell 404 from 405
	for _, rt := range apiRouteTable() {
		h := func(w http.ResponseWriter, r *http.Request) { rt.Handler(s, w, r) }
		if !rt.Public {
			h = s.signedIn(h)
		}
		mux.HandleFunc(rt.Method+" "+rt.Path, h)
		api.HandleFunc(rt.Method+" "+rt.Path, h)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := api.Handler(probe); pattern != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) == 0 {
			s.fail(w, r, lvzhi.Errorf(lvzhi.ErrNotFound, "没有这个接口:%s。接口清单见 /api/v1/openapi.json。", r.URL.Path))
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeJSON(w, http.StatusMethodNotAllowed, apiError{Error: apiErrorBody{Code: string(lvzhi.ErrInvalid),
			Message: "该接口不支持" + r.Method + "方法,可用的方法:" + strings.Join(allow, "、") + "。"}})
	})
}

// maxJSONBody is the largest JSON request body the API reads.
const maxJSONBody = 1 << 20

// decodeJSON reads a JSON object from the request body into v. It refuses bodies over 1 MB,
// fields v does not have and anything after the object, with a Chinese invalid error naming
// the problem. An empty body is an object with every field absent.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxJSONBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return jsonError(err)
	}
	if dec.More() {
		return lvzhi.Errorf(lvzhi.ErrInvalid, "请求内容只能是一个JSON对象,对象之后不能再有其他内容。")
	}
	return nil
}

// jsonError turns a decoding error into the API's invalid error.
func jsonError(err error) error {
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return lvzhi.Errorf(lvzhi.ErrInvalid, "请求内容超过1MB,已拒绝。")
	case errors.As(err, &syntax):
		return lvzhi.Errorf(lvzhi.ErrInvalid, "请求内容不是有效的JSON(第%d个字节附近有误)。", syntax.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return lvzhi.Errorf(lvzhi.ErrInvalid, "请求内容不是完整的JSON。")
	case errors.As(err, &typ) && typ.Field != "":
		return &lvzhi.Error{Code: lvzhi.ErrInvalid, Message: "字段“" + typ.Field + "”的类型不正确。",
			Fields: map[string]string{typ.Field: "类型不正确,应为" + jsonTypeName(typ.Type.Kind().String())}}
	case errors.As(err, &typ):
		return lvzhi.Errorf(lvzhi.ErrInvalid, "请求内容应为JSON对象。")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return &lvzhi.Error{Code: lvzhi.ErrInvalid, Message: "请求中有未知字段“" + name + "”,请对照接口文档。",
			Fields: map[string]string{name: "未知字段"}}
	}
	return lvzhi.Errorf(lvzhi.ErrInvalid, "请求内容无法解析,请检查JSON格式。")
}

func jsonTypeName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint") || strings.HasPrefix(kind, "float"):
		return "数字"
	case kind == "string":
		return "字符串"
	case kind == "bool":
		return "true或false"
	case kind == "slice":
		return "数组"
	}
	return "对象"
}

// opt is a request field that may be absent. Set says whether the client sent it — null
// counts as sent and means "none" — so PATCH changes only the fields it was given.
type opt[T any] struct {
	Set bool
	V   T
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *opt[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	var zero T
	o.V = zero
	if string(b) == "null" {
		return nil
	}
	return json.Unmarshal(b, &o.V)
}

// to copies the value into dst when the field was sent.
func (o opt[T]) to(dst *T) {
	if o.Set {
		*dst = o.V
	}
}

// listJSON is the envelope of every list: {"items": [...], "total": N}.
type listJSON[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// list builds the envelope, converting each record; items is [] rather than null when empty.
func list[R, T any](rows []R, total int, conv func(R) T) listJSON[T] {
	out := listJSON[T]{Items: make([]T, 0, len(rows)), Total: total}
	for _, r := range rows {
		out.Items = append(out.Items, conv(r))
	}
	return out
}

// optID writes an optional reference: null for none.
func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// optTime writes an optional time: null for the zero time.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// pathID reads the {id} of the path; a malformed id finds nothing.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该记录:编号“%s”不正确。", r.PathValue("id"))
	}
	return id, nil
}

// eventJSON is one line of a record's history.
type eventJSON struct {
	ID        int64     `json:"id"`
	Action    string    `json:"action"`
	FromState string    `json:"from_state"`
	ToState   string    `json:"to_state"`
	Note      string    `json:"note"`
	ActorID   *int64    `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	At        time.Time `json:"at"`
}

// writeEvents answers GET …/{id}/events: the history of the record the path names, read by
// the module's own history method (which checks the actor may read the record).
func (s *Server) writeEvents(w http.ResponseWriter, r *http.Request, history func(context.Context, lvzhi.Actor, int64) ([]lvzhi.Event, error)) {
	id, err := pathID(r)
	var events []lvzhi.Event
	if err == nil {
		events, err = history(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(events, len(events), toEventJSON))
}

func toEventJSON(e lvzhi.Event) eventJSON {
	return eventJSON{ID: e.ID, Action: e.Action, FromState: e.FromState, ToState: e.ToState, Note: e.Note,
		ActorID: optID(e.ActorID), ActorName: e.ActorName, At: e.At.UTC()}
}

// loginRequest is the body of POST /api/v1/login.
type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	TOTP     string `json:"totp"`
}

// loginJSON is a successful sign-in. A client told to change the password or enrol a second
// factor gets its token all the same, but only /api/v1/me/password (respectively the web
// page /totp) works until it has done so.
type loginJSON struct {
	Token              string    `json:"token"`
	ExpiresAt          time.Time `json:"expires_at"`
	MustChangePassword bool      `json:"must_change_password"`
	MustEnrolTOTP      bool      `json:"must_enrol_totp"`
}

// apiLogin signs in with the same lockout and second-factor rules as the login page.
func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) {
	var in loginRequest
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	username := strings.ToLower(strings.TrimSpace(in.Username))
	l, err := s.st.SignIn(r.Context(), username, in.Password, in.TOTP, clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, loginJSON{Token: l.Token, ExpiresAt: l.ExpiresAt.UTC(),
		MustChangePassword: l.MustChangePassword, MustEnrolTOTP: l.MustEnrolTOTP})
}

// apiLogout ends the session of the bearer token. Without a live session there is nothing
// to end, and the answer is the same.
func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) {
	if a := actor(r); !a.Anonymous() {
		if err := s.st.SignOut(r.Context(), a, token(r)); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// meJSON is the signed-in user: the account, the committee worked in now and the ones the
// user may switch to.
type meJSON struct {
	User               userJSON        `json:"user"`
	CommitteeID        int64           `json:"committee_id"`
	Committees         []committeeJSON `json:"committees"`
	MustChangePassword bool            `json:"must_change_password"`
	MustEnrolTOTP      bool            `json:"must_enrol_totp"`
}

func (s *Server) me(r *http.Request, a lvzhi.Actor) (meJSON, error) {
	u, err := s.st.User(r.Context(), a, a.UserID)
	if err != nil {
		return meJSON{}, err
	}
	all, err := s.st.Committees(r.Context())
	if err != nil {
		return meJSON{}, err
	}
	m := meJSON{User: s.toUserJSON(u), CommitteeID: a.CommitteeID, Committees: []committeeJSON{},
		MustChangePassword: a.MustChangePassword, MustEnrolTOTP: a.MustEnrolTOTP}
	for _, c := range all {
		if a.InCommittee(c.ID) {
			m.Committees = append(m.Committees, toCommitteeJSON(c))
		}
	}
	return m, nil
}

func (s *Server) apiGetMe(w http.ResponseWriter, r *http.Request) {
	m, err := s.me(r, actor(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

// apiSwitchCommittee moves the session to another committee the user may act in and
// answers with the user as they now stand.
func (s *Server) apiSwitchCommittee(w http.ResponseWriter, r *http.Request) {
	var in struct {
		CommitteeID int64 `json:"committee_id"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.st.SwitchCommittee(r.Context(), actor(r), token(r), in.CommitteeID); err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.st.Authenticate(r.Context(), token(r), clientIP(r))
	if err == nil {
		var m meJSON
		if m, err = s.me(r, a); err == nil {
			writeJSON(w, http.StatusOK, m)
			return
		}
	}
	s.fail(w, r, err)
}
