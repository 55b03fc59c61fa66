package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
)

// The activity pages (活动): the calendar, the planning form, the record page with
// invitations and leave, the check-in screen, the member's phone page and the statistics.

// activityOptions are the choices of the activity forms and the names pages show.
type activityOptions struct {
	Settings   lvzhi.ActivitySettings
	Organisers []lvzhi.OrgUnit // departments and special committees
	Staff      bool
}

// TypeName is the committee's label of an activity type.
func (o activityOptions) TypeName(code string) string {
	if l := o.Settings.TypeLabel(code); l != "" {
		return l
	}
	return code
}

// StateName is the label of an activity state.
func (activityOptions) StateName(state string) string {
	return lvzhi.ActivityWorkflow.StateLabel[state]
}

// InvitationStateName is the label of an invitation state.
func (activityOptions) InvitationStateName(state string) string {
	return lvzhi.InvitationWorkflow.StateLabel[state]
}

// AttendanceName is the label of an attendance state.
func (activityOptions) AttendanceName(state string) string { return lvzhi.AttendanceLabel[state] }

// ActionName is the label of an activity or invitation action.
func (activityOptions) ActionName(action string) string {
	if l, ok := lvzhi.ActivityWorkflow.ActionLabel[action]; ok {
		return l
	}
	return lvzhi.InvitationWorkflow.ActionLabel[action]
}

// States lists the activity states for the filter.
func (activityOptions) States() []string {
	return []string{lvzhi.ActivityDraft, lvzhi.ActivityPublished, lvzhi.ActivityUnderway, lvzhi.ActivityClosed, lvzhi.ActivityCancelled}
}

func (s *Server) activityOptions(r *http.Request) (activityOptions, error) {
	a, ctx := actor(r), r.Context()
	o := activityOptions{Staff: lvzhi.Can(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: a.CommitteeID})}
	var err error
	if o.Settings, err = s.st.ActivitySettings(ctx, a.CommitteeID); err != nil {
		return o, err
	}
	if o.Staff {
		for _, k := range []lvzhi.OrgUnitKind{lvzhi.OrgDepartment, lvzhi.OrgSpecialCommittee} {
			units, err := s.st.OrgUnits(ctx, a, a.CommitteeID, k)
			if err != nil {
				return o, err
			}
			o.Organisers = append(o.Organisers, units...)
		}
	}
	return o, nil
}

// calendarDay is one day cell of the month view.
type calendarDay struct {
	Date       time.Time
	InMonth    bool
	Today      bool
	Activities []lvzhi.Activity
}

// activityListPage is the calendar: the month's activities as a grid of weeks and as a list
// (the list is what a phone shows), with the filters.
type activityListPage struct {
	Layout
	activityOptions
	Month      time.Time // the first day of the month shown, in China
	Prev, Next string    // YYYY-MM of the months around it
	Weeks      [][]calendarDay
	Activities []lvzhi.Activity
	Type       string
	State      string
}

func (s *Server) handleActivityCalendar(w http.ResponseWriter, r *http.Request) {
	a, q := actor(r), r.URL.Query()
	p := activityListPage{Layout: s.layout(r, "activities.title"), Type: q.Get("type"), State: q.Get("state")}
	var err error
	if p.activityOptions, err = s.activityOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	now := time.Now().In(lvzhi.China)
	p.Month = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, lvzhi.China)
	if m, err := time.ParseInLocation("2006-01", q.Get("month"), lvzhi.China); err == nil {
		p.Month = m
	}
	end := p.Month.AddDate(0, 1, 0)
	p.Prev, p.Next = p.Month.AddDate(0, -1, 0).Format("2006-01"), end.Format("2006-01")
	f := lvzhi.ActivityFilter{From: p.Month, To: end, Type: p.Type, State: p.State, Paging: lvzhi.Paging{PerPage: 500}}
	if p.Activities, _, err = s.st.ListActivities(r.Context(), a, f); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Weeks = monthGrid(p.Month, now, p.Activities)
	s.render(w, r, http.StatusOK, "activities", p)
}

// monthGrid lays a month out in weeks from Monday, each day with the activities starting on it.
func monthGrid(month, now time.Time, list []lvzhi.Activity) [][]calendarDay {
	day := month.AddDate(0, 0, -((int(month.Weekday()) + 6) % 7))
	var weeks [][]calendarDay
	for len(weeks) == 0 || day.Month() == month.Month() {
		week := make([]calendarDay, 7)
		for i := range week {
			d := calendarDay{Date: day, InMonth: day.Month() == month.Month(), Today: sameDay(day, now)}
			for _, x := range list {
				if sameDay(x.StartsAt.In(lvzhi.China), day) {
					d.Activities = append(d.Activities, x)
				}
			}
			week[i], day = d, day.AddDate(0, 0, 1)
		}
		weeks = append(weeks, week)
	}
	return weeks
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// activityFormPage is the data of the new and edit activity forms.
type activityFormPage struct {
	Layout
	activityOptions
	Activity lvzhi.Activity
	Errors   map[string]string
	Error    string
	Action   string
}

// activityFromForm reads the activity form; times are typed in China's time.
func activityFromForm(r *http.Request) lvzhi.Activity {
	x := lvzhi.Activity{Type: r.FormValue("type"), Title: r.FormValue("title"), OrganiserID: formID(r.FormValue("organiser_id")),
		StartsAt: formDateTime(r.FormValue("starts_at")), EndsAt: formDateTime(r.FormValue("ends_at")),
		Place: r.FormValue("place"), Agenda: r.FormValue("agenda"), CheckinBefore: 60, LateAfter: 10}
	if n, err := strconv.Atoi(r.FormValue("checkin_before")); err == nil {
		x.CheckinBefore = n
	}
	if n, err := strconv.Atoi(r.FormValue("late_after")); err == nil {
		x.LateAfter = n
	}
	return x
}

// formDateTime reads a datetime-local field (2026-03-02T09:00) as China's time; zero when wrong.
func formDateTime(v string) time.Time {
	t, err := time.ParseInLocation("2006-01-02T15:04", v, lvzhi.China)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// LocalInput formats a time for a datetime-local field.
func (activityFormPage) LocalInput(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(lvzhi.China).Format("2006-01-02T15:04")
}

func (s *Server) activityForm(w http.ResponseWriter, r *http.Request, status int, x lvzhi.Activity, err error) {
	p := activityFormPage{Layout: s.layout(r, "activity.new"), Activity: x, Action: "/activities"}
	if x.ID != 0 {
		p.Title, p.TitleArg, p.Action = "activity.edit", x.Title, "/activities/"+strconv.FormatInt(x.ID, 10)
	}
	if err != nil {
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	}
	var oerr error
	if p.activityOptions, oerr = s.activityOptions(r); oerr != nil {
		s.fail(w, r, oerr)
		return
	}
	s.render(w, r, status, "activityform", p)
}

func (s *Server) handleActivityNew(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	start := time.Now().In(lvzhi.China).AddDate(0, 0, 7)
	start = time.Date(start.Year(), start.Month(), start.Day(), 9, 0, 0, 0, lvzhi.China)
	s.activityForm(w, r, http.StatusOK, lvzhi.Activity{Type: lvzhi.ActivityPlenary, StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		CheckinBefore: 60, LateAfter: 10}, nil)
}

func (s *Server) handleCreateActivity(w http.ResponseWriter, r *http.Request) {
	x, err := s.st.CreateActivity(r.Context(), actor(r), activityFromForm(r))
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		s.activityForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), activityFromForm(r), err)
		return
	}
	http.Redirect(w, r, "/activities/"+strconv.FormatInt(x.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

func (s *Server) handleActivityEdit(w http.ResponseWriter, r *http.Request) {
	x, err := s.st.Activity(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.activityForm(w, r, http.StatusOK, x, nil)
}

func (s *Server) handleUpdateActivity(w http.ResponseWriter, r *http.Request) {
	x := activityFromForm(r)
	x.ID = formID(r.PathValue("id"))
	if err := s.st.UpdateActivity(r.Context(), actor(r), x); err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		s.activityForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), x, err)
		return
	}
	http.Redirect(w, r, "/activities/"+strconv.FormatInt(x.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

// StateBadge is the badge colour of an activity state (UI.md's fixed colours: planned grey,
// published blue, under way amber, closed green).
func (activityOptions) StateBadge(state string) string {
	switch state {
	case lvzhi.ActivityDraft, lvzhi.ActivityCancelled:
		return "badge-draft"
	case lvzhi.ActivityPublished:
		return "badge-review"
	case lvzhi.ActivityUnderway:
		return "badge-handling"
	}
	return "badge-replied"
}

// AttendanceBadge is the badge colour of an attendance state: absence stands out in red.
func (activityOptions) AttendanceBadge(state string) string {
	switch state {
	case lvzhi.AttendanceAttended:
		return "badge-replied"
	case lvzhi.AttendanceLate:
		return "badge-handling"
	case lvzhi.AttendanceLeave:
		return "badge-review"
	}
	return "badge-overdue"
}

// GuestKinds lists the guest kinds for the guest form.
func (activityOptions) GuestKinds() []string { return []string{lvzhi.GuestOfficial, lvzhi.GuestExpert} }

// GuestKindName is the label of a guest kind.
func (activityOptions) GuestKindName(k string) string { return lvzhi.GuestKindLabel[k] }

// Weekdays are the catalog keys of the calendar's column heads, Monday first.
func (activityListPage) Weekdays() []string {
	return []string{"week.mon", "week.tue", "week.wed", "week.thu", "week.fri", "week.sat", "week.sun"}
}
