package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A backup taken while the server runs restores as the README says: the database copy passes
// the audit check, and a server started on the copy and the copied files serves the same
// committee and the attachment uploaded before the backup, byte for byte.
func TestBackupOfLiveDatabaseAndFiles(t *testing.T) {
	s := sharedDemo(t)
	staff := login(t, s, "staff")
	content := []byte("%PDF-1.4 备份测试附件 " + t.Name())
	fileID := uploadAttachment(t, staff, s.URL+"/records/proposal/1/attachments", "会议纪要.pdf", content)

	dir := t.TempDir()
	file := filepath.Join(dir, "backup.db")
	var out strings.Builder
	if err := run(context.Background(), []string{"backup", "--data", s.Data, file}, func(string) string { return "" }, nil, &out, io.Discard); err != nil {
		t.Fatalf("backup: %v", err)
	}
	if !strings.Contains(out.String(), "上传文件") {
		t.Errorf("backup output %q does not report the files", out.String())
	}
	out.Reset()
	err := run(context.Background(), []string{"audit", "verify", "--db", file}, func(string) string { return "" }, nil, &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), "审计日志完好") {
		t.Fatalf("audit verify of the backup: %v %s", err, out.String())
	}

	// Restore as the README says: the copy becomes DATA/lvzhi.db, FILE.files becomes DATA/files.
	data := t.TempDir()
	if err := os.Rename(file, filepath.Join(data, "lvzhi.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(file+".files", filepath.Join(data, "files")); err != nil {
		t.Fatalf("the backup has no files folder: %v", err)
	}
	restored := startServer(t, "serve", data, nil)
	c := login(t, restored, "staff")
	if code, body, _ := get(t, c, restored.URL+"/org"); code != 200 || !strings.Contains(body, "政协") {
		t.Errorf("restored server /org = %d", code)
	}
	if code, body, _ := get(t, c, restored.URL+"/files/"+fileID); code != 200 || body != string(content) {
		t.Errorf("restored attachment = %d %q, want the uploaded bytes", code, body)
	}
	if err := restored.stop(); err != nil {
		t.Errorf("graceful stop: %v", err)
	}
	if !strings.Contains(restored.out.String(), "已停止") {
		t.Error("server did not report a clean stop")
	}
}

// uploadAttachment sends a file as the attachment form does and returns the id of the
// download link the record page then shows.
func uploadAttachment(t *testing.T, c *http.Client, url, name string, content []byte) string {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	resp, err := c.Post(url, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload %s = %d, want a redirect to the record", name, resp.StatusCode)
	}
	page := strings.Split(resp.Header.Get("Location"), "?")[0]
	_, html, _ := get(t, c, resp.Request.URL.Scheme+"://"+resp.Request.URL.Host+page)
	m := regexp.MustCompile(`/files/(\d+)"[^>]*>[^<]*` + regexp.QuoteMeta(name)).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("the record page does not link %s", name)
	}
	return m[1]
}
