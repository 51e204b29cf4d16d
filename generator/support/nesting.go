package support

import "strconv"

// nesting holds the values of recursive types on the way from the value
// being validated or printed down to the current one, so that a value that
// holds itself (a cycle built in Go) is found at once, however many ways
// lead back to it, and so that depth stays bounded. Its zero value is
// ready; it allocates only for values of recursive types.
type nesting struct {
	path []any            // the values' pointers, outermost first
	set  map[any]struct{} // the same, once the way is long
}

// setFrom is the length of the way from which a set is kept beside it, so
// that a deep way costs no more than a short one per level.
const setFrom = 32

// enter adds ptr to the way and returns "", or returns why it cannot and
// adds nothing: the value holds itself (ptr is on the way already), or the
// way is already limit long.
func (n *nesting) enter(ptr any, limit int) string {
	if n.set != nil {
		if _, ok := n.set[ptr]; ok {
			return "holds itself (a cycle)"
		}
	} else {
		for _, q := range n.path {
			if q == ptr {
				return "holds itself (a cycle)"
			}
		}
	}
	if len(n.path) >= limit {
		return "is nested more than " + strconv.Itoa(limit) + " levels deep"
	}
	n.path = append(n.path, ptr)
	switch {
	case n.set != nil:
		n.set[ptr] = struct{}{}
	case len(n.path) == setFrom:
		n.set = make(map[any]struct{}, 2*setFrom)
		for _, q := range n.path {
			n.set[q] = struct{}{}
		}
	}
	return ""
}

// leave removes the innermost value of the way.
func (n *nesting) leave() {
	last := n.path[len(n.path)-1]
	n.path = n.path[:len(n.path)-1]
	if n.set != nil {
		delete(n.set, last)
		if len(n.path) < setFrom/2 {
			n.set = nil
		}
	}
}
