package support

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
)

// redacted is what every printed form of a set Secret shows.
const redacted = "[REDACTED]"

// unset is what the printed forms of an absent Secret show.
const unset = "[UNSET]"

// Secret is a string that never prints: every fmt verb, String, GoString
// and slog show "[REDACTED]" (or "[UNSET]" for the zero value), never the
// value or its length. Only the JSON encoding carries the value: that is
// how a request is sent.
//
// The value is held behind a pointer, so that even fmt's reports of a
// wrong verb (%p, %w), which bypass Format, can show only an address.
// The zero Secret is an absent one; NewSecret makes a present one, the
// empty string included. Value returns the string where it is needed.
type Secret struct {
	p *string
}

// NewSecret returns a present Secret holding s.
func NewSecret(s string) Secret { return Secret{p: &s} }

// Value returns the secret string, "" when the secret is absent.
func (s Secret) Value() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsSet reports whether the secret is present.
func (s Secret) IsSet() bool { return s.p != nil }

// IsZero reports whether the secret is absent, so that a struct field
// tagged omitzero is left out of the JSON encoding.
func (s Secret) IsZero() bool { return s.p == nil }

// text is the printed form: "[REDACTED]" or "[UNSET]".
func (s Secret) text() string {
	if s.p == nil {
		return unset
	}
	return redacted
}

// String returns "[REDACTED]", or "[UNSET]" for an absent secret.
func (s Secret) String() string { return s.text() }

// GoString returns the same as String, so that %#v does not show the
// value either.
func (s Secret) GoString() string { return s.text() }

// Format writes String's text for every verb and ignores width, precision
// and flags, so that neither the value nor its length can leak through fmt.
func (s Secret) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, s.text())
}

// LogValue returns String's text, so that log/slog handlers never see the
// value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.text()) }

// MarshalJSON writes the value as a JSON string (null when absent): the
// wire encoding is the one place a secret goes.
func (s Secret) MarshalJSON() ([]byte, error) {
	if s.p == nil {
		return []byte("null"), nil
	}
	return json.Marshal(*s.p)
}

// UnmarshalJSON reads a JSON string.
func (s *Secret) UnmarshalJSON(data []byte) error {
	var v string
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*s = NewSecret(v)
	return nil
}

// Ptr returns a pointer to a copy of v. Use it to set optional fields:
//
//	req.TaskName = Ptr("smart-connect-1")
func Ptr[T any](v T) *T { return &v }
