package store

// Benchmarks of the requests every page makes (the session check), the sign-in with its
// argon2id hash, the audit append behind every write, and the members list page.
//
//	go test -run x -bench . -benchtime 2s ./store/

import (
	"testing"

	"lvzhi"
)

// benchForEachDB runs fn on SQLite and, when LVZHI_TEST_POSTGRES is set, on PostgreSQL.
func benchForEachDB(b *testing.B, fn func(b *testing.B, st *Store)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, openSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, openPostgres(b)) })
}

// BenchmarkListMembers is the members page: a committee of 350 members, a page of 50,
// counted and masked.
func BenchmarkListMembers(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		f := newFixture(b, st)
		rows := make([]lvzhi.Member, 350)
		for i := range rows {
			rows[i] = f.newMember("委员"+lvzhi.Chinese(i%100), i)
			rows[i].SectorID = f.Sectors[i%3]
			if i%2 == 0 {
				rows[i].SpecialCommitteeID = f.Specials[i%4/2]
			}
			rows[i].PartyID = f.Party
		}
		if _, err := st.ImportMembers(f.ctx, f.sys, f.City, f.Term, rows); err != nil {
			b.Fatal(err)
		}
		staff := lvzhi.Actor{UserID: 1, Username: "clerk", Roles: []lvzhi.Role{lvzhi.RoleStaff}, CommitteeID: f.City, Committees: []int64{f.City}, DepartmentID: f.Dept}
		filter := lvzhi.MemberFilter{CommitteeID: f.City, TermID: f.Term, Paging: lvzhi.Paging{Page: 3, PerPage: 50}}
		for b.Loop() {
			list, total, err := st.ListMembers(f.ctx, staff, filter)
			if err != nil || len(list) != 50 || total != 350 {
				b.Fatalf("ListMembers: %d rows, total %d, %v", len(list), total, err)
			}
		}
	})
}

// BenchmarkSignIn is one whole sign-in: look-up, argon2id verification, session row and
// audit row.
func BenchmarkSignIn(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		f := newFixture(b, st)
		f.createUser(b, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		for b.Loop() {
			if _, err := st.SignIn(f.ctx, "clerk", testPassword, "", "10.0.0.1"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAuthenticate is the session check every request makes.
func BenchmarkAuthenticate(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		f := newFixture(b, st)
		f.createUser(b, "clerk", []lvzhi.Role{lvzhi.RoleStaff, lvzhi.RoleLeader}, nil)
		l, err := st.SignIn(f.ctx, "clerk", testPassword, "", "10.0.0.1")
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := st.Authenticate(f.ctx, l.Token, "10.0.0.1"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAuditAppend is one audit row in a transaction of its own, chained to the last.
func BenchmarkAuditAppend(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		f := newFixture(b, st)
		a := lvzhi.Actor{UserID: 1, Username: "clerk", CommitteeID: f.City, IP: "10.0.0.1"}
		for b.Loop() {
			if err := st.Audit(f.ctx, a, "member.view_pii", "member:1", lvzhi.AuditOK, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}
