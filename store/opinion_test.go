package store

import (
	"strings"
	"testing"

	"lvzhi"
	"lvzhi/textdiff"
)

// Texts of opinion reports for these tests: short reports on different matters.
var opinionTexts = []struct{ Title, Body string }{
	{"关于老旧小区加装电梯审批难的反映", "近期不少群众反映,老旧小区加装电梯需要全体业主签字同意,低层住户意见难以统一,审批环节多、周期长。建议简化审批流程,明确补贴标准,由街道社区牵头做好协调工作。"},
	{"关于农村客运班线停运影响群众出行的反映", "部分乡镇农村客运班线因客流减少陆续停运,偏远村组群众赶集就医出行困难。建议对农村客运实行财政补贴,推行预约响应式公交,保障群众基本出行需求。"},
	{"关于校外培训机构预付费风险的反映", "一些校外培训机构收取大额预付费后经营困难甚至关门停业,家长维权难。建议建立预付费资金监管账户,限制一次性收费期限,加强行业主管部门的日常监管。"},
}

// opFixture is propFixture with helpers for reports.
type opFixture struct{ *propFixture }

func newOpFixture(t testing.TB, st *Store) *opFixture { return &opFixture{newPropFixture(t, st)} }

// draft creates an individual report of member i as that member.
func (f *opFixture) draft(t testing.TB, i, text int) lvzhi.Opinion {
	t.Helper()
	o, err := f.st.CreateOpinion(f.ctx, f.mem[i], lvzhi.Opinion{Kind: lvzhi.OpinionIndividual, Title: opinionTexts[text].Title, Body: opinionTexts[text].Body})
	if err != nil {
		t.Fatalf("create report: %v (fields %v)", err, lvzhi.ErrorFields(err))
	}
	return o
}

// act applies a report action and fails the test on an error.
func (f *opFixture) act(t testing.TB, a lvzhi.Actor, id int64, action string, in lvzhi.OpinionActionInput) lvzhi.Opinion {
	t.Helper()
	o, err := f.st.ActOpinion(f.ctx, a, id, action, in)
	if err != nil {
		t.Fatalf("%s report %d as %s: %v (fields %v)", action, id, a.Username, err, lvzhi.ErrorFields(err))
	}
	return o
}

// submitted creates and submits a report of member i.
func (f *opFixture) submitted(t testing.TB, i, text int) lvzhi.Opinion {
	t.Helper()
	o := f.draft(t, i, text)
	return f.act(t, f.mem[i], o.ID, "submit", lvzhi.OpinionActionInput{})
}

func newIssue(signer, date string) *lvzhi.Issue {
	return &lvzhi.Issue{Signer: signer, OnDate: date, Title: "社情民意"}
}

// TestOpinionLifecycle walks a report from the member's draft to its adoptions, each step by
// the role whose job it is, and checks what the member sees of it.
func TestOpinionLifecycle(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newOpFixture(t, st)
		m, staff := f.mem[0], f.staff
		o := f.draft(t, 0, 0)
		if o.State != lvzhi.OpinionDraft || o.AuthorName != f.Members[0].Name {
			t.Fatalf("draft: %+v", o)
		}
		o = f.act(t, m, o.ID, "submit", lvzhi.OpinionActionInput{})
		if o.State != lvzhi.OpinionReceived || o.Submitted.IsZero() {
			t.Fatalf("submitted: state %s, submitted %v", o.State, o.Submitted)
		}
		// The editor's two saves: both kept, the submitter's text too.
		edited := strings.Replace(opinionTexts[0].Body, "近期不少群众反映,", "据群众反映,", 1)
		o = f.act(t, staff, o.ID, "edit", lvzhi.OpinionActionInput{Body: edited, Note: "压缩开头"})
		final := edited + "各区县应定期通报进展。"
		o = f.act(t, staff, o.ID, "edit", lvzhi.OpinionActionInput{Title: "老旧小区加装电梯审批亟待简化", Body: final})
		if o.State != lvzhi.OpinionEditing || o.Body != final || o.Title != "老旧小区加装电梯审批亟待简化" {
			t.Fatalf("after editing: %+v", o)
		}
		d, err := st.OpinionDetail(f.ctx, staff, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Versions) != 3 || d.Versions[0].Editor || d.Versions[0].Body != opinionTexts[0].Body || !d.Versions[2].Editor || d.Versions[2].Body != final {
			t.Fatalf("versions: %+v", d.Versions)
		}
		// The diff: the submitter's text beside the latest, the changes marked.
		diff, err := st.OpinionDiff(f.ctx, staff, o.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if diff.Old.Number != 1 || diff.New.Number != 3 {
			t.Fatalf("diff compares %d with %d, want 1 with 3", diff.Old.Number, diff.New.Number)
		}
		var del, ins []string
		for _, op := range diff.Body {
			switch op.Kind {
			case textdiff.Delete:
				del = append(del, op.Text)
			case textdiff.Insert:
				ins = append(ins, op.Text)
			}
		}
		if strings.Join(del, "|") != "近期不少" || strings.Join(ins, "|") != "据|。各区县应定期通报进展" {
			t.Errorf("diff deleted %q and inserted %q", del, ins)
		}
		if _, err := st.OpinionDiff(f.ctx, m, o.ID, 0, 0); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("the member sees the editing: %v", err)
		}
		// Compiled into a new issue, forwarded, adopted twice.
		o = f.act(t, staff, o.ID, "compile", lvzhi.OpinionActionInput{NewIssue: newIssue("王秘书长", "2026-03-05")})
		if o.State != lvzhi.OpinionCompiled || o.IssueLabel != "2026年第1期" {
			t.Fatalf("compiled: %s %q", o.State, o.IssueLabel)
		}
		o = f.act(t, staff, o.ID, "forward", lvzhi.OpinionActionInput{To: lvzhi.ForwardPartyCommittee, OnDate: "2026-03-06"})
		o = f.act(t, staff, o.ID, "forward", lvzhi.OpinionActionInput{To: lvzhi.ForwardHigherCommittee, OnDate: "2026-03-07"})
		o = f.act(t, staff, o.ID, "adopt", lvzhi.OpinionActionInput{Adoption: lvzhi.Adoption{Level: lvzhi.AdoptProvince, Body: "省政协办公厅", OnDate: "2026-03-20"}})
		o = f.act(t, staff, o.ID, "adopt", lvzhi.OpinionActionInput{Adoption: lvzhi.Adoption{Level: lvzhi.AdoptNational, Mode: lvzhi.AdoptCombined, Body: "全国政协办公厅", OnDate: "2026-04-02"}})
		if o.State != lvzhi.OpinionForwarded {
			t.Fatalf("state %s, want forwarded", o.State)
		}
		// What the member sees: the state, the issue, both adoptions.
		md, err := st.OpinionDetail(f.ctx, m, o.ID)
		if err != nil {
			t.Fatalf("the member reads the own report: %v", err)
		}
		if md.Issue.Label() != "2026年第1期" || md.Issue.Signer != "王秘书长" || len(md.Forwards) != 2 || len(md.Adoptions) != 2 ||
			md.Adoptions[1].Mode != lvzhi.AdoptCombined || md.Adoptions[0].Body != "省政协办公厅" {
			t.Errorf("member's view: issue %q, forwards %d, adoptions %+v", md.Issue.Label(), len(md.Forwards), md.Adoptions)
		}
		wantHistory := []string{"adopt", "adopt", "forward", "forward", "compile", "edit", "edit", "submit", "create"}
		var got []string
		for _, e := range md.History {
			got = append(got, e.Action)
		}
		if strings.Join(got, " ") != strings.Join(wantHistory, " ") {
			t.Errorf("history %v, want %v", got, wantHistory)
		}
		// Another member does not see it; an action out of turn names state and action.
		if _, err := st.Opinion(f.ctx, f.mem[1], o.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("another member reads the report: %v", err)
		}
		_, err = st.ActOpinion(f.ctx, staff, o.ID, "edit", lvzhi.OpinionActionInput{Body: "x"})
		wantMessage(t, err, "edit after forwarding", "已报送", "编辑加工")
	})
}

// TestOpinionNotUsedAndWithdrawn covers the other ends: not used with the reason the member
// sees, returned and resubmitted, taken back; and the refusals of each role.
func TestOpinionNotUsedAndWithdrawn(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newOpFixture(t, st)
		m, staff := f.mem[0], f.staff
		o := f.submitted(t, 0, 1)
		_, err := st.ActOpinion(f.ctx, staff, o.ID, "not_use", lvzhi.OpinionActionInput{})
		wantField(t, err, "note", "not used without a reason")
		o = f.act(t, staff, o.ID, "not_use", lvzhi.OpinionActionInput{Note: "该问题已列入市政府民生实事,正在推进"})
		got, err := st.Opinion(f.ctx, m, o.ID)
		if err != nil || got.State != lvzhi.OpinionNotUsed || got.NotUsedReason != "该问题已列入市政府民生实事,正在推进" {
			t.Fatalf("the member's view of a report not used: %+v %v", got, err)
		}
		o = f.act(t, staff, o.ID, "reedit", lvzhi.OpinionActionInput{})
		if o.State != lvzhi.OpinionEditing || o.NotUsedReason != "" {
			t.Errorf("reedit: %s %q", o.State, o.NotUsedReason)
		}

		// Returned, changed by the member, resubmitted: a second submitter version.
		r := f.submitted(t, 1, 2)
		r = f.act(t, staff, r.ID, "return", lvzhi.OpinionActionInput{Note: "请补充具体数据"})
		r.Body += "据了解,去年全市此类投诉超过三百件。"
		if err := st.UpdateOpinion(f.ctx, f.mem[1], r); err != nil {
			t.Fatal(err)
		}
		r = f.act(t, f.mem[1], r.ID, "resubmit", lvzhi.OpinionActionInput{})
		d, _ := st.OpinionDetail(f.ctx, staff, r.ID)
		if len(d.Versions) != 2 || d.Versions[1].Editor || !strings.Contains(d.Versions[1].Body, "三百件") {
			t.Errorf("versions after resubmission: %+v", d.Versions)
		}
		// The member takes it back before editing; not after.
		r = f.act(t, f.mem[1], r.ID, "retract", lvzhi.OpinionActionInput{})
		if r.State != lvzhi.OpinionWithdrawn {
			t.Errorf("retract: %s", r.State)
		}
		e := f.submitted(t, 2, 0)
		f.act(t, staff, e.ID, "edit", lvzhi.OpinionActionInput{})
		_, err = st.ActOpinion(f.ctx, f.mem[2], e.ID, "retract", lvzhi.OpinionActionInput{})
		wantMessage(t, err, "retract while editing", "编辑中", "撤回")

		// Refusals: a member may not edit or decide; another member may not take it back;
		// the other committee's office sees nothing.
		_, err = st.ActOpinion(f.ctx, m, e.ID, "compile", lvzhi.OpinionActionInput{NewIssue: newIssue("某", "2026-03-05")})
		wantCode(t, err, lvzhi.ErrForbidden, "a member compiles")
		x := f.submitted(t, 0, 2)
		_, err = st.ActOpinion(f.ctx, f.mem[1], x.ID, "retract", lvzhi.OpinionActionInput{})
		wantCode(t, err, lvzhi.ErrForbidden, "another member retracts")
		_, err = st.Opinion(f.ctx, f.otherStaff, x.ID)
		wantCode(t, err, lvzhi.ErrForbidden, "the other committee reads")
		_, err = st.Opinion(f.ctx, f.leader, x.ID)
		if err != nil {
			t.Errorf("a leader reads a submitted report: %v", err)
		}
		dr := f.draft(t, 0, 1)
		_, err = st.Opinion(f.ctx, f.leader, dr.ID)
		wantCode(t, err, lvzhi.ErrNotFound, "a leader reads a draft")

		// Nothing changes on a refused or invalid action.
		before := countRows(t, st, `SELECT COUNT(*) FROM events WHERE kind = 'opinion'`)
		_, err = st.ActOpinion(f.ctx, staff, x.ID, "edit", lvzhi.OpinionActionInput{Body: strings.Repeat("长", 1501)})
		wantField(t, err, "body", "an edit over the limit")
		if n := countRows(t, st, `SELECT COUNT(*) FROM events WHERE kind = 'opinion'`); n != before {
			t.Errorf("a refused edit wrote %d events", n-before)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM opinion_versions WHERE opinion_id = $1`, x.ID); n != 1 {
			t.Errorf("a refused edit left %d versions, want 1", n)
		}
	})
}

// TestOpinionAuthorsAndLists covers joint, group and lower-committee reports, the length
// limit of the committee's settings, and the lists each role sees.
func TestOpinionAuthorsAndLists(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newOpFixture(t, st)
		joint, err := st.CreateOpinion(f.ctx, f.mem[0], lvzhi.Opinion{Kind: lvzhi.OpinionJoint, Title: opinionTexts[1].Title,
			Body: opinionTexts[1].Body, CoAuthors: []int64{f.Members[1].ID, f.Members[2].ID}})
		if err != nil {
			t.Fatal(err)
		}
		if joint.AuthorName != "王建国、李秀英、张海峰" {
			t.Errorf("joint author name %q", joint.AuthorName)
		}
		f.act(t, f.mem[0], joint.ID, "submit", lvzhi.OpinionActionInput{})
		// A co-author reads it; a member who did not write it does not.
		if _, err := st.Opinion(f.ctx, f.mem[2], joint.ID); err != nil {
			t.Errorf("a co-author reads the joint report: %v", err)
		}
		wantCode(t, func() error { _, err := st.Opinion(f.ctx, f.mem[3], joint.ID); return err }(), lvzhi.ErrForbidden, "a stranger reads")
		// An instruction on the joint report: its authors read it on the report, others not.
		if _, err := st.AddInstruction(f.ctx, f.staff, lvzhi.KindOpinion, joint.ID, lvzhi.Instruction{Leader: "张书记", Rank: "市委主要领导",
			GivenOn: st.Now(), Body: "请研究落实。"}); err != nil {
			t.Fatal(err)
		}
		for i, want := range []bool{true, true, true, false} {
			ins, err := st.Instructions(f.ctx, f.mem[i], lvzhi.KindOpinion, joint.ID)
			if got := err == nil && len(ins) == 1; got != want {
				t.Errorf("member %d reads the joint report's instructions: %d, %v; want %v", i, len(ins), err, want)
			}
		}

		group, err := st.CreateOpinion(f.ctx, f.staff, lvzhi.Opinion{Kind: lvzhi.OpinionGroup, GroupID: f.Party, Title: opinionTexts[2].Title, Body: opinionTexts[2].Body})
		if err != nil || group.AuthorName != "民革兰州市委" {
			t.Fatalf("group report: %+v %v", group, err)
		}
		lower, err := st.CreateOpinion(f.ctx, f.staff, lvzhi.Opinion{Kind: lvzhi.OpinionLower, SourceCommitteeID: f.County, Title: opinionTexts[0].Title, Body: opinionTexts[0].Body})
		if err != nil || lower.AuthorName != "城关区政协" {
			t.Fatalf("lower committee report: %+v %v", lower, err)
		}
		_, err = st.CreateOpinion(f.ctx, f.staff, lvzhi.Opinion{Kind: lvzhi.OpinionLower, SourceCommitteeID: f.Other, Title: "某", Body: "某"})
		wantField(t, err, "source_committee_id", "a committee that is not below")
		_, err = st.CreateOpinion(f.ctx, f.staff, lvzhi.Opinion{Kind: lvzhi.OpinionGroup, GroupID: f.Dept, Title: "某", Body: "某"})
		wantField(t, err, "group_id", "a department as a group")

		// The committee's limit: 200 characters; a longer report is refused on submit.
		if err := st.SetOpinionSettings(f.ctx, f.staff, lvzhi.OpinionSettings{MaxChars: 200}); err != nil {
			t.Fatal(err)
		}
		long, err := st.CreateOpinion(f.ctx, f.mem[3], lvzhi.Opinion{Title: "长文", Body: strings.Repeat("群众反映问题", 40)})
		wantField(t, err, "body", "a draft over the committee's limit")
		_ = long
		wantCode(t, st.SetOpinionSettings(f.ctx, f.mem[0], lvzhi.OpinionSettings{MaxChars: 500}), lvzhi.ErrForbidden, "a member sets the limit")

		// Lists: the member's own (as co-author too), the office's queue, a search.
		mine, total, err := st.ListOpinions(f.ctx, f.mem[1], lvzhi.OpinionFilter{})
		if err != nil || total != 1 || mine[0].ID != joint.ID {
			t.Errorf("a co-author's list: %d %v", total, err)
		}
		queue, total, err := st.ListOpinions(f.ctx, f.staff, lvzhi.OpinionFilter{State: lvzhi.OpinionReceived})
		if err != nil || total != 1 || queue[0].ID != joint.ID {
			t.Errorf("the intake queue: %d %v", total, err)
		}
		found, total, err := st.ListOpinions(f.ctx, f.staff, lvzhi.OpinionFilter{Q: "预付费"})
		if err != nil || total != 1 || found[0].ID != group.ID {
			t.Errorf("search: %d %v", total, err)
		}
		_, total, _ = st.ListOpinions(f.ctx, f.leader, lvzhi.OpinionFilter{})
		if total != 1 {
			t.Errorf("a leader lists %d reports, want the 1 submitted (drafts are their authors')", total)
		}
		_, _, err = st.ListOpinions(f.ctx, f.unit[0], lvzhi.OpinionFilter{})
		wantCode(t, err, lvzhi.ErrForbidden, "a handling unit lists reports")
	})
}
