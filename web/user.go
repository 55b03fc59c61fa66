package web

import (
	"net/http"
	"net/url"
	"strconv"

	"lvzhi"
)

// userListPage is the data of the accounts list.
type userListPage struct {
	Layout
	Pager
	Users  []lvzhi.User
	Filter lvzhi.UserFilter
	Roles  []lvzhi.Role
}

func userFilter(a lvzhi.Actor, q url.Values) lvzhi.UserFilter {
	f := lvzhi.UserFilter{CommitteeID: a.CommitteeID, Role: lvzhi.Role(q.Get("role")), State: q.Get("state"), Q: q.Get("q")}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.PerPage, _ = strconv.Atoi(q.Get("per_page"))
	return f
}

func (s *Server) handleUserList(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	p := userListPage{Layout: s.layout(r, "users.title"), Filter: userFilter(a, r.URL.Query()), Roles: lvzhi.Roles}
	users, total, err := s.st.ListUsers(r.Context(), a, p.Filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Users, p.Pager = users, newPager("/users", r.URL.Query(), p.Filter.Paging, total)
	s.render(w, r, http.StatusOK, "users", p)
}

// userPage is the data of an account's page and of the new-account form.
type userPage struct {
	Layout
	User        lvzhi.User
	Roles       []lvzhi.Role
	Departments []lvzhi.OrgUnit
	Units       []lvzhi.OrgUnit
	History     []lvzhi.Event
	Actions     []string // disable / enable, for the system administrator
	CanManage   bool     // system administrator: edit roles, reset password
	CanSecure   bool     // security administrator: unlock, reset the second factor
	Locked      bool
	Errors      map[string]string
	Error       string
}

func (s *Server) userPage(r *http.Request, u lvzhi.User) (userPage, error) {
	a := actor(r)
	p := userPage{Layout: s.layout(r, "user.title"), User: u, Roles: lvzhi.Roles}
	p.TitleArg = u.Username
	if u.ID == 0 {
		p.Title = "user.new"
	}
	t := lvzhi.Target{Kind: lvzhi.KindUser, CommitteeID: a.CommitteeID, UserID: u.ID}
	p.CanManage = lvzhi.Can(a, lvzhi.ActionCreate, t)
	p.CanSecure = lvzhi.Can(a, lvzhi.ActionChange, t) && a.Has(lvzhi.RoleSecAdmin)
	p.Locked = u.Locked(s.st.Now())
	if p.CanManage && u.ID != 0 && u.ID != a.UserID {
		p.Actions = lvzhi.UserWorkflow.Allowed(u.State)
	}
	var err error
	if p.CanManage {
		if p.Departments, err = s.st.OrgUnits(r.Context(), a, a.CommitteeID, lvzhi.OrgDepartment); err != nil {
			return p, err
		}
		if p.Units, err = s.st.OrgUnits(r.Context(), a, a.CommitteeID, lvzhi.OrgHandlingUnit); err != nil {
			return p, err
		}
	}
	if u.ID != 0 {
		p.History, err = s.st.UserHistory(r.Context(), a, u.ID)
	}
	return p, err
}

func (s *Server) handleUserNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.userPage(r, lvzhi.User{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user", p)
}

func (s *Server) handleUserPage(w http.ResponseWriter, r *http.Request) {
	u, err := s.st.User(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.userPage(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user", p)
}

// userFromForm reads the account form.
func userFromForm(r *http.Request) lvzhi.User {
	r.ParseForm()
	u := lvzhi.User{
		CommitteeID: actor(r).CommitteeID, Username: r.FormValue("username"), Name: r.FormValue("name"),
		DepartmentID: formID(r.FormValue("department_id")), UnitID: formID(r.FormValue("unit_id")),
		MemberID: formID(r.FormValue("member_id")),
	}
	for _, role := range r.Form["roles"] {
		u.Roles = append(u.Roles, lvzhi.Role(role))
	}
	return u
}

// retryUserForm shows the account form again with the values and the errors.
func (s *Server) retryUserForm(w http.ResponseWriter, r *http.Request, u lvzhi.User, err error) {
	if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	p, perr := s.userPage(r, u)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	s.render(w, r, statusOf(lvzhi.ErrorCodeOf(err)), "user", p)
}

func (s *Server) handleCreateUser(w http.ResponseWriter, r *http.Request) {
	u := userFromForm(r)
	u, err := s.st.CreateUser(r.Context(), actor(r), u, r.FormValue("password"))
	if err != nil {
		s.retryUserForm(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/users/"+strconv.FormatInt(u.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

func (s *Server) handleUpdateUser(w http.ResponseWriter, r *http.Request) {
	u := userFromForm(r)
	u.ID = formID(r.PathValue("id"))
	if err := s.st.UpdateUser(r.Context(), actor(r), u); err != nil {
		old, _ := s.st.User(r.Context(), actor(r), u.ID)
		u.Username, u.State = old.Username, old.State
		s.retryUserForm(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/users/"+strconv.FormatInt(u.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

// handleUserAction runs an administrator's action on an account: the workflow actions
// (disable, enable) and unlock, reset_totp, reset_password.
func (s *Server) handleUserAction(w http.ResponseWriter, r *http.Request) {
	a, id, ctx := actor(r), formID(r.PathValue("id")), r.Context()
	var err error
	switch action := r.PathValue("action"); action {
	case "unlock":
		err = s.st.Unlock(ctx, a, id)
	case "reset_totp":
		err = s.st.ResetTOTP(ctx, a, id)
	case "reset_password":
		if r.FormValue("password") != r.FormValue("confirm") {
			err = lvzhi.Invalid(map[string]string{"confirm": "两次输入的新密码不一致"})
		} else {
			err = s.st.ChangePassword(ctx, a, id, "", r.FormValue("password"))
		}
	default:
		_, err = s.st.ChangeUser(ctx, a, id, action, r.FormValue("note"))
	}
	if err != nil {
		if lvzhi.ErrorCodeOf(err) == lvzhi.ErrInvalid {
			u, uerr := s.st.User(ctx, a, id)
			if uerr == nil {
				s.retryUserForm(w, r, u, err)
				return
			}
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/users/"+strconv.FormatInt(id, 10)+"?ok=done", http.StatusSeeOther)
}

// HasRole reports whether the account shown holds role r, for the role checkboxes.
func (p userPage) HasRole(r lvzhi.Role) bool {
	for _, x := range p.User.Roles {
		if x == r {
			return true
		}
	}
	return false
}
