package emit

import (
	"bytes"
	"fmt"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/support"
)

// supportFiles copies the hand-written run-time files into the package,
// with the package clause rewritten and the generated header added.
func supportFiles(pkg *ir.Package) ([]File, error) {
	var out []File
	for _, name := range support.SourceFiles {
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
		fmt.Fprintf(&b, "// %s\n\n", Header("generator/support/"+name))
		fmt.Fprintf(&b, "package %s\n", pkg.Name)
		b.Write(body)
		out = append(out, File{Name: "support_" + name, Data: b.Bytes()})
	}
	return out, nil
}
