package web

import (
	"fmt"
	"lvzhi"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"lvzhi/store"
)

// TestPageRequests drafts a request through the form, submits it from its page, and finds it
// in the year's list, its export and the statistics; a member is refused the list.
func TestPageRequests(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newProposalFixture(t, st)
		clerk, member := f.browser("clerk"), f.browser("liwei")
		year := time.Now().In(lvzhi.China).Year()
		on := fmt.Sprintf("%d-01-15", year)
		resp, err := clerk.PostForm(f.url+"/requests", url.Values{"type": {"report"}, "subject": {""}, "on_date": {on},
			"department_id": {fmt.Sprint(f.department.ID)}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a request without a subject: %d", resp.StatusCode)
		}
		resp, err = clerk.PostForm(f.url+"/requests", url.Values{"type": {"report"}, "subject": {"关于上半年履职工作情况的报告"},
			"on_date": {on}, "department_id": {fmt.Sprint(f.department.ID)}, "body": {"现将上半年工作情况报告如下。"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		page := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(page, "/requests/") {
			t.Fatalf("create: %d %s", resp.StatusCode, page)
		}
		page = strings.TrimSuffix(page, "?ok=saved")
		resp, err = clerk.PostForm(f.url+page+"/actions/submit", url.Values{})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if code, body := get(t, clerk, f.url+page); code != http.StatusOK || !strings.Contains(body, "已报送") {
			t.Errorf("the request's page after submitting: %d", code)
		}
		if code, body := get(t, clerk, f.url+"/requests"); code != http.StatusOK || !strings.Contains(body, "关于上半年履职工作情况的报告") {
			t.Errorf("the list: %d", code)
		}
		code, raw := get(t, clerk, f.url+"/requests/export.xlsx?type=report")
		if rows := xlsxRows(t, raw, "Sheet1"); code != http.StatusOK || len(rows) != 2 || rows[1][3] != "关于上半年履职工作情况的报告" || rows[1][5] != "已报送" {
			t.Errorf("the export: %d %v", code, rows)
		}
		code, raw = get(t, clerk, fmt.Sprintf("%s/instructions/stats.xlsx?year=%d", f.url, year))
		months := xlsxRows(t, raw, "请示报告按月")
		if code != http.StatusOK || len(months) != 14 || months[1][2] != "1" || months[13][2] != "1" || months[13][1] != "0" {
			t.Errorf("the statistics export: %d %v", code, months)
		}
		if code, _ := get(t, member, f.url+"/requests"); code != http.StatusForbidden {
			t.Errorf("a member lists requests: %d", code)
		}
	})
}
