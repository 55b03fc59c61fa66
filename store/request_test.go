package store

import (
	"testing"
	"time"

	"lvzhi"
)

func TestRequestLifecycle(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		r := lvzhi.Request{Type: lvzhi.RequestAsk, Subject: "关于召开双月协商座谈会的请示", OnDate: day(2, 10), DepartmentID: pf.Dept}
		if _, err := st.CreateRequest(ctx, pf.mem[0], r); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("member drafts a request: %v", err)
		}
		if _, err := st.CreateRequest(ctx, pf.staff, lvzhi.Request{Type: "memo", DepartmentID: pf.Unit}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			t.Errorf("bad request: %v", err)
		} else if f := lvzhi.ErrorFields(err); f["type"] == "" || f["subject"] == "" || f["on_date"] == "" {
			t.Errorf("fields %v", f)
		}
		bad := r
		bad.DepartmentID = pf.Unit // a handling unit, not a department
		if _, err := st.CreateRequest(ctx, pf.staff, bad); lvzhi.ErrorFields(err)["department_id"] == "" {
			t.Errorf("a unit as drafting department: %v", err)
		}
		r, err := st.CreateRequest(ctx, pf.staff, r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ActRequest(ctx, pf.staff, r.ID, "submit", ""); lvzhi.ErrorFields(err)["body"] == "" {
			t.Errorf("submitting without text: %v", err)
		}
		r.Body = "为深入贯彻落实……拟于3月召开双月协商座谈会,妥否,请批示。"
		if r, err = st.UpdateRequest(ctx, pf.staff, r); err != nil || r.Department != "提案委办公室" {
			t.Fatalf("update: %+v, %v", r, err)
		}
		if _, err := st.ActRequest(ctx, pf.leader, r.ID, "submit", ""); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("leader submits: %v", err)
		}
		if r, err = st.ActRequest(ctx, pf.staff, r.ID, "submit", ""); err != nil || r.State != lvzhi.RequestSubmitted {
			t.Fatalf("submit: %+v, %v", r, err)
		}
		if _, err := st.UpdateRequest(ctx, pf.staff, r); lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Errorf("editing a submitted request: %v", err)
		}
		if _, err := st.ActRequest(ctx, pf.staff, r.ID, "submit", ""); lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Errorf("submitting twice: %v", err)
		}
		if _, err := st.Request(ctx, pf.leader, r.ID); err != nil {
			t.Errorf("leader reads: %v", err)
		}
		for _, a := range []lvzhi.Actor{pf.mem[0], pf.unit[0], pf.otherStaff} {
			if _, err := st.Request(ctx, a, r.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
				t.Errorf("%s reads a request: %v", a.Username, err)
			}
		}

		// Attachments and instructions hang on a request as on any record.
		if _, err := st.AddAttachment(ctx, pf.staff, lvzhi.KindRequest, r.ID, fakeFile("方案.docx", 2048)); err != nil {
			t.Errorf("attach to a request: %v", err)
		}
		if _, err := st.Attachments(ctx, pf.mem[0], lvzhi.KindRequest, r.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("member lists a request's attachments: %v", err)
		}
		addInstruction(t, st, pf.staff, lvzhi.KindRequest, r.ID, instr("张书记", "市委主要领导", day(2, 12)))
		if got, _ := st.Request(ctx, pf.staff, r.ID); got.Instructions != 1 {
			t.Errorf("the request counts %d instructions", got.Instructions)
		}
		if _, err := st.ActRequest(ctx, pf.staff, r.ID, "withdraw", ""); lvzhi.ErrorFields(err)["note"] == "" {
			t.Errorf("withdraw without a reason: %v", err)
		}
		if r, err = st.ActRequest(ctx, pf.staff, r.ID, "withdraw", "市委已另行安排"); err != nil || r.State != lvzhi.RequestWithdrawn {
			t.Errorf("withdraw: %+v, %v", r, err)
		}
		hist, err := st.RequestHistory(ctx, pf.staff, r.ID)
		if err != nil || len(hist) != 6 { // create, update, submit, attach, instruction, withdraw
			t.Errorf("history: %d events, %v", len(hist), err)
		}
	})
}

func TestRequestListsAndCounts(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		clockOf(st).Advance(300 * 24 * time.Hour)
		second := pf.fixture.unit(t, pf.City, lvzhi.OrgDepartment, "研究室", 0)
		// 2026: three 请示 and two 报告 submitted (one 报告 in December, the last day, late at
		// night China time), one 报告 left as a draft, one 请示 withdrawn; 2025: one 报告.
		mk := func(typ string, on time.Time, dept int64, actions ...string) {
			t.Helper()
			r, err := st.CreateRequest(ctx, pf.staff, lvzhi.Request{Type: typ, Subject: "关于重点工作的" + lvzhi.RequestTypeLabel[typ], OnDate: on, DepartmentID: dept, Body: "正文"})
			if err != nil {
				t.Fatal(err)
			}
			for _, act := range actions {
				if _, err := st.ActRequest(ctx, pf.staff, r.ID, act, "理由"); err != nil {
					t.Fatal(err)
				}
			}
		}
		mk(lvzhi.RequestAsk, day(1, 5), pf.Dept, "submit")
		mk(lvzhi.RequestAsk, day(1, 20), pf.Dept, "submit")
		mk(lvzhi.RequestAsk, day(3, 2), second, "submit")
		mk(lvzhi.RequestReport, day(3, 9), second, "submit")
		mk(lvzhi.RequestReport, time.Date(2026, 12, 31, 15, 30, 0, 0, time.UTC), pf.Dept, "submit") // 23:30 in China
		mk(lvzhi.RequestReport, day(5, 1), pf.Dept)
		mk(lvzhi.RequestAsk, day(6, 1), pf.Dept, "submit", "withdraw")
		mk(lvzhi.RequestReport, time.Date(2025, 12, 31, 15, 30, 0, 0, time.UTC), pf.Dept, "submit") // 2025-12-31 in China

		for _, c := range []struct {
			f    lvzhi.RequestFilter
			want int
		}{
			{lvzhi.RequestFilter{}, 8},
			{lvzhi.RequestFilter{Year: 2026}, 7},
			{lvzhi.RequestFilter{Year: 2025}, 1},
			{lvzhi.RequestFilter{Type: lvzhi.RequestAsk}, 4},
			{lvzhi.RequestFilter{State: lvzhi.RequestSubmitted, Year: 2026}, 5},
			{lvzhi.RequestFilter{DepartmentID: second}, 2},
			{lvzhi.RequestFilter{Q: "请示"}, 4},
		} {
			list, total, err := st.ListRequests(ctx, pf.leader, c.f)
			if err != nil || total != c.want || len(list) != c.want {
				t.Errorf("list %+v: %d (%d rows), %v; want %d", c.f, total, len(list), err, c.want)
			}
		}
		if _, _, err := st.ListRequests(ctx, pf.mem[0], lvzhi.RequestFilter{}); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("member lists requests: %v", err)
		}

		stats, err := st.RequestStats(ctx, pf.leader, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if stats.Total != 5 || stats.ByType[0].N != 3 || stats.ByType[1].N != 2 {
			t.Errorf("2026: total %d, by type %+v", stats.Total, stats.ByType)
		}
		if stats.ByMonth[0][0].N != 2 || stats.ByMonth[2][0].N != 1 || stats.ByMonth[2][1].N != 1 || stats.ByMonth[11][1].N != 1 || stats.ByMonth[4][1].N != 0 {
			t.Errorf("by month %+v", stats.ByMonth)
		}
		if len(stats.ByDept) != 2 || stats.ByDept[0].Label != "提案委办公室" || stats.ByDept[0].N != 3 {
			t.Errorf("by department %+v", stats.ByDept)
		}
		if s25, _ := st.RequestStats(ctx, pf.leader, 2025); s25.Total != 1 {
			t.Errorf("2025: %d", s25.Total)
		}
		if _, err := st.RequestStats(ctx, pf.mem[0], 2026); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("member reads request figures: %v", err)
		}
	})
}
