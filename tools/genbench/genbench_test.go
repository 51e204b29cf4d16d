package genbench

import (
	"bytes"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dmsgen/dmsgen/internal/synthetic"
)

// A generator is one command line to time: a tool's binary and how it is
// asked to generate Go from spec.yaml into the folder out, both relative
// to the working directory of the run.
type generator struct {
	name string
	// tool is the name of the binary: dmsgen, built from the main module
	// as its users build it, or a tool of this module's go.mod, at the
	// version go.mod names.
	tool string
	args []string
	// fixtures is set for dmsgen with its golden-test fixtures, which the
	// others have no counterpart of.
	fixtures bool
}

// generators are the command lines compared. oapi-codegen makes the types
// and the client (its server flavours are frameworks' adapters); ogen and
// dmsgen make everything they make by default: types, decoders,
// validators, encoders, client and server.
var generators = []generator{
	{name: "dmsgen", tool: "dmsgen",
		args: []string{"generate", "--schema", "spec.yaml", "--out", "out/synthetic", "--package", "synthetic"}},
	{name: "dmsgen-fixtures", tool: "dmsgen", fixtures: true,
		args: []string{"generate", "--schema", "spec.yaml", "--out", "out/synthetic", "--package", "synthetic", "--fixtures", "out/fixtures"}},
	{name: "oapi-codegen", tool: "oapi-codegen",
		args: []string{"-generate", "types,client", "-package", "synthetic", "-o", "out/synthetic/api.go", "spec.yaml"}},
	// ogen.yml raises ogen's schema depth limit (1000 by default), which the
	// chain of $refs Obj0 -> Obj1 -> ... -> Obj999 reaches.
	{name: "ogen", tool: "ogen",
		args: []string{"--config", "ogen.yml", "--target", "out/synthetic", "--package", "synthetic", "--clean", "spec.yaml"}},
}

// built holds the binaries, found or built once per test process.
var built struct {
	sync.Mutex
	dir  string
	bins map[string]string // tool -> binary
	errs map[string]error
}

// binary returns the binary of g's tool. dmsgen is built from the working
// tree (go build in the main module); the others are this module's tools,
// which the go command builds once and keeps in its cache (go tool -n
// prints where). A tool that cannot be had, for instance because its
// module is not in the module cache and the proxy cannot be reached, is
// skipped with the reason.
func binary(tb testing.TB, g generator) string {
	tb.Helper()
	built.Lock()
	defer built.Unlock()
	if built.bins == nil {
		built.bins, built.errs = map[string]string{}, map[string]error{}
	}
	if bin, ok := built.bins[g.tool]; ok {
		return bin
	}
	if err, ok := built.errs[g.tool]; ok {
		tb.Skipf("%s: no binary: %v", g.name, err)
	}
	bin, err := findBinary(g.tool)
	if err != nil {
		built.errs[g.tool] = err
		tb.Skipf("%s: no binary: %v", g.name, err)
	}
	built.bins[g.tool] = bin
	return bin
}

func findBinary(tool string) (string, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("no go command to build it: %v", err)
	}
	if tool != "dmsgen" {
		out, err := exec.Command(goCmd, "tool", "-n", tool).Output()
		if err != nil {
			return "", fmt.Errorf("go tool -n %s: %v%s", tool, err, stderrOf(err))
		}
		return strings.TrimSpace(string(out)), nil
	}
	if built.dir == "" {
		if built.dir, err = os.MkdirTemp("", "genbench-bin-"); err != nil {
			return "", err
		}
	}
	bin := filepath.Join(built.dir, "dmsgen")
	cmd := exec.Command(goCmd, "build", "-o", bin, "./cmd/dmsgen")
	cmd.Dir = filepath.Join("..", "..") // the main module, from tools/genbench
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/dmsgen: %v\n%s", err, out)
	}
	return bin, nil
}

// stderrOf is the standard error of a failed command, on a line of its
// own, when there is one.
func stderrOf(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return "\n" + string(ee.Stderr)
	}
	return ""
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// ogenConfig is ogen.yml: the depth limit above the longest chain of
// $refs, the rest ogen's defaults.
const ogenConfig = "parser:\n  depth_limit: 100000\n"

// workDir returns a folder of its own for every run, holding spec.yaml,
// the synthetic document of n components, and ogen.yml. Each run writes
// into a folder no earlier run used, and all are removed at the end of
// the test: removing thousands of files just before a run makes some
// file systems (ext4 with discard) stall the next run's writes, which
// would be timed as the tool's.
func workDir(tb testing.TB, n int) func() string {
	base := tb.TempDir()
	spec := []byte(synthetic.Schema(n))
	runs := 0
	return func() string {
		runs++
		dir := filepath.Join(base, fmt.Sprintf("run%d", runs))
		if err := os.MkdirAll(filepath.Join(dir, "out", "synthetic"), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "spec.yaml"), spec, 0o644); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "ogen.yml"), []byte(ogenConfig), 0o644); err != nil {
			tb.Fatal(err)
		}
		return dir
	}
}

// run runs g in dir, a folder from workDir, and returns the wall time and
// the CPU time (user and system) of the process.
func run(tb testing.TB, bin string, g generator, dir string) (wall, cpu time.Duration) {
	tb.Helper()
	cmd := exec.Command(bin, g.args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	err := cmd.Run()
	wall = time.Since(start)
	if err != nil {
		tb.Fatalf("%s %s: %v\n%s", g.name, strings.Join(g.args, " "), err, tail(stderr.String(), 40))
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// TestGenerates runs every tool once on a document of 10 components and
// checks that it wrote Go that parses (and, for dmsgen with fixtures, the
// fixtures), so that the benchmark measures tools that do the job.
func TestGenerates(t *testing.T) {
	for _, g := range generators {
		t.Run(g.name, func(t *testing.T) {
			bin := binary(t, g)
			dir := workDir(t, 10)()
			run(t, bin, g, dir)
			var goFiles, fixtures int
			fset := token.NewFileSet()
			err := filepath.WalkDir(filepath.Join(dir, "out"), func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				switch {
				case strings.HasSuffix(path, ".go"):
					goFiles++
					if _, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution); err != nil {
						return err
					}
				case strings.HasSuffix(path, ".golden"):
					fixtures++
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if goFiles == 0 {
				t.Fatalf("%s wrote no Go file", g.name)
			}
			if g.fixtures && fixtures == 0 {
				t.Fatalf("%s wrote no fixture", g.name)
			}
		})
	}
}

// BenchmarkRegenerate times every tool, as a whole process, on the
// synthetic documents of 100 and 1000 components. One iteration runs each
// tool once, in turn. Metrics: <tool>-s is the wall time of one run,
// <tool>-cpu-s its CPU time (user and system), <tool>/dmsgen the ratio of
// its wall time to dmsgen's (without fixtures): above 1, dmsgen is
// faster. ns/op is one round of all of them.
func BenchmarkRegenerate(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("components=%d", n), func(b *testing.B) {
			newDir := workDir(b, n)
			bins := map[string]string{}
			for _, g := range generators {
				// A tool that cannot be built skips the whole comparison:
				// ratios against a missing tool mean nothing.
				bins[g.name] = binary(b, g)
			}
			wall := map[string]time.Duration{}
			cpu := map[string]time.Duration{}
			for b.Loop() {
				for _, g := range generators {
					w, c := run(b, bins[g.name], g, newDir())
					wall[g.name] += w
					cpu[g.name] += c
				}
			}
			for _, g := range generators {
				b.ReportMetric(wall[g.name].Seconds()/float64(b.N), g.name+"-s")
				b.ReportMetric(cpu[g.name].Seconds()/float64(b.N), g.name+"-cpu-s")
				if g.name != "dmsgen" {
					b.ReportMetric(wall[g.name].Seconds()/wall["dmsgen"].Seconds(), g.name+"/dmsgen")
				}
			}
		})
	}
}
