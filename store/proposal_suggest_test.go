package store

import (
	"strings"
	"testing"
	"time"

	"lvzhi"
)

// TestProposalSuggestions: a new text like earlier filed ones gets their category and lead
// unit as suggestions; the suggester is rebuilt when the history changes.
func TestProposalSuggestions(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		// Nothing filed yet: no suggestions, no error.
		if got, err := st.SuggestForProposal(pf.ctx, pf.mem[0], propTexts[0].Body, 0); err != nil || len(got.Categories) != 0 {
			t.Fatalf("with no history: %+v, %v", got, err)
		}
		for i, text := range propTexts {
			p := pf.submitted(t, i%len(pf.Members), text)
			pf.act(t, pf.staff, p.ID, "accept", lvzhi.ProposalActionInput{})
			lead := pf.Units[2] // 市财政局 for everything but the two below
			switch i {
			case 0, 8:
				lead = pf.Units[1] // 市民政局: elderly care, childcare
			case 1:
				lead = pf.Units[0] // 市教育局
			}
			pf.act(t, pf.staff, p.ID, "assign", assignIn(lead))
		}
		text := "关于完善社区居家养老服务和日间照料中心建设的建议:我市老年人口增长较快,社区居家养老服务供给不足,建议扶持社会力量举办养老机构。"
		got, err := st.SuggestForProposal(pf.ctx, pf.mem[1], text, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Categories) == 0 || got.Categories[0].Label != "社会事业" {
			t.Errorf("category suggestions %+v, want 社会事业 first", got.Categories)
		}
		if len(got.Units) == 0 || got.Units[0].Label != "市民政局" {
			t.Errorf("unit suggestions %+v, want 市民政局 first", got.Units)
		}
		// A unit user writes no proposals and gets no suggestions.
		if _, err := st.SuggestForProposal(pf.ctx, pf.unit[0], text, 0); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("unit user: %v, want forbidden", err)
		}
		// New history is taken into account: ten more elderly-care proposals sent to 市财政局
		// make it the first unit suggested.
		st.Now = func() time.Time { return time.Now().UTC().Truncate(time.Second).Add(time.Minute) }
		for i := 0; i < 10; i++ {
			body := strings.Repeat("社区居家养老服务设施建设资金不足,建议财政设立专项资金,", 3) + string(rune('一'+i))
			p := pf.submitted(t, 0, propText{Title: "关于养老服务资金保障的建议" + string(rune('甲'+i)), Category: "财税金融", Body: body})
			pf.act(t, pf.staff, p.ID, "accept", lvzhi.ProposalActionInput{})
			pf.act(t, pf.staff, p.ID, "assign", assignIn(pf.Units[2]))
		}
		got, err = st.SuggestForProposal(pf.ctx, pf.mem[1], "社区居家养老服务设施建设资金不足,建议设立专项资金", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Units) == 0 || got.Units[0].Label != "市财政局" {
			t.Errorf("after new history, unit suggestions %+v, want 市财政局 first", got.Units)
		}
	})
}
