package store

import (
	"testing"

	"lvzhi"
)

// TestProposalSearch searches the ten test proposals: two-character words, one character,
// longer words, Latin mixed with Chinese, the proposer's name and the suggested units, and
// the permissions of each reader.
func TestProposalSearch(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		var p []lvzhi.Proposal // p[i] from propTexts[i], proposed by member i%4
		for i, text := range propTexts {
			p = append(p, pf.submitted(t, i%len(pf.Members), text))
		}
		// A draft of member 1 on pensions: theirs and the office's only.
		draft := pf.draft(t, 1, pf.Session, propTexts[0])
		draft.Title, draft.Body = "关于提高城乡居民基础养老金的建议", "城乡居民基础养老金标准偏低,难以保障农村老年人的基本生活。建议建立正常调整机制,逐年提高发放标准,并对高龄和困难老人给予倾斜,切实增强老年人的获得感。"
		if err := st.UpdateProposal(pf.ctx, pf.mem[1], draft); err != nil {
			t.Fatal(err)
		}
		// 养老 goes to 市民政局 (Units[1]), 教育 to 市教育局 (Units[0]).
		pf.act(t, pf.staff, p[0].ID, "accept", lvzhi.ProposalActionInput{})
		pf.act(t, pf.staff, p[0].ID, "assign", assignIn(pf.Units[1]))
		pf.act(t, pf.staff, p[1].ID, "accept", lvzhi.ProposalActionInput{})
		pf.act(t, pf.staff, p[1].ID, "assign", assignIn(pf.Units[0]))

		search := func(a lvzhi.Actor, q string, want ...lvzhi.Proposal) {
			t.Helper()
			got, total := pf.list(t, a, lvzhi.ProposalFilter{Q: q})
			if !sameIDs(ids(got), ids(want)) || total != len(want) {
				t.Errorf("%s searches %q: got %d (total %d) [%s], want %d [%s]", a.Username, q, len(got), total, titles(got), len(want), titles(want))
			}
		}
		staff, m0, m1 := pf.staff, pf.mem[0], pf.mem[1]
		// Two-character words.
		search(staff, "养老", p[0], draft)
		search(m0, "养老", p[0])
		search(m1, "养老", p[0], draft)
		search(staff, "教育", p[1])
		search(staff, "振兴", p[3])
		search(staff, "托育", p[8])
		// Longer words and several words: every bigram must match.
		search(staff, "养老服务", p[0])
		search(staff, "居家养老服务", p[0])
		search(staff, "乡村 振兴", p[3])
		search(staff, "乡村", p[1], p[3])
		search(staff, "养老 教育")
		search(staff, "航天")
		// One character: a prefix of the indexed bigrams (养老, 培养, 养老金).
		search(staff, "养", p[0], p[4], draft)
		search(m0, "养", p[0], p[4])
		// Latin mixed with Chinese, any case or width.
		search(staff, "5G基站", p[2])
		search(staff, "5g基站", p[2])
		search(staff, "５Ｇ基站", p[2])
		search(staff, "5G", p[2])
		search(staff, "基站 5G", p[2])
		search(staff, "6G基站")
		// The proposer's name and the suggested units are searched too.
		search(staff, memberNames[2], p[2], p[6])
		search(m0, memberNames[1], p[1], p[5], p[9]) // not member 1's draft
		search(staff, "市文化和旅游局", p[7])
		search(staff, "自然资源局", p[2])
		search(staff, "卫生健康委", p[4], p[8])
		// Search syntax typed by a user is text, never an error.
		for _, q := range []string{`养老 OR 教育`, `"养老`, `养老*`, `NEAR(养老 服务)`, `养老'; DROP TABLE proposals; --`, `-养老`, `养老:`, `^养老`, `养老 AND`} {
			if _, _, err := st.ListProposals(pf.ctx, staff, lvzhi.ProposalFilter{CommitteeID: pf.City, Q: q}); err != nil {
				t.Errorf("search %q: %v", q, err)
			}
		}
		search(staff, `"养老"`, p[0], draft)
		search(staff, `养老 OR 教育`) // or is a word the texts do not have
		// A query of punctuation only selects nothing out: it is no query.
		all, total := pf.list(t, staff, lvzhi.ProposalFilter{Q: "!!!"})
		if total != len(p)+1 || len(all) != len(p)+1 {
			t.Errorf("punctuation-only query: %d (total %d), want all %d", len(all), total, len(p)+1)
		}

		// Units find only what is assigned to them.
		search(pf.unit[1], "养老", p[0])
		search(pf.unit[1], "教育")
		search(pf.unit[0], "养老")
		search(pf.unit[0], "教育", p[1])
		search(pf.unit[3], "建议")

		// Search combines with the other filters.
		got, _ := pf.list(t, staff, lvzhi.ProposalFilter{Q: "卫生健康委", Category: "医卫体育"})
		if !sameIDs(ids(got), []int64{p[4].ID}) {
			t.Errorf("search with a category: %s", titles(got))
		}
		got, _ = pf.list(t, staff, lvzhi.ProposalFilter{Q: "建议", State: lvzhi.ProposalHandling})
		if !sameIDs(ids(got), []int64{p[0].ID, p[1].ID}) {
			t.Errorf("search with a state: %s", titles(got))
		}

		// The index follows edits: a returned proposal rewritten about vocational schools.
		pf.act(t, staff, p[9].ID, "return", lvzhi.ProposalActionInput{Note: "请聚焦一个问题"})
		edited := p[9]
		edited.Title = "关于支持职业教育校企合作的建议"
		edited.Body = "职业教育是培育技能人才的主渠道,但校企合作普遍存在学校热、企业冷的现象。建议对参与校企合作的企业给予税费优惠,支持共建实训基地,推行现代学徒制,提高技能人才待遇。"
		if err := st.UpdateProposal(pf.ctx, pf.mem[1], edited); err != nil {
			t.Fatal(err)
		}
		search(staff, "教育", p[1], edited)
		search(staff, "融资")
	})
}
