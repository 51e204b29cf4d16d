package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	dc "github.com/dmsgen/dmsgen/generator/doccheck"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// doccheck runs "dmsgen doccheck --doc PAGE.rst [--schema FILE] [--format
// text|json]": it compares a documentation page with the schema that models
// it and prints one line (or JSON object) per finding. It exits 0 when the
// two agree or every difference is an accepted deviation, 1 on a difference
// or a stale deviation, and 2 on bad usage or a page or schema it cannot
// read.
func doccheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dmsgen doccheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	doc := fs.String("doc", "", "reStructuredText `page` to check (required)")
	schemaFile := fs.String("schema", "", "OpenAPI 3.1 `file` that models the page (required)")
	format := fs.String("format", "text", "output `format`: text or json")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: dmsgen doccheck --doc PAGE.rst --schema FILE [--format text|json]")
		fs.PrintDefaults()
	}
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dmsgen doccheck: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if *doc == "" || *schemaFile == "" {
		fmt.Fprintln(stderr, "dmsgen doccheck: --doc and --schema are required")
		fs.Usage()
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "dmsgen doccheck: --format must be text or json, not %q\n", *format)
		return exitUsage
	}
	src, err := os.ReadFile(*doc)
	if err != nil {
		fmt.Fprintf(stderr, "dmsgen doccheck: %v\n", err)
		return exitUsage
	}
	page, err := rstdoc.Parse(*doc, src)
	if err != nil {
		fmt.Fprintf(stderr, "dmsgen doccheck: %v\n", err)
		return exitUsage
	}
	report, err := dc.Check(page, *doc, *schemaFile)
	if err != nil {
		fmt.Fprintf(stderr, "dmsgen doccheck: %v\n", err)
		return exitUsage
	}
	if *format == "json" {
		err = report.WriteJSON(stdout)
	} else {
		err = report.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "dmsgen doccheck: %v\n", err)
		return exitUsage
	}
	if !report.OK() {
		return exitProblem
	}
	return exitOK
}
