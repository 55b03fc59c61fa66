package store

import (
	"context"
	"fmt"
	"strings"

	"lvzhi"
)

const speechSelect = `SELECT sp.id, sp.committee_id, sp.kind, COALESCE(sp.activity_id, 0), COALESCE(sp.session_id, 0),
	COALESCE(sp.member_id, 0), COALESCE(sp.group_id, 0), sp.speaker, COALESCE(sec.name, ''), sp.title, sp.body, sp.state, sp.note,
	sp.submitted_at, sp.updated_at, COALESCE(t.number, 0), COALESCE(ss.number, 0), COALESCE(act.title, '')
	FROM speeches sp LEFT JOIN members m ON m.id = sp.member_id LEFT JOIN org_units sec ON sec.id = m.sector_id
	LEFT JOIN sessions ss ON ss.id = sp.session_id LEFT JOIN terms t ON t.id = ss.term_id
	LEFT JOIN activities act ON act.id = sp.activity_id `

func scanSpeech(sc scanner) (lvzhi.Speech, error) {
	var sp lvzhi.Speech
	var term, session int
	err := sc.Scan(&sp.ID, &sp.CommitteeID, &sp.Kind, &sp.ActivityID, &sp.SessionID, &sp.MemberID, &sp.GroupID, &sp.Speaker,
		&sp.Sector, &sp.Title, &sp.Body, &sp.State, &sp.Note, &sp.Submitted, &sp.Updated, &term, &session, &sp.ActivityTitle)
	sp.Submitted, sp.Updated = sp.Submitted.UTC(), sp.Updated.UTC()
	if session != 0 {
		sp.SessionName = lvzhi.Term{Number: term}.Name() + lvzhi.Session{Number: session}.Name()
	}
	return sp, err
}

// speech reads one speech without a permission check: the callers check.
func (t *Tx) speech(ctx context.Context, id int64) (lvzhi.Speech, error) {
	sp, err := scanSpeech(t.queryRow(ctx, speechSelect+`WHERE sp.id = $1`, id))
	return sp, notFound(err, "该发言")
}

// Speech returns one speech to the office, leaders and the member who gave it.
func (s *Store) Speech(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Speech, error) {
	var sp lvzhi.Speech
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if sp, err = tx.speech(ctx, id); err != nil {
			return err
		}
		return lvzhi.Authorize(a, lvzhi.ActionRead, sp.Target())
	})
	if err != nil {
		return lvzhi.Speech{}, err
	}
	return sp, nil
}

// SpeechHistory returns a speech's events, newest first.
func (s *Store) SpeechHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.Speech(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindSpeech, id)
		return err
	})
	return out, err
}

// ListSpeeches returns the speeches the filter selects, newest first, and their total. A
// member who may not read the committee's speeches sees their own only.
func (s *Store) ListSpeeches(ctx context.Context, a lvzhi.Actor, f lvzhi.SpeechFilter) ([]lvzhi.Speech, int, error) {
	all := lvzhi.Target{Kind: lvzhi.KindSpeech, CommitteeID: f.CommitteeID}
	if !lvzhi.Can(a, lvzhi.ActionRead, all) {
		own := all
		own.MemberID = a.MemberID
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, own); err != nil || a.MemberID == 0 {
			return nil, 0, lvzhi.Authorize(a, lvzhi.ActionRead, all)
		}
		f.MemberID = a.MemberID
	}
	where, args := `WHERE sp.committee_id = $1`, []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.Kind != "" {
		add("sp.kind = $%d", f.Kind)
	}
	if f.SessionID != 0 {
		add("sp.session_id = $%d", f.SessionID)
	}
	if f.ActivityID != 0 {
		add("sp.activity_id = $%d", f.ActivityID)
	}
	if f.MemberID != 0 {
		add("sp.member_id = $%d", f.MemberID)
	}
	if f.State != "" {
		add("sp.state = $%d", f.State)
	}
	var out []lvzhi.Speech
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, `SELECT COUNT(*) FROM speeches sp `+where, args...); err != nil {
			return err
		}
		rows, err := tx.query(ctx, speechSelect+where+fmt.Sprintf(` ORDER BY sp.id DESC LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			sp, err := scanSpeech(rows)
			if err != nil {
				return err
			}
			out = append(out, sp)
		}
		return rows.Err()
	})
	return out, total, err
}

// CreateSpeech records a speech. A member submits their own plenary speech; the office may
// submit one for a member or a group and records the speeches given at an activity.
func (s *Store) CreateSpeech(ctx context.Context, a lvzhi.Actor, sp lvzhi.Speech) (lvzhi.Speech, error) {
	sp.ID, sp.CommitteeID, sp.Note = 0, a.CommitteeID, ""
	sp.Title, sp.Body = strings.TrimSpace(sp.Title), strings.TrimSpace(sp.Body)
	if a.Has(lvzhi.RoleMember) && !a.Has(lvzhi.RoleStaff) {
		sp.MemberID, sp.GroupID, sp.Kind = a.MemberID, 0, lvzhi.SpeechPlenary
	}
	sp.State = lvzhi.SpeechSubmitted
	if sp.Kind == lvzhi.SpeechActivity {
		sp.State, sp.SessionID = lvzhi.SpeechGiven, 0
	} else {
		sp.ActivityID = 0
	}
	if err := sp.Validate(); err != nil {
		return sp, err
	}
	err := s.write(ctx, a, "speech.create", sp.Title, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, sp.Target()); err != nil {
			return err
		}
		if err := tx.checkSpeechRefs(ctx, &sp); err != nil {
			return err
		}
		now := s.Now()
		var err error
		sp.ID, err = tx.insert(ctx, `INSERT INTO speeches (committee_id, kind, activity_id, session_id, member_id, group_id, speaker,
			title, body, state, submitted_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
			sp.CommitteeID, sp.Kind, nullID(sp.ActivityID), nullID(sp.SessionID), nullID(sp.MemberID), nullID(sp.GroupID), sp.Speaker,
			sp.Title, sp.Body, sp.State, now)
		if err != nil {
			return err
		}
		return tx.event(ctx, a, sp.CommitteeID, lvzhi.KindSpeech, sp.ID, "create", "", sp.State, sp.Title)
	})
	if err != nil {
		return lvzhi.Speech{}, err
	}
	return s.Speech(ctx, a, sp.ID)
}

// checkSpeechRefs makes sure the session or activity, the member and the group belong to the
// committee, and signs the speech with the member's or the group's name.
func (t *Tx) checkSpeechRefs(ctx context.Context, sp *lvzhi.Speech) error {
	f := map[string]string{}
	var committee int64
	if sp.SessionID != 0 {
		if err := t.queryRow(ctx, `SELECT committee_id FROM sessions WHERE id = $1`, sp.SessionID).Scan(&committee); err != nil || committee != sp.CommitteeID {
			f["session_id"] = "请选择本政协的会议"
		}
	}
	if sp.ActivityID != 0 {
		if x, err := t.activity(ctx, sp.ActivityID); err != nil || x.CommitteeID != sp.CommitteeID {
			f["activity_id"] = "请选择本政协的活动"
		}
	}
	names := []string{}
	if sp.GroupID != 0 {
		var name string
		if !t.unitOfKind(ctx, sp.CommitteeID, sp.GroupID, lvzhi.OrgSector, lvzhi.OrgParty, lvzhi.OrgSpecialCommittee) {
			f["group_id"] = "请选择本政协的界别、党派团体或专门委员会"
		} else if err := t.queryRow(ctx, `SELECT name FROM org_units WHERE id = $1`, sp.GroupID).Scan(&name); err == nil {
			names = append(names, name)
		}
	}
	if sp.MemberID != 0 {
		var name string
		if err := t.queryRow(ctx, `SELECT committee_id, name FROM members WHERE id = $1`, sp.MemberID).Scan(&committee, &name); err != nil || committee != sp.CommitteeID {
			f["member_id"] = "请选择本政协的委员"
		} else if sp.GroupID == 0 {
			names = append(names, name)
		}
	}
	if strings.TrimSpace(sp.Speaker) == "" {
		sp.Speaker = strings.Join(names, "")
	}
	return lvzhi.Invalid(f)
}

// UpdateSpeech changes a speech's title and text: the member their own plenary speech while
// it awaits selection, the office any speech.
func (s *Store) UpdateSpeech(ctx context.Context, a lvzhi.Actor, sp lvzhi.Speech) error {
	return s.write(ctx, a, "speech.update", object(lvzhi.KindSpeech, sp.ID), func(tx *Tx) error {
		old, err := tx.speech(ctx, sp.ID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, old.Target()); err != nil {
			return err
		}
		if old.Kind == lvzhi.SpeechPlenary && old.State != lvzhi.SpeechSubmitted {
			return lvzhi.Errorf(lvzhi.ErrConflict, "大会发言当前状态为“%s”,不能修改。", lvzhi.SpeechWorkflow.StateLabel[old.State])
		}
		old.Title, old.Body = strings.TrimSpace(sp.Title), strings.TrimSpace(sp.Body)
		if err := old.Validate(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE speeches SET title = $1, body = $2, updated_at = $3 WHERE id = $4`, old.Title, old.Body, s.Now(), old.ID); err != nil {
			return err
		}
		return tx.event(ctx, a, old.CommitteeID, lvzhi.KindSpeech, old.ID, "update", old.State, old.State, "修改发言")
	})
}

// ActSpeech applies one action to a plenary speech: the office selects it for oral delivery
// or written distribution, or does not select it, or reconsiders; the member may withdraw it
// while it awaits selection.
func (s *Store) ActSpeech(ctx context.Context, a lvzhi.Actor, id int64, action, note string) (lvzhi.Speech, error) {
	err := s.write(ctx, a, "speech."+action, object(lvzhi.KindSpeech, id), func(tx *Tx) error {
		sp, err := tx.speech(ctx, id)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.SpeechPermission(action), sp.Target()); err != nil {
			return err
		}
		to, err := lvzhi.SpeechWorkflow.Next(sp.State, action)
		if err != nil {
			return err
		}
		note = strings.TrimSpace(note)
		if _, err := tx.exec(ctx, `UPDATE speeches SET state = $1, note = $2, updated_at = $3 WHERE id = $4`, to, note, s.Now(), id); err != nil {
			return err
		}
		return tx.event(ctx, a, sp.CommitteeID, lvzhi.KindSpeech, id, action, sp.State, to, note)
	})
	if err != nil {
		return lvzhi.Speech{}, err
	}
	return s.Speech(ctx, a, id)
}

// SpeechCounts counts the plenary speeches of a session (all sessions when sessionID is 0)
// by member or by sector ("member" or "sector"): submitted, selected for oral delivery and
// for written distribution, most submitted first. Withdrawn speeches do not count.
func (s *Store) SpeechCounts(ctx context.Context, a lvzhi.Actor, committeeID, sessionID int64, by string) ([]lvzhi.SpeechCount, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindSpeech, CommitteeID: committeeID}); err != nil {
		return nil, err
	}
	key, name := "m.id", "m.name"
	if by == "sector" {
		key, name = "sec.id", "sec.name"
	}
	q := `SELECT ` + key + `, ` + name + `, COUNT(*),
		SUM(CASE WHEN sp.state = $1 THEN 1 ELSE 0 END), SUM(CASE WHEN sp.state = $2 THEN 1 ELSE 0 END)
		FROM speeches sp JOIN members m ON m.id = sp.member_id JOIN org_units sec ON sec.id = m.sector_id
		WHERE sp.committee_id = $3 AND sp.kind = $4 AND sp.state <> $5 AND ($6 = 0 OR sp.session_id = $6)
		GROUP BY ` + key + `, ` + name + ` ORDER BY COUNT(*) DESC, ` + key
	var out []lvzhi.SpeechCount
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, q, lvzhi.SpeechOral, lvzhi.SpeechWritten, committeeID, lvzhi.SpeechPlenary, lvzhi.SpeechWithdrawn, sessionID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c lvzhi.SpeechCount
			if err := rows.Scan(&c.ID, &c.Name, &c.Submitted, &c.Oral, &c.Written); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}
