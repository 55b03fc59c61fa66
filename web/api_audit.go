package web

import (
	"net/http"
	"net/url"
	"time"

	"lvzhi"
)

// auditJSON is one row of the audit log, with the hashes that chain it to the row before.
type auditJSON struct {
	ID          int64     `json:"id"`
	At          time.Time `json:"at"`
	CommitteeID int64     `json:"committee_id"`
	UserID      *int64    `json:"user_id"`
	Username    string    `json:"username"`
	Action      string    `json:"action"`
	Object      string    `json:"object"`
	Result      string    `json:"result"`
	Detail      string    `json:"detail"`
	IP          string    `json:"ip"`
	PrevHash    string    `json:"prev_hash"`
	Hash        string    `json:"hash"`
}

func toAuditJSON(e lvzhi.AuditEntry) auditJSON {
	return auditJSON{ID: e.ID, At: e.At.UTC(), CommitteeID: e.CommitteeID, UserID: optID(e.UserID), Username: e.Username,
		Action: e.Action, Object: e.Object, Result: e.Result, Detail: e.Detail, IP: e.IP, PrevHash: e.PrevHash, Hash: e.Hash}
}

// apiAuditFilter reads the audit filter of the page (from and to as dates in China time,
// "to" included) and also takes from and to as RFC 3339 instants ("to" excluded).
func apiAuditFilter(q url.Values) (lvzhi.AuditFilter, error) {
	f := auditFilter(q)
	bad := map[string]string{}
	for _, x := range []struct {
		key string
		dst *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		v := q.Get(x.key)
		if v == "" || !x.dst.IsZero() {
			continue
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			bad[x.key] = "日期格式应为2024-05-27或2024-05-27T08:00:00+08:00"
			continue
		}
		*x.dst = t
	}
	return f, lvzhi.Invalid(bad)
}

// apiListAudit lists the audit log, newest first; only the audit administrator may, and the
// reading is itself audited.
func (s *Server) apiListAudit(w http.ResponseWriter, r *http.Request) {
	f, err := apiAuditFilter(r.URL.Query())
	var rows []lvzhi.AuditEntry
	var total int
	if err == nil {
		rows, total, err = s.st.ListAudit(r.Context(), actor(r), f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toAuditJSON))
}

// policyJSON is the security policy in the units the administrator sets it in.
type policyJSON struct {
	MinLength       int  `json:"min_length"`
	MinClasses      int  `json:"min_classes"`
	MaxAgeDays      int  `json:"max_age_days"`
	History         int  `json:"history"`
	MaxFailures     int  `json:"max_failures"`
	LockoutMinutes  int  `json:"lockout_minutes"`
	IdleMinutes     int  `json:"idle_minutes"`
	AbsoluteMinutes int  `json:"absolute_minutes"`
	RequireTOTP     bool `json:"require_totp"`
}

func toPolicyJSON(p lvzhi.PasswordPolicy) policyJSON {
	return policyJSON{
		MinLength: p.MinLength, MinClasses: p.MinClasses, MaxAgeDays: int(p.MaxAge.Hours() / 24), History: p.History,
		MaxFailures: p.MaxFailures, LockoutMinutes: int(p.LockoutFor.Minutes()), IdleMinutes: int(p.IdleTimeout.Minutes()),
		AbsoluteMinutes: int(p.AbsoluteTimeout.Minutes()), RequireTOTP: p.RequireTOTP,
	}
}

// policyInput is the body of PUT /api/v1/policy: every field is required, so a forgotten
// field never quietly becomes 0 ("never expires", "no history").
type policyInput struct {
	MinLength       opt[int]  `json:"min_length"`
	MinClasses      opt[int]  `json:"min_classes"`
	MaxAgeDays      opt[int]  `json:"max_age_days"`
	History         opt[int]  `json:"history"`
	MaxFailures     opt[int]  `json:"max_failures"`
	LockoutMinutes  opt[int]  `json:"lockout_minutes"`
	IdleMinutes     opt[int]  `json:"idle_minutes"`
	AbsoluteMinutes opt[int]  `json:"absolute_minutes"`
	RequireTOTP     opt[bool] `json:"require_totp"`
}

func (in policyInput) policy() (lvzhi.PasswordPolicy, error) {
	missing := map[string]string{}
	n := func(key string, o opt[int]) int {
		if !o.Set {
			missing[key] = "请填写此项"
		}
		return o.V
	}
	p := lvzhi.PasswordPolicy{
		MinLength: n("min_length", in.MinLength), MinClasses: n("min_classes", in.MinClasses),
		MaxAge: time.Duration(n("max_age_days", in.MaxAgeDays)) * 24 * time.Hour, History: n("history", in.History),
		MaxFailures: n("max_failures", in.MaxFailures), LockoutFor: time.Duration(n("lockout_minutes", in.LockoutMinutes)) * time.Minute,
		IdleTimeout:     time.Duration(n("idle_minutes", in.IdleMinutes)) * time.Minute,
		AbsoluteTimeout: time.Duration(n("absolute_minutes", in.AbsoluteMinutes)) * time.Minute,
		RequireTOTP:     in.RequireTOTP.V,
	}
	if !in.RequireTOTP.Set {
		missing["require_totp"] = "请填写此项"
	}
	return p, lvzhi.Invalid(missing)
}

// apiGetPolicy answers with the security policy; the security administrator's to read.
func (s *Server) apiGetPolicy(w http.ResponseWriter, r *http.Request) {
	p, err := s.st.Policy(r.Context(), actor(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPolicyJSON(p))
}

// apiUpdatePolicy replaces the security policy and answers with it as saved.
func (s *Server) apiUpdatePolicy(w http.ResponseWriter, r *http.Request) {
	var in policyInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := in.policy()
	if err == nil {
		err = s.st.SetPolicy(r.Context(), actor(r), p)
	}
	if err == nil {
		p, err = s.st.Policy(r.Context(), actor(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPolicyJSON(p))
}
