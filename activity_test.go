package lvzhi

import (
	"strings"
	"testing"
	"time"
)

// TestActivityWorkflowTable walks every (state, action) pair of the activity workflow: the
// listed transitions lead where the table says, every other pair is a conflict naming both.
func TestActivityWorkflowTable(t *testing.T) {
	want := map[[2]string]string{
		{ActivityDraft, "invite_members"}:     ActivityDraft,
		{ActivityDraft, "publish"}:            ActivityPublished,
		{ActivityDraft, "cancel"}:             ActivityCancelled,
		{ActivityPublished, "invite_members"}: ActivityPublished,
		{ActivityPublished, "start"}:          ActivityUnderway,
		{ActivityPublished, "finish"}:         ActivityClosed,
		{ActivityPublished, "cancel"}:         ActivityCancelled,
		{ActivityUnderway, "finish"}:          ActivityClosed,
	}
	checkTable(t, ActivityWorkflow, want)
}

// TestInvitationWorkflowTable does the same for invitations and leave.
func TestInvitationWorkflowTable(t *testing.T) {
	want := map[[2]string]string{
		{InvitationInvited, "attend"}:               InvitationAccepted,
		{InvitationInvited, "decline"}:              InvitationDeclined,
		{InvitationInvited, "request_leave"}:        InvitationLeaveRequested,
		{InvitationAccepted, "decline"}:             InvitationDeclined,
		{InvitationAccepted, "request_leave"}:       InvitationLeaveRequested,
		{InvitationDeclined, "attend"}:              InvitationAccepted,
		{InvitationDeclined, "request_leave"}:       InvitationLeaveRequested,
		{InvitationLeaveRequested, "approve_leave"}: InvitationLeaveApproved,
		{InvitationLeaveRequested, "refuse_leave"}:  InvitationLeaveRefused,
		{InvitationLeaveRequested, "attend"}:        InvitationAccepted,
		{InvitationLeaveRefused, "attend"}:          InvitationAccepted,
		{InvitationLeaveRefused, "request_leave"}:   InvitationLeaveRequested,
		{InvitationLeaveApproved, "attend"}:         InvitationAccepted,
	}
	checkTable(t, InvitationWorkflow, want)
	// Leave is decided by staff once: an approved or refused request is not decided again.
	if _, err := InvitationWorkflow.Next(InvitationLeaveApproved, "refuse_leave"); ErrorCodeOf(err) != ErrConflict {
		t.Errorf("refusing approved leave: got %v, want a conflict", err)
	}
}

func checkTable(t *testing.T, w Workflow, want map[[2]string]string) {
	t.Helper()
	for state := range w.StateLabel {
		for action, label := range w.ActionLabel {
			to, err := w.Next(state, action)
			exp, ok := want[[2]string{state, action}]
			switch {
			case ok && (err != nil || to != exp):
				t.Errorf("%s: %s from %s = %q, %v; want %s", w.Name, action, state, to, err, exp)
			case !ok && ErrorCodeOf(err) != ErrConflict:
				t.Errorf("%s: %s from %s should be a conflict, got %q, %v", w.Name, action, state, to, err)
			case !ok && !containsAll(ErrorMessage(err), w.StateLabel[state], label):
				t.Errorf("%s: refusal %q should name state %s and action %s", w.Name, ErrorMessage(err), w.StateLabel[state], label)
			}
		}
	}
	if len(w.Table) != len(want) {
		t.Errorf("%s has %d transitions, the test lists %d", w.Name, len(w.Table), len(want))
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// TestFinalAttendance: a check-in counts first (late if late), then approved leave; every
// other participant is absent — whatever they answered.
func TestFinalAttendance(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		inv  Invitation
		want string
	}{
		{Invitation{State: InvitationAccepted, CheckedInAt: at}, AttendanceAttended},
		{Invitation{State: InvitationAccepted, CheckedInAt: at, Late: true}, AttendanceLate},
		{Invitation{State: InvitationLeaveApproved, CheckedInAt: at}, AttendanceAttended}, // came after all
		{Invitation{State: InvitationLeaveApproved}, AttendanceLeave},
		{Invitation{State: InvitationLeaveRefused}, AttendanceAbsent},
		{Invitation{State: InvitationLeaveRequested}, AttendanceAbsent},
		{Invitation{State: InvitationDeclined}, AttendanceAbsent},
		{Invitation{State: InvitationAccepted}, AttendanceAbsent},
		{Invitation{State: InvitationInvited}, AttendanceAbsent},
		{Invitation{State: InvitationInvited, CheckedInAt: at}, AttendanceAttended},
	}
	for _, c := range cases {
		if got := c.inv.FinalAttendance(); got != c.want {
			t.Errorf("%s checked=%v late=%v: got %s, want %s", c.inv.State, c.inv.Checked(), c.inv.Late, got, c.want)
		}
	}
}

// TestCheckinToken: a code is good in its own step and the next, and for its own activity and
// secret only; a photo of the screen from a minute or a day before is refused.
func TestCheckinToken(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	shown := time.Date(2026, 3, 2, 9, 0, 10, 0, time.UTC)
	tok := CheckinToken(secret, 7, CheckinStepOf(shown))
	for _, c := range []struct {
		name string
		id   int64
		sec  []byte
		at   time.Time
		ok   bool
	}{
		{"same step", 7, secret, shown.Add(15 * time.Second), true},
		{"next step", 7, secret, shown.Add(35 * time.Second), true},
		{"two steps later", 7, secret, shown.Add(61 * time.Second), false},
		{"the next day", 7, secret, shown.Add(24 * time.Hour), false},
		{"before it was shown", 7, secret, shown.Add(-31 * time.Second), false},
		{"another activity", 8, secret, shown, false},
		{"another deployment", 7, []byte("another secret"), shown, false},
	} {
		err := CheckCheckinToken(c.sec, c.id, tok, c.at)
		if (err == nil) != c.ok {
			t.Errorf("%s: got %v, want ok=%v", c.name, err, c.ok)
		}
		if err != nil && !strings.Contains(ErrorMessage(err), "过期") {
			t.Errorf("%s: message %q should say the code has expired", c.name, ErrorMessage(err))
		}
	}
}

// TestCheckinWindow: check-in opens CheckinBefore minutes before the start and closes at the end.
func TestCheckinWindow(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := Activity{StartsAt: start, EndsAt: start.Add(3 * time.Hour), CheckinBefore: 60, LateAfter: 10}
	for _, c := range []struct {
		at time.Time
		ok bool
	}{
		{start.Add(-61 * time.Minute), false}, {start.Add(-60 * time.Minute), true}, {start, true},
		{start.Add(3 * time.Hour), true}, {start.Add(3*time.Hour + time.Second), false}, {start.Add(-24 * time.Hour), false},
	} {
		if err := a.CheckCheckinWindow(c.at); (err == nil) != c.ok {
			t.Errorf("at %s: got %v, want ok=%v", c.at.Format("15:04:05"), err, c.ok)
		}
	}
	if !a.LateFrom().Equal(start.Add(10 * time.Minute)) {
		t.Errorf("late from %s", a.LateFrom())
	}
	// The refusal tells the member the times they read on the notice: China time, not the
	// server's. 09:00 UTC is 17:00 in China; check-in opens at 16:00 and closes at 20:00.
	early, late := a.CheckCheckinWindow(start.Add(-2*time.Hour)), a.CheckCheckinWindow(start.Add(4*time.Hour))
	if !strings.Contains(ErrorMessage(early), "2026-03-02 16:00") || !strings.Contains(ErrorMessage(late), "2026-03-02 20:00") {
		t.Errorf("window messages %q / %q: want China times 16:00 and 20:00", ErrorMessage(early), ErrorMessage(late))
	}
}

// TestActivityValidate: what a planner is told about a bad activity.
func TestActivityValidate(t *testing.T) {
	s := DefaultActivitySettings()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	good := Activity{Type: ActivityPlenary, Title: "第三次全体会议", StartsAt: start, EndsAt: start.Add(time.Hour), Place: "会议中心", CheckinBefore: 60, LateAfter: 10}
	if err := good.Validate(s); err != nil {
		t.Fatalf("good activity: %v", err)
	}
	bad := good
	bad.Type, bad.Title, bad.EndsAt, bad.Place = "party", " ", start, ""
	f := ErrorFields(bad.Validate(s))
	for _, k := range []string{"type", "title", "ends_at", "place"} {
		if f[k] == "" {
			t.Errorf("no message for %s in %v", k, f)
		}
	}
	if err := (ActivitySettings{Types: s.Types, AbsenceRules: []AbsenceRule{{Type: "nope", Count: 2}}}).Validate(); err == nil {
		t.Error("a rule on an unknown type should be refused")
	}
	if ValidateLeave("  ") == nil || ValidateLeave("出差在外") != nil {
		t.Error("leave needs a reason")
	}
}
