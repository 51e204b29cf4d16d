package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/schema"
	"github.com/dmsgen/dmsgen/internal/reference"
	"github.com/dmsgen/dmsgen/internal/testdirs"
)

// openAPIDir returns the folder of real public OpenAPI documents, from
// DMSGEN_OPENAPI. It skips the test when the variable is unset and fails
// when it names a folder that does not exist.
func openAPIDir(t *testing.T) string {
	t.Helper()
	return testdirs.Env(t, "DMSGEN_OPENAPI", "a folder of OpenAPI documents (.yaml, .json); .ci/run uses ../shared/openapi")
}

// bodyExample is an example of a JSON body, with the generated functions
// that decode and validate one.
type bodyExample struct {
	where   string
	decode  string // Decode<Name>
	named   bool   // Validate<Name>(x) rather than x.Validate()
	pointer string // the body's schema
	json    []byte
}

// TestRealDocuments generates every document of DMSGEN_OPENAPI unchanged,
// compiles the package and checks every example of every JSON body with
// the generated decoder and validator: the verdict must be the reference
// validator's.
func TestRealDocuments(t *testing.T) {
	dir := openAPIDir(t)
	var files []string
	for _, ext := range []string{"*.yaml", "*.yml", "*.json"} {
		m, _ := filepath.Glob(filepath.Join(dir, ext))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no OpenAPI documents in %s", dir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			pkg, err := schema.Build(schema.Config{Schema: file, Package: "api"})
			if err != nil {
				t.Fatalf("the document does not build:\n%v", err)
			}
			tmp := t.TempDir()
			res, err := Generate(Config{Schema: file, OutDir: filepath.Join(tmp, "api"), Package: "api"})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range res.Notes {
				t.Logf("note: %s", n)
			}
			for _, f := range res.Files() {
				writeFile(t, f.Path, f.Data)
			}
			examples := jsonExamples(pkg)
			examples = append(examples, schemaExamples(t, file, pkg)...)
			writeFile(t, filepath.Join(tmp, "go.mod"), []byte("module realdoc\n\ngo 1.24\n"))
			writeFile(t, filepath.Join(tmp, "main.go"), exampleDriver(examples))
			var input bytes.Buffer
			for i, ex := range examples {
				var compact bytes.Buffer
				if err := json.Compact(&compact, ex.json); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&input, "%d %s\n", i, compact.Bytes())
			}
			cmd := exec.Command("go", "run", ".")
			cmd.Dir = tmp
			cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
			cmd.Stdin = &input
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("the package does not build or run: %v\n%s", err, stderr.Bytes())
			}
			got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
			if len(examples) == 0 {
				t.Fatal("the document has no example of a JSON body to check")
			}
			if len(got) != len(examples) {
				t.Fatalf("%d verdicts for %d examples:\n%s", len(got), len(examples), out)
			}
			for i, ex := range examples {
				sch, err := reference.CompileFile(file, ex.pointer)
				if err != nil {
					t.Fatalf("%s: the reference validator cannot compile %s: %v", ex.where, ex.pointer, err)
				}
				refErr := reference.Validate(sch, ex.json)
				if (got[i] == "valid") != (refErr == nil) {
					t.Errorf("%s: dmsgen says %s, the reference validator %v", ex.where, got[i], refErr)
				}
			}
			t.Logf("%d operations, %d examples of JSON bodies checked", len(pkg.Operations), len(examples))
		})
	}
}

// jsonExamples lists the examples of the JSON bodies of pkg's operations.
func jsonExamples(pkg *ir.Package) []bodyExample {
	var out []bodyExample
	add := func(op *ir.Operation, what string, b *ir.Body, exs []*ir.Example) {
		if b == nil || b.Kind != ir.JSONBody {
			return
		}
		name, named := "", b.Named != nil
		if o := b.Object(); o != nil {
			name = o.GoName
		} else {
			name = b.Named.GoName
		}
		for _, ex := range exs {
			out = append(out, bodyExample{
				where:   fmt.Sprintf("%s %s example %s", op.ID, what, ex.Name),
				decode:  "Decode" + name,
				named:   named,
				pointer: b.Pointer,
				json:    ex.JSON,
			})
		}
	}
	for _, op := range pkg.Operations {
		add(op, "request", op.Request, op.RequestExamples)
		for _, r := range op.Responses {
			add(op, "response "+r.Status, r.Body, r.Examples)
		}
	}
	return out
}

// schemaExamples lists the examples the schemas of pkg's JSON bodies give
// themselves (example, examples), following $ref.
func schemaExamples(t *testing.T, file string, pkg *ir.Package) []bodyExample {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var root any
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []bodyExample
	for _, ex := range jsonBodies(pkg) {
		if seen[ex.pointer] {
			continue
		}
		seen[ex.pointer] = true
		node := resolve(root, ex.pointer)
		for i := 0; i < 32; i++ {
			m, ok := node.(map[string]any)
			ref, isRef := m["$ref"].(string)
			if !ok || !isRef {
				break
			}
			node = resolve(root, ref)
		}
		m, _ := node.(map[string]any)
		var values []any
		if v, ok := m["example"]; ok {
			values = append(values, v)
		}
		if vs, ok := m["examples"].([]any); ok {
			values = append(values, vs...)
		}
		for i, v := range values {
			js, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			e := ex
			e.where = fmt.Sprintf("%s, the schema's example %d", ex.where, i+1)
			e.json = js
			out = append(out, e)
		}
	}
	return out
}

// jsonBodies lists the JSON bodies of pkg's operations, one entry each,
// without examples.
func jsonBodies(pkg *ir.Package) []bodyExample {
	var out []bodyExample
	for _, op := range pkg.Operations {
		bodies := []*ir.Body{op.Request}
		for _, r := range op.Responses {
			bodies = append(bodies, r.Body)
		}
		for _, b := range bodies {
			if b == nil || b.Kind != ir.JSONBody {
				continue
			}
			ex := bodyExample{where: op.ID + " body " + b.Pointer, pointer: b.Pointer, named: b.Named != nil}
			if o := b.Object(); o != nil {
				ex.decode = "Decode" + o.GoName
			} else {
				ex.decode = "Decode" + b.Named.GoName
			}
			out = append(out, ex)
		}
	}
	return out
}

// resolve follows a JSON pointer ("#/a/b") from root.
func resolve(root any, ptr string) any {
	_, frag, _ := strings.Cut(ptr, "#")
	node := root
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[tok]
	}
	return node
}

// exampleDriver is a program that reads "index json" lines and prints,
// for each, "valid" or the first violation, with the decoder and
// validator of example index.
func exampleDriver(examples []bodyExample) []byte {
	var b bytes.Buffer
	b.WriteString("package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n\n\t\"realdoc/api\"\n)\n\n")
	b.WriteString("func check(i string, data []byte) error {\n\tswitch i {\n")
	for i, ex := range examples {
		validate := "x.Validate()"
		if ex.named {
			validate = "api.Validate" + strings.TrimPrefix(ex.decode, "Decode") + "(x)"
		}
		fmt.Fprintf(&b, "\tcase %q:\n\t\tx, err := api.%s(data)\n\t\tif err != nil {\n\t\t\treturn err\n\t\t}\n\t\treturn %s\n", fmt.Sprint(i), ex.decode, validate)
	}
	b.WriteString("\t}\n\tpanic(i)\n}\n\n")
	b.WriteString("func main() {\n\tin := bufio.NewScanner(os.Stdin)\n\tin.Buffer(nil, 1<<24)\n\tfor in.Scan() {\n\t\ti, doc, _ := strings.Cut(in.Text(), \" \")\n\t\tif err := check(i, []byte(doc)); err != nil {\n\t\t\tfmt.Println(strings.ReplaceAll(err.Error(), \"\\n\", \" \"))\n\t\t} else {\n\t\t\tfmt.Println(\"valid\")\n\t\t}\n\t}\n}\n")
	return b.Bytes()
}
