package schema

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// source indexes the YAML files of a schema, to give a position to the
// problems kin-openapi reports without one.
type source struct {
	file  string                // the schema file as given
	rd    *reader               // reads files within the schema's confinement
	nodes map[string]*yaml.Node // by file, parsed on demand
	// keys indexes the keys of the wide mappings (components/schemas,
	// paths) by value, built when walk first crosses one, so that a walk
	// costs the depth of its pointer, not the width of every mapping on
	// the way.
	keys map[*yaml.Node]map[string]int
}

func newSource(file string, rd *reader) *source {
	return &source{file: file, rd: rd, nodes: map[string]*yaml.Node{}, keys: map[*yaml.Node]map[string]int{}}
}

// wideMapping is the number of keys from which walk indexes a mapping.
const wideMapping = 16

// member returns the index in n.Content of the key named key of the
// mapping n (the last such key, as a YAML decoder keeps the last), or -1.
func (s *source) member(n *yaml.Node, key string) int {
	if len(n.Content) < 2*wideMapping {
		at := -1
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				at = i
			}
		}
		return at
	}
	idx, ok := s.keys[n]
	if !ok {
		idx = make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			idx[n.Content[i].Value] = i
		}
		s.keys[n] = idx
	}
	if i, ok := idx[key]; ok {
		return i
	}
	return -1
}

// root returns the parsed document of file, or nil.
func (s *source) root(file string) *yaml.Node {
	if n, ok := s.nodes[file]; ok {
		return n
	}
	var doc yaml.Node
	data, err := s.rd.readFile(file)
	if err == nil {
		err = yaml.Unmarshal(data, &doc)
	}
	var n *yaml.Node
	if err == nil && len(doc.Content) > 0 {
		n = doc.Content[0]
	}
	s.nodes[file] = n
	return n
}

// locate returns the position of the node at pointer ("#/a/b") in the
// schema file, or of the deepest node on the way there.
func (s *source) locate(pointer string) ir.Pos {
	_, pos := s.walk(pointer)
	return pos
}

// node returns the node at pointer, which may name another file of the
// folder ("other.yaml#/a/b"), or nil.
func (s *source) node(pointer string) *yaml.Node {
	n, _ := s.walk(pointer)
	return n
}

// walk follows pointer from the root of its file. It returns the node it
// names (nil when a token is not found) and the position of the deepest
// key or item reached on the way (the file's start when none).
func (s *source) walk(pointer string) (*yaml.Node, ir.Pos) {
	file, frag, _ := strings.Cut(pointer, "#")
	path := s.file
	if file != "" {
		path = filepath.Join(filepath.Dir(s.file), file)
	}
	pos := ir.Pos{File: filepath.ToSlash(path), Line: 1, Col: 1}
	n := s.root(path)
	if frag == "" {
		return n, pos
	}
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if n == nil {
			continue
		}
		key := unescape(tok)
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			if i := s.member(n, key); i >= 0 {
				pos.Line, pos.Col = n.Content[i].Line, n.Content[i].Column
				next = n.Content[i+1]
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
				pos.Line, pos.Col = next.Line, next.Column
			}
		}
		n = next
	}
	return n, pos
}

// literal returns the text of the scalar at pointer, "" when there is
// none.
func (s *source) literal(pointer string) string {
	if n := s.node(pointer); n != nil && n.Kind == yaml.ScalarNode {
		return strings.ReplaceAll(n.Value, "_", "")
	}
	return ""
}

// findRef returns the position and pointer of the first "$ref: ref" in the
// schema's folder's files, the schema file first.
//
// kin-openapi sometimes names only the fragment of a ref that points into
// another file; a "$ref: file#fragment" then matches too, after exact
// matches.
func (s *source) findRef(ref string) (ir.Pos, string, bool) {
	exact := func(v string) bool { return v == ref }
	fragment := func(v string) bool { return strings.HasPrefix(ref, "#") && strings.HasSuffix(v, ref) }
	for _, match := range []func(string) bool{exact, fragment} {
		for _, f := range s.refFiles() {
			if pos, ptr, ok := findRefIn(s.root(f), match, "#"); ok {
				pos.File = filepath.ToSlash(f)
				return pos, ptr, true
			}
		}
	}
	return ir.Pos{}, "", false
}

// findRefTo returns the position, pointer and text of the first $ref whose
// file part names target (a path, resolved from the folder of the file the
// $ref is in, or a URL).
func (s *source) findRefTo(target string) (ir.Pos, string, string, bool) {
	for _, f := range s.refFiles() {
		var found string
		match := func(v string) bool {
			file, _, _ := strings.Cut(v, "#")
			switch {
			case file == "":
				return false
			case file == target:
			case strings.Contains(file, "://") || filepath.IsAbs(file):
				if filepath.Clean(file) != filepath.Clean(target) {
					return false
				}
			case filepath.Clean(filepath.Join(filepath.Dir(f), file)) != filepath.Clean(target):
				return false
			}
			found = v
			return true
		}
		if pos, ptr, ok := findRefIn(s.root(f), match, "#"); ok {
			pos.File = filepath.ToSlash(f)
			return pos, ptr, found, true
		}
	}
	return ir.Pos{}, "", "", false
}

// refFiles returns the schema file and the files its $refs reach, in the
// order they are first reached.
func (s *source) refFiles() []string {
	files := []string{s.file}
	for i := 0; i < len(files); i++ {
		for _, ref := range refsIn(s.root(files[i])) {
			file, _, _ := strings.Cut(ref, "#")
			if file == "" {
				continue
			}
			path := filepath.Join(filepath.Dir(files[i]), file)
			if !slices.Contains(files, path) {
				files = append(files, path)
			}
		}
	}
	return files
}

// refsIn lists the $ref values below n.
func refsIn(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	var out []string
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 && c.Value == "$ref" && i+1 < len(n.Content) {
			out = append(out, n.Content[i+1].Value)
		}
		out = append(out, refsIn(c)...)
	}
	return out
}

func findRefIn(n *yaml.Node, match func(string) bool, ptr string) (ir.Pos, string, bool) {
	if n == nil {
		return ir.Pos{}, "", false
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := ptr + "/" + escape(k.Value)
			if k.Value == "$ref" && match(v.Value) {
				return ir.Pos{Line: v.Line, Col: v.Column}, p, true
			}
			if pos, pp, ok := findRefIn(v, match, p); ok {
				return pos, pp, true
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if pos, pp, ok := findRefIn(c, match, ptr+"/"+strconv.Itoa(i)); ok {
				return pos, pp, true
			}
		}
	}
	return ir.Pos{}, "", false
}

var (
	refInMessage  = regexp.MustCompile(`(?:reference|URI:) "([^"]*#[^"]*)"`)
	yamlLine      = regexp.MustCompile(`line (\d+): (.*)`)
	opInMessage   = regexp.MustCompile(`operation (GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) (\S+)`)
	pathOpInMsg   = regexp.MustCompile(`invalid path (\S+): invalid operation (GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE)`)
	schemaInMsg   = regexp.MustCompile(`schema "([^"]+)"`)
	responseInMsg = regexp.MustCompile(`response "?(\d{3}|default)"?`)
)

// loadError turns a loader error into a located Error: a YAML syntax
// error at its line, an unresolvable $ref at the $ref.
func (s *source) loadError(err error) *Error {
	if len(s.rd.refused) > 0 {
		// A file or URL the reader refused: say why, at the $ref that
		// named it, without the loader's wrapping.
		r := s.rd.refused[0]
		if pos, ptr, ref, ok := s.findRefTo(r.target); ok {
			return &Error{Pos: pos, Pointer: ptr, Msg: "$ref " + strconv.Quote(ref) + ": " + r.msg}
		}
		return &Error{Pos: ir.Pos{File: s.file, Line: 1, Col: 1}, Pointer: "#", Msg: r.msg}
	}
	msg := s.relative(err.Error())
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{Pos: ir.Pos{File: s.file, Line: line, Col: 1}, Pointer: "#", Msg: "YAML syntax: " + m[2]}
	}
	if m := refInMessage.FindStringSubmatch(msg); m != nil {
		if pos, ptr, ok := s.findRef(m[1]); ok {
			return &Error{Pos: pos, Pointer: ptr, Msg: "$ref " + strconv.Quote(m[1]) + " does not resolve: " + msg}
		}
	}
	return &Error{Pos: ir.Pos{File: s.file, Line: 1, Col: 1}, Pointer: "#", Msg: "cannot load schema: " + msg}
}

// relative rewrites the schema folder's absolute path in a message to the
// path the user gave, so that messages do not depend on where the
// checkout is.
func (s *source) relative(msg string) string {
	abs, err := filepath.Abs(filepath.Dir(s.file))
	if err != nil {
		return msg
	}
	return strings.ReplaceAll(msg, abs+string(filepath.Separator), filepath.ToSlash(filepath.Dir(s.file))+"/")
}

// validateError locates a problem kin-openapi's document validation
// found, from the operation, schema or response its message names.
func (s *source) validateError(err error) *Error {
	msg := err.Error()
	ptr := "#"
	if m := pathOpInMsg.FindStringSubmatch(msg); m != nil {
		ptr = "#/paths/" + escape(m[1]) + "/" + strings.ToLower(m[2])
	} else if m := opInMessage.FindStringSubmatch(msg); m != nil {
		ptr = "#/paths/" + escape(m[2]) + "/" + strings.ToLower(m[1])
		if r := responseInMsg.FindStringSubmatch(msg); r != nil {
			ptr += "/responses/" + r[1]
		}
	} else if m := schemaInMsg.FindStringSubmatch(msg); m != nil {
		ptr = "#/components/schemas/" + escape(m[1])
	}
	return &Error{Pos: s.locate(ptr), Pointer: ptr, Msg: "invalid OpenAPI: " + msg}
}

// JSONValue converts a YAML node to the JSON value it denotes: mappings
// become map[string]any, sequences []any, and numbers json.Number, exactly
// as written (without "_" separators), so that an integer beyond 2^53 keeps
// every digit.
func JSONValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return JSONValue(n.Content[0])
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := JSONValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := JSONValue(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.AliasNode:
		return JSONValue(n.Alias)
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float":
			return json.Number(strings.ReplaceAll(n.Value, "_", "")), nil
		case "!!bool":
			var b bool
			err := n.Decode(&b)
			return b, err
		case "!!null":
			return nil, nil
		default:
			return n.Value, nil
		}
	}
	return nil, fmt.Errorf("line %d: a YAML node of kind %d has no JSON value", n.Line, n.Kind)
}
