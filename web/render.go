package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"lvzhi"
)

// renderer holds every page template, parsed once per language: the catalog function "t" is
// bound at parse time, so a page never looks a language up at render time.
type renderer struct {
	pages    map[string]map[string]*template.Template // lang → page → template
	catalogs map[string]map[string]string
}

// Languages the UI speaks; the first is the default.
var languages = []string{"zh-CN", "en"}

func newRenderer(root fs.FS) (*renderer, error) {
	r := &renderer{pages: map[string]map[string]*template.Template{}, catalogs: map[string]map[string]string{}}
	for _, lang := range languages {
		raw, err := fs.ReadFile(root, "i18n/"+lang+".json")
		if err != nil {
			return nil, err
		}
		cat := map[string]string{}
		if err := json.Unmarshal(raw, &cat); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", lang, err)
		}
		r.catalogs[lang] = cat
		names, err := fs.Glob(root, "templates/*.html")
		if err != nil {
			return nil, err
		}
		r.pages[lang] = map[string]*template.Template{}
		for _, name := range names {
			base := path.Base(name)
			if base == "layout.html" || strings.HasPrefix(base, "_") {
				continue
			}
			t, err := template.New(base).Funcs(funcs(lang, cat)).ParseFS(root, "templates/layout.html", "templates/_*.html", name)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
			r.pages[lang][strings.TrimSuffix(base, ".html")] = t
		}
	}
	return r, nil
}

// funcs are the template functions. They format; they never compute figures — those come
// from the store.
func funcs(lang string, cat map[string]string) template.FuncMap {
	return template.FuncMap{
		"t": func(key string, args ...any) string {
			msg, ok := cat[key]
			if !ok {
				return key
			}
			if len(args) > 0 {
				return fmt.Sprintf(msg, args...)
			}
			return msg
		},
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			t = t.In(lvzhi.China)
			if lang == "en" {
				return t.Format("2 Jan 2006")
			}
			return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(lvzhi.China).Format("2006-01-02 15:04")
		},
		"when":      func(t time.Time) string { return when(lang, t) }, // web/when.go
		"period":    func(a, b time.Time) string { return period(lang, a, b) },
		"role":      func(r lvzhi.Role) string { return lvzhi.RoleLabel[r] },
		"orgKind":   func(k lvzhi.OrgUnitKind) string { return lvzhi.OrgUnitLabel[k] },
		"add":       func(a, b int) int { return a + b },
		"neg":       func(a int) int { return -a },
		"memberAct": func(a string) string { return lvzhi.MemberWorkflow.ActionLabel[a] },
		"userAct":   func(a string) string { return lvzhi.UserWorkflow.ActionLabel[a] },
		"state": func(w string, s string) string {
			switch w {
			case "member":
				return lvzhi.MemberWorkflow.StateLabel[s]
			case "user":
				return lvzhi.UserWorkflow.StateLabel[s]
			case "proposal":
				return lvzhi.ProposalWorkflow.StateLabel[s]
			}
			return s
		},
		"proposalAct": func(a string) string {
			return lvzhi.ProposalWorkflow.ActionLabel[a] + lvzhi.ActionLabel[lvzhi.Action(a)]
		},
		"proposalKind": func(k string) string { return lvzhi.ProposalKindLabel[k] },
		"unitRole":     func(r string) string { return lvzhi.UnitRoleLabel[r] },
		"evaluation":   func(r string) string { return lvzhi.EvaluationLabel[r] },
		"rejectReason": lvzhi.RejectReasonLabel,
		"mode":         func(m string) string { return lvzhi.HandlingModeLabel[m] },
		"contactWay":   func(w string) string { return lvzhi.ContactWays[w] },
		"percent":      func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"badge":        badgeClass,
		"actionData":   func(page any, action string) actionData { return actionData{Page: page, Action: action} },
		"evalResults":  func() []string { return []string{lvzhi.Satisfied, lvzhi.BasicallySatisfied, lvzhi.Dissatisfied} },
		"pair":         func(a, b lvzhi.Proposal) []lvzhi.Proposal { return []lvzhi.Proposal{a, b} },
		"auditResult":  func(s string) string { return lvzhi.AuditResultLabel[s] },
		"opinion":      opinionLabel, // opinion reports' states, actions, kinds … (web/opinion.go)
	}
}

// actionData is what the form of one record action is drawn from: the record page and the
// action's name.
type actionData struct {
	Page   any
	Action string
}

// badgeClass maps a proposal state to the fixed colours of UI.md: 草稿 grey, 审查中 blue,
// 办理中 amber, 已答复 green; ended states grey.
func badgeClass(state string) string {
	switch state {
	case lvzhi.ProposalDraft, lvzhi.ProposalCosigning, lvzhi.ProposalReturned:
		return "badge-draft"
	case lvzhi.ProposalReview, lvzhi.ProposalAccepted:
		return "badge-review"
	case lvzhi.ProposalHandling, lvzhi.ProposalReplyReview:
		return "badge-handling"
	case lvzhi.ProposalReplied, lvzhi.ProposalClosed:
		return "badge-replied"
	}
	return "badge-left"
}

// render writes a page with the given status. Rendering into a buffer first means a template
// error becomes a clean error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	s.renderPart(w, r, status, page, "layout", data)
}

// renderPart writes one named template of a page: the whole page ("layout"), or a fragment
// an htmx request swaps in.
func (s *Server) renderPart(w http.ResponseWriter, r *http.Request, status int, page, part string, data any) {
	t, ok := s.pages.pages[lang(r)][page]
	if !ok {
		s.log.Error("no such page template", "page", page)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, part, data); err != nil {
		s.log.Error("render", "page", page, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// lang is the language of a request: English only when the user chose it.
func lang(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "zh-CN"
}

// statusOf maps an error code to its HTTP status: the one place that does.
func statusOf(code lvzhi.ErrorCode) int {
	switch code {
	case lvzhi.ErrInvalid:
		return http.StatusUnprocessableEntity
	case lvzhi.ErrNotFound:
		return http.StatusNotFound
	case lvzhi.ErrForbidden:
		return http.StatusForbidden
	case lvzhi.ErrConflict:
		return http.StatusConflict
	case lvzhi.ErrUnauthorized:
		return http.StatusUnauthorized
	}
	return http.StatusInternalServerError
}

// errorPage is the data of the error page.
type errorPage struct {
	Layout
	Status  int
	Message string
}

// fail answers a request that went wrong: JSON for the API, an error page for a browser.
// Internal errors are logged with their detail and shown only as a generic message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := lvzhi.ErrorCodeOf(err)
	status := statusOf(code)
	if code == lvzhi.ErrInternal {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, status, apiError{Error: apiErrorBody{Code: string(code), Message: lvzhi.ErrorMessage(err), Fields: lvzhi.ErrorFields(err)}})
		return
	}
	if status == http.StatusUnauthorized && actor(r).Anonymous() && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.render(w, r, status, "error", errorPage{Layout: s.layout(r, "error.title"), Status: status, Message: lvzhi.ErrorMessage(err)})
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// apiError is the error body of the API (DESIGN.md, "API conventions").
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// writeJSON writes v as the JSON body of a response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
