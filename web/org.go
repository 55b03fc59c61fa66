package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
)

// overviewPage is the data of the organisation overview.
type overviewPage struct {
	Layout
	Overview lvzhi.Overview
	Kinds    []lvzhi.OrgUnitKind
}

func (s *Server) handleOverview(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	o, err := s.st.Overview(r.Context(), a, a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "overview", overviewPage{Layout: s.layout(r, "org.title"), Overview: o, Kinds: lvzhi.OrgUnitKinds})
}

// orgUnitsPage is the data of the page listing one kind of grouping.
type orgUnitsPage struct {
	Layout
	Kind    lvzhi.OrgUnitKind
	Units   []lvzhi.OrgUnit
	Parents []lvzhi.OrgUnit // the possible parents: sector groups for sectors, special committees for activity groups
	Kinds   []lvzhi.OrgUnitKind
	Error   string
	Errors  map[string]string
	Name    string
	CanEdit bool
}

// parentKind says which grouping a grouping of each kind sits under, if any.
var parentKind = map[lvzhi.OrgUnitKind]lvzhi.OrgUnitKind{
	lvzhi.OrgSector: lvzhi.OrgSectorGroup, lvzhi.OrgActivityGroup: lvzhi.OrgSpecialCommittee,
}

func orgKind(r *http.Request) (lvzhi.OrgUnitKind, error) {
	k := lvzhi.OrgUnitKind(r.PathValue("kind"))
	if _, ok := lvzhi.OrgUnitLabel[k]; !ok {
		return k, lvzhi.Errorf(lvzhi.ErrNotFound, "没有这类组织。")
	}
	return k, nil
}

func (s *Server) orgUnitsPage(r *http.Request, kind lvzhi.OrgUnitKind) (orgUnitsPage, error) {
	a := actor(r)
	p := orgUnitsPage{Layout: s.layout(r, "org.units"), Kind: kind, Kinds: lvzhi.OrgUnitKinds}
	p.TitleArg = lvzhi.OrgUnitLabel[kind]
	p.CanEdit = lvzhi.Can(a, lvzhi.ActionCreate, lvzhi.Target{Kind: kind.PermissionKind(), CommitteeID: a.CommitteeID})
	var err error
	if p.Units, err = s.st.OrgUnits(r.Context(), a, a.CommitteeID, kind); err != nil {
		return p, err
	}
	if pk, ok := parentKind[kind]; ok {
		p.Parents, err = s.st.OrgUnits(r.Context(), a, a.CommitteeID, pk)
	}
	return p, err
}

func (s *Server) handleOrgUnits(w http.ResponseWriter, r *http.Request) {
	kind, err := orgKind(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.orgUnitsPage(r, kind)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "orgunits", p)
}

// saveOrgUnit handles the create and update forms of a grouping alike.
func (s *Server) saveOrgUnit(w http.ResponseWriter, r *http.Request, save func(lvzhi.OrgUnit) error) {
	a := actor(r)
	kind, err := orgKind(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := lvzhi.OrgUnit{CommitteeID: a.CommitteeID, Kind: kind, Name: r.FormValue("name")}
	u.ID, _ = strconv.ParseInt(r.PathValue("id"), 10, 64)
	u.ParentID, _ = strconv.ParseInt(r.FormValue("parent_id"), 10, 64)
	u.Position, _ = strconv.Atoi(r.FormValue("position"))
	if err := save(u); err != nil {
		code := lvzhi.ErrorCodeOf(err)
		if code != lvzhi.ErrInvalid && code != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		p, perr := s.orgUnitsPage(r, kind)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		p.Error, p.Errors, p.Name = lvzhi.ErrorMessage(err), lvzhi.ErrorFields(err), u.Name
		s.render(w, r, statusOf(code), "orgunits", p)
		return
	}
	http.Redirect(w, r, "/org/units/"+string(kind)+"?ok=saved", http.StatusSeeOther)
}

func (s *Server) handleCreateOrgUnit(w http.ResponseWriter, r *http.Request) {
	s.saveOrgUnit(w, r, func(u lvzhi.OrgUnit) error {
		_, err := s.st.CreateOrgUnit(r.Context(), actor(r), u)
		return err
	})
}

func (s *Server) handleUpdateOrgUnit(w http.ResponseWriter, r *http.Request) {
	s.saveOrgUnit(w, r, func(u lvzhi.OrgUnit) error { return s.st.UpdateOrgUnit(r.Context(), actor(r), u) })
}

func (s *Server) handleDeleteOrgUnit(w http.ResponseWriter, r *http.Request) {
	s.saveOrgUnit(w, r, func(u lvzhi.OrgUnit) error { return s.st.DeleteOrgUnit(r.Context(), actor(r), u.ID) })
}

// termsPage is the data of the terms page.
type termsPage struct {
	Layout
	Terms    []lvzhi.Term
	Sessions []lvzhi.Session
}

// SessionsOf lists the sessions of one term, for the terms table.
func (p termsPage) SessionsOf(termID int64) []lvzhi.Session {
	var out []lvzhi.Session
	for _, s := range p.Sessions {
		if s.TermID == termID {
			out = append(out, s)
		}
	}
	return out
}

func (s *Server) handleTerms(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	terms, err := s.st.Terms(r.Context(), a, a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sessions, err := s.st.Sessions(r.Context(), a, a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "terms", termsPage{Layout: s.layout(r, "terms.title"), Terms: terms, Sessions: sessions})
}

func (s *Server) handleCreateTerm(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	t := lvzhi.Term{CommitteeID: a.CommitteeID, Current: r.FormValue("current") == "on"}
	t.Number, _ = strconv.Atoi(r.FormValue("number"))
	t.StartYear, _ = strconv.Atoi(r.FormValue("start_year"))
	t.EndYear, _ = strconv.Atoi(r.FormValue("end_year"))
	if _, err := s.st.CreateTerm(r.Context(), a, t); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/terms?ok=saved", http.StatusSeeOther)
}

func (s *Server) handleCreateSession(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	ss := lvzhi.Session{CommitteeID: a.CommitteeID}
	ss.TermID, _ = strconv.ParseInt(r.PathValue("id"), 10, 64)
	ss.Number, _ = strconv.Atoi(r.FormValue("number"))
	ss.OpensOn, ss.SubmitFrom, ss.SubmitUntil = formDay(r.FormValue("opens_on")), formDay(r.FormValue("submit_from")), formDay(r.FormValue("submit_until"))
	if _, err := s.st.CreateSession(r.Context(), a, ss); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/terms?ok=saved", http.StatusSeeOther)
}

// formDay reads a YYYY-MM-DD field as a calendar date; zero when empty or wrong.
func formDay(v string) time.Time {
	t, _ := time.Parse("2006-01-02", v)
	return t
}
