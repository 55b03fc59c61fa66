package web

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// TestActivitySettingsText: the settings form's lines read back into what they were written
// from, and a line without a name or a count is a field error.
func TestActivitySettingsText(t *testing.T) {
	def := lvzhi.DefaultActivitySettings()
	types, rules := settingsText(def)
	got, err := settingsFromText(types, rules)
	if err != nil || len(got.Types) != len(def.Types) || got.AbsenceRules[1].Type != "" || got.AbsenceRules[0] != def.AbsenceRules[0] {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	if _, err := settingsFromText("plenary\n", ""); lvzhi.ErrorFields(err)["types"] == "" {
		t.Errorf("a type without a name: %v", err)
	}
	if _, err := settingsFromText(types, "plenary two"); lvzhi.ErrorFields(err)["absence_rules"] == "" {
		t.Errorf("a rule without a count: %v", err)
	}
}

// TestMonthGrid: a month is laid out in whole weeks from Monday, each activity on its day in
// China's time, today marked.
func TestMonthGrid(t *testing.T) {
	month := time.Date(2026, 3, 1, 0, 0, 0, 0, lvzhi.China)                               // a Sunday
	late := lvzhi.Activity{ID: 1, StartsAt: time.Date(2026, 3, 9, 17, 0, 0, 0, time.UTC)} // 10 March, 01:00 in China
	weeks := monthGrid(month, time.Date(2026, 3, 10, 12, 0, 0, 0, lvzhi.China), []lvzhi.Activity{late})
	if len(weeks) != 6 || weeks[0][0].Date.Day() != 23 || !weeks[0][6].InMonth || weeks[0][5].InMonth {
		t.Fatalf("grid starts %v, %d weeks", weeks[0][0].Date, len(weeks))
	}
	day := weeks[2][1] // Tuesday 10 March
	if day.Date.Day() != 10 || !day.Today || len(day.Activities) != 1 {
		t.Errorf("10 March: %+v", day)
	}
}

// TestActivityPages renders the activity pages as their users see them: the calendar and the
// record page for staff with the invitation form and the check-in screen's link; the phone page
// and the record page for the invited member with the answer buttons; a member who is not
// invited is refused the record page and sees an empty phone page; the scan page refuses a
// forged code with its message.
func TestActivityPages(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := newProposalFixture(t, st)
	clerk, liwei, wangfang := f.login("clerk"), f.login("liwei"), f.login("wangfang")
	ctx, sys := context.Background(), lvzhi.System(f.committee.ID)
	start := time.Now().UTC().Add(30 * time.Minute).Truncate(time.Minute)
	x, err := st.CreateActivity(ctx, sys, lvzhi.Activity{Type: lvzhi.ActivityInspection, Title: "视察城市供水保障", StartsAt: start,
		EndsAt: start.Add(3 * time.Hour), Place: "第二水厂", Agenda: "察看水厂运行情况", CheckinBefore: 60, LateAfter: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.InviteMembers(ctx, sys, x.ID, lvzhi.Selection{MemberIDs: []int64{f.own.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActActivity(ctx, sys, x.ID, "publish", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActInvitation(ctx, sys, x.ID, f.own.ID, "request_leave", lvzhi.InvitationInput{Reason: "外出开会"}); err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/activities/%d", x.ID)
	for _, c := range []struct {
		who, token, path string
		status           int
		want             []string
	}{
		{"staff", clerk, "/activities?month=" + start.In(lvzhi.China).Format("2006-01"), 200, []string{"视察城市供水保障", "新建活动"}},
		{"staff", clerk, page, 200, []string{"邀请委员", "签到大屏", "第二水厂", "察看水厂运行情况"}},
		{"staff", clerk, page + "/checkin", 200, []string{"/checkin/" + fmt.Sprint(x.ID) + "/", "qr.png"}},
		{"staff", clerk, "/activities/stats", 200, []string{"出勤统计"}},
		{"staff", clerk, "/", 200, []string{"有1条请假申请待审批"}},
		{"staff", clerk, "/activities/leave", 200, []string{"外出开会", "准假", "不准假"}},
		{"staff", clerk, "/activities/settings", 200, []string{"bimonthly_consultation 双月协商座谈会", "plenary 2"}},
		{"member", liwei, "/my/activities", 200, []string{"视察城市供水保障", "请假待批", "外出开会", "确认参加"}},
		{"member", liwei, "/", 200, []string{"活动邀请", "视察城市供水保障"}},
		{"member", liwei, page, 200, []string{"我的参会邀请", "察看水厂运行情况"}},
		{"member", liwei, page + "/checkin", 403, nil},
		{"member", liwei, fmt.Sprintf("/checkin/%d/forged", x.ID), 200, []string{"确认签到"}},
		{"other member", wangfang, fmt.Sprintf("/checkin/%d/forged", x.ID), 403, nil},
		{"other member", wangfang, page, 403, nil},
		{"other member", wangfang, "/my/activities", 200, []string{"目前没有邀请您参加的活动"}},
	} {
		status, body := f.call("GET", c.path, c.token, nil)
		if status != c.status {
			t.Errorf("%s GET %s: %d, want %d", c.who, c.path, status, c.status)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(string(body), w) {
				t.Errorf("%s GET %s lacks %q", c.who, c.path, w)
			}
		}
	}
	// Opening the scanned address checked nobody in; the button's POST does, and a forged
	// code is refused there.
	if n := checkedIn(t, st, x.ID); n != 0 {
		t.Errorf("after opening check-in addresses, %d checked in; want 0", n)
	}
	status, body := f.call("POST", fmt.Sprintf("/checkin/%d/forged", x.ID), liwei, nil)
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), "过期") {
		t.Errorf("POST a forged code: %d, want 422 naming an expired code", status)
	}
}

// checkedIn counts the participants of an activity who are checked in.
func checkedIn(t *testing.T, st *store.Store, id int64) int {
	t.Helper()
	ps, err := st.Participants(context.Background(), lvzhi.System(0), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ps {
		if p.Checked() {
			n++
		}
	}
	return n
}
