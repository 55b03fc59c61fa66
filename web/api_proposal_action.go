package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/store"
)

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
			t, derr = time.ParseInLocation("2006-01-02", v, lvzhi.China)
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
	s.writeEvents(w, r, s.st.ProposalHistory)
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
