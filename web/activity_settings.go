package web

import (
	"net/http"
	"strconv"
	"strings"

	"lvzhi"
)

// activitySettingsPage is the staff's form of the committee's activity types and absence
// rules, each a line of text: "plenary 全体会议" and "plenary 2" ("* 3" for any activity).
type activitySettingsPage struct {
	Layout
	Types  string
	Rules  string
	Errors map[string]string
	Error  string
}

func settingsText(s lvzhi.ActivitySettings) (types, rules string) {
	var t, r []string
	for _, x := range s.Types {
		t = append(t, x.Code+" "+x.Label)
	}
	for _, x := range s.AbsenceRules {
		typ := x.Type
		if typ == "" {
			typ = "*"
		}
		r = append(r, typ+" "+strconv.Itoa(x.Count))
	}
	return strings.Join(t, "\n"), strings.Join(r, "\n")
}

// settingsFromText reads the form's lines; a line it cannot read is a field error.
func settingsFromText(types, rules string) (lvzhi.ActivitySettings, error) {
	var s lvzhi.ActivitySettings
	bad := map[string]string{}
	for i, line := range strings.Split(types, "\n") {
		code, label, _ := strings.Cut(strings.TrimSpace(line), " ")
		if code == "" {
			continue
		}
		if strings.TrimSpace(label) == "" {
			bad["types"] = "第" + strconv.Itoa(i+1) + "行须写明代码和名称,中间用空格分开"
		}
		s.Types = append(s.Types, lvzhi.ActivityType{Code: code, Label: strings.TrimSpace(label)})
	}
	for i, line := range strings.Split(rules, "\n") {
		typ, count, _ := strings.Cut(strings.TrimSpace(line), " ")
		if typ == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(count))
		if err != nil {
			bad["absence_rules"] = "第" + strconv.Itoa(i+1) + "行须为“活动类型代码 次数”,如“plenary 2”"
		}
		if typ == "*" {
			typ = ""
		}
		s.AbsenceRules = append(s.AbsenceRules, lvzhi.AbsenceRule{Type: typ, Count: n})
	}
	return s, lvzhi.Invalid(bad)
}

func (s *Server) handleActivitySettings(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.st.ActivitySettings(r.Context(), a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := activitySettingsPage{Layout: s.layout(r, "activity.settings")}
	p.Types, p.Rules = settingsText(st)
	s.render(w, r, http.StatusOK, "activitysettings", p)
}

func (s *Server) handleUpdateActivitySettings(w http.ResponseWriter, r *http.Request) {
	st, err := settingsFromText(r.FormValue("types"), r.FormValue("absence_rules"))
	if err == nil {
		err = s.st.SetActivitySettings(r.Context(), actor(r), st)
	}
	if err != nil {
		if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			s.fail(w, r, err)
			return
		}
		p := activitySettingsPage{Layout: s.layout(r, "activity.settings"), Types: r.FormValue("types"), Rules: r.FormValue("absence_rules"),
			Errors: lvzhi.ErrorFields(err), Error: lvzhi.ErrorMessage(err)}
		s.render(w, r, http.StatusUnprocessableEntity, "activitysettings", p)
		return
	}
	http.Redirect(w, r, "/activities/settings?ok=saved", http.StatusSeeOther)
}

// absencePage is the staff's warning list: members the absence rules flag, this year.
type absencePage struct {
	Layout
	activityOptions
	Warnings []lvzhi.AbsenceWarning
	From, To string
}

func (s *Server) handleAbsenceWarnings(w http.ResponseWriter, r *http.Request) {
	p := absencePage{Layout: s.layout(r, "absence.title")}
	f, from, to := attendanceFilter(r.URL.Query())
	p.From, p.To = from, to
	var err error
	if p.activityOptions, err = s.activityOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Warnings, err = s.st.AbsenceWarnings(r.Context(), actor(r), f.From, f.To); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "absencewarnings", p)
}
