package register

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"lvzhi/docx/docxtest"
)

func testPrint() PrintProposal {
	return PrintProposal{
		Committee: "兰州市政协", SessionName: "第十四届第三次会议", Number: 12,
		Title: "关于加强社区养老服务的建议", Proposer: "张三", Sector: "经济界", Phone: "13809311234",
		Category: "社会事业", Units: "市民政局(主办)、市财政局(会办)",
		Body:      "调研情况:\n    我市60岁以上人口占比逐年上升<比上年>&更多。\n\n具体建议:\r\n一是……\n二是……",
		Submitted: time.Date(2026, 1, 12, 18, 0, 0, 0, time.UTC),
	}
}

// docText is word/document.xml read with encoding/xml: the text of each paragraph, and the
// number of table rows.
type docText struct {
	Paras []string
	Rows  int
}

func readDocument(t *testing.T, b []byte) docText {
	t.Helper()
	type run struct {
		T []string `xml:"t"`
	}
	type para struct {
		Runs []run `xml:"r"`
	}
	type tc struct {
		Paras []para `xml:"p"`
	}
	type tr struct {
		Cells []tc `xml:"tc"`
	}
	var doc struct {
		XMLName xml.Name `xml:"document"`
		Body    struct {
			Paras  []para `xml:"p"`
			Tables []struct {
				Rows []tr `xml:"tr"`
			} `xml:"tbl"`
			SectPr *struct{} `xml:"sectPr"`
		} `xml:"body"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("document.xml: %v", err)
	}
	if doc.Body.SectPr == nil || len(doc.Body.Tables) != 1 {
		t.Fatalf("document.xml: want one table and a section, got %d tables", len(doc.Body.Tables))
	}
	text := func(p para) string {
		var s strings.Builder
		for _, r := range p.Runs {
			s.WriteString(strings.Join(r.T, ""))
		}
		return s.String()
	}
	var out docText
	for _, p := range doc.Body.Paras {
		out.Paras = append(out.Paras, text(p))
	}
	for _, r := range doc.Body.Tables[0].Rows {
		out.Rows++
		for _, c := range r.Cells {
			for _, p := range c.Paras {
				out.Paras = append(out.Paras, text(p))
			}
		}
	}
	return out
}

func TestPrintoutDOCX(t *testing.T) {
	var buf bytes.Buffer
	if err := Printout(&buf, testPrint()); err != nil {
		t.Fatal(err)
	}
	parts := docxtest.Parts(t, buf.Bytes())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/_rels/document.xml.rels", "word/fontTable.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml"} {
		b, ok := parts[name]
		if !ok {
			t.Fatalf("part %s missing", name)
		}
		docxtest.WellFormed(t, name, b)
	}
	doc := readDocument(t, parts["word/document.xml"])
	want := []string{
		"兰州市政协第十四届第三次会议", "提　案",
		"提案号", "第十四届第三次会议第0012号", "提案分类", "社会事业",
		"案　由", "关于加强社区养老服务的建议",
		"提案人", "张三", "界　别", "经济界",
		"联系电话", "138****1234", "提交日期", "2026年1月13日",
		"内　容",
		"调研情况:", "我市60岁以上人口占比逐年上升<比上年>&更多。", "具体建议:", "一是……", "二是……",
		"承办单位", "市民政局(主办)、市财政局(会办)",
	}
	if strings.Join(doc.Paras, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs =\n%q\nwant\n%q", doc.Paras, want)
	}
	if doc.Rows != 7 {
		t.Errorf("table rows = %d, want 7", doc.Rows)
	}
	if bytes.Contains(parts["word/document.xml"], []byte("13809311234")) {
		t.Error("the full phone number is on the form")
	}
	if !bytes.Contains(parts["word/styles.xml"], []byte(`w:eastAsia="宋体"`)) || !bytes.Contains(parts["word/fontTable.xml"], []byte(`SimSun`)) {
		t.Error("the styles do not set 宋体/SimSun for Chinese text")
	}

	// An unaccepted proposal prints with an empty number; control characters do not break the XML.
	buf.Reset()
	p := testPrint()
	p.Number, p.Title, p.Phone = 0, "标题\x01含控制字符", ""
	if err := Printout(&buf, p); err != nil {
		t.Fatal(err)
	}
	parts = docxtest.Parts(t, buf.Bytes())
	docxtest.WellFormed(t, "word/document.xml", parts["word/document.xml"])
	readDocument(t, parts["word/document.xml"])
}

// When LibreOffice is installed, the printout must convert to PDF: proof that office software
// opens it.
func TestPrintoutOpensInLibreOffice(t *testing.T) {
	var buf bytes.Buffer
	if err := Printout(&buf, testPrint()); err != nil {
		t.Fatal(err)
	}
	pdf := docxtest.ToPDF(t, buf.Bytes())
	if len(pdf) < 1000 {
		t.Fatalf("not a PDF (%d bytes)", len(pdf))
	}
	if got, ok := docxtest.PDFText(t, pdf); ok && !strings.Contains(got, "关于加强社区养老服务的建议") {
		t.Errorf("the PDF text lacks the title:\n%s", got)
	}
}
