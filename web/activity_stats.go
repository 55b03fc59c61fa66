package web

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"lvzhi"
	"lvzhi/sheet"
)

// attendanceStatsPage is the statistics page: attendance counts per member, sector, special
// committee, activity type or activity over a period, all computed by the store from the
// participant records of closed activities.
type attendanceStatsPage struct {
	Layout
	activityOptions
	Filter  lvzhi.AttendanceFilter
	Groups  []string
	Rows    []lvzhi.AttendanceRow
	From    string // YYYY-MM-DD, as typed
	To      string
	Query   string // the filters, for the export link
	CanWarn bool
}

// GroupName is the label of a grouping.
func (attendanceStatsPage) GroupName(g string) string { return lvzhi.AttendanceGroupLabel[g] }

// Rate formats a row's attendance rate.
func (attendanceStatsPage) Rate(r lvzhi.AttendanceRow) string { return fmt.Sprintf("%.1f%%", r.Rate()) }

// attendanceFilter reads the statistics filters; the period defaults to this year.
func attendanceFilter(q url.Values) (lvzhi.AttendanceFilter, string, string) {
	now := time.Now().In(lvzhi.China)
	from, to := q.Get("from"), q.Get("to")
	if from == "" {
		from = fmt.Sprintf("%d-01-01", now.Year())
	}
	if to == "" {
		to = fmt.Sprintf("%d-12-31", now.Year())
	}
	f := lvzhi.AttendanceFilter{GroupBy: q.Get("group"), Type: q.Get("type"), From: formDate(from)}
	if t := formDate(to); !t.IsZero() {
		f.To = t.Add(24 * time.Hour) // the whole last day
	}
	if f.GroupBy == "" {
		f.GroupBy = lvzhi.AttendanceBySector // the shortest overview; per member is a click away
	}
	return f, from, to
}

func (s *Server) attendanceStats(r *http.Request) (attendanceStatsPage, error) {
	a := actor(r)
	p := attendanceStatsPage{Layout: s.layout(r, "attendance.title"), Groups: []string{lvzhi.AttendanceByMember, lvzhi.AttendanceBySector,
		lvzhi.AttendanceBySpecialCommittee, lvzhi.AttendanceByType, lvzhi.AttendanceByActivity}}
	p.Filter, p.From, p.To = attendanceFilter(r.URL.Query())
	p.Query = r.URL.Query().Encode()
	var err error
	if p.activityOptions, err = s.activityOptions(r); err != nil {
		return p, err
	}
	p.CanWarn = lvzhi.Can(a, lvzhi.ActionUpdate, lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: a.CommitteeID})
	p.Rows, err = s.st.AttendanceStats(r.Context(), a, p.Filter)
	return p, err
}

func (s *Server) handleAttendanceStats(w http.ResponseWriter, r *http.Request) {
	p, err := s.attendanceStats(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "attendancestats", p)
}

// handleAttendanceExport sends the statistics shown as a spreadsheet.
func (s *Server) handleAttendanceExport(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.attendanceStats(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := attendanceXLSX(p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "出勤统计"+time.Now().In(lvzhi.China).Format("20060102")+".xlsx", b)
}

func attendanceXLSX(p attendanceStatsPage) ([]byte, error) {
	names := []string{lvzhi.AttendanceGroupLabel[p.Filter.GroupBy], "", "应出席", "出席", "迟到", "请假", "缺席", "出勤率"}
	switch p.Filter.GroupBy {
	case lvzhi.AttendanceByMember:
		names[0], names[1] = "委员", "界别"
	case lvzhi.AttendanceByActivity:
		names[0], names[1] = "活动", "日期"
	}
	rows := make([][]any, len(p.Rows))
	for i, r := range p.Rows {
		rows[i] = []any{r.Name, r.Extra, r.Total(), r.Attended, r.Late, r.Leave, r.Absent, p.Rate(r)}
	}
	return sheet.Table(names, []float64{28, 16, 10, 10, 10, 10, 10, 10}, rows)
}

// leaveQueuePage is the staff's queue of leave requests waiting for a decision.
type leaveQueuePage struct {
	Layout
	activityOptions
	Requests []lvzhi.MyInvitation
}

func (s *Server) handleLeaveQueue(w http.ResponseWriter, r *http.Request) {
	p := leaveQueuePage{Layout: s.layout(r, "leave.title")}
	var err error
	if p.activityOptions, err = s.activityOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Requests, err = s.st.PendingLeave(r.Context(), actor(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "leavequeue", p)
}

// myActivitiesPage is the member's phone page: invitations to answer, leave to ask, the
// activities to check in to, and the member's own attendance.
type myActivitiesPage struct {
	Layout
	activityOptions
	Upcoming []lvzhi.MyInvitation
	Past     []lvzhi.MyInvitation
	Totals   []lvzhi.AttendanceRow // the member's own figures per activity type
	Errors   map[string]string
}

func (s *Server) handleMyActivities(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	if a.MemberID == 0 {
		s.fail(w, r, lvzhi.Errorf(lvzhi.ErrForbidden, "只有委员有自己的活动页。"))
		return
	}
	p := myActivitiesPage{Layout: s.layout(r, "myactivities.title")}
	var err error
	if p.activityOptions, err = s.activityOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Upcoming, err = s.st.MyInvitations(ctx, a, true); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Past, err = s.st.MyInvitations(ctx, a, false); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Totals, err = s.st.AttendanceStats(ctx, a, lvzhi.AttendanceFilter{GroupBy: lvzhi.AttendanceByType}); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "myactivities", p)
}

// AnswerData is the answer part of one invitation on the phone page.
func (p myActivitiesPage) AnswerData(mi lvzhi.MyInvitation) answerData {
	return newAnswerData(mi.Activity, mi.Invitation, memberActions(p.Actor, mi.Invitation), "mine")
}
