// Package docx writes a Word document (.docx) from hand-written WordprocessingML: the zip
// package with its fixed parts (content types, relationships, properties, settings) around
// the parts that make one document differ from another — its body, its styles and its font
// table. The committee's documents (the proposal form, the 《社情民意》 bulletin) each lay out
// their own body and styles and share the package written here, once, so that a fix to the
// package (a part Word insists on, a property WPS reads) reaches all of them.
//
// Every document is set on an A4 page with the margins of the national standard for official
// documents (GB/T 9704), which is what the committee prints on.
package docx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// Page geometry in twentieths of a point (dxa): A4 with the margins of GB/T 9704. TextWidth
// is the width between the margins, which a full-width table spans.
const (
	PageWidth    = 11906
	PageHeight   = 16838
	MarginTop    = 2098
	MarginBottom = 1984
	MarginLeft   = 1587
	MarginRight  = 1474
	TextWidth    = PageWidth - MarginLeft - MarginRight // 8845
)

// Document is what differs between two documents; Write adds the rest of the package.
type Document struct {
	// Title is the document's title in its properties (dc:title), as plain text: Write
	// escapes it.
	Title string
	// Created is when the document was made (dcterms:created); zero means now.
	Created time.Time
	// Body is the content of <w:body> before the section properties: paragraphs (<w:p>) and
	// tables (<w:tbl>) in the w: namespace. Write adds the section: an A4 page with the
	// margins above.
	Body string
	// Styles is the content of word/styles.xml inside <w:styles>: <w:docDefaults> and the
	// <w:style> elements the body refers to.
	Styles string
	// Fonts is the content of word/fontTable.xml inside <w:fonts>: a <w:font> for each font
	// the styles name, with the alternative names a machine without it looks for.
	Fonts string
}

// Write writes d as a .docx package to w.
func Write(w io.Writer, d Document) error {
	created := d.Created
	if created.IsZero() {
		created = time.Now()
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", fmt.Sprintf(coreProps, Escape(d.Title), created.UTC().Format(time.RFC3339))},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", documentOpen + d.Body + section() + documentClose},
		{"word/styles.xml", stylesOpen + d.Styles + `</w:styles>`},
		{"word/settings.xml", settings},
		{"word/fontTable.xml", fontsOpen + d.Fonts + `</w:fonts>`},
	}
	// Every part has the same fixed modification time, so that the same document makes the
	// same bytes apart from its created property.
	modified := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	zw := zip.NewWriter(w)
	for _, part := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", part.name, err)
		}
		if _, err := io.WriteString(fw, part.body); err != nil {
			return fmt.Errorf("docx: %s: %w", part.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}

// Escape escapes text for an XML element or attribute; characters XML cannot hold (control
// characters typed or pasted into a record) become U+FFFD, so no text breaks the document.
func Escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Run is a run of text (<w:r>) with its spaces kept, or "" for empty text: an empty run would
// only add an empty element.
func Run(text string) string {
	if text == "" {
		return ""
	}
	return `<w:r><w:t xml:space="preserve">` + Escape(text) + `</w:t></w:r>`
}

// Paragraphs splits a text typed in a form into its non-empty lines, whatever the line ends
// (\r\n, \r or \n), without the spaces typed to indent them, ideographic spaces included:
// the body styles indent the first line by two characters themselves.
func Paragraphs(body string) []string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\r", "\n")
	var out []string
	for _, line := range strings.Split(body, "\n") {
		if line = strings.TrimSpace(line); line != "" { // TrimSpace trims U+3000 too
			out = append(out, line)
		}
	}
	return out
}

// The fixed parts of the package.

const documentOpen = xml.Header + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`

const documentClose = `</w:body></w:document>`

// section is the section properties that end the body: the page, its margins, and the line
// grid East Asian text is set on.
func section() string {
	return fmt.Sprintf(`<w:sectPr><w:pgSz w:w="%d" w:h="%d"/>`+
		`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/>`+
		`<w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>`,
		PageWidth, PageHeight, MarginTop, MarginRight, MarginBottom, MarginLeft)
}

const stylesOpen = xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`

const fontsOpen = xml.Header + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`

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
