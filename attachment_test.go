package lvzhi

import (
	"strings"
	"testing"
)

func TestAttachmentValidate(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	ok := Attachment{Name: "调研报告.docx", Size: 1024, Hash: hash}
	if err := ok.Validate(); err != nil {
		t.Fatalf("a Word file: %v", err)
	}
	for _, c := range []struct {
		name string
		a    Attachment
	}{
		{"no name", Attachment{Size: 1, Hash: hash}},
		{"a program", Attachment{Name: "setup.exe", Size: 1, Hash: hash}},
		{"a web page", Attachment{Name: "a.HTML", Size: 1, Hash: hash}},
		{"an SVG", Attachment{Name: "a.svg", Size: 1, Hash: hash}},
		{"empty", Attachment{Name: "a.pdf", Hash: hash}},
		{"too large", Attachment{Name: "a.pdf", Size: MaxAttachmentSize + 1, Hash: hash}},
	} {
		if ErrorFields(c.a.Validate())["file"] == "" {
			t.Errorf("%s: accepted", c.name)
		}
	}
	if ErrorCodeOf(Attachment{Name: "a.pdf", Size: 1, Hash: "../../etc/passwd"}.Validate()) != ErrInternal {
		t.Error("a bad hash is not refused")
	}
	if m, ok := AttachmentMIME("扫描件.JPG"); !ok || m != "image/jpeg" {
		t.Errorf("JPG: %q %v", m, ok)
	}
}

func TestCleanAttachmentName(t *testing.T) {
	for in, want := range map[string]string{
		`C:\Users\张三\材料.pdf`: "材料.pdf",
		"/tmp/x/报告.docx":     "报告.docx",
		"a\"b\r\n.pdf":       "ab.pdf",
		"":                   "",
		"..":                 "..",
	} {
		if got := CleanAttachmentName(in); got != want {
			t.Errorf("CleanAttachmentName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (Attachment{Size: 3 << 20}).SizeLabel(); got != "3.0 MB" {
		t.Errorf("size label %q", got)
	}
}
