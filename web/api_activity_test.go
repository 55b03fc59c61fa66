package web

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"lvzhi/store"
)

// TestAPIActivityLifecycle walks an activity through the API on both databases: planning with
// a bad and a good body, inviting, publishing, a member's leave approved by staff, another
// member's check-in with the screen's code (a forged code and a second check-in refused),
// closing, and the attendance the statistics then show.
func TestAPIActivityLifecycle(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		clerk, liwei, wangfang := f.login("clerk"), f.login("liwei"), f.login("wangfang")

		status, body := f.call("POST", "/api/v1/activities", clerk, map[string]any{"type": "plenary"})
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["title"] == "" || e.Fields["place"] == "" {
			t.Errorf("fields %v should name title and place", e.Fields)
		}
		start := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)
		in := map[string]any{"type": "plenary", "title": "政协第八届第三次全体会议", "place": "市会议中心",
			"starts_at": start, "ends_at": start.Add(3 * time.Hour), "organiser_id": f.department.ID}
		status, body = f.call("POST", "/api/v1/activities", liwei, in)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("POST", "/api/v1/activities", clerk, in)
		if status != http.StatusCreated {
			t.Fatalf("create: %d %s", status, body)
		}
		var x activityJSON
		f.decode(body, &x)
		if x.State != "draft" || x.CheckinBefore != 60 || x.LateAfter != 10 || x.OrganiserName != "提案委员会办公室" {
			t.Errorf("created %+v", x)
		}
		base := "/api/v1/activities/" + strconv.FormatInt(x.ID, 10)

		status, body = f.call("POST", base+"/actions/publish", clerk, nil)
		f.wantError(status, body, http.StatusConflict, "conflict", "邀请")
		status, body = f.call("POST", base+"/participants", clerk, map[string]any{"member_ids": []int64{f.own.ID, f.second.ID}})
		var inv struct {
			Added        int                      `json:"added"`
			Participants listJSON[invitationJSON] `json:"participants"`
		}
		if f.decode(body, &inv); status != http.StatusOK || inv.Added != 2 || inv.Participants.Total != 2 {
			t.Fatalf("invite: %d %s", status, body)
		}
		status, body = f.call("POST", base+"/actions/publish", clerk, nil)
		if f.decode(body, &x); status != http.StatusOK || x.State != "published" {
			t.Fatalf("publish: %d %s", status, body)
		}

		var mine listJSON[myInvitationJSON]
		status, body = f.call("GET", "/api/v1/my/invitations", liwei, nil)
		if f.decode(body, &mine); status != http.StatusOK || mine.Total != 1 || mine.Items[0].Activity.Agenda != "" || mine.Items[0].Invitation.State != "invited" {
			t.Fatalf("my invitations: %d %s", status, body)
		}
		own := fmt.Sprintf("%s/participants/%d/actions/", base, f.own.ID)
		status, body = f.call("POST", own+"request_leave", liwei, map[string]string{"reason": ""})
		f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")
		status, body = f.call("POST", own+"request_leave", liwei, map[string]string{"reason": "赴省里参加培训"})
		if status != http.StatusOK {
			t.Fatalf("request leave: %d %s", status, body)
		}
		status, body = f.call("POST", own+"approve_leave", liwei, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		var queue listJSON[myInvitationJSON]
		status, body = f.call("GET", "/api/v1/leave-requests", clerk, nil)
		if f.decode(body, &queue); status != http.StatusOK || queue.Total != 1 || queue.Items[0].Invitation.LeaveReason != "赴省里参加培训" {
			t.Fatalf("leave queue: %d %s", status, body)
		}
		var one invitationJSON
		status, body = f.call("POST", own+"approve_leave", clerk, nil)
		if f.decode(body, &one); status != http.StatusOK || one.State != "leave_approved" {
			t.Fatalf("approve leave: %d %s", status, body)
		}

		var code struct {
			Token string `json:"token"`
			URL   string `json:"url"`
		}
		status, body = f.call("GET", base+"/checkin-code", wangfang, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("GET", base+"/checkin-code", clerk, nil)
		if f.decode(body, &code); status != http.StatusOK || code.Token == "" {
			t.Fatalf("checkin code: %d %s", status, body)
		}
		status, body = f.call("POST", base+"/checkin", wangfang, map[string]string{"token": "a-photo-from-yesterday"})
		f.wantError(status, body, http.StatusUnprocessableEntity, "invalid", "过期")
		status, body = f.call("POST", base+"/checkin", wangfang, map[string]string{"token": code.Token})
		if f.decode(body, &one); status != http.StatusOK || one.CheckedInAt == nil || one.Late {
			t.Fatalf("check in: %d %s", status, body)
		}
		status, body = f.call("POST", base+"/checkin", wangfang, map[string]string{"token": code.Token})
		f.wantError(status, body, http.StatusConflict, "conflict", "重复")

		status, body = f.call("POST", base+"/actions/finish", clerk, nil)
		if f.decode(body, &x); status != http.StatusOK || x.State != "closed" {
			t.Fatalf("finish: %d %s", status, body)
		}
		status, body = f.call("POST", base+"/actions/cancel", clerk, map[string]string{"note": "x"})
		f.wantError(status, body, http.StatusConflict, "conflict", "已结束", "取消活动")
		var parts listJSON[invitationJSON]
		status, body = f.call("GET", base+"/participants", clerk, nil)
		f.decode(body, &parts)
		got := map[int64]string{}
		for _, p := range parts.Items {
			got[p.MemberID] = p.Attendance
		}
		if status != http.StatusOK || got[f.own.ID] != "leave" || got[f.second.ID] != "attended" {
			t.Errorf("attendance %v: %s", got, body)
		}

		var rows listJSON[attendanceRowJSON]
		status, body = f.call("GET", "/api/v1/attendance?group=member", clerk, nil)
		if f.decode(body, &rows); status != http.StatusOK || rows.Total != 2 {
			t.Fatalf("attendance: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/attendance?group=type", wangfang, nil)
		if f.decode(body, &rows); status != http.StatusOK || rows.Total != 1 || rows.Items[0].Attended != 1 || rows.Items[0].Name != "全体会议" {
			t.Errorf("a member's own attendance: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/absence-warnings", liwei, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("GET", "/api/v1/absence-warnings", clerk, nil)
		if status != http.StatusOK {
			t.Errorf("warnings: %d %s", status, body)
		}
		var events listJSON[eventJSON]
		status, body = f.call("GET", base+"/events", clerk, nil)
		if f.decode(body, &events); status != http.StatusOK || events.Total != 7 || events.Items[0].Action != "finish" {
			t.Errorf("events: %d %s", status, body)
		}
		status, body = f.call("GET", "/api/v1/attendance/export?group=sector", clerk, nil)
		if status != http.StatusOK || len(body) < 100 {
			t.Errorf("export: %d, %d bytes", status, len(body))
		}
	})
}
