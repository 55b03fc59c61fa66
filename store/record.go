package store

import (
	"context"

	"lvzhi"
)

// recordTarget returns the permission target of a record of any kind that other records hang
// on — instructions (批示) and attachments are attached to proposals, opinion reports, requests,
// activities and their outcomes. Whoever may read the record may read what hangs on it, so
// this is the one place that knows how to find each kind's committee and owners. A module
// that adds a kind others can attach to adds its case here.
func (t *Tx) recordTarget(ctx context.Context, a lvzhi.Actor, kind lvzhi.Kind, id int64) (lvzhi.Target, error) {
	switch kind {
	case lvzhi.KindProposal:
		p, err := t.proposal(ctx, id)
		if err != nil {
			return lvzhi.Target{}, err
		}
		return t.proposalTarget(ctx, a, p)
	}
	return lvzhi.Target{}, lvzhi.Errorf(lvzhi.ErrInvalid, "“%s”类记录不能附加批示或附件。", kind)
}
