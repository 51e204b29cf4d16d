// Command dmsgen generates Go types, strict decoders and validators from an
// OpenAPI 3.1 schema, and checks that checked-in output is up to date.
//
// Usage:
//
//	dmsgen [-C dir]                 regenerate the project's own package
//	dmsgen generate [flags]         generate from any schema
//	dmsgen check [flags]            exit 1 with a diff when output is stale
//	dmsgen doccheck --doc PAGE.rst  compare a documentation page with the schema
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dmsgen/dmsgen/generator"
	"github.com/dmsgen/dmsgen/generator/schema"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK      = 0
	exitProblem = 1 // input errors, stale output, doc differences
	exitUsage   = 2 // bad flags, unreadable files
)

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dmsgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("C", "", "change to `dir` before doing anything")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dmsgen [-C dir] [generate|check|doccheck] [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *dir != "" {
		if err := os.Chdir(*dir); err != nil {
			fmt.Fprintf(stderr, "dmsgen: %v\n", err)
			return exitUsage
		}
	}
	cmd, rest := "generate", fs.Args()
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	switch cmd {
	case "generate":
		return generate(rest, stdout, stderr, false)
	case "check":
		return generate(rest, stdout, stderr, true)
	case "doccheck":
		return doccheck(rest, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "dmsgen: unknown command %q\n", cmd)
		fs.Usage()
		return exitUsage
	}
}

// generate runs "generate" or, with check, "check".
func generate(args []string, stdout, stderr io.Writer, check bool) int {
	name := "generate"
	if check {
		name = "check"
	}
	fs := flag.NewFlagSet("dmsgen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := generator.Default
	fs.StringVar(&cfg.Schema, "schema", cfg.Schema, "OpenAPI 3.1 `file` to read")
	fs.StringVar(&cfg.OutDir, "out", cfg.OutDir, "`dir`ectory of the generated package")
	fs.StringVar(&cfg.Package, "package", cfg.Package, "Go package `name`")
	fs.StringVar(&cfg.FixturesDir, "fixtures", cfg.FixturesDir, "`dir`ectory for golden-test fixtures (empty: none)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dmsgen %s: unexpected argument %q\n", name, fs.Arg(0))
		return exitUsage
	}
	files, err := generator.Generate(cfg)
	if err != nil {
		var errs schema.Errors
		if errors.As(err, &errs) {
			fmt.Fprintln(stderr, errs.Error())
			fmt.Fprintf(stderr, "dmsgen: %d problem(s) in %s; nothing was written\n", len(errs), cfg.Schema)
			return exitProblem
		}
		fmt.Fprintf(stderr, "dmsgen: %v\n", err)
		return exitProblem
	}
	if check {
		diff, err := generator.Check(cfg, files)
		if err != nil {
			fmt.Fprintf(stderr, "dmsgen check: %v\n", err)
			return exitUsage
		}
		if diff != "" {
			fmt.Fprint(stdout, diff)
			fmt.Fprintln(stderr, "dmsgen check: generated files are stale; run 'make generate' and commit the result")
			return exitProblem
		}
		return exitOK
	}
	if err := generator.Write(cfg, files); err != nil {
		fmt.Fprintf(stderr, "dmsgen: %v\n", err)
		return exitUsage
	}
	return exitOK
}
