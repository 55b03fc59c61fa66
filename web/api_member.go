package web

import (
	"net/http"
	"strconv"

	"lvzhi"
)

// memberJSON is a member record. Phone and id_number are masked ("masked": true) except in
// the answer of GET /api/v1/members/{id}/pii. Actions are the workflow actions the caller
// may take now.
type memberJSON struct {
	ID                   int64    `json:"id"`
	CommitteeID          int64    `json:"committee_id"`
	TermID               int64    `json:"term_id"`
	TermName             string   `json:"term_name"`
	Name                 string   `json:"name"`
	Gender               string   `json:"gender"`
	BirthDate            string   `json:"birth_date"`
	Ethnicity            string   `json:"ethnicity"`
	PartyID              *int64   `json:"party_id"`
	PartyName            string   `json:"party_name"`
	SectorID             int64    `json:"sector_id"`
	SectorName           string   `json:"sector_name"`
	SpecialCommitteeID   *int64   `json:"special_committee_id"`
	SpecialCommitteeName string   `json:"special_committee_name"`
	ActivityGroupID      *int64   `json:"activity_group_id"`
	ActivityGroupName    string   `json:"activity_group_name"`
	Standing             bool     `json:"standing"`
	Employer             string   `json:"employer"`
	Title                string   `json:"title"`
	Phone                string   `json:"phone"`
	IDNumber             string   `json:"id_number"`
	Address              string   `json:"address"`
	HasPhoto             bool     `json:"has_photo"`
	State                string   `json:"state"`
	StateLabel           string   `json:"state_label"`
	Masked               bool     `json:"masked"`
	Actions              []string `json:"actions"`
}

// toMemberJSON converts member records for actor a.
func toMemberJSON(a lvzhi.Actor) func(lvzhi.Member) memberJSON {
	return func(m lvzhi.Member) memberJSON {
		j := memberJSON{
			ID: m.ID, CommitteeID: m.CommitteeID, TermID: m.TermID, TermName: m.TermName, Name: m.Name, Gender: m.Gender,
			BirthDate: m.BirthDate, Ethnicity: m.Ethnicity, PartyID: optID(m.PartyID), PartyName: m.PartyName,
			SectorID: m.SectorID, SectorName: m.SectorName, SpecialCommitteeID: optID(m.SpecialCommitteeID),
			SpecialCommitteeName: m.SpecialCommitteeName, ActivityGroupID: optID(m.ActivityGroupID),
			ActivityGroupName: m.ActivityGroupName, Standing: m.Standing, Employer: m.Employer, Title: m.Title,
			Phone: m.Phone, IDNumber: m.IDNumber, Address: m.Address, HasPhoto: m.PhotoHash != "",
			State: m.State, StateLabel: lvzhi.MemberWorkflow.StateLabel[m.State], Masked: m.Masked, Actions: []string{},
		}
		if lvzhi.Can(a, lvzhi.ActionChange, m.Target()) {
			j.Actions = append(j.Actions, lvzhi.MemberWorkflow.Allowed(m.State)...)
		}
		return j
	}
}

// memberInput is the body of creating or editing a member record. Absent fields keep their
// value; null or 0 clears an optional reference. A masked phone or ID number sent back as it
// was read keeps the stored value.
type memberInput struct {
	TermID             opt[int64]  `json:"term_id"`
	Name               opt[string] `json:"name"`
	Gender             opt[string] `json:"gender"`
	BirthDate          opt[string] `json:"birth_date"`
	Ethnicity          opt[string] `json:"ethnicity"`
	PartyID            opt[int64]  `json:"party_id"`
	SectorID           opt[int64]  `json:"sector_id"`
	SpecialCommitteeID opt[int64]  `json:"special_committee_id"`
	ActivityGroupID    opt[int64]  `json:"activity_group_id"`
	Standing           opt[bool]   `json:"standing"`
	Employer           opt[string] `json:"employer"`
	Title              opt[string] `json:"title"`
	Phone              opt[string] `json:"phone"`
	IDNumber           opt[string] `json:"id_number"`
	Address            opt[string] `json:"address"`
}

func (in memberInput) apply(m *lvzhi.Member) {
	in.TermID.to(&m.TermID)
	in.Name.to(&m.Name)
	in.Gender.to(&m.Gender)
	in.BirthDate.to(&m.BirthDate)
	in.Ethnicity.to(&m.Ethnicity)
	in.PartyID.to(&m.PartyID)
	in.SectorID.to(&m.SectorID)
	in.SpecialCommitteeID.to(&m.SpecialCommitteeID)
	in.ActivityGroupID.to(&m.ActivityGroupID)
	in.Standing.to(&m.Standing)
	in.Employer.to(&m.Employer)
	in.Title.to(&m.Title)
	in.Phone.to(&m.Phone)
	in.IDNumber.to(&m.IDNumber)
	in.Address.to(&m.Address)
}

// apiListMembers lists members with the filters of the member list page.
func (s *Server) apiListMembers(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	members, total, err := s.st.ListMembers(r.Context(), a, memberFilter(a, r.URL.Query()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(members, total, toMemberJSON(a)))
}

func (s *Server) apiGetMember(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var m lvzhi.Member
	if err == nil {
		m, err = s.st.Member(r.Context(), actor(r), id)
	}
	s.writeMember(w, r, http.StatusOK, m, err)
}

// writeMember answers with one member record, or with err.
func (s *Server) writeMember(w http.ResponseWriter, r *http.Request, status int, m lvzhi.Member, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toMemberJSON(actor(r))(m))
}

// apiRevealMember answers with the phone and ID number whole; the store audits the view.
func (s *Server) apiRevealMember(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var m lvzhi.Member
	if err == nil {
		m, err = s.st.RevealMember(r.Context(), actor(r), id)
	}
	s.writeMember(w, r, http.StatusOK, m, err)
}

func (s *Server) apiCreateMember(w http.ResponseWriter, r *http.Request) {
	var in memberInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	a := actor(r)
	m := lvzhi.Member{CommitteeID: a.CommitteeID}
	if !in.TermID.Set { // as the form does: the current term unless another is chosen
		if t, err := s.st.CurrentTerm(r.Context(), a, a.CommitteeID); err == nil {
			m.TermID = t.ID
		}
	}
	in.apply(&m)
	m, err := s.st.CreateMember(r.Context(), a, m)
	if err == nil {
		m, err = s.st.Member(r.Context(), a, m.ID)
	}
	if err == nil {
		w.Header().Set("Location", "/api/v1/members/"+strconv.FormatInt(m.ID, 10))
	}
	s.writeMember(w, r, http.StatusCreated, m, err)
}

// currentMember reads the record an edit starts from, masked: the store keeps a stored phone
// or ID number that comes back masked, so an edit needs no unmasked (audited) view.
func (s *Server) currentMember(r *http.Request, id int64) (lvzhi.Member, error) {
	return s.st.Member(r.Context(), actor(r), id)
}

// apiUpdateMember edits a member record: fields absent from the body keep their value.
func (s *Server) apiUpdateMember(w http.ResponseWriter, r *http.Request) {
	var in memberInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := pathID(r)
	var m lvzhi.Member
	if err == nil {
		m, err = s.currentMember(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in.apply(&m)
	err = s.st.UpdateMember(r.Context(), actor(r), m)
	if err == nil {
		m, err = s.st.Member(r.Context(), actor(r), id)
	}
	s.writeMember(w, r, http.StatusOK, m, err)
}

// apiMemberAction runs a workflow action (leave, reinstate) with its note and answers with
// the record as it now stands. An action the state does not allow is a 409 naming both.
func (s *Server) apiMemberAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Note string `json:"note"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.st.ChangeMember(r.Context(), actor(r), id, r.PathValue("action"), in.Note)
	s.writeMember(w, r, http.StatusOK, m, err)
}

func (s *Server) apiListMemberEvents(w http.ResponseWriter, r *http.Request) {
	s.writeEvents(w, r, s.st.MemberHistory)
}
