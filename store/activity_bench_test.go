package store

// Benchmarks of attendance, which the issue calls out as the largest input of every member's
// record: closing a plenary of the whole committee (350 members), and the statistics over a
// year of about 100 closed activities of 350 participants each.
//
//	go test -run x -bench Attendance -benchtime 20x ./store/

import (
	"testing"
	"time"

	"lvzhi"
)

// benchCommittee is the fixture's city with 350 serving members in three sectors.
func benchCommittee(b *testing.B, st *Store) *actFixture {
	b.Helper()
	af := newActFixture(b, st)
	rows := make([]lvzhi.Member, 350)
	for i := range rows {
		rows[i] = af.newMember("委员"+lvzhi.Chinese(i%100), 100+i)
		rows[i].SectorID = af.Sectors[i%3]
		if i%2 == 0 {
			rows[i].SpecialCommitteeID = af.Specials[i%4/2]
		}
	}
	if _, err := st.ImportMembers(af.ctx, af.sys, af.City, af.Term, rows); err != nil {
		b.Fatal(err)
	}
	return af
}

// benchActivity is a published activity of the whole committee with everyone's check-in or
// leave recorded in bulk, ready to close.
func benchActivity(b *testing.B, af *actFixture, typ string, start time.Time) int64 {
	b.Helper()
	st := af.st
	x, err := st.CreateActivity(af.ctx, af.staff, lvzhi.Activity{Type: typ, Title: "全体会议", StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		Place: "会议中心", CheckinBefore: 60, LateAfter: 10})
	if err != nil {
		b.Fatal(err)
	}
	exec := func(q string, args ...any) {
		if _, err := st.db.Exec(st.dialect.rebind(q), args...); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	// Everyone invited; one in ten on leave, one in ten late, one in twenty absent.
	exec(`INSERT INTO activity_participants (activity_id, member_id, state, selected_by, invited_at)
		SELECT $1, id, 'accepted', 'sector', $2 FROM members WHERE committee_id = $3 AND state = 'serving'`, x.ID, start, af.City)
	exec(`UPDATE activity_participants SET state = 'leave_approved' WHERE activity_id = $1 AND member_id % 10 = 0`, x.ID)
	exec(`UPDATE activity_participants SET checked_in_at = $2, late = (member_id % 10 = 1) WHERE activity_id = $1 AND member_id % 10 <> 0 AND member_id % 20 <> 5`, x.ID, start)
	exec(`UPDATE activities SET state = 'published' WHERE id = $1`, x.ID)
	return x.ID
}

// BenchmarkCloseActivity closes a plenary of 350 participants: the pending check, the
// attendance UPDATE, the counts for the history, the event and the audit row.
func BenchmarkCloseActivity(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		af := benchCommittee(b, st)
		clockOf(st).Advance(30 * 24 * time.Hour)
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			id := benchActivity(b, af, lvzhi.ActivityPlenary, st.Now().Add(-time.Duration(i+1)*time.Hour))
			b.StartTimer()
			x, err := st.ActActivity(af.ctx, af.staff, id, "finish", "")
			if err != nil || x.State != lvzhi.ActivityClosed || x.Invited != 355 {
				b.Fatalf("close: %+v, %v", x.Invited, err)
			}
		}
	})
}

// BenchmarkAttendanceStats is the statistics page over a year: 100 closed activities of the
// whole committee (35,500 participant rows), grouped per member (the largest result).
func BenchmarkAttendanceStats(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		af := benchCommittee(b, st)
		clockOf(st).Advance(400 * 24 * time.Hour)
		from := af.start
		types := []string{lvzhi.ActivityPlenary, lvzhi.ActivityResearch, lvzhi.ActivityInspection, lvzhi.ActivityTopicalConsultation}
		for i := 0; i < 100; i++ {
			id := benchActivity(b, af, types[i%len(types)], from.Add(time.Duration(i)*72*time.Hour))
			if _, err := st.ActActivity(af.ctx, af.staff, id, "finish", ""); err != nil {
				b.Fatal(err)
			}
		}
		for _, g := range []string{lvzhi.AttendanceByMember, lvzhi.AttendanceBySector, lvzhi.AttendanceByType, lvzhi.AttendanceByActivity} {
			b.Run(g, func(b *testing.B) {
				for b.Loop() {
					rows, err := st.AttendanceStats(af.ctx, af.leader, lvzhi.AttendanceFilter{GroupBy: g, From: from, To: from.Add(365 * 24 * time.Hour)})
					if err != nil || len(rows) == 0 {
						b.Fatalf("%s: %d rows, %v", g, len(rows), err)
					}
				}
			})
		}
		b.Run("warnings", func(b *testing.B) {
			for b.Loop() {
				if _, err := st.AbsenceWarnings(af.ctx, af.staff, from, from.Add(365*24*time.Hour)); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
