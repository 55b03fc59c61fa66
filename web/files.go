package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// fileStore keeps uploaded files content-addressed under the data directory: the name of a
// file is the SHA-256 of its bytes, so the same photo uploaded twice is stored once. A name
// is not access control: downloads are served only through handlers that authorise the
// record the file belongs to.
type fileStore struct {
	dir string
}

// put stores the bytes from r (at most limit) and returns their hash.
func (f *fileStore) put(r io.Reader, limit int64) (string, int64, error) {
	dir := filepath.Join(f.dir, "files")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", 0, err
	}
	tmp, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, limit+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, err
	}
	if n > limit {
		return "", n, fmt.Errorf("file too large")
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if err := os.Rename(tmp.Name(), f.path(sum)); err != nil {
		return "", 0, err
	}
	return sum, n, nil
}

// path is where the file with the given hash lives.
func (f *fileStore) path(hash string) string {
	return filepath.Join(f.dir, "files", hash)
}

// validHash reports whether s looks like a hash put returned, so a stored value can never
// walk out of the files folder.
func validHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
