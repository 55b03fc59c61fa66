package textsim

import (
	"cmp"
	"math"
	"slices"
)

// Labeled is an earlier text with the labels it was given: for a proposal, its category and
// the units that handled it. Labels of different kinds share one list; a prefix such as
// "unit:" keeps them apart if the caller needs to (Suggest scores each string on its own).
type Labeled struct {
	ID     int64
	Text   string
	Labels []string
}

// Suggestion is a label proposed for a new text, with the share of the neighbours' weight
// that carries it: 1 when every neighbour has it, in proportion to their similarity otherwise.
type Suggestion struct {
	Label string
	Score float64
}

// Suggester proposes labels for a new text from the labels of the most similar earlier texts.
// Similarity is the cosine of TF-IDF vectors over the Tokens bigrams: topic similarity, which
// MinHash shingles (made for near-copies) do not measure. A Suggester is immutable once built
// and safe for concurrent use.
//
// Measured on the 436 Jiangsu proposals of 2019 (title and text, 14 categories), leaving each
// one out in turn with k = SuggestK: the right category is the first suggestion for 66% and
// among the first three for 87%, against 18% for always suggesting the largest category.
// One suggestion against those 436 texts takes under 1 ms (building takes 0.25 s); common
// bigrams occur in most texts, so the cost grows in proportion to the history.
type Suggester struct {
	terms    map[string]int32 // token → term number
	idf      []float64        // by term number
	postings [][]posting      // by term number: the texts holding it, with their weight
	ids      []int64
	labels   [][]string
}

// SuggestK is the number of neighbours that vote, chosen on the Jiangsu proposals: top-1
// accuracy is flat (65–66%) from 5 to 20 neighbours and best at 10, top-3 rises from 84% at 5
// to 87% at 10 and 89% at 15–20, and one neighbour alone gets 61%. Repeating the title to
// weigh it more, or squaring the similarities in the vote, moved either figure by under one
// point.
const SuggestK = 10

// posting is one text's normalised TF-IDF weight for a term.
type posting struct {
	doc    int32
	weight float32
}

// NewSuggester builds a suggester from the committee's history. It keeps the labels and the
// weights, not the texts.
func NewSuggester(history []Labeled) *Suggester {
	s := &Suggester{terms: map[string]int32{}}
	counts := make([]map[int32]int, len(history))
	var df []int
	for d, h := range history {
		c := map[int32]int{}
		for _, tok := range Tokens(h.Text) {
			t, ok := s.terms[tok]
			if !ok {
				t = int32(len(df))
				s.terms[tok] = t
				df = append(df, 0)
			}
			if c[t] == 0 {
				df[t]++
			}
			c[t]++
		}
		counts[d] = c
		s.ids = append(s.ids, h.ID)
		// Sorted and without repeats, so that a label listed twice does not vote twice.
		s.labels = append(s.labels, slices.Compact(slices.Sorted(slices.Values(h.Labels))))
	}
	n := float64(len(history))
	s.idf = make([]float64, len(df))
	for t, f := range df {
		// Smoothed IDF: a term in every text still weighs a little, none weighs infinitely.
		s.idf[t] = math.Log((n+1)/(float64(f)+1)) + 1
	}
	s.postings = make([][]posting, len(df))
	for d, c := range counts {
		for _, tw := range s.weigh(c) {
			s.postings[tw.term] = append(s.postings[tw.term], posting{doc: int32(d), weight: float32(tw.weight)})
		}
	}
	return s
}

// termWeight is one component of a TF-IDF vector.
type termWeight struct {
	term   int32
	weight float64
}

// weigh turns token counts into a unit-length TF-IDF vector, ordered by term so that sums
// over it, and with them the scores and the order of equal ones, are the same on every run.
// Term frequency is damped (1 + ln tf) so that a long text repeating its topic word does not
// drown the rest.
func (s *Suggester) weigh(c map[int32]int) []termWeight {
	vec := make([]termWeight, 0, len(c))
	for t, f := range c {
		vec = append(vec, termWeight{t, (1 + math.Log(float64(f))) * s.idf[t]})
	}
	slices.SortFunc(vec, func(a, b termWeight) int { return cmp.Compare(a.term, b.term) })
	var norm float64
	for _, tw := range vec {
		norm += tw.weight * tw.weight
	}
	norm = math.Sqrt(norm)
	for i := range vec {
		vec[i].weight /= norm
	}
	return vec
}

// Suggest returns the labels of the k earlier texts most similar to text, each scored by the
// similarity-weighted share of those neighbours that carry it, best first (ties by label).
// It returns nothing when text shares no token with the history.
func (s *Suggester) Suggest(text string, k int) []Suggestion {
	return s.suggest(text, k, nil)
}

// SuggestExcept is Suggest that ignores the history entries with id exclude: for labelling
// again a text that is itself in the history, and for leave-one-out evaluation. The term
// weights still count the excluded text, which changes them only slightly.
func (s *Suggester) SuggestExcept(text string, k int, exclude int64) []Suggestion {
	return s.suggest(text, k, &exclude)
}

// suggest serves Suggest and SuggestExcept; exclude is nil for none.
func (s *Suggester) suggest(text string, k int, exclude *int64) []Suggestion {
	c := map[int32]int{}
	for _, tok := range Tokens(text) {
		if t, ok := s.terms[tok]; ok {
			c[t]++
		}
	}
	if len(c) == 0 || k <= 0 {
		return nil
	}
	// Accumulate dot products through the postings: only texts sharing a term are touched.
	scores := make([]float32, len(s.ids))
	for _, tw := range s.weigh(c) {
		for _, p := range s.postings[tw.term] {
			scores[p.doc] += float32(tw.weight) * p.weight
		}
	}
	type neighbour struct {
		doc int
		sim float32
	}
	var nn []neighbour
	for d, sim := range scores {
		if sim > 0 && (exclude == nil || s.ids[d] != *exclude) {
			nn = append(nn, neighbour{d, sim})
		}
	}
	slices.SortFunc(nn, func(a, b neighbour) int {
		if c := cmp.Compare(b.sim, a.sim); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	nn = nn[:min(k, len(nn))]
	// Weighted vote: a close neighbour counts more than the k-th, so a label carried by
	// the two nearest texts can beat one carried by three distant ones.
	votes := map[string]float64{}
	var total float64
	for _, n := range nn {
		total += float64(n.sim)
		for _, l := range s.labels[n.doc] {
			votes[l] += float64(n.sim)
		}
	}
	out := make([]Suggestion, 0, len(votes))
	for l, v := range votes {
		out = append(out, Suggestion{Label: l, Score: v / total})
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Label, b.Label)
	})
	return out
}
