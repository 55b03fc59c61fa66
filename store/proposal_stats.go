package store

import (
	"context"
	"fmt"
	"sort"

	"lvzhi"
)

// UnitStats are a handling unit's figures for one session (承办单位办理情况), counted from the
// records: the unit's assignments in proposal_units (not sent back), the proposals' deadlines,
// their approved replies and their proposers' evaluations.
//
// A proposal counts under each of its units, whatever the role (主办, 会办, 协办); Lead says
// how many of them the unit leads. The reply, its class and the evaluation belong to the
// proposal: the lead unit writes the reply and the others contribute to it, so a joint or
// assisting unit's proposal is replied to when the lead unit's reply is approved.
//
//   - Received: proposals assigned to the unit (交办件数).
//   - Replied: those with an approved reply, in any round (已办复).
//   - OnTime: replied, the latest approved reply submitted by the deadline as it then stood
//     (extensions approved count; after a dissatisfied evaluation, the new round's deadline).
//   - Overdue: past the deadline without an on-time reply: replied late, or not replied and
//     the deadline passed. Received = OnTime + Overdue + still within the deadline.
//   - ReplyRate = Replied / Received, OnTimeRate = OnTime / Received (办复率, 按时办复率).
//   - Evaluated: proposals with an evaluation; the latest one counts (the latest round's).
//   - SatisfactionRate = (满意 + 基本满意) / Evaluated: national practice counts "basically
//     satisfied" as satisfied in the 满意率; Satisfied is that numerator.
//   - Classes: reply class (A, B, C, D) → proposals whose latest approved reply has it.
//
// Rates are 0 when their denominator is 0.
type UnitStats struct {
	UnitID           int64
	Unit             string
	Received         int
	Lead             int
	Replied          int
	OnTime           int
	Overdue          int
	Evaluated        int
	Satisfied        int
	ReplyRate        float64
	OnTimeRate       float64
	SatisfactionRate float64
	Classes          map[string]int
}

// ProposalStatsByUnit returns the figures of every handling unit of the committee for a
// session, in the units' order, units with nothing assigned included (with zeros). Staff and
// leaders see every unit (ActionExport on proposals); a handling unit's user sees only its own
// row.
func (s *Store) ProposalStatsByUnit(ctx context.Context, a lvzhi.Actor, sessionID int64) ([]UnitStats, error) {
	onlyUnit := int64(0)
	tg := lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, tg); err != nil {
		if a.UnitID == 0 {
			return nil, err
		}
		tg.UnitID = a.UnitID
		if lvzhi.Authorize(a, lvzhi.ActionRead, tg) != nil {
			return nil, err
		}
		onlyUnit = a.UnitID
	}
	now := s.Now()
	var out []UnitStats
	err := s.read(ctx, func(tx *Tx) error {
		if err := tx.checkStatsSession(ctx, a.CommitteeID, sessionID); err != nil {
			return err
		}
		args := []any{a.CommitteeID, sessionID, string(lvzhi.OrgHandlingUnit)}
		unitCond := ""
		if onlyUnit != 0 {
			args = append(args, onlyUnit)
			unitCond = " AND u.id = $4"
		}
		onTime := s.timeNotAfter("r.created_at", "p.deadline")
		pastDue := s.timeBefore("p.deadline", fmt.Sprintf("$%d", len(args)+1)) // now: the main query's last argument
		// One row per (unit, proposal assigned to it), with the proposal's latest approved
		// reply and latest evaluation; the units with none have one row of NULLs.
		from := `FROM org_units u
			LEFT JOIN proposal_units pu ON pu.unit_id = u.id AND pu.sent_back_reason = ''
				AND pu.proposal_id IN (SELECT id FROM proposals WHERE committee_id = $1 AND session_id = $2)
			LEFT JOIN proposals p ON p.id = pu.proposal_id
			LEFT JOIN proposal_replies r ON r.id = (SELECT MAX(id) FROM proposal_replies WHERE proposal_id = p.id AND state = 'approved')
			LEFT JOIN proposal_evaluations e ON e.id = (SELECT MAX(id) FROM proposal_evaluations WHERE proposal_id = p.id)
			WHERE u.committee_id = $1 AND u.kind = $3` + unitCond
		rows, err := tx.query(ctx, `SELECT u.id, u.name,
			COUNT(p.id),
			COALESCE(SUM(CASE WHEN pu.role = 'lead' THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN r.id IS NOT NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN r.id IS NOT NULL AND `+onTime+` THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN (r.id IS NOT NULL AND NOT (`+onTime+`)) OR (p.id IS NOT NULL AND r.id IS NULL AND `+pastDue+`) THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN e.id IS NOT NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN e.result IN ('satisfied', 'basically') THEN 1 ELSE 0 END), 0)
			`+from+`
			GROUP BY u.id, u.name, u.position ORDER BY u.position, u.id`, append(args, now)...)
		if err != nil {
			return err
		}
		at := map[int64]int{}
		for rows.Next() {
			var st UnitStats
			if err := rows.Scan(&st.UnitID, &st.Unit, &st.Received, &st.Lead, &st.Replied, &st.OnTime, &st.Overdue, &st.Evaluated, &st.Satisfied); err != nil {
				rows.Close()
				return err
			}
			st.Classes = map[string]int{}
			st.ReplyRate = ratio(st.Replied, st.Received)
			st.OnTimeRate = ratio(st.OnTime, st.Received)
			st.SatisfactionRate = ratio(st.Satisfied, st.Evaluated)
			at[st.UnitID] = len(out)
			out = append(out, st)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		classes, err := tx.query(ctx, `SELECT u.id, r.class, COUNT(*) `+from+` AND r.id IS NOT NULL GROUP BY u.id, r.class`, args...)
		if err != nil {
			return err
		}
		defer classes.Close()
		for classes.Next() {
			var unit int64
			var class string
			var n int
			if err := classes.Scan(&unit, &class, &n); err != nil {
				return err
			}
			if i, ok := at[unit]; ok {
				out[i].Classes[class] = n
			}
		}
		return classes.Err()
	})
	return out, err
}

// StateCounts are the proposals of one category or one sector in a session, by where they
// stand now. The groups do not overlap; drafts and proposals still collecting co-signers are
// not counted, they have not been submitted.
//
//   - Submitted: under review or returned for revision (审查中、退回修改).
//   - Accepted: filed and not yet replied to: accepted, handling, reply under review
//     (已立案、办理中、答复审核).
//   - NotFiled: rejected, merged, converted or withdrawn (不予立案、并案、转办、撤案).
//   - Replied: replied to, awaiting the evaluation (已答复).
//   - Closed: closed (已办结).
//
// Total is their sum, every proposal submitted.
type StateCounts struct {
	ID        int64  // the sector or group (org_units id); 0 for a category, or for proposals of no member or group
	Name      string // the category, or the sector or group's name
	Kind      string // BySector: the org unit kind (sector, party, special_committee, activity_group); "" otherwise
	Total     int
	Submitted int
	Accepted  int
	NotFiled  int
	Replied   int
	Closed    int
}

// Filed is how many were filed (立案) and not withdrawn: Accepted + Replied + Closed.
func (c StateCounts) Filed() int { return c.Accepted + c.Replied + c.Closed }

// stateGroupSums are the SELECT expressions counting StateCounts' groups, in field order.
const stateGroupSums = `COUNT(*),
	SUM(CASE WHEN p.state IN ('review', 'returned') THEN 1 ELSE 0 END),
	SUM(CASE WHEN p.state IN ('accepted', 'handling', 'reply_review') THEN 1 ELSE 0 END),
	SUM(CASE WHEN p.state IN ('rejected', 'merged', 'converted', 'withdrawn') THEN 1 ELSE 0 END),
	SUM(CASE WHEN p.state = 'replied' THEN 1 ELSE 0 END),
	SUM(CASE WHEN p.state = 'closed' THEN 1 ELSE 0 END)`

// submittedOnly leaves out what has not been submitted.
const submittedOnly = `p.state NOT IN ('draft', 'cosigning')`

// ProposalStatsByCategory counts a session's proposals by category and state group: every
// category of the committee's settings in their order (zeros included), then any other
// category the records hold (history imported under an old list, say) by name. Staff and
// leaders only (ActionExport on proposals).
func (s *Store) ProposalStatsByCategory(ctx context.Context, a lvzhi.Actor, sessionID int64) ([]StateCounts, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
		return nil, err
	}
	settings, err := s.ProposalSettings(ctx, a.CommitteeID)
	if err != nil {
		return nil, err
	}
	var out []StateCounts
	err = s.read(ctx, func(tx *Tx) error {
		if err := tx.checkStatsSession(ctx, a.CommitteeID, sessionID); err != nil {
			return err
		}
		found := map[string]StateCounts{}
		rows, err := tx.query(ctx, `SELECT p.category, `+stateGroupSums+` FROM proposals p
			WHERE p.committee_id = $1 AND p.session_id = $2 AND `+submittedOnly+` GROUP BY p.category`, a.CommitteeID, sessionID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c StateCounts
			if err := rows.Scan(&c.Name, &c.Total, &c.Submitted, &c.Accepted, &c.NotFiled, &c.Replied, &c.Closed); err != nil {
				return err
			}
			found[c.Name] = c
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, name := range settings.Categories {
			c := found[name]
			c.Name = name
			out = append(out, c)
			delete(found, name)
		}
		var rest []string
		for name := range found {
			rest = append(rest, name)
		}
		sort.Strings(rest)
		for _, name := range rest {
			c := found[name]
			if c.Name == "" {
				c.Name = "未分类"
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// ProposalStatsBySector counts a session's proposals by sector and state group. A member's
// proposal (individual or joint) counts under the sector of its (lead) proposer; a group
// proposal under the body that made it, so a sector's own group proposals join its members'
// and a party's or special committee's have a row of their own. Every sector of the committee
// comes first in its order (zeros included), then the other bodies with proposals, then one
// row (ID 0, "未关联委员") for proposals linked to no member or body, such as imported
// history. Staff and leaders only (ActionExport on proposals).
func (s *Store) ProposalStatsBySector(ctx context.Context, a lvzhi.Actor, sessionID int64) ([]StateCounts, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
		return nil, err
	}
	var out []StateCounts
	err := s.read(ctx, func(tx *Tx) error {
		if err := tx.checkStatsSession(ctx, a.CommitteeID, sessionID); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT COALESCE(o.id, 0), COALESCE(o.name, ''), COALESCE(o.kind, ''), COALESCE(o.position, 0), `+stateGroupSums+`
			FROM proposals p
			LEFT JOIN members m ON m.id = p.proposer_id
			LEFT JOIN org_units o ON o.id = COALESCE(p.group_id, m.sector_id)
			WHERE p.committee_id = $1 AND p.session_id = $2 AND `+submittedOnly+`
			GROUP BY o.id, o.name, o.kind, o.position`, a.CommitteeID, sessionID)
		if err != nil {
			return err
		}
		type keyed struct {
			c        StateCounts
			position int
		}
		found := map[int64]keyed{}
		for rows.Next() {
			var k keyed
			if err := rows.Scan(&k.c.ID, &k.c.Name, &k.c.Kind, &k.position, &k.c.Total, &k.c.Submitted, &k.c.Accepted, &k.c.NotFiled, &k.c.Replied, &k.c.Closed); err != nil {
				rows.Close()
				return err
			}
			found[k.c.ID] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		sectors, err := tx.query(ctx, `SELECT id, name FROM org_units WHERE committee_id = $1 AND kind = $2 ORDER BY position, id`,
			a.CommitteeID, string(lvzhi.OrgSector))
		if err != nil {
			return err
		}
		for sectors.Next() {
			var c StateCounts
			if err := sectors.Scan(&c.ID, &c.Name); err != nil {
				sectors.Close()
				return err
			}
			if k, ok := found[c.ID]; ok {
				c = k.c
				delete(found, c.ID)
			}
			c.Kind = string(lvzhi.OrgSector)
			out = append(out, c)
		}
		sectors.Close()
		if err := sectors.Err(); err != nil {
			return err
		}
		var rest []keyed
		var none *StateCounts
		for id, k := range found {
			if id == 0 {
				c := k.c
				c.Name = "未关联委员"
				none = &c
				continue
			}
			rest = append(rest, k)
		}
		kindOrder := map[string]int{string(lvzhi.OrgParty): 1, string(lvzhi.OrgSpecialCommittee): 2, string(lvzhi.OrgActivityGroup): 3}
		sort.Slice(rest, func(i, j int) bool {
			a, b := rest[i], rest[j]
			if kindOrder[a.c.Kind] != kindOrder[b.c.Kind] {
				return kindOrder[a.c.Kind] < kindOrder[b.c.Kind]
			}
			if a.position != b.position {
				return a.position < b.position
			}
			return a.c.ID < b.c.ID
		})
		for _, k := range rest {
			out = append(out, k.c)
		}
		if none != nil {
			out = append(out, *none)
		}
		return nil
	})
	return out, err
}

// checkStatsSession makes sure the session is one of the committee's.
func (t *Tx) checkStatsSession(ctx context.Context, committeeID, sessionID int64) error {
	var committee int64
	if err := t.queryRow(ctx, `SELECT committee_id FROM sessions WHERE id = $1`, sessionID).Scan(&committee); err != nil || committee != committeeID {
		return lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该次会议,可能已被删除。")
	}
	return nil
}

// timeNotAfter and timeBefore compare two timestamp expressions. PostgreSQL compares
// TIMESTAMPTZ values; SQLite keeps times as text, which compares correctly only in one zone
// and one layout, so there both sides go through julianday (which reads the zone offset).
func (s *Store) timeNotAfter(x, y string) string {
	if s.Postgres() {
		return x + " <= " + y
	}
	return "julianday(" + x + ") <= julianday(" + y + ")"
}

func (s *Store) timeBefore(x, y string) string {
	if s.Postgres() {
		return x + " < " + y
	}
	return "julianday(" + x + ") < julianday(" + y + ")"
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}
