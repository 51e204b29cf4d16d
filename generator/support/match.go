package support

// countTrue returns how many of bs are true: a oneOf inside a condition
// holds when exactly one of its schemas matches.
func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// allItems reports whether match holds for every item of items (true
// for none): the items keyword inside a condition.
func allItems[T any](items []T, match func(T) bool) bool {
	for _, v := range items {
		if !match(v) {
			return false
		}
	}
	return true
}
