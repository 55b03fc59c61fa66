package store

import (
	"testing"
	"time"

	"lvzhi"
)

// TestOpinionStatistics creates reports of known authors in known states and checks every
// figure of every grouping against them.
func TestOpinionStatistics(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newOpFixture(t, st)
		ctx, staff := f.ctx, f.staff
		clock := clockOf(st)
		// Member 0: sector 0, party, special committee 0. Member 1: sector 1, special 1.
		// (newMember puts every member in sector 0; move two of them.)
		set := func(i int, sector, party, special int64) {
			m := f.Members[i]
			m.SectorID, m.PartyID, m.SpecialCommitteeID = sector, party, special
			if err := st.UpdateMember(ctx, f.sys, m); err != nil {
				t.Fatalf("update member: %v", err)
			}
		}
		set(0, f.Sectors[0], f.Party, f.Specials[0])
		set(1, f.Sectors[1], 0, f.Specials[1])

		adopt := func(id int64, level, mode string) {
			f.act(t, staff, id, "adopt", lvzhi.OpinionActionInput{Adoption: lvzhi.Adoption{Level: level, Mode: mode, Body: "某单位", OnDate: "2026-03-10"}})
		}
		var firstIssue int64
		compileInto := func(id int64) {
			if firstIssue == 0 {
				o := f.act(t, staff, id, "compile", lvzhi.OpinionActionInput{NewIssue: &lvzhi.Issue{Signer: "王主席", OnDate: "2026-03-03"}})
				firstIssue = o.IssueID
				return
			}
			f.act(t, staff, id, "compile", lvzhi.OpinionActionInput{IssueID: firstIssue})
		}

		// In March (2026-03-02): member 0 — A compiled, forwarded, adopted at city twice and
		// nationally (single and combined); B not used; C a draft (not counted); D withdrawn
		// (not counted). Joint E by member 0 with member 1: compiled, adopted by the province.
		a := f.submitted(t, 0, 0)
		compileInto(a.ID)
		f.act(t, staff, a.ID, "forward", lvzhi.OpinionActionInput{To: lvzhi.ForwardGovernment, OnDate: "2026-03-04"})
		adopt(a.ID, lvzhi.AdoptCity, "")
		adopt(a.ID, lvzhi.AdoptCity, "")
		adopt(a.ID, lvzhi.AdoptNational, lvzhi.AdoptSingle)
		adopt(a.ID, lvzhi.AdoptNational, lvzhi.AdoptCombined)
		b := f.submitted(t, 0, 1)
		f.act(t, staff, b.ID, "not_use", lvzhi.OpinionActionInput{Note: "已有相关部署"})
		f.draft(t, 0, 2)
		d := f.submitted(t, 0, 2)
		f.act(t, f.mem[0], d.ID, "retract", lvzhi.OpinionActionInput{})
		e, err := st.CreateOpinion(ctx, f.mem[0], lvzhi.Opinion{Kind: lvzhi.OpinionJoint, Title: opinionTexts[2].Title, Body: opinionTexts[2].Body, CoAuthors: []int64{f.Members[1].ID}})
		if err != nil {
			t.Fatal(err)
		}
		f.act(t, f.mem[0], e.ID, "submit", lvzhi.OpinionActionInput{})
		compileInto(e.ID)
		adopt(e.ID, lvzhi.AdoptProvince, "")
		// A party report (group), compiled; a lower committee's report, received.
		g, err := st.CreateOpinion(ctx, staff, lvzhi.Opinion{Kind: lvzhi.OpinionGroup, GroupID: f.Party, Title: opinionTexts[1].Title, Body: opinionTexts[1].Body})
		if err != nil {
			t.Fatal(err)
		}
		f.act(t, staff, g.ID, "submit", lvzhi.OpinionActionInput{})
		compileInto(g.ID)
		l, err := st.CreateOpinion(ctx, staff, lvzhi.Opinion{Kind: lvzhi.OpinionLower, SourceCommitteeID: f.County, Title: opinionTexts[0].Title, Body: opinionTexts[0].Body})
		if err != nil {
			t.Fatal(err)
		}
		f.act(t, staff, l.ID, "submit", lvzhi.OpinionActionInput{})
		// Instructions: two on A by 市委主要领导, one on E by 市领导.
		for _, x := range []struct {
			id   int64
			rank string
		}{{a.ID, "市委主要领导"}, {a.ID, "市委主要领导"}, {e.ID, "市领导"}} {
			if _, err := st.AddInstruction(ctx, staff, lvzhi.KindOpinion, x.id, lvzhi.Instruction{Leader: "张书记", Rank: x.rank, GivenOn: st.Now(), Body: "请有关部门研究办理。"}); err != nil {
				t.Fatalf("add instruction: %v", err)
			}
		}
		// In May: member 1 alone, received.
		clock.Advance(70 * 24 * time.Hour)
		late := f.submitted(t, 1, 1)
		_ = late

		all, err := st.OpinionStatistics(ctx, staff, lvzhi.OpinionStatsFilter{By: "member"})
		if err != nil {
			t.Fatal(err)
		}
		// Total, each report once: A B E G L late = 6; compiled A E G = 3; forwarded A = 1;
		// city A, province E, national A (single and combined).
		want := OpinionCounts{Submitted: 6, Compiled: 3, Forwarded: 1, City: 1, Province: 1, National: 1, NationalSingle: 1, NationalCombined: 1}
		checkCounts(t, "total", all.Total, want)
		if all.Total.Instructions["市委主要领导"] != 2 || all.Total.Instructions["市领导"] != 1 {
			t.Errorf("total instructions %v", all.Total.Instructions)
		}
		if len(all.Ranks) != 2 || all.Ranks[0] != "市委主要领导" || all.Ranks[1] != "市领导" {
			t.Errorf("ranks %v, want in the settings' order", all.Ranks)
		}
		rows := map[int64]OpinionCounts{}
		for _, r := range all.Rows {
			rows[r.ID] = r
		}
		// Member 0: A B E = 3; member 1: E late = 2 (the joint report counts for both).
		checkCounts(t, "member 0", rows[f.Members[0].ID], OpinionCounts{Submitted: 3, Compiled: 2, Forwarded: 1, City: 1, Province: 1, National: 1, NationalSingle: 1, NationalCombined: 1})
		checkCounts(t, "member 1", rows[f.Members[1].ID], OpinionCounts{Submitted: 2, Compiled: 1, Province: 1})
		if len(all.Rows) != 2 || all.Rows[0].ID != f.Members[0].ID {
			t.Errorf("member rows %+v, want member 0 first and only members with reports", all.Rows)
		}
		if rows[f.Members[1].ID].Instructions["市领导"] != 1 || rows[f.Members[0].ID].Instructions["市委主要领导"] != 2 {
			t.Errorf("instructions by member: %v %v", rows[f.Members[0].ID].Instructions, rows[f.Members[1].ID].Instructions)
		}

		// By party: member 0's A B E under the party, and the party's own G: 4.
		party, err := st.OpinionStatistics(ctx, staff, lvzhi.OpinionStatsFilter{By: "party"})
		if err != nil {
			t.Fatal(err)
		}
		if len(party.Rows) != 1 || party.Rows[0].ID != f.Party {
			t.Fatalf("party rows %+v", party.Rows)
		}
		checkCounts(t, "party", party.Rows[0], OpinionCounts{Submitted: 4, Compiled: 3, Forwarded: 1, City: 1, Province: 1, National: 1, NationalSingle: 1, NationalCombined: 1})
		// By sector, every sector listed: sector 0 = A B E (lead's sector), sector 1 = late.
		sectors, err := st.OpinionStatistics(ctx, staff, lvzhi.OpinionStatsFilter{By: "sector"})
		if err != nil {
			t.Fatal(err)
		}
		if len(sectors.Rows) != 3 || sectors.Rows[0].Submitted != 3 || sectors.Rows[1].Submitted != 1 || sectors.Rows[2].Submitted != 0 {
			t.Errorf("sector rows %+v", sectors.Rows)
		}
		// The period: March only leaves out the late report.
		march, err := st.OpinionStatistics(ctx, staff, lvzhi.OpinionStatsFilter{By: "special_committee", From: "2026-03-01", To: "2026-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		if march.Total.Submitted != 5 || march.Rows[0].Submitted != 3 || march.Rows[1].Submitted != 0 {
			t.Errorf("March: total %d, special committees %+v", march.Total.Submitted, march.Rows)
		}
		// Refusals: a member may not see the committee's figures; a bad date is named.
		_, err = st.OpinionStatistics(ctx, f.mem[0], lvzhi.OpinionStatsFilter{})
		wantCode(t, err, lvzhi.ErrForbidden, "a member reads statistics")
		_, err = st.OpinionStatistics(ctx, f.leader, lvzhi.OpinionStatsFilter{From: "2026/3/1"})
		wantField(t, err, "from", "a bad date")
		_, err = st.OpinionStatistics(ctx, f.leader, lvzhi.OpinionStatsFilter{By: "unit"})
		wantField(t, err, "by", "an unknown grouping")
	})
}

func checkCounts(t *testing.T, what string, got, want OpinionCounts) {
	t.Helper()
	type figures struct{ s, c, f, city, prov, nat, ns, nc int }
	fig := func(x OpinionCounts) figures {
		return figures{x.Submitted, x.Compiled, x.Forwarded, x.City, x.Province, x.National, x.NationalSingle, x.NationalCombined}
	}
	if fig(got) != fig(want) {
		t.Errorf("%s: got %+v, want %+v", what, got, want)
	}
}
