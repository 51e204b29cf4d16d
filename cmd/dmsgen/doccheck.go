package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	dc "github.com/dmsgen/dmsgen/generator/doccheck"
	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
	"github.com/dmsgen/dmsgen/generator/schema"
)

// schemaFlags collects repeated --schema flags.
type schemaFlags []string

func (s *schemaFlags) String() string { return strings.Join(*s, ",") }
func (s *schemaFlags) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// doccheck runs "dmsgen doccheck --docs DIR --schema FILE... [--doc
// PAGE.rst] [-v] [--format text|json]": it compares every page of the
// folder that the schemas model with them and prints the differences
// grouped by page, then the coverage. It exits 0 when there is no
// difference and no stale deviation, 1 otherwise, and 2 on bad usage or a
// folder, page or schema it cannot read.
func doccheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dmsgen doccheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var schemas schemaFlags
	docs := fs.String("docs", "", "`folder` of the reference pages (required unless --doc is given)")
	fs.Var(&schemas, "schema", "OpenAPI 3.1 `file` that models pages of the folder (required; repeat for several)")
	doc := fs.String("doc", "", "check only this `page` (a .rst file in the folder; without --docs, the folder is found from the x-doc-page that names it)")
	verbose := fs.Bool("v", false, "list every accepted deviation, not one summary line per page")
	format := fs.String("format", "text", "output `format`: text or json")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: dmsgen doccheck --docs DIR --schema FILE [--schema FILE]... [--doc PAGE.rst] [-v] [--format text|json]")
		fs.PrintDefaults()
	}
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "dmsgen doccheck: "+format+"\n", args...)
		return exitUsage
	}
	switch {
	case fs.NArg() > 0:
		fs.Usage()
		return fail("unexpected argument %q", fs.Arg(0))
	case len(schemas) == 0 || *docs == "" && *doc == "":
		fs.Usage()
		return fail("--schema and --docs (or --doc) are required")
	case *format != "text" && *format != "json":
		return fail("--format must be text or json, not %q", *format)
	}
	var pkgs []*ir.Package
	for _, file := range schemas {
		pkg, err := schema.Build(schema.Config{Schema: file, Package: "doccheck", KeepTodos: true})
		if err != nil {
			var errs schema.Errors
			if errors.As(err, &errs) {
				fmt.Fprintln(stderr, errs.Error())
				return fail("%d problem(s) in %s", len(errs), file)
			}
			return fail("%s: %v", file, err)
		}
		pkgs = append(pkgs, pkg)
	}
	only := ""
	if *doc != "" {
		root, name, err := docRoot(*docs, *doc, pkgs)
		if err != nil {
			return fail("%v", err)
		}
		*docs, only = root, name
	}
	ref, err := rstdoc.ReadDir(*docs)
	if err != nil {
		return fail("%v", err)
	}
	if only != "" && ref.Page(only) == nil {
		return fail("%s: not a page of %s", *doc, *docs)
	}
	report := dc.Check(pkgs, ref, *docs)
	if only != "" {
		report = report.Only(only)
	}
	if *format == "json" {
		err = report.WriteJSON(stdout)
	} else {
		err = report.WriteText(stdout, *verbose)
	}
	if err != nil {
		return fail("%v", err)
	}
	if !report.OK() {
		return exitProblem
	}
	return exitOK
}

// docRoot finds the folder and the page name of --doc: relative to
// --docs when it is given, else from the operation whose x-doc-page the
// page's path ends with.
func docRoot(docs, doc string, pkgs []*ir.Package) (root, name string, err error) {
	if _, err := os.Stat(doc); err != nil {
		return "", "", err
	}
	if docs != "" {
		rel, err := filepath.Rel(docs, doc)
		if err != nil || strings.HasPrefix(rel, "..") {
			return "", "", fmt.Errorf("%s is not in the folder %s", doc, docs)
		}
		return docs, filepath.ToSlash(rel), nil
	}
	slash := filepath.ToSlash(doc)
	for _, pkg := range pkgs {
		for _, op := range pkg.Operations {
			if op.DocPage != "" && (slash == op.DocPage || strings.HasSuffix(slash, "/"+op.DocPage)) {
				return filepath.FromSlash(cmp.Or(strings.TrimSuffix(strings.TrimSuffix(slash, op.DocPage), "/"), ".")), op.DocPage, nil
			}
		}
	}
	return "", "", fmt.Errorf("no operation of the schemas names %s in x-doc-page; give --docs", doc)
}
