package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dmsgen/dmsgen/generator/draft"
	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// draftCmd runs "dmsgen draft --doc PAGE.rst [--docs DIR] [--out FILE]":
// it writes an OpenAPI 3.1 draft of one reference page, to standard output
// or to a new file, and says on standard error how many rows it drafted
// and how many to-dos a person must resolve. It exits 0 when it wrote the
// draft, 1 when the page cannot be drafted (it does not parse, or has no
// operation), and 2 on bad usage, a folder or page it cannot read, or an
// --out file that exists.
func draftCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dmsgen draft", flag.ContinueOnError)
	fs.SetOutput(stderr)
	doc := fs.String("doc", "", "the reference `page` to draft (a .rst file; required)")
	docs := fs.String("docs", "", "`folder` of the reference pages, which resolves the page's links and names it in x-doc-page (default: the folder above the page's group folder)")
	out := fs.String("out", "", "write the draft to `file`, which must not exist (default: standard output)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: dmsgen draft --doc PAGE.rst [--docs DIR] [--out FILE]")
		fs.PrintDefaults()
	}
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(stderr, "dmsgen draft: "+format+"\n", args...)
		return code
	}
	switch {
	case fs.NArg() > 0:
		fs.Usage()
		return fail(exitUsage, "unexpected argument %q", fs.Arg(0))
	case *doc == "":
		fs.Usage()
		return fail(exitUsage, "--doc is required")
	}
	if st, err := os.Stat(*doc); err != nil || st.IsDir() {
		if err == nil {
			err = fmt.Errorf("%s is a folder, not a page", *doc)
		}
		return fail(exitUsage, "%v", err)
	}
	if *out != "" {
		if _, err := os.Lstat(*out); err == nil {
			return fail(exitUsage, "%s exists; draft writes only a new file: remove it or name another", *out)
		}
	}
	root := *docs
	if root == "" {
		root = filepath.Dir(filepath.Dir(*doc))
	}
	rel, err := filepath.Rel(root, *doc)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fail(exitUsage, "%s is not in the folder %s", *doc, root)
	}
	name := filepath.ToSlash(rel)
	ref, err := rstdoc.ReadDir(root)
	if ref == nil {
		return fail(exitUsage, "%v", err)
	}
	page := ref.Page(name)
	if page == nil {
		// The page itself did not parse: say why, and nothing else.
		var pe *rstdoc.Error
		for _, e := range unwrapAll(err) {
			if errors.As(e, &pe) && pe.Name == name {
				return fail(exitProblem, "%v", e)
			}
		}
		return fail(exitUsage, "%s: not a page of %s", *doc, root)
	}
	if err != nil {
		fmt.Fprintf(stderr, "dmsgen draft: note: %d other page(s) of %s could not be read; links to their tables stay unresolved\n", len(unwrapAll(err)), root)
	}
	d, err := draft.New(ref, page)
	if err != nil {
		return fail(exitProblem, "%v", err)
	}
	data := d.YAML(draft.Options{})
	where := "standard output"
	if *out == "" {
		if _, err := stdout.Write(data); err != nil {
			return fail(exitUsage, "%v", err)
		}
	} else {
		if err := writeNew(*out, data); err != nil {
			if errors.Is(err, os.ErrExist) {
				return fail(exitUsage, "%s exists; draft writes only a new file: remove it or name another", *out)
			}
			return fail(exitUsage, "%v", err)
		}
		where = *out
	}
	fmt.Fprintf(stderr, "dmsgen draft: %s (%s): %d row(s), %d to-do(s)%s -> %s\n", name, d.OperationID, d.Rows, len(d.Todos), kindText(d), where)
	if len(d.Todos) > 0 {
		fmt.Fprintln(stderr, "dmsgen draft: resolve each x-doc-todo (model it, or accept it with x-doc-deviation, then delete it); generate refuses the draft until then")
	}
	return exitOK
}

// kindText is " (condition 3, contradiction 1)", or "".
func kindText(d *draft.Draft) string {
	n := d.Kinds()
	var parts []string
	for _, k := range ir.TodoKinds {
		if n[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, n[k]))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// writeNew writes data to a file that must not exist yet.
func writeNew(file string, data []byte) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(file)
		return err
	}
	return f.Close()
}

// unwrapAll returns the errors errors.Join joined, or err alone.
func unwrapAll(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return slices.Clone(j.Unwrap())
	}
	return []error{err}
}
