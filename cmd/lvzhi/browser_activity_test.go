package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserActivityLeaveAndCheckin is an activity as its people click through it on a
// phone-sized screen: staff plan and publish it inviting two members, member A asks leave on
// the phone page, staff approve it, member B opens the link of the QR code on the check-in
// screen and is checked in, staff close the activity, and the attendance reads leave for A
// and attended for B.
func TestBrowserActivityLeaveAndCheckin(t *testing.T) {
	ctx := browser(t)
	s := sharedDemo(t)
	memberA, memberB := activityMembers(t, s)

	// The activity began five minutes ago, so check-in is open and closing is allowed.
	start := time.Now().In(time.FixedZone("CST", 8*3600)).Add(-5 * time.Minute)
	title := fmt.Sprintf("双月协商座谈会(浏览器测试%d)", start.Unix()%100000)
	signIn(t, ctx, s, "staff")
	do(t, ctx, "plan the activity",
		chromedp.Navigate(s.URL+"/activities/new"),
		chromedp.WaitVisible(chromedp.ID("title")),
		chromedp.SendKeys(chromedp.ID("title"), title),
		chromedp.SetValue(chromedp.ID("type"), "bimonthly_consultation"),
		chromedp.SetValue(chromedp.ID("starts_at"), start.Format("2006-01-02T15:04")),
		chromedp.SetValue(chromedp.ID("ends_at"), start.Add(2*time.Hour).Format("2006-01-02T15:04")),
		chromedp.SendKeys(chromedp.ID("place"), "市政协三楼会议室"),
		chromedp.Click(chromedp.ID("save-activity")),
		chromedp.WaitVisible(chromedp.ID("activity-state")),
	)
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`/activities/(\d+)`).FindStringSubmatch(url)[1]
	do(t, ctx, "invite the two members by name and publish",
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById("invite-open").parentElement.open = true;
			for (const o of document.querySelectorAll("#member_ids option")) o.selected = (o.value === "%d" || o.value === "%d")`, memberA.ID, memberB.ID)),
		chromedp.Click(chromedp.ID("do-invite")),
		chromedp.WaitVisible(chromedp.ID("participant-table")),
		openAction("publish"),
		submitAction("publish"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("activity-state")); st != "已发布" {
		t.Fatalf("after publishing, the state is %q, want 已发布", st)
	}

	signIn(t, ctx, s, "member")
	do(t, ctx, "member A asks leave on the phone page",
		chromedp.Navigate(s.URL+"/my/activities"),
		chromedp.WaitVisible(chromedp.ID("invite-"+id)),
		chromedp.Click(chromedp.ID("leave-open-"+id)),
		chromedp.SendKeys(chromedp.ID("reason-"+id), "当天在外地出差"),
		chromedp.Click(chromedp.ID("request_leave-"+id)),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if st := text(t, ctx, chromedp.CSS("#invite-"+id+" .invite-state")); st != "请假待批" {
		t.Errorf("after asking leave, member A's invitation reads %q", st)
	}

	signIn(t, ctx, s, "staff")
	approve := fmt.Sprintf("approve_leave-%s-%d", id, memberA.ID)
	do(t, ctx, "staff approve the leave",
		chromedp.Navigate(s.URL+"/activities/leave"),
		chromedp.WaitVisible(chromedp.ID(approve)),
		chromedp.Click(chromedp.ID(approve)),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	do(t, ctx, "open the check-in screen",
		chromedp.Navigate(s.URL+"/activities/"+id+"/checkin"),
		chromedp.WaitVisible(chromedp.ID("checkin-link")),
	)
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("checkin-link").getAttribute("href")`))
	if err != nil || !strings.Contains(link, "/checkin/"+id+"/") {
		t.Fatalf("check-in link %q: %v", link, err)
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("img.qr").naturalWidth > 0`)); !ok {
		t.Error("the QR code image did not load")
	}

	signIn(t, ctx, s, "member2")
	do(t, ctx, "member B scans the code and confirms", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("checkin-confirm")),
		chromedp.Click(chromedp.ID("checkin-confirm")), chromedp.WaitVisible(chromedp.CSS("#checkin-ok, #checkin-error")))
	if msg := text(t, ctx, chromedp.CSS("#checkin-ok, #checkin-error")); !strings.Contains(msg, "签到成功") {
		t.Fatalf("member B's check-in says %q", msg)
	}

	signIn(t, ctx, s, "staff")
	do(t, ctx, "staff close the activity",
		chromedp.Navigate(s.URL+"/activities/"+id),
		openAction("finish"),
		submitAction("finish"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("activity-state")); st != "已结束" {
		t.Fatalf("after closing, the state is %q, want 已结束\n%s", st, text(t, ctx, chromedp.CSS(".content")))
	}
	rowA := text(t, ctx, chromedp.ID(fmt.Sprintf("participant-%d", memberA.ID)))
	rowB := text(t, ctx, chromedp.ID(fmt.Sprintf("participant-%d", memberB.ID)))
	if !strings.Contains(rowA, "请假") || !strings.Contains(rowB, "出席") {
		t.Errorf("attendance rows:\nA: %s\nB: %s", rowA, rowB)
	}
}

// activityMember is a member as the API lists one.
type activityMember struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// activityMembers returns the demo member account's member (A) and another serving member
// (B), for whom it opens the account member2 through the API as the system administrator
// would. A second run against the same demo finds member2 already there.
func activityMembers(t *testing.T, s *server) (a, b activityMember) {
	t.Helper()
	call := func(method, path, token string, body any, out any) int {
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, s.URL+path, bytes.NewReader(raw))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if out != nil {
			json.NewDecoder(resp.Body).Decode(out)
		}
		return resp.StatusCode
	}
	login := func(user string) string {
		var l struct {
			Token string `json:"token"`
		}
		if st := call("POST", "/api/v1/login", "", map[string]string{"username": user, "password": "Demo-2026-lvzhi"}, &l); st != http.StatusOK {
			t.Fatalf("API login %s: %d", user, st)
		}
		return l.Token
	}
	var me struct {
		User struct {
			MemberID int64 `json:"member_id"`
		} `json:"user"`
	}
	call("GET", "/api/v1/me", login("member"), nil, &me)
	var members struct {
		Items []activityMember `json:"items"`
	}
	call("GET", "/api/v1/members?state=serving&per_page=5", login("staff"), nil, &members)
	for _, m := range members.Items {
		if m.ID == me.User.MemberID {
			a = m
		} else if b.ID == 0 {
			b = m
		}
	}
	if a.ID == 0 || b.ID == 0 {
		t.Fatalf("demo members: me %d, listed %+v", me.User.MemberID, members.Items)
	}
	st := call("POST", "/api/v1/users", login("sysadmin"), map[string]any{"username": "member2", "name": b.Name,
		"roles": []string{"member"}, "member_id": b.ID, "password": "Demo-2026-lvzhi"}, nil)
	if st != http.StatusCreated && st != http.StatusConflict {
		t.Fatalf("create member2: %d", st)
	}
	return a, b
}
