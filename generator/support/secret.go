package support

import (
	"fmt"
	"io"
	"log/slog"
)

// redacted is what every printed form of a set Secret shows.
const redacted = "[REDACTED]"

// Secret is a string that never prints. fmt verbs (%v, %+v, %#v, %s, %q,
// %x and the rest), String, GoString and slog all show "[REDACTED]";
// only the JSON wire encoding (encoding/json, and the generated encoders)
// carries the value. Convert with string(s) where the value is really needed.
type Secret string

// String returns "[REDACTED]".
func (s Secret) String() string { return redacted }

// GoString returns "[REDACTED]", so that %#v does not show the value either.
func (s Secret) GoString() string { return redacted }

// Format writes "[REDACTED]" for every verb and ignores width, precision
// and flags, so that neither the value nor its length can leak through fmt.
func (s Secret) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, redacted)
}

// LogValue returns "[REDACTED]" as a string value, so that log/slog
// handlers (text, JSON and others) never see the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// Ptr returns a pointer to a copy of v. Use it to set optional fields:
//
//	req.TaskName = Ptr("smart-connect-1")
func Ptr[T any](v T) *T { return &v }
