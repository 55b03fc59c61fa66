package store

import (
	"strings"
	"testing"

	"lvzhi"
)

// TestOutcomeWithInstruction: the office writes an activity's recommendations, sends them to
// the party committee, and records the instruction the party secretary gave on them.
func TestOutcomeWithInstruction(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		cf := newConFixture(t, st)
		x := cf.activity(t, "优化营商环境专题协商会")
		_, err := st.SaveOutcome(cf.ctx, cf.staff, lvzhi.Outcome{ActivityID: x.ID, Kind: "memo", Title: "x", Body: "y"})
		wantField(t, err, "kind", "an outcome of unknown kind")
		_, err = st.SaveOutcome(cf.ctx, cf.mem[0], lvzhi.Outcome{ActivityID: x.ID, Kind: lvzhi.OutcomeMinutes, Title: "纪要", Body: "会议纪要正文"})
		wantCode(t, err, lvzhi.ErrForbidden, "member writes minutes")
		minutes, err := st.SaveOutcome(cf.ctx, cf.staff, lvzhi.Outcome{ActivityID: x.ID, Kind: lvzhi.OutcomeMinutes, Title: "专题协商会纪要", Body: "会议纪要正文"})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := st.SaveOutcome(cf.ctx, cf.staff, lvzhi.Outcome{ActivityID: x.ID, Kind: lvzhi.OutcomeRecommendation, Title: "关于优化营商环境的建议案", Body: "一、深化放管服改革"})
		if err != nil {
			t.Fatal(err)
		}
		if rec.State != lvzhi.OutcomeDraft || rec.ActivityTitle != x.Title {
			t.Fatalf("new outcome = %+v", rec)
		}

		_, err = st.ActOutcome(cf.ctx, cf.staff, rec.ID, "send_outcome", lvzhi.OutcomeActionInput{SentTo: "party_committee"})
		wantField(t, err, "sent_on", "send without a date")
		rec, err = st.ActOutcome(cf.ctx, cf.staff, rec.ID, "send_outcome", lvzhi.OutcomeActionInput{SentTo: "party_committee", SentOn: "2026-03-10"})
		if err != nil || rec.State != lvzhi.OutcomeSent || rec.SentTo != "party_committee" || rec.SentOn != "2026-03-10" {
			t.Fatalf("sent = %+v %v", rec, err)
		}
		_, err = st.SaveOutcome(cf.ctx, cf.staff, lvzhi.Outcome{ID: rec.ID, Kind: rec.Kind, Title: "改", Body: "改"})
		wantCode(t, err, lvzhi.ErrConflict, "edit a sent outcome")
		_, err = st.ActOutcome(cf.ctx, cf.staff, rec.ID, "send_outcome", lvzhi.OutcomeActionInput{SentTo: "government", SentOn: "2026-03-11"})
		wantCode(t, err, lvzhi.ErrConflict, "send twice")

		in, err := st.AddInstruction(cf.ctx, cf.staff, lvzhi.KindOutcome, rec.ID, lvzhi.Instruction{
			Leader: "张书记", Rank: "市委主要领导", GivenOn: st.Now(), Body: "建议很好,请市发改委牵头研究落实。"})
		if err != nil {
			t.Fatalf("instruction on a recommendation: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		if in.RecordTitle != rec.Title {
			t.Errorf("instruction names the record %q, want %q", in.RecordTitle, rec.Title)
		}
		list, err := st.Instructions(cf.ctx, cf.leader, lvzhi.KindOutcome, rec.ID)
		if err != nil || len(list) != 1 || list[0].Leader != "张书记" {
			t.Fatalf("instructions on the outcome = %+v %v", list, err)
		}
		h, err := st.OutcomeHistory(cf.ctx, cf.staff, rec.ID)
		if err != nil || len(h) != 3 || h[0].Action != "instruction" || !strings.Contains(h[1].Note, "市委") {
			t.Fatalf("history = %+v %v", h, err)
		}

		all, err := st.ListOutcomes(cf.ctx, cf.mem[0], cf.City, x.ID)
		if err != nil || len(all) != 2 || all[1].ID != minutes.ID {
			t.Fatalf("the activity's outcomes = %+v %v", all, err)
		}
		_, err = st.Outcome(cf.ctx, cf.other, rec.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "another committee reads the outcome")
	})
}

// TestResearchTopic: a topic with its team and schedule goes from planned to completed with
// its final report, which attachments may hang on.
func TestResearchTopic(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		cf := newConFixture(t, st)
		team := []lvzhi.ResearchMember{{MemberID: cf.Members[0].ID, Role: lvzhi.ResearchLead}, {MemberID: cf.Members[2].ID, Role: lvzhi.ResearchTeamMember}}
		_, err := st.SaveResearchTopic(cf.ctx, cf.staff, lvzhi.ResearchTopic{Year: 2026, Title: "课题"})
		wantField(t, err, "lead_leader", "a topic without a leader")
		_, err = st.SaveResearchTopic(cf.ctx, cf.mem[0], lvzhi.ResearchTopic{Year: 2026, Title: "课题", LeadLeader: "李主席"})
		wantCode(t, err, lvzhi.ErrForbidden, "a member creates a topic")
		r, err := st.SaveResearchTopic(cf.ctx, cf.staff, lvzhi.ResearchTopic{Year: 2026, Title: "关于加快发展新质生产力的调研", LeadLeader: "李主席",
			DepartmentID: cf.Dept, Team: team})
		if err != nil {
			t.Fatalf("create topic: %v (fields %v)", err, lvzhi.ErrorFields(err))
		}
		if r.State != lvzhi.ResearchPlanned || len(r.Team) != 2 || r.Team[0].Name != "王建国" || r.Team[0].Role != lvzhi.ResearchLead {
			t.Fatalf("topic = %+v", r)
		}
		m1, err := st.AddMilestone(cf.ctx, cf.staff, r.ID, lvzhi.ResearchMilestone{Title: "赴高新区实地调研", DueOn: "2026-04-15"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddMilestone(cf.ctx, cf.staff, r.ID, lvzhi.ResearchMilestone{Title: "形成调研报告", DueOn: "2026-06-30"}); err != nil {
			t.Fatal(err)
		}
		_, err = st.AddMilestone(cf.ctx, cf.staff, r.ID, lvzhi.ResearchMilestone{Title: "座谈", DueOn: "六月"})
		wantField(t, err, "due_on", "a milestone with a bad date")
		if err := st.CompleteMilestone(cf.ctx, cf.staff, r.ID, m1, "2026-04-16"); err != nil {
			t.Fatal(err)
		}

		for _, action := range []string{"start_research"} {
			if _, err := st.ActResearch(cf.ctx, cf.staff, r.ID, action, lvzhi.ResearchActionInput{}); err != nil {
				t.Fatal(err)
			}
		}
		_, err = st.ActResearch(cf.ctx, cf.staff, r.ID, "submit_report", lvzhi.ResearchActionInput{Report: "太短"})
		wantField(t, err, "report", "a report too short")
		report := strings.Repeat("调研发现,高新区企业研发投入持续增长,但成果转化渠道不畅。", 3)
		if _, err := st.ActResearch(cf.ctx, cf.staff, r.ID, "submit_report", lvzhi.ResearchActionInput{Report: report}); err != nil {
			t.Fatal(err)
		}
		_, err = st.ActResearch(cf.ctx, cf.mem[0], r.ID, "complete_research", lvzhi.ResearchActionInput{})
		wantCode(t, err, lvzhi.ErrForbidden, "a member completes a topic")
		r, err = st.ActResearch(cf.ctx, cf.staff, r.ID, "complete_research", lvzhi.ResearchActionInput{})
		if err != nil || r.State != lvzhi.ResearchCompleted || r.Report != report || r.ReportAt.IsZero() {
			t.Fatalf("completed topic = %s %v", r.State, err)
		}
		if r.Done != 1 || r.Due != 2 || len(r.Milestones) != 2 || r.Milestones[0].DoneOn != "2026-04-16" {
			t.Errorf("schedule = %d/%d %+v", r.Done, r.Due, r.Milestones)
		}
		_, err = st.AddMilestone(cf.ctx, cf.staff, r.ID, lvzhi.ResearchMilestone{Title: "补充", DueOn: "2026-07-01"})
		wantCode(t, err, lvzhi.ErrConflict, "change a completed topic's schedule")

		list, n, err := st.ListResearchTopics(cf.ctx, cf.mem[1], lvzhi.ResearchFilter{CommitteeID: cf.City, Year: 2026})
		if err != nil || n != 1 || list[0].TeamSize != 2 || list[0].Done != 1 {
			t.Fatalf("topics = %d %+v %v", n, list, err)
		}
		// The final report takes attachments like any record others hang things on.
		err = st.read(cf.ctx, func(tx *Tx) error {
			tg, err := tx.recordTarget(cf.ctx, cf.mem[1], lvzhi.KindResearchTopic, r.ID)
			if err == nil && tg.CommitteeID != cf.City {
				t.Errorf("target = %+v", tg)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
