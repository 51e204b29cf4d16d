//go:build unix

package output

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// childEnv makes the test binary a child that writes output A and B in
// turn into the folder it names, until it is killed.
const childEnv = "DMSGEN_OUTPUT_TEST_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		a, b := planAB(dir, 60)
		for i := 0; ; i++ {
			p := a
			if i%2 == 1 {
				p = b
			}
			if _, err := Write(p, Options{}); err != nil {
				os.Stderr.WriteString(err.Error() + "\n")
				os.Exit(3)
			}
		}
	}
	os.Exit(m.Run())
}

// TestKillLoop kills a writing child with SIGKILL at random moments, 50
// times. After each kill the folders hold output A or output B exactly
// (ignoring the run's hidden temporary files), or the journal of the
// interrupted run; and the next run rolls that back and leaves output A
// and nothing else.
func TestKillLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := planAB(dir, 60)
	wantA, wantB := expected(t, dir, a, nil), expected(t, dir, b, nil)
	mustWrite(t, a)
	r := rand.New(rand.NewPCG(1, 2))
	outcomes := map[string]int{}
	for i := range 50 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+dir)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+r.IntN(200)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err == nil || cmd.ProcessState.ExitCode() == 3 {
			t.Fatalf("run %d: the child did not die of the signal: %v", i, err)
		}
		got := snapshot(t, dir)
		visible := map[string]string{}
		journal := false
		for k, v := range got {
			switch {
			case filepath.Base(k) == journalName:
				journal = true
			case isWorkFile(filepath.Base(k)):
			default:
				visible[k] = v
			}
		}
		switch {
		case journal:
			outcomes["interrupted (journal left)"]++
			if _, problems, _ := Check(a, Options{}); len(problems) == 0 {
				t.Errorf("run %d: check reports no interrupted run", i)
			}
		case sameState(visible, wantA) == nil:
			outcomes["output A"]++
		case sameState(visible, wantB) == nil:
			outcomes["output B"]++
		default:
			t.Fatalf("run %d: killed without a journal, the folders are neither output: %v", i, sameState(visible, wantA))
		}
		s, err := Write(a, Options{})
		if err != nil {
			t.Fatalf("run %d: the next run failed: %v", i, err)
		}
		if journal && !s.Recovered {
			t.Errorf("run %d: the next run did not say it rolled back", i)
		}
		if d := sameState(snapshot(t, dir), wantA); d != nil {
			t.Fatalf("run %d: after the next run: %v", i, d)
		}
	}
	t.Logf("outcomes of 50 kills: %v", outcomes)
	if outcomes["output A"]+outcomes["output B"] == 0 {
		t.Error("no kill left a complete output: the timing never reached a commit")
	}
}
