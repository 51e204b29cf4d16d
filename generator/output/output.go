// Package output writes the files of one generation into the folders that
// receive them, so that dmsgen is safe to run in a repository it does not
// own:
//
//   - It replaces or removes only files it wrote for the same output: those
//     its manifest in the folder lists (.dmsgen-manifest, which names the
//     schema), or, for output written before manifests, those whose
//     generated header names the same schema. Any other file in the way is
//     a Problem, and nothing is written.
//   - A package folder is flat: dmsgen never looks into its subfolders. Only
//     a fixtures folder has subfolders, and only its manifest's files count.
//   - Every file is written through os.Root, so no name, "..", or symbolic
//     link leads outside its folder.
//   - A run writes every new file to a temporary file first, then records
//     what it is about to rename in a journal, then renames; the journal's
//     removal is the commit. If the process dies before that, the next run
//     rolls the folders back to the old output before it does anything
//     else, and Check reports the interrupted run. A failed rename is rolled
//     back at once.
//   - A lock on each folder makes a second run wait for the first.
package output

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// File is one file of the output.
type File struct {
	// Name is the file's path relative to its Dir, slash-separated.
	Name string
	Data []byte
}

// Dir is a folder that receives files.
type Dir struct {
	// Path is the folder as the user named it.
	Path string
	// Deep is true when files may sit in subfolders (fixtures). A package
	// folder is not deep: its files are direct children, and dmsgen never
	// looks below it.
	Deep  bool
	Files []File
}

// Plan is everything one generation writes.
type Plan struct {
	// Source is the schema as the generated headers and the manifests name
	// it (never absolute).
	Source string
	Dirs   []Dir
}

// Options tune Write and Check.
type Options struct {
	// LockTimeout bounds the wait for another run's lock; 0 means two
	// minutes.
	LockTimeout time.Duration
	// Logf, when set, receives progress notes ("waiting for the lock").
	Logf func(format string, args ...any)
	// rename replaces os.Root.Rename in tests (a rename that fails
	// midway).
	rename func(r *os.Root, from, to string) error
}

// Problem is a reason not to write that lies in the repository, not in
// dmsgen: a file dmsgen did not write in the way, a folder another schema's
// output owns, leftovers of an interrupted run.
type Problem struct {
	Path string // the file or folder
	Msg  string
}

func (p Problem) String() string { return p.Path + ": " + p.Msg }

// ProblemError lists the problems that stopped Write.
type ProblemError []Problem

func (e ProblemError) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Names of dmsgen's own bookkeeping files in an output folder. Temporary
// and backup files are ".dmsgen-<hex>.tmp" and ".dmsgen-<hex>.bak".
const (
	ManifestName = ".dmsgen-manifest"
	journalName  = ".dmsgen-journal"
	lockName     = ".dmsgen-lock" // where a folder cannot be locked itself
	workPrefix   = ".dmsgen-"
)

// isWorkFile reports whether base is the name of a temporary or backup
// file of a run.
func isWorkFile(base string) bool {
	return strings.HasPrefix(base, workPrefix) && (strings.HasSuffix(base, ".tmp") || strings.HasSuffix(base, ".bak"))
}

// validate checks the plan's own shape: folders distinct, no folder inside
// a deep one, file names local and visible. A failure is a bug in the
// caller, not a problem of the repository.
func (p *Plan) validate() error {
	if p.Source == "" || filepath.IsAbs(p.Source) {
		return fmt.Errorf("internal error: the output's source %q must be a relative path", p.Source)
	}
	for i, d := range p.Dirs {
		for j, e := range p.Dirs {
			if i == j {
				continue
			}
			if filepath.Clean(d.Path) == filepath.Clean(e.Path) {
				return fmt.Errorf("%s receives two outputs; give each its own folder", d.Path)
			}
			if e.Deep && within(d.Path, e.Path) {
				return fmt.Errorf("%s is inside %s, which receives another output; give each its own folder", d.Path, e.Path)
			}
		}
		for _, f := range d.Files {
			if !validName(f.Name, d.Deep) {
				return fmt.Errorf("internal error: output file name %q for %s is not a plain local name", f.Name, d.Path)
			}
		}
	}
	return nil
}

// within reports whether folder a is b or below it.
func within(a, b string) bool {
	rel, err := filepath.Rel(filepath.Clean(b), filepath.Clean(a))
	return err == nil && filepath.IsLocal(rel)
}

// validName reports whether name is a slash-separated local path whose
// parts are not hidden (so that it cannot be one of the bookkeeping files),
// with no subfolder unless deep.
func validName(name string, deep bool) bool {
	if name == "" || !fs.ValidPath(name) || (!deep && strings.Contains(name, "/")) {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") || strings.ContainsAny(part, "\\:\x00") {
			return false
		}
	}
	return true
}

// folder is the state of one output folder on disk.
type folder struct {
	dir  Dir
	root *os.Root
	// manifest holds the files the last run wrote (name -> SHA-256),
	// nil when the folder has no manifest.
	manifest       map[string]string
	manifestSource string
	// want holds the new files by name.
	want map[string][]byte
	// subs holds the subfolders opened so far (see in), by
	// slash-separated path.
	subsMu sync.Mutex
	subs   map[string]*os.Root
}

// in returns the folder that holds name, opened as a root of its own, and
// name's base name in it: the folder itself for a top-level name, else its
// subfolder, opened once and kept, so that each operation on a file of a
// subfolder is one system call on that file rather than a walk down the
// path first. An error wrapping fs.ErrNotExist means the subfolder does not
// exist.
func (f *folder) in(name string) (*os.Root, string, error) {
	dir, base := path.Split(name)
	if dir == "" {
		return f.root, base, nil
	}
	dir = strings.TrimSuffix(dir, "/")
	f.subsMu.Lock()
	defer f.subsMu.Unlock()
	if r, ok := f.subs[dir]; ok {
		return r, base, nil
	}
	r, err := f.root.OpenRoot(filepath.FromSlash(dir))
	if err != nil {
		return nil, "", err
	}
	if f.subs == nil {
		f.subs = map[string]*os.Root{}
	}
	f.subs[dir] = r
	return r, base, nil
}

// open opens the folders of p, creating them when create is set (and
// reporting a missing one as empty otherwise).
func open(p *Plan, create bool) ([]*folder, error) {
	var out []*folder
	for _, d := range p.Dirs {
		f := &folder{dir: d, want: map[string][]byte{}}
		for _, file := range d.Files {
			f.want[file.Name] = file.Data
		}
		if create {
			if err := os.MkdirAll(d.Path, 0o755); err != nil {
				closeAll(out)
				return nil, err
			}
		}
		root, err := os.OpenRoot(d.Path)
		switch {
		case err == nil:
			f.root = root
			if err := f.readManifest(); err != nil {
				closeAll(append(out, f))
				return nil, err
			}
		case !create && errors.Is(err, fs.ErrNotExist):
		default:
			closeAll(out)
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func closeAll(fs []*folder) {
	for _, f := range fs {
		for _, r := range f.subs {
			r.Close()
		}
		if f.root != nil {
			f.root.Close()
		}
	}
}

// read returns the content of name in the folder, nil and no error when
// it does not exist.
func (f *folder) read(name string) ([]byte, error) {
	if f.root == nil {
		return nil, nil
	}
	r, base, err := f.in(name)
	if err == nil {
		var data []byte
		if data, err = r.ReadFile(base); err == nil {
			return data, nil
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return nil, err
}

// irregular reports whether name is in the folder but is not a regular
// file (a folder, a link, a device).
func (f *folder) irregular(name string) bool {
	if f.root == nil {
		return false
	}
	r, base, err := f.in(name)
	if err != nil {
		return false
	}
	info, err := r.Lstat(base)
	return err == nil && !info.Mode().IsRegular()
}

// exists reports whether name is in the folder (a symbolic link counts,
// whatever it points at).
func (f *folder) exists(name string) bool {
	if f.root == nil {
		return false
	}
	r, base, err := f.in(name)
	if err != nil {
		return false
	}
	_, err = r.Lstat(base)
	return err == nil
}

// owns reports whether the file name, holding data, is one this output
// wrote: listed in the manifest, or carrying a generated header that names
// source (a fixture document by the header of the golden file beside it).
func (f *folder) owns(name string, data []byte, source string) bool {
	if _, ok := f.manifest[name]; ok && f.manifestSource == source {
		return true
	}
	if HasHeader(data, source) {
		return true
	}
	if stem, ok := strings.CutSuffix(name, ".json"); ok && f.dir.Deep {
		golden, err := f.read(stem + ".golden")
		return err == nil && HasHeader(golden, source)
	}
	return false
}

// HasHeader reports whether data starts with dmsgen's generated-code
// header naming source, in Go (//) or comment (#) form.
func HasHeader(data []byte, source string) bool {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	line := string(first)
	for _, prefix := range []string{"// ", "# "} {
		if line == prefix+Header(source) {
			return true
		}
	}
	return false
}

// Header is the first line of every generated file, without its comment
// marker.
func Header(source string) string {
	return "Code generated by dmsgen from " + source + ". DO NOT EDIT."
}

// change is one file to write or remove.
type change struct {
	f    *folder
	name string
	data []byte // nil: remove
	// existed is set when the folder has a file of that name, which the
	// change replaces or removes.
	existed bool
}

// plan compares the folders with the new output: the files to write (new
// or different), the files to remove (this output's, no longer produced),
// and the problems that forbid writing.
func plan(p *Plan, folders []*folder) ([]change, []Problem, error) {
	var changes []change
	var problems []Problem
	for _, f := range folders {
		if f.manifest != nil && f.manifestSource != p.Source {
			problems = append(problems, Problem{f.dir.Path, fmt.Sprintf("holds the output of %s (its %s says so), not of %s; give this output another folder", f.manifestSource, ManifestName, p.Source)})
			continue
		}
		states, err := f.states(p.Source)
		if err != nil {
			return nil, nil, err
		}
		for i, file := range f.dir.Files {
			switch states[i] {
			case irregular:
				problems = append(problems, Problem{join(f.dir.Path, file.Name), "is in the way and is not a regular file dmsgen wrote; move it away"})
			case foreign:
				problems = append(problems, Problem{join(f.dir.Path, file.Name), "dmsgen did not write this file for " + p.Source + " (no manifest entry, no matching generated header); it will not overwrite it"})
			case absent, outdated:
				changes = append(changes, change{f, file.Name, file.Data, states[i] == outdated})
			}
		}
		stale, err := f.stale(p.Source)
		if err != nil {
			return nil, nil, err
		}
		for _, name := range stale {
			changes = append(changes, change{f, name, nil, true})
		}
		manifest := f.newManifest(p.Source)
		if old, err := f.read(ManifestName); err != nil {
			return nil, nil, err
		} else if !bytes.Equal(old, manifest) {
			changes = append(changes, change{f, ManifestName, manifest, f.exists(ManifestName)})
		}
	}
	return changes, problems, nil
}

// A fileState is what a file of the new output finds in the folder.
type fileState int

const (
	absent    fileState = iota // no file of that name: write it
	same                       // the same content: leave it
	outdated                   // other content, written by this output: replace it
	foreign                    // other content, not written by this output: a problem
	irregular                  // not a regular file: a problem
)

// states returns the state of every file of the folder's new output, in
// the order of its files. The files are read on a few goroutines: a run
// with fixtures has thousands, and regenerating reads them all.
func (f *folder) states(source string) ([]fileState, error) {
	files := f.dir.Files
	states := make([]fileState, len(files))
	errs := make([]error, len(files))
	// A subfolder that does not exist holds no file: one look at it
	// instead of two at each of its files (a first run writes thousands).
	missing := map[string]bool{}
	if f.root == nil {
		return states, nil // every file absent
	}
	for _, file := range files {
		if d := parent(file.Name); d != "." {
			if _, seen := missing[d]; !seen {
				_, _, err := f.in(file.Name)
				missing[d] = errors.Is(err, fs.ErrNotExist)
			}
		}
	}
	parallelIO(len(files), func(i int) {
		name := files[i].Name
		if missing[parent(name)] {
			states[i] = absent
			return
		}
		if f.irregular(name) {
			states[i] = irregular
			return
		}
		old, err := f.read(name)
		switch {
		case err != nil:
			errs[i] = err
		case old == nil:
			states[i] = absent
		case bytes.Equal(old, files[i].Data):
			states[i] = same
		case !f.owns(name, old, source):
			states[i] = foreign
		default:
			states[i] = outdated
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return states, nil
}

// parallelIO calls work(i) for every i below n, on a few goroutines when n
// is large: for file system calls, which wait more than they compute.
func parallelIO(n int, work func(i int)) {
	const workers = 4
	if n < 2*workers {
		for i := range n {
			work(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				work(i)
			}
		})
	}
	wg.Wait()
}

// stale lists this output's files in the folder that the new output does
// not have: the manifest's entries, and in a package folder the top-level
// files whose header names source.
func (f *folder) stale(source string) ([]string, error) {
	if f.root == nil {
		return nil, nil
	}
	var out []string
	for name := range f.manifest {
		if _, ok := f.want[name]; !ok && f.exists(name) {
			out = append(out, name)
		}
	}
	if !f.dir.Deep {
		entries, err := fs.ReadDir(f.root.FS(), ".")
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if _, ok := f.want[name]; ok || !e.Type().IsRegular() || slices.Contains(out, name) || strings.HasPrefix(name, ".") {
				continue
			}
			data, err := f.read(name)
			if err != nil {
				return nil, err
			}
			if HasHeader(data, source) {
				out = append(out, name)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// Check compares the folders with the new output without writing: it
// returns a unified diff of every file that would change or be removed,
// and the problems Write would stop at, leftovers of an interrupted run
// among them.
func Check(p Plan, opts Options) (string, []Problem, error) {
	if err := p.validate(); err != nil {
		return "", nil, err
	}
	folders, err := open(&p, false)
	var pe ProblemError
	if errors.As(err, &pe) {
		return "", pe, nil
	}
	if err != nil {
		return "", nil, err
	}
	defer closeAll(folders)
	unlock, err := lockAll(folders, false, opts)
	if err != nil {
		return "", nil, err
	}
	defer unlock()
	problems, err := leftovers(folders)
	if err != nil {
		return "", nil, err
	}
	changes, more, err := plan(&p, folders)
	if err != nil {
		return "", nil, err
	}
	problems = append(problems, more...)
	var b strings.Builder
	for _, c := range changes {
		if c.name == ManifestName {
			continue // bookkeeping: reported through the files it lists
		}
		old, err := c.f.read(c.name)
		if err != nil {
			return "", nil, err
		}
		b.WriteString(UnifiedDiff(join(c.f.dir.Path, c.name), string(old), string(c.data)))
	}
	return b.String(), sortProblems(problems), nil
}

// Summary counts what Write did.
type Summary struct {
	Written, Removed, Unchanged int
	// Recovered is set when an interrupted run was rolled back first.
	Recovered bool
}

// Write makes the folders hold the new output, all or nothing. It returns
// a ProblemError, having written nothing, when a file dmsgen did not write
// is in the way or a folder holds another output.
func Write(p Plan, opts Options) (Summary, error) {
	var sum Summary
	if err := p.validate(); err != nil {
		return sum, err
	}
	folders, err := open(&p, true)
	if err != nil {
		return sum, err
	}
	defer closeAll(folders)
	unlock, err := lockAll(folders, true, opts)
	if err != nil {
		return sum, err
	}
	defer unlock()
	if sum.Recovered, err = recoverAll(folders); err != nil {
		return sum, err
	}
	for _, f := range folders {
		if err := f.readManifest(); err != nil { // recovery may have restored it
			return sum, err
		}
	}
	changes, problems, err := plan(&p, folders)
	if err != nil {
		return sum, err
	}
	if len(problems) > 0 {
		return sum, ProblemError(sortProblems(problems))
	}
	for _, d := range p.Dirs {
		sum.Unchanged += len(d.Files)
	}
	for _, c := range changes {
		switch {
		case c.name == ManifestName:
		case c.data == nil:
			sum.Removed++
		default:
			sum.Written++
			sum.Unchanged--
		}
	}
	if len(changes) == 0 {
		return sum, nil
	}
	return sum, commit(folders, changes, opts)
}

func sortProblems(ps []Problem) []Problem {
	slices.SortFunc(ps, func(a, b Problem) int { return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Msg, b.Msg)) })
	return slices.Compact(ps)
}

// join names a file of a folder for messages.
func join(dir, name string) string {
	return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(name)))
}

// sum is the hex SHA-256 of data.
func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// parent returns the folder part of a slash-separated name, "." for none.
func parent(name string) string {
	return path.Dir(name)
}
