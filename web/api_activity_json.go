package web

// The JSON shapes of activities, invitations and attendance in the API.

import (
	"time"

	"lvzhi"
)

// activityJSON is one activity.
type activityJSON struct {
	ID            int64      `json:"id"`
	CommitteeID   int64      `json:"committee_id"`
	Type          string     `json:"type"`
	Title         string     `json:"title"`
	OrganiserID   *int64     `json:"organiser_id"`
	OrganiserName string     `json:"organiser_name"`
	StartsAt      time.Time  `json:"starts_at"`
	EndsAt        time.Time  `json:"ends_at"`
	Place         string     `json:"place"`
	Agenda        string     `json:"agenda"`
	State         string     `json:"state"`
	StateLabel    string     `json:"state_label"`
	CheckinBefore int        `json:"checkin_before"`
	LateAfter     int        `json:"late_after"`
	CancelReason  string     `json:"cancel_reason"`
	Invited       int        `json:"invited"`
	PublishedAt   *time.Time `json:"published_at"`
	ClosedAt      *time.Time `json:"closed_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

func toActivityJSON(x lvzhi.Activity) activityJSON {
	return activityJSON{ID: x.ID, CommitteeID: x.CommitteeID, Type: x.Type, Title: x.Title, OrganiserID: optID(x.OrganiserID),
		OrganiserName: x.OrganiserName, StartsAt: x.StartsAt.UTC(), EndsAt: x.EndsAt.UTC(), Place: x.Place, Agenda: x.Agenda,
		State: x.State, StateLabel: lvzhi.ActivityWorkflow.StateLabel[x.State], CheckinBefore: x.CheckinBefore, LateAfter: x.LateAfter,
		CancelReason: x.CancelReason, Invited: x.Invited, PublishedAt: optTime(x.PublishedAt), ClosedAt: optTime(x.ClosedAt),
		UpdatedAt: x.Updated.UTC()}
}

// activityInput is the body of POST and PATCH /api/v1/activities: PATCH changes only the
// fields sent.
type activityInput struct {
	Type          opt[string]    `json:"type"`
	Title         opt[string]    `json:"title"`
	OrganiserID   opt[int64]     `json:"organiser_id"`
	StartsAt      opt[time.Time] `json:"starts_at"`
	EndsAt        opt[time.Time] `json:"ends_at"`
	Place         opt[string]    `json:"place"`
	Agenda        opt[string]    `json:"agenda"`
	CheckinBefore opt[int]       `json:"checkin_before"`
	LateAfter     opt[int]       `json:"late_after"`
}

func (in activityInput) apply(x *lvzhi.Activity) {
	in.Type.to(&x.Type)
	in.Title.to(&x.Title)
	in.OrganiserID.to(&x.OrganiserID)
	in.StartsAt.to(&x.StartsAt)
	in.EndsAt.to(&x.EndsAt)
	in.Place.to(&x.Place)
	in.Agenda.to(&x.Agenda)
	in.CheckinBefore.to(&x.CheckinBefore)
	in.LateAfter.to(&x.LateAfter)
}

// invitationJSON is one participant's invitation.
type invitationJSON struct {
	ActivityID      int64      `json:"activity_id"`
	MemberID        int64      `json:"member_id"`
	MemberName      string     `json:"member_name"`
	SectorName      string     `json:"sector_name"`
	State           string     `json:"state"`
	StateLabel      string     `json:"state_label"`
	SelectedBy      string     `json:"selected_by"`
	LeaveReason     string     `json:"leave_reason"`
	LeaveNote       string     `json:"leave_note"`
	RespondedAt     *time.Time `json:"responded_at"`
	CheckedInAt     *time.Time `json:"checked_in_at"`
	CheckedInByHand bool       `json:"checked_in_by_hand"`
	Late            bool       `json:"late"`
	Attendance      string     `json:"attendance"`
	AttendanceLabel string     `json:"attendance_label"`
	InvitedAt       time.Time  `json:"invited_at"`
}

func toInvitationJSON(i lvzhi.Invitation) invitationJSON {
	return invitationJSON{ActivityID: i.ActivityID, MemberID: i.MemberID, MemberName: i.MemberName, SectorName: i.SectorName,
		State: i.State, StateLabel: lvzhi.InvitationWorkflow.StateLabel[i.State], SelectedBy: i.SelectedBy,
		LeaveReason: i.LeaveReason, LeaveNote: i.LeaveNote, RespondedAt: optTime(i.RespondedAt), CheckedInAt: optTime(i.CheckedInAt),
		CheckedInByHand: i.CheckinBy != 0, Late: i.Late, Attendance: i.Attendance, AttendanceLabel: lvzhi.AttendanceLabel[i.Attendance],
		InvitedAt: i.InvitedAt.UTC()}
}

// myInvitationJSON is an invitation with its activity: the member's list and staff's leave queue.
type myInvitationJSON struct {
	Activity   activityJSON   `json:"activity"`
	Invitation invitationJSON `json:"invitation"`
}

func toMyInvitationJSON(m lvzhi.MyInvitation) myInvitationJSON {
	return myInvitationJSON{Activity: toActivityJSON(m.Activity), Invitation: toInvitationJSON(m.Invitation)}
}

// selectionJSON is the body of POST /api/v1/activities/{id}/participants.
type selectionJSON struct {
	MemberIDs           []int64 `json:"member_ids"`
	SectorIDs           []int64 `json:"sector_ids"`
	SpecialCommitteeIDs []int64 `json:"special_committee_ids"`
	ActivityGroupIDs    []int64 `json:"activity_group_ids"`
	Standing            bool    `json:"standing"`
}

// guestJSON is an official or expert at an activity.
type guestJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"`
	Name      string `json:"name"`
	Title     string `json:"title"`
}

func toGuestJSON(g lvzhi.Guest) guestJSON {
	return guestJSON{ID: g.ID, Kind: g.Kind, KindLabel: lvzhi.GuestKindLabel[g.Kind], Name: g.Name, Title: g.Title}
}

// attendanceRowJSON is one line of the attendance statistics.
type attendanceRowJSON struct {
	Key      string  `json:"key"`
	Name     string  `json:"name"`
	Extra    string  `json:"extra"`
	Total    int     `json:"total"`
	Attended int     `json:"attended"`
	Late     int     `json:"late"`
	Leave    int     `json:"leave"`
	Absent   int     `json:"absent"`
	Rate     float64 `json:"rate"`
}

func toAttendanceRowJSON(r lvzhi.AttendanceRow) attendanceRowJSON {
	return attendanceRowJSON{Key: r.Key, Name: r.Name, Extra: r.Extra, Total: r.Total(), Attended: r.Attended, Late: r.Late,
		Leave: r.Leave, Absent: r.Absent, Rate: r.Rate()}
}

// absenceWarningJSON is a member on the warning list.
type absenceWarningJSON struct {
	MemberID   int64  `json:"member_id"`
	MemberName string `json:"member_name"`
	SectorName string `json:"sector_name"`
	RuleType   string `json:"rule_type"`
	RuleCount  int    `json:"rule_count"`
	RuleLabel  string `json:"rule_label"`
	Absences   int    `json:"absences"`
}

func toAbsenceWarningJSON(w lvzhi.AbsenceWarning) absenceWarningJSON {
	return absenceWarningJSON{MemberID: w.MemberID, MemberName: w.MemberName, SectorName: w.SectorName, RuleType: w.Rule.Type,
		RuleCount: w.Rule.Count, RuleLabel: w.RuleLabel, Absences: w.Absences}
}

// activitySettingsJSON is a committee's activity types and absence rules.
type activitySettingsJSON struct {
	Types        []activityTypeJSON `json:"types"`
	AbsenceRules []absenceRuleJSON  `json:"absence_rules"`
}

type activityTypeJSON struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

type absenceRuleJSON struct {
	Type  string `json:"type"`
	Count int    `json:"count"`
}

func toActivitySettingsJSON(s lvzhi.ActivitySettings) activitySettingsJSON {
	out := activitySettingsJSON{Types: []activityTypeJSON{}, AbsenceRules: []absenceRuleJSON{}}
	for _, t := range s.Types {
		out.Types = append(out.Types, activityTypeJSON{t.Code, t.Label})
	}
	for _, r := range s.AbsenceRules {
		out.AbsenceRules = append(out.AbsenceRules, absenceRuleJSON{r.Type, r.Count})
	}
	return out
}

func (in activitySettingsJSON) settings() lvzhi.ActivitySettings {
	var s lvzhi.ActivitySettings
	for _, t := range in.Types {
		s.Types = append(s.Types, lvzhi.ActivityType{Code: t.Code, Label: t.Label})
	}
	for _, r := range in.AbsenceRules {
		s.AbsenceRules = append(s.AbsenceRules, lvzhi.AbsenceRule{Type: r.Type, Count: r.Count})
	}
	return s
}
