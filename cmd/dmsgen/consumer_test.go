package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestConsumer uses this checkout as a team outside the repository would,
// from the module in testdata/consumer (example.com/consumer), offline
// (GOPROXY=off: everything comes from the module cache).
//
// First it imports only the generated package: after go mod tidy the
// build list must be the consumer and github.com/dmsgen/dmsgen/generated
// and nothing else, go.sum must name no other module, and the program
// must build, validate and encode a request.
//
// Then it adds dmsgen as a tool (go get -tool), prints its version and
// generates a package of its own from testdata/consumer/api.yaml with go
// tool dmsgen, and builds everything. The tool brings the generator's
// requirements into the consumer's graph; that is expected, and only the
// first part is held to an empty graph.
func TestConsumer(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command in PATH")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "consumer")
	for _, name := range []string{"go.mod", "main.go", "api.yaml"} {
		copyFile(t, filepath.Join(root, "testdata", "consumer", name), filepath.Join(dir, name))
	}
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("go %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return stdout.String()
	}

	const generated = "github.com/dmsgen/dmsgen/generated"
	goCmd("mod", "edit", "-replace", generated+"="+filepath.Join(root, "generated"))
	goCmd("mod", "tidy")
	var modules []string
	for line := range strings.Lines(goCmd("list", "-m", "all")) {
		modules = append(modules, strings.Fields(line)[0])
	}
	if want := []string{"example.com/consumer", generated}; !slices.Equal(modules, want) {
		t.Errorf("go list -m all lists %q, want only %q", modules, want)
	}
	sum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(sum)) {
		if f := strings.Fields(line); len(f) > 0 && f[0] != generated {
			t.Errorf("go.sum names another module: %s", strings.TrimSpace(line))
		}
	}
	out := goCmd("run", ".")
	for _, want := range []string{`"source_type":"REDIS_REPLICATOR_SOURCE"`, `"redis_password":"********"`} {
		if !strings.Contains(out, want) {
			t.Errorf("go run . printed %q, want it to contain %s", out, want)
		}
	}

	// dmsgen as a tool of the consumer. Offline, the checksum database
	// cannot vouch for the generator's requirements; the hashes come from
	// this module's go.sum, which it has vouched for already.
	goCmd("mod", "edit", "-replace", "github.com/dmsgen/dmsgen="+root)
	rootSum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), append(sum, rootSum...), 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd("get", "-tool", "github.com/dmsgen/dmsgen/cmd/dmsgen")
	version := goCmd("tool", "dmsgen", "--version")
	if strings.Count(version, "\n") != 1 || !strings.HasPrefix(version, "dmsgen ") || !strings.Contains(version, runtime.Version()) {
		t.Errorf("go tool dmsgen --version printed %q, want one line naming dmsgen and %s", version, runtime.Version())
	}
	goCmd("tool", "dmsgen", "generate", "--schema", "api.yaml", "--out", filepath.Join("internal", "api"), "--package", "api")
	if _, err := os.Stat(filepath.Join(dir, "internal", "api", "types.go")); err != nil {
		t.Errorf("go tool dmsgen generate wrote no types.go: %v", err)
	}
	goCmd("build", "./...")
}
