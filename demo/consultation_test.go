package demo

import (
	"context"
	"testing"
	"time"

	"lvzhi"
)

// TestConsultationPlan checks the demo's plan, research topics, speeches and outcomes as the
// pages count them: twenty-one topics in every state, the held ones carried by closed
// activities with minutes and recommendations, ten research topics with teams, forty plenary
// speeches selected as the secretariat decided.
func TestConsultationPlan(t *testing.T) {
	ctx := context.Background()
	st, sum := loaded(t)
	leader := signedIn(t, st, "leader")
	year := time.Now().In(lvzhi.China).Year()
	s, err := st.PlanStats(ctx, leader, sum.CityID, year)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("plan %d: %d items, %d scheduled, %d held, by quarter %+v", year, s.Total, s.Scheduled, s.Held, s.ByQuarter)
	want := map[string]int{lvzhi.PlanProposed: 2, lvzhi.PlanNotAdopted: 2, lvzhi.PlanApproved: 2, lvzhi.PlanCancelled: 1}
	for state, n := range want {
		if s.ByState[state] != n {
			t.Errorf("%s: %d items, want %d", state, s.ByState[state], n)
		}
	}
	if s.Total != len(demoPlanTopics) || s.Scheduled != 14 || s.ByState[lvzhi.PlanScheduled]+s.Held != 14 {
		t.Errorf("plan: %d items, %d scheduled, %d held; want %d and 14", s.Total, s.Scheduled, s.Held, len(demoPlanTopics))
	}
	items, _, err := st.ListPlanItems(ctx, leader, lvzhi.PlanFilter{CommitteeID: sum.CityID, Year: year, State: lvzhi.PlanHeld, Paging: lvzhi.Paging{PerPage: 100}})
	if err != nil || len(items) != s.Held {
		t.Fatalf("held items listed: %d, %v; want %d", len(items), err, s.Held)
	}
	staff := signedIn(t, st, "staff")
	for _, p := range items {
		var closed int64
		for _, x := range p.Activities {
			if x.Held {
				closed = x.ID
			}
			if q := (int(x.StartsAt.In(lvzhi.China).Month()) + 2) / 3; x.StartsAt.In(lvzhi.China).Year() != year || q != p.Quarter {
				t.Errorf("%s, planned in quarter %d, is carried out by %s on %s", p.Topic, p.Quarter, x.Title, x.StartsAt.In(lvzhi.China).Format("2006-01-02"))
			}
		}
		if closed == 0 {
			t.Errorf("held item %s has no closed activity", p.Topic)
			continue
		}
		if p.LeadLeader == "" || p.DepartmentID == 0 || p.Quarter == 0 {
			t.Errorf("held item %+v lacks its schedule", p)
		}
		if os, err := st.ListOutcomes(ctx, staff, sum.CityID, closed); err != nil || (len(os) != 2 && len(os) != 0) {
			t.Errorf("%s: %d outcomes, %v", p.Topic, len(os), err)
		}
	}

	topics, n, err := st.ListResearchTopics(ctx, leader, lvzhi.ResearchFilter{CommitteeID: sum.CityID, Year: year})
	if err != nil || n != 10 {
		t.Fatalf("research topics: %d, %v", n, err)
	}
	for _, r := range topics {
		if r.TeamSize != 5 || r.Due != len(demoMilestones) || r.LeadLeader == "" {
			t.Errorf("topic %s: team %d, %d steps", r.Title, r.TeamSize, r.Due)
		}
	}

	speeches, n, err := st.ListSpeeches(ctx, staff, lvzhi.SpeechFilter{CommitteeID: sum.CityID, Kind: lvzhi.SpeechPlenary, Paging: lvzhi.Paging{PerPage: 100}})
	if err != nil || n != 40 {
		t.Fatalf("plenary speeches: %d, %v", n, err)
	}
	states := map[string]int{}
	for _, sp := range speeches {
		states[sp.State]++
	}
	if states[lvzhi.SpeechOral] != 5 || states[lvzhi.SpeechSubmitted] != 2 || states[lvzhi.SpeechWithdrawn] != 1 || states[lvzhi.SpeechNotSelected] == 0 {
		t.Errorf("speech states = %v", states)
	}
	counts, err := st.SpeechCounts(ctx, leader, sum.CityID, 0, "sector")
	total := 0
	for _, c := range counts {
		total += c.Submitted
	}
	if err != nil || total != 39 {
		t.Errorf("speeches counted by sector: %d, %v; want 39 (the withdrawn one not counted)", total, err)
	}
}
