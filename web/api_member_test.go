package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"lvzhi"
	"lvzhi/roster"
)

func TestAPILogin(t *testing.T) {
	f := newAPIFixture(t)
	status, body := f.call("POST", "/api/v1/login", "", loginRequest{Username: "clerk", Password: "wrong-Passw0rd"})
	f.wantError(status, body, http.StatusUnauthorized, "unauthorized", "用户名或密码错误")

	status, body = f.call("GET", "/api/v1/members", "", nil)
	f.wantError(status, body, http.StatusUnauthorized, "unauthorized", "请先登录")

	status, body = f.call("POST", "/api/v1/login", "", `{"username":"clerk","password":"x","extra":1}`)
	if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid", "extra"); e.Fields["extra"] == "" {
		t.Errorf("unknown field not named in fields: %s", body)
	}

	tok := f.login(" Clerk ")
	status, body = f.call("GET", "/api/v1/me", tok, nil)
	var me meJSON
	f.decode(body, &me)
	if status != http.StatusOK || me.User.Username != "clerk" || me.CommitteeID != f.committee.ID || len(me.Committees) != 1 {
		t.Errorf("me: %d %s", status, body)
	}

	if status, body = f.call("POST", "/api/v1/logout", tok, nil); status != http.StatusNoContent {
		t.Errorf("logout: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/me", tok, nil)
	f.wantError(status, body, http.StatusUnauthorized, "unauthorized")
}

func TestAPIMembers(t *testing.T) {
	f := newAPIFixture(t)
	staff := f.login("clerk")

	status, body := f.call("GET", "/api/v1/members", staff, nil)
	var page listJSON[memberJSON]
	f.decode(body, &page)
	if status != http.StatusOK || page.Total != 1 || len(page.Items) != 1 || page.Items[0].ID != f.own.ID || !page.Items[0].Masked {
		t.Fatalf("list: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/members?state=left", staff, nil)
	if f.decode(body, &page); status != http.StatusOK || page.Total != 0 || page.Items == nil {
		t.Errorf("filtered list: %d %s", status, body)
	}

	in := map[string]any{"name": "王芳", "gender": "女", "sector_id": f.sector.ID, "phone": "13912345678",
		"id_number": "62010219700101000X"}
	status, body = f.call("POST", "/api/v1/members", staff, in)
	if e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid"); e.Fields["id_number"] == "" {
		t.Errorf("bad ID number not named: %s", body)
	}
	in["id_number"] = testIDNumber("62010219700101002")
	status, body = f.call("POST", "/api/v1/members", staff, in)
	var m memberJSON
	f.decode(body, &m)
	if status != http.StatusCreated || m.Phone != "139****5678" || !m.Masked || m.TermID != f.term.ID || m.State != "serving" {
		t.Fatalf("create: %d %s", status, body)
	}
	id := strconv.FormatInt(m.ID, 10)

	// A PATCH changes only what it sends; a masked value sent back keeps the stored one.
	status, body = f.call("PATCH", "/api/v1/members/"+id, staff, map[string]any{"title": "主任", "phone": m.Phone, "party_id": nil})
	if f.decode(body, &m); status != http.StatusOK || m.Title != "主任" || m.Name != "王芳" || m.Phone != "139****5678" {
		t.Fatalf("patch: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/members/"+id+"/pii", staff, nil)
	if f.decode(body, &m); status != http.StatusOK || m.Masked || m.Phone != "13912345678" || m.IDNumber != in["id_number"] {
		t.Errorf("pii after patch: %d %s", status, body)
	}
	status, body = f.call("PATCH", "/api/v1/members/"+id, staff, `{"nickname":"芳"}`)
	f.wantError(status, body, http.StatusUnprocessableEntity, "invalid", "nickname")
	status, body = f.call("PATCH", "/api/v1/members/"+id, staff, `{"title": "`+strings.Repeat("长", 1<<19)+`"}`)
	f.wantError(status, body, http.StatusUnprocessableEntity, "invalid", "1MB")

	// The workflow: leave, then leave again is refused with the state and the action named.
	status, body = f.call("POST", "/api/v1/members/"+id+"/actions/leave", staff, map[string]string{"note": "辞职"})
	if f.decode(body, &m); status != http.StatusOK || m.State != "left" || len(m.Actions) != 1 || m.Actions[0] != "reinstate" {
		t.Fatalf("leave: %d %s", status, body)
	}
	status, body = f.call("POST", "/api/v1/members/"+id+"/actions/leave", staff, nil)
	f.wantError(status, body, http.StatusConflict, "conflict", "离任", "办理离任")

	status, body = f.call("GET", "/api/v1/members/"+id+"/events", staff, nil)
	var events listJSON[eventJSON]
	if f.decode(body, &events); status != http.StatusOK || events.Total < 3 || events.Items[0].Action != "leave" || events.Items[0].Note != "辞职" {
		t.Errorf("events: %d %s", status, body)
	}
}

func TestAPIMemberOwnRecord(t *testing.T) {
	f := newAPIFixture(t)
	tok := f.login("liwei")
	own, other := strconv.FormatInt(f.own.ID, 10), strconv.FormatInt(f.other.ID, 10)

	status, body := f.call("GET", "/api/v1/members/"+other, tok, nil)
	if status != http.StatusForbidden && status != http.StatusNotFound {
		t.Errorf("another committee's member: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/members/"+own, tok, nil)
	var m memberJSON
	if f.decode(body, &m); status != http.StatusOK || !m.Masked || len(m.Actions) != 0 {
		t.Fatalf("own record: %d %s", status, body)
	}

	// A member changes their contact fields; the office's fields stay as they were.
	status, body = f.call("PATCH", "/api/v1/members/"+own, tok, map[string]any{"phone": "13700001111", "name": "改名", "id_number": m.IDNumber})
	if f.decode(body, &m); status != http.StatusOK || m.Phone != "137****1111" || m.Name != f.own.Name {
		t.Fatalf("own patch: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/members/"+own+"/pii", tok, nil)
	if f.decode(body, &m); status != http.StatusOK || m.IDNumber != f.own.IDNumber || m.Phone != "13700001111" {
		t.Errorf("own pii: %d %s", status, body)
	}
	status, body = f.call("POST", "/api/v1/members/"+own+"/actions/leave", tok, nil)
	f.wantError(status, body, http.StatusForbidden, "forbidden")

	status, body = f.call("PUT", "/api/v1/members/"+own+"/photo", tok, "plain text")
	f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")
	status, body = f.call("PUT", "/api/v1/members/"+own+"/photo", tok, "\x89PNG\r\n\x1a\n0000IHDR")
	if f.decode(body, &m); status != http.StatusOK || !m.HasPhoto {
		t.Fatalf("photo: %d %s", status, body)
	}
	if status, body = f.call("GET", "/api/v1/members/"+own+"/photo", tok, nil); status != http.StatusOK || !bytes.HasPrefix(body, []byte("\x89PNG")) {
		t.Errorf("get photo: %d %.100s", status, body)
	}
	status, body = f.call("POST", "/api/v1/members", tok, map[string]any{"name": "新人", "gender": "男",
		"sector_id": f.sector.ID, "id_number": testIDNumber("62010219800101001")})
	f.wantError(status, body, http.StatusForbidden, "forbidden")
}

func TestAPIImportMembers(t *testing.T) {
	f := newAPIFixture(t)
	staff := f.login("clerk")

	status, body := f.upload(staff, "bad.xlsx", []byte("not a workbook"))
	var bad importErrorJSON
	if f.decode(body, &bad); status != http.StatusUnprocessableEntity || bad.Error.Code != "invalid" || len(bad.Error.Rows) == 0 {
		t.Fatalf("bad file: %d %s", status, body)
	}

	// An exported roster, edited, imports back: the member found by ID number is updated.
	members, err := f.st.ExportMembers(context.Background(), lvzhi.System(f.committee.ID), lvzhi.MemberFilter{CommitteeID: f.committee.ID})
	if err != nil {
		t.Fatal(err)
	}
	members[0].Title = "董事长"
	var buf bytes.Buffer
	if err := roster.Export(&buf, members); err != nil {
		t.Fatal(err)
	}
	status, body = f.upload(staff, "名册.xlsx", buf.Bytes())
	var res importResult
	if f.decode(body, &res); status != http.StatusOK || res.Updated != 1 || res.Created != 0 {
		t.Fatalf("import: %d %s", status, body)
	}
	status, body = f.upload(f.login("liwei"), "名册.xlsx", buf.Bytes())
	f.wantError(status, body, http.StatusForbidden, "forbidden")

	for _, path := range []string{"/api/v1/members/export?state=serving", "/api/v1/members/import/template"} {
		if status, body = f.call("GET", path, staff, nil); status != http.StatusOK || !bytes.HasPrefix(body, []byte("PK")) {
			t.Errorf("%s: %d %.100s", path, status, body)
		}
	}
}

// upload posts a roster file to the import, into the current term.
func (f *apiFixture) upload(token, name string, file []byte) (int, []byte) {
	f.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(file)
	mw.Close()
	req, _ := http.NewRequest("POST", f.url+"/api/v1/members/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func TestAPIOrgAndDocument(t *testing.T) {
	f := newAPIFixture(t)
	staff := f.login("clerk")

	status, body := f.call("POST", "/api/v1/sectors", staff, map[string]any{"name": "农业界", "position": 2})
	var u orgUnitJSON
	if f.decode(body, &u); status != http.StatusCreated || u.Kind != "sector" || u.Name != "农业界" {
		t.Fatalf("create sector: %d %s", status, body)
	}
	status, body = f.call("GET", fmt.Sprintf("/api/v1/parties/%d", u.ID), staff, nil)
	f.wantError(status, body, http.StatusNotFound, "not_found")
	status, body = f.call("PATCH", fmt.Sprintf("/api/v1/sectors/%d", u.ID), staff, map[string]any{"name": "农业和农村界"})
	if f.decode(body, &u); status != http.StatusOK || u.Name != "农业和农村界" || u.Position != 2 {
		t.Errorf("patch sector: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/sectors", staff, nil)
	var units listJSON[orgUnitJSON]
	if f.decode(body, &units); status != http.StatusOK || units.Total != 2 || units.Items[0].Members != 1 {
		t.Errorf("sectors: %d %s", status, body)
	}
	if status, body = f.call("DELETE", fmt.Sprintf("/api/v1/sectors/%d", u.ID), staff, nil); status != http.StatusNoContent {
		t.Errorf("delete sector: %d %s", status, body)
	}
	status, body = f.call("GET", "/api/v1/overview", staff, nil)
	var o overviewJSON
	if f.decode(body, &o); status != http.StatusOK || o.Members != 1 || o.Term == nil || o.Counts["department"] != 1 {
		t.Errorf("overview: %d %s", status, body)
	}

	status, body = f.call("GET", "/api/v1/openapi.json", "", nil)
	var doc map[string]any
	if status != http.StatusOK || json.Unmarshal(body, &doc) != nil || doc["paths"] == nil {
		t.Errorf("openapi.json: %d %.200s", status, body)
	}
	status, body = f.call("GET", "/api/v1/nothing", staff, nil)
	f.wantError(status, body, http.StatusNotFound, "not_found")
	status, body = f.call("DELETE", "/api/v1/members", staff, nil)
	if f.wantError(status, body, http.StatusMethodNotAllowed, "invalid", "GET"); !strings.Contains(string(body), "POST") {
		t.Errorf("405 without the allowed methods: %s", body)
	}
}
