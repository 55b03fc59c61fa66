package store

import (
	"context"

	"lvzhi"
)

// event appends one line to a record's history inside the transaction that made the change.
func (t *Tx) event(ctx context.Context, a lvzhi.Actor, committeeID int64, kind lvzhi.Kind, recordID int64, action, from, to, note string) error {
	_, err := t.exec(ctx, `INSERT INTO events (committee_id, kind, record_id, actor_id, actor_name, action, from_state, to_state, note, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		committeeID, string(kind), recordID, nullID(a.UserID), actorName(a), action, from, to, note, t.s.Now())
	return err
}

// events returns a record's history, newest first.
func (t *Tx) events(ctx context.Context, kind lvzhi.Kind, recordID int64) ([]lvzhi.Event, error) {
	rows, err := t.query(ctx, `SELECT id, committee_id, kind, record_id, COALESCE(actor_id, 0), actor_name, action, from_state, to_state, note, at
		FROM events WHERE kind = $1 AND record_id = $2 ORDER BY id DESC`, string(kind), recordID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lvzhi.Event
	for rows.Next() {
		var e lvzhi.Event
		var k string
		if err := rows.Scan(&e.ID, &e.CommitteeID, &k, &e.RecordID, &e.ActorID, &e.ActorName, &e.Action, &e.FromState, &e.ToState, &e.Note, &e.At); err != nil {
			return nil, err
		}
		e.Kind, e.At = lvzhi.Kind(k), e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// actorName is the name the history shows for an actor.
func actorName(a lvzhi.Actor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Username
}
