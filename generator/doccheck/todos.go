package doccheck

import (
	"fmt"
	"slices"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// A to-do (x-doc-todo) is a point of a page a person has not modelled
// yet: a draft's conditional sentences and contradictions. doccheck reports
// each open to-do as a finding of its own (KindTodo, StatusTodo), at its
// page line, and makes pending the differences it stands for: those at
// the to-do's page line whose kind the to-do's kind covers (a rule finding
// counts at the lines of the sentences it comes from). A pending difference
// is decided with its to-do; the report is not OK while a to-do is open.

// todoCovers lists, for each to-do kind, the kinds of differences a to-do
// of that kind stands for at its line.
var todoCovers = map[string][]string{
	ir.TodoCondition: ruleKinds,
	ir.TodoContradiction: append(slices.Clone(ruleKinds), KindExample, KindType, KindValues, KindDefault, KindBound,
		KindOperation, KindResponse, KindNoProperty, KindTable),
	ir.TodoUnsupported: {KindType, KindValues, KindDefault, KindBound, KindRule, KindTable, KindNoProperty, KindExample,
		KindOperation, KindResponse, KindUnchecked},
	ir.TodoExample: {KindExample, KindOperation},
}

// ruleKinds are the kinds of findings about required fields and rules.
var ruleKinds = []string{KindMandatory, KindCondition, KindEither, KindNotTogether, KindNotEmpty, KindForbidden, KindUnchecked}

// todo is one to-do and where it stands.
type todo struct {
	t      *ir.Todo
	page   *rstdoc.Page // nil when no page is known
	pos    ir.Pos
	obj    string
	field  string
	waited []*finding
}

// collectTodos gathers the to-dos the IR carries and the extra ones given
// to Check, placing each on its page.
func (c *checker) collectTodos(extra []*ir.Todo) {
	type holder struct {
		pos        ir.Pos
		page       *rstdoc.Page
		obj, field string
	}
	holders := map[string]holder{}
	pageOf := func(m *model) *rstdoc.Page {
		if m != nil && len(m.units) > 0 {
			return m.units[0].page
		}
		return nil
	}
	for _, l := range c.ops {
		holders[l.op.Pointer] = holder{l.op.Pos, l.page, l.op.ID, ""}
		for _, p := range append(slices.Clone(l.op.PathParams), l.op.QueryParams...) {
			page := l.page
			for _, m := range c.models {
				if m.op == l.op && slices.ContainsFunc(m.members, func(mb *member) bool { return mb.param == p }) && pageOf(m) != nil {
					page = pageOf(m)
					break
				}
			}
			holders[p.Pointer] = holder{p.Pos, page, l.op.ID, p.Name}
		}
	}
	for _, o := range c.objects {
		page := pageOf(c.objModel[o])
		if page == nil {
			for _, l := range c.ops {
				if l.page != nil && slices.Contains(l.op.Objects(), o) {
					page = l.page
					break
				}
			}
		}
		holders[o.Pointer] = holder{o.Pos, page, o.Name, ""}
		for _, f := range o.Fields {
			holders[f.Pointer] = holder{f.Pos, page, o.Name, f.JSONName}
		}
	}
	for _, t := range append(irTodos(c.pkgs), extra...) {
		h := holders[t.Holder]
		td := &todo{t: t, page: h.page, pos: t.Pos, obj: h.obj, field: h.field}
		if t.Page != "" {
			td.page = c.ref.Page(t.Page)
		}
		if td.pos.File == "" {
			td.pos = h.pos
		}
		if td.page != nil {
			c.touched[td.page] = true
		}
		c.todos = append(c.todos, td)
	}
}

// irTodos returns the to-dos the IR of pkgs carries (a build with
// schema.Config.KeepTodos), in package and node order.
func irTodos(pkgs []*ir.Package) []*ir.Todo {
	var out []*ir.Todo
	for _, pkg := range pkgs {
		for _, op := range pkg.Operations {
			out = append(out, op.Todos...)
			for _, p := range append(slices.Clone(op.PathParams), op.QueryParams...) {
				out = append(out, p.Todos...)
			}
		}
		for _, o := range pkg.Objects {
			out = append(out, o.Todos...)
			for _, f := range o.Fields {
				out = append(out, f.Todos...)
			}
		}
	}
	return out
}

// resolveTodos makes pending the differences the to-dos stand for, and
// reports each to-do.
func (c *checker) resolveTodos() {
	byLine := map[string][]*todo{}
	for _, td := range c.todos {
		if td.page != nil {
			k := fmt.Sprintf("%s:%d", td.page.Name, td.t.Line)
			byLine[k] = append(byLine[k], td)
		}
	}
	for _, f := range c.findings {
		if f.Status != StatusDifference || f.Page == "" {
			continue
		}
		lines := f.lines
		if len(lines) == 0 {
			lines = []int{f.PageLine}
		}
		var by []*todo
		for _, line := range lines {
			i := slices.IndexFunc(byLine[fmt.Sprintf("%s:%d", f.Page, line)], func(td *todo) bool {
				return slices.Contains(todoCovers[td.t.Kind], f.Kind)
			})
			if i < 0 {
				by = nil
				break
			}
			by = append(by, byLine[fmt.Sprintf("%s:%d", f.Page, line)][i])
		}
		if len(by) == 0 {
			continue
		}
		f.Status = StatusPending
		f.Reason = fmt.Sprintf("it waits on the to-do at line %d", by[0].t.Line)
		for _, td := range by {
			td.waited = append(td.waited, f)
		}
	}
	for _, td := range c.todos {
		f := Finding{Kind: KindTodo, Status: StatusTodo, PageLine: td.t.Line, SchemaPos: td.pos.String(), Object: td.obj, Field: td.field,
			Message: td.t.Kind + ": " + td.t.Text}
		if td.page != nil {
			f.Page = td.page.Name
		}
		if n := len(td.waited); n > 0 {
			f.Message += fmt.Sprintf(" (%d difference(s) wait on it)", n)
		}
		c.add(&finding{Finding: f})
	}
}

// TodoCounts returns the number of open to-dos and of the differences
// that wait on them.
func (r *Report) TodoCounts() (open, pending int) {
	for _, f := range r.Findings() {
		switch f.Status {
		case StatusTodo:
			open++
		case StatusPending:
			pending++
		}
	}
	return
}

// todoSummary is the report's last line about to-dos, "" without any.
func (r *Report) todoSummary() string {
	open, pending := r.TodoCounts()
	if open == 0 && pending == 0 {
		return ""
	}
	return fmt.Sprintf("doccheck: %d open to-do(s) (x-doc-todo), %d difference(s) waiting on them: resolve each, then delete it", open, pending)
}
