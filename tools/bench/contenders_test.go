package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"

	"github.com/bytedance/sonic"
	"github.com/go-faster/jx"
	jsonv2 "github.com/go-json-experiment/json"
	goccy "github.com/goccy/go-json"
	"github.com/minio/simdjson-go"
	jsonschemav6 "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/internal/reference"
	"github.com/dmsgen/dmsgen/tools/bench/ogen/api"
)

// contender is one way of reading, and perhaps checking, a request body.
type contender struct {
	name string
	// checks are the rule families whose invalid case the contender
	// rejects, and so what its benchmarks pay for. TestVerdicts verifies
	// the list both ways: a family missing here must be accepted, a family
	// listed must be rejected, and every valid case must be accepted.
	checks []family
	// decodeValidate is one operation of BenchmarkDecodeValidate: from
	// bytes to a verdict (nil: accepted).
	decodeValidate func(f *fixture, data []byte) error
	// prepare, when set, decodes data once with the contender's decoder
	// and returns its validation step alone, for BenchmarkValidate. It
	// returns an error when the decoder rejects data.
	prepare func(f *fixture, data []byte) (validate func() error, err error)
	// validateOnly leaves the contender out of BenchmarkDecodeValidate.
	validateOnly bool
	// missing, when set, says why the contender cannot run on this machine
	// ("" when it can).
	missing func() string
}

func (k *contender) unavailable() string {
	if k.missing == nil {
		return ""
	}
	return k.missing()
}

// accepts is the verdict recorded for k on c.
func (k *contender) accepts(c benchCase) bool {
	return c.valid() || !slices.Contains(k.checks, c.family)
}

// everything is every rule family.
var everything = families

// contenders are benchmarked in this order; dmsgen comes first so that it
// is benchstat's base column.
var contenders = []*contender{
	{
		name:           "dmsgen",
		checks:         everything,
		decodeValidate: dmsgenDecodeValidate,
		prepare: func(_ *fixture, data []byte) (func() error, error) {
			req, err := smartconnect.DecodeCreateConnectorTaskRequest(data)
			if err != nil {
				return nil, err
			}
			return req.Validate, nil
		},
	},
	{
		name:           "ogen",
		checks:         []family{famEnum, famUnknown, famType, famNull, famIntRange},
		decodeValidate: ogenDecodeValidate,
		prepare: func(_ *fixture, data []byte) (func() error, error) {
			req, err := ogenDecode(data)
			if err != nil {
				return nil, err
			}
			return req.Validate, nil
		},
	},
	{
		name:           "stdlib",
		checks:         []family{famType, famIntRange},
		decodeValidate: stdlibUnmarshal,
	},
	{
		name:           "stdlib-strict",
		checks:         []family{famUnknown, famType, famIntRange},
		decodeValidate: stdlibStrictDecode,
	},
	{
		name:           "jsonv2",
		checks:         []family{famUnknown, famType, famIntRange, famDuplicate},
		decodeValidate: jsonv2Unmarshal,
	},
	{
		name:           "goccy",
		checks:         []family{famType, famIntRange},
		decodeValidate: goccyUnmarshal,
	},
	{
		name:           "sonic",
		checks:         []family{famType, famIntRange},
		decodeValidate: sonicUnmarshal,
		missing: func() string {
			if sonic.APIKind != sonic.UseSonicJSON {
				return "sonic falls back to encoding/json on this platform (it needs amd64 or arm64 and a Go release it supports)"
			}
			return ""
		},
	},
	{
		name: "jsonschema-v6",
		checks: []family{
			famConditional, famOneOf, famEnum, famNot,
			famUnknown, famType, famNull, famIntRange,
		},
		decodeValidate: jsonschemaV6DecodeValidate,
		prepare: func(f *fixture, data []byte) (func() error, error) {
			v, err := jsonschemav6.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				return nil, err
			}
			return func() error { return f.v6.Validate(v) }, nil
		},
	},
	{
		name:           "jsonschema-v5",
		checks:         everything,
		decodeValidate: jsonschemaV5DecodeValidate,
		prepare: func(f *fixture, data []byte) (func() error, error) {
			v, err := reference.Decode(data)
			if err != nil {
				return nil, err
			}
			return func() error { return f.v5.Validate(v) }, nil
		},
	},
	{
		name: "kin-openapi",
		checks: []family{
			famConditional, famOneOf, famEnum, famNot,
			famUnknown, famType, famNull, famIntRange,
		},
		decodeValidate: kinDecodeValidate,
		validateOnly:   true,
		prepare: func(f *fixture, data []byte) (func() error, error) {
			v, err := stdlibAny(data)
			if err != nil {
				return nil, err
			}
			return func() error { return f.kin.VisitJSON(v, kinOptions...) }, nil
		},
	},
	{
		name:           "floor-json-valid",
		decodeValidate: floorJSONValid,
	},
	{
		name:           "floor-simdjson",
		decodeValidate: floorSimdjson,
		missing: func() string {
			if !simdjson.SupportedCPU() {
				return "simdjson-go needs a CPU with AVX2 and CLMUL, and this one lacks them"
			}
			return ""
		},
	},
}

// dmsgenDecodeValidate is the generated code: the strict decoder
// DecodeCreateConnectorTaskRequest, then Validate. The decoder rejects
// unknown members, wrong JSON types, null, integers out of range and
// duplicate members; Validate checks enums and the conditional rules
// (conditionally required members, the instance_id/bootstrap_servers
// oneOf, the topics_mapping not). It checks every family.
func dmsgenDecodeValidate(_ *fixture, data []byte) error {
	req, err := smartconnect.DecodeCreateConnectorTaskRequest(data)
	if err != nil {
		return err
	}
	return req.Validate()
}

// ogenDecode is what ogen's generated server does with a request body of
// this operation (decodeCreateConnectorTaskRequest in its
// oas_request_decoders_gen.go, generated with the default features): decode
// into the request type with jx, then reject trailing data.
func ogenDecode(data []byte) (*api.CreateConnectorTaskRequest, error) {
	d := jx.DecodeBytes(data)
	req := new(api.CreateConnectorTaskRequest)
	if err := req.Decode(d); err != nil {
		return nil, err
	}
	if err := d.Skip(); err != io.EOF {
		return nil, errors.New("unexpected trailing data")
	}
	return req, nil
}

// ogenDecodeValidate is ogen v1.24.0's generated code (tools/bench/ogen):
// its Decode(*jx.Decoder), then its Validate, as its server runs them. It
// rejects unknown members, wrong JSON types, null and integers out of
// range when decoding, and enum values in Validate. It does not check the
// conditional rules (if/then: conditionally required members, the oneOf,
// the not), which its parser drops, nor duplicate members (the last one
// wins).
func ogenDecodeValidate(_ *fixture, data []byte) error {
	req, err := ogenDecode(data)
	if err != nil {
		return err
	}
	return req.Validate()
}

// plainRequest is CreateConnectorTaskRequest without its methods: the same
// fields, types and tags, with the source and sink configurations as
// plainSource and plainSink. The generated types implement
// json.Unmarshaler with the generated strict decoder, so unmarshalling
// into them would measure that decoder again (after the library's own
// scan); the library contenders decode into these instead, with the
// library's own struct decoding. TestPlainTypes checks that they mirror
// the generated types and have no UnmarshalJSON.
type plainRequest struct {
	TaskName    *string                  `json:"task_name,omitempty"`
	StartLater  *bool                    `json:"start_later,omitempty"`
	Topics      *string                  `json:"topics,omitempty"`
	TopicsRegex *string                  `json:"topics_regex,omitempty"`
	SourceType  *smartconnect.SourceType `json:"source_type,omitempty"`
	SourceTask  *plainSource             `json:"source_task,omitempty"`
	SinkType    *smartconnect.SinkType   `json:"sink_type,omitempty"`
	SinkTask    *plainSink               `json:"sink_task,omitempty"`
}

// plainSource is SmartConnectTaskReqSourceConfig without its methods.
type plainSource smartconnect.SmartConnectTaskReqSourceConfig

// plainSink is SmartConnectTaskReqSinkConfig without its methods.
type plainSink smartconnect.SmartConnectTaskReqSinkConfig

// stdlibUnmarshal is encoding/json.Unmarshal into a fresh plainRequest
// (the generated struct's fields, see plainRequest), nothing else. It rejects wrong JSON types
// and integers outside int32. It accepts unknown members (ignored), null
// (the pointer stays nil), duplicate members (the last wins) and any
// string for an enum, and checks no schema rule.
func stdlibUnmarshal(_ *fixture, data []byte) error {
	return json.Unmarshal(data, new(plainRequest))
}

// stdlibStrictDecode is encoding/json's Decoder with DisallowUnknownFields
// into a fresh plainRequest, as a strict HTTP handler would
// read a body. It rejects unknown members, wrong JSON types and integers
// outside int32; it accepts null, duplicate members and any enum string,
// and checks no schema rule.
func stdlibStrictDecode(_ *fixture, data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(new(plainRequest))
}

// jsonv2Unmarshal is go-json-experiment/json (json/v2) Unmarshal with
// RejectUnknownMembers(true) into a fresh plainRequest. It
// rejects unknown members, wrong JSON types, integers outside int32 and
// duplicate members (json/v2 rejects them by default); it accepts null
// and any enum string, and checks no schema rule.
func jsonv2Unmarshal(_ *fixture, data []byte) error {
	return jsonv2.Unmarshal(data, new(plainRequest), jsonv2.RejectUnknownMembers(true))
}

// goccyUnmarshal is goccy/go-json Unmarshal into a fresh plainRequest. It rejects wrong JSON types and integers
// outside int32; it accepts unknown members, null, duplicate members and
// any enum string, and checks no schema rule.
func goccyUnmarshal(_ *fixture, data []byte) error {
	return goccy.Unmarshal(data, new(plainRequest))
}

// sonicUnmarshal is bytedance/sonic Unmarshal (ConfigDefault: strings may
// point into the input, UTF-8 not validated) into a fresh plainRequest. It rejects wrong JSON types and integers
// outside int32; it accepts unknown members, null, duplicate members and
// any enum string, and checks no schema rule.
func sonicUnmarshal(_ *fixture, data []byte) error {
	return sonic.Unmarshal(data, new(plainRequest))
}

// jsonschemaV6DecodeValidate is santhosh-tekuri/jsonschema/v6: its
// UnmarshalJSON (encoding/json, numbers as json.Number) into any, then
// Validate with the schema compiled once (Draft 2020-12). It checks every
// schema rule, and so unknown members, types, null and integer bounds,
// but not duplicate members: encoding/json keeps the last one.
func jsonschemaV6DecodeValidate(f *fixture, data []byte) error {
	v, err := jsonschemav6.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return f.v6.Validate(v)
}

// jsonschemaV5DecodeValidate is the project's reference pipeline
// (internal/reference): encoding/json token by token with exact numbers,
// rejecting duplicate members, then santhosh-tekuri/jsonschema/v5 Validate
// with the schema compiled once (Draft 2020-12). It checks every family.
func jsonschemaV5DecodeValidate(f *fixture, data []byte) error {
	return reference.Validate(f.v5, data)
}

// kinDecodeValidate is encoding/json into any, then kin-openapi's
// Schema.VisitJSON with EnableJSONSchema2020, which compiles the schema
// with jsonschema/v6 on every call (see BenchmarkValidate). It checks every
// schema rule but not duplicate members. It is benchmarked in
// BenchmarkValidate only.
func kinDecodeValidate(f *fixture, data []byte) error {
	v, err := stdlibAny(data)
	if err != nil {
		return err
	}
	return f.kin.VisitJSON(v, kinOptions...)
}

var errInvalidJSON = errors.New("invalid JSON")

// floorJSONValid is encoding/json.Valid: one pass over the bytes that
// checks the JSON syntax and builds nothing. It checks no family; it is a
// floor, not a contender.
func floorJSONValid(_ *fixture, data []byte) error {
	if !json.Valid(data) {
		return errInvalidJSON
	}
	return nil
}

// simdjsonReuse is the parse buffer floorSimdjson reuses, as simdjson-go
// is meant to be used. Benchmarks run one at a time, so one is enough.
var simdjsonReuse *simdjson.ParsedJson

// floorSimdjson is a full parse of the document with minio/simdjson-go
// into its tape, reusing the buffers of the previous parse. It checks no
// family; it is a floor, not a contender.
func floorSimdjson(_ *fixture, data []byte) error {
	pj, err := simdjson.Parse(data, simdjsonReuse)
	if err != nil {
		return err
	}
	simdjsonReuse = pj
	return nil
}
