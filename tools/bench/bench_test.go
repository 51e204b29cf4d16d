// Package bench measures the generated decoder and validator of
// CreateConnectorTaskRequest against encoding/json and two general JSON
// Schema validators (santhosh-tekuri/jsonschema/v5 through
// internal/reference, and kin-openapi's Schema.VisitJSON in its JSON Schema
// 2020-12 mode) on the same documents: the page's three example requests
// and one invalid request per rule family.
//
// It holds tests only, so that the generated package keeps depending on the
// standard library alone. Run it with
//
//	go test ./generated/smartconnect/bench -run='^$' -bench=. -benchmem -count=10
//
// (make bench) and summarise with benchstat. See BENCHMARKS.md.
package bench

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/santhosh-tekuri/jsonschema/v5"
	jsonschemav6 "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/internal/reference"
)

const (
	schemaName = "CreateConnectorTaskRequest"
	rootRule   = "#/components/schemas/" + schemaName
)

// benchCase is one request body.
type benchCase struct {
	name  string
	json  []byte
	valid bool
	// rule is, for an invalid case, the one rule the generated Validate
	// must report (a JSON pointer into the schema document).
	rule string
	// base is, for an invalid case, the valid example it was built from.
	base string
}

// fixture is everything the benchmarks and tests share, built once.
type fixture struct {
	cases []benchCase
	v5    *jsonschema.Schema // jsonschema/v5, Draft 2020-12
	kin   *openapi3.Schema   // kin-openapi's components schema
}

var (
	fixtureOnce sync.Once
	fixtureVal  *fixture
	fixtureErr  error
)

func load(tb testing.TB) *fixture {
	tb.Helper()
	fixtureOnce.Do(func() { fixtureVal, fixtureErr = build() })
	if fixtureErr != nil {
		tb.Fatal(fixtureErr)
	}
	return fixtureVal
}

// kinOptions are the options passed to kin-openapi's VisitJSON.
// EnableJSONSchema2020 is needed for the schema's 2020-12 keywords
// (if/then, const). DisableSchemaErrorDetails, the option that leaves the
// expensive details out of errors, is not passed: in v0.153.0 VisitJSON
// rejects it together with EnableJSONSchema2020
// (ErrSchemaErrorDetailsWithJSONSchema2020). TestKinOpenAPIRejectsNoDetails
// pins that down.
var kinOptions = []openapi3.SchemaValidationOption{openapi3.EnableJSONSchema2020()}

func build() (*fixture, error) {
	doc, err := reference.Load(reference.SchemaPath())
	if err != nil {
		return nil, err
	}
	exs, err := doc.Examples()
	if err != nil {
		return nil, err
	}
	byName := map[string][]byte{}
	var cases []benchCase
	for _, ex := range exs {
		if !ex.Request || ex.Op != "CreateConnectorTask" {
			continue
		}
		byName[ex.Name] = ex.JSON
		cases = append(cases, benchCase{name: ex.Name, json: ex.JSON, valid: true})
	}
	for _, want := range []string{"obs-dump", "kafka-replication", "redis-replication"} {
		if byName[want] == nil {
			return nil, errors.New("the schema has no request example " + want)
		}
	}
	if len(cases) != 3 {
		return nil, errors.New("want the page's 3 request examples")
	}

	invalid := []struct {
		name, base, rule string
		edit             func(m map[string]any)
	}{
		{
			// A field required only when source_type is REDIS_REPLICATOR_SOURCE.
			name: "invalid-conditional-required",
			base: "redis-replication",
			rule: rootRule + "/allOf/0/then/properties/source_task/required",
			edit: func(m map[string]any) {
				delete(m["source_task"].(map[string]any), "redis_password")
			},
		},
		{
			// Exactly one of instance_id and bootstrap_servers for a Kafka source.
			name: "invalid-exclusive-pair",
			base: "kafka-replication",
			rule: rootRule + "/allOf/1/then/properties/source_task/oneOf",
			edit: func(m map[string]any) {
				m["source_task"].(map[string]any)["bootstrap_servers"] = "192.168.0.1:9092,192.168.0.2:9092"
			},
		},
		{
			// A sink_type outside the enum.
			name: "invalid-enum",
			base: "obs-dump",
			rule: rootRule + "/properties/sink_type/enum",
			edit: func(m map[string]any) { m["sink_type"] = "S3_SINK" },
		},
	}
	for _, inv := range invalid {
		v, err := reference.Decode(byName[inv.base]) // exact numbers
		if err != nil {
			return nil, err
		}
		inv.edit(v.(map[string]any))
		js, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		cases = append(cases, benchCase{name: inv.name, json: js, rule: inv.rule, base: inv.base})
	}

	v5, err := doc.Compile(rootRule)
	if err != nil {
		return nil, err
	}

	loader := openapi3.NewLoader()
	kdoc, err := loader.LoadFromFile(reference.SchemaPath())
	if err != nil {
		return nil, err
	}
	// VisitJSON requires a schema that passed Validate.
	if err := kdoc.Validate(loader.Context); err != nil {
		return nil, err
	}
	ref := kdoc.Components.Schemas[schemaName]
	if ref == nil || ref.Value == nil {
		return nil, errors.New("kin-openapi: no components schema " + schemaName)
	}
	return &fixture{cases: cases, v5: v5, kin: ref.Value}, nil
}

// stdlibAny decodes js with encoding/json into any (numbers as float64),
// as a kin-openapi user would.
func stdlibAny(tb testing.TB, js []byte) any {
	tb.Helper()
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		tb.Fatal(err)
	}
	return v
}

func decode(tb testing.TB, c benchCase) *smartconnect.CreateConnectorTaskRequest {
	tb.Helper()
	req, err := smartconnect.DecodeCreateConnectorTaskRequest(c.json)
	if err != nil {
		tb.Fatalf("%s: decode: %v", c.name, err)
	}
	return req
}

// TestVerdicts checks that every validator benchmarked gives the expected
// verdict on every case, so that the benchmarks compare like with like:
// the generated code (decode succeeds; Validate reports exactly the
// expected rule), jsonschema/v5 and kin-openapi.
func TestVerdicts(t *testing.T) {
	f := load(t)
	names := make([]string, 0, len(f.cases))
	for _, c := range f.cases {
		names = append(names, c.name)
		t.Run(c.name, func(t *testing.T) {
			err := decode(t, c).Validate()
			switch {
			case c.valid && err != nil:
				t.Errorf("generated Validate: %v", err)
			case !c.valid:
				var ve *smartconnect.ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("generated Validate: got %v, want a *ValidationError", err)
				}
				if len(ve.Violations) != 1 || ve.Violations[0].Rule != c.rule {
					t.Errorf("generated Validate: got %+v, want one violation of %s", ve.Violations, c.rule)
				}
			}

			v, err := reference.Decode(c.json)
			if err != nil {
				t.Fatal(err)
			}
			err = f.v5.Validate(v)
			if (err == nil) != c.valid {
				t.Errorf("jsonschema/v5: valid=%v, want %v (%v)", err == nil, c.valid, err)
			}
			// The same rule fails (v5 names it relative to the compiled
			// fragment).
			if rel := strings.TrimPrefix(c.rule, rootRule); err != nil && !strings.Contains(err.Error(), rel) {
				t.Errorf("jsonschema/v5: %v, want a failure of %s", err, rel)
			}

			err = f.kin.VisitJSON(stdlibAny(t, c.json), kinOptions...)
			if (err == nil) != c.valid {
				t.Errorf("kin-openapi: valid=%v, want %v (%v)", err == nil, c.valid, err)
			}
			// kin-openapi falls back to its OpenAPI 3.0 validator when it
			// cannot compile a schema; a jsonschema/v6 error as the cause
			// shows the 2020-12 path ran.
			var v6err *jsonschemav6.ValidationError
			if err != nil && !errors.As(err, &v6err) {
				t.Errorf("kin-openapi: %v does not come from its JSON Schema 2020-12 validator", err)
			}
		})
	}
	want := []string{
		"obs-dump", "kafka-replication", "redis-replication",
		"invalid-conditional-required", "invalid-exclusive-pair", "invalid-enum",
	}
	if !slices.Equal(names, want) {
		t.Errorf("cases %v, want %v", names, want)
	}
}

// TestStdlibDecodeAccepts checks that encoding/json decodes every case
// without error, so that BenchmarkStdlibDecode measures a full decode.
func TestStdlibDecodeAccepts(t *testing.T) {
	for _, c := range load(t).cases {
		if err := json.Unmarshal(c.json, new(smartconnect.CreateConnectorTaskRequest)); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestKinOpenAPIRejectsNoDetails records why the benchmark cannot turn off
// kin-openapi's error details: with JSON Schema 2020-12 enabled, the
// option makes VisitJSON fail outright.
func TestKinOpenAPIRejectsNoDetails(t *testing.T) {
	f := load(t)
	err := f.kin.VisitJSON(stdlibAny(t, f.cases[0].json),
		openapi3.EnableJSONSchema2020(), openapi3.DisableSchemaErrorDetails())
	if !errors.Is(err, openapi3.ErrSchemaErrorDetailsWithJSONSchema2020) {
		t.Errorf("got %v, want ErrSchemaErrorDetailsWithJSONSchema2020; if kin-openapi now supports both, pass DisableSchemaErrorDetails in kinOptions", err)
	}
}

// TestValidateZeroAlloc checks the promise of the generated Validate: no
// allocation on a valid request.
func TestValidateZeroAlloc(t *testing.T) {
	for _, c := range load(t).cases {
		if !c.valid {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			req := decode(t, c)
			var err error
			allocs := testing.AllocsPerRun(1000, func() { err = req.Validate() })
			if err != nil {
				t.Fatal(err)
			}
			if allocs != 0 {
				t.Errorf("Validate allocates %v times per call, want 0", allocs)
			}
		})
	}
}

// BenchmarkValidate measures the generated Validate on a request decoded
// beforehand.
func BenchmarkValidate(b *testing.B) {
	for _, c := range load(b).cases {
		b.Run(c.name, func(b *testing.B) {
			req := decode(b, c)
			b.ReportAllocs()
			for b.Loop() {
				if err := req.Validate(); (err == nil) != c.valid {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeValidate measures the generated path from bytes: the
// strict decoder, then Validate.
func BenchmarkDecodeValidate(b *testing.B) {
	for _, c := range load(b).cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.json)))
			b.ReportAllocs()
			for b.Loop() {
				req, err := smartconnect.DecodeCreateConnectorTaskRequest(c.json)
				if err != nil {
					b.Fatal(err)
				}
				if err := req.Validate(); (err == nil) != c.valid {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStdlibDecode measures encoding/json.Unmarshal into a fresh
// CreateConnectorTaskRequest and nothing else: no strictness, no rules.
func BenchmarkStdlibDecode(b *testing.B) {
	for _, c := range load(b).cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.json)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(c.json, new(smartconnect.CreateConnectorTaskRequest)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkJSONSchemaV5 measures jsonschema/v5's Validate on the document
// already decoded (by reference.Decode, exact numbers), with the schema
// compiled once.
func BenchmarkJSONSchemaV5(b *testing.B) {
	f := load(b)
	for _, c := range f.cases {
		b.Run(c.name, func(b *testing.B) {
			v, err := reference.Decode(c.json)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := f.v5.Validate(v); (err == nil) != c.valid {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkKinOpenAPI measures kin-openapi's Schema.VisitJSON with
// EnableJSONSchema2020 on the document already decoded by encoding/json
// into any, with the OpenAPI document loaded once. Note that in v0.153.0
// VisitJSON in this mode converts and compiles the schema on every call
// (useJSONSchema2020 calls newJSONSchemaValidator): that cost is part of
// what a caller of this API pays, and it is in these numbers.
func BenchmarkKinOpenAPI(b *testing.B) {
	f := load(b)
	for _, c := range f.cases {
		b.Run(c.name, func(b *testing.B) {
			v := stdlibAny(b, c.json)
			b.ReportAllocs()
			for b.Loop() {
				if err := f.kin.VisitJSON(v, kinOptions...); (err == nil) != c.valid {
					b.Fatal(err)
				}
			}
		})
	}
}
