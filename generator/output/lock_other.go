//go:build !unix

package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// lockDir takes the folder's lock by creating .dmsgen-lock in it, without
// waiting: busy reports that the file exists. Shared and exclusive locks
// are the same here. A run killed while holding it leaves the file, which
// the timeout message asks the user to remove.
func lockDir(path string, exclusive bool) (unlock func(), busy bool, err error) {
	name := filepath.Join(path, lockName)
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	f.Close()
	return func() { os.Remove(name) }, false, nil
}
