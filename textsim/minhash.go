package textsim

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"unicode/utf8"
)

// The MinHash parameters. They are part of every stored signature and band: changing any of
// them, the hash functions below or the character folding of Tokens invalidates what the
// store holds, so such a change needs a migration that signs every proposal again
// (TestSignatureStable fails to say so). Signatures use integer arithmetic only and are the
// same on every platform; a Go release with a newer Unicode version could reclassify only
// characters that were unassigned before.
const (
	// ShingleSize is the length of a shingle in characters, chosen on the 436 Jiangsu
	// proposals of 2019 (TestShingleSizeTable): exact Jaccard similarity of unrelated pairs
	// (median / 99.9th percentile) against copies with 30% of their sentences deleted or
	// replaced (5th percentile / median).
	//
	//	k   unrelated        copies
	//	2   0.045 / 0.100    0.51 / 0.62
	//	3   0.009 / 0.037    0.49 / 0.59
	//	4   0.003 / 0.020    0.48 / 0.58
	//	5   0.001 / 0.012    0.47 / 0.57
	//
	// Two characters put common words (发展, 建设) into every set and lift the background that
	// LSH has to wade through; from three on, the background is far below any threshold of
	// interest and longer shingles only make copies look less alike.
	ShingleSize = 3
	// NumHashes is the number of hash functions, the length of a Signature. The standard
	// error of the Jaccard estimate is sqrt(J(1-J)/128), at most 0.044.
	NumHashes = 128
	// BandRows and NumBands split the signature for locality-sensitive hashing: two texts
	// become candidates when all rows of at least one band agree, which happens with
	// probability 1-(1-J^3)^42 for Jaccard similarity J:
	//
	//	J     0.05   0.10   0.20   0.30   0.40   0.50   0.60   0.70
	//	P    0.005  0.041  0.286  0.683  0.938  0.996  1.000  1.000
	//
	// Rows of 3 are the longest that find pairs with J ≥ 0.5 at least 95% of the time within
	// 128 hashes: 32 bands of 4 find only 87% of them, 16 of 8 only 6%. 23 bands of 3 would
	// be enough for 95% at 0.5; 42, the most that fit, also catch 94% of pairs at 0.4 (a
	// reviewer may well want to see those), at the price of 42 rows per proposal in the band
	// table and more candidates around 0.2. Such pairs are rare — unrelated proposals share
	// under 4% of their shingles — and verification against the full signature drops them:
	// among a million texts a query meets about 100 candidates. The last two hashes belong
	// to no band.
	BandRows = 3
	NumBands = 42
)

// Signature is the MinHash signature of a text: for each of NumHashes hash functions, the
// least hash value over the text's shingles. The fraction of positions at which two
// signatures agree estimates the Jaccard similarity of the two shingle sets.
//
// Values are 32 bits: two different shingles share a minimum by accident with probability
// 2^-32, far below the estimator's own error, while 64 bits would double the 512-byte blob
// stored per proposal and the memory of an in-memory index without improving any estimate.
// A text without letters or digits has the empty signature (every value 0xFFFFFFFF), which
// is similar to nothing.
type Signature [NumHashes]uint32

// hashMul and hashAdd are the multipliers (odd) and addends of the multiply-add-shift hash family
// h_i(x) = (a_i·x + b_i) >> 32, drawn from splitmix64 with a fixed seed so that they are the
// same on every run and platform.
var hashMul, hashAdd = func() (mul, add [NumHashes]uint64) {
	state := uint64(0x6c767a68692d7368) // "lvzhi-sh": any constant works; it must never change
	for i := range NumHashes {
		state += 0x9e3779b97f4a7c15
		mul[i] = mix64(state) | 1
		state += 0x9e3779b97f4a7c15
		add[i] = mix64(state)
	}
	return mul, add
}()

// mix64 is the splitmix64 finaliser: it spreads every input bit over the whole word, which
// FNV-1a alone does not do for short inputs, and multiply-shift hashing needs well-mixed keys.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// shingleHashes returns the 64-bit hash (FNV-1a of the UTF-8 bytes, then mix64) of every
// k-character shingle of s, repeats included. Characters are folded as for Tokens and
// everything but letters and digits is dropped first, so that punctuation, line breaks and
// spacing do not make copies differ. A non-empty text shorter than k is one shingle.
func shingleHashes(s string, k int) []uint64 {
	buf := make([]byte, 0, len(s))     // the kept, folded characters
	starts := make([]int, 0, len(s)/2) // byte offset of each character in buf
	for _, r := range s {
		r = fold(r)
		if c := classOf(r); c == cjk || c == word {
			starts = append(starts, len(buf))
			buf = utf8.AppendRune(buf, r)
		}
	}
	n := len(starts)
	if n == 0 {
		return nil
	}
	starts = append(starts, len(buf))
	if n < k {
		return []uint64{mix64(fnv1a(buf))}
	}
	out := make([]uint64, 0, n-k+1)
	for i := 0; i+k <= n; i++ {
		out = append(out, mix64(fnv1a(buf[starts[i]:starts[i+k]])))
	}
	return out
}

// fnv1a is the 64-bit FNV-1a hash.
func fnv1a(b []byte) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, c := range b {
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return h
}

// Sign returns the MinHash signature of text over its ShingleSize-character shingles.
func Sign(text string) Signature {
	return signHashes(shingleHashes(text, ShingleSize))
}

// signHashes computes the signature of a set of shingle hashes.
func signHashes(hs []uint64) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, x := range hs {
		for i := range sig {
			if v := uint32((hashMul[i]*x + hashAdd[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// IsEmpty reports whether s is the signature of a text without letters or digits.
func (s Signature) IsEmpty() bool {
	for _, v := range s {
		if v != math.MaxUint32 {
			return false
		}
	}
	return true
}

// Similarity estimates the Jaccard similarity of the two texts' shingle sets as the fraction
// of hash functions whose minima agree. It is 0 when either signature is empty.
func (s Signature) Similarity(o Signature) float64 {
	if s.IsEmpty() || o.IsEmpty() {
		return 0
	}
	return float64(agree(&s, &o)) / NumHashes
}

// agree counts the positions at which two signatures hold the same value.
func agree(a, b *Signature) int {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return n
}

// Bands returns the NumBands LSH band hashes of s; band i hashes rows i·BandRows up to
// (i+1)·BandRows together with i, so equal hashes in different bands never meet. Two texts
// are near-duplicate candidates when they share a band hash. The store keeps them in a table
// (proposal_id, band_no, band_hash) with an index on (band_no, band_hash); SQLite and
// PostgreSQL have signed 64-bit integers, so store int64(hash). An empty signature has no
// bands: a text without content is nobody's duplicate.
func (s Signature) Bands() []uint64 {
	if s.IsEmpty() {
		return nil
	}
	out := make([]uint64, NumBands)
	for b := range NumBands {
		out[b] = s.band(b)
	}
	return out
}

// band returns the hash of band b.
func (s *Signature) band(b int) uint64 {
	h := mix64(uint64(b) + 0x9e3779b97f4a7c15)
	for _, v := range s[b*BandRows : (b+1)*BandRows] {
		h = mix64(h ^ uint64(v))
	}
	return h
}

// MarshalBinary returns the signature as 512 bytes, little-endian, for a BLOB column.
func (s Signature) MarshalBinary() ([]byte, error) {
	out := make([]byte, 0, 4*NumHashes)
	for _, v := range s {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return out, nil
}

// UnmarshalBinary reads a signature written by MarshalBinary.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) != 4*NumHashes {
		return errors.New("textsim: signature blob is not 512 bytes")
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return nil
}

// Jaccard returns the exact Jaccard similarity of the shingle sets of a and b: the size of
// their intersection divided by the size of their union, 0 when both are empty. It is for
// verifying candidates and for the side-by-side view of two proposals; it costs a sort of
// both texts' shingles, where comparing signatures costs 128 comparisons.
func Jaccard(a, b string) float64 {
	return jaccardSets(shingleSet(a, ShingleSize), shingleSet(b, ShingleSize))
}

// shingleSet returns the distinct shingle hashes of s, sorted.
func shingleSet(s string, k int) []uint64 {
	hs := shingleHashes(s, k)
	slices.Sort(hs)
	return slices.Compact(hs)
}

// jaccardSets computes the Jaccard similarity of two sorted sets by merging them.
func jaccardSets(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
