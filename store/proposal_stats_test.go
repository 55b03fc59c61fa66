package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/register"
)

// statsWorld is a session with proposals taken through the whole workflow by ActProposal,
// and the actors that did it.
type statsWorld struct {
	f                   *fixture
	session             int64
	unitA, unitB, unitC int64
	staff, leader       lvzhi.Actor
	unit                map[int64]lvzhi.Actor
}

func statsActor(f *fixture, id int64, name string, role lvzhi.Role, mod func(*lvzhi.Actor)) lvzhi.Actor {
	a := lvzhi.Actor{UserID: id, Username: name, Name: name, Roles: []lvzhi.Role{role}, CommitteeID: f.City, Committees: []int64{f.City}}
	if mod != nil {
		mod(&a)
	}
	return a
}

// statsProposal creates a proposal by staff for a member (or a group), and submits it unless
// it is to stay a draft.
func (w *statsWorld) proposal(t *testing.T, proposer, group int64, category, title string, submit bool) int64 {
	t.Helper()
	kind, signer := lvzhi.ProposalIndividual, ""
	if group != 0 {
		kind, signer = lvzhi.ProposalGroup, "召集人"
	}
	p, err := w.f.st.CreateProposal(w.f.ctx, w.staff, lvzhi.Proposal{SessionID: w.session, Kind: kind, ProposerID: proposer, GroupID: group, Signer: signer,
		Title: title, Category: category, Body: title + ":" + strings.Repeat("调研发现的问题、原因分析和具体建议,", 4)})
	if err != nil {
		t.Fatalf("create %s: %v (fields %v)", title, err, lvzhi.ErrorFields(err))
	}
	if submit {
		w.act(t, w.staff, p.ID, "submit", lvzhi.ProposalActionInput{})
	}
	return p.ID
}

func (w *statsWorld) act(t *testing.T, a lvzhi.Actor, id int64, action string, in lvzhi.ProposalActionInput) {
	t.Helper()
	if _, err := w.f.st.ActProposal(w.f.ctx, a, id, action, in); err != nil {
		t.Fatalf("%s proposal %d: %v (fields %v)", action, id, err, lvzhi.ErrorFields(err))
	}
}

func (w *statsWorld) assign(t *testing.T, id int64, mode string, units ...lvzhi.ProposalUnit) {
	t.Helper()
	w.act(t, w.staff, id, "accept", lvzhi.ProposalActionInput{})
	w.act(t, w.staff, id, "assign", lvzhi.ProposalActionInput{Units: units, Mode: mode})
}

// reply has the lead unit reply with a class, the joint units (会办) co-sign it, and the
// office approve it.
func (w *statsWorld) reply(t *testing.T, id, unit int64, class string, joint ...int64) {
	t.Helper()
	w.act(t, w.unit[unit], id, "reply", lvzhi.ProposalActionInput{Class: class,
		Body: "经研究,我单位已将该建议列入年度工作计划,会同有关部门制定具体措施,年内落实。"})
	for _, j := range joint {
		w.act(t, w.unit[j], id, "cosign_reply", lvzhi.ProposalActionInput{})
	}
	w.act(t, w.staff, id, "approve_reply", lvzhi.ProposalActionInput{})
}

// The world, on a clock standing at Monday 2 March 2026 09:00 UTC (t0):
//
//	P1 王敏 (sector 中国共产党) 教育事业: units A lead, B joint; replied A at t0+10d; satisfied.
//	P2 王敏 教育事业: A lead; replied B at t0+100d, after the deadline t0+3 months; basically.
//	P3 李强 (经济界) 经济发展: B lead; replied C at t0+10d; dissatisfied → round 2 (due 12 June).
//	P4 李强 经济发展: A lead; never replied; overdue at t0+100d.
//	P5 王敏 教育事业: rejected.
//	P6 李强 社会事业: under review.
//	P7 民革兰州市委 (a party) 社会事业: accepted, a group proposal.
//	P8 王敏 社会事业: a draft.
//	P9 王敏 社会事业: assigned to C, sent back by C → accepted again.
//	H  imported history no. 100, 民进兰州市委, 教育事业, reply class B → closed, no member.
//
// The figures are read at t0+100d (10 June 2026).
func newStatsWorld(t *testing.T, st *Store) *statsWorld {
	t.Helper()
	f := newFixture(t, st)
	clock := clockOf(st)
	w := &statsWorld{f: f, unitA: f.Unit, unit: map[int64]lvzhi.Actor{}}
	w.unitB = f.unit(t, f.City, lvzhi.OrgHandlingUnit, "市民政局", 0)
	w.unitC = f.unit(t, f.City, lvzhi.OrgHandlingUnit, "市财政局", 0)
	w.staff = statsActor(f, 9501, "tongji", lvzhi.RoleStaff, func(a *lvzhi.Actor) { a.DepartmentID = f.Dept })
	w.leader = statsActor(f, 9502, "zhuxi", lvzhi.RoleLeader, nil)
	for i, u := range []int64{w.unitA, w.unitB, w.unitC} {
		w.unit[u] = statsActor(f, int64(9510+i), "danwei", lvzhi.RoleUnit, func(a *lvzhi.Actor) { a.UnitID = u })
	}
	ss, err := st.CreateSession(f.ctx, w.staff, lvzhi.Session{CommitteeID: f.City, TermID: f.Term, Number: 3})
	if err != nil {
		t.Fatal(err)
	}
	w.session = ss.ID
	wang := f.createMember(t, f.newMember("王敏", 21))
	liM := f.newMember("李强", 22)
	liM.SectorID = f.Sectors[2]
	li := f.createMember(t, liM)
	wangA := statsActor(f, 9521, "wangmin", lvzhi.RoleMember, func(a *lvzhi.Actor) { a.MemberID = wang.ID })
	liA := statsActor(f, 9522, "liqiang", lvzhi.RoleMember, func(a *lvzhi.Actor) { a.MemberID = li.ID })

	lead := func(u int64) lvzhi.ProposalUnit { return lvzhi.ProposalUnit{UnitID: u, Role: lvzhi.UnitLead} }
	p1 := w.proposal(t, wang.ID, 0, "教育事业", "关于加强中小学心理健康教育的建议", true)
	p2 := w.proposal(t, wang.ID, 0, "教育事业", "关于推进职业教育产教融合的建议", true)
	p3 := w.proposal(t, li.ID, 0, "经济发展", "关于优化营商环境的建议", true)
	p4 := w.proposal(t, li.ID, 0, "经济发展", "关于支持民营经济发展的建议", true)
	p5 := w.proposal(t, wang.ID, 0, "教育事业", "关于一件不宜立案之事的建议", true)
	w.proposal(t, li.ID, 0, "社会事业", "关于完善社区养老服务的建议", true)
	p7 := w.proposal(t, 0, f.Party, "社会事业", "关于加强城市历史文化保护的建议", true)
	w.proposal(t, wang.ID, 0, "社会事业", "关于尚未写完的一件事的建议", false)
	p9 := w.proposal(t, wang.ID, 0, "社会事业", "关于改善老旧小区停车的建议", true)

	w.assign(t, p1, "joint", lead(w.unitA), lvzhi.ProposalUnit{UnitID: w.unitB, Role: lvzhi.UnitJoint})
	w.assign(t, p2, "single", lead(w.unitA))
	w.assign(t, p3, "single", lead(w.unitB))
	w.assign(t, p4, "single", lead(w.unitA))
	w.act(t, w.staff, p5, "reject", lvzhi.ProposalActionInput{Reasons: []string{"vague"}})
	w.act(t, w.staff, p7, "accept", lvzhi.ProposalActionInput{})
	w.assign(t, p9, "single", lead(w.unitC))
	w.act(t, w.unit[w.unitC], p9, "send_back", lvzhi.ProposalActionInput{Note: "不属于我局职责,建议交市交通局"})

	clock.Advance(10 * 24 * time.Hour)
	w.reply(t, p1, w.unitA, "A", w.unitB)
	w.act(t, wangA, p1, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Satisfied})
	w.reply(t, p3, w.unitB, "C")
	w.act(t, liA, p3, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Dissatisfied, Note: "答复未回应具体建议"})

	clock.Advance(90 * 24 * time.Hour)
	w.reply(t, p2, w.unitA, "B")
	w.act(t, wangA, p2, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.BasicallySatisfied})

	if _, err := st.ImportProposals(f.ctx, w.staff, w.session, []register.Row{{Number: 100, Title: "关于发展学前教育的建议",
		Proposer: "民进兰州市委", Category: "教育事业", Body: "内容", ReplyClass: "B", Line: 2}}); err != nil {
		t.Fatalf("import: %v", err)
	}
	return w
}

func TestProposalStatsByUnit(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		w := newStatsWorld(t, st)
		want := []UnitStats{
			{UnitID: w.unitA, Unit: "市教育局", Received: 3, Lead: 3, Replied: 2, OnTime: 1, Overdue: 2, Evaluated: 2, Satisfied: 2,
				ReplyRate: 2.0 / 3, OnTimeRate: 1.0 / 3, SatisfactionRate: 1, Classes: map[string]int{"A": 1, "B": 1}},
			{UnitID: w.unitB, Unit: "市民政局", Received: 2, Lead: 1, Replied: 2, OnTime: 2, Overdue: 0, Evaluated: 2, Satisfied: 1,
				ReplyRate: 1, OnTimeRate: 1, SatisfactionRate: 0.5, Classes: map[string]int{"A": 1, "C": 1}},
			{UnitID: w.unitC, Unit: "市财政局", Classes: map[string]int{}},
		}
		for _, who := range []lvzhi.Actor{w.staff, w.leader} {
			got, err := st.ProposalStatsByUnit(w.f.ctx, who, w.session)
			if err != nil {
				t.Fatalf("%s: %v", who.Username, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: stats =\n%+v\nwant\n%+v", who.Username, got, want)
			}
		}
		// A unit sees its own row only.
		got, err := st.ProposalStatsByUnit(w.f.ctx, w.unit[w.unitB], w.session)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want[1:2]) {
			t.Errorf("unit B sees %+v", got)
		}
		// A member does not see the units' figures; nobody sees another committee's session.
		member := statsActor(w.f, 9600, "weiyuan", lvzhi.RoleMember, nil)
		_, err = st.ProposalStatsByUnit(w.f.ctx, member, w.session)
		wantCode(t, err, lvzhi.ErrForbidden, "member unit stats")
		other, err := st.CreateSession(w.f.ctx, lvzhi.System(w.f.Other), lvzhi.Session{CommitteeID: w.f.Other, TermID: w.f.OtherTerm, Number: 1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.ProposalStatsByUnit(w.f.ctx, w.staff, other.ID)
		wantCode(t, err, lvzhi.ErrNotFound, "another committee's session")
	})
}

func TestProposalStatsByCategoryAndSector(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		w := newStatsWorld(t, st)
		got, err := st.ProposalStatsByCategory(w.f.ctx, w.leader, w.session)
		if err != nil {
			t.Fatal(err)
		}
		cats := lvzhi.DefaultProposalSettings().Categories
		if len(got) != len(cats) {
			t.Fatalf("categories = %d, want %d", len(got), len(cats))
		}
		want := map[string]StateCounts{
			"经济发展": {Name: "经济发展", Total: 2, Accepted: 2},
			"教育事业": {Name: "教育事业", Total: 4, NotFiled: 1, Closed: 3},
			"社会事业": {Name: "社会事业", Total: 3, Submitted: 1, Accepted: 2},
		}
		for i, c := range got {
			w, ok := want[c.Name]
			if !ok {
				w = StateCounts{Name: cats[i]}
			}
			if c.Name != cats[i] || c != w {
				t.Errorf("category %d = %+v, want %+v", i, c, w)
			}
		}

		sectors, err := st.ProposalStatsBySector(w.f.ctx, w.staff, w.session)
		if err != nil {
			t.Fatal(err)
		}
		wantSectors := []StateCounts{
			{ID: w.f.Sectors[0], Name: "中国共产党", Kind: "sector", Total: 4, Accepted: 1, NotFiled: 1, Closed: 2},
			{ID: w.f.Sectors[1], Name: "民革", Kind: "sector"},
			{ID: w.f.Sectors[2], Name: "经济界", Kind: "sector", Total: 3, Submitted: 1, Accepted: 2},
			{ID: w.f.Party, Name: "民革兰州市委", Kind: "party", Total: 1, Accepted: 1},
			{Name: "未关联委员", Total: 1, Closed: 1},
		}
		if !reflect.DeepEqual(sectors, wantSectors) {
			t.Errorf("sectors =\n%+v\nwant\n%+v", sectors, wantSectors)
		}
		if sectors[0].Filed() != 3 {
			t.Errorf("filed = %d, want 3", sectors[0].Filed())
		}

		// Units and members do not read these tables.
		for _, who := range []lvzhi.Actor{w.unit[w.unitA], statsActor(w.f, 9600, "weiyuan", lvzhi.RoleMember, nil)} {
			_, err := st.ProposalStatsByCategory(w.f.ctx, who, w.session)
			wantCode(t, err, lvzhi.ErrForbidden, who.Username+" by category")
			_, err = st.ProposalStatsBySector(w.f.ctx, who, w.session)
			wantCode(t, err, lvzhi.ErrForbidden, who.Username+" by sector")
		}
	})
}
