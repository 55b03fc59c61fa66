package demo

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// signedIn signs a demo account in and returns its actor, as the web layer builds it.
func signedIn(t *testing.T, st *store.Store, username string) lvzhi.Actor {
	t.Helper()
	ctx := context.Background()
	st.WaiveTOTP = true
	l, err := st.SignIn(ctx, username, Password, "", "127.0.0.1")
	if err != nil {
		t.Fatalf("sign in %s: %v", username, err)
	}
	a, err := st.Authenticate(ctx, l.Token, "127.0.0.1")
	if err != nil {
		t.Fatalf("authenticate %s: %v", username, err)
	}
	return a
}

func TestProposals(t *testing.T) {
	ctx := context.Background()
	st, sum := loaded(t)
	staff := signedIn(t, st, "staff")
	all, total, err := st.ListProposals(ctx, staff, lvzhi.ProposalFilter{CommitteeID: sum.CityID, Paging: lvzhi.Paging{PerPage: 500}})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(proposalPlan) || len(all) != total || sum.Proposals != total || total < 75 {
		t.Fatalf("%d proposals listed (%d read), summary says %d, plan has %d", total, len(all), sum.Proposals, len(proposalPlan))
	}

	// Per state: the plan's counts, a few of them pinned, and every state of the workflow.
	planned := map[string]int{}
	for _, s := range proposalPlan {
		planned[s.state]++
	}
	got := map[string]int{}
	for _, p := range all {
		got[p.State]++
	}
	for state := range lvzhi.ProposalWorkflow.StateLabel {
		if got[state] == 0 {
			t.Errorf("no proposal in state %s (%s)", state, lvzhi.ProposalWorkflow.StateLabel[state])
		}
		if got[state] != planned[state] {
			t.Errorf("%s: %d proposals, planned %d", state, got[state], planned[state])
		}
		_, n, err := st.ListProposals(ctx, staff, lvzhi.ProposalFilter{CommitteeID: sum.CityID, State: state, Paging: lvzhi.Paging{PerPage: 1}})
		if err != nil || n != got[state] {
			t.Errorf("the %s filter finds %d, %v; want %d", state, n, err, got[state])
		}
	}
	pinned := map[string]int{lvzhi.ProposalDraft: 3, lvzhi.ProposalReview: 16, lvzhi.ProposalReturned: 2, lvzhi.ProposalRejected: 3,
		lvzhi.ProposalMerged: 2, lvzhi.ProposalConverted: 1, lvzhi.ProposalAccepted: 5, lvzhi.ProposalHandling: 21,
		lvzhi.ProposalReplyReview: 3, lvzhi.ProposalReplied: 5, lvzhi.ProposalClosed: 16}
	for state, n := range pinned {
		if got[state] != n {
			t.Errorf("%s: %d proposals, want %d", state, got[state], n)
		}
	}

	// Texts, kinds and marks.
	settings, err := st.ProposalSettings(ctx, sum.CityID)
	if err != nil {
		t.Fatal(err)
	}
	kinds, categories := map[string]int{}, map[string]bool{}
	var numbers []int
	key, published, overdue, rehandled := 0, 0, 0, 0
	leader, err := st.UserByName(ctx, lvzhi.System(sum.CityID), "leader")
	if err != nil {
		t.Fatal(err)
	}
	now := st.Now()
	for _, p := range all {
		kinds[p.Kind]++
		categories[p.Category] = true
		if n := len([]rune(p.Body)); n < 200 || !strings.Contains(p.Body, "基本情况") || !strings.Contains(p.Body, "问题分析") ||
			!strings.Contains(p.Body, "具体建议") {
			t.Errorf("%s: body of %d characters lacks a part:\n%s", p.Title, n, p.Body)
		}
		if err := p.Validate(true, settings); err != nil {
			t.Errorf("%s: %v %v", p.Title, err, lvzhi.ErrorFields(err))
		}
		if p.SessionName != "第十四届第三次会议" {
			t.Errorf("%s is in %s", p.Title, p.SessionName)
		}
		if (p.Kind == lvzhi.ProposalGroup) != (p.ProposerID == 0) || p.ProposerName == "" {
			t.Errorf("%s: kind %s, proposer %d %q", p.Title, p.Kind, p.ProposerID, p.ProposerName)
		}
		if p.Number != 0 {
			numbers = append(numbers, p.Number)
		}
		if p.Key {
			key++
			if p.Supervisor != leader.ID {
				t.Errorf("key proposal %s supervised by %d, not the leader", p.Title, p.Supervisor)
			}
		}
		if p.Published {
			published++
		}
		if p.State == lvzhi.ProposalHandling && p.Deadline.Before(now) {
			overdue++
		}
		if p.State == lvzhi.ProposalHandling && p.Round == 2 {
			rehandled++
		}
		if p.State == lvzhi.ProposalHandling && p.Deadline.IsZero() {
			t.Errorf("%s is handled without a deadline", p.Title)
		}
	}
	if kinds[lvzhi.ProposalJoint] < 5 || kinds[lvzhi.ProposalGroup] < 4 || kinds[lvzhi.ProposalIndividual] < 60 {
		t.Errorf("kinds: %v", kinds)
	}
	if len(categories) < 12 {
		t.Errorf("only %d categories used", len(categories))
	}
	if key != 3 || published < 4 || overdue < 4 || rehandled != 1 {
		t.Errorf("%d key, %d published, %d overdue, %d rehandled", key, published, overdue, rehandled)
	}
	_, n, err := st.ListProposals(ctx, staff, lvzhi.ProposalFilter{CommitteeID: sum.CityID, Overdue: true})
	if err != nil || n != overdue {
		t.Errorf("the overdue filter finds %d, %v; want %d", n, err, overdue)
	}

	// Numbers: the filed proposals are numbered 1..N without gaps, the others not at all.
	filed := got[lvzhi.ProposalAccepted] + got[lvzhi.ProposalHandling] + got[lvzhi.ProposalReplyReview] +
		got[lvzhi.ProposalReplied] + got[lvzhi.ProposalClosed]
	slices.Sort(numbers)
	for i, n := range numbers {
		if n != i+1 {
			t.Fatalf("numbers %v are not 1..%d", numbers, len(numbers))
		}
	}
	if len(numbers) != filed {
		t.Errorf("%d numbered, %d filed", len(numbers), filed)
	}

	checkJointAndMerged(t, st, staff, all)
	checkUnitInbox(t, st, staff, sum.CityID, all)

	// A second Load finds the deployment and adds no proposal.
	again, err := Load(ctx, st)
	if err != nil || again.Created || again.Proposals != sum.Proposals {
		t.Errorf("second Load: %+v, %v", again, err)
	}
	if _, broken, err := st.VerifyAudit(ctx); err != nil || broken != 0 {
		t.Errorf("audit chain broken at %d: %v", broken, err)
	}
}

// checkJointAndMerged checks the co-signers of the joint proposals and that the near-duplicate
// finder pairs each merged proposal with its main — and finds no other pairs.
func checkJointAndMerged(t *testing.T, st *store.Store, staff lvzhi.Actor, all []lvzhi.Proposal) {
	t.Helper()
	ctx := context.Background()
	merged := 0
	for _, p := range all {
		if p.Kind == lvzhi.ProposalJoint {
			d, err := st.ProposalDetail(ctx, staff, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			confirmed := 0
			for _, c := range d.Cosigners {
				if c.State == "confirmed" {
					confirmed++
				}
			}
			if confirmed == 0 || len(d.Cosigners) < 2 {
				t.Errorf("joint %s (%s): %d co-signers, %d confirmed", p.Title, p.State, len(d.Cosigners), confirmed)
			}
		}
		if p.State == lvzhi.ProposalDraft || p.State == lvzhi.ProposalCosigning {
			continue
		}
		similar, err := st.SimilarProposals(ctx, staff, p.Title+"\n"+p.Body, p.ID, 0.3, 8)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, s := range similar {
			ids = append(ids, s.Proposal.ID)
		}
		switch {
		case p.State == lvzhi.ProposalMerged:
			merged++
			if len(similar) == 0 || similar[0].Proposal.ID != p.MergedInto || similar[0].Similarity < 0.5 {
				t.Errorf("merged %s: similar %v, want its main %d at 0.5 or more", p.Title, similar, p.MergedInto)
			}
		case len(similar) > 0:
			// Only a main proposal has a near duplicate: the one merged into it.
			for _, s := range similar {
				if s.Proposal.MergedInto != p.ID {
					t.Errorf("%s and %s look alike (%.2f)", p.Title, s.Proposal.Title, s.Similarity)
				}
			}
		}
	}
	if merged != 2 {
		t.Errorf("%d merged proposals", merged)
	}
}

// checkUnitInbox signs in as the demo unit (市教育局): it lists exactly the proposals assigned
// to it and not sent back, in several handling states, two due within 15 days.
func checkUnitInbox(t *testing.T, st *store.Store, staff lvzhi.Actor, city int64, all []lvzhi.Proposal) {
	t.Helper()
	ctx := context.Background()
	unit := signedIn(t, st, "unit")
	var want []int64
	sentBack := 0
	for _, p := range all {
		d, err := st.ProposalDetail(ctx, staff, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range d.Units {
			if u.UnitID == unit.UnitID && u.SentBackReason == "" {
				want = append(want, p.ID)
			} else if u.UnitID == unit.UnitID {
				sentBack++
			}
		}
	}
	inbox, n, err := st.ListProposals(ctx, unit, lvzhi.ProposalFilter{CommitteeID: city, Paging: lvzhi.Paging{PerPage: 500}})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	states := map[string]int{}
	soon, late := 0, 0
	now := st.Now()
	for _, p := range inbox {
		got = append(got, p.ID)
		states[p.State]++
		if p.State == lvzhi.ProposalHandling && p.Deadline.After(now) && p.Deadline.Sub(now) < 15*24*time.Hour {
			soon++
		}
		if p.State == lvzhi.ProposalHandling && p.Deadline.Before(now) {
			late++
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if n != len(inbox) || !slices.Equal(got, want) {
		t.Errorf("the unit lists %v (total %d), assigned %v", got, n, want)
	}
	if len(got) < 10 || states[lvzhi.ProposalHandling] < 5 || states[lvzhi.ProposalReplyReview] == 0 ||
		states[lvzhi.ProposalReplied] == 0 || states[lvzhi.ProposalClosed] < 2 || soon != 2 || late == 0 || sentBack != 1 {
		t.Errorf("unit inbox: %d proposals %v, %d due within 15 days, %d overdue, %d sent back", len(got), states, soon, late, sentBack)
	}
	// A proposal not assigned to the unit stays closed to it.
	for _, p := range all {
		if !slices.Contains(want, p.ID) {
			if _, err := st.Proposal(ctx, unit, p.ID); err == nil {
				t.Errorf("the unit reads %s, not assigned to it", p.Title)
			}
			break
		}
	}
}
