package store

import (
	"maps"
	"slices"
	"testing"
	"time"

	"lvzhi"
)

// TestProposalSettings: the defaults, saving by the proposal office only, and the saved rules
// in force.
func TestProposalSettings(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		def := lvzhi.DefaultProposalSettings()
		got, err := st.ProposalSettings(ctx, pf.City)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Categories, def.Categories) || len(got.Categories) != 14 || got.HandlingMonths != 3 ||
			got.MaxExtensionDays != 92 || got.RehandlingRounds != 1 || !maps.Equal(got.ReplyClasses, def.ReplyClasses) {
			t.Fatalf("default settings = %+v", got)
		}
		// The 14 categories of the Jiangsu data are the defaults.
		for _, c := range []string{"社会事业", "教育事业", "经济发展", "医卫体育", "工业商贸", "文化宣传", "城乡建设", "科学技术",
			"法制建设", "资源环境", "政治建设", "财税金融", "农林水利", "统战综合"} {
			if !slices.Contains(got.Categories, c) {
				t.Errorf("default categories lack %s", c)
			}
		}

		mine := def
		mine.Categories = []string{"经济建设", "民生保障", "生态文明"}
		mine.ReplyClasses = map[string]string{"A": "已解决或采纳", "B": "正在解决或列入计划", "C": "留作参考"}
		mine.HandlingMonths, mine.MaxExtensionDays, mine.RehandlingRounds = 2, 30, 0
		mine.ReminderDays = []int{10, 3}
		for _, a := range []lvzhi.Actor{pf.mem[0], pf.unit[0], pf.leader} {
			err := st.SetProposalSettings(ctx, a, mine)
			wantCode(t, err, lvzhi.ErrForbidden, a.Username+" saves the settings")
		}
		if got, _ := st.ProposalSettings(ctx, pf.City); !slices.Equal(got.Categories, def.Categories) {
			t.Fatalf("refused saves changed the settings: %v", got.Categories)
		}
		bad := mine
		bad.Categories = nil
		wantField(t, st.SetProposalSettings(ctx, pf.staff, bad), "settings", "settings without categories")
		bad = mine
		bad.HandlingMonths = 0
		wantField(t, st.SetProposalSettings(ctx, pf.staff, bad), "settings", "settings with no handling time")
		if err := st.SetProposalSettings(ctx, pf.staff, mine); err != nil {
			t.Fatalf("the office saves the settings: %v", err)
		}
		got, err = st.ProposalSettings(ctx, pf.City)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Categories, mine.Categories) || got.HandlingMonths != 2 || got.MaxExtensionDays != 30 ||
			got.RehandlingRounds != 0 || !slices.Equal(got.ReminderDays, mine.ReminderDays) {
			t.Fatalf("saved settings read back as %+v", got)
		}
		if !maps.Equal(got.ReplyClasses, mine.ReplyClasses) {
			t.Errorf("BUG: store/proposal_settings.go ProposalSettings: saved reply classes %v read back as %v: json.Unmarshal into "+
				"DefaultProposalSettings() merges a JSON object into the existing ReplyClasses map instead of replacing it, so a "+
				"class the office removed (D) comes back; clear the map before decoding (out.ReplyClasses = nil) or decode into a zero value",
				mine.ReplyClasses, got.ReplyClasses)
		}
		// Another committee keeps the defaults.
		if other, _ := st.ProposalSettings(ctx, pf.Other); !slices.Equal(other.Categories, def.Categories) {
			t.Fatalf("the other committee's categories = %v", other.Categories)
		}
		// Saved again: the second save replaces the first.
		mine.Categories = append(mine.Categories, "社会治理")
		if err := st.SetProposalSettings(ctx, pf.staff, mine); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.ProposalSettings(ctx, pf.City); len(got.Categories) != 4 {
			t.Fatalf("after a second save: %v", got.Categories)
		}

		// The rules are in force: categories on submit, handling months, extension days,
		// rehandling rounds.
		text := propTexts[0]
		d := pf.draft(t, 0, pf.Session, text) // 社会事业 is no longer a category
		_, err = st.ActProposal(ctx, pf.mem[0], d.ID, "submit", lvzhi.ProposalActionInput{})
		wantField(t, err, "category", "submit with a category the office removed")
		d.Category = "民生保障"
		if err := st.UpdateProposal(ctx, pf.mem[0], d); err != nil {
			t.Fatal(err)
		}
		pf.act(t, pf.mem[0], d.ID, "submit", lvzhi.ProposalActionInput{})
		pf.act(t, pf.staff, d.ID, "accept", lvzhi.ProposalActionInput{})
		p := pf.act(t, pf.staff, d.ID, "assign", assignIn(pf.Units[0]))
		if want := st.Now().AddDate(0, 2, 0); !p.Deadline.Equal(want) {
			t.Fatalf("deadline with 2 handling months = %v, want %v", p.Deadline, want)
		}
		_, err = st.ActProposal(ctx, pf.unit[0], p.ID, "request_extension", lvzhi.ProposalActionInput{Until: p.Deadline.Add(31 * 24 * time.Hour), Note: "需要时间"})
		wantField(t, err, "until", "an extension of 31 days with MaxExtensionDays 30")
		_, err = st.ActProposal(ctx, pf.unit[0], p.ID, "reply", lvzhi.ProposalActionInput{Class: "C", Body: replyBody})
		if err != nil {
			t.Fatalf("reply of class C: %v", err)
		}
		pf.act(t, pf.staff, p.ID, "approve_reply", lvzhi.ProposalActionInput{})
		p = pf.act(t, pf.mem[0], p.ID, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Dissatisfied, Note: "不满意"})
		if p.State != lvzhi.ProposalClosed {
			t.Fatalf("dissatisfied with RehandlingRounds 0: state %q, want closed", p.State)
		}
	})
}
