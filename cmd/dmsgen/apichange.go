package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dmsgen/dmsgen/generator"
	"github.com/dmsgen/dmsgen/generator/apidiff"
	"github.com/dmsgen/dmsgen/generator/output"
)

// reportAPIChanges prints, when the output is stale (diff is not empty),
// what regenerating would change in the exported API of each output
// folder that holds Go files: the checked-in package against the one the
// schema gives now. It never changes the exit status: stale output is
// exit 1 whether or not the change breaks the package's users.
func reportAPIChanges(w io.Writer, res *generator.Result, diff string) {
	if diff == "" {
		return
	}
	for _, d := range res.Plan.Dirs {
		if line := apiChanges(d, res.Plan.Source); line != "" {
			fmt.Fprint(w, line)
		}
	}
}

// apiChanges compares the API of one folder's checked-in Go files with
// the API it would have after regenerating, and formats the report; ""
// for a folder without Go files.
func apiChanges(d output.Dir, source string) (report string) {
	dir := filepath.ToSlash(d.Path)
	defer func() {
		// The report is an aid: a bug in it must not hide the diff.
		if p := recover(); p != nil {
			report = fmt.Sprintf("dmsgen check: the exported API of %s was not compared: internal error: %v; this is a bug in dmsgen, please report it\n", dir, p)
		}
	}()
	onDisk, err := checkedInGo(d.Path)
	if err != nil {
		return fmt.Sprintf("dmsgen check: the exported API of %s was not compared: %v\n", dir, err)
	}
	regenerated := map[string][]byte{}
	for _, f := range d.Files {
		if isPackageGo(f.Name) {
			regenerated[f.Name] = f.Data
		}
	}
	if len(regenerated) == 0 && len(onDisk) == 0 {
		return ""
	}
	// Go files of the folder that dmsgen did not write (generate.go with a
	// go:generate line) stay: they are part of both versions.
	generated := manifestFiles(d.Path)
	for name, data := range onDisk {
		if _, ours := regenerated[name]; !ours && !generated[name] && !output.HasHeader(data, source) {
			regenerated[name] = data
		}
	}
	if len(onDisk) == 0 {
		return fmt.Sprintf("dmsgen check: %s holds no Go files yet: no exported API to compare\n", dir)
	}
	before, err := apidiff.Surface(onDisk)
	if err != nil {
		return fmt.Sprintf("dmsgen check: the exported API of %s was not compared: %v\n", dir, err)
	}
	after, err := apidiff.Surface(regenerated)
	if err != nil {
		return fmt.Sprintf("dmsgen check: the exported API of %s was not compared: the regenerated package: %v\n", dir, err)
	}
	return formatAPIChanges(dir, apidiff.Diff(before, after))
}

// formatAPIChanges is the report for one folder: a heading with the counts,
// then one indented line per change.
func formatAPIChanges(dir string, changes []apidiff.Change) string {
	if len(changes) == 0 {
		return fmt.Sprintf("dmsgen check: no change to the exported API of %s\n", dir)
	}
	var breaking, compatible, added int
	for _, c := range changes {
		switch {
		case c.Breaking:
			breaking++
		case c.Added:
			added++
		default:
			compatible++
		}
	}
	counts := []string{fmt.Sprintf("%d breaking", breaking)}
	if compatible > 0 {
		counts = append(counts, fmt.Sprintf("%d compatible", compatible))
	}
	counts = append(counts, plural(added, "addition"))
	var b strings.Builder
	fmt.Fprintf(&b, "dmsgen check: API changes in %s (%s):\n", dir, strings.Join(counts, ", "))
	for _, c := range changes {
		fmt.Fprintf(&b, "  %s\n", c)
	}
	return b.String()
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// isPackageGo reports whether a file of an output folder is a Go file of
// its package: directly in the folder, not a test.
func isPackageGo(name string) bool {
	return !strings.Contains(name, "/") && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}

// checkedInGo reads the Go files of the package in dir; none when dir
// does not exist.
func checkedInGo(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isPackageGo(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = data
	}
	return files, nil
}

// manifestFiles are the files the folder's manifest says dmsgen wrote
// (lines "file HASH NAME"); none when it cannot be read, as check reports
// that itself.
func manifestFiles(dir string) map[string]bool {
	names := map[string]bool{}
	data, err := os.ReadFile(filepath.Join(dir, output.ManifestName))
	if err != nil {
		return names
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "file" {
			names[f[2]] = true
		}
	}
	return names
}
