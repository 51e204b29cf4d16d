package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/schema"
	"github.com/dmsgen/dmsgen/internal/testdirs"
)

// suiteDir returns the folder of the JSON-Schema-Test-Suite's draft 2020-12
// keyword files, from DMSGEN_JSTS (the folder itself, or one holding
// draft2020-12/). It skips the test when the variable is unset and fails
// when it names a folder that does not exist.
func suiteDir(t *testing.T) string {
	t.Helper()
	dir := testdirs.Env(t, "DMSGEN_JSTS", "a copy of the JSON-Schema-Test-Suite's tests: a folder holding draft2020-12/ with its keyword files (allOf.json...), or that folder itself; .ci/run uses ../shared/jsts")
	if sub := filepath.Join(dir, "draft2020-12"); isDir(sub) {
		dir = sub
	}
	return dir
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// suiteGroup is one group of a keyword file: a schema and its tests.
type suiteGroup struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
}

// groupDoc is the OpenAPI document that holds the schema of a group as the
// property "value" of the closed object component name. A group whose
// schema refers to itself by JSON pointer ("$ref": "#/$defs/a", or "#")
// is a document of its own in the suite: here it becomes the component
// name+"Schema", and its pointers are re-rooted there, which keeps their
// meaning; the property refers to it.
func groupDoc(name string, groupSchema json.RawMessage) []byte {
	return []byte(fmt.Sprintf(`{"openapi":"3.1.0","info":{"title":"suite","version":"1"},"paths":{},"components":{"schemas":{%s}}}`, groupComponents(name, groupSchema)))
}

// groupComponents returns the members of components/schemas for a group.
func groupComponents(name string, groupSchema json.RawMessage) string {
	var v any
	if err := json.Unmarshal(groupSchema, &v); err != nil {
		panic(err)
	}
	root := "#/components/schemas/" + name + "Schema"
	if !rerootRefs(v, root) {
		return fmt.Sprintf(`%q:{"type":"object","additionalProperties":false,"properties":{"value":%s}}`, name, groupSchema)
	}
	rerooted, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf(`%q:{"type":"object","additionalProperties":false,"properties":{"value":{"$ref":%q}}},%q:%s`, name, root, name+"Schema", rerooted)
}

// rerootRefs rewrites every "$ref" of schema value v that is a JSON
// pointer into the document ("#..."), so that it points below root; it
// reports whether there was one. Values that are data (const, enum,
// default, examples) are left alone.
func rerootRefs(v any, root string) bool {
	found := false
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" && strings.HasPrefix(s, "#") {
				v[k] = root + strings.TrimPrefix(s, "#")
				found = true
				continue
			}
			switch k {
			case "const", "enum", "default", "examples", "example":
				continue
			}
			found = rerootRefs(x, root) || found
		}
	case []any:
		for _, x := range v {
			found = rerootRefs(x, root) || found
		}
	}
	return found
}

// TestJSONSchemaTestSuite runs the groups of the suite's keyword files
// through dmsgen: each group's schema is the property "value" of a closed
// object, and each test's data the value of that property. A group the
// generator refuses (a located error, never a panic) is counted as
// refused; every accepted group is generated into one package, compiled,
// and each of its tests decoded and validated there: the verdict must be
// the suite's, always.
func TestJSONSchemaTestSuite(t *testing.T) {
	dir := suiteDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no keyword files in %s (%v)", dir, err)
	}
	tmp := t.TempDir()
	type accepted struct {
		file  string
		index int
		name  string // the component
		group suiteGroup
	}
	var ok []accepted
	type count struct{ groups, accepted int }
	counts := map[string]*count{}
	var combined []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var groups []suiteGroup
		if err := json.Unmarshal(data, &groups); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		base := strings.TrimSuffix(filepath.Base(file), ".json")
		c := &count{}
		counts[base] = c
		for i, g := range groups {
			c.groups++
			name := fmt.Sprintf("G%dx%s", len(ok)+len(combined), strings.NewReplacer("-", "", "_", "").Replace(base))
			path := filepath.Join(tmp, "g.json")
			if err := os.WriteFile(path, groupDoc(name, g.Schema), 0o644); err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s group %d (%s): the builder panicked: %v", base, i, g.Description, r)
					}
				}()
				_, err := schema.Build(schema.Config{Schema: path, Package: "suite"})
				if err != nil {
					if testing.Verbose() {
						first, _, _ := strings.Cut(err.Error(), "\n")
						t.Logf("refused: %s group %d (%s): %s", base, i, g.Description, strings.TrimPrefix(first, path+":"))
					}
					if _, located := err.(schema.Errors); !located {
						t.Errorf("%s group %d: not a located error: %v", base, i, err)
					}
					for _, e := range errsOf(err) {
						if e.Pos.Line == 0 {
							t.Errorf("%s group %d: an error without a position: %v", base, i, e)
						}
					}
					return
				}
				c.accepted++
				ok = append(ok, accepted{file: base, index: i, name: name, group: g})
			}()
		}
	}
	var names []string
	for n := range counts {
		names = append(names, n)
	}
	slices.Sort(names)
	total, acc := 0, 0
	var lines []string
	for _, n := range names {
		c := counts[n]
		total += c.groups
		acc += c.accepted
		lines = append(lines, fmt.Sprintf("%-28s %3d of %3d", n, c.accepted, c.groups))
	}
	t.Logf("groups accepted per keyword file:\n%s\n%d of %d groups accepted", strings.Join(lines, "\n"), acc, total)
	if len(ok) == 0 {
		t.Fatal("no group was accepted")
	}

	// One document with every accepted group, one package, one build.
	var comps []string
	for _, a := range ok {
		comps = append(comps, groupComponents(a.name, a.group.Schema))
	}
	doc := fmt.Sprintf(`{"openapi":"3.1.0","info":{"title":"suite","version":"1"},"paths":{},"components":{"schemas":{%s}}}`, strings.Join(comps, ","))
	schemaPath := filepath.Join(tmp, "suite.json")
	if err := os.WriteFile(schemaPath, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Generate(Config{Schema: schemaPath, OutDir: filepath.Join(tmp, "mod", "suite"), Package: "suite"})
	if err != nil {
		t.Fatalf("the accepted groups together: %v", err)
	}
	mod := filepath.Join(tmp, "mod")
	for _, f := range res.Files() {
		writeFile(t, f.Path, f.Data)
	}
	writeFile(t, filepath.Join(mod, "go.mod"), []byte("module casetest\n\ngo 1.24\n"))
	var driver bytes.Buffer
	driver.WriteString("package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n\n\t\"casetest/suite\"\n)\n\n")
	driver.WriteString("func check(typ string, data []byte) error {\n\tswitch typ {\n")
	for _, a := range ok {
		fmt.Fprintf(&driver, "\tcase %q:\n\t\tx, err := suite.Decode%s(data)\n\t\tif err != nil {\n\t\t\treturn err\n\t\t}\n\t\treturn x.Validate()\n", a.name, goName(a.name))
	}
	driver.WriteString("\t}\n\tpanic(typ)\n}\n\n")
	driver.WriteString("func main() {\n\tin := bufio.NewScanner(os.Stdin)\n\tin.Buffer(nil, 1<<24)\n\tfor in.Scan() {\n\t\ttyp, doc, _ := strings.Cut(in.Text(), \" \")\n\t\tfmt.Println(check(typ, []byte(doc)) == nil)\n\t}\n}\n")
	writeFile(t, filepath.Join(mod, "main.go"), driver.Bytes())
	var input bytes.Buffer
	type want struct {
		where string
		valid bool
	}
	var wants []want
	for _, a := range ok {
		for _, tc := range a.group.Tests {
			var compact bytes.Buffer
			if err := json.Compact(&compact, tc.Data); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&input, "%s {\"value\":%s}\n", a.name, compact.Bytes())
			wants = append(wants, want{fmt.Sprintf("%s group %d (%s), test %q", a.file, a.index, a.group.Description, tc.Description), tc.Valid})
		}
	}
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = mod
	cmd.Stdin = &input
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the suite's package does not build or run: %v\n%s", err, stderr.Bytes())
	}
	got := strings.Fields(string(out))
	if len(got) != len(wants) {
		t.Fatalf("%d verdicts for %d tests", len(got), len(wants))
	}
	disagree := 0
	for i, w := range wants {
		if (got[i] == "true") != w.valid {
			disagree++
			t.Errorf("%s: dmsgen says valid=%s, the suite %v", w.where, got[i], w.valid)
		}
	}
	t.Logf("%d tests of %d accepted groups run: %d disagreements", len(wants), len(ok), disagree)
}

// goName is the Go name dmsgen gives a component named like the harness's
// (G<n>x<file>): its first letter is upper case already.
func goName(component string) string { return component }

// errsOf returns the errors of err when it is schema.Errors.
func errsOf(err error) schema.Errors {
	if es, ok := err.(schema.Errors); ok {
		return es
	}
	return nil
}
