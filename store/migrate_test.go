package store

import (
	"context"
	"sync"
	"testing"

	"lvzhi/internal/testpg"
)

// TestMigrateConcurrently starts four instances on one fresh PostgreSQL database at the same
// moment, as a province's servers restarting after an upgrade would: every one must open, and
// each migration must have run once.
func TestMigrateConcurrently(t *testing.T) {
	dsn := testpg.DSN(t, "concurrent migration test")
	ctx := context.Background()
	const n = 4
	stores := make([]*Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = Open(ctx, dsn) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		t.Cleanup(func() { stores[i].Close() })
	}
	var versions, distinct int
	err := stores[0].read(ctx, func(tx *Tx) error {
		var err error
		if versions, err = tx.count(ctx, `SELECT COUNT(*) FROM schema_migrations`); err != nil {
			return err
		}
		distinct, err = tx.count(ctx, `SELECT COUNT(DISTINCT version) FROM schema_migrations`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if versions == 0 || versions != distinct {
		t.Fatalf("schema_migrations holds %d rows for %d versions", versions, distinct)
	}
}
