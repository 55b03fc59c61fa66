package textsim

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// meanBytes is the mean length of the corpus texts, for MB/s figures.
func meanBytes(rows []proposal) int64 {
	n := 0
	for _, p := range rows {
		n += len(p.Text())
	}
	return int64(n / len(rows))
}

func BenchmarkTokens(b *testing.B) {
	rows := loadCorpus(b)
	b.SetBytes(meanBytes(rows))
	for i := 0; b.Loop(); i++ {
		Tokens(rows[i%len(rows)].Text())
	}
}

func BenchmarkSign(b *testing.B) {
	rows := loadCorpus(b)
	b.SetBytes(meanBytes(rows))
	for i := 0; b.Loop(); i++ {
		Sign(rows[i%len(rows)].Text())
	}
}

func BenchmarkJaccard(b *testing.B) {
	rows := loadCorpus(b)
	for i := 0; b.Loop(); i++ {
		Jaccard(rows[i%len(rows)].Text(), rows[(i+1)%len(rows)].Text())
	}
}

// BenchmarkSuggest times one category suggestion against the 436 proposals.
func BenchmarkSuggest(b *testing.B) {
	rows := loadCorpus(b)
	hist := make([]Labeled, len(rows))
	for i, p := range rows {
		hist[i] = Labeled{ID: int64(i), Text: p.Text(), Labels: []string{p.Category}}
	}
	start := time.Now()
	s := NewSuggester(hist)
	build := time.Since(start)
	for i := 0; b.Loop(); i++ {
		s.SuggestExcept(rows[i%len(rows)].Text(), SuggestK, int64(i%len(rows)))
	}
	b.ReportMetric(float64(build.Microseconds())/1000, "build-ms")
}

// synthetic is an index of n texts for the lookup benchmarks, built once per size.
type synthetic struct {
	once    sync.Once
	x       *Index
	queries []string // rewritten copies of real proposals; query i's original has id i
	build   time.Duration
	heapMB  float64
	cands   float64 // mean LSH candidates per query
}

var synthetics sync.Map // size → *synthetic

// syntheticIndex returns an index of the 436 real proposals (ids 0–435) and n-436 synthetic
// ones, each 10 to 40 sentences drawn at random from the whole corpus with a seeded RNG, so
// that the texts are real government prose, all differ, and are about as long as the real
// ones (median 1,400 characters). Texts are signed in parallel, 10,000 at a time, and added in
// order; only the signatures are kept.
func syntheticIndex(b *testing.B, n int) *synthetic {
	rows := loadCorpus(b)
	v, _ := synthetics.LoadOrStore(n, &synthetic{})
	s := v.(*synthetic)
	s.once.Do(func() {
		pool := sentencePool(rows)
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		s.x = NewIndex()
		s.x.Grow(n)
		for _, p := range rows {
			s.x.Add(int64(s.x.Len()), p.Text())
		}
		const chunk = 10000
		sigs := make([]Signature, chunk)
		for lo := len(rows); lo < n; lo += chunk {
			hi := min(lo+chunk, n)
			var wg sync.WaitGroup
			workers := runtime.GOMAXPROCS(0)
			for w := range workers {
				wg.Go(func() {
					var sb strings.Builder
					for i := lo + w; i < hi; i += workers {
						rng := rand.New(rand.NewPCG(uint64(i), 0x5eed))
						sb.Reset()
						for range 10 + rng.IntN(31) {
							sb.WriteString(pool[rng.IntN(len(pool))])
						}
						sigs[i-lo] = Sign(sb.String())
					}
				})
			}
			wg.Wait()
			for i := lo; i < hi; i++ {
				s.x.AddSignature(int64(i), sigs[i-lo])
			}
		}
		s.build = time.Since(start)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		s.heapMB = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)

		rng := rand.New(rand.NewPCG(8, 8))
		var cands int
		for i := range 64 {
			q := perturb(rows[i].Text(), 0.2, pool, rng)
			s.queries = append(s.queries, q)
			cands += s.x.Candidates(Sign(q))
		}
		s.cands = float64(cands) / 64
		b.Logf("index of %d texts: built in %v, %.0f MB heap, %.1f LSH candidates per query",
			n, s.build.Round(time.Millisecond), s.heapMB, s.cands)
	})
	return s
}

// benchSimilar measures one near-duplicate check of a new proposal: Sign, the LSH lookup and
// the verification of the candidates.
func benchSimilar(b *testing.B, n int) {
	s := syntheticIndex(b, n)
	for i := 0; b.Loop(); i++ {
		q := i % len(s.queries)
		got := s.x.Similar(s.queries[q], 0.5, 10)
		if len(got) == 0 || got[0].ID != int64(q) {
			b.Fatalf("query %d: original not found first: %v", q, got)
		}
	}
	// Reported after the loop: b.Loop's first call deletes metrics reported before it.
	b.ReportMetric(s.build.Seconds(), "build-s")
	b.ReportMetric(s.heapMB, "index-MB")
	b.ReportMetric(s.cands, "candidates/op")
}

// BenchmarkSimilar100k checks a proposal against 100,000 (building the index takes about 16 s
// on two cores, 87 MB).
func BenchmarkSimilar100k(b *testing.B) { benchSimilar(b, 100_000) }

// BenchmarkSimilar1M checks a proposal against 1,000,000. Building the index signs a million
// texts (130 s on two cores) and holds 824 MB of heap (1.7 GB peak), so run it on its own with
// -bench Similar1M -benchtime 100x; the pattern Similar matches it too.
func BenchmarkSimilar1M(b *testing.B) { benchSimilar(b, 1_000_000) }
