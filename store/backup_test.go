package store

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"lvzhi"
)

func TestBackup(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		path := filepath.Join(t.TempDir(), "backup", "lvzhi-backup.db")
		if st.Postgres() {
			err := st.Backup(f.ctx, path)
			wantCode(t, err, lvzhi.ErrInvalid, "Backup on PostgreSQL")
			wantMessage(t, err, "Backup on PostgreSQL", "pg_dump")
			return
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			t.Fatal(err)
		}
		var want []lvzhi.Member
		for i := 0; i < 30; i++ {
			m := f.createMember(t, f.newMember("委员"+lvzhi.Chinese(i), i))
			want = append(want, f.reveal(t, m.ID))
		}

		// The office keeps working while the backup runs.
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		written := 0
		go func() {
			defer wg.Done()
			for i := 100; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := st.CreateMember(f.ctx, f.sys, f.newMember("新委员", i)); err != nil {
					t.Errorf("write during backup: %v", err)
					return
				}
				written++
			}
		}()
		last := lastAuditID(t, st)
		err := st.Backup(f.ctx, path)
		close(stop)
		wg.Wait()
		if err != nil {
			t.Fatalf("backup while writing: %v", err)
		}
		if _, err := os.Stat(path + ".partial"); !os.IsNotExist(err) {
			t.Errorf("the partial file was left behind: %v", err)
		}
		backups := 0
		for _, r := range auditAfter(t, st, last) {
			if r.Action == "backup" && r.Object == path && r.Result == lvzhi.AuditOK {
				backups++
			}
		}
		if backups != 1 {
			t.Errorf("%d audit rows for one backup, want 1", backups)
		}

		// The copy opens as a store and holds the same members, and a whole audit chain.
		bk, err := Open(f.ctx, path)
		if err != nil {
			t.Fatalf("open the backup: %v", err)
		}
		defer bk.Close()
		for _, w := range want {
			got, err := bk.RevealMember(f.ctx, lvzhi.System(f.City), w.ID)
			if err != nil {
				t.Fatalf("member %d in the backup: %v", w.ID, err)
			}
			if got != w {
				t.Errorf("member %d in the backup = %+v, want %+v", w.ID, got, w)
			}
		}
		_, total, err := bk.ListMembers(f.ctx, lvzhi.System(f.City), lvzhi.MemberFilter{CommitteeID: f.City})
		if err != nil || total < len(want) || total > len(want)+written {
			t.Errorf("backup holds %d members (%v); %d before the backup, %d written during it", total, err, len(want), written)
		}
		if _, broken, err := bk.VerifyAudit(f.ctx); err != nil || broken != 0 {
			t.Errorf("the backup's audit chain is broken at %d (%v): not a consistent snapshot", broken, err)
		}
		if n, err := bk.Committees(f.ctx); err != nil || len(n) != 3 {
			t.Errorf("committees in the backup: %d, %v", len(n), err)
		}

		// A second backup onto the same file is refused and leaves the first intact.
		before, _ := os.ReadFile(path)
		err = st.Backup(f.ctx, path)
		wantCode(t, err, lvzhi.ErrConflict, "backup onto an existing file")
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("a refused backup changed the existing file")
		}
	})
}
