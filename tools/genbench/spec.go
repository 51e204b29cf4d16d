// Package genbench compares whole-process regeneration with dmsgen,
// oapi-codegen and ogen on the same synthetic OpenAPI document: each tool
// is built once, then run as a process, and timed from start to exit, so
// that loading, generating, formatting and writing all count.
//
// Its plain tests only check, on a small document, that each tool
// generates it (skipping, with the reason, a tool that cannot be built).
// The comparison is a benchmark, run on demand:
//
//	go -C tools test ./genbench -run='^$' -bench=. -benchtime=1x
//
// Each iteration runs every tool once, in turn, so that all see the same
// load; the metrics are seconds of wall time per run and the ratio of each
// other tool's time to dmsgen's.
package genbench

import (
	"fmt"
	"strings"
)

// Synthetic returns an OpenAPI document with n object components
// Obj0...Obj<n-1>, each posted by an operation of its own, with a property
// of every kind, an enum of its own, an optional $ref to the next component
// and an if/then rule. It is the document of BenchmarkGenerate in
// generator/bench_test.go (syntheticSchema), so that the figures of both
// measure the same work; keep the two the same.
func Synthetic(n int) string {
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
