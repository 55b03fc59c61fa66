// Package textsim is the Chinese text machinery for proposals (提案): the tokens that the
// full-text index stores and searches, MinHash signatures and LSH bands that find
// near-duplicate proposals (并案 candidates), and a nearest-neighbour suggester for a new
// proposal's category and handling units.
//
// Chinese is written without spaces and most words have two characters, so a word tokenizer
// would need a dictionary, and a trigram index cannot match two-character words at all. Text
// is therefore cut into overlapping character bigrams (养老服务 → 养老 老服 服务): every
// two-character word of the text is among its tokens, and a longer query word matches when all
// its bigrams do. Latin words and numbers stay whole. The same tokens are stored in SQLite FTS5
// (tokenizer unicode61) and PostgreSQL (to_tsvector('simple', …)), so both databases answer a
// query alike.
package textsim

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dialect names accepted by MatchQuery; they are the names the store package gives its
// dialects.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// fold maps a rune to its search form: full-width ASCII to half-width, the ideographic space to
// a space, letters to lower case. It is the part of NFKC that occurs in Chinese office text (a
// number or code typed with a Chinese input method comes out full-width); doing it by hand
// keeps golang.org/x/text out of the build.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r >= 0x2E80 && r < 0xA000:
		// CJK radicals, punctuation, kana and ideographs have no case: skip the table
		// look-up that would otherwise dominate the cost of tokenising Chinese.
		return r
	}
	return unicode.ToLower(r)
}

// class says how a rune takes part in tokens.
type class uint8

const (
	sep   class = iota // punctuation, symbols, controls: ends a run and is dropped
	space              // white space: ends a run, except inside a CJK run of a document
	cjk                // ideographs, kana, hangul: cut into bigrams
	word               // other letters and digits: kept as whole words
)

// classOf classifies a rune, normally one already folded.
func classOf(r rune) class {
	switch {
	case r < 0x80:
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			return word
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			return space
		}
		return sep
	case r >= 0x4E00 && r <= 0x9FFF: // the common ideographs, tested first for speed
		return cjk
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r):
		return cjk
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return word
	case unicode.IsSpace(r):
		return space
	}
	return sep
}

// scan cuts s into runs and calls emit for each token in text order. In a document
// (joinSpace) white space between two CJK characters does not end the run: texts copied from
// PDF or Word files break lines in the middle of words (社会\n发展), and Chinese puts no spaces
// between words anyway. In a query a space is the user's own word boundary and does end the
// run.
//
// Tokens are substrings of the folded text wherever possible, so that tokenising a document
// costs one allocation for the folded copy rather than one per token.
func scan(s string, joinSpace bool, emit func(tok string)) {
	f := strings.Map(fold, s)
	runLen := 0                // CJK characters in the current run
	prevStart, prevEnd := 0, 0 // byte range of the run's last character
	wordStart := -1            // byte offset of the current Latin/digit word, -1 when none
	flushRun := func() {
		if runLen == 1 {
			emit(f[prevStart:prevEnd])
		}
		runLen = 0
	}
	flushWord := func(end int) {
		if wordStart >= 0 {
			emit(f[wordStart:end])
			wordStart = -1
		}
	}
	for i, r := range f {
		switch classOf(r) {
		case cjk:
			flushWord(i)
			end := i + utf8.RuneLen(r)
			if runLen > 0 {
				if prevEnd == i {
					emit(f[prevStart:end])
				} else { // joined across white space
					emit(f[prevStart:prevEnd] + f[i:end])
				}
			}
			runLen++
			prevStart, prevEnd = i, end
		case word:
			flushRun()
			if wordStart < 0 {
				wordStart = i
			}
		case space:
			flushWord(i)
			if !joinSpace {
				flushRun()
			}
		default:
			flushWord(i)
			flushRun()
		}
	}
	flushWord(len(f))
	flushRun()
}

// Tokens returns the index tokens of a document in text order, repeats included (BM25 and
// ts_rank count them): overlapping bigrams of each CJK run, the character itself for a
// one-character run, lower-cased Latin words and numbers. Punctuation is dropped.
//
// Single characters inside longer runs are not emitted: that would add one token per character
// of every document. A one-character query is served instead by a prefix query over the
// bigrams (see QueryTokens). Its one blind spot is a character that ends a run and so starts
// no bigram (the 养 of "赡养。"); one-character searches are too unselective for that to
// matter.
func Tokens(s string) []string {
	var toks []string
	scan(s, true, func(tok string) { toks = append(toks, tok) })
	return toks
}

// IndexText returns Tokens joined by spaces. It is the text to store in an FTS5 column using
// tokenizer unicode61 and to pass to PostgreSQL's to_tsvector('simple', …): both split it back
// into exactly these tokens (unicode61 treats CJK characters as token characters, and so does
// PostgreSQL's default parser), so both databases index the same terms.
func IndexText(s string) string {
	return strings.Join(Tokens(s), " ")
}

// QueryTokens returns the distinct search tokens of a query, in order of first appearance.
// They are the document's tokens, except that white space in a query separates words and a
// CJK run of one character (a one-character query, or 养 in "养、老") is returned as that
// character alone. Such a token must be matched as a prefix of the indexed bigrams — FTS5
// "养"*, tsquery '养':* — because documents index single characters only where they stand
// alone. IsPrefixToken tells such tokens apart; MatchQuery writes the prefix syntax.
func QueryTokens(q string) []string {
	var toks []string
	seen := map[string]bool{}
	scan(q, false, func(tok string) {
		if !seen[tok] {
			seen[tok] = true
			toks = append(toks, tok)
		}
	})
	return toks
}

// IsPrefixToken reports whether a query token is a single CJK character, which the store must
// match as a prefix of the indexed bigrams.
func IsPrefixToken(tok string) bool {
	rs := []rune(tok)
	return len(rs) == 1 && classOf(rs[0]) == cjk
}

// tsqueryEscaper doubles the characters that are special inside a quoted tsquery lexeme.
var tsqueryEscaper = strings.NewReplacer(`'`, `''`, `\`, `\\`)

// MatchQuery returns the match expression for the query q in the given dialect, or "" when q
// has no tokens (the caller then skips the full-text condition rather than matching nothing).
// The result is a bound parameter, never SQL text:
//
//   - DialectSQLite: for "col MATCH ?" — each token double-quoted, which turns FTS5 operators
//     typed by the user (AND, NEAR, *, ^, :) into plain text, joined with AND; a prefix token
//     as "养"*.
//   - DialectPostgres: for "to_tsvector('simple', col) @@ to_tsquery('simple', $1)" — each
//     token single-quoted, joined with &; a prefix token as '养':*.
//
// Any other dialect is a programming error and panics.
func MatchQuery(q string, dialect string) string {
	toks := QueryTokens(q)
	if dialect != DialectSQLite && dialect != DialectPostgres {
		panic("textsim: unknown dialect " + dialect)
	}
	if len(toks) == 0 {
		return ""
	}
	var b strings.Builder
	for i, tok := range toks {
		prefix := IsPrefixToken(tok)
		if dialect == DialectSQLite {
			if i > 0 {
				b.WriteString(" AND ")
			}
			// Tokens hold only letters and digits, so the escapes below never fire today;
			// they keep the expression safe if the token rules ever change.
			b.WriteString(`"` + strings.ReplaceAll(tok, `"`, `""`) + `"`)
			if prefix {
				b.WriteString("*")
			}
			continue
		}
		if i > 0 {
			b.WriteString(" & ")
		}
		b.WriteString("'" + tsqueryEscaper.Replace(tok) + "'")
		if prefix {
			b.WriteString(":*")
		}
	}
	return b.String()
}
