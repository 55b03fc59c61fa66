package web

import (
	"net/http"
	"strconv"

	"lvzhi"
	"lvzhi/store"
)

// The bulletin's issues, the report statistics and the report settings in the API.

// issueInput is the body that opens or changes an issue.
type issueInput struct {
	Title  string `json:"title"`
	Signer string `json:"signer"`
	OnDate string `json:"on_date"`
}

// apiListIssues lists a year's issues (?year=, all years when absent), newest first.
func (s *Server) apiListIssues(w http.ResponseWriter, r *http.Request) {
	year := 0
	var err error
	if v := r.URL.Query().Get("year"); v != "" {
		if year, err = strconv.Atoi(v); err != nil || year < 1900 {
			err = lvzhi.Invalid(map[string]string{"year": "应为年份,如2026"})
		}
	}
	var rows []store.IssueSummary
	if err == nil {
		rows, err = s.st.ListIssues(r.Context(), actor(r), year)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toIssueJSON))
}

// writeIssue answers with issue id and its reports, or with err.
func (s *Server) writeIssue(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var is lvzhi.Issue
	if err == nil {
		is, err = s.st.Issue(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toIssueJSON(store.IssueSummary{Issue: is}))
}

// apiCreateIssue opens an issue with the next number of its year and answers 201.
func (s *Server) apiCreateIssue(w http.ResponseWriter, r *http.Request) {
	var in issueInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	is, err := s.st.CreateIssue(r.Context(), actor(r), lvzhi.Issue{Title: in.Title, Signer: in.Signer, OnDate: in.OnDate})
	if err == nil {
		w.Header().Set("Location", "/api/v1/opinion-issues/"+strconv.FormatInt(is.ID, 10))
	}
	s.writeIssue(w, r, http.StatusCreated, is.ID, err)
}

func (s *Server) apiGetIssue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writeIssue(w, r, http.StatusOK, id, err)
}

// issuePatchInput changes an issue's title, signer or date; absent fields keep their value.
type issuePatchInput struct {
	Title  opt[string] `json:"title"`
	Signer opt[string] `json:"signer"`
	OnDate opt[string] `json:"on_date"`
}

func (s *Server) apiUpdateIssue(w http.ResponseWriter, r *http.Request) {
	var in issuePatchInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := pathID(r)
	var is lvzhi.Issue
	if err == nil {
		is, err = s.st.Issue(r.Context(), actor(r), id)
	}
	if err == nil {
		in.Title.to(&is.Title)
		in.Signer.to(&is.Signer)
		in.OnDate.to(&is.OnDate)
		_, err = s.st.UpdateIssue(r.Context(), actor(r), is)
	}
	s.writeIssue(w, r, http.StatusOK, id, err)
}

// apiOpinionStats answers the statistics: by (member, sector, party, special_committee),
// from and to (dates of submission).
func (s *Server) apiOpinionStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.OpinionStatistics(r.Context(), actor(r), opinionStatsFilter(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := opinionStatsJSON{By: st.By, From: st.From, To: st.To, Ranks: append([]string{}, st.Ranks...),
		Rows: []opinionCountsJSON{}, Total: toOpinionCountsJSON(st.Total)}
	for _, c := range st.Rows {
		out.Rows = append(out.Rows, toOpinionCountsJSON(c))
	}
	writeJSON(w, http.StatusOK, out)
}

// opinionSettingsJSON is a committee's rules for reports.
type opinionSettingsJSON struct {
	MaxChars int `json:"max_chars"`
}

func (s *Server) apiGetOpinionSettings(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID, MemberID: a.MemberID}); err != nil {
		s.fail(w, r, err) // those who write reports read the rules they are held to
		return
	}
	set, err := s.st.OpinionSettings(r.Context(), a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, opinionSettingsJSON{MaxChars: set.MaxChars})
}

func (s *Server) apiUpdateOpinionSettings(w http.ResponseWriter, r *http.Request) {
	var in opinionSettingsJSON
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.st.SetOpinionSettings(r.Context(), actor(r), lvzhi.OpinionSettings{MaxChars: in.MaxChars}); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, in)
}
