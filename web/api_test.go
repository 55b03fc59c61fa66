package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"lvzhi"
	"lvzhi/store"
)

// TestAPIRoutesMatchOpenAPI holds the route table, the mux and openapi.json to each other:
// every route is registered and documented with the same method and path, every documented
// operation is a route, and every path parameter is declared.
func TestAPIRoutesMatchOpenAPI(t *testing.T) {
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Parameters map[string]apiDocParam `json:"parameters"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	methods := map[string]bool{"get": true, "put": true, "post": true, "delete": true, "patch": true, "head": true, "options": true, "trace": true}
	documented := map[string]bool{}
	operationIDs := map[string]bool{}
	for path, item := range doc.Paths {
		var shared []apiDocParam
		if raw, ok := item["parameters"]; ok {
			json.Unmarshal(raw, &shared)
		}
		for m, raw := range item {
			if !methods[m] {
				continue
			}
			key := strings.ToUpper(m) + " " + path
			documented[key] = true
			var op struct {
				OperationID string                     `json:"operationId"`
				Parameters  []apiDocParam              `json:"parameters"`
				Responses   map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Errorf("%s: %v", key, err)
				continue
			}
			if op.OperationID == "" || operationIDs[op.OperationID] {
				t.Errorf("%s: operationId %q missing or repeated", key, op.OperationID)
			}
			operationIDs[op.OperationID] = true
			if len(op.Responses) == 0 {
				t.Errorf("%s: no responses", key)
			}
			declared := map[string]bool{}
			for _, p := range append(shared, op.Parameters...) {
				if p.Ref != "" {
					p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				if p.In == "path" {
					declared[p.Name] = true
				}
			}
			for _, name := range pathParams(path) {
				if !declared[name] {
					t.Errorf("%s: path parameter %q not declared", key, name)
				}
				delete(declared, name)
			}
			for name := range declared {
				t.Errorf("%s: declares path parameter %q that the path has not", key, name)
			}
		}
	}

	mux := (&Server{metrics: newMetrics()}).routes()
	table := map[string]bool{}
	for _, rt := range apiRouteTable() {
		key := rt.Method + " " + rt.Path
		if table[key] {
			t.Errorf("route %s listed twice", key)
		}
		table[key] = true
		if !documented[key] {
			t.Errorf("route %s is not in openapi.json", key)
		}
		url := regexp.MustCompile(`\{[a-z_]+\}`).ReplaceAllString(rt.Path, "1")
		if _, pattern := mux.Handler(httptest.NewRequest(rt.Method, url, nil)); pattern != key {
			t.Errorf("%s %s is served by %q, want %q", rt.Method, url, pattern, key)
		}
	}
	var extra []string
	for key := range documented {
		if !table[key] {
			extra = append(extra, key)
		}
	}
	sort.Strings(extra)
	for _, key := range extra {
		t.Errorf("openapi.json documents %s, which is not a route", key)
	}
}

type apiDocParam struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

func pathParams(path string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`\{([a-z_]+)\}`).FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// apiFixture is a committee with a current term, a sector, a department, a staff account and
// a member with an account, and a second committee with a member of its own.
type apiFixture struct {
	t                  *testing.T
	st                 *store.Store
	url                string
	committee          lvzhi.Committee
	term               lvzhi.Term
	sector, department lvzhi.OrgUnit
	own, other         lvzhi.Member
}

const testPassword = "Passw0rd-2026"

func newAPIFixture(t *testing.T) *apiFixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f := &apiFixture{t: t, st: st}
	f.committee, err = st.CreateCommittee(ctx, lvzhi.System(0), lvzhi.Committee{Name: "测试市政协", Level: lvzhi.LevelCity})
	must(err)
	f.term, f.sector, f.own = f.seedCommittee(f.committee, "620102", "13812345678")
	sys := lvzhi.System(f.committee.ID)
	f.department, err = st.CreateOrgUnit(ctx, sys, lvzhi.OrgUnit{CommitteeID: f.committee.ID, Kind: lvzhi.OrgDepartment, Name: "委员工作科"})
	must(err)
	_, err = st.CreateUser(ctx, sys, lvzhi.User{CommitteeID: f.committee.ID, Username: "clerk", Name: "张科员",
		Roles: []lvzhi.Role{lvzhi.RoleStaff}, DepartmentID: f.department.ID}, testPassword)
	must(err)
	_, err = st.CreateUser(ctx, sys, lvzhi.User{CommitteeID: f.committee.ID, Username: "liwei", Name: "李伟",
		Roles: []lvzhi.Role{lvzhi.RoleMember}, MemberID: f.own.ID}, testPassword)
	must(err)
	for _, r := range []lvzhi.Role{lvzhi.RoleSysAdmin, lvzhi.RoleSecAdmin, lvzhi.RoleAuditor} {
		_, err = st.CreateUser(ctx, sys, lvzhi.User{CommitteeID: f.committee.ID, Username: string(r), Name: lvzhi.RoleLabel[r],
			Roles: []lvzhi.Role{r}}, testPassword)
		must(err)
	}
	st.WaiveTOTP = true // the administrators sign in without enrolling a second factor
	county, err := st.CreateCommittee(ctx, lvzhi.System(0), lvzhi.Committee{ParentID: f.committee.ID, Name: "测试区政协", Level: lvzhi.LevelCounty})
	must(err)
	_, _, f.other = f.seedCommittee(county, "620103", "13987654321")

	h, err := NewServer(st, Config{DataDir: t.TempDir()})
	must(err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

// seedCommittee gives a committee a current term, a sector and one serving member.
func (f *apiFixture) seedCommittee(c lvzhi.Committee, area, phone string) (lvzhi.Term, lvzhi.OrgUnit, lvzhi.Member) {
	f.t.Helper()
	ctx, sys := context.Background(), lvzhi.System(c.ID)
	term, err := f.st.CreateTerm(ctx, sys, lvzhi.Term{CommitteeID: c.ID, Number: 8, StartYear: 2022, EndYear: 2027, Current: true})
	if err != nil {
		f.t.Fatal(err)
	}
	sector, err := f.st.CreateOrgUnit(ctx, sys, lvzhi.OrgUnit{CommitteeID: c.ID, Kind: lvzhi.OrgSector, Name: "经济界"})
	if err != nil {
		f.t.Fatal(err)
	}
	m, err := f.st.CreateMember(ctx, sys, lvzhi.Member{CommitteeID: c.ID, TermID: term.ID, SectorID: sector.ID, Name: "委员" + area,
		Gender: "男", IDNumber: testIDNumber(area + "19650308001"), Phone: phone, Employer: "某公司"})
	if err != nil {
		f.t.Fatal(err)
	}
	return term, sector, m
}

// testIDNumber completes 17 digits with their GB 11643 check character.
func testIDNumber(first17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return first17 + string("10X98765432"[sum%11])
}

// call sends a request with an optional bearer token and body (a string is sent as is,
// anything else as JSON) and returns the status and the body.
func (f *apiFixture) call(method, path, token string, body any) (int, []byte) {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, f.url+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// decode parses a JSON body into v, failing the test when it is not.
func (f *apiFixture) decode(raw []byte, v any) {
	f.t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		f.t.Fatalf("body %s: %v", raw, err)
	}
}

// login signs in and returns the token.
func (f *apiFixture) login(username string) string {
	f.t.Helper()
	status, body := f.call("POST", "/api/v1/login", "", loginRequest{Username: username, Password: testPassword})
	if status != http.StatusOK {
		f.t.Fatalf("login %s: %d %s", username, status, body)
	}
	var l loginJSON
	f.decode(body, &l)
	if l.Token == "" {
		f.t.Fatalf("login %s: no token in %s", username, body)
	}
	return l.Token
}

// wantError checks an error answer's status, code, and that the message holds every part.
func (f *apiFixture) wantError(status int, body []byte, wantStatus int, code string, parts ...string) apiErrorBody {
	f.t.Helper()
	var e apiError
	f.decode(body, &e)
	if status != wantStatus || e.Error.Code != code {
		f.t.Fatalf("got %d %s, want %d with code %s", status, body, wantStatus, code)
	}
	for _, p := range parts {
		if !strings.Contains(e.Error.Message, p) {
			f.t.Errorf("message %q does not contain %q", e.Error.Message, p)
		}
	}
	return e.Error
}
