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

// Keyword returns the schema keyword of the rule that failed: the last
// token of Rule ("required", "enum", "minimum", "additionalProperties",
// "type", "oneOf"...), "json" for a document that is not well-formed JSON
// or repeats a member, and "" for a Rule of another form.
func (v Violation) Keyword() string {
	if v.Rule == "json" {
		return "json"
	}
	i := strings.LastIndexByte(v.Rule, '/')
	if i < 0 || !strings.HasPrefix(v.Rule, "#") && !strings.Contains(v.Rule, ".yaml#") && !strings.Contains(v.Rule, ".json#") {
		return ""
	}
	kw := v.Rule[i+1:]
	if kw != "" && kw[0] >= '0' && kw[0] <= '9' {
		// An item of a keyword's list (required/0, allOf/1, parameters/0):
		// the keyword before it.
		rest := v.Rule[:i]
		kw = rest[strings.LastIndexByte(rest, '/')+1:]
	}
	return kw
}

// Kind returns the family of the violation, for programs that act on
// violations: "syntax" (not well-formed JSON), "duplicate" (a repeated
// member), "unknown" (a member the schema does not declare), "type" (the
// wrong JSON type, or a number outside its format), "required", "value"
// (enum, const), "range" (numeric bounds), "string" (length, pattern),
// "array" (item counts, items), "parameter" (a path or query parameter),
// "rule" (a combination of rules: allOf, anyOf, oneOf, not, if/then/else,
// dependentRequired), and "" for anything else.
func (v Violation) Kind() string {
	switch kw := v.Keyword(); kw {
	case "json":
		if strings.HasPrefix(v.Message, "duplicate") {
			return "duplicate"
		}
		return "syntax"
	case "additionalProperties":
		return "unknown"
	case "type", "format":
		return "type"
	case "required":
		if strings.Contains(v.Rule, "/parameters/") {
			return "parameter"
		}
		return "required"
	case "enum", "const":
		return "value"
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf":
		return "range"
	case "minLength", "maxLength", "pattern":
		return "string"
	case "minItems", "maxItems", "items", "uniqueItems":
		return "array"
	case "parameters":
		return "parameter"
	case "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentRequired":
		return "rule"
	}
	return ""
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
// and Validate methods. It lists the violations found, in a stable order:
// decode problems in document order, rule violations in schema order. It
// keeps at most MaxViolations of them, so that a hostile document cannot
// make it grow without end; Omitted counts the rest.
type ValidationError struct {
	// Violations holds the violations found, the first MaxViolations of
	// them.
	Violations []Violation
	// Omitted is how many more violations there were beyond the first
	// MaxViolations.
	Omitted int

	one [1]Violation // storage for a single violation
}

// MaxViolations is the most violations a ValidationError lists.
const MaxViolations = 100

// Error returns the violation, "path: message", when there is one; else
// the count and the first, on one line ("3 violations; the first:
// /a: required"). Violations holds them all.
func (e *ValidationError) Error() string {
	switch len(e.Violations) {
	case 0:
		return ""
	case 1:
		if e.Omitted == 0 {
			return e.Violations[0].String()
		}
	}
	return strconv.Itoa(len(e.Violations)+e.Omitted) + " violations; the first: " + e.Violations[0].String()
}

// violationList collects violations. Its zero value is ready to use and
// allocates nothing until err is called with a violation recorded: the
// first violation is held in place, which is the common case of an invalid
// value.
type violationList struct {
	one     Violation   // the first violation
	list    []Violation // every violation, once there is more than one
	n       int
	omitted int // violations beyond MaxViolations, counted only
	// nest is the way down to the value of a recursive type being
	// validated.
	nest nesting
	// quiet is set for a list that only counts: a schema tried as a
	// condition (anyOf, not, if...) needs to know whether a value passes,
	// not why it does not.
	quiet bool
}

// full reports whether the list holds MaxViolations: further violations
// are only counted, so a caller may skip the work of describing them.
func (vs *violationList) full() bool { return vs.n >= MaxViolations }

// push records v.
func (vs *violationList) push(v Violation) {
	if vs.full() {
		vs.omitted++
		return
	}
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
	if vs.quiet {
		vs.n++
		return
	}
	if vs.full() {
		vs.omitted++
		return
	}
	vs.push(Violation{Path: p.String(), Rule: rule, Message: msg})
}

// addField records a violation at the member of p whose escaped reference
// token is token ("/redis_password"), for example a missing member.
func (vs *violationList) addField(p *jsonPath, token, rule, msg string) {
	if vs.quiet {
		vs.n++
		return
	}
	if vs.full() {
		vs.omitted++
		return
	}
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
	if vs.quiet {
		vs.n++
		return
	}
	if vs.full() {
		vs.omitted++
		return
	}
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
		e := &ValidationError{one: [1]Violation{vs.one}, Omitted: vs.omitted}
		e.Violations = e.one[:]
		return e
	}
	return &ValidationError{Violations: vs.list, Omitted: vs.omitted}
}

// maxNesting is how deep values of recursive types may nest in a value
// being validated: as deep as the decoder lets a document nest, so that
// every decoded value passes; a deeper one was built in Go.
const maxNesting = maxDepth

// maxPrintNesting is how deep the printed forms show values of recursive
// types.
const maxPrintNesting = 100

// enter is called by the validate method of a recursive type with its
// receiver: it records a violation at p under rule and returns false when
// x holds itself or is nested too deeply, and otherwise goes one level
// down, which leave undoes.
func (vs *violationList) enter(x any, p *jsonPath, rule string) bool {
	if why := vs.nest.enter(x, maxNesting); why != "" {
		vs.add(p, rule, why)
		return false
	}
	return true
}

// leave ends what enter began.
func (vs *violationList) leave() { vs.nest.leave() }
