package doccheck

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// pageExample is one example of a page with its JSON read.
type pageExample struct {
	l     *opLink
	n     int // 1-based, as x-doc-example counts
	ex    *rstdoc.Example
	value any
	lines map[string]int // JSON path -> page line of its key
	err   error
	body  *ir.Object // the body type the example is of, or nil
}

// visit is a value a page example sends for a field.
type visit struct {
	pe    *pageExample
	obj   *ir.Object
	field *ir.Field
	value any
	line  int
}

// readExamples reads the JSON of every example of every linked page and
// walks it along the operation's body types.
func (c *checker) readExamples() {
	for _, l := range c.ops {
		if l.page == nil || c.pageEx[l.page] != nil {
			continue
		}
		for i, ex := range l.page.Examples {
			pe := &pageExample{l: l, n: i + 1, ex: ex}
			c.pageEx[l.page] = append(c.pageEx[l.page], pe)
			if ex.JSON == nil {
				pe.err = fmt.Errorf("it has no body")
				continue
			}
			pe.value, pe.err = decodeJSON(ex.JSON)
			if pe.err != nil {
				continue
			}
			pe.lines = jsonLines(ex.JSON, ex.JSONLine)
			pe.body = bodyOf(l.op, ex.Kind, ex.Status)
		}
	}
}

// bodyOf returns the body type of a request, or of the response with the
// status (any response with a body when the status is 0).
func bodyOf(op *ir.Operation, kind string, status int) *ir.Object {
	if kind == "request" {
		return op.Request.Object()
	}
	for _, r := range op.Responses {
		if r.Body.Object() != nil && (status == 0 || r.Status == strconv.Itoa(status)) {
			return r.Body.Object()
		}
	}
	return nil
}

// line returns the page line of the key at path, or of the closest
// enclosing key, or of the example.
func (pe *pageExample) line(path string) int {
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

func (pe *pageExample) side() string {
	if pe.ex.Kind == "response" && pe.ex.Status != 0 {
		return fmt.Sprintf("response %d", pe.ex.Status)
	}
	return pe.ex.Kind
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

// checkExamples compares the schema's examples with the pages', and every
// page example with the schema's types.
func (c *checker) checkExamples() {
	for _, l := range c.ops {
		if l.page == nil {
			continue
		}
		c.checkOperationExamples(l)
	}
	for _, l := range c.ops {
		if l.page == nil || c.pageEx[l.page] == nil || c.pageEx[l.page][0].l != l {
			continue
		}
		for _, pe := range c.pageEx[l.page] {
			if pe.err == nil && pe.body != nil {
				c.walkValue(pe, pe.value, &ir.Type{Kind: ir.ObjectKind, Object: pe.body}, "", nil, nil)
			}
		}
	}
}

// schemaExample is an example of the schema and what it is of.
type schemaExample struct {
	ex     *ir.Example
	kind   string // request or response
	status string
	body   *ir.Object
}

func (se schemaExample) side() string {
	if se.kind == "response" {
		return "response " + se.status
	}
	return se.kind
}

func examplesOf(op *ir.Operation) []schemaExample {
	var out []schemaExample
	for _, ex := range op.RequestExamples {
		out = append(out, schemaExample{ex, "request", "", op.Request.Object()})
	}
	for _, r := range op.Responses {
		for _, ex := range r.Examples {
			out = append(out, schemaExample{ex, "response", r.Status, r.Body.Object()})
		}
	}
	return out
}

// maxExampleDiffs is how many differences of one example are listed.
const maxExampleDiffs = 5

// checkOperationExamples compares the operation's examples with its
// page's, and its method and path with the example requests'.
func (c *checker) checkOperationExamples(l *opLink) {
	pes := c.pageEx[l.page]
	used := map[int]*ir.Example{}
	at := func(line int, pos ir.Pos, example, msg string) {
		c.add(&finding{Finding: Finding{Kind: KindExample, Page: l.page.Name, PageLine: line, SchemaPos: pos.String(), Object: l.op.ID, Message: msg}, example: example})
	}
	for _, se := range examplesOf(l.op) {
		ex := se.ex
		if ex.DocNum == 0 {
			at(l.page.TitleLine(), ex.Pos, ex.Name, fmt.Sprintf("example %s has no x-doc-example: it is not known to come from the page", ex.Name))
			continue
		}
		if prev, dup := used[ex.DocNum]; dup {
			at(l.page.TitleLine(), ex.Pos, ex.Name, fmt.Sprintf("examples %s and %s both have x-doc-example %d", prev.Name, ex.Name, ex.DocNum))
			continue
		}
		used[ex.DocNum] = ex
		if ex.DocNum > len(pes) {
			at(l.page.TitleLine(), ex.Pos, ex.Name, fmt.Sprintf("example %s has x-doc-example %d, but the page has %d example(s)", ex.Name, ex.DocNum, len(pes)))
			continue
		}
		pe := pes[ex.DocNum-1]
		if pe.ex.Kind != se.kind || se.kind == "response" && pe.ex.Status != 0 && strconv.Itoa(pe.ex.Status) != se.status {
			at(pe.ex.Line, ex.Pos, ex.Name, fmt.Sprintf("example %s (x-doc-example %d) is a %s example; page example %d is a %s", ex.Name, ex.DocNum, se.side(), pe.n, pe.side()))
			continue
		}
		if pe.err != nil {
			at(cmp.Or(pe.ex.JSONLine, pe.ex.Line), ex.Pos, ex.Name, fmt.Sprintf("page example %d cannot be compared with example %s: %v", pe.n, ex.Name, pe.err))
			continue
		}
		sv, err := decodeJSON(ex.JSON)
		if err != nil {
			at(pe.ex.Line, ex.Pos, ex.Name, fmt.Sprintf("example %s is not JSON: %v", ex.Name, err))
			continue
		}
		var diffs []string
		jsonDiff(pe.value, sv, "", &diffs)
		for i, d := range diffs {
			path, msg, _ := strings.Cut(d, "\x00")
			if i == maxExampleDiffs {
				at(pe.line(path), ex.Pos, ex.Name, fmt.Sprintf("example %s and page example %d: %d more difference(s)", ex.Name, pe.n, len(diffs)-i))
				break
			}
			at(pe.line(path), ex.Pos, ex.Name, fmt.Sprintf("example %s and page example %d differ at %s", ex.Name, pe.n, msg))
		}
	}
	for _, pe := range pes {
		// A body that is not JSON ("success") is no example a schema
		// could copy.
		if used[pe.n] == nil && pe.ex.JSON != nil && pe.err == nil {
			at(pe.ex.Line, l.op.Pos, "", fmt.Sprintf("page example %d (%s) is not in the schema: no example of %s has x-doc-example %d", pe.n, pe.side(), l.op.ID, pe.n))
		}
		if pe.ex.Kind == "request" && pe.ex.Method != "" {
			if path := pe.ex.Path(); pe.ex.Method != l.op.Method || path != l.op.Path {
				c.add(&finding{Finding: Finding{Kind: KindOperation, Page: l.page.Name, PageLine: pe.ex.Line, SchemaPos: l.op.Pos.String(), Object: l.op.ID,
					Message: fmt.Sprintf("page example %d sends %s %s; the schema has %s %s", pe.n, pe.ex.Method, path, l.op.Method, l.op.Path)}})
			}
		}
	}
}

// jsonDiff lists the paths where a (page) and b (schema) differ, each as
// "path\x00message".
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

// walkValue checks a value of a page example against the type t of field
// f of obj (nil for the body itself): its members are declared, its JSON
// type is the field's, its value is in the field's value list. It records
// every value it meets for a field as a visit.
func (c *checker) walkValue(pe *pageExample, v any, t *ir.Type, path string, obj *ir.Object, f *ir.Field) {
	if f != nil {
		c.visits = append(c.visits, visit{pe: pe, obj: obj, field: f, value: v, line: pe.line(path)})
	}
	where := func() string {
		if f == nil {
			return "the body"
		}
		return obj.Name + "." + f.JSONName
	}
	bad := func(msg string) {
		c.exampleIssue(pe, path, obj, f, "", msg)
	}
	if v == nil {
		if !t.Nullable {
			bad(fmt.Sprintf("page example %d sends null for %s, which is %s", pe.n, where(), schemaType(t)))
		}
		return
	}
	switch t.Kind {
	case ir.ObjectKind:
		m, ok := v.(map[string]any)
		if !ok {
			bad(fmt.Sprintf("page example %d sends %s for %s, which is %s", pe.n, jsonText(v), where(), schemaType(t)))
			return
		}
		for _, k := range sortedKeys(m) {
			child := joinPath(path, k)
			sub := fieldByName(t.Object, k)
			if sub == nil {
				c.exampleIssue(pe, child, t.Object, nil, k,
					fmt.Sprintf("page example %d sends %s, which %s does not declare", pe.n, child, t.Object.Name))
				continue
			}
			c.walkValue(pe, m[k], sub.Type, child, t.Object, sub)
		}
	case ir.Map:
		m, ok := v.(map[string]any)
		if !ok {
			bad(fmt.Sprintf("page example %d sends %s for %s, which is %s", pe.n, jsonText(v), where(), schemaType(t)))
			return
		}
		for _, k := range sortedKeys(m) {
			c.walkValue(pe, m[k], t.Elem, joinPath(path, k), obj, f)
		}
	case ir.Array:
		a, ok := v.([]any)
		if !ok {
			bad(fmt.Sprintf("page example %d sends %s for %s, which is %s", pe.n, jsonText(v), where(), schemaType(t)))
			return
		}
		for i, e := range a {
			c.walkValue(pe, e, t.Elem, fmt.Sprintf("%s[%d]", path, i), obj, f)
		}
	default:
		if !scalarFits(v, t) {
			bad(fmt.Sprintf("page example %d sends %s for %s, which is %s", pe.n, jsonText(v), where(), schemaType(t)))
			return
		}
		if s, ok := v.(string); ok {
			if list, key := schemaValues(t); list != nil && !slices.Contains(list, s) {
				bad(fmt.Sprintf("page example %d sends %q for %s, which the schema's %s %s lacks", pe.n, s, where(), key, quoteList(list)))
			}
		}
	}
}

// scalarFits reports whether a JSON scalar has the type's JSON type.
func scalarFits(v any, t *ir.Type) bool {
	switch t.Kind {
	case ir.String, ir.EnumKind:
		_, ok := v.(string)
		return ok
	case ir.Bool:
		_, ok := v.(bool)
		return ok
	case ir.Int:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		_, err := strconv.ParseInt(n.String(), 10, 64)
		return err == nil
	case ir.Float:
		_, ok := v.(json.Number)
		return ok
	}
	return false
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// exampleIssue records a page example's value or member the schema does
// not admit. An example-typo deviation accepts it: the field's own, or,
// for a member obj does not declare, that of a field of obj whose doc
// names the member.
func (c *checker) exampleIssue(pe *pageExample, path string, obj *ir.Object, f *ir.Field, member, msg string) {
	var devs []*deviation
	pos := pe.l.op.Pos
	var field string
	switch {
	case f != nil:
		devs, pos, field = c.devsOf(obj, []*ir.Field{f}), f.Pos, f.JSONName
	case obj != nil:
		pos = obj.Pos
		field = member
		for _, g := range obj.Fields {
			for _, d := range c.devsOf(obj, []*ir.Field{g}) {
				if d.d.Kind == ir.DevExampleTypo && slices.Contains(identRe.FindAllString(d.d.Doc, -1), member) {
					devs = append(devs, d)
				}
			}
		}
	}
	objName := pe.l.op.ID
	if obj != nil {
		objName = obj.Name
	}
	c.add(&finding{Finding: Finding{Kind: KindExample, Page: pe.l.page.Name, PageLine: pe.line(path), SchemaPos: pos.String(), Object: objName, Field: field, Message: msg},
		accept: ir.DevExampleTypo, devs: devs, example: c.exampleName(pe)})
}

// identRe matches the names a deviation's doc may give.
var identRe = regexp.MustCompile(`[A-Za-z0-9_]+`)

// exampleName is the schema example that copies page example pe, or "".
func (c *checker) exampleName(pe *pageExample) string {
	for _, se := range examplesOf(pe.l.op) {
		if se.ex.DocNum == pe.n {
			return se.ex.Name
		}
	}
	return ""
}

// schemaExampleByName finds an example of the packages by name.
func (c *checker) schemaExampleByName(name string) (schemaExample, bool) {
	for _, l := range c.ops {
		for _, se := range examplesOf(l.op) {
			if se.ex.Name == name {
				return se, true
			}
		}
	}
	return schemaExample{}, false
}

// objectsIn returns the object values of type o that the value v of type
// t holds, at any depth.
func objectsIn(v any, t *ir.Type, o *ir.Object) []map[string]any {
	var out []map[string]any
	switch t.Kind {
	case ir.ObjectKind:
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		if t.Object == o {
			out = append(out, m)
		}
		for _, f := range t.Object.Fields {
			if sub, ok := m[f.JSONName]; ok {
				out = append(out, objectsIn(sub, f.Type, o)...)
			}
		}
	case ir.Array, ir.Map:
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				out = append(out, objectsIn(e, t.Elem, o)...)
			}
		case map[string]any:
			for _, k := range sortedKeys(x) {
				out = append(out, objectsIn(x[k], t.Elem, o)...)
			}
		}
	}
	return out
}
