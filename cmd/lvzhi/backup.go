package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"lvzhi/store"
)

// backup writes an online copy of the SQLite database to FILE and the uploaded files
// (attachments, member photos) to FILE.files/, so one command saves everything a restore
// needs. The database is copied first: files are written before the row that names them, so
// every file the copy names is already on disk when the files are copied.
func backup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := parseConfig("backup", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errors.New("用法:lvzhi backup [flags] FILE")
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, rest[0]); err != nil {
		return err
	}
	n, err := copyFiles(filepath.Join(cfg.DataDir, "files"), rest[0]+".files")
	if err != nil {
		return fmt.Errorf("数据库已备份到 %s,但上传文件备份失败:%w", rest[0], err)
	}
	fmt.Fprintln(stdout, "已备份到", rest[0])
	fmt.Fprintf(stdout, "上传文件 %d 个已备份到 %s\n", n, rest[0]+".files")
	return nil
}

// copyFiles copies the content-addressed files of src into dst and returns how many there
// are. A file already in dst with its name has the same bytes (its name is their hash), so
// backups into one folder copy only what is new. Files are hard-linked when dst is on the
// same disk, which costs no space; otherwise copied through a temporary name.
func copyFiles(src, dst string) (int, error) {
	entries, err := os.ReadDir(src)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil // no upload yet
	} else if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dst, 0o750); err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !contentName(e.Name()) {
			continue // an upload still being written ("upload-…"), or not ours
		}
		n++
		from, to := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())
		if _, err := os.Stat(to); err == nil {
			continue
		}
		if os.Link(from, to) == nil {
			continue
		}
		if err := copyFile(from, to); err != nil {
			return n, err
		}
	}
	return n, nil
}

// contentName reports whether name is a file store name: the hex SHA-256 of the bytes.
func contentName(name string) bool {
	if len(name) != 64 {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil
}

// copyFile copies one file, writing under a temporary name so a cut-off backup leaves no
// half file under the real name.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := to + ".partial"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, to)
}
