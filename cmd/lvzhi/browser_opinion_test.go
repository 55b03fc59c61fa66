package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOpinionLifecycle is an opinion report's life as the people in it click through
// it, on a phone-sized screen: a member submits a report, the office edits it (and compares
// the versions), compiles it into a new issue of 《社情民意》, forwards it and records a
// national adoption and a leader's instruction; the member then sees both on the report.
func TestBrowserOpinionLifecycle(t *testing.T) {
	ctx := browser(t)
	s := sharedDemo(t)
	title := "关于背街小巷夜间照明不足的反映"
	body := "近期不少居民反映,城区多条背街小巷路灯缺失或长期损坏,夜间照明不足,老人和学生出行存在安全隐患。建议开展背街小巷照明普查,明确管养责任,结合城市更新统一补建。"

	signIn(t, ctx, s, "member")
	do(t, ctx, "write and submit the report",
		chromedp.Navigate(s.URL+"/opinions/new"),
		chromedp.WaitVisible(chromedp.ID("title")),
		chromedp.SendKeys(chromedp.ID("title"), title),
		chromedp.SendKeys(chromedp.ID("body"), body),
		chromedp.Click(chromedp.ID("submit-opinion")),
		chromedp.WaitVisible(chromedp.ID("opinion-state")),
	)
	if st := text(t, ctx, chromedp.ID("opinion-state")); st != "已收稿" {
		t.Fatalf("after submitting, the state is %q, want 已收稿", st)
	}
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`/opinions/(\d+)`).FindStringSubmatch(url)[1]

	signIn(t, ctx, s, "staff")
	edited := strings.Replace(body, "近期不少居民反映,", "据反映,", 1)
	do(t, ctx, "edit",
		chromedp.Navigate(s.URL+"/opinions/"+id),
		openAction("edit"),
		chromedp.SetValue(chromedp.ID("edit-body"), edited),
		submitAction("edit"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("opinion-state")); st != "编辑中" {
		t.Fatalf("after editing, the state is %q, want 编辑中\n%s", st, text(t, ctx, chromedp.CSS(".content")))
	}
	do(t, ctx, "compare the versions",
		chromedp.Click(chromedp.ID("opinion-versions")),
		chromedp.WaitVisible(chromedp.ID("version-diff")),
	)
	if del := text(t, ctx, chromedp.CSS("#diff-old del")); !strings.Contains(del, "近期不少居民") {
		t.Errorf("the submitter's text does not mark the deletion: %q", del)
	}
	if ins := text(t, ctx, chromedp.CSS("#diff-new ins")); ins != "据" {
		t.Errorf("the edited text marks %q as added, want 据", ins)
	}
	do(t, ctx, "compile into a new issue",
		chromedp.Navigate(s.URL+"/opinions/"+id),
		openAction("compile"),
		chromedp.SetValue(chromedp.ID("issue_signer"), "刘秘书长"),
		chromedp.SendKeys(chromedp.ID("issue_title"), "城市管理专刊"),
		submitAction("compile"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("opinion-state")); st != "已编发" {
		t.Fatalf("after compiling, the state is %q, want 已编发\n%s", st, text(t, ctx, chromedp.CSS(".content")))
	}
	issue := text(t, ctx, chromedp.ID("opinion-issue"))
	if !regexp.MustCompile(`《社情民意》\d{4}年第\d+期`).MatchString(issue) || !strings.Contains(issue, "刘秘书长") {
		t.Errorf("the issue reads %q", issue)
	}
	do(t, ctx, "forward and record a national adoption",
		openAction("forward"),
		chromedp.SetValue(chromedp.ID("to"), "government"),
		submitAction("forward"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
		openAction("adopt"),
		chromedp.SetValue(chromedp.ID("level"), "national"),
		chromedp.SetValue(chromedp.ID("mode"), "single"),
		chromedp.SendKeys(chromedp.ID("adopted_by"), "全国政协办公厅"),
		submitAction("adopt"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("opinion-state")); st != "已报送" {
		t.Fatalf("after forwarding, the state is %q, want 已报送\n%s", st, text(t, ctx, chromedp.CSS(".content")))
	}
	do(t, ctx, "record a leader's instruction",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("instruction-add").parentElement.open = true`),
		chromedp.SendKeys(chromedp.ID("instruction-leader"), "陈立群"),
		chromedp.SetValue(chromedp.ID("instruction-rank"), "市委主要领导"),
		chromedp.SendKeys(chromedp.ID("instruction-body"), "请市城管局牵头,年内完成背街小巷照明补建。"),
		chromedp.Evaluate[chromedp.Void](`document.querySelectorAll(".alert-ok, #action-error").forEach(e => e.remove())`),
		chromedp.Click(chromedp.ID("instruction-save")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if in := text(t, ctx, chromedp.ID("instructions")); !strings.Contains(in, "陈立群") {
		t.Fatalf("the office does not see the instruction it recorded: %q", in)
	}

	signIn(t, ctx, s, "member")
	do(t, ctx, "the member opens the report from the list",
		chromedp.Navigate(s.URL+"/opinions"),
		chromedp.WaitVisible(chromedp.CSS(".opinion-cards")),
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll(".opinion-cards a")].find(a => a.textContent === "`+title+`").click()`),
		chromedp.WaitVisible(chromedp.ID("opinion-state")),
	)
	if st := text(t, ctx, chromedp.ID("opinion-state")); st != "已报送" {
		t.Errorf("the member sees the state %q, want 已报送", st)
	}
	if ad := text(t, ctx, chromedp.ID("adoptions")); !strings.Contains(ad, "全国单篇采用") || !strings.Contains(ad, "全国政协办公厅") {
		t.Errorf("the member sees the adoptions as %q", ad)
	}
	if in := text(t, ctx, chromedp.ID("instructions")); !strings.Contains(in, "陈立群") || !strings.Contains(in, "年内完成背街小巷照明补建") {
		t.Errorf("the member sees the instructions as %q", in)
	}
	if body := text(t, ctx, chromedp.ID("opinion-body")); body != edited {
		t.Errorf("the member reads the text %q, want the edited %q", body, edited)
	}
}
