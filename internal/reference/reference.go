// Package reference gives tests, fuzz targets and benchmarks the schema as
// a full JSON Schema validator sees it: the YAML file converted to JSON
// with numbers kept exact, compiled by santhosh-tekuri/jsonschema/v5 as
// Draft 2020-12. It also extracts the examples the schema carries. It is
// never imported by generated code.
package reference

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v4"

	"github.com/dmsgen/dmsgen/generator/schema"
)

// SchemaPath is the project's schema, found from this file's location so
// that tests in any package can use it.
func SchemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "schemas", "smartconnect.yaml")
}

// Doc is a schema document loaded as plain JSON data.
type Doc struct {
	JSON []byte // the whole document as JSON
	root map[string]any
}

// Load reads a YAML (or JSON) OpenAPI document.
func Load(path string) (*Doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	v, err := schema.JSONValue(&node)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a mapping", path)
	}
	assertFormats(root)
	js, err := json.Marshal(root)
	if err != nil {
		return nil, err
	}
	return &Doc{JSON: js, root: root}, nil
}

// assertFormats gives every integer or number schema below v without a
// minimum or maximum the bounds of its format, as the generated decoders
// enforce them: int32, or int64 when an integer has no format; the range
// of a double for a number. JSON Schema treats format as an annotation;
// with these bounds the reference asserts the formats the Go types hold,
// so that "the generated code accepts exactly what the reference accepts"
// holds for unbounded integers and numbers too.
func assertFormats(v any) {
	switch x := v.(type) {
	case map[string]any:
		integer, number := typeHas(x["type"], "integer"), typeHas(x["type"], "number")
		if integer || number {
			lo, hi := json.Number("-9223372036854775808"), json.Number("9223372036854775807")
			switch {
			case number:
				lo, hi = json.Number("-1.7976931348623157e308"), json.Number("1.7976931348623157e308")
			case x["format"] == "int32":
				lo, hi = json.Number("-2147483648"), json.Number("2147483647")
			}
			if _, ok := x["minimum"]; !ok {
				x["minimum"] = lo
			}
			if _, ok := x["maximum"]; !ok {
				x["maximum"] = hi
			}
		}
		for _, e := range x {
			assertFormats(e)
		}
	case []any:
		for _, e := range x {
			assertFormats(e)
		}
	}
}

// typeHas reports whether a type keyword's value names t.
func typeHas(typ any, t string) bool {
	switch x := typ.(type) {
	case string:
		return x == t
	case []any:
		for _, e := range x {
			if e == t {
				return true
			}
		}
	}
	return false
}

// CompileFile compiles the schema at fragment of the YAML file path, with
// every other .yaml file of its folder available to $ref by file name, as
// the generator resolves them.
func CompileFile(path, fragment string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	files, err := filepath.Glob(filepath.Join(filepath.Dir(path), "*.yaml"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		d, err := Load(f)
		if err != nil {
			return nil, err
		}
		if err := c.AddResource("mem://schemas/"+filepath.Base(f), bytes.NewReader(d.JSON)); err != nil {
			return nil, err
		}
	}
	return c.Compile("mem://schemas/" + filepath.Base(path) + fragment)
}

// Compile compiles the schema at the JSON pointer fragment (for example
// "#/components/schemas/CreateConnectorTaskRequest") as Draft 2020-12.
func (d *Doc) Compile(fragment string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	const url = "mem://schema.json"
	if err := c.AddResource(url, bytes.NewReader(d.JSON)); err != nil {
		return nil, err
	}
	return c.Compile(url + fragment)
}

// Example is one example the schema carries.
type Example struct {
	Name    string // the key under examples
	Op      string // the operationId of the operation it belongs to
	DocNum  int    // x-doc-example: its number on the documentation page
	Request bool   // a request body example (else a response)
	JSON    []byte
}

// Examples returns every request and response example of every
// operation, ordered by DocNum then Name.
func (d *Doc) Examples() ([]Example, error) {
	var out []Example
	paths, _ := d.root["paths"].(map[string]any)
	for _, item := range paths {
		ops, _ := item.(map[string]any)
		for _, op := range ops {
			opm, _ := op.(map[string]any)
			id, _ := opm["operationId"].(string)
			if rb, ok := opm["requestBody"].(map[string]any); ok {
				ex, err := mediaExamples(rb, true, id)
				if err != nil {
					return nil, err
				}
				out = append(out, ex...)
			}
			resps, _ := opm["responses"].(map[string]any)
			for _, r := range resps {
				rm, _ := r.(map[string]any)
				ex, err := mediaExamples(rm, false, id)
				if err != nil {
					return nil, err
				}
				out = append(out, ex...)
			}
		}
	}
	slices.SortFunc(out, func(a, b Example) int {
		return cmp.Or(strings.Compare(a.Op, b.Op), a.DocNum-b.DocNum, strings.Compare(a.Name, b.Name))
	})
	return out, nil
}

func mediaExamples(holder map[string]any, request bool, op string) ([]Example, error) {
	content, _ := holder["content"].(map[string]any)
	mt, _ := content["application/json"].(map[string]any)
	exs, _ := mt["examples"].(map[string]any)
	var out []Example
	for name, raw := range exs {
		em, _ := raw.(map[string]any)
		js, err := json.Marshal(em["value"])
		if err != nil {
			return nil, err
		}
		num := 0
		if n, ok := em["x-doc-example"].(json.Number); ok {
			i, _ := n.Int64()
			num = int(i)
		}
		out = append(out, Example{Name: name, Op: op, DocNum: num, Request: request, JSON: js})
	}
	return out, nil
}

// Validate decodes doc as the reference pipeline does and validates it
// with s. It returns nil when the document is accepted.
//
// The reference pipeline reads JSON with encoding/json, numbers kept exact
// (json.Number), and rejects a text whose object repeats a member name:
// such a text has no single JSON value (RFC 8259 section 4 leaves its
// meaning to the parser; I-JSON forbids it), and the generated decoders
// reject it too.
func Validate(s *jsonschema.Schema, doc []byte) error {
	v, err := Decode(doc)
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// Decode parses one JSON value with exact numbers, rejecting trailing data
// and repeated member names.
func Decode(doc []byte) (any, error) {
	if !json.Valid(doc) {
		return nil, fmt.Errorf("malformed JSON")
	}
	if !utf8.Valid(doc) {
		// RFC 8259 section 8.1: JSON text is UTF-8. encoding/json would
		// replace invalid bytes; the reference rejects them, as the
		// generated decoders do.
		return nil, fmt.Errorf("invalid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the top-level value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := map[string]any{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k := kt.(string)
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("duplicate member %q", k)
				}
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				m[k] = v
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return m, nil
		case '[':
			a := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return a, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		return tok, nil
	}
}
