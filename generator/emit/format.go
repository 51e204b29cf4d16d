package emit

import "github.com/dave/jennifer/jen"

// format writes format.go: printing that never shows a secret.
func (e *emitter) format(f *jen.File) {
}
