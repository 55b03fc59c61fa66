package store

import (
	"context"
	"strings"
	"sync"

	"lvzhi"
	"lvzhi/textsim"
)

// suggesters caches one suggester per committee, rebuilt when the committee's proposals
// change: building one over a thousand proposals takes a fraction of a second, too slow to
// do on every keystroke of the submission form.
type suggesters struct {
	mu   sync.Mutex
	byID map[int64]cachedSuggester
}

type cachedSuggester struct {
	count   int
	updated string
	s       *textsim.Suggester
}

// Suggestions are the category and handling units suggested for a proposal's text from the
// committee's own history: what similar earlier proposals were filed under and sent to.
type Suggestions struct {
	Categories []textsim.Suggestion
	Units      []textsim.Suggestion
}

// SuggestForProposal suggests categories and handling units for text. They are shown
// beside the form as suggestions; nothing is applied without the user choosing it.
func (s *Store) SuggestForProposal(ctx context.Context, a lvzhi.Actor, text string, excludeID int64) (Suggestions, error) {
	var out Suggestions
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
		return out, err
	}
	sg, err := s.suggester(ctx, a.CommitteeID)
	if err != nil || sg == nil {
		return out, err
	}
	for _, sug := range sg.SuggestExcept(text, textsim.SuggestK, excludeID) {
		switch {
		case strings.HasPrefix(sug.Label, "category:") && len(out.Categories) < 3:
			sug.Label = strings.TrimPrefix(sug.Label, "category:")
			out.Categories = append(out.Categories, sug)
		case strings.HasPrefix(sug.Label, "unit:") && len(out.Units) < 3:
			sug.Label = strings.TrimPrefix(sug.Label, "unit:")
			out.Units = append(out.Units, sug)
		}
	}
	return out, nil
}

// suggester returns the committee's suggester, building it again when a proposal was
// added or changed since the last build.
func (s *Store) suggester(ctx context.Context, committeeID int64) (*textsim.Suggester, error) {
	var count int
	var updated string // as text: SQLite's MAX() loses the column's time type
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(`SELECT COUNT(*), COALESCE(CAST(MAX(updated_at) AS TEXT), '') FROM proposals
		WHERE committee_id = $1 AND number > 0`), committeeID).Scan(&count, &updated)
	if err != nil || count == 0 {
		return nil, err
	}
	s.suggest.mu.Lock()
	defer s.suggest.mu.Unlock()
	if c, ok := s.suggest.byID[committeeID]; ok && c.count == count && c.updated == updated {
		return c.s, nil
	}
	history, err := s.labeledHistory(ctx, committeeID)
	if err != nil {
		return nil, err
	}
	sg := textsim.NewSuggester(history)
	if s.suggest.byID == nil {
		s.suggest.byID = map[int64]cachedSuggester{}
	}
	s.suggest.byID[committeeID] = cachedSuggester{count: count, updated: updated, s: sg}
	return sg, nil
}

// labeledHistory is every filed proposal of the committee with its category and its lead
// units (assigned, or as an imported record wrote them) as labels.
func (s *Store) labeledHistory(ctx context.Context, committeeID int64) ([]textsim.Labeled, error) {
	var out []textsim.Labeled
	index := map[int64]int{}
	err := s.read(ctx, func(tx *Tx) error {
		if err := tx.scanAll(ctx, func(sc scanner) error {
			var l textsim.Labeled
			var title, body, category, history string
			if err := sc.Scan(&l.ID, &title, &body, &category, &history); err != nil {
				return err
			}
			l.Text = title + "\n" + body
			if category != "" {
				l.Labels = append(l.Labels, "category:"+category)
			}
			for _, u := range strings.FieldsFunc(history, func(r rune) bool { return r == '、' || r == ',' || r == '\uff0c' || r == ';' || r == '\uff1b' }) {
				l.Labels = append(l.Labels, "unit:"+strings.TrimSpace(u))
			}
			index[l.ID] = len(out)
			out = append(out, l)
			return nil
		}, `SELECT id, title, body, category, history_units FROM proposals WHERE committee_id = $1 AND number > 0`, committeeID); err != nil {
			return err
		}
		return tx.scanAll(ctx, func(sc scanner) error {
			var id int64
			var name string
			if err := sc.Scan(&id, &name); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				out[i].Labels = append(out[i].Labels, "unit:"+name)
			}
			return nil
		}, `SELECT pu.proposal_id, o.name FROM proposal_units pu JOIN org_units o ON o.id = pu.unit_id
			JOIN proposals p ON p.id = pu.proposal_id WHERE p.committee_id = $1 AND pu.role = 'lead'`, committeeID)
	})
	return out, err
}
