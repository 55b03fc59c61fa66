package web

import (
	"net/http"
	"strconv"
	"time"

	"lvzhi"
)

// attachmentJSON is a file attached to a record; download it from download_url.
type attachmentJSON struct {
	ID          int64     `json:"id"`
	RecordKind  string    `json:"record_kind"`
	RecordID    int64     `json:"record_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploaderID  *int64    `json:"uploader_id"`
	Uploader    string    `json:"uploader"`
	CreatedAt   time.Time `json:"created_at"`
	DownloadURL string    `json:"download_url"`
}

func toAttachmentJSON(f lvzhi.Attachment) attachmentJSON {
	return attachmentJSON{ID: f.ID, RecordKind: string(f.Kind), RecordID: f.RecordID, Name: f.Name, ContentType: f.MIME,
		Size: f.Size, SHA256: f.Hash, UploaderID: optID(f.UploaderID), Uploader: f.Uploader, CreatedAt: f.Created.UTC(),
		DownloadURL: "/api/v1/files/" + strconv.FormatInt(f.ID, 10)}
}

// apiListAttachments lists a record's attachments to those who may read the record.
func (s *Server) apiListAttachments(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var rows []lvzhi.Attachment
	if err == nil {
		rows, err = s.st.Attachments(r.Context(), actor(r), lvzhi.Kind(r.PathValue("kind")), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list(rows, len(rows), toAttachmentJSON))
}

// apiUploadAttachment attaches the multipart field "file" to a record.
func (s *Server) apiUploadAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var f lvzhi.Attachment
	if err == nil {
		f, err = s.attach(w, r, lvzhi.Kind(r.PathValue("kind")), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAttachmentJSON(f))
}

// apiDeleteAttachment removes an attachment from its record.
func (s *Server) apiDeleteAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		_, err = s.st.DeleteAttachment(r.Context(), actor(r), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
