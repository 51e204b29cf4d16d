package generator

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cycleDriver builds Tree values that hold themselves and validates, prints
// and logs them; every call must return.
const cycleDriver = `package main

import (
	"fmt"
	"log/slog"
	"os"

	"casetest/recursive"
)

func main() {
	t := &recursive.Tree{Name: recursive.Ptr("a")}
	t.Left = t
	u := &recursive.Tree{Name: recursive.Ptr("b")}
	u.Children = []recursive.Tree{{Name: recursive.Ptr("c"), Left: u}}
	u.Labels = map[string]recursive.Tree{"k": {Name: recursive.Ptr("d"), Left: u}}
	for _, x := range []*recursive.Tree{t, u} {
		fmt.Println("validate:", x.Validate())
		fmt.Println("string:", len(x.String()) > 0)
		fmt.Printf("format: %v\n", len(fmt.Sprintf("%v %+v %#v", x, x, x)) > 0)
		slog.New(slog.NewJSONHandler(os.Stdout, nil)).Info("tree", "t", x)
		slog.New(slog.NewTextHandler(os.Stdout, nil)).Info("tree", "t", x)
	}
	// A deep value that is not a cycle validates, at any depth the decoder
	// allows.
	deep := &recursive.Tree{Name: recursive.Ptr("x")}
	for range 5000 {
		deep = &recursive.Tree{Name: recursive.Ptr("x"), Left: deep}
	}
	fmt.Println("deep:", deep.Validate())
}
`

// TestRecursiveValueCycle: Validate, String, Format and LogValue on values
// of a recursive type that hold themselves return, with a violation or a
// marker, instead of overflowing the stack.
func TestRecursiveValueCycle(t *testing.T) {
	text := runDriver(t, "recursive", cycleDriver)
	for _, want := range []string{
		"validate: /left: holds itself (a cycle)",
		"validate: 2 violations; the first: /children/0/left: holds itself (a cycle)",
		`"left":{"left":"holds itself (a cycle)"`,
		`t.left.left="holds itself (a cycle)"`,
		`Labels:map[\"k\":Tree{Left:<holds itself (a cycle)>`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q:\n%.3000s", want, text)
		}
	}
	if !strings.Contains(text, "deep: <nil>") {
		t.Errorf("a deep value that is not a cycle does not validate:\n%.2000s", text[max(0, len(text)-2000):])
	}
}

// runDriver generates the case name into a scratch module with driver as
// its main package, runs it and returns what it printed. The driver
// imports the package as casetest/<package>, the case name without its
// hyphens.
func runDriver(t *testing.T, name, driver string) string {
	t.Helper()
	t.Chdir("..")
	cfg := caseConfig(name)
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, f := range res.Files() {
		if filepath.Dir(f.Path) == cfg.OutDir {
			writeFile(t, filepath.Join(tmp, cfg.Package, filepath.Base(f.Path)), f.Data)
		}
	}
	writeFile(t, filepath.Join(tmp, "go.mod"), []byte("module casetest\n\ngo 1.24\n"))
	writeFile(t, filepath.Join(tmp, "main.go"), []byte(driver))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", ".")
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the driver failed: %v\n%.3000s", err, out)
	}
	return string(out)
}

// boundsDriver validates Thermostats built in Go whose humidity (a number
// from 0 to 100) is not a number a JSON document could hold.
const boundsDriver = `package main

import (
	"fmt"
	"math"

	"casetest/kwbounds"
)

func main() {
	for _, h := range []float64{50, math.NaN(), math.Inf(1), math.Inf(-1), -0.5} {
		x := kwbounds.Thermostat{Target: kwbounds.Ptr[int32](20), Humidity: kwbounds.Ptr(h)}
		fmt.Printf("%v: %v\n", h, x.Validate())
	}
	// level is from 0.5 to 9.75, bounds that are not whole numbers.
	for _, l := range []float64{0.5, 9.75, math.Nextafter(9.75, 10), math.Nextafter(0.5, 0), math.NaN()} {
		x := kwbounds.Thermostat{Target: kwbounds.Ptr[int32](20), Level: kwbounds.Ptr(l)}
		fmt.Printf("level %v: %v\n", l, x.Validate())
	}
}
`

// TestGoBuiltNumbers: Validate checks the bounds of a number built in Go
// that no document could hold: NaN is outside every bound (it compares
// false with each), and the infinities outside one.
func TestGoBuiltNumbers(t *testing.T) {
	text := runDriver(t, "kw-bounds", boundsDriver)
	for _, want := range []string{
		"50: <nil>",
		"NaN: 2 violations; the first: /humidity: must be >= 0",
		"+Inf: /humidity: must be <= 100",
		"-Inf: /humidity: must be >= 0",
		"-0.5: /humidity: must be >= 0",
		"level 0.5: <nil>",
		"level 9.75: <nil>",
		"level 9.750000000000002: /level: must be <= 9.75",
		"level 0.49999999999999994: /level: must be >= 0.5",
		"level NaN: 2 violations; the first: /level: must be >= 0.5",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q:\n%s", want, text)
		}
	}
}
