// Package sheettest builds the small workbooks the import tests of lvzhi feed their parsers,
// and renders import errors for comparison. It is imported by tests only; it lives outside a
// _test file so that roster, register and sheet can share it instead of each keeping a copy.
package sheettest

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"lvzhi/sheet"
)

// XLSX builds an XLSX file whose first sheet, Sheet1, holds rows starting at A1. A nil row
// leaves its row empty, which is how a test writes a blank row between data rows.
func XLSX(t testing.TB, rows ...[]any) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf
}

// Header is a header row of names, as []any for XLSX.
func Header(names []string) []any {
	h := make([]any, len(names))
	for i, c := range names {
		h[i] = c
	}
	return h
}

// Row is a data row in the order of names, from column name to value; a column v lacks is an
// empty cell. Tests name only the cells they care about.
func Row(names []string, v map[string]any) []any {
	r := make([]any, len(names))
	for i, c := range names {
		r[i] = v[c]
	}
	return r
}

// ErrSet renders errors as "row|column|message" lines, which compare and print more
// readably than structs.
func ErrSet(errs []sheet.RowError) []string {
	var s []string
	for _, e := range errs {
		s = append(s, fmt.Sprintf("%d|%s|%s", e.Row, e.Column, e.Message))
	}
	return s
}
