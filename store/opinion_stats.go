package store

import (
	"context"
	"fmt"
	"sort"

	"lvzhi"
)

// OpinionCounts are the figures of one row of the report statistics, counted from records:
//
//   - Submitted: reports submitted in the period and not taken back (every state but 草稿 and
//     已撤回); a proposal converted to a report counts here once, as a report.
//   - Compiled: of those, compiled into an issue of 《社情民意》.
//   - Forwarded: of those, forwarded at least once.
//   - City, Province, National: of those, adopted at least once at that level (a report
//     adopted twice at one level counts once there); NationalSingle and NationalCombined
//     split National by 单篇采用 and 综合采用 (a report may be in both).
//   - Instructions: instructions (批示) recorded on those reports, by the leader's rank.
type OpinionCounts struct {
	ID               int64  // the member or org unit; 0 for the total
	Name             string // its name
	Submitted        int
	Compiled         int
	Forwarded        int
	City             int
	Province         int
	National         int
	NationalSingle   int
	NationalCombined int
	Instructions     map[string]int
}

// OpinionStats are the report statistics of a period by one grouping, with the total of all
// reports (each counted once, however many authors it has).
type OpinionStats struct {
	By    string
	From  string
	To    string
	Rows  []OpinionCounts
	Total OpinionCounts
	Ranks []string // the instruction ranks that occur, in the committee's order
}

// opinionFlags selects each counted report once with 0/1 flags of what became of it.
const opinionFlags = `SELECT o.id, o.submitter_id, o.group_id,
	CASE WHEN o.issue_id IS NOT NULL THEN 1 ELSE 0 END AS compiled,
	CASE WHEN EXISTS (SELECT 1 FROM opinion_forwards f WHERE f.opinion_id = o.id) THEN 1 ELSE 0 END AS forwarded,
	CASE WHEN EXISTS (SELECT 1 FROM opinion_adoptions d WHERE d.opinion_id = o.id AND d.level = 'city') THEN 1 ELSE 0 END AS city,
	CASE WHEN EXISTS (SELECT 1 FROM opinion_adoptions d WHERE d.opinion_id = o.id AND d.level = 'province') THEN 1 ELSE 0 END AS province,
	CASE WHEN EXISTS (SELECT 1 FROM opinion_adoptions d WHERE d.opinion_id = o.id AND d.level = 'national') THEN 1 ELSE 0 END AS national,
	CASE WHEN EXISTS (SELECT 1 FROM opinion_adoptions d WHERE d.opinion_id = o.id AND d.level = 'national' AND d.mode = 'single') THEN 1 ELSE 0 END AS nsingle,
	CASE WHEN EXISTS (SELECT 1 FROM opinion_adoptions d WHERE d.opinion_id = o.id AND d.level = 'national' AND d.mode = 'combined') THEN 1 ELSE 0 END AS ncombined
	FROM opinions o WHERE o.committee_id = $1 AND o.state NOT IN ('draft', 'withdrawn')
	AND ($2 = '' OR o.submitted_on >= $2) AND ($3 = '' OR o.submitted_on <= $3)`

// opinionKeyed returns the reports keyed by the grouping: one row per (report, member) for
// members — a joint report counts for each of its authors — and one per report for the org
// units: a member's report under the submitter's sector, party or special committee, a group
// report under the group when it is of that kind.
func opinionKeyed(by string) (string, error) {
	if by == "member" {
		return `SELECT r.*, oa.member_id AS k FROM (` + opinionFlags + `) r JOIN opinion_authors oa ON oa.opinion_id = r.id`, nil
	}
	col := map[string]string{"sector": "m.sector_id", "party": "m.party_id", "special_committee": "m.special_committee_id"}[by]
	if col == "" {
		return "", lvzhi.Invalid(map[string]string{"by": "请选择统计方式:按委员、界别、党派团体或专门委员会"})
	}
	return fmt.Sprintf(`SELECT r.*, CASE WHEN r.group_id IS NOT NULL THEN (CASE WHEN g.kind = '%s' THEN g.id END) ELSE %s END AS k
		FROM (`+opinionFlags+`) r LEFT JOIN members m ON m.id = r.submitter_id LEFT JOIN org_units g ON g.id = r.group_id`, by, col), nil
}

const opinionSums = `COUNT(*), COALESCE(SUM(compiled), 0), COALESCE(SUM(forwarded), 0), COALESCE(SUM(city), 0), COALESCE(SUM(province), 0),
	COALESCE(SUM(national), 0), COALESCE(SUM(nsingle), 0), COALESCE(SUM(ncombined), 0)`

func scanCounts(sc scanner, c *OpinionCounts) error {
	return sc.Scan(&c.ID, &c.Submitted, &c.Compiled, &c.Forwarded, &c.City, &c.Province, &c.National, &c.NationalSingle, &c.NationalCombined)
}

// OpinionStatistics counts the committee's reports of a period by member, sector, party or
// special committee (see OpinionCounts). Org units of the kind are listed in their order,
// zeros included; members with reports, most reports first. The office and leaders only.
func (s *Store) OpinionStatistics(ctx context.Context, a lvzhi.Actor, f lvzhi.OpinionStatsFilter) (OpinionStats, error) {
	out := OpinionStats{By: f.By, From: f.From, To: f.To}
	if err := lvzhi.Authorize(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindOpinion, CommitteeID: a.CommitteeID}); err != nil {
		return out, err
	}
	if out.By == "" {
		out.By = "member"
	}
	bad := map[string]string{}
	for name, v := range map[string]string{"from": f.From, "to": f.To} {
		if v != "" && !lvzhi.ValidDate(v) {
			bad[name] = "日期应写作年-月-日,如2026-01-01"
		}
	}
	if err := lvzhi.Invalid(bad); err != nil {
		return out, err
	}
	keyed, err := opinionKeyed(out.By)
	if err != nil {
		return out, err
	}
	ranks, err := s.InstructionSettings(ctx, a.CommitteeID)
	if err != nil {
		return out, err
	}
	args := []any{a.CommitteeID, f.From, f.To}
	err = s.read(ctx, func(tx *Tx) error {
		out.Total.Instructions = map[string]int{}
		if err := scanCounts(tx.queryRow(ctx, `SELECT 0, `+opinionSums+` FROM (`+opinionFlags+`) r`, args...), &out.Total); err != nil {
			return err
		}
		found := map[int64]OpinionCounts{}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			c := OpinionCounts{Instructions: map[string]int{}}
			err := scanCounts(sc, &c)
			found[c.ID] = c
			return err
		}, `SELECT k, `+opinionSums+` FROM (`+keyed+`) x WHERE k IS NOT NULL GROUP BY k`, args...); err != nil {
			return err
		}
		// Instructions on the counted reports, by rank.
		used := map[string]bool{}
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var k int64
			var rank string
			var n int
			if err := sc.Scan(&k, &rank, &n); err != nil {
				return err
			}
			used[rank] = true
			if k == 0 {
				out.Total.Instructions[rank] = n
			} else if c, ok := found[k]; ok {
				c.Instructions[rank] = n
			}
			return nil
		}, `SELECT x.k, i.rank, COUNT(*) FROM (`+keyed+`) x JOIN instructions i ON i.record_kind = 'opinion' AND i.record_id = x.id
			WHERE x.k IS NOT NULL GROUP BY x.k, i.rank
			UNION ALL SELECT 0, i.rank, COUNT(*) FROM (`+opinionFlags+`) r JOIN instructions i ON i.record_kind = 'opinion' AND i.record_id = r.id
			GROUP BY i.rank`, args...); err != nil {
			return err
		}
		for _, r := range ranks.Ranks {
			if used[r] {
				out.Ranks = append(out.Ranks, r)
				delete(used, r)
			}
		}
		for r := range used { // a rank removed from the settings since: still counted
			out.Ranks = append(out.Ranks, r)
		}
		return out.rows(ctx, tx, a.CommitteeID, found)
	})
	return out, err
}

// rows orders the counted rows with their names: the org units of the kind in their order
// (zeros included), or the members with reports.
func (out *OpinionStats) rows(ctx context.Context, tx *Tx, committeeID int64, found map[int64]OpinionCounts) error {
	if out.By == "member" {
		err := tx.scanAll(ctx, func(sc scanner) error {
			var id int64
			var name string
			if err := sc.Scan(&id, &name); err != nil {
				return err
			}
			if c, ok := found[id]; ok {
				c.Name = name
				out.Rows = append(out.Rows, c)
			}
			return nil
		}, `SELECT id, name FROM members WHERE committee_id = $1 ORDER BY id`, committeeID)
		sort.SliceStable(out.Rows, func(i, j int) bool { return out.Rows[i].Submitted > out.Rows[j].Submitted })
		return err
	}
	return tx.scanAll(ctx, func(sc scanner) error {
		c := OpinionCounts{Instructions: map[string]int{}}
		if err := sc.Scan(&c.ID, &c.Name); err != nil {
			return err
		}
		if f, ok := found[c.ID]; ok {
			f.Name = c.Name
			c = f
		}
		out.Rows = append(out.Rows, c)
		return nil
	}, `SELECT id, name FROM org_units WHERE committee_id = $1 AND kind = $2 ORDER BY position, id`, committeeID, out.By)
}
