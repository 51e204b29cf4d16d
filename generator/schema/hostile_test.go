//go:build unix

package schema

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// hostileSchema is a schema whose one property is a $ref to ref.
func hostileSchema(ref string) string {
	return `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        x:
          $ref: '` + ref + `'
`
}

// TestHostileRefs feeds $refs that reach outside the schema's folder or to
// the network: each must be a located error, the generator must read
// nothing outside the folder, open no connection, and never quote a file
// that is not a schema.
func TestHostileRefs(t *testing.T) {
	var conns atomic.Int32
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Close()
		}
	}()
	dir := t.TempDir()
	folder := filepath.Join(dir, "schemas")
	outside := filepath.Join(dir, "secret.yaml")
	os.MkdirAll(folder, 0o755)
	os.WriteFile(outside, []byte("root:x:0:0:SECRET-LINE\n"), 0o644)
	os.WriteFile(filepath.Join(folder, "notes.txt"), []byte("SECRET-TEXT\n"), 0o644)
	os.Symlink(outside, filepath.Join(folder, "link.yaml"))
	os.Symlink("/dev/zero", filepath.Join(folder, "zero.yaml"))
	if err := syscall.Mkfifo(filepath.Join(folder, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := make([]byte, MaxFileSize+10)
	os.WriteFile(filepath.Join(folder, "big.yaml"), big, 0o644)
	for _, tc := range []struct{ ref, want string }{
		{"/etc/passwd", "outside the schema folder"},
		{outside + "#/a", "outside the schema folder"},
		{"../secret.yaml#/a", "outside the schema folder"},
		{"file://" + outside + "#/a", "is a URL"},
		{"http://" + ln.Addr().String() + "/x.yaml#/a", "is a URL"},
		{"https://example.com/x.yaml#/a", "is a URL"},
		{"link.yaml#/a", "through a symbolic link"},
		{"zero.yaml#/a", "through a symbolic link"},
		{"pipe.yaml#/a", "not a regular file"},
		{"/dev/zero", "outside the schema folder"},
		{"notes.txt#/a", "not a schema file"},
		{"big.yaml#/a", "larger than"},
		{"missing.yaml#/components/schemas/X", "does not exist"},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			path := filepath.Join(folder, "api.yaml")
			if err := os.WriteFile(path, []byte(hostileSchema(tc.ref)), 0o644); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := Build(Config{Schema: path, Package: "x"})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Build did not return: it is reading something without end")
			}
			errs, ok := err.(Errors)
			if !ok || len(errs) == 0 {
				t.Fatalf("got %T %v, want located Errors", err, err)
			}
			msg := errs.Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not say %q", msg, tc.want)
			}
			if errs[0].Pos.Line != 10 || !strings.HasSuffix(errs[0].Pointer, "/$ref") {
				t.Errorf("error not located at the $ref (line 10): %v", errs[0])
			}
			if strings.Contains(msg, "SECRET") {
				t.Errorf("error quotes a file that is not a schema: %s", msg)
			}
		})
	}
	if n := conns.Load(); n != 0 {
		t.Errorf("generation opened %d network connections", n)
	}
}

// TestUnreadableSchema: a document that cannot be read is a ReadError, not
// located problems, so that the command exits 2.
func TestUnreadableSchema(t *testing.T) {
	for _, path := range []string{filepath.Join(t.TempDir(), "none.yaml"), "/dev/zero", t.TempDir()} {
		_, err := Build(Config{Schema: path, Package: "x"})
		if _, ok := err.(*ReadError); !ok {
			t.Errorf("%s: got %T %v, want *ReadError", path, err, err)
		}
	}
}
