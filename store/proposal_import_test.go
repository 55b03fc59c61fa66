package store

import (
	"bytes"
	"encoding/csv"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"lvzhi"
	"lvzhi/register"
)

const regJiangsuPath = "../../shared/data/proposals-jiangsu-2019/proposals.csv"

// regJiangsu reads the published Jiangsu register twice: through the register parser, and with
// encoding/csv alone as records keyed by header, to check the import against the file.
func regJiangsu(t *testing.T) ([]register.Row, []map[string]string) {
	t.Helper()
	raw, err := os.ReadFile(regJiangsuPath)
	if err != nil {
		t.Skipf("%s not found (shared test data absent): %v", regJiangsuPath, err)
	}
	rows, errs := register.ParseCSV(bytes.NewReader(raw), lvzhi.DefaultProposalSettings().Categories)
	if len(errs) != 0 {
		t.Fatalf("parse: %d errors, first %s", len(errs), errs[0])
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return rows, out
}

// regSession creates a staff account and a session of the city's current term.
func regSession(t *testing.T, f *fixture, number int) (lvzhi.Actor, int64) {
	t.Helper()
	_, staff := f.userWithActor(t, "tiananban"+strconv.Itoa(number), []lvzhi.Role{lvzhi.RoleStaff}, nil)
	ss, err := f.st.CreateSession(f.ctx, staff, lvzhi.Session{CommitteeID: f.City, TermID: f.Term, Number: number})
	if err != nil {
		t.Fatalf("create session: %v", err)
	}
	return staff, ss.ID
}

func TestImportProposalsJiangsu(t *testing.T) {
	rows, recs := regJiangsu(t)
	if len(rows) != 436 {
		t.Fatalf("parsed %d rows, want 436", len(rows))
	}
	// What the file says, read without the register package.
	var numbers []int
	joint := regexp.MustCompile(`等\d+人$`)
	body := regexp.MustCompile(`省委$|委员会$|工商联$|台联$`)
	wantKinds := map[string]int{}
	wantSearch := 0
	for _, r := range recs {
		n, _ := strconv.Atoi(r["proposal_number"])
		numbers = append(numbers, n)
		switch {
		case joint.MatchString(r["personnel_name"]):
			wantKinds[lvzhi.ProposalJoint]++
		case body.MatchString(r["personnel_name"]):
			wantKinds[lvzhi.ProposalGroup]++
		default:
			wantKinds[lvzhi.ProposalIndividual]++
		}
		// The index joins CJK characters across white space (a line break inside a word).
		text := strings.Join(strings.Fields(r["reason"]+"\n"+r["personnel_name"]+"\n"+r["content"]), "")
		if strings.Contains(text, "养老") {
			wantSearch++
		}
	}
	sort.Ints(numbers)
	t.Logf("file: %d proposals, numbers %d–%d, kinds %v, %d mention 养老", len(recs), numbers[0], numbers[len(numbers)-1], wantKinds, wantSearch)

	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		staff, session := regSession(t, f, 2)
		before := lastAuditID(t, st)
		n, err := st.ImportProposals(f.ctx, staff, session, rows)
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		if n != 436 {
			t.Fatalf("imported %d, want 436", n)
		}
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposals WHERE session_id = $1 AND state = 'accepted'
			AND proposer_id IS NULL AND group_id IS NULL AND submitted_at IS NOT NULL`, session); got != 436 {
			t.Errorf("accepted history proposals = %d, want 436", got)
		}
		var got []int
		r, err := st.db.Query(st.dialect.rebind(`SELECT number FROM proposals WHERE session_id = $1 ORDER BY number`), session)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var x int
			r.Scan(&x)
			got = append(got, x)
		}
		r.Close()
		if !slices.Equal(got, numbers) {
			t.Errorf("numbers differ from the file's:\n got %v\nwant %v", got, numbers)
		}
		for kind, want := range wantKinds {
			if got := countRows(t, st, `SELECT COUNT(*) FROM proposals WHERE session_id = $1 AND kind = $2`, session, kind); got != want {
				t.Errorf("%s proposals = %d, want %d", kind, got, want)
			}
		}
		if got := countRows(t, st, `SELECT COUNT(*) FROM events WHERE kind = 'proposal' AND action = 'import'`); got != 436 {
			t.Errorf("import events = %d, want 436", got)
		}
		if got := countRows(t, st, `SELECT last FROM proposal_numbers WHERE session_id = $1`, session); got != numbers[len(numbers)-1] {
			t.Errorf("proposal_numbers.last = %d, want %d", got, numbers[len(numbers)-1])
		}
		audit := auditAfter(t, st, before)
		if len(audit) != 1 || audit[0].Action != "proposal.import" || audit[0].Result != lvzhi.AuditOK {
			t.Errorf("audit = %+v, want one proposal.import ok", audit)
		}

		// The first row as stored.
		p := regFind(t, st, staff, session, rows[0].Number)
		if p.Title != rows[0].Title || p.ProposerName != recs[0]["personnel_name"] || p.Category != recs[0]["type"] ||
			p.Submitted.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04:05") != recs[0]["publish_time"] {
			t.Errorf("first proposal = %q %q %q %v", p.Title, p.ProposerName, p.Category, p.Submitted)
		}
		if want := p.SessionName + "第0001号"; p.NumberLabel() != want {
			t.Errorf("label = %s, want %s", p.NumberLabel(), want)
		}

		// Search covers history.
		list, total, err := st.ListProposals(f.ctx, staff, lvzhi.ProposalFilter{CommitteeID: f.City, SessionID: session, Q: "养老"})
		if err != nil {
			t.Fatal(err)
		}
		if total != wantSearch || wantSearch == 0 {
			t.Errorf("search 养老: %d proposals, want %d", total, wantSearch)
		}
		for _, p := range list {
			text := strings.Join(strings.Fields(p.Title+p.ProposerName+p.Body), "")
			if !strings.Contains(text, "养老") {
				t.Errorf("search 养老 found %q", p.Title)
			}
		}
		// So does the near-duplicate check: a proposal's own text finds it first.
		similar, err := st.SimilarProposals(f.ctx, staff, rows[10].Title+"\n"+rows[10].Body, 0, 0.5, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(similar) == 0 || similar[0].Proposal.Number != rows[10].Number {
			t.Errorf("similar to row 12: %+v", similar)
		}

		// A proposal accepted later continues after the history.
		m := f.createMember(t, f.newMember("王敏", 7))
		created, err := st.CreateProposal(f.ctx, staff, lvzhi.Proposal{SessionID: session, Kind: lvzhi.ProposalIndividual, ProposerID: m.ID,
			Title: "关于完善社区养老服务设施的建议", Category: "社会事业", Body: strings.Repeat("社区养老服务设施建设需要统筹规划、分步实施。", 4)})
		if err != nil {
			t.Fatal(err)
		}
		regAct(t, st, staff, created.ID, "submit", lvzhi.ProposalActionInput{})
		if p := regAct(t, st, staff, created.ID, "accept", lvzhi.ProposalActionInput{}); p.Number != numbers[len(numbers)-1]+1 {
			t.Errorf("next accepted number = %d, want %d", p.Number, numbers[len(numbers)-1]+1)
		}

		// Importing the file again collides on the first row; nothing more is written.
		_, err = st.ImportProposals(f.ctx, staff, session, rows)
		wantCode(t, err, lvzhi.ErrConflict, "second import")
		wantMessage(t, err, "second import", "第2行", "编号0001")
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposals WHERE session_id = $1`, session); got != 437 {
			t.Errorf("proposals after the refused import = %d, want 437", got)
		}
	})
}

// regFind reads a session's proposal by its number through ListProposals.
func regFind(t *testing.T, st *Store, a lvzhi.Actor, session int64, number int) lvzhi.Proposal {
	t.Helper()
	list, _, err := st.ListProposals(t.Context(), a, lvzhi.ProposalFilter{CommitteeID: a.CommitteeID, SessionID: session, Paging: lvzhi.Paging{PerPage: 500}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.Number == number {
			return p
		}
	}
	t.Fatalf("no proposal numbered %d", number)
	return lvzhi.Proposal{}
}

// regAct applies a proposal action that must succeed.
func regAct(t *testing.T, st *Store, a lvzhi.Actor, id int64, action string, in lvzhi.ProposalActionInput) lvzhi.Proposal {
	t.Helper()
	p, err := st.ActProposal(t.Context(), a, id, action, in)
	if err != nil {
		t.Fatalf("%s proposal %d: %v (fields %v)", action, id, err, lvzhi.ErrorFields(err))
	}
	return p
}

func regHistoryRow(line, number int, title, proposer, class string) register.Row {
	return register.Row{Number: number, Title: title, Proposer: proposer, Category: "教育事业",
		Date: time.Date(2025, 1, 12, 10, 0, 0, 0, time.UTC), Body: title + "的具体内容。", Units: "市教育局、市财政局", ReplyClass: class, Line: line}
}

func TestImportProposalsAllOrNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		f := newFixture(t, st)
		staff, session := regSession(t, f, 1)

		// A duplicate number in the file: an error naming both rows, nothing written.
		_, err := st.ImportProposals(f.ctx, staff, session, []register.Row{
			regHistoryRow(2, 1, "关于加强校园安全的建议", "张三", ""),
			regHistoryRow(3, 2, "关于发展职业教育的建议", "李四等5人", "A"),
			regHistoryRow(4, 1, "关于减轻学生课业负担的建议", "民进兰州市委", ""),
		})
		wantCode(t, err, lvzhi.ErrInvalid, "duplicate number")
		wantMessage(t, err, "duplicate number", "第4行", "编号0001", "第2行")
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposals`); got != 0 {
			t.Fatalf("proposals after a refused import = %d, want 0", got)
		}

		// A row the parser would have refused is refused here too.
		bad := regHistoryRow(2, 9, "关于一件事的建议", "张三", "")
		bad.Category = "不存在的分类"
		_, err = st.ImportProposals(f.ctx, staff, session, []register.Row{bad})
		wantMessage(t, err, "bad category", "第2行", "不存在的分类")
		bad = regHistoryRow(0, 9, "关于一件事的建议", "张三", "E")
		_, err = st.ImportProposals(f.ctx, staff, session, []register.Row{bad})
		wantMessage(t, err, "bad reply class", "第1条", "答复类别")

		// Only the proposal office imports; a refusal is audited.
		m := f.createMember(t, f.newMember("李强", 3))
		_, member := f.userWithActor(t, "liqiang", []lvzhi.Role{lvzhi.RoleMember}, func(u *lvzhi.User) { u.MemberID = m.ID })
		before := lastAuditID(t, st)
		_, err = st.ImportProposals(f.ctx, member, session, []register.Row{regHistoryRow(2, 1, "关于加强校园安全的建议", "张三", "")})
		wantCode(t, err, lvzhi.ErrForbidden, "member import")
		if audit := auditAfter(t, st, before); len(audit) != 1 || audit[0].Result != lvzhi.AuditDenied {
			t.Errorf("audit of the refusal = %+v", audit)
		}
		// Another committee's session is not this committee's to fill.
		other := lvzhi.System(f.Other)
		otherSession, err := st.CreateSession(f.ctx, other, lvzhi.Session{CommitteeID: f.Other, TermID: f.OtherTerm, Number: 1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.ImportProposals(f.ctx, staff, otherSession.ID, []register.Row{regHistoryRow(2, 1, "关于加强校园安全的建议", "张三", "")})
		wantField(t, err, "session_id", "other committee's session")

		// A good file: states from the reply class, kinds from the proposer.
		n, err := st.ImportProposals(f.ctx, staff, session, []register.Row{
			regHistoryRow(2, 3, "关于加强校园安全的建议", "张三", ""),
			regHistoryRow(3, 8, "关于发展职业教育的建议", "李四等5人", "A"),
			regHistoryRow(4, 5, "关于减轻学生课业负担的建议", "民进兰州市委", "C"),
		})
		if err != nil || n != 3 {
			t.Fatalf("import = %d, %v", n, err)
		}
		for number, want := range map[int][2]string{
			3: {lvzhi.ProposalAccepted, lvzhi.ProposalIndividual},
			8: {lvzhi.ProposalClosed, lvzhi.ProposalJoint},
			5: {lvzhi.ProposalClosed, lvzhi.ProposalGroup},
		} {
			p := regFind(t, st, staff, session, number)
			if p.State != want[0] || p.Kind != want[1] || p.ProposerID != 0 || p.GroupID != 0 {
				t.Errorf("number %d: state %s kind %s proposer %d group %d, want %v", number, p.State, p.Kind, p.ProposerID, p.GroupID, want)
			}
		}
		p := regFind(t, st, staff, session, 8)
		history, err := st.ProposalHistory(f.ctx, staff, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(history) != 1 || history[0].Action != "import" || history[0].Note != "历史提案导入;承办单位:市教育局、市财政局;答复类别:A类" {
			t.Errorf("history = %+v", history)
		}

		// A number taken in the session: refused by row, the whole file unwritten.
		_, err = st.ImportProposals(f.ctx, staff, session, []register.Row{
			regHistoryRow(2, 20, "关于建设智慧校园的建议", "王五", ""),
			regHistoryRow(3, 5, "关于学前教育的建议", "赵六", ""),
		})
		wantCode(t, err, lvzhi.ErrConflict, "taken number")
		wantMessage(t, err, "taken number", "第3行", "编号0005", "关于减轻学生课业负担的建议")
		if got := countRows(t, st, `SELECT COUNT(*) FROM proposals WHERE session_id = $1`, session); got != 3 {
			t.Errorf("proposals = %d, want 3", got)
		}
		if got := countRows(t, st, `SELECT last FROM proposal_numbers WHERE session_id = $1`, session); got != 8 {
			t.Errorf("proposal_numbers.last = %d, want 8", got)
		}
	})
}
