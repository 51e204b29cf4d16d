package clientbench

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// serveEnv, set to 1, makes the test binary serve serveCreate instead of
// running tests: the server of the benchmarks that keep the server's work
// out of the measured process.
const serveEnv = "CLIENTBENCH_SERVE"

// maxServe bounds how long a server process lives, should its parent
// never close its standard input.
const maxServe = 15 * time.Minute

// TestMain runs the tests, or the server when serveEnv says so.
func TestMain(m *testing.M) {
	if os.Getenv(serveEnv) == "1" {
		os.Exit(serve())
	}
	os.Exit(m.Run())
}

// serve listens on a loopback port, writes its address to standard output
// and serves serveCreate until standard input ends (or maxServe passes).
func serve() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	go func() { _ = http.Serve(ln, http.HandlerFunc(serveCreate)) }()
	fmt.Println(ln.Addr().String())
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(maxServe):
	}
	return 0
}

// startServerProcess starts the test binary as a server of serveCreate and
// returns its base URL; the process ends when the test ends.
func startServerProcess(tb testing.TB) string {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serveEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		tb.Fatalf("the server process: %v", err)
	}
	return "http://" + strings.TrimSpace(line)
}

// TestServerProcess checks that both clients get the page's answer from
// the server process.
func TestServerProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	url := startServerProcess(t)
	if err := create(t.Context(), newClient(t, url)); err != nil {
		t.Errorf("our client: %v", err)
	}
	if err := createVendor(newVendorClient(t, url)); err != nil {
		t.Errorf("vendor client: %v", err)
	}
}
