package support

import "strconv"

// jsonPath is a JSON pointer built as a linked list on the stack, so that
// walking a document costs nothing until a violation needs the pointer as a
// string. A nil *jsonPath is the whole document.
type jsonPath struct {
	parent *jsonPath
	name   string // member name, when index < 0 and token is ""
	raw    []byte // member name, when name and token are "" and raw is not nil
	token  string // the member's escaped reference token with its '/', when known in advance
	index  int    // array index, or -1 for a member
}

// documentIndex marks the jsonPath of the whole document.
const documentIndex = -2

// documentPath returns a jsonPath value that is the whole document, as
// the nil *jsonPath is: for code that needs a variable to take the
// address of.
func documentPath() jsonPath { return jsonPath{index: documentIndex} }

// member returns the path of member name below p.
func (p *jsonPath) member(name string) jsonPath {
	return jsonPath{parent: p, name: name, index: -1}
}

// memberBytes returns the path of member name below p without making a
// string of the name: name must stay unchanged while the path is in use.
func (p *jsonPath) memberBytes(name []byte) jsonPath {
	if name == nil {
		name = []byte{}
	}
	return jsonPath{parent: p, raw: name, index: -1}
}

// field returns the path of a member below p given as its reference
// token, already escaped and with its leading '/', as generated code knows
// it: p.field("/source_type").
func (p *jsonPath) field(token string) jsonPath {
	return jsonPath{parent: p, token: token, index: -1}
}

// item returns the path of array element i below p.
func (p *jsonPath) item(i int) jsonPath {
	return jsonPath{parent: p, index: i}
}

// String returns the RFC 6901 pointer ("" for the whole document), escaping
// "~" as "~0" and "/" as "~1".
func (p *jsonPath) String() string {
	if p == nil {
		return ""
	}
	// Build from a copy: returning a string read through p would make
	// escape analysis move every parent path to the heap.
	return string(p.appendTo(make([]byte, 0, 64)))
}

// appendTo appends the RFC 6901 pointer of p to b and returns the result.
func (p *jsonPath) appendTo(b []byte) []byte {
	if p == nil || p.index == documentIndex {
		return b
	}
	b = p.parent.appendTo(b)
	if p.token != "" {
		return append(b, p.token...)
	}
	b = append(b, '/')
	if p.index >= 0 {
		return strconv.AppendInt(b, int64(p.index), 10)
	}
	if p.raw != nil {
		return appendPointerToken(b, p.raw)
	}
	return appendPointerToken(b, p.name)
}

// appendPointerToken appends name to b as one RFC 6901 reference token:
// "~" becomes "~0" and "/" becomes "~1".
func appendPointerToken[T string | []byte](b []byte, name T) []byte {
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, c)
		}
	}
	return b
}
