package support

import (
	"strconv"
	"testing"
)

type textKind string

func TestTextHelpers(t *testing.T) {
	for _, c := range []struct {
		name string
		got  []byte
		want string
	}{
		{"empty list", appendList(nil, []string{}, strconv.AppendQuote), `[]`},
		{"list", appendList(nil, []string{"a", "b c"}, strconv.AppendQuote), `["a" "b c"]`},
		{"ints", appendList([]byte("x="), []int32{1, -2}, appendInt), `x=[1 -2]`},
		{"floats", appendList(nil, []float64{0.5, 1e21}, appendFloat), `[0.5 1e+21]`},
		{"enum", appendList(nil, []textKind{"on"}, appendQuoted), `["on"]`},
		{"secrets", appendList(nil, []string{"hunter2", "x"}, appendRedacted), `[[REDACTED] [REDACTED]]`},
		{"map in key order", appendMap(nil, map[string]int64{"b": 2, "a": 1, "c": 3}, appendInt), `map["a":1 "b":2 "c":3]`},
		{"empty map", appendMap(nil, map[string]bool{}, strconv.AppendBool), `map[]`},
		{"nested", appendList(nil, [][]string{{"a"}, {}}, func(b []byte, v []string) []byte {
			return appendList(b, v, strconv.AppendQuote)
		}), `[["a"] []]`},
		{"null", appendNullable(nil, Nullable[string]{Null: true}, strconv.AppendQuote), `null`},
		{"not null", appendNullable(nil, Nullable[string]{Value: "v"}, strconv.AppendQuote), `"v"`},
	} {
		if string(c.got) != c.want {
			t.Errorf("%s: %s, want %s", c.name, c.got, c.want)
		}
	}
}
