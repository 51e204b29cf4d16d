package draft

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator"
	"github.com/dmsgen/dmsgen/generator/doccheck"
	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
	"github.com/dmsgen/dmsgen/generator/schema"
	"github.com/dmsgen/dmsgen/internal/testdirs"
)

// docsDir returns the folder DMSGEN_DOCS names: the test is skipped when
// it is unset, and fails when it names no folder.
func docsDir(t *testing.T) string {
	t.Helper()
	return testdirs.Env(t, "DMSGEN_DOCS", "the upstream documentation folder (../shared/docs)")
}

// readRef reads the folder of pages; every page must parse.
func readRef(t *testing.T) *rstdoc.Reference {
	t.Helper()
	dir := docsDir(t)
	ref, err := rstdoc.ReadDir(dir)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return ref
}

// TestCorpus drafts every page of DMSGEN_DOCS that has an operation (the
// appendix pages have none and are skipped, by name). For each: the draft
// is the same twice; written with its to-dos, every to-do is a located
// error of the build and nothing else is; written without them it builds,
// and doccheck of it against the page reports only the to-dos and the
// differences that wait on them; it copies no sentence of the page.
func TestCorpus(t *testing.T) {
	ref := readRef(t)
	var table strings.Builder
	fmt.Fprintf(&table, "%-100s %5s %6s\n", "page", "rows", "to-dos")
	var drafted, rows, todos int
	kinds := map[string]int{}
	var skipped []string
	for _, p := range ref.Pages {
		d, err := New(ref, p)
		if errors.Is(err, ErrNoOperation) {
			skipped = append(skipped, p.Name)
			if !strings.HasPrefix(p.Name, "appendix/") {
				t.Errorf("%s: %v; only the appendix pages have no operation", p.Name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		drafted++
		rows += d.Rows
		todos += len(d.Todos)
		for k, n := range d.Kinds() {
			kinds[k] += n
		}
		fmt.Fprintf(&table, "%-100s %5d %6d\n", p.Name, d.Rows, len(d.Todos))
		t.Run(p.Name, func(t *testing.T) {
			again, _ := New(ref, p)
			if !bytes.Equal(d.YAML(Options{}), again.YAML(Options{})) {
				t.Error("two drafts of the page differ")
			}
			checkTodoErrors(t, d)
			check(t, ref, p.Name)
			checkKept(t, ref, d)
			checkNoProse(t, p, d)
		})
	}
	if drafted+len(skipped) != len(ref.Pages) || drafted == 0 {
		t.Errorf("%d page(s) drafted and %d skipped of %d", drafted, len(skipped), len(ref.Pages))
	}
	fmt.Fprintf(&table, "%-100s %5d %6d\n", fmt.Sprintf("total: %d page(s) drafted", drafted), rows, todos)
	t.Logf("drafts of the pages of %s:\n%s", docsDir(t), table.String())
	t.Logf("to-dos by kind: %v", kinds)
	t.Logf("skipped, no operation: %s", strings.Join(skipped, ", "))
}

// TestCorpusHistory drafts the pages of every earlier revision in
// DMSGEN_DOCS_HISTORY the same way: each draft builds without its to-dos
// and doccheck reports nothing but them.
func TestCorpusHistory(t *testing.T) {
	root := testdirs.Env(t, "DMSGEN_DOCS_HISTORY", "the folder of earlier revisions (../shared/docs-history)")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatalf("DMSGEN_DOCS_HISTORY=%s: %v", root, err)
	}
	revisions := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		revisions++
		ref, err := rstdoc.ReadDir(filepath.Join(root, e.Name()))
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		drafted, todos := 0, 0
		for _, p := range ref.Pages {
			d, err := New(ref, p)
			if errors.Is(err, ErrNoOperation) {
				continue
			}
			drafted++
			todos += len(d.Todos)
			t.Run(e.Name()+"/"+p.Name, func(t *testing.T) { check(t, ref, p.Name) })
		}
		t.Logf("%s: %d page(s) drafted, %d to-do(s)", e.Name(), drafted, todos)
	}
	if revisions == 0 {
		t.Fatalf("DMSGEN_DOCS_HISTORY=%s has no revision folders", root)
	}
}

// checkTodoErrors builds the draft with its to-dos: the build fails with
// one error per to-do, at its item, saying the page line and the text, and
// with no other error.
func checkTodoErrors(t *testing.T, d *Draft) {
	t.Helper()
	file := writeSchema(t, d.YAML(Options{}))
	_, err := schema.Build(schema.Config{Schema: file, Package: "draft"})
	if len(d.Todos) == 0 {
		if err != nil {
			t.Errorf("the draft has no to-do, but does not build: %v", err)
		}
		return
	}
	var errs schema.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("the draft with %d to-do(s) builds, or fails with %v", len(d.Todos), err)
	}
	if len(errs) != len(d.Todos) {
		t.Errorf("%d build error(s) for %d to-do(s):\n%v", len(errs), len(d.Todos), errs)
	}
	count := map[string]int{}
	for i, td := range d.Todos {
		if i >= len(errs) {
			break
		}
		e := errs[i]
		ptr := fmt.Sprintf("%s/x-doc-todo/%d", td.Pointer, count[td.Pointer])
		count[td.Pointer]++
		msg := fmt.Sprintf("to-do (%s:%d): %s", d.Page, td.Line, td.Text)
		if e.Pointer != ptr || e.Msg != msg || e.Pos.File != file || e.Pos.Line == 0 {
			t.Errorf("build error %d:\n got %v\nwant %s: %s: %s", i, e, file, ptr, msg)
		}
	}
}

// checkKept builds the draft with its to-dos kept, as doccheck does: it
// builds, and doccheck of it reports its to-dos and nothing else but the
// differences that wait on them.
func checkKept(t *testing.T, ref *rstdoc.Reference, d *Draft) {
	t.Helper()
	file := writeSchema(t, d.YAML(Options{}))
	pkg, err := schema.Build(schema.Config{Schema: file, Package: "draft", KeepTodos: true})
	if err != nil {
		t.Fatalf("the draft does not build with its to-dos kept: %v", err)
	}
	rep := doccheck.Check([]*ir.Package{pkg}, ref, "")
	for _, f := range rep.Findings() {
		if f.Status != doccheck.StatusTodo && f.Status != doccheck.StatusPending {
			t.Errorf("doccheck of the draft: %s", rep.Line(f))
		}
	}
	if open, _ := rep.TodoCounts(); open != len(d.Todos) {
		t.Errorf("doccheck reports %d to-do(s) of the draft's %d", open, len(d.Todos))
	}
}

// sentenceRe splits prose into sentences.
var sentenceRe = regexp.MustCompile(`[^.!?]+[.!?]?`)

// checkNoProse reports sentences of the page's tables (of four words or
// more) that the draft, without its to-dos, contains.
func checkNoProse(t *testing.T, p *rstdoc.Page, d *Draft) {
	t.Helper()
	out := string(d.YAML(Options{NoTodos: true}))
	seen := map[string]bool{}
	for _, tb := range p.Tables {
		for _, r := range tb.Rows {
			for _, cell := range append([]string{r.Description}, r.Cells...) {
				for _, s := range sentenceRe.FindAllString(cell, -1) {
					s = strings.TrimSpace(strings.TrimRight(s, ".!?"))
					if len(strings.Fields(s)) < 4 || seen[s] {
						continue
					}
					seen[s] = true
					if strings.Contains(out, s) {
						t.Errorf("the draft copies a sentence of line %d: %q", r.Line, s)
					}
				}
			}
		}
	}
	for _, td := range d.Todos {
		for _, q := range regexp.MustCompile(`"[^"]*"`).FindAllString(td.Text, -1) {
			if len(q) > maxQuote+8 {
				t.Errorf("a to-do quotes %d characters: %s", len(q), q)
			}
		}
	}
}

// generatePage is the page TestGenerateRefusesTodos drafts: a request
// and a response body, three examples and four to-dos.
const generatePage = "smart_connect/enabling_smart_connect_pay-per-use_instance.rst"

// TestGenerateRefusesTodos: dmsgen generate refuses a draft with to-dos,
// with one located error per to-do, and generates it once a person has
// deleted them.
func TestGenerateRefusesTodos(t *testing.T) {
	ref := readRef(t)
	p := ref.Page(generatePage)
	if p == nil {
		t.Fatalf("DMSGEN_DOCS has no %s", generatePage)
	}
	d, err := New(ref, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Todos) == 0 {
		t.Fatalf("the draft of %s has no to-do", generatePage)
	}
	text := string(d.YAML(Options{}))
	file := writeSchema(t, []byte(text))
	cfg := generator.Config{Schema: file, OutDir: t.TempDir(), Package: "connector"}
	_, err = generator.Generate(cfg)
	var errs schema.Errors
	if !errors.As(err, &errs) || len(errs) != len(d.Todos) {
		t.Fatalf("generate of the draft: %v; want %d to-do errors", err, len(d.Todos))
	}
	lines := strings.Split(text, "\n")
	for i, e := range errs {
		td := d.Todos[i]
		want := fmt.Sprintf("to-do (%s:%d): %s", generatePage, td.Line, td.Text)
		if e.Msg != want {
			t.Errorf("error %d: %s, want %s", i, e, want)
		}
		if e.Pos.Line < 1 || e.Pos.Line > len(lines) || !strings.Contains(lines[e.Pos.Line-1], fmt.Sprintf("- line: %d", td.Line)) {
			t.Errorf("error %d is at %s, which is not its to-do: %q", i, e.Pos, lines[max(0, min(e.Pos.Line, len(lines))-1)])
		}
	}
	resolved := deleteTodos(text)
	if strings.Contains(resolved, "x-doc-todo:") {
		t.Fatal("deleteTodos left a to-do")
	}
	cfg.Schema = writeSchema(t, []byte(resolved))
	res, err := generator.Generate(cfg)
	if err != nil {
		t.Fatalf("generate of the draft without its to-dos: %v\n%s", err, numbered(resolved))
	}
	if len(res.Files()) == 0 {
		t.Error("generate wrote no file")
	}
}

// deleteTodos deletes every x-doc-todo annotation from a draft, as a
// person does once each is resolved.
func deleteTodos(text string) string {
	var out []string
	skip := -1 // indentation of the x-doc-todo key being deleted
	for _, l := range strings.Split(text, "\n") {
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if skip >= 0 && (ind > skip || strings.TrimSpace(l) == "") {
			continue
		}
		skip = -1
		if strings.TrimSpace(l) == "x-doc-todo:" {
			skip = ind
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
