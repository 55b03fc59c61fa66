package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"lvzhi"
)

// proposalSettingsJSON is a committee's proposal rules. fixed_deadline is a date
// (YYYY-MM-DD) or null.
type proposalSettingsJSON struct {
	Categories       []string          `json:"categories"`
	ReplyClasses     map[string]string `json:"reply_classes"`
	HandlingMonths   int               `json:"handling_months"`
	FixedDeadline    *string           `json:"fixed_deadline"`
	SendBackDays     int               `json:"send_back_days"`
	MaxExtensionDays int               `json:"max_extension_days"`
	RehandlingRounds int               `json:"rehandling_rounds"`
	ReminderDays     []int             `json:"reminder_days"`
}

func toProposalSettingsJSON(p lvzhi.ProposalSettings) proposalSettingsJSON {
	j := proposalSettingsJSON{Categories: append([]string{}, p.Categories...), ReplyClasses: map[string]string{},
		HandlingMonths: p.HandlingMonths, SendBackDays: p.SendBackDays, MaxExtensionDays: p.MaxExtensionDays,
		RehandlingRounds: p.RehandlingRounds, ReminderDays: append([]int{}, p.ReminderDays...)}
	for k, v := range p.ReplyClasses {
		j.ReplyClasses[k] = v
	}
	if !p.FixedDeadline.IsZero() {
		d := p.FixedDeadline.In(lvzhi.China).Format("2006-01-02")
		j.FixedDeadline = &d
	}
	return j
}

// proposalSettingsInput is the body of PUT /api/v1/proposal-settings. The six rules are
// required, so a forgotten one never quietly becomes 0; fixed_deadline and reminder_days keep
// their value when absent (null clears fixed_deadline).
type proposalSettingsInput struct {
	Categories       opt[[]string]          `json:"categories"`
	ReplyClasses     opt[map[string]string] `json:"reply_classes"`
	HandlingMonths   opt[int]               `json:"handling_months"`
	FixedDeadline    opt[string]            `json:"fixed_deadline"`
	SendBackDays     opt[int]               `json:"send_back_days"`
	MaxExtensionDays opt[int]               `json:"max_extension_days"`
	RehandlingRounds opt[int]               `json:"rehandling_rounds"`
	ReminderDays     opt[[]int]             `json:"reminder_days"`
}

// apply checks the body and writes it over the current settings.
func (in proposalSettingsInput) apply(p *lvzhi.ProposalSettings) error {
	bad := map[string]string{}
	need := func(name string, set bool) {
		if !set {
			bad[name] = "请填写此项"
		}
	}
	need("categories", in.Categories.Set)
	need("reply_classes", in.ReplyClasses.Set)
	need("handling_months", in.HandlingMonths.Set)
	need("send_back_days", in.SendBackDays.Set)
	need("max_extension_days", in.MaxExtensionDays.Set)
	need("rehandling_rounds", in.RehandlingRounds.Set)
	if in.Categories.Set {
		seen := map[string]bool{}
		p.Categories = nil
		for _, c := range in.Categories.V {
			c = strings.TrimSpace(c)
			switch {
			case c == "":
				bad["categories"] = "分类名称不能为空"
			case seen[c]:
				bad["categories"] = "分类重复:" + c
			}
			seen[c] = true
			p.Categories = append(p.Categories, c)
		}
		if len(p.Categories) == 0 {
			bad["categories"] = "请至少设置一个分类"
		}
	}
	if in.ReplyClasses.Set {
		p.ReplyClasses = map[string]string{}
		for k, v := range in.ReplyClasses.V {
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if k == "" || v == "" {
				bad["reply_classes"] = "答复类别的代码和名称都不能为空"
			}
			p.ReplyClasses[k] = v
		}
		if len(p.ReplyClasses) == 0 {
			bad["reply_classes"] = "请至少设置一个答复类别"
		}
	}
	num := func(name string, o opt[int], lo int, dst *int) {
		if o.Set {
			if o.V < lo {
				bad[name] = "不能小于" + strconv.Itoa(lo)
			}
			*dst = o.V
		}
	}
	num("handling_months", in.HandlingMonths, 1, &p.HandlingMonths)
	num("send_back_days", in.SendBackDays, 0, &p.SendBackDays)
	num("max_extension_days", in.MaxExtensionDays, 0, &p.MaxExtensionDays)
	num("rehandling_rounds", in.RehandlingRounds, 0, &p.RehandlingRounds)
	if in.FixedDeadline.Set {
		p.FixedDeadline = time.Time{}
		if v := strings.TrimSpace(in.FixedDeadline.V); v != "" {
			t, err := time.ParseInLocation("2006-01-02", v, lvzhi.China)
			if err != nil {
				bad["fixed_deadline"] = "日期格式应为2026-06-30"
			}
			p.FixedDeadline = t.UTC()
		}
	}
	if in.ReminderDays.Set {
		p.ReminderDays = nil
		for _, d := range in.ReminderDays.V {
			if d < 1 {
				bad["reminder_days"] = "提醒天数应为正整数"
			}
			p.ReminderDays = append(p.ReminderDays, d)
		}
	}
	return lvzhi.Invalid(bad)
}

// apiGetProposalSettings answers with the committee's proposal rules; every signed-in user
// may read them (the forms show them).
func (s *Server) apiGetProposalSettings(w http.ResponseWriter, r *http.Request) {
	p, err := s.st.ProposalSettings(r.Context(), actor(r).CommitteeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toProposalSettingsJSON(p))
}

// apiUpdateProposalSettings saves the rules; the proposal office's job.
func (s *Server) apiUpdateProposalSettings(w http.ResponseWriter, r *http.Request) {
	var in proposalSettingsInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	a := actor(r)
	p, err := s.st.ProposalSettings(r.Context(), a.CommitteeID)
	if err == nil {
		err = in.apply(&p)
	}
	if err == nil {
		err = s.st.SetProposalSettings(r.Context(), a, p)
	}
	if err == nil {
		p, err = s.st.ProposalSettings(r.Context(), a.CommitteeID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toProposalSettingsJSON(p))
}

// apiListRejectReasons answers with the regulation's ten reasons not to file a proposal.
func (s *Server) apiListRejectReasons(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, list(lvzhi.RejectReasons, len(lvzhi.RejectReasons), func(x lvzhi.RejectReason) rejectReasonJSON {
		return rejectReasonJSON{Code: x.Code, Label: x.Label}
	}))
}
