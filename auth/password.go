// Package auth holds the primitives of logging in: password hashes, one-time codes for the
// second factor and session tokens. It knows nothing of users, SQL or HTTP, so the service
// layer decides what to store and when, and these functions only have to be correct.
//
// Errors here are plain Go errors, not *lvzhi.Error: a malformed stored hash is a fault of
// the system, never of the person logging in, and lvzhi.ErrorCodeOf already reports any
// foreign error as internal, which is exactly what the web layer should show.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters. They are written into every hash, so changing
// them later only affects new hashes; NeedsRehash finds the old ones.
type Params struct {
	Memory  uint32 // KiB of memory per hash; the main cost for an attacker's GPU
	Time    uint32 // passes over that memory
	Threads uint8  // lanes; 1 keeps one login on one core
	SaltLen uint32 // bytes of random salt
	KeyLen  uint32 // bytes of derived key stored in the hash
}

// DefaultParams is the cost of new hashes, tuned on the 2-core production-class machine
// (AMD EPYC, 2 vCPUs, Go 1.26, x/crypto v0.59.0) so that one verification costs about
// 20 ms of one core: a province peaks at ~80 logins/s, and 80 × 20 ms is 1.6 of 2 cores.
// Threads is 1 so that one login occupies one core and two logins run side by side.
//
// Measured by Verify with -cpu 1 (GC included; ranges over 3–4 runs of 100–200):
//
//	m=12288 t=3  17.1–18.5 ms   (12 MiB)
//	m=16384 t=2  16.3–17.5 ms   (16 MiB)
//	m=19456 t=2  18.8–21.6 ms   (19 MiB)  ← chosen: ~20 ms, the OWASP baseline
//	m=24576 t=1  12.5–13.2 ms   (24 MiB)
//	m=32768 t=1  17.7–19.1 ms   (32 MiB)
//
// With both cores verifying at once (BenchmarkVerifyParallel) m=19456 t=2 took 11.8–12.6 ms
// of wall time per verification, about 80–85 logins/s: two vCPUs give ~1.7×, not 2×, so the
// peak leaves little CPU for the rest of the request. m=16384 t=2 gave 10.1–10.9 ms (~95/s)
// should headroom matter more than the last 3 MiB. 32768/1 costs about the same as 19456/2;
// we keep a second pass because it makes time-memory trade-off attacks harder.
var DefaultParams = Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Limits on parameters, applied to both Hash and Verify. The upper ones exist because
// Verify takes its cost from the stored string: a corrupted or planted hash must not make
// one login allocate a gigabyte per request or spin for minutes.
const (
	minSaltLen = 8  // RFC 9106 minimum
	minKeyLen  = 16 // below 128 bits the stored key itself becomes guessable
	maxLen     = 1024
	maxTime    = 64
	maxMemory  = 1 << 20 // KiB, 1 GiB
)

// ErrMalformedHash is returned by Verify for a stored string that is not an argon2id hash
// this package can read. It means bad data in the database, not a wrong password.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// ErrInvalidParams is returned by Hash for parameters outside the accepted limits.
var ErrInvalidParams = errors.New("auth: invalid argon2 parameters")

// b64 is the PHC string encoding of salt and key: standard alphabet, no padding. Strict
// rejects non-canonical trailing bits, so one hash has exactly one spelling.
var b64 = base64.RawStdEncoding.Strict()

// check reports whether p is inside the limits. Memory must be at least 8 KiB per lane,
// because argon2 silently raises a smaller value and the string would then lie.
func (p Params) check() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("%w: t=%d", ErrInvalidParams, p.Time)
	case p.Threads < 1:
		return fmt.Errorf("%w: p=%d", ErrInvalidParams, p.Threads)
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("%w: m=%d", ErrInvalidParams, p.Memory)
	case p.SaltLen < minSaltLen || p.SaltLen > maxLen:
		return fmt.Errorf("%w: salt length %d", ErrInvalidParams, p.SaltLen)
	case p.KeyLen < minKeyLen || p.KeyLen > maxLen:
		return fmt.Errorf("%w: key length %d", ErrInvalidParams, p.KeyLen)
	}
	return nil
}

// Hash returns the argon2id hash of password in the PHC string format,
// $argon2id$v=19$m=…,t=…,p=…$salt$key, which other argon2 libraries can also read.
func Hash(password string, p Params) (string, error) {
	if err := p.check(); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	// crypto/rand.Read never fails since Go 1.24 (it crashes instead), so there is no
	// error to pass on; the error result is for bad parameters.
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return encode(p, salt, key), nil
}

// Verify reports whether password matches the encoded hash. It reads the cost from the
// string rather than from DefaultParams, so hashes made before a change of parameters keep
// working. A wrong password is (false, nil); only an unreadable hash is an error.
func Verify(password, encoded string) (ok bool, err error) {
	p, salt, key, err := decode(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	// Constant time, so the response time does not tell how many leading bytes matched.
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with parameters other than p. The caller
// checks it after a successful Verify, while the plain password is at hand, and stores a
// fresh Hash; this is how a change of DefaultParams reaches existing accounts. An
// unreadable string needs a new hash too.
func NeedsRehash(encoded string, p Params) bool {
	old, _, _, err := decode(encoded)
	return err != nil || old != p
}

// DummyVerify spends the time of one Verify against DefaultParams and throws the result
// away. The login handler calls it when the username does not exist, so that "no such
// user" and "wrong password" take equally long and the response time does not reveal
// which usernames exist. It goes through Verify itself, parsing included, so the two paths
// cannot drift apart. Accounts still on older parameters differ in timing until their
// next login rehashes them.
func DummyVerify(password string) {
	p := DefaultParams
	dummy := encode(p, make([]byte, p.SaltLen), make([]byte, p.KeyLen))
	_, _ = Verify(password, dummy)
}

// encode writes the PHC string.
func encode(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decode parses a PHC string strictly: exactly the fields encode writes, in its order.
// Being strict costs nothing, since every hash in the database was written by encode.
func decode(encoded string) (p Params, salt, key []byte, err error) {
	bad := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	f := strings.Split(encoded, "$")
	if len(f) != 6 || f[0] != "" {
		return bad("want 5 fields separated by $")
	}
	if f[1] != "argon2id" {
		return bad("algorithm is not argon2id")
	}
	if f[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("unsupported version")
	}
	kv := strings.Split(f[3], ",")
	if len(kv) != 3 {
		return bad("want m, t and p")
	}
	m, err1 := param(kv[0], "m=", 32)
	t, err2 := param(kv[1], "t=", 32)
	th, err3 := param(kv[2], "p=", 8)
	if err1 != nil || err2 != nil || err3 != nil {
		return bad("bad m, t or p")
	}
	if salt, err = b64.DecodeString(f[4]); err != nil {
		return bad("bad salt encoding")
	}
	if key, err = b64.DecodeString(f[5]); err != nil {
		return bad("bad key encoding")
	}
	p = Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(th),
		SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}
	if err := p.check(); err != nil {
		return bad(err.Error())
	}
	return p, salt, key, nil
}

// param parses one "name=value" pair with an unsigned value of the given bit size.
func param(s, prefix string, bits int) (uint64, error) {
	v, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return 0, ErrMalformedHash
	}
	return strconv.ParseUint(v, 10, bits)
}
