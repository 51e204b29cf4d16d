package support

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
)

// redacted is what every printed form of a set Secret shows.
const redacted = "[REDACTED]"

// unset is what the printed forms of an absent Secret show.
const unset = "[UNSET]"

// Secret is a string that never prints. Every fmt verb, String, GoString
// and slog show "[REDACTED]" (or "[UNSET]" for the zero value), never the
// value or its length; html/template and encoding/json get an error, not
// the value. Printers that read struct fields by reflection and skip
// methods (go-spew, testify's diffs, go-cmp with an Exporter) see only
// the value sealed with a key of this process: bytes that say nothing of
// it. Equal compares two secrets, so go-cmp needs no option for them.
//
// Only the package's encoders (the Encode functions and the client) write
// the value: on the wire, where it belongs. Value returns it where code
// needs it.
//
// The zero Secret is an absent one; NewSecret makes a present one, the
// empty string included.
type Secret struct {
	s *sealed
}

// sealed holds a secret's value, its length first, padded to a multiple of
// 32 bytes and XORed with the process's key stream: the same value always
// seals to the same bytes within a process, so that reflect.DeepEqual
// still compares secrets by value.
type sealed struct {
	b []byte
}

// keyStream returns at least n bytes of this process's key stream: the
// SHA-256 of a random key and a counter, block after block. It is the
// same for every secret, so that sealing is deterministic; it keeps
// printers from showing a value, and is no encryption at rest.
var keyStream = sync.OnceValue(func() *stream {
	s := &stream{}
	if _, err := rand.Read(s.key[:]); err != nil {
		panic("secret: no randomness: " + err.Error())
	}
	return s
})

type stream struct {
	key [32]byte
	mu  sync.Mutex
	buf []byte // the stream so far
}

// xor XORs b with the start of the stream, in place.
func (s *stream) xor(b []byte) {
	s.mu.Lock()
	for len(s.buf) < len(b) {
		var block [40]byte
		copy(block[:], s.key[:])
		binary.BigEndian.PutUint64(block[32:], uint64(len(s.buf)/32))
		sum := sha256.Sum256(block[:])
		s.buf = append(s.buf, sum[:]...)
	}
	pad := s.buf[:len(b)]
	s.mu.Unlock()
	subtle.XORBytes(b, b, pad)
}

// NewSecret returns a present Secret holding v.
func NewSecret(v string) Secret {
	n := (4 + len(v) + 31) / 32 * 32
	b := make([]byte, n)
	binary.BigEndian.PutUint32(b, uint32(len(v)))
	copy(b[4:], v)
	keyStream().xor(b)
	return Secret{s: &sealed{b: b}}
}

// Value returns the secret string, "" when the secret is absent.
func (s Secret) Value() string {
	var buf [128]byte
	return string(s.appendValue(buf[:0]))
}

// appendValue appends the secret's value to b: for the package's own code
// that needs its bytes (the signer's key), without a string to linger.
func (s Secret) appendValue(b []byte) []byte {
	if s.s == nil {
		return b
	}
	start := len(b)
	b = append(b, s.s.b...)
	keyStream().xor(b[start:])
	n := int(binary.BigEndian.Uint32(b[start:]))
	copy(b[start:], b[start+4:start+4+n])
	return b[:start+n]
}

// size returns the length of the value in bytes.
func (s Secret) size() int {
	if s.s == nil {
		return 0
	}
	var buf [128]byte
	return len(s.appendValue(buf[:0]))
}

// IsSet reports whether the secret is present.
func (s Secret) IsSet() bool { return s.s != nil }

// IsZero reports whether the secret is absent, so that a struct field
// tagged omitzero is left out of an encoding.
func (s Secret) IsZero() bool { return s.s == nil }

// Equal reports whether s and t are both absent, or both present with the
// same value. It compares in constant time.
func (s Secret) Equal(t Secret) bool {
	if s.s == nil || t.s == nil {
		return s.s == nil && t.s == nil
	}
	return subtle.ConstantTimeCompare(s.s.b, t.s.b) == 1
}

// text is the printed form: "[REDACTED]" or "[UNSET]".
func (s Secret) text() string {
	if s.s == nil {
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

// errSecretJSON is what encoding/json (and html/template, which encodes
// values in scripts with it) gets for a present Secret.
var errSecretJSON = errors.New("a Secret is not encoded by encoding/json, so that no template or logger can show it; encode the request with the package's Encode function or send it with the Client")

// MarshalJSON encodes an absent secret as null and refuses a present one:
// the value goes out only through the package's own encoders.
func (s Secret) MarshalJSON() ([]byte, error) {
	if s.s == nil {
		return []byte("null"), nil
	}
	return nil, errSecretJSON
}

// UnmarshalJSON reads a JSON string. A null is an error, as it is for the
// package's decoders: a secret is a string or absent.
func (s *Secret) UnmarshalJSON(data []byte) error {
	var d decoder
	d.init(data)
	v, ok := d.readString(nil, "secret")
	if err := d.finish(); err != nil || !ok {
		if err == nil {
			err = errors.New("must be a string")
		}
		return err
	}
	*s = NewSecret(v)
	return nil
}

// Ptr returns a pointer to a copy of v. Use it to set optional fields:
//
//	req.TaskName = Ptr("smart-connect-1")
func Ptr[T any](v T) *T { return &v }
