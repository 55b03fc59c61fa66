package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"lvzhi"
)

// ProposalSettings returns a committee's proposal rules (categories, reply classes, deadlines),
// the defaults until the office saves its own. They are not secret: forms show them.
func (s *Store) ProposalSettings(ctx context.Context, committeeID int64) (lvzhi.ProposalSettings, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT value FROM settings WHERE key = $1`), proposalSettingsKey(committeeID)).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return lvzhi.DefaultProposalSettings(), nil
	} else if err != nil {
		return lvzhi.ProposalSettings{}, err
	}
	// Fields the office never saved keep their defaults; a saved list or map replaces the
	// default whole (decoding into the default map would bring back a removed reply class).
	out := lvzhi.DefaultProposalSettings()
	out.Categories, out.ReplyClasses, out.ReminderDays = nil, nil, nil
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return out, err
	}
	def := lvzhi.DefaultProposalSettings()
	if out.Categories == nil {
		out.Categories = def.Categories
	}
	if out.ReplyClasses == nil {
		out.ReplyClasses = def.ReplyClasses
	}
	if out.ReminderDays == nil {
		out.ReminderDays = def.ReminderDays
	}
	return out, nil
}

// SetProposalSettings saves a committee's proposal rules; the proposal office's job.
func (s *Store) SetProposalSettings(ctx context.Context, a lvzhi.Actor, p lvzhi.ProposalSettings) error {
	if len(p.Categories) == 0 || p.HandlingMonths < 1 || p.MaxExtensionDays < 0 || p.RehandlingRounds < 0 || len(p.ReplyClasses) == 0 {
		return lvzhi.Invalid(map[string]string{"settings": "请至少设置一个分类和一个答复类别,办理期限至少1个月"})
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	key := proposalSettingsKey(a.CommitteeID)
	return s.write(ctx, a, "proposal.settings", key, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionImport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
			return err // the proposal office: those who may import the committee's proposals
		}
		if _, err := tx.exec(ctx, `DELETE FROM settings WHERE key = $1`, key); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)`, key, string(raw))
		return err
	})
}

func proposalSettingsKey(committeeID int64) string {
	return "proposals:" + strconv.FormatInt(committeeID, 10)
}
