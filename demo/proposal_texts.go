// The text building blocks of the demo proposals: the topic and subject types, the function
// composing a proposal's title, category and body from a topic's sentences, the three
// rejected proposals' own texts, the notes the office, units and proposers write on the way,
// and the lead unit's reply in each class. The topics themselves are in proposal_topics_1.go
// and proposal_topics_2.go. Every text is invented, never taken from a real proposal.

package demo

import (
	"slices"
	"strings"

	"lvzhi"
)

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

// topics are the fields the demo proposals are written on, in the order the plan's unnamed
// entries go round them: the first eight in proposal_topics_1.go, the other eight in
// proposal_topics_2.go.
var topics = slices.Concat(topicsFirst, topicsSecond)

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
