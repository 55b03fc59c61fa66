package web

// The JSON shapes of proposals in the API.

import (
	"time"

	"lvzhi"
	"lvzhi/store"
)

// proposalSummaryJSON is a proposal in a list: everything a list row shows, without the text.
type proposalSummaryJSON struct {
	ID           int64      `json:"id"`
	Number       int        `json:"number"`
	NumberLabel  string     `json:"number_label"`
	SessionID    int64      `json:"session_id"`
	SessionName  string     `json:"session_name"`
	Kind         string     `json:"kind"`
	KindLabel    string     `json:"kind_label"`
	Title        string     `json:"title"`
	Category     string     `json:"category"`
	State        string     `json:"state"`
	StateLabel   string     `json:"state_label"`
	ProposerID   *int64     `json:"proposer_id"`
	ProposerName string     `json:"proposer_name"`
	Deadline     *time.Time `json:"deadline"`
	IsKey        bool       `json:"is_key"`
	Published    bool       `json:"published"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

func toProposalSummaryJSON(p lvzhi.Proposal) proposalSummaryJSON {
	return proposalSummaryJSON{
		ID: p.ID, Number: p.Number, NumberLabel: p.NumberLabel(), SessionID: p.SessionID, SessionName: p.SessionName,
		Kind: p.Kind, KindLabel: lvzhi.ProposalKindLabel[p.Kind], Title: p.Title, Category: p.Category,
		State: p.State, StateLabel: lvzhi.ProposalWorkflow.StateLabel[p.State], ProposerID: optID(p.ProposerID),
		ProposerName: p.ProposerName, Deadline: optTime(p.Deadline), IsKey: p.Key, Published: p.Published,
		UpdatedAt: p.Updated.UTC(),
	}
}

// proposalJSON is one proposal whole: the summary's fields, the text, the review's and the
// handling's records, and the actions the caller may take now.
type proposalJSON struct {
	proposalSummaryJSON
	CommitteeID     int64                    `json:"committee_id"`
	Body            string                   `json:"body"`
	BetweenSessions bool                     `json:"between_sessions"`
	GroupID         *int64                   `json:"group_id"`
	Signer          string                   `json:"signer"`
	SuggestedUnits  string                   `json:"suggested_units"`
	PublishConsent  bool                     `json:"publish_consent"`
	CosignDeadline  *time.Time               `json:"cosign_deadline"`
	MergedInto      *int64                   `json:"merged_into"`
	ConvertedTo     string                   `json:"converted_to"`
	RejectReasons   []rejectReasonJSON       `json:"reject_reasons"`
	Mode            string                   `json:"mode"`
	AssignedAt      *time.Time               `json:"assigned_at"`
	Round           int                      `json:"round"`
	SupervisorID    *int64                   `json:"supervisor_id"`
	Excellent       bool                     `json:"excellent"`
	SubmittedAt     *time.Time               `json:"submitted_at"`
	Units           []proposalUnitJSON       `json:"units"`
	Cosigners       []proposalCosignerJSON   `json:"cosigners"`
	Extensions      []proposalExtensionJSON  `json:"extensions"`
	Contacts        []proposalContactJSON    `json:"contacts"`
	Replies         []proposalReplyJSON      `json:"replies"`
	Evaluations     []proposalEvaluationJSON `json:"evaluations"`
	Actions         []string                 `json:"actions"`
}

type proposalUnitJSON struct {
	UnitID         int64  `json:"unit_id"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	RoleLabel      string `json:"role_label"`
	SentBackReason string `json:"sent_back_reason"`
}

type proposalCosignerJSON struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name"`
	State    string `json:"state"`
}

type proposalExtensionJSON struct {
	ID       int64     `json:"id"`
	UnitName string    `json:"unit_name"`
	Until    time.Time `json:"until"`
	Reason   string    `json:"reason"`
	State    string    `json:"state"`
}

type proposalContactJSON struct {
	UnitName string `json:"unit_name"`
	Way      string `json:"way"`
	OnDate   string `json:"on_date"`
	Note     string `json:"note"`
}

type proposalReplyJSON struct {
	Round    int       `json:"round"`
	UnitName string    `json:"unit_name"`
	Class    string    `json:"class"`
	Body     string    `json:"body"`
	State    string    `json:"state"`
	At       time.Time `json:"at"`
}

type proposalEvaluationJSON struct {
	Round       int       `json:"round"`
	Result      string    `json:"result"`
	ResultLabel string    `json:"result_label"`
	Comment     string    `json:"comment"`
	At          time.Time `json:"at"`
}

// rejectReasonJSON is one of the regulation's reasons not to file a proposal.
type rejectReasonJSON struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// toProposalJSON converts a proposal read whole for actor a. A reply the proposal office has
// not yet approved is shown only to the office and the handling units.
func toProposalJSON(a lvzhi.Actor, d store.ProposalDetail) proposalJSON {
	p := d.Proposal
	j := proposalJSON{
		proposalSummaryJSON: toProposalSummaryJSON(p),
		CommitteeID:         p.CommitteeID, Body: p.Body, BetweenSessions: p.Between, GroupID: optID(p.GroupID), Signer: p.Signer,
		SuggestedUnits: p.SuggestedUnits, PublishConsent: p.PublishConsent, CosignDeadline: optTime(p.CosignDeadline),
		MergedInto: optID(p.MergedInto), ConvertedTo: p.ConvertedTo, RejectReasons: []rejectReasonJSON{}, Mode: p.Mode,
		AssignedAt: optTime(p.AssignedAt), Round: p.Round, SupervisorID: optID(p.Supervisor), Excellent: p.Excellent,
		SubmittedAt: optTime(p.Submitted),
		Units:       []proposalUnitJSON{}, Cosigners: []proposalCosignerJSON{}, Extensions: []proposalExtensionJSON{},
		Contacts: []proposalContactJSON{}, Replies: []proposalReplyJSON{}, Evaluations: []proposalEvaluationJSON{},
		Actions: apiProposalActions(a, d),
	}
	for _, c := range p.RejectReasons {
		j.RejectReasons = append(j.RejectReasons, rejectReasonJSON{Code: c, Label: lvzhi.RejectReasonLabel(c)})
	}
	for _, u := range d.Units {
		j.Units = append(j.Units, proposalUnitJSON{UnitID: u.UnitID, Name: u.Name, Role: u.Role,
			RoleLabel: lvzhi.UnitRoleLabel[u.Role], SentBackReason: u.SentBackReason})
	}
	for _, c := range d.Cosigners {
		j.Cosigners = append(j.Cosigners, proposalCosignerJSON{MemberID: c.MemberID, Name: c.Name, State: c.State})
	}
	for _, e := range d.Extensions {
		j.Extensions = append(j.Extensions, proposalExtensionJSON{ID: e.ID, UnitName: e.Unit, Until: e.Until.UTC(),
			Reason: e.Reason, State: e.State})
	}
	for _, c := range d.Contacts {
		j.Contacts = append(j.Contacts, proposalContactJSON{UnitName: c.Unit, Way: c.Way, OnDate: c.OnDate, Note: c.Note})
	}
	insider := a.System || a.Has(lvzhi.RoleStaff) || (a.UnitID != 0 && d.Target.UnitID == a.UnitID)
	for _, r := range d.Replies {
		if r.State == "approved" || insider {
			j.Replies = append(j.Replies, proposalReplyJSON{Round: r.Round, UnitName: r.Unit, Class: r.Class, Body: r.Body,
				State: r.State, At: r.At.UTC()})
		}
	}
	for _, e := range d.Evaluations {
		j.Evaluations = append(j.Evaluations, proposalEvaluationJSON{Round: e.Round, Result: e.Result,
			ResultLabel: lvzhi.EvaluationLabel[e.Result], Comment: e.Comment, At: e.At.UTC()})
	}
	return j
}

// apiProposalActions lists the actions actor a may take on the proposal now: the workflow's
// from its state, and publishing, marking as key and supervising where they apply.
func apiProposalActions(a lvzhi.Actor, d store.ProposalDetail) []string {
	p := d.Proposal
	out := []string{}
	can := func(act string) bool { return lvzhi.Can(a, lvzhi.Action(act), d.Target) }
	for _, act := range lvzhi.ProposalWorkflow.Allowed(p.State) {
		if can(act) {
			out = append(out, act)
		}
	}
	if p.PublishConsent && !p.Published && (p.State == lvzhi.ProposalReplied || p.State == lvzhi.ProposalClosed) && can("publish") {
		out = append(out, "publish")
	}
	if p.Number != 0 && can("mark_key") {
		out = append(out, "mark_key")
	}
	if p.Key && can("supervise") {
		out = append(out, "supervise")
	}
	return out
}

// apiProposalKnownAction reports whether name is an action of POST /api/v1/proposals/{id}/actions/{action}.
func apiProposalKnownAction(name string) bool {
	if _, ok := lvzhi.ProposalWorkflow.ActionLabel[name]; ok {
		return true
	}
	return name == "publish" || name == "mark_key" || name == "supervise" || name == "excellent"
}
