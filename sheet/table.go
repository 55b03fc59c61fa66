package sheet

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Table writes a workbook of one sheet: the header row of names (styled, frozen), columns of
// the given widths, then rows as they are. It is the shape of every list export — the audit
// log, instructions, requests, attendance — so they look alike and are written once.
func Table(names []string, widths []float64, rows [][]any) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	header, err := HeaderStyle(f, false)
	if err != nil {
		return nil, err
	}
	if err := StreamHeader(sw, names, widths, nil, header, 0); err != nil {
		return nil, err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return nil, fmt.Errorf("row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = f.Write(&buf)
	return buf.Bytes(), err
}
