package web

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"lvzhi"
)

// Staff open a session's proposal window through the API as they do on the terms page: the
// window is stored and answered back, and a malformed date names its field and stores nothing.
func TestAPICreateSessionWithWindow(t *testing.T) {
	f := newAPIFixture(t)
	staff := f.login("clerk")
	path := fmt.Sprintf("/api/v1/terms/%d/sessions", f.term.ID)

	status, body := f.call("POST", path, staff, map[string]any{"number": 2, "submit_from": "2026-12-01", "submit_until": "2026-12-31x"})
	e := f.wantError(status, body, http.StatusUnprocessableEntity, "invalid")
	if e.Fields["submit_until"] == "" || e.Fields["submit_from"] != "" {
		t.Errorf("fields %v: want only submit_until named", e.Fields)
	}
	sessions, err := f.st.Sessions(context.Background(), lvzhi.System(f.committee.ID), f.committee.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) != 0 {
		t.Fatalf("a refused session was stored: %+v", sessions)
	}

	status, body = f.call("POST", path, staff, map[string]any{"number": 2, "opens_on": "2027-01-10", "submit_from": "2026-12-01", "submit_until": "2026-12-31"})
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, body)
	}
	var got sessionJSON
	f.decode(body, &got)
	if got.SubmitFrom == nil || *got.SubmitFrom != "2026-12-01" || got.SubmitUntil == nil || *got.SubmitUntil != "2026-12-31" {
		t.Errorf("answer %s: want the window 2026-12-01 … 2026-12-31", body)
	}
	sessions, err = f.st.Sessions(context.Background(), lvzhi.System(f.committee.ID), f.committee.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) != 1 || sessions[0].SubmitFrom.Format("2006-01-02") != "2026-12-01" || sessions[0].SubmitUntil.Format("2006-01-02") != "2026-12-31" {
		t.Errorf("stored %+v: want one session with the window", sessions)
	}
}
