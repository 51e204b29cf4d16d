package output

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"slices"
)

// journal records a run's renames before it makes them, so that a run
// that dies midway can be rolled back by the next one.
type journal struct {
	Dirs  []string `json:"dirs"` // the folders, cleaned
	Steps []step   `json:"steps"`
}

// step is one file's change. Its order: the old file (if any) is renamed
// to Bak, then the temporary file Tmp (if any) to Name.
type step struct {
	Dir  int    `json:"dir"`  // index into Dirs
	Name string `json:"name"` // slash-separated, in the folder
	Tmp  string `json:"tmp,omitempty"`
	Bak  string `json:"bak,omitempty"`
	Sum  string `json:"sum,omitempty"` // SHA-256 of the new content
}

// workName returns a fresh temporary or backup name next to name.
func workName(name, ext string) string {
	return path.Join(parent(name), workPrefix+rand.Text()+ext)
}

// commit makes the changes: temporary files first, then the journal, then
// the renames, then the journal's removal, which is the commit point. A
// failure before that point rolls the renames back.
func commit(folders []*folder, changes []change, opts Options) error {
	rename := opts.rename
	if rename == nil {
		rename = func(r *os.Root, from, to string) error { return r.Rename(from, to) }
	}
	j := journal{}
	index := map[*folder]int{}
	for i, f := range folders {
		j.Dirs = append(j.Dirs, filepath.Clean(f.dir.Path))
		index[f] = i
	}
	removeTemps := func() {
		for _, s := range j.Steps {
			if s.Tmp != "" {
				folders[s.Dir].root.Remove(filepath.FromSlash(s.Tmp))
			}
		}
	}
	j.Steps = make([]step, len(changes))
	for i, c := range changes {
		j.Steps[i] = step{Dir: index[c.f], Name: c.name}
		if c.data != nil {
			j.Steps[i].Tmp = workName(c.name, ".tmp")
		}
	}
	// The temporary files are independent of each other: write them (and
	// look for the files they replace) on a few goroutines, since a run
	// with fixtures writes thousands, each a handful of system calls.
	if err := writeTemps(folders, changes, j.Steps); err != nil {
		removeTemps()
		return err
	}
	data, err := json.Marshal(j)
	if err != nil {
		removeTemps()
		return err
	}
	first := folders[0].root
	tmp := workName(journalName, ".tmp")
	if err := writeNew(first, tmp, data); err != nil {
		removeTemps()
		return err
	}
	if err := rename(first, tmp, journalName); err != nil {
		first.Remove(tmp)
		removeTemps()
		return err
	}
	for i, s := range j.Steps {
		// The name, its temporary and its backup share a folder: rename
		// in it.
		r, name, err := folders[s.Dir].in(s.Name)
		if err == nil && s.Bak != "" {
			err = rename(r, name, path.Base(s.Bak))
		}
		if err == nil && s.Tmp != "" {
			err = rename(r, path.Base(s.Tmp), name)
		}
		if err != nil {
			if rerr := rollBack(folders, j.Steps[:i+1], j.Steps[i+1:]); rerr != nil {
				return fmt.Errorf("%w; rolling back failed too, the next run will retry: %v", err, rerr)
			}
			if rerr := first.Remove(journalName); rerr != nil {
				return errors.Join(err, rerr)
			}
			return err
		}
	}
	if err := first.Remove(journalName); err != nil {
		return err
	}
	for _, s := range j.Steps {
		if s.Bak != "" {
			if r, bak, err := folders[s.Dir].in(s.Bak); err == nil {
				r.Remove(bak)
			}
		}
	}
	return nil
}

// writeTemps writes the temporary file of every step that has one, with
// the data of its change, records its checksum, and names a backup for
// every step whose file exists. It returns the first error in step order.
func writeTemps(folders []*folder, changes []change, steps []step) error {
	// The subfolders the files go to, made once each, in order, before
	// the files.
	for f, d := range newFolders(folders, changes) {
		if err := f.root.MkdirAll(filepath.FromSlash(d), 0o755); err != nil {
			return err
		}
	}
	errs := make([]error, len(steps))
	work := func(i int) {
		c, s := changes[i], &steps[i]
		if c.data != nil {
			s.Sum = sum(c.data)
			r, base, err := c.f.in(s.Tmp)
			if err == nil {
				err = writeNew(r, base, c.data)
			}
			if errs[i] = err; err != nil {
				return
			}
		}
		if c.existed {
			s.Bak = workName(c.name, ".bak")
		}
	}
	parallelIO(len(steps), work)
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// newFolders returns the subfolders (other than ".") that the files of
// changes are written in, once each, in the order of changes.
func newFolders(folders []*folder, changes []change) iter.Seq2[*folder, string] {
	return func(yield func(*folder, string) bool) {
		seen := map[*folder]map[string]bool{}
		for _, f := range folders {
			seen[f] = map[string]bool{".": true}
		}
		for _, c := range changes {
			d := parent(c.name)
			if c.data == nil || seen[c.f][d] {
				continue
			}
			seen[c.f][d] = true
			if !yield(c.f, d) {
				return
			}
		}
	}
}

// writeNew creates name in r, which must not exist and whose folder must,
// with data.
func writeNew(r *os.Root, name string, data []byte) error {
	f, err := r.OpenFile(filepath.FromSlash(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	return errors.Join(werr, f.Close())
}

// rollBack undoes steps (those that may have run, in reverse order) and
// removes the temporary files of pending (those that did not).
func rollBack(folders []*folder, steps, pending []step) error {
	var errs []error
	for _, s := range slices.Backward(steps) {
		r := folders[s.Dir].root
		name := filepath.FromSlash(s.Name)
		if s.Tmp != "" {
			// The new file is in place when its content is the new one;
			// else the temporary file still holds it.
			if data, err := r.ReadFile(name); err == nil && sum(data) == s.Sum {
				errs = append(errs, ignoreMissing(r.Remove(name)))
			}
			errs = append(errs, ignoreMissing(r.Remove(filepath.FromSlash(s.Tmp))))
		}
		if s.Bak != "" {
			if _, err := r.Lstat(filepath.FromSlash(s.Bak)); err == nil {
				errs = append(errs, r.Rename(filepath.FromSlash(s.Bak), name))
			}
		}
	}
	for _, s := range pending {
		if s.Tmp != "" {
			errs = append(errs, ignoreMissing(folders[s.Dir].root.Remove(filepath.FromSlash(s.Tmp))))
		}
	}
	return errors.Join(errs...)
}

func ignoreMissing(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// readJournal returns the journal an interrupted run left in the first
// folder, or nil.
func readJournal(folders []*folder) (*journal, error) {
	data, err := folders[0].read(journalName)
	if err != nil || data == nil {
		return nil, err
	}
	var j journal
	bad := ProblemError{{join(folders[0].dir.Path, journalName), "is not a journal this output can roll back; remove it by hand"}}
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, bad
	}
	// The journal must name exactly this plan's folders, and only work
	// files in them: a journal is never trusted to reach anywhere else.
	if len(j.Dirs) != len(folders) {
		return nil, bad
	}
	for i, f := range folders {
		if j.Dirs[i] != filepath.Clean(f.dir.Path) {
			return nil, bad
		}
	}
	for _, s := range j.Steps {
		if s.Dir < 0 || s.Dir >= len(folders) || !validName(s.Name, folders[s.Dir].dir.Deep) && s.Name != ManifestName ||
			s.Tmp != "" && !isWorkFile(path.Base(s.Tmp)) || s.Bak != "" && !isWorkFile(path.Base(s.Bak)) ||
			s.Tmp != "" && parent(s.Tmp) != parent(s.Name) || s.Bak != "" && parent(s.Bak) != parent(s.Name) {
			return nil, bad
		}
	}
	return &j, nil
}

// recoverAll rolls back a run that died before its commit, then removes
// every temporary and backup file left in the folders. It reports whether
// there was a run to roll back.
func recoverAll(folders []*folder) (bool, error) {
	j, err := readJournal(folders)
	if err != nil {
		return false, err
	}
	if j != nil {
		if err := rollBack(folders, j.Steps, nil); err != nil {
			return true, err
		}
		if err := folders[0].root.Remove(journalName); err != nil {
			return true, err
		}
	}
	for _, f := range folders {
		names, err := f.workFiles()
		if err != nil {
			return j != nil, err
		}
		for _, name := range names {
			if err := ignoreMissing(f.root.Remove(filepath.FromSlash(name))); err != nil {
				return j != nil, err
			}
		}
	}
	return j != nil, nil
}

// workFiles lists the temporary and backup files in the folder (below it,
// for a deep folder).
func (f *folder) workFiles() ([]string, error) {
	if f.root == nil {
		return nil, nil
	}
	var out []string
	err := fs.WalkDir(f.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && !f.dir.Deep {
				return fs.SkipDir
			}
			return nil
		}
		if isWorkFile(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// leftovers reports what an interrupted run left: its journal and its
// temporary and backup files.
func leftovers(folders []*folder) ([]Problem, error) {
	var out []Problem
	if folders[0].exists(journalName) {
		out = append(out, Problem{join(folders[0].dir.Path, journalName), "a dmsgen run was interrupted; the next dmsgen generate rolls it back"})
	}
	for _, f := range folders {
		names, err := f.workFiles()
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			out = append(out, Problem{join(f.dir.Path, name), "left by an interrupted dmsgen run; the next dmsgen generate removes it"})
		}
	}
	return out, nil
}
