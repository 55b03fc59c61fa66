package textdiff

import (
	"math/rand"
	"strings"
	"testing"
)

// apply rebuilds both texts from a diff: the old from Equal and Delete, the new from Equal
// and Insert.
func apply(ops []Op) (old, new string) {
	var a, b strings.Builder
	for _, op := range ops {
		if op.Kind != Insert {
			a.WriteString(op.Text)
		}
		if op.Kind != Delete {
			b.WriteString(op.Text)
		}
	}
	return a.String(), b.String()
}

func TestDiffMarksTheEditorsChanges(t *testing.T) {
	old := "我市部分老旧小区加装电梯难,群众反映强烈。建议简化审批。"
	new := "我市老旧小区加装电梯推进难,群众反映强烈。建议简化审批流程,加大补贴。"
	ops := Diff(old, new)
	want := []Op{
		{Equal, "我市"}, {Delete, "部分"}, {Equal, "老旧小区加装电梯"}, {Insert, "推进"},
		{Equal, "难,群众反映强烈。建议简化审批"}, {Insert, "流程,加大补贴"}, {Equal, "。"},
	}
	if len(ops) != len(want) {
		t.Fatalf("ops = %v, want %v", ops, want)
	}
	for i := range ops {
		if ops[i] != want[i] {
			t.Errorf("op %d = %v, want %v", i, ops[i], want[i])
		}
	}
	if d, i := Changed(ops); d != 2 || i != 9 {
		t.Errorf("Changed = %d deleted, %d inserted; want 2, 9", d, i)
	}
}

func TestDiffEdgeCases(t *testing.T) {
	cases := []struct {
		old, new string
		want     []Op
	}{
		{"", "", nil},
		{"同一段文字", "同一段文字", []Op{{Equal, "同一段文字"}}},
		{"", "新增", []Op{{Insert, "新增"}}},
		{"删除", "", []Op{{Delete, "删除"}}},
		{"甲乙丙", "丁戊", []Op{{Delete, "甲乙丙"}, {Insert, "丁戊"}}},
	}
	for _, c := range cases {
		ops := Diff(c.old, c.new)
		if len(ops) != len(c.want) {
			t.Errorf("Diff(%q, %q) = %v, want %v", c.old, c.new, ops, c.want)
			continue
		}
		for i := range ops {
			if ops[i] != c.want[i] {
				t.Errorf("Diff(%q, %q)[%d] = %v, want %v", c.old, c.new, i, ops[i], c.want[i])
			}
		}
	}
}

// TestDiffRebuildsAndIsShortest checks random edits: the diff rebuilds both texts and changes
// no more characters than the edit that made the new text.
func TestDiffRebuildsAndIsShortest(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	alphabet := []rune("社情民意信息反映建议群众问题的是")
	for n := 0; n < 300; n++ {
		a := make([]rune, rng.Intn(80))
		for i := range a {
			a[i] = alphabet[rng.Intn(len(alphabet))]
		}
		b := append([]rune{}, a...)
		edits := rng.Intn(10)
		for e := 0; e < edits; e++ {
			pos := 0
			if len(b) > 0 {
				pos = rng.Intn(len(b))
			}
			if rng.Intn(2) == 0 && len(b) > 0 {
				b = append(b[:pos], b[pos+1:]...)
			} else {
				b = append(b[:pos], append([]rune{alphabet[rng.Intn(len(alphabet))]}, b[pos:]...)...)
			}
		}
		ops := Diff(string(a), string(b))
		if o, nw := apply(ops); o != string(a) || nw != string(b) {
			t.Fatalf("diff of %q → %q rebuilds %q → %q", string(a), string(b), o, nw)
		}
		if d, i := Changed(ops); d+i > edits {
			t.Fatalf("diff of %q → %q changes %d characters, the edit only %d", string(a), string(b), d+i, edits)
		}
		for k := 1; k < len(ops); k++ {
			if ops[k].Kind == ops[k-1].Kind {
				t.Fatalf("adjacent ops of one kind: %v", ops)
			}
		}
	}
}

func TestDiffGivesUpOnUnrelatedLongTexts(t *testing.T) {
	a := strings.Repeat("甲", MaxEdits)
	b := strings.Repeat("乙", MaxEdits)
	ops := Diff(a, b)
	if len(ops) != 2 || ops[0].Kind != Delete || ops[1].Kind != Insert {
		t.Fatalf("unrelated texts: %d ops, want delete all + insert all", len(ops))
	}
}

func BenchmarkDiff1500(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune("社情民意信息反映建议群众问题的是我市政府部门工作")
	old := make([]rune, 1500)
	for i := range old {
		old[i] = alphabet[rng.Intn(len(alphabet))]
	}
	nw := append([]rune{}, old...)
	for e := 0; e < 150; e++ {
		pos := rng.Intn(len(nw))
		nw[pos] = alphabet[rng.Intn(len(alphabet))]
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Diff(string(old), string(nw))
	}
}
