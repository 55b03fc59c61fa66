package lvzhi

import (
	"testing"
	"time"
)

// sealedChain returns a sealed chain of n entries with ids 1..n, starting from prev "".
func sealedChain(n int) []AuditEntry {
	base := time.Date(2026, 5, 27, 9, 30, 0, 0, time.UTC)
	out := make([]AuditEntry, n)
	prev := ""
	for i := range out {
		e := AuditEntry{
			ID: int64(i + 1), At: base.Add(time.Duration(i) * time.Minute), CommitteeID: 1,
			UserID: int64(10 + i), Username: "staff", Action: "member.update",
			Object: "member:42", Result: AuditOK, Detail: "修改联系电话", IP: "10.0.0.8",
		}
		e.Seal(prev)
		prev = e.Hash
		out[i] = e
	}
	return out
}

func TestAuditChainVerifies(t *testing.T) {
	chain := sealedChain(5)
	if got := verifyID("", chain); got != 0 {
		t.Fatalf("untouched chain: broken at %d", got)
	}
	for i, e := range chain {
		if len(e.Hash) != 64 {
			t.Errorf("row %d: hash %q is not a hex SHA-256", e.ID, e.Hash)
		}
		if i > 0 && e.PrevHash != chain[i-1].Hash {
			t.Errorf("row %d does not link to row %d", e.ID, chain[i-1].ID)
		}
	}
	if chain[0].PrevHash != "" {
		t.Errorf("first row links to %q, want the empty start", chain[0].PrevHash)
	}
	if got := verifyID(chain[1].Hash, chain[2:]); got != 0 {
		t.Errorf("verifying from row 3 on, after row 2's hash: broken at %d", got)
	}
	if got := verifyID("", nil); got != 0 {
		t.Errorf("empty log: broken at %d", got)
	}
	if got := verifyID("", chain[2:]); got != 3 {
		t.Errorf("verifying from row 3 with the wrong start: broken at %d, want 3", got)
	}
}

func TestAuditChainDetectsChangedField(t *testing.T) {
	tests := []struct {
		field  string
		change func(*AuditEntry)
	}{
		{"At", func(e *AuditEntry) { e.At = e.At.Add(time.Second) }},
		{"CommitteeID", func(e *AuditEntry) { e.CommitteeID = 2 }},
		{"UserID", func(e *AuditEntry) { e.UserID++ }},
		{"Username", func(e *AuditEntry) { e.Username = "auditor" }},
		{"Action", func(e *AuditEntry) { e.Action = "member.view_pii" }},
		{"Object", func(e *AuditEntry) { e.Object = "member:43" }},
		{"Result", func(e *AuditEntry) { e.Result = AuditDenied }},
		{"Detail", func(e *AuditEntry) { e.Detail = "" }},
		{"IP", func(e *AuditEntry) { e.IP = "10.0.0.9" }},
		{"PrevHash", func(e *AuditEntry) { e.PrevHash = "" }},
		{"Hash", func(e *AuditEntry) { e.Hash = e.PrevHash }},
	}
	for _, tc := range tests {
		chain := sealedChain(5)
		tc.change(&chain[2])
		if got := verifyID("", chain); got != 3 {
			t.Errorf("changed %s of row 3: VerifyChain = %d, want 3", tc.field, got)
		}
	}
}

// TestAuditChainDetectsChangedID: the id is hashed too. VerifyChain can only name a row by
// the id it now carries, but it must never answer 0 ("the chain holds") for a broken chain.
// TestAuditChainDetectsResealedRow: whoever changes a row and seals it again makes it
// consistent in itself, but the next row no longer links to it.
func TestAuditChainDetectsResealedRow(t *testing.T) {
	chain := sealedChain(5)
	chain[2].Detail = "改"
	chain[2].Seal(chain[2].PrevHash)
	if got := verifyID("", chain); got != 4 {
		t.Errorf("row 3 changed and re-sealed: VerifyChain = %d, want 4", got)
	}
}

func TestAuditChainDetectsChangedID(t *testing.T) {
	for _, id := range []int64{33, 4, -3, 0} {
		chain := sealedChain(5)
		chain[2].ID = id
		got, ok := VerifyChain("", chain)
		if ok {
			t.Errorf("row 3's id changed to %d and VerifyChain reports the chain intact", id)
		} else if got != id {
			t.Errorf("row 3's id changed to %d: VerifyChain = %d, want %d", id, got, id)
		}
	}
}

// verifyID is VerifyChain's broken id, 0 when the chain holds: the tests above never give a
// row id 0, so 0 is unambiguous for them.
func verifyID(prev string, entries []AuditEntry) int64 {
	id, ok := VerifyChain(prev, entries)
	if ok {
		return 0
	}
	return id
}

func TestAuditChainDetectsRemovalAndReorder(t *testing.T) {
	chain := sealedChain(5)
	removed := append(append([]AuditEntry{}, chain[:2]...), chain[3:]...)
	if got := verifyID("", removed); got != 4 {
		t.Errorf("row 3 removed: VerifyChain = %d, want 4", got)
	}
	removedFirst := chain[1:]
	if got := verifyID("", removedFirst); got != 2 {
		t.Errorf("row 1 removed: VerifyChain = %d, want 2", got)
	}
	swapped := append([]AuditEntry{}, chain...)
	swapped[2], swapped[3] = swapped[3], swapped[2]
	if got := verifyID("", swapped); got != 4 {
		t.Errorf("rows 3 and 4 swapped: VerifyChain = %d, want 4", got)
	}
	// Swapping the ids back into order does not help: the ids are hashed.
	swapped[2].ID, swapped[3].ID = 3, 4
	if got := verifyID("", swapped); got == 0 {
		t.Error("rows 3 and 4 swapped with their ids renumbered: not detected")
	}
	inserted := append(append(append([]AuditEntry{}, chain[:3]...), chain[1]), chain[3:]...)
	if got := verifyID("", inserted); got != 2 {
		t.Errorf("row 2 replayed after row 3: VerifyChain = %d, want 2", got)
	}
}

// TestAuditHashTimePrecision: the time is hashed at second precision in UTC, as both
// databases store it, so a row read back from the database still verifies.
func TestAuditHashTimePrecision(t *testing.T) {
	beijing := time.FixedZone("CST", 8*3600)
	e := AuditEntry{ID: 1, At: time.Date(2026, 5, 27, 17, 30, 0, 123456789, beijing), Username: "a", Action: "login"}
	e.Seal("")
	stored := e
	stored.At = e.At.UTC().Truncate(time.Second)
	if got := verifyID("", []AuditEntry{stored}); got != 0 {
		t.Errorf("row read back in UTC at second precision does not verify: %d", got)
	}
}

// TestAuditHashSeparatorCannotForge: a field containing the separator or quotes must not
// let two different rows share a hash.
func TestAuditHashSeparatorCannotForge(t *testing.T) {
	at := time.Date(2026, 5, 27, 9, 0, 0, 0, time.UTC)
	pairs := []struct {
		name string
		a, b AuditEntry
	}{
		{"separator moves between Detail and IP (plain join)",
			AuditEntry{ID: 1, At: at, Detail: "a|b", IP: "c"},
			AuditEntry{ID: 1, At: at, Detail: "a", IP: "b|c"}},
		{"separator moves between Username and Action",
			AuditEntry{ID: 1, At: at, Username: "staff|member.update", Action: ""},
			AuditEntry{ID: 1, At: at, Username: "staff", Action: "member.update|"}},
		{"quotes and separator (join of quote-wrapped fields)",
			AuditEntry{ID: 1, At: at, Detail: `a"|"b`, IP: "c"},
			AuditEntry{ID: 1, At: at, Detail: "a", IP: `b"|"c`}},
		{"backslashes and quotes around the separator",
			AuditEntry{ID: 1, At: at, Detail: `x\"|\"y`, IP: ""},
			AuditEntry{ID: 1, At: at, Detail: `x\`, IP: `|\"y`}},
		{"separator into the object",
			AuditEntry{ID: 1, At: at, Object: "member:1|ok", Result: ""},
			AuditEntry{ID: 1, At: at, Object: "member:1", Result: "|ok"}},
	}
	for _, p := range pairs {
		a, b := p.a, p.b
		a.Seal("")
		b.Seal("")
		if a.Hash == b.Hash {
			t.Errorf("%s: different rows share hash %s", p.name, a.Hash)
		}
		// And neither row verifies with the other's hash.
		forged := b
		forged.Hash = a.Hash
		if verifyID("", []AuditEntry{forged}) == 0 {
			t.Errorf("%s: forged row verifies", p.name)
		}
	}
}

func TestAuditResultLabels(t *testing.T) {
	for r, want := range map[string]string{AuditOK: "成功", AuditFailed: "失败", AuditDenied: "拒绝"} {
		if AuditResultLabel[r] != want {
			t.Errorf("AuditResultLabel[%s] = %q, want %q", r, AuditResultLabel[r], want)
		}
	}
}
