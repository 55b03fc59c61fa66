package demo

// The words of the demo's consultation plan, research topics and speeches: invented, shaped
// like a city committee's year.

// demoPlanTopic is one topic of the demo's annual consultation plan: who proposes it (a
// party, or a special committee by its index), its form, and where it ends up.
type demoPlanTopic struct {
	topic   string
	party   bool // proposed by a party; else by a special committee
	form    string
	quarter int    // 0: never scheduled
	fate    string // proposed, not_adopted, approved, cancelled, scheduled, upcoming (its activity is still ahead)
}

// demoPlanTopics are the year's twenty topics, in every state. Scheduled items in a quarter
// already past are held through an activity; the others have a draft activity or none.
var demoPlanTopics = []demoPlanTopic{
	{"推动黄河流域生态保护和高质量发展", false, "topical_consultation", 1, "scheduled"},
	{"持续优化营商环境", false, "bimonthly_consultation", 1, "scheduled"},
	{"加快发展新质生产力", true, "topical_consultation", 1, "scheduled"},
	{"推进城市更新和老旧小区改造", false, "counterpart_consultation", 2, "scheduled"},
	{"促进高校毕业生就业创业", true, "bimonthly_consultation", 2, "scheduled"},
	{"提升基层医疗卫生服务能力", false, "counterpart_consultation", 2, "scheduled"},
	{"发展银发经济应对人口老龄化", true, "secretary_listens", 2, "scheduled"},
	{"推动文旅深度融合发展", false, "topical_consultation", 3, "scheduled"},
	{"加强历史文化街区保护利用", true, "sector_consultation", 3, "scheduled"},
	{"推进现代农业和乡村全面振兴", false, "counterpart_consultation", 3, "scheduled"},
	{"提升重点提案办理质效", false, "proposal_handling_consultation", 3, "scheduled"},
	{"建设国际陆港和开放通道", true, "bimonthly_consultation", 4, "scheduled"},
	{"推进教育强市建设", false, "topical_consultation", 4, "scheduled"},
	{"加强城市韧性和安全应急能力建设", true, "secretary_listens", 4, "upcoming"},
	{"完善一老一小服务体系", true, "sector_consultation", 0, "approved"},
	{"发展低空经济", false, "topical_consultation", 0, "approved"},
	{"推进智慧城市建设", true, "counterpart_consultation", 3, "cancelled"},
	{"规范网络直播营销", true, "sector_consultation", 0, "not_adopted"},
	{"加强流动人口服务管理", false, "counterpart_consultation", 0, "not_adopted"},
	{"推动中医药传承创新", true, "topical_consultation", 0, "proposed"},
	{"促进民营经济发展壮大", false, "bimonthly_consultation", 0, "proposed"},
}

// demoPlaces are where the demo's consultations are held.
var demoPlaces = []string{"市政协机关三楼会议室", "市政协常委会议厅", "市委小礼堂", "市行政中心第一会议室"}

// demoLeadLeaders are the vice-chairs who lead plan items and research topics.
var demoLeadLeaders = []string{"陈建国", "刘卫东", "张慧敏", "赵永福", "马晓燕", "杨志刚"}

// demoResearchTopics are the year's ten key research topics; the first half are done.
var demoResearchTopics = []string{
	"关于加快发展新质生产力的调研",
	"关于黄河金城段生态保护修复的调研",
	"关于提升县域商业体系建设水平的调研",
	"关于推进老旧小区改造和完整社区建设的调研",
	"关于促进文旅消费扩容提质的调研",
	"关于完善基层医疗卫生服务体系的调研",
	"关于推动数字经济和实体经济融合的调研",
	"关于加强农村集体经济组织建设的调研",
	"关于优化中小学教育资源配置的调研",
	"关于健全养老服务网络的调研",
}

// demoMilestones are the steps every research topic is scheduled in, by month of the year
// after the topic's start.
var demoMilestones = []struct {
	title string
	month int
}{
	{"制定调研方案,召开课题组启动会", 0},
	{"赴县区和市直部门实地调研", 1},
	{"召开专家和界别群众座谈会", 2},
	{"赴外地学习考察", 3},
	{"形成调研报告初稿并征求意见", 4},
	{"调研报告定稿报送", 5},
}

// demoSpeechSubjects are the subjects of plenary speeches; each becomes a title.
var demoSpeechSubjects = []string{
	"黄河生态廊道建设", "营商环境持续优化", "新质生产力培育", "城市更新", "高校毕业生就业", "基层医疗服务",
	"银发经济发展", "文旅融合发展", "历史文化街区保护", "现代农业发展", "国际陆港建设", "教育强市建设",
	"城市安全韧性", "一老一小服务", "低空经济发展", "智慧城市建设", "民营经济发展", "中医药传承创新",
	"数字乡村建设", "社区治理创新",
}
