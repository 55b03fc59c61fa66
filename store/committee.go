package store

import (
	"context"

	"lvzhi"
)

// CreateCommittee adds a committee to the deployment. The first committee is created by the
// system actor (the command line or the demo loader); later ones by a system administrator
// of the parent committee.
func (s *Store) CreateCommittee(ctx context.Context, a lvzhi.Actor, c lvzhi.Committee) (lvzhi.Committee, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.write(ctx, a, "committee.create", c.Name, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindCommittee, CommitteeID: c.ParentID}); err != nil {
			return err
		}
		var err error
		c.ID, err = tx.insert(ctx, `INSERT INTO committees (parent_id, name, level, created_at) VALUES ($1, $2, $3, $4)`,
			nullID(c.ParentID), c.Name, string(c.Level), s.Now())
		return err
	})
	return c, err
}

// Committees returns every committee of the deployment, parents before children. Committee
// names are public: the login page shows them.
func (s *Store) Committees(ctx context.Context) ([]lvzhi.Committee, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0), name, level FROM committees ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lvzhi.Committee
	for rows.Next() {
		var c lvzhi.Committee
		var level string
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Name, &level); err != nil {
			return nil, err
		}
		c.Level = lvzhi.Level(level)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Committee returns one committee.
func (s *Store) Committee(ctx context.Context, id int64) (lvzhi.Committee, error) {
	all, err := s.Committees(ctx)
	if err != nil {
		return lvzhi.Committee{}, err
	}
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return lvzhi.Committee{}, lvzhi.Errorf(lvzhi.ErrNotFound, "找不到该政协。")
}

// descendants returns id and the ids of every committee below it.
func descendants(all []lvzhi.Committee, id int64) []int64 {
	out := []int64{id}
	for i := 0; i < len(out); i++ {
		for _, c := range all {
			if c.ParentID == out[i] {
				out = append(out, c.ID)
			}
		}
	}
	return out
}

// isTop reports whether committee id is at the top of the deployment (has no parent): its
// administrators own what belongs to the whole deployment, such as the security policy.
func (s *Store) isTop(ctx context.Context, id int64) (bool, error) {
	c, err := s.Committee(ctx, id)
	if err != nil {
		return false, err
	}
	return c.ParentID == 0, nil
}
