package web

import "testing"

// TestPhoneTabs: the phone's bottom bar offers a member their own proposals and activities,
// a clerk the calendar, and a unit no link it would be refused; the page shown is marked.
func TestPhoneTabs(t *testing.T) {
	nav := func(paths ...string) []NavGroup {
		g := NavGroup{Label: "nav.x"}
		for _, p := range paths {
			g.Items = append(g.Items, NavItem{Path: p})
		}
		return []NavGroup{g}
	}
	for _, c := range []struct {
		who, path string
		nav       []NavGroup
		want      []string
		current   string
	}{
		{"member", "/activities/7", nav("/members", "/proposals", "/proposals?mine=true", "/activities", "/my/activities"),
			[]string{"/", "/proposals?mine=true", "/my/activities", "/password"}, "/my/activities"},
		{"staff", "/proposals/3", nav("/members", "/proposals", "/activities"),
			[]string{"/", "/proposals", "/activities", "/password"}, "/proposals"},
		{"unit", "/totp", nav("/proposals"), []string{"/", "/proposals", "/password"}, "/password"},
	} {
		tabs := Layout{Nav: c.nav, Path: c.path}.PhoneTabs()
		var got []string
		current := ""
		for _, tb := range tabs {
			got = append(got, tb.Path)
			if tb.Current {
				current = tb.Path
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: tabs %v, want %v", c.who, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: tabs %v, want %v", c.who, got, c.want)
				break
			}
		}
		if current != c.current {
			t.Errorf("%s on %s: current tab %q, want %q", c.who, c.path, current, c.current)
		}
	}
}
