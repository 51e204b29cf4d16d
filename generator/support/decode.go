package support

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decoder is a strict, allocation-frugal JSON reader for the generated
// Decode functions. The generated code drives it token by token; every
// problem becomes a Violation with the JSON pointer of where it is, and
// decoding goes on after a type problem (the value is skipped) so that all
// problems are reported at once. A syntax error stops decoding: it is
// reported once, with its byte offset, and every later call returns false.
//
// The zero value is not ready; use init.
type decoder struct {
	data   []byte
	pos    int
	vs     violationList
	failed bool // a syntax error was reported; stop

	// first is set by beginObject and beginArray: the next member or item
	// is the first one, so no ',' comes before it. Any member name, item or
	// closing bracket clears it, so one flag serves every nesting level.
	first bool
	// depth counts the objects and arrays open around d.pos.
	depth int
	// text holds the bytes of the strings decoded so far (see keep): the
	// strings of one decoded value share a few blocks instead of taking an
	// allocation each.
	text strings.Builder
}

// maxDepth is the deepest nesting of objects and arrays accepted, the same
// limit as encoding/json's, so that both agree on which documents are valid.
const maxDepth = 10000

// JSON value kinds, as found from a value's first byte.
const (
	kindInvalid = iota // no value can start with this byte
	kindObject
	kindArray
	kindString
	kindNumber
	kindBoolean
	kindNull
)

// kindNames are the JSON type names used in messages, by kind.
var kindNames = [...]string{
	kindInvalid: "invalid",
	kindObject:  "object",
	kindArray:   "array",
	kindString:  "string",
	kindNumber:  "number",
	kindBoolean: "boolean",
	kindNull:    "null",
}

// kindOf returns the kind of the value starting with byte c.
func kindOf(c byte) int {
	switch c {
	case '{':
		return kindObject
	case '[':
		return kindArray
	case '"':
		return kindString
	case 't', 'f':
		return kindBoolean
	case 'n':
		return kindNull
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return kindNumber
	}
	return kindInvalid
}

// MaxDocumentSize is the most bytes the Decode...From functions read: far
// more than any document of the API, little enough that a stream without
// end is refused quickly.
const MaxDocumentSize = 32 << 20

// readDocument reads all of r, at most MaxDocumentSize bytes.
func readDocument(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxDocumentSize {
		return nil, errors.New("the document is larger than MaxDocumentSize (" + strconv.Itoa(MaxDocumentSize>>20) + " MiB)")
	}
	return data, nil
}

// init prepares d to read data.
func (d *decoder) init(data []byte) {
	*d = decoder{data: data}
}

// finish checks that only white space follows the top-level value and
// returns the collected violations as an error (nil when there are none).
func (d *decoder) finish() error {
	if !d.failed {
		d.skipSpace()
		switch {
		case d.pos < len(d.data):
			d.syntaxError(nil, d.pos, "expected end of input after the top-level value")
		case !d.readSomething():
			d.syntaxError(nil, d.pos, "expected a value")
		}
	}
	return d.vs.err()
}

// readSomething reports whether a byte other than white space comes before
// d.pos, that is whether a value has been read. It looks back over white
// space only, so at the end of a document it costs little.
func (d *decoder) readSomething() bool {
	for i := d.pos - 1; i >= 0; i-- {
		if !isSpace(d.data[i]) {
			return true
		}
	}
	return false
}

// beginObject consumes '{' and returns true when the next value is an
// object. Otherwise it records "must be an object" (naming the JSON type
// found, null included) at p under rule, skips the value and returns false.
func (d *decoder) beginObject(p *jsonPath, rule string) bool {
	if d.failed {
		return false
	}
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '{' {
		return d.open(p)
	}
	d.mismatch(p, rule, "must be an object, got ")
	return false
}

// open consumes the '{' or '[' at d.pos, entering one more level.
func (d *decoder) open(p *jsonPath) bool {
	if d.depth >= maxDepth {
		d.syntaxError(p, d.pos, tooDeep)
		return false
	}
	d.pos++
	d.depth++
	d.first = true
	return true
}

// tooDeep is the syntax error message for nesting beyond maxDepth.
const tooDeep = "expected at most 10000 nested objects and arrays"

// nextMember advances to the next member of the object being read, which
// is at p (the path a syntax error in the object's structure reports): it
// returns the member name (unescaped; the slice may alias the input and is
// valid until the next call) and true, with the ':' consumed and the value
// next; or nil and false after consuming the closing '}' (or on a syntax
// error).
func (d *decoder) nextMember(p *jsonPath) ([]byte, bool) {
	if d.failed {
		return nil, false
	}
	// The common case first: `,"name":` (or `"name":` for the first
	// member), with no white space and a name of printable ASCII.
	data, i := d.data, d.pos
	if i < len(data) {
		switch {
		case data[i] == '"' && d.first:
			i++
		case data[i] == ',' && !d.first && i+1 < len(data) && data[i+1] == '"':
			i += 2
		default:
			i = -1
		}
		if i >= 0 {
			if end := plainASCII(data, i); end >= 0 && data[end] == '"' && end+1 < len(data) && data[end+1] == ':' {
				d.pos = end + 2
				d.first = false
				return data[i:end], true
			}
		}
	}
	d.skipSpace()
	if d.pos >= len(d.data) {
		if d.first {
			d.syntaxError(p, d.pos, "expected a member name or '}'")
		} else {
			d.syntaxError(p, d.pos, "expected ',' or '}'")
		}
		return nil, false
	}
	c := d.data[d.pos]
	if c == '}' {
		d.pos++
		d.depth--
		d.first = false
		return nil, false
	}
	if d.first {
		d.first = false
		if c != '"' {
			d.syntaxError(p, d.pos, "expected a member name or '}'")
			return nil, false
		}
	} else {
		if c != ',' {
			d.syntaxError(p, d.pos, "expected ',' or '}'")
			return nil, false
		}
		d.pos++
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			d.syntaxError(p, d.pos, "expected a member name")
			return nil, false
		}
	}
	name, ok := d.scanName()
	if !ok {
		return nil, false
	}
	if !d.colon(p) {
		return nil, false
	}
	return name, true
}

// colon consumes white space and the ':' after a member name.
func (d *decoder) colon(p *jsonPath) bool {
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		d.syntaxError(p, d.pos, "expected ':' after the member name")
		return false
	}
	d.pos++
	return true
}

// scanName reads the member name string at d.pos (its opening quote). A
// name with no escapes and valid UTF-8 is returned as a slice of the input;
// any other is unescaped into a new slice (so that it stays valid whatever
// is read next).
func (d *decoder) scanName() ([]byte, bool) {
	start := d.pos + 1
	i := start + plainPrefix(d.data[start:])
	if i < len(d.data) && d.data[i] == '"' {
		d.pos = i + 1
		return d.data[start:i], true
	}
	end, ok := d.scanString(nil, d.pos)
	if !ok {
		return nil, false
	}
	d.pos = end
	return appendUnquoted(make([]byte, 0, end-start), d.data[start:end-1]), true
}

// unknownMember records "unknown field" at p/name under rule and skips the
// member's value. Used by closed (request) types. known lists the object's
// member names: when one is a likely misspelling of name, the message
// suggests it ("unknown field; did you mean \"rename_topic_enabled\"?").
// The message never repeats the name from the input.
func (d *decoder) unknownMember(p *jsonPath, name []byte, rule string, known []string) {
	if d.failed {
		return
	}
	if d.vs.full() {
		// Only counted from here on: no need to describe it.
		d.vs.omitted++
		d.skipValue(p)
		return
	}
	m := p.member(string(name))
	msg := "unknown field"
	if s := closest(string(name), known); s != "" {
		msg += "; did you mean " + strconv.Quote(s) + "?"
	}
	d.vs.add(&m, rule, msg)
	d.skipValue(&m)
}

// undeclared holds the names of the members of one object that its
// (lenient) type does not declare, so that a repeat is found: a JSON text
// whose object repeats a member name has no single meaning, declared
// member or not. The zero value is ready; it allocates nothing for the
// first few names, which alias the document.
type undeclared struct {
	names [8][]byte           // the first few, searched in order
	n     int                 // how many of names are set
	set   map[string]struct{} // all of them, once there are more
}

// skipUndeclared skips the value of a member the object's type does not
// declare: it reports it as a duplicate when the object had it already,
// and checks that no object inside the value repeats a member either.
func (d *decoder) skipUndeclared(u *undeclared, p *jsonPath, name []byte) {
	if d.failed {
		return
	}
	if u.seen(name) {
		d.duplicateMember(p, name)
		return
	}
	// A first pass builds no paths: skipChecked recurses, and a path
	// passed down a recursion has to live on the heap, which would move
	// every caller's path there too (and allocate one at every level).
	// Only when the value has a problem is it read again, with a path that
	// shares nothing with p, to report it.
	pos, depth, first, vs := d.pos, d.depth, d.first, d.vs
	d.skimChecked()
	if !d.failed && d.vs.n == vs.n && d.vs.omitted == vs.omitted {
		return
	}
	d.pos, d.depth, d.first, d.failed, d.vs = pos, depth, first, false, vs
	m := detached(p).memberBytes(name)
	d.skipChecked(&m)
}

// detached returns a path that prints as p does and shares no memory with
// it, for a path that must live on the heap.
func detached(p *jsonPath) *jsonPath {
	if p == nil {
		return nil
	}
	return &jsonPath{token: p.String(), index: -1}
}

// skipChecked skips the value at p, checking its syntax and, as the
// reference does, that no object in it repeats a member name. It recurses
// once a level, within the decoder's depth limit.
func (d *decoder) skipChecked(p *jsonPath) {
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '{' && d.data[d.pos] != '[' {
		d.skipValue(p)
		return
	}
	if !d.open(p) {
		return
	}
	if d.data[d.pos-1] == '[' {
		for i := 0; d.nextItem(p); i++ {
			ip := p.item(i)
			d.skipChecked(&ip)
		}
		return
	}
	var names undeclared
	for {
		name, ok := d.nextMember(p)
		if !ok {
			return
		}
		if names.seen(name) {
			d.duplicateMember(p, name)
			continue
		}
		m := p.memberBytes(name)
		d.skipChecked(&m)
	}
}

// skimChecked is skipChecked without paths, for a first pass: what it
// reports has no path.
func (d *decoder) skimChecked() {
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '{' && d.data[d.pos] != '[' {
		d.skipValue(nil)
		return
	}
	if !d.open(nil) {
		return
	}
	if d.data[d.pos-1] == '[' {
		for d.nextItem(nil) {
			d.skimChecked()
		}
		return
	}
	var names undeclared
	for {
		name, ok := d.nextMember(nil)
		if !ok {
			return
		}
		if names.seen(name) {
			d.duplicateMember(nil, name)
			continue
		}
		d.skimChecked()
	}
}

// seen records name and reports whether it was there already. A name
// slice stays valid: it aliases the document, or was made for it.
func (u *undeclared) seen(name []byte) bool {
	if u.set != nil {
		if _, ok := u.set[string(name)]; ok {
			return true
		}
		u.set[string(name)] = struct{}{}
		return false
	}
	for _, n := range u.names[:u.n] {
		if string(n) == string(name) {
			return true
		}
	}
	if u.n < len(u.names) {
		u.names[u.n] = name
		u.n++
		return false
	}
	u.set = make(map[string]struct{}, 16)
	for _, n := range u.names {
		u.set[string(n)] = struct{}{}
	}
	u.set[string(name)] = struct{}{}
	u.names, u.n = [8][]byte{}, 0
	return false
}

// closest returns the name in known within a small edit distance of name
// (one edit for short names, up to a quarter of the length for long ones),
// the nearest first, or "" when none is that near.
func closest(name string, known []string) string {
	limit := max(1, len(name)/4)
	best, bestDist := "", limit+1
	for _, k := range known {
		if d := editDistance(name, k, bestDist); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance returns the Levenshtein distance between a and b, or any
// value >= limit once the distance is known to reach limit.
func editDistance(a, b string, limit int) int {
	if abs(len(a)-len(b)) >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// repeated reports whether the member of an object whose bit in *seen
// is bit has been read before; it then records the repeat at p/name, as
// duplicateMember does, and skips the value. Otherwise it sets the bit.
func (d *decoder) repeated(seen *uint64, bit uint64, p *jsonPath, name []byte) bool {
	if *seen&bit == 0 {
		*seen |= bit
		return false
	}
	d.duplicateMember(p, name)
	return true
}

// duplicateMember records "duplicate field" at p/name and skips the value.
// A JSON text whose object repeats a member name has no single meaning, so
// strict and lenient decoders both reject it.
func (d *decoder) duplicateMember(p *jsonPath, name []byte) {
	if d.failed {
		return
	}
	if d.vs.full() {
		d.vs.omitted++
		d.skipValue(p)
		return
	}
	m := p.member(string(name))
	d.vs.add(&m, "json", "duplicate field")
	d.skipValue(&m)
}

// beginArray consumes '[' and returns true when the next value is an
// array; otherwise it records "must be an array" at p, skips the value and
// returns false.
func (d *decoder) beginArray(p *jsonPath, rule string) bool {
	if d.failed {
		return false
	}
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '[' {
		return d.open(p)
	}
	d.mismatch(p, rule, "must be an array, got ")
	return false
}

// nextItem returns true when another element of the array at p follows
// (consuming the ',' between elements), false after consuming the closing
// ']'. A syntax error in the array's structure is reported at p.
func (d *decoder) nextItem(p *jsonPath) bool {
	if d.failed {
		return false
	}
	d.skipSpace()
	if d.pos >= len(d.data) {
		if d.first {
			d.syntaxError(p, d.pos, "expected a value or ']'")
		} else {
			d.syntaxError(p, d.pos, "expected ',' or ']'")
		}
		return false
	}
	c := d.data[d.pos]
	if c == ']' {
		d.pos++
		d.depth--
		d.first = false
		return false
	}
	if d.first {
		// The item itself is checked by whatever reads it.
		d.first = false
		return true
	}
	if c != ',' {
		d.syntaxError(p, d.pos, "expected ',' or ']'")
		return false
	}
	d.pos++
	return true
}

// readNull consumes a null and returns true when the next value is null;
// otherwise it consumes nothing and returns false. Used for nullable types.
func (d *decoder) readNull() bool {
	if d.failed {
		return false
	}
	d.skipSpace()
	if len(d.data)-d.pos >= 4 && string(d.data[d.pos:d.pos+4]) == "null" {
		d.pos += 4
		return true
	}
	return false
}

// readString reads a string. On any other JSON type (null included) it
// records "must be a string" at p under rule, skips the value and returns
// false. Escapes and invalid UTF-8 are handled exactly as encoding/json
// does (invalid bytes become U+FFFD), so that the decoded value equals what
// a JSON Schema validator fed by encoding/json sees. The string is a copy
// (never the caller's bytes), kept with the others of the document (see
// keep).
func (d *decoder) readString(p *jsonPath, rule string) (string, bool) {
	raw, plain, ok := d.stringToken(p, rule)
	switch {
	case !ok:
		return "", false
	case plain:
		return d.keep(raw), true
	}
	var small [256]byte
	buf := small[:0]
	if len(raw) > len(small) {
		buf = make([]byte, 0, len(raw)) // the unescaped text is never longer
	}
	return d.keep(appendUnquoted(buf, raw)), true
}

// readSecret reads a string as readString does and returns it sealed in a
// Secret. Its text is copied nowhere else: the sealed copy is made from
// the input (or from a scratch buffer, cleared after, for a string with
// escapes), not from a string that would outlive the call.
func (d *decoder) readSecret(p *jsonPath, rule string) (Secret, bool) {
	raw, plain, ok := d.stringToken(p, rule)
	switch {
	case !ok:
		return Secret{}, false
	case plain:
		return sealBytes(raw), true
	}
	var small [128]byte
	buf := small[:0]
	if len(raw) > len(small) {
		buf = make([]byte, 0, len(raw))
	}
	buf = appendUnquoted(buf, raw)
	s := sealBytes(buf)
	clear(buf)
	return s, true
}

// stringToken reads the string at d.pos and returns its text without the
// quotes, and whether that text is plain (no escapes, valid UTF-8: the
// value itself). The text aliases the input. On another JSON type it
// records "must be a string" at p under rule, skips the value and returns
// false, as it does after a syntax error.
func (d *decoder) stringToken(p *jsonPath, rule string) (raw []byte, plain, ok bool) {
	if d.failed {
		return nil, false, false
	}
	if i := d.pos; i < len(d.data) && d.data[i] == '"' {
		// The common case first: no white space before the string, and
		// printable ASCII text.
		if end := plainASCII(d.data, i+1); end >= 0 && d.data[end] == '"' {
			d.pos = end + 1
			return d.data[i+1 : end], true, true
		}
	}
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		d.mismatch(p, rule, "must be a string, got ")
		return nil, false, false
	}
	start := d.pos + 1
	i := start + plainPrefix(d.data[start:])
	if i < len(d.data) && d.data[i] == '"' {
		d.pos = i + 1
		return d.data[start:i], true, true
	}
	end, ok := d.scanString(p, d.pos)
	if !ok {
		return nil, false, false
	}
	d.pos = end
	return d.data[start : end-1], false, true
}

// textBlock is the least size of a block of d.text, unless the rest of
// the document is smaller: a document of up to this size keeps all its
// strings in one block.
const textBlock = 1 << 20

// keep returns a string holding a copy of b. The copies share blocks,
// so that a document's strings cost one allocation, not one each: the
// first block holds the rest of the document (up to textBlock), in which
// every later string fits, since a string's text is never longer than its
// token. A full block is left to the strings that use it, and a new one
// begins, twice as large or the rest of the document.
func (d *decoder) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if d.text.Cap()-d.text.Len() < len(b) {
		rest := len(d.data) - d.pos
		if d.text.Cap() == 0 {
			rest /= 2 // names and punctuation take the other half, often more
		}
		size := len(b) + min(rest, max(textBlock, 2*d.text.Cap()))
		d.text = strings.Builder{}
		d.text.Grow(size)
	}
	n := d.text.Len()
	d.text.Write(b)
	return d.text.String()[n:]
}

// sealBytes returns a present Secret holding v, sealed as NewSecret seals
// a string, without making a string of v first. A short value takes one
// allocation.
func sealBytes(v []byte) Secret {
	n := (4 + len(v) + 31) / 32 * 32
	var s *sealed
	if n == 32 {
		c := new(struct {
			s sealed
			b [32]byte
		})
		c.s.b = c.b[:]
		s = &c.s
	} else {
		s = &sealed{b: make([]byte, n)}
	}
	binary.BigEndian.PutUint32(s.b, uint32(len(v)))
	copy(s.b[4:], v)
	keyStream().xor(s.b)
	return Secret{s: s}
}

// cell returns a pointer to a new zero value in the slab *s, which it
// refills with a new block when full: values decoded one after the other,
// such as the cells of the items of an array, are allocated a block at a
// time. The blocks grow from 8 values to 256.
func cell[T any](s *[]T) *T {
	if len(*s) == cap(*s) {
		*s = make([]T, 0, min(max(8, 2*cap(*s)), 256))
	}
	*s = (*s)[:len(*s)+1]
	return &(*s)[len(*s)-1]
}

// readBool reads true or false; on any other type it records "must be a
// boolean" at p under rule, skips the value and returns false.
func (d *decoder) readBool(p *jsonPath, rule string) (bool, bool) {
	if d.failed {
		return false, false
	}
	d.skipSpace()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case 't':
			return true, d.literal(p, "true")
		case 'f':
			return false, d.literal(p, "false")
		}
	}
	d.mismatch(p, rule, "must be a boolean, got ")
	return false, false
}

// readInt reads a JSON number that is an integer in the JSON Schema sense:
// its mathematical value is whole, whatever the spelling ("10", "1e1",
// "10.0", "-0", "1.5e1"; "1.5" and "1e-1" are not). Then it checks min <= value <= max
// exactly (no float rounding, any exponent):
//   - not a number (null included): "must be an integer" under typeRule;
//   - a number that is not whole: "must be an integer" under typeRule;
//   - below min: "must be >= MIN" under minRule;
//   - above max: "must be <= MAX" under maxRule.
//
// On failure it returns false; the value has been consumed either way.
func (d *decoder) readInt(p *jsonPath, typeRule string, min, max int64, minRule, maxRule string) (int64, bool) {
	class := intOK
	v, ok := d.plainInt()
	if !ok {
		tok, ok := d.numberToken(p, typeRule, "must be an integer, got ")
		if !ok {
			return 0, false
		}
		v, class = parseInt(tok)
	}
	switch {
	case class == intFraction:
		d.vs.add(p, typeRule, "must be an integer, got number")
	case class == intBelow || class == intOK && v < min:
		d.vs.add(p, minRule, "must be >= "+strconv.FormatInt(min, 10))
	case class == intAbove || class == intOK && v > max:
		d.vs.add(p, maxRule, "must be <= "+strconv.FormatInt(max, 10))
	default:
		return v, true
	}
	return 0, false
}

// plainInt reads the common integer: at d.pos (no white space before it),
// at most 18 digits without a fraction or an exponent, so that it fits an
// int64 as it is read. On anything else it reads nothing and returns
// false, leaving the number to numberToken and parseInt.
func (d *decoder) plainInt() (int64, bool) {
	if d.failed {
		return 0, false
	}
	data, i := d.data, d.pos
	neg := i < len(data) && data[i] == '-'
	if neg {
		i++
	}
	start := i
	var v int64
	for ; i < len(data) && isDigit(data[i]); i++ {
		v = v*10 + int64(data[i]-'0')
	}
	switch n := i - start; {
	case n == 0, n > 18, n > 1 && data[start] == '0':
		return 0, false
	case i < len(data) && (data[i] == '.' || data[i] == 'e' || data[i] == 'E'):
		return 0, false
	}
	d.pos = i
	if neg {
		v = -v
	}
	return v, true
}

// numberToken reads the next value, which must be a number, and returns
// its token. On another JSON type (null included) it records mismatch (a
// "must be ..., got " prefix, to which the type found is added) at p under
// typeRule, skips the value and returns false, as it does after a syntax
// error.
func (d *decoder) numberToken(p *jsonPath, typeRule, mismatch string) ([]byte, bool) {
	if d.failed {
		return nil, false
	}
	d.skipSpace()
	if d.pos >= len(d.data) || kindOf(d.data[d.pos]) != kindNumber {
		d.mismatch(p, typeRule, mismatch)
		return nil, false
	}
	start := d.pos
	if !d.scanNumber(p) {
		return nil, false
	}
	return d.data[start:d.pos], true
}

// syntaxError records the one syntax violation of the document and stops
// decoding. The message gives the byte offset and what was expected there;
// it never quotes the input, which may hold secrets.
func (d *decoder) syntaxError(p *jsonPath, off int, expected string) {
	if d.failed {
		return
	}
	d.failed = true
	if off == 0 && expected == "expected a value" && len(d.data) >= 3 && string(d.data[:3]) == "\xef\xbb\xbf" {
		expected += ", found a UTF-8 byte order mark (BOM), which a JSON text must not start with"
	}
	line, col := lineColumn(d.data, off)
	msg := "malformed JSON at line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col) + " (byte offset " + strconv.Itoa(off) + "): " + expected
	if off >= len(d.data) {
		msg += ", found end of input"
	}
	d.vs.add(p, "json", msg)
}

// lineColumn returns the 1-based line and column (in bytes) of offset off
// of data; it is computed only for an error.
func lineColumn(data []byte, off int) (line, col int) {
	off = min(off, len(data))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}

// mismatch handles a value of the wrong type at d.pos (after white space):
// it skips the value and, when its syntax is right, records prefix followed
// by the JSON type found at p under rule.
func (d *decoder) mismatch(p *jsonPath, rule, prefix string) {
	k := kindInvalid
	if d.pos < len(d.data) {
		k = kindOf(d.data[d.pos])
	}
	if k == kindInvalid {
		d.syntaxError(p, d.pos, "expected a value")
		return
	}
	if d.skipValue(p) {
		d.vs.add(p, rule, prefix+kindNames[k])
	}
}

// isSpace reports whether c is JSON white space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t'
}

// skipSpace advances d.pos over white space.
func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c > ' ' || !isSpace(c) {
			return
		}
		d.pos++
	}
}

// literal consumes lit ("true", "false" or "null"), whose first byte is at
// d.pos.
func (d *decoder) literal(p *jsonPath, lit string) bool {
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		return true
	}
	i := 1
	for d.pos+i < len(d.data) && d.data[d.pos+i] == lit[i] {
		i++
	}
	d.syntaxError(p, d.pos+i, "expected the literal "+lit)
	return false
}

// skipValue skips white space and the value after it, checking its syntax;
// it reports whether the value was well-formed. Syntax errors are recorded
// at p. It uses no recursion: the open objects and arrays are kept as a
// stack of bits (set for an object), in a word for the first 64 levels.
func (d *decoder) skipValue(p *jsonPath) bool {
	var (
		level   int    // containers opened by this call and not yet closed
		objects uint64 // bit i: level i+1 is an object
		deep    []bool // levels beyond 64: true for an object
		object  bool   // the innermost open container is an object
	)
	value := true // a value comes next, else ',' or a closing bracket
	for {
		d.skipSpace()
		if d.pos >= len(d.data) {
			switch {
			case value:
				d.syntaxError(p, d.pos, "expected a value")
			case object:
				d.syntaxError(p, d.pos, "expected ',' or '}'")
			default:
				d.syntaxError(p, d.pos, "expected ',' or ']'")
			}
			return false
		}
		c := d.data[d.pos]
		if !value {
			// After a value inside a container (level > 0).
			switch {
			case c == ',':
				d.pos++
				if object && !d.memberName(p) {
					return false
				}
				value = true
				continue
			case c == '}' && object, c == ']' && !object:
				d.pos++
				level--
				switch {
				case level == 0:
					return true
				case level <= 64:
					object = objects&(1<<(level-1)) != 0
				default:
					object = deep[level-65]
				}
				continue
			case object:
				d.syntaxError(p, d.pos, "expected ',' or '}'")
			default:
				d.syntaxError(p, d.pos, "expected ',' or ']'")
			}
			return false
		}
		switch c {
		case '{', '[':
			if d.depth+level >= maxDepth {
				d.syntaxError(p, d.pos, tooDeep)
				return false
			}
			d.pos++
			d.skipSpace()
			if c == '{' {
				if d.pos < len(d.data) && d.data[d.pos] == '}' {
					d.pos++
					break // empty object
				}
				if d.pos >= len(d.data) || d.data[d.pos] != '"' {
					d.syntaxError(p, d.pos, "expected a member name or '}'")
					return false
				}
			} else if d.pos < len(d.data) && d.data[d.pos] == ']' {
				d.pos++
				break // empty array
			}
			level++
			object = c == '{'
			switch {
			case level <= 64 && object:
				objects |= 1 << (level - 1)
			case level <= 64:
				objects &^= 1 << (level - 1)
			default:
				deep = append(deep[:level-65], object)
			}
			if object && !d.memberName(p) {
				return false
			}
			continue // to the first member's value or the first item
		case '"':
			end, ok := d.scanString(p, d.pos)
			if !ok {
				return false
			}
			d.pos = end
		case 't':
			if !d.literal(p, "true") {
				return false
			}
		case 'f':
			if !d.literal(p, "false") {
				return false
			}
		case 'n':
			if !d.literal(p, "null") {
				return false
			}
		default:
			if kindOf(c) != kindNumber {
				d.syntaxError(p, d.pos, "expected a value")
				return false
			}
			if !d.scanNumber(p) {
				return false
			}
		}
		if level == 0 {
			return true
		}
		value = false
	}
}

// memberName skips white space, a member name and the ':' after it, within
// skipValue.
func (d *decoder) memberName(p *jsonPath) bool {
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		d.syntaxError(p, d.pos, "expected a member name")
		return false
	}
	end, ok := d.scanString(p, d.pos)
	if !ok {
		return false
	}
	d.pos = end
	return d.colon(p)
}

// Masks for examining eight bytes at a time ("SWAR").
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainPrefix returns the length of the longest prefix of s made of bytes
// that a string holds as they are: printable ASCII other than '"' and '\\',
// and whole, valid UTF-8 sequences.
func plainPrefix(s []byte) int {
	i := 0
	for i < len(s) {
		if len(s)-i >= 8 {
			x := binary.LittleEndian.Uint64(s[i:])
			// The high bit of a byte of m is set where x has a byte that
			// is < 0x20, '"', '\\' or >= 0x80. Bits above the lowest true
			// one may be false (borrows), so only the lowest counts.
			q := x ^ (ones * '"')
			b := x ^ (ones * '\\')
			m := ((x - ones*0x20) | (q - ones) | (b - ones) | x) & highs
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return i
			}
			i++
			continue
		}
		// Non-ASCII text tends to come in runs: take them in one go.
		for i < len(s) && s[i] >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				return i
			}
			i += size
		}
	}
	return i
}

// plainASCII returns the offset of the first byte of data from i on that
// is not printable ASCII or is '"' or '\\', looking eight bytes at a time;
// or -1 when fewer than eight bytes are left before it is found, which
// leaves the end of the data to plainPrefix.
func plainASCII(data []byte, i int) int {
	for ; i+8 <= len(data); i += 8 {
		x := binary.LittleEndian.Uint64(data[i:])
		q := x ^ (ones * '"')
		b := x ^ (ones * '\\')
		if m := ((x - ones*0x20) | (q - ones) | (b - ones) | x) & highs; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	return -1
}

// scanString checks the syntax of the string whose opening quote is at
// data[start] and returns the offset just past its closing quote. Its text
// must be valid UTF-8, as RFC 8259 requires: an invalid byte is a syntax
// error (encoding/json would replace it; the reference pipeline of the
// tests rejects it, as this does).
func (d *decoder) scanString(p *jsonPath, start int) (int, bool) {
	data := d.data
	i := start + 1
	for {
		// Skip bytes that need no check, eight at a time: printable ASCII
		// but '"' and '\\'.
		for len(data)-i >= 8 {
			x := binary.LittleEndian.Uint64(data[i:])
			q := x ^ (ones * '"')
			b := x ^ (ones * '\\')
			m := ((x - ones*0x20) | (q - ones) | (b - ones) | x) & highs
			if m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(data) {
			d.syntaxError(p, i, "expected '\"' to close the string")
			return 0, false
		}
		switch c := data[i]; {
		case c == '"':
			return i + 1, true
		case c == '\\':
			if i+1 >= len(data) {
				d.syntaxError(p, i+1, "expected an escape character")
				return 0, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for j := i + 2; j < i+6; j++ {
					if j >= len(data) || unhex(data[j]) < 0 {
						d.syntaxError(p, j, "expected a hexadecimal digit in a \\u escape")
						return 0, false
					}
				}
				i += 6
			default:
				d.syntaxError(p, i+1, "expected an escape character (one of \" \\ / b f n r t u)")
				return 0, false
			}
		case c < 0x20:
			d.syntaxError(p, i, "expected a string character or an escape (control characters must be escaped)")
			return 0, false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				d.syntaxError(p, i, "expected UTF-8 text in a string, found an invalid byte")
				return 0, false
			}
			i += size
		default:
			i++
		}
	}
}

// unhex returns the value of hexadecimal digit c, or -1.
func unhex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// hex4 returns the value of the four hexadecimal digits at the start of s,
// or -1 when s does not start with four of them.
func hex4(s []byte) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range s[:4] {
		v := unhex(c)
		if v < 0 {
			return -1
		}
		r = r<<4 | v
	}
	return r
}

// appendUnquoted appends the unescaped contents of a string token (without
// its quotes) to b. The token must have passed scanString: its text is
// valid UTF-8 with well-formed escapes, so only the escapes need work. It
// follows encoding/json exactly: a surrogate pair of escapes becomes one
// rune, and any other surrogate escape becomes U+FFFD.
func appendUnquoted(b, s []byte) []byte {
	for r := 0; r < len(s); {
		n := backslash(s[r:])
		b = append(b, s[r:r+n]...)
		r += n
		if r >= len(s) {
			break
		}
		switch s[r+1] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			rr := hex4(s[r+2:])
			r += 6
			if utf16.IsSurrogate(rr) {
				if len(s)-r >= 6 && s[r] == '\\' && s[r+1] == 'u' {
					if dec := utf16.DecodeRune(rr, hex4(s[r+2:])); dec != utf8.RuneError {
						r += 6
						b = utf8.AppendRune(b, dec)
						continue
					}
				}
				rr = utf8.RuneError
			}
			b = utf8.AppendRune(b, rr)
			continue
		default: // '"', '\\', '/'
			b = append(b, s[r+1])
		}
		r += 2
	}
	return b
}

// backslash returns the offset of the first '\\' in s, or len(s), looking
// eight bytes at a time.
func backslash(s []byte) int {
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		// The high bit of a byte of m is set where x has a zero byte,
		// that is where s has a '\\'; above the lowest, it may be set
		// falsely (borrows), so only the lowest counts.
		x := binary.LittleEndian.Uint64(s[i:]) ^ (ones * '\\')
		if m := (x - ones) &^ x & highs; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(s); i++ {
		if s[i] == '\\' {
			return i
		}
	}
	return i
}

// scanNumber checks the syntax of the number starting at d.pos and moves
// d.pos past it.
func (d *decoder) scanNumber(p *jsonPath) bool {
	data := d.data
	i := d.pos
	if data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data) || !isDigit(data[i]):
		d.syntaxError(p, i, "expected a digit")
		return false
	case data[i] == '0':
		i++
		if i < len(data) && isDigit(data[i]) {
			d.syntaxError(p, i, "expected '.', 'e' or the end of the number after a leading 0")
			return false
		}
	default:
		i++
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || !isDigit(data[i]) {
			d.syntaxError(p, i, "expected a digit after the decimal point")
			return false
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || !isDigit(data[i]) {
			d.syntaxError(p, i, "expected a digit in the exponent")
			return false
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	d.pos = i
	return true
}

// isDigit reports whether c is an ASCII decimal digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// Classes of a number for parseInt.
const (
	intOK       = iota // whole and within int64
	intFraction        // not whole
	intBelow           // whole, below math.MinInt64
	intAbove           // whole, above math.MaxInt64
)

// expLimit bounds the exponent parseInt keeps: beyond it the exact value no
// longer matters, since no token is long enough to bring the number back
// into range or make it whole.
const expLimit = 1 << 50

// parseInt classifies a well-formed number token and, when it is a whole
// number within int64, returns its value. It works on the decimal digits
// and the exponent exactly, without floating point or allocation.
func parseInt(tok []byte) (int64, int) {
	i := 0
	neg := tok[0] == '-'
	if neg {
		i++
	}
	intStart := i
	for i < len(tok) && isDigit(tok[i]) {
		i++
	}
	intEnd := i
	fracStart, fracEnd := i, i
	if i < len(tok) && tok[i] == '.' {
		i++
		fracStart = i
		for i < len(tok) && isDigit(tok[i]) {
			i++
		}
		fracEnd = i
	}
	var exp int64
	if i < len(tok) {
		i++ // 'e' or 'E'
		expNeg := tok[i] == '-'
		if tok[i] == '+' || tok[i] == '-' {
			i++
		}
		for ; i < len(tok); i++ {
			if exp < expLimit {
				exp = exp*10 + int64(tok[i]-'0')
			}
		}
		if expNeg {
			exp = -exp
		}
	}

	// The value is D × 10^(exp - nFrac), where D is the digits of the
	// integer part followed by those of the fraction.
	nInt, nFrac := intEnd-intStart, fracEnd-fracStart
	total := nInt + nFrac
	digit := func(k int) byte {
		if k < nInt {
			return tok[intStart+k]
		}
		return tok[fracStart+k-nInt]
	}
	lead := 0
	for lead < total && digit(lead) == '0' {
		lead++
	}
	if lead == total {
		return 0, intOK // zero, whatever the sign and exponent
	}
	trail := 0
	for digit(total-1-trail) == '0' {
		trail++
	}
	n := total - lead - trail // significant digits, n >= 1
	e10 := exp - int64(nFrac) + int64(trail)
	if e10 < 0 {
		return 0, intFraction // the last significant digit is after the point
	}
	if int64(n)+e10 > 19 {
		// At least 10^19 in magnitude: beyond int64.
		if neg {
			return 0, intBelow
		}
		return 0, intAbove
	}
	// At most 19 digits: below 10^19, so it fits in a uint64.
	var u uint64
	for k := lead; k < lead+n; k++ {
		u = u*10 + uint64(digit(k)-'0')
	}
	for ; e10 > 0; e10-- {
		u *= 10
	}
	if neg {
		if u > 1<<63 {
			return 0, intBelow
		}
		return -int64(u), intOK
	}
	if u > math.MaxInt64 {
		return 0, intAbove
	}
	return int64(u), intOK
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseFloat converts a well-formed number token as strconv.ParseFloat
// does, and reports false when it is outside float64's range. Short tokens
// whose digits and power of ten are exact in float64 are converted
// directly (one correctly rounded operation, so the result is the same);
// the rest go to strconv.ParseFloat.
func parseFloat(tok []byte) (float64, bool) {
	if len(tok) <= 24 {
		if f, ok := parseFloatExact(tok); ok {
			return f, true
		}
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil && math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// parseFloatExact converts tok when its significant digits fit in 15
// decimal digits (so they are exact in float64) and the power of ten is
// within 10^±22; it reports false otherwise.
func parseFloatExact(tok []byte) (float64, bool) {
	i := 0
	neg := tok[0] == '-'
	if neg {
		i++
	}
	var mant uint64
	digits, frac := 0, 0
	seenPoint := false
	for ; i < len(tok); i++ {
		c := tok[i]
		if c == '.' {
			seenPoint = true
			continue
		}
		if !isDigit(c) {
			break
		}
		if mant == 0 && c == '0' {
			if seenPoint {
				frac++
			}
			continue
		}
		digits++
		if digits > 15 {
			return 0, false
		}
		mant = mant*10 + uint64(c-'0')
		if seenPoint {
			frac++
		}
	}
	exp := 0
	if i < len(tok) {
		i++ // 'e' or 'E'
		expNeg := tok[i] == '-'
		if tok[i] == '+' || tok[i] == '-' {
			i++
		}
		for ; i < len(tok); i++ {
			exp = exp*10 + int(tok[i]-'0')
			if exp > 1000 {
				return 0, false
			}
		}
		if expNeg {
			exp = -exp
		}
	}
	exp -= frac
	f := float64(mant)
	if mant == 0 {
		exp = 0
	}
	switch {
	case exp == 0:
	case exp > 0 && exp <= 22:
		f *= pow10[exp]
	case exp < 0 && exp >= -22:
		f /= pow10[-exp]
	default:
		return 0, false
	}
	if neg {
		f = -f
	}
	return f, true
}
