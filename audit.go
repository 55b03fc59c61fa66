package lvzhi

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one row of the audit log: who, when, what, on which object, with what
// result, from where. Rows are only ever appended; each carries the hash of its own fields
// and of the row before, so a changed or removed row breaks the chain.
type AuditEntry struct {
	ID          int64
	At          time.Time
	CommitteeID int64
	UserID      int64
	Username    string
	Action      string // login, logout, member.update, member.view_pii, user.create …
	Object      string // member:42, user:7
	Result      string // ok, fail, denied
	Detail      string
	IP          string
	PrevHash    string
	Hash        string
}

// Audit results.
const (
	AuditOK     = "ok"
	AuditFailed = "fail"
	AuditDenied = "denied"
)

// AuditResultLabel is the Chinese name of each result.
var AuditResultLabel = map[string]string{AuditOK: "成功", AuditFailed: "失败", AuditDenied: "拒绝"}

// Seal sets the entry's PrevHash and computes its Hash. The time is hashed at second
// precision in UTC, as both databases store it.
func (e *AuditEntry) Seal(prev string) {
	e.PrevHash = prev
	e.Hash = e.computeHash()
}

func (e AuditEntry) computeHash() string {
	fields := []string{
		strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339), strconv.FormatInt(e.CommitteeID, 10),
		strconv.FormatInt(e.UserID, 10), e.Username, e.Action, e.Object, e.Result, e.Detail, e.IP, e.PrevHash,
	}
	for i, f := range fields { // a field with the separator in it must not collide with two fields
		fields[i] = strconv.Quote(f)
	}
	sum := sha256.Sum256([]byte(strings.Join(fields, "|")))
	return hex.EncodeToString(sum[:])
}

// VerifyChain checks entries given in id order, each against its own hash and the one before.
// It reports whether the chain holds and, when it does not, the id the first broken row
// carries now. prev is the hash before the first entry ("" at the start of the log).
func VerifyChain(prev string, entries []AuditEntry) (brokenID int64, ok bool) {
	for _, e := range entries {
		if e.PrevHash != prev || e.computeHash() != e.Hash {
			return e.ID, false
		}
		prev = e.Hash
	}
	return 0, true
}

// AuditFilter selects audit rows for the audit administrator.
type AuditFilter struct {
	Username string
	Action   string
	Object   string
	From, To time.Time
	Paging
}
