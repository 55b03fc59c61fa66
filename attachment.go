package lvzhi

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"
)

// Attachment is a file attached to a record (附件): a proposal's supporting material, an
// opinion report's photos, a request's enclosure. The bytes live content-addressed on disk
// under Hash; this row says which record they belong to, so every download is authorised
// against that record, never by the name alone.
type Attachment struct {
	ID          int64
	CommitteeID int64
	Kind        Kind  // the kind of the record it belongs to
	RecordID    int64 // and its id
	Hash        string
	Name        string // the file's original name, as the uploader's computer called it
	MIME        string // decided from the name's extension, never from what the browser claims
	Size        int64
	UploaderID  int64
	Uploader    string
	Created     time.Time
}

// MaxAttachmentSize is the largest attachment accepted: scanned documents fit, videos do not.
const MaxAttachmentSize = 20 << 20

// AttachmentTypes are the file types an attachment may have, by lower-case extension: the
// office formats a committee exchanges (including WPS and OFD) and pictures. Anything that a
// browser would run (HTML, SVG, scripts) is refused.
var AttachmentTypes = map[string]string{
	".pdf":  "application/pdf",
	".ofd":  "application/ofd",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt":  "application/vnd.ms-powerpoint",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".wps":  "application/vnd.ms-works",
	".et":   "application/vnd.ms-excel",
	".txt":  "text/plain; charset=utf-8",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
}

// AttachmentTypeList is the accepted extensions as the upload form's hint shows them.
const AttachmentTypeList = "PDF、OFD、Word、Excel、PowerPoint、WPS、TXT、JPG、PNG"

// AttachmentMIME returns the content type of a file name by its extension, and false when the
// type is not accepted.
func AttachmentMIME(name string) (string, bool) {
	m, ok := AttachmentTypes[strings.ToLower(path.Ext(name))]
	return m, ok
}

// CleanAttachmentName keeps the last element of a name a browser sent (some send a whole
// Windows path) without control characters, so it is safe in a header and on a page.
func CleanAttachmentName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(strings.TrimSpace(name))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	if name == "." || name == "/" {
		return ""
	}
	return name
}

// Validate checks an attachment before it is recorded: a name, an accepted type and a size
// within the limit, each refused with a message saying what to do.
func (a Attachment) Validate() error {
	f := map[string]string{}
	switch {
	case a.Name == "":
		f["file"] = "请选择要上传的文件"
	case utf8.RuneCountInString(a.Name) > 200:
		f["file"] = "文件名不能超过200个字"
	default:
		if _, ok := AttachmentMIME(a.Name); !ok {
			f["file"] = "不支持“" + path.Ext(a.Name) + "”类型的文件,可上传:" + AttachmentTypeList
		}
	}
	switch {
	case a.Size <= 0 && a.Name != "":
		f["file"] = "文件是空的,请重新选择"
	case a.Size > MaxAttachmentSize:
		f["file"] = "文件不能超过20MB,请压缩或分成几个文件上传"
	}
	if len(f) == 0 && !validAttachmentHash(a.Hash) {
		return Errorf(ErrInternal, "attachment without a stored file")
	}
	return Invalid(f)
}

// validAttachmentHash reports whether h is a SHA-256 in hex, so a stored name can never walk
// out of the files folder.
func validAttachmentHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for _, c := range h {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// SizeLabel is the file's size as lists show it: 820 KB, 3.4 MB.
func (a Attachment) SizeLabel() string {
	switch {
	case a.Size >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(a.Size)/(1<<20))
	case a.Size >= 1<<10:
		return fmt.Sprintf("%d KB", (a.Size+1<<9)>>10)
	}
	return fmt.Sprintf("%d B", a.Size)
}
