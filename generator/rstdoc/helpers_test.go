package rstdoc

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// rst turns test text into reStructuredText: Go raw strings cannot hold a
// backtick, so the tests write "´" for it.
func rst(s string) string {
	return strings.ReplaceAll(s, "´", "`")
}

// gridTable renders a grid table indented by three spaces, the way the
// pages lay them out. Cells hold "\n" between their lines.
func gridTable(header []string, rows ...[]string) string {
	all := append([][]string{header}, rows...)
	width := make([]int, len(header))
	for _, row := range all {
		for c, cell := range row {
			for _, l := range strings.Split(cell, "\n") {
				width[c] = max(width[c], utf8.RuneCountInString(l))
			}
		}
	}
	border := func(fill string) string {
		var b strings.Builder
		b.WriteString("   +")
		for _, w := range width {
			b.WriteString(strings.Repeat(fill, w+2) + "+")
		}
		return b.String() + "\n"
	}
	var b strings.Builder
	b.WriteString(border("-"))
	for i, row := range all {
		var cells [][]string
		height := 0
		for _, cell := range row {
			lines := strings.Split(cell, "\n")
			cells = append(cells, lines)
			height = max(height, len(lines))
		}
		for l := range height {
			b.WriteString("   |")
			for c, lines := range cells {
				text := ""
				if l < len(lines) {
					text = lines[l]
				}
				b.WriteString(" " + text + strings.Repeat(" ", width[c]-utf8.RuneCountInString(text)) + " |")
			}
			b.WriteString("\n")
		}
		if i == 0 {
			b.WriteString(border("="))
		} else {
			b.WriteString(border("-"))
		}
	}
	return b.String()
}

// tableDirective renders a labelled ".. table::" directive around a grid
// table; an empty label is left out.
func tableDirective(label, arg string, header []string, rows ...[]string) string {
	var b strings.Builder
	if label != "" {
		b.WriteString(".. _" + label + ":\n\n")
	}
	b.WriteString(".. table:: " + arg + "\n\n")
	b.WriteString(gridTable(header, rows...))
	b.WriteString("\n")
	return b.String()
}

var (
	fullHeader  = []string{"Parameter", "Mandatory", "Type", "Description"}
	shortHeader = []string{"Parameter", "Type", "Description"}
)

// mustParse parses src (after rst) and fails the test on an error.
func mustParse(t *testing.T, src string) *Page {
	t.Helper()
	p, err := Parse("test.rst", []byte(rst(src)))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

// oneRow parses a page with one table of one row whose description is desc
// and returns the row.
func oneRow(t *testing.T, desc string) *Row {
	t.Helper()
	p := mustParse(t, tableDirective("", "**Table 1** Things", shortHeader, []string{"knob", "String", desc}))
	if len(p.Tables) != 1 || len(p.Tables[0].Rows) != 1 {
		t.Fatalf("want one table with one row, got %d tables", len(p.Tables))
	}
	return p.Tables[0].Rows[0]
}

func check[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}
