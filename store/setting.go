package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
)

// Settings are JSON values in the settings table, one row per key: the security policy for
// the deployment, and each module's rules per committee ("proposals:12"). A row exists only
// once someone saved it; until then the module's defaults hold.

// readSetting decodes the row key into out, which holds the defaults on entry: found is false,
// and out unchanged, when nothing was saved. It reads outside any write (a settings read
// inside a write would wait for a second pooled connection), so callers read it first.
func (s *Store) readSetting(ctx context.Context, key string, out any) (found bool, err error) {
	var raw string
	err = s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT value FROM settings WHERE key = $1`), key).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return true, json.Unmarshal([]byte(raw), out)
}

// putSetting replaces the row key with v as JSON, inside the write that authorises and audits
// the change.
func (t *Tx) putSetting(ctx context.Context, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM settings WHERE key = $1`, key); err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)`, key, string(raw))
	return err
}

// committeeSetting names a module's settings row of one committee: "proposals:12".
func committeeSetting(module string, committeeID int64) string {
	return module + ":" + strconv.FormatInt(committeeID, 10)
}
