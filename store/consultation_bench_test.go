package store

import (
	"fmt"
	"testing"
	"time"

	"lvzhi"
)

// BenchmarkPlanPage is the plan page of a year: 60 items (three times a busy city's plan),
// 40 of them scheduled with two activities each, half of those held; the page lists the items
// with their activities and counts the figures.
//
//	go test -run x -bench PlanPage ./store/
func BenchmarkPlanPage(b *testing.B) {
	benchForEachDB(b, func(b *testing.B, st *Store) {
		cf := newConFixture(b, st)
		var held []int64
		for i := 0; i < 60; i++ {
			if i >= 40 {
				cf.planItem(b, fmt.Sprintf("议题%d", i))
				continue
			}
			p := cf.scheduled(b, fmt.Sprintf("议题%d", i), 1+i%4)
			for k := 0; k < 2; k++ {
				x := cf.activity(b, fmt.Sprintf("议题%d活动%d", i, k))
				if err := st.LinkPlanActivity(cf.ctx, cf.staff, p.ID, x.ID); err != nil {
					b.Fatal(err)
				}
				if i%2 == 0 && k == 0 {
					held = append(held, x.ID)
				}
			}
		}
		for _, id := range held {
			if _, err := st.InviteMembers(cf.ctx, cf.staff, id, lvzhi.Selection{MemberIDs: []int64{cf.Members[0].ID}}); err != nil {
				b.Fatal(err)
			}
			if _, err := st.ActActivity(cf.ctx, cf.staff, id, "publish", ""); err != nil {
				b.Fatal(err)
			}
		}
		clockOf(st).Advance(30 * 24 * time.Hour)
		for _, id := range held {
			if _, err := st.ActActivity(cf.ctx, cf.staff, id, "finish", ""); err != nil {
				b.Fatal(err)
			}
		}
		f := lvzhi.PlanFilter{CommitteeID: cf.City, Year: 2026, Paging: lvzhi.Paging{PerPage: 500}}
		for b.Loop() {
			items, n, err := st.ListPlanItems(cf.ctx, cf.leader, f)
			if err != nil || n != 60 || len(items) != 60 {
				b.Fatalf("%d %v", n, err)
			}
			s, err := st.PlanStats(cf.ctx, cf.leader, cf.City, 2026)
			if err != nil || s.Held != 20 {
				b.Fatalf("held %d %v", s.Held, err)
			}
		}
	})
}
