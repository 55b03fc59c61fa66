package store

import (
	"testing"
	"time"

	"lvzhi"
)

// day is a date of 2026 at noon in China, as a form would give it.
func day(month time.Month, d int) time.Time {
	return time.Date(2026, month, d, 4, 0, 0, 0, time.UTC)
}

func instr(leader, rank string, on time.Time) lvzhi.Instruction {
	return lvzhi.Instruction{Leader: leader, Rank: rank, GivenOn: on, Body: "请市民政局认真研究,吸纳合理建议,抓好落实。"}
}

// addInstruction records an instruction as staff and fails the test on an error.
func addInstruction(t *testing.T, st *Store, a lvzhi.Actor, kind lvzhi.Kind, id int64, in lvzhi.Instruction) lvzhi.Instruction {
	t.Helper()
	got, err := st.AddInstruction(t.Context(), a, kind, id, in)
	if err != nil {
		t.Fatalf("add instruction: %v (fields %v)", err, lvzhi.ErrorFields(err))
	}
	return got
}

func TestInstructionsVisibleToTheRecordsSubmitter(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		p := pf.toState(t, lvzhi.ProposalAccepted, propTexts[0]) // member 0's
		in := addInstruction(t, st, pf.staff, lvzhi.KindProposal, p.ID, instr("张书记", "市委主要领导", day(2, 20)))
		if in.MemberID != pf.Members[0].ID || in.RecordTitle != p.Title || in.State != lvzhi.InstructionPending {
			t.Errorf("instruction stored as %+v", in)
		}
		for _, c := range []struct {
			who  string
			a    lvzhi.Actor
			want lvzhi.ErrorCode
		}{
			{"the proposer", pf.mem[0], ""},
			{"staff", pf.staff, ""},
			{"a leader", pf.leader, ""},
			{"another member", pf.mem[1], lvzhi.ErrForbidden},
			{"a unit not assigned", pf.unit[0], lvzhi.ErrForbidden},
			{"another committee's staff", pf.otherStaff, lvzhi.ErrForbidden},
		} {
			list, err := st.Instructions(ctx, c.a, lvzhi.KindProposal, p.ID)
			if c.want == "" && (err != nil || len(list) != 1 || list[0].Leader != "张书记") {
				t.Errorf("%s reads the instructions: %+v, %v", c.who, list, err)
			}
			if c.want != "" && lvzhi.ErrorCodeOf(err) != c.want {
				t.Errorf("%s reads the instructions: %v, want %s", c.who, err, c.want)
			}
			if _, err := st.Instruction(ctx, c.a, in.ID); lvzhi.ErrorCodeOf(err) != c.want && !(c.want == "" && err == nil) {
				t.Errorf("%s reads the instruction: %v, want %q", c.who, err, c.want)
			}
		}
		// Once assigned, the handling unit sees the instructions on its proposal.
		pf.act(t, pf.staff, p.ID, "assign", assignIn(pf.Units[0]))
		if list, err := st.Instructions(ctx, pf.unit[0], lvzhi.KindProposal, p.ID); err != nil || len(list) != 1 {
			t.Errorf("assigned unit reads: %+v, %v", list, err)
		}
		// Only staff and leaders record; a member may not.
		if _, err := st.AddInstruction(ctx, pf.mem[0], lvzhi.KindProposal, p.ID, instr("李市长", "市政府主要领导", day(2, 21))); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("member records an instruction: %v", err)
		}
		if _, err := st.AddInstruction(ctx, pf.leader, lvzhi.KindProposal, p.ID, instr("李市长", "市政府主要领导", day(2, 21))); err != nil {
			t.Errorf("leader records an instruction: %v", err)
		}
		hist, _ := st.ProposalHistory(ctx, pf.staff, p.ID)
		if len(hist) == 0 || hist[0].Action != "instruction" {
			t.Errorf("the proposal's history does not say it received an instruction: %+v", hist)
		}
	})
}

func TestInstructionValidationAndFollowUp(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		p := pf.submitted(t, 0, propTexts[0])
		_, err := st.AddInstruction(ctx, pf.staff, lvzhi.KindProposal, p.ID, lvzhi.Instruction{Rank: "村长", GivenOn: st.Now().AddDate(0, 0, 5)})
		fields := lvzhi.ErrorFields(err)
		for _, f := range []string{"leader", "rank", "given_on", "body"} {
			if fields[f] == "" {
				t.Errorf("no message for %s: %v", f, fields)
			}
		}
		if _, err := st.AddInstruction(ctx, pf.staff, "no_such_kind", p.ID, instr("张书记", "市委主要领导", day(2, 20))); lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			t.Errorf("instruction on an unknown kind: %v", err)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM instructions`); n != 0 {
			t.Fatalf("%d instructions after refusals", n)
		}

		in := addInstruction(t, st, pf.staff, lvzhi.KindProposal, p.ID, instr("张书记", "市委主要领导", day(2, 20)))
		if _, err := st.UpdateFollowUp(ctx, pf.mem[0], in.ID, "follow_up", lvzhi.FollowUpInput{FollowUp: "已研究"}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("member records follow-up: %v", err)
		}
		_, err = st.UpdateFollowUp(ctx, pf.staff, in.ID, "complete", lvzhi.FollowUpInput{})
		if f := lvzhi.ErrorFields(err); f["department"] == "" || f["follow_up"] == "" || f["done_on"] == "" {
			t.Errorf("completing without follow-up: %v %v", err, f)
		}
		got, err := st.UpdateFollowUp(ctx, pf.staff, in.ID, "follow_up", lvzhi.FollowUpInput{Department: "市民政局", FollowUp: "已制定工作方案"})
		if err != nil || got.State != lvzhi.InstructionPending || got.Department != "市民政局" {
			t.Fatalf("follow-up: %+v, %v", got, err)
		}
		got, err = st.UpdateFollowUp(ctx, pf.staff, in.ID, "complete", lvzhi.FollowUpInput{FollowUp: "新建社区养老服务站12个", DoneOn: day(3, 1)})
		if err != nil || got.State != lvzhi.InstructionDone || got.Department != "市民政局" || !got.DoneOn.Equal(day(3, 1)) {
			t.Fatalf("complete: %+v, %v", got, err)
		}
		_, err = st.UpdateFollowUp(ctx, pf.staff, in.ID, "complete", lvzhi.FollowUpInput{Department: "x", FollowUp: "y", DoneOn: day(3, 1)})
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Errorf("completing twice: %v, want conflict", err)
		}
		if got, err = st.UpdateFollowUp(ctx, pf.staff, in.ID, "reopen", lvzhi.FollowUpInput{Note: "需继续跟踪"}); err != nil || got.State != lvzhi.InstructionPending || !got.DoneOn.IsZero() {
			t.Errorf("reopen: %+v, %v", got, err)
		}
		hist, err := st.InstructionHistory(ctx, pf.staff, in.ID)
		if err != nil || len(hist) != 4 || hist[0].Action != "reopen" {
			t.Errorf("history: %+v, %v", hist, err)
		}
		if err := st.DeleteInstruction(ctx, pf.mem[0], in.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("member deletes: %v", err)
		}
		if err := st.DeleteInstruction(ctx, pf.staff, in.ID); err != nil {
			t.Errorf("staff deletes: %v", err)
		}
	})
}

func TestInstructionListsAndCounts(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		p0 := pf.submitted(t, 0, propTexts[0])
		p1 := pf.submitted(t, 1, propTexts[1])
		clockOf(st).Advance(60 * 24 * time.Hour) // May: every date below is past
		dept := pf.Dept
		req, err := st.CreateRequest(ctx, pf.staff, lvzhi.Request{Type: lvzhi.RequestReport, Subject: "关于年度协商计划的报告", OnDate: day(1, 10), DepartmentID: dept, Body: "正文"})
		if err != nil {
			t.Fatal(err)
		}
		// Five instructions: two by the main leaders on member 0's proposal, one by a city
		// leader on member 1's, one by the provincial secretary on the request, and one
		// main leader's in April.
		addInstruction(t, st, pf.staff, lvzhi.KindProposal, p0.ID, instr("张书记", "市委主要领导", day(1, 5)))
		addInstruction(t, st, pf.staff, lvzhi.KindProposal, p0.ID, instr("李市长", "市政府主要领导", day(2, 5)))
		addInstruction(t, st, pf.staff, lvzhi.KindProposal, p1.ID, instr("王副市长", "市领导", day(2, 8)))
		addInstruction(t, st, pf.staff, lvzhi.KindRequest, req.ID, instr("赵书记", "省委主要领导", day(2, 9)))
		april := addInstruction(t, st, pf.staff, lvzhi.KindProposal, p1.ID, instr("张书记", "市委主要领导", day(4, 1)))
		if _, err := st.UpdateFollowUp(ctx, pf.staff, april.ID, "complete", lvzhi.FollowUpInput{Department: "市教育局", FollowUp: "已落实", DoneOn: day(4, 2)}); err != nil {
			t.Fatal(err)
		}

		count := func(a lvzhi.Actor, f lvzhi.InstructionFilter) int {
			t.Helper()
			list, total, err := st.ListInstructions(ctx, a, f)
			if err != nil {
				t.Fatalf("list %+v: %v", f, err)
			}
			if len(list) != total {
				t.Errorf("list %+v: %d rows, total %d", f, len(list), total)
			}
			return total
		}
		q1 := lvzhi.InstructionFilter{From: day(1, 1), To: day(4, 1).Add(-4 * time.Hour)}
		for _, c := range []struct {
			name string
			a    lvzhi.Actor
			f    lvzhi.InstructionFilter
			want int
		}{
			{"all", pf.staff, lvzhi.InstructionFilter{}, 5},
			{"leader sees all", pf.leader, lvzhi.InstructionFilter{}, 5},
			{"rank", pf.staff, lvzhi.InstructionFilter{Rank: "市委主要领导"}, 2},
			{"main ranks", pf.staff, lvzhi.InstructionFilter{Ranks: []string{"市委主要领导", "市政府主要领导"}}, 3},
			{"first quarter", pf.staff, q1, 4},
			{"proposals", pf.staff, lvzhi.InstructionFilter{RecordKind: lvzhi.KindProposal}, 4},
			{"requests", pf.staff, lvzhi.InstructionFilter{RecordKind: lvzhi.KindRequest}, 1},
			{"done", pf.staff, lvzhi.InstructionFilter{State: lvzhi.InstructionDone}, 1},
			{"search", pf.staff, lvzhi.InstructionFilter{Q: "李市长"}, 1},
			{"member 0 sees own", pf.mem[0], lvzhi.InstructionFilter{}, 2},
			{"member 1 sees own", pf.mem[1], lvzhi.InstructionFilter{}, 2},
			{"member 2 has none", pf.mem[2], lvzhi.InstructionFilter{}, 0},
		} {
			if got := count(c.a, c.f); got != c.want {
				t.Errorf("%s: %d, want %d", c.name, got, c.want)
			}
		}
		if n := count(pf.unit[0], lvzhi.InstructionFilter{}); n != 0 {
			t.Errorf("a unit with no proposal lists %d instructions", n)
		}
		pf.act(t, pf.staff, p1.ID, "accept", lvzhi.ProposalActionInput{})
		pf.act(t, pf.staff, p1.ID, "assign", assignIn(pf.Units[0]))
		if n := count(pf.unit[0], lvzhi.InstructionFilter{}); n != 2 {
			t.Errorf("the unit handling member 1's proposal lists %d instructions, want 2", n)
		}
		if _, _, err := st.ListInstructions(ctx, pf.otherMem, lvzhi.InstructionFilter{CommitteeID: pf.City}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("another committee's member lists: %v", err)
		}
		if _, _, err := st.ListInstructions(ctx, pf.otherStaff, lvzhi.InstructionFilter{CommitteeID: pf.City}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("other committee lists: %v", err)
		}

		stats, err := st.InstructionStats(ctx, pf.staff, lvzhi.InstructionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if stats.Total != 5 || stats.Main != 3 {
			t.Errorf("total %d main %d, want 5 and 3", stats.Total, stats.Main)
		}
		want := map[string]int{"市委主要领导": 2, "市政府主要领导": 1, "市领导": 1, "省委主要领导": 1, "省领导": 0}
		for _, c := range stats.ByRank {
			if n, ok := want[c.Key]; ok && c.N != n {
				t.Errorf("rank %s: %d, want %d", c.Key, c.N, n)
			}
		}
		kinds := map[string]int{}
		for _, c := range stats.ByKind {
			kinds[c.Key] = c.N
		}
		if kinds["proposal"] != 4 || kinds["request"] != 1 || kinds["opinion"] != 0 {
			t.Errorf("by kind %v", stats.ByKind)
		}
		if stats.ByState[0].N != 4 || stats.ByState[1].N != 1 {
			t.Errorf("by state %v", stats.ByState)
		}
		q1stats, _ := st.InstructionStats(ctx, pf.staff, q1)
		if q1stats.Total != 4 || q1stats.Main != 2 {
			t.Errorf("first quarter: %+v", q1stats)
		}

		byMember, err := st.InstructionsByGroup(ctx, pf.staff, ByMember, lvzhi.InstructionFilter{})
		if err != nil || len(byMember) != 2 {
			t.Fatalf("by member: %+v, %v", byMember, err)
		}
		for _, g := range byMember {
			if g.Total != 2 || (g.Name == pf.Members[0].Name && g.ByRank["市政府主要领导"] != 1) {
				t.Errorf("by member row %+v", g)
			}
		}
		bySector, err := st.InstructionsByGroup(ctx, pf.staff, BySector, lvzhi.InstructionFilter{})
		if err != nil || len(bySector) != 1 || bySector[0].Total != 4 || bySector[0].ByRank["市委主要领导"] != 2 {
			t.Errorf("by sector: %+v, %v", bySector, err)
		}
		if _, err := st.InstructionsByGroup(ctx, pf.staff, "nonsense", lvzhi.InstructionFilter{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			t.Errorf("unknown grouping: %v", err)
		}
	})
}

func TestInstructionSettings(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		p := pf.submitted(t, 0, propTexts[0])
		set := lvzhi.InstructionSettings{Ranks: []string{"区委主要领导", "区领导"}, Main: []string{"区委主要领导"}}
		if err := st.SetInstructionSettings(ctx, pf.mem[0], set); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("member changes ranks: %v", err)
		}
		if err := st.SetInstructionSettings(ctx, pf.staff, lvzhi.InstructionSettings{Ranks: []string{"甲", "甲"}}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			t.Errorf("repeated rank: %v", err)
		}
		if err := st.SetInstructionSettings(ctx, pf.staff, set); err != nil {
			t.Fatal(err)
		}
		got, err := st.InstructionSettings(ctx, pf.City)
		if err != nil || len(got.Ranks) != 2 || got.Main[0] != "区委主要领导" {
			t.Errorf("settings read back: %+v, %v", got, err)
		}
		if _, err := st.AddInstruction(ctx, pf.staff, lvzhi.KindProposal, p.ID, instr("张书记", "市委主要领导", day(2, 1))); lvzhi.ErrorFields(err)["rank"] == "" {
			t.Errorf("a rank the committee no longer has: %v", err)
		}
		addInstruction(t, st, pf.staff, lvzhi.KindProposal, p.ID, instr("周书记", "区委主要领导", day(2, 1)))
		if other, _ := st.InstructionSettings(ctx, pf.Other); len(other.Ranks) != len(lvzhi.DefaultInstructionSettings().Ranks) {
			t.Errorf("another committee's ranks changed: %+v", other)
		}
	})
}
