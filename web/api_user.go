package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
)

// userJSON is an account. No password or second-factor secret ever leaves the store.
type userJSON struct {
	ID                int64      `json:"id"`
	CommitteeID       int64      `json:"committee_id"`
	Username          string     `json:"username"`
	Name              string     `json:"name"`
	Roles             []string   `json:"roles"`
	DepartmentID      *int64     `json:"department_id"`
	UnitID            *int64     `json:"unit_id"`
	MemberID          *int64     `json:"member_id"`
	State             string     `json:"state"`
	StateLabel        string     `json:"state_label"`
	Locked            bool       `json:"locked"`
	LockedUntil       *time.Time `json:"locked_until"`
	FailedLogins      int        `json:"failed_logins"`
	TOTPEnabled       bool       `json:"totp_enabled"`
	PasswordChangedAt time.Time  `json:"password_changed_at"`
	LastLoginAt       *time.Time `json:"last_login_at"`
	CreatedAt         time.Time  `json:"created_at"`
}

func (s *Server) toUserJSON(u lvzhi.User) userJSON {
	j := userJSON{
		ID: u.ID, CommitteeID: u.CommitteeID, Username: u.Username, Name: u.Name, Roles: make([]string, len(u.Roles)),
		DepartmentID: optID(u.DepartmentID), UnitID: optID(u.UnitID), MemberID: optID(u.MemberID),
		State: u.State, StateLabel: lvzhi.UserWorkflow.StateLabel[u.State], FailedLogins: u.FailedLogins,
		TOTPEnabled: u.TOTPEnabled, PasswordChangedAt: u.PasswordChanged.UTC(), LastLoginAt: optTime(u.LastLogin),
		CreatedAt: u.Created.UTC(),
	}
	for i, r := range u.Roles {
		j.Roles[i] = string(r)
	}
	if u.Locked(s.st.Now()) {
		j.Locked, j.LockedUntil = true, optTime(u.LockedUntil)
	}
	return j
}

// userInput is the body of creating or editing an account; absent fields keep their value.
// Password is only for creating: an existing account's password changes through
// /api/v1/me/password or the reset_password action.
type userInput struct {
	Username     opt[string]       `json:"username"`
	Name         opt[string]       `json:"name"`
	Roles        opt[[]lvzhi.Role] `json:"roles"`
	DepartmentID opt[int64]        `json:"department_id"`
	UnitID       opt[int64]        `json:"unit_id"`
	MemberID     opt[int64]        `json:"member_id"`
	Password     opt[string]       `json:"password"`
}

func (in userInput) apply(u *lvzhi.User) {
	in.Name.to(&u.Name)
	in.Roles.to(&u.Roles)
	in.DepartmentID.to(&u.DepartmentID)
	in.UnitID.to(&u.UnitID)
	in.MemberID.to(&u.MemberID)
}

// apiListUsers lists the accounts of the committee: role, state (active, disabled, locked)
// and q (username or name) filter, as on the accounts page.
func (s *Server) apiListUsers(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	users, total, err := s.st.ListUsers(r.Context(), a, userFilter(a, r.URL.Query()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(users, total, s.toUserJSON))
}

// writeUser answers with the account id as it now stands, or with err.
func (s *Server) writeUser(w http.ResponseWriter, r *http.Request, status int, id int64, err error) {
	var u lvzhi.User
	if err == nil {
		u, err = s.st.User(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, s.toUserJSON(u))
}

func (s *Server) apiGetUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	s.writeUser(w, r, http.StatusOK, id, err)
}

func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request) {
	var in userInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	u := lvzhi.User{CommitteeID: actor(r).CommitteeID, Username: in.Username.V}
	in.apply(&u)
	u, err := s.st.CreateUser(r.Context(), actor(r), u, in.Password.V)
	if err == nil {
		w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	}
	s.writeUser(w, r, http.StatusCreated, u.ID, err)
}

// apiUpdateUser changes an account's name, roles and links; the username stays.
func (s *Server) apiUpdateUser(w http.ResponseWriter, r *http.Request) {
	var in userInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := pathID(r)
	var u lvzhi.User
	if err == nil {
		u, err = s.st.User(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch {
	case in.Username.Set && in.Username.V != u.Username:
		err = lvzhi.Invalid(map[string]string{"username": "用户名不能修改"})
	case in.Password.Set:
		err = lvzhi.Invalid(map[string]string{"password": "请用重置密码操作(actions/reset_password)修改他人密码"})
	default:
		in.apply(&u)
		err = s.st.UpdateUser(r.Context(), actor(r), u)
	}
	s.writeUser(w, r, http.StatusOK, id, err)
}

// apiUserAction runs an administrator's action on an account: the workflow actions disable
// and enable (with a note), unlock, reset_totp and reset_password (with the new password).
func (s *Server) apiUserAction(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Note     string `json:"note"`
		Password string `json:"password"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	switch r.PathValue("action") {
	case "unlock":
		err = s.st.Unlock(ctx, a, id)
	case "reset_totp":
		err = s.st.ResetTOTP(ctx, a, id)
	case "reset_password":
		err = s.st.ChangePassword(ctx, a, id, "", in.Password)
	default:
		_, err = s.st.ChangeUser(ctx, a, id, r.PathValue("action"), in.Note)
	}
	s.writeUser(w, r, http.StatusOK, id, err)
}

func (s *Server) apiListUserEvents(w http.ResponseWriter, r *http.Request) {
	s.writeEvents(w, r, s.st.UserHistory)
}

// apiChangeMyPassword changes the signed-in user's own password. Every session of the
// account ends, this one included: sign in again with the new password.
func (s *Server) apiChangeMyPassword(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Current  string `json:"current"`
		Password string `json:"password"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	a := actor(r)
	if err := s.st.ChangePassword(r.Context(), a, a.UserID, in.Current, in.Password); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
