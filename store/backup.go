package store

import (
	"context"
	"fmt"
	"os"

	"lvzhi"
)

// Backup writes a consistent copy of a live SQLite database to path with VACUUM INTO, which
// reads one snapshot while the server keeps serving, and writes no half-copied file: the copy
// is made beside the target and renamed. PostgreSQL deployments use pg_dump instead.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.Postgres() {
		return lvzhi.Errorf(lvzhi.ErrInvalid, "PostgreSQL 数据库请使用 pg_dump 备份,例如:pg_dump -Fc -f lvzhi.dump \"$LVZHI_DB\"")
	}
	if _, err := os.Stat(path); err == nil {
		return lvzhi.Errorf(lvzhi.ErrConflict, "备份文件 %s 已存在,请换一个文件名。", path)
	}
	tmp := path + ".partial"
	os.Remove(tmp)
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return s.Audit(ctx, lvzhi.System(0), "backup", path, lvzhi.AuditOK, "")
}
