package store

import (
	"testing"
	"time"

	"lvzhi"
)

func TestChangeMemberWorkflow(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		clock := clockOf(st)
		staffUser, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		m := f.createMember(t, f.newMember("李强", 3))
		clock.Advance(time.Hour)

		before := lastAuditID(t, st)
		got, err := st.ChangeMember(f.ctx, staff, m.ID, "leave", "工作调动,辞去委员职务")
		if err != nil {
			t.Fatalf("leave: %v", err)
		}
		if got.State != lvzhi.MemberLeft || !got.Masked || got.Phone == m.Phone {
			t.Errorf("ChangeMember returned state %q masked %v phone %q", got.State, got.Masked, got.Phone)
		}
		if r, _ := st.Member(f.ctx, staff, m.ID); r.State != lvzhi.MemberLeft {
			t.Errorf("stored state after leave = %q", r.State)
		}
		ev := f.history(t, m.ID)
		if len(ev) != 2 {
			t.Fatalf("history after leave has %d events, want create + leave: %+v", len(ev), ev)
		}
		e := ev[0]
		if e.Action != "leave" || e.FromState != lvzhi.MemberServing || e.ToState != lvzhi.MemberLeft ||
			e.Note != "工作调动,辞去委员职务" || e.ActorID != staffUser.ID || e.ActorName != staffUser.Name ||
			e.Kind != lvzhi.KindMember || e.RecordID != m.ID || e.CommitteeID != f.City || !e.At.Equal(st.Now()) {
			t.Errorf("leave event: %+v", e)
		}
		if ev[1].Action != "create" || ev[1].ToState != lvzhi.MemberServing {
			t.Errorf("create event: %+v", ev[1])
		}
		if rows := auditAfter(t, st, before); len(rows) != 1 || rows[0].Action != "member.leave" || rows[0].Result != lvzhi.AuditOK {
			t.Errorf("audit after leave: %+v", rows)
		}

		// Leaving twice is a conflict that names the state and the action, and writes nothing.
		var updated time.Time
		readUpdated := func() time.Time {
			var u time.Time
			if err := st.db.QueryRow(st.dialect.rebind(`SELECT updated_at FROM members WHERE id = $1`), m.ID).Scan(&u); err != nil {
				t.Fatal(err)
			}
			return u
		}
		updated = readUpdated()
		events := countRows(t, st, `SELECT COUNT(*) FROM events`)
		clock.Advance(time.Hour)
		before = lastAuditID(t, st)
		_, err = st.ChangeMember(f.ctx, staff, m.ID, "leave", "再次离任")
		wantCode(t, err, lvzhi.ErrConflict, "leave twice")
		wantMessage(t, err, "leave twice", "离任", "办理离任")
		if n := countRows(t, st, `SELECT COUNT(*) FROM events`); n != events {
			t.Errorf("a refused leave wrote %d events", n-events)
		}
		if h := f.history(t, m.ID); len(h) != 2 || h[0].ID != e.ID {
			t.Errorf("history changed by a refused leave: %+v", h)
		}
		if u := readUpdated(); !u.Equal(updated) {
			t.Errorf("a refused leave touched updated_at: %v → %v", updated, u)
		}
		if rows := auditAfter(t, st, before); len(rows) != 1 || rows[0].Result != lvzhi.AuditFailed || rows[0].Action != "member.leave" {
			t.Errorf("audit of a refused leave: %+v (want one %q row)", rows, lvzhi.AuditFailed)
		}

		if got, err := st.ChangeMember(f.ctx, staff, m.ID, "reinstate", "误操作,恢复"); err != nil || got.State != lvzhi.MemberServing {
			t.Errorf("reinstate: %q, %v", got.State, err)
		}
		_, member := f.userWithActor(t, "weiyuan", []lvzhi.Role{lvzhi.RoleMember}, nil)
		tests := []struct {
			name   string
			a      lvzhi.Actor
			id     int64
			action string
			code   lvzhi.ErrorCode
		}{
			{"reinstate a serving member", staff, m.ID, "reinstate", lvzhi.ErrConflict},
			{"unknown action", staff, m.ID, "promote", lvzhi.ErrInvalid},
			{"unknown member", staff, 99999, "leave", lvzhi.ErrNotFound},
			{"member actor", member, m.ID, "leave", lvzhi.ErrForbidden},
		}
		for _, tc := range tests {
			events := countRows(t, st, `SELECT COUNT(*) FROM events`)
			_, err := st.ChangeMember(f.ctx, tc.a, tc.id, tc.action, "")
			wantCode(t, err, tc.code, "ChangeMember: "+tc.name)
			if n := countRows(t, st, `SELECT COUNT(*) FROM events`); n != events {
				t.Errorf("ChangeMember %s: refused, yet %d events written", tc.name, n-events)
			}
		}
		if r, _ := st.Member(f.ctx, staff, m.ID); r.State != lvzhi.MemberServing {
			t.Errorf("state after the refused actions = %q", r.State)
		}
	})
}
