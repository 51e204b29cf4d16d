package rstdoc

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/internal/testdirs"
)

// The tests in this file read every page of the upstream reference: the
// folder DMSGEN_DOCS names, and each subfolder of the one
// DMSGEN_DOCS_HISTORY names (earlier revisions, laid out the same way).

// historyDirs returns the subfolders of DMSGEN_DOCS_HISTORY by name.
func historyDirs(t *testing.T) map[string]string {
	t.Helper()
	root := testdirs.Env(t, "DMSGEN_DOCS_HISTORY", "the folder of earlier revisions of the upstream pages: one folder per upstream commit (c753726/, d2c571c/), each laid out like DMSGEN_DOCS; .ci/run uses ../shared/docs-history")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			dirs["history/"+e.Name()] = filepath.Join(root, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("DMSGEN_DOCS_HISTORY=%s has no revision folders", root)
	}
	return dirs
}

// readCorpus reads dir with ReadDir and fails the test on any error.
func readCorpus(t *testing.T, dir string) *Reference {
	t.Helper()
	ref, err := ReadDir(dir)
	if err != nil {
		t.Fatalf("ReadDir(%s):\n%v", dir, err)
	}
	return ref
}

func TestCorpusDocs(t *testing.T) {
	checkCorpus(t, testdirs.Env(t, "DMSGEN_DOCS", "the upstream documentation folder, a copy of api-ref/source/apis_v2_recommended/ of opentelekomcloud-docs/distributed-message-service, one folder per API group (smart_connect/creating_a_smart_connect_task.rst...), with api-ref/source/appendix/ as appendix/; .ci/run uses ../shared/docs"))
}

func TestCorpusHistory(t *testing.T) {
	for name, dir := range historyDirs(t) {
		t.Run(name, func(t *testing.T) { checkCorpus(t, dir) })
	}
}

// checkCorpus reads every page of dir and checks what the reader found
// against an independent line-based count, the table IDs and the :ref:
// targets.
func checkCorpus(t *testing.T, dir string) {
	ref := readCorpus(t, dir)
	files := rstFiles(t, dir)
	check(t, "pages read", len(ref.Pages), len(files))
	var tables, rows, examples, codes int
	for _, p := range ref.Pages {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Name)))
		if err != nil {
			t.Fatal(err)
		}
		want := countPage(string(src))
		got := pageCounts{examples: len(p.Examples), statusCodes: len(p.StatusCodes)}
		for _, tb := range p.Tables {
			got.rows = append(got.rows, len(tb.Rows))
		}
		check(t, p.Name+" counts", got, want)
		checkPage(t, ref, p)
		tables += len(p.Tables)
		rows += sum(got.rows)
		examples += len(p.Examples)
		codes += len(p.StatusCodes)
	}
	t.Logf("%s: %d pages, %d tables, %d rows, %d examples, %d status codes", dir, len(ref.Pages), tables, rows, examples, codes)
}

// checkPage checks one page's operation, IDs and links.
func checkPage(t *testing.T, ref *Reference, p *Page) {
	t.Helper()
	appendix := strings.HasPrefix(p.Name, "appendix/")
	if p.Title == "" || p.OriginalName == "" || p.Anchor == "" || (p.Method == "") != appendix {
		t.Errorf("%s: Title %q, OriginalName %q, Anchor %q, operation %q %q", p.Name, p.Title, p.OriginalName, p.Anchor, p.Method, p.Path)
	}
	ids := map[string]bool{}
	for _, tb := range p.Tables {
		if tb.ID == "" || ids[tb.ID] || p.TableByID(tb.ID) != tb {
			t.Errorf("%s: table on line %d has the ID %q, empty or not its own", p.Name, tb.Line, tb.ID)
		}
		ids[tb.ID] = true
	}
	targets := slices.Clone(p.Refs)
	for _, tb := range p.Tables {
		for _, r := range tb.Rows {
			targets = append(targets, r.Refs...)
			if r.Ref != "" {
				targets = append(targets, Ref{Text: r.Type, Target: r.Ref, Line: r.Line})
			}
		}
	}
	for _, r := range targets {
		if rp, _ := ref.Resolve(r.Target); rp == nil {
			t.Errorf("%s:%d: :ref: target %q resolves to nothing", p.Name, r.Line, r.Target)
		}
	}
}

// rstFiles lists the .rst files below dir.
func rstFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".rst") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sum(ns []int) int {
	s := 0
	for _, n := range ns {
		s += n
	}
	return s
}

// pageCounts is what a page holds, counted.
type pageCounts struct {
	rows        []int // body rows of each table but status-code tables
	examples    int
	statusCodes int
}

var (
	countGridRe   = regexp.MustCompile(`^\+[-=+]+\+$`)
	countSimpleRe = regexp.MustCompile(`^=+( +=+)+$`)
	countMethodRe = regexp.MustCompile(`^'?(GET|POST|PUT|PATCH|DELETE) `)
)

// countPage counts the tables, rows, examples and status codes of a page
// line by line, deliberately simply, without the reader: a table starts
// at a border line after a blank line; a grid table has a body row for
// each border after its "+===+" line, a simple table one for each line
// between its second and third border that has text in the first column;
// a table whose header reads "Status Code Description" holds status
// codes; every code-block directive outside table cells is an example in
// the "Example ..." sections, and elsewhere when it starts with a method.
func countPage(src string) pageCounts {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var c pageCounts
	section := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t != "" && !strings.HasPrefix(l, " ") && i+1 < len(lines) && isUnderline(lines[i+1]) {
			section = t
		}
		prevBlank := i == 0 || strings.TrimSpace(lines[i-1]) == ""
		if prevBlank && (countGridRe.MatchString(t) || countSimpleRe.MatchString(t)) && i+1 < len(lines) {
			n := countRows(lines, i)
			if strings.Join(strings.Fields(strings.ReplaceAll(lines[i+1], "|", " ")), " ") == "Status Code Description" {
				c.statusCodes += n
			} else {
				c.rows = append(c.rows, n)
			}
		}
		if strings.Contains(t, ".. code-block::") && !strings.HasPrefix(t, "|") &&
			(strings.HasPrefix(section, "Example ") || countMethodRe.MatchString(firstContent(lines, i))) {
			c.examples++
		}
	}
	return c
}

// isUnderline reports whether l is a title underline: one punctuation
// character repeated.
func isUnderline(l string) bool {
	l = strings.TrimRight(l, " ")
	return len(l) >= 3 && strings.Trim(l, l[:1]) == "" && strings.ContainsAny(l[:1], "=-~^\"'`#*+")
}

// countRows counts the body rows of the table whose top border is
// lines[top].
func countRows(lines []string, top int) int {
	t := strings.TrimSpace(lines[top])
	n := 0
	if countGridRe.MatchString(t) {
		body := false
		for _, l := range lines[top+1:] {
			l = strings.TrimSpace(l)
			if !strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "|") {
				break
			}
			if strings.HasPrefix(l, "+=") {
				body = true
			} else if strings.HasPrefix(l, "+-") && body {
				n++
			}
		}
		return n
	}
	ind := len(lines[top]) - len(strings.TrimLeft(lines[top], " "))
	borders := 1
	for _, l := range lines[top+1:] {
		if countSimpleRe.MatchString(strings.TrimSpace(l)) {
			if borders++; borders == 3 {
				break
			}
			continue
		}
		if borders == 2 && len(l) > ind && l[ind] != ' ' {
			n++
		}
	}
	return n
}

// firstContent returns the first non-blank line after the directive on
// lines[i], trimmed.
func firstContent(lines []string, i int) string {
	for _, l := range lines[i+1:] {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}

// phrasingPatterns reads testdata/phrasings.txt into regular expressions
// by phrasing ID.
func phrasingPatterns(t *testing.T) map[string][]*regexp.Regexp {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "phrasings.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	holders := strings.NewReplacer(
		`\{side\}`, `(?:source|target)`,
		`\{field\}`, `[A-Za-z_][A-Za-z0-9_.]*`,
		`\{label\}`, `[A-Za-z][A-Za-z0-9_ ]*`,
		`\{value\}`, `[^\s,]+`,
		`\{values\}`, `[^\s,]+(?:(?:, or |, | or )[^\s,]+)*`,
		`\{phrase\}`, `[A-Za-z_ ]+`,
		`\{case\}`, `.+`,
	)
	patterns := map[string][]*regexp.Regexp{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, pattern, ok := strings.Cut(line, "\t")
		if !ok || !slices.Contains(Phrasings(), id) {
			t.Fatalf("testdata/phrasings.txt:%d: want a phrasing ID of Phrasings(), a tab and a pattern", n)
		}
		re := regexp.MustCompile(`(?i)^` + holders.Replace(regexp.QuoteMeta(pattern)) + `$`)
		patterns[id] = append(patterns[id], re)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return patterns
}

// matchesAny reports whether text matches one of the patterns.
func matchesAny(text string, res []*regexp.Regexp) bool {
	for _, re := range res {
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

// splitSentences splits a description into sentences more simply than the
// reader: at ". " and at bullet items, keeping only the words.
func splitSentences(d string) []string {
	var out []string
	for _, part := range regexp.MustCompile(`[.?!]\)?\s+|\s-\s`).Split(d, -1) {
		if p := strings.Trim(part, " ().*\"-"); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// TestCorpusPhrasings checks the conditional sentences of every parameter
// table against testdata/phrasings.txt and prints what was read.
func TestCorpusPhrasings(t *testing.T) {
	patterns := phrasingPatterns(t)
	for _, id := range Phrasings() {
		if len(patterns[id]) == 0 {
			t.Errorf("testdata/phrasings.txt has no pattern for %s", id)
		}
	}
	t.Run("docs", func(t *testing.T) {
		checkPhrasings(t, testdirs.Env(t, "DMSGEN_DOCS", "the upstream documentation folder, a copy of api-ref/source/apis_v2_recommended/ of opentelekomcloud-docs/distributed-message-service, one folder per API group (smart_connect/creating_a_smart_connect_task.rst...), with api-ref/source/appendix/ as appendix/; .ci/run uses ../shared/docs"), patterns)
	})
	t.Run("history", func(t *testing.T) {
		for name, dir := range historyDirs(t) {
			t.Run(name, func(t *testing.T) { checkPhrasings(t, dir, patterns) })
		}
	})
}

// checkPhrasings checks the conditional sentences of the parameter tables
// of the pages in dir and logs how many each phrasing read.
func checkPhrasings(t *testing.T, dir string, patterns map[string][]*regexp.Regexp) {
	read := map[string]int{}
	var unread []string
	requestRows := 0
	for _, p := range readCorpus(t, dir).Pages {
		for _, tb := range p.Tables {
			if !tb.IsParameters {
				continue // plain tables are not read for conditions
			}
			for _, r := range tb.Rows {
				if tb.HasMandatory && len(r.Conditions)+len(r.Unread) > 0 {
					requestRows++
				}
				checkRowSentences(t, p.Name, r, patterns)
				for _, c := range r.Conditions {
					read[c.Phrasing]++
				}
				for _, s := range r.Unread {
					unread = append(unread, p.Name+":"+strconv.Itoa(s.Line)+": "+s.Text)
				}
			}
		}
	}
	t.Logf("%s: %d phrasings; %d request rows with conditional sentences; sentences read:", dir, len(patterns), requestRows)
	for _, id := range Phrasings() {
		t.Logf("  %-26s %4d", id, read[id])
	}
	t.Logf("  %-26s %4d", "unread", len(unread))
	for _, u := range unread[:min(len(unread), 5)] {
		t.Logf("    %s", u)
	}
}

// checkRowSentences checks the conditional sentences of one row.
func checkRowSentences(t *testing.T, page string, r *Row, patterns map[string][]*regexp.Regexp) {
	t.Helper()
	var known []string
	for _, c := range r.Conditions {
		if !matchesAny(c.Text, patterns[c.Phrasing]) {
			t.Errorf("%s:%d: %s read %q, which matches none of its patterns", page, c.Line, c.Phrasing, c.Text)
		}
		known = append(known, c.Text)
	}
	for _, s := range r.Unread {
		for id, res := range patterns {
			if matchesAny(s.Text, res) {
				t.Errorf("%s:%d: %q is unread but matches a pattern of %s", page, s.Line, s.Text, id)
			}
		}
		known = append(known, s.Text)
	}
	for _, s := range splitSentences(r.Description) {
		if !isConditional(s) {
			continue
		}
		covered := false
		for _, k := range known {
			covered = covered || strings.Contains(s, k) || strings.Contains(k, s)
		}
		if !covered {
			t.Errorf("%s:%d: %s: the conditional sentence %q is neither read nor in Unread", page, r.Line, r.Name, s)
		}
	}
}
