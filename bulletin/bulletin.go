// Package bulletin writes an issue of the committee's bulletin 《社情民意》 as a Word document
// (.docx), the form in which an office edits it and sends it to print: the red masthead with
// the issue number, the compiling office and the date over a red rule, the reports one after
// another (title, text, who reported it), and at the foot the bodies it is sent to and the
// 签发人. It is hand-written WordprocessingML in the package lvzhi/docx writes, in 仿宋 and
// 方正小标宋/黑体 with 宋体 as the fall-back, so Word, WPS and LibreOffice open it alike.
package bulletin

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"lvzhi/docx"
)

// Issue is what one issue of the bulletin prints.
type Issue struct {
	Committee string // 政协兰州市委员会
	Office    string // the compiling office: 政协兰州市委员会办公室
	Year      int
	Number    int
	Total     int    // the running number over all years, 0 to leave it out
	Title     string // the issue's subject line, may be empty
	Date      string // 2026年3月5日
	Signer    string // 签发人
	SendTo    string // 报:市委、市政府 …
	Reports   []Report
}

// Report is one report in the issue.
type Report struct {
	Title  string
	Body   string // one paragraph per line
	Author string // 反映人, as signed
}

// Write writes the issue as a .docx to w.
func Write(w io.Writer, is Issue) error {
	var body bytes.Buffer
	writeBody(&body, is)
	err := docx.Write(w, docx.Document{
		Title:   fmt.Sprintf("社情民意%d年第%d期", is.Year, is.Number),
		Created: time.Now(),
		Body:    body.String(),
		Styles:  styles,
		Fonts:   fontTable,
	})
	if err != nil {
		return fmt.Errorf("bulletin: %w", err)
	}
	return nil
}

// writeBody writes the content of the document's body: masthead, reports and foot.
func writeBody(b *bytes.Buffer, is Issue) {
	para(b, "Masthead", "社情民意")
	number := fmt.Sprintf("%d年第%d期", is.Year, is.Number)
	if is.Total > 0 {
		number += fmt.Sprintf("(总第%d期)", is.Total)
	}
	para(b, "IssueNumber", number)
	// The office on the left and the date on the right of one line, over the red rule.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="IssueLine"/><w:tabs><w:tab w:val="right" w:pos="` + fmt.Sprint(docx.TextWidth) + `"/></w:tabs></w:pPr>`)
	run(b, is.Office)
	b.WriteString(`<w:r><w:tab/></w:r>`)
	run(b, is.Date)
	b.WriteString(`</w:p>`)
	if t := strings.TrimSpace(is.Title); t != "" {
		para(b, "IssueTitle", t)
	}
	for i, r := range is.Reports {
		if i > 0 {
			para(b, "Separator", "")
		}
		para(b, "ReportTitle", oneLine(r.Title))
		for _, p := range docx.Paragraphs(r.Body) {
			para(b, "BodyText", p)
		}
		if a := strings.TrimSpace(r.Author); a != "" {
			para(b, "Author", "(反映人:"+a+")")
		}
	}
	para(b, "FootRule", "")
	if s := strings.TrimSpace(is.SendTo); s != "" {
		para(b, "Foot", "报:"+s)
	}
	para(b, "Foot", "签发:"+strings.TrimSpace(is.Signer))
}

// para writes a paragraph of one run in a style.
func para(b *bytes.Buffer, style, text string) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	run(b, text)
	b.WriteString(`</w:p>`)
}

// run writes a run of text, nothing for empty text.
func run(b *bytes.Buffer, text string) { b.WriteString(docx.Run(text)) }

// oneLine joins a title typed over several lines, or with runs of spaces, into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// The fonts: 仿宋 for the text and 黑体 for titles as official bulletins print them, each with
// 宋体 (SimSun) and its English name as alternatives for machines without them.
const fontTable = `<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`

// The styles: the masthead in red 黑体 初号 (84 half-points), the issue line over a red rule,
// report titles 黑体 三号 (32), text 仿宋 三号 with the first line indented two characters.
const styles = `<w:docDefaults><w:rPrDefault><w:rPr>` +
	`<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:hint="eastAsia"/>` +
	`<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
	`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Masthead"><w:name w:val="Masthead"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:color w:val="C00000"/><w:spacing w:val="60"/><w:sz w:val="84"/><w:szCs w:val="84"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="IssueNumber"><w:name w:val="Issue Number"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:jc w:val="center"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="IssueLine"><w:name w:val="Issue Line"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="18" w:space="4" w:color="C00000"/></w:pBdr><w:spacing w:after="360"/></w:pPr>` +
	`<w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="IssueTitle"><w:name w:val="Issue Title"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="ReportTitle"><w:name w:val="Report Title"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Author"><w:name w:val="Author"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:jc w:val="right"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Separator"><w:name w:val="Separator"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="FootRule"><w:name w:val="Foot Rule"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="1" w:color="000000"/></w:pBdr><w:spacing w:before="480" w:line="240" w:lineRule="auto"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Foot"><w:name w:val="Foot"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:line="400" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>`
