// Package ogen holds a contender of the benchmarks in tools/bench: the code
// ogen (github.com/ogen-go/ogen v1.24.0) generates from the project's
// schema, in the package api. It is a contender's output, checked in as
// generated; do not edit api/.
//
// It was generated from the repository root with
//
//	go run github.com/ogen-go/ogen/cmd/ogen@v1.24.0 --config tools/bench/ogen/ogen.yml --target tools/bench/ogen/api --package api --clean tools/bench/ogen/schema.yaml
//
// which is the go:generate line below, run by go generate ./bench/ogen in
// tools. Its inputs:
//
//   - schema.yaml: schemas/smartconnect.yaml less the constructs ogen does
//     not implement (its header lists them: every if/then, and with them the
//     conditionally required members, the oneOf of instance_id and
//     bootstrap_servers and the not of topics_mapping). That is what ogen's
//     code does not check. ogen does not refuse them: it drops them and
//     generates the same code from the unmodified schema. TestOgenSchemaCopy
//     in tools/bench fails when the copy no longer matches the schema.
//   - ogen.yml: only the types, their JSON decoders and encoders and their
//     validators (disable_all features). The client and server code ogen
//     adds by default would bring in OpenTelemetry and is not benchmarked;
//     the files kept are the same as with the default features.
//
// The benchmark decodes with the request type's Decode(*jx.Decoder) and
// then calls its Validate, as ogen's generated server does.
package ogen

//go:generate go run github.com/ogen-go/ogen/cmd/ogen@v1.24.0 --config ogen.yml --target api --package api --clean schema.yaml
