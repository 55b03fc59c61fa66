package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/skip2/go-qrcode"

	"lvzhi"
)

// The check-in screen and the scan. Staff open the screen at the venue; it shows a QR code of
// /checkin/{activity}/{token} that changes every lvzhi.CheckinStep, fetched again by htmx
// every 20 seconds (no inline script). A member scans it with the phone, signed in, and is
// checked in at once: the code lives a minute at most, so a second step of confirming would
// only let it expire under the member's thumb.

// checkinScreenPage is the data of the screen and of its code fragment.
type checkinScreenPage struct {
	Layout
	activityOptions
	Activity lvzhi.Activity
	Link     string // the address the code encodes
	Token    string
	Changes  time.Time
	// ValidUntil is when the code shown stops working: a step after it changes.
	ValidUntil string
	Counts     map[string]int
	Open       bool // inside the check-in window now
}

func (s *Server) checkinScreen(r *http.Request) (checkinScreenPage, error) {
	a, ctx, id := actor(r), r.Context(), formID(r.PathValue("id"))
	p := checkinScreenPage{Layout: s.layout(r, "checkin.screen")}
	var err error
	if p.Activity, err = s.st.Activity(ctx, a, id); err != nil {
		return p, err
	}
	p.TitleArg = p.Activity.Title
	if p.Token, p.Changes, err = s.st.CheckinCode(ctx, a, id); err != nil {
		return p, err
	}
	if p.activityOptions, err = s.activityOptions(r); err != nil {
		return p, err
	}
	if p.Counts, err = s.st.InvitationCounts(ctx, a, id); err != nil {
		return p, err
	}
	p.ValidUntil = p.Changes.Add(lvzhi.CheckinStep).In(lvzhi.China).Format("15:04:05")
	p.Link = siteURL(r) + "/checkin/" + strconv.FormatInt(id, 10) + "/" + p.Token
	p.Open = p.Activity.CheckCheckinWindow(s.st.Now()) == nil
	return p, nil
}

// siteURL is the scheme and host the request came to, which the phones reach the site by.
func siteURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) handleCheckinScreen(w http.ResponseWriter, r *http.Request) {
	p, err := s.checkinScreen(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "activitycheckin", p)
}

// handleCheckinCode is the screen's fragment that htmx fetches every 20 seconds.
func (s *Server) handleCheckinCode(w http.ResponseWriter, r *http.Request) {
	p, err := s.checkinScreen(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderPart(w, r, http.StatusOK, "activitycheckin", "code", p)
}

// handleCheckinQR draws the current code as a PNG. The query's token only makes each code's
// address different, so no cache shows an old one; the picture is always of the code now.
func (s *Server) handleCheckinQR(w http.ResponseWriter, r *http.Request) {
	a, id := actor(r), formID(r.PathValue("id"))
	token, _, err := s.st.CheckinCode(r.Context(), a, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	png, err := qrcode.Encode(siteURL(r)+"/checkin/"+strconv.FormatInt(id, 10)+"/"+token, qrcode.Medium, 512)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(png)
}

// checkinResultPage is what the member's phone shows on scanning (a button to check in) and
// after pressing it (the result).
type checkinResultPage struct {
	Layout
	Activity   lvzhi.Activity
	Invitation lvzhi.Invitation
	Error      string
	Confirm    string // the address the button posts to; empty once the check-in was tried
}

// handleCheckinConfirm is where the scanned code leads: the activity and one button. Opening
// an address changes nothing — a link preview or a prefetching browser must not check anyone
// in — so the check-in itself is the POST the button sends, while the code is still fresh.
func (s *Server) handleCheckinConfirm(w http.ResponseWriter, r *http.Request) {
	a, id := actor(r), formID(r.PathValue("id"))
	p := checkinResultPage{Layout: s.layout(r, "checkin.title"), Confirm: r.URL.Path}
	x, err := s.st.Activity(r.Context(), a, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Activity = x
	s.render(w, r, http.StatusOK, "checkin", p)
}

// handleScanCheckin checks the signed-in member in with the scanned code (the confirm page's
// button).
func (s *Server) handleScanCheckin(w http.ResponseWriter, r *http.Request) {
	a, ctx, id := actor(r), r.Context(), formID(r.PathValue("id"))
	p := checkinResultPage{Layout: s.layout(r, "checkin.title")}
	inv, err := s.st.CheckIn(ctx, a, id, r.PathValue("token"))
	if c := lvzhi.ErrorCodeOf(err); err != nil && c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict && c != lvzhi.ErrForbidden {
		s.fail(w, r, err)
		return
	}
	p.Invitation = inv
	if x, rerr := s.st.Activity(ctx, a, id); rerr == nil {
		p.Activity = x
	}
	status := http.StatusOK
	if err != nil {
		p.Error, status = lvzhi.ErrorMessage(err), statusOf(lvzhi.ErrorCodeOf(err))
	}
	s.render(w, r, status, "checkin", p)
}
