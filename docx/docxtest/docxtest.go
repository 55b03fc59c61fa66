// Package docxtest opens the .docx files lvzhi writes the way a test needs to: unzipped into
// their parts, each part checked to be well-formed XML, and converted to PDF by LibreOffice as
// proof that office software opens them. It is imported by tests only; it lives outside a
// _test file so that the packages writing documents (bulletin, register, docx) share it
// instead of each keeping a copy.
package docxtest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Parts unzips a document and returns its parts by name, failing the test when it is not a
// zip or a part does not read.
func Parts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
	}
	return parts
}

// WellFormed decodes every token of the XML part name, failing the test on the first error:
// Word refuses a whole document for one bad part.
func WellFormed(t testing.TB, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}

// ToPDF converts a .docx to PDF with LibreOffice, headless, and returns the PDF, failing the
// test when the conversion fails or writes no PDF. It skips the test when neither soffice nor
// libreoffice is on PATH: CI installs libreoffice-writer-nogui, a developer's machine may not
// have it.
func ToPDF(t testing.TB, docx []byte) []byte {
	t.Helper()
	bin := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("libreoffice/soffice not on PATH: PDF conversion skipped")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "document.docx")
	if err := os.WriteFile(src, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own in the temporary directory, so that conversions running at the
	// same time (tests of several packages) do not lock each other out of one profile.
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, src)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("convert: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "document.pdf"))
	if err != nil {
		t.Fatalf("no PDF written: %v\n%s", err, out)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF (%d bytes)\n%s", len(pdf), out)
	}
	return pdf
}

// PDFText is the text of a PDF as pdftotext reads it; ok is false when pdftotext (from
// poppler-utils) is not on PATH or cannot read the PDF, and the test then checks less.
func PDFText(t testing.TB, pdf []byte) (text string, ok bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	src := filepath.Join(t.TempDir(), "document.pdf")
	if err := os.WriteFile(src, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := exec.Command(bin, src, "-").Output()
	if err != nil {
		return "", false
	}
	return string(got), true
}
