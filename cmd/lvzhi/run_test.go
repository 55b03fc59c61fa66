package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"lvzhi/auth"
)

// lockedBuffer collects a command's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// server is a running lvzhi started through run, as a user starts it.
type server struct {
	URL  string
	Data string
	out  *lockedBuffer
	stop func() error
}

var addrRE = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)

// startServer runs `lvzhi <cmd> --addr 127.0.0.1:0 --data DIR` and waits for its address;
// the server stops when the test ends.
func startServer(t testing.TB, cmd, data string, env map[string]string) *server {
	t.Helper()
	s, err := launch(cmd, data, env)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.stop() })
	return s
}

// launch starts the server and returns once it listens.
func launch(cmd, data string, env map[string]string) (*server, error) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	errc := make(chan error, 1)
	getenv := func(k string) string { return env[k] }
	go func() {
		errc <- run(ctx, []string{cmd, "--addr", "127.0.0.1:0", "--data", data}, getenv, strings.NewReader(""), out, io.Discard)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := addrRE.FindStringSubmatch(out.String()); m != nil {
			s := &server{URL: "http://" + m[1], Data: data, out: out}
			var once sync.Once
			var stopErr error
			s.stop = func() error {
				once.Do(func() { cancel(); stopErr = <-errc })
				return stopErr
			}
			return s, nil
		}
		select {
		case err := <-errc:
			cancel()
			return nil, fmt.Errorf("lvzhi %s exited before listening: %v\n%s", cmd, err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			return nil, fmt.Errorf("lvzhi %s did not start:\n%s", cmd, out.String())
		}
	}
}

// client is a browser-like HTTP client with cookies that does not follow redirects, so
// tests see where a page sends the user.
func client(t testing.TB) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

func get(t testing.TB, c *http.Client, u string) (int, string, http.Header) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func login(t testing.TB, s *server, username string) *http.Client {
	t.Helper()
	c := client(t)
	resp, err := c.PostForm(s.URL+"/login", url.Values{"username": {username}, "password": {"Demo-2026-lvzhi"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", username, resp.StatusCode)
	}
	return c
}

var (
	demoOnce   sync.Once
	demoServer *server
	demoErr    error
)

// sharedDemo returns the demo server shared by the tests of this file: loading the demo committee
// once keeps the suite fast.
func sharedDemo(t *testing.T) *server {
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lvzhi-run-test-")
		if err != nil {
			demoErr = err
			return
		}
		demoServer, demoErr = launch("demo", dir, nil)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoServer
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoServer != nil {
		demoServer.stop()
		os.RemoveAll(demoServer.Data)
	}
	os.Exit(code)
}

func TestDemoStartsWithChineseLoginAndAccounts(t *testing.T) {
	s := sharedDemo(t)
	for _, want := range []string{"staff", "member", "auditor", "Demo-2026-lvzhi", "346"} {
		if !strings.Contains(s.out.String(), want) {
			t.Errorf("start-up banner lacks %q:\n%s", want, s.out.String())
		}
	}
	c := client(t)
	code, body, hdr := get(t, c, s.URL+"/")
	if code != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/login") {
		t.Fatalf("anonymous / = %d %s, want a redirect to /login", code, hdr.Get("Location"))
	}
	code, body, hdr = get(t, c, s.URL+"/login")
	if code != 200 || !strings.Contains(body, "登录") || !strings.Contains(body, `lang="zh-CN"`) {
		t.Fatalf("login page: %d\n%s", code, body)
	}
	if !strings.Contains(body, "演示数据") {
		t.Error("the demo banner is missing from the login page")
	}
	csp := hdr.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q, want scripts from self only and no inline", csp)
	}
	if hdr.Get("X-Frame-Options") != "DENY" || hdr.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("security headers missing: %v", hdr)
	}
}

func TestStaffSeesOrganisationCountedFromRecords(t *testing.T) {
	s := sharedDemo(t)
	c := login(t, s, "staff")
	code, body, _ := get(t, c, s.URL+"/org")
	if code != 200 {
		t.Fatalf("/org = %d", code)
	}
	// The overview's member figure must equal the number of serving members the API lists.
	code, raw, _ := get(t, c, s.URL+"/api/v1/members?state=serving&per_page=1")
	if code != 200 {
		t.Fatalf("api members = %d %s", code, raw)
	}
	var list struct{ Total int }
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		t.Fatal(err)
	}
	if list.Total < 300 || !strings.Contains(body, fmt.Sprintf(`<span class="num">%d</span>`, list.Total)) {
		t.Errorf("overview does not show the %d serving members the records hold", list.Total)
	}
	for _, want := range []string{"界别", "专门委员会", "委员活动小组", "界别工作组"} {
		if !strings.Contains(body, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	code, body, _ = get(t, c, s.URL+"/org/unassigned")
	if code != 200 || strings.Count(body, `href="/members/`) != 3 {
		t.Errorf("全员入委 page: status %d, %d members listed, want 3", code, strings.Count(body, `href="/members/`))
	}
}

func TestPersonalDataMaskedAndRevealAudited(t *testing.T) {
	s := sharedDemo(t)
	staff := login(t, s, "staff")
	_, body, _ := get(t, staff, s.URL+"/members")
	if !regexp.MustCompile(`1[3-9]\d\*{4}\d{4}`).MatchString(body) {
		t.Fatal("member list shows no masked phone like 138****1234")
	}
	if regexp.MustCompile(`>1[3-9]\d{9}<`).MatchString(body) {
		t.Fatal("member list shows a whole phone number")
	}
	id := regexp.MustCompile(`href="/members/(\d+)"`).FindStringSubmatch(body)[1]
	resp, err := staff.PostForm(s.URL+"/members/"+id+"/reveal", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !regexp.MustCompile(`id="id-number">\d{17}[\dX]<`).Match(b) {
		t.Fatalf("reveal did not show the whole ID number (status %d)", resp.StatusCode)
	}
	auditor := login(t, s, "auditor")
	_, body, _ = get(t, auditor, s.URL+"/audit?action=member.view_pii")
	if !strings.Contains(body, "member:"+id) {
		t.Error("the unmasked view is not in the audit log")
	}
	// The audit administrator reads no business records (三员分立).
	if code, _, _ := get(t, auditor, s.URL+"/members"); code != http.StatusForbidden {
		t.Errorf("auditor /members = %d, want 403", code)
	}
	member := login(t, s, "member")
	if code, _, _ := get(t, member, s.URL+"/audit"); code != http.StatusForbidden {
		t.Errorf("member /audit = %d, want 403", code)
	}
}

// TestServedPagesReferenceNothingOutside crawls every page staff can reach from the home
// page and checks no page loads or links anything from another host (intranets are offline).
func TestServedPagesReferenceNothingOutside(t *testing.T) {
	s := sharedDemo(t)
	c := login(t, s, "staff")
	outside := regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?\s*(https?:)?//`)
	link := regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)
	seen := map[string]bool{}
	queue := []string{"/", "/login"}
	for len(queue) > 0 && len(seen) < 60 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] || strings.Contains(p, ".xlsx") || strings.Contains(p, "/photo") {
			continue
		}
		seen[p] = true
		code, body, _ := get(t, c, s.URL+p)
		if code >= 500 {
			t.Errorf("%s: status %d", p, code)
		}
		if m := outside.FindString(body); m != "" {
			t.Errorf("%s references an outside URL: %s", p, m)
		}
		for _, m := range link.FindAllStringSubmatch(body, -1) {
			u := strings.ReplaceAll(m[1], "&amp;", "&")
			if !seen[u] {
				queue = append(queue, u)
			}
		}
	}
	if len(seen) < 15 {
		t.Errorf("crawled only %d pages", len(seen))
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	s := sharedDemo(t)
	c := client(t)
	for _, p := range []string{"/healthz", "/readyz"} {
		if code, body, _ := get(t, c, s.URL+p); code != 200 {
			t.Errorf("%s = %d %s", p, code, body)
		}
	}
	get(t, c, s.URL+"/login")
	code, body, _ := get(t, c, s.URL+"/metrics")
	if code != 200 || !strings.Contains(body, `lvzhi_http_requests_total{method="GET",section="login",status="200"}`) {
		t.Errorf("/metrics = %d, lacks the login request counter", code)
	}
}

func TestFirstAdministratorFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	env := func(string) string { return "" }
	var out strings.Builder
	pw := "Chief-2026-first\nChief-2026-first\n"
	err := run(context.Background(), []string{"user", "add", "admin", "--data", dir, "--name", "系统管理员", "--role", "sysadmin",
		"--committee-name", "政协测试市委员会", "--level", "city"}, env, strings.NewReader(pw), &out, io.Discard)
	if err != nil {
		t.Fatalf("user add: %v\n%s", err, out.String())
	}
	// A weak password is refused with the policy's Chinese message.
	out.Reset()
	err = run(context.Background(), []string{"user", "add", "weak", "--data", dir, "--role", "auditor"}, env, strings.NewReader("abc\nabc\n"), &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "密码") {
		t.Errorf("weak password accepted or unclear: %v", err)
	}
	// Production serve: no demo data, no demo accounts, and the administrator can sign in.
	s := startServer(t, "serve", dir, nil)
	if strings.Contains(s.out.String(), "演示") {
		t.Error("serve mentions demo data")
	}
	c := client(t)
	resp, err := c.PostForm(s.URL+"/login", url.Values{"username": {"staff"}, "password": {"Demo-2026-lvzhi"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("demo account on a production server: %d, want 401", resp.StatusCode)
	}
	resp, err = c.PostForm(s.URL+"/login", url.Values{"username": {"admin"}, "password": {"Chief-2026-first"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// The administrator must enrol a second factor before anything else.
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/totp" {
		t.Fatalf("admin login went to %d %s, want the TOTP enrolment", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Until enrolled, every page leads back to the enrolment.
	if code, _, hdr := get(t, c, s.URL+"/users"); code != http.StatusSeeOther || hdr.Get("Location") != "/totp" {
		t.Errorf("/users before enrolment = %d %s, want a redirect to /totp", code, hdr.Get("Location"))
	}
	_, body, _ := get(t, c, s.URL+"/totp")
	m := regexp.MustCompile(`id="totp-secret">([A-Z2-7]+)<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the enrolment page shows no secret:\n%s", body)
	}
	code, err := auth.TOTPCode(m[1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	resp, err = c.PostForm(s.URL+"/totp", url.Values{"code": {code}, "secret": {m[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirming the code: %d", resp.StatusCode)
	}
	if code, _, _ := get(t, c, s.URL+"/users"); code != http.StatusOK {
		t.Errorf("/users after enrolment = %d, want 200", code)
	}
	// From now on the password alone is not enough.
	fresh := client(t)
	resp, err = fresh.PostForm(s.URL+"/login", url.Values{"username": {"admin"}, "password": {"Chief-2026-first"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(b), "动态口令") {
		t.Errorf("login without the code: %d, want 401 asking for the one-time code", resp.StatusCode)
	}
}

func TestEmptyDatabaseExplainsFirstAdministrator(t *testing.T) {
	s := startServer(t, "serve", t.TempDir(), nil)
	sc := bufio.NewScanner(strings.NewReader(s.out.String()))
	found := false
	for sc.Scan() {
		found = found || strings.Contains(sc.Text(), "lvzhi user add")
	}
	if !found {
		t.Errorf("serve on an empty database does not say how to create the first administrator:\n%s", s.out.String())
	}
}
