package support

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
// allocates nothing until the first violation is added.
type violationList struct {
	list []Violation
}

// add records a violation at p.
func (vs *violationList) add(p *jsonPath, rule, msg string) {
	vs.list = append(vs.list, Violation{Path: p.String(), Rule: rule, Message: msg})
}

// addMember records a violation at p/name, for example a missing member.
func (vs *violationList) addMember(p *jsonPath, name, rule, msg string) {
	b := p.appendTo(make([]byte, 0, 64))
	b = appendPointerToken(append(b, '/'), name)
	vs.list = append(vs.list, Violation{Path: string(b), Rule: rule, Message: msg})
}

// err returns nil when no violation was added, else a *ValidationError.
func (vs *violationList) err() error {
	if len(vs.list) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs.list}
}
