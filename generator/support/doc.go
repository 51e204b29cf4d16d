// Package support is the hand-written run-time code that dmsgen copies into
// every generated package: the violation and error types, the redacting
// Secret type, the Ptr helper, JSON pointers, the strict JSON decoder the
// generated Decode functions call and the encoder the Encode functions
// call.
//
// The generated packages must depend on the standard library only, so this
// package is not imported by them: the generator embeds the source files
// listed in Sources, rewrites their package clause and writes them beside the
// generated code. This package exists on its own so that the code is compiled,
// vetted and unit-tested once, here.
//
// Rules for files in this package:
//   - standard library imports only, no reflection, no init;
//   - only the names that are part of every generated package's API are
//     exported: Violation, ValidationError, MaxViolations, Secret,
//     NewSecret, Nullable and Ptr, and for packages with operations the
//     client (Client, NewClient, Option and the With options, RetryPolicy,
//     APIError, Signer); everything else is unexported so it cannot
//     collide with generated names, which are exported (the builder
//     reserves these names);
//   - test files are not copied.
package support
