package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPlenarySpeech is a plenary speech as the people in it click through it on a
// phone-sized screen: a member submits it in writing, the secretariat selects it for oral
// delivery from the list, and the member sees the result. Then the office approves and
// schedules a topic of the year's plan from the plan page.
func TestBrowserPlenarySpeech(t *testing.T) {
	ctx := browser(t)
	s := sharedDemo(t)
	title := "关于推进黄河文化保护传承弘扬的建议"

	signIn(t, ctx, s, "member")
	do(t, ctx, "submit a plenary speech",
		chromedp.Navigate(s.URL+"/speeches/new"),
		chromedp.WaitVisible(chromedp.ID("title")),
		chromedp.SendKeys(chromedp.ID("title"), title),
		chromedp.SendKeys(chromedp.ID("body"), strings.Repeat("黄河文化是中华文明的重要组成部分,建议系统梳理黄河文化遗产资源,打造黄河文化旅游带。", 2)),
		chromedp.Click(chromedp.ID("submit-speech")),
		chromedp.WaitVisible(chromedp.ID("speech-state")),
	)
	if st := text(t, ctx, chromedp.ID("speech-state")); st != "已提交" {
		t.Fatalf("after submitting, the state is %q, want 已提交", st)
	}
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`/speeches/(\d+)`).FindStringSubmatch(url)[1]
	// The page fits the phone: no horizontal scrolling of the page itself.
	widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if err != nil || widths[0] > widths[1]+1 {
		t.Errorf("the speech page scrolls sideways on a phone: %v (%v)", widths, err)
	}

	signIn(t, ctx, s, "staff")
	do(t, ctx, "select it for oral delivery from the list",
		chromedp.Navigate(s.URL+"/speeches?state=submitted"),
		chromedp.WaitVisible(chromedp.ID("speech-list")),
		chromedp.Submit(chromedp.CSS(`form[action="/speeches/`+id+`/actions/select_oral"]`)),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)

	signIn(t, ctx, s, "member")
	do(t, ctx, "the member sees the result", chromedp.Navigate(s.URL+"/speeches"), chromedp.WaitVisible(chromedp.ID("my-speeches")))
	if mine := text(t, ctx, chromedp.ID("my-speeches")); !strings.Contains(mine, title) || !strings.Contains(mine, "大会口头发言") {
		t.Errorf("the member's list says:\n%s", mine)
	}

	signIn(t, ctx, s, "staff")
	do(t, ctx, "open a proposed topic from the plan",
		chromedp.Navigate(s.URL+"/plan"),
		chromedp.WaitVisible(chromedp.ID("plan-items")),
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("#plan-items a")].find(a => a.textContent === "推动中医药传承创新").click()`),
		chromedp.WaitVisible(chromedp.ID("plan-state")),
		openAction("approve_plan"),
		submitAction("approve_plan"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("plan-state")); st != "已通过" {
		t.Fatalf("after approving, the state is %q, want 已通过", st)
	}
	do(t, ctx, "schedule it",
		openAction("schedule"),
		chromedp.SetValue(chromedp.ID("quarter"), "4"),
		chromedp.SendKeys(chromedp.ID("lead_leader"), "刘卫东"),
		submitAction("schedule"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st, q := text(t, ctx, chromedp.ID("plan-state")), text(t, ctx, chromedp.ID("plan-quarter")); st != "已排期" || q != "第四季度" {
		t.Errorf("after scheduling: %q in %q, want 已排期 in 第四季度", st, q)
	}
}
