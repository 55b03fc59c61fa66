package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lvzhi"
	"lvzhi/store"
)

// consultationFixture is the proposal fixture with a party and a special committee that
// propose plan topics.
type consultationFixture struct {
	*proposalFixture
	party, special lvzhi.OrgUnit
}

func newConsultationFixture(t *testing.T, st *store.Store) *consultationFixture {
	t.Helper()
	f := &consultationFixture{proposalFixture: newProposalFixture(t, st)}
	sys := lvzhi.System(f.committee.ID)
	var err error
	if f.party, err = st.CreateOrgUnit(context.Background(), sys, lvzhi.OrgUnit{CommitteeID: f.committee.ID, Kind: lvzhi.OrgParty, Name: "民盟市委"}); err != nil {
		t.Fatal(err)
	}
	if f.special, err = st.CreateOrgUnit(context.Background(), sys, lvzhi.OrgUnit{CommitteeID: f.committee.ID, Kind: lvzhi.OrgSpecialCommittee, Name: "经济委员会"}); err != nil {
		t.Fatal(err)
	}
	return f
}

// planItem proposes a 2026 topic through the API and returns it.
func (f *consultationFixture) planItem(token, topic string, proposer int64) planItemJSON {
	f.t.Helper()
	status, body := f.call("POST", "/api/v1/plan-items", token, map[string]any{"year": 2026, "topic": topic, "form": lvzhi.ActivityTopicalConsultation, "proposer_id": proposer})
	if status != http.StatusCreated {
		f.t.Fatalf("create plan item: %d %s", status, body)
	}
	var p planItemJSON
	f.decode(body, &p)
	return p
}

// planAct applies a plan action through the API and wants the given status.
func (f *consultationFixture) planAct(token string, id int64, action string, in any, want int) planItemJSON {
	f.t.Helper()
	status, body := f.call("POST", fmt.Sprintf("/api/v1/plan-items/%d/actions/%s", id, action), token, in)
	if status != want {
		f.t.Fatalf("%s: %d %s, want %d", action, status, body, want)
	}
	var p planItemJSON
	f.decode(body, &p)
	return p
}

// TestPlanAPIAndPage runs a year's plan through the API — proposed, approved, scheduled,
// carried out by an activity that is held — and checks the plan page's figures against the
// records: items, scheduled, held, and each quarter's planned and held.
func TestPlanAPIAndPage(t *testing.T) {
	forEachAPIStore(t, func(t *testing.T, st *store.Store) {
		f := newConsultationFixture(t, st)
		clerk, liwei := f.login("clerk"), f.login("liwei")
		sched := map[string]any{"quarter": 2, "lead_leader": "王副主席", "department_id": f.department.ID}

		a := f.planItem(clerk, "推动黄河流域生态保护和高质量发展", f.party.ID)
		b := f.planItem(clerk, "优化营商环境", f.special.ID)
		c := f.planItem(clerk, "发展银发经济", f.party.ID)
		f.planItem(clerk, "尚待审定的议题", f.special.ID)
		status, body := f.call("POST", "/api/v1/plan-items", liwei, map[string]any{"year": 2026, "topic": "委员提出", "form": "topical_consultation", "proposer_id": f.party.ID})
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("POST", "/api/v1/plan-items", clerk, map[string]any{"year": 2026, "topic": "界别提出", "form": "topical_consultation", "proposer_id": f.sector.ID})
		if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["proposer_id"] == "" {
			t.Errorf("fields = %v", e.Fields)
		}

		// A member may not approve; scheduling before approval is a conflict naming both.
		status, body = f.call("POST", fmt.Sprintf("/api/v1/plan-items/%d/actions/approve_plan", a.ID), liwei, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")
		status, body = f.call("POST", fmt.Sprintf("/api/v1/plan-items/%d/actions/schedule", a.ID), clerk, sched)
		f.wantError(status, body, http.StatusConflict, "conflict", "已提出", "排期")
		status, body = f.call("POST", fmt.Sprintf("/api/v1/plan-items/%d/actions/hold", a.ID), clerk, nil)
		f.wantError(status, body, http.StatusNotFound, "not_found")
		for _, id := range []int64{a.ID, b.ID, c.ID} {
			f.planAct(clerk, id, "approve_plan", nil, http.StatusOK)
		}
		a = f.planAct(clerk, a.ID, "schedule", sched, http.StatusOK)
		f.planAct(clerk, b.ID, "schedule", map[string]any{"quarter": 3, "lead_leader": "李副主席", "department_id": f.department.ID}, http.StatusOK)
		f.planAct(clerk, c.ID, "cancel_plan", map[string]any{"note": "并入全会议题"}, http.StatusOK)
		if a.State != "scheduled" || a.Quarter != 2 || a.Department != f.department.Name {
			t.Fatalf("scheduled item = %+v", a)
		}

		// An activity is created for the item and held.
		start := time.Now().Add(10 * time.Minute).UTC().Truncate(time.Second)
		status, body = f.call("POST", fmt.Sprintf("/api/v1/plan-items/%d/activities", a.ID), clerk, map[string]any{
			"starts_at": start, "ends_at": start.Add(3 * time.Hour), "place": "市政协会议中心", "organiser_id": f.department.ID})
		if status != http.StatusOK {
			t.Fatalf("create the item's activity: %d %s", status, body)
		}
		f.decode(body, &a)
		if len(a.Activities) != 1 || a.Activities[0].Title != a.Topic || a.Held {
			t.Fatalf("item with its activity = %+v", a)
		}
		holdActivity(t, st, f.committee.ID, a.Activities[0].ID, f.own.ID, start)

		status, body = f.call("GET", fmt.Sprintf("/api/v1/plan-items/%d", a.ID), liwei, nil)
		f.decode(body, &a)
		if status != http.StatusOK || a.State != "held" || !a.Held || !a.Activities[0].Held {
			t.Fatalf("held item as a member reads it: %d %+v", status, a)
		}
		var stats planStatsJSON
		status, body = f.call("GET", "/api/v1/plan-items/stats?year=2026", clerk, nil)
		f.decode(body, &stats)
		if status != http.StatusOK || stats.Total != 4 || stats.Held != 1 || stats.Scheduled != 2 || stats.ByState["cancelled"] != 1 ||
			stats.ByQuarter[1] != (quarterJSON{Quarter: 2, Planned: 1, Held: 1}) || stats.ByQuarter[2] != (quarterJSON{Quarter: 3, Planned: 1}) {
			t.Fatalf("stats = %d %+v", status, stats)
		}
		var items listJSON[planItemJSON]
		status, body = f.call("GET", "/api/v1/plan-items?year=2026&state=held", liwei, nil)
		f.decode(body, &items)
		if status != http.StatusOK || items.Total != 1 || items.Items[0].ID != a.ID {
			t.Fatalf("held items = %d %s", status, body)
		}

		// The plan sheet has a row per item; a member may not export it.
		status, body = f.call("GET", "/api/v1/plan-items/export?year=2026", clerk, nil)
		if status != http.StatusOK {
			t.Fatalf("export: %d %s", status, body)
		}
		x, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows("协商计划")
		if len(rows) != 5 || rows[1][2] != a.Topic || !strings.Contains(rows[1][8], "已举办") {
			t.Errorf("plan sheet = %v", rows)
		}
		status, body = f.call("GET", "/api/v1/plan-items/export?year=2026", liwei, nil)
		f.wantError(status, body, http.StatusForbidden, "forbidden")

		// The plan page shows the same figures, and the member sees no button to add a topic.
		code, page := get(t, f.browser("clerk"), f.url+"/plan?year=2026")
		if code != http.StatusOK {
			t.Fatalf("plan page: %d", code)
		}
		for _, want := range []string{`id="plan-total">4<`, `id="plan-scheduled">2<`, `id="plan-held">1<`, `id="q2-planned">1<`, `id="q2-held">1<`,
			`id="q3-planned">1<`, `id="q3-held">0<`, "推动黄河流域生态保护和高质量发展", "王副主席", "民盟市委", `id="plan-new"`} {
			if !strings.Contains(page, want) {
				t.Errorf("plan page lacks %q", want)
			}
		}
		code, page = get(t, f.browser("liwei"), f.url+"/plan?year=2026")
		if code != http.StatusOK || strings.Contains(page, `id="plan-new"`) || !strings.Contains(page, `id="plan-held">1<`) {
			t.Errorf("member's plan page: %d, add button shown = %v", code, strings.Contains(page, `id="plan-new"`))
		}
		code, page = get(t, f.browser("clerk"), fmt.Sprintf("%s/plan/%d", f.url, b.ID))
		if code != http.StatusOK || !strings.Contains(page, `id="act-cancel_plan"`) || !strings.Contains(page, `action="/plan/`+fmt.Sprint(b.ID)+`/activities/new"`) {
			t.Errorf("item page: %d", code)
		}
	})
}

// holdActivity invites a member to an activity starting at start, publishes it, lets its
// time come and closes it.
func holdActivity(t *testing.T, st *store.Store, committee, id, member int64, start time.Time) {
	t.Helper()
	ctx, sys := context.Background(), lvzhi.System(committee)
	if _, err := st.InviteMembers(ctx, sys, id, lvzhi.Selection{MemberIDs: []int64{member}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActActivity(ctx, sys, id, "publish", ""); err != nil {
		t.Fatal(err)
	}
	// The clock moves just past the start: sessions signed in before stay alive.
	later := start.Add(time.Minute)
	st.Now = func() time.Time { return later }
	if _, err := st.ActActivity(ctx, sys, id, "finish", ""); err != nil {
		t.Fatalf("finish: %v", err)
	}
}
