package support

import "embed"

// Sources holds the files the generator copies into a generated package.
//
//go:embed client.go client_do.go client_error.go sign.go errors.go secret.go path.go decode.go encode.go nullable.go number.go segment.go nesting.go server.go decimal.go value.go match.go text.go
var Sources embed.FS

// SourceFiles lists the names in Sources in the order they are written.
var SourceFiles = []string{"client.go", "client_do.go", "client_error.go", "decimal.go", "decode.go", "encode.go", "errors.go", "match.go", "nesting.go", "nullable.go", "number.go", "path.go", "secret.go", "segment.go", "server.go", "sign.go", "text.go", "value.go"}
