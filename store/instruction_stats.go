package store

import (
	"context"
	"time"

	"lvzhi"
)

// KeyCount is one figure of a statistics table: a key (a rank, a kind, a month …), its label
// and the number of records counted under it.
type KeyCount struct {
	Key   string
	Label string
	N     int
}

// InstructionStats are the figures of instructions within a filter (period, kind, rank):
// every one a COUNT over the instructions table.
type InstructionStats struct {
	Total   int
	Main    int        // given by the committee's main ranks (市委、市政府主要领导)
	ByRank  []KeyCount // in the committee's rank order; ranks no longer configured come last
	ByKind  []KeyCount // per kind of record
	ByState []KeyCount // pending / done
}

// InstructionStats counts the instructions the filter selects, for those who may read them
// (a member counts only those on the member's own records).
func (s *Store) InstructionStats(ctx context.Context, a lvzhi.Actor, f lvzhi.InstructionFilter) (InstructionStats, error) {
	var st InstructionStats
	if f.CommitteeID == 0 {
		f.CommitteeID = a.CommitteeID
	}
	settings, err := s.InstructionSettings(ctx, f.CommitteeID)
	if err != nil {
		return st, err
	}
	where, args, err := instructionWhere(a, f)
	if err != nil {
		return st, err
	}
	err = s.read(ctx, func(tx *Tx) error {
		var err error
		if st.Total, err = tx.count(ctx, `SELECT COUNT(*) FROM instructions i `+where, args...); err != nil {
			return err
		}
		if len(settings.Main) > 0 {
			mainArgs := append(append([]any{}, args...), anySlice(settings.Main)...)
			if st.Main, err = tx.count(ctx, `SELECT COUNT(*) FROM instructions i `+where+
				` AND i.rank IN (`+placeholders(len(args)+1, len(settings.Main))+`)`, mainArgs...); err != nil {
				return err
			}
		}
		byRank, err := tx.groupCounts(ctx, `SELECT i.rank, COUNT(*) FROM instructions i `+where+` GROUP BY i.rank`, args...)
		if err != nil {
			return err
		}
		st.ByRank = ordered(byRank, settings.Ranks, func(k string) string { return k })
		byKind, err := tx.groupCounts(ctx, `SELECT i.record_kind, COUNT(*) FROM instructions i `+where+` GROUP BY i.record_kind`, args...)
		if err != nil {
			return err
		}
		st.ByKind = ordered(byKind, kindStrings(lvzhi.InstructionRecordKinds), func(k string) string { return lvzhi.RecordKindLabel[lvzhi.Kind(k)] })
		byState, err := tx.groupCounts(ctx, `SELECT i.state, COUNT(*) FROM instructions i `+where+` GROUP BY i.state`, args...)
		if err != nil {
			return err
		}
		st.ByState = ordered(byState, []string{lvzhi.InstructionPending, lvzhi.InstructionDone}, func(k string) string {
			return lvzhi.InstructionWorkflow.StateLabel[k]
		})
		return nil
	})
	return st, err
}

// Groupings of members that instruction figures are counted by.
const (
	ByMember           = "member"
	BySector           = "sector"
	ByParty            = "party"
	BySpecialCommittee = "special_committee"
)

// groupJoin is how each grouping reaches a name from an instruction's member.
var groupJoin = map[string]string{
	ByMember:           `JOIN members g ON g.id = i.member_id`,
	BySector:           `JOIN members m ON m.id = i.member_id JOIN org_units g ON g.id = m.sector_id`,
	ByParty:            `JOIN members m ON m.id = i.member_id JOIN org_units g ON g.id = m.party_id`,
	BySpecialCommittee: `JOIN members m ON m.id = i.member_id JOIN org_units g ON g.id = m.special_committee_id`,
}

// GroupRanks is one row of the instructions-by-group table: a member, sector, party or special
// committee and how many instructions records of its members received, per rank.
type GroupRanks struct {
	ID     int64
	Name   string
	ByRank map[string]int
	Total  int
}

// InstructionsByGroup counts the instructions the filter selects per member, sector, party or
// special committee (by: ByMember …) and rank, most instructions first. Instructions on
// records no member submitted (a request, say) belong to no group.
func (s *Store) InstructionsByGroup(ctx context.Context, a lvzhi.Actor, by string, f lvzhi.InstructionFilter) ([]GroupRanks, error) {
	join, ok := groupJoin[by]
	if !ok {
		return nil, lvzhi.Errorf(lvzhi.ErrInvalid, "不能按“%s”统计批示。", by)
	}
	where, args, err := instructionWhere(a, f)
	if err != nil {
		return nil, err
	}
	var out []GroupRanks
	index := map[int64]int{}
	err = s.read(ctx, func(tx *Tx) error {
		return tx.scanAll(ctx, func(sc scanner) error {
			var id int64
			var name, rank string
			var n int
			if err := sc.Scan(&id, &name, &rank, &n); err != nil {
				return err
			}
			i, seen := index[id]
			if !seen {
				i = len(out)
				index[id] = i
				out = append(out, GroupRanks{ID: id, Name: name, ByRank: map[string]int{}})
			}
			out[i].ByRank[rank] += n
			out[i].Total += n
			return nil
		}, `SELECT g.id, g.name, i.rank, COUNT(*) FROM instructions i `+join+` `+where+` GROUP BY g.id, g.name, i.rank ORDER BY g.name, i.rank`, args...)
	})
	sortGroupRanks(out)
	return out, err
}

// sortGroupRanks orders rows by total, most first, then by name (insertion sort: a page's
// worth of groups).
func sortGroupRanks(rows []GroupRanks) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && (rows[j].Total > rows[j-1].Total || rows[j].Total == rows[j-1].Total && rows[j].Name < rows[j-1].Name); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

// groupCounts runs a "SELECT key, COUNT(*) … GROUP BY key" query into a map.
func (t *Tx) groupCounts(ctx context.Context, q string, args ...any) (map[string]int, error) {
	out := map[string]int{}
	err := t.scanAll(ctx, func(sc scanner) error {
		var k string
		var n int
		if err := sc.Scan(&k, &n); err != nil {
			return err
		}
		out[k] += n
		return nil
	}, q, args...)
	return out, err
}

// ordered lists counts in the given key order, then any key the order does not know, so a
// figure is never dropped; label names each key.
func ordered(counts map[string]int, order []string, label func(string) string) []KeyCount {
	var out []KeyCount
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
		out = append(out, KeyCount{Key: k, Label: label(k), N: counts[k]})
	}
	for k, n := range counts {
		if !seen[k] {
			out = append(out, KeyCount{Key: k, Label: orKey(label(k), k), N: n})
		}
	}
	return out
}

func orKey(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func kindStrings(ks []lvzhi.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// yearBounds returns the first instant of a year and of the next, in China's time zone,
// where the committee's year begins.
func yearBounds(year int) (time.Time, time.Time) {
	return time.Date(year, 1, 1, 0, 0, 0, 0, lvzhi.China).UTC(), time.Date(year+1, 1, 1, 0, 0, 0, 0, lvzhi.China).UTC()
}

// monthBounds returns the first instant of a month and of the next, in China's time zone.
func monthBounds(year int, m time.Month) (time.Time, time.Time) {
	first := time.Date(year, m, 1, 0, 0, 0, 0, lvzhi.China)
	return first.UTC(), first.AddDate(0, 1, 0).UTC()
}
