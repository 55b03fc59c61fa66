// Package testpg gives a test a PostgreSQL database of its own on the server that
// LVZHI_TEST_POSTGRES names, and drops it when the test ends. The store suite and the API
// tests both use it, so a PostgreSQL test is set up the same way everywhere.
package testpg

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
)

// Env is the variable naming the PostgreSQL server of the tests.
const Env = "LVZHI_TEST_POSTGRES"

// DSN creates a fresh database and returns its URL. It skips the test, saying so, when Env is
// not set. The database is dropped (connections forced off) in the test's cleanup; register
// the store's Close after calling DSN, so it runs first.
func DSN(t testing.TB, what string) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip(Env + " not set: PostgreSQL " + what + " skipped")
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("connect to %s: %v", Env, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "lvzhi_test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", Env, err)
	}
	u.Path = "/" + name
	return u.String()
}
