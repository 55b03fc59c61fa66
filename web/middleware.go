package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"lvzhi"
)

// middleware wraps every request: panic recovery, logging and metrics, security headers,
// cross-origin protection of every unsafe method (the CSRF defence: browsers send
// Sec-Fetch-Site/Origin, which Go checks; API clients with bearer tokens send neither), and
// the signed-in actor.
func (s *Server) middleware(next http.Handler) http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, lvzhi.Errorf(lvzhi.ErrForbidden, "请求来源不正确,已拒绝(跨站请求保护)。请刷新页面后重试。"))
	}))
	h := csrf.Handler(s.withActor(next))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				s.fail(rec, r, errors.New("panic"))
			}
			d := time.Since(start)
			s.metrics.observe(r, rec.status, d)
			s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "ms", d.Milliseconds())
		}()
		securityHeaders(rec.Header())
		h.ServeHTTP(rec, r)
	})
}

// securityHeaders sets the headers of every response. The CSP allows no inline script and
// nothing from another origin: every script and style comes from /static.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

type ctxKey int

const actorKey ctxKey = 0

const sessionCookie = "lvzhi_session"

// withActor finds who is asking — from the session cookie or an API bearer token — and puts
// the actor in the request context. Without a valid session the actor is the public.
func (s *Server) withActor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := clientIP(r)
		a := lvzhi.Actor{IP: ip}
		if tok := token(r); tok != "" && !strings.HasPrefix(r.URL.Path, "/static/") {
			if got, err := s.st.Authenticate(r.Context(), tok, ip); err == nil {
				a = got
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), actorKey, a)))
	})
}

// actor returns the actor of a request.
func actor(r *http.Request) lvzhi.Actor {
	a, _ := r.Context().Value(actorKey).(lvzhi.Actor)
	return a
}

// token returns the session token of a request: the bearer token of an API call or the
// session cookie of a browser.
func token(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// clientIP is the address the audit log records. The server is expected to sit directly on
// the intranet or behind a proxy that sets X-Real-IP.
func clientIP(r *http.Request) string {
	if ip := r.Header.Get("X-Real-IP"); ip != "" {
		return ip
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// signedIn wraps a page that needs a signed-in user: the public is sent to the login page,
// and a user who must change the password or enrol a second factor is sent there first.
func (s *Server) signedIn(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a := actor(r)
		isAPI := strings.HasPrefix(r.URL.Path, "/api/")
		switch {
		case a.Anonymous():
			if isAPI {
				s.fail(w, r, lvzhi.Errorf(lvzhi.ErrUnauthorized, "请先登录。"))
				return
			}
			http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		case a.MustChangePassword && r.URL.Path != "/password" && r.URL.Path != "/api/v1/me/password":
			if isAPI {
				s.fail(w, r, lvzhi.Errorf(lvzhi.ErrForbidden, "密码已过期,请先修改密码。"))
				return
			}
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		case a.MustEnrolTOTP && !strings.HasPrefix(r.URL.Path, "/totp") && r.URL.Path != "/password":
			if isAPI {
				s.fail(w, r, lvzhi.Errorf(lvzhi.ErrForbidden, "该账号须先在网页上启用动态口令。"))
				return
			}
			http.Redirect(w, r, "/totp", http.StatusSeeOther)
			return
		}
		h(w, r)
	}
}
