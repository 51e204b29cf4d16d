// Package genbench compares whole-process regeneration with dmsgen,
// oapi-codegen and ogen on the same synthetic OpenAPI document
// (internal/synthetic, which the generator's BenchmarkGenerate uses too):
// each tool is built once, then run as a process, and timed from start to
// exit, so that loading, generating, formatting and writing all count.
//
// Its plain tests only check, on a small document, that each tool
// generates it (skipping, with the reason, a tool that cannot be built).
// The comparison is a benchmark, run on demand:
//
//	go -C tools test ./genbench -run='^$' -bench=. -benchtime=1x
//
// Each iteration runs every tool once, in turn, so that all see the same
// load; the metrics are seconds of wall time per run and the ratio of each
// other tool's time to dmsgen's.
package genbench
