package sheet_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"lvzhi/sheet"
)

// A table export opens with its header in the first row and every row below it as given.
func TestTable(t *testing.T) {
	b, err := sheet.Table([]string{"序号", "姓名"}, []float64{6, 12}, [][]any{{1, "张三"}, {2, "李四"}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"序号", "姓名"}, {"1", "张三"}, {"2", "李四"}}
	if len(rows) != len(want) {
		t.Fatalf("rows %v, want %v", rows, want)
	}
	for i := range want {
		for j := range want[i] {
			if rows[i][j] != want[i][j] {
				t.Errorf("cell %d,%d = %q, want %q", i, j, rows[i][j], want[i][j])
			}
		}
	}
}
