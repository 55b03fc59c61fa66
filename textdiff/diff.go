// Package textdiff compares two texts character by character, for the editor's view of an
// opinion report: the submitter's text beside the edited one, with what was deleted and what
// was added marked. Chinese has no spaces between words, so the unit is the character.
package textdiff

// Kind says what a piece of a diff is.
type Kind int

// The kinds of piece.
const (
	Equal  Kind = iota // in both texts
	Delete             // only in the old text
	Insert             // only in the new text
)

// Op is one piece of a diff: a run of characters of one kind.
type Op struct {
	Kind Kind
	Text string
}

// MaxEdits bounds the work of a diff: beyond this many inserted and deleted characters the
// texts are not revisions of one another, and the diff says "all of the old text deleted, all
// of the new inserted" instead of spending time and memory on the quadratic worst case.
const MaxEdits = 3000

// Diff returns the pieces that turn old into new, in order: a shortest edit script (Myers'
// algorithm) over characters, with runs of one kind joined.
func Diff(old, new string) []Op {
	a, b := []rune(old), []rune(new)
	// The common start and end are the usual case of an edit; take them off first.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []Op
	add := func(k Kind, r []rune) {
		if len(r) == 0 {
			return
		}
		if n := len(ops); n > 0 && ops[n-1].Kind == k {
			ops[n-1].Text += string(r)
			return
		}
		ops = append(ops, Op{k, string(r)})
	}
	add(Equal, a[:pre])
	for _, e := range middle(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		if e.kind == Insert {
			add(Insert, b[pre+e.from:pre+e.to])
		} else if e.kind == Delete {
			add(Delete, a[pre+e.from:pre+e.to])
		} else {
			add(Equal, a[pre+e.from:pre+e.to])
		}
	}
	add(Equal, a[len(a)-suf:])
	return ops
}

// edit is a run of the middle part: positions in a (Equal, Delete) or in b (Insert).
type edit struct {
	kind     Kind
	from, to int
}

// middle diffs two texts that share no start and no end.
func middle(a, b []rune) []edit {
	n, m := len(a), len(b)
	switch {
	case n == 0 && m == 0:
		return nil
	case n == 0:
		return []edit{{Insert, 0, m}}
	case m == 0:
		return []edit{{Delete, 0, n}}
	}
	maxD := min(n+m, MaxEdits)
	off := maxD + 1
	v := make([]int32, 2*maxD+3)
	var trace [][]int32
	for d := 0; d <= maxD; d++ {
		// Keep only the diagonals this round can reach: the trace grows as d², not d·(n+m).
		snap := make([]int32, 2*d+1)
		copy(snap, v[off-d:off+d+1])
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = int(v[off+k+1]) // down: an insertion
			} else {
				x = int(v[off+k-1]) + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = int32(x)
			if x >= n && y >= m {
				return backtrack(trace, n, m, d)
			}
		}
	}
	return []edit{{Delete, 0, n}, {Insert, 0, m}}
}

// backtrack walks the trace from the end back to the start and returns the edits in order.
func backtrack(trace [][]int32, n, m, dEnd int) []edit {
	var rev []edit
	push := func(e edit) {
		if e.from < e.to {
			rev = append(rev, e)
		}
	}
	x, y := n, m
	for d := dEnd; d > 0; d-- {
		prev := trace[d] // v as it stood at the start of round d: the end points of round d-1
		at := func(k int) int { return int(prev[k+d]) }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		// The step of round d, then the run of equal characters (the snake) up to (x, y).
		if pk == k+1 { // down: b[py] inserted
			push(edit{Equal, px, x})
			push(edit{Insert, py, py + 1})
		} else { // right: a[px] deleted
			push(edit{Equal, px + 1, x})
			push(edit{Delete, px, px + 1})
		}
		x, y = px, py
	}
	push(edit{Equal, 0, x}) // round 0's snake
	out := make([]edit, len(rev))
	for i := range rev {
		out[i] = rev[len(rev)-1-i]
	}
	return out
}

// Changed counts the characters deleted and inserted by a diff.
func Changed(ops []Op) (deleted, inserted int) {
	for _, op := range ops {
		switch op.Kind {
		case Delete:
			deleted += len([]rune(op.Text))
		case Insert:
			inserted += len([]rune(op.Text))
		}
	}
	return deleted, inserted
}

// Deleted reports whether the piece is only in the old text; templates mark it struck out.
func (o Op) Deleted() bool { return o.Kind == Delete }

// Inserted reports whether the piece is only in the new text; templates mark it added.
func (o Op) Inserted() bool { return o.Kind == Insert }
