package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
)

// The invitations, check-in and attendance API: participants, answers and leave, the
// check-in code and the scan, the member's own list, staff's leave queue, the statistics and
// the warning list.

func (s *Server) apiListParticipants(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var rows []lvzhi.Invitation
	if err == nil {
		rows, err = s.st.Participants(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toInvitationJSON))
}

// apiInviteMembers invites the members the selection names; it answers with how many were
// newly invited and the participants as they now are.
func (s *Server) apiInviteMembers(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in selectionJSON
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	added := 0
	if err == nil {
		added, err = s.st.InviteMembers(r.Context(), actor(r), id, lvzhi.Selection{MemberIDs: in.MemberIDs, SectorIDs: in.SectorIDs,
			SpecialCommittees: in.SpecialCommitteeIDs, ActivityGroups: in.ActivityGroupIDs, Standing: in.Standing})
	}
	var rows []lvzhi.Invitation
	if err == nil {
		rows, err = s.st.Participants(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Added        int                      `json:"added"`
		Participants listJSON[invitationJSON] `json:"participants"`
	}{added, list(rows, len(rows), toInvitationJSON)})
}

func (s *Server) apiRemoveParticipant(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.st.RemoveParticipant(r.Context(), actor(r), id, formID(r.PathValue("member")))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiInvitationAction is attend, decline or request_leave (with a reason) by the member or
// staff for them; approve_leave, refuse_leave (with a note) or check_in by staff.
func (s *Server) apiInvitationAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Reason string `json:"reason"`
		Note   string `json:"note"`
	}
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	action := r.PathValue("action")
	if _, ok := lvzhi.InvitationWorkflow.ActionLabel[action]; !ok && err == nil {
		err = lvzhi.Errorf(lvzhi.ErrNotFound, "没有名为“%s”的参会邀请操作。", action)
	}
	var inv lvzhi.Invitation
	if err == nil {
		inv, err = s.st.ActInvitation(r.Context(), actor(r), id, formID(r.PathValue("member")), action,
			lvzhi.InvitationInput{Reason: in.Reason, Note: in.Note})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toInvitationJSON(inv))
}

// apiGetCheckinCode is the code the venue screen shows now, for a screen of the client's own.
func (s *Server) apiGetCheckinCode(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var token string
	var changes time.Time
	if err == nil {
		token, changes, err = s.st.CheckinCode(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Token     string    `json:"token"`
		URL       string    `json:"url"`
		ChangesAt time.Time `json:"changes_at"`
	}{token, siteURL(r) + "/checkin/" + strconv.FormatInt(id, 10) + "/" + token, changes})
}

// apiCheckIn checks the signed-in member in with a scanned code.
func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Token string `json:"token"`
	}
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	var inv lvzhi.Invitation
	if err == nil {
		inv, err = s.st.CheckIn(r.Context(), actor(r), id, in.Token)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toInvitationJSON(inv))
}

// apiListMyInvitations is the member's own list: upcoming, or with past=true the closed
// activities with their attendance.
func (s *Server) apiListMyInvitations(w http.ResponseWriter, r *http.Request) {
	rows, err := s.st.MyInvitations(r.Context(), actor(r), r.URL.Query().Get("past") != "true")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toMyInvitationJSON))
}

func (s *Server) apiListLeaveRequests(w http.ResponseWriter, r *http.Request) {
	rows, err := s.st.PendingLeave(r.Context(), actor(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toMyInvitationJSON))
}

// apiAttendanceStats counts attendance by group (member, sector, special_committee, type or
// activity) over the closed activities of from–to; a member gets their own figures.
func (s *Server) apiAttendanceStats(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	bad := map[string]string{}
	f := lvzhi.AttendanceFilter{GroupBy: q.Get("group"), Type: q.Get("type"), From: apiTime(q, "from", bad), To: apiTime(q, "to", bad)}
	if f.GroupBy == "" {
		f.GroupBy = lvzhi.AttendanceByMember
	}
	err := lvzhi.Invalid(bad)
	var rows []lvzhi.AttendanceRow
	if err == nil {
		rows, err = s.st.AttendanceStats(r.Context(), actor(r), f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toAttendanceRowJSON))
}

func (s *Server) apiAbsenceWarnings(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	bad := map[string]string{}
	from, to := apiTime(q, "from", bad), apiTime(q, "to", bad)
	if from.IsZero() {
		from = time.Date(time.Now().In(lvzhi.China).Year(), 1, 1, 0, 0, 0, 0, lvzhi.China)
	}
	if to.IsZero() {
		to = from.AddDate(1, 0, 0)
	}
	err := lvzhi.Invalid(bad)
	var rows []lvzhi.AbsenceWarning
	if err == nil {
		rows, err = s.st.AbsenceWarnings(r.Context(), actor(r), from, to)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toAbsenceWarningJSON))
}
