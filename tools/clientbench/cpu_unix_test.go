//go:build unix

package clientbench

import (
	"syscall"
	"testing"
	"time"
)

// cpuClock is the processor time of the process when a benchmark's loop
// started.
type cpuClock struct{ start time.Duration }

// startCPU reads the processor time of the process.
func startCPU(tb testing.TB) cpuClock { return cpuClock{processTime(tb)} }

// report reports the processor time used since c started, per operation,
// as cpu-ns/op.
func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(processTime(b)-c.start)/float64(b.N), "cpu-ns/op")
}

// processTime returns the user and system time the process has used.
func processTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
