package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"time"

	"lvzhi"
)

// ActivitySettings returns a committee's activity types and absence rules, the defaults until
// staff save their own. They are not secret: forms show the types.
func (s *Store) ActivitySettings(ctx context.Context, committeeID int64) (lvzhi.ActivitySettings, error) {
	var out lvzhi.ActivitySettings
	found, err := s.readSetting(ctx, committeeSetting("activities", committeeID), &out)
	if err != nil || !found {
		return lvzhi.DefaultActivitySettings(), err
	}
	if len(out.Types) == 0 {
		out.Types = lvzhi.DefaultActivitySettings().Types
	}
	return out, nil
}

// SetActivitySettings saves a committee's activity types and absence rules (staff).
func (s *Store) SetActivitySettings(ctx context.Context, a lvzhi.Actor, st lvzhi.ActivitySettings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	key := committeeSetting("activities", a.CommitteeID)
	return s.write(ctx, a, "activity.settings", key, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: a.CommitteeID}); err != nil {
			return err // those who plan the committee's activities
		}
		return tx.putSetting(ctx, key, st)
	})
}

// checkinSecretKey names the deployment's check-in secret in the settings table.
const checkinSecretKey = "activities:checkin_secret"

// checkinSecret returns the deployment's secret for check-in codes, making it on first use.
// It lives in the database so every instance of a deployment makes and accepts the same
// codes; two instances racing to make it keep whichever was written first.
func (s *Store) checkinSecret(ctx context.Context) ([]byte, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT value FROM settings WHERE key = $1`), checkinSecretKey).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		err = s.tx(ctx, func(tx *Tx) error {
			n, err := tx.count(ctx, `SELECT COUNT(*) FROM settings WHERE key = $1`, checkinSecretKey)
			if err != nil || n > 0 {
				return err
			}
			_, err = tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)`, checkinSecretKey, base64.StdEncoding.EncodeToString(b))
			return err
		})
		if err != nil {
			return nil, err
		}
		return s.checkinSecret(ctx)
	} else if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(raw)
}

// CheckinCode returns the code the venue screen shows now and when it changes; staff only.
func (s *Store) CheckinCode(ctx context.Context, a lvzhi.Actor, activityID int64) (token string, changes time.Time, err error) {
	x, err := s.Activity(ctx, a, activityID)
	if err != nil {
		return "", time.Time{}, err
	}
	if err := lvzhi.Authorize(a, "start", x.Target()); err != nil {
		return "", time.Time{}, err
	}
	secret, err := s.checkinSecret(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	now := s.Now()
	step := lvzhi.CheckinStepOf(now)
	changes = time.Unix((step+1)*int64(lvzhi.CheckinStep/time.Second), 0).UTC()
	return lvzhi.CheckinToken(secret, x.ID, step), changes, nil
}
