package lvzhi

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestChinese(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "零"}, {1, "一"}, {8, "八"}, {9, "九"},
		{10, "十"}, {11, "十一"}, {13, "十三"}, {19, "十九"},
		{20, "二十"}, {21, "二十一"}, {30, "三十"}, {45, "四十五"}, {90, "九十"}, {99, "九十九"},
		{-1, "-1"}, {100, "100"},
	}
	for _, tc := range tests {
		if got := Chinese(tc.n); got != tc.want {
			t.Errorf("Chinese(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestTermName(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{1, "第一届"}, {8, "第八届"}, {10, "第十届"}, {13, "第十三届"}, {14, "第十四届"}, {20, "第二十届"}} {
		if got := (Term{Number: tc.n}).Name(); got != tc.want {
			t.Errorf("Term{Number: %d}.Name() = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestCommitteeValidate(t *testing.T) {
	tests := []struct {
		name   string
		c      Committee
		fields []string
	}{
		{"city", Committee{Name: "政协兰州市委员会", Level: LevelCity}, nil},
		{"county", Committee{Name: "政协城关区委员会", Level: LevelCounty, ParentID: 1}, nil},
		{"national", Committee{Name: "全国政协", Level: LevelNational}, nil},
		{"province", Committee{Name: "政协甘肃省委员会", Level: LevelProvince}, nil},
		{"blank name", Committee{Name: " \t", Level: LevelCity}, []string{"name"}},
		{"unknown level", Committee{Name: "政协", Level: "town"}, []string{"level"}},
		{"no level", Committee{Name: "政协"}, []string{"level"}},
		{"nothing", Committee{}, []string{"name", "level"}},
	}
	for _, tc := range tests {
		checkFields(t, tc.name, tc.c.Validate(), tc.fields)
	}
}

func TestOrgUnitValidate(t *testing.T) {
	tests := []struct {
		name   string
		u      OrgUnit
		fields []string
	}{
		{"sector", OrgUnit{Kind: OrgSector, Name: "中国共产党"}, nil},
		{"60 characters", OrgUnit{Kind: OrgParty, Name: strings.Repeat("界", 60)}, nil},
		{"61 characters", OrgUnit{Kind: OrgParty, Name: strings.Repeat("界", 61)}, []string{"name"}},
		{"blank name", OrgUnit{Kind: OrgDepartment, Name: "  "}, []string{"name"}},
		{"unknown kind", OrgUnit{Kind: "club", Name: "读书会"}, []string{"kind"}},
		{"nothing", OrgUnit{}, []string{"name", "kind"}},
	}
	for _, tc := range tests {
		checkFields(t, tc.name, tc.u.Validate(), tc.fields)
	}
	if msg := ErrorFields(OrgUnit{Kind: OrgParty, Name: strings.Repeat("界", 61)}.Validate())["name"]; msg != "名称不能超过60个字" {
		t.Errorf("61 characters: message %q", msg)
	}
	for _, k := range OrgUnitKinds {
		if OrgUnitLabel[k] == "" {
			t.Errorf("grouping %s has no label", k)
		}
		if err := (OrgUnit{Kind: k, Name: "甲"}).Validate(); err != nil {
			t.Errorf("grouping %s refused: %v", k, err)
		}
	}
}

func TestOrgUnitPermissionKind(t *testing.T) {
	want := map[OrgUnitKind]Kind{
		OrgSector: KindOrg, OrgSectorGroup: KindOrg, OrgSpecialCommittee: KindOrg,
		OrgActivityGroup: KindOrg, OrgParty: KindOrg,
		OrgDepartment: KindDepartment, OrgHandlingUnit: KindUnit,
	}
	if len(want) != len(OrgUnitKinds) {
		t.Fatalf("test lists %d groupings, the domain %d", len(want), len(OrgUnitKinds))
	}
	for _, k := range OrgUnitKinds {
		if got := k.PermissionKind(); got != want[k] {
			t.Errorf("%s.PermissionKind() = %s, want %s", k, got, want[k])
		}
	}
}

// checkFields checks that err is an ErrInvalid naming exactly fields, or nil when fields is.
func checkFields(t *testing.T, name string, err error, fields []string) {
	t.Helper()
	if len(fields) == 0 {
		if err != nil {
			t.Errorf("%s: %v %v, want valid", name, err, ErrorFields(err))
		}
		return
	}
	f := ErrorFields(err)
	if ErrorCodeOf(err) != ErrInvalid || len(f) != len(fields) {
		t.Errorf("%s: %v %v, want fields %v", name, err, f, fields)
		return
	}
	for _, k := range fields {
		if f[k] == "" {
			t.Errorf("%s: field %s not reported (%v)", name, k, f)
		}
	}
}

func TestPaging(t *testing.T) {
	tests := []struct {
		name          string
		p             Paging
		limit, offset int
	}{
		{"zero value", Paging{}, 50, 0},
		{"first page", Paging{Page: 1, PerPage: 20}, 20, 0},
		{"third page", Paging{Page: 3, PerPage: 20}, 20, 40},
		{"page zero is the first", Paging{Page: 0, PerPage: 20}, 20, 0},
		{"negative page is the first", Paging{Page: -4, PerPage: 20}, 20, 0},
		{"negative per page is the default", Paging{Page: 2, PerPage: -1}, 50, 50},
		{"one per page", Paging{Page: 5, PerPage: 1}, 1, 4},
		{"500 per page", Paging{Page: 2, PerPage: 500}, 500, 500},
		{"501 per page is capped", Paging{Page: 2, PerPage: 501}, 500, 500},
		{"a million per page is capped", Paging{Page: 1, PerPage: 1_000_000}, 500, 0},
	}
	for _, tc := range tests {
		if got := tc.p.Limit(); got != tc.limit {
			t.Errorf("%s: Limit = %d, want %d", tc.name, got, tc.limit)
		}
		if got := tc.p.Offset(); got != tc.offset {
			t.Errorf("%s: Offset = %d, want %d", tc.name, got, tc.offset)
		}
	}

	pages := []struct {
		p     Paging
		total int
		want  int
	}{
		{Paging{PerPage: 20}, 0, 1}, // an empty list still has its one (empty) page
		{Paging{PerPage: 20}, 1, 1},
		{Paging{PerPage: 20}, 20, 1},
		{Paging{PerPage: 20}, 21, 2},
		{Paging{PerPage: 20}, 348, 18},
		{Paging{}, 50, 1},
		{Paging{}, 51, 2},
		{Paging{PerPage: 10_000}, 1001, 3},
	}
	for _, tc := range pages {
		if got := tc.p.Pages(tc.total); got != tc.want {
			t.Errorf("Paging{PerPage: %d}.Pages(%d) = %d, want %d", tc.p.PerPage, tc.total, got, tc.want)
		}
	}
}

// TestPagingOffsetNeverNegative: the page number comes straight from ?page= in the URL.
// A huge page must not wrap around to a negative OFFSET (PostgreSQL rejects it).
func TestPagingOffsetNeverNegative(t *testing.T) {
	for _, p := range []Paging{
		{Page: math.MaxInt, PerPage: 50},
		{Page: math.MaxInt / 2, PerPage: 500},
		{Page: math.MaxInt/50 + 2, PerPage: 0},
	} {
		if got := p.Offset(); got < 0 {
			t.Errorf("DOMAIN BUG: Paging{Page: %d, PerPage: %d}.Offset() = %d: the multiplication overflows into a negative offset", p.Page, p.PerPage, got)
		}
	}
}

func TestErrors(t *testing.T) {
	e := Errorf(ErrNotFound, "没有编号为%d的委员。", 42)
	if e.Code != ErrNotFound || e.Message != "没有编号为42的委员。" || e.Fields != nil {
		t.Errorf("Errorf = %+v", e)
	}
	if got := e.Error(); got != "not_found: 没有编号为42的委员。" {
		t.Errorf("Error() = %q", got)
	}
	if Errorf(ErrConflict, "100%% 完成").Message != "100% 完成" {
		t.Error("Errorf does not format")
	}

	if err := Invalid(nil); err != nil {
		t.Errorf("Invalid(nil) = %#v, want a nil error", err)
	}
	if err := Invalid(map[string]string{}); err != nil {
		t.Errorf("Invalid(empty) = %#v, want a nil error", err)
	}
	fields := map[string]string{"name": "请填写姓名"}
	inv := Invalid(fields)
	if ErrorCodeOf(inv) != ErrInvalid || ErrorFields(inv)["name"] != "请填写姓名" || ErrorMessage(inv) == "" {
		t.Errorf("Invalid(fields) = %v %v", inv, ErrorFields(inv))
	}

	foreign := errors.New("pq: relation \"members\" does not exist at 10.0.0.5")
	wrapped := fmt.Errorf("store: %w", Errorf(ErrForbidden, "您没有查看此项内容的权限。"))
	internal := Errorf(ErrInternal, "panic in handler at store.go:42")
	generic := "系统内部错误,请稍后再试;如果问题持续,请联系系统管理员。"
	tests := []struct {
		name     string
		err      error
		code     ErrorCode
		message  string
		hasField bool
	}{
		{"foreign error", foreign, ErrInternal, generic, false},
		{"wrapped foreign error", fmt.Errorf("query: %w", foreign), ErrInternal, generic, false},
		{"our internal error", internal, ErrInternal, generic, false},
		{"wrapped domain error", wrapped, ErrForbidden, "您没有查看此项内容的权限。", false},
		{"unauthorized", Errorf(ErrUnauthorized, "请先登录。"), ErrUnauthorized, "请先登录。", false},
		{"wrapped invalid", fmt.Errorf("member: %w", inv), ErrInvalid, "填写的内容有误,请按提示修改后再提交。", true},
	}
	for _, tc := range tests {
		if got := ErrorCodeOf(tc.err); got != tc.code {
			t.Errorf("%s: ErrorCodeOf = %s, want %s", tc.name, got, tc.code)
		}
		msg := ErrorMessage(tc.err)
		if msg != tc.message {
			t.Errorf("%s: ErrorMessage = %q, want %q", tc.name, msg, tc.message)
		}
		if tc.code == ErrInternal && (strings.Contains(msg, "pq") || strings.Contains(msg, "store.go") || strings.Contains(msg, "10.0.0.5")) {
			t.Errorf("%s: ErrorMessage leaks internals: %q", tc.name, msg)
		}
		if got := ErrorFields(tc.err) != nil; got != tc.hasField {
			t.Errorf("%s: ErrorFields = %v", tc.name, ErrorFields(tc.err))
		}
	}
}
