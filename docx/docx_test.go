package docx_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"path"
	"strings"
	"testing"
	"time"

	"lvzhi/docx"
	"lvzhi/docx/docxtest"
)

// testDocument is a document of one paragraph in one style, titled with characters XML must
// escape and a control character XML cannot hold.
func testDocument() docx.Document {
	return docx.Document{
		Title:   `关于<加装电梯>&"审批"的建议` + "\x01",
		Created: time.Date(2026, 3, 5, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		Body:    `<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>` + docx.Run("正文<一>&二") + `</w:p>`,
		Styles: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
			`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/></w:style>`,
		Fonts: `<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/></w:font>`,
	}
}

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	if err := docx.Write(&buf, testDocument()); err != nil {
		t.Fatal(err)
	}
	parts := docxtest.Parts(t, buf.Bytes())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml"} {
		b, ok := parts[name]
		if !ok {
			t.Fatalf("part %s missing", name)
		}
		docxtest.WellFormed(t, name, b)
	}

	// Every relationship points at a part in the package: a dangling one makes Word refuse it.
	for rel, dir := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word"} {
		var rels struct {
			Rel []struct {
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(parts[rel], &rels); err != nil {
			t.Fatal(err)
		}
		if len(rels.Rel) != 3 {
			t.Errorf("%s holds %d relationships, want 3", rel, len(rels.Rel))
		}
		for _, r := range rels.Rel {
			if _, ok := parts[path.Join(dir, r.Target)]; !ok {
				t.Errorf("%s points at %s, which is not in the package", rel, r.Target)
			}
		}
	}

	var core struct {
		Title   string `xml:"title"`
		Created string `xml:"created"`
	}
	if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil {
		t.Fatal(err)
	}
	if want := `关于<加装电梯>&"审批"的建议` + "\uFFFD"; core.Title != want {
		t.Errorf("title = %q, want %q", core.Title, want)
	}
	if core.Created != "2026-03-05T01:30:00Z" {
		t.Errorf("created = %q, want the time in UTC", core.Created)
	}

	doc := string(parts["word/document.xml"])
	for _, want := range []string{`<w:t xml:space="preserve">正文&lt;一&gt;&amp;二</w:t>`,
		`<w:pgSz w:w="11906" w:h="16838"/>`, `w:left="1587"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s:\n%s", want, doc)
		}
	}
	if !bytes.Contains(parts["word/styles.xml"], []byte(`w:styleId="BodyText"`)) {
		t.Error("styles.xml lacks the document's styles")
	}
	if !bytes.Contains(parts["word/fontTable.xml"], []byte(`SimSun`)) {
		t.Error("fontTable.xml lacks the document's fonts")
	}
}

// A document written without a time is made now.
func TestWriteCreatedNow(t *testing.T) {
	d := testDocument()
	d.Created = time.Time{}
	var buf bytes.Buffer
	before := time.Now().UTC().Truncate(time.Second)
	if err := docx.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	var core struct {
		Created string `xml:"created"`
	}
	if err := xml.Unmarshal(docxtest.Parts(t, buf.Bytes())["docProps/core.xml"], &core); err != nil {
		t.Fatal(err)
	}
	if c, err := time.Parse(time.RFC3339, core.Created); err != nil || c.Before(before) || c.After(time.Now()) {
		t.Errorf("created = %q, want now (%v)", core.Created, err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A writer that fails makes Write fail, with the writer's error.
func TestWriteError(t *testing.T) {
	err := docx.Write(failWriter{}, testDocument())
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the writer's error", err)
	}
}

func TestParagraphs(t *testing.T) {
	got := docx.Paragraphs("  调研情况:\r\n\u3000\u3000我市人口老龄化。\r\r具体建议:\n\t一是……  \n\n")
	want := []string{"调研情况:", "我市人口老龄化。", "具体建议:", "一是……"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Paragraphs = %q, want %q", got, want)
	}
	if got := docx.Paragraphs(" \n\u3000\r\n"); len(got) != 0 {
		t.Errorf("Paragraphs of blank lines = %q, want none", got)
	}
}

func TestRunAndEscape(t *testing.T) {
	if got := docx.Run(""); got != "" {
		t.Errorf("Run(\"\") = %q, want nothing", got)
	}
	if got, want := docx.Run(" a<b "), `<w:r><w:t xml:space="preserve"> a&lt;b </w:t></w:r>`; got != want {
		t.Errorf("Run = %q, want %q", got, want)
	}
	if got, want := docx.Escape("\"甲\"&'乙'\x0b"), "&#34;甲&#34;&amp;&#39;乙&#39;\uFFFD"; got != want {
		t.Errorf("Escape = %q, want %q", got, want)
	}
}

// When LibreOffice is installed, the bare package with the least a document holds must
// convert to PDF: proof that the fixed parts are what office software expects.
func TestWriteOpensInLibreOffice(t *testing.T) {
	var buf bytes.Buffer
	if err := docx.Write(&buf, testDocument()); err != nil {
		t.Fatal(err)
	}
	docxtest.ToPDF(t, buf.Bytes())
}
