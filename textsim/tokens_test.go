package textsim

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"养老", []string{"养老"}},
		{"养老服务体系", []string{"养老", "老服", "服务", "务体", "体系"}},
		{"AI养老", []string{"ai", "养老"}},
		{"ＡＢＣ１２", []string{"abc12"}},
		{"养", []string{"养"}},
		{"养，老", []string{"养", "老"}},
		{"“厕所革命”被写入《政府工作报告》。", []string{"厕所", "所革", "革命", "被写", "写入", "政府", "府工", "工作", "作报", "报告"}},
		{"5G网络", []string{"5g", "网络"}},
		{"Hello, World!", []string{"hello", "world"}},
		{"社会\n发展", []string{"社会", "会发", "发展"}}, // a line break inside a word joins
		{"社会　发展", []string{"社会", "会发", "发展"}},  // so does the ideographic space
		{"2019 年", []string{"2019", "年"}},      // digits end a CJK run
		{"增长 3.5%", []string{"增长", "3", "5"}},  // punctuation splits numbers
		{"（一）", []string{"一"}},                 // full-width brackets are punctuation
		{"", nil},
		{"，。！？——", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryTokens(t *testing.T) {
	tests := []struct {
		in     string
		want   []string
		prefix []bool
	}{
		{"养老", []string{"养老"}, []bool{false}},
		{"养老服务", []string{"养老", "老服", "服务"}, []bool{false, false, false}},
		{"养", []string{"养"}, []bool{true}},
		{" 养 ", []string{"养"}, []bool{true}},
		{"养、老人", []string{"养", "老人"}, []bool{true, false}},
		{"养老 服务", []string{"养老", "服务"}, []bool{false, false}}, // the user's space is a boundary
		{"AI养老", []string{"ai", "养老"}, []bool{false, false}},
		{"ＡＢＣ１２", []string{"abc12"}, []bool{false}},
		{"养老养老", []string{"养老", "老养"}, []bool{false, false}}, // repeats dropped
		{"a", []string{"a"}, []bool{false}},                  // a Latin letter is a word, not a prefix
		{"！？", nil, nil},
	}
	for _, tt := range tests {
		got := QueryTokens(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("QueryTokens(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		for i, tok := range got {
			if IsPrefixToken(tok) != tt.prefix[i] {
				t.Errorf("IsPrefixToken(%q) = %v", tok, !tt.prefix[i])
			}
		}
	}
}

func TestIndexText(t *testing.T) {
	if got, want := IndexText("AI养老服务，５Ｇ"), "ai 养老 老服 服务 5g"; got != want {
		t.Errorf("IndexText = %q, want %q", got, want)
	}
}

func TestMatchQuery(t *testing.T) {
	tests := []struct {
		in, sqlite, postgres string
	}{
		{"养老", `"养老"`, `'养老'`},
		{"养老服务", `"养老" AND "老服" AND "服务"`, `'养老' & '老服' & '服务'`},
		{"养", `"养"*`, `'养':*`},
		{"AI 养", `"ai" AND "养"*`, `'ai' & '养':*`},
		{`养老" OR "x`, `"养老" AND "or" AND "x"`, `'养老' & 'or' & 'x'`}, // operators become words
		{"养老' | !x", `"养老" AND "x"`, `'养老' & 'x'`},
		{"NEAR(养老)", `"near" AND "养老"`, `'near' & '养老'`},
		{"", "", ""},
		{"！", "", ""},
	}
	for _, tt := range tests {
		if got := MatchQuery(tt.in, DialectSQLite); got != tt.sqlite {
			t.Errorf("MatchQuery(%q, sqlite) = %s, want %s", tt.in, got, tt.sqlite)
		}
		if got := MatchQuery(tt.in, DialectPostgres); got != tt.postgres {
			t.Errorf("MatchQuery(%q, postgres) = %s, want %s", tt.in, got, tt.postgres)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MatchQuery with an unknown dialect did not panic")
		}
	}()
	MatchQuery("养老", "mysql")
}

// searchDocs are made-up texts for checking the match expressions against a real engine.
var searchDocs = []string{
	"关于完善社区养老服务体系的建议",
	"加快发展AI技术，推进5G网络建设",
	"关于加强农村饮水安全\n保障的提案",
	"供养。",
}

// searchCases are queries and the searchDocs (by index) each must find.
var searchCases = []struct {
	q    string
	want []int
}{
	{"养老", []int{0}},
	{"养老服务", []int{0}},
	{"服务养老", nil}, // all bigrams must be present: 务养 is not
	{"社区 服务", []int{0}},
	{"养", []int{0}}, // prefix of 养老; the 养 that ends 供养 is the documented blind spot
	{"供", []int{3}},
	{"ai", []int{1}},
	{"ＡＩ", []int{1}},
	{"5G网络", []int{1}},
	{"安全保障", []int{2}}, // across the line break
	{`建议" OR "提案`, nil},
}

func TestMatchFTS5(t *testing.T) {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE doc USING fts5(body, tokenize = 'unicode61')`); err != nil {
		t.Fatal(err)
	}
	for i, d := range searchDocs {
		if _, err := db.Exec(`INSERT INTO doc(rowid, body) VALUES (?, ?)`, i, IndexText(d)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range searchCases {
		got := queryIDs(t, db, `SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rowid`,
			MatchQuery(c.q, DialectSQLite))
		if !slices.Equal(got, c.want) {
			t.Errorf("FTS5 %q (%s) found %v, want %v", c.q, MatchQuery(c.q, DialectSQLite), got, c.want)
		}
	}
}

// TestMatchPostgres runs the same searches through to_tsvector/to_tsquery('simple') on the
// server named by LVZHI_TEST_POSTGRES, as the store tests do.
func TestMatchPostgres(t *testing.T) {
	dsn := os.Getenv("LVZHI_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("LVZHI_TEST_POSTGRES not set: PostgreSQL full-text test skipped")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil) // a temporary table lives in one session: pin it
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`CREATE TEMPORARY TABLE doc (id int, body tsvector)`); err != nil {
		t.Fatal(err)
	}
	for i, d := range searchDocs {
		if _, err := tx.Exec(`INSERT INTO doc VALUES ($1, to_tsvector('simple', $2))`, i, IndexText(d)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range searchCases {
		rows, err := tx.Query(`SELECT id FROM doc WHERE body @@ to_tsquery('simple', $1) ORDER BY id`,
			MatchQuery(c.q, DialectPostgres))
		if err != nil {
			t.Fatalf("%q: %v", c.q, err)
		}
		got := scanIDs(t, rows)
		if !slices.Equal(got, c.want) {
			t.Errorf("tsquery %q (%s) found %v, want %v", c.q, MatchQuery(c.q, DialectPostgres), got, c.want)
		}
	}
}

func queryIDs(t *testing.T, db *sql.DB, q string, args ...any) []int {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s %v: %v", q, args, err)
	}
	return scanIDs(t, rows)
}

func scanIDs(t *testing.T, rows *sql.Rows) []int {
	t.Helper()
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}
