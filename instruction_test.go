package lvzhi

import (
	"strings"
	"testing"
	"time"
)

func TestInstructionWorkflow(t *testing.T) {
	for _, c := range []struct {
		from, action, to string
	}{
		{InstructionPending, "follow_up", InstructionPending},
		{InstructionPending, "complete", InstructionDone},
		{InstructionDone, "reopen", InstructionPending},
	} {
		if got, err := InstructionWorkflow.Next(c.from, c.action); err != nil || got != c.to {
			t.Errorf("%s --%s--> %q, %v; want %s", c.from, c.action, got, err, c.to)
		}
	}
	for _, c := range []struct{ from, action string }{
		{InstructionDone, "complete"}, {InstructionDone, "follow_up"}, {InstructionPending, "reopen"},
	} {
		_, err := InstructionWorkflow.Next(c.from, c.action)
		if ErrorCodeOf(err) != ErrConflict || !strings.Contains(err.Error(), InstructionWorkflow.StateLabel[c.from]) ||
			!strings.Contains(err.Error(), InstructionWorkflow.ActionLabel[c.action]) {
			t.Errorf("%s --%s--> %v, want a conflict naming both", c.from, c.action, err)
		}
	}
	if _, err := InstructionWorkflow.Next(InstructionPending, "approve"); ErrorCodeOf(err) != ErrInvalid {
		t.Errorf("unknown action: %v", err)
	}
}

func TestInstructionValidate(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	set := DefaultInstructionSettings()
	good := Instruction{RecordKind: KindProposal, RecordID: 1, Leader: "张书记", Rank: "市委主要领导", GivenOn: now.AddDate(0, 0, -1), Body: "请研究落实。"}
	if err := good.Validate(set, now); err != nil {
		t.Fatalf("a good instruction: %v", err)
	}
	for _, c := range []struct {
		field string
		mod   func(*Instruction)
	}{
		{"leader", func(in *Instruction) { in.Leader = "  " }},
		{"leader", func(in *Instruction) { in.Leader = strings.Repeat("张", 51) }},
		{"rank", func(in *Instruction) { in.Rank = "村主任" }},
		{"given_on", func(in *Instruction) { in.GivenOn = time.Time{} }},
		{"given_on", func(in *Instruction) { in.GivenOn = now.AddDate(0, 0, 3) }},
		{"body", func(in *Instruction) { in.Body = "" }},
		{"record_kind", func(in *Instruction) { in.RecordKind = "member" }},
		{"record_id", func(in *Instruction) { in.RecordID = 0 }},
	} {
		in := good
		c.mod(&in)
		if msg := ErrorFields(in.Validate(set, now))[c.field]; msg == "" {
			t.Errorf("no message for %s", c.field)
		}
	}
	for _, k := range InstructionRecordKinds {
		if RecordKindLabel[k] == "" {
			t.Errorf("kind %s has no label", k)
		}
	}
}

func TestInstructionSettingsValidate(t *testing.T) {
	if err := DefaultInstructionSettings().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
	for _, s := range []InstructionSettings{
		{},
		{Ranks: []string{"市领导", "市领导"}},
		{Ranks: []string{""}},
		{Ranks: []string{"市领导"}, Main: []string{"市委主要领导"}},
	} {
		if ErrorCodeOf(s.Validate()) != ErrInvalid {
			t.Errorf("%+v accepted", s)
		}
	}
}

func TestFollowUpValidate(t *testing.T) {
	if err := (FollowUpInput{}).Validate("follow_up"); ErrorFields(err)["follow_up"] == "" {
		t.Errorf("empty progress: %v", err)
	}
	if err := (FollowUpInput{Department: "市教育局"}).Validate("follow_up"); err != nil {
		t.Errorf("progress with a department: %v", err)
	}
	f := ErrorFields((FollowUpInput{}).Validate("complete"))
	if f["department"] == "" || f["follow_up"] == "" || f["done_on"] == "" {
		t.Errorf("complete without anything: %v", f)
	}
	if err := (FollowUpInput{Department: "市教育局", FollowUp: "已落实", DoneOn: time.Now()}).Validate("complete"); err != nil {
		t.Errorf("complete: %v", err)
	}
	if err := (FollowUpInput{Note: "需继续跟踪"}).Validate("reopen"); err != nil {
		t.Errorf("reopen: %v", err)
	}
}
