package bulletin

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"lvzhi/docx/docxtest"
)

func testIssue() Issue {
	return Issue{Committee: "政协兰州市委员会", Office: "政协兰州市委员会办公室", Year: 2026, Number: 3, Date: "2026年3月5日",
		Signer: "王秘书长", SendTo: "市委、市政府主要领导,省政协办公厅", Title: "民生专刊",
		Reports: []Report{
			{Title: "关于老旧小区加装电梯审批难的反映", Body: "群众反映加装电梯审批难。\n  建议简化流程<并>&加大补贴。", Author: "张三"},
			{Title: "关于农村客运班线停运的反映", Body: "部分班线停运\x01。", Author: "民革兰州市委"},
		}}
}

// paragraphsOf reads the text of every paragraph of a document.xml.
func paragraphsOf(t *testing.T, doc []byte) []string {
	t.Helper()
	var out []string
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var cur *strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "p" {
				cur = &strings.Builder{}
			}
		case xml.CharData:
			if cur != nil {
				cur.Write(x)
			}
		case xml.EndElement:
			if x.Name.Local == "p" && cur != nil {
				if s := cur.String(); s != "" {
					out = append(out, s)
				}
				cur = nil
			}
		}
	}
	return out
}

func TestWriteDOCX(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, testIssue()); err != nil {
		t.Fatal(err)
	}
	parts := docxtest.Parts(t, buf.Bytes())
	for name, b := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			docxtest.WellFormed(t, name, b)
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/fontTable.xml"} {
		if _, ok := parts[name]; !ok {
			t.Fatalf("part %s missing", name)
		}
	}
	got := paragraphsOf(t, parts["word/document.xml"])
	want := []string{"社情民意", "2026年第3期", "政协兰州市委员会办公室2026年3月5日", "民生专刊",
		"关于老旧小区加装电梯审批难的反映", "群众反映加装电梯审批难。", "建议简化流程<并>&加大补贴。", "(反映人:张三)",
		"关于农村客运班线停运的反映", "部分班线停运\uFFFD。", "(反映人:民革兰州市委)",
		"报:市委、市政府主要领导,省政协办公厅", "签发:王秘书长"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
	if !bytes.Contains(parts["word/styles.xml"], []byte(`w:color w:val="C00000"`)) {
		t.Error("the masthead is not red")
	}
}

// When LibreOffice is installed, the issue must convert to PDF: proof that office software
// opens it.
func TestIssueOpensInLibreOffice(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, testIssue()); err != nil {
		t.Fatal(err)
	}
	docxtest.ToPDF(t, buf.Bytes())
}

// The running number prints after the year's number when known; an issue without a subject
// line or a list of recipients prints no empty lines for them.
func TestWriteOptionalLines(t *testing.T) {
	is := testIssue()
	is.Total, is.Title, is.SendTo, is.Reports = 57, " ", "", is.Reports[:1]
	var buf bytes.Buffer
	if err := Write(&buf, is); err != nil {
		t.Fatal(err)
	}
	got := paragraphsOf(t, docxtest.Parts(t, buf.Bytes())["word/document.xml"])
	want := []string{"社情民意", "2026年第3期(总第57期)", "政协兰州市委员会办公室2026年3月5日",
		"关于老旧小区加装电梯审批难的反映", "群众反映加装电梯审批难。", "建议简化流程<并>&加大补贴。", "(反映人:张三)",
		"签发:王秘书长"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
}
