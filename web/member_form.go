package web

import (
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// memberFormPage is the data of the new and edit member forms.
type memberFormPage struct {
	Layout
	memberOptions
	Member lvzhi.Member
	Errors map[string]string
	Error  string
	Action string // where the form posts
	Staff  bool   // all fields editable; a member editing their own record changes contact fields only
}

const maxPhoto = 5 << 20

// memberFromForm reads the member form. The photo, if one was sent, is stored first and its
// hash put on the record.
func (s *Server) memberFromForm(r *http.Request) (lvzhi.Member, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(maxPhoto + 1<<20); err != nil {
			return lvzhi.Member{}, lvzhi.Invalid(map[string]string{"photo": "照片不能超过5MB"})
		}
	}
	m := lvzhi.Member{
		CommitteeID: actor(r).CommitteeID, Name: r.FormValue("name"), Gender: r.FormValue("gender"),
		BirthDate: r.FormValue("birth_date"), Ethnicity: r.FormValue("ethnicity"), Employer: r.FormValue("employer"),
		Title: r.FormValue("title"), Phone: r.FormValue("phone"), IDNumber: r.FormValue("id_number"),
		Address: r.FormValue("address"), Standing: r.FormValue("standing") == "on",
		TermID: formID(r.FormValue("term_id")), PartyID: formID(r.FormValue("party_id")), SectorID: formID(r.FormValue("sector_id")),
		SpecialCommitteeID: formID(r.FormValue("special_committee_id")), ActivityGroupID: formID(r.FormValue("activity_group_id")),
	}
	file, hdr, err := r.FormFile("photo")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return m, nil
	} else if err != nil {
		return m, err
	}
	defer file.Close()
	if ct := hdr.Header.Get("Content-Type"); ct != "image/jpeg" && ct != "image/png" {
		return m, lvzhi.Invalid(map[string]string{"photo": "照片应为JPG或PNG格式"})
	}
	if m.PhotoHash, _, err = s.files.put(file, maxPhoto); err != nil {
		return m, lvzhi.Invalid(map[string]string{"photo": "照片不能超过5MB"})
	}
	return m, nil
}

func (s *Server) memberForm(w http.ResponseWriter, r *http.Request, status int, m lvzhi.Member, err error) {
	a := actor(r)
	p := memberFormPage{Layout: s.layout(r, "member.new"), Member: m, Action: "/members"}
	if m.ID != 0 {
		p.Title, p.TitleArg, p.Action = "member.edit", m.Name, "/members/"+strconv.FormatInt(m.ID, 10)
	}
	p.Staff = lvzhi.Can(a, lvzhi.ActionUpdate, lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: a.CommitteeID})
	if err != nil {
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	}
	var oerr error
	if p.memberOptions, oerr = s.memberOptions(r); oerr != nil {
		s.fail(w, r, oerr)
		return
	}
	s.render(w, r, status, "memberform", p)
}

func (s *Server) handleMemberNew(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	m := lvzhi.Member{Gender: "男", Ethnicity: "汉族"}
	if t, err := s.st.CurrentTerm(r.Context(), a, a.CommitteeID); err == nil {
		m.TermID = t.ID
	}
	s.memberForm(w, r, http.StatusOK, m, nil)
}

func (s *Server) handleCreateMember(w http.ResponseWriter, r *http.Request) {
	m, err := s.memberFromForm(r)
	if err == nil {
		m, err = s.st.CreateMember(r.Context(), actor(r), m)
	}
	if err != nil {
		s.retryMemberForm(w, r, m, err)
		return
	}
	http.Redirect(w, r, "/members/"+strconv.FormatInt(m.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

// retryMemberForm shows the form again with every value typed and the errors beside them.
func (s *Server) retryMemberForm(w http.ResponseWriter, r *http.Request, m lvzhi.Member, err error) {
	if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
		s.fail(w, r, err)
		return
	}
	s.memberForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), m, err)
}

func (s *Server) handleMemberEdit(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	m, err := s.st.Member(r.Context(), a, formID(r.PathValue("id")))
	if err == nil {
		err = lvzhi.Authorize(a, lvzhi.ActionUpdate, m.Target())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.memberForm(w, r, http.StatusOK, m, nil)
}

func (s *Server) handleUpdateMember(w http.ResponseWriter, r *http.Request) {
	m, err := s.memberFromForm(r)
	m.ID = formID(r.PathValue("id"))
	if err == nil {
		err = s.st.UpdateMember(r.Context(), actor(r), m)
	}
	if err != nil {
		s.retryMemberForm(w, r, m, err)
		return
	}
	http.Redirect(w, r, "/members/"+strconv.FormatInt(m.ID, 10)+"?ok=saved", http.StatusSeeOther)
}

// handleMemberPhoto serves a member's photo to those who may read the member record: the
// download is authorised against the record, never by the file's name.
func (s *Server) handleMemberPhoto(w http.ResponseWriter, r *http.Request) {
	m, err := s.st.Member(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !validHash(m.PhotoHash) {
		s.fail(w, r, lvzhi.Errorf(lvzhi.ErrNotFound, "该委员还没有照片。"))
		return
	}
	f, err := os.Open(s.files.path(m.PhotoHash))
	if err != nil {
		s.fail(w, r, lvzhi.Errorf(lvzhi.ErrNotFound, "照片文件不存在。"))
		return
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "private, max-age=3600")
	http.ServeContent(w, r, "photo", time.Time{}, f)
}
