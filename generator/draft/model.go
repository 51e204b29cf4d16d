package draft

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/names"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// document is the draft before it is written: one operation and the
// components of its tables.
type document struct {
	op    *operation
	comps []*component // the page's tables in page order, then tables of other pages they link to
}

type operation struct {
	id, method, path, page string
	params                 []*param
	request                *component
	requestExamples        []*example
	responses              []*response
	todos                  []Todo
}

// pointer is the operation's JSON pointer.
func (op *operation) pointer() string {
	return "#/paths/" + escape(op.path) + "/" + strings.ToLower(op.method)
}

type response struct {
	status   int
	body     *component // nil for a response without a documented body
	examples []*example
}

type example struct {
	num   int // x-doc-example
	value *jsonValue
}

type param struct {
	name, in string
	goName   string        // x-go-name, "" for the name's own
	table    *rstdoc.Table // nil for a path variable no table documents
	row      int
	required bool
	schema   *shape
	todos    []Todo
}

type component struct {
	name    string
	table   *rstdoc.Table
	page    *rstdoc.Page
	request bool   // documented in a request section: closed, values are an enum
	root    string // "request", "response" or "" for a table a row links to
	status  int    // of a response root
	linked  bool   // some row links to the table
	props   []*property
	todos   []Todo
}

func (c *component) pointer() string {
	return "#/components/schemas/" + escape(c.name)
}

// prop returns the property named name, or nil.
func (c *component) prop(name string) *property {
	for _, p := range c.props {
		if p.name == name {
			return p
		}
	}
	return nil
}

type property struct {
	name     string
	goName   string // x-go-name, "" for the name's own
	row      int
	required bool
	schema   *shape
	todos    []Todo
}

// shape is the schema of a property, parameter, array item or map value.
type shape struct {
	typ, format string // JSON Schema type and format
	min, max    string // integer bounds as literals, "" for none
	enum        []string
	known       []string // x-known-values
	varNames    []string // x-enum-varnames, when the values give no Go names
	goTypeName  string   // x-go-type-name of the enum
	def         *jsonValue
	ref         *component
	items       *shape // array
	values      *shape // map (additionalProperties)
}

// drafter holds the state of one New.
type drafter struct {
	ref   *rstdoc.Reference
	page  *rstdoc.Page
	doc   *document
	comps map[*rstdoc.Table]*component
	taken map[string]string // Go name -> what has it
	enums map[string]string // enum Go name -> its values, joined
}

func newDrafter(ref *rstdoc.Reference, page *rstdoc.Page) *drafter {
	d := &drafter{ref: ref, page: page, comps: map[*rstdoc.Table]*component{}, taken: map[string]string{}, enums: map[string]string{}}
	for _, n := range reservedNames {
		d.taken[n] = "the generated package"
	}
	return d
}

// reservedNames are the Go names every generated package has (the
// builder's list).
var reservedNames = []string{"Violation", "ValidationError", "MaxViolations", "MaxDocumentSize", "Secret", "NewSecret", "Nullable", "Ptr", "OperationInfo", "Operations",
	"Client", "NewClient", "Option", "RetryPolicy", "APIError", "Signer", "Handler", "NewServer",
	"WithAKSK", "WithSecurityToken", "WithToken", "WithHTTPClient", "WithUserAgent", "WithRetry", "WithLogger", "Value"}

// Table roles.
var (
	pathTitleRe  = regexp.MustCompile(`(?i)^path parameters?$`)
	queryTitleRe = regexp.MustCompile(`(?i)^query parameters?$`)
	bodyTitleRe  = regexp.MustCompile(`(?i)^(request|response) body( parameters?)?$`)
)

// draft drafts the page.
func (d *drafter) draft() *document {
	p := d.page
	op := &operation{id: p.OriginalName, method: p.Method, path: p.Path, page: p.Name}
	d.doc = &document{op: op}
	goOp := names.Go(op.id)
	for _, n := range []string{goOp + "Params", goOp + "Path", goOp + "Method"} {
		d.taken[n] = "the operation " + op.id
	}
	var pathTables, queryTables []*rstdoc.Table
	for _, t := range p.Tables {
		if !t.IsParameters {
			continue
		}
		_, body := side(t)
		switch {
		case pathTitleRe.MatchString(t.Title):
			pathTables = append(pathTables, t)
		case queryTitleRe.MatchString(t.Title):
			queryTables = append(queryTables, t)
		case body:
			d.component(p, t)
		default:
			op.todos = append(op.todos, Todo{Line: t.Line, Kind: ir.TodoUnsupported,
				Text: fmt.Sprintf("%s is neither a path, query nor body table: model what it documents by hand", t.Label())})
		}
	}
	d.link()
	d.roots()
	d.name()
	for _, c := range d.doc.comps {
		d.fill(c)
	}
	d.params(pathTables, queryTables)
	d.goNames()
	d.enumNames()
	d.responses()
	d.examples()
	return d.doc
}

// component makes the component of table t of page p, once.
func (d *drafter) component(p *rstdoc.Page, t *rstdoc.Table) *component {
	if c := d.comps[t]; c != nil {
		return c
	}
	request, _ := side(t)
	c := &component{table: t, page: p, request: request}
	d.comps[t] = c
	d.doc.comps = append(d.doc.comps, c)
	return c
}

// side says whether a body table documents a request or a response: by
// its section ("Request Parameters"), else its title ("Request body
// parameters"), else its Mandatory column, which only request tables
// have. ok is false for a table with none of these.
func side(t *rstdoc.Table) (request, ok bool) {
	for _, s := range []string{strings.ToLower(t.Section), strings.ToLower(t.Title)} {
		switch {
		case strings.Contains(s, "request"):
			return true, true
		case strings.Contains(s, "response"):
			return false, true
		}
	}
	return t.HasMandatory, t.HasMandatory
}

// link follows the :ref: links of the Type cells, adding the components
// of tables on other pages that rows link to.
func (d *drafter) link() {
	for i := 0; i < len(d.doc.comps); i++ {
		c := d.doc.comps[i]
		for _, r := range c.table.Rows {
			lp, lt := d.target(c, r)
			switch {
			case lt == nil:
			case d.comps[lt] != nil:
				d.comps[lt].linked = true
			case lp != d.page && lt.IsParameters:
				d.component(lp, lt).linked = true
			}
		}
	}
}

// target is the table an object row links to: its :ref:, else a table of
// the same page whose title is the Type cell.
func (d *drafter) target(c *component, r *rstdoc.Row) (*rstdoc.Page, *rstdoc.Table) {
	if r.Ref != "" {
		return d.ref.Resolve(r.Ref)
	}
	if !r.IsObject || r.Type == "" || strings.EqualFold(r.Type, "object") {
		return nil, nil
	}
	for _, t := range c.page.Tables {
		if t.IsParameters && strings.EqualFold(t.Title, r.Type) {
			return c.page, t
		}
	}
	return nil, nil
}

// roots picks the body of the request and of each response status: the
// table titled "Request body parameters" ("Response body parameters"),
// else the first of its section no row links to.
func (d *drafter) roots() {
	var reqRoot *component
	respRoot := map[int]*component{}
	for _, c := range d.doc.comps {
		if c.page != d.page {
			continue
		}
		title := bodyTitleRe.MatchString(c.table.Title)
		switch {
		case c.request && reqRoot == nil && (title || !c.linked):
			reqRoot = c
		case !c.request && respRoot[c.table.Status] == nil && (title || !c.linked):
			respRoot[c.table.Status] = c
		}
	}
	if reqRoot != nil {
		reqRoot.root = "request"
		d.doc.op.request = reqRoot
	}
	for _, c := range respRoot {
		c.root, c.status = "response", c.table.Status
	}
	for _, c := range d.doc.comps {
		if c.root == "" && !c.linked {
			c.todos = append(c.todos, Todo{Line: c.table.Line, Kind: ir.TodoContradiction,
				Text: fmt.Sprintf("no row links to %s and it is not the body: decide where it belongs", c.table.Label())})
		}
	}
}

// name gives every component its Go-friendly name: the operation's
// Request or Response for the bodies, else the table's title in
// PascalCase.
func (d *drafter) name() {
	var statuses []int
	for _, c := range d.doc.comps {
		if c.root == "response" {
			statuses = append(statuses, c.status)
		}
	}
	slices.Sort(statuses)
	first := -1
	for _, s := range statuses {
		if s < 400 {
			first = s
			break
		}
	}
	if first < 0 && len(statuses) > 0 {
		first = statuses[0]
	}
	goOp := names.Go(d.doc.op.id)
	for _, c := range d.doc.comps {
		base := names.Go(c.table.Title)
		switch {
		case c.root == "request":
			base = goOp + "Request"
		case c.root == "response" && c.status == first:
			base = goOp + "Response"
		case c.root == "response":
			base = goOp + "Response" + strconv.Itoa(c.status)
		case base == "" || bodyTitleRe.MatchString(c.table.Title):
			base = goOp + "Table" + strconv.Itoa(c.table.Number)
		}
		side := "Response"
		if c.request {
			side = "Request"
		}
		c.name = d.claimFree("the table "+c.table.ID, base, base+side)
		for _, n := range []string{"Decode" + c.name, "Decode" + c.name + "From", "Encode" + c.name} {
			d.taken[n] = c.name
		}
	}
}

// claimFree claims the first free name of the candidates, else the last
// one with a number.
func (d *drafter) claimFree(what string, candidates ...string) string {
	for _, n := range candidates {
		if d.free(n) {
			d.taken[n] = what
			return n
		}
	}
	last := candidates[len(candidates)-1]
	for i := 2; ; i++ {
		if n := last + strconv.Itoa(i); d.free(n) {
			d.taken[n] = what
			return n
		}
	}
}

// free reports whether the Go name n and the names derived from it are
// free.
func (d *drafter) free(n string) bool {
	for _, m := range []string{n, "Decode" + n, "Decode" + n + "From", "Encode" + n} {
		if _, ok := d.taken[m]; ok {
			return false
		}
	}
	return true
}

// fill makes the properties of c from its table's rows.
func (d *drafter) fill(c *component) {
	seen := map[string]int{}
	for i, r := range c.table.Rows {
		if first, dup := seen[r.Name]; dup {
			c.todos = append(c.todos, Todo{Line: r.Line, Kind: ir.TodoContradiction,
				Text: fmt.Sprintf("%s lists %s twice (rows %d and %d): the draft keeps the first", c.table.Label(), r.Name, first, i+1)})
			continue
		}
		seen[r.Name] = i + 1
		p := &property{name: r.Name, row: i + 1, required: c.table.HasMandatory && isYes(r.Mandatory)}
		var todos []Todo
		p.schema, todos = d.rowSchema(c, r, false)
		p.todos = append(todos, d.rowTodos(r, c.table.HasMandatory, c.request || c.table.HasMandatory)...)
		c.props = append(c.props, p)
	}
}

func isYes(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "yes") }

// params makes the path and query parameters.
func (d *drafter) params(pathTables, queryTables []*rstdoc.Table) {
	op := d.doc.op
	vars := pathVars(op.path)
	documented := map[string]bool{}
	for _, t := range pathTables {
		for i, r := range t.Rows {
			if !slices.Contains(vars, r.Name) || documented[r.Name] {
				op.todos = append(op.todos, Todo{Line: r.Line, Kind: ir.TodoContradiction,
					Text: fmt.Sprintf("%s lists the path parameter %s, which the path %s does not have (or has once): the draft leaves it out", t.Label(), r.Name, op.path)})
				continue
			}
			documented[r.Name] = true
			p := &param{name: r.Name, in: "path", table: t, row: i + 1, required: true, schema: &shape{typ: "string"}}
			if !strings.EqualFold(r.Type, "String") || r.IsArray || r.IsObject {
				p.todos = append(p.todos, Todo{Line: r.Line, Kind: ir.TodoUnsupported,
					Text: fmt.Sprintf("the Type cell says %s; path parameters are strings", rowType(r))})
			}
			if vals := r.Values; len(vals) > 0 {
				p.todos = append(p.todos, Todo{Line: r.Line, Kind: ir.TodoUnsupported,
					Text: fmt.Sprintf("the row lists the values %s, but a path parameter has no value list here: check them in code, or accept the list with x-doc-deviation (value-reading)", quoteList(vals))})
			}
			if t.HasMandatory && !isYes(r.Mandatory) {
				p.todos = append(p.todos, Todo{Line: r.Line, Kind: ir.TodoContradiction,
					Text: "the Mandatory column says No, but a path parameter is always given: decide"})
			}
			p.todos = append(p.todos, d.rowTodos(r, t.HasMandatory, true)...)
			op.params = append(op.params, p)
		}
	}
	for _, v := range vars {
		if !documented[v] {
			op.params = append(op.params, &param{name: v, in: "path", required: true, schema: &shape{typ: "string"}})
			op.todos = append(op.todos, Todo{Line: d.page.PathLine, Kind: ir.TodoContradiction,
				Text: fmt.Sprintf("the path has {%s}, which no path parameter table documents: the draft adds it as a string", v)})
		}
	}
	// Path parameters in the order of the path, as the builder keeps them.
	slices.SortStableFunc(op.params, func(a, b *param) int {
		return cmp.Compare(strings.Index(op.path, "{"+a.name+"}"), strings.Index(op.path, "{"+b.name+"}"))
	})
	seen := map[string]bool{}
	for _, t := range queryTables {
		for i, r := range t.Rows {
			if seen[r.Name] {
				op.todos = append(op.todos, Todo{Line: r.Line, Kind: ir.TodoContradiction,
					Text: fmt.Sprintf("%s lists the query parameter %s twice: the draft keeps the first", t.Label(), r.Name)})
				continue
			}
			seen[r.Name] = true
			p := &param{name: r.Name, in: "query", table: t, row: i + 1, required: t.HasMandatory && isYes(r.Mandatory)}
			var todos []Todo
			p.schema, todos = d.rowSchema(nil, r, true)
			p.todos = append(todos, d.rowTodos(r, t.HasMandatory, true)...)
			op.params = append(op.params, p)
		}
	}
}

// pathVars are the {variables} of a path template, in order.
func pathVars(path string) []string {
	var out []string
	for rest := path; ; {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			return out
		}
		out = append(out, rest[i+1:j])
		rest = rest[j+1:]
	}
}

// responses makes the responses: every success status the page lists,
// and every status a response table or example documents.
func (d *drafter) responses() {
	op := d.doc.op
	p := d.page
	listed := map[int]bool{}
	byStatus := map[int]*response{}
	add := func(status int) *response {
		if r := byStatus[status]; r != nil {
			return r
		}
		r := &response{status: status}
		byStatus[status] = r
		op.responses = append(op.responses, r)
		return r
	}
	for _, sc := range p.StatusCodes {
		listed[sc.Code] = true
		if sc.Code < 400 {
			add(sc.Code)
		}
	}
	line := p.TitleLine()
	if len(p.StatusCodes) > 0 {
		line = p.StatusCodes[0].Line
	}
	for _, c := range d.doc.comps {
		if c.root != "response" {
			continue
		}
		status := c.status
		if status == 0 {
			status = firstSuccess(p)
		}
		r := add(status)
		r.body = c
		if !listed[status] {
			op.todos = append(op.todos, Todo{Line: line, Kind: ir.TodoContradiction,
				Text: fmt.Sprintf("%s documents a body for status %d, which the status codes do not list", c.table.Label(), status)})
		}
	}
	if len(op.responses) == 0 {
		op.todos = append(op.todos, Todo{Line: line, Kind: ir.TodoUnsupported,
			Text: "the page names no success status code and no response body: the draft answers 200"})
		add(200)
	}
	slices.SortFunc(op.responses, func(a, b *response) int { return cmp.Compare(a.status, b.status) })
}

// firstSuccess is the first status below 400 the page lists, else 200.
func firstSuccess(p *rstdoc.Page) int {
	for _, sc := range p.StatusCodes {
		if sc.Code < 400 {
			return sc.Code
		}
	}
	return 200
}

// rowType is the Type cell as the page writes it.
func rowType(r *rstdoc.Row) string {
	t := r.Type
	if r.IsObject {
		t += " object"
	}
	if r.IsArray {
		t = "Array of " + t
	}
	return t
}

// escape escapes a JSON pointer token.
func escape(s string) string { return ir.EscapeToken(s) }

// summary counts the rows and collects the to-dos with their pointers,
// in document order, each holder's sorted by line.
func (doc *document) summary() (int, []Todo) {
	rows := 0
	var out []Todo
	add := func(ptr string, ts []Todo) {
		ts = slices.Clone(ts)
		slices.SortStableFunc(ts, func(a, b Todo) int { return cmp.Compare(a.Line, b.Line) })
		for i := range ts {
			ts[i].Pointer = ptr
		}
		out = append(out, ts...)
	}
	op := doc.op
	add(op.pointer(), op.todos)
	for i, p := range op.params {
		if p.table != nil {
			rows++
		}
		add(fmt.Sprintf("%s/parameters/%d", op.pointer(), i), p.todos)
	}
	for _, c := range doc.comps {
		add(c.pointer(), c.todos)
		for _, p := range c.props {
			rows++
			add(c.pointer()+"/properties/"+escape(p.name), p.todos)
		}
	}
	return rows, out
}
