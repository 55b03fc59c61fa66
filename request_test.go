package lvzhi

import (
	"strings"
	"testing"
	"time"
)

func TestRequestWorkflow(t *testing.T) {
	for _, c := range []struct{ from, action, to string }{
		{RequestDraft, "submit", RequestSubmitted},
		{RequestDraft, "withdraw", RequestWithdrawn},
		{RequestSubmitted, "withdraw", RequestWithdrawn},
	} {
		if got, err := RequestWorkflow.Next(c.from, c.action); err != nil || got != c.to {
			t.Errorf("%s --%s--> %q, %v", c.from, c.action, got, err)
		}
	}
	for _, c := range []struct{ from, action string }{
		{RequestSubmitted, "submit"}, {RequestWithdrawn, "submit"}, {RequestWithdrawn, "withdraw"},
	} {
		_, err := RequestWorkflow.Next(c.from, c.action)
		if ErrorCodeOf(err) != ErrConflict || !strings.Contains(err.Error(), RequestWorkflow.StateLabel[c.from]) {
			t.Errorf("%s --%s--> %v, want a conflict", c.from, c.action, err)
		}
	}
	if got := RequestWorkflow.Allowed(RequestDraft); len(got) != 2 {
		t.Errorf("a draft allows %v", got)
	}
}

func TestRequestValidate(t *testing.T) {
	good := Request{Type: RequestAsk, Subject: "关于召开专题协商会的请示", OnDate: time.Now(), DepartmentID: 3, Body: "妥否,请批示。"}
	if err := good.Validate(true); err != nil {
		t.Fatalf("a good request: %v", err)
	}
	draft := good
	draft.Body = ""
	if err := draft.Validate(false); err != nil {
		t.Errorf("a draft without text: %v", err)
	}
	if ErrorFields(draft.Validate(true))["body"] == "" {
		t.Errorf("submitting without text is accepted")
	}
	f := ErrorFields(Request{Type: "memo", Subject: strings.Repeat("题", 201)}.Validate(false))
	for _, k := range []string{"type", "subject", "on_date", "department_id"} {
		if f[k] == "" {
			t.Errorf("no message for %s: %v", k, f)
		}
	}
	if tg := good.Target(); tg.Kind != KindRequest || tg.DepartmentID != 3 {
		t.Errorf("target %+v", tg)
	}
}
