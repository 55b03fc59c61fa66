package demo

import (
	"context"
	"testing"
	"time"

	"lvzhi"
)

// TestInstructionsAndRequests checks the yearly report's figures against the records, as the
// leader's statistics page counts them.
func TestInstructionsAndRequests(t *testing.T) {
	ctx := context.Background()
	st, sum := loaded(t)
	leader := signedIn(t, st, "leader")
	year := time.Now().In(lvzhi.China).Year()
	from := time.Date(year, 1, 1, 0, 0, 0, 0, lvzhi.China)
	f := lvzhi.InstructionFilter{CommitteeID: sum.CityID, From: from.UTC(), To: from.AddDate(1, 0, 0).UTC()}
	stats, err := st.InstructionStats(ctx, leader, f)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Main != DemoMainInstructions || stats.Total != DemoMainInstructions+DemoOtherInstructions {
		t.Errorf("this year: %d instructions, %d by the main leaders; want %d and %d", stats.Total, stats.Main,
			DemoMainInstructions+DemoOtherInstructions, DemoMainInstructions)
	}
	f.Ranks = []string{"市委主要领导", "市政府主要领导"}
	if _, n, err := st.ListInstructions(ctx, leader, f); err != nil || n != 41 {
		t.Errorf("the list of main leaders' instructions has %d, %v; want 41", n, err)
	}
	req, err := st.RequestStats(ctx, leader, year)
	if err != nil {
		t.Fatal(err)
	}
	if req.Total != 101 || req.ByType[0].N == 0 || req.ByType[1].N == 0 {
		t.Errorf("this year's requests and reports: %+v, want 101 of both types", req.ByType)
	}
	if _, n, err := st.ListRequests(ctx, leader, lvzhi.RequestFilter{CommitteeID: sum.CityID, Year: year}); err != nil || n != 103 {
		t.Errorf("requests listed: %d, %v; want 103 (one draft, one withdrawn)", n, err)
	}
	// The demo member sees the instructions on their own proposals only.
	member := signedIn(t, st, "member")
	list, _, err := st.ListInstructions(ctx, member, lvzhi.InstructionFilter{CommitteeID: sum.CityID})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range list {
		if in.MemberID != member.MemberID {
			t.Errorf("the member sees an instruction on someone else's record: %+v", in)
		}
	}
}
