package web

import (
	"net/http"
	"strconv"

	"lvzhi"
)

// activityPage is the data of an activity's record page: for staff the planning and running
// of it (invitations, guests, leave decisions, check-in by hand, closing); for a participant
// the agenda, the documents and their own invitation.
type activityPage struct {
	Layout
	activityOptions
	Activity     lvzhi.Activity
	Participants []lvzhi.Invitation
	Guests       []lvzhi.Guest
	Counts       map[string]int
	History      []lvzhi.Event
	Attachments  AttachmentsPart
	Actions      []string          // the activity actions this user may take now
	Mine         *lvzhi.Invitation // the user's own invitation, when invited
	MyActions    []string
	CanEdit      bool
	CanInvite    bool
	CanDecide    bool // staff: leave decisions and check-in by hand
	Members      []lvzhi.Member
	Sectors      []lvzhi.OrgUnit
	Specials     []lvzhi.OrgUnit
	Groups       []lvzhi.OrgUnit
	Errors       map[string]string
	Error        string
}

func (s *Server) activityPage(r *http.Request, id int64) (activityPage, error) {
	a, ctx := actor(r), r.Context()
	p := activityPage{Layout: s.layout(r, "activity.title")}
	var err error
	if p.Activity, err = s.st.Activity(ctx, a, id); err != nil {
		return p, err
	}
	x := p.Activity
	p.TitleArg = x.Title
	if p.activityOptions, err = s.activityOptions(r); err != nil {
		return p, err
	}
	if p.Participants, err = s.st.Participants(ctx, a, id); err != nil {
		return p, err
	}
	if p.Guests, err = s.st.Guests(ctx, a, id); err != nil {
		return p, err
	}
	if p.Counts, err = s.st.InvitationCounts(ctx, a, id); err != nil {
		return p, err
	}
	if p.Attachments, err = s.attachmentsPart(r, lvzhi.KindActivity, id); err != nil {
		return p, err
	}
	for _, act := range lvzhi.ActivityWorkflow.Allowed(x.State) {
		if act != "invite_members" && lvzhi.Can(a, lvzhi.Action(act), x.Target()) {
			p.Actions = append(p.Actions, act)
		}
	}
	open := x.State == lvzhi.ActivityPublished || x.State == lvzhi.ActivityUnderway
	p.CanEdit = open || x.State == lvzhi.ActivityDraft
	p.CanEdit = p.CanEdit && lvzhi.Can(a, lvzhi.ActionUpdate, x.Target())
	p.CanInvite = containsString(lvzhi.ActivityWorkflow.Allowed(x.State), "invite_members") && lvzhi.Can(a, "invite_members", x.Target())
	p.CanDecide = open && lvzhi.Can(a, "approve_leave", lvzhi.Target{Kind: lvzhi.KindInvitation, CommitteeID: x.CommitteeID})
	for i := range p.Participants {
		if inv := p.Participants[i]; inv.MemberID == a.MemberID && a.MemberID != 0 {
			p.Mine = &p.Participants[i]
			if open {
				p.MyActions = memberActions(a, inv)
			}
		}
	}
	if p.CanEdit {
		if p.History, err = s.st.ActivityHistory(ctx, a, id); err != nil {
			return p, err
		}
	}
	if p.CanInvite {
		f := lvzhi.MemberFilter{CommitteeID: a.CommitteeID, State: lvzhi.MemberServing, Paging: lvzhi.Paging{PerPage: 500}}
		if p.Members, _, err = s.st.ListMembers(ctx, a, f); err != nil {
			return p, err
		}
		for _, g := range []struct {
			kind lvzhi.OrgUnitKind
			dst  *[]lvzhi.OrgUnit
		}{{lvzhi.OrgSector, &p.Sectors}, {lvzhi.OrgSpecialCommittee, &p.Specials}, {lvzhi.OrgActivityGroup, &p.Groups}} {
			if *g.dst, err = s.st.OrgUnits(ctx, a, a.CommitteeID, g.kind); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

// memberActions are the answers a member may give to their own invitation now.
func memberActions(a lvzhi.Actor, inv lvzhi.Invitation) []string {
	var out []string
	for _, act := range lvzhi.InvitationWorkflow.Allowed(inv.State) {
		if (act == "attend" || act == "decline" || act == "request_leave") && lvzhi.Can(a, lvzhi.Action(act), inv.Target()) {
			out = append(out, act)
		}
	}
	return out
}

// StaffActions are the actions staff may take on a participant's invitation now.
func (p activityPage) StaffActions(inv lvzhi.Invitation) []string {
	if !p.CanDecide {
		return nil
	}
	var out []string
	if inv.State == lvzhi.InvitationLeaveRequested {
		out = append(out, "approve_leave", "refuse_leave")
	}
	if !inv.Checked() {
		out = append(out, "check_in")
	}
	return out
}

func (s *Server) handleActivityPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.activityPage(r, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "activity", p)
}

// activityDone answers a form on the record page: back to the page with the flash, or, for
// an invalid or conflicting request, the page again with the message.
func (s *Server) activityDone(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err == nil {
		to := "/activities/" + strconv.FormatInt(id, 10)
		if r.FormValue("from") == "mine" { // the member's phone page
			to = "/my/activities"
		}
		http.Redirect(w, r, to+"?ok=done", http.StatusSeeOther)
		return
	}
	if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	p, perr := s.activityPage(r, id)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "activity", p)
}

func (s *Server) handleActivityAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	_, err := s.st.ActActivity(r.Context(), actor(r), id, r.PathValue("action"), r.FormValue("note"))
	s.activityDone(w, r, id, err)
}

// selectionFromForm reads the invitation form: members by name and groupings.
func selectionFromForm(r *http.Request) lvzhi.Selection {
	r.ParseForm()
	ids := func(name string) []int64 {
		var out []int64
		for _, v := range r.Form[name] {
			if id := formID(v); id != 0 {
				out = append(out, id)
			}
		}
		return out
	}
	return lvzhi.Selection{MemberIDs: ids("member_ids"), SectorIDs: ids("sector_ids"), SpecialCommittees: ids("special_committee_ids"),
		ActivityGroups: ids("activity_group_ids"), Standing: r.FormValue("standing") == "on"}
}

func (s *Server) handleInviteMembers(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	_, err := s.st.InviteMembers(r.Context(), actor(r), id, selectionFromForm(r))
	s.activityDone(w, r, id, err)
}

func (s *Server) handleRemoveParticipant(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	s.activityDone(w, r, id, s.st.RemoveParticipant(r.Context(), actor(r), id, formID(r.PathValue("member"))))
}

// handleInvitationAction is a member's answer or leave request, or staff's decision or
// check-in by hand, on one participant's invitation.
func (s *Server) handleInvitationAction(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	_, err := s.st.ActInvitation(r.Context(), actor(r), id, formID(r.PathValue("member")), r.PathValue("action"),
		lvzhi.InvitationInput{Reason: r.FormValue("reason"), Note: r.FormValue("note")})
	s.activityDone(w, r, id, err)
}

func (s *Server) handleAddGuest(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	_, err := s.st.AddGuest(r.Context(), actor(r), lvzhi.Guest{ActivityID: id, Kind: r.FormValue("kind"), Name: r.FormValue("name"), Title: r.FormValue("title")})
	s.activityDone(w, r, id, err)
}

func (s *Server) handleRemoveGuest(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	s.activityDone(w, r, id, s.st.RemoveGuest(r.Context(), actor(r), id, formID(r.PathValue("guest"))))
}

// answerData is what the "answers" part (templates/_activity.html) draws: a member's answer
// buttons and leave form for one invitation, returning to From ("mine": the phone page).
type answerData struct {
	Activity   lvzhi.Activity
	Invitation lvzhi.Invitation
	Actions    []string
	CanLeave   bool
	From       string
}

// Label is the label of an answer.
func (answerData) Label(action string) string { return lvzhi.InvitationWorkflow.ActionLabel[action] }

func newAnswerData(x lvzhi.Activity, inv lvzhi.Invitation, actions []string, from string) answerData {
	return answerData{Activity: x, Invitation: inv, Actions: actions, CanLeave: containsString(actions, "request_leave"), From: from}
}

// AnswerData is the answer part of the user's own invitation on the record page.
func (p activityPage) AnswerData(inv *lvzhi.Invitation) answerData {
	return newAnswerData(p.Activity, *inv, p.MyActions, "")
}

// InvitationStateName is the label of an invitation state, for the home page's invitations.
func (homePage) InvitationStateName(state string) string {
	return lvzhi.InvitationWorkflow.StateLabel[state]
}
