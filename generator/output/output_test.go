package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// planAB returns two different outputs of the same source into pkg and
// fixtures below dir: A and B share some files, differ in others, and each
// has files the other lacks, so that going from one to the other writes,
// replaces and removes.
func planAB(dir string, n int) (a, b Plan) {
	mk := func(tag string, skip int) Plan {
		p := Plan{Source: "schemas/api.yaml"}
		pkg := Dir{Path: filepath.Join(dir, "pkg")}
		fx := Dir{Path: filepath.Join(dir, "pkg", "testdata", "fixtures"), Deep: true}
		for i := range n {
			if i%3 == skip {
				continue
			}
			body := fmt.Sprintf("// %s\n\npackage api\n\n// %s file %d\n", Header(p.Source), tag, i)
			if i%2 == 0 {
				body = fmt.Sprintf("// %s\n\npackage api\n\n// shared file %d\n", Header(p.Source), i)
			}
			pkg.Files = append(pkg.Files, File{Name: fmt.Sprintf("f%03d.go", i), Data: []byte(body)})
			fx.Files = append(fx.Files,
				File{Name: fmt.Sprintf("T%d/case-%03d.json", i%4, i), Data: []byte(fmt.Sprintf("{%q: %d}\n", tag, i))},
				File{Name: fmt.Sprintf("T%d/case-%03d.golden", i%4, i), Data: []byte("# " + Header(p.Source) + "\nvalid\n")})
		}
		p.Dirs = []Dir{pkg, fx}
		return p
	}
	return mk("A", 0), mk("B", 1)
}

// snapshot reads every file below dir, by slash path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

// expected is what dir holds after writing p over extra, files that are
// not the output's.
func expected(t *testing.T, dir string, p Plan, extra map[string]string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for k, v := range extra {
		out[k] = v
	}
	for i := range p.Dirs {
		d := &p.Dirs[i]
		rel, err := filepath.Rel(dir, d.Path)
		if err != nil {
			t.Fatal(err)
		}
		f := &folder{dir: *d, want: map[string][]byte{}}
		for _, file := range d.Files {
			out[filepath.ToSlash(filepath.Join(rel, file.Name))] = string(file.Data)
			f.want[file.Name] = file.Data
		}
		out[filepath.ToSlash(filepath.Join(rel, ManifestName))] = string(f.newManifest(p.Source))
	}
	return out
}

// sameState reports whether got is want, listing the differences.
func sameState(got, want map[string]string) []string {
	var diffs []string
	for k, v := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, "missing "+k)
		} else if g != v {
			diffs = append(diffs, "differs "+k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "extra "+k)
		}
	}
	return diffs
}

func mustWrite(t *testing.T, p Plan) Summary {
	t.Helper()
	s, err := Write(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestWriteReplaceRemove(t *testing.T) {
	dir := t.TempDir()
	a, b := planAB(dir, 30)
	mine := map[string]string{"pkg/mine.go": "package api\n", "pkg/testdata/fixtures/T0/hand.json": "{}\n", "pkg/inner/x.go": "package inner\n"}
	for k, v := range mine {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, k)), 0o755)
		os.WriteFile(filepath.Join(dir, k), []byte(v), 0o644)
	}
	mustWrite(t, a)
	if d := sameState(snapshot(t, dir), expected(t, dir, a, mine)); d != nil {
		t.Fatalf("after A: %v", d)
	}
	if diff, problems, err := Check(a, Options{}); err != nil || diff != "" || problems != nil {
		t.Fatalf("check after writing A: %v %q %v", err, diff, problems)
	}
	diff, problems, err := Check(b, Options{})
	if err != nil || problems != nil || !strings.Contains(diff, "+++ /dev/null") {
		t.Fatalf("check of B over A should show removals: %v %v\n%s", err, problems, diff)
	}
	s := mustWrite(t, b)
	if s.Removed == 0 || s.Written == 0 || s.Unchanged == 0 {
		t.Errorf("summary %+v: want files written, removed and unchanged", s)
	}
	if d := sameState(snapshot(t, dir), expected(t, dir, b, mine)); d != nil {
		t.Fatalf("after B: %v", d)
	}
}

// TestNeverTouchesOthersFiles: a file in the way that dmsgen did not write
// for this source stops the run before anything is written; so does a
// folder whose manifest names another schema.
func TestNeverTouchesOthersFiles(t *testing.T) {
	for name, setup := range map[string]func(dir string){
		"hand-written file in the way": func(dir string) {
			os.MkdirAll(filepath.Join(dir, "pkg"), 0o755)
			os.WriteFile(filepath.Join(dir, "pkg", "f001.go"), []byte("package api // mine\n"), 0o644)
		},
		"another schema's generated file in the way": func(dir string) {
			os.MkdirAll(filepath.Join(dir, "pkg"), 0o755)
			os.WriteFile(filepath.Join(dir, "pkg", "f001.go"), []byte("// "+Header("other.yaml")+"\n"), 0o644)
		},
		"folder owned by another schema": func(dir string) {
			os.MkdirAll(filepath.Join(dir, "pkg"), 0o755)
			os.WriteFile(filepath.Join(dir, "pkg", ManifestName), []byte(manifestHead+"\nsource other.yaml\n"), 0o644)
		},
		"fixture in the way": func(dir string) {
			os.MkdirAll(filepath.Join(dir, "pkg", "testdata", "fixtures", "T1"), 0o755)
			os.WriteFile(filepath.Join(dir, "pkg", "testdata", "fixtures", "T1", "case-001.json"), []byte("{\"mine\": 1}\n"), 0o644)
		},
		"directory in the way": func(dir string) {
			os.MkdirAll(filepath.Join(dir, "pkg", "f001.go"), 0o755)
		},
		"malformed manifest": func(dir string) {
			os.MkdirAll(filepath.Join(dir, "pkg"), 0o755)
			os.WriteFile(filepath.Join(dir, "pkg", ManifestName), []byte(manifestHead+"\nsource schemas/api.yaml\nfile nothex ../../x\n"), 0o644)
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			setup(dir)
			before := snapshot(t, dir)
			a, _ := planAB(dir, 10)
			_, err := Write(a, Options{})
			var pe ProblemError
			if !errors.As(err, &pe) {
				t.Fatalf("Write: %v, want a ProblemError", err)
			}
			if d := sameState(snapshot(t, dir), before); d != nil {
				t.Errorf("a refused run changed files: %v", d)
			}
			if _, problems, _ := Check(a, Options{}); len(problems) == 0 {
				t.Errorf("check reports no problem")
			}
		})
	}
}

// TestFlatFolderNeverRecurses: a package folder's subfolders are not the
// output's, even when their files carry the same generated header.
func TestFlatFolderNeverRecurses(t *testing.T) {
	dir := t.TempDir()
	a, _ := planAB(dir, 6)
	a.Dirs = a.Dirs[:1]
	inner := filepath.Join(dir, "pkg", "inner", "x.go")
	os.MkdirAll(filepath.Dir(inner), 0o755)
	os.WriteFile(inner, []byte("// "+Header(a.Source)+"\n\npackage inner\n"), 0o644)
	mustWrite(t, a)
	empty := Plan{Source: a.Source, Dirs: []Dir{{Path: a.Dirs[0].Path}}}
	mustWrite(t, empty)
	if _, err := os.Stat(inner); err != nil {
		t.Errorf("a file in a subfolder of the package folder was removed: %v", err)
	}
	if got := snapshot(t, filepath.Join(dir, "pkg")); len(got) != 2 {
		t.Errorf("after an empty output the folder holds %v, want the subfolder's file and the manifest", got)
	}
}

// TestOutputInWorkingTree: an output whose folder is a whole tree of other
// files (the module root, ".") removes and replaces nothing but its own.
func TestOutputInWorkingTree(t *testing.T) {
	dir := t.TempDir()
	tree := map[string]string{"go.mod": "module x\n", "main.go": "package main\n", "README.md": "hi\n", "sub/a.go": "package sub\n",
		"gen.go": "// " + Header("other.yaml") + "\n", "testdata/fixtures/T/x.json": "{}\n"}
	for k, v := range tree {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, k)), 0o755)
		os.WriteFile(filepath.Join(dir, k), []byte(v), 0o644)
	}
	t.Chdir(dir)
	p := Plan{Source: "api.yaml", Dirs: []Dir{{Path: ".", Files: []File{{Name: "types.go", Data: []byte("// " + Header("api.yaml") + "\n")}}}}}
	mustWrite(t, p)
	p.Dirs[0].Files = nil
	mustWrite(t, p)
	got := snapshot(t, dir)
	delete(got, ManifestName)
	if d := sameState(got, tree); d != nil {
		t.Errorf("writing into . changed other files: %v", d)
	}
}

// TestPlanShape: overlapping folders and names that would leave a folder
// are refused before anything is read.
func TestPlanShape(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []Plan{
		{Source: "a.yaml", Dirs: []Dir{{Path: dir}, {Path: dir + "/", Deep: true}}},
		{Source: "a.yaml", Dirs: []Dir{{Path: filepath.Join(dir, "f", "pkg")}, {Path: filepath.Join(dir, "f"), Deep: true}}},
		{Source: "/abs/a.yaml", Dirs: []Dir{{Path: dir}}},
	} {
		if _, err := Write(p, Options{}); err == nil {
			t.Errorf("Write(%+v) succeeded", p)
		}
	}
	for _, name := range []string{"", "../x.go", "/etc/x", "a/../../x", `a\b.go`, "a\x00b", ".hidden", "T/.dmsgen-manifest", "sub/x.go", "C:x", "./x"} {
		p := Plan{Source: "a.yaml", Dirs: []Dir{{Path: dir, Files: []File{{Name: name, Data: []byte("x")}}}}}
		if _, err := Write(p, Options{}); err == nil {
			t.Errorf("file name %q was accepted", name)
		}
	}
	if got := snapshot(t, dir); len(got) != 0 {
		t.Errorf("refused plans wrote %v", got)
	}
}

// TestSymlinkOutOfFolder: a symbolic link inside an output folder that
// points outside it is not followed.
func TestSymlinkOutOfFolder(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "outside")
	os.MkdirAll(outside, 0o755)
	fx := filepath.Join(dir, "fixtures")
	os.MkdirAll(fx, 0o755)
	if err := os.Symlink(outside, filepath.Join(fx, "T")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	p := Plan{Source: "a.yaml", Dirs: []Dir{{Path: fx, Deep: true, Files: []File{{Name: "T/x.json", Data: []byte("{}")}}}}}
	if _, err := Write(p, Options{}); err == nil {
		t.Error("Write through a symbolic link out of the folder succeeded")
	}
	if got := snapshot(t, outside); len(got) != 0 {
		t.Errorf("files written outside the folder: %v", got)
	}
}

// TestRenameFailsMidway makes the k-th rename of a run fail, for every k:
// the run reports the error and the folders hold the old output, with no
// leftovers.
func TestRenameFailsMidway(t *testing.T) {
	dir := t.TempDir()
	a, b := planAB(dir, 12)
	extra := map[string]string{"pkg/mine.go": "package api\n"}
	os.MkdirAll(filepath.Join(dir, "pkg"), 0o755)
	os.WriteFile(filepath.Join(dir, "pkg", "mine.go"), []byte(extra["pkg/mine.go"]), 0o644)
	mustWrite(t, a)
	want := expected(t, dir, a, extra)
	renames := 0
	count := Options{rename: func(r *os.Root, from, to string) error { renames++; return r.Rename(from, to) }}
	if _, err := Write(b, count); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, a)
	if renames < 10 {
		t.Fatalf("only %d renames from A to B", renames)
	}
	for k := 1; k <= renames; k++ {
		n := 0
		fail := Options{rename: func(r *os.Root, from, to string) error {
			if n++; n == k {
				return fmt.Errorf("injected failure of rename %d", k)
			}
			return r.Rename(from, to)
		}}
		if _, err := Write(b, fail); err == nil || !strings.Contains(err.Error(), "injected") {
			t.Fatalf("rename %d: Write returned %v", k, err)
		}
		if d := sameState(snapshot(t, dir), want); d != nil {
			t.Fatalf("rename %d failed: the folders are not the old output: %v", k, d)
		}
	}
}

// TestConcurrentRuns: runs on the same folders wait for each other; each
// succeeds and the folders end as one output or the other.
func TestConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	a, b := planAB(dir, 40)
	errs := make(chan error, 20)
	for i := range 20 {
		p := a
		if i%2 == 1 {
			p = b
		}
		go func() { _, err := Write(p, Options{}); errs <- err }()
	}
	for range 20 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	got := snapshot(t, dir)
	if sameState(got, expected(t, dir, a, nil)) != nil && sameState(got, expected(t, dir, b, nil)) != nil {
		t.Errorf("after concurrent runs the folders are neither output")
	}
}
