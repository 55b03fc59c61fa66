package textsim

import (
	"cmp"
	"slices"
	"sync"
)

// Match is one near-duplicate found by Index.Similar.
type Match struct {
	ID         int64
	Similarity float64 // estimated Jaccard similarity, from the signatures
}

// Index is an in-memory near-duplicate index: the MinHash signatures of a set of texts, with
// their LSH bands in hash buckets. The store does the same with a band table in the database;
// Index serves tests, benchmarks and callers that hold a committee's proposals in memory.
//
// An Index is safe for concurrent use: Add and Grow take a write lock, Similar a read lock,
// so lookups run in parallel with each other and wait only while a text is being added.
//
// Memory is about 860 bytes per text: the 512-byte signature, and for each of the 42 bands a
// bucket head and a chain link of 4 bytes each. Measured with a million texts: 824 MB of heap
// (1.7 GB peak while building), and one check of a new text (Sign, lookup, verification of
// about 100 candidates) in 0.4 ms, most of it spent in Sign.
type Index struct {
	mu   sync.RWMutex
	ids  []int64
	sigs []Signature
	// heads[b*nBuckets + h&mask] is 1 + the newest entry whose band b hashes to h's bucket,
	// 0 when there is none; next[e*NumBands + b] is 1 + the entry before e in the same
	// bucket of band b. Chained buckets in flat int32 slices cost 8 bytes per text and band
	// and no allocation per bucket; a Go map from band hash to a slice of entries would take
	// several times that for a million texts.
	heads    []int32
	next     []int32
	nBuckets int
}

// minBuckets is the bucket count of an empty index; it doubles as texts are added.
const minBuckets = 1 << 10

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{}
}

// Len returns the number of texts added.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.ids)
}

// Grow makes room for n more texts, so that building a large index does not copy its
// signatures and rehash its buckets again and again.
func (x *Index) Grow(n int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.ids = slices.Grow(x.ids, n)
	x.sigs = slices.Grow(x.sigs, n)
	x.next = slices.Grow(x.next, n*NumBands)
	x.rehash(len(x.ids) + n)
}

// Add signs text and adds it under id. Ids are not checked for uniqueness: adding an id twice
// makes it a match twice.
func (x *Index) Add(id int64, text string) {
	x.AddSignature(id, Sign(text))
}

// AddSignature adds a text by its signature, for callers that keep signatures (the store, or
// a bulk build that signs in parallel). An empty signature is kept but put in no bucket.
func (x *Index) AddSignature(id int64, sig Signature) {
	x.mu.Lock()
	defer x.mu.Unlock()
	e := len(x.ids)
	x.ids = append(x.ids, id)
	x.sigs = append(x.sigs, sig)
	x.next = append(x.next, make([]int32, NumBands)...)
	if len(x.ids) > x.nBuckets {
		x.rehash(len(x.ids)) // also links the new entry
		return
	}
	x.link(e)
}

// link puts entry e into the bucket of each of its bands.
func (x *Index) link(e int) {
	sig := &x.sigs[e]
	if sig.IsEmpty() {
		return
	}
	mask := uint64(x.nBuckets - 1)
	for b := range NumBands {
		slot := b*x.nBuckets + int(sig.band(b)&mask)
		x.next[e*NumBands+b] = x.heads[slot]
		x.heads[slot] = int32(e + 1)
	}
}

// rehash rebuilds the buckets with at least n buckets (a power of two), keeping the load at
// most one entry per bucket so that chains stay short.
func (x *Index) rehash(n int) {
	nb := max(minBuckets, x.nBuckets)
	for nb < n {
		nb *= 2
	}
	if nb == x.nBuckets {
		return
	}
	x.nBuckets = nb
	x.heads = make([]int32, NumBands*nb)
	for e := range x.ids {
		x.link(e)
	}
}

// Similar signs text and returns the indexed texts whose estimated similarity to it is at
// least minSim, most similar first (ties by id), at most limit of them (all when limit ≤ 0).
// Only LSH candidates are verified, so a text below about 0.3 is found only by chance (see
// NumBands); set minSim at or above that.
func (x *Index) Similar(text string, minSim float64, limit int) []Match {
	return x.SimilarSignature(Sign(text), minSim, limit)
}

// SimilarSignature is Similar for a text already signed.
func (x *Index) SimilarSignature(sig Signature, minSim float64, limit int) []Match {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var out []Match
	for _, e := range x.candidates(&sig) {
		if s := sig.Similarity(x.sigs[e]); s >= minSim {
			out = append(out, Match{ID: x.ids[e], Similarity: s})
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Candidates returns the number of LSH candidates of sig before verification: a measure of
// how much work Similar does, for tests and benchmarks.
func (x *Index) Candidates(sig Signature) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.candidates(&sig))
}

// candidates returns the distinct entries that share at least one band with sig. Entries in
// a bucket are compared row by row, so a bucket shared by different bands' hashes (the mask
// keeps only the low bits) yields no false candidates.
func (x *Index) candidates(sig *Signature) []int32 {
	if x.nBuckets == 0 || sig.IsEmpty() {
		return nil
	}
	mask := uint64(x.nBuckets - 1)
	var out []int32
	for b := range NumBands {
		rows := sig[b*BandRows : (b+1)*BandRows]
		for e := x.heads[b*x.nBuckets+int(sig.band(b)&mask)]; e != 0; e = x.next[int(e-1)*NumBands+b] {
			if slices.Equal(x.sigs[e-1][b*BandRows:(b+1)*BandRows], rows) {
				out = append(out, e-1)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
