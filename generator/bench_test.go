package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkGenerate measures one full in-memory generation (the package and
// its fixtures; nothing is written): of the project's own configuration, and
// of synthetic schemas of 10, 100 and 1000 object components, whose
// ns/component tells whether the cost grows linearly.
func BenchmarkGenerate(b *testing.B) {
	b.Run("smartconnect", func(b *testing.B) {
		b.Chdir("..")
		benchGenerate(b, projectConfig(b), 0)
	})
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("synthetic-%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "synthetic.yaml")
			if err := os.WriteFile(path, []byte(syntheticSchema(n)), 0o644); err != nil {
				b.Fatal(err)
			}
			cfg := Config{Schema: path, OutDir: "out", Package: "synthetic", FixturesDir: "fixtures"}
			benchGenerate(b, cfg, n)
		})
	}
}

func benchGenerate(b *testing.B, cfg Config, components int) {
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
	if components > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(components), "ns/component")
	}
}

// syntheticSchema returns an OpenAPI document with n object components
// Obj0...Obj<n-1>, each posted by an operation of its own, with a property
// of every kind, an enum of its own, an optional $ref to the next component
// and an if/then rule.
func syntheticSchema(n int) string {
	var b strings.Builder
	b.WriteString("openapi: 3.1.0\ninfo: {title: Synthetic, version: \"1\"}\npaths:\n")
	for i := range n {
		fmt.Fprintf(&b, `  /objects/{project_id}/obj%[1]d:
    post:
      operationId: CreateObj%[1]d
      parameters:
        - {name: project_id, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Obj%[1]d'}
      responses:
        "204": {description: created}
`, i)
	}
	b.WriteString("components:\n  schemas:\n")
	for i := range n {
		fmt.Fprintf(&b, `    Obj%[1]d:
      description: Synthetic object number %[1]d.
      type: object
      additionalProperties: false
      required: [name, kind]
      properties:
        name: {type: string, minLength: 1, maxLength: 64}
        count:
          type: integer
          format: int32
          minimum: 0
          maximum: 1000
        ratio: {type: number, minimum: 0, maximum: 1}
        enabled: {type: boolean}
        kind:
          type: string
          x-go-type-name: Kind%[1]d
          enum: [alpha, beta, gamma]
        tags:
          type: array
          maxItems: 5
          items: {type: string, minLength: 1}
        labels:
          type: object
          additionalProperties: {type: string}
        note: {type: [string, "null"], maxLength: 100}
        token: {type: string, format: password}
`, i)
		if i+1 < n {
			fmt.Fprintf(&b, "        next: {$ref: '#/components/schemas/Obj%d'}\n", i+1)
		}
		b.WriteString(`      if:
        required: [kind]
        properties:
          kind: {const: beta}
      then:
        required: [count]
      dependentRequired:
        token: [name]
`)
	}
	return b.String()
}
