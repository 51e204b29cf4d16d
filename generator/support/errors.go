package support

import (
	"strconv"
	"strings"
)

// Violation is one way a document or value breaks the schema.
type Violation struct {
	// Path is the RFC 6901 JSON pointer into the instance where the problem
	// is. For a missing member it points where the member belongs. The whole
	// document is the empty pointer "".
	Path string
	// Rule identifies the schema rule that failed: a JSON pointer into the
	// schema document such as
	// "#/components/schemas/X/properties/y/type", or "json" for a document
	// that is not well-formed JSON.
	Rule string
	// Message says what is wrong and, for a conditional rule, under which
	// condition, for example "required when source_type is NONE". It never
	// contains the value of a sensitive field.
	Message string
}

// String returns the violation as "path: message". The empty path (the
// whole document) is written as "(root)".
func (v Violation) String() string {
	path := v.Path
	if path == "" {
		path = "(root)"
	}
	return path + ": " + v.Message
}

// ValidationError is the error returned by the generated Decode functions
// and Validate methods. It lists every violation found, in a stable order:
// decode problems in document order, rule violations in schema order.
type ValidationError struct {
	Violations []Violation

	one [1]Violation // storage for a single violation
}

// Error returns the violations, one "path: message" per line. A single
// violation gives a single line.
func (e *ValidationError) Error() string {
	switch len(e.Violations) {
	case 0:
		return ""
	case 1:
		return e.Violations[0].String()
	}
	n := len(e.Violations) - 1
	for _, v := range e.Violations {
		n += len(v.Path) + len(": ") + len(v.Message)
		if v.Path == "" {
			n += len("(root)")
		}
	}
	b := make([]byte, 0, n)
	for i, v := range e.Violations {
		if i > 0 {
			b = append(b, '\n')
		}
		if v.Path == "" {
			b = append(b, "(root)"...)
		} else {
			b = append(b, v.Path...)
		}
		b = append(b, ": "...)
		b = append(b, v.Message...)
	}
	return string(b)
}

// violationList collects violations. Its zero value is ready to use and
// allocates nothing until err is called with a violation recorded: the
// first violation is held in place, which is the common case of an invalid
// value.
type violationList struct {
	one  Violation   // the first violation
	list []Violation // every violation, once there is more than one
	n    int
}

// push records v.
func (vs *violationList) push(v Violation) {
	switch vs.n {
	case 0:
		vs.one = v
	case 1:
		vs.list = append(make([]Violation, 0, 4), vs.one, v)
	default:
		vs.list = append(vs.list, v)
	}
	vs.n++
}

// add records a violation at p.
func (vs *violationList) add(p *jsonPath, rule, msg string) {
	vs.push(Violation{Path: p.String(), Rule: rule, Message: msg})
}

// addField records a violation at the member of p whose escaped reference
// token is token ("/redis_password"), for example a missing member.
func (vs *violationList) addField(p *jsonPath, token, rule, msg string) {
	if p == nil {
		vs.push(Violation{Path: token, Rule: rule, Message: msg})
		return
	}
	vs.push(Violation{Path: string(append(p.appendTo(make([]byte, 0, 64)), token...)), Rule: rule, Message: msg})
}

// addValue records a violation at p whose message quotes the offending
// value: prefix, the value in double quotes, then suffix. The message is
// built with one allocation.
//
// The path and the message share one allocation: both are written into one
// string, which the violation's two fields slice.
func (vs *violationList) addValue(p *jsonPath, rule, prefix, value, suffix string) {
	var buf [64]byte
	path := p.appendTo(buf[:0])
	var b strings.Builder
	b.Grow(len(path) + len(prefix) + len(value) + 2 + len(suffix))
	b.Write(path)
	n := b.Len()
	b.WriteString(prefix)
	if plainQuotable(value) {
		b.WriteByte('"')
		b.WriteString(value)
		b.WriteByte('"')
	} else {
		b.WriteString(strconv.Quote(value))
	}
	b.WriteString(suffix)
	s := b.String()
	vs.push(Violation{Path: s[:n], Rule: rule, Message: s[n:]})
}

// plainQuotable reports whether strconv.Quote(s) is s between double
// quotes: printable ASCII without '"' or '\\'.
func plainQuotable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// err returns nil when no violation was recorded, else a *ValidationError.
func (vs *violationList) err() error {
	switch vs.n {
	case 0:
		return nil
	case 1:
		e := &ValidationError{one: [1]Violation{vs.one}}
		e.Violations = e.one[:]
		return e
	}
	return &ValidationError{Violations: vs.list}
}
