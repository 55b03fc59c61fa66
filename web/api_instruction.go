package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// The instructions API (批示) and the attachments of any record. Identifiers start with
// apiInstruction / apiAttachment or instruction…JSON.

// instructionJSON is an instruction with its follow-up.
type instructionJSON struct {
	ID          int64      `json:"id"`
	RecordKind  string     `json:"record_kind"`
	RecordID    int64      `json:"record_id"`
	RecordTitle string     `json:"record_title"`
	MemberID    *int64     `json:"member_id"`
	Leader      string     `json:"leader"`
	Rank        string     `json:"rank"`
	GivenOn     time.Time  `json:"given_on"`
	Body        string     `json:"body"`
	Department  string     `json:"department"`
	FollowUp    string     `json:"follow_up"`
	DoneOn      *time.Time `json:"done_on"`
	State       string     `json:"state"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

func toInstructionJSON(in lvzhi.Instruction) instructionJSON {
	return instructionJSON{ID: in.ID, RecordKind: string(in.RecordKind), RecordID: in.RecordID, RecordTitle: in.RecordTitle,
		MemberID: optID(in.MemberID), Leader: in.Leader, Rank: in.Rank, GivenOn: in.GivenOn.UTC(), Body: in.Body,
		Department: in.Department, FollowUp: in.FollowUp, DoneOn: optTime(in.DoneOn), State: in.State,
		CreatedAt: in.Created.UTC(), UpdatedAt: in.Updated.UTC()}
}

// instructionRequest is the body of POST /api/v1/instructions.
type instructionRequest struct {
	RecordKind string    `json:"record_kind"`
	RecordID   int64     `json:"record_id"`
	Leader     string    `json:"leader"`
	Rank       string    `json:"rank"`
	GivenOn    time.Time `json:"given_on"`
	Body       string    `json:"body"`
}

// followUpRequest is the body of an instruction's follow-up action.
type followUpRequest struct {
	Department string    `json:"department"`
	FollowUp   string    `json:"follow_up"`
	DoneOn     time.Time `json:"done_on"`
	Note       string    `json:"note"`
}

// apiInstructionFilter reads the list's query; malformed values are refused, not ignored.
func apiInstructionFilter(a lvzhi.Actor, q url.Values, set lvzhi.InstructionSettings) (lvzhi.InstructionFilter, error) {
	f := lvzhi.InstructionFilter{CommitteeID: a.CommitteeID, Rank: q.Get("rank"), RecordKind: lvzhi.Kind(q.Get("record_kind")),
		State: q.Get("state"), Q: q.Get("q")}
	bad := map[string]string{}
	when := func(name string, dst *time.Time) {
		if v := strings.TrimSpace(q.Get(name)); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				if t, err = time.ParseInLocation("2006-01-02", v, lvzhi.China); err != nil {
					bad[name] = "应为日期,如2026-01-31"
				}
			}
			*dst = t.UTC()
		}
	}
	when("from", &f.From)
	when("to", &f.To)
	switch q.Get("main") {
	case "", "false", "0":
	case "true", "1":
		f.Ranks = set.Main
	default:
		bad["main"] = "应为true或false"
	}
	if id := q.Get("record_id"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			bad["record_id"] = "应为正整数编号"
		}
		f.RecordID = n
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

// apiListInstructions lists instructions: staff and leaders the committee's, a member those
// on the member's own records. Filters: rank, main, record_kind, record_id, state, from, to
// (given on or after from, before to), q.
func (s *Server) apiListInstructions(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	set, err := s.st.InstructionSettings(r.Context(), a.CommitteeID)
	var f lvzhi.InstructionFilter
	if err == nil {
		f, err = apiInstructionFilter(a, r.URL.Query(), set)
	}
	var rows []lvzhi.Instruction
	var total int
	if err == nil {
		rows, total, err = s.st.ListInstructions(r.Context(), a, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toInstructionJSON))
}

// apiCreateInstruction records an instruction on the record the body names.
func (s *Server) apiCreateInstruction(w http.ResponseWriter, r *http.Request) {
	var req instructionRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	in, err := s.st.AddInstruction(r.Context(), actor(r), lvzhi.Kind(req.RecordKind), req.RecordID,
		lvzhi.Instruction{Leader: req.Leader, Rank: req.Rank, GivenOn: req.GivenOn, Body: req.Body})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toInstructionJSON(in))
}

func (s *Server) apiGetInstruction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in lvzhi.Instruction
	if err == nil {
		in, err = s.st.Instruction(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toInstructionJSON(in))
}

func (s *Server) apiDeleteInstruction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.st.DeleteInstruction(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiInstructionAction records a follow-up action: follow_up, complete or reopen.
func (s *Server) apiInstructionAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var req followUpRequest
	if err == nil {
		err = decodeJSON(w, r, &req)
	}
	var in lvzhi.Instruction
	if err == nil {
		in, err = s.st.UpdateFollowUp(r.Context(), actor(r), id, r.PathValue("action"),
			lvzhi.FollowUpInput{Department: req.Department, FollowUp: req.FollowUp, DoneOn: req.DoneOn, Note: req.Note})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toInstructionJSON(in))
}

func (s *Server) apiListInstructionEvents(w http.ResponseWriter, r *http.Request) {
	s.writeEvents(w, r, s.st.InstructionHistory)
}

// apiListRecordInstructions lists the instructions on one record.
func (s *Server) apiListRecordInstructions(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var rows []lvzhi.Instruction
	if err == nil {
		rows, err = s.st.Instructions(r.Context(), actor(r), lvzhi.Kind(r.PathValue("kind")), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toInstructionJSON))
}

// countJSON is one figure of a statistics table.
type countJSON struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

func toCountJSON(c store.KeyCount) countJSON {
	return countJSON{Key: c.Key, Label: c.Label, Count: c.N}
}

// instructionStatsJSON are the figures of the instructions a filter selects.
type instructionStatsJSON struct {
	Total   int         `json:"total"`
	Main    int         `json:"main"`
	ByRank  []countJSON `json:"by_rank"`
	ByKind  []countJSON `json:"by_record_kind"`
	ByState []countJSON `json:"by_state"`
}

func toCounts(cs []store.KeyCount) []countJSON {
	return list(cs, len(cs), toCountJSON).Items
}

// apiInstructionStats counts the instructions the list's filters select, by rank, kind of
// record and follow-up state.
func (s *Server) apiInstructionStats(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	set, err := s.st.InstructionSettings(r.Context(), a.CommitteeID)
	var f lvzhi.InstructionFilter
	if err == nil {
		f, err = apiInstructionFilter(a, r.URL.Query(), set)
	}
	var st store.InstructionStats
	if err == nil {
		st, err = s.st.InstructionStats(r.Context(), a, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, instructionStatsJSON{Total: st.Total, Main: st.Main, ByRank: toCounts(st.ByRank),
		ByKind: toCounts(st.ByKind), ByState: toCounts(st.ByState)})
}

// instructionSettingsJSON is a committee's ranks of leaders and which count as main.
type instructionSettingsJSON struct {
	Ranks []string `json:"ranks"`
	Main  []string `json:"main"`
}

func (s *Server) apiGetInstructionSettings(w http.ResponseWriter, r *http.Request) {
	set, err := s.st.InstructionSettings(r.Context(), actor(r).CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, instructionSettingsJSON{Ranks: set.Ranks, Main: set.Main})
}

func (s *Server) apiUpdateInstructionSettings(w http.ResponseWriter, r *http.Request) {
	var req instructionSettingsJSON
	if err := decodeJSON(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	set := lvzhi.InstructionSettings{Ranks: req.Ranks, Main: req.Main}
	if err := s.st.SetInstructionSettings(r.Context(), actor(r), set); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, req)
}
