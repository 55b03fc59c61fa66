package store

// BenchmarkSearch1M: full-text search of the proposal list over a million proposals, the
// scale of a province's history. It needs several minutes and gigabytes to build, so it runs
// only when asked:
//
//	LVZHI_BENCH_LARGE=1 go test -run x -bench Search1M -benchtime 200x -timeout 2h ./store/
//
// The proposals are written straight into the tables (row and search tokens, no MinHash
// bands: those are measured by textsim's BenchmarkSimilar1M), from benchTexts with five
// sentences each. Each query is the office's list page: the count and the first page of 50.
// Besides the mean (ns/op) it reports the 95th percentile of the query times.

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/textsim"
)

func BenchmarkSearch1M(b *testing.B) {
	if os.Getenv("LVZHI_BENCH_LARGE") == "" {
		b.Skip("LVZHI_BENCH_LARGE not set: the 1M-proposal search benchmark is skipped")
	}
	benchForEachDB(b, func(b *testing.B, st *Store) {
		pf := newPropFixture(b, st)
		const n = 1_000_000
		texts := benchTexts(b, 20_000) // 20,000 distinct bodies, cut into 5-sentence documents below
		began := time.Now()
		for start := 0; start < n; start += 2000 {
			err := st.tx(pf.ctx, func(tx *Tx) error {
				for i := start; i < min(start+2000, n); i++ {
					t := texts[i%len(texts)]
					parts := strings.Split(t.Body, "。")
					k := (i / len(texts)) % max(1, len(parts)-5)
					body := strings.Join(parts[k:k+5], "。")
					id, err := tx.insert(pf.ctx, `INSERT INTO proposals (committee_id, session_id, kind, title, category, body, state,
						proposer_name, created_at, updated_at) VALUES ($1, $2, 'individual', $3, $4, $5, 'closed', $6, $7, $7)`,
						pf.City, pf.Session, t.Title, t.Category, body, memberNames[i%len(memberNames)], st.Now())
					if err != nil {
						return err
					}
					tokens := textsim.IndexText(t.Title + "\n" + body)
					if _, err := tx.exec(pf.ctx, `UPDATE proposals SET search_text = $1 WHERE id = $2`, tokens, id); err != nil {
						return err
					}
					if !st.Postgres() {
						if _, err := tx.exec(pf.ctx, `INSERT INTO proposals_fts (rowid, search_text) VALUES ($1, $2)`, id, tokens); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if st.Postgres() {
			if _, err := st.db.Exec(`VACUUM ANALYZE proposals`); err != nil {
				b.Fatal(err)
			}
		}
		build := time.Since(began)
		b.Logf("%s: built %d proposals in %v", st.dialect.name(), n, build.Round(time.Second))
		for _, q := range []string{"养老", "托育", "教育", "养"} {
			b.Run(q, func(b *testing.B) {
				filter := lvzhi.ProposalFilter{CommitteeID: pf.City, Q: q, Paging: lvzhi.Paging{PerPage: 50}}
				var times []time.Duration
				var total int
				for b.Loop() {
					t0 := time.Now()
					var err error
					_, total, err = st.ListProposals(pf.ctx, pf.staff, filter)
					if err != nil {
						b.Fatal(err)
					}
					times = append(times, time.Since(t0))
				}
				slices.Sort(times)
				b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
				b.ReportMetric(float64(total), "hits")
				b.ReportMetric(build.Seconds(), "build-s")
			})
		}
	})
}

// BenchmarkSimilar100k is the near-duplicate check of the submission form against 100,000
// proposals in the database (rows, search tokens, signatures and LSH bands, as CreateProposal
// writes them): a lightly edited copy of one of them must find it. Run with LVZHI_BENCH_LARGE.
func BenchmarkSimilar100k(b *testing.B) {
	if os.Getenv("LVZHI_BENCH_LARGE") == "" {
		b.Skip("LVZHI_BENCH_LARGE not set: the 100k near-duplicate benchmark is skipped")
	}
	benchForEachDB(b, func(b *testing.B, st *Store) {
		pf, ps, _, build := benchCorpus(b, st, 100_000)
		orig := ps[54321]
		r := []rune(orig.Body)
		edited := orig.Title + "\n" + string(r[:len(r)/3]) + "并建议加强统筹协调。" + string(r[len(r)/3:])
		var times []time.Duration
		for b.Loop() {
			t0 := time.Now()
			got, err := st.SimilarProposals(pf.ctx, pf.staff, edited, 0, 0.5, 10)
			times = append(times, time.Since(t0))
			if err != nil || len(got) == 0 || got[0].Proposal.ID != orig.ID {
				b.Fatalf("similar: %v, %v; want %d first", similarIDs(got), err, orig.ID)
			}
		}
		slices.Sort(times)
		b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
		b.ReportMetric(build.Seconds(), "build-s")
	})
}
