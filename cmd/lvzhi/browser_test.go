package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"lvzhi/roster"
)

// chromium finds the browser for the browser tests. Without one the tests skip, unless
// LVZHI_TEST_BROWSER=required (CI), where a missing browser is a failure.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("LVZHI_TEST_BROWSER") == "required" {
		t.Fatal("Chromium is required (LVZHI_TEST_BROWSER=required) but not installed")
	}
	t.Skip("Chromium not installed: browser tests skipped (apt-get install chromium fonts-wqy-microhei)")
	return ""
}

// browser starts a headless Chromium with the flags this offline machine needs.
func browser(t *testing.T) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(375, 812), // a phone: the flow must work on one
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	// Start the browser on the tab's own context: a browser started by a first action under
	// a shorter-lived context would die with that context.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx
}

// rosterFile writes a roster with the given rows under the template's header.
func rosterFile(t *testing.T, name string, rows [][]string) string {
	f := excelize.NewFile()
	defer f.Close()
	head := make([]any, len(roster.Columns))
	for i, c := range roster.Columns {
		head[i] = c
	}
	f.SetSheetRow("Sheet1", "A1", &head)
	for i, r := range rows {
		vals := make([]any, len(roster.Columns))
		for j, c := range roster.Columns {
			vals[j] = rowValue(r, c)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Sheet1", cell, &vals)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// rowValue picks a column's value from a row written as "header=value" pairs.
func rowValue(row []string, col string) string {
	for _, kv := range row {
		if k, v, ok := strings.Cut(kv, "="); ok && k == col {
			return v
		}
	}
	return ""
}

// idNumber builds a valid ID number with the GB 11643 check character.
func idNumber(first17 string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * w[i]
	}
	return first17 + string("10X98765432"[sum%11])
}

// do runs the steps of one part of a flow, each with its own time limit; when one fails it
// reports the page the browser shows, which says more than "deadline exceeded".
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	for i, st := range steps {
		sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		err := chromedp.Do(sctx, st)
		cancel()
		if err != nil {
			page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText`))
			t.Fatalf("%s, step %d: %v\nthe browser shows:\n%s", what, i+1, err, page)
		}
	}
}

// text reads the visible text of the element sel selects.
func text[S chromedp.Selectable](t *testing.T, ctx context.Context, sel S) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBrowserRosterImport is the clerk's flow on a phone-sized screen: sign in as staff,
// import a roster with one bad row, read that row's error, import the fixed file, and find
// the new member in the list.
func TestBrowserRosterImport(t *testing.T) {
	ctx := browser(t)
	s := sharedDemo(t)
	good := []string{"姓名=欧阳明远", "性别=男", "民族=汉族", "党派=民盟", "界别=民盟", "专门委员会=经济委员会",
		"活动小组=经济委员会第一活动小组", "是否常委=否", "工作单位=金城大学", "职务=教授", "联系电话=13912345678",
		"身份证号=" + idNumber("62010219700101123"), "通讯地址=金城市城关区东岗西路1号"}
	bad := []string{"姓名=司马慧敏", "性别=女", "界别=经济界", "专门委员会=经济委员会", "联系电话=13912345679",
		"身份证号=62010219800202", "通讯地址=金城市城关区"}
	fixed := append([]string{}, bad...)
	fixed[5] = "身份证号=" + idNumber("62010219800202222")
	badFile := rosterFile(t, "bad.xlsx", [][]string{good, bad})
	goodFile := rosterFile(t, "fixed.xlsx", [][]string{good, fixed})

	do(t, ctx, "sign in and import the file with a bad row",
		chromedp.Navigate(s.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "staff"),
		chromedp.SendKeys(chromedp.ID("password"), "Demo-2026-lvzhi"),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS(".topbar")),
		chromedp.Navigate(s.URL+"/roster"),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{badFile}),
		chromedp.Click(chromedp.ID("import-submit")),
		chromedp.WaitVisible(chromedp.ID("import-errors")),
	)
	errorsText := text(t, ctx, chromedp.ID("import-errors"))
	if !strings.Contains(errorsText, "第3行") || !strings.Contains(errorsText, "身份证号") || !strings.Contains(errorsText, "18位") {
		t.Fatalf("the bad row's error is not shown as 第3行“身份证号”…18位:\n%s", errorsText)
	}
	if strings.Contains(errorsText, "第2行") {
		t.Errorf("the good row is reported as bad:\n%s", errorsText)
	}
	// Nothing was written: the good row of the refused file is not in the list either.
	do(t, ctx, "search for the refused file's good row", chromedp.Navigate(s.URL+"/members?q=欧阳明远"), chromedp.WaitVisible(chromedp.CSS(".count")))
	if list := text(t, ctx, chromedp.CSS(".content")); strings.Contains(list, "欧阳明远") {
		t.Fatal("a refused import wrote its good row")
	}
	do(t, ctx, "import the fixed file",
		chromedp.Navigate(s.URL+"/roster"),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{goodFile}),
		chromedp.Click(chromedp.ID("import-submit")),
		chromedp.WaitVisible(chromedp.ID("import-ok")),
	)
	if ok := text(t, ctx, chromedp.ID("import-ok")); !strings.Contains(ok, "新增2人") {
		t.Errorf("import result = %q, want 新增2人", ok)
	}
	do(t, ctx, "find the new member", chromedp.Navigate(s.URL+"/members?q=司马慧敏"), chromedp.WaitVisible(chromedp.CSS(".count")))
	list := text(t, ctx, chromedp.CSS(".content"))
	if !strings.Contains(list, "司马慧敏") || !strings.Contains(list, "经济界") || !strings.Contains(list, "139****5679") {
		t.Errorf("the imported member is not in the list as expected:\n%s", list)
	}
	// The list's filters update the results in place (htmx) and keep the filter in the URL.
	do(t, ctx, "filter the member list",
		chromedp.Navigate(s.URL+"/members"),
		chromedp.WaitVisible(chromedp.ID("q")),
	)
	// A mark on the page survives an in-place update and vanishes with a full page load.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.lvzhiMark = 7`)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "type a name into the filter", chromedp.SendKeys(chromedp.ID("q"), "欧阳明远\n"))
	for i := 0; i < 50 && !strings.Contains(text(t, ctx, chromedp.CSS(".count")), "共1条"); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if got := text(t, ctx, chromedp.ID("member-results")); !strings.Contains(got, "共1条") || !strings.Contains(got, "欧阳明远") {
		t.Errorf("filtering by name did not narrow the list to the one member:\n%s", got)
	}
	if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); !strings.Contains(u, "q=") {
		t.Errorf("the filter is not in the address bar: %q", u)
	}
	if mark, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.lvzhiMark || 0`)); mark != 7 {
		t.Error("filtering reloaded the whole page instead of updating the list in place (htmx)")
	}

	// The page fits a 375-px phone: no horizontal scrolling of the page itself.
	scrollW, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	clientW, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.clientWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if scrollW > clientW+1 {
		t.Errorf("the member list scrolls sideways on a phone: %d > %d px", scrollW, clientW)
	}
}
