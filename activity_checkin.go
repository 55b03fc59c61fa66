package lvzhi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// CheckinStep is how long one check-in code on the venue screen is good for. The screen
// shows a fresh code every step; a code is accepted in its own step and the next one, so a
// member who scans just before the code changes is not refused, while a photo of the screen
// stops working a minute later at most.
const CheckinStep = 30 * time.Second

// CheckinStepOf is the number of the step that t falls in.
func CheckinStepOf(t time.Time) int64 { return t.Unix() / int64(CheckinStep/time.Second) }

// CheckinToken is the code of an activity for one step: an HMAC of the activity and the step
// under the deployment's secret, so nobody can make a valid code without the secret and a
// code names its activity and its time.
func CheckinToken(secret []byte, activityID, step int64) string {
	m := hmac.New(sha256.New, secret)
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(activityID))
	binary.BigEndian.PutUint64(b[8:], uint64(step))
	m.Write(b[:])
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// CheckCheckinToken accepts a code of the current or the previous step at now, and refuses
// anything else with a message that says why: a code photographed earlier, or a code of
// another activity, never checks anyone in.
func CheckCheckinToken(secret []byte, activityID int64, token string, now time.Time) error {
	step := CheckinStepOf(now)
	for _, s := range []int64{step, step - 1} {
		if hmac.Equal([]byte(CheckinToken(secret, activityID, s)), []byte(token)) {
			return nil
		}
	}
	return Errorf(ErrInvalid, "签到二维码已过期或无效:请扫描会场屏幕上当前显示的二维码,不能使用照片或转发的旧二维码。")
}

// CheckCheckinWindow refuses a check-in outside the activity's window: from CheckinBefore
// minutes before the start to the end.
func (a Activity) CheckCheckinWindow(now time.Time) error {
	if now.Before(a.CheckinOpens()) {
		return Errorf(ErrConflict, "签到尚未开始:本活动于%s开放签到。", a.CheckinOpens().In(China).Format("2006-01-02 15:04"))
	}
	if now.After(a.EndsAt) {
		return Errorf(ErrConflict, "签到已结束:本活动已于%s结束。", a.EndsAt.In(China).Format("2006-01-02 15:04"))
	}
	return nil
}

// ActivitySettings are a committee's rules for activities: its list of types and its
// absence rules.
type ActivitySettings struct {
	Types        []ActivityType
	AbsenceRules []AbsenceRule
}

// AbsenceRule puts a member on the staff's warning list when they were absent without leave
// from Count or more activities of Type (all types when Type is empty) in a year.
type AbsenceRule struct {
	Type  string
	Count int
}

// DefaultActivitySettings returns the defaults: the standard types and the common rule that
// two absences without leave from plenaries, or three from any activity, earn a warning.
func DefaultActivitySettings() ActivitySettings {
	return ActivitySettings{
		Types:        append([]ActivityType(nil), DefaultActivityTypes...),
		AbsenceRules: []AbsenceRule{{Type: ActivityPlenary, Count: 2}, {Type: "", Count: 3}},
	}
}

// TypeLabel returns the label of a type code, or "" when the committee has no such type.
func (s ActivitySettings) TypeLabel(code string) string {
	for _, t := range s.Types {
		if t.Code == code {
			return t.Label
		}
	}
	return ""
}

// Validate checks settings before they are saved.
func (s ActivitySettings) Validate() error {
	f := map[string]string{}
	if len(s.Types) == 0 {
		f["types"] = "请至少保留一种活动类型"
	}
	seen := map[string]bool{}
	for _, t := range s.Types {
		if t.Code == "" || t.Label == "" || seen[t.Code] {
			f["types"] = "每种活动类型须有不重复的代码和名称"
		}
		seen[t.Code] = true
	}
	for _, r := range s.AbsenceRules {
		if r.Count < 1 || r.Count > 100 {
			f["absence_rules"] = "缺席次数须在1到100之间"
		}
		if r.Type != "" && !seen[r.Type] {
			f["absence_rules"] = "缺席规则中的活动类型“" + r.Type + "”不存在"
		}
	}
	return Invalid(f)
}
