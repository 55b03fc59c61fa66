package lvzhi

import "testing"

// exhaustive checks every (state, action) pair of a workflow against the allowed transitions
// written out by hand: each allowed pair leads where the map says, every other is refused
// naming the state and the action.
func exhaustive(t *testing.T, w Workflow, allowed map[[2]string]string) {
	t.Helper()
	var cases []workflowCase
	for state, sl := range w.StateLabel {
		for action, al := range w.ActionLabel {
			c := workflowCase{state: state, action: action, to: allowed[[2]string{state, action}], stateLabel: sl, actionLabel: al}
			cases = append(cases, c)
		}
	}
	checkWorkflow(t, w, w.Name, cases)
	if len(w.Table) != len(allowed) {
		t.Errorf("%s: the table has %d rows, this test %d", w.Name, len(w.Table), len(allowed))
	}
}

func TestPlanWorkflow(t *testing.T) {
	exhaustive(t, PlanWorkflow, map[[2]string]string{
		{PlanProposed, "approve_plan"}: PlanApproved,
		{PlanProposed, "not_adopt"}:    PlanNotAdopted,
		{PlanApproved, "schedule"}:     PlanScheduled,
		{PlanScheduled, "schedule"}:    PlanScheduled,
		{PlanApproved, "cancel_plan"}:  PlanCancelled,
		{PlanScheduled, "cancel_plan"}: PlanCancelled,
	})
	// Held is reached only through a linked activity: nothing in the table leads to it and
	// nothing may be done to an item once held.
	if got := PlanWorkflow.Allowed(PlanHeld); len(got) != 0 {
		t.Errorf("actions allowed on a held item: %v", got)
	}
	if _, err := PlanWorkflow.Next(PlanProposed, "hold"); ErrorCodeOf(err) != ErrInvalid {
		t.Errorf("an unknown action should be invalid, got %v", err)
	}
}

func TestResearchWorkflow(t *testing.T) {
	exhaustive(t, ResearchWorkflow, map[[2]string]string{
		{ResearchPlanned, "start_research"}:     ResearchUnderway,
		{ResearchUnderway, "submit_report"}:     ResearchReported,
		{ResearchReported, "return_report"}:     ResearchUnderway,
		{ResearchReported, "complete_research"}: ResearchCompleted,
		{ResearchPlanned, "cancel_topic"}:       ResearchCancelled,
		{ResearchUnderway, "cancel_topic"}:      ResearchCancelled,
	})
}

func TestSpeechWorkflow(t *testing.T) {
	exhaustive(t, SpeechWorkflow, map[[2]string]string{
		{SpeechSubmitted, "select_oral"}:     SpeechOral,
		{SpeechSubmitted, "select_written"}:  SpeechWritten,
		{SpeechSubmitted, "not_select"}:      SpeechNotSelected,
		{SpeechSubmitted, "withdraw_speech"}: SpeechWithdrawn,
		{SpeechOral, "reconsider"}:           SpeechSubmitted,
		{SpeechWritten, "reconsider"}:        SpeechSubmitted,
		{SpeechNotSelected, "reconsider"}:    SpeechSubmitted,
	})
	if SpeechPermission("withdraw_speech") != ActionUpdate || SpeechPermission("select_oral") != ActionChange {
		t.Error("a member withdraws as an edit of their own speech; the office selects as a workflow action")
	}
}

func TestOutcomeWorkflow(t *testing.T) {
	exhaustive(t, OutcomeWorkflow, map[[2]string]string{
		{OutcomeDraft, "send_outcome"}:  OutcomeSent,
		{OutcomeSent, "recall_outcome"}: OutcomeDraft,
	})
}

// TestConsultationLabels: the refusal of a consultation action names it in Chinese.
func TestConsultationLabels(t *testing.T) {
	for _, w := range []Workflow{PlanWorkflow, ResearchWorkflow, SpeechWorkflow, OutcomeWorkflow} {
		for a, l := range w.ActionLabel {
			if got := actionLabel(Action(a)); got != l {
				t.Errorf("actionLabel(%s) = %q, want %q (another workflow uses the same action name)", a, got, l)
			}
		}
	}
}

func TestConsultationValidation(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"plan without topic", PlanItem{Year: 2026, Form: ActivityTopicalConsultation, ProposerID: 1}.Validate(DefaultActivitySettings()), "topic"},
		{"plan with unknown form", PlanItem{Year: 2026, Topic: "x", Form: "chat", ProposerID: 1}.Validate(DefaultActivitySettings()), "form"},
		{"plan without proposer", PlanItem{Year: 2026, Topic: "x", Form: ActivityTopicalConsultation}.Validate(DefaultActivitySettings()), "proposer_id"},
		{"plan in quarter 5", PlanItem{Year: 2026, Topic: "x", Form: ActivityTopicalConsultation, ProposerID: 1, Quarter: 5}.Validate(DefaultActivitySettings()), "quarter"},
		{"schedule without leader", PlanActionInput{Quarter: 2, DepartmentID: 3}.ValidateSchedule(), "lead_leader"},
		{"schedule without quarter", PlanActionInput{LeadLeader: "王副主席", DepartmentID: 3}.ValidateSchedule(), "quarter"},
		{"research without leader", ResearchTopic{Year: 2026, Title: "课题"}.Validate(), "lead_leader"},
		{"milestone with a bad date", ResearchMilestone{Title: "实地调研", DueOn: "5月"}.Validate(), "due_on"},
		{"plenary speech too short", Speech{Kind: SpeechPlenary, SessionID: 1, MemberID: 1, Title: "发言", Body: "太短"}.Validate(), "body"},
		{"plenary speech of nobody", Speech{Kind: SpeechPlenary, SessionID: 1, Title: "发言", Body: "关于加快黄河流域生态保护和高质量发展的几点建议与思考"}.Validate(), "member_id"},
		{"activity speech without activity", Speech{Kind: SpeechActivity, MemberID: 1, Title: "发言"}.Validate(), "activity_id"},
		{"outcome of unknown kind", Outcome{Kind: "memo", Title: "x", Body: "y", ActivityID: 1}.Validate(), "kind"},
		{"send to nobody", OutcomeActionInput{SentOn: "2026-05-01"}.ValidateSend(), "sent_to"},
		{"send on no date", OutcomeActionInput{SentTo: "government"}.ValidateSend(), "sent_on"},
	}
	for _, tc := range tests {
		if ErrorCodeOf(tc.err) != ErrInvalid || ErrorFields(tc.err)[tc.field] == "" {
			t.Errorf("%s: got %v (fields %v), want field %s", tc.name, tc.err, ErrorFields(tc.err), tc.field)
		}
	}
	ok := []error{
		PlanItem{Year: 2026, Topic: "推进黄河流域生态保护", Form: ActivityTopicalConsultation, ProposerID: 1}.Validate(DefaultActivitySettings()),
		PlanActionInput{Quarter: 2, LeadLeader: "王副主席", DepartmentID: 3}.ValidateSchedule(),
		ResearchTopic{Year: 2026, Title: "课题", LeadLeader: "李主席"}.Validate(),
		Speech{Kind: SpeechActivity, ActivityID: 1, MemberID: 1, Title: "发言"}.Validate(),
		Outcome{Kind: OutcomeRecommendation, Title: "建议", Body: "正文", ActivityID: 1}.Validate(),
		OutcomeActionInput{SentTo: "both", SentOn: "2026-05-01"}.ValidateSend(),
	}
	for i, err := range ok {
		if err != nil {
			t.Errorf("valid record %d refused: %v", i, err)
		}
	}
	if QuarterLabel(2) != "第二季度" || QuarterLabel(0) != "未排期" {
		t.Errorf("QuarterLabel: %q %q", QuarterLabel(2), QuarterLabel(0))
	}
}

// TestConsultationTargets checks the targets the records build, end to end with Authorize:
// a member reads the plan but does not approve it, submits and withdraws only their own
// speech, and reads outcomes the office writes.
func TestConsultationTargets(t *testing.T) {
	member, staff := permActors[0].a, permActors[1].a // member 101
	own := Speech{CommitteeID: 1, MemberID: 101, Kind: SpeechPlenary}
	other := Speech{CommitteeID: 1, MemberID: 102, Kind: SpeechPlenary}
	if got := own.Target(); got != (Target{Kind: KindSpeech, CommitteeID: 1, MemberID: 101}) {
		t.Errorf("Speech.Target = %+v", got)
	}
	tests := []struct {
		name string
		a    Actor
		act  Action
		t    Target
		want bool
	}{
		{"member reads the plan", member, ActionRead, PlanItem{CommitteeID: 1}.Target(), true},
		{"member approves a plan item", member, ActionChange, PlanItem{CommitteeID: 1}.Target(), false},
		{"staff approves a plan item", staff, ActionChange, PlanItem{CommitteeID: 1}.Target(), true},
		{"member submits own speech", member, ActionCreate, own.Target(), true},
		{"member submits for another", member, ActionCreate, other.Target(), false},
		{"member withdraws own speech", member, SpeechPermission("withdraw_speech"), own.Target(), true},
		{"member selects own speech", member, SpeechPermission("select_oral"), own.Target(), false},
		{"member reads another's speech", member, ActionRead, other.Target(), false},
		{"member reads an outcome", member, ActionRead, Outcome{CommitteeID: 1}.Target(), true},
		{"member sends an outcome", member, ActionChange, Outcome{CommitteeID: 1}.Target(), false},
		{"member reads a research topic", member, ActionRead, ResearchTopic{CommitteeID: 1}.Target(), true},
		{"staff of another committee", staff, ActionRead, ResearchTopic{CommitteeID: 2}.Target(), false},
	}
	for _, tc := range tests {
		if got := Can(tc.a, tc.act, tc.t); got != tc.want {
			t.Errorf("%s: Can = %v, want %v", tc.name, got, tc.want)
		}
	}
}
