package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"lvzhi"
	"lvzhi/store"
)

// The proposals API (提案): lists, drafts, the workflow's actions, co-signing, history,
// near-duplicates and the committee's proposal settings. Identifiers here start with
// apiProposal or proposal…JSON so they stay clear of the proposal pages' own.

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
	Signer          string `json:"signer"`
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
		ProposerID: in.ProposerID, ProposerName: in.ProposerName, GroupID: in.GroupID, SuggestedUnits: in.SuggestedUnits, Signer: in.Signer,
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
	Signer         opt[string] `json:"signer"`
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
		in.Signer.to(&p.Signer)
		err = s.st.UpdateProposal(r.Context(), actor(r), p)
	}
	s.writeProposal(w, r, http.StatusOK, id, err)
}
