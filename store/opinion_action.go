package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// ActOpinion applies one action to a report: allowed in its state (the transition table) and
// to this actor (the grants table), it does what the action records, moves the state and
// writes the event — one transaction.
func (s *Store) ActOpinion(ctx context.Context, a lvzhi.Actor, id int64, action string, in lvzhi.OpinionActionInput) (lvzhi.Opinion, error) {
	var o lvzhi.Opinion
	settings, err := s.OpinionSettings(ctx, a.CommitteeID) // read before the write
	if err != nil {
		return o, err
	}
	err = s.write(ctx, a, "opinion."+action, object(lvzhi.KindOpinion, id), func(tx *Tx) error {
		var err error
		if o, err = tx.opinion(ctx, id); err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.Action(action), opinionTarget(a, o)); err != nil {
			return err
		}
		to, err := lvzhi.OpinionWorkflow.Next(o.State, action)
		if err != nil {
			return err
		}
		do, ok := opinionSteps[action]
		if !ok {
			return lvzhi.Errorf(lvzhi.ErrInvalid, "没有名为“%s”的社情民意信息操作。", action)
		}
		st := opinionStep{tx: tx, a: a, o: &o, in: in, settings: settings, now: s.Now()}
		if err := do(ctx, &st); err != nil {
			return err
		}
		from := o.State
		o.State = to
		if _, err := tx.exec(ctx, `UPDATE opinions SET state = $1, updated_at = $2 WHERE id = $3`, o.State, st.now, o.ID); err != nil {
			return err
		}
		note := strings.TrimSpace(strings.TrimSpace(st.detail) + " " + strings.TrimSpace(in.Note))
		return tx.event(ctx, a, o.CommitteeID, lvzhi.KindOpinion, o.ID, action, from, o.State, note)
	})
	if err != nil {
		return lvzhi.Opinion{}, err
	}
	return s.Opinion(ctx, a, id)
}

// opinionStep is one action under way.
type opinionStep struct {
	tx       *Tx
	a        lvzhi.Actor
	o        *lvzhi.Opinion
	in       lvzhi.OpinionActionInput
	settings lvzhi.OpinionSettings
	now      time.Time
	detail   string // added to the event's note
}

func (st *opinionStep) exec(ctx context.Context, q string, args ...any) error {
	_, err := st.tx.exec(ctx, q, args...)
	return err
}

// needNote refuses an action whose reason the record must keep.
func (st *opinionStep) needNote(what string) error {
	if strings.TrimSpace(st.in.Note) == "" {
		return lvzhi.Invalid(map[string]string{"note": "请填写" + what})
	}
	return nil
}

// opinionSteps says what each action does besides moving the state.
var opinionSteps = map[string]func(context.Context, *opinionStep) error{
	"submit":   stepOpinionSubmit,
	"resubmit": stepOpinionSubmit,
	"retract":  func(ctx context.Context, st *opinionStep) error { return nil },
	"return":   func(ctx context.Context, st *opinionStep) error { return st.needNote("退回修改的意见") },
	"edit":     stepOpinionEdit,
	"not_use":  stepOpinionNotUse,
	"reedit": func(ctx context.Context, st *opinionStep) error {
		return st.exec(ctx, `UPDATE opinions SET not_used_reason = '' WHERE id = $1`, st.o.ID)
	},
	"compile": stepOpinionCompile,
	"forward": stepOpinionForward,
	"adopt":   stepOpinionAdopt,
}

// stepOpinionSubmit checks the text against the committee's rules and keeps it as the
// submitter's version. The first submission dates the report for the statistics.
func stepOpinionSubmit(ctx context.Context, st *opinionStep) error {
	if err := st.o.Validate(true, st.settings); err != nil {
		return err
	}
	if st.o.Submitted.IsZero() {
		st.o.Submitted = st.now
		if err := st.exec(ctx, `UPDATE opinions SET submitted_at = $1, submitted_on = $2 WHERE id = $3`,
			st.now, st.now.In(lvzhi.China).Format("2006-01-02"), st.o.ID); err != nil {
			return err
		}
	}
	n, err := st.tx.addOpinionVersion(ctx, st.a, *st.o, false, "", st.now)
	st.detail = "第" + strconv.Itoa(n) + "稿"
	return err
}

// stepOpinionEdit saves the editor's text as a new version; the versions before stay.
func stepOpinionEdit(ctx context.Context, st *opinionStep) error {
	title, body := strings.TrimSpace(st.in.Title), strings.TrimSpace(st.in.Body)
	if title == "" {
		title = st.o.Title
	}
	if body == "" {
		body = st.o.Body
	}
	st.o.Title, st.o.Body = title, body
	if err := st.o.Validate(true, st.settings); err != nil {
		return err
	}
	if err := st.exec(ctx, `UPDATE opinions SET title = $1, body = $2 WHERE id = $3`, title, body, st.o.ID); err != nil {
		return err
	}
	if err := st.tx.signOpinion(ctx, *st.o); err != nil {
		return err
	}
	n, err := st.tx.addOpinionVersion(ctx, st.a, *st.o, true, st.in.Note, st.now)
	st.detail = "编辑稿第" + strconv.Itoa(n) + "稿"
	return err
}

func stepOpinionNotUse(ctx context.Context, st *opinionStep) error {
	if err := st.needNote("不予采用的理由(反映人可以看到)"); err != nil {
		return err
	}
	st.o.NotUsedReason = strings.TrimSpace(st.in.Note)
	return st.exec(ctx, `UPDATE opinions SET not_used_reason = $1 WHERE id = $2`, st.o.NotUsedReason, st.o.ID)
}

// stepOpinionCompile puts the report at the end of an issue of 《社情民意》: an existing issue
// of the committee, or a new one numbered in this transaction.
func stepOpinionCompile(ctx context.Context, st *opinionStep) error {
	var is lvzhi.Issue
	var err error
	switch {
	case st.in.IssueID != 0:
		if is, err = st.tx.issue(ctx, st.in.IssueID); err != nil || is.CommitteeID != st.o.CommitteeID {
			return lvzhi.Invalid(map[string]string{"issue_id": "请选择本政协的《社情民意》期刊"})
		}
	case st.in.NewIssue != nil:
		is = *st.in.NewIssue
		is.CommitteeID = st.o.CommitteeID
		if is, err = st.tx.createIssue(ctx, st.a, is, st.now); err != nil {
			return err
		}
	default:
		return lvzhi.Invalid(map[string]string{"issue_id": "请选择编入的期刊,或新建一期"})
	}
	var pos int
	if err := st.tx.queryRow(ctx, `SELECT COALESCE(MAX(issue_position), 0) + 1 FROM opinions WHERE issue_id = $1`, is.ID).Scan(&pos); err != nil {
		return err
	}
	st.o.IssueID, st.o.IssueLabel = is.ID, is.Label()
	st.detail = "编入《社情民意》" + is.Label()
	return st.exec(ctx, `UPDATE opinions SET issue_id = $1, issue_position = $2 WHERE id = $3`, is.ID, pos, st.o.ID)
}

func stepOpinionForward(ctx context.Context, st *opinionStep) error {
	f := map[string]string{}
	label, ok := lvzhi.ForwardToLabel[st.in.To]
	if !ok {
		f["to"] = "请选择报送对象:党委、政府或上级政协"
	}
	if !lvzhi.ValidDate(st.in.OnDate) {
		f["on_date"] = "请填写报送日期(年-月-日)"
	}
	if err := lvzhi.Invalid(f); err != nil {
		return err
	}
	st.detail = "报送" + label + " " + st.in.OnDate
	_, err := st.tx.insert(ctx, `INSERT INTO opinion_forwards (opinion_id, to_body, on_date, note, created_at) VALUES ($1, $2, $3, $4, $5)`,
		st.o.ID, st.in.To, st.in.OnDate, strings.TrimSpace(st.in.Note), st.now)
	return err
}

func stepOpinionAdopt(ctx context.Context, st *opinionStep) error {
	ad := st.in.Adoption
	ad.Body = strings.TrimSpace(ad.Body)
	if err := ad.Validate(); err != nil {
		return err
	}
	st.detail = lvzhi.AdoptLevelLabel[ad.Level] + lvzhi.AdoptModeLabel[ad.Mode] + " " + ad.Body + " " + ad.OnDate
	_, err := st.tx.insert(ctx, `INSERT INTO opinion_adoptions (opinion_id, level, mode, body, on_date, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		st.o.ID, ad.Level, ad.Mode, ad.Body, ad.OnDate, strings.TrimSpace(ad.Note), st.now)
	return err
}

// addOpinionVersion keeps the report's text as it now stands as its next version.
func (t *Tx) addOpinionVersion(ctx context.Context, a lvzhi.Actor, o lvzhi.Opinion, editor bool, note string, now time.Time) (int, error) {
	var n int
	if err := t.queryRow(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM opinion_versions WHERE opinion_id = $1`, o.ID).Scan(&n); err != nil {
		return 0, err
	}
	_, err := t.exec(ctx, `INSERT INTO opinion_versions (opinion_id, number, title, body, editor, by_name, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, o.ID, n, o.Title, o.Body, editor, actorName(a), strings.TrimSpace(note), now)
	return n, mapErr(err)
}

// OpinionSettings returns a committee's rules for reports, the defaults until the office
// saves its own.
func (s *Store) OpinionSettings(ctx context.Context, committeeID int64) (lvzhi.OpinionSettings, error) {
	out := lvzhi.DefaultOpinionSettings()
	_, err := s.readSetting(ctx, committeeSetting("opinions", committeeID), &out)
	return out, err
}

// SetOpinionSettings saves a committee's rules for reports; the office's job.
func (s *Store) SetOpinionSettings(ctx context.Context, a lvzhi.Actor, o lvzhi.OpinionSettings) error {
	if o.MaxChars < 200 || o.MaxChars > 20000 {
		return lvzhi.Invalid(map[string]string{"max_chars": "字数限制应在200至20000字之间"})
	}
	key := committeeSetting("opinions", a.CommitteeID)
	return s.write(ctx, a, "opinion.settings", key, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, "edit", lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID}); err != nil {
			return err // the office: those who edit the committee's reports
		}
		return tx.putSetting(ctx, key, o)
	})
}
