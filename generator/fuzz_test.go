package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/dmsgen/dmsgen/generator/schema"
)

// FuzzGenerate feeds arbitrary bytes, and schemas mutated node by node, to
// Generate. It must never panic; it must return either files or
// schema.Errors, every error with a file; and every emitted Go file must
// parse and every fixture document must be JSON.
//
// The input is written to schema.yaml in a fresh directory, next to a copy
// of testdata/cases/refs-across-files/other.yaml so that references into
// another file can resolve. When mutations is not zero, the input is parsed
// as YAML and changed by a few node-level mutations drawn from it (delete,
// copy or move a member, replace a value) before it is written, so that the
// fuzzer reaches the builder with documents that still parse.
func FuzzGenerate(f *testing.F) {
	// kin-openapi reads $refs with a scheme and host over HTTP: a mutated
	// schema must never reach the network.
	http.DefaultClient.Transport = refuseTransport{}

	seeds, err := filepath.Glob("../testdata/cases/*/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	errs, _ := filepath.Glob("../testdata/errors/*.yaml")
	seeds = append(seeds, errs...)
	seeds = append(seeds, "../schemas/smartconnect.yaml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint64(0))
		f.Add(data, uint64(len(data)))
	}
	other, err := os.ReadFile("../testdata/cases/refs-across-files/other.yaml")
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, data []byte, mutations uint64) {
		if len(data) > 256<<10 || unsafeInput(data) {
			t.Skip()
		}
		if mutations != 0 {
			if m, ok := mutateYAML(data, mutations); ok {
				data = m
			}
			if unsafeInput(data) {
				t.Skip()
			}
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "schema.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "other.yaml"), other, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg := Config{
			Schema:      path,
			OutDir:      filepath.Join(dir, "out"),
			Package:     "fuzzcase",
			FixturesDir: filepath.Join(dir, "fixtures"),
		}
		res, err := Generate(cfg)
		if err != nil {
			var se schema.Errors
			if !errors.As(err, &se) {
				t.Fatalf("Generate returned %T, not schema.Errors: %v", err, err)
			}
			if len(se) == 0 {
				t.Fatal("Generate returned empty schema.Errors")
			}
			for _, e := range se {
				if e.Pos.File == "" || e.Msg == "" {
					t.Fatalf("error without a file or a message: %#v", e)
				}
			}
			return
		}
		files := res.Files()
		if len(files) == 0 {
			t.Fatal("Generate returned neither files nor an error")
		}
		fset := token.NewFileSet()
		for _, f := range files {
			switch {
			case strings.HasSuffix(f.Path, ".go"):
				if _, err := parser.ParseFile(fset, f.Path, f.Data, parser.ParseComments); err != nil {
					t.Fatalf("%s does not parse: %v\n%s", f.Path, err, f.Data)
				}
			case strings.HasSuffix(f.Path, ".json"):
				if !json.Valid(f.Data) {
					t.Fatalf("%s is not JSON:\n%s", f.Path, f.Data)
				}
			}
		}
	})
}

// refuseTransport fails every HTTP request.
type refuseTransport struct{}

func (refuseTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("fuzz: no network")
}

// unsafeInput reports inputs that could make the loader read a special
// file (a $ref to /dev/zero never ends), directly or through a YAML escape
// of a slash.
func unsafeInput(data []byte) bool {
	lower := bytes.ToLower(data)
	for _, s := range []string{"/dev", "/proc", "/sys", `\x2f`, `\u002f`, `\u2215`, `\/`, `\U0000002f`} {
		if bytes.Contains(lower, []byte(strings.ToLower(s))) {
			return true
		}
	}
	return false
}

// interesting are scalar values a mutation may put anywhere: types, edge
// numbers, keywords and names.
var interesting = []string{
	"null", "true", "false", "", "0", "-1", "1", "0.5", "1e400", "-0",
	"2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
	"-9223372036854775809", "9007199254740993", "string", "integer", "number",
	"boolean", "object", "array", "int32", "int64", "password", "#/components/schemas/X",
	"other.yaml#/components/schemas/Address", "x-go-name", "---", "日本", "a b",
	"type", "enum", "const", "required", "properties", "items", "if", "then",
	"else", "allOf", "anyOf", "oneOf", "not", "$ref", "additionalProperties",
	"minimum", "maximum", "pattern", "(", "^[a-z]+$", "format", "default",
}

// mutateYAML parses data and applies 1 to 4 node-level mutations drawn from
// seed. It returns false when data is not YAML.
func mutateYAML(data []byte, seed uint64) ([]byte, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return nil, false
	}
	r := rand.New(rand.NewPCG(seed, seed>>32|seed<<32))
	var all, mappings, scalars []*yaml.Node
	var collect func(n *yaml.Node)
	collect = func(n *yaml.Node) {
		all = append(all, n)
		switch n.Kind {
		case yaml.MappingNode:
			mappings = append(mappings, n)
		case yaml.ScalarNode:
			scalars = append(scalars, n)
		}
		for _, c := range n.Content {
			collect(c)
		}
	}
	collect(doc.Content[0])
	pick := func(ns []*yaml.Node) *yaml.Node {
		if len(ns) == 0 {
			return nil
		}
		return ns[r.IntN(len(ns))]
	}
	for range 1 + r.IntN(4) {
		switch r.IntN(6) {
		case 0: // delete a member
			if m := pick(mappings); m != nil && len(m.Content) >= 2 {
				i := 2 * r.IntN(len(m.Content)/2)
				m.Content = append(m.Content[:i:i], m.Content[i+2:]...)
			}
		case 1: // copy a member into another mapping
			from, to := pick(mappings), pick(mappings)
			if from != nil && to != nil && len(from.Content) >= 2 {
				i := 2 * r.IntN(len(from.Content)/2)
				to.Content = append(to.Content, cloneNode(from.Content[i]), cloneNode(from.Content[i+1]))
			}
		case 2: // replace a scalar with another scalar of the document
			if a, b := pick(scalars), pick(scalars); a != nil && b != nil {
				a.Value, a.Tag, a.Style = b.Value, "", 0
			}
		case 3: // replace a scalar with an interesting value
			if a := pick(scalars); a != nil {
				a.Value, a.Tag, a.Style = interesting[r.IntN(len(interesting))], "", 0
			}
		case 4: // replace a value with a copy of another subtree
			if m, n := pick(mappings), pick(all); m != nil && n != nil && len(m.Content) >= 2 {
				i := 2*r.IntN(len(m.Content)/2) + 1
				m.Content[i] = cloneNode(n)
			}
		case 5: // drop an item of a sequence
			var seqs []*yaml.Node
			for _, n := range all {
				if n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
					seqs = append(seqs, n)
				}
			}
			if s := pick(seqs); s != nil {
				i := r.IntN(len(s.Content))
				s.Content = append(s.Content[:i:i], s.Content[i+1:]...)
			}
		}
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		return nil, false
	}
	return out, true
}

// cloneNode deep-copies a node, so that a copy placed inside its own
// subtree makes no cycle.
func cloneNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		c.Content[i] = cloneNode(x)
	}
	if n.Alias != nil {
		c.Alias = cloneNode(n.Alias)
	}
	return &c
}
