package support

import (
	"maps"
	"slices"
	"strconv"
)

// The printed forms of values (String, GoString, Format, LogValue) show
// lists as [a b c] and maps as map["k":v ...] in key order; these helpers
// write them, each item or value through a function that appends one.

// appendList appends items to b as [a b c], each through appendItem.
func appendList[T any](b []byte, items []T, appendItem func([]byte, T) []byte) []byte {
	b = append(b, '[')
	for i, v := range items {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendItem(b, v)
	}
	return append(b, ']')
}

// appendMap appends m to b as map["k":v ...], its keys in order, each value
// through appendValue.
func appendMap[T any](b []byte, m map[string]T, appendValue func([]byte, T) []byte) []byte {
	b = append(b, "map["...)
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendQuote(b, k)
		b = append(b, ':')
		b = appendValue(b, m[k])
	}
	return append(b, ']')
}

// appendQuoted appends a value of a string type (an enum) quoted.
func appendQuoted[S ~string](b []byte, v S) []byte { return strconv.AppendQuote(b, string(v)) }

// appendInt appends an integer in decimal.
func appendInt[I ~int32 | ~int64](b []byte, v I) []byte { return strconv.AppendInt(b, int64(v), 10) }

// appendFloat appends a number in the shortest form that reads back the
// same.
func appendFloat(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'g', -1, 64) }

// appendRedacted appends what a secret prints as, whatever its value.
func appendRedacted[T any](b []byte, _ T) []byte { return append(b, redacted...) }
