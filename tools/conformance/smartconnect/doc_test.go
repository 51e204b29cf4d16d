// Package smartconnect_test holds the conformance tests of the generated
// package github.com/dmsgen/dmsgen/generated/smartconnect: its decoders and
// validators against santhosh-tekuri/jsonschema/v5 on the schema, on
// tables of documents, on the generated fixtures and under fuzzing. They
// live in the test-tools module so that the generated package's module
// requires nothing.
package smartconnect_test
