package lvzhi

import (
	"strings"
	"testing"
	"time"
)

// TestProposalTransitions checks every state × every action of the proposal workflow against
// the transitions written out here, as the regulation describes them: what is not listed must
// be refused with a message naming the state and the action.
func TestProposalTransitions(t *testing.T) {
	want := map[[2]string]string{
		{ProposalDraft, "submit"}:               ProposalReview,
		{ProposalDraft, "invite"}:               ProposalCosigning,
		{ProposalCosigning, "finish_cosign"}:    ProposalReview,
		{ProposalCosigning, "recall"}:           ProposalDraft,
		{ProposalReview, "return"}:              ProposalReturned,
		{ProposalReturned, "resubmit"}:          ProposalReview,
		{ProposalReturned, "withdraw"}:          ProposalWithdrawn,
		{ProposalReview, "accept"}:              ProposalAccepted,
		{ProposalReview, "reject"}:              ProposalRejected,
		{ProposalReview, "withdraw"}:            ProposalWithdrawn,
		{ProposalReview, "merge"}:               ProposalMerged,
		{ProposalReview, "convert"}:             ProposalConverted,
		{ProposalAccepted, "assign"}:            ProposalHandling,
		{ProposalAccepted, "withdraw"}:          ProposalWithdrawn,
		{ProposalHandling, "send_back"}:         ProposalAccepted,
		{ProposalHandling, "request_extension"}: ProposalHandling,
		{ProposalHandling, "approve_extension"}: ProposalHandling,
		{ProposalHandling, "refuse_extension"}:  ProposalHandling,
		{ProposalHandling, "contact"}:           ProposalHandling,
		{ProposalHandling, "reply"}:             ProposalReplyReview,
		{ProposalReplyReview, "approve_reply"}:  ProposalReplied,
		{ProposalReplyReview, "cosign_reply"}:   ProposalReplyReview,
		{ProposalReplyReview, "reject_reply"}:   ProposalHandling,
		{ProposalReplied, "evaluate"}:           ProposalClosed,
		{ProposalReplied, "close"}:              ProposalClosed,
	}
	checked := 0
	for state, stateLabel := range ProposalWorkflow.StateLabel {
		for action, actionLabel := range ProposalWorkflow.ActionLabel {
			got, err := ProposalWorkflow.Next(state, action)
			if to, ok := want[[2]string{state, action}]; ok {
				if err != nil || got != to {
					t.Errorf("%s —%s→ %q, %v; want %s", state, action, got, err, to)
				}
			} else {
				if ErrorCodeOf(err) != ErrConflict || !strings.Contains(ErrorMessage(err), "“"+stateLabel+"”") || !strings.Contains(ErrorMessage(err), "“"+actionLabel+"”") {
					t.Errorf("%s —%s→ %v; want a conflict naming %s and %s", state, action, err, stateLabel, actionLabel)
				}
			}
			checked++
		}
	}
	if checked != len(ProposalWorkflow.StateLabel)*len(ProposalWorkflow.ActionLabel) || checked < 13*22 {
		t.Errorf("checked %d pairs", checked)
	}
	if len(ProposalWorkflow.Table) != len(want) {
		t.Errorf("the table has %d rows, this test %d", len(ProposalWorkflow.Table), len(want))
	}
}

// TestProposalRules checks the rules with numbers in them: the deadline, extensions, the
// evaluation's outcome and the printed number.
func TestProposalRules(t *testing.T) {
	s := DefaultProposalSettings()
	assigned := time.Date(2025, 3, 10, 2, 0, 0, 0, time.UTC)
	if got := s.HandlingDeadline(assigned, false); !got.Equal(time.Date(2025, 6, 10, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("deadline %v, want three months on", got)
	}
	s.FixedDeadline = time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC)
	if got := s.HandlingDeadline(assigned, false); !got.Equal(s.FixedDeadline) {
		t.Errorf("a session proposal's deadline %v, want the fixed date", got)
	}
	if got := s.HandlingDeadline(assigned, true); got.Equal(s.FixedDeadline) {
		t.Error("a between-session proposal took the session's fixed date")
	}
	first := time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		days int
		ok   bool
	}{{0, false}, {30, true}, {92, true}, {93, false}} {
		if got := s.CanExtend(first, first.AddDate(0, 0, c.days)); got != c.ok {
			t.Errorf("extend by %d days: %v, want %v", c.days, got, c.ok)
		}
	}
	for _, c := range []struct {
		result string
		round  int
		want   string
	}{{Satisfied, 1, ProposalClosed}, {BasicallySatisfied, 1, ProposalClosed}, {Dissatisfied, 1, ProposalHandling}, {Dissatisfied, 2, ProposalClosed}} {
		if got := s.AfterEvaluation(c.result, c.round); got != c.want {
			t.Errorf("%s in round %d leads to %s, want %s", c.result, c.round, got, c.want)
		}
	}
	p := Proposal{Number: 7, SessionName: "第十四届第三次会议"}
	if got := p.NumberLabel(); got != "第十四届第三次会议第0007号" {
		t.Errorf("number label %q", got)
	}
	if (Proposal{}).NumberLabel() != "" {
		t.Error("an unnumbered proposal has a number label")
	}
	if len(RejectReasons) != 10 || RejectReasonLabel("vague") == "" || RejectReasonLabel("nonsense") != "" {
		t.Errorf("the regulation's ten reasons: %d", len(RejectReasons))
	}
}

// TestProposalValidate: a draft may be incomplete; submitting needs title, category and text.
func TestProposalValidate(t *testing.T) {
	s := DefaultProposalSettings()
	draft := Proposal{Kind: ProposalIndividual, ProposerID: 1, Title: "关于养老的建议"}
	if err := draft.Validate(false, s); err != nil {
		t.Errorf("a draft with a title only: %v", err)
	}
	f := ErrorFields(draft.Validate(true, s))
	if f["category"] == "" || f["body"] == "" {
		t.Errorf("submitting without category and text: %v", f)
	}
	group := Proposal{Kind: ProposalGroup, Title: "x"}
	if ErrorFields(group.Validate(false, s))["group_id"] == "" {
		t.Error("a group proposal without its group passes")
	}
	full := Proposal{Kind: ProposalIndividual, ProposerID: 1, Title: "关于养老的建议", Category: "社会事业",
		Body: strings.Repeat("社区养老服务设施不足,建议加快建设。", 5)}
	if err := full.Validate(true, s); err != nil {
		t.Errorf("a complete proposal: %v", err)
	}
	full.Category = "不存在的分类"
	if ErrorFields(full.Validate(true, s))["category"] == "" {
		t.Error("a category outside the committee's list passes")
	}
}
