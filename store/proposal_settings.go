package store

import (
	"context"

	"lvzhi"
)

// ProposalSettings returns a committee's proposal rules (categories, reply classes, deadlines),
// the defaults until the office saves its own. They are not secret: forms show them.
func (s *Store) ProposalSettings(ctx context.Context, committeeID int64) (lvzhi.ProposalSettings, error) {
	// Fields the office never saved keep their defaults; a saved list or map replaces the
	// default whole (decoding into the default map would bring back a removed reply class).
	out := lvzhi.DefaultProposalSettings()
	out.Categories, out.ReplyClasses, out.ReminderDays = nil, nil, nil
	if _, err := s.readSetting(ctx, committeeSetting("proposals", committeeID), &out); err != nil {
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
	key := committeeSetting("proposals", a.CommitteeID)
	return s.write(ctx, a, "proposal.settings", key, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionImport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
			return err // the proposal office: those who may import the committee's proposals
		}
		return tx.putSetting(ctx, key, p)
	})
}
