package textsim

import (
	"math"
	"testing"
)

func TestSuggest(t *testing.T) {
	s := NewSuggester([]Labeled{
		{ID: 1, Text: "关于完善社区养老服务体系的建议", Labels: []string{"社会事业", "unit:民政厅"}},
		{ID: 2, Text: "加快居家养老服务设施建设", Labels: []string{"社会事业", "unit:民政厅", "unit:民政厅"}},
		{ID: 3, Text: "推进中小学课后服务工作", Labels: []string{"教育事业", "unit:教育厅"}},
		{ID: 4, Text: "加强高校科研成果转化", Labels: []string{"科学技术", "unit:科技厅"}},
	})
	got := s.Suggest("发展社区居家养老服务", 2)
	if len(got) < 2 || got[0].Label != "unit:民政厅" || got[1].Label != "社会事业" ||
		math.Abs(got[0].Score-1) > 1e-9 {
		t.Fatalf("got %v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("not sorted: %v", got)
		}
	}
	got = s.SuggestExcept("关于完善社区养老服务体系的建议", 1, 1)
	if len(got) == 0 || got[0].Label != "unit:民政厅" {
		t.Errorf("excluding the text itself: got %v", got)
	}
	if got := s.Suggest("量子计算", 3); got != nil {
		t.Errorf("a text sharing no token: got %v", got)
	}
	if got := s.Suggest("养老服务", 0); got != nil {
		t.Errorf("k = 0: got %v", got)
	}
	if got := NewSuggester(nil).Suggest("养老服务", 3); got != nil {
		t.Errorf("no history: got %v", got)
	}
}

// TestSuggestCategory measures leave-one-out accuracy of category suggestion on the real
// proposals: each proposal's category is suggested from the other 435. The floors sit well
// below what was measured (see Suggester) and only catch a broken suggester.
func TestSuggestCategory(t *testing.T) {
	rows := loadCorpus(t)
	hist := make([]Labeled, len(rows))
	biggest := map[string]int{}
	for i, p := range rows {
		hist[i] = Labeled{ID: int64(i), Text: p.Text(), Labels: []string{p.Category}}
		biggest[p.Category]++
	}
	s := NewSuggester(hist)
	top1, top3 := 0, 0
	for i, p := range rows {
		for rank, sg := range s.SuggestExcept(p.Text(), SuggestK, int64(i)) {
			if rank < 3 && sg.Label == p.Category {
				top3++
				if rank == 0 {
					top1++
				}
			}
		}
	}
	base := 0
	for _, n := range biggest {
		base = max(base, n)
	}
	n := float64(len(rows))
	t.Logf("k=%d: top-1 %.3f, top-3 %.3f over %d proposals in %d categories (largest category %.3f)",
		SuggestK, float64(top1)/n, float64(top3)/n, len(rows), len(biggest), float64(base)/n)
	if float64(top1)/n < 0.5 || float64(top3)/n < 0.75 {
		t.Errorf("suggestion accuracy fell: top-1 %.3f, top-3 %.3f", float64(top1)/n, float64(top3)/n)
	}
}
