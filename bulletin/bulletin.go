// Package bulletin writes an issue of the committee's bulletin 《社情民意》 as a Word document
// (.docx), the form in which an office edits it and sends it to print: the red masthead with
// the issue number, the compiling office and the date over a red rule, the reports one after
// another (title, text, who reported it), and at the foot the bodies it is sent to and the
// 签发人. It is hand-written WordprocessingML in a zip, in 仿宋 and 方正小标宋/黑体 with 宋体
// as the fall-back, so Word, WPS and LibreOffice open it alike.
package bulletin

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
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
	var doc bytes.Buffer
	writeDocument(&doc, is)
	title := fmt.Sprintf("社情民意%d年第%d期", is.Year, is.Number)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", fmt.Sprintf(coreProps, esc(title), time.Now().UTC().Format(time.RFC3339))},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", doc.String()},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/fontTable.xml", fontTable},
	}
	zw := zip.NewWriter(w)
	for _, part := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return fmt.Errorf("bulletin: %s: %w", part.name, err)
		}
		if _, err := io.WriteString(fw, part.body); err != nil {
			return fmt.Errorf("bulletin: %s: %w", part.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("bulletin: %w", err)
	}
	return nil
}

// esc escapes text for XML; characters XML cannot hold (control characters) become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Page geometry in twentieths of a point: A4 with the margins of GB/T 9704.
const (
	pageW, pageH            = 11906, 16838
	marginTop, marginBottom = 2098, 1984
	marginLeft, marginRight = 1587, 1474
)

func writeDocument(b *bytes.Buffer, is Issue) {
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	para(b, "Masthead", "社情民意")
	number := fmt.Sprintf("%d年第%d期", is.Year, is.Number)
	if is.Total > 0 {
		number += fmt.Sprintf("(总第%d期)", is.Total)
	}
	para(b, "IssueNumber", number)
	// The office on the left and the date on the right of one line, over the red rule.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="IssueLine"/><w:tabs><w:tab w:val="right" w:pos="8845"/></w:tabs></w:pPr>`)
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
		for _, p := range paragraphs(r.Body) {
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
	b.WriteString(`<w:sectPr><w:pgSz w:w="` + fmt.Sprint(pageW) + `" w:h="` + fmt.Sprint(pageH) + `"/>`)
	b.WriteString(fmt.Sprintf(`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/>`,
		marginTop, marginRight, marginBottom, marginLeft))
	b.WriteString(`<w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr></w:body></w:document>`)
}

// para writes a paragraph of one run in a style.
func para(b *bytes.Buffer, style, text string) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	run(b, text)
	b.WriteString(`</w:p>`)
}

func run(b *bytes.Buffer, text string) {
	if text != "" {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`)
	}
}

// paragraphs splits a body into its non-empty lines, without the spaces typed to indent them
// (the style indents the first line by two characters).
func paragraphs(body string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(strings.Trim(line, "\u3000")); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// The fixed parts of the package.

const contentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`</Relationships>`

const coreProps = xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
	`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
	`<dc:title>%s</dc:title><dc:creator>lvzhi</dc:creator><dc:language>zh-CN</dc:language>` +
	`<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created></cp:coreProperties>`

const appProps = xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>lvzhi</Application></Properties>`

const settings = xml.Header + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`</w:settings>`

// The fonts: 仿宋 for the text and 黑体 for titles as official bulletins print them, each with
// 宋体 (SimSun) and its English name as alternatives for machines without them.
const fontTable = xml.Header + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`

// The styles: the masthead in red 黑体 初号 (84 half-points), the issue line over a red rule,
// report titles 黑体 三号 (32), text 仿宋 三号 with the first line indented two characters.
const styles = xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` +
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
	`<w:pPr><w:spacing w:line="400" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`</w:styles>`
