package doccheck

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// Check compares the pages of ref, a folder read by rstdoc.ReadDir, with
// the packages built from the schemas that model them. docsDir is the
// folder as the user named it, for the page paths of the report. The
// to-dos of the packages (x-doc-todo, kept by schema.Config.KeepTodos)
// are reported, and so are todos, more to-dos, each naming the node it
// stands on by Holder: a draft's, checked before they are written into it
// (draft.Draft.IRTodos).
func Check(pkgs []*ir.Package, ref *rstdoc.Reference, docsDir string, todos ...*ir.Todo) *Report {
	return run(pkgs, ref, todos...).report(docsDir)
}

// run does every comparison.
func run(pkgs []*ir.Package, ref *rstdoc.Reference, todos ...*ir.Todo) *checker {
	c := &checker{ref: ref, pkgs: pkgs}
	c.build()
	c.collectTodos(todos)
	c.checkOperations()
	for _, u := range c.units {
		c.matchRows(u)
	}
	c.checkCoverage()
	c.checkObjects()
	c.readExamples()
	c.checkExamples()
	c.checkFields()
	c.compareRules()
	c.resolveDeviations()
	c.resolveTodos()
	return c
}

// checkOperations compares each operation with the page it names.
func (c *checker) checkOperations() {
	byPage := map[*rstdoc.Page]*opLink{}
	for _, l := range c.ops {
		op := l.op
		if op.DocPage == "" {
			continue
		}
		if l.page == nil {
			c.add(&finding{Finding: Finding{Kind: KindOperation, SchemaPos: op.DocPagePos.String(), Object: op.ID,
				Message: fmt.Sprintf("%s: x-doc-page names %s, which the folder does not have", op.ID, op.DocPage)}})
			continue
		}
		p := l.page
		at := func(line int, msg string) {
			c.add(&finding{Finding: Finding{Kind: KindOperation, Page: p.Name, PageLine: line, SchemaPos: op.Pos.String(), Object: op.ID, Message: msg}})
		}
		if prev := byPage[p]; prev != nil {
			at(p.TitleLine(), fmt.Sprintf("%s and %s both name this page in x-doc-page", prev.op.ID, op.ID))
			continue
		}
		byPage[p] = l
		if p.OriginalName != op.ID {
			// The :original_name: field is the page's first line.
			at(1, fmt.Sprintf("the page's :original_name: is %q; the operationId is %s", p.OriginalName, op.ID))
		}
		switch {
		case p.PathLine == 0:
			at(p.TitleLine(), fmt.Sprintf("the page has no operation line; the schema has %s %s", op.Method, op.Path))
		case p.Method != op.Method || p.Path != op.Path:
			at(p.PathLine, fmt.Sprintf("the page says %s %s; the schema has %s %s", p.Method, p.Path, op.Method, op.Path))
		}
		c.checkStatusCodes(l)
	}
}

// checkStatusCodes compares the operation's responses with the page's
// status codes: every response must be listed, and every success or
// redirect code the page lists must be a response (error codes are
// generic and need not be).
func (c *checker) checkStatusCodes(l *opLink) {
	p, op := l.page, l.op
	line := p.TitleLine()
	if len(p.StatusCodes) > 0 {
		line = p.StatusCodes[0].Line
	}
	listed := map[string]bool{}
	for _, sc := range p.StatusCodes {
		listed[strconv.Itoa(sc.Code)] = true
	}
	has := map[string]bool{}
	for _, r := range op.Responses {
		has[r.Status] = true
		if !listed[r.Status] {
			c.add(&finding{Finding: Finding{Kind: KindResponse, Page: p.Name, PageLine: line, SchemaPos: op.Pos.String(), Object: op.ID,
				Message: fmt.Sprintf("%s: the schema has a %s response; the page's status codes do not list it", op.ID, r.Status)}})
		}
	}
	for _, sc := range p.StatusCodes {
		if s := strconv.Itoa(sc.Code); sc.Code < 400 && !has[s] {
			c.add(&finding{Finding: Finding{Kind: KindResponse, Page: p.Name, PageLine: sc.Line, SchemaPos: op.Pos.String(), Object: op.ID,
				Message: fmt.Sprintf("%s: the page lists the status code %s; the schema has no such response", op.ID, s)}})
		}
	}
}

// checkObjects reports the objects a linked operation's bodies hold that
// name no table: nothing compares them with a page.
func (c *checker) checkObjects() {
	seen := map[*ir.Object]bool{}
	for _, l := range c.ops {
		if l.page == nil {
			continue
		}
		for _, o := range l.op.Objects() {
			if seen[o] || o.Tables != nil {
				continue
			}
			seen[o] = true
			c.add(&finding{Finding: Finding{Kind: KindTable, Page: l.page.Name, PageLine: l.page.PathLine, SchemaPos: o.Pos.String(), Object: o.Name,
				Message: fmt.Sprintf("%s, which %s's bodies hold, names no table in x-doc-tables: no page table is compared with it", o.Name, l.op.ID)}})
		}
	}
}

// report groups the findings by page.
func (c *checker) report(docsDir string) *Report {
	r := &Report{Docs: docsDir}
	for _, pkg := range c.pkgs {
		r.Schemas = append(r.Schemas, pkg.Source)
	}
	for _, l := range c.ops {
		if l.op.DocPage == "" {
			r.Unlinked = append(r.Unlinked, fmt.Sprintf("%s (%s)", l.op.ID, l.op.Pos))
		}
	}
	byPage := map[string]*PageReport{}
	for _, p := range c.ref.Pages {
		if !c.touched[p] {
			continue
		}
		pr := &PageReport{Page: p.Name, Operations: []string{}, Findings: []Finding{}}
		for _, l := range c.ops {
			if l.page == p {
				pr.Operations = append(pr.Operations, l.op.ID)
			}
		}
		byPage[p.Name] = pr
		r.Pages = append(r.Pages, pr)
	}
	for _, f := range c.findings {
		if pr := byPage[f.Page]; pr != nil {
			pr.Findings = append(pr.Findings, f.Finding)
		} else {
			f.Page = ""
			r.Schema = append(r.Schema, f.Finding)
		}
	}
	for _, pr := range r.Pages {
		pr.Findings = sortFindings(pr.Findings)
	}
	r.Schema = sortFindings(r.Schema)
	for _, p := range c.ref.Pages {
		if !c.touched[p] {
			r.NotModelled = append(r.NotModelled, p.Name)
		}
	}
	if r.Schema == nil {
		r.Schema = []Finding{}
	}
	if r.Unlinked == nil {
		r.Unlinked = []string{}
	}
	if r.NotModelled == nil {
		r.NotModelled = []string{}
	}
	if r.Pages == nil {
		r.Pages = []*PageReport{}
	}
	slices.SortFunc(r.Pages, func(a, b *PageReport) int { return strings.Compare(a.Page, b.Page) })
	return r
}
