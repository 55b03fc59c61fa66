package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"lvzhi"
)

// InstructionSettings returns a committee's ranks of leaders (省委主要领导, 市领导 …), the
// defaults until the office saves its own. They are not secret: forms show them.
func (s *Store) InstructionSettings(ctx context.Context, committeeID int64) (lvzhi.InstructionSettings, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT value FROM settings WHERE key = $1`), instructionSettingsKey(committeeID)).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return lvzhi.DefaultInstructionSettings(), nil
	} else if err != nil {
		return lvzhi.InstructionSettings{}, err
	}
	var out lvzhi.InstructionSettings
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
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
	raw, err := json.Marshal(set)
	if err != nil {
		return err
	}
	key := instructionSettingsKey(a.CommitteeID)
	return s.write(ctx, a, "instruction.settings", key, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: a.CommitteeID}); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM settings WHERE key = $1`, key); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)`, key, string(raw))
		return err
	})
}

func instructionSettingsKey(committeeID int64) string {
	return "instructions:" + strconv.FormatInt(committeeID, 10)
}
