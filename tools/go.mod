// Test tools: conformance tests of the generated packages against a full
// JSON Schema validator, benchmarks against other decoders, the vendor SDK
// and the linters. Nothing here is imported by dmsgen or by the generated
// packages, so none of these requirements reaches their users.
module github.com/dmsgen/dmsgen/tools

go 1.26.0

require (
	github.com/dmsgen/dmsgen v0.0.0
	github.com/dmsgen/dmsgen/generated v0.0.0
	github.com/getkin/kin-openapi v0.153.0
	github.com/santhosh-tekuri/jsonschema/v5 v5.3.1
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
)

require (
	github.com/BurntSushi/toml v1.4.1-0.20240526193622-a339e1f7089c // indirect
	github.com/go-openapi/jsonpointer v0.22.5 // indirect
	github.com/go-openapi/swag/jsonname v0.25.5 // indirect
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	golang.org/x/exp/typeparams v0.0.0-20231108232855-2478ac86f678 // indirect
	golang.org/x/mod v0.41.0 // indirect
	golang.org/x/sync v0.23.0 // indirect
	golang.org/x/text v0.14.0 // indirect
	golang.org/x/tools v0.51.0 // indirect
	honnef.co/go/tools v0.8.2 // indirect
)

replace (
	github.com/dmsgen/dmsgen => ../
	github.com/dmsgen/dmsgen/generated => ../generated
)

tool honnef.co/go/tools/cmd/staticcheck
