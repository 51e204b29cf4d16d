package support

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"
)

// Value is a JSON value of any type: the Go type of a schema that leaves
// the JSON type open, such as {} or a schema without "type". Its zero
// value is absent, so absent and null stay apart; ParseValue and
// MustParseValue make one from JSON text, and JSON gives the text back.
//
// A Value is read-only once made: copies share the parsed value, and
// Validate may check it from several goroutines at once. Its JSON keeps
// every number as written (1.0 stays 1.0, a 30-digit integer keeps every
// digit) and the members of objects in their order.
type Value struct {
	n *valueNode
}

// valueNode is one parsed JSON value.
type valueNode struct {
	kind int // kindObject ... kindNull
	// text is a string's value, a number as written, or "true"/"false".
	text    string
	num     decimal // a number's value
	items   []valueNode
	members []valueMember
	// index maps member names to their position in members, for objects
	// with many members.
	index map[string]int
}

// valueMember is one member of a JSON object.
type valueMember struct {
	name  string
	value valueNode
}

// indexFrom is the number of members from which an object gets an index.
const indexFrom = 16

// ParseValue reads data, which must be exactly one JSON value (white space
// around it aside), into a Value. A syntax error, an object that repeats a
// member name, invalid UTF-8 and nesting beyond 10000 levels are errors,
// as they are for every decoder of the package.
func ParseValue(data []byte) (Value, error) {
	var d decoder
	d.init(data)
	v, _ := d.readValue(nil)
	if err := d.finish(); err != nil {
		return Value{}, err
	}
	return v, nil
}

// MustParseValue is ParseValue for JSON text known to be valid, such as
// a literal in a program; it panics when it is not.
func MustParseValue(json string) Value {
	v, err := ParseValue([]byte(json))
	if err != nil {
		panic("MustParseValue: " + err.Error())
	}
	return v
}

// IsSet reports whether v holds a value (null included).
func (v Value) IsSet() bool { return v.n != nil }

// IsZero reports whether v is absent, for encoding/json's omitzero.
func (v Value) IsZero() bool { return v.n == nil }

// IsNull reports whether v is the JSON null.
func (v Value) IsNull() bool { return v.n != nil && v.n.kind == kindNull }

// JSON returns v as compact JSON text, or nil when v is absent.
func (v Value) JSON() []byte {
	if v.n == nil {
		return nil
	}
	var e encoder
	e.value(v)
	return e.b
}

// String returns v as compact JSON text ("" when absent).
func (v Value) String() string { return string(v.JSON()) }

// MarshalJSON returns v as JSON text; an absent Value is null.
func (v Value) MarshalJSON() ([]byte, error) {
	if v.n == nil {
		return []byte("null"), nil
	}
	return v.JSON(), nil
}

// UnmarshalJSON sets v to the JSON value data, as ParseValue reads it.
func (v *Value) UnmarshalJSON(data []byte) error {
	if v == nil {
		return errors.New("UnmarshalJSON on a nil *Value")
	}
	w, err := ParseValue(data)
	if err != nil {
		return err
	}
	*v = w
	return nil
}

// Equal reports whether v and w are the same JSON value, as JSON Schema
// compares values: numbers by their value (1 equals 1.0), objects whatever
// the order of their members. Two absent Values are equal.
func (v Value) Equal(w Value) bool {
	if v.n == nil || w.n == nil {
		return v.n == nil && w.n == nil
	}
	return equalNodes(v.n, w.n)
}

// readValue reads the next value, of any JSON type, at p.
func (d *decoder) readValue(p *jsonPath) (Value, bool) {
	n := new(valueNode)
	if !d.readNode(p, n) {
		return Value{}, false
	}
	return Value{n}, true
}

// readNode reads the next value into n.
func (d *decoder) readNode(p *jsonPath, n *valueNode) bool {
	if d.failed {
		return false
	}
	d.skipSpace()
	if d.pos >= len(d.data) {
		d.syntaxError(p, d.pos, "expected a value")
		return false
	}
	switch kindOf(d.data[d.pos]) {
	case kindObject:
		if !d.open(p) {
			return false
		}
		n.kind = kindObject
		ok := true
		for {
			name, more := d.nextMember(p)
			if !more {
				break
			}
			if n.member(string(name)) != nil {
				d.duplicateMember(p, name)
				ok = false
				continue
			}
			n.members = append(n.members, valueMember{name: string(name)})
			m := &n.members[len(n.members)-1]
			mp := p.member(m.name)
			if !d.readNode(&mp, &m.value) {
				ok = false
			}
			if n.index != nil || len(n.members) == indexFrom {
				n.reindex()
			}
		}
		return ok && !d.failed
	case kindArray:
		if !d.open(p) {
			return false
		}
		n.kind = kindArray
		ok := true
		for d.nextItem(p) {
			n.items = append(n.items, valueNode{})
			ip := p.item(len(n.items) - 1)
			if !d.readNode(&ip, &n.items[len(n.items)-1]) {
				ok = false
			}
		}
		return ok && !d.failed
	case kindString:
		s, ok := d.readString(p, "json")
		n.kind, n.text = kindString, s
		return ok
	case kindNumber:
		start := d.pos
		if !d.scanNumber(p) {
			return false
		}
		n.kind, n.text = kindNumber, string(d.data[start:d.pos])
		n.num = parseDecimal(n.text)
		return true
	}
	switch d.data[d.pos] {
	case 't':
		n.kind, n.text = kindBoolean, "true"
		return d.literal(p, "true")
	case 'f':
		n.kind, n.text = kindBoolean, "false"
		return d.literal(p, "false")
	case 'n':
		n.kind = kindNull
		return d.literal(p, "null")
	}
	d.syntaxError(p, d.pos, "expected a value")
	return false
}

// reindex records the position of the last member in n's index, making
// the index when there is none yet.
func (n *valueNode) reindex() {
	if n.index == nil {
		n.index = make(map[string]int, 2*indexFrom)
		for i, m := range n.members {
			n.index[m.name] = i
		}
		return
	}
	last := len(n.members) - 1
	n.index[n.members[last].name] = last
}

// member returns the value of member name of object n, or nil.
func (n *valueNode) member(name string) *valueNode {
	if n.index != nil {
		if i, ok := n.index[name]; ok {
			return &n.members[i].value
		}
		return nil
	}
	for i := range n.members {
		if n.members[i].name == name {
			return &n.members[i].value
		}
	}
	return nil
}

// has reports whether object n has member name.
func (n *valueNode) has(name string) bool { return n.member(name) != nil }

// value writes v as compact JSON.
func (e *encoder) value(v Value) {
	if v.n == nil {
		e.null()
		return
	}
	e.node(v.n)
}

func (e *encoder) node(n *valueNode) {
	switch n.kind {
	case kindObject:
		e.beginObject()
		for i := range n.members {
			e.key(n.members[i].name)
			e.node(&n.members[i].value)
		}
		e.endObject()
	case kindArray:
		e.beginArray()
		for i := range n.items {
			e.item()
			e.node(&n.items[i])
		}
		e.endArray()
	case kindString:
		e.string(n.text)
	case kindNumber, kindBoolean:
		e.b = append(e.b, n.text...)
	default:
		e.null()
	}
}

// equalNodes reports whether a and b are the same JSON value.
func equalNodes(a, b *valueNode) bool {
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case kindNumber:
		return a.num.cmp(b.num) == 0
	case kindString, kindBoolean:
		return a.text == b.text
	case kindArray:
		if len(a.items) != len(b.items) {
			return false
		}
		for i := range a.items {
			if !equalNodes(&a.items[i], &b.items[i]) {
				return false
			}
		}
		return true
	case kindObject:
		if len(a.members) != len(b.members) {
			return false
		}
		for i := range a.members {
			w := b.member(a.members[i].name)
			if w == nil || !equalNodes(&a.members[i].value, w) {
				return false
			}
		}
		return true
	}
	return true
}

// appendCanonical appends a text that is the same for two values exactly
// when they are equal: numbers by value, object members sorted by name.
func appendCanonical(b []byte, n *valueNode) []byte {
	switch n.kind {
	case kindObject:
		order := make([]int, len(n.members))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(i, j int) int { return strings.Compare(n.members[i].name, n.members[j].name) })
		b = append(b, '{')
		for k, i := range order {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, n.members[i].name)
			b = append(b, ':')
			b = appendCanonical(b, &n.members[i].value)
		}
		return append(b, '}')
	case kindArray:
		b = append(b, '[')
		for i := range n.items {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCanonical(b, &n.items[i])
		}
		return append(b, ']')
	case kindString:
		return appendJSONString(b, n.text)
	case kindNumber:
		return n.num.canonical(b)
	case kindBoolean:
		return append(b, n.text...)
	}
	return append(b, "null"...)
}

// The checks of JSON Schema keywords on a Value, for the generated
// validators of schemas that leave the JSON type open. Each applies to
// the JSON types its keyword is about and passes any other value.

// isInteger reports whether n is a number with a whole value.
func (n *valueNode) isInteger() bool { return n.kind == kindNumber && n.num.isInteger() }

// typeName is the JSON type of n for messages: "integer" for a whole
// number.
func (n *valueNode) typeName() string {
	if n.isInteger() {
		return "integer"
	}
	return kindNames[n.kind]
}

// length is the length of string n in Unicode code points.
func (n *valueNode) length() int { return utf8.RuneCountInString(n.text) }

// uniqueItems reports whether no two items of array n are equal.
func (n *valueNode) uniqueItems() bool {
	if len(n.items) < 2 {
		return true
	}
	if len(n.items) <= 8 {
		for i := range n.items {
			for j := i + 1; j < len(n.items); j++ {
				if equalNodes(&n.items[i], &n.items[j]) {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[string]struct{}, len(n.items))
	var buf []byte
	for i := range n.items {
		buf = appendCanonical(buf[:0], &n.items[i])
		if _, dup := seen[string(buf)]; dup {
			return false
		}
		seen[string(buf)] = struct{}{}
	}
	return true
}

// matches reports whether n, at p, passes check, which records what it
// finds in the list it is given: a quiet one, which counts and describes
// nothing.
func matches(check func(*violationList, *jsonPath, *valueNode), p *jsonPath, n *valueNode) bool {
	q := violationList{quiet: true}
	check(&q, p, n)
	return q.n == 0
}
