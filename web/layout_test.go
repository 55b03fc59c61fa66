package web

import (
	"net/url"
	"testing"
)

// TestCurrentNav: one navigation link is marked as the page shown — the exact address when a
// link carries a query, else the longest path that leads to the page.
func TestCurrentNav(t *testing.T) {
	nav := []NavGroup{{"nav.proposals", []NavItem{
		{Path: "/proposals"}, {Path: "/proposals?mine=true"}, {Path: "/proposals/new"}, {Path: "/proposals?state=review"},
	}}, {"nav.org", []NavItem{{Path: "/org"}, {Path: "/org/unassigned"}}}}
	for _, c := range []struct{ addr, want string }{
		{"/proposals", "/proposals"},
		{"/proposals?state=review", "/proposals?state=review"},
		{"/proposals?mine=true", "/proposals?mine=true"},
		{"/proposals?state=handling", "/proposals"}, // a filter with no link of its own
		{"/proposals/new", "/proposals/new"},
		{"/proposals/12", "/proposals"},
		{"/org/unassigned", "/org/unassigned"},
		{"/org/units/sector", "/org"},
		{"/members", ""},
	} {
		u, _ := url.Parse(c.addr)
		if got := currentNav(nav, u); got != c.want {
			t.Errorf("%s: current link %q, want %q", c.addr, got, c.want)
		}
	}
}
