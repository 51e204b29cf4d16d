package ir

import "strings"

// EscapeToken encodes s as one token of a JSON pointer (RFC 6901): "~"
// becomes "~0" and "/" becomes "~1".
func EscapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return tokenEscaper.Replace(s)
}

// UnescapeToken decodes one token of a JSON pointer, the inverse of
// EscapeToken.
func UnescapeToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return tokenUnescaper.Replace(s)
}

// The replacers are built once: building one costs far more than using
// it, and pointers are escaped for every property of a schema.
var (
	tokenEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	tokenUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)
