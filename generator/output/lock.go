package output

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// lockAll takes the lock of every existing folder, in path order so that
// two runs cannot each hold one the other waits for: exclusive for a run
// that writes, shared for one that reads. It waits up to the timeout for
// another run, saying so, and returns the function that releases them all.
func lockAll(folders []*folder, exclusive bool, opts Options) (func(), error) {
	timeout := opts.LockTimeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	sorted := slices.Clone(folders)
	slices.SortFunc(sorted, func(a, b *folder) int { return strings.Compare(a.dir.Path, b.dir.Path) })
	var unlocks []func()
	release := func() {
		for _, u := range slices.Backward(unlocks) {
			u()
		}
	}
	for _, f := range sorted {
		if f.root == nil {
			continue
		}
		deadline := time.Now().Add(timeout)
		said := false
		for {
			unlock, busy, err := lockDir(f.dir.Path, exclusive)
			if err != nil {
				release()
				return nil, fmt.Errorf("locking %s: %w", f.dir.Path, err)
			}
			if !busy {
				unlocks = append(unlocks, unlock)
				break
			}
			if time.Now().After(deadline) {
				release()
				return nil, fmt.Errorf("%s is locked by another dmsgen run (waited %v); try again when it is done", f.dir.Path, timeout)
			}
			if !said && opts.Logf != nil {
				opts.Logf("waiting for another dmsgen run on %s", f.dir.Path)
				said = true
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return release, nil
}
