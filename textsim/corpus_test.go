package textsim

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
)

// corpusPath is the shared folder of real texts, relative to this package. Its files are
// test fixtures that must not be committed or copied into code (../shared/data/README.md).
const corpusPath = "../../shared/data/proposals-jiangsu-2019/proposals.csv"

// proposal is one row of the corpus, with the columns the tests use.
type proposal struct {
	Number   string // proposal_number
	Title    string // reason (案由)
	Category string // type
	Content  string
}

// Text is what the tests sign, index and classify: title and body, as a proposal is written.
func (p proposal) Text() string { return p.Title + "\n" + p.Content }

var (
	corpusOnce sync.Once
	corpusRows []proposal
	corpusErr  error
)

// loadCorpus reads the 436 proposals once per test binary, or skips the test when the shared
// data folder is absent (a checkout without it must still pass go test ./...).
func loadCorpus(tb testing.TB) []proposal {
	tb.Helper()
	corpusOnce.Do(func() {
		f, err := os.Open(corpusPath)
		if err != nil {
			corpusErr = err
			return
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			corpusErr = err
			return
		}
		col := map[string]int{}
		for i, name := range recs[0] {
			col[name] = i
		}
		for _, r := range recs[1:] {
			corpusRows = append(corpusRows, proposal{
				Number:   r[col["proposal_number"]],
				Title:    r[col["reason"]],
				Category: r[col["type"]],
				Content:  r[col["content"]],
			})
		}
	})
	if errors.Is(corpusErr, fs.ErrNotExist) {
		tb.Skipf("corpus absent (%s): skipping the test on real proposals", corpusPath)
	}
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpusRows
}

// sentences cuts a text after each sentence-ending mark, keeping the mark. Line breaks are
// not boundaries: the corpus wraps lines in the middle of sentences.
func sentences(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if strings.ContainsRune("。！？；!?", r) {
			end := i + len(string(r))
			if t := strings.TrimSpace(s[start:end]); t != "" {
				out = append(out, t)
			}
			start = end
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// perturb makes a near-duplicate of text the way a second proposer rewrites a first one: it
// changes a fraction frac of the sentences (half deleted, half replaced by sentences drawn from
// pool, i.e. from other proposals) and then reorders paragraphs (blocks of four sentences).
func perturb(text string, frac float64, pool []string, rng *rand.Rand) string {
	ss := sentences(text)
	n := int(frac*float64(len(ss)) + 0.5)
	for _, i := range rng.Perm(len(ss))[:n] {
		if rng.IntN(2) == 0 {
			ss[i] = ""
		} else {
			ss[i] = pool[rng.IntN(len(pool))]
		}
	}
	var paras [][]string
	for i := 0; i < len(ss); i += 4 {
		paras = append(paras, ss[i:min(i+4, len(ss))])
	}
	rng.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(strings.Join(p, ""))
		b.WriteString("\n")
	}
	return b.String()
}

// sentencePool returns every sentence of the corpus, for perturbation and synthetic texts.
func sentencePool(rows []proposal) []string {
	var pool []string
	for _, p := range rows {
		pool = append(pool, sentences(p.Content)...)
	}
	return pool
}
