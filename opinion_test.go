package lvzhi

import (
	"strings"
	"testing"
)

// TestOpinionWorkflow walks the transition table: every row a committee office expects, and
// the refusals that name the state and the action.
func TestOpinionWorkflow(t *testing.T) {
	w := OpinionWorkflow
	allowed := []struct{ from, action, to string }{
		{OpinionDraft, "submit", OpinionReceived},
		{OpinionReceived, "retract", OpinionWithdrawn},
		{OpinionReceived, "return", OpinionReturned},
		{OpinionReturned, "resubmit", OpinionReceived},
		{OpinionReturned, "retract", OpinionWithdrawn},
		{OpinionReceived, "edit", OpinionEditing},
		{OpinionEditing, "edit", OpinionEditing},
		{OpinionReceived, "not_use", OpinionNotUsed},
		{OpinionEditing, "not_use", OpinionNotUsed},
		{OpinionNotUsed, "reedit", OpinionEditing},
		{OpinionReceived, "compile", OpinionCompiled},
		{OpinionEditing, "compile", OpinionCompiled},
		{OpinionCompiled, "forward", OpinionForwarded},
		{OpinionForwarded, "forward", OpinionForwarded},
		{OpinionCompiled, "adopt", OpinionCompiled},
		{OpinionForwarded, "adopt", OpinionForwarded},
	}
	if len(allowed) != len(w.Table) {
		t.Fatalf("the table has %d rows, the test %d: a row was added or removed", len(w.Table), len(allowed))
	}
	for _, c := range allowed {
		to, err := w.Next(c.from, c.action)
		if err != nil || to != c.to {
			t.Errorf("%s --%s--> %q, %v; want %s", c.from, c.action, to, err, c.to)
		}
	}
	refused := []struct{ from, action, words string }{
		{OpinionEditing, "retract", "“编辑中”,不能执行“撤回”"}, // the editor has started: too late to take it back
		{OpinionDraft, "compile", "“草稿”,不能执行“编入期刊”"},
		{OpinionReceived, "forward", "“已收稿”,不能执行“报送”"}, // only what is compiled is forwarded
		{OpinionReceived, "adopt", "“已收稿”,不能执行“记录采用”"},
		{OpinionNotUsed, "compile", "“未采用”,不能执行“编入期刊”"},
		{OpinionWithdrawn, "resubmit", "“已撤回”,不能执行“重新提交”"},
		{OpinionCompiled, "edit", "“已编发”,不能执行“编辑加工”"},
	}
	for _, c := range refused {
		_, err := w.Next(c.from, c.action)
		if ErrorCodeOf(err) != ErrConflict || !strings.Contains(ErrorMessage(err), c.words) {
			t.Errorf("%s %s: %v, want a conflict saying %q", c.from, c.action, err, c.words)
		}
	}
	if _, err := w.Next(OpinionReceived, "no_such"); ErrorCodeOf(err) != ErrInvalid {
		t.Errorf("unknown action: %v, want invalid", err)
	}
	for _, tr := range w.Table {
		if w.StateLabel[tr.From] == "" || w.StateLabel[tr.To] == "" || w.ActionLabel[tr.Action] == "" {
			t.Errorf("row %v lacks a label", tr)
		}
	}
}

func TestOpinionValidate(t *testing.T) {
	body := strings.Repeat("群众反映老旧小区加装电梯审批难。", 4)
	ok := Opinion{Kind: OpinionIndividual, Title: "关于老旧小区加装电梯的建议", Body: body, SubmitterID: 1}
	s := DefaultOpinionSettings()
	if s.MaxChars != 1500 {
		t.Fatalf("default length limit %d, want 1500", s.MaxChars)
	}
	if err := ok.Validate(true, s); err != nil {
		t.Fatalf("valid report: %v", err)
	}
	cases := []struct {
		name  string
		mod   func(*Opinion)
		field string
	}{
		{"no title", func(o *Opinion) { o.Title = " " }, "title"},
		{"too long", func(o *Opinion) { o.Body = strings.Repeat("长", 1501) }, "body"},
		{"too short to submit", func(o *Opinion) { o.Body = "太短" }, "body"},
		{"joint without co-authors", func(o *Opinion) { o.Kind = OpinionJoint }, "co_authors"},
		{"individual with co-authors", func(o *Opinion) { o.CoAuthors = []int64{2} }, "co_authors"},
		{"group without a group", func(o *Opinion) { o.Kind, o.SubmitterID = OpinionGroup, 0 }, "group_id"},
		{"lower without a committee", func(o *Opinion) { o.Kind = OpinionLower }, "source_committee_id"},
		{"no member", func(o *Opinion) { o.SubmitterID = 0 }, "submitter_id"},
		{"unknown kind", func(o *Opinion) { o.Kind = "x" }, "kind"},
	}
	for _, c := range cases {
		o := ok
		c.mod(&o)
		if _, bad := ErrorFields(o.Validate(true, s))[c.field]; !bad {
			t.Errorf("%s: want field %s refused, got %v", c.name, c.field, o.Validate(true, s))
		}
	}
	// The limit is the committee's: 2,000 characters pass where it allows them.
	long := ok
	long.Body = strings.Repeat("长", 1800)
	if err := long.Validate(true, OpinionSettings{MaxChars: 2000}); err != nil {
		t.Errorf("1800 characters under a 2000 limit: %v", err)
	}
	if msg := ErrorFields(long.Validate(true, s))["body"]; !strings.Contains(msg, "1800字") || !strings.Contains(msg, "1500字") {
		t.Errorf("length message %q should give the length and the limit", msg)
	}
	// A draft may be short.
	short := ok
	short.Body = "先记几句"
	if err := short.Validate(false, s); err != nil {
		t.Errorf("a short draft: %v", err)
	}
}

func TestAdoptionAndIssue(t *testing.T) {
	good := Adoption{Level: AdoptNational, Mode: AdoptCombined, Body: "全国政协办公厅", OnDate: "2026-05-12"}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid adoption: %v", err)
	}
	for name, c := range map[string]struct {
		ad    Adoption
		field string
	}{
		"national without mode": {Adoption{Level: AdoptNational, Body: "全国政协", OnDate: "2026-05-12"}, "mode"},
		"city with a mode":      {Adoption{Level: AdoptCity, Mode: AdoptSingle, Body: "市委办公室", OnDate: "2026-05-12"}, "mode"},
		"unknown level":         {Adoption{Level: "county", Body: "某", OnDate: "2026-05-12"}, "level"},
		"no body":               {Adoption{Level: AdoptCity, OnDate: "2026-05-12"}, "body"},
		"bad date":              {Adoption{Level: AdoptCity, Body: "市委", OnDate: "2026/5/12"}, "on_date"},
	} {
		if _, bad := ErrorFields(c.ad.Validate())[c.field]; !bad {
			t.Errorf("%s: want %s refused, got %v", name, c.field, c.ad.Validate())
		}
	}
	is := Issue{Year: 2026, Number: 3, Signer: "王主席", OnDate: "2026-03-02"}
	if is.Label() != "2026年第3期" || is.Validate() != nil {
		t.Errorf("issue %q %v", is.Label(), is.Validate())
	}
	if _, bad := ErrorFields(Issue{OnDate: "2026-03-02"}.Validate())["signer"]; !bad {
		t.Error("an issue without 签发人 must be refused")
	}
}

func TestOpinionAuthors(t *testing.T) {
	o := Opinion{CommitteeID: 1, SubmitterID: 5, CoAuthors: []int64{6, 7}}
	for id, want := range map[int64]bool{5: true, 6: true, 7: true, 8: false, 0: false} {
		if o.HasAuthor(id) != want {
			t.Errorf("HasAuthor(%d) = %v", id, !want)
		}
	}
	if tg := o.Target(); tg.Kind != KindOpinion || tg.MemberID != 5 || tg.CommitteeID != 1 {
		t.Errorf("Target = %+v", tg)
	}
}
