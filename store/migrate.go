package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrate applies, in name order, every embedded migration not yet recorded in
// schema_migrations, each in its own transaction. Migrations are numbered files; a file is
// never edited once released, a new one is added instead.
func (s *Store) migrate(ctx context.Context) error {
	err := s.tx(ctx, func(tx *Tx) error {
		if err := tx.lockMigrations(ctx); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// A version is a common file NNNN_name.sql, optionally followed by NNNN_name.<dialect>.sql
	// with what only one database says (full-text indexes); both run in one transaction.
	versions := map[int][]string{}
	var order []int
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		parts := strings.Split(strings.TrimSuffix(base, ".sql"), ".")
		if len(parts) == 2 && parts[1] != s.dialect.name() {
			continue // the other database's file
		}
		if _, seen := versions[version]; !seen {
			order = append(order, version)
		}
		if len(parts) == 2 {
			versions[version] = append(versions[version], name) // the dialect's file runs last
		} else {
			versions[version] = append([]string{name}, versions[version]...)
		}
	}
	sort.Ints(order)
	for _, version := range order {
		err := s.tx(ctx, func(tx *Tx) error {
			if err := tx.lockMigrations(ctx); err != nil {
				return err
			}
			n, err := tx.count(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, version)
			if err != nil || n > 0 {
				return err
			}
			for _, name := range versions[version] { // the common file, then the dialect one
				body, err := migrationFiles.ReadFile(name)
				if err != nil {
					return err
				}
				for _, stmt := range splitSQL(s.dialect.ddl().Replace(string(body))) {
					if _, err := tx.q.ExecContext(ctx, stmt); err != nil {
						return fmt.Errorf("migration %s: %w\n%s", name, err, stmt)
					}
				}
			}
			_, err = tx.exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, version)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// migrationLock is the PostgreSQL advisory lock key of migrations: any fixed number that no
// other lock of the database uses.
const migrationLock = 0x6c767a68 // "lvzh"

// lockMigrations makes instances that start at the same moment on one PostgreSQL database
// migrate one after the other: the lock is held to the end of the transaction, so the second
// sees the version the first recorded instead of running its DDL again. SQLite needs none:
// BEGIN IMMEDIATE already lets one writer in at a time.
func (t *Tx) lockMigrations(ctx context.Context) error {
	if !t.s.Postgres() {
		return nil
	}
	_, err := t.exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock)
	return err
}

// splitSQL splits a migration into statements at semicolons that end a line, dropping
// comment lines. Migrations keep to that form so no SQL parser is needed.
func splitSQL(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line + "\n")
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}
