package store

import (
	"testing"
	"time"

	"lvzhi"
)

// TestActivityCheckin: the QR code checks a participant in only inside the activity's window,
// only with the screen's current code (a photo from the day before fails), only for a
// participant, once; late after the start plus the grace minutes.
func TestActivityCheckin(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		clock := clockOf(st)
		// A two-day field study: a photo of day one's screen is tried on day two.
		x := af.create(t, lvzhi.ActivityFieldStudy, "蹲点调研:乡村振兴", af.start)
		x.EndsAt = af.start.Add(30 * time.Hour)
		if err := st.UpdateActivity(af.ctx, af.staff, x); err != nil {
			t.Fatal(err)
		}
		if _, err := st.InviteMembers(af.ctx, af.staff, x.ID, lvzhi.Selection{MemberIDs: []int64{af.Members[0].ID, af.Members[1].ID, af.Members[2].ID}}); err != nil {
			t.Fatal(err)
		}
		code := func() string {
			tok, changes, err := st.CheckinCode(af.ctx, af.staff, x.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !changes.After(st.Now()) || changes.Sub(st.Now()) > lvzhi.CheckinStep {
				t.Errorf("the code changes at %s, now is %s", changes, st.Now())
			}
			return tok
		}
		checkin := func(m int, tok string) error {
			_, err := st.CheckIn(af.ctx, af.mem[m], x.ID, tok)
			return err
		}
		_, _, err := st.CheckinCode(af.ctx, af.mem[0], x.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "a member asking for the screen's code")

		// Before publishing, and before the window opens, nobody checks in.
		clock.Advance(af.start.Sub(st.Now()) - 61*time.Minute)
		wantMessage(t, checkin(0, code()), "checking in to a draft", "草稿")
		af.act(t, af.staff, x.ID, "publish")
		wantMessage(t, checkin(0, code()), "checking in 61 minutes before the start", "尚未开始")

		// In the window: the current code and the previous one work; one two steps old does not.
		clock.Advance(2 * time.Minute)
		old := code()
		clock.Advance(2 * lvzhi.CheckinStep)
		wantMessage(t, checkin(0, old), "a code two steps old", "过期")
		prev := code()
		clock.Advance(lvzhi.CheckinStep)
		if err := checkin(0, prev); err != nil {
			t.Fatalf("the previous step's code: %v", err)
		}
		wantMessage(t, checkin(0, code()), "checking in twice", "无需重复签到")
		wantMessage(t, checkin(1, "forged-token"), "a forged code", "过期")
		_, err = st.CheckIn(af.ctx, af.mem[3], x.ID, code())
		wantMessage(t, err, "a member who is not invited", "不在")
		_, err = st.CheckIn(af.ctx, af.otherMem, x.ID, code())
		wantCode(t, err, lvzhi.ErrForbidden, "a member of another committee")
		_, err = st.CheckIn(af.ctx, af.staff, x.ID, code())
		wantCode(t, err, lvzhi.ErrForbidden, "staff scanning the code")

		// Day two: member 1 tries yesterday's photo, then scans the screen: late.
		photo := code()
		clock.Advance(24 * time.Hour)
		wantMessage(t, checkin(1, photo), "yesterday's photo of the screen", "过期", "照片")
		if err := checkin(1, code()); err != nil {
			t.Fatalf("checking in with the current code on day two: %v", err)
		}
		// After the end the window is shut, even with a fresh code; staff still check in by hand.
		clock.Advance(x.EndsAt.Sub(st.Now()) + time.Minute)
		wantMessage(t, checkin(2, code()), "checking in after the end", "已结束")
		af.answer(t, af.staff, x.ID, 2, "check_in", lvzhi.InvitationInput{})
		ps, err := st.Participants(af.ctx, af.staff, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			wantLate := p.MemberID != af.Members[0].ID
			if !p.Checked() || p.Late != wantLate {
				t.Errorf("%s: checked=%v late=%v, want late=%v", p.MemberName, p.Checked(), p.Late, wantLate)
			}
			if manual := p.CheckinBy != 0; manual != (p.MemberID == af.Members[2].ID) {
				t.Errorf("%s: checked in by %d", p.MemberName, p.CheckinBy)
			}
		}
		af.act(t, af.staff, x.ID, "finish")
		got := af.attendance(t, x.ID)
		if got["王建国"] != lvzhi.AttendanceAttended || got["李秀英"] != lvzhi.AttendanceLate || got["张海峰"] != lvzhi.AttendanceLate {
			t.Errorf("attendance %v", got)
		}
	})
}

// TestActivityCheckinLate: a check-in within the grace minutes after the start is on time,
// one after it is late; staff can open check-in early with start.
func TestActivityCheckinLate(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		clock := clockOf(st)
		x := af.published(t, lvzhi.ActivityBimonthlyConsultation, "双月协商座谈会", af.start, 0, 1)
		af.act(t, af.staff, x.ID, "start")
		clock.Advance(af.start.Sub(st.Now()) + 10*time.Minute)
		tok, _, err := st.CheckinCode(af.ctx, af.staff, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		inv, err := st.CheckIn(af.ctx, af.mem[0], x.ID, tok)
		if err != nil || inv.Late {
			t.Errorf("check-in at start + grace: late=%v, %v", inv.Late, err)
		}
		clock.Advance(time.Second)
		inv, err = st.CheckIn(af.ctx, af.mem[1], x.ID, tok)
		if err != nil || !inv.Late {
			t.Errorf("check-in a second after the grace: late=%v, %v", inv.Late, err)
		}
	})
}

// TestActivityCheckinRace: five scans of one member at the same moment check in once — one
// success, one event; the others are told the member is already checked in.
func TestActivityCheckinRace(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		clock := clockOf(st)
		x := af.published(t, lvzhi.ActivityStudySession, "委员学习会", af.start, 0)
		clock.Advance(af.start.Sub(st.Now()))
		tok, _, err := st.CheckinCode(af.ctx, af.staff, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, 5)
		for range 5 {
			go func() { _, err := st.CheckIn(af.ctx, af.mem[0], x.ID, tok); errs <- err }()
		}
		ok := 0
		for range 5 {
			if err := <-errs; err == nil {
				ok++
			} else {
				wantCode(t, err, lvzhi.ErrConflict, "a racing second scan")
			}
		}
		events := countRows(t, st, `SELECT COUNT(*) FROM events WHERE kind = 'activity' AND record_id = $1 AND action = 'check_in'`, x.ID)
		if ok != 1 || events != 1 {
			t.Errorf("%d scans succeeded, %d check-in events; want 1 and 1", ok, events)
		}
	})
}

// TestActivityLeaveRace: two staff deciding one leave request at the same moment — one
// approves, one refuses — end with one decision recorded; and a scan racing the close is
// either counted before it or refused, never left checked in but marked absent.
func TestActivityLeaveRace(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		clock := clockOf(st)
		x := af.published(t, lvzhi.ActivityPlenary, "全体会议", af.start, 0, 1)
		af.answer(t, af.mem[1], x.ID, 1, "request_leave", lvzhi.InvitationInput{Reason: "出差"})
		errs := make(chan error, 2)
		for _, action := range []string{"approve_leave", "refuse_leave"} {
			go func() {
				_, err := st.ActInvitation(af.ctx, af.staff, x.ID, af.Members[1].ID, action, lvzhi.InvitationInput{Note: "意见"})
				errs <- err
			}()
		}
		if e1, e2 := <-errs, <-errs; (e1 == nil) == (e2 == nil) {
			t.Errorf("both or neither decision went through: %v, %v", e1, e2)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM events WHERE record_id = $1 AND action IN ('approve_leave', 'refuse_leave')`, x.ID); n != 1 {
			t.Errorf("%d decision events", n)
		}

		clock.Advance(af.start.Sub(st.Now()) + time.Minute)
		tok, _, err := st.CheckinCode(af.ctx, af.staff, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		scan := make(chan error, 1)
		go func() { _, err := st.CheckIn(af.ctx, af.mem[0], x.ID, tok); scan <- err }()
		af.act(t, af.staff, x.ID, "finish")
		scanErr := <-scan
		got := af.attendance(t, x.ID)["王建国"]
		if (scanErr == nil) != (got == lvzhi.AttendanceAttended) {
			t.Errorf("scan racing the close: %v, attendance %s", scanErr, got)
		}
	})
}
