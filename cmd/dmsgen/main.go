// Command dmsgen generates Go types, strict decoders and validators from an
// OpenAPI 3.1 schema, and checks that checked-in output is up to date.
//
// Usage:
//
//	dmsgen [-C dir] generate [--config FILE | --schema FILE --out DIR --package NAME [--fixtures DIR] [--root DIR]]
//	dmsgen [-C dir] check    [the same flags]
//	dmsgen [-C dir] doccheck --doc PAGE.rst [--schema FILE]
//	dmsgen [-C dir] draft    --doc PAGE.rst [--docs DIR] [--out FILE]
//
// generate and check read dmsgen.yaml in the working directory when they
// are given no flags. Exit status: 0 success, 1 problems in the input or
// stale output, 2 usage or I/O errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/dmsgen/dmsgen/generator"
	"github.com/dmsgen/dmsgen/generator/output"
	"github.com/dmsgen/dmsgen/generator/schema"
)

func main() {
	// A run allocates many times what it keeps (syntax trees that live
	// for one file), and ends soon: collecting at 5 times the live heap
	// rather than twice takes about a third off the CPU time of a large
	// schema. GOGC in the environment still decides, when set.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK      = 0
	exitProblem = 1 // input errors, stale output, doc differences
	exitUsage   = 2 // bad flags, unreadable files
)

// commands are the subcommands, with their one-line descriptions.
var commands = []struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}{
	{"generate", "write the Go package (and fixtures) a schema describes", func(a []string, o, e io.Writer) int { return generate(a, o, e, false) }},
	{"check", "exit 1, with a diff, when the generated files are not what the schema gives", func(a []string, o, e io.Writer) int { return generate(a, o, e, true) }},
	{"doccheck", "compare documentation pages with the schema that models them", doccheck},
	{"draft", "write an OpenAPI draft of one documentation page, its open points as to-dos", draftCmd},
	{"version", "print the version of dmsgen and of Go it was built with", version},
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dmsgen generates Go types, strict decoders and validators from an OpenAPI 3.1 schema.")
	fmt.Fprintln(w, "\nUsage:\n\n\tdmsgen [-C dir] <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"dmsgen <command> -h\" for the flags of a command. Exit status: 0 success,\n1 problems in the input or stale output, 2 usage or I/O errors.")
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dmsgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("C", "", "change to `dir` before doing anything")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() { usage(stderr) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return exitOK
		}
		return exitUsage
	}
	if *showVersion {
		return version(fs.Args(), stdout, stderr)
	}
	if *dir != "" {
		if err := os.Chdir(*dir); err != nil {
			fmt.Fprintf(stderr, "dmsgen: %v\n", err)
			return exitUsage
		}
	}
	if fs.NArg() == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	if name == "help" {
		usage(stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(rest, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "dmsgen: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

// parse parses a subcommand's flags; -h prints its usage to stdout and
// exits 0, as help that was asked for.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

// generate runs "generate" or, with check, "check".
func generate(args []string, stdout, stderr io.Writer, check bool) int {
	name := "generate"
	if check {
		name = "check"
	}
	fs := flag.NewFlagSet("dmsgen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg generator.Config
	configFile := fs.String("config", "", "read the packages to generate from `file` (default "+generator.ConfigFile+" when no other flag is given)")
	fs.StringVar(&cfg.Schema, "schema", "", "OpenAPI 3.1 `file` to read")
	fs.StringVar(&cfg.OutDir, "out", "", "`dir`ectory of the generated package")
	fs.StringVar(&cfg.Package, "package", "", "Go package `name`")
	fs.StringVar(&cfg.FixturesDir, "fixtures", "", "`dir`ectory for golden-test fixtures (none when not given)")
	fs.StringVar(&cfg.Root, "root", "", "`dir`ectory the schema's $refs may reach (default: the schema's folder)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: dmsgen %s [--config FILE | --schema FILE --out DIR --package NAME [--fixtures DIR] [--root DIR]]\n\n", name)
		fs.PrintDefaults()
	}
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dmsgen %s: unexpected argument %q\n", name, fs.Arg(0))
		return exitUsage
	}
	flagged := cfg != (generator.Config{})
	var configs []generator.Config
	switch {
	case *configFile != "" && flagged:
		fmt.Fprintf(stderr, "dmsgen %s: give --config or the other flags, not both\n", name)
		return exitUsage
	case flagged:
		configs = []generator.Config{cfg}
	default:
		file := *configFile
		if file == "" {
			file = generator.ConfigFile
			if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
				fmt.Fprintf(stderr, "dmsgen %s: no %s here; give --schema, --out and --package (or --config FILE)\n", name, generator.ConfigFile)
				return exitUsage
			}
		}
		var err error
		if configs, err = generator.LoadConfig(file); err != nil {
			fmt.Fprintf(stderr, "dmsgen %s: %v\n", name, err)
			return exitUsage
		}
	}
	code := exitOK
	for _, c := range configs {
		code = max(code, generateOne(c, name, check, stdout, stderr))
	}
	return code
}

// generateOne generates or checks one package.
func generateOne(cfg generator.Config, name string, check bool, stdout, stderr io.Writer) int {
	opts := output.Options{Logf: func(format string, args ...any) {
		fmt.Fprintf(stderr, "dmsgen %s: %s\n", name, fmt.Sprintf(format, args...))
	}}
	res, err := generator.Generate(cfg)
	if err != nil {
		return report(stderr, name, cfg, err)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "dmsgen %s: note: %s\n", name, n)
	}
	if check {
		diff, problems, err := generator.Check(res, opts)
		if err != nil {
			return report(stderr, name, cfg, err)
		}
		reportAPIChanges(stderr, res, diff) // what regenerating changes for the package's users (apichange.go)
		fmt.Fprint(stdout, diff)
		for _, p := range problems {
			fmt.Fprintf(stderr, "dmsgen check: %s\n", p)
		}
		if diff != "" {
			fmt.Fprintf(stderr, "dmsgen check: the files generated from %s are stale; run dmsgen generate and commit the result\n", cfg.Schema)
		}
		if diff != "" || len(problems) > 0 {
			return exitProblem
		}
		return exitOK
	}
	sum, err := generator.Write(res, opts)
	if err != nil {
		return report(stderr, name, cfg, err)
	}
	if sum.Recovered {
		fmt.Fprintf(stderr, "dmsgen generate: rolled back an interrupted run on %s first\n", cfg.OutDir)
	}
	fmt.Fprintf(stderr, "dmsgen generate: %s -> %s: %d written, %d removed, %d unchanged\n", cfg.Schema, outDirs(cfg), sum.Written, sum.Removed, sum.Unchanged)
	return exitOK
}

func outDirs(cfg generator.Config) string {
	if cfg.FixturesDir == "" {
		return cfg.OutDir
	}
	return cfg.OutDir + " and " + cfg.FixturesDir
}

// report prints err and returns its exit code: 1 for problems in the input
// or the repository, 2 for usage and I/O errors.
func report(stderr io.Writer, name string, cfg generator.Config, err error) int {
	var errs schema.Errors
	var problems output.ProblemError
	var usageErr *generator.UsageError
	switch {
	case errors.As(err, &errs):
		fmt.Fprintln(stderr, errs.Error())
		fmt.Fprintf(stderr, "dmsgen %s: %d problem(s) in %s; nothing was written\n", name, len(errs), cfg.Schema)
		return exitProblem
	case errors.As(err, &problems):
		for _, p := range problems {
			fmt.Fprintf(stderr, "dmsgen %s: %s\n", name, p)
		}
		fmt.Fprintf(stderr, "dmsgen %s: nothing was written\n", name)
		return exitProblem
	case errors.As(err, &usageErr):
		fmt.Fprintf(stderr, "dmsgen %s: %v\n", name, err)
		return exitUsage
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "internal error") {
		fmt.Fprintf(stderr, "dmsgen %s: %s\nThis is a bug in dmsgen; please report it with the schema.\n", name, msg)
		return exitUsage
	}
	fmt.Fprintf(stderr, "dmsgen %s: %v\n", name, err)
	return exitUsage
}
