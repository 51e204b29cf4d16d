package rstdoc

import "testing"

// FuzzParse checks that Parse never panics, that every error it returns
// is an *Error with a line in the input, and that the table IDs of a page
// it reads are unique.
func FuzzParse(f *testing.F) {
	f.Add(handPage)
	f.Add(examplePage)
	f.Add(examplesInBullets)
	f.Add(simplePage)
	f.Add(statusPage)
	f.Add(rst(tableDirective("t", "**Table 1** Seed", fullHeader,
		[]string{"knob", "No", ":ref:´K <t>´ object", "Knob. **a**: one.\n\n-  Pipe (|)\n-  **b**\n\n(Mandatory only when the source type is X and the target Y mode is **Z**.)"})))
	f.Add(rst(tableDirective("", "**Table 2** Phrasings", fullHeader,
		[]string{"a", "No", "String", "This parameter is mandatory if it is hot (that is, **heat** is set to **high**). **Either a_1 or b_2 must be specified.**"},
		[]string{"b", "No", "String", "If **x** and **y** are not empty, this parameter is invalid. The **z** parameter and this parameter cannot be empty at the same time."},
		[]string{"c", "No", "String", "This parameter is valid and mandatory only when **m** is set to **p** or **q**.\n\n.. note::\n\n   Text.\n\nCode::\n\n   x\n\n#. one\n#. two"})))
	f.Add(":original_name: X.html\n\n.. _X:\n\nX\n=\n\n=== ===\nParameter Type\n=== ===\na   b\n    c\n=== ===\n")
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
		ids := map[string]bool{}
		for _, tb := range p.Tables {
			if tb.ID == "" || ids[tb.ID] {
				t.Fatalf("table on line %d has the ID %q, empty or repeated", tb.Line, tb.ID)
			}
			ids[tb.ID] = true
		}
	})
}
