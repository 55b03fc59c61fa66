package textsim

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// hanText returns n random common ideographs: text that shares practically no shingle with
// any other, for tests that need no corpus.
func hanText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(rune(0x4E00 + rng.IntN(0x9FA5-0x4E00)))
	}
	return b.String()
}

func TestSignIdentical(t *testing.T) {
	text := hanText(rand.New(rand.NewPCG(1, 1)), 800)
	if s := Sign(text).Similarity(Sign(text)); s != 1 {
		t.Errorf("identical texts: similarity %v, want 1", s)
	}
	if j := Jaccard(text, text); j != 1 {
		t.Errorf("identical texts: Jaccard %v, want 1", j)
	}
	// Punctuation, spacing, width and case are not part of a shingle.
	a, b := "ＡＩ养老服务，\n体系建设。", "ai 养老服务体系 建设"
	if Sign(a) != Sign(b) || Jaccard(a, b) != 1 {
		t.Errorf("%q and %q should have the same shingles", a, b)
	}
}

func TestSignDisjoint(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	a, b := hanText(rng, 1500), hanText(rng, 1500)
	if s := Sign(a).Similarity(Sign(b)); s > 0.03 {
		t.Errorf("unrelated texts: similarity %v, want about 0", s)
	}
	if j := Jaccard(a, b); j > 0.001 {
		t.Errorf("unrelated texts: Jaccard %v, want about 0", j)
	}
}

func TestSignEmptyAndShort(t *testing.T) {
	empty := Sign("，。！ \n")
	if !empty.IsEmpty() || empty.Similarity(empty) != 0 || empty.Bands() != nil {
		t.Errorf("a text without characters must match nothing: %v %v", empty.Similarity(empty), empty.Bands())
	}
	if Jaccard("", "") != 0 || Jaccard("养老服务", "") != 0 {
		t.Error("Jaccard with an empty text must be 0")
	}
	short := Sign("养老") // shorter than a shingle: one shingle of its own
	if short.IsEmpty() || short.Similarity(Sign("养老")) != 1 || len(short.Bands()) != NumBands {
		t.Error("a two-character text must sign and band")
	}
	if Jaccard("养老", "养老服务") != 0 {
		t.Error("a short text is one whole shingle, not a prefix of longer ones")
	}
}

// The signature of "关于完善社区养老服务体系的建议" as first released.
const (
	goldenSig0   = 0x9ad6b64
	goldenSig1   = 0x2449cdac
	goldenSig127 = 0x9b1ccb6
	goldenBand0  = 0x9c779bddf0338242
	goldenBand41 = 0x9d6fa98c882cdd33
)

// TestSignatureStable pins the signature of a fixed text. Stored signatures and band hashes
// stay valid only while Sign and Bands compute exactly this; if this test fails after a
// change, every stored proposal must be signed again.
func TestSignatureStable(t *testing.T) {
	sig := Sign("关于完善社区养老服务体系的建议")
	got := []uint64{uint64(sig[0]), uint64(sig[1]), uint64(sig[127]), sig.Bands()[0], sig.Bands()[41]}
	want := []uint64{goldenSig0, goldenSig1, goldenSig127, goldenBand0, goldenBand41}
	if !slices.Equal(got, want) {
		t.Errorf("signature changed: got %#x, want %#x", got, want)
	}
}

func TestSignatureBinary(t *testing.T) {
	sig := Sign("关于完善社区养老服务体系的建议")
	b, _ := sig.MarshalBinary()
	var back Signature
	if err := back.UnmarshalBinary(b); err != nil || back != sig || len(b) != 512 {
		t.Errorf("round trip: %v, equal %v, %d bytes", err, back == sig, len(b))
	}
	if back.UnmarshalBinary(b[:100]) == nil {
		t.Error("a short blob must be refused")
	}
}

// TestBandChoice checks the S-curve promised in the NumBands comment.
func TestBandChoice(t *testing.T) {
	p := func(j float64) float64 { return 1 - math.Pow(1-math.Pow(j, BandRows), NumBands) }
	if NumBands*BandRows > NumHashes {
		t.Fatal("bands use more rows than the signature has")
	}
	if p(0.5) < 0.95 || p(0.1) > 0.05 {
		t.Errorf("P(candidate): J=0.5 %.3f, J=0.1 %.3f", p(0.5), p(0.1))
	}
}

// pairsOf returns pairs of texts from the corpus for checking the estimates: each proposal with
// a rewritten copy for each fraction of changed sentences, and with a random other one.
func pairsOf(rows []proposal, fracs ...float64) [][2]string {
	rng := rand.New(rand.NewPCG(3, 3))
	pool := sentencePool(rows)
	var pairs [][2]string
	for i, p := range rows {
		for _, f := range fracs {
			pairs = append(pairs, [2]string{p.Text(), perturb(p.Text(), f, pool, rng)})
		}
		j := (i + 1 + rng.IntN(len(rows)-1)) % len(rows)
		pairs = append(pairs, [2]string{p.Text(), rows[j].Text()})
	}
	return pairs
}

// TestEstimateAccuracy compares the signature estimate with the exact Jaccard similarity on
// real proposals and their rewritten copies. With 128 hashes the standard error is at most
// 0.044, so about 2% of estimates may miss by more than 0.1.
func TestEstimateAccuracy(t *testing.T) {
	pairs := pairsOf(loadCorpus(t), 0.1, 0.2, 0.3)
	var sumErr, maxErr float64
	within := 0
	for _, p := range pairs {
		d := math.Abs(Sign(p[0]).Similarity(Sign(p[1])) - Jaccard(p[0], p[1]))
		sumErr += d
		maxErr = max(maxErr, d)
		if d <= 0.1 {
			within++
		}
	}
	frac := float64(within) / float64(len(pairs))
	mean := sumErr / float64(len(pairs))
	t.Logf("%d pairs: %.1f%% within ±0.1, mean error %.4f, max %.3f", len(pairs), 100*frac, mean, maxErr)
	if frac < 0.97 || mean > 0.03 {
		t.Errorf("estimate too far from exact Jaccard: %.1f%% within ±0.1, mean error %.4f", 100*frac, mean)
	}
}

// shareBand reports whether two signatures are LSH candidates of each other.
func shareBand(a, b Signature) bool {
	ba, bb := a.Bands(), b.Bands()
	for i := range ba {
		if ba[i] == bb[i] {
			return true
		}
	}
	return false
}

// TestLSHRecall checks that pairs with exact Jaccard ≥ 0.5 share a band at least 95% of the
// time, and that unrelated proposals (exact Jaccard < 0.2) rarely do. Copies with 10 to 50% of
// their sentences changed spread the pairs over the S-curve; the log compares each stretch of
// it with the probability that NumBands promises.
func TestLSHRecall(t *testing.T) {
	pairs := pairsOf(loadCorpus(t), 0.1, 0.2, 0.3, 0.4, 0.5)
	edges := []float64{0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01}
	count := make([]int, len(edges)-1)
	shared := make([]int, len(edges)-1)
	for _, p := range pairs {
		j := Jaccard(p[0], p[1])
		k := 0
		for j >= edges[k+1] {
			k++
		}
		count[k]++
		if shareBand(Sign(p[0]), Sign(p[1])) {
			shared[k]++
		}
	}
	curve := func(j float64) float64 { return 1 - math.Pow(1-math.Pow(j, BandRows), NumBands) }
	near, found := 0, 0
	for k := range count {
		t.Logf("J in [%.1f, %.1f): %4d pairs, %4d candidates (S-curve at the lower edge %.3f)",
			edges[k], min(edges[k+1], 1), count[k], shared[k], curve(edges[k]))
		if edges[k] >= 0.5 {
			near += count[k]
			found += shared[k]
		}
	}
	recall := float64(found) / float64(near)
	t.Logf("recall on pairs with J ≥ 0.5: %d of %d (%.3f)", found, near, recall)
	if near < 500 || recall < 0.95 {
		t.Errorf("LSH recall %.3f on %d pairs, want ≥ 0.95", recall, near)
	}
	if float64(shared[0]) > 0.02*float64(count[0]) {
		t.Errorf("%d of %d unrelated pairs (J < 0.2) are candidates", shared[0], count[0])
	}
}

// TestNaturalNearDuplicates counts the pairs of real proposals whose texts overlap by half or
// more, the merge (并案) candidates a committee would see.
func TestNaturalNearDuplicates(t *testing.T) {
	rows := loadCorpus(t)
	sets := make([][]uint64, len(rows))
	sigs := make([]Signature, len(rows))
	for i, p := range rows {
		sets[i] = shingleSet(p.Text(), ShingleSize)
		sigs[i] = Sign(p.Text())
	}
	var all []float64
	pairs, found := 0, 0
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			jac := jaccardSets(sets[i], sets[j])
			all = append(all, jac)
			if jac >= 0.5 {
				pairs++
				if shareBand(sigs[i], sigs[j]) {
					found++
				}
				t.Logf("proposals %s and %s (%s): Jaccard %.3f, estimate %.3f",
					rows[i].Number, rows[j].Number, rows[i].Category, jac, sigs[i].Similarity(sigs[j]))
			}
		}
	}
	slices.Sort(all)
	t.Logf("%d pairs with Jaccard ≥ 0.5 among %d proposals; all pairs: median %.3f, 99.9th percentile %.3f",
		pairs, len(rows), all[len(all)/2], all[len(all)*999/1000])
	if found != pairs {
		t.Errorf("LSH found %d of the %d natural near-duplicate pairs", found, pairs)
	}
}

// TestShingleSizeTable prints the table behind ShingleSize: how alike unrelated proposals and
// rewritten copies look for each shingle length. It takes seconds, so it runs only with
// TEXTSIM_TUNE=1.
func TestShingleSizeTable(t *testing.T) {
	if os.Getenv("TEXTSIM_TUNE") == "" {
		t.Skip("set TEXTSIM_TUNE=1 to print the shingle size table")
	}
	rows := loadCorpus(t)
	pool := sentencePool(rows)
	for k := 2; k <= 5; k++ {
		sets := make([][]uint64, len(rows))
		for i, p := range rows {
			sets[i] = shingleSet(p.Text(), k)
		}
		var bg, cp []float64
		for i := range rows {
			for j := i + 1; j < len(rows); j++ {
				bg = append(bg, jaccardSets(sets[i], sets[j]))
			}
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for i, p := range rows {
			cp = append(cp, jaccardSets(sets[i], shingleSet(perturb(p.Text(), 0.3, pool, rng), k)))
		}
		slices.Sort(bg)
		slices.Sort(cp)
		t.Logf("k=%d  unrelated median %.3f, 99.9th percentile %.3f  copies (30%% changed) 5th percentile %.2f, median %.2f",
			k, bg[len(bg)/2], bg[len(bg)*999/1000], cp[len(cp)/20], cp[len(cp)/2])
	}
}
