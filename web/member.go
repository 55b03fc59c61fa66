package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"lvzhi"
)

// memberOptions are the choices of the member filters and form.
type memberOptions struct {
	Terms             []lvzhi.Term
	Sectors           []lvzhi.OrgUnit
	Parties           []lvzhi.OrgUnit
	SpecialCommittees []lvzhi.OrgUnit
	ActivityGroups    []lvzhi.OrgUnit
}

func (s *Server) memberOptions(r *http.Request) (memberOptions, error) {
	a := actor(r)
	var o memberOptions
	var err error
	if o.Terms, err = s.st.Terms(r.Context(), a, a.CommitteeID); err != nil {
		return o, err
	}
	for _, x := range []struct {
		kind lvzhi.OrgUnitKind
		dst  *[]lvzhi.OrgUnit
	}{{lvzhi.OrgSector, &o.Sectors}, {lvzhi.OrgParty, &o.Parties}, {lvzhi.OrgSpecialCommittee, &o.SpecialCommittees}, {lvzhi.OrgActivityGroup, &o.ActivityGroups}} {
		if *x.dst, err = s.st.OrgUnits(r.Context(), a, a.CommitteeID, x.kind); err != nil {
			return o, err
		}
	}
	return o, nil
}

// memberListPage is the data of the member list.
type memberListPage struct {
	Layout
	memberOptions
	Pager
	Members []lvzhi.Member
	Filter  lvzhi.MemberFilter
}

// memberFilter reads a member filter from a query string; the pages and the API share it.
func memberFilter(a lvzhi.Actor, q url.Values) lvzhi.MemberFilter {
	f := lvzhi.MemberFilter{CommitteeID: a.CommitteeID, Q: q.Get("q"), State: q.Get("state")}
	f.TermID = formID(q.Get("term_id"))
	f.SectorID = formID(q.Get("sector_id"))
	f.PartyID = formID(q.Get("party_id"))
	f.SpecialCommitteeID = formID(q.Get("special_committee_id"))
	if v := q.Get("standing"); v != "" {
		b := v == "true" || v == "1" || v == "on"
		f.Standing = &b
	}
	f.NoSpecialCommittee = q.Get("no_special_committee") == "true"
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.PerPage, _ = strconv.Atoi(q.Get("per_page"))
	return f
}

func formID(s string) int64 {
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}

func (s *Server) handleMemberList(w http.ResponseWriter, r *http.Request) {
	s.memberList(w, r, "members", "members.title", memberFilter(actor(r), r.URL.Query()))
}

// handleUnassigned lists the serving members of the current term in no special committee.
func (s *Server) handleUnassigned(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	f := memberFilter(a, r.URL.Query())
	t, err := s.st.CurrentTerm(r.Context(), a, a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.TermID, f.State, f.NoSpecialCommittee = t.ID, lvzhi.MemberServing, true
	s.memberList(w, r, "unassigned", "unassigned.title", f)
}

func (s *Server) memberList(w http.ResponseWriter, r *http.Request, page, title string, f lvzhi.MemberFilter) {
	a := actor(r)
	p := memberListPage{Layout: s.layout(r, title), Filter: f}
	var err error
	if p.memberOptions, err = s.memberOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	members, total, err := s.st.ListMembers(r.Context(), a, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Members, p.Pager = members, newPager(r.URL.Path, r.URL.Query(), f.Paging, total)
	s.render(w, r, http.StatusOK, page, p)
}

// memberPage is the data of a member's record page.
type memberPage struct {
	Layout
	Member   lvzhi.Member
	Actions  []string // the workflow actions allowed now and to this user
	History  []lvzhi.Event
	CanEdit  bool
	CanPII   bool
	Revealed bool
}

func (s *Server) memberPage(r *http.Request, m lvzhi.Member) (memberPage, error) {
	a := actor(r)
	p := memberPage{Layout: s.layout(r, "member.title"), Member: m, Revealed: !m.Masked}
	p.TitleArg = m.Name
	t := m.Target()
	p.CanEdit = lvzhi.Can(a, lvzhi.ActionUpdate, t)
	p.CanPII = lvzhi.Can(a, lvzhi.ActionViewPII, t)
	if lvzhi.Can(a, lvzhi.ActionChange, t) {
		p.Actions = lvzhi.MemberWorkflow.Allowed(m.State)
	}
	var err error
	p.History, err = s.st.MemberHistory(r.Context(), a, m.ID)
	return p, err
}

func (s *Server) handleMemberPage(w http.ResponseWriter, r *http.Request) {
	s.showMember(w, r, s.st.Member)
}

// handleRevealMember shows the record with the phone and ID number whole. It is a POST
// because it writes an audit row.
func (s *Server) handleRevealMember(w http.ResponseWriter, r *http.Request) {
	s.showMember(w, r, s.st.RevealMember)
}

// showMember renders a member's record page from the record read, masked or whole.
func (s *Server) showMember(w http.ResponseWriter, r *http.Request, read func(context.Context, lvzhi.Actor, int64) (lvzhi.Member, error)) {
	m, err := read(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.memberPage(r, m)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "member", p)
}

func (s *Server) handleMemberAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if _, err := s.st.ChangeMember(r.Context(), actor(r), id, r.PathValue("action"), r.FormValue("note")); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/members/"+strconv.FormatInt(id, 10)+"?ok=done", http.StatusSeeOther)
}
