// How one demo proposal is written: proposalLoader.write takes a plan entry from its creation
// through co-signing, submission, the office's review, assignment, handling (contacts,
// extensions, supervision), the reply and its check, publication and the proposer's
// evaluation, stopping at the state the plan gives it, each step at its own day.

package demo

import (
	"context"
	"fmt"
	"time"

	"lvzhi"
)

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
			OnDate: l.clock.In(lvzhi.China).Format("2006-01-02"), Note: contactNotes[way]}); err != nil {
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
			OnDate: l.clock.In(lvzhi.China).Format("2006-01-02"), Note: "重新办理:" + contactNotes["meeting"]})
		return err
	case s.group != "":
		return office("close", lvzhi.ProposalActionInput{Note: noteClose})
	}
	_, err = l.act(ctx, writer, id, "evaluate", lvzhi.ProposalActionInput{Result: s.result, Note: evaluationNotes[s.result]})
	return err
}
