package schema

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// The documentation annotations (x-doc-*), read and checked here once, for
// doccheck and the other consumers of the IR.

// docKeys are the x-doc-* annotations and where they may stand.
var docKeys = map[string]string{
	"x-doc-tables":      "a component or a parameter",
	"x-doc-row":         "a property or a parameter",
	"x-doc-deviation":   "a property, a parameter or an operation",
	"x-doc-values-from": "a property",
	"x-doc-page":        "an operation",
	"x-doc-example":     "an example",
	"x-doc-todo":        "an operation, a component, a property or a parameter",
}

// checkDocKeys reports x-doc-* annotations of ext that are unknown, or
// known but not allowed on this node (where says what the node is).
func (b *builder) checkDocKeys(ext map[string]any, pos ir.Pos, ptr string, allowed ...string) {
	for _, k := range slices.Sorted(maps.Keys(ext)) {
		if !strings.HasPrefix(k, "x-doc-") || slices.Contains(allowed, k) {
			continue
		}
		if k == "x-doc-todo" {
			continue // read, and refused where it does not belong, by todos
		}
		switch where, known := docKeys[k]; {
		case k == "x-doc-table":
			b.errorf(pos, ptr+"/"+k, "x-doc-table is gone: name the tables a node models by ID, with x-doc-tables: [id, ...]")
		case known:
			b.errorf(pos, ptr+"/"+k, "%s belongs on %s", k, where)
		default:
			b.errorf(pos, ptr+"/"+k, "unknown documentation annotation %s (known: %s)", k, strings.Join(slices.Sorted(maps.Keys(docKeys)), ", "))
		}
	}
}

// tableIDPattern is the form of a table ID: a reStructuredText label or a
// page label and a title slug, lower-cased.
var tableIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

// docTables reads x-doc-tables: a non-empty list of table IDs.
func (b *builder) docTables(ext map[string]any, pos ir.Pos, ptr string) *ir.DocTables {
	raw, ok := ext["x-doc-tables"]
	if !ok {
		return nil
	}
	list, ok := raw.([]any)
	if !ok || len(list) == 0 {
		b.errorf(pos, ptr+"/x-doc-tables", "x-doc-tables must be a list of table IDs")
		return nil
	}
	t := &ir.DocTables{Pos: pos}
	for i, v := range list {
		id, ok := v.(string)
		if !ok || !tableIDPattern.MatchString(id) {
			b.errorf(pos, fmt.Sprintf("%s/x-doc-tables/%d", ptr, i), "%v is not a table ID (lower-case letters, digits, _ . -)", v)
			continue
		}
		if slices.Contains(t.IDs, id) {
			b.errorf(pos, fmt.Sprintf("%s/x-doc-tables/%d", ptr, i), "table %s is named twice", id)
			continue
		}
		t.IDs = append(t.IDs, id)
	}
	return t
}

// docPage reads x-doc-page: a page path relative to the documentation
// folder, such as smart_connect/creating_a_smart_connect_task.rst.
func (b *builder) docPage(ext map[string]any, pos ir.Pos, ptr string) string {
	raw, ok := ext["x-doc-page"]
	if !ok {
		return ""
	}
	page, ok := raw.(string)
	if !ok || !strings.HasSuffix(page, ".rst") || path.Clean(page) != page || strings.HasPrefix(page, "../") || path.IsAbs(page) {
		b.errorf(pos, ptr+"/x-doc-page", "x-doc-page must be a .rst page relative to the documentation folder, such as group/page.rst")
		return ""
	}
	return page
}

// deviations reads x-doc-deviation: one deviation, or a list of them.
func (b *builder) deviations(ext map[string]any, pos ir.Pos, ptr string) []*ir.Deviation {
	raw, ok := ext["x-doc-deviation"]
	if !ok {
		return nil
	}
	var items []any
	switch v := raw.(type) {
	case map[string]any:
		items = []any{v}
	case []any:
		items = v
	default:
		b.errorf(pos, ptr+"/x-doc-deviation", "x-doc-deviation must be a mapping (kind, doc, reason, example) or a list of them")
		return nil
	}
	var out []*ir.Deviation
	for i, item := range items {
		dptr := ptr + "/x-doc-deviation"
		if isList(raw) {
			dptr = fmt.Sprintf("%s/%d", dptr, i)
		}
		m, ok := item.(map[string]any)
		if !ok {
			b.errorf(pos, dptr, "a deviation must be a mapping with kind, doc and reason")
			continue
		}
		d := &ir.Deviation{Pos: pos, Pointer: dptr}
		fields := map[string]*string{"kind": &d.Kind, "doc": &d.Doc, "example": &d.Example, "reason": &d.Reason}
		bad := false
		for _, k := range slices.Sorted(maps.Keys(m)) {
			f, known := fields[k]
			s, isString := m[k].(string)
			switch {
			case !known:
				b.errorf(pos, dptr+"/"+k, "unknown deviation key %q (kind, doc, example, reason)", k)
				bad = true
			case !isString:
				b.errorf(pos, dptr+"/"+k, "the deviation's %s must be a string", k)
				bad = true
			default:
				*f = strings.Join(strings.Fields(s), " ")
			}
		}
		switch {
		case bad:
			continue
		case !slices.Contains(ir.DeviationKinds, d.Kind):
			b.errorf(pos, dptr+"/kind", "deviation kind %q is not one of %s", d.Kind, strings.Join(ir.DeviationKinds, ", "))
			continue
		case d.Doc == "" || d.Reason == "":
			b.errorf(pos, dptr, "a deviation needs doc (what the page says) and reason (why the model departs from it)")
			continue
		}
		out = append(out, d)
	}
	return out
}

func isList(v any) bool {
	_, ok := v.([]any)
	return ok
}

// valuesFrom reads x-doc-values-from, whose one value is "examples".
func (b *builder) valuesFrom(ext map[string]any, pos ir.Pos, ptr string) string {
	raw, ok := ext["x-doc-values-from"]
	if !ok {
		return ""
	}
	if raw != "examples" {
		b.errorf(pos, ptr+"/x-doc-values-from", "x-doc-values-from must be examples")
		return ""
	}
	return "examples"
}

// checkDeviationExamples reports deviations whose example is not an
// example of the schema.
func (b *builder) checkDeviationExamples(pkg *ir.Package) {
	names := map[string]bool{}
	var devs []*ir.Deviation
	for _, op := range pkg.Operations {
		for _, ex := range op.RequestExamples {
			names[ex.Name] = true
		}
		for _, r := range op.Responses {
			for _, ex := range r.Examples {
				names[ex.Name] = true
			}
		}
		devs = append(devs, op.Deviations...)
		for _, p := range append(slices.Clone(op.PathParams), op.QueryParams...) {
			devs = append(devs, p.Deviations...)
		}
	}
	for _, o := range b.objectList {
		for _, f := range o.Fields {
			devs = append(devs, f.Deviations...)
		}
	}
	for _, d := range devs {
		if d.Example != "" && !names[d.Example] {
			b.errorf(d.Pos, d.Pointer+"/example", "no example of the schema is named %q", d.Example)
		}
	}
	b.todos(pkg)
}

// todos reads the x-doc-todo annotations of the operations, parameters,
// components and properties of pkg from the schema's source: each a list
// of {line, kind, text} (one mapping for one to-do), with an optional
// page, which defaults to the page of the node (an operation's x-doc-page;
// for a component and its properties, that of the first operation whose
// bodies hold it). Every to-do is reported as an error at its position,
// so that a schema with open to-dos does not generate, unless the build
// keeps them (Config.KeepTodos): they are then the Todos of their nodes.
//
// It runs once the package is built (from checkDeviationExamples, the last
// documentation check of Build).
func (b *builder) todos(pkg *ir.Package) {
	pageOf := map[*ir.Object]string{}
	for _, op := range pkg.Operations {
		if op.DocPage == "" {
			continue
		}
		for _, o := range op.Objects() {
			if _, ok := pageOf[o]; !ok {
				pageOf[o] = op.DocPage
			}
		}
	}
	var all []*ir.Todo
	held := map[string]bool{}
	read := func(holder, page string) []*ir.Todo {
		held[holder] = true
		ts := b.readTodos(holder, page)
		all = append(all, ts...)
		return ts
	}
	for _, op := range pkg.Operations {
		op.Todos = read(op.Pointer, op.DocPage)
		for _, p := range append(slices.Clone(op.PathParams), op.QueryParams...) {
			p.Todos = read(p.Pointer, op.DocPage)
		}
	}
	for _, o := range b.objectList {
		o.Todos = read(o.Pointer, pageOf[o])
		for _, f := range o.Fields {
			f.Todos = read(f.Pointer, pageOf[o])
		}
	}
	// Anywhere else, a to-do would pass unseen. Values (examples,
	// defaults, enums) are data, not annotations.
	walkKeys(b.src.root(b.file), "#", func(ptr string, key *yaml.Node) bool {
		if key.Value == "x-doc-todo" && !held[strings.TrimSuffix(ptr, "/x-doc-todo")] {
			b.errorf(ir.Pos{File: filepath.ToSlash(b.file), Line: key.Line, Col: key.Column}, ptr, "x-doc-todo belongs on %s", docKeys["x-doc-todo"])
		}
		return !valueKeys[key.Value] && !exampleValueRe.MatchString(ptr)
	})
	if b.keepTodos {
		return
	}
	for _, t := range all {
		where := fmt.Sprintf("line %d", t.Line)
		if t.Page != "" {
			where = fmt.Sprintf("%s:%d", t.Page, t.Line)
		}
		b.errorf(t.Pos, t.Pointer, "to-do (%s): %s", where, t.Text)
	}
}

// valueKeys are the keywords whose values are data; exampleValueRe
// matches the pointer of an example's value.
var (
	valueKeys      = map[string]bool{"example": true, "default": true, "const": true, "enum": true, "x-known-values": true}
	exampleValueRe = regexp.MustCompile(`/examples/[^/]+/value$`)
)

// walkKeys calls f with the pointer and the key node of every mapping key
// below n, whose pointer is ptr, and walks the key's value when f returns
// true.
func walkKeys(n *yaml.Node, ptr string, f func(ptr string, key *yaml.Node) bool) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			child := ptr + "/" + escape(n.Content[i].Value)
			if f(child, n.Content[i]) {
				walkKeys(n.Content[i+1], child, f)
			}
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			walkKeys(item, fmt.Sprintf("%s/%d", ptr, i), f)
		}
	}
}

// readTodos reads and checks the x-doc-todo of the node at holder; page
// is the node's page.
func (b *builder) readTodos(holder, page string) []*ir.Todo {
	ptr := holder + "/x-doc-todo"
	n := b.src.node(ptr)
	if n == nil {
		return nil
	}
	items := []*yaml.Node{n}
	list := n.Kind == yaml.SequenceNode
	if list {
		items = n.Content
	}
	if n.Kind != yaml.SequenceNode && n.Kind != yaml.MappingNode || list && len(items) == 0 {
		b.errorf(b.src.locate(ptr), ptr, "x-doc-todo must be a list of to-dos, each {line, kind, text}")
		return nil
	}
	var out []*ir.Todo
	for i, item := range items {
		iptr := ptr
		if list {
			iptr = fmt.Sprintf("%s/%d", ptr, i)
		}
		pos := b.src.locate(iptr)
		if item.Kind != yaml.MappingNode {
			b.errorf(pos, iptr, "a to-do must be a mapping with line, kind and text")
			continue
		}
		t := &ir.Todo{Page: page, Pos: pos, Pointer: iptr, Holder: holder}
		bad := false
		for k := 0; k+1 < len(item.Content); k += 2 {
			key, v := item.Content[k].Value, item.Content[k+1]
			scalar := v.Kind == yaml.ScalarNode
			switch key {
			case "line":
				line, err := strconv.Atoi(v.Value)
				if !scalar || err != nil || line < 1 {
					b.errorf(pos, iptr+"/line", "the to-do's line must be a page line (a positive whole number)")
					bad = true
				}
				t.Line = line
			case "kind":
				t.Kind = v.Value
				if !scalar || !slices.Contains(ir.TodoKinds, t.Kind) {
					b.errorf(pos, iptr+"/kind", "to-do kind %q is not one of %s", v.Value, strings.Join(ir.TodoKinds, ", "))
					bad = true
				}
			case "text":
				t.Text = strings.Join(strings.Fields(v.Value), " ")
				if !scalar || t.Text == "" {
					b.errorf(pos, iptr+"/text", "the to-do's text must say what a person must decide")
					bad = true
				}
			case "page":
				t.Page = v.Value
				if !scalar || !strings.HasSuffix(t.Page, ".rst") || path.Clean(t.Page) != t.Page || strings.HasPrefix(t.Page, "../") || path.IsAbs(t.Page) {
					b.errorf(pos, iptr+"/page", "the to-do's page must be a .rst page relative to the documentation folder")
					bad = true
				}
			default:
				b.errorf(pos, iptr+"/"+key, "unknown to-do key %q (line, kind, text, page)", key)
				bad = true
			}
		}
		switch {
		case bad:
		case t.Line == 0 || t.Kind == "" || t.Text == "":
			b.errorf(pos, iptr, "a to-do needs line (the page line), kind and text (what a person must decide)")
		default:
			out = append(out, t)
		}
	}
	return out
}
