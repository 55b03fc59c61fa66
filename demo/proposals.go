// The demo proposals: eighty in the city's newest session, in every state of the workflow, so
// each proposal page (the lists, a unit's inbox, the overdue filter, key proposals, the
// near-duplicate finder, the public page) has records to show. Every text is invented: it is
// composed from the building blocks in proposal_texts.go (a topic's subjects, situation,
// analysis and suggestion sentences), never taken from a real proposal.
//
// The proposals are written through ActProposal and RespondCosign like any other, with the
// store's clock moved back to each step's day, so histories, deadlines and overdue marks read
// as a session's proposals would some months on. The actors are lvzhi.System (the loader is
// the platform) carrying the name of whoever the step stands for — the member, the proposal
// office, the unit — so the history reads naturally while the audit log says "system".
//
// This file holds the loader: its state, the entry point, the preparation that resolves what
// the plan refers to, and the helpers moving the clock and standing for actors; each plan
// entry is written by proposalLoader.write in proposal_write.go.

package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"lvzhi"
	"lvzhi/store"
)

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
	n := l.now.In(lvzhi.China)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, lvzhi.China).AddDate(0, 0, -max(days, 1))
	t := day.Add(9*time.Hour + time.Duration(l.rng.IntN(8*60))*time.Minute).UTC()
	if !t.After(l.clock) {
		t = l.clock.Add(time.Duration(10+l.rng.IntN(50)) * time.Minute)
	}
	l.clock = t
}

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
