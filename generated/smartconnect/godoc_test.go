package smartconnect_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The rule every doc comment of an exported identifier (type, function,
// method, constant, variable, struct field) is held to, on its first
// sentence as go doc shows it (go/doc's Synopsis):
//
//  1. There is a doc comment, and it starts with the identifier's name
//     followed by a space. A field or value declared together with others
//     ("Request, Response string") may instead start with all their names,
//     "Request and Response".
//  2. The next word is a verb in the third person singular present: lower
//     case letters ending in "s" ("is", "holds", "returns", "reports",
//     "decodes"); after several names, any verb in lower case ("name",
//     "are").
//  3. After "is" or "holds", the word that follows opens a noun phrase: a
//     determiner (see determiners) or a quoted literal ("\"RDB_ONLY\""),
//     or, after "is" only, a question word ("is how many", "is what the
//     service returns"). This is what keeps a description that does not
//     read as a noun phrase, such as "RDB_ONLY copies the data set once" or
//     "pull copies from the peer", from being glued after "holds".
//  4. The sentence ends with a single period, not after other punctuation
//     (":.", ";.", ",.", "..").
//
// The rule is checked on this package and on the generated packages of
// every generator case (testdata/cases/*/out in the repository).

// determiners are the words that may open the noun phrase after "is" and
// "holds".
var determiners = []string{"a", "an", "the", "one", "each", "every", "any", "all", "some", "no", "its", "their", "this", "these", "those"}

// questionWords may open the complement of "is" ("Omitted is how many
// violations...").
var questionWords = []string{"how", "what", "where", "which", "whether", "when", "who"}

// undocumented are exported identifiers that are known to have no doc
// comment of their own (their type's comment describes them); an entry
// that is documented now is reported, so that the list only shrinks. It is
// empty: every exported name is documented.
var undocumented = map[string]bool{}

// docIssue checks the doc comment text of the identifier name, declared
// together with the names in group (nil, or all the names of its field or
// value spec), and returns what is wrong with it, or "".
func docIssue(pkg *doc.Package, name string, group []string, text string) string {
	if strings.TrimSpace(text) == "" {
		return "has no doc comment"
	}
	s := pkg.Synopsis(text)
	var rest string
	ok, plural := false, false
	if len(group) > 1 {
		all := strings.Join(group[:len(group)-1], ", ") + " and " + group[len(group)-1]
		rest, plural = strings.CutPrefix(s, all+" ")
		ok = plural
	}
	if !ok {
		rest, ok = strings.CutPrefix(s, name+" ")
	}
	if !ok {
		return "first sentence does not start with its name: " + s
	}
	words := strings.Fields(rest)
	if len(words) < 2 {
		return "first sentence is too short to be one: " + s
	}
	verb := words[0]
	if strings.IndexFunc(verb, func(r rune) bool { return !unicode.IsLower(r) }) >= 0 || !plural && !strings.HasSuffix(verb, "s") {
		return "the word after the name is not a verb like \"is\", \"holds\" or \"returns\": " + s
	}
	if verb == "is" || verb == "holds" || verb == "are" || verb == "hold" {
		next := strings.ToLower(words[1])
		switch {
		case slices.Contains(determiners, next), strings.HasPrefix(next, `"`):
		case (verb == "is" || verb == "are") && slices.Contains(questionWords, next):
		default:
			return "\"" + verb + "\" is not followed by a noun phrase (a determiner or a quoted value): " + s
		}
	}
	if !strings.HasSuffix(s, ".") {
		return "first sentence does not end with a period: " + s
	}
	for _, bad := range []string{":.", ";.", ",.", ".."} {
		if strings.HasSuffix(s, bad) {
			return "first sentence ends with " + bad + ": " + s
		}
	}
	return ""
}

// checkDocs parses the package in dir (its files that are not tests), checks
// the doc comment of every exported identifier, and returns how many it
// checked.
func checkDocs(t *testing.T, dir string) int {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	pkg, err := doc.NewFromFiles(fset, files, "example.com/"+files[0].Name.Name)
	if err != nil {
		t.Fatal(err)
	}

	n := 0
	seen := map[string]bool{}
	check := func(key, name string, group []string, text string) {
		t.Helper()
		n++
		issue := docIssue(pkg, name, group, text)
		if undocumented[key] {
			seen[key] = true
			if issue == "" {
				t.Errorf("%s: %s is documented now; remove it from undocumented", dir, key)
			}
			return
		}
		if issue != "" {
			t.Errorf("%s: %s %s", dir, key, issue)
		}
	}
	// values checks a const or var declaration: each name needs a comment,
	// its own spec's or, for a declaration of one spec, the declaration's.
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			for _, spec := range v.Decl.Specs {
				spec := spec.(*ast.ValueSpec)
				text := spec.Doc.Text()
				if text == "" && len(v.Decl.Specs) == 1 {
					text = v.Doc
				}
				for _, id := range spec.Names {
					if id.IsExported() {
						check(id.Name, id.Name, idents(spec.Names), text)
					}
				}
			}
		}
	}
	funcs := func(prefix string, fs []*doc.Func) {
		for _, f := range fs {
			check(prefix+f.Name, f.Name, nil, f.Doc)
		}
	}
	values(pkg.Consts)
	values(pkg.Vars)
	funcs("", pkg.Funcs)
	for _, typ := range pkg.Types {
		check(typ.Name, typ.Name, nil, typ.Doc)
		values(typ.Consts)
		values(typ.Vars)
		funcs("", typ.Funcs)
		funcs(typ.Name+".", typ.Methods)
		for _, spec := range typ.Decl.Specs {
			ts, ok := spec.(*ast.TypeSpec)
			if !ok || ts.Name.Name != typ.Name {
				continue
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, field := range st.Fields.List {
				for _, id := range field.Names {
					if id.IsExported() {
						check(typ.Name+"."+id.Name, id.Name, idents(field.Names), field.Doc.Text())
					}
				}
			}
		}
	}
	for key := range undocumented {
		if !seen[key] && dir == "." {
			t.Errorf("undocumented lists %s, which this package does not have", key)
		}
	}
	return n
}

// idents returns the names of ids.
func idents(ids []*ast.Ident) []string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id.Name
	}
	return names
}

// TestGodoc holds the doc comment of every exported identifier of this
// package to the rule above.
func TestGodoc(t *testing.T) {
	n := checkDocs(t, ".")
	if n < 100 {
		t.Errorf("checked only %d doc comments; the package has more", n)
	}
	t.Logf("checked %d doc comments", n)
}

// TestGodocCases holds the packages the generator writes for its test
// cases to the same rule. They are in the repository, outside this module:
// the test is skipped where the module is used on its own (from the module
// cache).
func TestGodocCases(t *testing.T) {
	cases := filepath.Join("..", "..", "testdata", "cases")
	if _, err := os.Stat(cases); err != nil {
		t.Skipf("no generator cases at %s (this module outside its repository): %v", cases, err)
	}
	dirs, err := filepath.Glob(filepath.Join(cases, "*", "out"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatalf("no generated packages in %s/*/out", cases)
	}
	n := 0
	for _, dir := range dirs {
		n += checkDocs(t, dir)
	}
	t.Logf("checked %d doc comments in %d cases", n, len(dirs))
}
