package rstdoc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refPages is a small folder of pages, written out by writePages.
var refPages = map[string]string{
	"README.md": "# not a page\n",
	"ovens/baking_a_loaf.rst": ":original_name: BakeLoaf.html\n\n.. _BakeLoaf:\n\nBaking a Loaf\n=============\n\n" +
		"POST /v1/loaves\n\n" +
		tableDirective("", "**Table 1** Request body parameters", fullHeader,
			[]string{"tray", "No", ":ref:´TrayInfo <bakeloaf__request_trayinfo>´ object", "Tray. See :ref:´Oven Errors <OvenErrors>´."}) +
		tableDirective("bakeloaf__request_trayinfo", "**Table 2** TrayInfo", shortHeader, []string{"slots", "Integer", "Slots."}) +
		".. _bakeloaf__tips:\n\nTips\n----\n\nText.\n",
	"appendix/oven_errors.rst": ":original_name: OvenErrors.html\n\n.. _OvenErrors:\n\nOven Errors\n===========\n\n" +
		gridTable([]string{"Error Code", "Description"}, []string{"OVN.1", "Cold."}),
	"broken/a.rst": tableDirective("", "**Table 1** T", shortHeader, []string{"", "String", "x"}),
	"broken/b.rst": "GET /a\n\nGET /b\n",
}

// writePages writes pages into a new folder and returns it.
func writePages(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range pages {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(rst(src)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadDir(t *testing.T) {
	ref, err := ReadDir(writePages(t, refPages))
	if err == nil {
		t.Fatal("no error for the broken pages")
	}
	check(t, "errors", strings.Split(err.Error(), "\n"), []string{
		"broken/a.rst:6: table row has an empty Parameter cell",
		`broken/b.rst:3: second operation line "GET /b" (the first is on line 1)`,
	})
	var e *Error
	if !errors.As(err, &e) || e.Name != "broken/a.rst" {
		t.Errorf("joined error does not hold an *Error: %#v", err)
	}
	var names []string
	for _, p := range ref.Pages {
		names = append(names, p.Name)
	}
	check(t, "pages", names, []string{"appendix/oven_errors.rst", "ovens/baking_a_loaf.rst"})

	bake := ref.Page("ovens/baking_a_loaf.rst")
	if bake == nil || ref.Page("baking_a_loaf.rst") != nil || ref.Page("README.md") != nil {
		t.Fatal("Page does not find pages by their path")
	}
	if ref.PageByOriginalName("bakeloaf") != bake || ref.PageByOriginalName("BakeLoaf.html") != bake || ref.PageByOriginalName("Other") != nil {
		t.Error("PageByOriginalName does not find the page")
	}
	p, tb := ref.Table("bakeloaf__request_body_parameters")
	if p != bake || tb != bake.Table(1) {
		t.Errorf("Table(derived ID) = %v, %v", p, tb)
	}
	if p, tb := ref.Table("ovenerrors__table"); p == nil || tb.Rows[0].Name != "OVN.1" {
		t.Errorf("Table(appendix table) = %v, %v", p, tb)
	}
	if p, tb := ref.Table("nope"); p != nil || tb != nil {
		t.Error("Table found a missing ID")
	}

	resolve := func(anchor string) (string, int) {
		p, tb := ref.Resolve(anchor)
		name, n := "", -1
		if p != nil {
			name = p.Name
		}
		if tb != nil {
			n = tb.Number
		}
		return name, n
	}
	for anchor, want := range map[string][2]any{
		bake.Table(1).Row("tray").Ref:            {"ovens/baking_a_loaf.rst", 2},
		bake.Table(1).Row("tray").Refs[0].Target: {"appendix/oven_errors.rst", -1},
		"BAKELOAF":                               {"ovens/baking_a_loaf.rst", -1},
		"bakeloaf__tips":                         {"ovens/baking_a_loaf.rst", -1},
		"bakeloaf__request_body_parameters":      {"ovens/baking_a_loaf.rst", 1},
		"missing":                                {"", -1},
		"":                                       {"", -1},
	} {
		name, n := resolve(anchor)
		check(t, "Resolve("+anchor+")", [2]any{name, n}, want)
	}
}

func TestReadDirMissing(t *testing.T) {
	ref, err := ReadDir(filepath.Join(t.TempDir(), "none"))
	if err == nil || ref != nil {
		t.Errorf("ReadDir of a missing folder = %v, %v", ref, err)
	}
}
