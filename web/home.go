package web

import (
	"net/http"

	"lvzhi"
	"lvzhi/store"
)

// homePage is the data of the home page. What it holds depends on the role: the overview
// for staff and leaders, the member's own record for a member, the accounts and the audit
// log's newest rows for the administrators.
type homePage struct {
	Layout
	Overview *lvzhi.Overview
	Member   *lvzhi.Member
	Users    int
	Locked   int
	Audit    []lvzhi.AuditEntry
	// What to attend to about proposals: co-sign invitations, replies due, queues.
	Reminders []store.Reminder
	// The member's invitations to activities still to come: answer, ask leave, check in.
	Invitations   []lvzhi.MyInvitation
	LeaveRequests int // staff: leave requests waiting for a decision
	// Leaders' instructions not yet carried out: the office and leaders follow them up, a
	// unit carries out its own (members see theirs on their proposals instead).
	PendingInstructions int
	// Opinion reports: this year's figures, or the member's way to submit and follow them.
	Opinions OpinionHomePart
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	ctx := r.Context()
	p := homePage{Layout: s.layout(r, "home.title")}
	target := lvzhi.Target{CommitteeID: a.CommitteeID}
	if target.Kind = lvzhi.KindOrg; lvzhi.Can(a, lvzhi.ActionRead, target) && (a.Has(lvzhi.RoleStaff) || a.Has(lvzhi.RoleLeader)) {
		o, err := s.st.Overview(ctx, a, a.CommitteeID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Overview = &o
	}
	if a.MemberID != 0 {
		m, err := s.st.Member(ctx, a, a.MemberID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Member = &m
	}
	if target.Kind = lvzhi.KindUser; lvzhi.Can(a, lvzhi.ActionRead, target) && (a.Has(lvzhi.RoleSysAdmin) || a.Has(lvzhi.RoleSecAdmin)) {
		_, total, err := s.st.ListUsers(ctx, a, lvzhi.UserFilter{CommitteeID: a.CommitteeID, Paging: lvzhi.Paging{PerPage: 1}})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		_, locked, err := s.st.ListUsers(ctx, a, lvzhi.UserFilter{CommitteeID: a.CommitteeID, State: "locked", Paging: lvzhi.Paging{PerPage: 1}})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Users, p.Locked = total, locked
	}
	rem, err := s.st.ProposalReminders(ctx, a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Reminders = rem
	if p.Opinions, err = s.opinionHome(r); err != nil { // web/opinion_home.go
		s.fail(w, r, err)
		return
	}
	if p.Invitations, err = s.st.MyInvitations(ctx, a, true); err != nil {
		s.fail(w, r, err)
		return
	}
	if lvzhi.Can(a, "approve_leave", lvzhi.Target{Kind: lvzhi.KindInvitation, CommitteeID: a.CommitteeID}) {
		leave, err := s.st.PendingLeave(ctx, a)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.LeaveRequests = len(leave)
	}
	if p.PendingInstructions, err = s.pendingInstructions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if target.Kind = lvzhi.KindAudit; lvzhi.Can(a, lvzhi.ActionRead, target) {
		rows, _, err := s.st.ListAudit(ctx, a, lvzhi.AuditFilter{Paging: lvzhi.Paging{PerPage: 10}})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Audit = rows
	}
	s.render(w, r, http.StatusOK, "home", p)
}

// pendingInstructions counts the instructions still to be carried out that the home page
// reminds the office, leaders and units of; 0 for everyone else.
func (s *Server) pendingInstructions(r *http.Request) (int, error) {
	a := actor(r)
	if !a.Has(lvzhi.RoleStaff) && !a.Has(lvzhi.RoleLeader) && !a.Has(lvzhi.RoleUnit) {
		return 0, nil
	}
	own := lvzhi.Target{Kind: lvzhi.KindInstruction, CommitteeID: a.CommitteeID, MemberID: a.MemberID, UserID: a.UserID,
		DepartmentID: a.DepartmentID, UnitID: a.UnitID}
	if !lvzhi.Can(a, lvzhi.ActionRead, own) {
		return 0, nil
	}
	_, n, err := s.st.ListInstructions(r.Context(), a, lvzhi.InstructionFilter{CommitteeID: a.CommitteeID,
		State: lvzhi.InstructionPending, Paging: lvzhi.Paging{PerPage: 1}})
	return n, err
}
