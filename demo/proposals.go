package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// The demo proposals: eighty in the city's newest session, in every state of the workflow, so
// each proposal page (the lists, a unit's inbox, the overdue filter, key proposals, the
// near-duplicate finder, the public page) has records to show. Every text is invented: it is
// composed from the building blocks below (a topic's subjects, situation, analysis and
// suggestion sentences), never taken from a real proposal.
//
// The proposals are written through ActProposal and RespondCosign like any other, with the
// store's clock moved back to each step's day, so histories, deadlines and overdue marks read
// as a session's proposals would some months on. The actors are lvzhi.System (the loader is
// the platform) carrying the name of whoever the step stands for — the member, the proposal
// office, the unit — so the history reads naturally while the audit log says "system".

// topic is one field proposals are written on: its category (one of the default 14), the
// unit that leads its handling and the one that may join, and the sentences its texts are
// made of.
type topic struct {
	name        string
	category    string
	lead        string
	assist      string
	subjects    []subject // five: one proposal each at most
	situations  []string  // four: 基本情况, after the subject's fact
	analyses    []string  // four: 问题分析
	suggestions []string  // five: 具体建议, after the subject's own
}

// subject is what one proposal is about: its title (without 关于…的建议), the fact that opens
// its situation and the suggestion that leads its list. category overrides the topic's.
type subject struct {
	title, fact, ask, category string
}

// Which pooled sentences the k-th subject of a topic uses: one situation (k mod 4), two
// analyses, two suggestions. Chosen (by exhaustive search) so that any two subjects share at
// most two pooled sentences, which keeps two proposals on one topic well below the 0.3 from
// which the near-duplicate finder's record page shows a pair.
var (
	analysisPairs   = [5][2]int{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}}
	suggestionPairs = [5][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 4}, {3, 4}}
)

// text composes the title, category and body of the k-th subject of t. A near copy (for a
// proposal the office merges into this one) words its title and opening a little differently
// and ends on another suggestion, as a second member writing on the same matter would.
func (t topic) text(k int, nearCopy bool) (title, category, body string) {
	s := t.subjects[k]
	ap, gp := analysisPairs[k], suggestionPairs[k]
	title, fact, last := "关于"+s.title+"的建议", s.fact, t.suggestions[gp[1]]
	if nearCopy {
		title = "关于进一步" + s.title + "的建议"
		fact = "据了解," + fact
		for i, x := range t.suggestions {
			if i != gp[0] && i != gp[1] {
				last = x
				break
			}
		}
	}
	body = "一、基本情况\n" + fact + t.situations[k%len(t.situations)] +
		"\n二、问题分析\n" + t.analyses[ap[0]] + t.analyses[ap[1]] +
		"\n三、具体建议\n一是" + s.ask + "二是" + t.suggestions[gp[0]] + "三是" + last
	category = t.category
	if s.category != "" {
		category = s.category
	}
	return title, category, body
}

var topics = []topic{
	{
		name: "养老服务", category: "社会事业", lead: "市民政局", assist: "市卫生健康委员会",
		subjects: []subject{
			{"加快社区嵌入式养老服务设施建设", "我市60岁以上户籍老年人口已超过户籍总人口的五分之一,城关区、七里河区老旧小区的老年人占比更高。", "按照每个街道一处综合养老服务中心、每个社区一处日间照料站点的标准编制设施布点规划,新建小区配套养老用房与住宅同步交付。", ""},
			{"完善居家养老上门服务", "全市九成以上的老年人居家养老,失能、半失能老人对助浴、助洁、康复护理等上门服务的需求十分迫切。", "制定居家上门服务项目清单和收费指导标准,将上门服务纳入政府购买服务范围,对低保、特困家庭老人给予补贴。", ""},
			{"推进老年助餐服务提质扩面", "我市已建成老年助餐点一百余个,但主要集中在中心城区,近郊街道和农村地区覆盖不足。", "依托社区食堂、机关企事业单位食堂和餐饮企业扩大助餐网点,推行助餐补贴刷卡结算,发展送餐上门服务。", ""},
			{"加强养老护理人才队伍建设", "全市养老机构护理人员平均年龄超过五十岁,持证上岗比例不足六成,人员流动频繁。", "对养老护理员实行入职补贴和岗位津贴,支持职业院校开设老年服务与管理专业,建立技能等级与薪酬挂钩机制。", ""},
			{"推动医养结合服务深入发展", "全市养老机构中能够提供医疗服务的不足三成,老年人在医院和养老机构之间往返奔波的情况较为普遍。", "推动基层医疗卫生机构与养老机构签约合作全覆盖,支持有条件的养老机构内设医务室、护理站并纳入医保定点。", ""},
		},
		situations: []string{
			"近年来,市委、市政府把养老服务列入民生实事,出台了一系列扶持政策,养老服务体系建设取得积极进展。",
			"通过走访调研发现,群众对就近就便、价格适中、质量可靠的养老服务期待较高。",
			"各区县在探索中形成了一些好做法,但总体上仍处于起步阶段,发展不够平衡。",
			"随着独生子女父母陆续进入老年期,家庭养老功能逐步弱化,社会化养老服务需求持续增长。",
		},
		analyses: []string{
			"设施布局不够均衡,老城区用地紧张,新建设施选址难、落地慢。",
			"服务供给以政府兜底为主,社会力量参与的积极性不高,市场化运营机制尚未建立。",
			"扶持政策较为分散,民政、卫健、医保等部门政策衔接不够,基层落实存在堵点。",
			"服务质量监管手段不足,缺少统一的服务标准和评价体系,群众满意度有待提高。",
		},
		suggestions: []string{
			"加大财政投入力度,统筹福彩公益金和社会资本,建立与老年人口增长相适应的投入保障机制。",
			"引导品牌化、连锁化运营主体参与,通过公建民营、委托运营等方式提高设施使用效率。",
			"建设全市统一的智慧养老服务平台,汇集服务需求、服务机构和补贴发放信息,实现一网通办。",
			"建立养老服务质量评价制度,引入第三方评估,将评估结果与运营补贴挂钩。",
			"由民政部门牵头建立养老服务联席会议制度,定期研究解决发展中的重点难点问题。",
		},
	},
	{
		name: "义务教育", category: "教育事业", lead: "市教育局", assist: "市财政局",
		subjects: []subject{
			{"推进城乡义务教育优质均衡发展", "我市城区学校与农村学校在师资结构、办学条件上仍有差距,部分乡镇学校骨干教师流失较多。", "深化集团化办学和城乡学校结对帮扶,推动城区优质学校与农村学校在课程、教研、评价上一体化管理。", ""},
			{"缓解中心城区学校大班额问题", "城关区、安宁区部分热点学校班额超过五十人,学位供给与入学需求之间的矛盾较为突出。", "结合人口变化趋势科学编制中小学布局规划,加快新建改扩建学校进度,新建小区配套学校同步规划、同步建设、同步交付。", ""},
			{"加强中小学生心理健康教育", "调研显示,我市中小学生因学业压力、家庭关系等原因出现情绪困扰的比例有所上升,专职心理教师配备不足。", "按照师生比配齐专职心理健康教师,每所学校建成标准化心理辅导室,建立学生心理健康筛查和转介机制。", ""},
			{"规范和提升课后服务质量", "全市义务教育学校已普遍开展课后服务,但服务内容以作业辅导为主,艺术、体育、科技类课程不够丰富。", "引入少年宫、科技馆、体育场馆和高校等社会资源进校园,建立课后服务课程资源库,合理核定课后服务补助标准。", ""},
			{"加快农村学校教师周转宿舍建设", "全市农村学校仍有部分教师在校外租房或长途通勤,住宿条件差是年轻教师不愿留任的重要原因之一。", "将农村教师周转宿舍建设纳入年度教育项目计划,优先保障偏远乡镇学校,配套完善取暖、热水等生活设施。", ""},
		},
		situations: []string{
			"近年来,我市持续加大教育投入,义务教育学校标准化建设基本完成,入学保障水平不断提高。",
			"随着城镇化进程加快,学龄人口向中心城区集聚,城乡之间、校际之间的教育需求出现新的变化。",
			"家长对孩子接受更好教育的期盼日益强烈,择校现象在部分区域仍然存在。",
			"在省、市教育督导评估中,我市义务教育均衡发展指标总体达标,但个别指标仍有短板。",
		},
		analyses: []string{
			"教育资源配置与人口流动趋势不够匹配,部分学校学位紧张与部分学校生源不足并存。",
			"教师编制总量偏紧,音体美、心理健康等学科教师结构性缺编问题突出。",
			"学校办学经费主要依靠生均公用经费,用于教师培训和特色课程建设的资金有限。",
			"学校、家庭、社会协同育人机制尚不健全,各方责任边界不够清晰。",
		},
		suggestions: []string{
			"统筹盘活县域内教师编制资源,推行县管校聘改革,促进教师合理流动。",
			"提高生均公用经费标准,对小规模学校按最低标准核拨经费,保障学校正常运转。",
			"完善教师激励机制,在职称评聘、评优评先中向一线教师和农村教师倾斜。",
			"建立家校社协同育人工作机制,定期组织家长学校活动,形成育人合力。",
			"将义务教育优质均衡发展纳入区县政府教育工作督导评价,督导结果向社会公开。",
		},
	},
	{
		name: "学前教育", category: "教育事业", lead: "市教育局", assist: "市住房和城乡建设局",
		subjects: []subject{
			{"扩大普惠性学前教育资源供给", "我市普惠性幼儿园覆盖率虽已达到省定目标,但新建城区和城乡结合部的公办园学位依然紧张。", "通过新建、改扩建和利用闲置校舍增设公办园,对认定为普惠性的民办园按在园幼儿人数给予生均补助。", ""},
			{"规范城镇小区配套幼儿园治理", "部分城镇小区配套幼儿园存在未按规划建设、建成后未移交或改作他用的情况。", "开展小区配套幼儿园专项排查,对应移交未移交的限期整改,移交后统一办成公办园或普惠性民办园。", ""},
			{"加强幼儿园教师队伍建设", "全市幼儿园教师中非在编人员占比较高,工资待遇偏低,专业教师流失较为严重。", "按照国家标准核定公办园教职工编制,落实非在编教师与在编教师同工同酬,逐步提高民办园教师待遇。", ""},
			{"推进托幼一体化发展", "随着生育支持政策实施,家庭对三岁以下婴幼儿托育服务的需求明显增加,而全市托位数量明显不足。", "支持有条件的幼儿园开设二至三岁托班,统一托班收费和保育标准,给予开办补贴和运营补贴。", ""},
			{"防止和纠正幼儿园小学化倾向", "部分民办幼儿园为吸引生源,提前教授拼音、算术等小学内容,违背幼儿身心发展规律。", "加强对幼儿园保教活动的日常督导,推行幼小衔接指导方案,对超前教学的幼儿园进行通报并限期整改。", ""},
		},
		situations: []string{
			"学前教育是终身学习的开端,是重要的社会公益事业,关系千家万户的切身利益。",
			"近年来,我市实施学前教育行动计划,新建、改扩建了一批公办幼儿园,入园难问题得到初步缓解。",
			"走访中不少家长反映,好的公办园一位难求,收费较高的民办园负担较重。",
			"受出生人口变化影响,部分区域幼儿园生源开始减少,园所布局需要适时调整。",
		},
		analyses: []string{
			"学前教育财政投入占教育总投入的比例偏低,成本分担机制尚不完善。",
			"公办园与民办园在师资、保教质量上差距较大,普惠性民办园运营压力突出。",
			"学前教育监管力量薄弱,区县教育部门专职管理人员少,难以做到全覆盖监管。",
			"幼儿园教师专业培训不足,部分教师缺乏科学保教的理念和方法。",
		},
		suggestions: []string{
			"制定学前教育生均财政拨款标准并建立动态调整机制,确保投入稳定增长。",
			"建立学前教育资源预警机制,根据出生人口变化统筹调整园所布局。",
			"实施幼儿园教师全员培训计划,建立城区优质园对口帮扶农村园制度。",
			"完善幼儿园办园质量评估体系,定期发布评估结果,引导家长理性择园。",
			"充实区县学前教育管理和教研力量,建立覆盖城乡的学前教育教研指导网络。",
		},
	},
	{
		name: "黄河生态保护", category: "资源环境", lead: "市生态环境局", assist: "市水务局",
		subjects: []subject{
			{"加强黄河金城段沿岸生态廊道建设", "黄河穿城而过,沿岸滩地和山体是城市重要的生态屏障,部分河段仍存在岸线硬化、植被稀疏的问题。", "编制黄河金城段生态廊道建设规划,分段实施滩地修复、岸坡绿化和湿地恢复工程,打通沿河生态步道。", ""},
			{"推进黄河支流水环境综合治理", "流经城区的几条黄河支流在汛期仍有雨污混流入河的情况,个别断面水质不够稳定。", "加快支流沿线截污管网和初期雨水调蓄设施建设,实施一河一策治理,建立支流断面水质月通报制度。", ""},
			{"加快南北两山生态修复", "南北两山经过多年绿化造林取得明显成效,但部分区域林木长势较弱、灌溉保障不足。", "完善两山节水灌溉管网,推广耐旱乡土树种,实行林地分片管护责任制,提升造林成活率和保存率。", ""},
			{"推进城市污水资源化利用", "我市城市污水处理率已达到较高水平,但再生水利用率偏低,大量处理后的中水直接排放。", "制定再生水利用专项规划,优先将再生水用于河道生态补水、园林绿化和工业冷却,实行再生水价格优惠政策。", ""},
			{"加强黄河流域水土流失综合治理", "我市部分黄土丘陵沟壑区水土流失仍较严重,每逢暴雨泥沙随沟道汇入黄河。", "实施淤地坝、梯田和坡面防护工程,推进小流域综合治理,将水土保持成效纳入区县生态考核。", ""},
		},
		situations: []string{
			"保护黄河是事关中华民族伟大复兴的千秋大计,我市地处黄河上游,肩负着重要的生态保护责任。",
			"近年来,我市深入实施黄河流域生态保护和高质量发展战略,黄河干流出境断面水质稳定保持良好。",
			"群众对亲水近绿的生态空间需求越来越高,沿河地带已成为市民休闲的重要场所。",
			"在调研中了解到,生态保护与城市建设、产业发展之间的矛盾在局部区域仍较突出。",
		},
		analyses: []string{
			"生态保护修复项目多头管理,规划衔接不够,存在重建设轻管护的现象。",
			"生态保护资金主要依赖上级补助,地方投入能力有限,社会资本参与渠道不畅。",
			"监测能力不足,部分支流和沟道缺少在线监测设施,问题发现不够及时。",
			"生态补偿机制尚不健全,上下游、左右岸之间的责任和利益关系未完全理顺。",
		},
		suggestions: []string{
			"建立黄河保护多部门协同机制,统筹生态环境、水务、自然资源、林草等部门力量。",
			"积极争取中央和省级生态保护专项资金,探索生态产品价值实现机制,引导社会资本参与。",
			"完善水生态环境监测网络,在重点支流和排口布设在线监测设备,实现数据实时共享。",
			"推动建立流域横向生态补偿机制,按照水质改善情况实施奖补。",
			"加强黄河保护法治宣传,发挥河湖长制作用,鼓励群众参与监督。",
		},
	},
	{
		name: "营商环境", category: "经济发展", lead: "市发展和改革委员会", assist: "市市场监督管理局",
		subjects: []subject{
			{"持续优化政务服务提升办事效率", "我市推行一网通办以来,多数事项实现网上办理,但部分涉企事项仍需多次跑、重复交材料。", "全面梳理涉企审批事项,推行一件事一次办,对同一材料实行一次提交、多方共享,压缩审批时限。", ""},
			{"加大涉企政策精准直达力度", "企业普遍反映,各类惠企政策散见于不同部门的文件,查找难、理解难、申报难。", "建设全市统一的惠企政策服务平台,推行政策免申即享,对符合条件的企业主动推送、直接兑现。", ""},
			{"规范涉企行政检查", "部分企业反映,一年内要接受多个部门的检查,检查内容重复,影响正常生产经营。", "全面推行跨部门联合检查,制定年度涉企检查计划,推行进一次门、查多项事,减少对企业的打扰。", ""},
			{"构建亲清政商关系", "民营企业家普遍希望与政府部门建立常态化沟通渠道,及时反映经营中遇到的困难和诉求。", "建立党政领导干部联系民营企业制度,定期召开政企座谈会,对企业反映的问题建立台账、限时办结、及时反馈。", "统战综合"},
			{"加快清理拖欠民营企业账款", "部分中小企业反映,承接政府项目后工程款和货款回收周期长,资金周转困难。", "开展拖欠企业账款专项清理,建立拖欠账款台账和清偿计划,将清欠情况纳入部门和区县绩效考核。", ""},
		},
		situations: []string{
			"营商环境是地区发展的重要软实力,也是企业投资兴业的重要考量因素。",
			"近年来,我市出台优化营商环境若干措施,市场主体数量稳步增长,企业获得感有所增强。",
			"通过与工商联及部分企业座谈了解到,企业对营商环境的期待已从办事快转向办成事。",
			"在全省营商环境评价中,我市部分指标排名靠前,但市场准入、政务服务等指标仍有提升空间。",
		},
		analyses: []string{
			"部门之间数据共享不够,信息孤岛现象仍然存在,影响办事效率。",
			"部分政策制定时征求企业意见不充分,出台后宣传解读不到位,落地效果打折扣。",
			"基层窗口工作人员业务能力参差不齐,同一事项在不同区县办理标准不一。",
			"企业诉求反映渠道较多但响应机制不统一,部分问题长期得不到解决。",
		},
		suggestions: []string{
			"建立营商环境监督员制度,聘请企业家、律师和政协委员担任监督员,定期开展明察暗访。",
			"加快政务数据共享平台建设,明确共享责任清单,打通部门间数据壁垒。",
			"对标国内先进城市做法,每年制定优化营商环境重点任务清单并向社会公布。",
			"加强窗口人员业务培训,统一办事指南和审查标准,推行全市同标准办理。",
			"开通企业诉求一号响应热线,实行诉求受理、转办、督办、反馈闭环管理。",
		},
	},
	{
		name: "乡村振兴", category: "农林水利", lead: "市农业农村局", assist: "市商务局",
		subjects: []subject{
			{"做大做强高原夏菜特色产业", "高原夏菜是我市农业的特色品牌,种植面积和外销量逐年增加,但产后加工和冷链能力跟不上。", "在主产区布局建设产地预冷、分级包装和冷链仓储设施,培育龙头企业延伸加工链条,统一打造区域公用品牌。", ""},
			{"加强农村人居环境整治", "我市农村户厕改造和垃圾收运体系基本建立,但部分村庄生活污水处理设施运行不正常。", "按照因地制宜原则选择污水处理模式,建立设施运行维护长效机制,明确管护主体和经费来源。", ""},
			{"培育新型农业经营主体", "全市农民专业合作社数量较多,但规模小、运营不规范的空壳社占有一定比例。", "开展合作社规范提升行动,清理空壳社,对示范社在项目申报、信贷支持上给予优先扶持。", ""},
			{"推动百合产业提质增效", "我市百合种植历史悠久,品质优良,但精深加工产品少,产业附加值不高。", "支持企业开发百合食品、保健品和日化产品,建设百合产业园区,推进百合标准化种植基地认证。", ""},
			{"加强农村实用人才培养", "农村青壮年劳动力外出务工较多,留守人员年龄偏大、文化程度不高,新技术推广难度大。", "实施高素质农民培育计划,依托农业科研院所和职业院校开展订单式培训,培养一批懂技术、善经营的乡土人才。", ""},
		},
		situations: []string{
			"全面推进乡村振兴是新时代做好三农工作的总抓手,我市农村面积大、农业人口多,任务十分繁重。",
			"近年来,我市巩固拓展脱贫攻坚成果,农村居民人均可支配收入增速高于城镇居民。",
			"调研发现,各村在产业发展、村容村貌、基层组织建设等方面差异较大。",
			"随着交通条件改善,城市消费需求向农村延伸,乡村旅游、农产品电商等新业态不断涌现。",
		},
		analyses: []string{
			"农业产业链条短,产品以初级农产品为主,品牌效益和市场竞争力不强。",
			"乡村建设资金投入渠道单一,主要依靠财政投入,金融和社会资本参与不足。",
			"农村基础设施重建设轻管护,部分设施建成后使用率不高。",
			"农业社会化服务体系不健全,小农户与现代农业发展有机衔接不够。",
		},
		suggestions: []string{
			"整合涉农资金,集中投向主导产业和重点村,提高资金使用效益。",
			"创新农村金融产品,扩大农业保险覆盖面,为经营主体提供信贷担保支持。",
			"发展农村电商,建设县乡村三级物流配送体系,拓宽农产品销售渠道。",
			"建立村级公共设施管护制度,推行村民自管与专业管护相结合的方式。",
			"鼓励返乡入乡人员创业,在用地、用电、贷款等方面给予政策支持。",
		},
	},
	{
		name: "城市更新", category: "城乡建设", lead: "市住房和城乡建设局", assist: "市自然资源局",
		subjects: []subject{
			{"加快老旧小区改造提质", "全市建成于2000年以前的老旧小区数量较多,普遍存在管网老化、外墙破损、停车困难等问题。", "科学制定老旧小区改造年度计划,同步实施管网更新、外墙保温和适老化改造,改造前充分征求居民意见。", ""},
			{"推进既有住宅加装电梯", "老旧多层住宅中老年住户比例高,上下楼困难,加装电梯意愿强烈,但实际落地数量有限。", "简化加装电梯审批流程,出台统一的费用分摊指导意见,对加装电梯给予财政补贴并支持提取住房公积金。", ""},
			{"加强城市历史街区保护利用", "我市部分历史街区和传统民居在城市改造中受到不同程度破坏,街区风貌特色逐渐弱化。", "开展历史文化街区和历史建筑普查认定,划定保护范围,实行挂牌保护,探索保护性利用的新路径。", ""},
			{"推进城市地下管网更新改造", "我市部分供水、供热、燃气管网使用年限较长,跑冒滴漏和安全隐患时有发生。", "全面摸清地下管网底数,建立管网信息系统,按照轻重缓急分年度实施老化管网更新改造。", ""},
			{"提升城市口袋公园建设水平", "中心城区人口密集,居民就近休闲的绿地空间不足,部分街角空地长期闲置。", "利用边角地、闲置地建设口袋公园和街头绿地,配建健身和儿童活动设施,实现居民出行五分钟见绿。", ""},
		},
		situations: []string{
			"实施城市更新行动是推动城市高质量发展的重要举措,关系群众生活品质的提升。",
			"近年来,我市累计改造老旧小区数百个,城市面貌明显改善,群众满意度不断提高。",
			"群众在走访中反映,更新改造后的小区环境变好了,但后续管理跟不上的问题也随之显现。",
			"我市老城区建成时间早、建筑密度大,城市更新面临的情况较为复杂。",
		},
		analyses: []string{
			"城市更新资金需求大,主要依靠政府投入,可持续的投融资模式尚未形成。",
			"居民意见难以统一,协调工作量大,部分项目因此推进缓慢。",
			"城市更新与产业布局、公共服务配套统筹不够,片区整体效益发挥不充分。",
			"改造后的长效管理机制缺失,物业服务覆盖率低,改造成果难以巩固。",
		},
		suggestions: []string{
			"探索政府引导、市场运作、居民参与的城市更新模式,吸引社会资本参与投资运营。",
			"发挥社区党组织和居委会作用,建立居民议事协商机制,推动共建共治共享。",
			"坚持片区统筹、整体推进,将城市更新与完善公共服务设施结合起来。",
			"改造完成后同步引入专业物业或推行街道托管,建立长效管理机制。",
			"建立城市更新项目库,实行动态管理,每年向社会公布项目清单和进展。",
		},
	},
	{
		name: "公共交通", category: "城乡建设", lead: "市交通运输局", assist: "市公安局",
		subjects: []subject{
			{"优化城市公交线网布局", "我市部分公交线路重复系数较高,而新建城区和产业园区公交覆盖不足,群众出行换乘不便。", "开展公交客流调查,优化调整重复线路,增开新建城区、产业园区和大型居住区的接驳线路。", ""},
			{"推进轨道交通与公交融合发展", "我市轨道交通开通运营以来客流稳步增长,但站点周边公交接驳和慢行设施不够完善。", "在轨道交通站点周边合理设置公交接驳站和非机动车停放区,推行轨道交通与公交换乘优惠。", ""},
			{"加快公交场站建设", "全市公交车辆数量逐年增加,但停车保养场站不足,不少车辆只能占道停放。", "将公交场站用地纳入国土空间规划予以保障,采取立体综合开发方式建设公交首末站和停保场。", ""},
			{"提升公交服务适老化水平", "老年人是公交出行的重要群体,部分车辆踏步高、站台无座椅,电子支付也给部分老人带来不便。", "逐步更新低地板公交车,在站台增设座椅和扶手,保留现金和老年卡等支付方式,开展司乘人员服务培训。", ""},
			{"改善中小学校周边交通秩序", "上下学时段学校周边车辆集中,接送车辆临时停放造成道路拥堵,存在安全隐患。", "在学校周边规划建设临时停车区和家长等候区,开通定制校园公交,实行上下学时段交通组织管控。", ""},
		},
		situations: []string{
			"公共交通是城市运行的重要基础设施,优先发展公共交通是缓解交通拥堵的有效途径。",
			"近年来,我市公交运营车辆和线路数量持续增加,新能源公交车占比显著提高。",
			"受河谷型城市地形限制,我市东西向通道多、南北向通道少,交通压力较为集中。",
			"市民出行需求日益多样化,对公交准点率、舒适度和信息服务提出了更高要求。",
		},
		analyses: []string{
			"公交专用道覆盖不足,公交车与社会车辆混行,运行速度和准点率难以保证。",
			"公交企业运营成本上升,财政补贴机制有待完善,可持续发展压力较大。",
			"公交信息化水平不高,实时到站信息、客流分析等应用不够充分。",
			"交通规划与城市规划衔接不够,新区开发时公交设施配套滞后。",
		},
		suggestions: []string{
			"加快主干道公交专用道建设,完善专用道监控执法设施,保障公交路权优先。",
			"建立公交成本规制和绩效考核制度,合理确定财政补贴标准。",
			"完善智慧公交系统,实现实时到站查询、客流监测和智能调度。",
			"在新区开发和旧城改造中同步规划公交设施,做到公交先行。",
			"定期开展乘客满意度调查,将调查结果作为公交企业考核的重要依据。",
		},
	},
	{
		name: "医疗卫生", category: "医卫体育", lead: "市卫生健康委员会", assist: "市财政局",
		subjects: []subject{
			{"加强基层医疗卫生服务能力建设", "全市社区卫生服务中心和乡镇卫生院设施设备明显改善,但全科医生数量不足,群众首诊在基层的意愿不强。", "实施基层医疗机构能力提升工程,加大全科医生培养和招聘力度,推动上级医院专家定期到基层坐诊。", ""},
			{"推进紧密型医疗联合体建设", "我市已组建多个医疗联合体,但部分医联体内部在人员、技术、管理上的联系较为松散。", "推进医联体内人员统一调配、医保统一打包付费、药品统一采购配送,真正形成服务共同体和利益共同体。", ""},
			{"完善儿童医疗服务体系", "冬春季节儿童呼吸道疾病高发,市区几家医院儿科门诊排队时间长,儿科医生长期超负荷工作。", "在区县综合医院普遍设置儿科门诊,合理提高儿科医疗服务价格,扩大儿科医师培养规模。", ""},
			{"加强精神卫生服务体系建设", "随着社会节奏加快,焦虑、抑郁等心理问题日益常见,而全市精神科医师和心理治疗师数量不足。", "在综合医院开设精神心理门诊,建设社区心理健康服务站点,开通二十四小时心理援助热线。", ""},
			{"推进医学检查检验结果互认", "群众反映在不同医院就诊时需要重复做检查,增加了就医负担和时间成本。", "建设全市检查检验结果互认共享平台,明确互认项目清单,逐步实现医疗机构间检查检验结果互认。", ""},
		},
		situations: []string{
			"人民健康是社会文明进步的基础,卫生健康事业关系千家万户的幸福。",
			"近年来,我市持续深化医药卫生体制改革,医疗卫生服务体系不断完善,居民健康水平稳步提升。",
			"群众对优质医疗资源的需求持续增长,看病难、看病贵问题在一定程度上依然存在。",
			"我市优质医疗资源主要集中在中心城区,远郊区县和农村地区相对薄弱。",
		},
		analyses: []string{
			"医疗资源布局不够合理,大医院人满为患与基层医疗机构门可罗雀并存。",
			"医务人员待遇与工作强度不匹配,基层岗位吸引力不足,人才引不进、留不住。",
			"医疗信息化建设各自为政,医院之间信息互联互通程度较低。",
			"医保支付方式改革与分级诊疗制度衔接不够,引导群众合理就医的作用发挥不充分。",
		},
		suggestions: []string{
			"深化医保支付方式改革,拉开不同级别医疗机构报销比例,引导群众基层首诊。",
			"完善公立医院薪酬制度,合理体现医务人员技术劳务价值,提高工作积极性。",
			"加快全民健康信息平台建设,推进电子健康档案和电子病历互联互通。",
			"加大对基层医疗卫生机构的财政投入,改善基层医务人员工作和生活条件。",
			"建立健全医疗服务质量评价体系,定期公布评价结果,接受社会监督。",
		},
	},
	{
		name: "文化旅游", category: "文化宣传", lead: "市文化和旅游局", assist: "市交通运输局",
		subjects: []subject{
			{"打造黄河风情文化旅游带", "我市黄河两岸分布着众多历史遗迹和特色景观,但景点之间串联不够,游客停留时间较短。", "统筹规划沿河文化旅游带,串联沿岸景点、博物馆和特色街区,开发夜游黄河等体验项目。", ""},
			{"发展夜间文旅消费", "我市夜间经济已初具规模,但夜间文化演艺、特色餐饮和休闲娱乐项目较少,业态同质化明显。", "培育一批夜间文旅消费集聚区,支持剧场、博物馆延长开放时间,举办夜间市集和灯光秀等特色活动。", ""},
			{"加强非物质文化遗产保护传承", "我市拥有太平鼓、刻葫芦等多项非物质文化遗产,但部分项目传承人年龄偏大,后继乏人。", "完善非遗传承人认定和资助制度,推动非遗进校园、进社区、进景区,建设非遗展示体验中心。", ""},
			{"推进公共文化服务提质增效", "全市已基本建成市、区、街道、社区四级公共文化设施网络,但部分基层文化站点利用率不高。", "推行公共文化设施社会化运营,按照群众需求配送文化服务,推进图书馆、文化馆总分馆制建设。", ""},
			{"提升旅游公共服务水平", "旅游旺季主要景区停车难、如厕难问题突出,部分旅游标识标牌外文翻译不规范。", "在主要景区周边增建停车场和旅游厕所,统一规范旅游标识系统,建设全域旅游智慧服务平台。", ""},
		},
		situations: []string{
			"文化和旅游融合发展是满足人民群众美好生活需要的重要途径。",
			"我市历史文化积淀深厚,黄河文化、丝路文化资源丰富,发展文化旅游具有独特优势。",
			"近年来,我市游客接待量和旅游收入逐年增长,城市知名度和美誉度不断提升。",
			"从游客反馈看,我市旅游产品以观光为主,参与性、体验性强的项目较少。",
		},
		analyses: []string{
			"文化旅游资源开发层次较浅,缺乏具有全国影响力的精品项目和品牌。",
			"旅游配套设施建设滞后,住宿、餐饮、交通等服务质量与游客期望存在差距。",
			"文化旅游宣传推广力度不够,营销手段较为传统,新媒体运用不充分。",
			"文旅专业人才缺乏,特别是策划、营销和运营管理人才短缺。",
		},
		suggestions: []string{
			"借助新媒体平台讲好金城故事,加大文化旅游宣传推广力度,提升城市品牌影响力。",
			"设立文化旅游产业发展专项资金,对精品项目建设和市场主体培育给予支持。",
			"加强与周边城市的旅游合作,联合开发跨区域旅游线路,实现客源互送。",
			"依托高校开设文旅相关专业,引进高端策划和运营人才,加强文旅人才培养。",
			"完善旅游市场监管机制,严厉打击欺客宰客等行为,维护良好市场秩序。",
		},
	},
	{
		name: "科技创新", category: "科学技术", lead: "市科学技术局", assist: "市工业和信息化局",
		subjects: []subject{
			{"强化企业科技创新主体地位", "我市高新技术企业数量逐年增加,但研发投入强度偏低,多数中小企业缺乏独立研发能力。", "落实研发费用加计扣除等政策,对首次认定的高新技术企业给予奖励,支持企业建设研发中心和重点实验室。", ""},
			{"促进高校院所科技成果就地转化", "在金城的高校和科研院所每年产出大量科研成果,但在本地转化落地的比例不高。", "建设科技成果转化中试基地和概念验证中心,完善科技成果作价入股和收益分配制度,激发科研人员转化积极性。", ""},
			{"完善科技金融服务体系", "科技型中小企业普遍轻资产,缺乏抵押物,融资难问题制约企业创新发展。", "设立科技创新引导基金,推广知识产权质押融资和科技保险,建立科技型企业贷款风险补偿机制。", ""},
			{"加强科技人才引进和培养", "近年来我市引进了一批高层次人才,但受区位和待遇等因素影响,人才流失现象仍然存在。", "完善人才住房、子女入学、配偶就业等配套服务,实行人才、项目、团队一体化引进,营造拴心留人的良好环境。", ""},
			{"加快科技企业孵化载体建设", "全市科技企业孵化器和众创空间数量不少,但专业化服务能力不强,孵化成功率不高。", "推动孵化器向专业化、市场化转型,引入专业运营团队和投资机构,建立孵化绩效评价和奖补机制。", ""},
		},
		situations: []string{
			"科技创新是引领发展的第一动力,是推动高质量发展的关键支撑。",
			"我市科教资源比较丰富,拥有多所高校和一批国家级、省级科研机构。",
			"近年来,我市研发经费投入持续增长,创新平台建设取得积极进展。",
			"与东部发达城市相比,我市科技创新整体实力仍有明显差距。",
		},
		analyses: []string{
			"产学研协同创新机制不健全,高校院所与企业之间多为短期项目合作,深度融合不够。",
			"科技服务体系不完善,技术转移、知识产权、检验检测等专业服务机构较少。",
			"财政科技投入较为分散,重点领域和关键环节支持力度不够集中。",
			"创新文化氛围不够浓厚,社会资本投向科技创新的积极性不高。",
		},
		suggestions: []string{
			"围绕优势产业组建产业技术创新联盟,由龙头企业牵头联合高校院所开展关键技术攻关。",
			"培育发展技术转移机构和技术经纪人队伍,完善科技服务体系。",
			"优化财政科技投入结构,集中支持重大科技项目和创新平台建设。",
			"定期举办科技成果对接和创新创业大赛,营造鼓励创新、宽容失败的社会氛围。",
			"建立科技创新统计监测制度,对区县和部门科技创新工作进行考核评价。",
		},
	},
	{
		name: "就业", category: "社会事业", lead: "市人力资源和社会保障局", assist: "市教育局",
		subjects: []subject{
			{"做好高校毕业生就业服务", "每年在金城高校毕业的学生人数较多,但留在本地就业的比例不高,部分毕业生存在慢就业现象。", "建立高校毕业生就业见习基地,扩大政策性岗位规模,对吸纳本地高校毕业生就业的企业给予社保补贴。", ""},
			{"加强职业技能培训", "企业普遍反映招工难、技术工人短缺,同时部分求职者的技能与岗位需求不匹配。", "推行订单式、定向式职业技能培训,将培训补贴与就业效果挂钩,支持企业开展新型学徒制培训。", ""},
			{"加强灵活就业人员权益保障", "随着平台经济发展,外卖骑手、网约车司机等灵活就业人员数量快速增加,参保率较低。", "完善灵活就业人员参加社会保险的办法,推进新就业形态人员职业伤害保障,建设户外劳动者服务站点。", ""},
			{"促进农民工稳定就业", "我市农村转移劳动力数量较大,就业多集中在建筑、餐饮等行业,就业稳定性较差。", "建立农村劳动力就业信息台账,开展劳务品牌培育,组织有序劳务输出,落实农民工工资支付保障制度。", ""},
			{"完善零工市场建设", "城区部分路口长期存在自发形成的马路零工市场,秩序较乱,供需对接效率低。", "在零工集中区域规范建设零工市场和驿站,开发线上零工服务平台,提供岗位发布、技能培训和权益维护服务。", ""},
		},
		situations: []string{
			"就业是最基本的民生,事关人民群众切身利益和社会和谐稳定。",
			"近年来,我市坚持就业优先政策,城镇新增就业保持稳定,城镇调查失业率控制在目标以内。",
			"当前就业总量压力与结构性矛盾并存,重点群体就业任务依然较重。",
			"新技术、新业态的发展深刻改变了就业形态,对就业服务提出了新要求。",
		},
		analyses: []string{
			"就业服务信息化水平不高,岗位信息发布不及时,供需匹配效率较低。",
			"职业技能培训针对性不强,培训内容与市场需求衔接不紧密。",
			"基层公共就业服务力量薄弱,街道社区就业服务人员数量少、专业化程度低。",
			"部分用人单位对劳动者权益保障不到位,劳动关系不够稳定。",
		},
		suggestions: []string{
			"建设全市统一的智慧就业服务平台,实现岗位信息实时发布、精准推送。",
			"建立就业需求调查和失业预警制度,定期发布紧缺职业目录。",
			"充实基层公共就业服务队伍,打造十五分钟就业服务圈。",
			"加强劳动保障监察执法,依法查处侵害劳动者权益的行为。",
			"落实创业担保贷款政策,扩大贴息范围,以创业带动就业。",
		},
	},
	{
		name: "食品安全", category: "法制建设", lead: "市市场监督管理局", assist: "市农业农村局",
		subjects: []subject{
			{"加强校园食品安全监管", "全市中小学校和幼儿园食堂数量多,部分学校食堂由第三方企业承包经营,管理水平参差不齐。", "推行校园食堂明厨亮灶全覆盖,落实学校负责人陪餐制度,严格第三方供餐企业的准入和退出管理。", ""},
			{"规范网络订餐食品安全", "网络订餐已成为市民日常消费的重要方式,但部分入网商家无实体店面或证照不全。", "督促网络订餐平台严格审核入网商家资质,推行外卖食品封签,建立线上线下一体化监管机制。", ""},
			{"加强农贸市场食品安全管理", "我市部分农贸市场设施陈旧,快检能力不足,农药残留超标等问题时有发现。", "推进农贸市场标准化改造,每个市场配备食品快检室并每日公示检测结果,建立不合格产品追溯和召回机制。", ""},
			{"整治食品小作坊小摊贩", "城乡结合部和背街小巷分布着较多食品小作坊和流动摊贩,卫生条件差,监管难度大。", "完善食品小作坊登记和小摊贩备案管理,划定集中经营区域,引导其入园入区、规范经营。", ""},
			{"提升基层食品安全执法能力", "基层市场监管所承担的监管事项多,执法人员和检测装备不足,专业化水平不高。", "充实基层食品安全执法力量,配备快检车辆和设备,定期组织执法人员业务培训和案例研讨。", ""},
		},
		situations: []string{
			"食品安全关系人民群众身体健康和生命安全,是重大的民生问题。",
			"近年来,我市深入推进食品安全城市创建,食品安全形势总体稳定向好。",
			"随着消费方式的变化,食品生产经营新业态不断出现,给食品安全监管带来新的挑战。",
			"群众对食品安全的关注度持续提高,相关投诉举报数量有所增加。",
		},
		analyses: []string{
			"食品安全监管力量与监管任务不相匹配,基层一线人少事多的矛盾突出。",
			"部分食品生产经营者主体责任意识淡薄,法律意识和自律意识不强。",
			"食品安全追溯体系不完善,问题产品的源头追查难度较大。",
			"违法成本偏低,对违法行为的震慑作用不够明显。",
		},
		suggestions: []string{
			"加大对食品安全违法行为的查处力度,依法公开典型案例,形成有力震慑。",
			"建设食品安全智慧监管平台,推动追溯体系覆盖肉类、蔬菜、乳制品等重点品种。",
			"落实食品生产经营者主体责任,推动企业配备食品安全管理员。",
			"畅通食品安全投诉举报渠道,落实举报奖励制度,鼓励社会监督。",
			"加强食品安全宣传教育,提高公众的食品安全意识和自我保护能力。",
		},
	},
	{
		name: "社区治理", category: "政治建设", lead: "市民政局", assist: "市城市管理局",
		subjects: []subject{
			{"完善城乡社区协商议事机制", "我市社区普遍建立了议事协商平台,但部分社区协商流于形式,居民参与度不高。", "制定城乡社区协商议事规则,明确协商内容、程序和结果运用,推动政协协商与基层协商有效衔接。", ""},
			{"切实为社区减负增效", "社区工作者反映,各类台账、报表、检查评比较多,占用大量时间,服务居民的精力不足。", "全面清理规范社区工作事项和证明事项,建立社区工作准入制度,未经审核的事项不得转嫁社区。", "社会事业"},
			{"加强社区工作者队伍建设", "全市社区工作者薪酬待遇偏低,职业发展通道不畅,队伍流动性较大。", "建立社区工作者岗位等级序列和薪酬动态调整机制,拓宽优秀社区工作者的职业发展渠道。", "社会事业"},
			{"推进物业服务融入社区治理", "部分住宅小区物业服务质量不高,业主与物业企业之间矛盾纠纷较多,业主委员会组建率偏低。", "推动社区党组织领导下的居委会、业委会、物业企业三方联动,加强对物业服务的监督考核。", ""},
			{"发挥社会组织参与社区服务的作用", "我市社区社会组织数量增长较快,但多数规模小、能力弱,承接服务项目的能力不足。", "建立社区社会组织孵化培育中心,通过政府购买服务支持社会组织参与养老、托幼、助残等社区服务。", "社会事业"},
		},
		situations: []string{
			"社区是社会治理的基本单元,是党和政府联系服务群众的最后一公里。",
			"近年来,我市推进网格化管理和精细化服务,城乡社区治理水平不断提升。",
			"随着城市化快速推进,社区人口结构日趋复杂,居民需求更加多元。",
			"在调研走访中,社区干部和居民都对提升社区治理效能提出了不少意见建议。",
		},
		analyses: []string{
			"社区承担的行政事务过多,自治功能弱化,服务居民的主业被挤压。",
			"多元主体参与社区治理的积极性没有充分调动,共建共治共享格局尚未形成。",
			"社区服务设施面积不足、功能单一,难以满足居民多样化需求。",
			"社区治理信息化手段运用不充分,各部门系统重复录入问题突出。",
		},
		suggestions: []string{
			"整合各部门下沉社区的信息系统,推动数据一次采集、多方共享。",
			"按照每百户不低于三十平方米的标准配建社区综合服务设施。",
			"推行在职党员到社区报到服务制度,引导驻区单位参与社区建设。",
			"建立社区治理创新项目评选机制,总结推广基层好经验好做法。",
			"将社区治理工作成效纳入街道考核,考核结果向居民公开。",
		},
	},
	{
		name: "中小企业融资", category: "财税金融", lead: "市财政局", assist: "市发展和改革委员会",
		subjects: []subject{
			{"完善政府性融资担保体系", "我市政府性融资担保机构资本金规模偏小,担保放大倍数低,对小微企业的覆盖面有限。", "充实政府性融资担保机构资本金,建立担保代偿补偿机制,降低小微企业担保费率。", ""},
			{"推广中小企业应收账款融资", "中小企业应收账款占流动资产的比重较高,资金被大量占用,而应收账款融资业务开展较少。", "推动政府部门、国有企业在应收账款融资服务平台上及时确认账款,鼓励银行开展供应链金融业务。", ""},
			{"发挥财政资金引导撬动作用", "我市各类产业扶持资金以直接补助为主,资金使用方式单一,撬动社会资本的作用有限。", "推动部分财政专项资金由无偿补助改为股权投资、贷款贴息和风险补偿等方式,提高资金使用效益。", ""},
			{"建设地方企业融资信用服务平台", "银行普遍反映,中小企业财务信息不透明,缺少可信的经营数据,贷款审批难以开展。", "整合税务、社保、水电气等涉企信用信息,建设地方企业融资信用服务平台,依法向金融机构开放。", ""},
			{"加大首贷和信用贷支持力度", "我市不少小微企业从未获得过银行贷款,首贷难是制约其发展的突出问题。", "设立首贷服务中心,对银行发放的首次贷款和信用贷款给予风险补偿和奖励,提高首贷户比例。", ""},
		},
		situations: []string{
			"中小企业是稳增长、保就业、促创新的重要力量,融资问题关系中小企业的生存发展。",
			"近年来,我市金融机构普惠小微贷款余额持续增长,贷款利率稳中有降。",
			"在与企业座谈中,不少企业负责人反映贷款门槛高、审批周期长、抵押要求严。",
			"受市场需求波动影响,部分中小企业经营困难,对资金的需求更加迫切。",
		},
		analyses: []string{
			"银企信息不对称,金融机构缺乏有效手段评估中小企业的信用状况。",
			"金融产品同质化严重,适合中小企业特点的信用类、中长期贷款产品较少。",
			"风险分担机制不健全,银行对中小企业贷款存在惜贷、慎贷心理。",
			"部分企业财务管理不规范,融资能力和信用意识有待提升。",
		},
		suggestions: []string{
			"建立银企常态化对接机制,定期发布融资需求清单,组织银行上门服务。",
			"将金融机构支持中小企业情况纳入年度考核评价,与财政资金存放挂钩。",
			"加强企业财务规范化辅导,提升中小企业的信用意识和融资能力。",
			"鼓励金融机构开发知识产权、订单、仓单等质押融资产品。",
			"健全中小企业贷款风险分担机制,合理确定银行、担保和财政的分担比例。",
		},
	},
	{
		name: "制造业转型", category: "工业商贸", lead: "市工业和信息化局", assist: "市科学技术局",
		subjects: []subject{
			{"推进传统制造业数字化转型", "我市石化、装备制造等传统产业基础较好,但多数企业数字化水平较低,设备联网率不高。", "开展制造业数字化转型诊断服务,培育一批智能工厂和数字化车间,对企业技术改造项目给予贴息支持。", ""},
			{"支持专精特新中小企业发展", "我市专精特新中小企业数量与先进城市相比差距明显,梯度培育体系尚不完善。", "建立专精特新企业培育库,实行一企一策精准服务,在研发、融资、市场开拓等方面给予重点支持。", ""},
			{"加快工业园区提质升级", "部分工业园区基础设施不配套,主导产业不突出,亩均税收水平较低。", "推进工业园区亩均效益评价,完善园区水电气热和标准厂房等配套,盘活闲置低效用地。", ""},
			{"推动石化产业延链补链", "我市石化产业规模较大,但产品以基础原料为主,下游精细化工产品较少,产业链条较短。", "围绕石化产业链开展精准招商,引进下游精细化工和新材料项目,提高产品附加值和就地转化率。", ""},
			{"加强工业企业节能降碳改造", "我市部分高耗能工业企业能源利用效率偏低,面临较大的节能降碳压力。", "对重点用能企业开展节能诊断,支持余热余压利用和清洁能源替代,设立节能降碳技术改造专项资金。", "资源环境"},
		},
		situations: []string{
			"制造业是实体经济的主体,是推动经济高质量发展的重要基础。",
			"我市是老工业基地,工业门类较为齐全,拥有一批骨干企业和技术人才。",
			"近年来,我市工业经济保持平稳增长,新兴产业占比逐步提高。",
			"在新一轮科技革命和产业变革中,制造业转型升级的任务十分紧迫。",
		},
		analyses: []string{
			"产业结构偏重,传统产业占比高,新兴产业规模小、带动力不强。",
			"企业技术改造投入不足,装备水平和工艺水平与先进地区存在差距。",
			"产业配套能力不强,本地配套率偏低,大企业与中小企业协作不够紧密。",
			"工业用地、用能等要素保障存在制约,部分项目落地周期较长。",
		},
		suggestions: []string{
			"设立制造业高质量发展专项资金,重点支持技术改造和产业链关键环节。",
			"组织产业链上下游企业对接活动,提高本地配套率。",
			"加强工业互联网平台建设,为中小企业提供低成本的数字化解决方案。",
			"落实工业用地弹性出让和先租后让政策,降低企业用地成本。",
			"加强产业工人队伍建设,弘扬工匠精神,培养高技能人才。",
		},
	},
}

// rejectedTexts are the three proposals the office does not file, each written to fit its
// reason: one promotes a product, one is an academic discussion, one concerns a lawsuit.
var rejectedTexts = []struct{ reason, title, category, body, note string }{
	{"promotion", "关于在全市中小学推广使用某品牌智能净水设备的建议", "教育事业",
		"一、基本情况\n金城某环保科技有限公司研发的智能净水设备采用多级过滤技术,出水水质好,已在该公司所在园区试用两年,用户反映良好。目前全市中小学饮水设备品牌较杂,更换周期不一。" +
			"\n二、问题分析\n学校分散采购饮水设备,价格偏高,售后服务难以保障。该品牌设备具有价格优势,售后网点覆盖全市,能够有效解决上述问题。" +
			"\n三、具体建议\n一是由教育部门统一组织,在全市中小学推广使用该品牌智能净水设备。二是将该产品列入政府采购推荐目录。三是组织学校到该公司参观考察,了解产品性能和使用效果。",
		"提案内容为推介特定企业的产品,已与提案人沟通。"},
	{"academic", "关于金城方言古入声字演变问题的探讨", "文化宣传",
		"一、基本情况\n金城方言属中原官话,其中古入声字的归派情况与周边方言既有联系又有区别,学界对此有不同看法。" +
			"\n二、问题分析\n有观点认为金城方言的入声字主要归入阴平,也有观点根据田野调查材料认为清入字与次浊入字的走向并不一致。笔者整理了城关区、七里河区部分老年发音人的读音,发现部分字存在文白异读现象,可能与历史上的人口迁移有关。" +
			"\n三、具体建议\n建议进一步扩大调查范围,对不同年龄层发音人的读音进行比较研究,厘清金城方言入声字演变的层次和规律,并在学术刊物上开展讨论。",
		"提案内容属于学术探讨,建议提案人通过学术渠道交流。"},
	{"litigation", "关于督促解决某建材公司与某施工企业合同纠纷的建议", "法制建设",
		"一、基本情况\n金城某建材公司于前年向某施工企业供应建材,双方签订了买卖合同。货物交付后,施工企业以质量问题为由拒付部分货款,建材公司已向人民法院提起诉讼,案件目前正在审理中。" +
			"\n二、问题分析\n该纠纷持续时间较长,建材公司资金周转困难,已影响企业的正常经营和职工工资发放。双方对质量问题各执一词,短期内难以协商解决。" +
			"\n三、具体建议\n建议有关部门出面协调,督促施工企业尽快支付拖欠货款,并请人民法院加快审理进度,尽早作出判决,维护民营企业的合法权益。",
		"所涉事项已进入诉讼程序,不宜作为提案办理。"},
}

// spec is one demo proposal: the state it ends in and what happened on the way there.
type spec struct {
	state string
	on    string // the topic's name; "" takes the next topic in turn
	// ago is days before today: when it was assigned for the states from handling on, when
	// it was submitted for the states before, when it was written for a draft.
	ago      int
	kind     string // "" is an individual proposal
	group    string // group proposals: the party or sector that proposes
	mine     bool   // proposed by the member of the demo `member` account
	cosign   bool   // joint: the demo member is among the co-signers
	key      bool   // a key proposal, supervised by the demo leader
	publish  bool
	contact  bool   // the unit records a contact with the proposer
	extend   string // "approved" or "pending": the lead unit asked for more time
	unit     string // the lead unit, when not the topic's
	assist   string // a unit assisting (协办), when not the topic's joint unit
	result   string // closed: the proposer's evaluation; "" closes without one (group)
	class    string // the reply's class
	redo     bool   // the office sends the first reply back once
	rehandle bool   // handling again after a dissatisfied evaluation
	sendBack bool   // accepted: assigned to 市教育局 by mistake and sent back by it
	reject   int    // rejected: index in rejectedTexts
	into     int    // merged: index in proposalPlan of the main proposal
}

// proposalPlan lists the demo proposals. The 市教育局 (the demo `unit` account's unit) leads
// ten of them in every handling state, two due within 15 days and one overdue, assists one
// more, and sent one back.
var proposalPlan = []spec{
	// 0–9: 市教育局 leads.
	{state: lvzhi.ProposalHandling, on: "义务教育", ago: 82, contact: true},
	{state: lvzhi.ProposalHandling, on: "学前教育", ago: 84},
	{state: lvzhi.ProposalHandling, on: "义务教育", ago: 110, contact: true},
	{state: lvzhi.ProposalHandling, on: "学前教育", ago: 40, contact: true},
	{state: lvzhi.ProposalHandling, on: "义务教育", ago: 60, extend: "pending"},
	{state: lvzhi.ProposalReplyReview, on: "学前教育", ago: 46, class: "B"},
	{state: lvzhi.ProposalReplied, on: "义务教育", ago: 60, class: "A", publish: true},
	{state: lvzhi.ProposalClosed, on: "学前教育", ago: 200, class: "A", result: lvzhi.Satisfied, publish: true, contact: true},
	{state: lvzhi.ProposalClosed, on: "义务教育", ago: 180, class: "B", result: lvzhi.BasicallySatisfied, redo: true},
	{state: lvzhi.ProposalClosed, on: "学前教育", ago: 160, class: "A", result: lvzhi.Satisfied, key: true, contact: true},
	// 10–11: 就业, where the bureau assists once and sends a wrong assignment back once.
	{state: lvzhi.ProposalHandling, on: "就业", ago: 35, assist: "市教育局"},
	{state: lvzhi.ProposalAccepted, on: "就业", ago: 20, sendBack: true},
	// 12–26: handling elsewhere; four overdue (ago > 92), one reopened.
	{state: lvzhi.ProposalHandling, ago: 120, rehandle: true, class: "C"},
	{state: lvzhi.ProposalHandling, on: "营商环境", ago: 30, key: true, contact: true},
	{state: lvzhi.ProposalHandling, ago: 100},
	{state: lvzhi.ProposalHandling, ago: 125, extend: "approved", contact: true},
	{state: lvzhi.ProposalHandling, on: "城市更新", ago: 105, group: "民盟"},
	{state: lvzhi.ProposalHandling, on: "养老服务", ago: 50}, // main of a merged proposal
	{state: lvzhi.ProposalHandling, ago: 25, kind: lvzhi.ProposalJoint},
	{state: lvzhi.ProposalHandling, ago: 15, mine: true},
	{state: lvzhi.ProposalHandling, ago: 55, contact: true},
	{state: lvzhi.ProposalHandling, ago: 20},
	{state: lvzhi.ProposalHandling, ago: 45, contact: true},
	{state: lvzhi.ProposalHandling, ago: 12},
	{state: lvzhi.ProposalHandling, ago: 65, contact: true},
	{state: lvzhi.ProposalHandling, ago: 38},
	{state: lvzhi.ProposalHandling, ago: 70},
	// 27–28: replies waiting for the office's check.
	{state: lvzhi.ProposalReplyReview, on: "黄河生态保护", ago: 48, class: "A", key: true},
	{state: lvzhi.ProposalReplyReview, on: "科技创新", ago: 44, class: "B", group: "九三学社"},
	// 29–32: replied, waiting for the proposer's evaluation.
	{state: lvzhi.ProposalReplied, ago: 58, class: "A", mine: true},
	{state: lvzhi.ProposalReplied, ago: 66, class: "A", publish: true},
	{state: lvzhi.ProposalReplied, ago: 52, class: "B", kind: lvzhi.ProposalJoint},
	{state: lvzhi.ProposalReplied, ago: 62, class: "C"},
	// 33–45: closed.
	{state: lvzhi.ProposalClosed, ago: 210, class: "A", result: lvzhi.Satisfied, mine: true, publish: true},
	{state: lvzhi.ProposalClosed, ago: 190, class: "A", result: lvzhi.Satisfied, kind: lvzhi.ProposalJoint, cosign: true},
	{state: lvzhi.ProposalClosed, on: "中小企业融资", ago: 230, class: "B", group: "民建"},
	{state: lvzhi.ProposalClosed, ago: 240, class: "A", result: lvzhi.Satisfied, publish: true, contact: true},
	{state: lvzhi.ProposalClosed, ago: 220, class: "B", result: lvzhi.BasicallySatisfied},
	{state: lvzhi.ProposalClosed, ago: 170, class: "A", result: lvzhi.Satisfied},
	{state: lvzhi.ProposalClosed, ago: 150, class: "A", result: lvzhi.Satisfied, publish: true},
	{state: lvzhi.ProposalClosed, ago: 185, class: "B", result: lvzhi.BasicallySatisfied, contact: true},
	{state: lvzhi.ProposalClosed, ago: 205, class: "A", result: lvzhi.Satisfied},
	{state: lvzhi.ProposalClosed, ago: 165, class: "A", result: lvzhi.Satisfied, contact: true},
	{state: lvzhi.ProposalClosed, ago: 235, class: "B", result: lvzhi.BasicallySatisfied},
	{state: lvzhi.ProposalClosed, ago: 215, class: "A", result: lvzhi.Satisfied, redo: true},
	{state: lvzhi.ProposalClosed, ago: 155, class: "B", result: lvzhi.Satisfied},
	// 46–49: filed, not yet assigned (with 11 above).
	{state: lvzhi.ProposalAccepted, on: "公共交通", ago: 25}, // main of a merged proposal
	{state: lvzhi.ProposalAccepted, on: "医疗卫生", ago: 18, group: "农工党"},
	{state: lvzhi.ProposalAccepted, ago: 14, kind: lvzhi.ProposalJoint},
	{state: lvzhi.ProposalAccepted, ago: 22},
	// 50–65: under review.
	{state: lvzhi.ProposalReview, ago: 3, mine: true},
	{state: lvzhi.ProposalReview, ago: 6, kind: lvzhi.ProposalJoint},
	{state: lvzhi.ProposalReview, on: "医疗卫生", ago: 5, group: "医药卫生界"},
	{state: lvzhi.ProposalReview, ago: 1},
	{state: lvzhi.ProposalReview, ago: 2},
	{state: lvzhi.ProposalReview, ago: 4},
	{state: lvzhi.ProposalReview, ago: 5},
	{state: lvzhi.ProposalReview, ago: 7},
	{state: lvzhi.ProposalReview, ago: 8},
	{state: lvzhi.ProposalReview, ago: 9},
	{state: lvzhi.ProposalReview, ago: 10},
	{state: lvzhi.ProposalReview, ago: 11},
	{state: lvzhi.ProposalReview, ago: 12},
	{state: lvzhi.ProposalReview, ago: 13},
	{state: lvzhi.ProposalReview, ago: 14},
	{state: lvzhi.ProposalReview, ago: 15},
	// 66–74: the review's other outcomes.
	{state: lvzhi.ProposalReturned, ago: 30},
	{state: lvzhi.ProposalReturned, ago: 12},
	{state: lvzhi.ProposalRejected, ago: 40, reject: 0},
	{state: lvzhi.ProposalRejected, ago: 35, reject: 1},
	{state: lvzhi.ProposalRejected, ago: 28, reject: 2},
	{state: lvzhi.ProposalMerged, ago: 45, into: 17},
	{state: lvzhi.ProposalMerged, ago: 20, into: 46},
	{state: lvzhi.ProposalConverted, ago: 33},
	{state: lvzhi.ProposalWithdrawn, ago: 26},
	// 75–79: not yet submitted.
	{state: lvzhi.ProposalDraft, ago: 2, mine: true},
	{state: lvzhi.ProposalDraft, ago: 4},
	{state: lvzhi.ProposalDraft, ago: 1},
	{state: lvzhi.ProposalCosigning, ago: 3, kind: lvzhi.ProposalJoint, cosign: true},
	{state: lvzhi.ProposalCosigning, ago: 2, kind: lvzhi.ProposalJoint},
}

// assigned reports whether a spec's proposal gets as far as assignment.
func (s spec) assigned() bool {
	switch s.state {
	case lvzhi.ProposalHandling, lvzhi.ProposalReplyReview, lvzhi.ProposalReplied, lvzhi.ProposalClosed:
		return true
	}
	return false
}

// submittedAgo is how many days before today the proposal was submitted (or written).
func (s spec) submittedAgo() int {
	if s.assigned() {
		return s.ago + 8
	}
	return s.ago
}

// The notes the office, units and proposers write on the way.
const (
	noteReturn      = "建议部分不够具体,请补充可操作的措施和责任部门后重新提交。"
	noteMerge       = "与同题提案内容相近,并案办理。"
	noteConvert     = "所反映的情况时效性较强,转为社情民意信息报送。"
	noteWithdraw    = "提案人申请撤回,已与提案人沟通确认。"
	noteSendBack    = "该提案所提事项属市人力资源和社会保障局职责,请重新交办。"
	noteExtension   = "所提建议涉及多个部门,需要进一步调研论证,申请延期答复。"
	noteRedo        = "答复内容较为原则,请补充具体措施和时间安排后重新报送。"
	noteClose       = "答复已送达提出单位,经沟通无异议,予以办结。"
	noteKey         = "经主席会议研究,确定为本次会议重点提案。"
	noteSupervise   = "到承办单位实地督办,听取办理进展汇报,要求加快推进、按期答复。"
	noteDissatisfed = "答复未针对提出的具体问题,措施不够明确,希望重新办理。"
)

var (
	contactWays  = []string{"phone", "visit", "meeting"}
	contactNotes = map[string]string{
		"phone":   "电话联系提案人,介绍办理思路,听取对办理工作的进一步意见。",
		"visit":   "走访提案人,就建议落实的重点和时序交换意见。",
		"meeting": "召开办理座谈会,邀请提案人和相关部门共同研究办理措施。",
	}
	evaluationNotes = map[string]string{
		lvzhi.Satisfied:          "答复认真具体,措施可行,表示满意。",
		lvzhi.BasicallySatisfied: "答复基本回应了所提建议,希望加快落实进度。",
	}
)

// reply is the lead unit's answer, in the class the spec gives.
func reply(unit, class, ask string) string {
	lead, _, _ := strings.Cut(ask, ",")
	switch class {
	case "A":
		return unit + "收到提案后高度重视,及时与提案人沟通,并会同有关部门逐条研究。提案提出的“" + lead +
			"”等建议针对性强,已被采纳并列入今年重点工作,目前已完成阶段性任务。下一步我们将加强跟踪问效,确保各项措施落到实处。"
	case "B":
		return unit + "对提案进行了认真研究。提案反映的问题客观存在,“" + lead +
			"”等建议切实可行。目前正在会同相关部门制定实施方案,相关工作已列入明年计划,将分步推进,办理过程中将继续听取提案人意见。"
	}
	return unit + "认真研究了提案所提建议。受资金、用地等条件限制,“" + lead +
		"”等建议目前实施还有困难,我们将在编制相关规划时统筹考虑,积极创造条件逐步解决,并及时向提案人通报进展。"
}

// proposalLoader writes the plan: who the actors are, the store's moved clock, and the ids
// of what it made.
type proposalLoader struct {
	st      *store.Store
	b       *built
	session int64
	now     time.Time // when Load started; days are counted back from it
	clock   time.Time // what the store's clock says now
	rng     *rand.Rand

	office  lvzhi.Actor
	units   map[string]int64
	groups  map[string]int64
	leader  int64
	me      lvzhi.Member   // the member of the demo `member` account
	members []lvzhi.Member // the other serving members, shuffled: proposers and co-signers
	next    int
	ids     []int64 // proposal id per plan entry
	topicOf []int   // per plan entry: index in topics (-1: none)
	subjOf  []int
}

// proposals writes the demo proposals into the city's newest session.
func (b *built) proposals(ctx context.Context, st *store.Store) error {
	l := &proposalLoader{st: st, b: b, now: st.Now(), rng: rand.New(rand.NewPCG(2026, 11)),
		units: map[string]int64{}, groups: map[string]int64{}, ids: make([]int64, len(proposalPlan))}
	l.office = b.actor
	l.office.Name = "提案委员会办公室"
	if err := l.prepare(ctx); err != nil {
		return fmt.Errorf("demo: proposals: %w", err)
	}
	// Every step runs at its own day: the store's clock is moved back while the plan is
	// written and restored afterwards, whatever happens.
	saved := st.Now
	st.Now = func() time.Time { return l.clock }
	defer func() { st.Now = saved }()

	// The oldest proposal first, so the office files them in the order they came in and the
	// numbers follow the dates; a main proposal is older than the one merged into it.
	order := make([]int, len(proposalPlan))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return proposalPlan[b].submittedAgo() - proposalPlan[a].submittedAgo()
	})
	for _, i := range order {
		if err := l.write(ctx, i); err != nil {
			return fmt.Errorf("demo: proposal %d (%s): %w", i, proposalPlan[i].state, err)
		}
	}
	return nil
}

// prepare finds what the plan refers to (the session, units, groups, members, the leader)
// and gives each plan entry its topic and subject.
func (l *proposalLoader) prepare(ctx context.Context) error {
	a, city := l.b.actor, l.b.committee.ID
	sessions, err := l.st.Sessions(ctx, a, city)
	if err != nil || len(sessions) == 0 {
		return fmt.Errorf("no session: %v", err)
	}
	l.session = sessions[len(sessions)-1].ID
	for _, kind := range []lvzhi.OrgUnitKind{lvzhi.OrgHandlingUnit, lvzhi.OrgParty, lvzhi.OrgSector} {
		list, err := l.st.OrgUnits(ctx, a, city, kind)
		if err != nil {
			return err
		}
		for _, u := range list {
			if kind == lvzhi.OrgHandlingUnit {
				l.units[u.Name] = u.ID
			} else if l.groups[u.Name] == 0 {
				l.groups[u.Name] = u.ID // a party before the sector of the same name
			}
		}
	}
	leader, err := l.st.UserByName(ctx, a, "leader")
	if err != nil {
		return err
	}
	l.leader = leader.ID
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
	if l.me.ID == 0 {
		return fmt.Errorf("no member %s", Accounts[1].Name)
	}
	l.rng.Shuffle(len(l.members), func(i, j int) { l.members[i], l.members[j] = l.members[j], l.members[i] })

	// Topics: the entries that name one take its subjects first, the rest go round the
	// topics in turn; rejected and merged proposals have texts of their own.
	used := make([]int, len(topics))
	l.topicOf, l.subjOf = make([]int, len(proposalPlan)), make([]int, len(proposalPlan))
	byName := map[string]int{}
	for i, t := range topics {
		byName[t.name] = i
	}
	take := func(i, t int) error {
		if used[t] == len(topics[t].subjects) {
			return fmt.Errorf("topic %s has no subject left for entry %d", topics[t].name, i)
		}
		l.topicOf[i], l.subjOf[i] = t, used[t]
		used[t]++
		return nil
	}
	for i, s := range proposalPlan {
		l.topicOf[i] = -1
		if s.on == "" {
			continue
		}
		t, ok := byName[s.on]
		if !ok {
			return fmt.Errorf("no topic %s", s.on)
		}
		if err := take(i, t); err != nil {
			return err
		}
	}
	turn := 0
	for i, s := range proposalPlan {
		if s.on != "" || s.state == lvzhi.ProposalRejected || s.state == lvzhi.ProposalMerged {
			continue
		}
		for tries := 0; ; tries++ {
			if tries == len(topics) {
				return fmt.Errorf("no subject left for entry %d", i)
			}
			t := turn % len(topics)
			turn++
			if used[t] < len(topics[t].subjects) && topics[t].lead != accountUnit {
				if err := take(i, t); err != nil {
					return err
				}
				break
			}
		}
	}
	for i, s := range proposalPlan {
		if s.state == lvzhi.ProposalMerged {
			l.topicOf[i], l.subjOf[i] = l.topicOf[s.into], l.subjOf[s.into]
		}
	}
	return nil
}

// at moves the store's clock to a working hour days before today; within one proposal the
// clock only goes forward.
func (l *proposalLoader) at(days int) {
	n := l.now.In(chinaTime)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, chinaTime).AddDate(0, 0, -max(days, 1))
	t := day.Add(9*time.Hour + time.Duration(l.rng.IntN(8*60))*time.Minute).UTC()
	if !t.After(l.clock) {
		t = l.clock.Add(time.Duration(10+l.rng.IntN(50)) * time.Minute)
	}
	l.clock = t
}

var chinaTime = time.FixedZone("CST", 8*3600)

// person is the actor standing for a member: the platform acting with the member's name.
func (l *proposalLoader) person(m lvzhi.Member) lvzhi.Actor {
	a := l.b.actor
	a.MemberID, a.Name = m.ID, m.Name
	return a
}

// unitActor is the actor standing for a handling unit.
func (l *proposalLoader) unitActor(name string) lvzhi.Actor {
	a := l.b.actor
	a.UnitID, a.Name = l.units[name], name
	return a
}

// pick returns the next member from the shuffled list, never the demo member.
func (l *proposalLoader) pick() lvzhi.Member {
	m := l.members[l.next%len(l.members)]
	l.next++
	return m
}

// act applies one action at the clock's time.
func (l *proposalLoader) act(ctx context.Context, a lvzhi.Actor, id int64, action string, in lvzhi.ProposalActionInput) (lvzhi.Proposal, error) {
	p, err := l.st.ActProposal(ctx, a, id, action, in)
	if err != nil {
		return p, fmt.Errorf("%s: %w", action, err)
	}
	return p, nil
}

// write takes plan entry i from writing to the state it ends in.
func (l *proposalLoader) write(ctx context.Context, i int) error {
	s := proposalPlan[i]
	l.clock = time.Time{}
	p := lvzhi.Proposal{SessionID: l.session, Kind: lvzhi.ProposalIndividual, PublishConsent: s.publish || l.rng.IntN(3) > 0}
	var t topic
	var ask string
	if s.state == lvzhi.ProposalRejected {
		r := rejectedTexts[s.reject]
		p.Title, p.Category, p.Body = r.title, r.category, r.body
	} else {
		t = topics[l.topicOf[i]]
		ask = t.subjects[l.subjOf[i]].ask
		p.Title, p.Category, p.Body = t.text(l.subjOf[i], s.state == lvzhi.ProposalMerged)
		p.SuggestedUnits = t.lead
	}
	// Who proposes, and as whom it is written.
	writer := l.office
	var proposer lvzhi.Member
	switch {
	case s.group != "":
		p.Kind, p.GroupID = lvzhi.ProposalGroup, l.groups[s.group]
		if p.GroupID == 0 {
			return fmt.Errorf("no group %s", s.group)
		}
		p.Signer = l.pick().Name // signed by the group's convenor, one of the members
	case s.mine:
		proposer = l.me
	default:
		proposer = l.pick()
	}
	if proposer.ID != 0 {
		p.ProposerID = proposer.ID
		writer = l.person(proposer)
	}
	if s.kind == lvzhi.ProposalJoint {
		p.Kind = lvzhi.ProposalJoint
	}
	submitted := s.submittedAgo()
	if s.kind == lvzhi.ProposalJoint {
		l.at(submitted + 7) // a week to gather co-signers
	} else {
		l.at(submitted + 2)
	}
	created, err := l.st.CreateProposal(ctx, writer, p)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	id := created.ID
	l.ids[i] = id
	if s.state == lvzhi.ProposalDraft {
		return nil
	}

	// Submission: a joint proposal gathers its co-signers first.
	if s.kind == lvzhi.ProposalJoint {
		var cosigners []lvzhi.Member
		if s.cosign {
			cosigners = append(cosigners, l.me)
		}
		for range 2 + l.rng.IntN(3) {
			cosigners = append(cosigners, l.pick())
		}
		in := lvzhi.ProposalActionInput{}
		for _, c := range cosigners {
			in.Cosigners = append(in.Cosigners, c.ID)
		}
		if s.state == lvzhi.ProposalCosigning {
			l.at(submitted + 1)
			in.CosignDeadline = l.now.AddDate(0, 0, 5) // still open when the demo starts
		} else {
			l.at(submitted + 6)
			in.CosignDeadline = l.clock.AddDate(0, 0, 7)
		}
		if _, err := l.act(ctx, writer, id, "invite", in); err != nil {
			return err
		}
		for k, c := range cosigners {
			// In a gathering still open only the last asked has answered (the demo member,
			// asked first, has an invitation waiting). Elsewhere the third asked declines, a
			// fourth lets the deadline pass (and drops off), the others confirm.
			confirm := true
			switch {
			case s.state == lvzhi.ProposalCosigning:
				if k != len(cosigners)-1 {
					continue
				}
				l.at(submitted)
			case k == 3:
				continue
			default:
				confirm = k != 2
				l.at(submitted + 5 - k%2)
			}
			if err := l.st.RespondCosign(ctx, l.person(c), id, confirm); err != nil {
				return fmt.Errorf("cosign: %w", err)
			}
		}
		if s.state == lvzhi.ProposalCosigning {
			return nil
		}
		l.at(submitted)
		if _, err := l.act(ctx, writer, id, "finish_cosign", lvzhi.ProposalActionInput{}); err != nil {
			return err
		}
	} else {
		l.at(submitted)
		if _, err := l.act(ctx, writer, id, "submit", lvzhi.ProposalActionInput{}); err != nil {
			return err
		}
	}

	// The office's review.
	l.at(submitted - 4)
	office := func(action string, in lvzhi.ProposalActionInput) error {
		_, err := l.act(ctx, l.office, id, action, in)
		return err
	}
	switch s.state {
	case lvzhi.ProposalReview:
		return nil
	case lvzhi.ProposalReturned:
		return office("return", lvzhi.ProposalActionInput{Note: noteReturn})
	case lvzhi.ProposalRejected:
		r := rejectedTexts[s.reject]
		return office("reject", lvzhi.ProposalActionInput{Reasons: []string{r.reason}, Note: r.note})
	case lvzhi.ProposalMerged:
		return office("merge", lvzhi.ProposalActionInput{MergeInto: l.ids[s.into], Note: noteMerge})
	case lvzhi.ProposalConverted:
		return office("convert", lvzhi.ProposalActionInput{ConvertTo: "opinion", Note: noteConvert})
	case lvzhi.ProposalWithdrawn:
		return office("withdraw", lvzhi.ProposalActionInput{Note: noteWithdraw})
	}
	if err := office("accept", lvzhi.ProposalActionInput{}); err != nil {
		return err
	}
	if s.key {
		l.at(submitted - 6)
		if err := office("mark_key", lvzhi.ProposalActionInput{Key: true, SupervisorID: l.leader, Note: noteKey}); err != nil {
			return err
		}
	}

	// Assignment: to the topic's lead unit, with its joint unit on every third proposal, or
	// the spec's assisting unit.
	lead := t.lead
	if s.unit != "" {
		lead = s.unit
	}
	if s.sendBack {
		lead = accountUnit
	}
	in := lvzhi.ProposalActionInput{Mode: "single", Units: []lvzhi.ProposalUnit{{UnitID: l.units[lead], Role: lvzhi.UnitLead}}}
	switch {
	case s.assist != "":
		in.Units = append(in.Units, lvzhi.ProposalUnit{UnitID: l.units[s.assist], Role: lvzhi.UnitAssist})
	case i%3 == 0 && t.assist != "" && !s.sendBack:
		in.Mode = "joint"
		in.Units = append(in.Units, lvzhi.ProposalUnit{UnitID: l.units[t.assist], Role: lvzhi.UnitJoint})
	}
	for _, u := range in.Units {
		if u.UnitID == 0 {
			return fmt.Errorf("a unit of %v is not in the city", in.Units)
		}
	}
	assignAt := s.ago
	if !s.assigned() {
		if s.state != lvzhi.ProposalAccepted || !s.sendBack {
			return nil // accepted, waiting for assignment
		}
		assignAt = submitted - 8
	}
	l.at(assignAt)
	assigned, err := l.act(ctx, l.office, id, "assign", in)
	if err != nil {
		return err
	}
	unit := l.unitActor(lead)
	if s.sendBack {
		l.at(assignAt - 3)
		_, err := l.act(ctx, unit, id, "send_back", lvzhi.ProposalActionInput{Note: noteSendBack})
		return err
	}

	// Handling: a contact, an extension, a supervising visit.
	if s.contact && assignAt > 11 {
		l.at(assignAt - 10)
		way := contactWays[l.rng.IntN(len(contactWays))]
		if _, err := l.act(ctx, unit, id, "contact", lvzhi.ProposalActionInput{Way: way,
			OnDate: l.clock.In(chinaTime).Format("2006-01-02"), Note: contactNotes[way]}); err != nil {
			return err
		}
	}
	if s.extend != "" {
		// Asked for before the first deadline: 20 days ago for the pending request (the
		// deadline is a month off), 45 days ago for the approved one, whose extended deadline
		// has passed too.
		asked := 20
		if s.extend == "approved" {
			asked = 45
		}
		l.at(asked)
		if _, err := l.act(ctx, unit, id, "request_extension", lvzhi.ProposalActionInput{
			Until: assigned.Deadline.AddDate(0, 0, 30), Note: noteExtension}); err != nil {
			return err
		}
		if s.extend == "approved" {
			d, err := l.st.ProposalDetail(ctx, l.office, id)
			if err != nil || len(d.Extensions) == 0 {
				return fmt.Errorf("extension not recorded: %v", err)
			}
			l.at(asked - 2)
			if err := office("approve_extension", lvzhi.ProposalActionInput{ExtensionID: d.Extensions[0].ID}); err != nil {
				return err
			}
		}
	}
	if s.key && s.state == lvzhi.ProposalHandling {
		l.at(assignAt - 20)
		leader := l.b.actor
		leader.Name = Accounts[3].Name
		if _, err := l.act(ctx, leader, id, "supervise", lvzhi.ProposalActionInput{Note: noteSupervise}); err != nil {
			return err
		}
	}
	if s.state == lvzhi.ProposalHandling && !s.rehandle {
		return nil
	}

	// The reply and the office's check of it.
	answer := lvzhi.ProposalActionInput{Class: s.class, Body: reply(lead, s.class, ask)}
	repliedAt := assignAt - 40
	l.at(repliedAt)
	if _, err := l.act(ctx, unit, id, "reply", answer); err != nil {
		return err
	}
	if s.redo {
		l.at(repliedAt - 2)
		if err := office("reject_reply", lvzhi.ProposalActionInput{Note: noteRedo}); err != nil {
			return err
		}
		repliedAt -= 5
		l.at(repliedAt)
		answer.Body += "具体安排是:年内完成调研论证,明年起分两批组织实施,由分管负责同志牵头督促落实。"
		if _, err := l.act(ctx, unit, id, "reply", answer); err != nil {
			return err
		}
	}
	if s.state == lvzhi.ProposalReplyReview {
		return nil
	}
	l.at(repliedAt - 3)
	if in.Mode == "joint" { // 会办: the joint unit co-signs the lead unit's reply first
		if _, err := l.act(ctx, l.unitActor(t.assist), id, "cosign_reply", lvzhi.ProposalActionInput{}); err != nil {
			return err
		}
	}
	if err := office("approve_reply", lvzhi.ProposalActionInput{}); err != nil {
		return err
	}
	if s.publish {
		l.at(repliedAt - 5)
		if err := office("publish", lvzhi.ProposalActionInput{}); err != nil {
			return err
		}
	}
	if s.state == lvzhi.ProposalReplied {
		return nil
	}

	// The proposer's evaluation closes it, or reopens it once; a group's is closed by the office.
	l.at(repliedAt - 11)
	switch {
	case s.rehandle:
		if _, err := l.act(ctx, writer, id, "evaluate", lvzhi.ProposalActionInput{Result: lvzhi.Dissatisfied, Note: noteDissatisfed}); err != nil {
			return err
		}
		l.at(repliedAt - 20)
		_, err := l.act(ctx, unit, id, "contact", lvzhi.ProposalActionInput{Way: "meeting",
			OnDate: l.clock.In(chinaTime).Format("2006-01-02"), Note: "重新办理:" + contactNotes["meeting"]})
		return err
	case s.group != "":
		return office("close", lvzhi.ProposalActionInput{Note: noteClose})
	}
	_, err = l.act(ctx, writer, id, "evaluate", lvzhi.ProposalActionInput{Result: s.result, Note: evaluationNotes[s.result]})
	return err
}
