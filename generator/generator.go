// Package generator is dmsgen's entry point: it builds the IR from a
// schema, emits the generated files in memory, and hands them to package
// output, which writes them safely or compares them with what is on disk.
package generator

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dmsgen/dmsgen/generator/emit"
	"github.com/dmsgen/dmsgen/generator/fixtures"
	"github.com/dmsgen/dmsgen/generator/output"
	"github.com/dmsgen/dmsgen/generator/schema"
)

// Config says what to generate and where. Paths are relative to the
// working directory (or absolute).
type Config struct {
	Schema string // OpenAPI 3.1 document
	// Root is the folder the schema's $refs may reach; "" means the
	// schema's own folder.
	Root    string
	OutDir  string // folder of the generated package
	Package string // Go package name
	// FixturesDir, when set, receives the golden-test fixtures.
	FixturesDir string
}

// UsageError is a configuration that cannot be run: a required setting
// missing, an invalid package name. Flag names the setting.
type UsageError struct {
	Flag string
	Msg  string
}

func (e *UsageError) Error() string { return "--" + e.Flag + ": " + e.Msg }

// Validate checks the configuration itself, before any file is read.
func (cfg Config) Validate() error {
	switch {
	case cfg.Schema == "":
		return &UsageError{"schema", "required: the OpenAPI 3.1 document to read"}
	case cfg.OutDir == "":
		return &UsageError{"out", "required: the folder of the generated package"}
	case cfg.Package == "":
		return &UsageError{"package", "required: the Go package name"}
	case !token.IsIdentifier(cfg.Package) || token.IsKeyword(cfg.Package) || cfg.Package == "_":
		return &UsageError{"package", fmt.Sprintf("%q is not a valid Go package name (an identifier that is not a keyword)", cfg.Package)}
	case cfg.FixturesDir != "" && filepath.Clean(cfg.FixturesDir) == filepath.Clean(cfg.OutDir):
		return &UsageError{"fixtures", "must be another folder than --out"}
	}
	return nil
}

// File is one output file, with its path relative to the working
// directory.
type File struct {
	Path string
	Data []byte
}

// Result is one generation, in memory.
type Result struct {
	Plan output.Plan
	// Notes are remarks for the user, such as fixture names changed to
	// keep them apart.
	Notes []string
}

// Files returns every file of the result, sorted by path.
func (r *Result) Files() []File {
	var out []File
	for _, d := range r.Plan.Dirs {
		for _, f := range d.Files {
			out = append(out, File{Path: filepath.Join(d.Path, filepath.FromSlash(f.Name)), Data: f.Data})
		}
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Generate builds every output file of cfg in memory. Input problems come
// back as schema.Errors, a schema that cannot be read as a
// *schema.ReadError, a bad configuration as a *UsageError.
func Generate(cfg Config) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	source, err := sourceName(cfg.Schema)
	if err != nil {
		return nil, err
	}
	pkg, err := schema.Build(schema.Config{Schema: cfg.Schema, Source: source, Root: cfg.Root, Package: cfg.Package})
	if err != nil {
		return nil, err
	}
	// The package and the fixtures are made from the same IR, which
	// neither changes: build them at the same time.
	var (
		fx      []fixtures.Fixture
		notes   []string
		fxErr   error
		fxPanic any
		done    = make(chan struct{})
	)
	if cfg.FixturesDir != "" {
		go func() {
			defer close(done)
			defer func() { fxPanic = recover() }()
			fx, notes, fxErr = fixtures.Generate(pkg)
		}()
	} else {
		close(done)
	}
	files, err := emit.Package(pkg)
	<-done
	if fxPanic != nil {
		panic(fxPanic) // a bug in the fixture builder, raised where it was before
	}
	if err != nil {
		return nil, err
	}
	r := &Result{Plan: output.Plan{Source: source}, Notes: pkg.Notes}
	out := output.Dir{Path: cfg.OutDir}
	for _, f := range files {
		out.Files = append(out.Files, output.File{Name: f.Name, Data: f.Data})
	}
	r.Plan.Dirs = append(r.Plan.Dirs, out)
	if cfg.FixturesDir != "" {
		if fxErr != nil {
			return nil, fxErr
		}
		r.Notes = append(r.Notes, notes...)
		header := output.Header(source)
		d := output.Dir{Path: cfg.FixturesDir, Deep: true, Files: make([]output.File, 0, 2*len(fx))}
		for _, f := range fx {
			base := f.Type + "/" + f.Name
			d.Files = append(d.Files,
				output.File{Name: base + ".json", Data: f.Doc},
				output.File{Name: base + ".golden", Data: fixtures.Golden(header, f.Want)},
			)
		}
		r.Plan.Dirs = append(r.Plan.Dirs, d)
	}
	return r, nil
}

// sourceName is the schema as headers and manifests name it: relative to
// the working directory, slash-separated, never absolute, so that the
// output does not depend on where the checkout is.
func sourceName(schemaPath string) (string, error) {
	if !filepath.IsAbs(schemaPath) {
		return filepath.ToSlash(filepath.Clean(schemaPath)), nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(wd, schemaPath)
	if err != nil {
		return filepath.Base(schemaPath), nil
	}
	return filepath.ToSlash(rel), nil
}

// Write writes the result: all or nothing, replacing and removing only
// files this output wrote (see package output).
func Write(r *Result, opts output.Options) (output.Summary, error) {
	return output.Write(r.Plan, opts)
}

// Check compares the result with the disk without writing: a unified diff
// of what would change, and the problems that would stop Write.
func Check(r *Result, opts output.Options) (string, []output.Problem, error) {
	return output.Check(r.Plan, opts)
}

// IsProblem reports whether err is a problem in the user's input or
// repository (exit 1) rather than a usage or I/O error (exit 2).
func IsProblem(err error) bool {
	var se schema.Errors
	var pe output.ProblemError
	return errors.As(err, &se) || errors.As(err, &pe)
}
