package store

import (
	"context"
	"time"

	"lvzhi"
)

// RequestStats are the figures of a year's requests and reports to the party committee: only
// those submitted count (a draft was not sent; a withdrawn one was taken back).
type RequestStats struct {
	Year    int
	Total   int
	ByType  []KeyCount     // 请示, 报告
	ByMonth [12][]KeyCount // per month, per type
	ByDept  []KeyCount     // per drafting department
}

// RequestStats counts a year's submitted requests and reports per type, per month and per
// drafting department, for those who may read requests.
func (s *Store) RequestStats(ctx context.Context, a lvzhi.Actor, year int) (RequestStats, error) {
	st := RequestStats{Year: year}
	if err := lvzhi.Authorize(a, lvzhi.ActionRead, lvzhi.Target{Kind: lvzhi.KindRequest, CommitteeID: a.CommitteeID}); err != nil {
		return st, err
	}
	typeLabel := func(k string) string { return lvzhi.RequestTypeLabel[k] }
	from, to := yearBounds(year)
	err := s.read(ctx, func(tx *Tx) error {
		counts := func(from, to time.Time) (map[string]int, error) {
			return tx.groupCounts(ctx, `SELECT type, COUNT(*) FROM requests WHERE committee_id = $1 AND state = $2
				AND on_date >= $3 AND on_date < $4 GROUP BY type`, a.CommitteeID, lvzhi.RequestSubmitted, from, to)
		}
		year, err := counts(from, to)
		if err != nil {
			return err
		}
		st.ByType = ordered(year, lvzhi.RequestTypes, typeLabel)
		for _, c := range st.ByType {
			st.Total += c.N
		}
		for m := 0; m < 12; m++ {
			month, err := counts(monthBounds(st.Year, time.Month(m+1)))
			if err != nil {
				return err
			}
			st.ByMonth[m] = ordered(month, lvzhi.RequestTypes, typeLabel)
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			var c KeyCount
			err := sc.Scan(&c.Key, &c.Label, &c.N)
			st.ByDept = append(st.ByDept, c)
			return err
		}, `SELECT CAST(d.id AS TEXT), d.name, COUNT(*) FROM requests r JOIN org_units d ON d.id = r.department_id
			WHERE r.committee_id = $1 AND r.state = $2 AND r.on_date >= $3 AND r.on_date < $4
			GROUP BY d.id, d.name ORDER BY COUNT(*) DESC, d.name`, a.CommitteeID, lvzhi.RequestSubmitted, from, to)
	})
	return st, err
}
