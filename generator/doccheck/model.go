package doccheck

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// checker holds one run of Check.
type checker struct {
	ref      *rstdoc.Reference
	pkgs     []*ir.Package
	findings []*finding

	ops     []*opLink
	models  []*model
	units   []*unit
	claimed map[*rstdoc.Table]*unit
	// objModel is the model of each object with x-doc-tables.
	objModel map[*ir.Object]*model
	// holders lists, for each object, the fields that hold it (directly,
	// or as array items or map values) and their objects.
	holders map[*ir.Object][]holder
	objects []*ir.Object
	devs    map[*ir.Deviation]*deviation
	devList []*deviation
	// touched are the pages some finding or model is about.
	touched map[*rstdoc.Page]bool

	pageEx map[*rstdoc.Page][]*pageExample
	visits []visit
	todos  []*todo
}

// finding is a Finding with what may accept it.
type finding struct {
	Finding
	// accept is the deviation kind that accepts the finding, "" for none;
	// devs are the deviations that may.
	accept string
	devs   []*deviation
	// example, for a finding about a page example, is the schema example
	// that copies it, or "".
	example string
	// lines are the page lines the finding comes from, when they are not
	// PageLine alone: the sentences of the rules a rule finding compares.
	lines []int
}

// opLink is an operation and the page it names.
type opLink struct {
	op   *ir.Operation
	page *rstdoc.Page // nil without x-doc-page, or when the folder lacks it
}

// holder is a field of obj whose type holds another object.
type holder struct {
	obj   *ir.Object
	field *ir.Field
}

// model is what models page tables: an object with x-doc-tables, or the
// parameters of one operation that name the same table.
type model struct {
	obj     *ir.Object    // nil for parameters
	op      *ir.Operation // for parameters
	members []*member     // in x-doc-row order
	ids     []string
	pos     ir.Pos // of x-doc-tables
	units   []*unit
}

// name is how messages name the model.
func (m *model) name() string {
	if m.obj != nil {
		return m.obj.Name
	}
	return m.op.ID + " parameters"
}

// objName is Finding.Object for the model's findings.
func (m *model) objName() string {
	if m.obj != nil {
		return m.obj.Name
	}
	return m.op.ID
}

// member is a field of an object, or a parameter.
type member struct {
	m          *model
	name       string
	row        int      // x-doc-row, 0 when absent
	typ        *ir.Type // nil for a path parameter, which is a string
	field      *ir.Field
	param      *ir.Param
	required   bool // parameters only: path parameters always are
	def        string
	valuesFrom string
	pos        ir.Pos
	devs       []*deviation
}

// qual is "Object.field", or "parameter name" for parameters.
func (mb *member) qual() string {
	if mb.param != nil {
		return "parameter " + mb.name
	}
	return mb.m.obj.Name + "." + mb.name
}

// unit is one table a model names, found on a page.
type unit struct {
	m       *model
	id      string
	page    *rstdoc.Page
	table   *rstdoc.Table
	request bool // the table has a Mandatory column: rules apply
	rows    map[*member]*rstdoc.Row
}

// deviation is one x-doc-deviation and where it stands.
type deviation struct {
	d      *ir.Deviation
	holder string // "Object.field", "parameter name", "operation ID"
	obj    string
	field  string
	mb     []*member // the members it stands on (a parameter may be in several tables)
	op     *opLink   // for a deviation on an operation
}

// build indexes the packages and the pages.
func (c *checker) build() {
	c.claimed = map[*rstdoc.Table]*unit{}
	c.objModel = map[*ir.Object]*model{}
	c.holders = map[*ir.Object][]holder{}
	c.devs = map[*ir.Deviation]*deviation{}
	c.touched = map[*rstdoc.Page]bool{}
	c.pageEx = map[*rstdoc.Page][]*pageExample{}
	for _, pkg := range c.pkgs {
		for _, o := range pkg.Objects {
			c.objects = append(c.objects, o)
			for _, f := range o.Fields {
				for t := f.Type; t != nil; t = t.Elem {
					if t.Kind == ir.ObjectKind && t.Object != nil {
						c.holders[t.Object] = append(c.holders[t.Object], holder{o, f})
					}
				}
			}
			if o.Tables == nil {
				// Its deviations are stale: no table compares it.
				for _, f := range o.Fields {
					c.deviationsOf(f.Deviations, o.Name, f.JSONName)
				}
			} else {
				m := &model{obj: o, ids: o.Tables.IDs, pos: o.Tables.Pos}
				for _, f := range o.Fields {
					m.members = append(m.members, &member{m: m, name: f.JSONName, row: f.DocRow, typ: f.Type, field: f,
						def: f.Default, valuesFrom: f.ValuesFrom, pos: f.Pos, devs: c.deviationsOf(f.Deviations, o.Name, f.JSONName)})
				}
				c.objModel[o] = m
				c.models = append(c.models, m)
			}
		}
		for _, op := range pkg.Operations {
			c.linkOperation(op)
		}
	}
	for _, m := range c.models {
		for _, mb := range m.members {
			for _, d := range mb.devs {
				if !slices.Contains(d.mb, mb) {
					d.mb = append(d.mb, mb)
				}
			}
		}
		for _, id := range m.ids {
			c.findTable(m, id)
		}
	}
}

// deviationsOf returns the deviation records of ds, made once each.
func (c *checker) deviationsOf(ds []*ir.Deviation, obj, field string) []*deviation {
	var out []*deviation
	for _, d := range ds {
		dv := c.devs[d]
		if dv == nil {
			holder := obj + "." + field
			if field == "" {
				holder = "operation " + obj
			} else if strings.HasPrefix(obj, "parameter:") {
				obj = strings.TrimPrefix(obj, "parameter:")
				holder = "parameter " + field
			}
			dv = &deviation{d: d, holder: holder, obj: obj, field: field}
			c.devs[d] = dv
			c.devList = append(c.devList, dv)
		}
		out = append(out, dv)
	}
	return out
}

// linkOperation finds the page an operation names and makes the models of
// its parameters.
func (c *checker) linkOperation(op *ir.Operation) {
	l := &opLink{op: op}
	c.ops = append(c.ops, l)
	if op.DocPage != "" {
		l.page = c.ref.Page(op.DocPage)
		if l.page != nil {
			c.touched[l.page] = true
		}
	}
	for _, d := range c.deviationsOf(op.Deviations, op.ID, "") {
		d.op = l
	}
	byID := map[string]*model{}
	var ids []string
	for _, p := range append(slices.Clone(op.PathParams), op.QueryParams...) {
		devs := c.deviationsOf(p.Deviations, "parameter:"+op.ID, p.Name)
		if p.Tables == nil {
			continue
		}
		for _, id := range p.Tables.IDs {
			m := byID[id]
			if m == nil {
				m = &model{op: op, ids: []string{id}, pos: p.Tables.Pos}
				byID[id] = m
				ids = append(ids, id)
			}
			mb := &member{m: m, name: p.Name, row: p.DocRow, typ: p.Type, param: p, required: p.Required || p.Type == nil,
				def: p.Default, pos: p.Pos, devs: devs}
			m.members = append(m.members, mb)
		}
	}
	for _, id := range ids {
		m := byID[id]
		slices.SortStableFunc(m.members, func(a, b *member) int { return lineKey(a.row) - lineKey(b.row) })
		c.models = append(c.models, m)
	}
}

// findTable looks the table id up in the folder and makes the unit that
// compares it with m.
func (c *checker) findTable(m *model, id string) {
	page, table := c.ref.Table(id)
	if table == nil {
		c.missingTable(m, id)
		return
	}
	c.touched[page] = true
	u := &unit{m: m, id: id, page: page, table: table, request: table.HasMandatory, rows: map[*member]*rstdoc.Row{}}
	if prev := c.claimed[table]; prev != nil {
		c.add(&finding{Finding: Finding{Kind: KindTable, Page: page.Name, PageLine: table.Line, SchemaPos: m.pos.String(), Object: m.objName(),
			Message: fmt.Sprintf("%s is modelled twice: by %s and by %s", table.Label(), prev.m.name(), m.name())}})
		return
	}
	c.claimed[table] = u
	m.units = append(m.units, u)
	c.units = append(c.units, u)
}

// missingTable reports a table ID no page has, on the page its prefix
// names when there is one, with the tables of that page whose IDs
// continue it.
func (c *checker) missingTable(m *model, id string) {
	prefix, _, _ := strings.Cut(id, "__")
	var page *rstdoc.Page
	for _, p := range c.ref.Pages {
		if strings.EqualFold(p.Anchor, prefix) || strings.EqualFold(p.OriginalName, prefix) {
			page = p
			break
		}
	}
	msg := fmt.Sprintf("%s names the table %s in x-doc-tables, but no page of the folder has it", m.name(), id)
	f := &finding{Finding: Finding{Kind: KindTable, SchemaPos: m.pos.String(), Object: m.objName(), Message: msg}}
	if page != nil {
		c.touched[page] = true
		f.Page, f.PageLine = page.Name, page.TitleLine()
		var near []string
		for _, t := range page.Tables {
			if strings.HasPrefix(t.ID, id) {
				near = append(near, t.ID)
			}
		}
		f.Message = fmt.Sprintf("%s names the table %s in x-doc-tables, but the page has no table with that ID", m.name(), id)
		if len(near) > 0 {
			f.Message += " (it has " + strings.Join(near, ", ") + ")"
		}
	}
	c.add(f)
}

// add records a finding; a difference without a status is one.
func (c *checker) add(f *finding) {
	if f.Status == "" {
		f.Status = StatusDifference
	}
	c.findings = append(c.findings, f)
}

// owners returns the objects that hold o, directly or through other
// objects, nearest first, without o itself.
func (c *checker) owners(o *ir.Object) []*ir.Object {
	var out []*ir.Object
	seen := map[*ir.Object]bool{o: true}
	queue := []*ir.Object{o}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, h := range c.holders[cur] {
			if !seen[h.obj] {
				seen[h.obj] = true
				out = append(out, h.obj)
				queue = append(queue, h.obj)
			}
		}
	}
	return out
}

// fieldByName returns the field of o named name, or nil.
func fieldByName(o *ir.Object, name string) *ir.Field {
	if o == nil {
		return nil
	}
	for _, f := range o.Fields {
		if f.JSONName == name {
			return f
		}
	}
	return nil
}

// memberOf returns the member of m for field f, or nil.
func (m *model) memberOf(f *ir.Field) *member {
	for _, mb := range m.members {
		if mb.field == f {
			return mb
		}
	}
	return nil
}

// rowOf returns the row that models field f of obj, and its unit: the
// first in a request table, else the first in any table; nil when no
// table of obj has a row for f.
func (c *checker) rowOf(obj *ir.Object, f *ir.Field) (*unit, *rstdoc.Row) {
	m := c.objModel[obj]
	if m == nil {
		return nil, nil
	}
	mb := m.memberOf(f)
	if mb == nil {
		return nil, nil
	}
	var first *unit
	var firstRow *rstdoc.Row
	for _, u := range m.units {
		if r := u.rows[mb]; r != nil {
			if u.request {
				return u, r
			}
			if first == nil {
				first, firstRow = u, r
			}
		}
	}
	return first, firstRow
}
