package store

import (
	"strings"
	"testing"

	"lvzhi"
)

func TestImportMembers(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		roster := func() []lvzhi.Member {
			var rows []lvzhi.Member
			for i, name := range []string{"赵一", "钱二", "孙三", "李四", "周五"} {
				m := f.newMember(name, 20+i)
				m.CommitteeID, m.TermID = 0, 0 // the import says which committee and term
				m.SectorID = f.Sectors[i%3]
				rows = append(rows, m)
			}
			rows[4].IDNumber = idNumber("19820305", 101) // ends in X
			rows[4].BirthDate, rows[4].Gender = "1982-03-05", "男"
			return rows
		}

		res, err := st.ImportMembers(f.ctx, staff, f.City, f.Term, roster())
		if err != nil {
			t.Fatalf("first import: %v", err)
		}
		if res != (ImportResult{Created: 5}) {
			t.Errorf("first import = %+v, want 5 created", res)
		}
		list, total, _ := st.ListMembers(f.ctx, staff, lvzhi.MemberFilter{CommitteeID: f.City, TermID: f.Term})
		if total != 5 {
			t.Fatalf("%d members after the first import, want 5", total)
		}
		byName := map[string]lvzhi.Member{}
		for _, m := range list {
			byName[m.Name] = m
		}
		if m := byName["孙三"]; m.SectorID != f.Sectors[2] || m.State != lvzhi.MemberServing || m.CommitteeID != f.City || m.TermID != f.Term {
			t.Errorf("imported member: %+v", m)
		}
		if ev := f.history(t, byName["赵一"].ID); len(ev) != 1 || ev[0].Action != "import" || ev[0].Note != "名册导入新建" {
			t.Errorf("history of an imported member: %+v", ev)
		}
		// A member who has left stays left when the roster comes again.
		if _, err := st.ChangeMember(f.ctx, staff, byName["李四"].ID, "leave", ""); err != nil {
			t.Fatal(err)
		}

		// The same roster again, one employer changed and one ID typed in lower case: updates.
		again := roster()
		again[0].Employer = "兰州市第一中学"
		again[4].IDNumber = strings.ToLower(again[4].IDNumber)
		res, err = st.ImportMembers(f.ctx, staff, f.City, f.Term, again)
		if err != nil {
			t.Fatalf("second import: %v", err)
		}
		if res != (ImportResult{Updated: 5}) {
			t.Errorf("second import = %+v, want 5 updated", res)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM members`); n != 5 {
			t.Fatalf("%d members after importing the same roster twice, want 5 (matched on ID number)", n)
		}
		if m := f.reveal(t, byName["赵一"].ID); m.Employer != "兰州市第一中学" {
			t.Errorf("employer after re-import = %q", m.Employer)
		}
		if m := f.reveal(t, byName["李四"].ID); m.State != lvzhi.MemberLeft {
			t.Errorf("a member who left is %q after re-import", m.State)
		}
		if ev := f.history(t, byName["赵一"].ID); len(ev) != 2 || ev[0].Action != "import" || !strings.Contains(ev[0].Note, "工作单位及职务") {
			t.Errorf("history after re-import: %+v", ev)
		}

		// One bad row among new and changed ones: nothing at all is written.
		bad := roster()
		bad[0].Employer = "不应写入的单位"
		bad = append(bad, f.newMember("吴六", 30), f.newMember("郑七", 31), f.newMember("王八", 32))
		bad[6].SectorID = f.OtherSector
		members := countRows(t, st, `SELECT COUNT(*) FROM members`)
		events := countRows(t, st, `SELECT COUNT(*) FROM events`)
		_, err = st.ImportMembers(f.ctx, staff, f.City, f.Term, bad)
		wantCode(t, err, lvzhi.ErrInvalid, "import with another committee's sector in row 7")
		wantMessage(t, err, "import with a bad row", "第7条", "郑七", "界别")
		if n := countRows(t, st, `SELECT COUNT(*) FROM members`); n != members {
			t.Errorf("members %d → %d after a failed import", members, n)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM events`); n != events {
			t.Errorf("events %d → %d after a failed import", events, n)
		}
		if m := f.reveal(t, byName["赵一"].ID); m.Employer != "兰州市第一中学" {
			t.Errorf("a failed import still updated row 1: employer %q", m.Employer)
		}

		member := lvzhi.Actor{UserID: 999, Username: "weiyuan", Roles: []lvzhi.Role{lvzhi.RoleMember}, CommitteeID: f.City, Committees: []int64{f.City}}
		otherStaff := lvzhi.Actor{UserID: 998, Username: "tsclerk", Roles: []lvzhi.Role{lvzhi.RoleStaff}, CommitteeID: f.Other, Committees: []int64{f.Other}}
		tests := []struct {
			name string
			a    lvzhi.Actor
			term int64
			rows []lvzhi.Member
			code lvzhi.ErrorCode
		}{
			{"invalid ID number", staff, f.Term, func() []lvzhi.Member { r := roster(); r[1].IDNumber = "123"; return r }(), lvzhi.ErrInvalid},
			{"another committee's term", staff, f.OtherTerm, roster(), lvzhi.ErrInvalid},
			{"member may not import", member, f.Term, roster(), lvzhi.ErrForbidden},
			{"staff of another committee", otherStaff, f.Term, roster(), lvzhi.ErrForbidden},
		}
		for _, tc := range tests {
			_, err := st.ImportMembers(f.ctx, tc.a, f.City, tc.term, tc.rows)
			wantCode(t, err, tc.code, "ImportMembers: "+tc.name)
			if n := countRows(t, st, `SELECT COUNT(*) FROM members`); n != members {
				t.Errorf("ImportMembers %s: members %d → %d", tc.name, members, n)
			}
		}
		if res, err := st.ImportMembers(f.ctx, staff, f.City, f.Term, nil); err != nil || res != (ImportResult{}) {
			t.Errorf("empty import: %+v, %v", res, err)
		}
	})
}
