package rstdoc

import "testing"

// FuzzParse checks that Parse never panics and that every error it returns
// is an *Error with a line in the input.
func FuzzParse(f *testing.F) {
	f.Add(handPage)
	f.Add(examplePage)
	f.Add(rst(tableDirective("t", "**Table 1** Seed", fullHeader,
		[]string{"knob", "No", ":ref:´K <t>´ object", "Knob. **a**: one.\n\n-  Pipe (|)\n-  **b**\n\n(Mandatory only when the source type is X and the target Y mode is **Z**.)"})))
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse("f.rst", []byte(src))
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Line < 1 || e.Line > len(splitLines([]byte(src))) {
				t.Fatalf("bad error %#v", err)
			}
			return
		}
		if p == nil {
			t.Fatal("nil page and nil error")
		}
	})
}
