// Package synthetic makes the OpenAPI documents the regeneration
// benchmarks measure: generator's BenchmarkGenerate (in memory) and
// tools/genbench's BenchmarkRegenerate (whole processes, against other
// generators), so that both time the same work.
package synthetic

import (
	"fmt"
	"strings"
)

// Schema returns an OpenAPI document with n object components
// Obj0...Obj<n-1>, each posted by an operation of its own, with a property
// of every kind, an enum of its own, an optional $ref to the next component
// and an if/then rule.
func Schema(n int) string {
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
