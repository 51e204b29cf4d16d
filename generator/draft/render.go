package draft

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/dmsgen/dmsgen/generator/names"
)

// methodNames are the methods of every generated struct, which a field
// cannot be named (the builder's list).
var methodNames = []string{"Validate", "String", "GoString", "Format", "LogValue", "UnmarshalJSON"}

// goNames gives every property and parameter whose Go name would be
// refused (no letters, a method's name, the name of another field) an
// x-go-name.
func (d *drafter) goNames() {
	fix := func(name string, row int, used map[string]bool) string {
		g := names.Go(name)
		switch {
		case g == "" || !names.Valid(g):
			g = "Field" + strconv.Itoa(row)
		case slices.Contains(methodNames, g):
			g += "Value"
		}
		for base, i := g, 2; used[g]; i++ {
			g = base + strconv.Itoa(i)
		}
		used[g] = true
		if g == names.Go(name) {
			return ""
		}
		return g
	}
	for _, c := range d.doc.comps {
		used := map[string]bool{}
		for _, p := range c.props {
			p.goName = fix(p.name, p.row, used)
		}
	}
	used := map[string]bool{}
	for i, p := range d.doc.op.params {
		p.goName = fix(p.name, i+1, used)
	}
}

// node helpers.

func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func integer(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func literal(lit string) *yaml.Node {
	tag := "!!int"
	if strings.ContainsAny(lit, ".eE") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: lit}
}

func flowList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

type mapping struct{ n *yaml.Node }

func newMapping() *mapping {
	return &mapping{&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}}
}

func (m *mapping) add(key string, v *yaml.Node) *mapping {
	m.n.Content = append(m.n.Content, str(key), v)
	return m
}

// jsonNode writes a JSON value as YAML, members in order, numbers as
// written.
func jsonNode(v *jsonValue) *yaml.Node {
	switch v.kind {
	case jsonObject:
		m := newMapping()
		if len(v.keys) == 0 {
			m.n.Style = yaml.FlowStyle
		}
		for i, k := range v.keys {
			m.add(k, jsonNode(v.members[i]))
		}
		return m.n
	case jsonArray:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if len(v.items) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, item := range v.items {
			n.Content = append(n.Content, jsonNode(item))
		}
		return n
	case jsonString:
		return str(v.str)
	case jsonNumber:
		return literal(v.str)
	case jsonBool:
		return boolean(v.str == "true")
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
}

// header is the comment at the top of every draft.
const header = `A draft of %s, written by dmsgen draft.
It holds the mechanical part of a model: types, Mandatory, value lists,
defaults, ranges, examples. It generates once every x-doc-todo is
resolved (model the rule, or accept it with x-doc-deviation, then delete
the to-do); write the descriptions too, in your own words.`

// render writes the document as YAML.
func (doc *document) render(opts Options) []byte {
	root := newMapping()
	root.n.HeadComment = fmt.Sprintf(header, doc.op.page)
	root.add("openapi", str("3.1.0"))
	root.add("info", newMapping().add("title", str(doc.op.id+" (draft)")).add("version", str("draft")).n)
	op := doc.op
	paths := newMapping().add(op.path, newMapping().add(strings.ToLower(op.method), doc.operationNode(opts)).n)
	root.add("paths", paths.n)
	if len(doc.comps) > 0 {
		schemas := newMapping()
		for _, c := range doc.comps {
			schemas.add(c.name, c.node(opts))
		}
		root.add("components", newMapping().add("schemas", schemas.n).n)
	}
	var buf bytes.Buffer
	dump, err := yaml.NewDumper(&buf, yaml.WithV3Defaults(), yaml.WithIndent(2), yaml.WithLineWidth(-1))
	if err == nil {
		err = dump.Dump(root.n)
	}
	if err == nil {
		err = dump.Close()
	}
	if err != nil {
		// The nodes are built here, of known kinds, into memory: writing
		// them cannot fail.
		panic(fmt.Sprintf("internal error: writing the draft: %v", err))
	}
	return buf.Bytes()
}

func todoNode(ts []Todo) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, t := range sortedTodos(ts) {
		n.Content = append(n.Content, newMapping().add("line", integer(t.Line)).add("kind", str(t.Kind)).add("text", str(t.Text)).n)
	}
	return n
}

// sortedTodos orders one node's to-dos by line, keeping the order of
// those on one line.
func sortedTodos(ts []Todo) []Todo {
	out := slices.Clone(ts)
	slices.SortStableFunc(out, func(a, b Todo) int { return a.Line - b.Line })
	return out
}

func addTodos(m *mapping, ts []Todo, opts Options) {
	if len(ts) > 0 && !opts.NoTodos {
		m.add("x-doc-todo", todoNode(ts))
	}
}

func (doc *document) operationNode(opts Options) *yaml.Node {
	op := doc.op
	m := newMapping()
	m.add("operationId", str(op.id))
	m.add("x-doc-page", str(op.page))
	addTodos(m, op.todos, opts)
	if len(op.params) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, p := range op.params {
			list.Content = append(list.Content, p.node(opts))
		}
		m.add("parameters", list)
	}
	if op.request != nil {
		m.add("requestBody", newMapping().add("required", boolean(true)).add("content", contentNode(op.request, op.requestExamples, "request")).n)
	}
	responses := newMapping()
	for _, r := range op.responses {
		rm := newMapping()
		if r.body != nil {
			rm.add("content", contentNode(r.body, r.examples, "response"))
		} else {
			rm.n.Style = yaml.FlowStyle
		}
		responses.add(strconv.Itoa(r.status), rm.n)
	}
	m.add("responses", responses.n)
	return m.n
}

// contentNode is the application/json content of a body, with its
// examples ("request-N", "response-N": N is the page's example number).
func contentNode(c *component, exs []*example, side string) *yaml.Node {
	mt := newMapping().add("schema", newMapping().add("$ref", str(c.pointer())).n)
	if len(exs) > 0 {
		em := newMapping()
		for _, ex := range exs {
			em.add(fmt.Sprintf("%s-%d", side, ex.num), newMapping().add("x-doc-example", integer(ex.num)).add("value", jsonNode(ex.value)).n)
		}
		mt.add("examples", em.n)
	}
	return newMapping().add("application/json", mt.n).n
}

func (p *param) node(opts Options) *yaml.Node {
	m := newMapping()
	m.add("name", str(p.name)).add("in", str(p.in)).add("required", boolean(p.required))
	if p.table != nil {
		m.add("x-doc-tables", flowList([]string{p.table.ID})).add("x-doc-row", integer(p.row))
	}
	if p.goName != "" {
		m.add("x-go-name", str(p.goName))
	}
	addTodos(m, p.todos, opts)
	m.add("schema", p.schema.node(newMapping()))
	return m.n
}

func (c *component) node(opts Options) *yaml.Node {
	m := newMapping()
	m.add("x-doc-tables", flowList([]string{c.table.ID}))
	addTodos(m, c.todos, opts)
	m.add("type", str("object"))
	if c.request {
		m.add("additionalProperties", boolean(false))
	}
	var required []string
	for _, p := range c.props {
		if p.required {
			required = append(required, p.name)
		}
	}
	if len(required) > 0 {
		m.add("required", flowList(required))
	}
	props := newMapping()
	if len(c.props) == 0 {
		props.n.Style = yaml.FlowStyle
	}
	for _, p := range c.props {
		pm := newMapping()
		pm.add("x-doc-row", integer(p.row))
		if p.goName != "" {
			pm.add("x-go-name", str(p.goName))
		}
		addTodos(pm, p.todos, opts)
		props.add(p.name, p.schema.node(pm))
	}
	m.add("properties", props.n)
	return m.n
}

// node writes the schema's keywords after those already in m.
func (s *shape) node(m *mapping) *yaml.Node {
	if s.ref != nil {
		return m.add("$ref", str(s.ref.pointer())).n
	}
	m.add("type", str(s.typ))
	if s.format != "" {
		m.add("format", str(s.format))
	}
	if s.min != "" {
		m.add("minimum", literal(s.min))
	}
	if s.max != "" {
		m.add("maximum", literal(s.max))
	}
	if s.enum != nil {
		m.add("enum", flowList(s.enum))
	}
	if s.known != nil {
		m.add("x-known-values", flowList(s.known))
	}
	if s.varNames != nil {
		m.add("x-enum-varnames", flowList(s.varNames))
	}
	if s.goTypeName != "" {
		m.add("x-go-type-name", str(s.goTypeName))
	}
	if s.def != nil {
		m.add("default", jsonNode(s.def))
	}
	if s.items != nil {
		m.add("items", s.items.node(newMapping()))
	}
	if s.values != nil {
		m.add("additionalProperties", s.values.node(newMapping()))
	}
	return m.n
}
