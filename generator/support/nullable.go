package support

import "encoding/json"

// Nullable holds the value of a field whose schema admits null, keeping an
// explicit null apart from a value: Null is true for null, else Value is
// the value. A nil *Nullable field is an absent one.
type Nullable[T any] struct {
	// Value is the value when Null is false.
	Value T
	// Null reports an explicit null.
	Null bool
}

// MarshalJSON writes null, or the value.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON reads null, or a value.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*n = Nullable[T]{Null: true}
		return nil
	}
	n.Null = false
	return json.Unmarshal(data, &n.Value)
}

// appendNullable appends null, or v's value through appendValue, as the
// printed forms show a value that may be null.
func appendNullable[T any](b []byte, v Nullable[T], appendValue func([]byte, T) []byte) []byte {
	if v.Null {
		return append(b, "null"...)
	}
	return appendValue(b, v.Value)
}
