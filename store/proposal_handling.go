package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// groupDuringSession refuses a group proposal of a sector or activity group between sessions:
// those groups propose only during a plenary session.
func groupDuringSession(ctx context.Context, st *proposalStep) error {
	if st.p.Kind != lvzhi.ProposalGroup || !st.p.Between || st.p.GroupID == 0 {
		return nil
	}
	var kind string
	if err := st.tx.queryRow(ctx, `SELECT kind FROM org_units WHERE id = $1`, st.p.GroupID).Scan(&kind); err != nil {
		return err
	}
	if kind == string(lvzhi.OrgSector) || kind == string(lvzhi.OrgActivityGroup) {
		return lvzhi.Invalid(map[string]string{"group_id": "界别、委员活动小组的集体提案只能在全体会议期间提出"})
	}
	return nil
}

// stepInvite asks members to co-sign a joint proposal before a deadline.
func stepInvite(ctx context.Context, st *proposalStep) error {
	if st.p.Kind != lvzhi.ProposalJoint {
		return lvzhi.Errorf(lvzhi.ErrConflict, "只有联名提案需要征集联名。")
	}
	if err := st.p.Validate(true, st.settings); err != nil {
		return err
	}
	f := map[string]string{}
	if len(st.in.Cosigners) == 0 {
		f["cosigners"] = "请选择附议人"
	}
	if !st.in.CosignDeadline.After(st.now) {
		f["cosign_deadline"] = "确认截止时间应晚于现在"
	}
	if err := lvzhi.Invalid(f); err != nil {
		return err
	}
	for _, m := range st.in.Cosigners {
		var committee int64
		if err := st.tx.queryRow(ctx, `SELECT committee_id FROM members WHERE id = $1 AND state = 'serving'`, m).Scan(&committee); err != nil ||
			committee != st.p.CommitteeID || m == st.p.ProposerID {
			return lvzhi.Invalid(map[string]string{"cosigners": "附议人应为本政协的其他在任委员"})
		}
		if err := st.exec(ctx, `INSERT INTO proposal_cosigners (proposal_id, member_id, state) VALUES ($1, $2, 'invited')
			ON CONFLICT (proposal_id, member_id) DO NOTHING`, st.p.ID, m); err != nil {
			return err
		}
	}
	st.detail = "邀请" + strconv.Itoa(len(st.in.Cosigners)) + "位委员联名,截止" + proposalDate(st.in.CosignDeadline.In(lvzhi.China))
	return st.exec(ctx, `UPDATE proposals SET cosign_deadline = $1 WHERE id = $2`, st.in.CosignDeadline, st.p.ID)
}

// stepFinishCosign ends the co-signing: those who have not confirmed drop off. At least one
// co-signer must have confirmed, or the proposal is not a joint one.
func stepFinishCosign(ctx context.Context, st *proposalStep) error {
	n, err := st.tx.count(ctx, `SELECT COUNT(*) FROM proposal_cosigners WHERE proposal_id = $1 AND state = 'confirmed'`, st.p.ID)
	if err != nil {
		return err
	}
	if n == 0 {
		return lvzhi.Errorf(lvzhi.ErrConflict, "还没有附议人确认联名,不能结束征集。")
	}
	if err := st.exec(ctx, `UPDATE proposal_cosigners SET state = 'dropped' WHERE proposal_id = $1 AND state = 'invited'`, st.p.ID); err != nil {
		return err
	}
	st.detail = strconv.Itoa(n) + "位附议人已确认"
	return st.exec(ctx, `UPDATE proposals SET submitted_at = $1 WHERE id = $2`, st.now, st.p.ID)
}

// stepAssign sends the proposal to its handling units: one lead unit, maybe joint and
// assisting ones. The reply is due by the committee's rule; a new assignment (after a unit
// sent it back) replaces the old one.
func stepAssign(ctx context.Context, st *proposalStep) error {
	lead := 0
	seen := map[int64]bool{}
	for _, u := range st.in.Units {
		if seen[u.UnitID] {
			return lvzhi.Invalid(map[string]string{"units": "同一承办单位只能选择一次"})
		}
		seen[u.UnitID] = true
		if _, ok := lvzhi.UnitRoleLabel[u.Role]; !ok {
			return lvzhi.Invalid(map[string]string{"units": "承办方式应为主办、会办或协办"})
		}
		if u.Role == lvzhi.UnitLead {
			lead++
		}
	}
	if lead != 1 {
		return lvzhi.Invalid(map[string]string{"units": "请指定一个主办单位"})
	}
	if _, ok := lvzhi.HandlingModeLabel[st.in.Mode]; !ok {
		return lvzhi.Invalid(map[string]string{"mode": "请选择办理方式:单办、分办或会办"})
	}
	if err := st.exec(ctx, `DELETE FROM proposal_units WHERE proposal_id = $1`, st.p.ID); err != nil {
		return err
	}
	var names []string
	for _, u := range st.in.Units {
		var committee int64
		var kind, name string
		if err := st.tx.queryRow(ctx, `SELECT committee_id, kind, name FROM org_units WHERE id = $1`, u.UnitID).Scan(&committee, &kind, &name); err != nil ||
			committee != st.p.CommitteeID || kind != string(lvzhi.OrgHandlingUnit) {
			return lvzhi.Invalid(map[string]string{"units": "请选择本政协的承办单位"})
		}
		if err := st.exec(ctx, `INSERT INTO proposal_units (proposal_id, unit_id, role, assigned_at) VALUES ($1, $2, $3, $4)`,
			st.p.ID, u.UnitID, u.Role, st.now); err != nil {
			return mapErr(err)
		}
		names = append(names, name+"("+lvzhi.UnitRoleLabel[u.Role]+")")
	}
	deadline := st.settings.HandlingDeadline(st.now, st.p.Between)
	round := max(st.p.Round, 1)
	st.detail = "交" + strings.Join(names, "、") + lvzhi.HandlingModeLabel[st.in.Mode] + ",限" + proposalDate(deadline.In(lvzhi.China)) + "前答复"
	return st.exec(ctx, `UPDATE proposals SET mode = $1, assigned_at = $2, first_deadline = $3, deadline = $3, round = $4 WHERE id = $5`,
		st.in.Mode, st.now, deadline, round, st.p.ID)
}

// stepSendBack lets a unit return a wrongly assigned proposal within the allowed days.
func stepSendBack(ctx context.Context, st *proposalStep) error {
	if err := st.needNote("退回的理由"); err != nil {
		return err
	}
	if st.now.Sub(st.p.AssignedAt) > time.Duration(st.settings.SendBackDays)*24*time.Hour {
		return lvzhi.Errorf(lvzhi.ErrConflict, "交办已超过%d天,不能退回;请与提案委员会办公室联系。", st.settings.SendBackDays)
	}
	return st.exec(ctx, `UPDATE proposal_units SET sent_back_reason = $1 WHERE proposal_id = $2 AND unit_id = $3`,
		st.in.Note, st.p.ID, st.a.UnitID)
}

// stepRequestExtension records a unit's request for more time, within the total allowed.
func stepRequestExtension(ctx context.Context, st *proposalStep) error {
	if err := st.needNote("延期的理由"); err != nil {
		return err
	}
	var first time.Time
	if err := st.tx.queryRow(ctx, `SELECT first_deadline FROM proposals WHERE id = $1`, st.p.ID).Scan(&first); err != nil {
		return err
	}
	if !st.in.Until.After(st.p.Deadline) || !st.settings.CanExtend(first, st.in.Until) {
		return lvzhi.Invalid(map[string]string{"until": "延期后的期限应晚于现期限,且累计延期不超过" + strconv.Itoa(st.settings.MaxExtensionDays) + "天"})
	}
	st.detail = "申请延期至" + proposalDate(st.in.Until.In(lvzhi.China))
	return st.exec(ctx, `INSERT INTO proposal_extensions (proposal_id, unit_id, until_date, reason, state, created_at)
		VALUES ($1, $2, $3, $4, 'pending', $5)`, st.p.ID, st.a.UnitID, st.in.Until, st.in.Note, st.now)
}

// stepDecideExtension approves (moving the deadline) or refuses a pending extension.
func stepDecideExtension(ctx context.Context, st *proposalStep) error {
	var until time.Time
	err := st.tx.queryRow(ctx, `SELECT until_date FROM proposal_extensions WHERE id = $1 AND proposal_id = $2 AND state = 'pending'`,
		st.in.ExtensionID, st.p.ID).Scan(&until)
	if err != nil {
		return lvzhi.Invalid(map[string]string{"extension_id": "没有待审批的延期申请"})
	}
	state := "refused"
	st.detail = "不同意延期"
	if st.action == "approve_extension" {
		state = "approved"
		st.detail = "同意延期至" + proposalDate(until.In(lvzhi.China))
		if err := st.exec(ctx, `UPDATE proposals SET deadline = $1 WHERE id = $2`, until, st.p.ID); err != nil {
			return err
		}
	}
	return st.exec(ctx, `UPDATE proposal_extensions SET state = $1 WHERE id = $2`, state, st.in.ExtensionID)
}

// stepContact logs a unit's contact with the proposer.
func stepContact(ctx context.Context, st *proposalStep) error {
	way, ok := lvzhi.ContactWays[st.in.Way]
	f := map[string]string{}
	if !ok {
		f["way"] = "请选择沟通方式:走访、电话或座谈"
	}
	if _, err := time.Parse("2006-01-02", st.in.OnDate); err != nil {
		f["on_date"] = "日期格式应为2024-05-27"
	}
	if strings.TrimSpace(st.in.Note) == "" {
		f["note"] = "请填写沟通情况"
	}
	if err := lvzhi.Invalid(f); err != nil {
		return err
	}
	st.detail = st.in.OnDate + way
	return st.exec(ctx, `INSERT INTO proposal_contacts (proposal_id, unit_id, way, on_date, note, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		st.p.ID, st.a.UnitID, st.in.Way, st.in.OnDate, st.in.Note, st.now)
}

// stepReply records the lead unit's reply for the staff to check.
func stepReply(ctx context.Context, st *proposalStep) error {
	f := map[string]string{}
	if _, ok := st.settings.ReplyClasses[st.in.Class]; !ok {
		f["class"] = "请选择答复类别"
	}
	if len([]rune(strings.TrimSpace(st.in.Body))) < 20 {
		f["body"] = "请填写答复内容(至少20字)"
	}
	if err := lvzhi.Invalid(f); err != nil {
		return err
	}
	var role string
	if err := st.tx.queryRow(ctx, `SELECT role FROM proposal_units WHERE proposal_id = $1 AND unit_id = $2`, st.p.ID, st.a.UnitID).Scan(&role); err != nil || role != lvzhi.UnitLead {
		return lvzhi.Errorf(lvzhi.ErrForbidden, "答复由主办单位提交;会办、协办单位请将意见送主办单位。")
	}
	st.detail = st.in.Class + "类答复"
	// A new reply needs new co-signatures of the joint units.
	if err := st.exec(ctx, `UPDATE proposal_units SET cosigned_at = NULL WHERE proposal_id = $1`, st.p.ID); err != nil {
		return err
	}
	return st.exec(ctx, `INSERT INTO proposal_replies (proposal_id, round, unit_id, class, body, state, created_at) VALUES ($1, $2, $3, $4, $5, 'submitted', $6)`,
		st.p.ID, max(st.p.Round, 1), st.a.UnitID, st.in.Class, st.in.Body, st.now)
}

// stepCosignReply records a joint unit's co-signature (会签) of the lead unit's reply.
func stepCosignReply(ctx context.Context, st *proposalStep) error {
	res, err := st.tx.exec(ctx, `UPDATE proposal_units SET cosigned_at = $1 WHERE proposal_id = $2 AND unit_id = $3 AND role = 'joint'`,
		st.now, st.p.ID, st.a.UnitID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return lvzhi.Errorf(lvzhi.ErrForbidden, "只有会办单位需要会签答复。")
	}
	return nil
}

// stepDecideReply is the staff's check of a submitted reply. Under joint handling (会办) every
// joint unit must have co-signed the reply before it is approved.
func stepDecideReply(ctx context.Context, st *proposalStep) error {
	state := "approved"
	if st.to == lvzhi.ProposalReplied && st.p.Mode == "joint" {
		n, err := st.tx.count(ctx, `SELECT COUNT(*) FROM proposal_units WHERE proposal_id = $1 AND role = 'joint'
			AND sent_back_reason = '' AND cosigned_at IS NULL`, st.p.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			return lvzhi.Errorf(lvzhi.ErrConflict, "会办提案还有%d个会办单位未会签答复,不能审核通过。", n)
		}
	}
	if st.to == lvzhi.ProposalHandling {
		state = "rejected"
		if err := st.needNote("退回答复的意见"); err != nil {
			return err
		}
	}
	return st.exec(ctx, `UPDATE proposal_replies SET state = $1 WHERE proposal_id = $2 AND round = $3 AND state = 'submitted'`,
		state, st.p.ID, max(st.p.Round, 1))
}

// stepEvaluate records the proposer's rating; a dissatisfied one reopens handling while the
// committee allows another round, with a new deadline.
func stepEvaluate(ctx context.Context, st *proposalStep) error {
	label, ok := lvzhi.EvaluationLabel[st.in.Result]
	if !ok {
		return lvzhi.Invalid(map[string]string{"result": "请选择满意、基本满意或不满意"})
	}
	if st.in.Result == lvzhi.Dissatisfied && strings.TrimSpace(st.in.Note) == "" {
		return lvzhi.Invalid(map[string]string{"note": "不满意时请写明意见,以便重新办理"})
	}
	if err := st.exec(ctx, `INSERT INTO proposal_evaluations (proposal_id, round, member_id, result, comment, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		st.p.ID, max(st.p.Round, 1), st.a.MemberID, st.in.Result, st.in.Note, st.now); err != nil {
		return err
	}
	st.detail = label
	st.to = st.settings.AfterEvaluation(st.in.Result, max(st.p.Round, 1))
	if st.to == lvzhi.ProposalHandling {
		deadline := st.settings.HandlingDeadline(st.now, true)
		st.detail += ",重新办理,限" + proposalDate(deadline.In(lvzhi.China)) + "前答复"
		return st.exec(ctx, `UPDATE proposals SET round = round + 1, deadline = $1, first_deadline = $1 WHERE id = $2`, deadline, st.p.ID)
	}
	return nil
}

// RespondCosign records an invited member's answer to a joint proposal: confirm or decline,
// before the co-sign deadline.
func (s *Store) RespondCosign(ctx context.Context, a lvzhi.Actor, id int64, confirm bool) error {
	action := "proposal.cosign_decline"
	if confirm {
		action = "proposal.cosign_confirm"
	}
	return s.write(ctx, a, action, object(lvzhi.KindProposal, id), func(tx *Tx) error {
		p, err := tx.proposal(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, p.Target()); err != nil {
			return err
		}
		n, err := tx.count(ctx, `SELECT COUNT(*) FROM proposal_cosigners WHERE proposal_id = $1 AND member_id = $2 AND state = 'invited'`, id, a.MemberID)
		if err != nil {
			return err
		}
		switch {
		case n == 0:
			return lvzhi.Errorf(lvzhi.ErrForbidden, "您没有收到该提案的联名邀请,或已经答复。")
		case p.State != lvzhi.ProposalCosigning:
			return lvzhi.Errorf(lvzhi.ErrConflict, "提案当前状态为“%s”,联名征集已结束。", lvzhi.ProposalWorkflow.StateLabel[p.State])
		case s.Now().After(p.CosignDeadline):
			return lvzhi.Errorf(lvzhi.ErrConflict, "联名确认已于%s截止。", proposalDate(p.CosignDeadline.In(lvzhi.China)))
		}
		state, note := "declined", "谢绝联名"
		if confirm {
			state, note = "confirmed", "确认联名"
		}
		if _, err := tx.exec(ctx, `UPDATE proposal_cosigners SET state = $1, responded_at = $2 WHERE proposal_id = $3 AND member_id = $4`,
			state, s.Now(), id, a.MemberID); err != nil {
			return err
		}
		return tx.event(ctx, a, p.CommitteeID, lvzhi.KindProposal, id, "cosign", p.State, p.State, note)
	})
}
