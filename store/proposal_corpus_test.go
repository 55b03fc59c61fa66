package store

// The store on real proposals: the 436 proposals of the Jiangsu provincial committee, 2019
// (../shared/data/, see its README), read at run time and never copied into code. The tests
// skip when the folder is absent.

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/textsim"
)

const jiangsuCSV = "../../shared/data/proposals-jiangsu-2019/proposals.csv"

// csvProposal is one row of the Jiangsu file.
type csvProposal struct {
	Proposer, Title, Category, Body string
}

// readJiangsu reads the Jiangsu proposals, or skips the test when the file is absent.
func readJiangsu(t testing.TB) []csvProposal {
	t.Helper()
	f, err := os.Open(jiangsuCSV)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent: the test on real proposals is skipped", jiangsuCSV)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", jiangsuCSV, err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, name := range []string{"personnel_name", "reason", "type", "content"} {
		if _, ok := col[name]; !ok {
			t.Fatalf("%s has no column %s", jiangsuCSV, name)
		}
	}
	var out []csvProposal
	for _, r := range rows[1:] {
		out = append(out, csvProposal{Proposer: r[col["personnel_name"]], Title: r[col["reason"]], Category: r[col["type"]], Body: r[col["content"]]})
	}
	return out
}

// loadJiangsu writes the proposals into session 3 of the city as the system would import
// them: each created for member 0, signed with the published proposer's name, and submitted.
func loadJiangsu(t testing.TB, pf *propFixture, rows []csvProposal) []lvzhi.Proposal {
	t.Helper()
	sys := lvzhi.System(pf.City)
	var out []lvzhi.Proposal
	for i, r := range rows {
		p, err := pf.st.CreateProposal(pf.ctx, sys, lvzhi.Proposal{SessionID: pf.Session, Kind: lvzhi.ProposalIndividual,
			ProposerID: pf.Members[0].ID, ProposerName: r.Proposer, Title: r.Title, Category: r.Category, Body: r.Body})
		if err != nil {
			t.Fatalf("row %d %q: create: %v (fields %v)", i+1, r.Title, err, lvzhi.ErrorFields(err))
		}
		if p, err = pf.st.ActProposal(pf.ctx, sys, p.ID, "submit", lvzhi.ProposalActionInput{}); err != nil {
			t.Fatalf("row %d %q: submit: %v (fields %v)", i+1, r.Title, err, lvzhi.ErrorFields(err))
		}
		out = append(out, p)
	}
	return out
}

// TestProposalJiangsuCorpus loads the 436 real proposals, then checks full-text search
// against a plain substring count and reports the natural near-duplicates.
func TestProposalJiangsuCorpus(t *testing.T) {
	rows := readJiangsu(t)
	if len(rows) != 436 {
		t.Fatalf("%d rows, want 436", len(rows))
	}
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		began := time.Now()
		ps := loadJiangsu(t, pf, rows)
		t.Logf("loaded %d proposals (create + submit) in %v", len(ps), time.Since(began).Round(time.Millisecond))
		staff := pf.staff

		// Search: a two-character word finds exactly the proposals whose title or text has it.
		for _, q := range []string{"养老", "教育", "医疗", "农村", "人才", "环境", "5G"} {
			want := map[int64]bool{}
			for i, r := range rows {
				if strings.Contains(strings.ToLower(r.Title+"\n"+r.Body), strings.ToLower(q)) {
					want[ps[i].ID] = true
				}
			}
			began := time.Now()
			got, total := pf.list(t, staff, lvzhi.ProposalFilter{Q: q, Paging: lvzhi.Paging{PerPage: 500}})
			took := time.Since(began)
			var extra, missing []string
			gotIDs := map[int64]bool{}
			for _, p := range got {
				gotIDs[p.ID] = true
				if !want[p.ID] {
					extra = append(extra, p.Title)
				}
			}
			for i, p := range ps {
				if want[p.ID] && !gotIDs[p.ID] {
					missing = append(missing, rows[i].Title)
				}
			}
			t.Logf("search %q: %d found, %d contain it, in %v", q, total, len(want), took.Round(time.Microsecond))
			if q == "养老" && (total != len(want) || len(extra)+len(missing) > 0) {
				t.Errorf("search %q: total %d, %d proposals contain it; extra %v, missing %v", q, total, len(want), extra, missing)
			}
			if len(missing) > 0 { // the index never misses a two-character word
				t.Errorf("search %q misses %d proposals that contain it: %v", q, len(missing), missing)
			}
			if len(extra) > 0 { // only a word split by a line break (社会\n发展) may add one
				for _, title := range extra {
					i := slices.IndexFunc(rows, func(r csvProposal) bool { return r.Title == title })
					joined := strings.Join(strings.Fields(rows[i].Title+rows[i].Body), "")
					if !strings.Contains(strings.ToLower(joined), strings.ToLower(q)) && !strings.Contains(rows[i].Proposer, q) {
						t.Errorf("search %q finds %q, which does not contain it even across line breaks", q, title)
					}
				}
			}
		}
		one, total := pf.list(t, staff, lvzhi.ProposalFilter{Q: "养", Paging: lvzhi.Paging{PerPage: 500}})
		t.Logf("search \"养\" (one character, a prefix query): %d found", total)
		if total < 50 || len(one) != total {
			t.Errorf("one-character search 养: %d (page %d), want at least the 养老 ones", total, len(one))
		}

		// Near-duplicates. First by brute force over all signatures, then as the store finds
		// them: every proposal's text asked against the others (under -race a sample: the
		// proposals of the brute-force pairs and every 40th).
		type pair struct{ a, b int64 }
		sigs := make([]textsim.Signature, len(ps))
		for i, p := range ps {
			sigs[i] = textsim.Sign(p.Title + "\n" + p.Body)
		}
		brute := map[pair]float64{}
		inPair := map[int64]bool{}
		for i := range ps {
			for j := i + 1; j < len(ps); j++ {
				if s := sigs[i].Similarity(sigs[j]); s >= 0.5 {
					brute[pair{ps[i].ID, ps[j].ID}] = s
					inPair[ps[i].ID], inPair[ps[j].ID] = true, true
				}
			}
		}
		found := map[pair]float64{}
		asked := 0
		began = time.Now()
		for i, p := range ps {
			if raceEnabled && !inPair[p.ID] && i%40 != 0 {
				continue
			}
			asked++
			sim, err := st.SimilarProposals(pf.ctx, staff, p.Title+"\n"+p.Body, p.ID, 0.5, 20)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range sim {
				k := pair{min(p.ID, s.Proposal.ID), max(p.ID, s.Proposal.ID)}
				if old, ok := found[k]; ok && old != s.Similarity {
					t.Errorf("pair %v: similarity %v one way, %v the other", k, old, s.Similarity)
				}
				found[k] = s.Similarity
			}
		}
		perQuery := time.Since(began) / time.Duration(asked)
		byID := map[int64]lvzhi.Proposal{}
		for _, p := range ps {
			byID[p.ID] = p
		}
		var lines []string
		for k, s := range found {
			lines = append(lines, fmt.Sprintf("%.2f  %s / %s", s, byID[k.a].Title, byID[k.b].Title))
			if _, ok := brute[k]; !ok {
				t.Errorf("pair %v found with %.2f but brute force says below 0.5", k, s)
			}
		}
		sort.Sort(sort.Reverse(sort.StringSlice(lines)))
		missed := 0
		for k := range brute {
			if _, ok := found[k]; !ok {
				missed++
			}
		}
		t.Logf("near-duplicate pairs with similarity ≥ 0.5: %d found by SimilarProposals (%d proposals asked), %d by brute force (missed %d); %v per query",
			len(found), asked, len(brute), missed, perQuery.Round(time.Microsecond))
		for _, l := range lines {
			t.Log("  " + l)
		}
		if len(brute) > 0 && float64(missed) > 0.05*float64(len(brute)) {
			t.Errorf("LSH missed %d of %d pairs with similarity ≥ 0.5", missed, len(brute))
		}
	})
}
