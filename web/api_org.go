package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// orgPlural is the URL name of each kind of grouping (GLOSSARY.md): /api/v1/sectors …
var orgPlural = map[lvzhi.OrgUnitKind]string{
	lvzhi.OrgSector: "sectors", lvzhi.OrgSectorGroup: "sector-groups", lvzhi.OrgSpecialCommittee: "special-committees",
	lvzhi.OrgActivityGroup: "activity-groups", lvzhi.OrgParty: "parties", lvzhi.OrgDepartment: "departments",
	lvzhi.OrgHandlingUnit: "units",
}

// apiOrgKind is the kind of grouping an org-unit route serves, read from its URL.
func apiOrgKind(r *http.Request) lvzhi.OrgUnitKind {
	seg, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/api/v1/"), "/")
	for k, p := range orgPlural {
		if p == seg {
			return k
		}
	}
	return ""
}

// committeeJSON is a committee of the deployment.
type committeeJSON struct {
	ID         int64  `json:"id"`
	ParentID   *int64 `json:"parent_id"`
	Name       string `json:"name"`
	Level      string `json:"level"`
	LevelLabel string `json:"level_label"`
}

func toCommitteeJSON(c lvzhi.Committee) committeeJSON {
	return committeeJSON{ID: c.ID, ParentID: optID(c.ParentID), Name: c.Name, Level: string(c.Level), LevelLabel: lvzhi.LevelLabel[c.Level]}
}

// apiListCommittees lists every committee, parents first; committee names are public.
func (s *Server) apiListCommittees(w http.ResponseWriter, r *http.Request) {
	all, err := s.st.Committees(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(all, len(all), toCommitteeJSON))
}

func (s *Server) apiGetCommittee(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var c lvzhi.Committee
	if err == nil {
		c, err = s.st.Committee(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toCommitteeJSON(c))
}

// termJSON is a term (届) of a committee.
type termJSON struct {
	ID          int64  `json:"id"`
	CommitteeID int64  `json:"committee_id"`
	Number      int    `json:"number"`
	Name        string `json:"name"`
	StartYear   int    `json:"start_year"`
	EndYear     int    `json:"end_year"`
	Current     bool   `json:"current"`
}

func toTermJSON(t lvzhi.Term) termJSON {
	return termJSON{ID: t.ID, CommitteeID: t.CommitteeID, Number: t.Number, Name: t.Name(),
		StartYear: t.StartYear, EndYear: t.EndYear, Current: t.Current}
}

// overviewJSON is the organisation at a glance. Counts is keyed by the grouping's kind.
type overviewJSON struct {
	Committee               committeeJSON  `json:"committee"`
	Term                    *termJSON      `json:"term"`
	Members                 int            `json:"members"`
	StandingMembers         int            `json:"standing_members"`
	Counts                  map[string]int `json:"counts"`
	WithoutSpecialCommittee int            `json:"without_special_committee"`
}

func (s *Server) apiGetOverview(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	o, err := s.st.Overview(r.Context(), a, a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := overviewJSON{Committee: toCommitteeJSON(o.Committee), Members: o.Members, StandingMembers: o.StandingMembers,
		Counts: map[string]int{}, WithoutSpecialCommittee: o.WithoutSpecialComm}
	if o.Term.ID != 0 {
		t := toTermJSON(o.Term)
		out.Term = &t
	}
	for _, k := range lvzhi.OrgUnitKinds {
		out.Counts[string(k)] = o.Counts[k]
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiListTerms(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	terms, err := s.st.Terms(r.Context(), a, a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(terms, len(terms), toTermJSON))
}

// term finds a term of the actor's committee by the {id} of the path.
func (s *Server) term(r *http.Request) (lvzhi.Term, error) {
	a := actor(r)
	id, err := pathID(r)
	if err != nil {
		return lvzhi.Term{}, err
	}
	terms, err := s.st.Terms(r.Context(), a, a.CommitteeID)
	if err != nil {
		return lvzhi.Term{}, err
	}
	for _, t := range terms {
		if t.ID == id {
			return t, nil
		}
	}
	return lvzhi.Term{}, lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该届次,可能已被删除或不属于本政协。")
}

func (s *Server) apiGetTerm(w http.ResponseWriter, r *http.Request) {
	t, err := s.term(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toTermJSON(t))
}

func (s *Server) apiCreateTerm(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Number    int  `json:"number"`
		StartYear int  `json:"start_year"`
		EndYear   int  `json:"end_year"`
		Current   bool `json:"current"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	a := actor(r)
	t, err := s.st.CreateTerm(r.Context(), a, lvzhi.Term{CommitteeID: a.CommitteeID, Number: in.Number,
		StartYear: in.StartYear, EndYear: in.EndYear, Current: in.Current})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/terms/"+strconv.FormatInt(t.ID, 10))
	writeJSON(w, http.StatusCreated, toTermJSON(t))
}

// sessionJSON is a plenary session (次会议) of a term.
type sessionJSON struct {
	ID          int64   `json:"id"`
	CommitteeID int64   `json:"committee_id"`
	TermID      int64   `json:"term_id"`
	Number      int     `json:"number"`
	Name        string  `json:"name"`
	OpensOn     *string `json:"opens_on"`
	SubmitFrom  *string `json:"submit_from"`  // proposals for this session are taken from this day
	SubmitUntil *string `json:"submit_until"` // to this day (提案征集时间); null: no window
}

// apiCreateSession adds a session to a term of the actor's committee.
func (s *Server) apiCreateSession(w http.ResponseWriter, r *http.Request) {
	t, err := s.term(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Number      int    `json:"number"`
		OpensOn     string `json:"opens_on"`
		SubmitFrom  string `json:"submit_from"`
		SubmitUntil string `json:"submit_until"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	ss := lvzhi.Session{CommitteeID: t.CommitteeID, TermID: t.ID, Number: in.Number}
	// The dates are read as the session form reads them (formDay), so a window set through
	// the API opens and closes on the same days as one set on the page.
	bad := map[string]string{}
	for _, d := range []struct {
		field, value, label string
		to                  *time.Time
	}{
		{"opens_on", in.OpensOn, "开幕日期", &ss.OpensOn},
		{"submit_from", in.SubmitFrom, "提案征集开始日期", &ss.SubmitFrom},
		{"submit_until", in.SubmitUntil, "提案征集截止日期", &ss.SubmitUntil},
	} {
		if d.value == "" {
			continue
		}
		if *d.to = formDay(d.value); d.to.IsZero() {
			bad[d.field] = d.label + "格式应为2024-05-27"
		}
	}
	if len(bad) > 0 {
		s.fail(w, r, lvzhi.Invalid(bad))
		return
	}
	if ss, err = s.st.CreateSession(r.Context(), actor(r), ss); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, newSessionJSON(t.Name(), ss))
}

// newSessionJSON is the API's form of a session of the named term.
func newSessionJSON(term string, ss lvzhi.Session) sessionJSON {
	day := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		d := t.Format("2006-01-02")
		return &d
	}
	return sessionJSON{ID: ss.ID, CommitteeID: ss.CommitteeID, TermID: ss.TermID, Number: ss.Number,
		Name: term + "第" + lvzhi.Chinese(ss.Number) + "次会议", OpensOn: day(ss.OpensOn),
		SubmitFrom: day(ss.SubmitFrom), SubmitUntil: day(ss.SubmitUntil)}
}

// orgUnitJSON is a grouping: a sector, sector group, special committee, activity group,
// party, department or handling unit.
type orgUnitJSON struct {
	ID          int64  `json:"id"`
	CommitteeID int64  `json:"committee_id"`
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	ParentID    *int64 `json:"parent_id"`
	ParentName  string `json:"parent_name"`
	Position    int    `json:"position"`
	Members     int    `json:"members"`
}

func toOrgUnitJSON(u lvzhi.OrgUnit) orgUnitJSON {
	return orgUnitJSON{ID: u.ID, CommitteeID: u.CommitteeID, Kind: string(u.Kind), Name: u.Name,
		ParentID: optID(u.ParentID), ParentName: u.ParentName, Position: u.Position, Members: u.Members}
}

// orgUnitInput is the body of creating or editing a grouping; absent fields keep their value.
type orgUnitInput struct {
	Name     opt[string] `json:"name"`
	ParentID opt[int64]  `json:"parent_id"`
	Position opt[int]    `json:"position"`
}

func (in orgUnitInput) apply(u *lvzhi.OrgUnit) {
	in.Name.to(&u.Name)
	in.ParentID.to(&u.ParentID)
	in.Position.to(&u.Position)
}

func (s *Server) apiListOrgUnits(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	units, err := s.st.OrgUnits(r.Context(), a, a.CommitteeID, apiOrgKind(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(units, len(units), toOrgUnitJSON))
}

// orgUnit reads the grouping of the path, which must be of the route's kind.
func (s *Server) orgUnit(r *http.Request, id int64) (lvzhi.OrgUnit, error) {
	kind := apiOrgKind(r)
	u, err := s.st.OrgUnit(r.Context(), actor(r), id)
	if err == nil && u.Kind != kind {
		err = lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该%s。", lvzhi.OrgUnitLabel[kind])
	}
	return u, err
}

func (s *Server) apiGetOrgUnit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var u lvzhi.OrgUnit
	if err == nil {
		u, err = s.orgUnit(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toOrgUnitJSON(u))
}

func (s *Server) apiCreateOrgUnit(w http.ResponseWriter, r *http.Request) {
	var in orgUnitInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	a := actor(r)
	u := lvzhi.OrgUnit{CommitteeID: a.CommitteeID, Kind: apiOrgKind(r)}
	in.apply(&u)
	u, err := s.st.CreateOrgUnit(r.Context(), a, u)
	if err == nil {
		u, err = s.orgUnit(r, u.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/"+orgPlural[u.Kind]+"/"+strconv.FormatInt(u.ID, 10))
	writeJSON(w, http.StatusCreated, toOrgUnitJSON(u))
}

func (s *Server) apiUpdateOrgUnit(w http.ResponseWriter, r *http.Request) {
	var in orgUnitInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := pathID(r)
	var u lvzhi.OrgUnit
	if err == nil {
		u, err = s.orgUnit(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in.apply(&u)
	err = s.st.UpdateOrgUnit(r.Context(), actor(r), u)
	if err == nil {
		u, err = s.orgUnit(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toOrgUnitJSON(u))
}

func (s *Server) apiDeleteOrgUnit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		_, err = s.orgUnit(r, id)
	}
	if err == nil {
		err = s.st.DeleteOrgUnit(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
