package store

// Shared helpers of the proposal tests: a committee with a session, members, handling units
// and the actors of every role, and texts written for these tests.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"lvzhi"
)

// propFixture is the city of fixture with what proposals need: session 3 of the 14th term
// (and session 4), four members, three handling units, and a session, a member and staff of
// the other committee.
type propFixture struct {
	*fixture
	Session, Session4 int64
	Members           []lvzhi.Member // serving members of the city
	Units             []int64        // handling units: 市教育局 (fixture.Unit), 市民政局, 市财政局, 市工信局
	OtherSession      int64
	OtherMember       lvzhi.Member

	staff      lvzhi.Actor   // the proposal office
	leader     lvzhi.Actor   // a chair without a member record
	mem        []lvzhi.Actor // one actor per Members entry
	unit       []lvzhi.Actor // one actor per Units entry
	otherStaff lvzhi.Actor   // staff of the other committee
	otherMem   lvzhi.Actor
}

var memberNames = []string{"王建国", "李秀英", "张海峰", "刘淑芬"}

func newPropFixture(t testing.TB, st *Store) *propFixture {
	t.Helper()
	pf := &propFixture{fixture: newFixture(t, st)}
	f := pf.fixture
	pf.Session = pf.session(t, f.City, f.Term, 3)
	pf.Session4 = pf.session(t, f.City, f.Term, 4)
	pf.OtherSession = pf.session(t, f.Other, f.OtherTerm, 1)
	for i, name := range memberNames {
		pf.Members = append(pf.Members, f.createMember(t, f.newMember(name, 10+i)))
	}
	om := f.newMember("赵天水", 90)
	om.CommitteeID, om.TermID, om.SectorID = f.Other, f.OtherTerm, f.OtherSector
	pf.OtherMember = f.createMember(t, om)
	pf.Units = []int64{f.Unit,
		f.unit(t, f.City, lvzhi.OrgHandlingUnit, "市民政局", 0),
		f.unit(t, f.City, lvzhi.OrgHandlingUnit, "市财政局", 0),
		f.unit(t, f.City, lvzhi.OrgHandlingUnit, "市工信局", 0),
	}
	city := []int64{f.City}
	pf.staff = lvzhi.Actor{UserID: 9001, Username: "tianban", Name: "提案办", Roles: []lvzhi.Role{lvzhi.RoleStaff}, CommitteeID: f.City, Committees: city, DepartmentID: f.Dept}
	pf.leader = lvzhi.Actor{UserID: 9002, Username: "zhuxi", Name: "主席", Roles: []lvzhi.Role{lvzhi.RoleLeader}, CommitteeID: f.City, Committees: city}
	for i, m := range pf.Members {
		pf.mem = append(pf.mem, lvzhi.Actor{UserID: int64(9100 + i), Username: fmt.Sprintf("wy%d", i), Name: m.Name,
			Roles: []lvzhi.Role{lvzhi.RoleMember}, CommitteeID: f.City, Committees: city, MemberID: m.ID})
	}
	for i, u := range pf.Units {
		pf.unit = append(pf.unit, lvzhi.Actor{UserID: int64(9200 + i), Username: fmt.Sprintf("dw%d", i), Name: fmt.Sprintf("承办单位%d", i),
			Roles: []lvzhi.Role{lvzhi.RoleUnit}, CommitteeID: f.City, Committees: city, UnitID: u})
	}
	other := []int64{f.Other}
	pf.otherStaff = lvzhi.Actor{UserID: 9301, Username: "tstianban", Name: "天水提案办", Roles: []lvzhi.Role{lvzhi.RoleStaff}, CommitteeID: f.Other, Committees: other}
	pf.otherMem = lvzhi.Actor{UserID: 9302, Username: "tswy", Name: pf.OtherMember.Name, Roles: []lvzhi.Role{lvzhi.RoleMember}, CommitteeID: f.Other, Committees: other, MemberID: pf.OtherMember.ID}
	return pf
}

func (pf *propFixture) session(t testing.TB, committee, term int64, number int) int64 {
	t.Helper()
	ss, err := pf.st.CreateSession(pf.ctx, lvzhi.System(committee), lvzhi.Session{CommitteeID: committee, TermID: term, Number: number})
	if err != nil {
		t.Fatalf("create session %d: %v", number, err)
	}
	return ss.ID
}

// propText is a proposal written for these tests: a title, a category of the defaults, a body
// and the units its proposer suggests.
type propText struct {
	Title, Category, Body, Units string
}

// propTexts are ten proposals on different subjects. Only the first mentions 养老 and only the
// second 教育; only the third has 5G基站; 养 occurs in the first (养老) and the fifth (培养).
var propTexts = []propText{
	{"关于加快发展社区居家养老服务的建议", "社会事业",
		"我市六十岁以上老年人口已超过全市人口的百分之二十,社区居家养老服务供给不足,日间照料中心覆盖率偏低,专业护理人员短缺。" +
			"建议市政府统筹规划社区养老服务设施,扶持社会力量举办嵌入式养老机构,完善护理人员培训和补贴制度。", "市民政局"},
	{"关于促进城乡义务教育均衡发展的建议", "教育事业",
		"近年来我市城区学校大班额问题仍然突出,乡村学校师资力量薄弱,优质教育资源分布不均。" +
			"建议加大乡村教师待遇保障力度,推行城乡学校结对帮扶和教师交流轮岗,合理规划新建学校布局,逐步消除大班额。", "市教育局"},
	{"关于加快5G基站建设的建议", "科学技术",
		"5G网络是数字经济的重要基础设施。目前我市部分老旧小区和农村地区5G基站选址难、进场难,电力配套成本偏高。" +
			"建议将5G基站纳入国土空间规划,开放公共建筑和杆塔资源,落实转供电改直供电政策,降低运营企业建设成本。", "市工信局、市自然资源局"},
	{"关于以特色产业推动乡村振兴的建议", "农林水利",
		"乡村振兴关键在产业振兴。我市部分乡镇产业结构单一,农产品加工链条短,品牌影响力不足。" +
			"建议立足当地资源发展特色种植和农产品精深加工,发展乡村旅游和农村电商,完善联农带农利益联结机制,让农民更多分享产业增值收益。", "市农业农村局"},
	{"关于加强基层医疗卫生服务能力的建议", "医卫体育",
		"基层医疗机构是群众看病就医的第一道关口,但目前乡镇卫生院设备老化,全科医生数量不足,群众对基层首诊信任度不高。" +
			"建议加大基层医疗设备投入,实施全科医生定向培养计划,推进县域医共体建设,提升基层诊疗水平。", "市卫生健康委"},
	{"关于推进生活垃圾分类的建议", "资源环境",
		"生活垃圾分类工作开展以来,居民知晓率明显提高,但分类投放准确率不高,前端分类后端混运的情况时有发生。" +
			"建议完善分类收运处置体系,加强对物业企业和收运单位的考核,开展进社区进校园的宣传活动,提高居民参与的主动性。", "市城市管理局"},
	{"关于缓解中心城区交通拥堵的建议", "城乡建设",
		"中心城区早晚高峰交通拥堵日益严重,公交分担率偏低,停车位供需矛盾突出。" +
			"建议优化公交线网和发车频次,建设公交专用道,利用边角地块增建立体停车场,推行错峰上下班制度,引导市民绿色出行。", "市交通运输局"},
	{"关于保护和利用历史文化街区的建议", "文化宣传",
		"我市历史文化街区承载着城市记忆,但部分街区存在过度商业化、原住民外迁、传统建筑年久失修等问题。" +
			"建议编制街区保护利用规划,设立专项修缮资金,鼓励非遗传承人入驻街区,在保护中实现活化利用。", "市文化和旅游局"},
	{"关于发展普惠托育服务的建议", "社会事业",
		"三孩政策实施后,婴幼儿照护服务需求快速增长,但普惠性托育机构数量少、收费高、专业人员缺乏。" +
			"建议将托育服务纳入民生实事项目,支持用人单位和社区举办托育点,制定托育从业人员职业标准,减轻家庭育儿负担。", "市卫生健康委"},
	{"关于缓解中小企业融资难的建议", "财税金融",
		"中小企业是稳就业的重要力量,但普遍存在融资难融资贵的问题,银行贷款审批周期长,抵押担保要求高。" +
			"建议设立政府性融资担保基金,推广知识产权质押融资,搭建银企对接信息平台,引导金融机构加大信用贷款投放。", "市财政局"},
}

// draft creates an individual proposal of member i (an index into Members) in the session
// from text, as that member.
func (pf *propFixture) draft(t testing.TB, i int, session int64, text propText) lvzhi.Proposal {
	t.Helper()
	p, err := pf.st.CreateProposal(pf.ctx, pf.mem[i], lvzhi.Proposal{SessionID: session, Kind: lvzhi.ProposalIndividual,
		Title: text.Title, Category: text.Category, Body: text.Body, SuggestedUnits: text.Units, PublishConsent: true})
	if err != nil {
		t.Fatalf("create proposal %q: %v (fields %v)", text.Title, err, lvzhi.ErrorFields(err))
	}
	return p
}

// act applies an action and fails the test on an error.
func (pf *propFixture) act(t testing.TB, a lvzhi.Actor, id int64, action string, in lvzhi.ProposalActionInput) lvzhi.Proposal {
	t.Helper()
	p, err := pf.st.ActProposal(pf.ctx, a, id, action, in)
	if err != nil {
		t.Fatalf("%s proposal %d as %s: %v (fields %v)", action, id, a.Username, err, lvzhi.ErrorFields(err))
	}
	return p
}

// submitted creates and submits a proposal of member i in session 3.
func (pf *propFixture) submitted(t testing.TB, i int, text propText) lvzhi.Proposal {
	t.Helper()
	p := pf.draft(t, i, pf.Session, text)
	return pf.act(t, pf.mem[i], p.ID, "submit", lvzhi.ProposalActionInput{})
}

// assignIn is the usual assignment: unit lead alone, single mode.
func assignIn(lead int64) lvzhi.ProposalActionInput {
	return lvzhi.ProposalActionInput{Mode: "single", Units: []lvzhi.ProposalUnit{{UnitID: lead, Role: lvzhi.UnitLead}}}
}

const replyBody = "经研究,我局已将社区养老服务设施建设列入年度计划,并会同有关部门制定扶持政策,预计年内完成首批建设任务。"

// toState drives a new proposal of member 0 to state, by the ordinary route, handled by
// Units[0] as lead. A merged proposal is merged into a new proposal in review.
func (pf *propFixture) toState(t testing.TB, state string, text propText) lvzhi.Proposal {
	t.Helper()
	staff, m, u := pf.staff, pf.mem[0], pf.unit[0]
	if state == lvzhi.ProposalDraft {
		return pf.draft(t, 0, pf.Session, text)
	}
	if state == lvzhi.ProposalCosigning {
		p, err := pf.st.CreateProposal(pf.ctx, m, lvzhi.Proposal{SessionID: pf.Session, Kind: lvzhi.ProposalJoint,
			Title: text.Title, Category: text.Category, Body: text.Body})
		if err != nil {
			t.Fatalf("create joint proposal: %v", err)
		}
		return pf.act(t, m, p.ID, "invite", lvzhi.ProposalActionInput{Cosigners: []int64{pf.Members[1].ID},
			CosignDeadline: pf.st.Now().Add(72 * time.Hour)})
	}
	p := pf.submitted(t, 0, text)
	switch state {
	case lvzhi.ProposalReview:
		return p
	case lvzhi.ProposalReturned:
		return pf.act(t, staff, p.ID, "return", lvzhi.ProposalActionInput{Note: "请补充具体建议"})
	case lvzhi.ProposalRejected:
		return pf.act(t, staff, p.ID, "reject", lvzhi.ProposalActionInput{Reasons: []string{"vague"}})
	case lvzhi.ProposalWithdrawn:
		return pf.act(t, staff, p.ID, "withdraw", lvzhi.ProposalActionInput{Note: "提案人要求撤回"})
	case lvzhi.ProposalMerged:
		main := pf.submitted(t, 1, text)
		return pf.act(t, staff, p.ID, "merge", lvzhi.ProposalActionInput{MergeInto: main.ID})
	case lvzhi.ProposalConverted:
		return pf.act(t, staff, p.ID, "convert", lvzhi.ProposalActionInput{ConvertTo: "opinion"})
	}
	p = pf.act(t, staff, p.ID, "accept", lvzhi.ProposalActionInput{})
	if state == lvzhi.ProposalAccepted {
		return p
	}
	p = pf.act(t, staff, p.ID, "assign", assignIn(pf.Units[0]))
	if state == lvzhi.ProposalHandling {
		return p
	}
	p = pf.act(t, u, p.ID, "reply", lvzhi.ProposalActionInput{Class: "B", Body: replyBody})
	if state == lvzhi.ProposalReplyReview {
		return p
	}
	p = pf.act(t, staff, p.ID, "approve_reply", lvzhi.ProposalActionInput{})
	if state == lvzhi.ProposalReplied {
		return p
	}
	p = pf.act(t, m, p.ID, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Satisfied})
	if state == lvzhi.ProposalClosed {
		return p
	}
	t.Fatalf("toState: unknown state %q", state)
	return p
}

// proposalEvents counts a proposal's events.
func proposalEvents(t testing.TB, st *Store, id int64) int {
	t.Helper()
	return countRows(t, st, `SELECT COUNT(*) FROM events WHERE kind = 'proposal' AND record_id = $1`, id)
}

// stateOf reads a proposal's state directly.
func stateOf(t testing.TB, st *Store, id int64) string {
	t.Helper()
	var s string
	if err := st.db.QueryRow(st.dialect.rebind(`SELECT state FROM proposals WHERE id = $1`), id).Scan(&s); err != nil {
		t.Fatalf("read state of proposal %d: %v", id, err)
	}
	return s
}

// ids returns the ids of a list of proposals, in order.
func ids(ps []lvzhi.Proposal) []int64 {
	out := make([]int64, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

// list lists the proposals of the city with filter q, all on one page, and fails on an error.
func (pf *propFixture) list(t testing.TB, a lvzhi.Actor, f lvzhi.ProposalFilter) ([]lvzhi.Proposal, int) {
	t.Helper()
	if f.CommitteeID == 0 {
		f.CommitteeID = pf.City
	}
	if f.PerPage == 0 {
		f.PerPage = 500
	}
	ps, total, err := pf.st.ListProposals(pf.ctx, a, f)
	if err != nil {
		t.Fatalf("list proposals as %s (%+v): %v", a.Username, f, err)
	}
	return ps, total
}

// withTimeout returns a context that fails a hung test instead of letting it run forever.
func withTimeout(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// titles joins the titles of a list for messages.
func titles(ps []lvzhi.Proposal) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return strings.Join(out, " | ")
}
