package store

import (
	"strings"
	"testing"
	"time"

	"lvzhi"
)

// TestActivityInviteSelection: inviting by sector, special committee, activity group and the
// standing flag resolves to exactly the serving members of those groupings, once each, and
// the rows are kept: a member who joins a sector later is not invited.
func TestActivityInviteSelection(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		names := func(id int64) string {
			ps, err := st.Participants(af.ctx, af.staff, id)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, p := range ps {
				out = append(out, p.MemberName+":"+p.SelectedBy)
			}
			return strings.Join(sortedStrings(out), " ")
		}
		cases := []struct {
			name string
			sel  lvzhi.Selection
			want string
		}{
			{"sector", lvzhi.Selection{SectorIDs: []int64{af.Sectors[0]}}, "李秀英:sector 王建国:sector"},
			{"special committee", lvzhi.Selection{SpecialCommittees: []int64{af.Specials[0]}}, "张海峰:special_committee 王建国:special_committee"},
			{"activity group", lvzhi.Selection{ActivityGroups: []int64{af.Group}}, "张海峰:activity_group 王建国:activity_group"},
			{"standing", lvzhi.Selection{Standing: true}, "刘淑芬:standing 王建国:standing"},
			{"union", lvzhi.Selection{MemberIDs: []int64{af.Members[4].ID}, SectorIDs: []int64{af.Sectors[1]}, Standing: true},
				"刘淑芬:standing 张海峰:sector 王建国:standing 陈志强:member"},
		}
		for _, c := range cases {
			x := af.create(t, lvzhi.ActivityResearch, "调研:"+c.name, af.start)
			if _, err := st.InviteMembers(af.ctx, af.staff, x.ID, c.sel); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if got := names(x.ID); got != c.want {
				t.Errorf("%s: invited %q, want %q", c.name, got, c.want)
			}
		}

		// Inviting again adds nobody twice; a member joining the sector later is not invited.
		x := af.create(t, lvzhi.ActivityPlenary, "全体会议", af.start)
		n, err := st.InviteMembers(af.ctx, af.staff, x.ID, lvzhi.Selection{SectorIDs: []int64{af.Sectors[0]}})
		if err != nil || n != 2 {
			t.Fatalf("invite sector 0: %d, %v; want 2 (the member who left is not invited)", n, err)
		}
		late := af.createMember(t, af.newMember("新委员", 77))
		if n, err := st.InviteMembers(af.ctx, af.staff, x.ID, lvzhi.Selection{MemberIDs: []int64{af.Members[0].ID}}); err != nil || n != 0 {
			t.Errorf("inviting an invited member again: %d, %v", n, err)
		}
		if got := names(x.ID); strings.Contains(got, late.Name) {
			t.Errorf("a member who joined the sector later was invited: %s", got)
		}

		// Nobody, a member of another committee and a member who left are refused.
		wantField(t, func() error { _, err := st.InviteMembers(af.ctx, af.staff, x.ID, lvzhi.Selection{}); return err }(), "selection", "empty selection")
		for _, id := range []int64{af.OtherMember.ID, af.Members[5].ID} {
			_, err := st.InviteMembers(af.ctx, af.staff, x.ID, lvzhi.Selection{MemberIDs: []int64{id}})
			wantField(t, err, "member_ids", "inviting a member who is not serving here")
		}
		_, err = st.InviteMembers(af.ctx, af.mem[0], x.ID, lvzhi.Selection{Standing: true})
		wantCode(t, err, lvzhi.ErrForbidden, "a member inviting")
		_, err = st.InviteMembers(af.ctx, af.otherStaff, x.ID, lvzhi.Selection{Standing: true})
		wantCode(t, err, lvzhi.ErrForbidden, "another committee's staff inviting")
	})
}

func sortedStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// TestActivityLifecycle: plan, invite, publish, answers and leave, close; attendance ends as
// one state per participant, and the history and audit log tell the story.
func TestActivityLifecycle(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		clock := clockOf(st)
		before := lastAuditID(t, st)

		// Bad input is refused field by field and nothing is saved.
		_, err := st.CreateActivity(af.ctx, af.staff, lvzhi.Activity{Type: "party", StartsAt: af.start, EndsAt: af.start})
		wantField(t, err, "title", "activity without a title")
		if n := countRows(t, st, `SELECT COUNT(*) FROM activities`); n != 0 {
			t.Fatalf("a refused activity was saved: %d rows", n)
		}
		_, err = st.CreateActivity(af.ctx, af.mem[0], lvzhi.Activity{Type: lvzhi.ActivityPlenary, Title: "x", StartsAt: af.start, EndsAt: af.start.Add(time.Hour), Place: "x"})
		wantCode(t, err, lvzhi.ErrForbidden, "a member planning an activity")

		x := af.create(t, lvzhi.ActivityPlenary, "政协第十四届第三次全体会议", af.start)
		_, err = st.ActActivity(af.ctx, af.staff, x.ID, "publish", "")
		wantMessage(t, err, "publishing with nobody invited", "邀请")
		// An invited member does not see a draft.
		if _, err := st.InviteMembers(af.ctx, af.staff, x.ID, lvzhi.Selection{MemberIDs: []int64{af.Members[0].ID, af.Members[1].ID, af.Members[2].ID, af.Members[3].ID}}); err != nil {
			t.Fatal(err)
		}
		_, err = st.Activity(af.ctx, af.mem[0], x.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "a participant reading the draft")
		x = af.act(t, af.staff, x.ID, "publish")

		// Participants read it, others do not.
		if _, err := st.Activity(af.ctx, af.mem[0], x.ID); err != nil {
			t.Errorf("participant reads the activity: %v", err)
		}
		_, err = st.Activity(af.ctx, af.mem[4], x.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "a member who is not invited")
		_, err = st.Activity(af.ctx, af.otherStaff, x.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "another committee's staff")
		if _, err := st.Activity(af.ctx, af.leader, x.ID); err != nil {
			t.Errorf("leader reads: %v", err)
		}
		mine, err := st.MyInvitations(af.ctx, af.mem[0], true)
		if err != nil || len(mine) != 1 || mine[0].Invitation.State != lvzhi.InvitationInvited {
			t.Fatalf("member 0's invitations: %+v, %v", mine, err)
		}

		// Answers: 0 attends; 1 asks leave (a reason is needed) and staff approve; 2 asks leave
		// and is refused (with a reason); 3 never answers.
		af.answer(t, af.mem[0], x.ID, 0, "attend", lvzhi.InvitationInput{})
		_, err = st.ActInvitation(af.ctx, af.mem[1], x.ID, af.Members[1].ID, "request_leave", lvzhi.InvitationInput{Reason: " "})
		wantField(t, err, "reason", "leave without a reason")
		af.answer(t, af.mem[1], x.ID, 1, "request_leave", lvzhi.InvitationInput{Reason: "赴外地出差"})
		for _, who := range []int{0, 1} { // another member's reason is not for the other participants
			ps, err := st.Participants(af.ctx, af.mem[who], x.ID)
			if err != nil || len(ps) != 4 {
				t.Fatalf("participants as member %d: %d, %v", who, len(ps), err)
			}
			for _, p := range ps {
				if p.MemberID == af.Members[1].ID && (p.LeaveReason != "") != (who == 1) {
					t.Errorf("member %d sees the leave reason %q", who, p.LeaveReason)
				}
			}
		}
		_, err = st.ActInvitation(af.ctx, af.mem[1], x.ID, af.Members[0].ID, "decline", lvzhi.InvitationInput{})
		wantCode(t, err, lvzhi.ErrForbidden, "a member answering for another")
		_, err = st.ActInvitation(af.ctx, af.mem[1], x.ID, af.Members[1].ID, "approve_leave", lvzhi.InvitationInput{})
		wantCode(t, err, lvzhi.ErrForbidden, "a member approving their own leave")
		pending, err := st.PendingLeave(af.ctx, af.staff)
		if err != nil || len(pending) != 1 || pending[0].Invitation.LeaveReason != "赴外地出差" {
			t.Fatalf("pending leave: %+v, %v", pending, err)
		}
		inv := af.answer(t, af.staff, x.ID, 1, "approve_leave", lvzhi.InvitationInput{})
		if inv.State != lvzhi.InvitationLeaveApproved {
			t.Errorf("approved leave: state %s", inv.State)
		}
		_, err = st.ActInvitation(af.ctx, af.staff, x.ID, af.Members[1].ID, "refuse_leave", lvzhi.InvitationInput{Note: "x"})
		wantCode(t, err, lvzhi.ErrConflict, "refusing leave already approved")
		af.answer(t, af.mem[2], x.ID, 2, "request_leave", lvzhi.InvitationInput{Reason: "单位有事"})
		_, err = st.ActInvitation(af.ctx, af.staff, x.ID, af.Members[2].ID, "refuse_leave", lvzhi.InvitationInput{})
		wantField(t, err, "note", "refusing leave without a reason")

		// Closing waits for the pending request and for the activity to begin.
		clock.Advance(7*24*time.Hour + time.Hour)
		_, err = st.ActActivity(af.ctx, af.staff, x.ID, "finish", "")
		wantMessage(t, err, "closing with leave pending", "待审批")
		af.answer(t, af.staff, x.ID, 2, "refuse_leave", lvzhi.InvitationInput{Note: "全体会议原则上不准假"})
		af.answer(t, af.staff, x.ID, 0, "check_in", lvzhi.InvitationInput{}) // by hand, 60 minutes after the start: late
		_, err = st.ActInvitation(af.ctx, af.mem[0], x.ID, af.Members[0].ID, "check_in", lvzhi.InvitationInput{})
		wantCode(t, err, lvzhi.ErrForbidden, "a member checking in without the code")
		x = af.act(t, af.staff, x.ID, "finish")
		if x.State != lvzhi.ActivityClosed || x.ClosedAt.IsZero() {
			t.Errorf("closed activity: %+v", x)
		}
		got := af.attendance(t, x.ID)
		want := map[string]string{"王建国": lvzhi.AttendanceLate, "李秀英": lvzhi.AttendanceLeave, "张海峰": lvzhi.AttendanceAbsent, "刘淑芬": lvzhi.AttendanceAbsent}
		for name, w := range want {
			if got[name] != w {
				t.Errorf("%s: attendance %q, want %q", name, got[name], w)
			}
		}
		// A closed activity is history.
		_, err = st.ActInvitation(af.ctx, af.mem[3], x.ID, af.Members[3].ID, "attend", lvzhi.InvitationInput{})
		wantCode(t, err, lvzhi.ErrConflict, "answering after the close")
		_, err = st.ActActivity(af.ctx, af.staff, x.ID, "cancel", "取消")
		wantMessage(t, err, "cancelling a closed activity", "已结束", "取消活动")
		x.Title = "改名"
		wantCode(t, st.UpdateActivity(af.ctx, af.staff, x), lvzhi.ErrConflict, "editing a closed activity")

		hist, err := st.ActivityHistory(af.ctx, af.staff, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range hist {
			actions = append([]string{e.Action}, actions...)
		}
		wantHist := "create invite_members publish attend request_leave approve_leave request_leave refuse_leave check_in finish"
		if strings.Join(actions, " ") != wantHist {
			t.Errorf("history %v, want %s", actions, wantHist)
		}
		var ok, refused int
		for _, e := range auditAfter(t, st, before) {
			if e.Result == lvzhi.AuditOK {
				ok++
			} else if e.Result == lvzhi.AuditDenied {
				refused++
			}
		}
		if ok != len(actions) || refused != 4 {
			t.Errorf("audit: %d ok (want %d), %d denied (want 4)", ok, len(actions), refused)
		}
	})
}

// TestActivityCancel: a cancellation keeps its reason; its invitations are no longer answered.
func TestActivityCancel(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		x := af.published(t, lvzhi.ActivityInspection, "视察城市供水", af.start, 0, 1)
		_, err := st.ActActivity(af.ctx, af.staff, x.ID, "cancel", "")
		wantField(t, err, "note", "cancel without a reason")
		x, err = st.ActActivity(af.ctx, af.staff, x.ID, "cancel", "因天气原因取消")
		if err != nil || x.State != lvzhi.ActivityCancelled || x.CancelReason != "因天气原因取消" {
			t.Fatalf("cancel: %+v, %v", x, err)
		}
		_, err = st.ActInvitation(af.ctx, af.mem[0], x.ID, af.Members[0].ID, "attend", lvzhi.InvitationInput{})
		wantCode(t, err, lvzhi.ErrConflict, "answering a cancelled activity")
		if mine, _ := st.MyInvitations(af.ctx, af.mem[0], true); len(mine) != 0 {
			t.Errorf("a cancelled activity is still among the member's invitations")
		}
	})
}

// TestActivityDocuments: an activity's documents (attachments) are added by staff and read by
// staff, leaders and the participants only — not by other members, nor while it is a draft.
func TestActivityDocuments(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		af := newActFixture(t, st)
		x := af.create(t, lvzhi.ActivityTopicalConsultation, "专题协商会", af.start)
		if _, err := st.InviteMembers(af.ctx, af.staff, x.ID, lvzhi.Selection{MemberIDs: []int64{af.Members[0].ID}}); err != nil {
			t.Fatal(err)
		}
		doc := lvzhi.Attachment{Name: "会议材料.pdf", Hash: strings.Repeat("ab", 32), Size: 1024}
		if _, err := st.AddAttachment(af.ctx, af.staff, lvzhi.KindActivity, x.ID, doc); err != nil {
			t.Fatalf("staff attach: %v", err)
		}
		_, err := st.AddAttachment(af.ctx, af.mem[0], lvzhi.KindActivity, x.ID, doc)
		wantCode(t, err, lvzhi.ErrForbidden, "a participant attaching")
		_, err = st.Attachments(af.ctx, af.mem[0], lvzhi.KindActivity, x.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "a participant reading a draft's documents")
		af.act(t, af.staff, x.ID, "publish")
		for _, who := range []lvzhi.Actor{af.staff, af.leader, af.mem[0]} {
			if files, err := st.Attachments(af.ctx, who, lvzhi.KindActivity, x.ID); err != nil || len(files) != 1 {
				t.Errorf("%s reads the documents: %d, %v", who.Username, len(files), err)
			}
		}
		_, err = st.Attachments(af.ctx, af.mem[1], lvzhi.KindActivity, x.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "a member who is not invited")
	})
}
