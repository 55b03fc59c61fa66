package web

import (
	"fmt"
	"lvzhi"
	"time"
)

// when writes a date and time as UI.md wants it outside tables — 2026年12月1日 14:00,
// 24-hour — for the pages a member reads on a phone (invitations, an activity's time);
// tables keep the compact 2026-12-01 14:00 of datetime.
func when(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(lvzhi.China)
	if lang == "en" {
		return t.Format("2 Jan 2006 15:04")
	}
	return fmt.Sprintf("%d年%d月%d日 %s", t.Year(), t.Month(), t.Day(), t.Format("15:04"))
}

// period writes a start and an end: the day once when both fall on it (2026年12月1日
// 14:00—17:00), else both in full.
func period(lang string, from, to time.Time) string {
	if to.IsZero() {
		return when(lang, from)
	}
	f, e := from.In(lvzhi.China), to.In(lvzhi.China)
	if f.Year() == e.Year() && f.YearDay() == e.YearDay() {
		return when(lang, from) + "—" + e.Format("15:04")
	}
	return when(lang, from) + " — " + when(lang, to)
}
