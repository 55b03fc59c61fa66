package roster

// The normalisation of single cell values. Rosters are typed by hand, often with a Chinese
// input method and in Excel's general format, so the same value arrives in several spellings;
// these functions bring each to the one form the domain validates.

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// sciRE matches a number in scientific notation such as 6.20102E+17: what an ID number turns
// into when it is copied out of a general cell as displayed.
var sciRE = regexp.MustCompile(`^\d+(\.\d+)?[eE]\+?\d+$`)

// date reads a birth date written as text (1965-03-08, 1965/3/8, 1965.3.8, 1965年3月8日,
// 19650308) or stored as an Excel date, and returns it as YYYY-MM-DD.
func (p *parser) date(row sheetRow, v string) (string, bool) {
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n == math.Trunc(n) && n >= 18000101 && n <= 29991231 {
			return ymd(int(n)/10000, int(n)/100%100, int(n)%100)
		}
		// A serial only when the cell is a number: text such as "1965.03" is a half-written
		// date, not day 1965 of the Excel calendar.
		if n >= 1 && n < 2958466 && p.numeric(row, colBirthDate) {
			t, err := excelize.ExcelDateToTime(math.Floor(n), p.date1904)
			if err == nil {
				return t.Format("2006-01-02"), true
			}
		}
		return "", false
	}
	s := strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-", "－", "-").Replace(v)
	if i := strings.IndexAny(s, "T "); i > 0 { // 1965-03-08T00:00:00Z from a date-typed cell
		s = s[:i]
	}
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return "", false
	}
	var n [3]int
	for i, part := range parts {
		x, err := strconv.Atoi(part)
		if err != nil {
			return "", false
		}
		n[i] = x
	}
	return ymd(n[0], n[1], n[2])
}

// ymd formats a calendar date, refusing one that does not exist (1965-02-30).
func ymd(y, m, d int) (string, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// cleanDigits turns full-width digits and X (typed with a Chinese input method) into ASCII and
// drops spaces and the leading apostrophe people type to force text.
func cleanDigits(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimPrefix(s, "'") {
		switch {
		case unicode.IsSpace(r):
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case r == 'Ｘ' || r == 'ｘ':
			b.WriteByte('X')
		case r == '－':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanPhone normalises a phone number; a number cell written as 1.3812345678E+10 is turned
// back into its digits, which are exact for any phone-sized number.
func cleanPhone(s string) string {
	s = cleanDigits(s)
	if strings.ContainsAny(s, "eE.") {
		if n, err := strconv.ParseFloat(s, 64); err == nil && n == math.Trunc(n) && n > 0 && n < 1e15 {
			return strconv.FormatFloat(n, 'f', 0, 64)
		}
	}
	return s
}

// cleanName removes the spaces offices pad two-character names with for alignment (张  三),
// but only in a name written entirely in Chinese characters, where spaces never belong.
func cleanName(s string) string {
	han := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han = true
		case !unicode.IsSpace(r):
			return s
		}
	}
	if !han {
		return s
	}
	return strings.Join(strings.Fields(s), "")
}

// isDigits reports a non-empty string of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
