package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// tokenBytes is 128 bits: enough that guessing a live session is hopeless even with
// millions of sessions open, and short enough for a cookie.
const tokenBytes = 16

// TokenLen is the length of a token from NewToken: 16 bytes in unpadded base64.
const TokenLen = 22

// tok is the token encoding: URL-safe, so a token can go in a cookie or a URL unescaped,
// and unpadded, so it has no "=" that some cookie parsers mangle.
var tok = base64.RawURLEncoding

// NewToken returns a new session token: 128 random bits, base64url without padding (22
// characters). The token goes to the browser only; the database keeps HashToken(token).
// The error result is always nil, as crypto/rand no longer fails; it stays so that callers
// are ready should the source of randomness ever change.
func NewToken() (token string, err error) {
	b := make([]byte, tokenBytes)
	rand.Read(b)
	return tok.EncodeToString(b), nil
}

// HashToken returns the hex SHA-256 of token, which is what the database stores and looks
// sessions up by. Someone who reads the database (a backup, an SQL injection) then holds
// no live sessions. A fast unsalted hash is right here, unlike for passwords: the token
// has 128 random bits, so there is nothing to guess and nothing for a salt to protect.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ValidToken reports whether s has the form of a token from NewToken. The session lookup
// checks it first, so that junk cookies are turned away without touching the database.
// It says nothing about whether the session exists.
func ValidToken(s string) bool {
	if len(s) != TokenLen {
		return false
	}
	_, err := tok.Strict().DecodeString(s)
	return err == nil
}
