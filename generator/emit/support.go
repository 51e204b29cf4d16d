package emit

import (
	"bytes"
	"fmt"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/output"
	"github.com/dmsgen/dmsgen/generator/support"
)

// supportFiles copies the hand-written run-time files into the package,
// with the package clause rewritten and the generated header added.
// needMatch is set when the package's conditions call the helpers of
// match.go.
func supportFiles(pkg *ir.Package, needMatch bool) ([]File, error) {
	var out []File
	needs := map[string]bool{
		"match.go":    needMatch,
		"text.go":     len(pkg.Objects) > 0, // the printed forms of format.go
		"nullable.go": usesType(pkg, func(t *ir.Type) bool { return t.Nullable }),
		"number.go":   usesType(pkg, func(t *ir.Type) bool { return t.Kind == ir.Float }),
		"segment.go":  hasPathParams(pkg),
		// Values of open type.
		"decimal.go": usesAny(pkg),
		"value.go":   usesAny(pkg),
		// The client: only for packages with operations to send.
		"client.go":       len(pkg.Operations) > 0,
		"client_do.go":    len(pkg.Operations) > 0,
		"client_error.go": len(pkg.Operations) > 0,
		"sign.go":         len(pkg.Operations) > 0,
		"server.go":       len(pkg.Operations) > 0,
	}
	for _, name := range support.SourceFiles {
		if need, optional := needs[name]; optional && !need {
			continue // keep the package's API to what it uses
		}
		src, err := support.Sources.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("internal error: %v", err)
		}
		clause := []byte("\npackage support\n")
		i := bytes.Index(src, clause)
		if i < 0 && !bytes.HasPrefix(src, clause[1:]) {
			return nil, fmt.Errorf("internal error: support/%s has no package clause", name)
		}
		body := src
		if i >= 0 {
			body = src[i+len(clause):]
		} else {
			body = src[len(clause)-1:]
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "// %s\n\n// dmsgen's run-time support, copied from generator/support/%s.\n\n", output.Header(pkg.Source), name)
		fmt.Fprintf(&b, "package %s\n", pkg.Name)
		b.Write(body)
		out = append(out, File{Name: "support_" + name, Data: b.Bytes()})
	}
	return out, nil
}

// usesAny reports whether pkg has values of open type.
func usesAny(pkg *ir.Package) bool {
	return len(pkg.Defs) > 0 || usesType(pkg, func(t *ir.Type) bool { return t.Kind == ir.Any })
}

// hasPathParams reports whether an operation of pkg has path parameters.
func hasPathParams(pkg *ir.Package) bool {
	for _, op := range pkg.Operations {
		if len(op.PathParams) > 0 {
			return true
		}
	}
	return false
}

// usesType reports whether any field or query parameter of pkg has a type
// (or element type) for which pred holds.
func usesType(pkg *ir.Package, pred func(*ir.Type) bool) bool {
	var types []*ir.Type
	for _, o := range pkg.Objects {
		for _, f := range o.Fields {
			types = append(types, f.Type)
		}
	}
	for _, op := range pkg.Operations {
		for _, p := range op.QueryParams {
			types = append(types, p.Type)
		}
	}
	for _, t := range types {
		for ; t != nil; t = t.Elem {
			if pred(t) {
				return true
			}
		}
	}
	return false
}
