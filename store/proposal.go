package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/textsim"
)

const proposalSelect = `SELECT p.id, p.committee_id, p.session_id, p.number, p.kind, p.title, p.category, p.body, p.state,
	p.between_sessions, COALESCE(p.proposer_id, 0), p.proposer_name, p.signer, COALESCE(p.group_id, 0), p.suggested_units,
	p.publish_consent, p.cosign_deadline, COALESCE(p.merged_into, 0), p.converted_to, p.reject_reasons, p.mode,
	p.assigned_at, p.deadline, p.round, p.is_key, COALESCE(p.supervisor_id, 0), p.excellent, p.published,
	p.submitted_at, p.updated_at, p.history_units, p.history_class, t.number, ss.number
	FROM proposals p JOIN sessions ss ON ss.id = p.session_id JOIN terms t ON t.id = ss.term_id `

func scanProposal(sc interface{ Scan(...any) error }) (lvzhi.Proposal, error) {
	var p lvzhi.Proposal
	var cosign, assigned, deadline, submitted *time.Time
	var reasons string
	var term, session int
	err := sc.Scan(&p.ID, &p.CommitteeID, &p.SessionID, &p.Number, &p.Kind, &p.Title, &p.Category, &p.Body, &p.State,
		&p.Between, &p.ProposerID, &p.ProposerName, &p.Signer, &p.GroupID, &p.SuggestedUnits,
		&p.PublishConsent, &cosign, &p.MergedInto, &p.ConvertedTo, &reasons, &p.Mode,
		&assigned, &deadline, &p.Round, &p.Key, &p.Supervisor, &p.Excellent, &p.Published,
		&submitted, &p.Updated, &p.HistoryUnits, &p.HistoryClass, &term, &session)
	p.CosignDeadline, p.AssignedAt, p.Deadline, p.Submitted = timeOrZero(cosign), timeOrZero(assigned), timeOrZero(deadline), timeOrZero(submitted)
	p.Updated = p.Updated.UTC()
	if reasons != "" {
		p.RejectReasons = strings.Split(reasons, ",")
	}
	p.SessionName = lvzhi.Term{Number: term}.Name() + lvzhi.Session{Number: session}.Name()
	return p, err
}

// proposal reads one proposal whole, without a permission check: the callers check.
func (t *Tx) proposal(ctx context.Context, id int64) (lvzhi.Proposal, error) {
	p, err := scanProposal(t.queryRow(ctx, proposalSelect+`WHERE p.id = $1`, id))
	return p, notFound(err, "该提案")
}

// proposalTarget is the permission target of a proposal for actor a: a handling unit owns the
// proposals assigned to it (and not sent back), which the domain's ScopeUnit grants need.
func (t *Tx) proposalTarget(ctx context.Context, a lvzhi.Actor, p lvzhi.Proposal) (lvzhi.Target, error) {
	tg := p.Target()
	if a.UnitID == 0 {
		return tg, nil
	}
	n, err := t.count(ctx, `SELECT COUNT(*) FROM proposal_units WHERE proposal_id = $1 AND unit_id = $2 AND sent_back_reason = ''`, p.ID, a.UnitID)
	if n > 0 {
		tg.UnitID = a.UnitID
	}
	return tg, err
}

// Proposal returns one proposal to those who may read it.
func (s *Store) Proposal(ctx context.Context, a lvzhi.Actor, id int64) (lvzhi.Proposal, error) {
	var p lvzhi.Proposal
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if p, err = tx.proposal(ctx, id); err != nil {
			return err
		}
		tg, err := tx.proposalTarget(ctx, a, p)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, tg); err != nil {
			return err
		}
		if unsubmitted[p.State] && !a.Has(lvzhi.RoleStaff) && !a.System {
			n, err := tx.count(ctx, `SELECT COUNT(*) FROM proposal_cosigners WHERE proposal_id = $1 AND member_id = $2`, p.ID, a.MemberID)
			if err != nil {
				return err
			}
			if (a.MemberID == 0 || p.ProposerID != a.MemberID) && n == 0 {
				return lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该提案,可能已被删除。")
			}
		}
		return nil
	})
	if err != nil {
		return lvzhi.Proposal{}, err
	}
	return p, nil
}

// SearchCountCap is how far a full-text search counts its hits: a total of
// SearchCountCap+1 means "more than SearchCountCap", and the office narrows the search.
const SearchCountCap = 1000

// unsubmitted are the states in which a proposal is still its proposer's: only the proposer,
// the members asked to co-sign and the proposal office see it.
var unsubmitted = map[string]bool{lvzhi.ProposalDraft: true, lvzhi.ProposalCosigning: true}

// ProposalHistory returns a proposal's events, newest first.
func (s *Store) ProposalHistory(ctx context.Context, a lvzhi.Actor, id int64) ([]lvzhi.Event, error) {
	if _, err := s.Proposal(ctx, a, id); err != nil {
		return nil, err
	}
	var out []lvzhi.Event
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.events(ctx, lvzhi.KindProposal, id)
		return err
	})
	return out, err
}

// CreateProposal saves a new proposal as a draft. A member writes their own (the proposer is
// the member); staff may enter one for a member or a group.
func (s *Store) CreateProposal(ctx context.Context, a lvzhi.Actor, p lvzhi.Proposal) (lvzhi.Proposal, error) {
	p.ID, p.State, p.Number, p.CommitteeID = 0, lvzhi.ProposalDraft, 0, a.CommitteeID
	if a.Has(lvzhi.RoleMember) && !a.Has(lvzhi.RoleStaff) {
		p.ProposerID = a.MemberID
	}
	settings, err := s.ProposalSettings(ctx, p.CommitteeID)
	if err != nil {
		return p, err
	}
	if err := p.Validate(false, settings); err != nil {
		return p, err
	}
	err = s.write(ctx, a, "proposal.create", p.Title, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, p.Target()); err != nil {
			return err
		}
		if err := tx.checkProposalRefs(ctx, &p); err != nil {
			return err
		}
		now := s.Now()
		var err error
		p.ID, err = tx.insert(ctx, `INSERT INTO proposals (committee_id, session_id, kind, title, category, body, state, between_sessions,
			proposer_id, proposer_name, group_id, suggested_units, publish_consent, signer, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
			p.CommitteeID, p.SessionID, p.Kind, p.Title, p.Category, p.Body, p.State, p.Between,
			nullID(p.ProposerID), p.ProposerName, nullID(p.GroupID), p.SuggestedUnits, p.PublishConsent, p.Signer, now)
		if err != nil {
			return err
		}
		if err := tx.indexProposal(ctx, p); err != nil {
			return err
		}
		return tx.event(ctx, a, p.CommitteeID, lvzhi.KindProposal, p.ID, "create", "", p.State, "保存草稿")
	})
	return p, err
}

// UpdateProposal saves the proposer's edits of a draft or a proposal returned for revision.
func (s *Store) UpdateProposal(ctx context.Context, a lvzhi.Actor, p lvzhi.Proposal) error {
	settings, err := s.ProposalSettings(ctx, a.CommitteeID)
	if err != nil {
		return err
	}
	return s.write(ctx, a, "proposal.update", object(lvzhi.KindProposal, p.ID), func(tx *Tx) error {
		old, err := tx.proposal(ctx, p.ID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, old.Target()); err != nil {
			return err
		}
		if old.State != lvzhi.ProposalDraft && old.State != lvzhi.ProposalReturned {
			return lvzhi.Errorf(lvzhi.ErrConflict, "提案当前状态为“%s”,不能修改内容。", lvzhi.ProposalWorkflow.StateLabel[old.State])
		}
		// What the proposer may change; who proposes and where it belongs stay.
		old.Title, old.Category, old.Body, old.SuggestedUnits, old.PublishConsent = p.Title, p.Category, p.Body, p.SuggestedUnits, p.PublishConsent
		if old.Kind == lvzhi.ProposalGroup {
			old.Signer = p.Signer
		}
		if err := old.Validate(false, settings); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE proposals SET title = $1, category = $2, body = $3, suggested_units = $4, publish_consent = $5,
			signer = $6, updated_at = $7 WHERE id = $8`, old.Title, old.Category, old.Body, old.SuggestedUnits, old.PublishConsent, old.Signer, s.Now(), old.ID); err != nil {
			return err
		}
		if err := tx.indexProposal(ctx, old); err != nil {
			return err
		}
		return tx.event(ctx, a, old.CommitteeID, lvzhi.KindProposal, old.ID, "update", old.State, old.State, "修改内容")
	})
}

// checkProposalRefs makes sure the session, proposer and group belong to the committee, and
// signs the proposal with its proposer's name when none was written.
func (t *Tx) checkProposalRefs(ctx context.Context, p *lvzhi.Proposal) error {
	f := map[string]string{}
	var committee int64
	if err := t.queryRow(ctx, `SELECT committee_id FROM sessions WHERE id = $1`, p.SessionID).Scan(&committee); err != nil || committee != p.CommitteeID {
		f["session_id"] = "请选择本政协的会议"
	}
	if p.ProposerID != 0 {
		var name string
		if err := t.queryRow(ctx, `SELECT committee_id, name FROM members WHERE id = $1`, p.ProposerID).Scan(&committee, &name); err != nil || committee != p.CommitteeID {
			f["proposer_id"] = "请选择本政协的委员"
		} else if p.ProposerName == "" {
			p.ProposerName = name
		}
	}
	if p.GroupID != 0 {
		var name, kind string
		if err := t.queryRow(ctx, `SELECT committee_id, name, kind FROM org_units WHERE id = $1`, p.GroupID).Scan(&committee, &name, &kind); err != nil ||
			committee != p.CommitteeID || (kind != string(lvzhi.OrgSector) && kind != string(lvzhi.OrgActivityGroup) && kind != string(lvzhi.OrgParty) && kind != string(lvzhi.OrgSpecialCommittee)) {
			f["group_id"] = "集体提案应由本政协的界别、活动小组、党派团体或专门委员会提出"
		} else if p.ProposerName == "" {
			p.ProposerName = name
		}
	}
	return lvzhi.Invalid(f)
}

// indexProposal keeps a proposal's search tokens and near-duplicate bands in step with its
// text, in the same transaction as the change.
func (t *Tx) indexProposal(ctx context.Context, p lvzhi.Proposal) error {
	text := p.Title + "\n" + p.ProposerName + "\n" + p.SuggestedUnits + "\n" + p.HistoryUnits + "\n" + p.Body
	if _, err := t.exec(ctx, `UPDATE proposals SET search_text = $1 WHERE id = $2`, textsim.IndexText(text), p.ID); err != nil {
		return err
	}
	if !t.s.Postgres() {
		if _, err := t.exec(ctx, `DELETE FROM proposals_fts WHERE rowid = $1`, p.ID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO proposals_fts (rowid, search_text) VALUES ($1, $2)`, p.ID, textsim.IndexText(text)); err != nil {
			return err
		}
	}
	return t.signProposal(ctx, p)
}

// proposalWhere builds the WHERE clause of a proposal filter, full-text search included.
func (s *Store) proposalWhere(f lvzhi.ProposalFilter) (string, []any) {
	where, args := "WHERE p.committee_id = $1", []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.SessionID != 0 {
		add("p.session_id = $%d", f.SessionID)
	}
	if f.State != "" {
		add("p.state = $%d", f.State)
	}
	if f.Category != "" {
		add("p.category = $%d", f.Category)
	}
	if f.UnitID != 0 {
		add("p.id IN (SELECT proposal_id FROM proposal_units WHERE unit_id = $%d AND sent_back_reason = '')", f.UnitID)
	}
	if f.ProposerID != 0 {
		args = append(args, f.ProposerID)
		// a member's proposals: those they lead, co-sign, or are asked to co-sign
		where += fmt.Sprintf(` AND (p.proposer_id = $%d OR p.id IN (SELECT proposal_id FROM proposal_cosigners
			WHERE member_id = $%d AND state IN ('invited', 'confirmed')))`, len(args), len(args))
	}
	if f.Key != nil {
		add("p.is_key = $%d", *f.Key)
	}
	if f.Overdue {
		add("p.state = 'handling' AND p.deadline < $%d", s.Now())
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		dialect := s.dialect.name()
		if m := textsim.MatchQuery(q, dialect); m != "" {
			if s.Postgres() {
				add("p.search_vector @@ to_tsquery('simple', $%d)", m)
			} else {
				add("p.id IN (SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH $%d)", m)
			}
		}
	}
	return where, args
}

// ListProposals returns a page of the proposals the filter selects and their total. A unit
// user sees only the proposals assigned to its unit; a member sees the committee's.
func (s *Store) ListProposals(ctx context.Context, a lvzhi.Actor, f lvzhi.ProposalFilter) ([]lvzhi.Proposal, int, error) {
	tg := lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: f.CommitteeID}
	if a.UnitID != 0 && !lvzhi.Can(a, lvzhi.ActionRead, tg) {
		f.UnitID, tg.UnitID = a.UnitID, a.UnitID // a handling unit lists its own inbox
	}
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, tg); err != nil {
		return nil, 0, err
	}
	// A search lists the newest first and counts its hits up to SearchCountCap: a frequent
	// word (养老 in a fifth of a province's history) must not make every hit be counted and
	// sorted. On SQLite it is driven from the full-text index in id order and stops at the page.
	q := strings.TrimSpace(f.Q)
	fts := q != "" && !s.Postgres() && textsim.MatchQuery(q, textsim.DialectSQLite) != ""
	if fts {
		f.Q = ""
	}
	where, args := s.proposalWhere(f)
	if !a.Has(lvzhi.RoleStaff) && !a.System { // drafts are their proposers' own
		args = append(args, a.MemberID)
		n := len(args)
		where += fmt.Sprintf(` AND (p.state NOT IN ('draft', 'cosigning') OR p.proposer_id = $%d
			OR p.id IN (SELECT proposal_id FROM proposal_cosigners WHERE member_id = $%d))`, n, n)
	}
	from, order := `proposals p `, ` ORDER BY p.number = 0, p.number DESC, p.id DESC`
	countQuery := `SELECT COUNT(*) FROM proposals p ` + where
	if q != "" { // a search lists the newest first and counts to the cap, on both databases
		order = ` ORDER BY p.id DESC`
		countQuery = fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM proposals p %s LIMIT %d) hits`, where, SearchCountCap+1)
	}
	if fts {
		args = append(args, textsim.MatchQuery(q, textsim.DialectSQLite))
		from = fmt.Sprintf(`(SELECT rowid AS id FROM proposals_fts WHERE proposals_fts MATCH $%d ORDER BY rowid DESC) f CROSS JOIN proposals p `, len(args))
		where += " AND p.id = f.id"
		order = ` ORDER BY f.id DESC`
		countQuery = fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM %s%s LIMIT %d) hits`, from, where, SearchCountCap+1)
	}
	var out []lvzhi.Proposal
	var total int
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if total, err = tx.count(ctx, countQuery, args...); err != nil {
			return err
		}
		// Page the ids first and read the rows of that page only: sorting thousands of search
		// hits with their whole text costs far more than sorting their ids.
		var ids []any
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var id int64
			err := sc.Scan(&id)
			ids = append(ids, id)
			return err
		}, `SELECT p.id FROM `+from+where+order+fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit(), f.Offset()), args...); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		byID := map[int64]lvzhi.Proposal{}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			p, err := scanProposal(sc)
			byID[p.ID] = p
			return err
		}, proposalSelect+`WHERE p.id IN (`+placeholders(1, len(ids))+`)`, ids...); err != nil {
			return err
		}
		for _, id := range ids {
			out = append(out, byID[id.(int64)])
		}
		return nil
	})
	return out, total, err
}
