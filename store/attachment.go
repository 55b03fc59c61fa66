package store

import (
	"context"

	"lvzhi"
)

// KindFile names an attachment in the audit log ("file:12").
const KindFile lvzhi.Kind = "file"

const attachmentSelect = `SELECT id, committee_id, kind, record_id, hash, name, mime, size, COALESCE(uploader_id, 0), uploader, created_at FROM files `

func scanAttachment(sc scanner) (lvzhi.Attachment, error) {
	var f lvzhi.Attachment
	var kind string
	err := sc.Scan(&f.ID, &f.CommitteeID, &kind, &f.RecordID, &f.Hash, &f.Name, &f.MIME, &f.Size, &f.UploaderID, &f.Uploader, &f.Created)
	f.Kind, f.Created = lvzhi.Kind(kind), f.Created.UTC()
	return f, err
}

// AddAttachment records a file whose bytes are already stored under f.Hash as an attachment
// of the record kind/recordID. Attaching is changing the record: whoever may update the
// record may attach to it. The type and size are checked here, whatever the caller did.
func (s *Store) AddAttachment(ctx context.Context, a lvzhi.Actor, kind lvzhi.Kind, recordID int64, f lvzhi.Attachment) (lvzhi.Attachment, error) {
	f.Name = lvzhi.CleanAttachmentName(f.Name)
	f.Kind, f.RecordID, f.UploaderID, f.Uploader = kind, recordID, a.UserID, actorName(a)
	f.MIME, _ = lvzhi.AttachmentMIME(f.Name)
	err := s.write(ctx, a, "attachment.add", object(kind, recordID), func(tx *Tx) error {
		tg, err := tx.authorizeRecord(ctx, a, lvzhi.ActionUpdate, kind, recordID)
		if err != nil {
			return err
		}
		if err := f.Validate(); err != nil {
			return err
		}
		f.CommitteeID, f.Created = tg.CommitteeID, s.Now()
		if f.ID, err = tx.insert(ctx, `INSERT INTO files (committee_id, kind, record_id, hash, name, mime, size, uploader_id, uploader, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			f.CommitteeID, string(kind), recordID, f.Hash, f.Name, f.MIME, f.Size, nullID(a.UserID), f.Uploader, f.Created); err != nil {
			return err
		}
		return tx.event(ctx, a, f.CommitteeID, kind, recordID, "attach", "", "", f.Name)
	})
	return f, err
}

// Attachments lists a record's attachments, oldest first, to those who may read the record.
func (s *Store) Attachments(ctx context.Context, a lvzhi.Actor, kind lvzhi.Kind, recordID int64) ([]lvzhi.Attachment, error) {
	var out []lvzhi.Attachment
	err := s.read(ctx, func(tx *Tx) error {
		if _, err := tx.authorizeRecord(ctx, a, lvzhi.ActionRead, kind, recordID); err != nil {
			return err
		}
		var err error
		out, err = tx.attachments(ctx, kind, recordID)
		return err
	})
	return out, err
}

// attachments reads a record's attachments without a permission check: the callers check.
func (t *Tx) attachments(ctx context.Context, kind lvzhi.Kind, recordID int64) ([]lvzhi.Attachment, error) {
	var out []lvzhi.Attachment
	err := t.scanAll(ctx, func(sc scanner) error {
		f, err := scanAttachment(sc)
		out = append(out, f)
		return err
	}, attachmentSelect+`WHERE kind = $1 AND record_id = $2 ORDER BY id`, string(kind), recordID)
	return out, err
}

// Attachment returns one attachment for download. The download is authorised against the
// record the file belongs to — an id or a hash is not access control — and audited, granted
// or refused: who took which file out of the platform is part of the record.
func (s *Store) Attachment(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Attachment, error) {
	var f lvzhi.Attachment
	obj := object(KindFile, id)
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if f, err = scanAttachment(tx.queryRow(ctx, attachmentSelect+`WHERE id = $1`, id)); err != nil {
			return notFound(err, "该附件")
		}
		if f.Kind == lvzhi.KindMember { // member photos are served by the member pages
			return lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该附件,可能已被删除。")
		}
		_, err = tx.authorizeRecord(ctx, a, lvzhi.ActionRead, f.Kind, f.RecordID)
		return err
	})
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c == lvzhi.ErrForbidden || c == lvzhi.ErrUnauthorized || c == lvzhi.ErrNotFound {
			s.auditFailure(ctx, a, "attachment.download", obj, err)
		}
		return lvzhi.Attachment{}, err
	}
	if err := s.Audit(ctx, a, "attachment.download", obj, lvzhi.AuditOK, object(f.Kind, f.RecordID)+" "+f.Name); err != nil {
		return lvzhi.Attachment{}, err
	}
	return f, nil
}

// DeleteAttachment removes an attachment from its record; whoever may update the record may.
// The bytes stay on disk: another record may hold the same content, and backups keep them.
func (s *Store) DeleteAttachment(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Attachment, error) {
	var f lvzhi.Attachment
	err := s.write(ctx, a, "attachment.delete", object(KindFile, id), func(tx *Tx) error {
		var err error
		if f, err = scanAttachment(tx.queryRow(ctx, attachmentSelect+`WHERE id = $1`, id)); err != nil {
			return notFound(err, "该附件")
		}
		if _, err := tx.authorizeRecord(ctx, a, lvzhi.ActionUpdate, f.Kind, f.RecordID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM files WHERE id = $1`, id); err != nil {
			return err
		}
		return tx.event(ctx, a, f.CommitteeID, f.Kind, f.RecordID, "detach", "", "", f.Name)
	})
	return f, err
}

// CanAttach reports whether a may attach files to (and remove them from) the record: the
// record pages show the upload form only then.
func (s *Store) CanAttach(ctx context.Context, a lvzhi.Actor, kind lvzhi.Kind, recordID int64) bool {
	err := s.read(ctx, func(tx *Tx) error {
		_, err := tx.authorizeRecord(ctx, a, lvzhi.ActionUpdate, kind, recordID)
		return err
	})
	return err == nil
}
