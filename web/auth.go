package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/auth"
)

// loginPage is the data of the login page.
type loginPage struct {
	Layout
	Username string
	Next     string
	Error    string
	// In demo mode the page lists the demo accounts and their shared password.
	DemoAccounts string
	DemoPassword string
}

func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	if !actor(r).Anonymous() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", s.loginPage(r, ""))
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	username := strings.ToLower(strings.TrimSpace(r.FormValue("username")))
	l, err := s.st.SignIn(r.Context(), username, r.FormValue("password"), r.FormValue("totp"), clientIP(r))
	if err != nil {
		code := lvzhi.ErrorCodeOf(err)
		if code != lvzhi.ErrUnauthorized {
			s.fail(w, r, err)
			return
		}
		p := s.loginPage(r, username)
		p.Error = lvzhi.ErrorMessage(err)
		s.render(w, r, http.StatusUnauthorized, "login", p)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: l.Token, Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookie,
		SameSite: http.SameSiteLaxMode, Expires: l.ExpiresAt,
	})
	next := safeNext(r.FormValue("next"))
	switch {
	case l.MustChangePassword:
		next = "/password"
	case l.MustEnrolTOTP:
		next = "/totp"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) loginPage(r *http.Request, username string) loginPage {
	return loginPage{Layout: s.layout(r, "login.title"), Username: username, Next: safeNext(r.FormValue("next")),
		DemoAccounts: strings.Join(s.cfg.DemoAccounts, "、"), DemoPassword: s.cfg.DemoPassword}
}

// safeNext keeps a post-login redirect on this site.
func safeNext(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return "/"
	}
	return p
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if a := actor(r); !a.Anonymous() {
		if err := s.st.SignOut(r.Context(), a, token(r)); err != nil {
			s.log.Error("logout", "err", err)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *Server) handleSetLanguage(w http.ResponseWriter, r *http.Request) {
	v := "zh-CN"
	if r.FormValue("lang") == "en" {
		v = "en"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: v, Path: "/", MaxAge: 365 * 86400, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, safeNext(r.FormValue("next")), http.StatusSeeOther)
}

// formPage is the data of a simple form page: the values typed and the field errors.
type formPage struct {
	Layout
	Values map[string]string
	Errors map[string]string
	Error  string
	// The TOTP enrolment page only: the new secret and its otpauth:// link for the app.
	TOTPSecret string
	TOTPURI    string
}

func (s *Server) handlePasswordPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", formPage{Layout: s.layout(r, "password.title")})
}

func (s *Server) handleChangePassword(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	p := r.FormValue("password")
	err := func() error {
		if p != r.FormValue("confirm") {
			return lvzhi.Invalid(map[string]string{"confirm": "两次输入的新密码不一致"})
		}
		return s.st.ChangePassword(r.Context(), a, a.UserID, r.FormValue("current"), p)
	}()
	if err != nil {
		s.formError(w, r, "password", "password.title", err, nil)
		return
	}
	// The change ended every session, this one included: sign in again with the new password.
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
	http.Redirect(w, r, "/login?ok=password", http.StatusSeeOther)
}

// formError re-renders a form with the error and every value the user typed (passwords
// excepted), so nothing typed is lost.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, page, title string, err error, data *formPage) {
	if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	if data == nil {
		data = &formPage{Layout: s.layout(r, title)}
	}
	data.Values = map[string]string{}
	for k, v := range r.PostForm {
		if !strings.Contains(k, "password") && k != "current" && k != "confirm" && len(v) > 0 {
			data.Values[k] = v[0]
		}
	}
	data.Errors, data.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), page, *data)
}

func (s *Server) handleTOTPPage(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	u, err := s.st.User(r.Context(), a, a.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := formPage{Layout: s.layout(r, "totp.title")}
	if !u.TOTPEnabled {
		secret, err := s.st.BeginTOTP(r.Context(), a)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.TOTPSecret, p.TOTPURI = secret, auth.TOTPURI("lvzhi", a.Username, secret)
	}
	s.render(w, r, http.StatusOK, "totp", p)
}

func (s *Server) handleConfirmTOTP(w http.ResponseWriter, r *http.Request) {
	if err := s.st.ConfirmTOTP(r.Context(), actor(r), r.FormValue("code")); err != nil {
		// Show the secret being enrolled again (the form carried it; the store checks the
		// code against its own copy, so a changed one only fails again).
		secret := r.FormValue("secret")
		p := formPage{Layout: s.layout(r, "totp.title"), TOTPSecret: secret, TOTPURI: auth.TOTPURI("lvzhi", actor(r).Username, secret)}
		s.formError(w, r, "totp", "totp.title", err, &p)
		return
	}
	http.Redirect(w, r, "/?ok=totp", http.StatusSeeOther)
}

func (s *Server) handleSwitchCommittee(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.FormValue("committee_id"), 10, 64)
	if err := s.st.SwitchCommittee(r.Context(), actor(r), token(r), id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.cfg.Version,
		"uptime": time.Since(s.started).Round(time.Second).String()})
}

func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	if err := s.st.Ping(r.Context()); err != nil {
		s.log.Error("readyz", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}
