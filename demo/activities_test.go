package demo

import (
	"context"
	"testing"

	"lvzhi"
)

// TestDemoActivities: the demo has a year of activities of every default type, closed ones
// with an attendance state for each participant and every state present, the statistics
// agreeing with the participant rows, and one activity today whose check-in the demo member
// can try.
func TestDemoActivities(t *testing.T) {
	ctx := context.Background()
	st, sum := loaded(t)
	staff := lvzhi.System(sum.CityID)
	list, total, err := st.ListActivities(ctx, staff, lvzhi.ActivityFilter{Paging: lvzhi.Paging{PerPage: 500}})
	if err != nil || total < 40 {
		t.Fatalf("%d activities, %v", total, err)
	}
	types := map[string]int{}
	states := map[string]int{}
	participants := 0
	for _, x := range list {
		types[x.Type]++
		states[x.State]++
		if x.State != lvzhi.ActivityClosed {
			continue
		}
		ps, err := st.Participants(ctx, staff, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.Attendance == "" || p.Attendance != p.FinalAttendance() {
				t.Errorf("%s in %s: attendance %q", p.MemberName, x.Title, p.Attendance)
			}
		}
		participants += len(ps)
	}
	for _, typ := range lvzhi.DefaultActivityTypes {
		if types[typ.Code] == 0 {
			t.Errorf("no %s in the demo", typ.Label)
		}
	}
	if states[lvzhi.ActivityDraft] == 0 || states[lvzhi.ActivityCancelled] == 0 || states[lvzhi.ActivityPublished] == 0 {
		t.Errorf("states %v", states)
	}
	rows, err := st.AttendanceStats(ctx, staff, lvzhi.AttendanceFilter{GroupBy: lvzhi.AttendanceByType})
	if err != nil {
		t.Fatal(err)
	}
	counted, each := 0, map[string]int{}
	for _, r := range rows {
		counted += r.Total()
		each[lvzhi.AttendanceAttended] += r.Attended
		each[lvzhi.AttendanceLate] += r.Late
		each[lvzhi.AttendanceLeave] += r.Leave
		each[lvzhi.AttendanceAbsent] += r.Absent
	}
	if counted != participants {
		t.Errorf("statistics count %d participant records, the closed activities have %d", counted, participants)
	}
	for _, s := range lvzhi.AttendanceStates {
		if each[s] == 0 {
			t.Errorf("no %s in the demo's attendance", lvzhi.AttendanceLabel[s])
		}
	}
	warnings, err := st.AbsenceWarnings(ctx, staff, list[0].StartsAt, list[len(list)-1].EndsAt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d activities, %d closed participant records, %d on the warning list", total, participants, len(warnings))
}
