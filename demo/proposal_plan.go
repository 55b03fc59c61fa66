// The plan of the demo proposals: one spec per proposal saying the state it ends in, its topic,
// how many days ago it was submitted or assigned, its kind and proposer, the lead and assisting
// unit, the reply's class, the evaluation, and marks such as key, published, extended, sent
// back, merged or rejected. The loader in proposals.go and proposal_write.go writes it.

package demo

import "lvzhi"

// spec is one demo proposal: the state it ends in and what happened on the way there.
type spec struct {
	state string
	on    string // the topic's name; "" takes the next topic in turn
	// ago is days before today: when it was assigned for the states from handling on, when
	// it was submitted for the states before, when it was written for a draft.
	ago      int
	kind     string // "" is an individual proposal
	group    string // group proposals: the party or sector that proposes
	mine     bool   // proposed by the member of the demo `member` account
	cosign   bool   // joint: the demo member is among the co-signers
	key      bool   // a key proposal, supervised by the demo leader
	publish  bool
	contact  bool   // the unit records a contact with the proposer
	extend   string // "approved" or "pending": the lead unit asked for more time
	unit     string // the lead unit, when not the topic's
	assist   string // a unit assisting (协办), when not the topic's joint unit
	result   string // closed: the proposer's evaluation; "" closes without one (group)
	class    string // the reply's class
	redo     bool   // the office sends the first reply back once
	rehandle bool   // handling again after a dissatisfied evaluation
	sendBack bool   // accepted: assigned to 市教育局 by mistake and sent back by it
	reject   int    // rejected: index in rejectedTexts
	into     int    // merged: index in proposalPlan of the main proposal
}

// proposalPlan lists the demo proposals. The 市教育局 (the demo `unit` account's unit) leads
// ten of them in every handling state, two due within 15 days and one overdue, assists one
// more, and sent one back.
var proposalPlan = []spec{
	// 0–9: 市教育局 leads.
	{state: lvzhi.ProposalHandling, on: "义务教育", ago: 82, contact: true},
	{state: lvzhi.ProposalHandling, on: "学前教育", ago: 84},
	{state: lvzhi.ProposalHandling, on: "义务教育", ago: 110, contact: true},
	{state: lvzhi.ProposalHandling, on: "学前教育", ago: 40, contact: true},
	{state: lvzhi.ProposalHandling, on: "义务教育", ago: 60, extend: "pending"},
	{state: lvzhi.ProposalReplyReview, on: "学前教育", ago: 46, class: "B"},
	{state: lvzhi.ProposalReplied, on: "义务教育", ago: 60, class: "A", publish: true},
	{state: lvzhi.ProposalClosed, on: "学前教育", ago: 200, class: "A", result: lvzhi.Satisfied, publish: true, contact: true},
	{state: lvzhi.ProposalClosed, on: "义务教育", ago: 180, class: "B", result: lvzhi.BasicallySatisfied, redo: true},
	{state: lvzhi.ProposalClosed, on: "学前教育", ago: 160, class: "A", result: lvzhi.Satisfied, key: true, contact: true},
	// 10–11: 就业, where the bureau assists once and sends a wrong assignment back once.
	{state: lvzhi.ProposalHandling, on: "就业", ago: 35, assist: "市教育局"},
	{state: lvzhi.ProposalAccepted, on: "就业", ago: 20, sendBack: true},
	// 12–26: handling elsewhere; four overdue (ago > 92), one reopened.
	{state: lvzhi.ProposalHandling, ago: 120, rehandle: true, class: "C"},
	{state: lvzhi.ProposalHandling, on: "营商环境", ago: 30, key: true, contact: true},
	{state: lvzhi.ProposalHandling, ago: 100},
	{state: lvzhi.ProposalHandling, ago: 125, extend: "approved", contact: true},
	{state: lvzhi.ProposalHandling, on: "城市更新", ago: 105, group: "民盟"},
	{state: lvzhi.ProposalHandling, on: "养老服务", ago: 50}, // main of a merged proposal
	{state: lvzhi.ProposalHandling, ago: 25, kind: lvzhi.ProposalJoint},
	{state: lvzhi.ProposalHandling, ago: 15, mine: true},
	{state: lvzhi.ProposalHandling, ago: 55, contact: true},
	{state: lvzhi.ProposalHandling, ago: 20},
	{state: lvzhi.ProposalHandling, ago: 45, contact: true},
	{state: lvzhi.ProposalHandling, ago: 12},
	{state: lvzhi.ProposalHandling, ago: 65, contact: true},
	{state: lvzhi.ProposalHandling, ago: 38},
	{state: lvzhi.ProposalHandling, ago: 70},
	// 27–28: replies waiting for the office's check.
	{state: lvzhi.ProposalReplyReview, on: "黄河生态保护", ago: 48, class: "A", key: true},
	{state: lvzhi.ProposalReplyReview, on: "科技创新", ago: 44, class: "B", group: "九三学社"},
	// 29–32: replied, waiting for the proposer's evaluation.
	{state: lvzhi.ProposalReplied, ago: 58, class: "A", mine: true},
	{state: lvzhi.ProposalReplied, ago: 66, class: "A", publish: true},
	{state: lvzhi.ProposalReplied, ago: 52, class: "B", kind: lvzhi.ProposalJoint},
	{state: lvzhi.ProposalReplied, ago: 62, class: "C"},
	// 33–45: closed.
	{state: lvzhi.ProposalClosed, ago: 210, class: "A", result: lvzhi.Satisfied, mine: true, publish: true},
	{state: lvzhi.ProposalClosed, ago: 190, class: "A", result: lvzhi.Satisfied, kind: lvzhi.ProposalJoint, cosign: true},
	{state: lvzhi.ProposalClosed, on: "中小企业融资", ago: 230, class: "B", group: "民建"},
	{state: lvzhi.ProposalClosed, ago: 240, class: "A", result: lvzhi.Satisfied, publish: true, contact: true},
	{state: lvzhi.ProposalClosed, ago: 220, class: "B", result: lvzhi.BasicallySatisfied},
	{state: lvzhi.ProposalClosed, ago: 170, class: "A", result: lvzhi.Satisfied},
	{state: lvzhi.ProposalClosed, ago: 150, class: "A", result: lvzhi.Satisfied, publish: true},
	{state: lvzhi.ProposalClosed, ago: 185, class: "B", result: lvzhi.BasicallySatisfied, contact: true},
	{state: lvzhi.ProposalClosed, ago: 205, class: "A", result: lvzhi.Satisfied},
	{state: lvzhi.ProposalClosed, ago: 165, class: "A", result: lvzhi.Satisfied, contact: true},
	{state: lvzhi.ProposalClosed, ago: 235, class: "B", result: lvzhi.BasicallySatisfied},
	{state: lvzhi.ProposalClosed, ago: 215, class: "A", result: lvzhi.Satisfied, redo: true},
	{state: lvzhi.ProposalClosed, ago: 155, class: "B", result: lvzhi.Satisfied},
	// 46–49: filed, not yet assigned (with 11 above).
	{state: lvzhi.ProposalAccepted, on: "公共交通", ago: 25}, // main of a merged proposal
	{state: lvzhi.ProposalAccepted, on: "医疗卫生", ago: 18, group: "农工党"},
	{state: lvzhi.ProposalAccepted, ago: 14, kind: lvzhi.ProposalJoint},
	{state: lvzhi.ProposalAccepted, ago: 22},
	// 50–65: under review.
	{state: lvzhi.ProposalReview, ago: 3, mine: true},
	{state: lvzhi.ProposalReview, ago: 6, kind: lvzhi.ProposalJoint},
	{state: lvzhi.ProposalReview, on: "医疗卫生", ago: 5, group: "医药卫生界"},
	{state: lvzhi.ProposalReview, ago: 1},
	{state: lvzhi.ProposalReview, ago: 2},
	{state: lvzhi.ProposalReview, ago: 4},
	{state: lvzhi.ProposalReview, ago: 5},
	{state: lvzhi.ProposalReview, ago: 7},
	{state: lvzhi.ProposalReview, ago: 8},
	{state: lvzhi.ProposalReview, ago: 9},
	{state: lvzhi.ProposalReview, ago: 10},
	{state: lvzhi.ProposalReview, ago: 11},
	{state: lvzhi.ProposalReview, ago: 12},
	{state: lvzhi.ProposalReview, ago: 13},
	{state: lvzhi.ProposalReview, ago: 14},
	{state: lvzhi.ProposalReview, ago: 15},
	// 66–74: the review's other outcomes.
	{state: lvzhi.ProposalReturned, ago: 30},
	{state: lvzhi.ProposalReturned, ago: 12},
	{state: lvzhi.ProposalRejected, ago: 40, reject: 0},
	{state: lvzhi.ProposalRejected, ago: 35, reject: 1},
	{state: lvzhi.ProposalRejected, ago: 28, reject: 2},
	{state: lvzhi.ProposalMerged, ago: 45, into: 17},
	{state: lvzhi.ProposalMerged, ago: 20, into: 46},
	{state: lvzhi.ProposalConverted, ago: 33},
	{state: lvzhi.ProposalWithdrawn, ago: 26},
	// 75–79: not yet submitted.
	{state: lvzhi.ProposalDraft, ago: 2, mine: true},
	{state: lvzhi.ProposalDraft, ago: 4},
	{state: lvzhi.ProposalDraft, ago: 1},
	{state: lvzhi.ProposalCosigning, ago: 3, kind: lvzhi.ProposalJoint, cosign: true},
	{state: lvzhi.ProposalCosigning, ago: 2, kind: lvzhi.ProposalJoint},
}

// assigned reports whether a spec's proposal gets as far as assignment.
func (s spec) assigned() bool {
	switch s.state {
	case lvzhi.ProposalHandling, lvzhi.ProposalReplyReview, lvzhi.ProposalReplied, lvzhi.ProposalClosed:
		return true
	}
	return false
}

// submittedAgo is how many days before today the proposal was submitted (or written).
func (s spec) submittedAgo() int {
	if s.assigned() {
		return s.ago + 8
	}
	return s.ago
}
