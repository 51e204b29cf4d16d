//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes an advisory lock (flock) on the folder itself, without
// waiting: busy reports that another process holds it. The kernel
// releases it when the process ends, however it ends, so a killed run
// leaves no stale lock.
func lockDir(path string, exclusive bool) (unlock func(), busy bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, true, nil
		}
		return nil, false, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, false, nil
}
