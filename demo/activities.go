// The demo's activities (活动): a year of meetings, consultations, research, inspections and
// member activities of every type, closed with each participant's attendance — most checked
// in with the screen's code, some late, some on approved leave, a few absent — and the weeks
// ahead planned and published, one of them starting today so the check-in screen works.
//
// Everything is written through the store's public methods: staff as lvzhi.System named 会务处,
// each member as themselves, the store's clock moved to each step's moment.

package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// demoTopics are what the consultations, research and inspections are about.
var demoTopics = []string{"黄河流域生态保护和高质量发展", "优化营商环境", "乡村振兴", "老旧小区改造", "职业教育产教融合",
	"社区居家养老服务", "文旅融合发展", "数字经济", "城市更新", "基层医疗卫生服务", "中小企业融资", "生活垃圾分类"}

// demoGuests are the officials and experts who come to consultations and research.
var demoGuests = []lvzhi.Guest{
	{Kind: lvzhi.GuestOfficial, Name: "马振华", Title: "市发展改革委主任"},
	{Kind: lvzhi.GuestOfficial, Name: "李文静", Title: "市住房城乡建设局局长"},
	{Kind: lvzhi.GuestOfficial, Name: "赵国强", Title: "副市长"},
	{Kind: lvzhi.GuestExpert, Name: "王立新", Title: "金城大学经济学院教授"},
	{Kind: lvzhi.GuestExpert, Name: "陈思远", Title: "市社会科学院研究员"},
}

// activityLoader writes the demo's activities.
type activityLoader struct {
	st      *store.Store
	b       *built
	rng     *rand.Rand
	clock   time.Time
	staff   lvzhi.Actor
	members []lvzhi.Member
	n       map[string]int // activities of each type so far, for the titles' numbers
}

// demoActivity is one planned activity: its type, title, start and who is invited.
type demoActivity struct {
	typ, topic string
	start      time.Time
	hours      int
	sel        lvzhi.Selection
	organiser  int64
	guests     []lvzhi.Guest
	end        string // "draft": left planned; "cancel": cancelled; "": published, and closed if past
}

// activities writes the city's year of activities.
func (b *built) activities(ctx context.Context, st *store.Store) error {
	l := &activityLoader{st: st, b: b, rng: rand.New(rand.NewPCG(2026, 51)), n: map[string]int{}}
	l.staff = b.actor
	l.staff.Name = "会务处"
	now := st.Now()
	var err error
	l.members, _, err = st.ListMembers(ctx, b.actor, lvzhi.MemberFilter{CommitteeID: b.committee.ID, TermID: b.term.ID,
		State: lvzhi.MemberServing, Paging: lvzhi.Paging{PerPage: 500}})
	if err != nil {
		return fmt.Errorf("demo: activities: %w", err)
	}
	saved := st.Now
	st.Now = func() time.Time { return l.clock }
	defer func() { st.Now = saved }()
	for _, x := range l.plan(now) {
		if err := l.write(ctx, x, now); err != nil {
			return fmt.Errorf("demo: activity %s %s: %w", x.typ, x.start.Format("2006-01-02"), err)
		}
	}
	return nil
}

// plan lays out the year: each of the last twelve months has a consultation, a piece of
// research or an inspection and a member activity; standing and chairs' meetings alternate
// every other month; the plenary opens the year; the secretary listens twice. The next six
// weeks are planned too, with one activity starting an hour from now.
func (l *activityLoader) plan(now time.Time) []demoActivity {
	cn := now.In(lvzhi.China)
	first := time.Date(cn.Year(), cn.Month(), 1, 0, 0, 0, 0, lvzhi.China)
	at := func(month, day, hour int) time.Time {
		return first.AddDate(0, month, day-1).Add(time.Duration(hour) * time.Hour).UTC()
	}
	ids := l.b.ids
	specials, sectors, groups, depts := ids[lvzhi.OrgSpecialCommittee], ids[lvzhi.OrgSector], ids[lvzhi.OrgActivityGroup], ids[lvzhi.OrgDepartment]
	consult := []string{lvzhi.ActivityTopicalConsultation, lvzhi.ActivityCounterpartConsult, lvzhi.ActivitySectorConsultation,
		lvzhi.ActivityProposalConsultation, lvzhi.ActivityBimonthlyConsultation}
	study := []string{lvzhi.ActivityResearch, lvzhi.ActivityInspection, lvzhi.ActivitySupervisoryInspection, lvzhi.ActivityFieldStudy}
	var out []demoActivity
	for m := -11; m <= 1; m++ {
		k := m + 11
		topic := demoTopics[k%len(demoTopics)]
		sc := specials[k%len(specials)]
		if m == -11 {
			out = append(out, demoActivity{typ: lvzhi.ActivityPlenary, start: at(m, 8, 9), hours: 6, organiser: depts[0],
				sel: lvzhi.Selection{SectorIDs: sectors}, guests: demoGuests[2:3]})
		}
		typ := consult[k%len(consult)]
		x := demoActivity{typ: typ, start: at(m, 12, 14), hours: 3, organiser: sc, topic: topic,
			sel: lvzhi.Selection{SpecialCommittees: []int64{sc}}, guests: demoGuests[k%2 : k%2+1]}
		if typ == lvzhi.ActivitySectorConsultation {
			x.sel = lvzhi.Selection{SectorIDs: []int64{sectors[k%len(sectors)]}}
		}
		out = append(out, x)
		out = append(out, demoActivity{typ: study[k%len(study)], start: at(m, 18, 9), hours: 4, organiser: specials[(k+1)%len(specials)],
			topic: topic, sel: lvzhi.Selection{SpecialCommittees: []int64{specials[(k+1)%len(specials)]}}, guests: demoGuests[3+k%2 : 4+k%2]})
		switch k % 3 {
		case 0:
			out = append(out, demoActivity{typ: lvzhi.ActivityStudySession, start: at(m, 24, 9), hours: 3, organiser: depts[0], topic: topic,
				sel: lvzhi.Selection{Standing: true}})
		case 1:
			out = append(out, demoActivity{typ: lvzhi.ActivitySectorActivity, start: at(m, 24, 14), hours: 3, organiser: depts[0],
				sel: lvzhi.Selection{SectorIDs: []int64{sectors[k%len(sectors)]}}})
		default:
			if len(groups) > 0 {
				out = append(out, demoActivity{typ: lvzhi.ActivityMemberActivity, start: at(m, 24, 14), hours: 3, organiser: specials[0],
					sel: lvzhi.Selection{ActivityGroups: []int64{groups[k%len(groups)]}}})
			}
		}
		if k%2 == 0 {
			out = append(out, demoActivity{typ: lvzhi.ActivityStandingMeeting, start: at(m, 26, 9), hours: 4, organiser: depts[0],
				sel: lvzhi.Selection{Standing: true}})
		} else {
			out = append(out, demoActivity{typ: lvzhi.ActivityChairsMeeting, start: at(m, 5, 15), hours: 2, organiser: depts[0],
				sel: lvzhi.Selection{MemberIDs: l.standing(6)}})
		}
		if k == 4 || k == 10 {
			out = append(out, demoActivity{typ: lvzhi.ActivitySecretaryListens, start: at(m, 20, 15), hours: 2, organiser: depts[0],
				sel: lvzhi.Selection{MemberIDs: l.some(20)}, guests: demoGuests[:1]})
		}
	}
	today := now.Add(time.Hour).Truncate(time.Hour)
	out = append(out, demoActivity{typ: lvzhi.ActivityBimonthlyConsultation, start: today, hours: 3, organiser: depts[0],
		topic: "城市更新", sel: lvzhi.Selection{Standing: true}, guests: demoGuests[1:2]})
	out = append(out,
		demoActivity{typ: lvzhi.ActivityResearch, start: at(1, 20, 9), hours: 4, organiser: specials[0], topic: "数字经济",
			sel: lvzhi.Selection{SpecialCommittees: []int64{specials[0]}}, end: "draft"},
		demoActivity{typ: lvzhi.ActivityInspection, start: at(1, 10, 9), hours: 4, organiser: specials[1%len(specials)], topic: "生活垃圾分类",
			sel: lvzhi.Selection{SpecialCommittees: []int64{specials[1%len(specials)]}}, end: "cancel"})
	return out
}

// standing is the first n standing members; some is n members picked at random.
func (l *activityLoader) standing(n int) []int64 {
	var out []int64
	for _, m := range l.members {
		if m.Standing && len(out) < n {
			out = append(out, m.ID)
		}
	}
	return out
}

func (l *activityLoader) some(n int) []int64 {
	var out []int64
	for _, i := range l.rng.Perm(len(l.members))[:min(n, len(l.members))] {
		out = append(out, l.members[i].ID)
	}
	return out
}
