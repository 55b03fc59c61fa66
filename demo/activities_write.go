package demo

import (
	"context"
	"fmt"
	"sort"
	"time"

	"lvzhi"
)

// title names an activity as the office would.
func (l *activityLoader) title(x demoActivity) string {
	l.n[x.typ]++
	n := lvzhi.Chinese(l.n[x.typ])
	switch x.typ {
	case lvzhi.ActivityPlenary:
		return l.b.committee.Name + "全体会议"
	case lvzhi.ActivityStandingMeeting:
		return "第" + n + "次常委会议"
	case lvzhi.ActivityChairsMeeting:
		return "第" + n + "次主席会议"
	case lvzhi.ActivityTopicalConsultation:
		return "“" + x.topic + "”专题协商会"
	case lvzhi.ActivityCounterpartConsult:
		return x.topic + "对口协商会"
	case lvzhi.ActivitySectorConsultation:
		return x.topic + "界别协商会"
	case lvzhi.ActivityProposalConsultation:
		return "重点提案办理协商会:" + x.topic
	case lvzhi.ActivityBimonthlyConsultation:
		return "双月协商座谈会:" + x.topic
	case lvzhi.ActivitySecretaryListens:
		return "市委书记倾听委员之声座谈会(第" + n + "次)"
	case lvzhi.ActivityStudySession:
		return "委员学习会:" + x.topic
	case lvzhi.ActivitySectorActivity:
		return "界别委员活动日(第" + n + "次)"
	case lvzhi.ActivityMemberActivity:
		return "委员活动小组活动(第" + n + "次)"
	}
	return x.topic + lvzhi.DefaultActivitySettings().TypeLabel(x.typ)
}

// checkin is one member's scan, made in time order once everyone's answer is in.
type checkin struct {
	at     time.Time
	member lvzhi.Member
}

// write plans, invites and publishes one activity; a past one is then answered, checked in
// and closed, a future one partly answered.
func (l *activityLoader) write(ctx context.Context, x demoActivity, now time.Time) error {
	st, staff := l.st, l.staff
	l.clock = x.start.AddDate(0, 0, -20)
	if l.clock.After(now) {
		l.clock = now.Add(-48 * time.Hour)
	}
	a, err := st.CreateActivity(ctx, staff, lvzhi.Activity{Type: x.typ, Title: l.title(x), OrganiserID: x.organiser,
		StartsAt: x.start, EndsAt: x.start.Add(time.Duration(x.hours) * time.Hour), Place: l.place(x),
		Agenda: "一、通报有关情况\n二、委员发言\n三、有关部门回应\n四、会议总结", CheckinBefore: 60, LateAfter: 10})
	if err != nil {
		return err
	}
	if _, err := st.InviteMembers(ctx, staff, a.ID, x.sel); err != nil {
		return err
	}
	for _, g := range x.guests {
		g.ActivityID = a.ID
		if _, err := st.AddGuest(ctx, staff, g); err != nil {
			return err
		}
	}
	if x.end == "draft" {
		return nil
	}
	l.clock = l.clock.Add(time.Hour)
	if _, err := st.ActActivity(ctx, staff, a.ID, "publish", ""); err != nil {
		return err
	}
	if x.end == "cancel" {
		_, err := st.ActActivity(ctx, staff, a.ID, "cancel", "因上级安排调整,活动延期另行通知")
		return err
	}
	people, err := st.Participants(ctx, staff, a.ID)
	if err != nil {
		return err
	}
	byID := map[int64]lvzhi.Member{}
	for _, m := range l.members {
		byID[m.ID] = m
	}
	past := x.start.Add(time.Duration(x.hours) * time.Hour).Before(now)
	var scans []checkin
	for _, p := range people {
		m := byID[p.MemberID]
		me := l.b.actor
		me.Name, me.MemberID = m.Name, m.ID
		answer := func(at time.Time, action string, in lvzhi.InvitationInput, by lvzhi.Actor) error {
			l.clock = at
			_, err := st.ActInvitation(ctx, by, a.ID, m.ID, action, in)
			return err
		}
		early := x.start.AddDate(0, 0, -5)
		if early.After(now) || !past {
			early = now.Add(-time.Hour)
		}
		r := l.rng.Float64()
		switch {
		case !past && r < 0.05:
			err = answer(early, "request_leave", lvzhi.InvitationInput{Reason: "当天另有公务安排"}, me)
		case !past && r < 0.5:
			err = answer(early, "attend", lvzhi.InvitationInput{}, me)
		case !past:
		case r < 0.07: // on approved leave
			if err = answer(early, "request_leave", lvzhi.InvitationInput{Reason: "赴外地出差"}, me); err == nil {
				err = answer(early.Add(2*time.Hour), "approve_leave", lvzhi.InvitationInput{}, staff)
			}
		case r < 0.09: // leave refused, and did not come
			if err = answer(early, "request_leave", lvzhi.InvitationInput{Reason: "单位有事"}, me); err == nil {
				err = answer(early.Add(2*time.Hour), "refuse_leave", lvzhi.InvitationInput{Note: "会议重要,请安排时间参加"}, staff)
			}
		case r < 0.12: // declined without leave
			err = answer(early, "decline", lvzhi.InvitationInput{}, me)
		case r < 0.14: // never answered, never came
		default:
			if r < 0.55 {
				err = answer(early, "attend", lvzhi.InvitationInput{}, me)
			}
			at := x.start.Add(-time.Duration(l.rng.IntN(45)) * time.Minute)
			if l.rng.IntN(10) == 0 {
				at = x.start.Add(time.Duration(12+l.rng.IntN(30)) * time.Minute) // late
			}
			scans = append(scans, checkin{at.Add(time.Duration(l.rng.IntN(60)) * time.Second), m})
		}
		if err != nil {
			return fmt.Errorf("%s %s: %w", m.Name, p.State, err)
		}
	}
	if !past {
		return nil
	}
	sort.Slice(scans, func(i, j int) bool { return scans[i].at.Before(scans[j].at) })
	for _, c := range scans {
		l.clock = c.at
		token, _, err := st.CheckinCode(ctx, staff, a.ID)
		if err != nil {
			return err
		}
		me := l.b.actor
		me.Name, me.MemberID = c.member.Name, c.member.ID
		if _, err := st.CheckIn(ctx, me, a.ID, token); err != nil {
			return fmt.Errorf("%s checks in: %w", c.member.Name, err)
		}
	}
	l.clock = x.start.Add(time.Duration(x.hours)*time.Hour + 30*time.Minute)
	_, err = st.ActActivity(ctx, staff, a.ID, "finish", "")
	return err
}

// place is where an activity happens: meetings at the committee, the rest out in the city.
func (l *activityLoader) place(x demoActivity) string {
	switch x.typ {
	case lvzhi.ActivityResearch, lvzhi.ActivityInspection, lvzhi.ActivitySupervisoryInspection, lvzhi.ActivityFieldStudy:
		areas := l.b.plan.areas
		return areas[l.rng.IntN(len(areas))].name
	case lvzhi.ActivityPlenary:
		return "市会议中心大礼堂"
	}
	return "市政协机关" + []string{"一楼", "三楼", "五楼"}[l.rng.IntN(3)] + "会议室"
}
