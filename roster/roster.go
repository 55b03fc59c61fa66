// Package roster reads and writes the committee member roster (委员名册) as an XLSX workbook,
// the form in which offices keep, exchange and hand over their member lists.
//
// The same layout serves three purposes: Template gives an office an empty sheet to fill,
// Parse imports a filled sheet, and Export writes the members so that an exported file can be
// edited and imported again. Keeping one column list for all three is what makes that work.
package roster

import (
	"fmt"
	"io"

	"lvzhi/sheet"
)

// The column headers. They are constants so that the parser, the writer and the field map
// cannot drift apart through a typo.
const (
	colName      = "姓名"
	colGender    = "性别"
	colBirthDate = "出生日期"
	colEthnicity = "民族"
	colParty     = "党派"
	colSector    = "界别"
	colSpecial   = "专门委员会"
	colGroup     = "活动小组"
	colStanding  = "是否常委"
	colEmployer  = "工作单位"
	colTitle     = "职务"
	colPhone     = "联系电话"
	colIDNumber  = "身份证号"
	colAddress   = "通讯地址"
)

// Columns is the ordered list of roster columns (Chinese headers), as an office keeps them:
// 姓名, 性别, 出生日期, 民族, 党派, 界别, 专门委员会, 活动小组, 是否常委, 工作单位, 职务, 联系电话, 身份证号, 通讯地址
var Columns = []string{
	colName, colGender, colBirthDate, colEthnicity, colParty, colSector, colSpecial,
	colGroup, colStanding, colEmployer, colTitle, colPhone, colIDNumber, colAddress,
}

// Sheet names. The roster is always the first sheet because Parse reads the first sheet: an
// office that adds its own sheets usually adds them after ours.
const (
	rosterSheet = "委员名册"
	helpSheet   = "填写说明"
)

// maxRows bounds one import. A county or city committee has a few hundred members and a
// province under a thousand; 5000 leaves room for any real roster while keeping one upload's
// memory and validation time small.
const maxRows = 5000

// column describes how a column is written and explained. text marks the columns Excel must
// treat as text: it would turn an 18-digit ID number into 6.2E+17 and drop its last digits,
// and a date typed into a general cell into a locale-dependent serial.
type column struct {
	width    float64
	text     bool
	required bool
	help     string
}

var columnSpec = map[string]column{
	colName:      {10, false, true, "必填,不超过30个字。两个字的姓名中间不必加空格。"},
	colGender:    {6, false, false, "填“男”或“女”。可不填,系统按身份证号自动识别。"},
	colBirthDate: {12, true, false, "如1965-03-08,也可写1965/3/8或1965年3月8日。可不填,系统按身份证号自动识别;填写时须与身份证号一致。"},
	colEthnicity: {8, false, false, "如汉族、回族。"},
	colParty:     {12, false, false, "须与系统中“党派团体”的名称完全一致,如民革、九三学社。不属于任何党派团体的留空。"},
	colSector:    {14, false, true, "必填,须与系统中“界别”的名称完全一致,如经济界。"},
	colSpecial:   {16, false, false, "须与系统中“专门委员会”的名称完全一致。可不填。"},
	colGroup:     {16, false, false, "须与系统中“委员活动小组”的名称完全一致。可不填。"},
	colStanding:  {9, false, false, "填“是”或“否”,留空视为“否”。"},
	colEmployer:  {26, false, false, "工作单位全称。"},
	colTitle:     {16, false, false, "在工作单位的职务。"},
	colPhone:     {14, true, false, "11位手机号,或带区号的固定电话如0931-8888888。本列为文本格式,请勿改为数字。"},
	colIDNumber:  {21, true, true, "必填,18位居民身份证号,末位X大小写均可。本列为文本格式;如果填写后显示成6.2E+17之类,说明被Excel转成了数字,须把单元格设为文本后重新填写。"},
	colAddress:   {32, false, false, "便于寄送材料的地址。"},
}

// fieldColumn maps the field keys of lvzhi.Member.Validate to the column that holds the
// field, so a domain message lands on the cell the clerk has to fix.
var fieldColumn = map[string]string{
	"name":                 colName,
	"gender":               colGender,
	"birth_date":           colBirthDate,
	"ethnicity":            colEthnicity,
	"party_id":             colParty,
	"sector_id":            colSector,
	"special_committee_id": colSpecial,
	"activity_group_id":    colGroup,
	"standing":             colStanding,
	"employer":             colEmployer,
	"title":                colTitle,
	"phone":                colPhone,
	"id_number":            colIDNumber,
	"address":              colAddress,
}

// headerAlias accepts the headers offices commonly use in their own rosters, so a file kept
// for years need not be retyped into our template before the first import.
var headerAlias = map[string]string{
	"身份证号码":  colIDNumber,
	"公民身份号码": colIDNumber,
	"身份证":    colIDNumber,
	"出生年月日":  colBirthDate,
	"手机":     colPhone,
	"手机号":    colPhone,
	"手机号码":   colPhone,
	"联系方式":   colPhone,
	"党派团体":   colParty,
	"专委会":    colSpecial,
	"委员活动小组": colGroup,
	"常委":     colStanding,
	"联系地址":   colAddress,
}

// helpNotes are the general rules printed under the column table of the instructions sheet.
var helpNotes = []string{
	"第一行为表头,列名请勿修改;列的先后顺序可以调整,表中多出的列(如“序号”)导入时会被忽略。",
	"每行填写一位委员,空行会自动跳过。一个文件最多导入" + fmt.Sprint(maxRows) + "人,人数更多时请分成几个文件。",
	"同一文件中身份证号不得重复。",
	"只要有一行填写有误,整个文件都不会导入;系统会列出每一处问题(第几行、哪一列、怎么改),改正后重新上传即可。",
	"从系统导出的名册可以直接修改后再导入;但导出时隐藏了部分数字(带*号)的身份证号和电话无法导入。",
}

// Lookup turns names written in the sheet into ids of the committee's groupings; the web layer fills it from the store.
type Lookup struct {
	Parties, Sectors, SpecialCommittees, ActivityGroups map[string]int64 // name -> id
}

// RowError is one problem in one row: Row is the 1-based sheet row number (header is row 1),
// Column the Chinese header, Message Chinese; row 0 is the file as a whole. It is the shared
// sheet.RowError, so both imports report problems alike.
type RowError = sheet.RowError

// layout is the column list as the shared sheet code reads and explains it.
var layout = func() []sheet.Column {
	cols := make([]sheet.Column, len(Columns))
	for i, name := range Columns {
		cols[i] = sheet.Column{Name: name, Help: columnSpec[name].help, Required: columnSpec[name].required}
	}
	return cols
}()

// Template writes an empty roster workbook for an office to fill: a bold, frozen header row
// with column widths to suit; the ID number, phone and birth date columns formatted as text,
// so Excel does not turn an ID number into 6.2E+17; drop-downs for 性别 (男/女) and 是否常委
// (是/否) and an 18-character check on 身份证号; and a second sheet, 填写说明, explaining
// each column and the import rules.
//
// It is an export of no members: the template and an exported roster are the same workbook,
// which is what lets an exported file be edited and imported again.
func Template(w io.Writer) error {
	return writeWorkbook(w, nil)
}
