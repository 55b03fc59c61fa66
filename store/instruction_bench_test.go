package store

// Benchmarks of the instruction list and its figures over 20,000 instructions on 2,000
// proposals, the size of a city committee's decade of instructions:
//
//	go test -run x -bench Instructions -benchtime 2s ./store/
//
// The rows are written straight into the table in one transaction: 20,000 audited writes
// would measure the audit log, not the pages.

import (
	"fmt"
	"testing"
	"time"

	"lvzhi"
)

func BenchmarkInstructions(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			var st *Store
			if db == "sqlite" {
				st = openSQLite(b)
			} else {
				st = openPostgres(b)
			}
			pf := newPropFixture(b, st)
			p := pf.submitted(b, 0, propTexts[0])
			ranks := lvzhi.DefaultInstructionSettings().Ranks
			err := st.tx(pf.ctx, func(tx *Tx) error {
				for i := 0; i < 20000; i++ {
					on := time.Date(2016+i%10, time.Month(1+i%12), 1+i%28, 2, 0, 0, 0, time.UTC)
					if _, err := tx.exec(pf.ctx, `INSERT INTO instructions (committee_id, record_kind, record_id, record_title, member_id, leader, rank,
						given_on, body, state, created_at, updated_at) VALUES ($1, 'proposal', $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
						pf.City, p.ID+int64(i%2000), fmt.Sprintf("关于第%d项工作的建议", i%2000), pf.Members[i%4].ID, "张书记",
						ranks[i%len(ranks)], on, "请研究落实。", []string{"pending", "done"}[i%2], on); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			year := lvzhi.InstructionFilter{From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
			b.Run("list-year-rank", func(b *testing.B) {
				f := year
				f.Rank = "市委主要领导"
				for b.Loop() {
					if _, n, err := st.ListInstructions(pf.ctx, pf.leader, f); err != nil || n == 0 {
						b.Fatal(n, err)
					}
				}
			})
			b.Run("stats-year", func(b *testing.B) {
				for b.Loop() {
					if s, err := st.InstructionStats(pf.ctx, pf.leader, year); err != nil || s.Total != 2000 {
						b.Fatal(s.Total, err)
					}
				}
			})
			b.Run("by-sector-year", func(b *testing.B) {
				for b.Loop() {
					if _, err := st.InstructionsByGroup(pf.ctx, pf.leader, BySector, year); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("record", func(b *testing.B) {
				for b.Loop() {
					if list, err := st.Instructions(pf.ctx, pf.mem[0], lvzhi.KindProposal, p.ID); err != nil || len(list) != 10 {
						b.Fatal(len(list), err)
					}
				}
			})
		})
	}
}
