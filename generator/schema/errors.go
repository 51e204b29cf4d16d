package schema

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// Error is a problem in the input schema, at a position and a schema
// pointer.
type Error struct {
	Pos     ir.Pos
	Pointer string // "#/components/schemas/X/properties/y", "" when unknown
	Msg     string
}

// Error returns "file:line:col: #/pointer: message".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	if e.Pointer != "" {
		b.WriteString(": ")
		b.WriteString(e.Pointer)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in the input, sorted by position.
type Errors []*Error

// Error returns one problem per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sort orders es by file, line, column, pointer and message, and drops
// exact duplicates.
func (es Errors) sort() Errors {
	slices.SortFunc(es, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Pointer, b.Pointer),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(es, func(a, b *Error) bool { return *a == *b })
}

// errorf records a problem.
func (b *builder) errorf(pos ir.Pos, ptr, format string, args ...any) {
	b.errs = append(b.errs, &Error{Pos: pos, Pointer: ptr, Msg: fmt.Sprintf(format, args...)})
}
