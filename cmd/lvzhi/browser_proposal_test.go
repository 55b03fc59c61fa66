package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// signIn signs the browser in as a demo account, after signing out whoever was signed in
// (with the sign-out button, as a person would: the session cookie is not readable by scripts).
func signIn(t *testing.T, ctx context.Context, s *server, username string) {
	t.Helper()
	signedIn, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector("form[action='/logout']")`))
	if err == nil && signedIn {
		do(t, ctx, "sign out", chromedp.Submit(chromedp.CSS("form[action='/logout']")), chromedp.WaitVisible(chromedp.ID("username")))
	}
	do(t, ctx, "sign in as "+username,
		chromedp.Navigate(s.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), "Demo-2026-lvzhi"),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS(".topbar")),
	)
}

// TestBrowserProposalLifecycle is a proposal's life as the people in it click through it, on a
// phone-sized screen: a member writes and submits, staff accepts and assigns to the education
// bureau, the bureau replies, staff checks the reply, and the member rates it.
func TestBrowserProposalLifecycle(t *testing.T) {
	ctx := browser(t)
	s := sharedDemo(t)
	title := "关于加快建设社区嵌入式养老服务设施的建议"
	body := strings.Repeat("我市老年人口比重持续上升,社区养老服务设施不足,建议统筹规划社区嵌入式养老服务设施,完善运营补贴政策。", 3)

	signIn(t, ctx, s, "member")
	do(t, ctx, "write and submit the proposal",
		chromedp.Navigate(s.URL+"/proposals/new"),
		chromedp.WaitVisible(chromedp.ID("title")),
		chromedp.SendKeys(chromedp.ID("title"), title),
		chromedp.SetValue(chromedp.ID("category"), "社会事业"),
		chromedp.SendKeys(chromedp.ID("body"), body),
		chromedp.Click(chromedp.ID("submit-proposal")),
		chromedp.WaitVisible(chromedp.ID("proposal-state")),
	)
	if st := text(t, ctx, chromedp.ID("proposal-state")); st != "审查中" {
		t.Fatalf("after submitting, the state is %q, want 审查中", st)
	}
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`/proposals/(\d+)`).FindStringSubmatch(url)[1]

	signIn(t, ctx, s, "staff")
	do(t, ctx, "accept",
		chromedp.Navigate(s.URL+"/proposals/"+id),
		openAction("accept"),
		submitAction("accept"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if n := text(t, ctx, chromedp.ID("proposal-number")); !regexp.MustCompile(`第十四届第三次会议第\d{4}号`).MatchString(n) {
		t.Errorf("the accepted proposal is numbered %q", n)
	}
	do(t, ctx, "assign to the education bureau",
		openAction("assign"),
		chromedp.SetValue(chromedp.ID("unit_lead"), unitOption(t, ctx, "市教育局")),
		submitAction("assign"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("proposal-state")); st != "办理中" {
		t.Fatalf("after assigning, the state is %q, want 办理中", st)
	}

	signIn(t, ctx, s, "unit")
	do(t, ctx, "the unit replies",
		chromedp.Navigate(s.URL+"/proposals/"+id),
		openAction("reply"),
		chromedp.SetValue(chromedp.ID("class"), "A"),
		chromedp.SendKeys(chromedp.ID("reply-body"), "我局已会同民政部门制定社区嵌入式养老服务设施建设计划,今年新建二十处,明年全覆盖。"),
		submitAction("reply"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("proposal-state")); st != "答复审核" {
		t.Fatalf("after replying, the state is %q, want 答复审核\n%s", st, text(t, ctx, chromedp.CSS(".content")))
	}

	signIn(t, ctx, s, "staff")
	do(t, ctx, "staff checks the reply",
		chromedp.Navigate(s.URL+"/proposals/"+id),
		openAction("approve_reply"),
		submitAction("approve_reply"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)

	signIn(t, ctx, s, "member")
	do(t, ctx, "the member rates the reply",
		chromedp.Navigate(s.URL+"/proposals/"+id),
		openAction("evaluate"),
		chromedp.Click(chromedp.CSS(`input[name=result][value=satisfied]`)),
		submitAction("evaluate"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("proposal-state")); st != "已办结" {
		t.Errorf("after a satisfied rating, the state is %q, want 已办结", st)
	}
	history := text(t, ctx, chromedp.CSS(".history"))
	for _, step := range []string{"提交", "立案", "交办", "提交答复", "审核答复", "满意度测评"} {
		if !strings.Contains(history, step) {
			t.Errorf("the history lacks %q:\n%s", step, history)
		}
	}
}

// submitAction submits a record action's form. The message of the previous action is taken
// off the page first, so waiting for a message waits for this action's answer, not the last.
func submitAction(name string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if _, err := chromedp.Evaluate[chromedp.Void](`document.querySelectorAll(".alert-ok, #action-error").forEach(e => e.remove())`)(ctx, t); err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Click(chromedp.ID("do-"+name))(ctx, t)
	}
}

// openAction opens the form of a record action (a <details> that may already be open).
func openAction(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.getElementById("act-` + name + `").parentElement.open = true`)
}

// unitOption finds the value of the lead-unit option with the given name.
func unitOption(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#unit_lead option')].find(o => o.textContent === '`+name+`').value`))
	if err != nil {
		t.Fatalf("no unit %s to choose: %v", name, err)
	}
	return v
}
