// The demo's annual consultation plan (年度协商计划) for this year — topics proposed by the
// parties and special committees, in every state, the scheduled ones carried out by
// activities, those of quarters already past held — its ten key research topics with teams,
// schedules and reports, the plenary speeches of the latest session, and the minutes,
// recommendations and speeches of the held consultations.
//
// Everything is written through the store's public methods as lvzhi.System with the name of
// whoever the step stands for, the store's clock moved to each step's day and never past today.

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

// consultationLoader writes the demo's consultation records.
type consultationLoader struct {
	st      *store.Store
	b       *built
	rng     *rand.Rand
	clock   time.Time
	year    time.Time // the first day of this year, in China
	now     time.Time
	office  lvzhi.Actor // the research office (研究室), which keeps the plan
	members []lvzhi.Member
}

// consultation writes the city's consultation plan, research topics, speeches and outcomes.
func (b *built) consultation(ctx context.Context, st *store.Store) error {
	now := st.Now()
	l := &consultationLoader{st: st, b: b, rng: rand.New(rand.NewPCG(2026, 6)), now: now,
		year: time.Date(now.In(lvzhi.China).Year(), 1, 1, 0, 0, 0, 0, lvzhi.China), office: b.actor}
	l.office.Name = "研究室"
	saved := st.Now
	st.Now = func() time.Time { return l.clock }
	defer func() { st.Now = saved }()
	var err error
	if l.members, _, err = st.ListMembers(ctx, b.actor, lvzhi.MemberFilter{CommitteeID: b.committee.ID, State: lvzhi.MemberServing,
		Paging: lvzhi.Paging{PerPage: 500}}); err != nil {
		return fmt.Errorf("demo: members: %w", err)
	}
	held, items, err := l.plan(ctx)
	if err != nil {
		return fmt.Errorf("demo: consultation plan: %w", err)
	}
	if err := l.research(ctx, items); err != nil {
		return fmt.Errorf("demo: research topics: %w", err)
	}
	if err := l.speeches(ctx); err != nil {
		return fmt.Errorf("demo: plenary speeches: %w", err)
	}
	if err := l.outcomes(ctx, held); err != nil {
		return fmt.Errorf("demo: outcomes: %w", err)
	}
	return nil
}

// at sets the clock to t, or to just before now when t is still to come.
func (l *consultationLoader) at(t time.Time) {
	if limit := l.now.Add(-time.Hour); t.After(limit) {
		t = limit
	}
	l.clock = t.UTC()
}

// day is day d (0-based) of this year at hh:mm, China time.
func (l *consultationLoader) day(d, hh, mm int) time.Time {
	return l.year.AddDate(0, 0, d).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

// heldActivity is a held activity and the plan topic it carried out.
type heldActivity struct {
	lvzhi.Activity
	topic string
}

// plan writes the year's plan items and their activities; it returns the activities held and
// the items by topic.
func (l *consultationLoader) plan(ctx context.Context) ([]heldActivity, map[string]int64, error) {
	parties, specials, depts := l.b.ids[lvzhi.OrgParty], l.b.ids[lvzhi.OrgSpecialCommittee], l.b.ids[lvzhi.OrgDepartment]
	if len(parties) == 0 || len(specials) == 0 || len(depts) < 2 {
		return nil, nil, fmt.Errorf("the city lacks parties, special committees or departments")
	}
	var held []heldActivity
	items := map[string]int64{}
	for i, t := range demoPlanTopics {
		proposer := specials[i%len(specials)]
		if t.party {
			proposer = parties[i%len(parties)]
		}
		l.at(l.day(4, 9, i*5))
		p, err := l.st.CreatePlanItem(ctx, l.office, lvzhi.PlanItem{Year: l.year.Year(), Topic: t.topic, Form: t.form, ProposerID: proposer,
			Description: "围绕" + t.topic + "开展协商,深入调研、广泛听取意见,形成务实管用的意见建议,助推全市中心工作。"})
		if err != nil {
			return nil, nil, err
		}
		items[t.topic] = p.ID
		if t.fate == lvzhi.PlanProposed {
			continue
		}
		l.at(l.day(19, 15, i))
		if t.fate == lvzhi.PlanNotAdopted {
			_, err = l.st.ActPlanItem(ctx, l.office, p.ID, "not_adopt", lvzhi.PlanActionInput{Note: "主席会议研究:与年度重点工作重复,转交有关专门委员会结合日常工作办理。"})
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		if _, err := l.st.ActPlanItem(ctx, l.office, p.ID, "approve_plan", lvzhi.PlanActionInput{}); err != nil {
			return nil, nil, err
		}
		if t.fate == lvzhi.PlanApproved {
			continue
		}
		l.at(l.day(24, 10, i))
		sched := lvzhi.PlanActionInput{Quarter: t.quarter, LeadLeader: demoLeadLeaders[i%len(demoLeadLeaders)], DepartmentID: depts[1+i%(len(depts)-1)]}
		if p, err = l.st.ActPlanItem(ctx, l.office, p.ID, "schedule", sched); err != nil {
			return nil, nil, err
		}
		if t.fate == lvzhi.PlanCancelled {
			l.at(l.day(90*(t.quarter-1)+10, 11, 0))
			if _, err := l.st.ActPlanItem(ctx, l.office, p.ID, "cancel_plan", lvzhi.PlanActionInput{Note: "经主席会议研究,并入全会专题协商议题。"}); err != nil {
				return nil, nil, err
			}
			continue
		}
		if t.fate == "upcoming" { // its consultation is two weeks ahead, being prepared
			l.at(l.now.AddDate(0, 0, -3))
			start := l.now.AddDate(0, 0, 14).Truncate(24 * time.Hour).Add(6*time.Hour + 30*time.Minute)
			if _, err := l.st.CreatePlanActivity(ctx, l.office, p.ID, lvzhi.Activity{Title: p.Topic + "协商会(筹备中)", OrganiserID: sched.DepartmentID,
				StartsAt: start, EndsAt: start.Add(3 * time.Hour), Place: demoPlaces[0], CheckinBefore: 60, LateAfter: 10}); err != nil {
				return nil, nil, err
			}
			continue
		}
		x, done, err := l.carryOut(ctx, p, sched.DepartmentID, i)
		if err != nil {
			return nil, nil, err
		}
		if done {
			held = append(held, heldActivity{x, t.topic})
		}
	}
	return held, items, nil
}

// carryOut plans the activity of a scheduled item in the middle of its quarter and links it;
// when that day has passed, the activity is published, its members check in and it closes.
// An item of a quarter far ahead has no activity yet.
func (l *consultationLoader) carryOut(ctx context.Context, p lvzhi.PlanItem, organiser int64, i int) (lvzhi.Activity, bool, error) {
	if x, ok, err := l.existing(ctx, p); err != nil || ok {
		return x, ok && x.State == lvzhi.ActivityClosed, err
	}
	start := l.day(90*(p.Quarter-1)+40+i%20, 14, 30)
	if start.Sub(l.now) > 100*24*time.Hour {
		return lvzhi.Activity{}, false, nil
	}
	planned := start.AddDate(0, 0, -20)
	if first := l.day(25, 9, 0); planned.Before(first) {
		planned = first
	}
	l.at(planned)
	x := lvzhi.Activity{Type: p.Form, Title: p.Topic + "协商会", OrganiserID: organiser, StartsAt: start.UTC(), EndsAt: start.Add(3 * time.Hour).UTC(),
		Place: demoPlaces[i%len(demoPlaces)], Agenda: "一、通报有关情况\n二、委员发言\n三、有关部门回应\n四、市政协领导讲话", CheckinBefore: 60, LateAfter: 10}
	if start.After(l.now) {
		x.Title = p.Topic + "协商会(筹备中)"
	}
	x, err := l.st.CreatePlanActivity(ctx, l.office, p.ID, x)
	if err != nil || start.Add(3*time.Hour).After(l.now) {
		return x, false, err
	}
	// Twelve members of the committee are invited; all but one check in.
	var ids []int64
	for k := 0; k < 12; k++ {
		ids = append(ids, l.members[(i*37+k*29)%len(l.members)].ID)
	}
	if _, err := l.st.InviteMembers(ctx, l.office, x.ID, lvzhi.Selection{MemberIDs: ids}); err != nil {
		return x, false, err
	}
	l.at(planned.Add(time.Hour))
	if _, err := l.st.ActActivity(ctx, l.office, x.ID, "publish", ""); err != nil {
		return x, false, err
	}
	for k, id := range ids[:len(ids)-1] {
		l.at(start.Add(time.Duration(-30+k) * time.Minute))
		if _, err := l.st.ActInvitation(ctx, l.office, x.ID, id, "check_in", lvzhi.InvitationInput{}); err != nil {
			return x, false, err
		}
	}
	l.at(start.Add(3 * time.Hour))
	x, err = l.st.ActActivity(ctx, l.office, x.ID, "finish", "")
	return x, err == nil, err
}

// existing links a scheduled item to an activity the activities demo already planned: one of
// the item's form in the item's quarter, on the same subject, that carries no other item.
func (l *consultationLoader) existing(ctx context.Context, p lvzhi.PlanItem) (lvzhi.Activity, bool, error) {
	from := l.year.AddDate(0, 3*(p.Quarter-1), 0)
	list, _, err := l.st.ListActivities(ctx, l.office, lvzhi.ActivityFilter{CommitteeID: l.b.committee.ID, Type: p.Form,
		From: from.UTC(), To: from.AddDate(0, 3, 0).UTC(), Paging: lvzhi.Paging{PerPage: 200}})
	if err != nil {
		return lvzhi.Activity{}, false, err
	}
	for _, x := range list {
		if x.State == lvzhi.ActivityCancelled || (p.Form != lvzhi.ActivitySecretaryListens && !related(p.Topic, x.Title)) {
			continue
		}
		linked, err := l.st.PlanItemOfActivity(ctx, l.office, x.ID)
		if err != nil || linked != 0 {
			if err != nil {
				return x, false, err
			}
			continue
		}
		l.at(l.day(25, 9, 0))
		return x, true, l.st.LinkPlanActivity(ctx, l.office, p.ID, x.ID)
	}
	return lvzhi.Activity{}, false, nil
}

// related reports whether an activity's title shares a subject with a plan topic: four
// characters in a row of the title appear in the topic.
func related(topic, title string) bool {
	r := []rune(title)
	for i := 0; i+4 <= len(r); i++ {
		if strings.Contains(topic, string(r[i:i+4])) {
			return true
		}
	}
	return false
}

// research writes the ten key research topics: teams of five, a schedule from the topic's
// start, and for the first half a final report and completion.
func (l *consultationLoader) research(ctx context.Context, items map[string]int64) error {
	depts := l.b.ids[lvzhi.OrgDepartment]
	for i, title := range demoResearchTopics {
		l.at(l.day(30+i, 10, 0))
		var team []lvzhi.ResearchMember
		for k := 0; k < 5; k++ {
			role := lvzhi.ResearchTeamMember
			if k == 0 {
				role = lvzhi.ResearchLead
			}
			team = append(team, lvzhi.ResearchMember{MemberID: l.members[(i*53+k*17+3)%len(l.members)].ID, Role: role})
		}
		var plan int64
		for topic, id := range items {
			if strings.Contains(title, strings.TrimPrefix(topic, "推动")) {
				plan = id
			}
		}
		r, err := l.st.SaveResearchTopic(ctx, l.office, lvzhi.ResearchTopic{Year: l.year.Year(), Title: title, LeadLeader: demoLeadLeaders[i%len(demoLeadLeaders)],
			DepartmentID: depts[1+i%(len(depts)-1)], PlanItemID: plan, Team: team,
			Description: "聚焦" + strings.TrimSuffix(strings.TrimPrefix(title, "关于"), "的调研") + ",摸清底数、找准问题,提出有针对性的对策建议。"})
		if err != nil {
			return err
		}
		begin := l.day(35+i*7, 9, 0)
		for _, m := range demoMilestones {
			due := begin.AddDate(0, m.month, 0)
			ms := lvzhi.ResearchMilestone{Title: m.title, DueOn: due.Format("2006-01-02")}
			if due.Before(l.now) && (i < 5 || m.month < 3) {
				ms.DoneOn = due.AddDate(0, 0, l.rng.IntN(5)).Format("2006-01-02")
			}
			if _, err := l.st.AddMilestone(ctx, l.office, r.ID, ms); err != nil {
				return err
			}
		}
		if i >= 8 { // the last two have not started
			continue
		}
		l.at(begin)
		if _, err := l.st.ActResearch(ctx, l.office, r.ID, "start_research", lvzhi.ResearchActionInput{}); err != nil {
			return err
		}
		if i >= 5 || begin.AddDate(0, 6, 0).After(l.now) {
			continue
		}
		l.at(begin.AddDate(0, 5, 0))
		report := "一、基本情况\n" + r.Description + "\n二、存在的问题\n统筹协调机制有待健全,要素保障不够有力,政策落实存在“最后一公里”问题。\n" +
			"三、对策建议\n(一)强化顶层设计;(二)加大要素保障;(三)完善考核激励;(四)营造良好氛围。"
		if _, err := l.st.ActResearch(ctx, l.office, r.ID, "submit_report", lvzhi.ResearchActionInput{Report: report}); err != nil {
			return err
		}
		if i == 4 { // one report still with the chairs
			continue
		}
		l.at(begin.AddDate(0, 5, 10))
		if _, err := l.st.ActResearch(ctx, l.office, r.ID, "complete_research", lvzhi.ResearchActionInput{}); err != nil {
			return err
		}
	}
	return nil
}

// speeches writes the plenary speeches of the latest session: forty submitted in writing by
// members, most selected for written distribution, some for oral delivery, a few not, one
// withdrawn, two still waiting.
func (l *consultationLoader) speeches(ctx context.Context) error {
	sessions, err := l.st.Sessions(ctx, l.b.actor, l.b.committee.ID)
	if err != nil || len(sessions) == 0 {
		return fmt.Errorf("no sessions: %w", err)
	}
	session := sessions[len(sessions)-1]
	for _, ss := range sessions {
		if ss.OpensOn.After(session.OpensOn) {
			session = ss
		}
	}
	submitted := session.OpensOn.AddDate(0, 0, -20).Add(9 * time.Hour)
	secretariat := l.b.actor
	secretariat.Name = "大会秘书处"
	for i := 0; i < 40; i++ {
		m := l.members[(i*41+7)%len(l.members)]
		subject := demoSpeechSubjects[i%len(demoSpeechSubjects)]
		member := l.b.actor
		member.Name, member.MemberID = m.Name, m.ID
		l.at(submitted.Add(time.Duration(i) * time.Hour))
		sp, err := l.st.CreateSpeech(ctx, member, lvzhi.Speech{Kind: lvzhi.SpeechPlenary, SessionID: session.ID, MemberID: m.ID,
			Title: "关于" + subject + "的几点建议", Body: "尊敬的各位委员:\n\n围绕" + subject + ",我在调研中发现……为此建议:一是加强统筹谋划;二是强化政策支持;三是健全工作机制。\n\n谢谢大家!"})
		if err != nil {
			return err
		}
		action, note := "select_written", "作为书面发言印发大会"
		switch {
		case i%8 == 0:
			action, note = "select_oral", "安排大会口头发言"
		case i%13 == 5:
			action, note = "not_select", "内容与其他发言重复"
		case i == 38:
			action, note = "withdraw_speech", ""
		case i == 39 || i == 37:
			continue
		}
		l.at(submitted.AddDate(0, 0, 10))
		actor := secretariat
		if action == "withdraw_speech" {
			actor = member
		}
		if _, err := l.st.ActSpeech(ctx, actor, sp.ID, action, note); err != nil {
			return err
		}
	}
	return nil
}

// outcomes writes, for each held consultation, three speeches given at it, its minutes and
// its recommendations, sent to the party committee and the government a week later.
func (l *consultationLoader) outcomes(ctx context.Context, held []heldActivity) error {
	for i, h := range held {
		x := h.Activity
		ps, err := l.st.Participants(ctx, l.office, x.ID)
		if err != nil {
			return err
		}
		l.at(x.EndsAt.Add(time.Hour))
		for k := 0; k < 3 && k < len(ps); k++ {
			if _, err := l.st.CreateSpeech(ctx, l.office, lvzhi.Speech{Kind: lvzhi.SpeechActivity, ActivityID: x.ID, MemberID: ps[k].MemberID,
				Title: "关于" + h.topic + "的发言", Body: "发言要点:一、现状与问题;二、意见建议。"}); err != nil {
				return err
			}
		}
		topic := h.topic
		l.at(x.EndsAt.AddDate(0, 0, 2))
		if _, err := l.st.SaveOutcome(ctx, l.office, lvzhi.Outcome{ActivityID: x.ID, Kind: lvzhi.OutcomeMinutes, Title: x.Title + "纪要",
			Body: "会议由市政协领导主持。与会委员围绕" + topic + "踊跃发言,有关部门负责同志作了回应。会议认为……"}); err != nil {
			return err
		}
		rec, err := l.st.SaveOutcome(ctx, l.office, lvzhi.Outcome{ActivityID: x.ID, Kind: lvzhi.OutcomeRecommendation, Title: "关于" + topic + "的建议案",
			Body: "市委、市政府:\n\n市政协围绕" + topic + "开展协商,现提出如下建议:一、……二、……三、……\n\n政协金城市委员会"})
		if err != nil {
			return err
		}
		if i%4 == 3 { // the latest are still being drafted
			continue
		}
		sent := x.EndsAt.AddDate(0, 0, 7)
		l.at(sent)
		to := []string{"party_committee", "government", "both"}[i%3]
		if _, err := l.st.ActOutcome(ctx, l.office, rec.ID, "send_outcome", lvzhi.OutcomeActionInput{SentTo: to,
			SentOn: l.clock.In(lvzhi.China).Format("2006-01-02")}); err != nil {
			return err
		}
	}
	return nil
}
