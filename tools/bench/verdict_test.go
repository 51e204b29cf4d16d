package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	jsonschemav6 "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/internal/reference"
)

// wantCases are the cases, in order: the page's three examples, the large
// case, then one invalid case per family, in the order of families.
var wantCases = []string{
	"obs-dump", "kafka-replication", "redis-replication", "large-topics-regex",
	"invalid-conditional-required", "invalid-exclusive-pair", "invalid-enum", "invalid-not",
	"invalid-unknown-member", "invalid-wrong-type", "invalid-null", "invalid-integer-range",
	"invalid-duplicate-member",
}

// TestVerdicts runs every contender on every case and checks its verdict
// against the checks it is recorded with: it must accept every valid case,
// reject the invalid case of each family it is recorded as checking and
// accept the others. So the table of what each contender checks (logged
// with -v) is measured, and the test fails when a contender starts or
// stops checking something.
func TestVerdicts(t *testing.T) {
	f := load(t)
	var names []string
	var fams []family
	for _, c := range f.cases {
		names = append(names, c.name)
		if !c.valid() {
			fams = append(fams, c.family)
		}
	}
	if !slices.Equal(names, wantCases) {
		t.Fatalf("cases %v, want %v", names, wantCases)
	}
	if !slices.Equal(fams, families) {
		t.Fatalf("invalid cases cover %v, want one per family %v", fams, families)
	}

	for _, k := range contenders {
		t.Run(k.name, func(t *testing.T) {
			if why := k.unavailable(); why != "" {
				t.Skip(why)
			}
			for _, c := range f.cases {
				err := k.decodeValidate(f, c.json)
				switch want := k.accepts(c); {
				case c.valid() && err != nil:
					t.Errorf("%s: rejects the valid case: %v", c.name, err)
				case want && err == nil, !want && err != nil:
					// as recorded
				case want:
					t.Errorf("%s: rejects it (%v), but is recorded as not checking %s: add %q to its checks and its doc comment", c.name, err, c.family, c.family)
				default:
					t.Errorf("%s: accepts it, but is recorded as checking %s: remove %q from its checks and its doc comment", c.name, c.family, c.family)
				}
				if k.prepare != nil && err == nil {
					// The Validate benchmark runs this case: decoding then
					// validating must give the same verdict.
					validate, perr := k.prepare(f, c.json)
					if perr != nil {
						t.Errorf("%s: prepare: %v", c.name, perr)
					} else if verr := validate(); verr != nil {
						t.Errorf("%s: validation step alone rejects it: %v", c.name, verr)
					}
				}
			}
		})
	}
	if !t.Failed() {
		t.Log("what each contender checks, verified on every case:\n" + checksTable())
	}
}

// checksTable is the table of what each contender checks, in Markdown.
func checksTable() string {
	var b strings.Builder
	b.WriteString("| contender |")
	for _, fam := range families {
		fmt.Fprintf(&b, " %s |", fam)
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat(":-:|", len(families)))
	b.WriteString("\n")
	for _, k := range contenders {
		fmt.Fprintf(&b, "| %s |", k.name)
		for _, fam := range families {
			if slices.Contains(k.checks, fam) {
				b.WriteString(" yes |")
			} else {
				b.WriteString(" no |")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestGeneratedRules checks where and how the generated code rejects each
// invalid case: the decoder or Validate, with exactly the one expected
// rule. It also checks that jsonschema/v5 reports a failure of the same
// rule and that kin-openapi's verdict comes from its JSON Schema 2020-12
// validator, not from its OpenAPI 3.0 fallback.
func TestGeneratedRules(t *testing.T) {
	f := load(t)
	for _, c := range f.cases {
		if c.valid() {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			req, err := smartconnect.DecodeCreateConnectorTaskRequest(c.json)
			if c.atDecode != (err != nil) {
				t.Fatalf("generated decoder: got %v, want an error: %v", err, c.atDecode)
			}
			if err == nil {
				err = req.Validate()
			}
			var ve *smartconnect.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("generated code: got %v, want a *ValidationError", err)
			}
			if len(ve.Violations) != 1 || ve.Violations[0].Rule != c.rule {
				t.Errorf("generated code: got %+v, want one violation of %s", ve.Violations, c.rule)
			}

			// The same rule fails in jsonschema/v5 (a repeated member is
			// rejected before validation).
			if err := reference.Validate(f.v5, c.json); err == nil || !strings.Contains(err.Error(), c.v5) {
				t.Errorf("jsonschema/v5: %v, want a failure of %s", err, c.v5)
			}

			if c.family == famDuplicate {
				return // encoding/json keeps the last member: kin-openapi accepts it
			}
			v, err := stdlibAny(c.json)
			if err != nil {
				t.Fatal(err)
			}
			err = f.kin.VisitJSON(v, kinOptions...)
			var v6err *jsonschemav6.ValidationError
			if !errors.As(err, &v6err) {
				t.Errorf("kin-openapi: %v does not come from its JSON Schema 2020-12 validator", err)
			}
		})
	}
}

// TestKinOpenAPIRejectsNoDetails records why the benchmark cannot turn off
// kin-openapi's error details: with JSON Schema 2020-12 enabled, the
// option makes VisitJSON fail outright.
func TestKinOpenAPIRejectsNoDetails(t *testing.T) {
	f := load(t)
	v, err := stdlibAny(f.cases[0].json)
	if err != nil {
		t.Fatal(err)
	}
	err = f.kin.VisitJSON(v, openapi3.EnableJSONSchema2020(), openapi3.DisableSchemaErrorDetails())
	if !errors.Is(err, openapi3.ErrSchemaErrorDetailsWithJSONSchema2020) {
		t.Errorf("got %v, want ErrSchemaErrorDetailsWithJSONSchema2020; if kin-openapi now supports both, pass DisableSchemaErrorDetails in kinOptions", err)
	}
}

// TestOgenSchemaCopy checks that ogen/schema.yaml, from which the ogen
// contender is generated, is the project's schema with exactly the
// constructs ogen does not implement removed (see its header), so that the
// contender is regenerated when the schema changes.
func TestOgenSchemaCopy(t *testing.T) {
	want := jsonOf(t, reference.SchemaPath())
	schemas := want["components"].(map[string]any)["schemas"].(map[string]any)
	req := schemas["CreateConnectorTaskRequest"].(map[string]any)
	src := schemas["SmartConnectTaskReqSourceConfig"].(map[string]any)
	for _, cut := range []struct {
		m   map[string]any
		key string
	}{{req, "allOf"}, {src, "if"}, {src, "then"}} {
		if _, ok := cut.m[cut.key]; !ok {
			t.Fatalf("the schema no longer has %s where ogen/schema.yaml removes it: update the copy, its header and this test", cut.key)
		}
		delete(cut.m, cut.key)
	}
	got := jsonOf(t, filepath.Join("ogen", "schema.yaml"))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ogen/schema.yaml is not schemas/smartconnect.yaml less the constructs its header lists: copy the schema again, remove them and regenerate (go generate ./bench/ogen in tools)")
	}
}

// jsonOf loads a YAML document as JSON data.
func jsonOf(t *testing.T, path string) map[string]any {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	doc, err := reference.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc.JSON, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPlainTypes checks that the types the library contenders decode into
// are the generated request types without their methods: same field names,
// tags and types (the source and sink configurations aside), and no
// json.Unmarshaler, so that those contenders measure their own decoding.
func TestPlainTypes(t *testing.T) {
	for _, pair := range []struct{ plain, generated any }{
		{plainRequest{}, smartconnect.CreateConnectorTaskRequest{}},
		{plainSource{}, smartconnect.SmartConnectTaskReqSourceConfig{}},
		{plainSink{}, smartconnect.SmartConnectTaskReqSinkConfig{}},
	} {
		p, g := reflect.TypeOf(pair.plain), reflect.TypeOf(pair.generated)
		if p.NumField() != g.NumField() {
			t.Errorf("%v has %d fields, %v %d", p, p.NumField(), g, g.NumField())
			continue
		}
		for i := range p.NumField() {
			pf, gf := p.Field(i), g.Field(i)
			sameType := pf.Type == gf.Type ||
				(pf.Type == reflect.TypeFor[*plainSource]() && gf.Type == reflect.TypeFor[*smartconnect.SmartConnectTaskReqSourceConfig]()) ||
				(pf.Type == reflect.TypeFor[*plainSink]() && gf.Type == reflect.TypeFor[*smartconnect.SmartConnectTaskReqSinkConfig]())
			if pf.Name != gf.Name || pf.Tag != gf.Tag || !sameType {
				t.Errorf("%v field %d is %s %v `%s`, %v has %s %v `%s`", p, i, pf.Name, pf.Type, pf.Tag, g, gf.Name, gf.Type, gf.Tag)
			}
		}
		if reflect.PointerTo(p).Implements(reflect.TypeFor[json.Unmarshaler]()) {
			t.Errorf("%v implements json.Unmarshaler", p)
		}
	}
}
