package lvzhi

import "time"

// Transition is one row of a workflow's table: from a state, an action leads to a state.
type Transition struct {
	From   string
	Action string
	To     string
}

// Workflow is a state machine written as a table, so a clerk's question "what can happen to
// this record now?" is answered by reading rows, and every module's workflow looks the same.
type Workflow struct {
	Name        string            // the record's Chinese name, used in messages: "委员"
	StateLabel  map[string]string // Chinese name of each state
	ActionLabel map[string]string // Chinese name of each action
	Table       []Transition
}

// Next returns the state that action leads to from state. An action the table does not
// allow is an ErrConflict whose message names the state and the action.
func (w Workflow) Next(state, action string) (string, error) {
	for _, t := range w.Table {
		if t.From == state && t.Action == action {
			return t.To, nil
		}
	}
	if _, ok := w.ActionLabel[action]; !ok {
		return "", Errorf(ErrInvalid, "没有名为“%s”的操作。", action)
	}
	return "", Errorf(ErrConflict, "%s当前状态为“%s”,不能执行“%s”。",
		w.Name, w.label(w.StateLabel, state), w.label(w.ActionLabel, action))
}

// Allowed lists the actions allowed from state, in table order: the buttons a record page shows.
func (w Workflow) Allowed(state string) []string {
	var out []string
	for _, t := range w.Table {
		if t.From == state {
			out = append(out, t.Action)
		}
	}
	return out
}

func (w Workflow) label(m map[string]string, k string) string {
	if l, ok := m[k]; ok {
		return l
	}
	return k
}

// Event is one line of a record's history: who did what, when, from which state to which,
// with a note. A state change and its event are written in one transaction; events are also
// the input of later statistics and duty points.
type Event struct {
	ID          int64
	CommitteeID int64
	Kind        Kind
	RecordID    int64
	ActorID     int64
	ActorName   string
	Action      string
	FromState   string
	ToState     string
	Note        string
	At          time.Time
}
