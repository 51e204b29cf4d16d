package support

import "testing"

func TestCountTrue(t *testing.T) {
	for _, c := range []struct {
		bs   []bool
		want int
	}{
		{nil, 0},
		{[]bool{false}, 0},
		{[]bool{true}, 1},
		{[]bool{true, false, true}, 2},
		{[]bool{true, true, true}, 3},
	} {
		if got := countTrue(c.bs...); got != c.want {
			t.Errorf("countTrue(%v) = %d, want %d", c.bs, got, c.want)
		}
	}
}

func TestAllItems(t *testing.T) {
	short := func(s string) bool { return len(s) < 3 }
	for _, c := range []struct {
		items []string
		want  bool
	}{
		{nil, true},
		{[]string{}, true},
		{[]string{"a", "bb"}, true},
		{[]string{"a", "long"}, false},
		{[]string{"long", "a"}, false},
	} {
		if got := allItems(c.items, short); got != c.want {
			t.Errorf("allItems(%q) = %v, want %v", c.items, got, c.want)
		}
	}
	// It stops at the first item that fails.
	calls := 0
	allItems([]int{1, 2, 3}, func(v int) bool { calls++; return v < 2 })
	if calls != 2 {
		t.Errorf("allItems called match %d times, want 2", calls)
	}
}
