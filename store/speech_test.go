package store

import (
	"testing"

	"lvzhi"
)

const speechText = "黄河流域生态保护和高质量发展是重大国家战略。建议加快沿黄生态廊道建设,完善上下游生态补偿机制,推动文旅融合发展。"

// TestPlenarySpeechSelection: a member submits a plenary speech in writing and sees only their
// own; the office selects it for oral delivery or written distribution; the figures per member
// and per sector count what was submitted and selected.
func TestPlenarySpeechSelection(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		cf := newConFixture(t, st)
		session, err := st.CreateSession(cf.ctx, cf.sys, lvzhi.Session{CommitteeID: cf.City, TermID: cf.Term, Number: 3})
		if err != nil {
			t.Fatal(err)
		}
		submit := func(a lvzhi.Actor, title string) lvzhi.Speech {
			t.Helper()
			// A member's speech is theirs whatever member the form names.
			sp, err := st.CreateSpeech(cf.ctx, a, lvzhi.Speech{Kind: lvzhi.SpeechPlenary, SessionID: session.ID, MemberID: cf.Members[2].ID, Title: title, Body: speechText})
			if err != nil {
				t.Fatalf("submit %s: %v (fields %v)", title, err, lvzhi.ErrorFields(err))
			}
			return sp
		}
		a := submit(cf.mem[0], "加快黄河生态廊道建设")
		b := submit(cf.mem[0], "完善生态补偿机制")
		c := submit(cf.mem[1], "推动文旅融合发展")
		d := submit(cf.mem[1], "撤回的发言")
		if a.MemberID != cf.Members[0].ID || a.Speaker != "王建国" || a.State != lvzhi.SpeechSubmitted || a.SessionName != "第十四届第三次会议" {
			t.Fatalf("submitted speech = %+v", a)
		}
		_, err = st.CreateSpeech(cf.ctx, cf.mem[0], lvzhi.Speech{Kind: lvzhi.SpeechPlenary, SessionID: session.ID, Title: "太短", Body: "短"})
		wantField(t, err, "body", "a plenary speech without its text")

		// The member reads their own speech, not another's; lists show them their own only.
		if _, err := st.Speech(cf.ctx, cf.mem[0], a.ID); err != nil {
			t.Fatalf("member reads own speech: %v", err)
		}
		_, err = st.Speech(cf.ctx, cf.mem[0], c.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "member reads another's speech")
		mine, n, err := st.ListSpeeches(cf.ctx, cf.mem[0], lvzhi.SpeechFilter{CommitteeID: cf.City, Kind: lvzhi.SpeechPlenary})
		if err != nil || n != 2 || mine[0].MemberID != cf.Members[0].ID {
			t.Fatalf("member's list = %d %v", n, err)
		}

		// Only the office selects; a member may withdraw their own while it waits.
		_, err = st.ActSpeech(cf.ctx, cf.mem[0], a.ID, "select_oral", "")
		wantCode(t, err, lvzhi.ErrForbidden, "member selects own speech")
		_, err = st.ActSpeech(cf.ctx, cf.mem[0], d.ID, "withdraw_speech", "")
		wantCode(t, err, lvzhi.ErrForbidden, "member withdraws another's speech")
		if _, err := st.ActSpeech(cf.ctx, cf.mem[1], d.ID, "withdraw_speech", ""); err != nil {
			t.Fatalf("member withdraws own speech: %v", err)
		}
		for _, x := range []struct {
			id     int64
			action string
		}{{a.ID, "select_oral"}, {b.ID, "select_written"}, {c.ID, "not_select"}} {
			if _, err := st.ActSpeech(cf.ctx, cf.staff, x.id, x.action, "大会秘书处审定"); err != nil {
				t.Fatalf("%s: %v", x.action, err)
			}
		}
		_, err = st.ActSpeech(cf.ctx, cf.staff, a.ID, "select_written", "")
		wantCode(t, err, lvzhi.ErrConflict, "select an oral speech again")
		wantCode(t, st.UpdateSpeech(cf.ctx, cf.mem[0], lvzhi.Speech{ID: a.ID, Title: "改题", Body: speechText}), lvzhi.ErrConflict, "edit a selected speech")

		// The member sees the outcome of their own speech.
		got, err := st.Speech(cf.ctx, cf.mem[0], a.ID)
		if err != nil || got.State != lvzhi.SpeechOral || got.Note != "大会秘书处审定" {
			t.Fatalf("member's view of the selected speech = %+v %v", got, err)
		}

		byMember, err := st.SpeechCounts(cf.ctx, cf.leader, cf.City, session.ID, "member")
		if err != nil {
			t.Fatal(err)
		}
		want := []lvzhi.SpeechCount{{ID: cf.Members[0].ID, Name: "王建国", Submitted: 2, Oral: 1, Written: 1}, {ID: cf.Members[1].ID, Name: "李秀英", Submitted: 1}}
		if len(byMember) != 2 || byMember[0] != want[0] || byMember[1] != want[1] {
			t.Errorf("per member = %+v, want %+v", byMember, want)
		}
		bySector, err := st.SpeechCounts(cf.ctx, cf.staff, cf.City, 0, "sector")
		if err != nil || len(bySector) != 1 || bySector[0].Submitted != 3 || bySector[0].Oral != 1 || bySector[0].Written != 1 {
			t.Errorf("per sector = %+v %v", bySector, err)
		}
		_, err = st.SpeechCounts(cf.ctx, cf.mem[0], cf.City, 0, "member")
		wantCode(t, err, lvzhi.ErrForbidden, "member reads the figures")

		// Reconsidered, it may be selected again.
		if _, err := st.ActSpeech(cf.ctx, cf.staff, c.ID, "reconsider", ""); err != nil {
			t.Fatal(err)
		}
		if h, err := st.SpeechHistory(cf.ctx, cf.mem[1], c.ID); err != nil || len(h) != 3 {
			t.Fatalf("history = %d %v", len(h), err)
		}
	})
}

// TestActivitySpeeches: the office records who spoke at an activity; a member cannot.
func TestActivitySpeeches(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		cf := newConFixture(t, st)
		x := cf.activity(t, "双月协商座谈会")
		sp, err := st.CreateSpeech(cf.ctx, cf.staff, lvzhi.Speech{Kind: lvzhi.SpeechActivity, ActivityID: x.ID, MemberID: cf.Members[2].ID, Title: "关于优化营商环境的发言", Body: "发言要点"})
		if err != nil {
			t.Fatalf("record a speech: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		if sp.State != lvzhi.SpeechGiven || sp.Speaker != "张海峰" || sp.ActivityTitle != "双月协商座谈会" || sp.Sector != "经济界" {
			t.Fatalf("activity speech = %+v", sp)
		}
		_, err = st.ActSpeech(cf.ctx, cf.staff, sp.ID, "select_oral", "")
		wantCode(t, err, lvzhi.ErrConflict, "select an activity speech")
		list, n, err := st.ListSpeeches(cf.ctx, cf.leader, lvzhi.SpeechFilter{CommitteeID: cf.City, ActivityID: x.ID})
		if err != nil || n != 1 || list[0].ID != sp.ID {
			t.Fatalf("activity speeches = %d %v", n, err)
		}
		// The member it belongs to reads it; another member's list is empty.
		if _, err := st.Speech(cf.ctx, cf.mem[2], sp.ID); err != nil {
			t.Fatal(err)
		}
		if _, n, _ := st.ListSpeeches(cf.ctx, cf.mem[0], lvzhi.SpeechFilter{CommitteeID: cf.City, ActivityID: x.ID}); n != 0 {
			t.Errorf("another member sees %d speeches", n)
		}
	})
}
