package draft

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/doccheck"
	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
	"github.com/dmsgen/dmsgen/generator/schema"
)

// grid writes a reStructuredText grid table inside a ".. table::"
// directive titled title, indented by three spaces. A cell may hold
// several lines, separated by "\n".
func grid(title string, header []string, rows ...[]string) string {
	widths := make([]int, len(header))
	all := append([][]string{header}, rows...)
	for _, r := range all {
		for c, cell := range r {
			for _, l := range strings.Split(cell, "\n") {
				widths[c] = max(widths[c], len(l))
			}
		}
	}
	border := func(ch string) string {
		var b strings.Builder
		b.WriteString("   +")
		for _, w := range widths {
			b.WriteString(strings.Repeat(ch, w+2) + "+")
		}
		return b.String() + "\n"
	}
	line := func(r []string) string {
		var lines [][]string
		height := 1
		for _, cell := range r {
			ls := strings.Split(cell, "\n")
			lines = append(lines, ls)
			height = max(height, len(ls))
		}
		var b strings.Builder
		for i := range height {
			b.WriteString("   |")
			for c, w := range widths {
				text := ""
				if i < len(lines[c]) {
					text = lines[c][i]
				}
				b.WriteString(" " + text + strings.Repeat(" ", w-len(text)) + " |")
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	var b strings.Builder
	b.WriteString(".. table:: " + title + "\n\n")
	b.WriteString(border("-"))
	b.WriteString(line(header))
	b.WriteString(border("="))
	for _, r := range rows {
		b.WriteString(line(r))
		b.WriteString(border("-"))
	}
	return b.String()
}

// parsePages reads hand-written pages, name to text, into a Reference.
func parsePages(t *testing.T, pages map[string]string) *rstdoc.Reference {
	t.Helper()
	ref := &rstdoc.Reference{}
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		p, err := rstdoc.Parse(name, []byte(pages[name]))
		if err != nil {
			t.Fatalf("%v\n%s", err, numbered(pages[name]))
		}
		ref.Pages = append(ref.Pages, p)
	}
	return ref
}

// numbered returns text with line numbers, for failure messages.
func numbered(text string) string {
	var b strings.Builder
	for i, l := range strings.Split(text, "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// lineOf returns the 1-based line of the first line of text that contains
// sub.
func lineOf(t *testing.T, text, sub string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return i + 1
		}
	}
	t.Fatalf("no line has %q", sub)
	return 0
}

// writeSchema writes a draft into a new folder and returns its path.
func writeSchema(t *testing.T, data []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "draft.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// build builds a schema file's IR.
func build(t *testing.T, file string) *ir.Package {
	t.Helper()
	pkg, err := schema.Build(schema.Config{Schema: file, Package: "draft"})
	if err != nil {
		data, _ := os.ReadFile(file)
		t.Fatalf("%v\n%s", err, numbered(string(data)))
	}
	return pkg
}

// check drafts page and checks the draft against the pages: the draft
// without its to-dos builds, and doccheck, told of the to-dos, reports
// nothing but them and the differences that wait on them. It returns the
// report.
func check(t *testing.T, ref *rstdoc.Reference, page string) (*Draft, *doccheck.Report) {
	t.Helper()
	p := ref.Page(page)
	if p == nil {
		t.Fatalf("no page %s", page)
	}
	d, err := New(ref, p)
	if err != nil {
		t.Fatal(err)
	}
	pkg := build(t, writeSchema(t, d.YAML(Options{NoTodos: true})))
	rep := doccheck.Check([]*ir.Package{pkg}, ref, "", d.IRTodos()...)
	for _, f := range rep.Findings() {
		if f.Status != doccheck.StatusTodo && f.Status != doccheck.StatusPending {
			t.Errorf("doccheck of the draft of %s: %s", page, rep.Line(f))
		}
	}
	if open, _ := rep.TodoCounts(); open != len(d.Todos) {
		t.Errorf("doccheck reports %d to-do(s); the draft has %d", open, len(d.Todos))
	}
	return d, rep
}
