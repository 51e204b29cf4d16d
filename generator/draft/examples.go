package draft

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// examples copies the page's example bodies into the operation, each
// where the page puts it, and turns what an example says against its
// table into to-dos.
func (d *drafter) examples() {
	op := d.doc.op
	for i, ex := range d.page.Examples {
		n := i + 1
		if ex.Kind == "request" && ex.Method != "" {
			if path := ex.Path(); ex.Method != op.method || path != op.path {
				op.todos = append(op.todos, Todo{Line: ex.Line, Kind: ir.TodoContradiction,
					Text: fmt.Sprintf("page example %d sends %s %s; the operation line says %s %s: decide which is right", n, ex.Method, path, op.method, op.path)})
			}
		}
		if ex.JSON == nil {
			continue
		}
		v, err := parseJSON(ex.JSON, ex.JSONLine)
		if err != nil {
			op.todos = append(op.todos, Todo{Line: ex.Line, Kind: ir.TodoExample,
				Text: fmt.Sprintf("page example %d is not JSON (%v): write what it shows by hand, or leave it out", n, err)})
			continue
		}
		var body *component
		if ex.Kind == "request" {
			body = op.request
			if body != nil {
				op.requestExamples = append(op.requestExamples, &example{num: n, value: v})
			}
		} else if r := d.responseFor(ex.Status); r != nil {
			body = r.body
			r.examples = append(r.examples, &example{num: n, value: v})
		}
		if body == nil {
			side := ex.Kind
			if ex.Kind == "response" && ex.Status != 0 {
				side = fmt.Sprintf("response (status %d)", ex.Status)
			}
			op.todos = append(op.todos, Todo{Line: ex.Line, Kind: ir.TodoContradiction,
				Text: fmt.Sprintf("page example %d is a %s body, but no table documents one: model the body, or leave the example out", n, side)})
			continue
		}
		w := &walker{n: n, seen: map[string]bool{}}
		w.walk(v, &shape{ref: body}, body, nil)
	}
}

// responseFor returns the response with a body for status, or for status
// 0 the first response with a body, as doccheck pairs examples with
// bodies; nil when there is none.
func (d *drafter) responseFor(status int) *response {
	for _, r := range d.doc.op.responses {
		if r.body != nil && (status == 0 || r.status == status) {
			return r
		}
	}
	return nil
}

// walker walks one page example along the draft's types.
type walker struct {
	n    int
	seen map[string]bool
}

// walk checks v against s, the type of property p of c (p nil: the body
// of c itself), as doccheck checks a page example: members the table
// lists, JSON types, listed values.
func (w *walker) walk(v *jsonValue, s *shape, c *component, p *property) {
	where := c.name
	if p != nil {
		where = c.name + "." + p.name
	}
	todo := func(kind, format string, args ...any) {
		t := Todo{Line: v.line, Kind: kind, Text: fmt.Sprintf(format, args...)}
		key := fmt.Sprintf("%p %d %s", p, t.Line, t.Text)
		if w.seen[key] {
			return
		}
		w.seen[key] = true
		if p != nil {
			p.todos = append(p.todos, t)
		} else {
			c.todos = append(c.todos, t)
		}
	}
	bad := func(want string) {
		todo(ir.TodoContradiction, "page example %d sends %s for %s, which its row types %s: decide the type, or note the example's slip", w.n, v.kind.name(), where, want)
	}
	if v.kind == jsonNull {
		bad(typeWords(s))
		return
	}
	switch {
	case s.ref != nil:
		if v.kind != jsonObject {
			bad(typeWords(s))
			return
		}
		for i, k := range v.keys {
			m := v.members[i]
			sub := s.ref.prop(k)
			if sub == nil {
				t := Todo{Line: m.line, Kind: ir.TodoContradiction,
					Text: fmt.Sprintf("page example %d sends %s, which %s does not list: add it, or note the example's slip", w.n, k, s.ref.table.Label())}
				key := fmt.Sprintf("%s %d %s", s.ref.name, t.Line, t.Text)
				if !w.seen[key] {
					w.seen[key] = true
					s.ref.todos = append(s.ref.todos, t)
				}
				continue
			}
			w.walk(m, sub.schema, s.ref, sub)
		}
	case s.values != nil:
		if v.kind != jsonObject {
			bad(typeWords(s))
			return
		}
		for _, m := range v.members {
			w.walk(m, s.values, c, p)
		}
	case s.typ == "array":
		if v.kind != jsonArray {
			bad(typeWords(s))
			return
		}
		for _, item := range v.items {
			w.walk(item, s.items, c, p)
		}
	default:
		if !fits(v, s) {
			bad(typeWords(s))
			return
		}
		list := s.enum
		if list == nil {
			list = s.known
		}
		if v.kind == jsonString && list != nil && !slices.Contains(list, v.str) {
			todo(ir.TodoContradiction, "page example %d sends %s for %s, outside the values its row lists %s: fix the list, add the value, or note the example's slip", w.n, strconv.Quote(v.str), where, quoteList(list))
		}
	}
}

// fits reports whether a JSON scalar has the schema's JSON type.
func fits(v *jsonValue, s *shape) bool {
	switch s.typ {
	case "string":
		return v.kind == jsonString
	case "boolean":
		return v.kind == jsonBool
	case "integer":
		if v.kind != jsonNumber {
			return false
		}
		_, err := strconv.ParseInt(v.str, 10, 64)
		return err == nil
	case "number":
		return v.kind == jsonNumber
	}
	return false
}

// typeWords names a schema's type in the pages' words.
func typeWords(s *shape) string {
	switch {
	case s.ref != nil:
		return s.ref.name + " object"
	case s.values != nil:
		return "Map<String," + typeWords(s.values) + ">"
	case s.typ == "array":
		return "Array of " + typeWords(s.items)
	case s.typ == "integer" && s.format == "int64":
		return "Long"
	case s.typ == "integer":
		return "Integer"
	case s.typ == "number":
		return "Number"
	case s.typ == "boolean":
		return "Boolean"
	}
	return "String"
}
