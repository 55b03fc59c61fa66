package web

// The JSON shapes of opinion reports, their versions, issues and statistics in the API.

import (
	"math"
	"time"

	"lvzhi"
	"lvzhi/store"
	"lvzhi/textdiff"
)

// opinionSummaryJSON is a report in a list: what a list row shows, without the text.
type opinionSummaryJSON struct {
	ID               int64      `json:"id"`
	Kind             string     `json:"kind"`
	KindLabel        string     `json:"kind_label"`
	Title            string     `json:"title"`
	State            string     `json:"state"`
	StateLabel       string     `json:"state_label"`
	AuthorName       string     `json:"author_name"`
	SubmitterID      *int64     `json:"submitter_id"`
	IssueID          *int64     `json:"issue_id"`
	IssueLabel       string     `json:"issue_label"`
	NotUsedReason    string     `json:"not_used_reason"`
	OriginProposalID *int64     `json:"origin_proposal_id"`
	SubmittedAt      *time.Time `json:"submitted_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

func toOpinionSummaryJSON(o lvzhi.Opinion) opinionSummaryJSON {
	return opinionSummaryJSON{ID: o.ID, Kind: o.Kind, KindLabel: lvzhi.OpinionKindLabel[o.Kind], Title: o.Title, State: o.State,
		StateLabel: lvzhi.OpinionWorkflow.StateLabel[o.State], AuthorName: o.AuthorName, SubmitterID: optID(o.SubmitterID),
		IssueID: optID(o.IssueID), IssueLabel: o.IssueLabel, NotUsedReason: o.NotUsedReason, OriginProposalID: optID(o.OriginProposalID),
		SubmittedAt: optTime(o.Submitted), UpdatedAt: o.Updated.UTC()}
}

// opinionJSON is one report whole: the summary, the text, its authors, what became of it, and
// the actions the caller may take now. Versions are read on their own route.
type opinionJSON struct {
	opinionSummaryJSON
	CommitteeID       int64          `json:"committee_id"`
	Body              string         `json:"body"`
	CoAuthorIDs       []int64        `json:"co_author_ids"`
	CoAuthors         []string       `json:"co_authors"`
	GroupID           *int64         `json:"group_id"`
	SourceCommitteeID *int64         `json:"source_committee_id"`
	Issue             *issueJSON     `json:"issue"`
	Forwards          []forwardJSON  `json:"forwards"`
	Adoptions         []adoptionJSON `json:"adoptions"`
	Versions          int            `json:"versions"`
	Actions           []string       `json:"actions"`
}

type forwardJSON struct {
	To      string `json:"to"`
	ToLabel string `json:"to_label"`
	OnDate  string `json:"on_date"`
	Note    string `json:"note"`
}

type adoptionJSON struct {
	Level      string `json:"level"`
	LevelLabel string `json:"level_label"`
	Mode       string `json:"mode"`
	ModeLabel  string `json:"mode_label"`
	Body       string `json:"body"`
	OnDate     string `json:"on_date"`
	Note       string `json:"note"`
}

func toOpinionJSON(a lvzhi.Actor, d store.OpinionDetail) opinionJSON {
	o := d.Opinion
	out := opinionJSON{opinionSummaryJSON: toOpinionSummaryJSON(o), CommitteeID: o.CommitteeID, Body: o.Body,
		CoAuthorIDs: append([]int64{}, o.CoAuthors...), CoAuthors: append([]string{}, d.CoAuthors...), GroupID: optID(o.GroupID),
		SourceCommitteeID: optID(o.SourceCommitteeID), Forwards: []forwardJSON{}, Adoptions: []adoptionJSON{}, Versions: len(d.Versions),
		Actions: []string{}}
	if d.Issue.ID != 0 {
		is := toIssueJSON(store.IssueSummary{Issue: d.Issue})
		out.Issue = &is
	}
	for _, f := range d.Forwards {
		out.Forwards = append(out.Forwards, forwardJSON{To: f.To, ToLabel: lvzhi.ForwardToLabel[f.To], OnDate: f.OnDate, Note: f.Note})
	}
	for _, ad := range d.Adoptions {
		out.Adoptions = append(out.Adoptions, adoptionJSON{Level: ad.Level, LevelLabel: lvzhi.AdoptLevelLabel[ad.Level], Mode: ad.Mode,
			ModeLabel: lvzhi.AdoptModeLabel[ad.Mode], Body: ad.Body, OnDate: ad.OnDate, Note: ad.Note})
	}
	for _, act := range lvzhi.OpinionWorkflow.Allowed(o.State) {
		if lvzhi.Can(a, lvzhi.Action(act), d.Target) && !containsString(out.Actions, act) {
			out.Actions = append(out.Actions, act)
		}
	}
	return out
}

// issueJSON is an issue of 《社情民意》; Reports lists its reports in order when read alone.
type issueJSON struct {
	ID      int64                `json:"id"`
	Year    int                  `json:"year"`
	Number  int                  `json:"number"`
	Label   string               `json:"label"`
	Title   string               `json:"title"`
	Signer  string               `json:"signer"`
	OnDate  string               `json:"on_date"`
	Count   int                  `json:"report_count"`
	Reports []opinionSummaryJSON `json:"reports,omitempty"`
}

func toIssueJSON(is store.IssueSummary) issueJSON {
	out := issueJSON{ID: is.ID, Year: is.Year, Number: is.Number, Label: is.Label(), Title: is.Title, Signer: is.Signer, OnDate: is.OnDate, Count: is.Reports}
	for _, o := range is.Issue.Reports {
		out.Reports = append(out.Reports, toOpinionSummaryJSON(o))
	}
	if len(is.Issue.Reports) > 0 {
		out.Count = len(is.Issue.Reports)
	}
	return out
}

// versionJSON is one saved text of a report.
type versionJSON struct {
	Number int       `json:"number"`
	Title  string    `json:"title"`
	Body   string    `json:"body"`
	Editor bool      `json:"editor"`
	By     string    `json:"by"`
	Note   string    `json:"note"`
	At     time.Time `json:"at"`
}

func toVersionJSON(v lvzhi.OpinionVersion) versionJSON {
	return versionJSON{Number: v.Number, Title: v.Title, Body: v.Body, Editor: v.Editor, By: v.ByName, Note: v.Note, At: v.At.UTC()}
}

// diffOpJSON is one piece of a comparison: equal, delete or insert.
type diffOpJSON struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// diffJSON compares two versions.
type diffJSON struct {
	From  versionJSON  `json:"from"`
	To    versionJSON  `json:"to"`
	Title []diffOpJSON `json:"title"`
	Body  []diffOpJSON `json:"body"`
}

func toDiffOps(ops []textdiff.Op) []diffOpJSON {
	out := []diffOpJSON{}
	for _, op := range ops {
		name := "equal"
		if op.Deleted() {
			name = "delete"
		} else if op.Inserted() {
			name = "insert"
		}
		out = append(out, diffOpJSON{Op: name, Text: op.Text})
	}
	return out
}

// opinionSimilarJSON is an earlier report or proposal like a text.
type opinionSimilarJSON struct {
	Kind       string  `json:"kind"`
	ID         int64   `json:"id"`
	Title      string  `json:"title"`
	Author     string  `json:"author"`
	State      string  `json:"state"`
	Label      string  `json:"label"`
	Similarity float64 `json:"similarity"`
}

func toOpinionSimilarJSON(m store.SimilarRecord) opinionSimilarJSON {
	return opinionSimilarJSON{Kind: string(m.Kind), ID: m.ID, Title: m.Title, Author: m.Author, State: m.State, Label: m.Label,
		Similarity: math.Round(m.Similarity*1000) / 1000}
}

// opinionCountsJSON is one row of the statistics.
type opinionCountsJSON struct {
	ID               *int64         `json:"id"`
	Name             string         `json:"name"`
	Submitted        int            `json:"submitted"`
	Compiled         int            `json:"compiled"`
	Forwarded        int            `json:"forwarded"`
	City             int            `json:"adopted_city"`
	Province         int            `json:"adopted_province"`
	National         int            `json:"adopted_national"`
	NationalSingle   int            `json:"adopted_national_single"`
	NationalCombined int            `json:"adopted_national_combined"`
	Instructions     map[string]int `json:"instructions"`
}

func toOpinionCountsJSON(c store.OpinionCounts) opinionCountsJSON {
	ins := c.Instructions
	if ins == nil {
		ins = map[string]int{}
	}
	return opinionCountsJSON{ID: optID(c.ID), Name: c.Name, Submitted: c.Submitted, Compiled: c.Compiled, Forwarded: c.Forwarded,
		City: c.City, Province: c.Province, National: c.National, NationalSingle: c.NationalSingle, NationalCombined: c.NationalCombined,
		Instructions: ins}
}

// opinionStatsJSON is the statistics of a grouping and a period.
type opinionStatsJSON struct {
	By    string              `json:"by"`
	From  string              `json:"from"`
	To    string              `json:"to"`
	Ranks []string            `json:"ranks"`
	Rows  []opinionCountsJSON `json:"rows"`
	Total opinionCountsJSON   `json:"total"`
}
