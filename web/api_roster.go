package web

import (
	"bufio"
	"fmt"
	"net/http"

	"lvzhi"
	"lvzhi/roster"
)

// maxRosterUpload bounds an import request: the 20 MB file and its form around it.
const maxRosterUpload = 21 << 20

// importRowJSON is one problem in one row of a refused roster: row 0 is the file as a whole.
type importRowJSON struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// importErrorJSON is the 422 answer of a refused import: the usual error with every bad row.
type importErrorJSON struct {
	Error importErrorBody `json:"error"`
}

type importErrorBody struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Rows    []importRowJSON `json:"rows"`
}

// apiImportMembers imports a roster (multipart: "file", and "term_id", by default the current
// term). Nothing is written unless every row is good; otherwise the answer lists every bad
// row with its column and what to change.
func (s *Server) apiImportMembers(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxRosterUpload)
	termID := formID(r.FormValue("term_id"))
	if r.FormValue("term_id") == "" {
		if t, err := s.st.CurrentTerm(r.Context(), a, a.CommitteeID); err == nil {
			termID = t.ID
		}
	}
	res, rowErrs, err := s.importRoster(r, termID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(rowErrs) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, importErrorJSON{Error: importErrorBody{Code: string(lvzhi.ErrInvalid),
			Message: fmt.Sprintf("名册中有%d处错误,未导入任何记录;请按提示逐条修改后重新上传。", len(rowErrs)),
			Rows:    rowErrorsJSON(rowErrs)}})
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// apiPutMemberPhoto replaces a member's photo with the JPEG or PNG image in the body (up to
// 5 MB) and answers with the record. The image is stored by its content hash; it is served
// only through GET /api/v1/members/{id}/photo, which authorises the record.
func (s *Server) apiPutMemberPhoto(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var m lvzhi.Member
	if err == nil {
		m, err = s.currentMember(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body := bufio.NewReader(http.MaxBytesReader(w, r.Body, maxPhoto+1))
	head, _ := body.Peek(512)
	if ct := http.DetectContentType(head); ct != "image/jpeg" && ct != "image/png" {
		s.fail(w, r, lvzhi.Invalid(map[string]string{"photo": "照片应为JPG或PNG格式"}))
		return
	}
	hash, n, err := s.files.put(body, maxPhoto)
	if n > maxPhoto {
		err = lvzhi.Invalid(map[string]string{"photo": "照片不能超过5MB"})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m.PhotoHash = hash
	err = s.st.UpdateMember(r.Context(), actor(r), m)
	if err == nil {
		m, err = s.st.Member(r.Context(), actor(r), id)
	}
	s.writeMember(w, r, http.StatusOK, m, err)
}

// rowErrorsJSON converts the parser's row errors.
func rowErrorsJSON(errs []roster.RowError) []importRowJSON {
	out := make([]importRowJSON, len(errs))
	for i, e := range errs {
		out[i] = importRowJSON{Row: e.Row, Column: e.Column, Message: e.Message}
	}
	return out
}
