package store

import (
	"fmt"
	"strings"
	"testing"

	"lvzhi"
)

// fingerprint renders every table except the audit log, so a test can tell that a refused
// write changed nothing at all.
func fingerprint(t testing.TB, st *Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"committees", "terms", "sessions", "org_units", "members", "users", "user_roles",
		"password_history", "auth_sessions", "events", "settings", "files"} {
		rows, err := st.db.Query(`SELECT * FROM ` + table + ` ORDER BY 1, 2`)
		if err != nil {
			t.Fatalf("fingerprint %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		b.WriteString(table + ":\n")
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("fingerprint %s: %v", table, err)
			}
			for _, v := range vals {
				if raw, ok := v.([]byte); ok {
					v = string(raw)
				}
				fmt.Fprintf(&b, "%v|", v)
			}
			b.WriteString("\n")
		}
		rows.Close()
	}
	return b.String()
}

// TestAuditDeniedWrites has each write refused by the permission check and wants, for each,
// one 'denied' audit row and no change to any record. store/audit.go says why: "refused and
// failed writes are part of the record too".
func TestAuditDeniedWrites(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		_, sysadmin := f.userWithActor(t, "sysadm", []lvzhi.Role{lvzhi.RoleSysAdmin}, nil)
		_, leader := f.userWithActor(t, "lingdao", []lvzhi.Role{lvzhi.RoleLeader}, nil)
		target := f.createUser(t, "keyuan", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		m := f.createMember(t, f.newMember("李强", 3))
		colleague := f.createMember(t, f.newMember("王芳", 4))
		_, member := f.userWithActor(t, "liqiang", []lvzhi.Role{lvzhi.RoleMember}, func(u *lvzhi.User) { u.MemberID = m.ID })
		_, tok := f.session(t, "clerk")

		ops := []struct {
			action, where string
			a             lvzhi.Actor
			run           func(a lvzhi.Actor) error
		}{
			{"committee.create", "committee.go CreateCommittee", staff, func(a lvzhi.Actor) error {
				_, err := st.CreateCommittee(f.ctx, a, lvzhi.Committee{Name: "西固区政协", Level: lvzhi.LevelCounty, ParentID: f.City})
				return err
			}},
			{"term.create", "org.go CreateTerm", member, func(a lvzhi.Actor) error {
				_, err := st.CreateTerm(f.ctx, a, lvzhi.Term{CommitteeID: f.City, Number: 15, StartYear: 2027, EndYear: 2032, Current: true})
				return err
			}},
			{"session.create", "org.go CreateSession", member, func(a lvzhi.Actor) error {
				_, err := st.CreateSession(f.ctx, a, lvzhi.Session{CommitteeID: f.City, TermID: f.Term, Number: 1})
				return err
			}},
			{"sector.create", "org.go CreateOrgUnit", member, func(a lvzhi.Actor) error {
				_, err := st.CreateOrgUnit(f.ctx, a, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgSector, Name: "教育界"})
				return err
			}},
			{"sector.update", "org.go UpdateOrgUnit", member, func(a lvzhi.Actor) error {
				return st.UpdateOrgUnit(f.ctx, a, lvzhi.OrgUnit{ID: f.Sectors[2], Kind: lvzhi.OrgSector, Name: "改名"})
			}},
			{"sector.delete", "org.go DeleteOrgUnit", member, func(a lvzhi.Actor) error { return st.DeleteOrgUnit(f.ctx, a, f.Sectors[2]) }},
			{"member.create", "member_write.go CreateMember", member, func(a lvzhi.Actor) error {
				_, err := st.CreateMember(f.ctx, a, f.newMember("赵一", 5))
				return err
			}},
			{"member.update", "member_write.go UpdateMember", member, func(a lvzhi.Actor) error {
				c := colleague
				c.Address = "改写"
				return st.UpdateMember(f.ctx, a, c)
			}},
			{"member.leave", "member_write.go ChangeMember", member, func(a lvzhi.Actor) error {
				_, err := st.ChangeMember(f.ctx, a, colleague.ID, "leave", "")
				return err
			}},
			{"member.import", "member_write.go ImportMembers", member, func(a lvzhi.Actor) error {
				_, err := st.ImportMembers(f.ctx, a, f.City, f.Term, []lvzhi.Member{f.newMember("赵一", 5)})
				return err
			}},
			{"member.view_pii", "member.go RevealMember", leader, func(a lvzhi.Actor) error {
				_, err := st.RevealMember(f.ctx, a, m.ID)
				return err
			}},
			{"member.export", "member.go ExportMembers", member, func(a lvzhi.Actor) error {
				_, err := st.ExportMembers(f.ctx, a, lvzhi.MemberFilter{CommitteeID: f.City})
				return err
			}},
			{"user.create", "user.go CreateUser", staff, func(a lvzhi.Actor) error {
				_, err := st.CreateUser(f.ctx, a, lvzhi.User{CommitteeID: f.City, Username: "newbie", Name: "新人", Roles: []lvzhi.Role{lvzhi.RoleLeader}}, testPassword)
				return err
			}},
			{"user.update", "user.go UpdateUser", staff, func(a lvzhi.Actor) error {
				u := target
				u.Roles = []lvzhi.Role{lvzhi.RoleLeader}
				return st.UpdateUser(f.ctx, a, u)
			}},
			{"user.disable", "user.go ChangeUser", staff, func(a lvzhi.Actor) error {
				_, err := st.ChangeUser(f.ctx, a, target.ID, "disable", "")
				return err
			}},
			{"user.unlock", "user.go Unlock", staff, func(a lvzhi.Actor) error { return st.Unlock(f.ctx, a, target.ID) }},
			{"user.password", "password.go ChangePassword", staff, func(a lvzhi.Actor) error {
				return st.ChangePassword(f.ctx, a, target.ID, "", "Lz#2026-Evil77")
			}},
			{"user.totp_reset", "password.go ResetTOTP", staff, func(a lvzhi.Actor) error { return st.ResetTOTP(f.ctx, a, target.ID) }},
			{"policy.update", "password.go SetPolicy", sysadmin, func(a lvzhi.Actor) error {
				p := lvzhi.DefaultPolicy()
				p.MaxFailures = 20
				return st.SetPolicy(f.ctx, a, p)
			}},
			{"session.switch", "session.go SwitchCommittee", staff, func(a lvzhi.Actor) error {
				return st.SwitchCommittee(f.ctx, a, tok, f.County)
			}},
		}
		for _, op := range ops {
			before, last := fingerprint(t, st), lastAuditID(t, st)
			err := op.run(op.a)
			wantCode(t, err, lvzhi.ErrForbidden, op.action+" by "+op.a.Username)
			if after := fingerprint(t, st); after != before {
				t.Errorf("%s refused, yet records changed:\nbefore\n%s\nafter\n%s", op.action, before, after)
			}
			rows := auditAfter(t, st, last)
			if len(rows) == 1 && rows[0].Result == lvzhi.AuditDenied && rows[0].Action == op.action &&
				rows[0].UserID == op.a.UserID && rows[0].Detail != "" {
				continue
			}
			if len(rows) == 0 {
				t.Errorf("BUG (store/%s): a refused %s by %s left no %q audit row. The method checks the permission "+
					"(lvzhi.Authorize, or InCommittee for SwitchCommittee) before s.write, so the refusal never reaches auditFailure; run the check inside the write's fn "+
					"(as UpdateMember and ChangeMember do)", op.where, op.action, op.a.Username, lvzhi.AuditDenied)
				continue
			}
			t.Errorf("%s refused: audit rows %+v, want one %q row by user %d with the reason", op.action, rows, lvzhi.AuditDenied, op.a.UserID)
		}
	})
}

// A write that fails for another reason is audited too, as 'fail', with the reason.
func TestAuditFailedWrite(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		_, staff := f.userWithActor(t, "clerk", []lvzhi.Role{lvzhi.RoleStaff}, nil)
		before, last := fingerprint(t, st), lastAuditID(t, st)
		_, err := st.CreateOrgUnit(f.ctx, staff, lvzhi.OrgUnit{CommitteeID: f.City, Kind: lvzhi.OrgSector, Name: "经济界"})
		wantCode(t, err, lvzhi.ErrConflict, "duplicate sector")
		if fingerprint(t, st) != before {
			t.Errorf("a failed write changed records")
		}
		rows := auditAfter(t, st, last)
		if len(rows) != 1 || rows[0].Result != lvzhi.AuditFailed || rows[0].Action != "sector.create" || rows[0].Detail != lvzhi.ErrorMessage(err) {
			t.Errorf("audit of a failed write: %+v", rows)
		}
	})
}
