package auth

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

// cheap keeps the table tests fast; the format and logic do not depend on the cost.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// rfcVector is argon2id("password", "somesalt", t=4, m=4096, p=4) from the x/crypto test
// vectors, written as a PHC string: it pins that Verify uses argon2id and reads m, t and p
// from the right places, which a round trip through our own Hash could not show.
const rfcVector = "$argon2id$v=19$m=4096,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa"

func TestHashVerify(t *testing.T) {
	old := Params{Memory: 1024, Time: 3, Threads: 2, SaltLen: 8, KeyLen: 16}
	tests := []struct {
		name      string
		p         Params
		set, try  string
		wantMatch bool
	}{
		{"right", cheap, "Zhengxie#2024", "Zhengxie#2024", true},
		{"wrong", cheap, "Zhengxie#2024", "Zhengxie#2025", false},
		{"case matters", cheap, "Zhengxie#2024", "zhengxie#2024", false},
		{"empty", cheap, "", "", true},
		{"chinese", cheap, "政协委员密码2024", "政协委员密码2024", true},
		{"old params", old, "Zhengxie#2024", "Zhengxie#2024", true},
		{"old params wrong", old, "Zhengxie#2024", "x", false},
		{"default params", DefaultParams, "Zhengxie#2024", "Zhengxie#2024", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := Hash(tt.set, tt.p)
			if err != nil {
				t.Fatal(err)
			}
			ok, err := Verify(tt.try, h)
			if err != nil || ok != tt.wantMatch {
				t.Errorf("Verify(%q, %q) = %v, %v; want %v, nil", tt.try, h, ok, err, tt.wantMatch)
			}
		})
	}
	if ok, err := Verify("password", rfcVector); !ok || err != nil {
		t.Errorf("known vector: got %v, %v", ok, err)
	}
	a, _ := Hash("same", cheap)
	b, _ := Hash("same", cheap)
	if a == b {
		t.Error("two hashes of one password are equal; the salt is not random")
	}
	if !strings.HasPrefix(a, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("unexpected format %q", a)
	}
}

func TestVerifyMalformed(t *testing.T) {
	for _, s := range []string{
		"",
		"Zhengxie#2024",
		"$argon2id$v=19$m=4096,t=4,p=4$c29tZXNhbHQ",
		"$argon2id$v=19$m=4096,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa$",
		"x$argon2id$v=19$m=4096,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2i$v=19$m=4096,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=16$m=4096,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$m=4096,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$t=4,m=4096,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=4096,t=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=4096,t=4,p=-4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=4096,t=4,p=256$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=4096,t=0,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=16,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=99999999,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=4096,t=4,p=4$c29tZXNhbHQ=$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=4096,t=4,p=4$c29t$FF25czqfTuQ+3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=4096,t=4,p=4$c29tZXNhbHQ$FF25czqfTuQ-3zPFCb6WuTTVBaTvszxa",
		"$argon2id$v=19$m=4096,t=4,p=4$c29tZXNhbHQ$FF25czqf",
	} {
		ok, err := Verify("password", s)
		if ok || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("Verify(%q) = %v, %v; want false, ErrMalformedHash", s, ok, err)
		}
		if !NeedsRehash(s, DefaultParams) {
			t.Errorf("NeedsRehash(%q) = false for a malformed hash", s)
		}
	}
}

func TestHashInvalidParams(t *testing.T) {
	for _, p := range []Params{
		{},
		{Memory: 64, Time: 0, Threads: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 0, SaltLen: 16, KeyLen: 32},
		{Memory: 15, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 8},
	} {
		if _, err := Hash("x", p); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("Hash with %+v: err = %v, want ErrInvalidParams", p, err)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	h, err := Hash("x", cheap)
	if err != nil {
		t.Fatal(err)
	}
	with := func(f func(*Params)) Params { p := cheap; f(&p); return p }
	tests := []struct {
		name string
		p    Params
		want bool
	}{
		{"same", cheap, false},
		{"more memory", with(func(p *Params) { p.Memory = 128 }), true},
		{"less memory", with(func(p *Params) { p.Memory = 32 }), true},
		{"more time", with(func(p *Params) { p.Time = 2 }), true},
		{"threads", with(func(p *Params) { p.Threads = 2 }), true},
		{"salt", with(func(p *Params) { p.SaltLen = 32 }), true},
		{"key", with(func(p *Params) { p.KeyLen = 64 }), true},
	}
	for _, tt := range tests {
		if got := NeedsRehash(h, tt.p); got != tt.want {
			t.Errorf("%s: NeedsRehash = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDummyVerify(t *testing.T) {
	DummyVerify("anything") // must not panic whatever DefaultParams is
}

// rfcSecret is the RFC 4226/6238 SHA-1 key "12345678901234567890" in base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestHOTPRFC4226(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314",
		"254676", "287922", "162583", "399871", "520489"} // appendix D
	key := []byte("12345678901234567890")
	for i, w := range want {
		if got := hotp(key, uint64(i), 6); got != w {
			t.Errorf("counter %d: got %s, want %s", i, got, w)
		}
	}
}

func TestTOTPRFC6238(t *testing.T) {
	tests := []struct {
		unix int64
		want string // 8 digits, appendix B, SHA-1
	}{
		{59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
	}
	key := []byte("12345678901234567890")
	for _, tt := range tests {
		if got := hotp(key, uint64(tt.unix)/totpStep, 8); got != tt.want {
			t.Errorf("T=%d 8 digits: got %s, want %s", tt.unix, got, tt.want)
		}
		got, err := TOTPCode(rfcSecret, time.Unix(tt.unix, 0))
		if err != nil || got != tt.want[2:] {
			t.Errorf("T=%d: TOTPCode = %q, %v; want %s", tt.unix, got, err, tt.want[2:])
		}
		if !VerifyTOTP(rfcSecret, tt.want[2:], time.Unix(tt.unix, 0)) {
			t.Errorf("T=%d: VerifyTOTP rejected the right code", tt.unix)
		}
	}
}

func TestVerifyTOTPWindow(t *testing.T) {
	secret, err := NewTOTPSecret()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_700_000_015, 0) // mid-step
	code := func(d time.Duration) string {
		c, err := TOTPCode(secret, now.Add(d))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name, code, secret string
		want               bool
	}{
		{"now", code(0), secret, true},
		{"one step early", code(-30 * time.Second), secret, true},
		{"one step late", code(30 * time.Second), secret, true},
		{"two steps early", code(-60 * time.Second), secret, false},
		{"two steps late", code(60 * time.Second), secret, false},
		{"spaces", " " + code(0)[:3] + " " + code(0)[3:] + "\n", secret, true},
		{"lower-case secret", code(0), strings.ToLower(secret), true},
		{"short", code(0)[:5], secret, false},
		{"long", code(0) + "0", secret, false},
		{"empty", "", secret, false},
		{"bad secret", code(0), "not base32!", false},
		{"empty secret", code(0), "", false},
	}
	for _, tt := range tests {
		if got := VerifyTOTP(tt.secret, tt.code, now); got != tt.want {
			t.Errorf("%s: VerifyTOTP(%q) = %v, want %v", tt.name, tt.code, got, tt.want)
		}
	}
	if len(secret) != 32 || strings.Contains(secret, "=") {
		t.Errorf("secret %q: want 32 characters without padding", secret)
	}
	if k, err := decodeSecret(secret); err != nil || len(k) != 20 {
		t.Errorf("secret decodes to %d bytes, %v; want 20", len(k), err)
	}
	// At step 0 there is no step -1: the window must not wrap around to 2^64-1.
	epoch := time.Unix(10, 0)
	if !VerifyTOTP(rfcSecret, "755224", epoch) || !VerifyTOTP(rfcSecret, "287082", epoch) ||
		VerifyTOTP(rfcSecret, "359152", epoch) || VerifyTOTP(rfcSecret, "755224", time.Unix(-1, 0)) {
		t.Error("window at the epoch: want steps 0 and 1 only, nothing before 1970")
	}
}

func TestTOTPURI(t *testing.T) {
	s := TOTPURI("某省政协 A&B", "zhang.san@x", rfcSecret)
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/某省政协 A&B:zhang.san@x" ||
		q.Get("secret") != rfcSecret || q.Get("issuer") != "某省政协 A&B" ||
		q.Get("algorithm") != "SHA1" || q.Get("digits") != "6" || q.Get("period") != "30" {
		t.Errorf("TOTPURI = %q, parsed %+v %v", s, u, q)
	}
	if strings.Contains(s, "+") {
		t.Errorf("TOTPURI %q encodes spaces as +", s)
	}
}

func TestToken(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		tok, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if len(tok) != TokenLen || !ValidToken(tok) || strings.ContainsAny(tok, "+/=") {
			t.Fatalf("token %q: want %d URL-safe characters", tok, TokenLen)
		}
		if seen[tok] {
			t.Fatalf("token %q issued twice", tok)
		}
		seen[tok] = true
	}
	for _, s := range []string{"", "short", strings.Repeat("A", 21) + "+", strings.Repeat("A", 23)} {
		if ValidToken(s) {
			t.Errorf("ValidToken(%q) = true", s)
		}
	}
	const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" // FIPS 180-2
	if got := HashToken("abc"); got != abc {
		t.Errorf("HashToken(abc) = %s", got)
	}
}

func BenchmarkVerify(b *testing.B) {
	h, err := Hash("Zhengxie#2024", DefaultParams)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, _ := Verify("Zhengxie#2024", h); !ok {
			b.Fatal("no match")
		}
	}
}

// BenchmarkVerifyParallel measures throughput with every core verifying at once, the
// situation at a peak of logins; ns/op is wall time per verification across all cores.
func BenchmarkVerifyParallel(b *testing.B) {
	h, _ := Hash("Zhengxie#2024", DefaultParams)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			Verify("Zhengxie#2024", h)
		}
	})
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := Hash("Zhengxie#2024", DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMatchTOTPStep checks the step a code is matched to, which the sign-in stores so the
// same code cannot be used twice.
func TestMatchTOTPStep(t *testing.T) {
	now := time.Unix(1_700_000_015, 0)
	base := now.Unix() / totpStep
	for _, d := range []int64{-1, 0, 1} {
		c, err := TOTPCode(rfcSecret, now.Add(time.Duration(d)*totpStep*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if step, ok := MatchTOTP(rfcSecret, c, now); !ok || step != base+d {
			t.Errorf("code of step %+d: MatchTOTP = %d, %v; want %d, true", d, step, ok, base+d)
		}
	}
	if step, ok := MatchTOTP(rfcSecret, "000000", now); ok {
		t.Errorf("wrong code matched step %d", step)
	}
}
