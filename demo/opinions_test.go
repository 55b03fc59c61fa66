package demo

import (
	"context"
	"testing"
	"time"

	"lvzhi"
)

// TestOpinions checks the yearly figure "报送社情民意信息90份" (reports forwarded) against the
// records, as the statistics count them, and that
// the demo has reports in every state, issues, adoptions and reports of the demo member.
func TestOpinions(t *testing.T) {
	ctx := context.Background()
	st, sum := loaded(t)
	leader := signedIn(t, st, "leader")
	year := time.Now().In(lvzhi.China).Year()
	stats, err := st.OpinionStatistics(ctx, leader, lvzhi.OpinionStatsFilter{By: "sector", From: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Total.Forwarded != DemoOpinions || stats.Total.Submitted != DemoOpinionsReceived {
		t.Errorf("this year: %d reports received, %d forwarded; want %d and %d", stats.Total.Submitted, stats.Total.Forwarded,
			DemoOpinionsReceived, DemoOpinions)
	}
	if stats.Total.Compiled == 0 || stats.Total.Forwarded == 0 || stats.Total.City == 0 || stats.Total.Province == 0 ||
		stats.Total.NationalSingle == 0 || stats.Total.NationalCombined == 0 {
		t.Errorf("outcomes missing: %+v", stats.Total)
	}
	staff := signedIn(t, st, "staff")
	for _, state := range []string{lvzhi.OpinionDraft, lvzhi.OpinionReceived, lvzhi.OpinionReturned, lvzhi.OpinionWithdrawn, lvzhi.OpinionEditing,
		lvzhi.OpinionNotUsed, lvzhi.OpinionCompiled, lvzhi.OpinionForwarded} {
		if _, n, err := st.ListOpinions(ctx, staff, lvzhi.OpinionFilter{State: state}); err != nil || n == 0 {
			t.Errorf("no report %s: %v", state, err)
		}
	}
	for _, kind := range []string{lvzhi.OpinionIndividual, lvzhi.OpinionJoint, lvzhi.OpinionGroup, lvzhi.OpinionLower} {
		if _, n, err := st.ListOpinions(ctx, staff, lvzhi.OpinionFilter{Kind: kind}); err != nil || n == 0 {
			t.Errorf("no report of kind %s: %v", kind, err)
		}
	}
	issues, err := st.ListIssues(ctx, staff, year)
	if err != nil || len(issues) < 10 || issues[len(issues)-1].Number != 1 {
		t.Errorf("this year's issues: %d, %v", len(issues), err)
	}
	member := signedIn(t, st, "member")
	mine, n, err := st.ListOpinions(ctx, member, lvzhi.OpinionFilter{})
	if err != nil || n < 3 {
		t.Fatalf("the demo member's reports: %d, %v", n, err)
	}
	states := map[string]bool{}
	for _, o := range mine {
		states[o.State] = true
	}
	if !states[lvzhi.OpinionForwarded] || !states[lvzhi.OpinionNotUsed] || !states[lvzhi.OpinionReceived] {
		t.Errorf("the demo member's reports are in %v", states)
	}
	_ = sum
}
