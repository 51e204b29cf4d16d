package doccheck

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// paramsUnit is the Component of findings about operation parameters.
const paramsUnit = "parameters"

// checker holds one comparison.
type checker struct {
	page     *rstdoc.Page
	file     string // the schema file as given
	absFile  string
	doc      *openapi3.T
	findings []Finding

	op       *operation
	units    []*unit          // in table order, then by name
	comps    map[string]*unit // object components by name (documented or not)
	byTab    map[int]*unit    // documented units by table number
	devs     []*deviation
	schemaEx []*schemaExample
	pageEx   []*pageEx
}

// operation is the schema operation the page models.
type operation struct {
	method, path string
	op           *openapi3.Operation
	pos          string
	table        int // x-doc-table of the operation: its parameters' table
}

// unit is what models one page table: an object component, or the
// operation's parameters.
type unit struct {
	name   string // component name, or paramsUnit
	schema *openapi3.Schema
	pos    string
	table  int // x-doc-table, 0 when absent
	tpos   string
	props  []*prop
	byName map[string]*prop
	page   *rstdoc.Table // the table, when the page has it
}

// prop is one property of a component, or one parameter.
type prop struct {
	u      *unit
	name   string
	row    int    // x-doc-row, 0 when absent or malformed
	ref    string // component name of a $ref, or ""
	schema *openapi3.Schema
	ext    map[string]any
	origin *openapi3.Origin // the property's own keys
	pos    string
	row2   *rstdoc.Row // the row with the same name, when the table has one
	dev    *deviation
}

// schemaExample is a media-type example of the operation.
type schemaExample struct {
	key    string
	number int // x-doc-example, 0 when absent
	kind   string
	status int
	root   string // component name of the body schema, or ""
	value  any
	pos    string
}

func newChecker(page *rstdoc.Page, schemaFile string) (*checker, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = true
	doc, err := loader.LoadFromFile(schemaFile)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot load schema: %w", schemaFile, err)
	}
	c := &checker{page: page, file: schemaFile, doc: doc, comps: map[string]*unit{}, byTab: map[int]*unit{}}
	if abs, err := filepath.Abs(schemaFile); err == nil {
		c.absFile = abs
	}
	if err := c.findOperation(); err != nil {
		return nil, err
	}
	c.loadUnits()
	c.loadExamples()
	return c, nil
}

// add records a finding.
func (c *checker) add(f Finding) {
	if f.Status == "" {
		f.Status = StatusDifference
	}
	c.findings = append(c.findings, f)
}

// loc formats a location as "file:line".
func (c *checker) loc(l openapi3.Location) string {
	file := l.File
	if file == "" || file == c.file {
		file = c.file
	} else if abs, err := filepath.Abs(file); err == nil && abs == c.absFile {
		file = c.file
	}
	if l.Line <= 0 {
		return filepath.ToSlash(file)
	}
	return fmt.Sprintf("%s:%d", filepath.ToSlash(file), l.Line)
}

// keyPos is the position of the key an origin records, or "".
func (c *checker) keyPos(o *openapi3.Origin) string {
	if o == nil || o.Key == nil {
		return ""
	}
	return c.loc(*o.Key)
}

// fieldPos is the position of the keyword name in o, else of o's key.
func (c *checker) fieldPos(o *openapi3.Origin, name string) string {
	if o != nil {
		if l, ok := o.Fields.Lookup(name); ok {
			return c.loc(l)
		}
	}
	return c.keyPos(o)
}

// itemPos is the position of the item item of the sequence keyword name in
// o, else of the keyword.
func (c *checker) itemPos(o *openapi3.Origin, name, item string) string {
	if o != nil {
		for _, l := range o.Sequences[name] {
			if l.Name == item {
				return c.loc(l)
			}
		}
	}
	return c.fieldPos(o, name)
}

// findOperation picks the operation the page models: the one with the
// page's method and path, else the only documented one (x-doc-table), else
// the only one.
func (c *checker) findOperation() error {
	var all, documented []*operation
	paths := c.doc.Paths.InMatchingOrder()
	slices.Sort(paths)
	for _, path := range paths {
		item := c.doc.Paths.Value(path)
		for _, method := range []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"} {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			o := &operation{method: method, path: path, op: op, pos: c.keyPos(op.Origin)}
			o.table, _ = intExt(op.Extensions, "x-doc-table")
			all = append(all, o)
			if o.table > 0 {
				documented = append(documented, o)
			}
			if method == c.page.Method && path == c.page.Path {
				c.op = o
			}
		}
	}
	if len(all) == 0 {
		return fmt.Errorf("%s: the schema has no operation to compare with the page", c.file)
	}
	if c.op != nil {
		return nil
	}
	switch {
	case len(documented) == 1:
		c.op = documented[0]
	case len(all) == 1:
		c.op = all[0]
	default:
		return fmt.Errorf("%s: no operation is %s %s, and %d operations could model the page", c.file, c.page.Method, c.page.Path, len(all))
	}
	if c.page.PathLine == 0 {
		c.add(Finding{Kind: KindOperation, SchemaPos: c.op.pos,
			Message: fmt.Sprintf("the page has no operation line; the schema has %s %s", c.op.method, c.op.path)})
	} else {
		c.add(Finding{Kind: KindOperation, PageLine: c.page.PathLine, SchemaPos: c.op.pos,
			Message: fmt.Sprintf("the page says %s %s; the schema has %s %s", c.page.Method, c.page.Path, c.op.method, c.op.path)})
	}
	return nil
}

// intExt reads a positive whole-number extension. ok is false when the
// extension is absent; a present but malformed one gives 0, true.
func intExt(ext map[string]any, key string) (int, bool) {
	raw, ok := ext[key]
	if !ok {
		return 0, false
	}
	var f float64
	switch v := raw.(type) {
	case float64:
		f = v
	case int:
		f = float64(v)
	case int64:
		f = float64(v)
	case json.Number:
		x, err := v.Float64()
		if err != nil {
			return 0, true
		}
		f = x
	default:
		return 0, true
	}
	if f != math.Trunc(f) || f < 1 || f > 1e6 {
		return 0, true
	}
	return int(f), true
}

// loadUnits reads the parameters and the object components.
func (c *checker) loadUnits() {
	// Parameters, grouped by table.
	params := map[int]*unit{}
	var ps openapi3.Parameters
	if item := c.doc.Paths.Value(c.op.path); item != nil {
		ps = append(ps, item.Parameters...)
	}
	ps = append(ps, c.op.op.Parameters...)
	for _, pr := range ps {
		if pr == nil || pr.Value == nil {
			continue
		}
		p := pr.Value
		origin := p.Origin
		if origin == nil {
			origin = pr.Origin
		}
		ext := p.Extensions
		table, has := intExt(ext, "x-doc-table")
		if has && table == 0 {
			c.add(Finding{Kind: KindAnnotation, SchemaPos: c.fieldPos(origin, "x-doc-table"), Component: paramsUnit, Field: p.Name,
				Message: fmt.Sprintf("parameter %s: x-doc-table must be a positive whole number", p.Name)})
			continue
		}
		if !has {
			table = c.op.table
		}
		if table == 0 {
			if _, hasRow := ext["x-doc-row"]; hasRow {
				c.add(Finding{Kind: KindAnnotation, SchemaPos: c.keyPos(origin), Component: paramsUnit, Field: p.Name,
					Message: fmt.Sprintf("parameter %s has x-doc-row but neither it nor its operation has x-doc-table", p.Name)})
			}
			continue
		}
		u := params[table]
		if u == nil {
			u = &unit{name: paramsUnit, table: table, pos: c.op.pos, tpos: c.fieldPos(c.op.op.Origin, "x-doc-table"), byName: map[string]*prop{}}
			params[table] = u
		}
		pp := &prop{u: u, name: p.Name, ext: ext, origin: origin, pos: c.keyPos(origin)}
		if p.Schema != nil {
			pp.schema = p.Schema.Value
			if p.Schema.Ref != "" {
				pp.ref = refName(p.Schema.Ref)
			}
		}
		u.props = append(u.props, pp)
		u.byName[p.Name] = pp
	}
	for _, u := range params {
		c.units = append(c.units, u)
	}

	// Object components.
	names := make([]string, 0, len(c.doc.Components.Schemas))
	for name := range c.doc.Components.Schemas {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		sr := c.doc.Components.Schemas[name]
		if sr == nil || sr.Value == nil {
			continue
		}
		s := sr.Value
		if !s.Type.Is("object") && len(s.Properties) == 0 {
			continue // string enums and other helpers model no table
		}
		u := &unit{name: name, schema: s, pos: c.keyPos(s.Origin), byName: map[string]*prop{}}
		table, has := intExt(s.Extensions, "x-doc-table")
		u.tpos = c.fieldPos(s.Origin, "x-doc-table")
		switch {
		case has && table == 0:
			c.add(Finding{Kind: KindAnnotation, SchemaPos: u.tpos, Component: name,
				Message: fmt.Sprintf("%s: x-doc-table must be a positive whole number", name)})
		case !has:
			c.add(Finding{Kind: KindAnnotation, SchemaPos: u.pos, Component: name,
				Message: fmt.Sprintf("%s has no x-doc-table: no table of the page is known to model it", name)})
		}
		u.table = table
		pnames := make([]string, 0, len(s.Properties))
		for pn := range s.Properties {
			pnames = append(pnames, pn)
		}
		slices.Sort(pnames)
		for _, pn := range pnames {
			ref := s.Properties[pn]
			if ref == nil {
				continue
			}
			p := &prop{u: u, name: pn, schema: ref.Value}
			if ref.Ref != "" {
				p.ref = refName(ref.Ref)
				p.ext = ref.Extensions
				p.origin = ref.Origin
			} else if ref.Value != nil {
				p.ext = ref.Value.Extensions
				p.origin = ref.Value.Origin
			}
			p.pos = c.keyPos(p.origin)
			u.props = append(u.props, p)
			u.byName[pn] = p
		}
		c.comps[name] = u
		c.units = append(c.units, u)
	}

	// Rows, tables.
	for _, u := range c.units {
		for _, p := range u.props {
			row, has := intExt(p.ext, "x-doc-row")
			if has && row == 0 {
				c.add(Finding{Kind: KindAnnotation, SchemaPos: c.fieldPos(p.origin, "x-doc-row"), Component: u.name, Field: p.name,
					Message: fmt.Sprintf("%s: x-doc-row must be a positive whole number", u.qual(p.name))})
			}
			p.row = row
		}
		slices.SortStableFunc(u.props, func(a, b *prop) int {
			return cmp.Or(cmp.Compare(lineKey(a.row), lineKey(b.row)), cmp.Compare(a.name, b.name))
		})
	}
	slices.SortStableFunc(c.units, func(a, b *unit) int {
		return cmp.Or(cmp.Compare(lineKey(a.table), lineKey(b.table)), cmp.Compare(a.name, b.name))
	})
	for _, u := range c.units {
		if u.table == 0 {
			continue
		}
		if prev, dup := c.byTab[u.table]; dup {
			c.add(Finding{Kind: KindTable, SchemaPos: u.tpos, Component: u.name,
				Message: fmt.Sprintf("%s and %s both have x-doc-table %d", prev.name, u.name, u.table)})
			continue
		}
		c.byTab[u.table] = u
		u.page = c.page.Table(u.table)
	}
	c.loadDeviations()
}

// qual is "Component.field".
func (u *unit) qual(field string) string {
	if u.name == paramsUnit {
		return "parameter " + field
	}
	return u.name + "." + field
}

// refName is the component name of a local $ref.
func refName(ref string) string {
	return strings.TrimPrefix(ref, "#/components/schemas/")
}

// loadExamples reads the operation's media-type examples.
func (c *checker) loadExamples() {
	add := func(kind string, status int, content openapi3.Content) {
		media := make([]string, 0, len(content))
		for m := range content {
			media = append(media, m)
		}
		slices.Sort(media)
		for _, m := range media {
			mt := content[m]
			if mt == nil {
				continue
			}
			root := ""
			if mt.Schema != nil && mt.Schema.Ref != "" {
				root = refName(mt.Schema.Ref)
			}
			keys := make([]string, 0, len(mt.Examples))
			for k := range mt.Examples {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				er := mt.Examples[k]
				if er == nil || er.Value == nil {
					continue
				}
				ext := er.Value.Extensions
				if _, ok := ext["x-doc-example"]; !ok {
					ext = er.Extensions
				}
				origin := er.Value.Origin
				if origin == nil {
					origin = er.Origin
				}
				ex := &schemaExample{key: k, kind: kind, status: status, root: root, value: er.Value.Value, pos: c.keyPos(origin)}
				n, has := intExt(ext, "x-doc-example")
				switch {
				case has && n == 0:
					c.add(Finding{Kind: KindAnnotation, SchemaPos: c.fieldPos(origin, "x-doc-example"),
						Message: fmt.Sprintf("example %s: x-doc-example must be a positive whole number", k)})
				case !has:
					c.add(Finding{Kind: KindExample, SchemaPos: ex.pos,
						Message: fmt.Sprintf("example %s has no x-doc-example: it is not known to come from the page", k)})
				}
				ex.number = n
				c.schemaEx = append(c.schemaEx, ex)
			}
		}
	}
	op := c.op.op
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		add("request", 0, op.RequestBody.Value.Content)
	}
	if op.Responses != nil {
		codes := make([]string, 0, op.Responses.Len())
		for code := range op.Responses.Map() {
			codes = append(codes, code)
		}
		slices.Sort(codes)
		for _, code := range codes {
			r := op.Responses.Value(code)
			if r == nil || r.Value == nil {
				continue
			}
			status := 0
			fmt.Sscanf(code, "%d", &status)
			add("response", status, r.Value.Content)
		}
	}
}

// bodyRoots returns the component names of the operation's bodies: the
// request's under "request", each response's under "response <status>".
func (c *checker) bodyRoots() map[string]string {
	roots := map[string]string{}
	for _, ex := range c.schemaEx {
		if ex.root != "" {
			roots[exampleSide(ex.kind, ex.status)] = ex.root
		}
	}
	op := c.op.op
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		for _, mt := range op.RequestBody.Value.Content {
			if mt != nil && mt.Schema != nil && mt.Schema.Ref != "" {
				roots["request"] = refName(mt.Schema.Ref)
			}
		}
	}
	if op.Responses != nil {
		for code, r := range op.Responses.Map() {
			if r == nil || r.Value == nil {
				continue
			}
			status := 0
			fmt.Sscanf(code, "%d", &status)
			for _, mt := range r.Value.Content {
				if mt != nil && mt.Schema != nil && mt.Schema.Ref != "" {
					roots[exampleSide("response", status)] = refName(mt.Schema.Ref)
				}
			}
		}
	}
	return roots
}

func exampleSide(kind string, status int) string {
	if kind == "response" {
		return fmt.Sprintf("response %d", status)
	}
	return kind
}

// paths returns the property paths from component root to component
// target, following $ref properties (and array items, written "[]").
func (c *checker) paths(root, target string) [][]string {
	var out [][]string
	var walk func(name string, path []string, seen map[string]bool)
	walk = func(name string, path []string, seen map[string]bool) {
		if name == target {
			out = append(out, slices.Clone(path))
		}
		u := c.comps[name]
		if u == nil || seen[name] {
			return
		}
		seen[name] = true
		defer delete(seen, name)
		for _, p := range u.props {
			if p.ref != "" {
				walk(p.ref, append(path, p.name), seen)
			} else if p.schema != nil && p.schema.Items != nil && p.schema.Items.Ref != "" {
				walk(refName(p.schema.Items.Ref), append(path, p.name, "[]"), seen)
			}
		}
	}
	walk(root, nil, map[string]bool{})
	return out
}

// reaches reports whether component target is root or reachable from it.
func (c *checker) reaches(root, target string) bool {
	return len(c.paths(root, target)) > 0
}

// valuesAt returns the values found at path in v ("[]" steps into every
// array element).
func valuesAt(v any, path []string) []any {
	if len(path) == 0 {
		return []any{v}
	}
	if path[0] == "[]" {
		arr, _ := v.([]any)
		var out []any
		for _, e := range arr {
			out = append(out, valuesAt(e, path[1:])...)
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
	return valuesAt(next, path[1:])
}

var errNoValue = errors.New("no value")

// scalarString writes a scalar JSON value as the page would: strings as
// they are, numbers without exponent, booleans as true/false.
func scalarString(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		if x {
			return "true", nil
		}
		return "false", nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e18 {
			return fmt.Sprintf("%d", int64(x)), nil
		}
		return fmt.Sprintf("%v", x), nil
	case int:
		return fmt.Sprintf("%d", x), nil
	case int64:
		return fmt.Sprintf("%d", x), nil
	case json.Number:
		return x.String(), nil
	case nil:
		return "", errNoValue
	}
	return "", fmt.Errorf("not a scalar: %T", v)
}
