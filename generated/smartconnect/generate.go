package smartconnect

// Regenerate this package from schemas/smartconnect.yaml with the
// repository's dmsgen.yaml ("go generate ./..." in this module, or "make
// generate" at the repository root).
//go:generate go run -C ../.. ./cmd/dmsgen generate
