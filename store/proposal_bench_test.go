package store

// Benchmarks of the proposal pages: the office's list, full-text search and the near-duplicate
// search, over 1,000 and 10,000 proposals.
//
//	go test -run x -bench Proposals -benchtime 2s ./store/
//
// The texts are made of the sentences of the 436 real Jiangsu proposals (../shared/data/),
// drawn at random, 20 to a proposal, so that vocabulary and length are real while no two
// proposals are near-duplicates; without the data folder, of two-character words of the test
// texts. The proposals are written straight into the tables in batches, with the same index
// and signature code as CreateProposal (tx.indexProposal), since 20,000 audited writes would
// measure the audit log, not the pages; the time to build is logged and reported as build-s.
// PostgreSQL is vacuumed and analysed after the load, as autovacuum would; SQLite is not, as
// the store never runs ANALYZE.

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"lvzhi"
)

// benchTexts returns n proposal texts; see the file comment.
func benchTexts(b testing.TB, n int) []propText {
	b.Helper()
	rng := rand.New(rand.NewPCG(2019, 436))
	cats := lvzhi.DefaultProposalSettings().Categories
	var sentences, titlesPool []string
	if _, err := os.Stat(jiangsuCSV); err == nil {
		for _, r := range readJiangsu(b) {
			titlesPool = append(titlesPool, r.Title)
			for _, s := range strings.Split(strings.Join(strings.Fields(r.Body), ""), "。") {
				if len([]rune(s)) >= 10 {
					sentences = append(sentences, s)
				}
			}
		}
	} else {
		b.Logf("%s is absent: benchmark texts are random words of the test texts", jiangsuCSV)
		var words []string
		for _, t := range propTexts {
			r := []rune(strings.Join(strings.FieldsFunc(t.Title+t.Body, func(r rune) bool { return r == ',' || r == '。' || r == '、' }), ""))
			for i := 0; i+2 <= len(r); i += 2 {
				words = append(words, string(r[i:i+2]))
			}
			titlesPool = append(titlesPool, t.Title)
		}
		for range 5000 {
			var s strings.Builder
			for range 12 {
				s.WriteString(words[rng.IntN(len(words))])
			}
			sentences = append(sentences, s.String())
		}
	}
	out := make([]propText, n)
	for i := range out {
		var body strings.Builder
		for range 20 {
			body.WriteString(sentences[rng.IntN(len(sentences))])
			body.WriteString("。")
		}
		out[i] = propText{Title: titlesPool[rng.IntN(len(titlesPool))] + fmt.Sprintf("(%d)", i+1), Category: cats[rng.IntN(len(cats))],
			Body: body.String(), Units: "市发展改革委"}
	}
	return out
}

// bulkProposals writes texts as submitted proposals of session 3, every other one accepted
// with its number, in transactions of 500, indexed and signed as CreateProposal does.
func bulkProposals(b testing.TB, pf *propFixture, texts []propText) []lvzhi.Proposal {
	b.Helper()
	st, ctx := pf.st, pf.ctx
	out := make([]lvzhi.Proposal, 0, len(texts))
	now := st.Now()
	for start := 0; start < len(texts); start += 500 {
		err := st.tx(ctx, func(tx *Tx) error {
			for i := start; i < min(start+500, len(texts)); i++ {
				t := texts[i]
				p := lvzhi.Proposal{CommitteeID: pf.City, SessionID: pf.Session, Kind: lvzhi.ProposalIndividual, Title: t.Title,
					Category: t.Category, Body: t.Body, State: lvzhi.ProposalReview, ProposerID: pf.Members[i%len(pf.Members)].ID,
					ProposerName: memberNames[i%len(memberNames)], SuggestedUnits: t.Units}
				if i%2 == 0 {
					p.State, p.Number = lvzhi.ProposalAccepted, i/2+1
				}
				var err error
				p.ID, err = tx.insert(ctx, `INSERT INTO proposals (committee_id, session_id, number, kind, title, category, body, state,
					proposer_id, proposer_name, suggested_units, submitted_at, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $12)`,
					p.CommitteeID, p.SessionID, p.Number, p.Kind, p.Title, p.Category, p.Body, p.State,
					p.ProposerID, p.ProposerName, p.SuggestedUnits, now)
				if err != nil {
					return err
				}
				if err := tx.indexProposal(ctx, p); err != nil {
					return err
				}
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			b.Fatalf("bulk insert: %v", err)
		}
	}
	return out
}

// benchCorpus builds a fixture with n proposals and logs the time it took, which the caller
// reports (as build-s) after its loop: b.Loop resets the metrics reported before it.
func benchCorpus(b *testing.B, st *Store, n int) (*propFixture, []lvzhi.Proposal, []propText, time.Duration) {
	b.Helper()
	pf := newPropFixture(b, st)
	texts := benchTexts(b, n)
	began := time.Now()
	ps := bulkProposals(b, pf, texts)
	build := time.Since(began)
	b.Logf("%s: built %d proposals (insert, search tokens, signature and bands) in %v", st.dialect.name(), n, build.Round(time.Millisecond))
	if st.Postgres() {
		// What autovacuum does soon after a load like this: without it the GIN index's pending
		// list makes the planner scan every tsvector (托育 over 10,000: 300 ms instead of 8 ms).
		// The store never runs ANALYZE on SQLite, so the SQLite figures are without statistics.
		began = time.Now()
		if _, err := st.db.Exec(`VACUUM ANALYZE`); err != nil {
			b.Fatal(err)
		}
		b.Logf("postgres: VACUUM ANALYZE in %v", time.Since(began).Round(time.Millisecond))
	}
	return pf, ps, texts, build
}

// BenchmarkListProposals is the office's list page: 1,000 proposals, page 3 of 50, counted.
func BenchmarkListProposals(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		pf, _, _, build := benchCorpus(b, st, 1000)
		filter := lvzhi.ProposalFilter{CommitteeID: pf.City, Paging: lvzhi.Paging{Page: 3, PerPage: 50}}
		for b.Loop() {
			list, total, err := st.ListProposals(pf.ctx, pf.staff, filter)
			if err != nil || len(list) != 50 || total != 1000 {
				b.Fatalf("ListProposals: %d rows, total %d, %v", len(list), total, err)
			}
		}
		b.ReportMetric(build.Seconds(), "build-s")
	})
}

// BenchmarkSearchProposals is a two-character query over 10,000 proposals, first page of 50
// with the total: 养老 (in 60% of the mixed texts: every proposal draws sentences from all
// subjects), 托育 (rare) and the one character 养 (a prefix query over the bigrams).
func BenchmarkSearchProposals(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		pf, _, texts, build := benchCorpus(b, st, 10000)
		for _, q := range []string{"养老", "托育", "养"} {
			b.Run(q, func(b *testing.B) {
				want := 0
				for _, t := range texts {
					if strings.Contains(t.Title+t.Body, q) {
						want++
					}
				}
				filter := lvzhi.ProposalFilter{CommitteeID: pf.City, Q: q, Paging: lvzhi.Paging{PerPage: 50}}
				var total int
				for b.Loop() {
					var list []lvzhi.Proposal
					var err error
					list, total, err = st.ListProposals(pf.ctx, pf.staff, filter)
					if err != nil || len(list) != min(50, total) {
						b.Fatalf("search: %d rows, total %d, %v", len(list), total, err)
					}
				}
				// A two-character word is found exactly; one character at least wherever it
				// starts a bigram.
				// Totals are counted up to SearchCountCap (then SearchCountCap+1, "more than").
				want = min(want, SearchCountCap+1)
				if (len([]rune(q)) == 2 && total != want) || total > want {
					b.Fatalf("search %s: total %d, %d texts contain it", q, total, want)
				}
				b.ReportMetric(float64(total), "hits")
				b.ReportMetric(build.Seconds(), "build-s")
			})
		}
	})
}

// BenchmarkSimilarProposals asks for the near-duplicates of a lightly edited copy of one of
// 10,000 proposals.
func BenchmarkSimilarProposals(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		pf, ps, _, build := benchCorpus(b, st, 10000)
		orig := ps[4321]
		r := []rune(orig.Body)
		edited := orig.Title + "\n" + string(r[:len(r)/3]) + "并建议加强统筹协调。" + string(r[len(r)/3:])
		for b.Loop() {
			got, err := st.SimilarProposals(pf.ctx, pf.staff, edited, 0, 0.5, 10)
			if err != nil || len(got) != 1 || got[0].Proposal.ID != orig.ID {
				b.Fatalf("similar: %v, %v; want only %d", similarIDs(got), err, orig.ID)
			}
		}
		b.ReportMetric(build.Seconds(), "build-s")
	})
}
