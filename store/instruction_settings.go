package store

import (
	"context"

	"lvzhi"
)

// InstructionSettings returns a committee's ranks of leaders (省委主要领导, 市领导 …), the
// defaults until the office saves its own. They are not secret: forms show them.
func (s *Store) InstructionSettings(ctx context.Context, committeeID int64) (lvzhi.InstructionSettings, error) {
	var out lvzhi.InstructionSettings
	if _, err := s.readSetting(ctx, committeeSetting("instructions", committeeID), &out); err != nil {
		return out, err
	}
	if len(out.Ranks) == 0 {
		out = lvzhi.DefaultInstructionSettings()
	}
	return out, nil
}

// SetInstructionSettings saves a committee's ranks; the office's job (those who update
// instructions). Instructions already recorded keep the rank they were given.
func (s *Store) SetInstructionSettings(ctx context.Context, a lvzhi.Actor, set lvzhi.InstructionSettings) error {
	if err := set.Validate(); err != nil {
		return err
	}
	key := committeeSetting("instructions", a.CommitteeID)
	return s.write(ctx, a, "instruction.settings", key, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: a.CommitteeID}); err != nil {
			return err
		}
		return tx.putSetting(ctx, key, set)
	})
}
