package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"lvzhi"
	"lvzhi/register"
)

// ImportProposals writes a session's earlier proposals, read from a register by the register
// package, in one transaction: all of them or, on any problem, none. It is the proposal
// office's work (ActionImport on proposals).
//
// Each row becomes a proposal with its number: closed when the register gives a reply class,
// else accepted. The kind comes from the proposer as written (register.ProposerKind); the
// proposer is kept as written, linked to no member and no group, since a register names people
// and bodies, not records. The handling units and the reply class are kept in the proposal's
// "import" event, the only place the schema has for them. Every proposal is indexed, so search
// and the near-duplicate check cover the history too.
//
// A number already used in the session, or twice in rows, is an error naming the row. The
// session's counter is raised to the highest number imported, so proposals accepted later
// continue after the history. It returns how many proposals were written.
func (s *Store) ImportProposals(ctx context.Context, a lvzhi.Actor, sessionID int64, rows []register.Row) (int, error) {
	settings, err := s.ProposalSettings(ctx, a.CommitteeID)
	if err != nil {
		return 0, err
	}
	written := 0
	err = s.write(ctx, a, "proposal.import", fmt.Sprintf("session:%d", sessionID), func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionImport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
			return err
		}
		var committee int64
		if err := tx.queryRow(ctx, `SELECT committee_id FROM sessions WHERE id = $1`, sessionID).Scan(&committee); err != nil || committee != a.CommitteeID {
			return lvzhi.Invalid(map[string]string{"session_id": "请选择本政协的会议"})
		}
		if len(rows) == 0 {
			return lvzhi.Invalid(map[string]string{"file": "文件中没有提案"})
		}
		used := map[int]string{} // number -> the title of the proposal that has it
		list, err := tx.query(ctx, `SELECT number, title FROM proposals WHERE session_id = $1 AND number > 0`, sessionID)
		if err != nil {
			return err
		}
		for list.Next() {
			var n int
			var title string
			if err := list.Scan(&n, &title); err != nil {
				list.Close()
				return err
			}
			used[n] = title
		}
		list.Close()
		if err := list.Err(); err != nil {
			return err
		}
		inFile := map[int]string{} // number -> where in the file
		maxNumber := 0
		for i, r := range rows {
			where := importRowName(i, r)
			if msg := checkImportRow(r, settings); msg != "" {
				return lvzhi.Errorf(lvzhi.ErrInvalid, "%s:%s", where, msg)
			}
			if first, dup := inFile[r.Number]; dup {
				return lvzhi.Errorf(lvzhi.ErrInvalid, "%s:编号%04d与%s重复", where, r.Number, first)
			}
			inFile[r.Number] = where
			if title, taken := used[r.Number]; taken {
				return lvzhi.Errorf(lvzhi.ErrConflict, "%s:编号%04d在本次会议中已被提案“%s”使用", where, r.Number, title)
			}
			maxNumber = max(maxNumber, r.Number)
		}

		now := s.Now()
		for _, r := range rows {
			p := lvzhi.Proposal{
				CommitteeID: committee, SessionID: sessionID, Number: r.Number, Kind: register.ProposerKind(r.Proposer),
				Title: strings.TrimSpace(r.Title), Category: r.Category, Body: r.Body, State: lvzhi.ProposalAccepted,
				ProposerName: strings.TrimSpace(r.Proposer), Submitted: r.Date,
				HistoryUnits: strings.TrimSpace(r.Units), HistoryClass: r.ReplyClass,
			}
			round := 0
			if r.ReplyClass != "" {
				p.State, round = lvzhi.ProposalClosed, 1
			}
			var submitted any
			if !r.Date.IsZero() {
				submitted = r.Date.UTC()
			}
			p.ID, err = tx.insert(ctx, `INSERT INTO proposals (committee_id, session_id, number, kind, title, category, body, state,
				proposer_id, proposer_name, group_id, round, submitted_at, created_at, updated_at, history_units, history_class)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, NULL, $10, $11, $12, $12, $13, $14)`,
				p.CommitteeID, p.SessionID, p.Number, p.Kind, p.Title, p.Category, p.Body, p.State,
				p.ProposerName, round, submitted, now, p.HistoryUnits, p.HistoryClass)
			if err != nil {
				return err
			}
			if err := tx.indexProposal(ctx, p); err != nil {
				return err
			}
			note := "历史提案导入"
			if u := strings.TrimSpace(r.Units); u != "" {
				note += ";承办单位:" + u
			}
			if r.ReplyClass != "" {
				note += ";答复类别:" + r.ReplyClass + "类"
			}
			if err := tx.event(ctx, a, committee, lvzhi.KindProposal, p.ID, "import", "", p.State, note); err != nil {
				return err
			}
			written++
		}

		// Later accepts take last + 1: raise the counter past the history, never lower it.
		if _, err := tx.exec(ctx, `INSERT INTO proposal_numbers (session_id, last) VALUES ($1, 0) ON CONFLICT (session_id) DO NOTHING`, sessionID); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE proposal_numbers SET last = $1 WHERE session_id = $2 AND last < $1`, maxNumber, sessionID)
		return err
	})
	if err != nil {
		return 0, err
	}
	return written, nil
}

// importRowName names a row in an error: its line in the file when the parser gave one.
func importRowName(i int, r register.Row) string {
	if r.Line > 0 {
		return fmt.Sprintf("第%d行", r.Line)
	}
	return fmt.Sprintf("第%d条", i+1)
}

// checkImportRow checks again what the parser checked, against the committee's settings:
// the store does not trust its callers to have used the parser. lvzhi.Proposal.Validate does
// not fit history (it asks for a proposer or group record and 50 characters of body).
func checkImportRow(r register.Row, settings lvzhi.ProposalSettings) string {
	title := strings.TrimSpace(r.Title)
	switch {
	case r.Number <= 0:
		return "编号应为正整数"
	case title == "":
		return "请填写案由"
	case utf8.RuneCountInString(title) > 100:
		return "案由不能超过100个字"
	case strings.TrimSpace(r.Proposer) == "":
		return "请填写提案人"
	case utf8.RuneCountInString(r.Proposer) > 100:
		return "提案人不能超过100个字"
	case !slices.Contains(settings.Categories, r.Category):
		return "分类“" + r.Category + "”不在本政协的提案分类中"
	case utf8.RuneCountInString(r.Body) > 20000:
		return "内容不能超过20000字"
	}
	if r.ReplyClass != "" {
		if _, ok := settings.ReplyClasses[r.ReplyClass]; !ok {
			return "答复类别“" + r.ReplyClass + "”不在本政协的答复类别中"
		}
	}
	return ""
}
