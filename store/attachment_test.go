package store

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"lvzhi"
)

// fakeFile is an attachment whose bytes a test pretends to have stored.
func fakeFile(name string, size int64) lvzhi.Attachment {
	sum := sha256.Sum256([]byte(name))
	return lvzhi.Attachment{Name: name, Size: size, Hash: hex.EncodeToString(sum[:])}
}

func TestAttachmentsAuthorisedAgainstTheirRecord(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		ctx := pf.ctx
		own := pf.draft(t, 0, pf.Session, propTexts[0])   // member 0's, submitted below: every member reads it
		draft := pf.draft(t, 1, pf.Session, propTexts[1]) // member 1's draft: hidden from others

		f, err := st.AddAttachment(ctx, pf.mem[0], lvzhi.KindProposal, own.ID, fakeFile(`C:\材料\调研报告.PDF`, 1234))
		if err != nil {
			t.Fatalf("proposer attaches: %v", err)
		}
		pf.act(t, pf.mem[0], own.ID, "submit", lvzhi.ProposalActionInput{})
		if _, err := st.AddAttachment(ctx, pf.mem[0], lvzhi.KindProposal, own.ID, fakeFile("补充.pdf", 10)); lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Errorf("the proposer attaching to a proposal in review: %v, want conflict", err)
		}
		if st.CanAttach(ctx, pf.mem[0], lvzhi.KindProposal, own.ID) || !st.CanAttach(ctx, pf.staff, lvzhi.KindProposal, own.ID) {
			t.Errorf("after submitting, the proposer may still attach, or the office may not")
		}
		if f.Name != "调研报告.PDF" || f.MIME != "application/pdf" || f.CommitteeID != pf.City || f.Uploader != pf.mem[0].Name {
			t.Errorf("attachment stored as %+v", f)
		}
		if _, err := st.AddAttachment(ctx, pf.mem[1], lvzhi.KindProposal, own.ID, fakeFile("a.pdf", 10)); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("another member attaching to my proposal: %v, want forbidden", err)
		}
		secret, err := st.AddAttachment(ctx, pf.mem[1], lvzhi.KindProposal, draft.ID, fakeFile("草稿附件.docx", 99))
		if err != nil {
			t.Fatalf("member attaches to own draft: %v", err)
		}

		// Reading follows the record: members read submitted proposals, drafts stay their
		// proposer's, units read only what is assigned to them, other committees nothing.
		for _, c := range []struct {
			who  string
			a    lvzhi.Actor
			id   int64
			want lvzhi.ErrorCode
		}{
			{"proposer", pf.mem[0], f.ID, ""},
			{"another member, submitted proposal", pf.mem[1], f.ID, ""},
			{"staff", pf.staff, secret.ID, ""},
			{"draft's proposer", pf.mem[1], secret.ID, ""},
			{"another member, someone's draft", pf.mem[0], secret.ID, lvzhi.ErrNotFound},
			{"unit not assigned", pf.unit[0], f.ID, lvzhi.ErrForbidden},
			{"other committee's staff", pf.otherStaff, f.ID, lvzhi.ErrForbidden},
		} {
			got, err := st.Attachment(ctx, c.a, c.id)
			if lvzhi.ErrorCodeOf(err) != c.want && !(c.want == "" && err == nil) {
				t.Errorf("%s downloads: %v, want %q", c.who, err, c.want)
			}
			if c.want == "" && got.ID != c.id {
				t.Errorf("%s downloads: got %+v", c.who, got)
			}
		}
		if _, err := st.Attachments(ctx, pf.mem[0], lvzhi.KindProposal, draft.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Errorf("listing someone's draft's attachments: %v", err)
		}
		list, err := st.Attachments(ctx, pf.mem[1], lvzhi.KindProposal, own.ID)
		if err != nil || len(list) != 1 || list[0].ID != f.ID {
			t.Errorf("attachments of the proposal = %+v, %v", list, err)
		}

		// Every download is audited, granted or refused.
		if n := countRows(t, st, `SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.download' AND result = $1`, lvzhi.AuditOK); n != 4 {
			t.Errorf("%d granted downloads audited, want 4", n)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.download' AND result <> $1`, lvzhi.AuditOK); n != 3 {
			t.Errorf("%d refused downloads audited, want 3", n)
		}

		// Deleting is updating the record.
		if _, err := st.DeleteAttachment(ctx, pf.mem[1], f.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrForbidden {
			t.Errorf("another member deletes my attachment: %v", err)
		}
		if _, err := st.DeleteAttachment(ctx, pf.mem[0], f.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrConflict {
			t.Errorf("the proposer deletes from a proposal in review: %v", err)
		}
		if _, err := st.DeleteAttachment(ctx, pf.staff, f.ID); err != nil {
			t.Fatalf("the office deletes: %v", err)
		}
		if _, err := st.Attachment(ctx, pf.mem[0], f.ID); lvzhi.ErrorCodeOf(err) != lvzhi.ErrNotFound {
			t.Errorf("deleted attachment: %v", err)
		}
		hist, _ := st.ProposalHistory(ctx, pf.staff, own.ID)
		if len(hist) == 0 || hist[0].Action != "detach" {
			t.Errorf("history does not record the removal: %+v", hist)
		}
	})
}

func TestAttachmentValidation(t *testing.T) {
	forEachDB(t, func(t *testing.T, st *Store) {
		pf := newPropFixture(t, st)
		p := pf.draft(t, 0, pf.Session, propTexts[0])
		for _, c := range []struct {
			name string
			f    lvzhi.Attachment
		}{
			{"a program", fakeFile("setup.exe", 100)},
			{"a web page", fakeFile("page.html", 100)},
			{"empty", fakeFile("empty.pdf", 0)},
			{"too large", fakeFile("big.pdf", lvzhi.MaxAttachmentSize+1)},
			{"no name", fakeFile("", 10)},
		} {
			_, err := st.AddAttachment(pf.ctx, pf.mem[0], lvzhi.KindProposal, p.ID, c.f)
			if lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid || lvzhi.ErrorFields(err)["file"] == "" {
				t.Errorf("%s: %v (fields %v), want a message on file", c.name, err, lvzhi.ErrorFields(err))
			}
		}
		if _, err := st.AddAttachment(pf.ctx, pf.staff, "no_such_kind", 1, fakeFile("a.pdf", 10)); lvzhi.ErrorCodeOf(err) != lvzhi.ErrInvalid {
			t.Errorf("attaching to an unknown kind: %v", err)
		}
		if n := countRows(t, st, `SELECT COUNT(*) FROM files`); n != 0 {
			t.Errorf("%d files recorded after refusals", n)
		}
	})
}
