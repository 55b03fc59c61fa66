package store

// The store suite runs every test on both databases: SQLite always (a file in t.TempDir())
// and PostgreSQL when LVZHI_TEST_POSTGRES names a server, e.g.
//
//	LVZHI_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable go test ./store/
//
// Each PostgreSQL test gets a database of its own, created from that URL and dropped after.

import (
	"context"
	"fmt"
	"lvzhi/internal/testpg"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"lvzhi"
)

// forEachDB runs fn once on a fresh SQLite store and once on a fresh PostgreSQL store.
// The two subtests run side by side: they share nothing.
func forEachDB(t *testing.T, fn func(t *testing.T, st *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, openSQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, openPostgres(t))
	})
}

// openSQLite opens a new store on a file in the test's temporary directory.
func openSQLite(t testing.TB) *Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "lvzhi.db"))
	if err != nil {
		t.Fatalf("open sqlite store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	startClock(st)
	return st
}

// openPostgres opens a store on a database of its own on the server named by
// LVZHI_TEST_POSTGRES (see internal/testpg), dropped when the test ends.
func openPostgres(t testing.TB) *Store {
	t.Helper()
	st, err := Open(context.Background(), testpg.DSN(t, "store tests"))
	if err != nil {
		t.Fatalf("open postgres store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	startClock(st)
	return st
}

// testClock is the store's clock in tests: it stands still until the test moves it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *testClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// startClock sets st.Now to a fixed time, Monday 2 March 2026 09:00 UTC.
func startClock(st *Store) *testClock {
	c := &testClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	st.Now = c.Now
	return c
}

// clockOf returns a new clock for st, starting where st's clock stands now.
func clockOf(st *Store) *testClock {
	c := &testClock{t: st.Now()}
	st.Now = c.Now
	return c
}

// fixture is a small deployment: a city committee with a county below it and an unrelated
// committee beside it, the city's terms and every kind of grouping.
type fixture struct {
	st  *Store
	ctx context.Context
	sys lvzhi.Actor // the system actor of the city

	City, County, Other int64
	Term, OldTerm       int64 // the city's current and previous term
	OtherTerm           int64
	SectorGroup         int64
	Sectors             []int64 // three sectors; the first two under SectorGroup
	Specials            []int64 // two special committees
	Group               int64   // an activity group under Specials[0]
	Party, Dept, Unit   int64
	OtherSector         int64 // a sector of the other committee
	OtherSpecial        int64
}

func newFixture(t testing.TB, st *Store) *fixture {
	t.Helper()
	f := &fixture{st: st, ctx: context.Background()}
	f.City = f.committee(t, "兰州市政协", lvzhi.LevelCity, 0)
	f.sys = lvzhi.System(f.City)
	f.County = f.committee(t, "城关区政协", lvzhi.LevelCounty, f.City)
	f.Other = f.committee(t, "天水市政协", lvzhi.LevelCity, 0)
	f.OldTerm = f.term(t, f.City, 13, 2017, false)
	f.Term = f.term(t, f.City, 14, 2022, true)
	f.OtherTerm = f.term(t, f.Other, 9, 2022, true)
	f.SectorGroup = f.unit(t, f.City, lvzhi.OrgSectorGroup, "第一界别组", 0)
	f.Sectors = []int64{
		f.unit(t, f.City, lvzhi.OrgSector, "中国共产党", f.SectorGroup),
		f.unit(t, f.City, lvzhi.OrgSector, "民革", f.SectorGroup),
		f.unit(t, f.City, lvzhi.OrgSector, "经济界", 0),
	}
	f.Specials = []int64{
		f.unit(t, f.City, lvzhi.OrgSpecialCommittee, "提案委员会", 0),
		f.unit(t, f.City, lvzhi.OrgSpecialCommittee, "经济委员会", 0),
	}
	f.Group = f.unit(t, f.City, lvzhi.OrgActivityGroup, "第一活动小组", f.Specials[0])
	f.Party = f.unit(t, f.City, lvzhi.OrgParty, "民革兰州市委", 0)
	f.Dept = f.unit(t, f.City, lvzhi.OrgDepartment, "提案委办公室", 0)
	f.Unit = f.unit(t, f.City, lvzhi.OrgHandlingUnit, "市教育局", 0)
	f.OtherSector = f.unit(t, f.Other, lvzhi.OrgSector, "经济界", 0)
	f.OtherSpecial = f.unit(t, f.Other, lvzhi.OrgSpecialCommittee, "提案委员会", 0)
	return f
}

func (f *fixture) committee(t testing.TB, name string, level lvzhi.Level, parent int64) int64 {
	t.Helper()
	c, err := f.st.CreateCommittee(f.ctx, lvzhi.System(parent), lvzhi.Committee{Name: name, Level: level, ParentID: parent})
	if err != nil {
		t.Fatalf("create committee %s: %v", name, err)
	}
	return c.ID
}

func (f *fixture) term(t testing.TB, committee int64, number, start int, current bool) int64 {
	t.Helper()
	tm, err := f.st.CreateTerm(f.ctx, lvzhi.System(committee), lvzhi.Term{CommitteeID: committee, Number: number, StartYear: start, EndYear: start + 5, Current: current})
	if err != nil {
		t.Fatalf("create term %d: %v", number, err)
	}
	return tm.ID
}

func (f *fixture) unit(t testing.TB, committee int64, kind lvzhi.OrgUnitKind, name string, parent int64) int64 {
	t.Helper()
	u, err := f.st.CreateOrgUnit(f.ctx, lvzhi.System(committee), lvzhi.OrgUnit{CommitteeID: committee, Kind: kind, Name: name, ParentID: parent})
	if err != nil {
		t.Fatalf("create %s %s: %v", kind, name, err)
	}
	return u.ID
}

// idNumber returns a valid 18-character resident ID number born on birth (YYYYMMDD), with
// seq as the three-digit sequence (odd: 男, even: 女).
func idNumber(birth string, seq int) string {
	s := "620102" + birth + fmt.Sprintf("%03d", seq%1000)
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * idWeights[i]
	}
	return s + string("10X98765432"[sum%11])
}

var idWeights = []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// newMember returns a valid member of the city's current term in its first sector; n makes
// the ID number and phone unique.
func (f *fixture) newMember(name string, n int) lvzhi.Member {
	id := idNumber(fmt.Sprintf("19%02d0%d1%d", 50+n/100%50, 1+n%9, n%10), n)
	return lvzhi.Member{
		CommitteeID: f.City, TermID: f.Term, Name: name, Gender: lvzhi.IDGender(id), BirthDate: lvzhi.IDBirthDate(id),
		Ethnicity: "汉族", SectorID: f.Sectors[0], Employer: "兰州大学", Title: "教授",
		Phone: fmt.Sprintf("1380931%04d", n%10000), IDNumber: id, Address: "兰州市城关区天水南路222号",
	}
}

// createMember writes m as the system and returns it as stored.
func (f *fixture) createMember(t testing.TB, m lvzhi.Member) lvzhi.Member {
	t.Helper()
	m, err := f.st.CreateMember(f.ctx, lvzhi.System(m.CommitteeID), m)
	if err != nil {
		t.Fatalf("create member %s: %v (fields %v)", m.Name, err, lvzhi.ErrorFields(err))
	}
	return m
}

// testPassword meets the default policy and contains none of the test usernames.
const testPassword = "Lz#2026-Quasar9"

// createUser creates an account of the city (unless mod says otherwise) with testPassword.
func (f *fixture) createUser(t testing.TB, username string, roles []lvzhi.Role, mod func(*lvzhi.User)) lvzhi.User {
	t.Helper()
	u := lvzhi.User{CommitteeID: f.City, Username: username, Name: "用户" + username, Roles: roles}
	for _, r := range roles {
		if r == lvzhi.RoleStaff {
			u.DepartmentID = f.Dept
		}
		if r == lvzhi.RoleUnit {
			u.UnitID = f.Unit
		}
	}
	if mod != nil {
		mod(&u)
	}
	u, err := f.st.CreateUser(f.ctx, lvzhi.System(u.CommitteeID), u, testPassword)
	if err != nil {
		t.Fatalf("create user %s: %v (fields %v)", username, err, lvzhi.ErrorFields(err))
	}
	return u
}

// actor signs username in with testPassword and returns the actor its session gives.
func (f *fixture) actor(t testing.TB, username string) lvzhi.Actor {
	t.Helper()
	a, _ := f.session(t, username)
	return a
}

// session signs username in and returns the actor and the session token.
func (f *fixture) session(t testing.TB, username string) (lvzhi.Actor, string) {
	t.Helper()
	l, err := f.st.SignIn(f.ctx, username, testPassword, "", "10.0.0.8")
	if err != nil {
		t.Fatalf("sign in %s: %v", username, err)
	}
	a, err := f.st.Authenticate(f.ctx, l.Token, "10.0.0.8")
	if err != nil {
		t.Fatalf("authenticate %s: %v", username, err)
	}
	return a, l.Token
}

// userWithActor creates an account and signs it in.
func (f *fixture) userWithActor(t testing.TB, username string, roles []lvzhi.Role, mod func(*lvzhi.User)) (lvzhi.User, lvzhi.Actor) {
	t.Helper()
	u := f.createUser(t, username, roles, mod)
	return u, f.actor(t, username)
}

// auditAfter returns the audit rows with an id above after, oldest first, read directly.
func auditAfter(t testing.TB, st *Store, after int64) []lvzhi.AuditEntry {
	t.Helper()
	rows, err := st.db.Query(st.dialect.rebind(`SELECT `+auditColumns+` FROM audit_log WHERE id > $1 ORDER BY id`), after)
	if err != nil {
		t.Fatalf("read audit log: %v", err)
	}
	defer rows.Close()
	var out []lvzhi.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			t.Fatalf("scan audit row: %v", err)
		}
		out = append(out, e)
	}
	return out
}

// lastAuditID returns the id of the newest audit row.
func lastAuditID(t testing.TB, st *Store) int64 {
	t.Helper()
	var id int64
	if err := st.db.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM audit_log`).Scan(&id); err != nil {
		t.Fatalf("read audit log: %v", err)
	}
	return id
}

// countRows counts the rows of a query run directly on the database ($N placeholders).
func countRows(t testing.TB, st *Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := st.db.QueryRow(st.dialect.rebind(q), args...).Scan(&n); err != nil {
		t.Fatalf("count %q: %v", q, err)
	}
	return n
}

// wantCode fails the test unless err carries the given domain error code.
func wantCode(t testing.TB, err error, code lvzhi.ErrorCode, what string) {
	t.Helper()
	if got := lvzhi.ErrorCodeOf(err); err == nil || got != code {
		t.Fatalf("%s: got error %v (code %s), want code %s", what, err, lvzhi.ErrorCodeOf(err), code)
	}
}

// wantField fails the test unless err is invalid and names field.
func wantField(t testing.TB, err error, field, what string) {
	t.Helper()
	wantCode(t, err, lvzhi.ErrInvalid, what)
	if _, ok := lvzhi.ErrorFields(err)[field]; !ok {
		t.Fatalf("%s: error %v has fields %v, want field %q", what, err, lvzhi.ErrorFields(err), field)
	}
}

// wantMessage fails the test unless err's message contains every one of words.
func wantMessage(t testing.TB, err error, what string, words ...string) {
	t.Helper()
	for _, w := range words {
		if err == nil || !strings.Contains(lvzhi.ErrorMessage(err), w) {
			t.Fatalf("%s: error %v, want a message containing %q", what, err, w)
		}
	}
}
