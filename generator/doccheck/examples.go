package doccheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// run does every comparison.
func (c *checker) run() {
	c.parseExamples()
	c.checkTables()
	c.checkFields()
	c.compareRules()
	c.checkExamples()
}

// pageEx is one example of the page with its JSON read.
type pageEx struct {
	n     int // 1-based
	ex    *rstdoc.Example
	value any
	lines map[string]int // JSON path -> page line of its key
	err   error
}

// parseExamples reads the JSON of every page example.
func (c *checker) parseExamples() {
	c.pageEx = make([]*pageEx, len(c.page.Examples))
	for i, ex := range c.page.Examples {
		pe := &pageEx{n: i + 1, ex: ex}
		c.pageEx[i] = pe
		if ex.JSON == nil {
			pe.err = fmt.Errorf("it has no body")
			continue
		}
		pe.value, pe.err = decodeJSON(ex.JSON)
		if pe.err == nil {
			pe.lines = jsonLines(ex.JSON, ex.JSONLine)
		}
	}
}

// pageExample returns example n (1-based) of the page, or nil.
func (c *checker) pageExample(n int) *pageEx {
	if n < 1 || n > len(c.pageEx) {
		return nil
	}
	return c.pageEx[n-1]
}

// line returns the page line of the key at path, or of the closest
// enclosing key, or of the example.
func (pe *pageEx) line(path string) int {
	for {
		if l, ok := pe.lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i <= 0 {
			break
		}
		path = path[:i]
	}
	if pe.ex.JSONLine > 0 {
		return pe.ex.JSONLine
	}
	return pe.ex.Line
}

// decodeJSON decodes one JSON value, keeping numbers exact.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("text after the JSON value")
	}
	return v, nil
}

// normalize makes a value decoded from YAML comparable with decodeJSON's.
func normalize(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return decodeJSON(data)
}

// jsonLines maps each key path of the JSON text data, whose first line is
// page line first, to the page line of the key.
func jsonLines(data []byte, first int) map[string]int {
	lines := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	lineAt := func(off int64) int {
		return first + bytes.Count(data[:min(int(off), len(data))], []byte("\n"))
	}
	var walk func(path string) error
	walk = func(path string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := kt.(string)
				child := joinPath(path, key)
				lines[child] = lineAt(dec.InputOffset())
				if err := walk(child); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				child := fmt.Sprintf("%s[%d]", path, i)
				lines[child] = lineAt(dec.InputOffset() + 1)
				if err := walk(child); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	_ = walk("")
	return lines
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonText writes v as compact JSON.
func jsonText(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}

// jsonDiff lists the paths where a (page) and b (schema) differ.
func jsonDiff(a, b any, path string, out *[]string) {
	where := path
	if where == "" {
		where = "the body"
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s\x00%s: the page has an object, the schema %s", path, where, jsonText(b)))
			return
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			child := joinPath(path, k)
			av, inA := x[k]
			bv, inB := y[k]
			switch {
			case !inB:
				*out = append(*out, fmt.Sprintf("%s\x00%s: the page sends %s, the schema's example lacks it", child, child, jsonText(av)))
			case !inA:
				*out = append(*out, fmt.Sprintf("%s\x00%s: the schema's example sends %s, the page's lacks it", child, child, jsonText(bv)))
			default:
				jsonDiff(av, bv, child, out)
			}
		}
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			*out = append(*out, fmt.Sprintf("%s\x00%s: the page has %s, the schema %s", path, where, jsonText(a), jsonText(b)))
			return
		}
		for i := range x {
			jsonDiff(x[i], y[i], fmt.Sprintf("%s[%d]", path, i), out)
		}
	case json.Number:
		y, ok := b.(json.Number)
		if !ok || !sameNumber(x, y) {
			*out = append(*out, fmt.Sprintf("%s\x00%s: the page has %s, the schema %s", path, where, jsonText(a), jsonText(b)))
		}
	default:
		if a != b {
			*out = append(*out, fmt.Sprintf("%s\x00%s: the page has %s, the schema %s", path, where, jsonText(a), jsonText(b)))
		}
	}
}

func sameNumber(a, b json.Number) bool {
	x, okX := new(big.Rat).SetString(a.String())
	y, okY := new(big.Rat).SetString(b.String())
	if !okX || !okY {
		return a == b
	}
	return x.Cmp(y) == 0
}

// maxExampleDiffs is how many differences of one example are listed.
const maxExampleDiffs = 5

// checkExamples compares the schema's examples with the page's.
func (c *checker) checkExamples() {
	used := map[int]*schemaExample{}
	for _, ex := range c.schemaEx {
		if ex.number == 0 {
			continue
		}
		if prev, dup := used[ex.number]; dup {
			c.add(Finding{Kind: KindExample, SchemaPos: ex.pos,
				Message: fmt.Sprintf("examples %s and %s both have x-doc-example %d", prev.key, ex.key, ex.number)})
			continue
		}
		used[ex.number] = ex
		pe := c.pageExample(ex.number)
		if pe == nil {
			c.add(Finding{Kind: KindExample, SchemaPos: ex.pos,
				Message: fmt.Sprintf("example %s has x-doc-example %d, but the page has %d example(s)", ex.key, ex.number, len(c.pageEx))})
			continue
		}
		if pe.ex.Kind != ex.kind || (ex.kind == "response" && pe.ex.Status != 0 && pe.ex.Status != ex.status) {
			c.add(Finding{Kind: KindExample, PageLine: pe.ex.Line, SchemaPos: ex.pos,
				Message: fmt.Sprintf("example %s (x-doc-example %d) is a %s example; page example %d is a %s", ex.key, ex.number, exampleSide(ex.kind, ex.status), pe.n, exampleSide(pe.ex.Kind, pe.ex.Status))})
			continue
		}
		if pe.err != nil {
			line := pe.ex.JSONLine
			if line == 0 {
				line = pe.ex.Line
			}
			c.add(Finding{Kind: KindExample, PageLine: line, SchemaPos: ex.pos,
				Message: fmt.Sprintf("page example %d cannot be compared with example %s: %v", pe.n, ex.key, pe.err)})
			continue
		}
		sv, err := normalize(ex.value)
		if err != nil {
			c.add(Finding{Kind: KindExample, PageLine: pe.ex.Line, SchemaPos: ex.pos,
				Message: fmt.Sprintf("example %s cannot be written as JSON: %v", ex.key, err)})
			continue
		}
		var diffs []string
		jsonDiff(pe.value, sv, "", &diffs)
		for i, d := range diffs {
			path, msg, _ := strings.Cut(d, "\x00")
			if i == maxExampleDiffs {
				c.add(Finding{Kind: KindExample, PageLine: pe.line(path), SchemaPos: ex.pos,
					Message: fmt.Sprintf("example %s and page example %d: %d more difference(s)", ex.key, pe.n, len(diffs)-i)})
				break
			}
			c.add(Finding{Kind: KindExample, PageLine: pe.line(path), SchemaPos: ex.pos,
				Message: fmt.Sprintf("example %s and page example %d differ at %s", ex.key, pe.n, msg)})
		}
	}
	for _, pe := range c.pageEx {
		if used[pe.n] == nil && pe.ex.JSON != nil {
			c.add(Finding{Kind: KindExample, PageLine: pe.ex.Line, SchemaPos: c.op.pos,
				Message: fmt.Sprintf("page example %d (%s) is not in the schema: no example has x-doc-example %d", pe.n, exampleSide(pe.ex.Kind, pe.ex.Status), pe.n)})
		}
		if pe.ex.Kind == "request" && pe.ex.Method != "" {
			if path := urlPath(pe.ex.URL); pe.ex.Method != c.op.method || path != c.op.path {
				c.add(Finding{Kind: KindOperation, PageLine: pe.ex.Line, SchemaPos: c.op.pos,
					Message: fmt.Sprintf("page example %d sends %s %s; the schema has %s %s", pe.n, pe.ex.Method, path, c.op.method, c.op.path)})
			}
		}
	}
}

// urlPath is the path of an example URL: without scheme, host and query.
func urlPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			u = rest[j:]
		} else {
			u = "/"
		}
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return u
}

// exampleUse is a value a page example sends for a field.
type exampleUse struct {
	value   any
	line    int
	example int
}

// exampleValues returns every value the page's examples send for p.
func (c *checker) exampleValues(p *prop) []exampleUse {
	roots := c.bodyRoots()
	var uses []exampleUse
	for _, pe := range c.pageEx {
		if pe.err != nil {
			continue
		}
		root := roots[exampleSide(pe.ex.Kind, pe.ex.Status)]
		if root == "" {
			continue
		}
		for _, path := range c.paths(root, p.u.name) {
			for _, obj := range concreteValues(pe.value, path, "") {
				m, ok := obj.value.(map[string]any)
				if !ok {
					continue
				}
				if v, ok := m[p.name]; ok {
					uses = append(uses, exampleUse{value: v, line: pe.line(joinPath(obj.path, p.name)), example: pe.n})
				}
			}
		}
	}
	return uses
}

type located struct {
	value any
	path  string
}

// concreteValues is valuesAt with the concrete path of each value.
func concreteValues(v any, path []string, at string) []located {
	if len(path) == 0 {
		return []located{{v, at}}
	}
	if path[0] == "[]" {
		arr, _ := v.([]any)
		var out []located
		for i, e := range arr {
			out = append(out, concreteValues(e, path[1:], at+"["+strconv.Itoa(i)+"]")...)
		}
		return out
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	next, ok := m[path[0]]
	if !ok {
		return nil
	}
	return concreteValues(next, path[1:], joinPath(at, path[0]))
}
