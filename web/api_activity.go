package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// The activities API (活动): the calendar, planning, invitations, guests and history. The
// invitation, check-in and attendance endpoints are in api_activity_action.go.

// apiActivityFilter reads the list's query: from and to (RFC 3339 or YYYY-MM-DD in China),
// state, type, page and per_page. A malformed value is refused, never ignored.
func apiActivityFilter(q url.Values) (lvzhi.ActivityFilter, error) {
	f := lvzhi.ActivityFilter{State: q.Get("state"), Type: q.Get("type")}
	bad := map[string]string{}
	f.From = apiTime(q, "from", bad)
	f.To = apiTime(q, "to", bad)
	f.Paging = apiPaging(q, bad)
	return f, lvzhi.Invalid(bad)
}

// apiTime reads a time parameter: RFC 3339, or a date meaning the start of that day in China.
func apiTime(q url.Values, name string, bad map[string]string) time.Time {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC()
	}
	if t := formDate(v); !t.IsZero() {
		return t
	}
	bad[name] = "应为日期(YYYY-MM-DD)或RFC 3339时间"
	return time.Time{}
}

// apiPaging reads page and per_page.
func apiPaging(q url.Values, bad map[string]string) lvzhi.Paging {
	var p lvzhi.Paging
	for _, name := range []string{"page", "per_page"} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				bad[name] = "应为正整数"
			}
			if name == "page" {
				p.Page = n
			} else {
				p.PerPage = n
			}
		}
	}
	return p
}

// apiListActivities lists activities in start order: the committee's for staff and leaders,
// the ones they are invited to for a member.
func (s *Server) apiListActivities(w http.ResponseWriter, r *http.Request) {
	f, err := apiActivityFilter(r.URL.Query())
	var rows []lvzhi.Activity
	var total int
	if err == nil {
		rows, total, err = s.st.ListActivities(r.Context(), actor(r), f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, total, toActivityJSON))
}

// writeActivity answers with activity id as it now stands, or with err.
func (s *Server) writeActivity(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var x lvzhi.Activity
	if err == nil {
		x, err = s.st.Activity(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/activities/"+strconv.FormatInt(id, 10))
	}
	writeJSON(w, status, toActivityJSON(x))
}

func (s *Server) apiGetActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writeActivity(w, r, http.StatusOK, id, err)
}

// apiCreateActivity plans a new activity as a draft; check-in opens 60 minutes before the
// start and is late 10 minutes after it unless the body says otherwise.
func (s *Server) apiCreateActivity(w http.ResponseWriter, r *http.Request) {
	var in activityInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	x := lvzhi.Activity{CheckinBefore: 60, LateAfter: 10}
	in.apply(&x)
	x, err := s.st.CreateActivity(r.Context(), actor(r), x)
	s.writeActivity(w, r, http.StatusCreated, x.ID, err)
}

func (s *Server) apiUpdateActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in activityInput
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	var x lvzhi.Activity
	if err == nil {
		x, err = s.st.Activity(r.Context(), actor(r), id)
	}
	if err == nil {
		in.apply(&x)
		err = s.st.UpdateActivity(r.Context(), actor(r), x)
	}
	s.writeActivity(w, r, http.StatusOK, id, err)
}

// apiActivityAction applies publish, start, finish or cancel (cancel needs a note).
func (s *Server) apiActivityAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Note string `json:"note"`
	}
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil {
		if _, ok := lvzhi.ActivityWorkflow.ActionLabel[r.PathValue("action")]; !ok || r.PathValue("action") == "invite_members" {
			err = lvzhi.Errorf(lvzhi.ErrNotFound, "没有名为“%s”的活动操作。", r.PathValue("action"))
		}
	}
	if err == nil {
		_, err = s.st.ActActivity(r.Context(), actor(r), id, r.PathValue("action"), in.Note)
	}
	s.writeActivity(w, r, http.StatusOK, id, err)
}

func (s *Server) apiListActivityEvents(w http.ResponseWriter, r *http.Request) {
	s.writeEvents(w, r, s.st.ActivityHistory)
}

func (s *Server) apiListGuests(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var rows []lvzhi.Guest
	if err == nil {
		rows, err = s.st.Guests(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toGuestJSON))
}

func (s *Server) apiAddGuest(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Kind  string `json:"kind"`
		Name  string `json:"name"`
		Title string `json:"title"`
	}
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	var g lvzhi.Guest
	if err == nil {
		g, err = s.st.AddGuest(r.Context(), actor(r), lvzhi.Guest{ActivityID: id, Kind: in.Kind, Name: in.Name, Title: in.Title})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toGuestJSON(g))
}

func (s *Server) apiRemoveGuest(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.st.RemoveGuest(r.Context(), actor(r), id, formID(r.PathValue("guest")))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiGetActivitySettings(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: a.CommitteeID, MemberID: a.MemberID}); err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.st.ActivitySettings(r.Context(), a.CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toActivitySettingsJSON(st))
}

func (s *Server) apiUpdateActivitySettings(w http.ResponseWriter, r *http.Request) {
	var in activitySettingsJSON
	err := decodeJSON(w, r, &in)
	if err == nil {
		err = s.st.SetActivitySettings(r.Context(), actor(r), in.settings())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.apiGetActivitySettings(w, r)
}
