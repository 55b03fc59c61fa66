package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
)

// policyPage is the data of the security policy page.
type policyPage struct {
	Layout
	Policy lvzhi.PasswordPolicy
	Errors map[string]string
	Error  string
}

// Days, Minutes are the policy's durations as the form shows them.
func (p policyPage) Days(d time.Duration) int    { return int(d.Hours() / 24) }
func (p policyPage) Minutes(d time.Duration) int { return int(d.Minutes()) }

func (s *Server) handlePolicyPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.st.Policy(r.Context(), actor(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "policy", policyPage{Layout: s.layout(r, "policy.title"), Policy: p})
}

// policyFromForm reads the policy form; the API sends the same field names.
func policyFromForm(get func(string) string) lvzhi.PasswordPolicy {
	n := func(k string) int { v, _ := strconv.Atoi(get(k)); return v }
	return lvzhi.PasswordPolicy{
		MinLength: n("min_length"), MinClasses: n("min_classes"), MaxAge: time.Duration(n("max_age_days")) * 24 * time.Hour,
		History: n("history"), MaxFailures: n("max_failures"), LockoutFor: time.Duration(n("lockout_minutes")) * time.Minute,
		IdleTimeout: time.Duration(n("idle_minutes")) * time.Minute, AbsoluteTimeout: time.Duration(n("absolute_minutes")) * time.Minute,
		RequireTOTP: get("require_totp") == "on" || get("require_totp") == "true",
	}
}

func (s *Server) handleUpdatePolicy(w http.ResponseWriter, r *http.Request) {
	p := policyFromForm(r.FormValue)
	if err := s.st.SetPolicy(r.Context(), actor(r), p); err != nil {
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "policy", policyPage{Layout: s.layout(r, "policy.title"), Policy: p,
			Errors: lvzhi.ErrorFields(err), Error: lvzhi.ErrorMessage(err)})
		return
	}
	http.Redirect(w, r, "/policy?ok=saved", http.StatusSeeOther)
}
