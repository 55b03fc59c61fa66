package textsim

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// mutate returns text with a fraction frac of its characters replaced by random ones.
func mutate(rng *rand.Rand, text string, frac float64) string {
	rs := []rune(text)
	for _, i := range rng.Perm(len(rs))[:int(frac*float64(len(rs)))] {
		rs[i] = rune(0x4E00 + rng.IntN(0x9FA5-0x4E00))
	}
	return string(rs)
}

func TestIndexSimilar(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	x := NewIndex()
	texts := make([]string, 3000) // more than minBuckets, so the buckets are rehashed twice
	for i := range texts {
		texts[i] = hanText(rng, 300)
		x.Add(int64(1000+i), texts[i])
	}
	if x.Len() != len(texts) {
		t.Fatalf("Len = %d", x.Len())
	}
	for i, text := range texts[:200] {
		// Changing 2% of the characters changes up to 6% of the 3-shingles.
		got := x.Similar(mutate(rng, text, 0.02), 0.5, 5)
		if len(got) != 1 || got[0].ID != int64(1000+i) || got[0].Similarity < 0.75 {
			t.Fatalf("text %d: got %v", i, got)
		}
	}
	// The exact text is found with similarity 1 after every rehash.
	for i, text := range texts {
		if got := x.Similar(text, 0.99, 0); len(got) != 1 || got[0].Similarity != 1 {
			t.Fatalf("text %d itself: got %v", i, got)
		}
	}
}

func TestIndexOrderAndLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	base := hanText(rng, 400)
	x := NewIndex()
	x.Grow(10)
	x.Add(1, hanText(rng, 400))
	x.Add(2, mutate(rng, base, 0.08))
	x.Add(3, base)
	x.Add(4, mutate(rng, base, 0.02))
	x.Add(5, base) // a repeated text: same similarity as 3, ordered by id
	got := x.Similar(base, 0.3, 0)
	ids := make([]int64, len(got))
	for i, m := range got {
		ids[i] = m.ID
	}
	if !slices.Equal(ids, []int64{3, 5, 4, 2}) {
		t.Fatalf("order: got %v", got)
	}
	if got := x.Similar(base, 0.3, 2); len(got) != 2 || got[0].ID != 3 {
		t.Errorf("limit 2: got %v", got)
	}
	if got := x.Similar(base, 0.99, 0); len(got) != 2 {
		t.Errorf("min 0.99: got %v", got)
	}
}

func TestIndexEmpty(t *testing.T) {
	x := NewIndex()
	if got := x.Similar("养老服务体系建设", 0, 0); got != nil {
		t.Errorf("empty index: %v", got)
	}
	x.Add(1, "，。")
	x.Add(2, "养老服务体系建设")
	if got := x.Similar("！", 0, 0); got != nil {
		t.Errorf("a text without characters matched %v", got)
	}
	if got := x.Similar("养老服务体系建设", 0.5, 0); len(got) != 1 || got[0].ID != 2 {
		t.Errorf("got %v", got)
	}
}

// TestIndexConcurrent runs lookups while texts are added; run it with -race.
func TestIndexConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	texts := make([]string, 1500)
	for i := range texts {
		texts[i] = hanText(rng, 200)
	}
	x := NewIndex()
	for i, text := range texts[:500] {
		x.Add(int64(i), text)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for i, text := range texts[500:] {
			x.Add(int64(500+i), text)
		}
	})
	for range 4 {
		wg.Go(func() {
			for i, text := range texts[:500] {
				if got := x.Similar(text, 0.9, 1); len(got) != 1 || got[0].ID != int64(i) {
					t.Errorf("text %d: %v", i, got)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestIndexNearDuplicates indexes the real proposals and looks up rewritten copies: each copy
// must find its original, and nothing it finds may be unrelated.
func TestIndexNearDuplicates(t *testing.T) {
	rows := loadCorpus(t)
	pool := sentencePool(rows)
	rng := rand.New(rand.NewPCG(7, 7))
	x := NewIndex()
	for i, p := range rows {
		x.Add(int64(i), p.Text())
	}
	const minSim = 0.4 // a reviewer's threshold: below half, with room for estimation error
	copies, near, found, others, unrelated := 0, 0, 0, 0, 0
	for i, p := range rows {
		for _, f := range []float64{0.1, 0.2, 0.3} {
			c := perturb(p.Text(), f, pool, rng)
			copies++
			got := x.Similar(c, minSim, 0)
			isNear := Jaccard(p.Text(), c) >= 0.5
			if isNear {
				near++
			}
			for _, m := range got {
				switch {
				case m.ID == int64(i):
					if isNear {
						found++
					}
				case Jaccard(rows[m.ID].Text(), c) < 0.2:
					unrelated++
				default:
					others++ // a natural near-duplicate of the original
				}
			}
		}
	}
	t.Logf("%d copies, %d with J ≥ 0.5 of which %d found (estimate ≥ %.1f); other matches: %d related (J ≥ 0.2), %d unrelated",
		copies, near, found, minSim, others, unrelated)
	if float64(found) < 0.95*float64(near) || unrelated > 0 {
		t.Errorf("found %d of %d copies, %d unrelated matches", found, near, unrelated)
	}
}
