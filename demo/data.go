package demo

import "lvzhi"

// plan is the shape of one demo committee. The city and its districts share the loader, so
// everything that differs between them is data here rather than a branch in Load.
type plan struct {
	name        string
	place       string // the place name that replaces {城} in employers: 金城市, 金城市城关区
	level       lvzhi.Level
	areas       []area // where members live; the area code starts their ID numbers
	term        lvzhi.Term
	pastTerm    lvzhi.Term // Number 0: none
	sessions    []string   // opening dates of the current term's sessions, 第一次会议 first
	sectors     []string
	groups      int // sector groups; the sectors are split evenly among them in order
	specials    []string
	activity    []int // activity groups per special committee; nil: the committee has none
	parties     []string
	departments []string
	units       []string
	seats       int // members of the current term
	minSeats    int // fewest members a sector gets
	maxSeats    int // most members a sector gets
	standing    int
	unassigned  int // members left outside every special committee, for the 全员入委 page
	seed        uint64
}

// area is a district of the city: its name for addresses and its code for ID numbers.
type area struct {
	name string
	code string
}

var cityAreas = []area{{"城关区", "620102"}, {"七里河区", "620103"}, {"西固区", "620104"}, {"安宁区", "620105"}}

// allParties lists every party and group a member may belong to, in the order of the
// organisation page; 台盟 has no sector of its own in the city, as in many city committees.
var allParties = []string{"中国共产党", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "无党派人士"}

// citySectors is the city's 30 sectors in the conventional order: the parties first, then the
// people's organisations, then the professions. Every three in a row form one sector group.
var citySectors = []string{
	"中国共产党", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "无党派人士",
	"共青团", "工会", "妇联", "青联", "工商联", "科协", "台联", "侨联",
	"文化艺术界", "科学技术界", "社会科学界", "经济界", "农业界", "教育界", "体育界", "新闻出版界",
	"医药卫生界", "对外友好界", "社会福利和社会保障界", "少数民族界", "宗教界",
}

var citySpecials = []string{
	"提案委员会", "经济委员会", "农业和农村委员会", "人口资源环境委员会",
	"教科卫体委员会", "社会和法制委员会", "民族宗教委员会", "文化文史和学习委员会",
}

// cityActivity gives 4 to 6 activity groups to each special committee, 38 in all: the larger
// committees (经济, 教科卫体) have more members to organise.
var cityActivity = []int{4, 6, 5, 5, 6, 4, 4, 4}

var cityUnits = []string{
	"市发展和改革委员会", "市教育局", "市科学技术局", "市工业和信息化局", "市公安局",
	"市民政局", "市财政局", "市人力资源和社会保障局", "市自然资源局", "市生态环境局",
	"市住房和城乡建设局", "市交通运输局", "市水务局", "市农业农村局", "市商务局",
	"市文化和旅游局", "市卫生健康委员会", "市应急管理局", "市市场监督管理局", "市城市管理局",
}

// The city and the names the accounts are tied to. The accounts name these groupings, so
// they are constants rather than positions in the lists above.
const (
	cityName        = "政协金城市委员会"
	staffDepartment = "委员工作科"
	accountUnit     = "市教育局"
)

var cityPlan = plan{
	name: cityName, place: "金城市", level: lvzhi.LevelCity, areas: cityAreas,
	term:     lvzhi.Term{Number: 14, StartYear: 2022, EndYear: 2027, Current: true},
	pastTerm: lvzhi.Term{Number: 13, StartYear: 2017, EndYear: 2022},
	sessions: []string{"2023-01-06", "2024-01-09", "2025-01-07"},
	sectors:  citySectors, groups: 10, specials: citySpecials, activity: cityActivity,
	parties:     allParties,
	departments: []string{"办公室", "研究室", "提案委员会办公室", staffDepartment, "宣传信息科", "机关党委"},
	units:       cityUnits,
	seats:       348, minSeats: 8, maxSeats: 16, standing: 60, unassigned: 3,
	seed: 1,
}

// districtSectors is the smaller sector list of a district committee.
var districtSectors = []string{
	"中国共产党", "民革", "民盟", "民建", "民进", "无党派人士",
	"工商联", "妇联", "经济界", "教育界", "医药卫生界", "社会福利和社会保障界",
}

// districtPlans are the two district committees below the city. They have no sector groups,
// no activity groups and no handling units: a district committee is small enough to work
// without them, and the demo shows that the pages cope with an empty grouping.
var districtPlans = []plan{
	districtPlan("政协金城市城关区委员会", "金城市城关区", area{"城关区", "620102"}, 17, 2),
	districtPlan("政协金城市七里河区委员会", "金城市七里河区", area{"七里河区", "620103"}, 11, 3),
}

func districtPlan(name, place string, a area, term int, seed uint64) plan {
	return plan{
		name: name, place: place, level: lvzhi.LevelCounty, areas: []area{a},
		term:     lvzhi.Term{Number: term, StartYear: 2022, EndYear: 2027, Current: true},
		sessions: []string{"2023-01-04", "2024-01-05", "2025-01-03"},
		sectors:  districtSectors, specials: []string{"提案委员会", "经济委员会", "社会和法制委员会"},
		parties: allParties, departments: []string{"办公室", staffDepartment},
		seats: 60, minSeats: 3, maxSeats: 7, standing: 12, seed: seed,
	}
}

// jobs lists, per sector, the employers and titles its members plausibly hold, written
// "employer|head,title,…". The first member placed with an employer holds its head title
// (there is one 校长 per school); the others hold the titles that many can share.
// {城} becomes the committee's place name, so a district's members work for the district's
// bodies. Every organisation is invented or generic.
var jobs = map[string][]string{
	"中国共产党":      {"中共{城}委党校|副校长,教授,副教授,教研室主任", "{城}国有资产投资集团有限公司|党委书记,副总经理,部门经理,高级经济师", "{城}东岗街道党工委|书记,副主任,社区党委书记,科长"},
	"民革":         {"民革{城}委员会|专职副主委,秘书长,委员", "{城}第二人民医院|主任医师,副主任医师,科主任,护士长", "金城正信律师事务所|主任,合伙人,律师"},
	"民盟":         {"民盟{城}委员会|副主委,秘书长,委员", "金城大学|教授,副教授,院长,系主任", "{城}第三中学|高级教师,副校长,教研组长,教师"},
	"民建":         {"民建{城}委员会|副主委,秘书长,委员", "金城新材料科技有限公司|董事长,总工程师,副总经理,部门经理", "金城信达会计师事务所|所长,注册会计师,合伙人"},
	"民进":         {"民进{城}委员会|副主委,秘书长,委员", "金城出版社|编审,副编审,编辑室主任,副社长", "{城}实验小学|校长,副校长,高级教师,教导主任"},
	"农工党":        {"农工党{城}委员会|副主委,秘书长,委员", "{城}中医医院|副院长,主任医师,副主任医师,科主任", "金城医学院|教授,副教授,教研室主任"},
	"致公党":        {"致公党{城}委员会|副主委,秘书长,委员", "金城国际贸易有限公司|总经理,副总经理,部门经理", "金城大学外国语学院|副教授,教授,系主任"},
	"九三学社":       {"九三学社{城}委员会|副主委,秘书长,委员", "金城农业科学研究院|研究员,副研究员,研究室主任,副院长", "金城理工学院|教授,副教授,副院长,实验室主任"},
	"无党派人士":      {"金城大学|教授,副教授,院长,系主任", "{城}人民医院|主任医师,副主任医师,科主任,副院长", "金城建筑设计研究院|总工程师,高级工程师,所长,副院长"},
	"共青团":        {"共青团{城}委员会|副书记,部长,科长", "{城}青少年活动中心|主任,副主任,辅导员", "金城青年创业园|负责人,创业导师,企业负责人"},
	"工会":         {"{城}总工会|副主席,部长,科长", "金城石化有限公司|高级技师,车间主任,班组长,技术员", "金城机床厂|工会主席,高级技师,车间主任"},
	"妇联":         {"{城}妇女联合会|副主席,部长,科长", "{城}妇幼保健院|院长,主任医师,副主任医师,护士长", "金城巾帼家政服务有限公司|总经理,副总经理,培训部主任"},
	"青联":         {"{城}青年联合会|副主席,常委,委员", "金城数字科技有限公司|创始人,技术总监,产品经理", "{城}青年志愿者协会|会长,副会长,秘书长"},
	"工商联":        {"{城}工商业联合会|副主席,副会长,秘书长", "金城牛肉面餐饮集团有限公司|董事长,总经理,门店经理", "金城商贸物流有限公司|总经理,副总经理,部门经理"},
	"科协":         {"{城}科学技术协会|副主席,部长,科长", "金城生物制品研究所|研究员,副研究员,高级工程师,课题组长", "{城}科技馆|馆长,副馆长,高级工程师"},
	"台联":         {"{城}台湾同胞联谊会|会长,副会长,理事", "金城台资企业协会|秘书长,副会长,会员企业负责人", "金城大学历史文化学院|教授,副教授,系主任"},
	"侨联":         {"{城}归国华侨联合会|副主席,部长,委员", "金城侨商投资有限公司|董事长,总经理,副总经理", "金城大学化学化工学院|教授,副教授,院长"},
	"文化艺术界":      {"{城}文学艺术界联合会|副主席,秘书长,协会主席", "金城歌舞剧院|国家一级演员,国家二级演员,艺术总监,副院长", "{城}美术馆|馆长,副馆长,画家"},
	"科学技术界":      {"金城物理研究所|研究员,副研究员,研究室主任", "金城高新技术产业开发区管委会|副主任,局长,科长", "金城软件园有限公司|总工程师,高级工程师,技术总监"},
	"社会科学界":      {"{城}社会科学院|研究员,副研究员,所长", "金城大学经济学院|教授,副教授,院长", "{城}地方志办公室|主任,副主任,编审"},
	"经济界":        {"{城}发展投资集团有限公司|总经理,副总经理,总会计师,部门经理", "金城银行股份有限公司|行长,副行长,支行行长", "金城高新区企业联合会|会长,副会长,会员企业董事长"},
	"农业界":        {"{城}农业技术推广中心|推广研究员,高级农艺师,站长", "金城百合种植专业合作社|理事长,技术员,社员代表", "金城高原夏菜有限公司|总经理,副总经理,基地经理"},
	"教育界":        {"{城}第一中学|校长,副校长,高级教师,教研组长", "金城职业技术学院|副院长,教授,副教授,系主任", "{城}实验幼儿园|园长,副园长,高级教师"},
	"体育界":        {"{城}体育运动学校|校长,教练员,高级教练", "金城马拉松运动协会|秘书长,副会长,运动员", "{城}全民健身中心|主任,社会体育指导员,副主任"},
	"新闻出版界":      {"金城日报社|副总编辑,高级记者,部门主任,首席记者", "{城}融媒体中心|主任,副主任,主任记者", "金城广播电视台|主持人,播音指导,制片人,部门主任"},
	"医药卫生界":      {"{城}第一人民医院|主任医师,副主任医师,科主任,护士长", "金城大学第二医院|副院长,主任医师,教授,科主任", "{城}疾病预防控制中心|主任,副主任,主任医师,所长"},
	"对外友好界":      {"{城}人民对外友好协会|副会长,秘书长,理事", "金城国际旅行社有限公司|总经理,副总经理,部门经理", "金城大学外国语学院|教授,副教授,院长"},
	"社会福利和社会保障界": {"{城}社会福利院|院长,副院长,社会工作师", "{城}慈善总会|副会长,秘书长,理事", "金城康养服务中心|主任,副主任,护理部主任"},
	"少数民族界":      {"{城}民族中学|校长,副校长,高级教师", "金城清真食品有限公司|董事长,总经理,副总经理", "{城}民族歌舞团|团长,国家一级演员,编导"},
	"宗教界":        {"{城}伊斯兰教协会|副会长,秘书长,教务委员", "{城}佛教协会|副会长,秘书长,理事", "{城}基督教三自爱国运动委员会|主席,副主席,牧师"},
}

// streets are invented street names for members' addresses.
var streets = []string{"滨河路", "建设路", "民主路", "解放路", "金昌路", "东岗路", "西津路", "雁滩路", "敦煌路", "安宁路", "兰工坪路", "北滨河路"}
