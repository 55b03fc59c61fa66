package register

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/docx"
)

// PrintProposal is what the proposal form (提案纸) shows. Phone is masked on the form whatever
// the caller passes: the printout is handed around, the full number is not for it.
type PrintProposal struct {
	Committee   string    // printed above the form, e.g. 兰州市政协
	SessionName string    // 第十四届第三次会议
	Number      int       // 0 until accepted: the 提案号 cell stays empty
	Title       string    // 案由
	Proposer    string    // as signed: a name, "张三等5人", or a body
	Sector      string    // 界别 (of the lead proposer; the body for a group proposal)
	Phone       string    // 联系电话, masked on the form
	Category    string    // 提案分类
	Body        string    // 内容; each line a paragraph
	Units       string    // 承办单位, as the office writes them
	Submitted   time.Time // 提交日期; zero leaves the cell empty
}

// The widths of the four columns of the form's table in twentieths of a point: label, value,
// label, value, spanning the text width of the page docx sets.
var formCols = []int{1250, 3800, 1250, docx.TextWidth - 1250 - 3800 - 1250}

// Printout writes the proposal form (提案纸) as a Word document (.docx): the heading, then a
// bordered table with 提案号 and 提案分类, 案由, 提案人 and 界别, 联系电话 (masked) and 提交日期,
// 内容 (one paragraph per line, first line indented two characters) and 承办单位. The document
// is hand-written WordprocessingML in the package lvzhi/docx writes; its default font is 宋体
// (SimSun) for Chinese and Times New Roman for Latin text, set in the styles, so it opens
// alike in Word, WPS and LibreOffice.
func Printout(w io.Writer, p PrintProposal) error {
	var body bytes.Buffer
	writeBody(&body, p)
	title := strings.TrimSpace(p.Title)
	if title == "" {
		title = "提案"
	}
	err := docx.Write(w, docx.Document{Title: title, Created: time.Now(), Body: body.String(), Styles: styles, Fonts: fontTable})
	if err != nil {
		return fmt.Errorf("register: printout: %w", err)
	}
	return nil
}

// writeBody writes the content of the document's body: the heading and the form's table.
func writeBody(b *bytes.Buffer, p PrintProposal) {
	heading := strings.TrimSpace(strings.TrimSpace(p.Committee) + strings.TrimSpace(p.SessionName))
	if heading != "" {
		para(b, "Subtitle", "", heading)
	}
	para(b, "Title", "", "提　案")

	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(docx.TextWidth) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="8" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>`)
	for _, c := range formCols {
		b.WriteString(`<w:gridCol w:w="` + fmt.Sprint(c) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)

	number := lvzhi.Proposal{Number: p.Number, SessionName: p.SessionName}.NumberLabel()
	submitted := ""
	if !p.Submitted.IsZero() {
		d := p.Submitted.In(lvzhi.China)
		submitted = fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
	}
	pairRow(b, "提案号", number, "提案分类", p.Category)
	wideRow(b, "案　由", []string{oneLine(p.Title)}, false)
	pairRow(b, "提案人", p.Proposer, "界　别", p.Sector)
	pairRow(b, "联系电话", maskPhone(p.Phone), "提交日期", submitted)
	wideRow(b, "内　容", docx.Paragraphs(p.Body), true)
	wideRow(b, "承办单位", []string{oneLine(p.Units)}, false)
	b.WriteString(`</w:tbl>`)
}

// para writes a paragraph of one run in a style ("" for Normal) with an optional jc.
func para(b *bytes.Buffer, style, jc, text string) {
	b.WriteString(`<w:p>`)
	if style != "" || jc != "" {
		b.WriteString(`<w:pPr>`)
		if style != "" {
			b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		if jc != "" {
			b.WriteString(`<w:jc w:val="` + jc + `"/>`)
		}
		b.WriteString(`</w:pPr>`)
	}
	b.WriteString(docx.Run(text))
	b.WriteString(`</w:p>`)
}

// cell writes a table cell spanning span grid columns, holding paragraphs in a style.
func cell(b *bytes.Buffer, width, span int, style string, paras []string) {
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + fmt.Sprint(width) + `" w:type="dxa"/>`)
	if span > 1 {
		b.WriteString(`<w:gridSpan w:val="` + fmt.Sprint(span) + `"/>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	if len(paras) == 0 {
		paras = []string{""} // a cell must hold at least one paragraph
	}
	for _, t := range paras {
		para(b, style, "", t)
	}
	b.WriteString(`</w:tc>`)
}

// pairRow writes a row of two labels and their values.
func pairRow(b *bytes.Buffer, l1, v1, l2, v2 string) {
	b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="680"/></w:trPr>`)
	cell(b, formCols[0], 1, "Label", []string{l1})
	cell(b, formCols[1], 1, "Value", []string{strings.TrimSpace(v1)})
	cell(b, formCols[2], 1, "Label", []string{l2})
	cell(b, formCols[3], 1, "Value", []string{strings.TrimSpace(v2)})
	b.WriteString(`</w:tr>`)
}

// wideRow writes a label and a value across the other three columns; the content row puts
// its label above a full-width cell of body paragraphs instead.
func wideRow(b *bytes.Buffer, label string, value []string, body bool) {
	if !body {
		b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="680"/></w:trPr>`)
		cell(b, formCols[0], 1, "Label", []string{label})
		cell(b, docx.TextWidth-formCols[0], 3, "Value", value)
		b.WriteString(`</w:tr>`)
		return
	}
	b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="567"/></w:trPr>`)
	cell(b, docx.TextWidth, 4, "Label", []string{label})
	// No minimum height on the body's row: LibreOffice keeps a row with one whole and moves
	// it to the next page, leaving the first page half empty.
	b.WriteString(`</w:tr><w:tr>`)
	cell(b, docx.TextWidth, 4, "BodyText", value)
	b.WriteString(`</w:tr>`)
}

// maskPhone masks a phone number for the form, leaving one already masked as it is.
func maskPhone(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "*＊") {
		return s
	}
	return lvzhi.MaskPhone(s)
}

// The fonts: 宋体 for Chinese (SimSun by its English name, which LibreOffice and fontconfig
// know), Times New Roman for Latin letters and digits. Sizes in half-points: the form's
// labels and values 小四 (24), the body 四号 (28), the heading 三号 (32), the title 二号 (44).
const fontTable = `<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`

const styles = `<w:docDefaults><w:rPrDefault><w:rPr>` +
	`<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:hint="eastAsia"/>` +
	`<w:kern w:val="2"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
	`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="120" w:after="360"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/><w:b/><w:bCs/><w:spacing w:val="40"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Label"><w:name w:val="Form Label"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Value"><w:name w:val="Form Value"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:line="440" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="560"/></w:pPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`
