package signer

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	hwsigner "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
)

// vectorsFile is the file the support package's tests read.
var vectorsFile = filepath.FromSlash("../../generator/support/testdata/sign/vectors.json")

// TestVectorsFile recomputes every vector with the vendor's signer and
// fails when the checked-in file differs, so that the vectors stay the
// vendor's.
func TestVectorsFile(t *testing.T) {
	want, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatalf("%v (run go run ./signer/vectors in tools/)", err)
	}
	if !bytes.Equal(got, want) {
		var g, w File
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(want, &w)
		for i := range max(len(g.Vectors), len(w.Vectors)) {
			switch {
			case i >= len(g.Vectors):
				t.Errorf("vector %s is missing from the file", w.Vectors[i].Name)
			case i >= len(w.Vectors):
				t.Errorf("vector %s is not made by the vendor's signer", g.Vectors[i].Name)
			default:
				a, _ := json.Marshal(g.Vectors[i])
				b, _ := json.Marshal(w.Vectors[i])
				if !bytes.Equal(a, b) {
					t.Errorf("vector %s differs from the vendor's:\nfile:   %s\nvendor: %s", w.Vectors[i].Name, a, b)
				}
			}
		}
		t.Errorf("%s is not what the vendor's signer gives: run go run ./signer/vectors in tools/", vectorsFile)
	}
}

// TestGenerateDeterministic checks that two runs give the same bytes,
// whatever order the vendor's maps come out in.
func TestGenerateDeterministic(t *testing.T) {
	a, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		b, err := Generate()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("Generate is not deterministic")
		}
	}
}

// TestVendorVersion checks that the module requires the vendor version
// the file names (test binaries carry no dependency versions, so it reads
// go.mod).
func TestVendorVersion(t *testing.T) {
	data, err := os.ReadFile(filepath.FromSlash("../go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == VendorModule {
			if f[1] != VendorVersion {
				t.Errorf("go.mod requires %s %s, the vectors name %s", VendorModule, f[1], VendorVersion)
			}
			return
		}
	}
	t.Errorf("go.mod does not require %s", VendorModule)
}

// TestCoverage checks that the cases cover what they are meant to.
func TestCoverage(t *testing.T) {
	cases := Cases()
	if len(cases) < 25 {
		t.Errorf("%d cases, want at least 25", len(cases))
	}
	vs := make([]Vector, len(cases))
	for i, c := range cases {
		v, err := MakeVector(c)
		if err != nil {
			t.Fatal(err)
		}
		vs[i] = v
	}
	has := func(what string, f func(v *Vector) bool) {
		t.Helper()
		for i := range vs {
			if f(&vs[i]) {
				return
			}
		}
		t.Errorf("no vector has %s", what)
	}
	for _, m := range []string{"GET", "POST", "PUT", "DELETE", "PATCH"} {
		has("method "+m, func(v *Vector) bool { return v.Method == m })
	}
	has("an unsigned payload", func(v *Vector) bool { return strings.HasSuffix(v.CanonicalRequest, "\nUNSIGNED-PAYLOAD") })
	has("a signed host", func(v *Vector) bool { return strings.Contains(v.Authorization, "SignedHeaders=host;") })
	has("x-security-token signed", func(v *Vector) bool { return strings.Contains(v.Authorization, "x-security-token") })
	has("a header signed twice", func(v *Vector) bool { return strings.Contains(v.Authorization, "x-dup;x-dup") })
	has("a body over 100 KB", func(v *Vector) bool { return len(v.FullBody()) > 100<<10 })
	has("an empty body", func(v *Vector) bool { return len(v.FullBody()) == 0 })
	has("a port", func(v *Vector) bool { return strings.Contains(v.URL, ":8443/") })
	has("another date", func(v *Vector) bool { return v.XSdkDate != fakeDate })
}

// BenchmarkVendorSign measures the vendor's signer on BenchCase, the
// request BenchmarkSign in generator/support signs with ours. As there,
// the request is built once and signed again in every iteration.
func BenchmarkVendorSign(b *testing.B) {
	c := BenchCase()
	ak, sk := c.Keys()
	req := c.Build()
	want, err := MakeVector(c)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		h, err := hwsigner.Signer{}.Sign(req, ak, sk)
		if err != nil || h[hwsigner.HeaderAuthorization] != want.Authorization {
			b.Fatalf("vendor signer: %v, %q", err, h[hwsigner.HeaderAuthorization])
		}
	}
}
