// Package emit turns the IR into Go source files with jennifer. It is the
// only package that imports jennifer. Emitters never fail on user input: the
// IR they get is valid; an error from here is a bug in dmsgen.
package emit

import (
	"bytes"
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/output"
)

// File is one generated file.
type File struct {
	Name string // base name, e.g. "types.go"
	Data []byte
}

// Package emits every file of the generated package for pkg, in a fixed
// order. The files are independent of each other, so they are built,
// rendered and formatted concurrently, each by an emitter of its own (no
// emitter state passes from one file to the next); the order of the result
// does not depend on which finishes first.
func Package(pkg *ir.Package) ([]File, error) {
	type fileGen struct {
		name string
		gen  func(e *emitter, f *jen.File)
		need bool
		// cost ranks the files by their usual share of the time (their
		// size, mostly): the largest start first, so that the last to
		// start is a small one and the workers finish together.
		cost int
	}
	ops := len(pkg.Operations) > 0
	gens := []fileGen{
		{"doc.go", (*emitter).doc, true, 1},
		{"types.go", (*emitter).types, true, 6},
		{"decode.go", (*emitter).decode, true, 9},
		{"encode.go", (*emitter).encode, true, 5},
		{"validate.go", (*emitter).validate, true, 7},
		{"format.go", (*emitter).format, true, 8},
		{"named.go", (*emitter).named, len(pkg.Named) > 0, 2},
		{"operations.go", (*emitter).operations, ops, 2},
		{"client.go", (*emitter).client, ops, 3},
		{"server.go", (*emitter).server, ops, 4},
	}
	gens = slices.DeleteFunc(gens, func(g fileGen) bool { return !g.need })
	files := make([]File, len(gens))
	errs := make([]error, len(gens))
	needMatch := make([]bool, len(gens))
	order := make([]int, len(gens))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(gens[b].cost, gens[a].cost) })
	parallel(order, func(i int) {
		g := gens[i]
		e := &emitter{pkg: pkg}
		f := e.newFile()
		g.gen(e, f)
		needMatch[i] = e.needMatch
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			errs[i] = internalError(g.name, err)
			return
		}
		files[i] = File{Name: g.name, Data: buf.Bytes()}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err // the first in file order, whichever failed first
		}
	}
	support, err := supportFiles(pkg, slices.Contains(needMatch, true))
	if err != nil {
		return nil, err
	}
	return append(files, support...), nil
}

// parallel calls work(i) for every i of order, on up to GOMAXPROCS
// goroutines, and returns when all calls have returned. A panic in work
// (a bug in an emitter) is re-raised in the caller's goroutine, as it would
// be if the calls ran in it.
func parallel(order []int, work func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), len(order))
	if workers <= 1 {
		for _, i := range order {
			work(i)
		}
		return
	}
	next := make(chan int, len(order))
	for _, i := range order {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	var once sync.Once
	var panicked any
	for range workers {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicked = r })
				}
			}()
			for i := range next {
				work(i)
			}
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

// An emitter writes one file: Package gives each file an emitter of its
// own and runs them at the same time, so that its state (temporaries,
// patterns, helpers to add) belongs to that file and no other.
type emitter struct {
	pkg *ir.Package
	// tmp numbers the temporaries of the function being emitted.
	tmp int
	// patterns are the regular expressions validate.go compiles.
	patterns []string
	// needMatch is set when a condition calls a helper of the run-time
	// file match.go (countTrue for a oneOf, allItems for items).
	needMatch bool
	// dyn is what the checks of values of open type need at file level.
	dyn dynState
}

func (e *emitter) newFile() *jen.File {
	f := jen.NewFile(e.pkg.Name)
	f.HeaderComment(output.Header(e.pkg.Source))
	return f
}

// internalError reports generated code that does not render, as the bug
// it is, with the source jennifer tried to format numbered by line.
func internalError(name string, err error) error {
	msg, src, _ := strings.Cut(err.Error(), "\n")
	var b strings.Builder
	fmt.Fprintf(&b, "internal error: generated %s does not format: %s\n", name, msg)
	for i, line := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, line)
	}
	return fmt.Errorf("%s", b.String())
}

// doc writes doc.go: the package comment, a short guide to what the
// package offers, made from the IR: the functions every object type has,
// with the package's first request type as the example, the errors, the
// operations' parameter types when there are operations, and the helpers.
func (e *emitter) doc(f *jen.File) {
	pkg := e.pkg
	api := cmp.Or(pkg.Title, pkg.Name)
	if !strings.HasSuffix(api, " API") {
		api += " API"
	}
	paras := []string{fmt.Sprintf("Package %s holds the types of the %s, with strict decoders and validators of the schema's rules.", pkg.Name, api)}
	if pkg.Doc != "" {
		paras = append(paras, pkg.Doc)
	}
	if ex := exampleObject(pkg); ex != nil {
		var strict, lenient bool
		for _, o := range pkg.Objects {
			strict = strict || o.Closed
			lenient = lenient || !o.Closed
		}
		decode := "- Decode" + ex.GoName + ", which decodes a JSON document"
		switch {
		case strict && lenient:
			decode += " strictly for a request type (undeclared members, wrong types, null and repeated members are errors) and leniently for a response type;"
		case strict:
			decode += " strictly (undeclared members, wrong types, null and repeated members are errors);"
		default:
			decode += " leniently (undeclared members are ignored);"
		}
		paras = append(paras, fmt.Sprintf("For each object type, such as %s, there are:", ex.GoName),
			decode,
			"- (*"+ex.GoName+").Validate, which checks the schema's rules;",
			"- Encode"+ex.GoName+", which returns the wire form, secrets included.",
			"Decode and Validate return a *ValidationError that lists each Violation: its Path in the document, the schema Rule and a Message.")
	}
	if len(pkg.Operations) > 0 {
		paras = append(paras, operationsDoc(pkg.Operations))
	}
	helpers := "Optional fields are pointers, nil when absent; set them with Ptr. Secret fields hold a Secret (NewSecret), which never prints."
	if usesType(pkg, func(t *ir.Type) bool { return t.Nullable }) {
		helpers += " A Nullable keeps null apart from absence."
	}
	paras = append(paras, helpers+fmt.Sprintf(" The package was generated by dmsgen from %s and depends on the standard library only.", pkg.Source))
	for i, para := range paras {
		if i > 0 && !(strings.HasPrefix(para, "- ") && strings.HasPrefix(paras[i-1], "- ")) {
			f.PackageComment("")
		}
		for _, line := range wrapDocPara(para) {
			f.PackageComment(line)
		}
	}
}

// exampleObject is the object type the package comment names as its
// example: the request body of the first operation that has one, else the
// first request (closed) type, else the first type; nil when there is
// none.
func exampleObject(pkg *ir.Package) *ir.Object {
	for _, op := range pkg.Operations {
		if o := op.Request.Object(); o != nil {
			return o
		}
	}
	for _, o := range pkg.Objects {
		if o.Closed {
			return o
		}
	}
	if len(pkg.Objects) > 0 {
		return pkg.Objects[0]
	}
	return nil
}

// operationsDoc is the package comment's paragraph on the operations'
// methods, paths and parameter types, naming the first operation's as the
// example.
func operationsDoc(ops []*ir.Operation) string {
	var withParams, withoutParams, query bool
	var example *ir.Operation
	for _, op := range ops {
		if len(op.PathParams) == 0 && len(op.QueryParams) == 0 {
			withoutParams = true
			continue
		}
		withParams = true
		query = query || len(op.QueryParams) > 0
		if example == nil {
			example = op
		}
	}
	text := fmt.Sprintf("Each operation has its HTTP method as a constant (%sMethod)", ops[0].GoName)
	if withParams {
		text += fmt.Sprintf(" and, when it has parameters, a Params type (%sParams): its Path method builds the request path with each parameter escaped", example.GoName)
		if query {
			text += ", Query the query string,"
		}
		text += " and Validate checks the parameters"
	}
	text += "."
	if withoutParams {
		text += " An operation without parameters has its request path as a constant."
	}
	return text
}

// wrapDocPara wraps one paragraph of the package comment: a line of text,
// or, when it starts with "- ", an item of a list, indented as gofmt lays
// out doc comment lists.
func wrapDocPara(para string) []string {
	item, ok := strings.CutPrefix(para, "- ")
	if !ok {
		return wrap(para)
	}
	lines := wrapWidth(item, 72)
	for i, l := range lines {
		if i == 0 {
			lines[i] = "  - " + l
		} else {
			lines[i] = "    " + l
		}
	}
	return lines
}

// comment returns the doc comment lines of text, wrapped, one "//" line
// each (so that "*/" in a description cannot end a block comment).
func comment(text string) *jen.Statement {
	s := jen.Null()
	for i, line := range wrap(text) {
		if i > 0 {
			s.Line()
		}
		if line == "" {
			s.Comment("//")
		} else {
			s.Comment("// " + line)
		}
	}
	return s
}

// wrap splits text into paragraphs (on blank lines) and lines of at most
// 76 columns.
func wrap(text string) []string {
	return wrapWidth(text, 76)
}

// wrapWidth splits text into paragraphs (on blank lines) and lines of at
// most width columns.
func wrapWidth(text string, width int) []string {
	var out []string
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			out = append(out, "")
		}
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > width {
				out = append(out, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// sentence turns a description into text that can follow "X is " or "X
// holds ", or a colon: its first letter lower-cased unless it starts an
// initialism, and a final period (instead of a trailing comma, colon or
// semicolon).
func sentence(desc string) string {
	desc = period(desc)
	if desc == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(desc)
	if next, _ := utf8.DecodeRuneInString(desc[size:]); !unicode.IsUpper(next) {
		desc = string(unicode.ToLower(r)) + desc[size:]
	}
	return desc
}

// period collapses the white space of a description and ends it with a
// period, unless it ends a sentence already ("?", "!", or a period inside
// a closing parenthesis or quote).
func period(desc string) string {
	desc = strings.TrimRight(strings.Join(strings.Fields(desc), " "), ",;:")
	if desc == "" {
		return ""
	}
	for _, end := range []string{".", "?", "!", ".)", `."`} {
		if strings.HasSuffix(desc, end) {
			return desc
		}
	}
	return desc + "."
}

// A descKind is how a description can continue a sentence that starts
// with a Go name.
type descKind int

const (
	descEmpty    descKind = iota
	descArticled          // opens with a determiner: "a name for the task" (X is ...)
	descWhat              // opens with "what": "what the service returns" (X is ...)
	descQuestion          // opens with another question word: "where the task reads data from" (X says ...)
	descNoun              // a noun phrase without a determiner: "target settings of a new task" (X holds the ...)
	descClause            // anything else: "RDB_ONLY copies the data set once", "values that are ..."
)

// questionWords open a description that says how, where, which...
var questionWords = []string{"how", "where", "which", "whether", "when", "who", "why"}

// describe classifies a description. values are the documented values of
// an enum: a description that opens with one talks about the values, and
// is a clause ("pull copies from the peer"), not a noun phrase.
func describe(desc string, values []ir.EnumValue) descKind {
	fields := strings.Fields(desc)
	if len(fields) == 0 {
		return descEmpty
	}
	word := strings.TrimRight(fields[0], ",;:.")
	lower := strings.ToLower(word)
	if opensWithValue(desc, values) {
		return descClause
	}
	switch {
	case hasArticle(lower + " "):
		return descArticled
	case lower == "what":
		return descWhat
	case slices.Contains(questionWords, lower):
		return descQuestion
	case slices.Contains(notNounStarts, lower):
		// An imperative, a modal, a preposition...: "Use priority
		// instead", "Must be true", "For internal use".
		return descClause
	case len(fields) == 1 && isWord(word):
		// One word and nothing else: a noun ("Compression.").
		return descNoun
	case isPluralOrVerb(word):
		// A verb ("Lists the items") or a plural noun ("Values that ..."):
		// either way not safe after "the".
		return descClause
	case word != fields[0] || !isWord(word):
		// Punctuation right after the first word ("Anchored, ..."), or a
		// first word that is no word ("-1", "e.g."): not a noun phrase to
		// build on.
		return descClause
	}
	// The phrase up to the first punctuation must hold no verb: no
	// auxiliary ("Digital products are delivered"), and no word in -s
	// before a determiner ("Null clears a field").
	for i, f := range fields {
		w := strings.ToLower(strings.TrimRight(f, ",;:."))
		if slices.Contains(auxiliaries, w) {
			return descClause
		}
		if i > 0 && i+1 < len(fields) && isPluralOrVerb(strings.TrimRight(f, ",;:.")) && hasArticle(strings.ToLower(fields[i+1])+" ") {
			return descClause
		}
		if w != strings.ToLower(f) {
			break // the end of the phrase
		}
	}
	return descNoun
}

// notNounStarts are words that cannot open the noun phrase "X holds the
// ..." would need.
var notNounStarts = []string{"use", "set", "give", "pass", "send", "see", "must", "should", "can", "may", "might", "will", "only", "if", "unless", "not", "never", "always", "required", "optional", "deprecated", "at", "in", "on", "for", "from", "to", "by", "with", "without", "as", "so", "and", "or", "but", "null", "true", "false"}

// auxiliaries are verbs that make a phrase a clause.
var auxiliaries = []string{"is", "are", "was", "were", "be", "been", "has", "have", "had", "does", "do", "did", "can", "must", "may", "will", "should", "would", "could"}

// isPluralOrVerb reports whether word ends in a lower-case "s" that makes
// it a plural noun or a verb in the third person ("settings", "copies"),
// not "address", "status" or an initialism ("OBS").
func isPluralOrVerb(word string) bool {
	return strings.HasSuffix(word, "s") && !strings.HasSuffix(word, "ss") && !strings.HasSuffix(word, "us") && !strings.HasSuffix(word, "is")
}

// isWord reports whether s is made of letters, digits and inner hyphens,
// such as "compression", "EAN-13" or "Free-form".
func isWord(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsLetter(r) {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }) < 0
}

// typeDoc is the doc comment of a type made from a schema description:
// "<Name> is a ...", "<Name> is what ...", "<Name> says how ...", "<Name>
// holds the ...", or, for a description that does not read as a noun
// phrase, "<Name> " + fallback with the description after it.
func typeDoc(name, desc, fallback string) string {
	s := sentence(desc)
	switch describe(desc, nil) {
	case descEmpty:
		return name + " " + fallback
	case descArticled, descWhat:
		return name + " is " + s
	case descQuestion:
		return name + " says " + s
	case descNoun:
		return name + " holds the " + s
	}
	return name + " " + withDescription(fallback, desc)
}

// enumDoc is the first paragraph of an enum type's doc comment: "<Name>
// is the compression used for ...", "<Name> says where ...", or "<Name> is
// a string with documented values: " and a description that talks about
// the values.
func enumDoc(en *ir.Enum) string {
	const fallback = "is a string with documented values."
	switch describe(en.Doc, en.Values) {
	case descEmpty, descArticled, descWhat, descQuestion:
		return typeDoc(en.GoName, en.Doc, fallback)
	case descNoun:
		return en.GoName + " is the " + sentence(en.Doc)
	}
	if opensWithValue(en.Doc, en.Values) {
		// "SyncMode is a string with documented values: RDB_ONLY copies ..."
		return en.GoName + " " + strings.TrimSuffix(fallback, ".") + ": " + period(en.Doc)
	}
	return en.GoName + " " + withDescription(fallback, en.Doc)
}

// opensWithValue reports whether desc starts with one of values, quoted or
// not: "pull copies from the peer ...".
func opensWithValue(desc string, values []ir.EnumValue) bool {
	fields := strings.Fields(desc)
	if len(fields) == 0 {
		return false
	}
	word := strings.Trim(strings.TrimRight(fields[0], ",;:."), "\"'`")
	for _, v := range values {
		if word == v.Value {
			return true
		}
	}
	return false
}

// withDescription appends a description that is no noun phrase to a
// sentence that ends in a period: as a sentence of its own when it starts
// with a capital letter, else after a colon, in its own case (it may open
// with a value, "pull", that must stay as it is).
func withDescription(sentence, desc string) string {
	desc = period(desc)
	if r, _ := utf8.DecodeRuneInString(desc); unicode.IsUpper(r) {
		return sentence + " " + desc
	}
	return strings.TrimSuffix(sentence, ".") + ": " + desc
}

// hasArticle reports whether s opens with a determiner followed by a
// space: "a ", "the ", "one ", "each "...
func hasArticle(s string) bool {
	for _, a := range []string{"a ", "an ", "the ", "one ", "each ", "every ", "any ", "all ", "some ", "no ", "its ", "their ", "this ", "these ", "those "} {
		if strings.HasPrefix(s, a) {
			return true
		}
	}
	return false
}

// fieldDoc is the doc comment of a struct field.
func fieldDoc(f *ir.Field) string {
	doc := fmt.Sprintf("%s is the %q field", f.GoName, f.JSONName)
	if s := sentence(f.Doc); s != "" {
		doc += ": " + s
	} else {
		doc += "."
	}
	if f.Sensitive {
		doc += " It is a secret: every printed form shows it redacted."
	}
	if f.Default != "" {
		doc += fmt.Sprintf(" The documented default is %s; it is not applied.", f.Default)
	}
	switch {
	case f.ReadOnly:
		doc += " It is read-only: the service sets it, and a request should leave it unset (the schema does not make that a rule)."
	case f.WriteOnly:
		doc += " It is write-only: a request sends it, and responses leave it out (the schema does not make that a rule)."
	}
	if f.Deprecated {
		doc += "\n\nDeprecated: the schema marks this field deprecated."
	}
	return doc
}

// valueCode returns the Go type that holds a value of t: Secret for
// secrets, Nullable[T] for types that admit null, slices and maps of
// element values.
func valueCode(t *ir.Type) *jen.Statement {
	var c *jen.Statement
	switch t.Kind {
	case ir.String:
		c = jen.String()
		if t.Secret {
			c = jen.Id("Secret")
		}
	case ir.Bool:
		c = jen.Bool()
	case ir.Int:
		c = jen.Int64()
		if t.Bits == 32 {
			c = jen.Int32()
		}
	case ir.Float:
		c = jen.Float64()
	case ir.EnumKind:
		c = jen.Id(t.Enum.GoName)
	case ir.ObjectKind:
		c = jen.Id(t.Object.GoName)
	case ir.Array:
		c = jen.Index().Add(valueCode(t.Elem))
	case ir.Map:
		c = jen.Map(jen.String()).Add(valueCode(t.Elem))
	case ir.Any:
		c = jen.Id("Value")
	default:
		panic(fmt.Sprintf("emit: unknown kind %d", t.Kind))
	}
	if t.Nullable {
		return jen.Id("Nullable").Types(c)
	}
	return c
}

// fieldCode is the Go type of a struct field: a pointer, so that absence
// is kept, except for slices and maps, where nil is absence, and secrets,
// whose zero value is absence.
func fieldCode(f *ir.Field) *jen.Statement {
	if zeroIsAbsent(f.Type) {
		return valueCode(f.Type)
	}
	return jen.Op("*").Add(valueCode(f.Type))
}

// secretField reports whether fl holds a Secret directly (not in a
// collection, not nullable).
func secretField(fl *ir.Field) bool {
	return isSecret(fl.Type)
}

// isSecret reports whether values of t are Secret.
func isSecret(t *ir.Type) bool {
	return t.Kind == ir.String && t.Secret && !t.Nullable
}

// zeroIsAbsent reports whether a field of type t holds its value
// directly, its zero value meaning absent: slices and maps (nil), Secret
// and Value (which have IsSet).
func zeroIsAbsent(t *ir.Type) bool {
	return isCollection(t) || isSecret(t) || t.Kind == ir.Any
}

// hasIsSet reports whether values of t tell their presence by IsSet.
func hasIsSet(t *ir.Type) bool { return isSecret(t) || t.Kind == ir.Any }

// fieldSet is the condition that field fl of base is present.
func fieldSet(base *jen.Statement, fl *ir.Field) cond {
	if hasIsSet(fl.Type) {
		return atom(base.Dot(fl.GoName).Dot("IsSet").Call())
	}
	return compare(base.Dot(fl.GoName), "!=", jen.Nil())
}

// isSet is the expression that is true when field fl of base is present.
func isSet(base *jen.Statement, fl *ir.Field) *jen.Statement { return fieldSet(base, fl).code() }

// isCollection reports whether t is a slice or map in Go.
func isCollection(t *ir.Type) bool {
	return (t.Kind == ir.Array || t.Kind == ir.Map) && !t.Nullable
}

// jsonTag is a field's struct tag: omitzero keeps an empty slice or map
// (present, with no elements) apart from a nil one (absent).
func jsonTag(f *ir.Field) map[string]string {
	if zeroIsAbsent(f.Type) {
		return map[string]string{"json": f.JSONName + ",omitzero"}
	}
	return map[string]string{"json": f.JSONName + ",omitempty"}
}

// pointerToken is a member name as an RFC 6901 reference token with its leading
// '/': "~" becomes "~0" and "/" becomes "~1".
func pointerToken(name string) string {
	return "/" + ir.EscapeToken(name)
}
