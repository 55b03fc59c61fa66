package lvzhi

import (
	"reflect"
	"strings"
	"testing"
)

// workflowCase is one (state, action) pair of a workflow: either the state it leads to, or
// the Chinese labels the refusal must name.
type workflowCase struct {
	state, action string
	to            string // "" when the action is not allowed from state
	stateLabel    string // for refusals: the Chinese state name in the message
	actionLabel   string // for refusals: the Chinese action name in the message
}

func checkWorkflow(t *testing.T, w Workflow, name string, cases []workflowCase) {
	t.Helper()
	for _, c := range cases {
		got, err := w.Next(c.state, c.action)
		if c.to != "" {
			if err != nil || got != c.to {
				t.Errorf("%s: Next(%s, %s) = %q, %v; want %q", name, c.state, c.action, got, err, c.to)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: Next(%s, %s) = %q, want a conflict", name, c.state, c.action, got)
			continue
		}
		if got != "" {
			t.Errorf("%s: refused Next(%s, %s) still returned state %q", name, c.state, c.action, got)
		}
		if ErrorCodeOf(err) != ErrConflict {
			t.Errorf("%s: Next(%s, %s) code = %s, want conflict", name, c.state, c.action, ErrorCodeOf(err))
		}
		msg := ErrorMessage(err)
		for _, want := range []string{name, "“" + c.stateLabel + "”", "“" + c.actionLabel + "”"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: Next(%s, %s) message %q should contain %q", name, c.state, c.action, msg, want)
			}
		}
	}
}

func TestMemberWorkflow(t *testing.T) {
	checkWorkflow(t, MemberWorkflow, "委员", []workflowCase{
		{state: MemberServing, action: "leave", to: MemberLeft},
		{state: MemberServing, action: "reinstate", stateLabel: "在任", actionLabel: "恢复在任"},
		{state: MemberLeft, action: "reinstate", to: MemberServing},
		{state: MemberLeft, action: "leave", stateLabel: "离任", actionLabel: "办理离任"},
		// A state the table does not know is named as it is, and refused.
		{state: "suspended", action: "leave", stateLabel: "suspended", actionLabel: "办理离任"},
	})
}

func TestUserWorkflow(t *testing.T) {
	checkWorkflow(t, UserWorkflow, "账号", []workflowCase{
		{state: UserActive, action: "disable", to: UserDisabled},
		{state: UserActive, action: "enable", stateLabel: "正常", actionLabel: "启用"},
		{state: UserDisabled, action: "enable", to: UserActive},
		{state: UserDisabled, action: "disable", stateLabel: "已停用", actionLabel: "停用"},
	})
}

func TestWorkflowUnknownAction(t *testing.T) {
	for _, tc := range []struct {
		name   string
		w      Workflow
		state  string
		action string
	}{
		{"member delete", MemberWorkflow, MemberServing, "delete"},
		{"member empty", MemberWorkflow, MemberLeft, ""},
		{"member uses an account action", MemberWorkflow, MemberServing, "disable"},
		{"user uses a member action", UserWorkflow, UserActive, "leave"},
		{"user unknown state and action", UserWorkflow, "gone", "unlock"},
	} {
		got, err := tc.w.Next(tc.state, tc.action)
		if got != "" || ErrorCodeOf(err) != ErrInvalid {
			t.Errorf("%s: Next(%q, %q) = %q, %v; want an invalid error", tc.name, tc.state, tc.action, got, err)
			continue
		}
		if tc.action != "" && !strings.Contains(ErrorMessage(err), tc.action) {
			t.Errorf("%s: message %q should name the unknown action %q", tc.name, ErrorMessage(err), tc.action)
		}
	}
}

func TestWorkflowAllowed(t *testing.T) {
	for _, tc := range []struct {
		name  string
		w     Workflow
		state string
		want  []string
	}{
		{"member serving", MemberWorkflow, MemberServing, []string{"leave"}},
		{"member left", MemberWorkflow, MemberLeft, []string{"reinstate"}},
		{"member unknown state", MemberWorkflow, "x", nil},
		{"user active", UserWorkflow, UserActive, []string{"disable"}},
		{"user disabled", UserWorkflow, UserDisabled, []string{"enable"}},
		{"user empty state", UserWorkflow, "", nil},
	} {
		if got := tc.w.Allowed(tc.state); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Allowed(%q) = %q, want %q", tc.name, tc.state, got, tc.want)
		}
	}
}

// TestWorkflowTablesConsistent checks that every state and action in the tables has a
// Chinese label, so no message ever shows a raw code, and that every allowed action works.
func TestWorkflowTablesConsistent(t *testing.T) {
	for _, w := range []Workflow{MemberWorkflow, UserWorkflow} {
		for _, tr := range w.Table {
			if w.StateLabel[tr.From] == "" || w.StateLabel[tr.To] == "" {
				t.Errorf("%s: transition %+v uses a state without a label", w.Name, tr)
			}
			if w.ActionLabel[tr.Action] == "" {
				t.Errorf("%s: transition %+v uses an action without a label", w.Name, tr)
			}
		}
		for state := range w.StateLabel {
			for _, act := range w.Allowed(state) {
				if _, err := w.Next(state, act); err != nil {
					t.Errorf("%s: Allowed(%s) lists %s but Next refuses it: %v", w.Name, state, act, err)
				}
			}
		}
	}
}
