// Package clientbench compares the generated smartconnect.Client with the
// vendor's SDK (github.com/huaweicloud/huaweicloud-sdk-go-v3, services/kafka/v2)
// on the page's operation, CreateConnectorTask, end to end over loopback,
// and compares the two request signers alone. Next to both clients it
// measures a floor: the same request sent with nothing but net/http, which
// is what net/http costs either client. The benchmarks and the checks that
// keep them fair are its test files:
//
//	go test ./clientbench -run='^$' -bench=. -benchmem -count=6
//
// run from the tools folder. The server=process benchmarks are the ones to
// compare: their server is another process, so the figures are the
// client's alone.
package clientbench
