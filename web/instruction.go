package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// InstructionsPart is what the "instructions" template part (templates/_instructions.html)
// draws on a record page: the leaders' instructions on the record with their follow-up state,
// and the form to record one for those who may. A record page has a field of this type and
// calls {{template "instructions" .Instructions}}; the part draws nothing for a user who may
// not see the record's instructions.
type InstructionsPart struct {
	Kind     lvzhi.Kind
	RecordID int64
	Visible  bool // the user may read the record's instructions
	Items    []lvzhi.Instruction
	CanAdd   bool
	Ranks    []string
	Today    string // the form's default date
}

// instructionsPart reads the part of one record for the request's user.
func (s *Server) instructionsPart(r *http.Request, kind lvzhi.Kind, id int64) (InstructionsPart, error) {
	a, ctx := actor(r), r.Context()
	p := InstructionsPart{Kind: kind, RecordID: id, Today: time.Now().In(lvzhi.China).Format("2006-01-02")}
	items, err := s.st.Instructions(ctx, a, kind, id)
	switch lvzhi.ErrorCodeOf(err) {
	case lvzhi.ErrForbidden, lvzhi.ErrUnauthorized:
		return p, nil // not this user's to see: no section at all
	}
	if err != nil {
		return p, err
	}
	p.Visible, p.Items = true, items
	if p.CanAdd = s.st.CanInstruct(ctx, a, lvzhi.ActionCreate, kind, id); p.CanAdd {
		set, err := s.st.InstructionSettings(ctx, a.CommitteeID)
		if err != nil {
			return p, err
		}
		p.Ranks = set.Ranks
	}
	return p, nil
}

// instructionInput reads the fields of the form that records an instruction.
func instructionInput(r *http.Request) lvzhi.Instruction {
	return lvzhi.Instruction{Leader: r.FormValue("leader"), Rank: r.FormValue("rank"), GivenOn: formDate(r.FormValue("given_on")),
		Body: r.FormValue("body")}
}

// handleAddInstruction records an instruction on a record and returns to the record's page.
func (s *Server) handleAddInstruction(w http.ResponseWriter, r *http.Request) {
	kind, id := lvzhi.Kind(r.PathValue("kind")), formID(r.PathValue("id"))
	if _, err := s.st.AddInstruction(r.Context(), actor(r), kind, id, instructionInput(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, recordPath(kind, id)+"?ok=instructed#instructions", http.StatusSeeOther)
}

// instructionPage is the data of an instruction's own page: the instruction, its record, its
// follow-up forms and its history.
type instructionPage struct {
	Layout
	Instruction lvzhi.Instruction
	RecordPath  string
	KindLabel   string
	StateLabel  string
	Actions     []string // follow-up actions allowed now, when the user may update
	ActionLabel map[string]string
	CanDelete   bool
	History     []lvzhi.Event
	Errors      map[string]string
	Error       string
	Today       string
}

func (s *Server) instructionPage(r *http.Request, id int64) (instructionPage, error) {
	a, ctx := actor(r), r.Context()
	p := instructionPage{Layout: s.layout(r, "instruction.title"), ActionLabel: lvzhi.InstructionWorkflow.ActionLabel,
		Today: time.Now().In(lvzhi.China).Format("2006-01-02")}
	var err error
	if p.Instruction, err = s.st.Instruction(ctx, a, id); err != nil {
		return p, err
	}
	in := p.Instruction
	p.TitleArg = in.Rank + " " + in.Leader
	p.RecordPath, p.KindLabel = recordPath(in.RecordKind, in.RecordID), lvzhi.RecordKindLabel[in.RecordKind]
	p.StateLabel = lvzhi.InstructionWorkflow.StateLabel[in.State]
	if s.st.CanInstruct(ctx, a, lvzhi.ActionUpdate, in.RecordKind, in.RecordID) {
		p.Actions = lvzhi.InstructionWorkflow.Allowed(in.State)
	}
	p.CanDelete = s.st.CanInstruct(ctx, a, lvzhi.ActionDelete, in.RecordKind, in.RecordID)
	p.History, err = s.st.InstructionHistory(ctx, a, id)
	return p, err
}

func (s *Server) handleInstructionPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.instructionPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "instruction", p)
}

// followUpInput reads a follow-up form.
func followUpInput(r *http.Request) lvzhi.FollowUpInput {
	return lvzhi.FollowUpInput{Department: r.FormValue("department"), FollowUp: r.FormValue("follow_up"),
		DoneOn: formDate(r.FormValue("done_on")), Note: r.FormValue("note")}
}

// handleInstructionAction records a follow-up action; a refused one shows the page again with
// the message.
func (s *Server) handleInstructionAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if _, err := s.st.UpdateFollowUp(r.Context(), actor(r), id, r.PathValue("action"), followUpInput(r)); err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		p, perr := s.instructionPage(r, id)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
		s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "instruction", p)
		return
	}
	http.Redirect(w, r, "/instructions/"+strconv.FormatInt(id, 10)+"?ok=done", http.StatusSeeOther)
}

// handleDeleteInstruction removes an instruction recorded by mistake and returns to its record.
func (s *Server) handleDeleteInstruction(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	in, err := s.st.Instruction(ctx, a, formID(r.PathValue("id")))
	if err == nil {
		err = s.st.DeleteInstruction(ctx, a, in.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, recordPath(in.RecordKind, in.RecordID)+"?ok=deleted", http.StatusSeeOther)
}

// instructionSettingsPage is the office's form of the committee's ranks of leaders.
type instructionSettingsPage struct {
	Layout
	Settings  lvzhi.InstructionSettings
	RanksText string
	IsMain    map[string]bool
	Errors    map[string]string
	Error     string
}

func (s *Server) instructionSettingsPage(r *http.Request, set lvzhi.InstructionSettings) instructionSettingsPage {
	p := instructionSettingsPage{Layout: s.layout(r, "instructions.settings"), Settings: set,
		RanksText: strings.Join(set.Ranks, "\n"), IsMain: map[string]bool{}}
	for _, m := range set.Main {
		p.IsMain[m] = true
	}
	return p
}

func (s *Server) handleInstructionSettings(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	set, err := s.st.InstructionSettings(r.Context(), a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "instructionsettings", s.instructionSettingsPage(r, set))
}

// handleUpdateInstructionSettings saves the ranks, one a line, and which of them are main.
func (s *Server) handleUpdateInstructionSettings(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	var set lvzhi.InstructionSettings
	for _, line := range strings.Split(r.FormValue("ranks"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			set.Ranks = append(set.Ranks, line)
		}
	}
	set.Main = r.Form["main"]
	if err := s.st.SetInstructionSettings(r.Context(), actor(r), set); err != nil {
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			s.fail(w, r, err)
			return
		}
		p := s.instructionSettingsPage(r, set)
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
		s.render(w, r, http.StatusUnprocessableEntity, "instructionsettings", p)
		return
	}
	http.Redirect(w, r, "/instructions/settings?ok=saved", http.StatusSeeOther)
}
