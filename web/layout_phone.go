package web

import "strings"

// PhoneTab is one link of the bar phones show at the bottom instead of the sidebar.
type PhoneTab struct {
	Label   string // catalog key
	Path    string
	Current bool // the page shown belongs to this tab
}

// PhoneTabs are the bottom bar's links: UI.md's four things of a member — 首页, 提案, 活动,
// 我的. Each is taken from the navigation this user was given, so a tab never leads to a
// refusal (a unit has no activities, a clerk no "my activities"); where the user has no
// activities the third tab is the member list, and it is left out when that is not theirs
// either.
func (l Layout) PhoneTabs() []PhoneTab {
	has := func(p string) bool {
		for _, g := range l.Nav {
			for _, it := range g.Items {
				if it.Path == p {
					return true
				}
			}
		}
		return false
	}
	under := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if l.Path == p || strings.HasPrefix(l.Path, p+"/") {
				return true
			}
		}
		return false
	}
	tabs := []PhoneTab{{Label: "home.title", Path: "/", Current: l.Path == "/"}}
	switch {
	case has("/proposals?mine=true"):
		tabs = append(tabs, PhoneTab{"nav.proposals", "/proposals?mine=true", under("/proposals")})
	case has("/proposals"):
		tabs = append(tabs, PhoneTab{"nav.proposals", "/proposals", under("/proposals")})
	}
	switch {
	case has("/my/activities"):
		tabs = append(tabs, PhoneTab{"nav.activities", "/my/activities", under("/my/activities", "/activities")})
	case has("/activities"):
		tabs = append(tabs, PhoneTab{"nav.activities", "/activities", under("/activities")})
	case has("/members"):
		tabs = append(tabs, PhoneTab{"nav.members", "/members", under("/members")})
	}
	return append(tabs, PhoneTab{"nav.mine", "/password", under("/password", "/totp")})
}
