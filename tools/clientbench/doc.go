// Package clientbench compares the generated smartconnect.Client with the
// vendor's SDK (github.com/huaweicloud/huaweicloud-sdk-go-v3, services/kafka/v2)
// on the page's operation, CreateConnectorTask, end to end over loopback,
// and compares the two request signers alone. The benchmarks and the
// checks that keep them fair are its test files:
//
//	go test ./clientbench -run='^$' -bench=. -benchmem -count=6
//
// run from the tools folder.
package clientbench
