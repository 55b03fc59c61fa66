package web

import (
	"errors"
	"mime"
	"net/http"
	"os"
	"strconv"

	"lvzhi"
)

// AttachmentsPart is what the "attachments" template part (templates/_attachments.html)
// draws on a record page: the record's files, each a download link, and the upload form when
// the user may attach. A record page has a field of this type and calls
// {{template "attachments" .Attachments}}.
type AttachmentsPart struct {
	Kind     lvzhi.Kind
	RecordID int64
	Items    []lvzhi.Attachment
	CanAdd   bool   // the user may attach and remove files
	Types    string // the accepted types, for the form's hint
}

// attachmentsPart reads the part of one record for the request's user. Whoever reads the
// record page may read its attachments; the store checks it again all the same.
func (s *Server) attachmentsPart(r *http.Request, kind lvzhi.Kind, id int64) (AttachmentsPart, error) {
	a, ctx := actor(r), r.Context()
	p := AttachmentsPart{Kind: kind, RecordID: id, Types: lvzhi.AttachmentTypeList}
	var err error
	if p.Items, err = s.st.Attachments(ctx, a, kind, id); err != nil {
		return p, err
	}
	p.CanAdd = s.st.CanAttach(ctx, a, kind, id)
	return p, nil
}

// recordPath is the page of a record that attachments and instructions hang on, where their
// forms return to. A module that adds a kind to store.recordTarget adds its page here; the
// path is built from the kind and id, never taken from the request, so no form can send the
// user elsewhere.
func recordPath(kind lvzhi.Kind, id int64) string {
	n := strconv.FormatInt(id, 10)
	switch kind {
	case lvzhi.KindProposal:
		return "/proposals/" + n
	case lvzhi.KindRequest:
		return "/requests/" + n
	case lvzhi.KindOpinion:
		return "/opinions/" + n
	case lvzhi.KindActivity:
		return "/activities/" + n
	case lvzhi.KindOutcome:
		return "/outcomes/" + n
	case lvzhi.KindResearchTopic:
		return "/research-topics/" + n
	case lvzhi.KindSpeech:
		return "/speeches/" + n
	}
	return "/"
}

// storeUpload keeps the bytes of the form's "file" (at most MaxAttachmentSize) and returns
// the attachment to record. A missing or oversized file is a field error like any other.
func (s *Server) storeUpload(w http.ResponseWriter, r *http.Request) (lvzhi.Attachment, error) {
	r.Body = http.MaxBytesReader(w, r.Body, lvzhi.MaxAttachmentSize+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return lvzhi.Attachment{}, lvzhi.Invalid(map[string]string{"file": "文件不能超过20MB,请压缩或分成几个文件上传"})
		}
		return lvzhi.Attachment{}, lvzhi.Invalid(map[string]string{"file": "请选择要上传的文件"})
	}
	file, head, err := r.FormFile("file")
	if err != nil {
		return lvzhi.Attachment{}, lvzhi.Invalid(map[string]string{"file": "请选择要上传的文件"})
	}
	defer file.Close()
	f := lvzhi.Attachment{Name: head.Filename, Size: head.Size}
	if err := f.Validate(); lvzhi.ErrorCodeOf(err) == lvzhi.ErrInvalid {
		return f, err // refuse the type before keeping any bytes
	}
	if f.Hash, f.Size, err = s.files.put(file, lvzhi.MaxAttachmentSize); err != nil {
		if f.Size > lvzhi.MaxAttachmentSize {
			return f, lvzhi.Invalid(map[string]string{"file": "文件不能超过20MB,请压缩或分成几个文件上传"})
		}
		return f, err
	}
	return f, nil
}

// attach stores an uploaded file and records it as an attachment of the record. A user who
// may not attach to the record is refused (and audited) before a byte of the body is read,
// so nobody can fill the disk through records they may not change.
func (s *Server) attach(w http.ResponseWriter, r *http.Request, kind lvzhi.Kind, id int64) (lvzhi.Attachment, error) {
	a, ctx := actor(r), r.Context()
	if !s.st.CanAttach(ctx, a, kind, id) {
		return s.st.AddAttachment(ctx, a, kind, id, lvzhi.Attachment{}) // the refusal, audited
	}
	f, err := s.storeUpload(w, r)
	if err != nil {
		return f, err
	}
	return s.st.AddAttachment(ctx, a, kind, id, f)
}

// handleUploadAttachment attaches an uploaded file to a record and returns to its page.
func (s *Server) handleUploadAttachment(w http.ResponseWriter, r *http.Request) {
	kind, id := lvzhi.Kind(r.PathValue("kind")), formID(r.PathValue("id"))
	if _, err := s.attach(w, r, kind, id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, recordPath(kind, id)+"?ok=attached#attachments", http.StatusSeeOther)
}

// handleDownloadAttachment sends an attachment to a user who may read its record. The file
// is always a download under its original name, never shown inline, and the browser is told
// not to guess its type: an uploaded file must not run as a page of this site.
func (s *Server) handleDownloadAttachment(w http.ResponseWriter, r *http.Request) {
	f, err := s.st.Attachment(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !validHash(f.Hash) {
		s.fail(w, r, lvzhi.Errorf(lvzhi.ErrInternal, "attachment %d has a bad hash", f.ID))
		return
	}
	body, err := os.Open(s.files.path(f.Hash))
	if err != nil {
		s.fail(w, r, lvzhi.Errorf(lvzhi.ErrNotFound, "附件文件已丢失,请联系系统管理员从备份恢复。"))
		return
	}
	defer body.Close()
	h := w.Header()
	h.Set("Content-Type", f.MIME)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", f.Created, body)
}

// handleDeleteAttachment removes an attachment from its record and returns to its page.
func (s *Server) handleDeleteAttachment(w http.ResponseWriter, r *http.Request) {
	f, err := s.st.DeleteAttachment(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, recordPath(f.Kind, f.RecordID)+"?ok=detached#attachments", http.StatusSeeOther)
}
