package web

import (
	"net/http"
	"net/url"
	"strings"

	"lvzhi"
)

// Layout is what every page shows around its content: the title, who is signed in, the
// committee and the switcher, the navigation allowed to this user, and the demo banner.
// Every page's data struct embeds it.
type Layout struct {
	Title      string // a catalog key
	TitleArg   string // a name shown after the title, such as the member's
	Actor      lvzhi.Actor
	Committee  lvzhi.Committee
	Committees []lvzhi.Committee // the committees the user may switch to
	Nav        []NavGroup
	Path       string
	CurrentNav string // the navigation link of this page: the one the page's address matches best
	Demo       bool
	WaiveTOTP  bool
	Flash      string // a one-line message after a redirect ("已保存")
	Version    string
	Lang       string
}

// NavItem is one link of the navigation. It is shown to users who may do Action on Kind in
// their committee — the same check the store makes, so no link leads to a refusal.
type NavItem struct {
	Label  string // catalog key
	Path   string
	Kind   lvzhi.Kind
	Action lvzhi.Action
}

// NavGroup is one heading of the navigation with its links.
type NavGroup struct {
	Label string
	Items []NavItem
}

// navigation is the whole menu, grouped by work as UI.md orders it. A later module adds its
// group (提案, 社情民意 …) here together with its routes.
var navigation = []NavGroup{
	{"nav.org", []NavItem{
		{"nav.overview", "/org", lvzhi.KindOrg, lvzhi.ActionRead},
		{"nav.members", "/members", lvzhi.KindMember, lvzhi.ActionRead},
		{"nav.unassigned", "/org/unassigned", lvzhi.KindMember, lvzhi.ActionChange},
		{"nav.roster", "/roster", lvzhi.KindMember, lvzhi.ActionImport},
		{"nav.terms", "/terms", lvzhi.KindOrg, lvzhi.ActionRead},
	}},
	{"nav.proposals", []NavItem{
		{"nav.proposal_list", "/proposals", lvzhi.KindProposal, lvzhi.ActionRead},
		{"nav.my_proposals", "/proposals?mine=true", lvzhi.KindProposal, "evaluate"}, // members only
		{"nav.proposal_new", "/proposals/new", lvzhi.KindProposal, lvzhi.ActionCreate},
		{"nav.proposal_review", "/proposals?state=review", lvzhi.KindProposal, "accept"},
		{"nav.proposal_overdue", "/proposals?overdue=true", lvzhi.KindProposal, "assign"},
		{"nav.proposal_key", "/proposals?key=true", lvzhi.KindProposal, "supervise"},
		{"nav.proposal_import", "/proposals/import", lvzhi.KindProposal, lvzhi.ActionImport},
		{"nav.public", "/public/proposals", lvzhi.KindPublished, lvzhi.ActionRead},
	}},
	{"nav.opinions", []NavItem{
		{"nav.opinion_list", "/opinions", lvzhi.KindOpinion, lvzhi.ActionRead}, // a member's own, the office's all
		{"nav.opinion_new", "/opinions/new", lvzhi.KindOpinion, lvzhi.ActionCreate},
		{"nav.opinion_queue", "/opinions?state=received", lvzhi.KindOpinion, "edit"},
		{"nav.opinion_issues", "/opinion-issues", lvzhi.KindOpinion, lvzhi.ActionExport},
	}},
	// Activities and the consultation plan are one group (UI.md's 协商活动): the plan's items
	// are carried out by activities, and a member finds their meetings and speeches together.
	{"nav.consultation", []NavItem{
		{"nav.activity_calendar", "/activities", lvzhi.KindActivity, lvzhi.ActionRead},
		{"nav.my_activities", "/my/activities", lvzhi.KindProposal, "evaluate"}, // members only
		{"nav.activity_new", "/activities/new", lvzhi.KindActivity, lvzhi.ActionCreate},
		{"nav.leave_queue", "/activities/leave", lvzhi.KindInvitation, "approve_leave"},
		{"nav.plan", "/plan", lvzhi.KindConsultationPlan, lvzhi.ActionRead},
		{"nav.research", "/research-topics", lvzhi.KindResearchTopic, lvzhi.ActionRead},
		{"nav.speeches", "/speeches", lvzhi.KindSpeech, lvzhi.ActionRead},
		{"nav.speech_new", "/speeches/new", lvzhi.KindSpeech, lvzhi.ActionCreate},
		{"nav.absence", "/activities/warnings", lvzhi.KindActivity, lvzhi.ActionUpdate},
		{"nav.activity_settings", "/activities/settings", lvzhi.KindActivity, lvzhi.ActionCreate},
	}},
	{"nav.supervision", []NavItem{
		{"nav.instructions", "/instructions", lvzhi.KindInstruction, lvzhi.ActionRead},
		{"nav.instructions_pending", "/instructions?state=pending", lvzhi.KindInstruction, lvzhi.ActionExport}, // staff and leaders
		{"nav.requests", "/requests", lvzhi.KindRequest, lvzhi.ActionRead},
	}},
	// The figures of every module in one place (UI.md's 统计), where a leader looks for them
	// and so the work groups above stay short.
	{"nav.statistics", []NavItem{
		{"nav.proposal_stats", "/proposals/stats", lvzhi.KindProposal, lvzhi.ActionExport},
		{"nav.unit_stats", "/proposals/stats", lvzhi.KindProposal, "reply"}, // a unit's own figures
		{"nav.opinion_stats", "/opinions/stats", lvzhi.KindOpinion, lvzhi.ActionExport},
		{"nav.attendance", "/activities/stats", lvzhi.KindActivity, lvzhi.ActionExport},
		{"nav.speech_stats", "/speeches/stats", lvzhi.KindSpeech, lvzhi.ActionExport},
		{"nav.instruction_stats", "/instructions/stats", lvzhi.KindInstruction, lvzhi.ActionExport},
	}},
	{"nav.system", []NavItem{
		{"nav.users", "/users", lvzhi.KindUser, lvzhi.ActionCreate},
		{"nav.locked", "/users?state=locked", lvzhi.KindUser, lvzhi.ActionChange},
		{"nav.policy", "/policy", lvzhi.KindPolicy, lvzhi.ActionUpdate},
		{"nav.audit", "/audit", lvzhi.KindAudit, lvzhi.ActionRead},
	}},
	{"nav.mine", []NavItem{
		{"nav.password", "/password", "", ""},
		{"nav.totp", "/totp", "", ""},
	}},
}

// layout fills the Layout of a page for the request's actor.
func (s *Server) layout(r *http.Request, title string) Layout {
	a := actor(r)
	l := Layout{
		Title: title, Actor: a, Path: r.URL.Path, Demo: s.cfg.Demo, WaiveTOTP: s.st.WaiveTOTP,
		Version: s.cfg.Version, Lang: lang(r), Flash: flash(r),
	}
	if a.Anonymous() {
		return l
	}
	if all, err := s.st.Committees(r.Context()); err == nil {
		for _, c := range all {
			if c.ID == a.CommitteeID {
				l.Committee = c
			}
			if a.InCommittee(c.ID) {
				l.Committees = append(l.Committees, c)
			}
		}
	}
	for _, g := range navigation {
		var items []NavItem
		for _, it := range g.Items {
			// A link shows when the user may act on some record of its kind: their own record,
			// their department's, their unit's, or any of the committee's.
			own := lvzhi.Target{Kind: it.Kind, CommitteeID: a.CommitteeID, MemberID: a.MemberID, UserID: a.UserID,
				DepartmentID: a.DepartmentID, UnitID: a.UnitID}
			if it.Kind == "" || lvzhi.Can(a, it.Action, own) {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			l.Nav = append(l.Nav, NavGroup{g.Label, items})
		}
	}
	l.CurrentNav = currentNav(l.Nav, r.URL)
	return l
}

// currentNav picks the link to mark as the current page: one whose address (query included)
// is the request's, else the one whose path is the longest prefix of the request's path.
func currentNav(nav []NavGroup, u *url.URL) string {
	best := ""
	for _, g := range nav {
		for _, it := range g.Items {
			path, query, _ := strings.Cut(it.Path, "?")
			switch {
			case query != "" && path == u.Path && query == u.RawQuery:
				return it.Path
			case query == "" && (u.Path == path || strings.HasPrefix(u.Path, path+"/")) && len(path) > len(best):
				best = it.Path
			}
		}
	}
	return best
}

// Current reports whether a navigation link is the page being shown, for aria-current.
func (l Layout) Current(p string) bool { return p == l.CurrentNav }

// Can reports whether the actor may do action on a kind in the current committee; templates
// use it to show only the buttons that work.
func (l Layout) Can(action lvzhi.Action, kind lvzhi.Kind) bool {
	return lvzhi.Can(l.Actor, action, lvzhi.Target{Kind: kind, CommitteeID: l.Actor.CommitteeID})
}

// flash reads the one-line message a redirect carried in its query (?ok=saved).
func flash(r *http.Request) string {
	if k := r.URL.Query().Get("ok"); k != "" {
		return "flash." + k
	}
	return ""
}
