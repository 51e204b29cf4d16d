package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDraftStdout: dmsgen draft writes the draft of a page to standard
// output and its summary to standard error; the draft, once its one to-do
// is resolved, is what doccheck agrees with.
func TestDraftStdout(t *testing.T) {
	docs, _ := writeThing(t)
	page := filepath.Join(docs, "things", "making_a_thing.rst")
	code, out, errOut := runCmd("draft", "--doc", page)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, want := range []string{
		"operationId: MakeThing\n",
		"x-doc-page: things/making_a_thing.rst\n",
		"x-doc-tables: [makething__request_body_parameters]\n",
		"required: [name]\n",
		"- line: 19\n",
		"kind: condition\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the draft has no %q:\n%s", want, out)
		}
	}
	if want := "dmsgen draft: things/making_a_thing.rst (MakeThing): 3 row(s), 1 to-do(s) (condition 1) -> standard output\n"; !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr %q, want it to start with %q", errOut, want)
	}
	// Given --docs, the page is named relative to it, the same way.
	code, again, _ := runCmd("draft", "--docs", docs, "--doc", page)
	if code != 0 || again != out {
		t.Errorf("with --docs: exit %d, and a draft that differs:\n%s", code, again)
	}
}

// TestDraftOut: --out writes a new file and refuses to overwrite one.
func TestDraftOut(t *testing.T) {
	docs, _ := writeThing(t)
	page := filepath.Join(docs, "things", "making_a_thing.rst")
	_, want, _ := runCmd("draft", "--doc", page)
	file := filepath.Join(t.TempDir(), "thing.yaml")
	code, out, errOut := runCmd("draft", "--doc", page, "--out", file)
	if code != 0 || out != "" || !strings.Contains(errOut, "-> "+file+"\n") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	got, err := os.ReadFile(file)
	if err != nil || string(got) != want {
		t.Fatalf("the file holds %q (%v), want the draft", got, err)
	}
	copyText(t, file, "mine\n")
	code, _, errOut = runCmd("draft", "--doc", page, "--out", file)
	if code != 2 || !strings.Contains(errOut, file+" exists; draft writes only a new file") {
		t.Errorf("over an existing file: exit %d, stderr %q; want 2 and a message that it exists", code, errOut)
	}
	if got, _ := os.ReadFile(file); string(got) != "mine\n" {
		t.Errorf("the existing file was changed to %q", got)
	}
}

// TestDraftUsage: -h exits 0; a missing --doc, an argument, a page that is
// not there or outside --docs exit 2; a page without an operation exits 1.
func TestDraftUsage(t *testing.T) {
	docs, _ := writeThing(t)
	noop := filepath.Join(docs, "things", "about_things.rst")
	copyText(t, noop, ":original_name: AboutThings.html\n\nAbout Things\n============\n\nNothing to call.\n")
	page := filepath.Join(docs, "things", "making_a_thing.rst")
	for _, tc := range []struct {
		args []string
		code int
		want string // in stdout for -h, else in stderr
	}{
		{[]string{"-h"}, 0, "usage: dmsgen draft --doc PAGE.rst"},
		{nil, 2, "--doc is required"},
		{[]string{"--doc", page, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--doc", filepath.Join(docs, "things", "missing.rst")}, 2, "missing.rst"},
		{[]string{"--doc", docs}, 2, "is a folder, not a page"},
		{[]string{"--docs", t.TempDir(), "--doc", page}, 2, "is not in the folder"},
		{[]string{"--doc", noop}, 1, "things/about_things.rst: the page has no operation to draft"},
		{[]string{"--doc", page, "--bogus"}, 2, "flag provided but not defined"},
	} {
		code, out, errOut := runCmd(append([]string{"draft"}, tc.args...)...)
		text := errOut
		if tc.code == 0 {
			text = out
		}
		if code != tc.code || !strings.Contains(text, tc.want) {
			t.Errorf("draft %v: exit %d, output %q; want %d and %q", tc.args, code, text, tc.code, tc.want)
		}
	}
}

// TestDraftBrokenPage: a page that does not parse exits 1 with the
// reader's located error.
func TestDraftBrokenPage(t *testing.T) {
	docs, _ := writeThing(t)
	page := filepath.Join(docs, "things", "making_a_thing.rst")
	copyText(t, page, strings.Replace(thingPage, "   | size      | No        | Integer |", "   | size      | No        | Integer  ", 1))
	code, _, errOut := runCmd("draft", "--doc", page)
	if code != 1 || !strings.Contains(errOut, "dmsgen draft: things/making_a_thing.rst:") {
		t.Errorf("exit %d, stderr %q; want 1 and the page's error", code, errOut)
	}
}

// TestDraftRealPages drafts two upstream pages and checks each draft with
// dmsgen doccheck: a page without to-dos agrees at once; a page with
// to-dos does not pass while they are open, and each is named.
func TestDraftRealPages(t *testing.T) {
	docs := realDocs(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		page  string
		todos bool
	}{
		{"smart_connect/deleting_a_smart_connect_task.rst", false},
		{"smart_connect/enabling_smart_connect_pay-per-use_instance.rst", true},
	} {
		file := filepath.Join(dir, strings.ReplaceAll(strings.TrimSuffix(tc.page, ".rst"), "/", "_")+".yaml")
		code, _, errOut := runCmd("draft", "--doc", filepath.Join(docs, filepath.FromSlash(tc.page)), "--out", file)
		if code != 0 {
			t.Fatalf("draft %s: exit %d\n%s", tc.page, code, errOut)
		}
		code, out, errOut := runCmd("doccheck", "--docs", docs, "--schema", file, "--doc", filepath.Join(docs, filepath.FromSlash(tc.page)))
		if !tc.todos {
			if code != 0 || !strings.Contains(out, "== "+tc.page) || !strings.Contains(out, ": agrees,") {
				t.Errorf("doccheck of the draft of %s: exit %d\n%s%s", tc.page, code, out, errOut)
			}
			continue
		}
		if code != 1 || !strings.Contains(out, "doccheck: the schema has open to-dos:") {
			t.Errorf("doccheck of the draft of %s: exit %d, want 1 and open to-dos:\n%s%s", tc.page, code, out, errOut)
		}
		data, _ := os.ReadFile(file)
		for _, l := range strings.Split(string(data), "\n") {
			if text, ok := strings.CutPrefix(strings.TrimSpace(l), "text: "); ok {
				text = strings.Trim(text, `'`)
				text = strings.ReplaceAll(text, "''", "'")
				if !strings.Contains(out+errOut, text) {
					t.Errorf("doccheck does not name the to-do %q:\n%s%s", text, out, errOut)
				}
			}
		}
	}
}
