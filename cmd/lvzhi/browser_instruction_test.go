package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRequestWithInstruction is the office's flow on a phone-sized screen: draft a
// request to the party committee, submit it, attach its enclosure, record the secretary's
// instruction on it; then the leader finds the instruction among the main leaders' ones, and
// a member cannot open the request's enclosure.
func TestBrowserRequestWithInstruction(t *testing.T) {
	ctx := browser(t)
	s := sharedDemo(t)
	subject := "关于召开黄河流域生态保护专题协商会的请示"
	enclosure := filepath.Join(t.TempDir(), "协商会方案.pdf")
	if err := os.WriteFile(enclosure, []byte("%PDF-1.4 方案"), 0o644); err != nil {
		t.Fatal(err)
	}

	signIn(t, ctx, s, "staff")
	do(t, ctx, "draft the request",
		chromedp.Navigate(s.URL+"/requests/new"),
		chromedp.WaitVisible(chromedp.ID("subject")),
		chromedp.SendKeys(chromedp.ID("subject"), subject),
		chromedp.SendKeys(chromedp.ID("body"), "拟于下月召开专题协商会,妥否,请批示。"),
		chromedp.Click(chromedp.ID("save-request")),
		chromedp.WaitVisible(chromedp.ID("request-state")),
	)
	if st := text(t, ctx, chromedp.ID("request-state")); st != "草稿" {
		t.Fatalf("a new request is %q, want 草稿", st)
	}
	do(t, ctx, "submit it",
		openAction("submit"),
		submitAction("submit"),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok, #action-error")),
	)
	if st := text(t, ctx, chromedp.ID("request-state")); st != "已报送" {
		t.Fatalf("after submitting, the request is %q", st)
	}
	do(t, ctx, "attach the enclosure",
		chromedp.SetUploadFiles(chromedp.CSS(`#attachments input[type=file]`), []string{enclosure}),
		chromedp.Click(chromedp.ID("attachment-upload")),
		chromedp.WaitVisible(chromedp.CSS(`#attachments ul.files`)),
	)
	if files := text(t, ctx, chromedp.CSS(`#attachments ul.files`)); !strings.Contains(files, "协商会方案.pdf") {
		t.Errorf("the attachments read %q", files)
	}
	do(t, ctx, "record the secretary's instruction",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("instruction-add").parentElement.open = true`),
		chromedp.SendKeys(chromedp.ID("instruction-leader"), "陈立群"),
		chromedp.SetValue(chromedp.ID("instruction-rank"), "市委主要领导"),
		chromedp.SendKeys(chromedp.ID("instruction-body"), "同意。请市政协党组认真组织。"),
		chromedp.Click(chromedp.ID("instruction-save")),
		chromedp.WaitVisible(chromedp.CSS(`#instructions ol.instructions`)),
	)
	if got := text(t, ctx, chromedp.CSS(`#instructions ol.instructions`)); !strings.Contains(got, "同意。请市政协党组认真组织。") {
		t.Errorf("the request's instructions read %q", got)
	}
	fileURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#attachments ul.files a").href`))
	if err != nil {
		t.Fatal(err)
	}

	signIn(t, ctx, s, "leader")
	do(t, ctx, "the leader lists the main leaders' instructions",
		chromedp.Navigate(s.URL+"/instructions?main=true"),
		chromedp.WaitVisible(chromedp.ID("instruction-total")),
	)
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil || !strings.Contains(page, subject) {
		t.Errorf("the leader's list does not show the instruction on %q", subject)
	}

	signIn(t, ctx, s, "member")
	do(t, ctx, "a member opens the enclosure's address", chromedp.Navigate(fileURL), chromedp.WaitVisible(chromedp.CSS("body")))
	page, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if strings.Contains(page, "方案") || !strings.Contains(page, "权限") {
		t.Errorf("a member reading the request's enclosure sees %q", page)
	}
}
