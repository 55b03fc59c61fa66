// Package register reads and writes the proposal register (提案登记): the import of a
// committee's earlier proposals from a spreadsheet or CSV, the import template, the register
// book (提案登记簿) as an XLSX export, and the proposal form (提案纸) as a DOCX printout.
//
// The import follows the roster package: headers are found by name, every row is checked and
// every problem listed by row and column in Chinese, and nothing is returned as good while any
// row is bad, so the caller writes all of a file or none of it.
package register

import (
	"fmt"
	"time"

	"lvzhi/sheet"
)

// The column headers of the history import. Constants, so the parser, the template and the
// instructions cannot drift apart through a typo.
const (
	colNumber     = "编号"
	colTitle      = "案由"
	colProposer   = "提案人"
	colCategory   = "分类"
	colDate       = "提交日期"
	colBody       = "内容"
	colUnits      = "承办单位"
	colReplyClass = "答复类别"
)

// Columns is the ordered list of the history import's columns (Chinese headers):
// 编号, 案由, 提案人, 分类, 提交日期, 内容, 承办单位, 答复类别.
var Columns = []string{colNumber, colTitle, colProposer, colCategory, colDate, colBody, colUnits, colReplyClass}

// Sheet names of the template. Parse reads the first sheet, whatever its name.
const (
	importSheet = "提案登记"
	helpSheet   = "填写说明"
)

// maxRows bounds one import. A city session files a few hundred proposals and the national
// committee about six thousand; ten thousand leaves room while keeping an upload small.
const maxRows = 10000

// maxTitle and maxBody are the domain's limits (lvzhi.Proposal.Validate).
const (
	maxTitle = 100
	maxBody  = 20000
)

// column describes how a column is written and explained. text marks the columns Excel must
// keep as text: it would turn the number 0001 into 1 and a typed date into a serial.
type column struct {
	width    float64
	text     bool
	required bool
	help     string
}

var columnSpec = map[string]column{
	colNumber:     {10, true, true, "必填,本次会议的提案编号,正整数,如0001或1;同一文件中不得重复,也不得与系统中本次会议已有的编号重复。"},
	colTitle:      {40, false, true, "必填,提案的案由(标题),不超过100个字。"},
	colProposer:   {18, false, true, "必填,照原件填写:个人提案写姓名(如张三),联名提案写“张三等5人”,集体提案写提出单位(如民进××市委、市政协教育委员会)。"},
	colCategory:   {12, false, true, "必填,须与系统中设置的提案分类完全一致,如教育事业、经济发展。"},
	colDate:       {12, true, false, "如2019-01-12,也可写2019/1/12、2019年1月12日或2019-01-12 16:04:48。可不填。"},
	colBody:       {60, false, false, "提案全文,不超过20000字;单元格内换行即分段。"},
	colUnits:      {24, false, false, "承办单位名称,多个单位用顿号或逗号分隔,照原件填写。"},
	colReplyClass: {10, false, false, "已答复的填A、B、C或D(A类:已解决或采纳;B类:正在解决或列入计划;C类:因条件限制暂不能解决;D类:留作参考),导入后为“已办结”;未答复的留空,导入后为“已立案”。"},
}

// headerAlias accepts other headers for our columns: the English headers of the published
// Jiangsu CSV (proposal_number, reason, personnel_name, type, publish_time, content) and the
// Chinese words offices use in their own registers.
var headerAlias = map[string]string{
	"proposal_number": colNumber,
	"reason":          colTitle,
	"personnel_name":  colProposer,
	"type":            colCategory,
	"publish_time":    colDate,
	"content":         colBody,
	"提案号":             colNumber,
	"提案编号":            colNumber,
	"标题":              colTitle,
	"提案标题":            colTitle,
	"题目":              colTitle,
	"提案者":             colProposer,
	"领衔人":             colProposer,
	"提案类别":            colCategory,
	"类别":              colCategory,
	"提案分类":            colCategory,
	"提交时间":            colDate,
	"日期":              colDate,
	"提案内容":            colBody,
	"正文":              colBody,
	"主办单位":            colUnits,
	"答复类型":            colReplyClass,
}

// helpNotes are the general rules under the column table of the instructions sheet.
var helpNotes = []string{
	"本表用于导入往届、往次会议的提案(历史提案),导入后可以检索,并用于新提案的重复提示。",
	"第一行为表头,列名请勿修改;列的先后顺序可以调整,多出的列(如“序号”)导入时会被忽略。",
	"每行填写一件提案,空行会自动跳过。一个文件最多导入" + fmt.Sprint(maxRows) + "件。",
	"也可以上传UTF-8或GBK编码的CSV文件,表头与本表相同。",
	"只要有一行填写有误,整个文件都不会导入;系统会列出每一处问题(第几行、哪一列、怎么改),改正后重新上传即可。",
}

// RowError is one problem in one row: Row is the 1-based row number as a spreadsheet shows it
// (the header is row 1; for a CSV, the record number, which is the row Excel shows when it
// opens the file), Column the Chinese header, Message Chinese; row 0 is the file as a whole.
// It is the shared sheet.RowError, so both imports report problems alike.
type RowError = sheet.RowError

// layout is the column list as the shared sheet code reads and explains it.
var layout = func() []sheet.Column {
	cols := make([]sheet.Column, len(Columns))
	for i, name := range Columns {
		cols[i] = sheet.Column{Name: name, Help: columnSpec[name].help, Required: columnSpec[name].required}
	}
	return cols
}()

// Row is one proposal of the register as read from a file. Proposer is as written ("张三",
// "张三等5人", "民进江苏省委"); Date is the submission date in China time (zero when the cell
// was empty); Units the handling units as written; ReplyClass "", "A", "B", "C" or "D". Line is
// the row number RowError would give.
type Row struct {
	Number                    int
	Title, Proposer, Category string
	Date                      time.Time
	Body, Units, ReplyClass   string
	Line                      int
}
