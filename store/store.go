// Package store keeps the platform's records in SQLite (the embedded default) or PostgreSQL,
// through database/sql and hand-written SQL. Every exported method is one use case: it checks
// the actor's permission with lvzhi.Authorize, runs in one transaction, and writes the audit
// row of a write in that same transaction.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"lvzhi"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite"
)

// Store is the database of one deployment.
type Store struct {
	db      *sql.DB
	dialect dialect
	dsn     string
	// Now returns the current time; tests replace it to move the clock.
	Now func() time.Time
	// WaiveTOTP lets administrators sign in without a second factor. Only demo mode sets it,
	// and every page then says so.
	WaiveTOTP bool

	suggest suggesters // per-committee category and unit suggesters, rebuilt on change
}

// Open opens the database named by dsn — a postgres:// URL or an SQLite file path — and
// brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s := &Store{dsn: dsn, Now: func() time.Time { return time.Now().UTC().Truncate(time.Second) }}
	var err error
	if IsPostgres(dsn) {
		s.dialect = postgres{}
		s.db, err = sql.Open("pgx", dsn)
		if err == nil {
			s.db.SetMaxOpenConns(20)
		}
	} else {
		s.dialect = sqlite{}
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create data directory: %w", err)
			}
		}
		// WAL lets readers run beside the writer; _txlock=immediate takes the write lock at
		// BEGIN, so two writers queue on busy_timeout instead of failing with SQLITE_BUSY.
		s.db, err = sql.Open("sqlite", "file:"+dsn+"?_txlock=immediate&_time_format=sqlite"+
			"&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)")
		if err == nil {
			s.db.SetMaxOpenConns(8)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than an SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database answers; /readyz calls it.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Postgres reports whether the store runs on PostgreSQL.
func (s *Store) Postgres() bool { return s.dialect.name() == "postgres" }

// tx runs fn in one transaction and commits when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	t := &Tx{q: sqlTx, s: s}
	if err := fn(t); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// read runs fn's queries straight on the pool, outside a transaction: SQLite transactions
// here take the write lock at BEGIN, and a page that only reads must not queue behind writers.
func (s *Store) read(ctx context.Context, fn func(*Tx) error) error {
	return fn(&Tx{q: s.db, s: s})
}

// querier is what *sql.Tx and *sql.DB have in common.
type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// Tx is one transaction (or, from read, the pool). Its query helpers rewrite the $N
// placeholders for the dialect, so the SQL text in this package is written once for both
// databases.
type Tx struct {
	q querier
	s *Store
}

func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.q.ExecContext(ctx, t.s.dialect.rebind(q), args...)
}

func (t *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.q.QueryContext(ctx, t.s.dialect.rebind(q), args...)
}

func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.q.QueryRowContext(ctx, t.s.dialect.rebind(q), args...)
}

// insert runs an INSERT … RETURNING id and returns the new id.
func (t *Tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, mapErr(err)
}

// count runs a SELECT COUNT(*) query.
func (t *Tx) count(ctx context.Context, q string, args ...any) (int, error) {
	var n int
	err := t.queryRow(ctx, q, args...).Scan(&n)
	return n, err
}

// notFound turns sql.ErrNoRows into the domain's not-found error naming what was sought.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return lvzhi.Errorf(lvzhi.ErrNotFound, "找不到%s,可能已被删除。", what)
	}
	return err
}

// mapErr turns a unique-constraint violation into a conflict the user can act on.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if strings.Contains(msg, "UNIQUE constraint") || strings.Contains(msg, "duplicate key") || strings.Contains(msg, "23505") {
		return lvzhi.Errorf(lvzhi.ErrConflict, "已存在相同的记录,请检查是否重复。")
	}
	if strings.Contains(msg, "FOREIGN KEY") || strings.Contains(msg, "23503") {
		return lvzhi.Errorf(lvzhi.ErrConflict, "该记录仍被其他记录引用,不能删除或修改。")
	}
	return err
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
