package store

import (
	"context"

	"lvzhi"
)

// recordTarget returns the permission target of a record of any kind that other records hang
// on — instructions (批示) and attachments are attached to proposals, opinion reports, requests,
// activities and their outcomes. Whoever may read the record may read what hangs on it, so
// this is the one place that knows how to find each kind's committee and owners. A module
// that adds a kind others can attach to adds its case here.
func (t *Tx) recordTarget(ctx context.Context, a lvzhi.Actor, kind lvzhi.Kind, id int64) (lvzhi.Target, error) {
	switch kind {
	case lvzhi.KindProposal:
		p, err := t.proposal(ctx, id)
		if err != nil {
			return lvzhi.Target{}, err
		}
		return t.proposalTarget(ctx, a, p)
	case lvzhi.KindOpinion: // a report's authors, the office and leaders (store/opinion.go)
		return t.opinionRecordTarget(ctx, a, id)
	case lvzhi.KindRequest:
		r, err := t.request(ctx, id)
		if err != nil {
			return lvzhi.Target{}, err
		}
		return r.Target(), nil
	case lvzhi.KindActivity: // documents and agenda: staff, leaders and the participants
		x, err := t.activity(ctx, id)
		if err != nil {
			return lvzhi.Target{}, err
		}
		return t.activityTarget(ctx, a, x)
	case lvzhi.KindOutcome: // minutes and recommendations: instructions hang on these
		o, err := t.outcome(ctx, id)
		if err != nil {
			return lvzhi.Target{}, err
		}
		return o.Target(), nil
	case lvzhi.KindResearchTopic: // the final report's attachments and instructions
		r, err := t.researchTopic(ctx, id)
		if err != nil {
			return lvzhi.Target{}, err
		}
		return r.Target(), nil
	case lvzhi.KindSpeech: // a speech's text as filed
		sp, err := t.speech(ctx, id)
		if err != nil {
			return lvzhi.Target{}, err
		}
		return sp.Target(), nil
	}
	return lvzhi.Target{}, lvzhi.Errorf(lvzhi.ErrInvalid, "“%s”类记录不能附加批示或附件。", kind)
}

// recordTitle names a record in lists of what hangs on it (an instruction's list row). A
// module that adds a case to recordTarget adds its title here; a kind without one is shown
// by its kind alone.
func (t *Tx) recordTitle(ctx context.Context, kind lvzhi.Kind, id int64) (string, error) {
	var q string
	switch kind {
	case lvzhi.KindProposal:
		q = `SELECT title FROM proposals WHERE id = $1`
	case lvzhi.KindOpinion:
		q = `SELECT title FROM opinions WHERE id = $1`
	case lvzhi.KindRequest:
		q = `SELECT subject FROM requests WHERE id = $1`
	case lvzhi.KindActivity:
		q = `SELECT title FROM activities WHERE id = $1`
	case lvzhi.KindOutcome:
		q = `SELECT title FROM outcomes WHERE id = $1`
	case lvzhi.KindResearchTopic:
		q = `SELECT title FROM research_topics WHERE id = $1`
	case lvzhi.KindSpeech:
		q = `SELECT title FROM speeches WHERE id = $1`
	default:
		return "", nil
	}
	var title string
	err := t.queryRow(ctx, q, id).Scan(&title)
	return title, notFound(err, "该记录")
}

// authorizeRecord checks that a may do act on the record and returns its target. Reading also
// keeps the rule that an unsubmitted proposal is seen only by its proposer, the members asked
// to co-sign and the office: what hangs on a draft is as hidden as the draft. A proposer
// changes a proposal's attachments only while it may change its text.
func (t *Tx) authorizeRecord(ctx context.Context, a lvzhi.Actor, act lvzhi.Action, kind lvzhi.Kind, id int64) (lvzhi.Target, error) {
	tg, err := t.recordTarget(ctx, a, kind, id)
	if err != nil {
		return tg, err
	}
	if err := lvzhi.Authorize(a, act, tg); err != nil {
		return tg, err
	}
	if kind == lvzhi.KindProposal && act == lvzhi.ActionUpdate && !a.System && !a.Has(lvzhi.RoleStaff) {
		// What the office reviewed does not change under it: the proposer changes the
		// attachments only while the proposal is still being written, as its text.
		var state string
		if err := t.queryRow(ctx, `SELECT state FROM proposals WHERE id = $1`, id).Scan(&state); err != nil {
			return tg, notFound(err, "该提案")
		}
		if state != lvzhi.ProposalDraft && state != lvzhi.ProposalReturned {
			return tg, lvzhi.Errorf(lvzhi.ErrConflict, "提案当前状态为“%s”,不能修改附件。", lvzhi.ProposalWorkflow.StateLabel[state])
		}
	}
	if kind == lvzhi.KindProposal && !a.System && !a.Has(lvzhi.RoleStaff) {
		n, err := t.count(ctx, `SELECT COUNT(*) FROM proposals p WHERE p.id = $1 AND p.state IN ($2, $3)
			AND COALESCE(p.proposer_id, 0) <> $4
			AND NOT EXISTS (SELECT 1 FROM proposal_cosigners c WHERE c.proposal_id = p.id AND c.member_id = $4)`,
			id, lvzhi.ProposalDraft, lvzhi.ProposalCosigning, a.MemberID)
		if err != nil {
			return tg, err
		}
		if n > 0 {
			return tg, lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该提案,可能已被删除。")
		}
	}
	return tg, nil
}
