// The demo's leaders' instructions (批示) and its requests and reports to the party committee
// (请示报告), shaped so that the city's yearly report figures come straight out of the records:
// "市委、市政府主要领导对市政协履职成果批示41次" is the count of this year's instructions at the
// main ranks, "围绕重点工作向市委请示报告101次" the count of this year's submitted requests and
// reports. Instructions at other ranks (市领导, 省领导) are written beside them, so the rank
// figures differ from the total.
//
// Everything is written through the store's public methods as lvzhi.System with the name of
// whoever the step stands for, the store's clock moved to each step's day.

package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"lvzhi"
	"lvzhi/store"
)

// The demo's yearly figures.
const (
	DemoMainInstructions  = 41  // this year's instructions by 市委、市政府主要领导
	DemoOtherInstructions = 23  // this year's instructions by other leaders
	DemoRequests          = 101 // this year's submitted requests and reports
	demoRequestsOnRecord  = 14  // of the main instructions, those on requests (the rest on proposals)
)

// leaders are the invented leaders per rank.
var demoLeaders = map[string][]string{
	"市委主要领导":  {"陈立群"},
	"市政府主要领导": {"周文涛"},
	"市领导":     {"孙建平", "郭晓梅", "何振宇", "马国庆"},
	"省领导":     {"韩志远"},
}

// demoWorks are the key works the requests and reports are about.
var demoWorks = []string{"年度协商计划", "双月协商座谈会", "重点提案督办", "黄河流域生态保护专题调研", "优化营商环境民主监督",
	"委员履职考核", "市委书记倾听委员之声活动", "社情民意信息工作", "委员工作室建设", "乡村振兴专题视察",
	"文史资料编纂", "全会筹备", "常委会议议程", "专门委员会工作", "界别协商"}

var demoInstructionTexts = []string{
	"此件所提建议很有针对性,请市政府研究吸纳,抓好落实。",
	"政协的调研扎实深入,请有关部门认真研究,拿出具体措施。",
	"同意。请市政协党组按程序推进,及时报告进展。",
	"建议很好。请分管领导牵头,相关部门会同研究落实。",
	"请各有关部门认真办理,办理结果向市政协反馈。",
}

// instructionLoader writes the demo's requests and instructions.
type instructionLoader struct {
	st    *store.Store
	b     *built
	rng   *rand.Rand
	clock time.Time
	year  time.Time // the first day of this year, in China
	days  int       // days of this year so far
}

// instructions writes this year's requests and reports and the leaders' instructions on
// proposals and requests.
func (b *built) instructions(ctx context.Context, st *store.Store) error {
	now := st.Now().In(lvzhi.China)
	l := &instructionLoader{st: st, b: b, rng: rand.New(rand.NewPCG(2026, 41)),
		year: time.Date(now.Year(), 1, 1, 0, 0, 0, 0, lvzhi.China)}
	l.days = max(int(now.Sub(l.year).Hours()/24), 1)
	saved := st.Now
	st.Now = func() time.Time { return l.clock }
	defer func() { st.Now = saved }()
	requests, err := l.requests(ctx)
	if err != nil {
		return fmt.Errorf("demo: requests: %w", err)
	}
	if err := l.onRecords(ctx, requests); err != nil {
		return fmt.Errorf("demo: instructions: %w", err)
	}
	return nil
}

// day returns a working-hours time on day d (0-based) of this year, never after today.
func (l *instructionLoader) day(d int) time.Time {
	d = min(max(d, 0), l.days-1)
	return l.year.AddDate(0, 0, d).Add(9*time.Hour + time.Duration(l.rng.IntN(8*60))*time.Minute).UTC()
}

// requests writes this year's DemoRequests submitted requests and reports (and one draft and
// one withdrawn, which do not count), spread over the year.
func (l *instructionLoader) requests(ctx context.Context) ([]lvzhi.Request, error) {
	depts := l.b.ids[lvzhi.OrgDepartment]
	if len(depts) == 0 {
		return nil, fmt.Errorf("no departments")
	}
	office := l.b.actor
	office.Name = "办公室"
	var out []lvzhi.Request
	for i := 0; i < DemoRequests+2; i++ {
		typ, work := lvzhi.RequestReport, demoWorks[i%len(demoWorks)]
		subject := "关于" + work + "有关情况的报告"
		if i%9 < 4 {
			typ, subject = lvzhi.RequestAsk, "关于"+work+"有关事项的请示"
		}
		on := l.day(i * l.days / (DemoRequests + 2))
		l.clock = on
		r, err := l.st.CreateRequest(ctx, office, lvzhi.Request{Type: typ, Subject: subject, OnDate: on,
			DepartmentID: depts[l.rng.IntN(len(depts))],
			Body:         "市委:\n\n根据市委工作安排,现将" + work + "有关情况" + lvzhi.RequestTypeLabel[typ] + "如下。……\n\n中共" + l.b.committee.Name + "党组"})
		if err != nil {
			return nil, err
		}
		switch i {
		case DemoRequests: // left as a draft
			continue
		case DemoRequests + 1: // submitted, then taken back
			l.clock = l.clock.Add(time.Hour)
			if _, err := l.st.ActRequest(ctx, office, r.ID, "submit", ""); err != nil {
				return nil, err
			}
			l.clock = l.clock.Add(2 * time.Hour)
			_, err = l.st.ActRequest(ctx, office, r.ID, "withdraw", "市委已另行部署,撤回此件。")
			if err != nil {
				return nil, err
			}
			continue
		}
		l.clock = l.clock.Add(time.Hour)
		if r, err = l.st.ActRequest(ctx, office, r.ID, "submit", ""); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// onRecords writes the instructions: the main leaders' on requests and on filed proposals,
// other leaders' on proposals, and the follow-up of most of them.
func (l *instructionLoader) onRecords(ctx context.Context, requests []lvzhi.Request) error {
	a := l.b.actor
	filed := lvzhi.ProposalFilter{CommitteeID: l.b.committee.ID, Paging: lvzhi.Paging{PerPage: 500}}
	all, _, err := l.st.ListProposals(ctx, a, filed)
	if err != nil {
		return err
	}
	var proposals []lvzhi.Proposal
	for _, p := range all {
		if p.Number > 0 {
			proposals = append(proposals, p)
		}
	}
	if len(proposals) == 0 {
		return fmt.Errorf("no filed proposals")
	}
	office := a
	office.Name = "办公室"
	n := 0
	write := func(kind lvzhi.Kind, id int64, rank string, after time.Time) error {
		from := max(int(after.In(lvzhi.China).Sub(l.year).Hours()/24)+1, 0)
		l.clock = l.day(from + l.rng.IntN(max(l.days-from, 1)))
		names := demoLeaders[rank]
		in, err := l.st.AddInstruction(ctx, office, kind, id, lvzhi.Instruction{Leader: names[n%len(names)], Rank: rank,
			GivenOn: l.clock, Body: demoInstructionTexts[n%len(demoInstructionTexts)]})
		if err != nil {
			return err
		}
		n++
		if n%5 == 0 { // still being followed up
			return nil
		}
		l.clock = l.clock.Add(time.Duration(1+l.rng.IntN(72)) * time.Hour)
		dept := []string{"市发展改革委", "市生态环境局", "市住房城乡建设局", "市政协办公室", "市教育局"}[n%5]
		if _, err := l.st.UpdateFollowUp(ctx, office, in.ID, "follow_up", lvzhi.FollowUpInput{Department: dept, FollowUp: "已召开专题会议研究,制定落实方案。"}); err != nil {
			return err
		}
		if n%3 == 0 { // in progress
			return nil
		}
		_, err = l.st.UpdateFollowUp(ctx, office, in.ID, "complete", lvzhi.FollowUpInput{FollowUp: "已按批示要求落实,结果已反馈市政协。", DoneOn: l.clock})
		return err
	}
	// Spread over the proposals: each proposal gets at most one instruction while there are
	// enough of them.
	perm := l.rng.Perm(len(proposals))
	next := 0
	proposal := func() lvzhi.Proposal {
		p := proposals[perm[next%len(perm)]]
		next++
		return p
	}
	main := []string{"市委主要领导", "市政府主要领导"}
	for i := 0; i < DemoMainInstructions; i++ {
		rank := main[i%2]
		if i < demoRequestsOnRecord {
			r := requests[(i*len(requests))/demoRequestsOnRecord]
			if err := write(lvzhi.KindRequest, r.ID, rank, r.OnDate); err != nil {
				return err
			}
			continue
		}
		if err := write(lvzhi.KindProposal, proposal().ID, rank, l.year); err != nil {
			return err
		}
	}
	for i := 0; i < DemoOtherInstructions; i++ {
		rank := "市领导"
		if i%6 == 0 {
			rank = "省领导"
		}
		if err := write(lvzhi.KindProposal, proposal().ID, rank, l.year); err != nil {
			return err
		}
	}
	return nil
}
