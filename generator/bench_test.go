package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/internal/synthetic"
)

// BenchmarkGenerate measures one full in-memory generation (nothing is
// written): of the project's own configuration; of synthetic schemas of 10,
// 100 and 1000 object components, with fixtures and without
// ("-nofixtures"), whose ns/component tells whether the cost grows
// linearly; and of one object with 2000 and 32,000 properties ("wide-"),
// whose ns/property tells the same for a single large type.
func BenchmarkGenerate(b *testing.B) {
	b.Run("smartconnect", func(b *testing.B) {
		b.Chdir("..")
		benchGenerate(b, projectConfig(b), 0, "")
	})
	for _, n := range []int{10, 100, 1000} {
		for _, fixtures := range []bool{true, false} {
			b.Run(benchName("synthetic", n, fixtures), func(b *testing.B) {
				benchGenerate(b, benchConfig(b, synthetic.Schema(n), fixtures), n, "ns/component")
			})
		}
	}
	for _, n := range []int{2000, 32000} {
		for _, fixtures := range []bool{true, false} {
			b.Run(benchName("wide", n, fixtures), func(b *testing.B) {
				benchGenerate(b, benchConfig(b, wideSchema(n), fixtures), n, "ns/property")
			})
		}
	}
}

func benchName(kind string, n int, fixtures bool) string {
	if fixtures {
		return fmt.Sprintf("%s-%d", kind, n)
	}
	return fmt.Sprintf("%s-%d-nofixtures", kind, n)
}

// benchConfig writes schema to a temporary folder and returns the
// configuration that generates it, with fixtures or without.
func benchConfig(b *testing.B, schema string, fixtures bool) Config {
	path := filepath.Join(b.TempDir(), "synthetic.yaml")
	if err := os.WriteFile(path, []byte(schema), 0o644); err != nil {
		b.Fatal(err)
	}
	cfg := Config{Schema: path, OutDir: "out", Package: "synthetic"}
	if fixtures {
		cfg.FixturesDir = "fixtures"
	}
	return cfg
}

func benchGenerate(b *testing.B, cfg Config, n int, unit string) {
	b.ReportAllocs()
	var files int
	for b.Loop() {
		out, err := Generate(cfg)
		if err != nil {
			b.Fatal(err)
		}
		files = len(out.Files())
	}
	b.ReportMetric(float64(files), "files")
	if n > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), unit)
	}
}

// wideSchema returns an OpenAPI document with one object component, Wide,
// of n properties p0...p<n-1> that cycle through five kinds (a bounded
// string, a bounded int32, a bounded number, a boolean, a bounded array of
// strings), two of them required, posted by one operation. Its fixtures
// stay few (the two required members), so that all of the cost that grows
// with n is the generator's own.
func wideSchema(n int) string {
	var b strings.Builder
	b.WriteString(`openapi: 3.1.0
info: {title: Wide, version: "1"}
paths:
  /wide/{project_id}:
    post:
      operationId: CreateWide
      parameters:
        - {name: project_id, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Wide'}
      responses:
        "204": {description: created}
components:
  schemas:
    Wide:
      description: One object with many properties.
      type: object
      additionalProperties: false
      required: [p0, p1]
      properties:
`)
	for i := range n {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "        p%d: {type: string, minLength: 1, maxLength: 64}\n", i)
		case 1:
			fmt.Fprintf(&b, "        p%d: {type: integer, format: int32, minimum: 0, maximum: 1000}\n", i)
		case 2:
			fmt.Fprintf(&b, "        p%d: {type: number, minimum: 0, maximum: 1}\n", i)
		case 3:
			fmt.Fprintf(&b, "        p%d: {type: boolean}\n", i)
		case 4:
			fmt.Fprintf(&b, "        p%d: {type: array, maxItems: 5, items: {type: string, minLength: 1}}\n", i)
		}
	}
	return b.String()
}
