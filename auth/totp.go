package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// The TOTP settings. They are the defaults of RFC 6238 and the only ones every
// authenticator app supports (Google Authenticator ignores the others), so they are
// constants and not part of an account.
const (
	totpDigits = 6
	totpStep   = 30 // seconds
	totpSkew   = 1  // steps accepted either side of now, for clock drift and slow typing
)

// secretLen is 20 bytes, the output size of HMAC-SHA1, as RFC 4226 recommends.
const secretLen = 20

// ErrBadSecret is returned for a TOTP secret that is not valid base32.
var ErrBadSecret = errors.New("auth: malformed TOTP secret")

// b32 is base32 without padding: the form authenticator apps expect in the otpauth URI and
// the one users can type from the screen without stray "=" signs.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a new random TOTP secret of 20 bytes, base32 encoded without
// padding (32 characters). The error result is always nil, as crypto/rand no longer fails;
// it stays so that callers are ready should the source of randomness ever change.
func NewTOTPSecret() (string, error) {
	b := make([]byte, secretLen)
	rand.Read(b)
	return b32.EncodeToString(b), nil
}

// TOTPCode returns the 6-digit code of secret at time t. The service never needs it to log
// someone in (VerifyTOTP does that); it is for tests and for showing the code once when the
// second factor is set up.
func TOTPCode(secret string, t time.Time) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", err
	}
	if t.Unix() < 0 {
		return "", fmt.Errorf("auth: TOTP time %v is before 1970", t)
	}
	return hotp(key, uint64(t.Unix())/totpStep, totpDigits), nil
}

// VerifyTOTP reports whether code is the code of secret at time t or one step before or
// after it. It does not stop a code from being used twice within its 90-second window; a
// sign-in uses MatchTOTP and remembers the step it accepted.
func VerifyTOTP(secret, code string, t time.Time) bool {
	_, ok := MatchTOTP(secret, code, t)
	return ok
}

// MatchTOTP checks code as VerifyTOTP does and returns the time step it matched, so the
// caller can refuse a step it has already accepted (a code read over a shoulder and typed
// again). Spaces are removed first, because apps show codes as "123 456" and people copy them
// that way. A malformed secret or code is simply false: either way the login fails.
func MatchTOTP(secret, code string, t time.Time) (step int64, ok bool) {
	code = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, code)
	if len(code) != totpDigits || t.Unix() < 0 {
		return 0, false
	}
	key, err := decodeSecret(secret)
	if err != nil {
		return 0, false
	}
	now := uint64(t.Unix()) / totpStep
	matched, found := 0, 0
	// Every step in the window is computed and compared, with no early exit, so the time
	// taken does not tell which step (if any) matched.
	for d := -totpSkew; d <= totpSkew; d++ {
		if d < 0 && now < uint64(-d) {
			continue // before the epoch; only possible in tests
		}
		s := now + uint64(d)
		eq := subtle.ConstantTimeCompare([]byte(hotp(key, s, totpDigits)), []byte(code))
		matched = subtle.ConstantTimeSelect(eq, int(s), matched)
		found |= eq
	}
	return int64(matched), found == 1
}

// TOTPURI returns the otpauth:// URI that authenticator apps read from a QR code, in the
// Key URI format of Google Authenticator. The label is "issuer:account" so the app shows
// which platform the code is for; issuer is repeated as a parameter because newer apps
// read it from there. Spaces are written %20, not "+", which some apps display literally.
func TOTPURI(issuer, account, secret string) string {
	label := escape(issuer) + ":" + escape(account)
	return "otpauth://totp/" + label +
		"?secret=" + escape(normalizeSecret(secret)) +
		"&issuer=" + escape(issuer) +
		"&algorithm=SHA1&digits=" + fmt.Sprint(totpDigits) + "&period=" + fmt.Sprint(totpStep)
}

// escape percent-encodes s for both the path and the query of the URI. QueryEscape also
// escapes "/", ":", "&" and "=", which the label and the parameters must not contain raw.
func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// normalizeSecret accepts a secret the way people copy it: lower case, grouped with
// spaces, or with padding.
func normalizeSecret(secret string) string {
	s := strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
	return strings.TrimRight(s, "=")
}

// decodeSecret turns a base32 secret into the HMAC key.
func decodeSecret(secret string) ([]byte, error) {
	key, err := b32.DecodeString(normalizeSecret(secret))
	if err != nil || len(key) == 0 {
		return nil, ErrBadSecret
	}
	return key, nil
}

// hotp is RFC 4226 HOTP with HMAC-SHA1: the code for counter, zero-padded to digits.
// digits (6 to 8, RFC 4226 section 5.3) is a parameter, though the service always uses 6,
// so that the 8-digit test vectors of RFC 6238 appendix B can be checked exactly.
func hotp(key []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	// Dynamic truncation: the low nibble of the last byte picks 4 bytes; the top bit is
	// dropped so the value is the same whether read as signed or unsigned.
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, v%mod)
}
