// The demo's opinion reports (社情民意信息), shaped so that the city's yearly report figure
// "报送社情民意信息90份" comes straight out of the records: of this year's reports (the one a
// proposal was converted into included; DemoOpinionsReceived in all), DemoOpinions were
// forwarded (报送) to the party committee, the government or the committee above, as the
// statistics count them. They are in every state —
// just received, being edited, returned, not used with a reason, compiled into the year's
// issues of 《社情民意》, forwarded and adopted at the city, province and national levels — by
// members alone and jointly, by parties, sectors and special committees, and by the two
// district committees. The demo member has reports of their own to follow.
//
// Everything is written through the store's public methods as lvzhi.System with the name of
// whoever the step stands for, the store's clock moved to each step's day.

package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// The demo's yearly figures: reports forwarded, and reports received (submitted).
const (
	DemoOpinions         = 90
	DemoOpinionsReceived = 140
)

// opinionLoader writes the demo's reports.
type opinionLoader struct {
	st      *store.Store
	b       *built
	rng     *rand.Rand
	clock   time.Time
	now     time.Time
	year    time.Time
	office  lvzhi.Actor
	me      lvzhi.Member
	members []lvzhi.Member
	groups  []int64 // parties, sectors and special committees
	lower   []int64 // the district committees
	issue   lvzhi.Issue
	inIssue int
	text    int
}

// opinions writes this year's reports and their outcomes.
func (b *built) opinions(ctx context.Context, st *store.Store) error {
	now := st.Now().In(lvzhi.China)
	l := &opinionLoader{st: st, b: b, rng: rand.New(rand.NewPCG(2026, 90)), now: now,
		year: time.Date(now.Year(), 1, 1, 0, 0, 0, 0, lvzhi.China)}
	l.office = b.actor
	l.office.Name = "办公室信息科"
	saved := st.Now
	defer func() { st.Now = saved }()
	if err := l.prepare(ctx); err != nil {
		return fmt.Errorf("demo: opinions: %w", err)
	}
	// A proposal converted to a report is a report of this year too: count what is there.
	have, err := st.OpinionStatistics(ctx, b.actor, lvzhi.OpinionStatsFilter{From: l.year.Format("2006-01-02")})
	if err != nil {
		return fmt.Errorf("demo: opinions: %w", err)
	}
	st.Now = func() time.Time { return l.clock }
	n := DemoOpinionsReceived - have.Total.Submitted
	for i, state := range l.plan(n) {
		if err := l.write(ctx, i, n, state); err != nil {
			return fmt.Errorf("demo: opinion %d (%s): %w", i, state, err)
		}
	}
	// Not counted: drafts still being written, and reports taken back.
	for i := 0; i < 5; i++ {
		l.clock = time.Time{}
		l.at(l.days() - i)
		o, err := l.create(ctx, i%2 == 0 && i < 2, l.members[(i*7)%len(l.members)])
		if err != nil {
			return err
		}
		if i >= 3 {
			if err := l.act(ctx, l.person(l.members[(i*7)%len(l.members)]), o.ID, "submit", lvzhi.OpinionActionInput{}); err != nil {
				return err
			}
			if err := l.act(ctx, l.person(l.members[(i*7)%len(l.members)]), o.ID, "retract", lvzhi.OpinionActionInput{Note: "情况已解决,撤回。"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// prepare finds the members, groups and district committees the reports come from.
func (l *opinionLoader) prepare(ctx context.Context) error {
	a, city := l.b.actor, l.b.committee.ID
	serving, _, err := l.st.ListMembers(ctx, a, lvzhi.MemberFilter{CommitteeID: city, TermID: l.b.term.ID,
		State: lvzhi.MemberServing, Paging: lvzhi.Paging{PerPage: 500}})
	if err != nil {
		return err
	}
	for _, m := range serving {
		if m.Name == Accounts[1].Name {
			l.me = m
		} else {
			l.members = append(l.members, m)
		}
	}
	if l.me.ID == 0 || len(l.members) < 10 {
		return fmt.Errorf("no member %s", Accounts[1].Name)
	}
	l.rng.Shuffle(len(l.members), func(i, j int) { l.members[i], l.members[j] = l.members[j], l.members[i] })
	for _, kind := range []lvzhi.OrgUnitKind{lvzhi.OrgParty, lvzhi.OrgSector, lvzhi.OrgSpecialCommittee} {
		units, err := l.st.OrgUnits(ctx, a, city, kind)
		if err != nil {
			return err
		}
		for i, u := range units {
			if i < 4 {
				l.groups = append(l.groups, u.ID)
			}
		}
	}
	all, err := l.st.Committees(ctx)
	if err != nil {
		return err
	}
	for _, c := range all {
		if c.ParentID == city {
			l.lower = append(l.lower, c.ID)
		}
	}
	return nil
}

// plan gives n reports, oldest first, their final states: the newest still with the office,
// the others decided.
func (l *opinionLoader) plan(n int) []string {
	var decided []string
	add := func(state string, k int) {
		for range k {
			decided = append(decided, state)
		}
	}
	open := min(16, n)
	rest := n - open
	add(lvzhi.OpinionForwarded, DemoOpinions)
	add(lvzhi.OpinionNotUsed, (rest-DemoOpinions)*2/3)
	add(lvzhi.OpinionCompiled, rest-len(decided))
	l.rng.Shuffle(len(decided), func(i, j int) { decided[i], decided[j] = decided[j], decided[i] })
	// The demo member's reports (see write): the fourth forwarded, the middle one not used.
	place := func(at int, state string) {
		for j := range decided {
			if decided[j] == state && j != 3 && j != n/2 {
				decided[at], decided[j] = decided[j], decided[at]
				return
			}
		}
	}
	if len(decided) > n/2 {
		place(3, lvzhi.OpinionForwarded)
		place(n/2, lvzhi.OpinionNotUsed)
	}
	pending := []string{lvzhi.OpinionReceived, lvzhi.OpinionEditing, lvzhi.OpinionReceived, lvzhi.OpinionReturned, lvzhi.OpinionEditing,
		lvzhi.OpinionReceived, lvzhi.OpinionEditing, lvzhi.OpinionReceived}
	for i := 0; i < open; i++ {
		decided = append(decided, pending[i%len(pending)])
	}
	return decided
}

// days is how many days of this year have passed.
func (l *opinionLoader) days() int { return max(int(l.now.Sub(l.year).Hours()/24), 1) }

// at moves the clock to a working hour of day d of this year (0 is 1 January), never past
// today; within one report (see write) never backwards.
func (l *opinionLoader) at(d int) {
	d = min(max(d, 0), l.days())
	t := l.year.AddDate(0, 0, d).Add(9*time.Hour + time.Duration(l.rng.IntN(7*60))*time.Minute).UTC()
	if t.After(l.now) {
		t = l.now.Add(-time.Duration(1+l.rng.IntN(30)) * time.Minute)
	}
	if !t.After(l.clock) {
		t = l.clock.Add(time.Duration(5+l.rng.IntN(20)) * time.Minute)
	}
	l.clock = t
}

// person is the actor standing for a member.
func (l *opinionLoader) person(m lvzhi.Member) lvzhi.Actor {
	a := l.b.actor
	a.MemberID, a.Name = m.ID, m.Name
	return a
}

func (l *opinionLoader) act(ctx context.Context, a lvzhi.Actor, id int64, action string, in lvzhi.OpinionActionInput) error {
	if _, err := l.st.ActOpinion(ctx, a, id, action, in); err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	return nil
}

// nextText composes the next report's title and text: a matter in a part of the city.
func (l *opinionLoader) nextText() (string, string) {
	m := opinionMatters[l.text%len(opinionMatters)]
	place := opinionPlaces[(l.text/len(opinionMatters)+l.text)%len(opinionPlaces)]
	l.text++
	return "关于" + place + m.subject + "的反映", "据" + place + "群众反映," + m.situation + "建议:" + m.suggestion
}

// create writes a draft of member m (joint with two others when joint).
func (l *opinionLoader) create(ctx context.Context, joint bool, m lvzhi.Member) (lvzhi.Opinion, error) {
	title, body := l.nextText()
	o := lvzhi.Opinion{Kind: lvzhi.OpinionIndividual, Title: title, Body: body, SubmitterID: m.ID}
	if joint {
		o.Kind = lvzhi.OpinionJoint
		for _, c := range []lvzhi.Member{l.members[(l.text*3)%len(l.members)], l.members[(l.text*5+1)%len(l.members)]} {
			if c.ID != m.ID && !o.HasAuthor(c.ID) {
				o.CoAuthors = append(o.CoAuthors, c.ID)
			}
		}
		if len(o.CoAuthors) == 0 {
			o.Kind = lvzhi.OpinionIndividual
		}
	}
	return l.st.CreateOpinion(ctx, l.person(m), o)
}

// notUsedReasons are the office's reasons, as the submitter reads them.
var notUsedReasons = []string{
	"所反映问题已列入市政府今年民生实事项目,正在推进。",
	"所反映问题属个案,已转有关部门按信访程序办理。",
	"与近期已编发的信息内容重复,已合并参考。",
	"情况尚需进一步核实,建议补充调研后再行报送。",
}

// write writes report i of n, submitted on its day, and takes it to state.
func (l *opinionLoader) write(ctx context.Context, i, n int, state string) error {
	l.clock = time.Time{} // each report keeps its own days
	l.at(i * l.days() / max(n, 1))
	var o lvzhi.Opinion
	var err error
	submitter := l.office
	switch {
	case i == 3 || i == n/2 || i == n-3: // the demo member's own: adopted, not used, just received
		submitter = l.person(l.me)
		o, err = l.create(ctx, false, l.me)
	case i%15 == 7 && len(l.groups) > 0:
		title, body := l.nextText()
		o, err = l.st.CreateOpinion(ctx, l.office, lvzhi.Opinion{Kind: lvzhi.OpinionGroup, GroupID: l.groups[(i/15)%len(l.groups)], Title: title, Body: body})
	case i%22 == 11 && len(l.lower) > 0:
		title, body := l.nextText()
		o, err = l.st.CreateOpinion(ctx, l.office, lvzhi.Opinion{Kind: lvzhi.OpinionLower, SourceCommitteeID: l.lower[(i/22)%len(l.lower)], Title: title, Body: body})
	default:
		m := l.members[(i*11)%len(l.members)]
		submitter = l.person(m)
		o, err = l.create(ctx, i%9 == 4, m)
	}
	if err != nil {
		return err
	}
	if err := l.act(ctx, submitter, o.ID, "submit", lvzhi.OpinionActionInput{}); err != nil {
		return err
	}
	day := i * l.days() / max(n, 1)
	switch state {
	case lvzhi.OpinionReceived:
		return nil
	case lvzhi.OpinionReturned:
		l.at(day + 1)
		return l.act(ctx, l.office, o.ID, "return", lvzhi.OpinionActionInput{Note: "请补充具体数据和典型事例后重新报送。"})
	case lvzhi.OpinionNotUsed:
		l.at(day + 2)
		return l.act(ctx, l.office, o.ID, "not_use", lvzhi.OpinionActionInput{Note: notUsedReasons[i%len(notUsedReasons)]})
	}
	// The editor tightens the opening and the suggestion.
	l.at(day + 1)
	edited := strings.Replace(o.Body, "群众反映,", "", 1)
	edited = strings.Replace(edited, "建议:", "为此建议:", 1)
	if err := l.act(ctx, l.office, o.ID, "edit", lvzhi.OpinionActionInput{Body: edited, Note: "精简开头,调整表述"}); err != nil {
		return err
	}
	if state == lvzhi.OpinionEditing {
		return nil
	}
	l.at(day + 3)
	if err := l.compile(ctx, o.ID); err != nil {
		return err
	}
	if state == lvzhi.OpinionCompiled {
		return nil
	}
	l.at(day + 4)
	to := []string{lvzhi.ForwardPartyCommittee, lvzhi.ForwardGovernment, lvzhi.ForwardHigherCommittee}[i%3]
	if err := l.act(ctx, l.office, o.ID, "forward", lvzhi.OpinionActionInput{To: to, OnDate: l.clock.In(lvzhi.China).Format("2006-01-02")}); err != nil {
		return err
	}
	return l.adopt(ctx, i, day, o.ID)
}

// compile puts a report into the open issue, opening the next one every three reports.
func (l *opinionLoader) compile(ctx context.Context, id int64) error {
	in := lvzhi.OpinionActionInput{IssueID: l.issue.ID}
	date := l.clock.In(lvzhi.China).Format("2006-01-02")
	if l.issue.ID == 0 || l.inIssue == 3 || date[:4] != l.issue.OnDate[:4] {
		in = lvzhi.OpinionActionInput{NewIssue: &lvzhi.Issue{Signer: "刘秘书长", OnDate: date}}
		l.inIssue = 0
	}
	o, err := l.st.ActOpinion(ctx, l.office, id, "compile", in)
	if err != nil {
		return fmt.Errorf("compile: %w", err)
	}
	if in.NewIssue != nil {
		l.issue = lvzhi.Issue{ID: o.IssueID, OnDate: date}
	}
	l.inIssue++
	return nil
}

// adopt records the adoptions of a forwarded report: most at the city, some at the province,
// a few nationally (单篇 or 综合).
func (l *opinionLoader) adopt(ctx context.Context, i, day int, id int64) error {
	var ads []lvzhi.Adoption
	switch {
	case i%7 == 3:
		ads = []lvzhi.Adoption{{Level: lvzhi.AdoptProvince, Body: "省政协办公厅"}, {Level: lvzhi.AdoptNational, Mode: lvzhi.AdoptSingle, Body: "全国政协办公厅"}}
	case i%11 == 5:
		ads = []lvzhi.Adoption{{Level: lvzhi.AdoptNational, Mode: lvzhi.AdoptCombined, Body: "全国政协办公厅"}}
	case i%3 == 0:
		ads = []lvzhi.Adoption{{Level: lvzhi.AdoptProvince, Body: "省政协办公厅"}}
	case i%2 == 0:
		ads = []lvzhi.Adoption{{Level: lvzhi.AdoptCity, Body: "市委办公室"}}
	case i%5 == 1:
		ads = []lvzhi.Adoption{{Level: lvzhi.AdoptCity, Body: "市政府办公室"}}
	}
	for k, ad := range ads {
		l.at(day + 10 + 5*k)
		ad.OnDate = l.clock.In(lvzhi.China).Format("2006-01-02")
		if err := l.act(ctx, l.office, id, "adopt", lvzhi.OpinionActionInput{Adoption: ad}); err != nil {
			return err
		}
	}
	return nil
}

// The building blocks of the demo's opinion reports: matters a committee hears about, each
// with what people report and what the report suggests. Every text is invented; a report is
// one matter in one part of the city, so the same matter may come in from two places.

// opinionMatter is one matter: the title's subject, the situation and the suggestion.
type opinionMatter struct {
	subject, situation, suggestion string
}

// opinionPlaces are the parts of the city a report speaks of.
var opinionPlaces = []string{"老城区", "城区东部", "新区", "近郊乡镇", "开发区"}

var opinionMatters = []opinionMatter{
	{"老旧小区加装电梯审批难", "老旧小区加装电梯需要全体业主签字同意,低层住户意见难以统一,审批环节多、周期长,不少项目搁置。", "简化审批流程,明确财政补贴标准,由街道社区牵头组织协商,推广“一梯一策”的做法。"},
	{"农村客运班线停运", "部分农村客运班线因客流减少陆续停运,偏远村组群众赶集、就医出行困难,老人和学生尤为不便。", "对农村客运实行财政补贴,推行预约响应式公交,将客运站点与村邮站、便民服务点合并设置。"},
	{"校外培训机构预付费风险", "一些校外培训机构收取大额预付费后经营困难甚至停业,家长维权难,退费纠纷增多。", "建立预付费资金监管账户,限制一次性收费期限,加强主管部门日常监管和信用惩戒。"},
	{"社区养老服务设施闲置", "部分新建社区日间照料中心建成后缺少运营主体,服务项目单一,老人使用率不高。", "引入专业机构连锁运营,按服务人次给予补贴,把助餐、助浴、康复等服务做实。"},
	{"中小学生课后服务质量", "课后服务以看护和写作业为主,兴趣活动少,部分学校师资紧张,教师负担加重。", "引入社会优质资源进校园,合理核定课后服务经费,统筹安排教师弹性上下班。"},
	{"背街小巷路灯缺失", "一些背街小巷路灯缺失或长期损坏,夜间照明不足,群众出行存在安全隐患。", "开展背街小巷照明普查,明确管养责任主体,结合城市更新统一补建和维护。"},
	{"农产品销售渠道不畅", "特色农产品丰收后销售渠道单一,依赖中间商收购,价格波动大,农户增产不增收。", "搭建产销对接平台,发展农村电商和冷链物流,支持合作社与商超、学校食堂建立稳定供货关系。"},
	{"电动自行车充电难", "居民楼下电动自行车充电设施不足,“飞线充电”和入户充电现象屡禁不止,火灾隐患突出。", "将充电设施纳入老旧小区改造内容,鼓励企业投资建设运营,加强安全宣传和巡查。"},
	{"基层医疗机构药品短缺", "部分乡镇卫生院和社区卫生服务中心常用慢性病药品配备不全,群众需到大医院开药。", "完善基层用药目录与上级医院衔接,推行慢性病长期处方,建立药品配送保障机制。"},
	{"停车收费标准不透明", "部分商业综合体和医院周边停车收费标准公示不清,存在超时多收费、计费方式混乱等问题。", "统一停车收费公示格式,推广电子支付和无感停车,加强价格监督检查。"},
	{"城市内涝点整治", "每逢强降雨,部分下穿通道和低洼路段积水严重,车辆熄火、行人通行受阻。", "对易涝点逐一制定整治方案,提升排水管网标准,汛期前完成清淤疏通并加强预警。"},
	{"高校毕业生留本地就业意愿", "本地高校毕业生留在本市就业的比例偏低,反映岗位匹配度不高、住房成本压力大。", "加大人才公寓供给,组织企业进校园精准招聘,完善见习补贴和创业扶持政策。"},
	{"餐饮油烟扰民", "部分临街餐饮店油烟净化设施不达标,油烟直排,影响周边居民正常生活。", "严格新开餐饮店选址审核,督促安装油烟净化设施并定期清洗,建立投诉快速处置机制。"},
	{"农村生活污水处理设施运行", "一些村庄已建成的污水处理设施因缺少运维经费和专业人员,处于停运或低效运行状态。", "建立县级统一运维机制,落实运维经费,推行第三方专业化管理和运行情况公开。"},
	{"小微企业融资难", "小微企业缺少抵押物,银行贷款审批周期长、门槛高,应急转贷资金使用不便。", "扩大政府性融资担保覆盖面,推广信用贷款和知识产权质押,优化应急转贷资金申请流程。"},
	{"社区托育服务不足", "普惠性托育机构少、收费高,双职工家庭婴幼儿照护压力大。", "利用社区闲置用房举办托育点,落实普惠托育补贴,支持用人单位办托。"},
	{"物业服务纠纷多发", "部分小区物业服务质量与收费不匹配,业主委员会成立难,物业纠纷投诉持续增多。", "推动成立业主委员会,建立物业服务质量评价和退出机制,发挥社区调解作用。"},
	{"公共厕所数量不足", "部分人流密集的商圈、公园和旅游点公共厕所数量不足,节假日排队现象突出。", "按人流量补建公共厕所,推动沿街单位厕所对外开放,完善导向标识。"},
	{"快递末端配送乱象", "快递件堆放在小区门口或随意投放,丢件、损件时有发生,快递员临时停车影响交通。", "合理布局快递驿站和智能快件箱,规范末端配送行为,为配送车辆划定临时停靠点。"},
	{"老年人使用智能技术困难", "不少老年人不会使用智能手机,在就医挂号、出行乘车、办事缴费中遇到困难。", "各服务场所保留人工窗口和现金支付,开展老年人智能技术培训,推广适老化应用。"},
	{"城乡结合部环境卫生", "城乡结合部垃圾清运不及时,乱堆乱放、私搭乱建问题反弹,环境卫生较差。", "明确城乡结合部环境卫生管理责任,增加清运频次,建立常态化巡查和考核机制。"},
	{"夜间经济配套不完善", "夜市和特色街区夜间公共交通、停车和安全保障不足,影响消费体验。", "延长夜间公交运营时间,增设临时停车位,加强夜间治安巡逻和食品安全监管。"},
	{"学校周边交通安全", "上下学高峰时段学校周边车辆拥堵,接送学生车辆乱停,学生过马路存在安全隐患。", "设置学生接送专用通道和临时停车区,高峰时段增派警力和志愿者疏导。"},
	{"残疾人就业帮扶", "残疾人就业岗位少,部分单位宁愿缴纳残保金也不安排残疾人就业。", "开发公益性岗位,扶持残疾人辅助性就业机构,落实按比例安排就业的激励政策。"},
	{"农村留守儿童关爱", "部分农村留守儿童缺乏有效监护,心理健康和安全教育问题值得关注。", "完善留守儿童关爱服务体系,发挥学校和儿童之家作用,开展心理健康辅导。"},
	{"二手房交易税费办理", "二手房交易涉及多个部门,群众反映资料重复提交、办理时间长。", "推行不动产登记与税费缴纳“一窗受理、并联办理”,实现全程网上预约。"},
	{"城市绿道维护管理", "部分城市绿道建成后维护不到位,路面破损、照明缺失、座椅设施损坏。", "明确绿道管养主体和经费,建立定期巡查维修制度,鼓励社会力量参与认养。"},
	{"家政服务人员培训", "家政服务人员持证上岗率低,服务质量参差不齐,消费纠纷较多。", "开展家政服务职业技能培训,推行家政服务员信用档案和持证上岗制度。"},
	{"社区食堂运营困难", "社区食堂就餐老人多、价格低,运营成本高,部分食堂难以为继。", "按就餐人次给予运营补贴,减免场地租金,引入连锁餐饮企业规模化运营。"},
	{"河道沿线违规垂钓游泳", "夏季河道沿线违规游泳、垂钓现象较多,存在溺水安全隐患。", "在危险水域设置警示标识和防护设施,加强巡查劝导,开展防溺水宣传教育。"},
}
