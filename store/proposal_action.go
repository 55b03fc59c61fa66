package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lvzhi"
)

// ActProposal applies one action to a proposal: it checks the action is allowed in the
// proposal's state (the transition table) and to this actor (the grants table), does what
// the action records, moves the state and writes the event — all in one transaction.
func (s *Store) ActProposal(ctx context.Context, a lvzhi.Actor, id int64, action string, in lvzhi.ProposalActionInput) (lvzhi.Proposal, error) {
	var p lvzhi.Proposal
	// Read before the write: a query on a second pooled connection inside the transaction
	// would wait for a connection that the queued writers hold.
	settings, err := s.ProposalSettings(ctx, a.CommitteeID)
	if err != nil {
		return p, err
	}
	err = s.write(ctx, a, "proposal."+action, object(lvzhi.KindProposal, id), func(tx *Tx) error {
		var err error
		if p, err = tx.proposal(ctx, id); err != nil {
			return err
		}
		tg, err := tx.proposalTarget(ctx, a, p)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.Action(action), tg); err != nil {
			return err
		}
		to := p.State
		if !recordOnly[action] {
			if to, err = lvzhi.ProposalWorkflow.Next(p.State, action); err != nil {
				return err
			}
		}
		step := proposalStep{tx: tx, a: a, p: &p, action: action, in: in, settings: settings, to: to, now: s.Now()}
		do, ok := proposalSteps[action]
		if !ok {
			return lvzhi.Errorf(lvzhi.ErrInvalid, "没有名为“%s”的提案操作。", action)
		}
		if err := do(ctx, &step); err != nil {
			return err
		}
		from := p.State
		p.State = step.to
		if _, err := tx.exec(ctx, `UPDATE proposals SET state = $1, updated_at = $2 WHERE id = $3`, p.State, step.now, p.ID); err != nil {
			return err
		}
		return tx.event(ctx, a, p.CommitteeID, lvzhi.KindProposal, p.ID, action, from, p.State, step.note())
	})
	if err != nil {
		return lvzhi.Proposal{}, err
	}
	// The proposal as it now stands; a unit that sent it back may no longer read it, and
	// gets the record as its own action left it.
	if now, err := s.Proposal(ctx, a, id); err == nil {
		return now, nil
	}
	return p, nil
}

// recordOnly are the actions that record something about a proposal without a transition.
var recordOnly = map[string]bool{"publish": true, "mark_key": true, "supervise": true, "excellent": true}

// proposalStep is one action under way: what it works on and what its event will say.
type proposalStep struct {
	tx       *Tx
	a        lvzhi.Actor
	p        *lvzhi.Proposal
	action   string
	in       lvzhi.ProposalActionInput
	settings lvzhi.ProposalSettings
	to       string
	now      time.Time
	detail   string // added to the event's note: the number given, the units assigned …
}

func (st *proposalStep) note() string {
	return strings.TrimSpace(strings.TrimSpace(st.detail) + " " + strings.TrimSpace(st.in.Note))
}

func (st *proposalStep) exec(ctx context.Context, q string, args ...any) error {
	_, err := st.tx.exec(ctx, q, args...)
	return err
}

// needNote refuses an action whose reason the record must keep.
func (st *proposalStep) needNote(what string) error {
	if strings.TrimSpace(st.in.Note) == "" {
		return lvzhi.Invalid(map[string]string{"note": "请填写" + what})
	}
	return nil
}

// proposalSteps says what each action does besides moving the state.
var proposalSteps = map[string]func(context.Context, *proposalStep) error{
	"submit":        stepSubmit,
	"resubmit":      stepSubmit,
	"invite":        stepInvite,
	"finish_cosign": stepFinishCosign,
	"return":        func(ctx context.Context, st *proposalStep) error { return st.needNote("退回修改的意见") },
	"withdraw": func(ctx context.Context, st *proposalStep) error {
		return st.needNote("撤案的理由(已与提案人沟通)")
	},
	"accept":            stepAccept,
	"reject":            stepReject,
	"merge":             stepMerge,
	"convert":           stepConvert,
	"assign":            stepAssign,
	"send_back":         stepSendBack,
	"request_extension": stepRequestExtension,
	"approve_extension": stepDecideExtension,
	"refuse_extension":  stepDecideExtension,
	"contact":           stepContact,
	"reply":             stepReply,
	"approve_reply":     stepDecideReply,
	"cosign_reply":      stepCosignReply,
	"reject_reply":      stepDecideReply,
	"evaluate":          stepEvaluate,
	"close":             func(ctx context.Context, st *proposalStep) error { return st.needNote("办结说明") },
	"publish":           stepPublish,
	"mark_key":          stepMarkKey,
	"excellent":         stepExcellent,
	"supervise":         func(ctx context.Context, st *proposalStep) error { return st.needNote("督办情况") },
}

func stepSubmit(ctx context.Context, st *proposalStep) error {
	if st.p.Kind == lvzhi.ProposalJoint && st.p.State == lvzhi.ProposalDraft {
		return lvzhi.Errorf(lvzhi.ErrConflict, "联名提案须先征集联名(“征集联名”),附议人确认后再提交。")
	}
	if err := st.p.Validate(true, st.settings); err != nil {
		return err
	}
	if err := groupDuringSession(ctx, st); err != nil {
		return err
	}
	if err := inSubmissionWindow(ctx, st); err != nil {
		return err
	}
	return st.exec(ctx, `UPDATE proposals SET submitted_at = $1 WHERE id = $2`, st.now, st.p.ID)
}

// stepAccept files the proposal and gives it the next number of its session. The counter row
// is updated inside this transaction, so concurrent accepts queue on it and numbers have no
// gaps and no repeats; a rolled-back accept gives its number back.
func stepAccept(ctx context.Context, st *proposalStep) error {
	if err := st.exec(ctx, `INSERT INTO proposal_numbers (session_id, last) VALUES ($1, 0) ON CONFLICT (session_id) DO NOTHING`, st.p.SessionID); err != nil {
		return err
	}
	var n int
	if err := st.tx.queryRow(ctx, `UPDATE proposal_numbers SET last = last + 1 WHERE session_id = $1 RETURNING last`, st.p.SessionID).Scan(&n); err != nil {
		return err
	}
	st.p.Number = n
	st.detail = "编号" + st.p.NumberLabel()
	return st.exec(ctx, `UPDATE proposals SET number = $1 WHERE id = $2`, n, st.p.ID)
}

func stepReject(ctx context.Context, st *proposalStep) error {
	if len(st.in.Reasons) == 0 {
		return lvzhi.Invalid(map[string]string{"reasons": "请选择不予立案的理由"})
	}
	var labels []string
	for _, r := range st.in.Reasons {
		l := lvzhi.RejectReasonLabel(r)
		if l == "" {
			return lvzhi.Invalid(map[string]string{"reasons": "未知的不予立案理由:" + r})
		}
		labels = append(labels, l)
	}
	st.detail = "理由:" + strings.Join(labels, ";")
	return st.exec(ctx, `UPDATE proposals SET reject_reasons = $1 WHERE id = $2`, strings.Join(st.in.Reasons, ","), st.p.ID)
}

func stepMerge(ctx context.Context, st *proposalStep) error {
	if st.in.MergeInto == 0 || st.in.MergeInto == st.p.ID {
		return lvzhi.Invalid(map[string]string{"merge_into": "请选择并入的主提案"})
	}
	main, err := st.tx.proposal(ctx, st.in.MergeInto)
	if err != nil || main.CommitteeID != st.p.CommitteeID {
		return lvzhi.Invalid(map[string]string{"merge_into": "主提案不存在"})
	}
	if main.State != lvzhi.ProposalReview && main.State != lvzhi.ProposalAccepted && main.State != lvzhi.ProposalHandling {
		return lvzhi.Invalid(map[string]string{"merge_into": "主提案应在审查中、已立案或办理中,当前为“" + lvzhi.ProposalWorkflow.StateLabel[main.State] + "”"})
	}
	st.detail = "并入提案“" + main.Title + "”"
	return st.exec(ctx, `UPDATE proposals SET merged_into = $1 WHERE id = $2`, main.ID, st.p.ID)
}

func stepConvert(ctx context.Context, st *proposalStep) error {
	label, ok := lvzhi.ConvertTargets[st.in.ConvertTo]
	if !ok {
		return lvzhi.Invalid(map[string]string{"convert_to": "请选择转为社情民意信息或委员来信"})
	}
	st.detail = "转为" + label
	if st.in.ConvertTo == "opinion" { // the report it becomes, in this transaction (store/opinion_detail.go)
		if _, err := st.tx.opinionFromProposal(ctx, st.a, *st.p, st.now); err != nil {
			return err
		}
	}
	return st.exec(ctx, `UPDATE proposals SET converted_to = $1 WHERE id = $2`, st.in.ConvertTo, st.p.ID)
}

func stepPublish(ctx context.Context, st *proposalStep) error {
	if !st.p.PublishConsent {
		return lvzhi.Errorf(lvzhi.ErrConflict, "提案人不同意公开,不能公开。")
	}
	if st.p.State != lvzhi.ProposalReplied && st.p.State != lvzhi.ProposalClosed {
		return lvzhi.Errorf(lvzhi.ErrConflict, "提案当前状态为“%s”,答复后才能公开。", lvzhi.ProposalWorkflow.StateLabel[st.p.State])
	}
	st.p.Published = true
	return st.exec(ctx, `UPDATE proposals SET published = TRUE WHERE id = $1`, st.p.ID)
}

func stepMarkKey(ctx context.Context, st *proposalStep) error {
	if st.p.Number == 0 {
		return lvzhi.Errorf(lvzhi.ErrConflict, "提案立案后才能确定为重点提案。")
	}
	if st.in.Key && st.in.SupervisorID == 0 {
		return lvzhi.Invalid(map[string]string{"supervisor_id": "请选择督办领导"})
	}
	if st.in.Key {
		var committee int64
		if err := st.tx.queryRow(ctx, `SELECT committee_id FROM users WHERE id = $1 AND id IN (SELECT user_id FROM user_roles WHERE role = 'leader')`,
			st.in.SupervisorID).Scan(&committee); err != nil || committee != st.p.CommitteeID {
			return lvzhi.Invalid(map[string]string{"supervisor_id": "督办领导应为本政协的领导账号"})
		}
		st.detail = "确定为重点提案"
	} else {
		st.detail = "取消重点提案"
	}
	st.p.Key = st.in.Key
	return st.exec(ctx, `UPDATE proposals SET is_key = $1, supervisor_id = $2 WHERE id = $3`, st.in.Key, nullID(st.in.SupervisorID), st.p.ID)
}

// proposalDate formats a date for an event note.
func proposalDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// stepExcellent marks a proposal excellent (优秀提案), chosen at the end of a term year from
// proposals that were filed; done again it takes the mark away.
func stepExcellent(ctx context.Context, st *proposalStep) error {
	if st.p.Number == 0 {
		return lvzhi.Errorf(lvzhi.ErrConflict, "提案立案后才能评为优秀提案。")
	}
	st.p.Excellent = !st.p.Excellent
	st.detail = "评为优秀提案"
	if !st.p.Excellent {
		st.detail = "取消优秀提案"
	}
	return st.exec(ctx, `UPDATE proposals SET excellent = $1 WHERE id = $2`, st.p.Excellent, st.p.ID)
}

// inSubmissionWindow refuses a session proposal outside its session's submission window; a
// between-session proposal may come at any time.
func inSubmissionWindow(ctx context.Context, st *proposalStep) error {
	if st.p.Between {
		return nil
	}
	var from, until string
	if err := st.tx.queryRow(ctx, `SELECT submit_from, submit_until FROM sessions WHERE id = $1`, st.p.SessionID).Scan(&from, &until); err != nil {
		return err
	}
	var ss lvzhi.Session
	ss.SubmitFrom, _ = time.Parse("2006-01-02", from)
	ss.SubmitUntil, _ = time.Parse("2006-01-02", until)
	if ss.Accepts(st.now) {
		return nil
	}
	return lvzhi.Invalid(map[string]string{"session_id": fmt.Sprintf("本次会议提案的提交时间为%s至%s,现在不在此期间;闭会期间的提案请勾选“闭会期间提案”。",
		orAny(from), orAny(until))})
}

func orAny(date string) string {
	if date == "" {
		return "不限"
	}
	return date
}
