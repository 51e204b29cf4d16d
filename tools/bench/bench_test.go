// Package bench compares the generated strict decoder and validator of
// CreateConnectorTaskRequest with other ways of reading and checking the
// same request bodies: ogen's generated decoder and validator,
// encoding/json (lenient and with DisallowUnknownFields), json/v2
// (go-json-experiment), goccy/go-json, bytedance/sonic, two general JSON
// Schema validators (santhosh-tekuri/jsonschema v5 and v6) and kin-openapi,
// with encoding/json.Valid and simdjson-go as floors.
//
// Every contender checks different things, so a time means little without
// the list of what was checked. TestVerdicts runs every contender on every
// case and fails when a contender's verdict differs from the checks it is
// recorded with (contenders_test.go), so that list is verified, not
// claimed.
//
// Benchmark names are Benchmark<Op>/contender=<name>/case=<name>, so
// benchstat can put contenders side by side:
//
//	go -C tools test ./bench -run='^$' -bench=. -benchmem -count=10 > bench.txt
//	benchstat -col /contender bench.txt
//
// (make bench runs the first line). The package holds test files only, so
// that the generated package keeps depending on the standard library alone.
// See BENCHMARKS.md.
package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
	operation  = "CreateConnectorTask"
	schemaName = "CreateConnectorTaskRequest"
	rootRule   = "#/components/schemas/" + schemaName
	sourceRule = "#/components/schemas/SmartConnectTaskReqSourceConfig"
)

// family is the kind of rule an invalid case breaks; the empty family is a
// valid case.
type family string

// The rule families, one invalid case each. The first four are schema
// rules the generated Validate checks; the others are what the generated
// strict decoder rejects.
const (
	famConditional family = "conditional required"
	famOneOf       family = "exclusive pair (oneOf)"
	famEnum        family = "enum"
	famNot         family = "not"
	famUnknown     family = "unknown member"
	famType        family = "wrong JSON type"
	famNull        family = "null"
	famIntRange    family = "integer out of range"
	famDuplicate   family = "duplicate member"
)

// families lists the families in the order of the cases and of the table
// TestVerdicts prints.
var families = []family{
	famConditional, famOneOf, famEnum, famNot,
	famUnknown, famType, famNull, famIntRange, famDuplicate,
}

// benchCase is one request body.
type benchCase struct {
	name string
	json []byte
	// family is the rule family an invalid case breaks ("" when valid).
	family family
	// rule is, for an invalid case, the one rule the generated code must
	// report (a JSON pointer into the schema document).
	rule string
	// atDecode is true when the generated decoder, not Validate, reports
	// the rule.
	atDecode bool
	// v5 is, for an invalid case, what jsonschema/v5's error must contain.
	v5 string
	// base is, for an invalid or large case, the valid example it was built
	// from.
	base string
}

func (c benchCase) valid() bool { return c.family == "" }

// fixture is everything the benchmarks and tests share, built once.
type fixture struct {
	cases []benchCase
	v5    *jsonschema.Schema   // jsonschema/v5, Draft 2020-12 (internal/reference)
	v6    *jsonschemav6.Schema // jsonschema/v6, Draft 2020-12
	kin   *openapi3.Schema     // kin-openapi's components schema
	// listTasks is the 500-task list response (listTasksDocument), for
	// BenchmarkDecodeList.
	listTasks []byte
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

// largeRegexLen is the least length of the large case's topics_regex.
const largeRegexLen = 64 << 10

// edit is how an invalid or large case is made from a valid example.
type edit struct {
	name, base string
	family     family
	rule       string
	atDecode   bool
	// v5 is what jsonschema/v5's error must contain, when not the rule
	// relative to CreateConnectorTaskRequest (v5 names keywords by where
	// it reached them: through $ref, from the compiled fragment).
	v5 string
	// change edits the example decoded with exact numbers; the result is
	// encoded again with encoding/json.
	change func(m map[string]any)
	// raw, when set instead, edits the encoded example (for what a decoded
	// value cannot hold, such as a repeated member).
	raw func(js []byte) []byte
}

func sub(m map[string]any, key string) map[string]any { return m[key].(map[string]any) }

// edits are the large case and one invalid case per rule family. Each
// breaks one rule only.
var edits = []edit{
	{
		// A valid request whose string is long: obs-dump selecting its topics
		// with a 64 KiB regular expression, escapes included.
		name: "large-topics-regex",
		base: "obs-dump",
		change: func(m map[string]any) {
			var b strings.Builder
			for i := 0; b.Len() < largeRegexLen; i++ {
				if i > 0 {
					b.WriteByte('|')
				}
				fmt.Fprintf(&b, `^topic\.obs\.%05d$`, i)
			}
			m["topics_regex"] = b.String()
		},
	},
	{
		// A field required only when source_type is REDIS_REPLICATOR_SOURCE.
		name: "invalid-conditional-required", base: "redis-replication",
		family: famConditional,
		rule:   rootRule + "/allOf/0/then/properties/source_task/required",
		change: func(m map[string]any) { delete(sub(m, "source_task"), "redis_password") },
	},
	{
		// Exactly one of instance_id and bootstrap_servers for a Kafka source.
		name: "invalid-exclusive-pair", base: "kafka-replication",
		family: famOneOf,
		rule:   rootRule + "/allOf/1/then/properties/source_task/oneOf",
		change: func(m map[string]any) {
			sub(m, "source_task")["bootstrap_servers"] = "192.168.0.1:9092,192.168.0.2:9092"
		},
	},
	{
		// A sink_type outside the enum.
		name: "invalid-enum", base: "obs-dump",
		family: famEnum,
		rule:   rootRule + "/properties/sink_type/enum",
		change: func(m map[string]any) { m["sink_type"] = "S3_SINK" },
	},
	{
		// topics_mapping is not allowed when rename_topic_enabled is true
		// (the example sends topics_mapping).
		name: "invalid-not", base: "kafka-replication",
		family: famNot,
		rule:   sourceRule + "/then/not",
		v5:     "/properties/source_task/$ref/then/not",
		change: func(m map[string]any) { sub(m, "source_task")["rename_topic_enabled"] = true },
	},
	{
		// A member the schema does not declare (additionalProperties: false).
		name: "invalid-unknown-member", base: "obs-dump",
		family: famUnknown, atDecode: true,
		rule:   rootRule + "/additionalProperties",
		change: func(m map[string]any) { m["task_description"] = "dump topics to OBS" },
	},
	{
		// A string where the schema wants a boolean.
		name: "invalid-wrong-type", base: "obs-dump",
		family: famType, atDecode: true,
		rule:   rootRule + "/properties/start_later/type",
		change: func(m map[string]any) { m["start_later"] = "false" },
	},
	{
		// null for an optional string: the schema's type is string, not
		// [string, "null"].
		name: "invalid-null", base: "obs-dump",
		family: famNull, atDecode: true,
		rule:   rootRule + "/properties/topics_regex/type",
		change: func(m map[string]any) { m["topics_regex"] = nil },
	},
	{
		// One past the int32 maximum the schema gives full_sync_wait_ms.
		name: "invalid-integer-range", base: "redis-replication",
		family: famIntRange, atDecode: true,
		rule:   sourceRule + "/properties/full_sync_wait_ms/maximum",
		v5:     "/properties/source_task/$ref/properties/full_sync_wait_ms/maximum",
		change: func(m map[string]any) { sub(m, "source_task")["full_sync_wait_ms"] = json.Number("2147483648") },
	},
	{
		// task_name twice, with two valid values: a text with no single
		// meaning, which the generated decoder and the reference pipeline
		// reject (see README.md).
		name: "invalid-duplicate-member", base: "obs-dump",
		family: famDuplicate, atDecode: true,
		rule: "json", // the generated decoders' rule for what is not one JSON value
		v5:   "duplicate member",
		raw: func(js []byte) []byte {
			return append([]byte(`{"task_name":"smart-connect-1-copy",`), js[1:]...)
		},
	},
}

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
	var task []byte
	for _, ex := range exs {
		if ex.Op != operation {
			continue
		}
		if !ex.Request {
			if ex.Name == "redis-task" {
				task = ex.JSON
			}
			continue
		}
		byName[ex.Name] = ex.JSON
		cases = append(cases, benchCase{name: ex.Name, json: ex.JSON})
	}
	for _, want := range []string{"obs-dump", "kafka-replication", "redis-replication"} {
		if byName[want] == nil {
			return nil, errors.New("the schema has no request example " + want)
		}
	}
	if len(cases) != 3 {
		return nil, errors.New("want the page's 3 request examples")
	}
	if task == nil {
		return nil, errors.New("the schema has no CreateConnectorTask response example redis-task")
	}

	for _, e := range edits {
		js := byName[e.base]
		if e.raw != nil {
			js = e.raw(js)
		} else {
			v, err := reference.Decode(js) // exact numbers
			if err != nil {
				return nil, err
			}
			e.change(v.(map[string]any))
			if js, err = json.Marshal(v); err != nil {
				return nil, err
			}
		}
		v5 := e.v5
		if v5 == "" {
			v5 = strings.TrimPrefix(e.rule, rootRule)
		}
		cases = append(cases, benchCase{
			name: e.name, json: js, family: e.family, rule: e.rule, atDecode: e.atDecode, v5: v5, base: e.base,
		})
	}

	v5, err := doc.Compile(rootRule)
	if err != nil {
		return nil, err
	}
	v6, err := compileV6(doc.JSON, rootRule)
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

	list, err := listTasksDocument(task, listTasks)
	if err != nil {
		return nil, err
	}
	return &fixture{cases: cases, v5: v5, v6: v6, kin: ref.Value, listTasks: list}, nil
}

// compileV6 compiles the schema at fragment of the OpenAPI document js
// (as JSON) with jsonschema/v6, Draft 2020-12, as internal/reference does
// with v5.
func compileV6(js []byte, fragment string) (*jsonschemav6.Schema, error) {
	v, err := jsonschemav6.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		return nil, err
	}
	c := jsonschemav6.NewCompiler()
	c.DefaultDraft(jsonschemav6.Draft2020)
	const url = "mem://schema.json"
	if err := c.AddResource(url, v); err != nil {
		return nil, err
	}
	return c.Compile(url + fragment)
}

// stdlibAny decodes js with encoding/json into any (numbers as float64),
// as a kin-openapi user would.
func stdlibAny(js []byte) (any, error) {
	var v any
	err := json.Unmarshal(js, &v)
	return v, err
}

// BenchmarkDecodeValidate measures every contender from the request bytes
// to a verdict: one operation reads the body and checks whatever that
// contender checks (contenders_test.go says what, TestVerdicts verifies
// it). Each operation also checks that the verdict is the recorded one.
func BenchmarkDecodeValidate(b *testing.B) {
	f := load(b)
	for _, k := range contenders {
		if k.validateOnly {
			continue
		}
		b.Run("contender="+k.name, func(b *testing.B) {
			if why := k.unavailable(); why != "" {
				b.Skip(why)
			}
			// Warm up what a decoder builds once per type (sonic's JIT,
			// the reflection caches).
			_ = k.decodeValidate(f, f.cases[0].json)
			for _, c := range f.cases {
				accept := k.accepts(c)
				b.Run("case="+c.name, func(b *testing.B) {
					b.SetBytes(int64(len(c.json)))
					b.ReportAllocs()
					for b.Loop() {
						if err := k.decodeValidate(f, c.json); (err == nil) != accept {
							b.Fatalf("accepted=%v, recorded %v: %v", err == nil, accept, err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkValidate measures the validation step alone, on a document
// decoded beforehand by the contender's own decoder: the generated
// Validate on a CreateConnectorTaskRequest, ogen's Validate on its request
// type, jsonschema/v5 on the value internal/reference decodes (exact
// numbers), jsonschema/v6 on the value its UnmarshalJSON decodes and
// kin-openapi's Schema.VisitJSON on the value encoding/json decodes. Cases
// the contender's decoder already rejects have no sub-benchmark.
//
// kin-openapi, in its JSON Schema 2020-12 mode (v0.153.0), converts and
// compiles the schema with jsonschema/v6 on every call (useJSONSchema2020
// calls newJSONSchemaValidator) and offers no way to keep the compiled
// schema: that cost is part of what a caller of this API pays, and it is in
// its numbers.
func BenchmarkValidate(b *testing.B) {
	f := load(b)
	for _, k := range contenders {
		if k.prepare == nil {
			continue
		}
		b.Run("contender="+k.name, func(b *testing.B) {
			for _, c := range f.cases {
				validate, err := k.prepare(f, c.json)
				if err != nil {
					continue // rejected by the decoder
				}
				accept := k.accepts(c)
				b.Run("case="+c.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if err := validate(); (err == nil) != accept {
							b.Fatalf("accepted=%v, recorded %v: %v", err == nil, accept, err)
						}
					}
				})
			}
		})
	}
}

// TestValidateZeroAlloc checks the promise of the generated Validate: no
// allocation on a valid request.
func TestValidateZeroAlloc(t *testing.T) {
	for _, c := range load(t).cases {
		if !c.valid() {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			req, err := smartconnect.DecodeCreateConnectorTaskRequest(c.json)
			if err != nil {
				t.Fatal(err)
			}
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

// TestLargeCase checks that the large case is as large as it says.
func TestLargeCase(t *testing.T) {
	for _, c := range load(t).cases {
		if c.name != "large-topics-regex" {
			continue
		}
		req, err := smartconnect.DecodeCreateConnectorTaskRequest(c.json)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(*req.TopicsRegex); n < largeRegexLen {
			t.Errorf("topics_regex is %d bytes, want at least %d", n, largeRegexLen)
		}
		return
	}
	t.Fatal("no case large-topics-regex")
}
