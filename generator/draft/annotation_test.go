package draft

import (
	"errors"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/schema"
)

// todoSchema is a small schema with a to-do on an operation, a parameter,
// a component and a property; {extra} is replaced by more YAML under the
// property.
const todoSchema = `openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /v1/things/{id}:
    post:
      operationId: MakeThing
      x-doc-page: things/making_a_thing.rst
      x-doc-todo:
        - {line: 9, kind: contradiction, text: the path and the examples differ}
      parameters:
        - name: id
          in: path
          required: true
          x-doc-tables: [makething__path_parameters]
          x-doc-row: 1
          x-doc-todo:
            - {line: 12, kind: unsupported, text: an Integer path parameter}
          schema: {type: string}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        "200": {description: Made.}
components:
  schemas:
    Thing:
      x-doc-tables: [makething__request_body_parameters]
      x-doc-todo:
        - line: 30
          kind: contradiction
          text: page example 1 sends colour, which the table does not list
      type: object
      properties:
        name:
          x-doc-row: 1
          type: string
          x-doc-todo: {extra}
`

// buildErrors builds a schema and returns its errors, one per line, with
// the file's name replaced by "F".
func buildErrors(t *testing.T, text string) []string {
	t.Helper()
	file := writeSchema(t, []byte(text))
	_, err := schema.Build(schema.Config{Schema: file, Package: "things"})
	var errs schema.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Build: %v, want schema.Errors", err)
	}
	var out []string
	for _, e := range errs {
		out = append(out, strings.ReplaceAll(e.Error(), file, "F"))
	}
	return out
}

// TestTodoErrors: every to-do is a located error, with its page and line,
// on each kind of node that may carry one.
func TestTodoErrors(t *testing.T) {
	got := buildErrors(t, strings.Replace(todoSchema, "{extra}", "\n            - {line: 40, kind: condition, text: \"model \\\"mandatory when mode is fast\\\"\"}", 1))
	want := []string{
		`F:9:11: #/paths/~1v1~1things~1{id}/post/x-doc-todo/0: to-do (things/making_a_thing.rst:9): the path and the examples differ`,
		`F:17:15: #/paths/~1v1~1things~1{id}/post/parameters/0/x-doc-todo/0: to-do (things/making_a_thing.rst:12): an Integer path parameter`,
		`F:30:11: #/components/schemas/Thing/x-doc-todo/0: to-do (things/making_a_thing.rst:30): page example 1 sends colour, which the table does not list`,
		`F:39:15: #/components/schemas/Thing/properties/name/x-doc-todo/0: to-do (things/making_a_thing.rst:40): model "mandatory when mode is fast"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTodoAnnotationErrors: a malformed to-do, or one where no page is
// modelled, is an error that says what is wrong.
func TestTodoAnnotationErrors(t *testing.T) {
	for _, tc := range []struct{ extra, want string }{
		{`[{line: 0, kind: condition, text: x}]`, "the to-do's line must be a page line"},
		{`[{line: 3, kind: maybe, text: x}]`, `to-do kind "maybe" is not one of condition, contradiction, unsupported, example`},
		{`[{line: 3, kind: condition, text: " "}]`, "the to-do's text must say what a person must decide"},
		{`[{line: 3, kind: condition}]`, "a to-do needs line (the page line), kind and text"},
		{`[{line: 3, kind: condition, text: x, who: me}]`, `unknown to-do key "who"`},
		{`[{line: 3, kind: condition, text: x, page: ../a.rst}]`, "the to-do's page must be a .rst page relative to the documentation folder"},
		{`[]`, "x-doc-todo must be a list of to-dos"},
		{`fix it`, "x-doc-todo must be a list of to-dos"},
		{`[fix it]`, "a to-do must be a mapping with line, kind and text"},
	} {
		got := strings.Join(buildErrors(t, strings.Replace(todoSchema, "{extra}", tc.extra, 1)), "\n")
		if !strings.Contains(got, "#/components/schemas/Thing/properties/name/x-doc-todo") || !strings.Contains(got, tc.want) {
			t.Errorf("x-doc-todo: %s: errors\n%s\nwant one with %q", tc.extra, got, tc.want)
		}
	}
	// Where no node models the page: an example, a nested schema.
	for _, misplaced := range []string{
		strings.Replace(todoSchema, `        "200": {description: Made.}`, `        "200":
          description: Made.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
              examples:
                made:
                  x-doc-example: 1
                  x-doc-todo: [{line: 3, kind: example, text: x}]
                  value: {name: a}`, 1),
		strings.Replace(todoSchema, "          x-doc-todo: {extra}\n", "        tags:\n          x-doc-row: 2\n          type: array\n          items: {type: string, x-doc-todo: [{line: 3, kind: condition, text: x}]}\n", 1),
	} {
		got := strings.Join(buildErrors(t, misplaced), "\n")
		if !strings.Contains(got, "x-doc-todo belongs on an operation, a component, a property or a parameter") {
			t.Errorf("a misplaced x-doc-todo gives\n%s", got)
		}
	}
}
