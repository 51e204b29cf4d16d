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
	t.Chdir("..")
	cfg := caseConfig("recursive")
	res, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, f := range res.Files() {
		if filepath.Dir(f.Path) == cfg.OutDir {
			writeFile(t, filepath.Join(tmp, "recursive", filepath.Base(f.Path)), f.Data)
		}
	}
	writeFile(t, filepath.Join(tmp, "go.mod"), []byte("module casetest\n\ngo 1.24\n"))
	writeFile(t, filepath.Join(tmp, "main.go"), []byte(cycleDriver))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", ".")
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the driver failed: %v\n%.3000s", err, out)
	}
	text := string(out)
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
