package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"lvzhi"
	"lvzhi/store"
)

// The opinion reports API (社情民意信息): reports and their workflow, versions and their
// comparison, near-duplicates, the bulletin's issues, the statistics and the settings.
// Instructions on a report are recorded through /api/v1/instructions with record_kind
// "opinion", attachments through /api/v1/records/opinion/{id}/attachments.

// opinionAPIRoutes are the routes of this API; apiRouteTable lists them with the others.
func opinionAPIRoutes() []apiRoute {
	return []apiRoute{
		{"GET", "/api/v1/opinions", (*Server).apiListOpinions, false},
		{"POST", "/api/v1/opinions", (*Server).apiCreateOpinion, false},
		{"POST", "/api/v1/opinions/similar", (*Server).apiSimilarOpinions, false},
		{"GET", "/api/v1/opinions/{id}", (*Server).apiGetOpinion, false},
		{"PATCH", "/api/v1/opinions/{id}", (*Server).apiUpdateOpinion, false},
		{"POST", "/api/v1/opinions/{id}/actions/{action}", (*Server).apiOpinionAction, false},
		{"GET", "/api/v1/opinions/{id}/events", (*Server).apiListOpinionEvents, false},
		{"GET", "/api/v1/opinions/{id}/versions", (*Server).apiListOpinionVersions, false},
		{"GET", "/api/v1/opinions/{id}/diff", (*Server).apiOpinionDiff, false},
		{"GET", "/api/v1/opinion-issues", (*Server).apiListIssues, false},
		{"POST", "/api/v1/opinion-issues", (*Server).apiCreateIssue, false},
		{"GET", "/api/v1/opinion-issues/{id}", (*Server).apiGetIssue, false},
		{"PATCH", "/api/v1/opinion-issues/{id}", (*Server).apiUpdateIssue, false},
		{"GET", "/api/v1/opinion-issues/{id}/bulletin", (*Server).handleIssueDOCX, false},
		{"GET", "/api/v1/opinion-stats", (*Server).apiOpinionStats, false},
		{"GET", "/api/v1/opinion-stats/export", (*Server).handleOpinionStatsExport, false},
		{"GET", "/api/v1/opinion-settings", (*Server).apiGetOpinionSettings, false},
		{"PUT", "/api/v1/opinion-settings", (*Server).apiUpdateOpinionSettings, false},
	}
}

// apiOpinionFilter reads the list's query; a malformed id, date or page is refused rather than
// ignored, so a typo never lists everything.
func apiOpinionFilter(q url.Values) (lvzhi.OpinionFilter, error) {
	f := opinionFilter(q)
	bad := map[string]string{}
	for _, name := range []string{"author_id", "group_id", "issue_id", "origin_proposal_id", "page", "per_page"} {
		if v := strings.TrimSpace(q.Get(name)); v != "" {
			if n, err := strconv.ParseInt(v, 10, 64); err != nil || n <= 0 {
				bad[name] = "应为正整数"
			}
		}
	}
	for _, name := range []string{"from", "to"} {
		if v := q.Get(name); v != "" && !lvzhi.ValidDate(v) {
			bad[name] = "应为日期,如2026-01-31"
		}
	}
	if f.State != "" && lvzhi.OpinionWorkflow.StateLabel[f.State] == "" {
		bad["state"] = "未知的状态"
	}
	return f, lvzhi.Invalid(bad)
}

// apiListOpinions lists the reports the caller may see: a member their own (as submitter or
// co-author), the office and leaders the committee's.
func (s *Server) apiListOpinions(w http.ResponseWriter, r *http.Request) {
	f, err := apiOpinionFilter(r.URL.Query())
	var rows []lvzhi.Opinion
	var total int
	if err == nil {
		rows, total, err = s.st.ListOpinions(r.Context(), actor(r), f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toOpinionSummaryJSON))
}

// writeOpinion answers with report id read whole as it now stands, or with err.
func (s *Server) writeOpinion(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var d store.OpinionDetail
	if err == nil {
		d, err = s.st.OpinionDetail(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toOpinionJSON(actor(r), d))
}

func (s *Server) apiGetOpinion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writeOpinion(w, r, http.StatusOK, id, err)
}

// opinionCreateInput is the body of POST /api/v1/opinions. A member's report is their own,
// joint when co_author_ids are given; the office may enter a group's or a lower committee's.
type opinionCreateInput struct {
	Kind              string  `json:"kind"`
	Title             string  `json:"title"`
	Body              string  `json:"body"`
	SubmitterID       int64   `json:"submitter_id"`
	CoAuthorIDs       []int64 `json:"co_author_ids"`
	GroupID           int64   `json:"group_id"`
	SourceCommitteeID int64   `json:"source_committee_id"`
	AuthorName        string  `json:"author_name"`
}

// apiCreateOpinion saves a new draft and answers 201 with it and its Location.
func (s *Server) apiCreateOpinion(w http.ResponseWriter, r *http.Request) {
	var in opinionCreateInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Kind == "" {
		in.Kind = lvzhi.OpinionIndividual
		if len(in.CoAuthorIDs) > 0 {
			in.Kind = lvzhi.OpinionJoint
		}
	}
	o, err := s.st.CreateOpinion(r.Context(), actor(r), lvzhi.Opinion{Kind: in.Kind, Title: in.Title, Body: in.Body,
		SubmitterID: in.SubmitterID, CoAuthors: in.CoAuthorIDs, GroupID: in.GroupID, SourceCommitteeID: in.SourceCommitteeID, AuthorName: in.AuthorName})
	if err == nil {
		w.Header().Set("Location", "/api/v1/opinions/"+strconv.FormatInt(o.ID, 10))
	}
	s.writeOpinion(w, r, http.StatusCreated, o.ID, err)
}

// opinionPatchInput is the body of PATCH /api/v1/opinions/{id}: what the submitter may change
// in a draft or a returned report. The office changes a submitted text with the edit action.
type opinionPatchInput struct {
	Title opt[string] `json:"title"`
	Body  opt[string] `json:"body"`
}

func (s *Server) apiUpdateOpinion(w http.ResponseWriter, r *http.Request) {
	var in opinionPatchInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := pathID(r)
	var o lvzhi.Opinion
	if err == nil {
		o, err = s.st.Opinion(r.Context(), actor(r), id)
	}
	if err == nil {
		in.Title.to(&o.Title)
		in.Body.to(&o.Body)
		err = s.st.UpdateOpinion(r.Context(), actor(r), o)
	}
	s.writeOpinion(w, r, http.StatusOK, id, err)
}

// opinionActionBody is the body of an action: each action reads its own fields.
type opinionActionBody struct {
	Note      string      `json:"note"`
	Title     string      `json:"title"`
	Body      string      `json:"body"`
	IssueID   int64       `json:"issue_id"`
	NewIssue  *issueInput `json:"new_issue"`
	To        string      `json:"to"`
	OnDate    string      `json:"on_date"`
	Level     string      `json:"level"`
	Mode      string      `json:"mode"`
	AdoptedBy string      `json:"adopted_by"`
}

// apiOpinionAction applies a workflow action: 409 when the state does not allow it, 403 when
// the caller may not, 422 with fields when its input is wrong, 404 for an unknown action.
func (s *Server) apiOpinionAction(w http.ResponseWriter, r *http.Request) {
	var in opinionActionBody
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	action := r.PathValue("action")
	id, err := pathID(r)
	if err == nil && lvzhi.OpinionWorkflow.ActionLabel[action] == "" {
		err = lvzhi.Errorf(lvzhi.ErrNotFound, "没有名为“%s”的社情民意信息操作。", action)
	}
	if err == nil {
		act := lvzhi.OpinionActionInput{Note: in.Note, Title: in.Title, Body: in.Body, IssueID: in.IssueID, To: in.To, OnDate: in.OnDate,
			Adoption: lvzhi.Adoption{Level: in.Level, Mode: in.Mode, Body: in.AdoptedBy, OnDate: in.OnDate, Note: in.Note}}
		if in.NewIssue != nil {
			act.NewIssue = &lvzhi.Issue{Title: in.NewIssue.Title, Signer: in.NewIssue.Signer, OnDate: in.NewIssue.OnDate}
		}
		_, err = s.st.ActOpinion(r.Context(), actor(r), id, action, act)
	}
	s.writeOpinion(w, r, http.StatusOK, id, err)
}

func (s *Server) apiListOpinionEvents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var d store.OpinionDetail
	if err == nil {
		d, err = s.st.OpinionDetail(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(d.History, len(d.History), toEventJSON))
}

// apiListOpinionVersions lists every saved text of a report, oldest first: the office's and
// leaders' view of the editing.
func (s *Server) apiListOpinionVersions(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var d store.OpinionDetail
	if err == nil {
		if _, err = s.st.OpinionDiff(r.Context(), actor(r), id, 0, 0); lvzhi.ErrorCodeOf(err) == lvzhi.ErrNotFound {
			err = nil // no version yet: an empty list, if the caller may read the report
		}
	}
	if err == nil {
		d, err = s.st.OpinionDetail(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(d.Versions, len(d.Versions), toVersionJSON))
}

// apiOpinionDiff compares two versions (from, to: version numbers; by default the submitter's
// latest text with the latest version), character by character.
func (s *Server) apiOpinionDiff(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	from, to := 0, 0
	bad := map[string]string{}
	for name, dst := range map[string]*int{"from": &from, "to": &to} {
		if v := r.URL.Query().Get(name); v != "" {
			n, perr := strconv.Atoi(v)
			if perr != nil || n < 1 {
				bad[name] = "应为版本号(正整数)"
			}
			*dst = n
		}
	}
	if err == nil {
		err = lvzhi.Invalid(bad)
	}
	var d store.VersionDiff
	if err == nil {
		d, err = s.st.OpinionDiff(r.Context(), actor(r), id, from, to)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, diffJSON{From: toVersionJSON(d.Old), To: toVersionJSON(d.New), Title: toDiffOps(d.Title), Body: toDiffOps(d.Body)})
}

// opinionSimilarInput is the body of POST /api/v1/opinions/similar.
type opinionSimilarInput struct {
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	ExcludeID int64    `json:"exclude_id"`
	Min       *float64 `json:"min"`
	Limit     *int     `json:"limit"`
}

// apiSimilarOpinions finds earlier reports and proposals like a text: the form's live hints.
func (s *Server) apiSimilarOpinions(w http.ResponseWriter, r *http.Request) {
	var in opinionSimilarInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	min, limit, err := apiSimilarBounds(in.Min, in.Limit)
	var rows []store.SimilarRecord
	if err == nil {
		rows, err = s.st.SimilarOpinions(r.Context(), actor(r), in.Title+"\n"+in.Body, in.ExcludeID, min, limit)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toOpinionSimilarJSON))
}
