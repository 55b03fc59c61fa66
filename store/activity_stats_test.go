package store

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"lvzhi"
)

// attendanceScenario runs activities through every path to each attendance state: per
// activity and member, one of attend-and-check-in, check in late, leave approved, leave
// refused, decline and no answer. It returns the ids of the closed activities.
func attendanceScenario(t testing.TB, af *actFixture, clock *testClock) []int64 {
	t.Helper()
	types := []string{lvzhi.ActivityPlenary, lvzhi.ActivityPlenary, lvzhi.ActivityResearch, lvzhi.ActivityInspection, lvzhi.ActivityPlenary}
	var ids []int64
	for k, typ := range types {
		start := af.st.Now().Add(24 * time.Hour)
		x := af.published(t, typ, fmt.Sprintf("活动%d", k), start, 0, 1, 2, 3, 4)
		clock.Advance(23 * time.Hour)
		for m := 0; m < 5; m++ {
			switch (k + m) % 6 {
			case 0, 1:
				af.answer(t, af.mem[m], x.ID, m, "attend", lvzhi.InvitationInput{})
			case 2:
				af.answer(t, af.mem[m], x.ID, m, "request_leave", lvzhi.InvitationInput{Reason: "出差"})
				af.answer(t, af.staff, x.ID, m, "approve_leave", lvzhi.InvitationInput{})
			case 3:
				af.answer(t, af.mem[m], x.ID, m, "request_leave", lvzhi.InvitationInput{Reason: "有事"})
				af.answer(t, af.staff, x.ID, m, "refuse_leave", lvzhi.InvitationInput{Note: "不准"})
			case 4:
				af.answer(t, af.mem[m], x.ID, m, "decline", lvzhi.InvitationInput{})
			}
		}
		tok, _, err := af.st.CheckinCode(af.ctx, af.staff, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		for m := 0; m < 5; m++ {
			if (k+m)%6 == 0 {
				if _, err := af.st.CheckIn(af.ctx, af.mem[m], x.ID, tok); err != nil {
					t.Fatalf("check in: %v", err)
				}
			}
		}
		clock.Advance(90 * time.Minute) // half an hour after the start: late
		for m := 0; m < 5; m++ {
			if (k+m)%6 == 1 {
				af.answer(t, af.staff, x.ID, m, "check_in", lvzhi.InvitationInput{})
			}
		}
		clock.Advance(3 * time.Hour)
		af.act(t, af.staff, x.ID, "finish")
		ids = append(ids, x.ID)
	}
	return ids
}

// TestAttendanceStats: every closed participant has exactly one attendance state, the one
// the domain's rule gives; the statistics per member, sector, special committee, type and
// activity equal the counts made here from the participant records; the absence rule lists
// the members absent from two plenaries.
func TestAttendanceStats(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		clock := clockOf(st)
		from := st.Now()
		ids := attendanceScenario(t, af, clock)

		type key struct{ group, key string }
		want := map[key]*lvzhi.AttendanceRow{}
		count := func(k key, state string) {
			r := want[k]
			if r == nil {
				r = &lvzhi.AttendanceRow{}
				want[k] = r
			}
			switch state {
			case lvzhi.AttendanceAttended:
				r.Attended++
			case lvzhi.AttendanceLate:
				r.Late++
			case lvzhi.AttendanceLeave:
				r.Leave++
			case lvzhi.AttendanceAbsent:
				r.Absent++
			default:
				t.Errorf("attendance state %q", state)
			}
		}
		byID := map[int64]lvzhi.Member{}
		for _, m := range af.Members {
			byID[m.ID] = m
		}
		plenaryAbsences := map[string]int{}
		for _, id := range ids {
			x, err := st.Activity(af.ctx, af.staff, id)
			if err != nil {
				t.Fatal(err)
			}
			ps, err := st.Participants(af.ctx, af.staff, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				if p.Attendance != p.FinalAttendance() {
					t.Errorf("%s in %s: closed as %s, the rule says %s", p.MemberName, x.Title, p.Attendance, p.FinalAttendance())
				}
				m := byID[p.MemberID]
				count(key{lvzhi.AttendanceByMember, strconv.FormatInt(m.ID, 10)}, p.Attendance)
				count(key{lvzhi.AttendanceBySector, strconv.FormatInt(m.SectorID, 10)}, p.Attendance)
				count(key{lvzhi.AttendanceBySpecialCommittee, strconv.FormatInt(m.SpecialCommitteeID, 10)}, p.Attendance)
				count(key{lvzhi.AttendanceByType, x.Type}, p.Attendance)
				count(key{lvzhi.AttendanceByActivity, strconv.FormatInt(x.ID, 10)}, p.Attendance)
				if x.Type == lvzhi.ActivityPlenary && p.Attendance == lvzhi.AttendanceAbsent {
					plenaryAbsences[p.MemberName]++
				}
			}
		}
		seen := 0
		for _, g := range []string{lvzhi.AttendanceByMember, lvzhi.AttendanceBySector, lvzhi.AttendanceBySpecialCommittee, lvzhi.AttendanceByType, lvzhi.AttendanceByActivity} {
			rows, err := st.AttendanceStats(af.ctx, af.leader, lvzhi.AttendanceFilter{GroupBy: g, From: from})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				w := want[key{g, r.Key}]
				if w == nil {
					t.Errorf("%s %s (%s): not in the records", g, r.Key, r.Name)
					continue
				}
				seen++
				if r.Attended != w.Attended || r.Late != w.Late || r.Leave != w.Leave || r.Absent != w.Absent {
					t.Errorf("%s %s (%s): %+v, records say %+v", g, r.Key, r.Name, r, *w)
				}
			}
		}
		if seen != len(want) {
			t.Errorf("statistics have %d rows, the records %d groups", seen, len(want))
		}
		rows, _ := st.AttendanceStats(af.ctx, af.leader, lvzhi.AttendanceFilter{GroupBy: lvzhi.AttendanceByType})
		for _, r := range rows {
			if r.Key == lvzhi.ActivityPlenary && r.Name != "全体会议" {
				t.Errorf("type row named %q", r.Name)
			}
		}

		// A member sees only their own figures.
		own, err := st.AttendanceStats(af.ctx, af.mem[1], lvzhi.AttendanceFilter{GroupBy: lvzhi.AttendanceByMember})
		if err != nil || len(own) != 1 || own[0].Key != strconv.FormatInt(af.Members[1].ID, 10) || own[0].Total() != len(ids) {
			t.Errorf("member's own statistics: %+v, %v", own, err)
		}

		// The default rule: absent without leave from two plenaries → the warning list.
		warnings, err := st.AbsenceWarnings(af.ctx, af.staff, from, st.Now().Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		listed := map[string]int{}
		for _, w := range warnings {
			if w.Rule.Type == lvzhi.ActivityPlenary {
				listed[w.MemberName] = w.Absences
			}
		}
		for name, n := range plenaryAbsences {
			if (n >= 2) != (listed[name] == n) {
				t.Errorf("%s absent from %d plenaries, warning list says %d", name, n, listed[name])
			}
		}
		if len(listed) == 0 {
			t.Error("the scenario should put someone on the warning list")
		}
		_, err = st.AbsenceWarnings(af.ctx, af.mem[0], from, st.Now())
		wantCode(t, err, lvzhi.ErrForbidden, "a member reading the warning list")

		// A configured rule replaces the default.
		if err := st.SetActivitySettings(af.ctx, af.staff, lvzhi.ActivitySettings{Types: lvzhi.DefaultActivityTypes,
			AbsenceRules: []lvzhi.AbsenceRule{{Type: lvzhi.ActivityResearch, Count: 1}}}); err != nil {
			t.Fatal(err)
		}
		warnings, _ = st.AbsenceWarnings(af.ctx, af.staff, from, st.Now().Add(time.Hour))
		for _, w := range warnings {
			if w.Rule.Type != lvzhi.ActivityResearch {
				t.Errorf("warning under the replaced rule: %+v", w)
			}
		}
	})
}
