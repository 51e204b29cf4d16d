//go:build !unix

package clientbench

import "testing"

// cpuClock reports nothing where getrusage is missing.
type cpuClock struct{}

func startCPU(testing.TB) cpuClock { return cpuClock{} }

func (cpuClock) report(*testing.B) {}
