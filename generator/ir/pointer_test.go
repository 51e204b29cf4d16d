package ir

import "testing"

func TestPointerTokens(t *testing.T) {
	for _, c := range []struct{ raw, token string }{
		{"", ""},
		{"name", "name"},
		{"a/b", "a~1b"},
		{"m~n", "m~0n"},
		{"~1", "~01"},
		{"/~/", "~1~0~1"},
	} {
		if got := EscapeToken(c.raw); got != c.token {
			t.Errorf("EscapeToken(%q) = %q, want %q", c.raw, got, c.token)
		}
		if got := UnescapeToken(c.token); got != c.raw {
			t.Errorf("UnescapeToken(%q) = %q, want %q", c.token, got, c.raw)
		}
	}
}
