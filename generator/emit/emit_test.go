package emit

import "testing"

// TestPointerToken checks the RFC 6901 escaping of member names that the
// generated code passes to the run time as constant tokens.
func TestPointerToken(t *testing.T) {
	for name, want := range map[string]string{
		"redis_password": "/redis_password",
		"x/y~":           "/x~1y~0",
		"~1":             "/~01",
		"":               "/",
	} {
		if got := pointerToken(name); got != want {
			t.Errorf("pointerToken(%q) = %q, want %q", name, got, want)
		}
	}
}
