package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"lvzhi"
)

// attendanceCounts sums each attendance state over participant rows ap.
const attendanceCounts = `SUM(CASE WHEN ap.attendance = 'attended' THEN 1 ELSE 0 END) AS n1,
	SUM(CASE WHEN ap.attendance = 'late' THEN 1 ELSE 0 END) AS n2,
	SUM(CASE WHEN ap.attendance = 'leave' THEN 1 ELSE 0 END) AS n3,
	SUM(CASE WHEN ap.attendance = 'absent' THEN 1 ELSE 0 END) AS n4`

// attendanceGroup says how one grouping is counted. The participant rows are first counted
// per member (or per activity) in an inner query c, and only those few hundred rows are then
// joined to the members, groupings or activities: joining every one of a year's tens of
// thousands of participant rows to its member first costs several times more.
type attendanceGroup struct {
	perActivity            bool   // the inner query counts per activity, not per member
	key, name, extra, join string // the row's columns, over c joined by join
	group, order           string // GROUP BY (empty: c's rows are the rows) and ORDER BY
}

var attendanceGroups = map[string]attendanceGroup{
	lvzhi.AttendanceByMember: {false, "m.id", "m.name", "COALESCE(sec.name, '')",
		"JOIN members m ON m.id = c.mid LEFT JOIN org_units sec ON sec.id = m.sector_id", "", "sec.name, m.name, m.id"},
	lvzhi.AttendanceBySector: {false, "COALESCE(sec.id, 0)", "COALESCE(sec.name, '')", "''",
		"JOIN members m ON m.id = c.mid LEFT JOIN org_units sec ON sec.id = m.sector_id",
		"sec.id, sec.name, sec.position", "sec.position, sec.name"},
	lvzhi.AttendanceBySpecialCommittee: {false, "COALESCE(sc.id, 0)", "COALESCE(sc.name, '')", "''",
		"JOIN members m ON m.id = c.mid LEFT JOIN org_units sc ON sc.id = m.special_committee_id",
		"sc.id, sc.name, sc.position", "sc.position, sc.name"},
	lvzhi.AttendanceByType: {true, "a.type", "a.type", "''", "JOIN activities a ON a.id = c.aid", "a.type", "a.type"},
	lvzhi.AttendanceByActivity: {true, "a.id", "a.title", "a.starts_at", "JOIN activities a ON a.id = c.aid", "",
		"a.starts_at, a.id"},
}

// query is the grouping's SQL over the participant rows the filter's where selects.
func (g attendanceGroup) query(where string) string {
	inner := `SELECT ap.member_id AS mid, ` + attendanceCounts + ` FROM activity_participants ap
		JOIN activities a ON a.id = ap.activity_id ` + where + ` GROUP BY ap.member_id`
	if g.perActivity {
		inner = `SELECT ap.activity_id AS aid, ` + attendanceCounts + ` FROM activity_participants ap
		JOIN activities a ON a.id = ap.activity_id ` + where + ` GROUP BY ap.activity_id`
	}
	counts, group := "c.n1, c.n2, c.n3, c.n4", ""
	if g.group != "" {
		counts, group = "SUM(c.n1), SUM(c.n2), SUM(c.n3), SUM(c.n4)", " GROUP BY "+g.group
	}
	return fmt.Sprintf(`SELECT %s, %s, %s, %s FROM (%s) c %s%s ORDER BY %s`, g.key, g.name, g.extra, counts, inner, g.join, group, g.order)
}

// AttendanceStats counts attendance over the participant records of closed activities,
// grouped per member, sector, special committee, activity type or activity. Staff and
// leaders see the committee's; a member sees their own figures only.
func (s *Store) AttendanceStats(ctx context.Context, a lvzhi.Actor, f lvzhi.AttendanceFilter) ([]lvzhi.AttendanceRow, error) {
	f.CommitteeID = a.CommitteeID
	tg := lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: f.CommitteeID}
	if !lvzhi.Can(a, lvzhi.ActionExport, tg) {
		tg.MemberID, f.MemberID = a.MemberID, a.MemberID
		if err := lvzhi.Authorize(a, lvzhi.ActionRead, tg); err != nil || a.MemberID == 0 {
			return nil, lvzhi.Errorf(lvzhi.ErrForbidden, "您没有查看出勤统计的权限。")
		}
	}
	g, ok := attendanceGroups[f.GroupBy]
	if !ok {
		return nil, lvzhi.Invalid(map[string]string{"group": "请选择统计方式"})
	}
	settings, err := s.ActivitySettings(ctx, f.CommitteeID)
	if err != nil {
		return nil, err
	}
	where, args := attendanceWhere(f)
	q := g.query(where)
	var out []lvzhi.AttendanceRow
	err = s.read(ctx, func(tx *Tx) error {
		return tx.scanAll(ctx, func(sc scanner) error {
			var r lvzhi.AttendanceRow
			var key, extra any
			if err := sc.Scan(&key, &r.Name, &extra, &r.Attended, &r.Late, &r.Leave, &r.Absent); err != nil {
				return err
			}
			r.Key, r.Extra = statString(key), statString(extra)
			if f.GroupBy == lvzhi.AttendanceByType {
				if l := settings.TypeLabel(r.Key); l != "" {
					r.Name = l
				}
			}
			out = append(out, r)
			return nil
		}, q, args...)
	})
	return out, err
}

// attendanceWhere selects the participant rows of closed activities the filter names.
func attendanceWhere(f lvzhi.AttendanceFilter) (string, []any) {
	where, args := `WHERE a.committee_id = $1 AND a.state = 'closed'`, []any{f.CommitteeID}
	add := func(cond string, v any) {
		args = append(args, v)
		where += fmt.Sprintf(" AND "+cond, len(args))
	}
	if !f.From.IsZero() {
		add("a.starts_at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("a.starts_at < $%d", f.To.UTC())
	}
	if f.Type != "" {
		add("a.type = $%d", f.Type)
	}
	if f.MemberID != 0 {
		add("ap.member_id = $%d", f.MemberID)
	}
	return where, args
}

// statString renders a grouping key or extra column the two drivers return as different types.
func statString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case []byte:
		return string(x)
	case string:
		return x
	case time.Time:
		return x.In(lvzhi.China).Format("2006-01-02")
	}
	return fmt.Sprint(v)
}

// AbsenceWarnings lists the members the committee's absence rules put on the warning list for
// activities starting in [from, to): those absent without leave from at least the rule's count
// of activities of its type. Staff only.
func (s *Store) AbsenceWarnings(ctx context.Context, a lvzhi.Actor, from, to time.Time) ([]lvzhi.AbsenceWarning, error) {
	if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, lvzhi.Target{Kind: lvzhi.KindActivity, CommitteeID: a.CommitteeID}); err != nil {
		return nil, err
	}
	settings, err := s.ActivitySettings(ctx, a.CommitteeID)
	if err != nil {
		return nil, err
	}
	var out []lvzhi.AbsenceWarning
	err = s.read(ctx, func(tx *Tx) error {
		for _, rule := range settings.AbsenceRules {
			label := "各类活动"
			where, args := `WHERE a.committee_id = $1 AND a.state = 'closed' AND ap.attendance = 'absent' AND a.starts_at >= $2 AND a.starts_at < $3`,
				[]any{a.CommitteeID, from.UTC(), to.UTC(), rule.Count}
			if rule.Type != "" {
				args = append(args, rule.Type)
				where += " AND a.type = $5"
				label = settings.TypeLabel(rule.Type)
			}
			label = fmt.Sprintf("%s无故缺席%d次及以上", label, rule.Count)
			err := tx.scanAll(ctx, func(sc scanner) error {
				w := lvzhi.AbsenceWarning{Rule: rule, RuleLabel: label}
				err := sc.Scan(&w.MemberID, &w.MemberName, &w.SectorName, &w.Absences)
				out = append(out, w)
				return err
			}, `SELECT m.id, m.name, COALESCE(sec.name, ''), COUNT(*) FROM activity_participants ap
				JOIN activities a ON a.id = ap.activity_id JOIN members m ON m.id = ap.member_id
				LEFT JOIN org_units sec ON sec.id = m.sector_id `+where+`
				GROUP BY m.id, m.name, sec.name HAVING COUNT(*) >= $4 ORDER BY COUNT(*) DESC, m.name, m.id`, args...)
			if err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
