package support

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// run decodes doc with f and finish, and returns the violations as
// path|rule|message lines.
func run(doc string, f func(d *decoder)) string {
	var d decoder
	d.init([]byte(doc))
	f(&d)
	return fmtViolations(violations(d.finish()))
}

// syntax returns the line for a syntax error at path with the given offset
// and expectation.
func syntax(path string, off int, expected string) string {
	return path + "|json|malformed JSON at line 1, column " + itoa(off+1) + " (byte offset " + itoa(off) + "): " + expected + "\n"
}

// atEnd is syntax for an error at the end of the input.
func atEnd(path string, off int, expected string) string {
	return syntax(path, off, expected+", found end of input")
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// line returns one path|rule|message line.
func line(path, rule, msg string) string { return path + "|" + rule + "|" + msg + "\n" }

func TestSkipSyntaxErrors(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	deepObj := strings.Repeat(`{"a":`, maxDepth+1) + "1" + strings.Repeat("}", maxDepth+1)
	tests := []struct {
		doc  string
		want string
	}{
		{``, atEnd("", 0, "expected a value")},
		{" \t\r\n", "|json|malformed JSON at line 2, column 1 (byte offset 4): expected a value, found end of input\n"},
		{"[1,\n 2\n x]", "|json|malformed JSON at line 3, column 2 (byte offset 8): expected ',' or ']'\n"},
		{`tru`, atEnd("", 3, "expected the literal true")},
		{`trUe`, syntax("", 2, "expected the literal true")},
		{`truex`, syntax("", 4, "expected end of input after the top-level value")},
		{`fals`, atEnd("", 4, "expected the literal false")},
		{`nul`, atEnd("", 3, "expected the literal null")},
		{`nil`, syntax("", 1, "expected the literal null")},
		{`True`, syntax("", 0, "expected a value")},
		{`NaN`, syntax("", 0, "expected a value")},
		{`Infinity`, syntax("", 0, "expected a value")},
		{`-Infinity`, syntax("", 1, "expected a digit")},
		{`01`, syntax("", 1, "expected '.', 'e' or the end of the number after a leading 0")},
		{`-01`, syntax("", 2, "expected '.', 'e' or the end of the number after a leading 0")},
		{`00`, syntax("", 1, "expected '.', 'e' or the end of the number after a leading 0")},
		{`1.`, atEnd("", 2, "expected a digit after the decimal point")},
		{`1.e5`, syntax("", 2, "expected a digit after the decimal point")},
		{`.5`, syntax("", 0, "expected a value")},
		{`+1`, syntax("", 0, "expected a value")},
		{`-`, atEnd("", 1, "expected a digit")},
		{`- 1`, syntax("", 1, "expected a digit")},
		{`1e`, atEnd("", 2, "expected a digit in the exponent")},
		{`1e+`, atEnd("", 3, "expected a digit in the exponent")},
		{`1E-x`, syntax("", 3, "expected a digit in the exponent")},
		{`0x10`, syntax("", 1, "expected end of input after the top-level value")},
		{`1_000`, syntax("", 1, "expected end of input after the top-level value")},
		{`1 2`, syntax("", 2, "expected end of input after the top-level value")},
		{`{} {}`, syntax("", 3, "expected end of input after the top-level value")},
		{`[`, atEnd("", 1, "expected a value")},
		{`[1,]`, syntax("", 3, "expected a value")},
		{`[,1]`, syntax("", 1, "expected a value")},
		{`[1 2]`, syntax("", 3, "expected ',' or ']'")},
		{`[1}`, syntax("", 2, "expected ',' or ']'")},
		{`[1,2`, atEnd("", 4, "expected ',' or ']'")},
		{`[[]`, atEnd("", 3, "expected ',' or ']'")},
		{`{`, atEnd("", 1, "expected a member name or '}'")},
		{`{,}`, syntax("", 1, "expected a member name or '}'")},
		{`{1:2}`, syntax("", 1, "expected a member name or '}'")},
		{`{'a':1}`, syntax("", 1, "expected a member name or '}'")},
		{`{a:1}`, syntax("", 1, "expected a member name or '}'")},
		{`{"a"}`, syntax("", 4, "expected ':' after the member name")},
		{`{"a" 1}`, syntax("", 5, "expected ':' after the member name")},
		{`{"a"`, atEnd("", 4, "expected ':' after the member name")},
		{`{"a":`, atEnd("", 5, "expected a value")},
		{`{"a":}`, syntax("", 5, "expected a value")},
		{`{"a":1,}`, syntax("", 7, "expected a member name")},
		{`{"a":1,`, atEnd("", 7, "expected a member name")},
		{`{"a":1 "b":2}`, syntax("", 7, "expected ',' or '}'")},
		{`{"a":1]`, syntax("", 6, "expected ',' or '}'")},
		{`{"a":1`, atEnd("", 6, "expected ',' or '}'")},
		{`{"a":{}`, atEnd("", 7, "expected ',' or '}'")},
		{`{"a"::1}`, syntax("", 5, "expected a value")},
		{`"abc`, atEnd("", 4, "expected '\"' to close the string")},
		{`"`, atEnd("", 1, "expected '\"' to close the string")},
		{"\"a\x01\"", syntax("", 2, "expected a string character or an escape (control characters must be escaped)")},
		{"\"a\nb\"", syntax("", 2, "expected a string character or an escape (control characters must be escaped)")},
		{"\"\t\"", syntax("", 1, "expected a string character or an escape (control characters must be escaped)")},
		{"\"\x00\"", syntax("", 1, "expected a string character or an escape (control characters must be escaped)")},
		{`"\x"`, syntax("", 2, "expected an escape character (one of \" \\ / b f n r t u)")},
		{`"\'"`, syntax("", 2, "expected an escape character (one of \" \\ / b f n r t u)")},
		{`"\U0041"`, syntax("", 2, "expected an escape character (one of \" \\ / b f n r t u)")},
		{`"\`, atEnd("", 2, "expected an escape character")},
		{`"\u12"`, syntax("", 5, "expected a hexadecimal digit in a \\u escape")},
		{`"\u12`, atEnd("", 5, "expected a hexadecimal digit in a \\u escape")},
		{`"\u00g0"`, syntax("", 5, "expected a hexadecimal digit in a \\u escape")},
		{"\ufeff{}", syntax("", 0, "expected a value, found a UTF-8 byte order mark (BOM), which a JSON text must not start with")},
		{"\"\xff\xfe\"", syntax("", 1, "expected UTF-8 text in a string, found an invalid byte")},
		{"{\"a\xc0\":1}", syntax("", 3, "expected UTF-8 text in a string, found an invalid byte")},
		{"\v1", syntax("", 0, "expected a value")},
		{"\f1", syntax("", 0, "expected a value")},
		{"\u00a01", syntax("", 0, "expected a value")},
		{"1\x00", syntax("", 1, "expected end of input after the top-level value")},
		{`'a'`, syntax("", 0, "expected a value")},
		{`[1,,2]`, syntax("", 3, "expected a value")},
		{`{"a":1,,"b":2}`, syntax("", 7, "expected a member name")},
		{`[01]`, syntax("", 2, "expected '.', 'e' or the end of the number after a leading 0")},
		{deep, syntax("", maxDepth, tooDeep)},
		{deepObj, syntax("", 5*maxDepth, tooDeep)},
	}
	for _, tt := range tests {
		got := run(tt.doc, func(d *decoder) { d.skipAny() })
		if got != tt.want {
			t.Errorf("skip(%.40q):\n got %s want %s", tt.doc, got, tt.want)
		}
		if validJSON([]byte(tt.doc)) {
			t.Errorf("validJSON(%.40q) = true, want false", tt.doc)
		}
	}
}

// validDocs are well-formed JSON texts (RFC 8259), each accepted by
// json.Valid.
var validDocs = []string{
	`0`, `-0`, `1`, `-1`, `1.5`, `-1.5e10`, `1E5`, `1e+5`, `1e-5`, `0.0`, `0e0`, `0E-0`,
	`123456789012345678901234567890`, `1e999999999999`, `-0.0000001e-99999`,
	`true`, `false`, `null`, `""`, `"a"`, `"\"\\\/\b\f\n\r\t"`, `"\u0000\uFFFF\uabcd\uD834\uDD1E"`,
	`"\ud800"`, `"\udc00\ud800"`, "\"\x7f\"", "\"é€𝄞\"", "\"\u2028\u2029\"",
	`{}`, `[]`, `{"a":1}`, `{"a":{"b":[1,2,{"c":null}]}}`, `[[],[[]],{}]`, `[1,"a",true,false,null,{},[]]`,
	` { "a" : [ 1 , 2 ] , "b" : { } } `, "\t\n\r [\t1\n,\r2 ]\n\n",
	`{"":0}`, `{"a":1,"a":2}`, `{"\u0061":1}`,
	strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth),
	strings.Repeat(`{"a":`, maxDepth) + "1" + strings.Repeat("}", maxDepth),
	strings.Repeat("[", 100) + "1" + strings.Repeat("]", 100),
	strings.Repeat(`[{"a":`, 50) + "1" + strings.Repeat("}]", 50),
}

func TestSkipValid(t *testing.T) {
	for _, doc := range append(validDocs, benchDoc()) {
		if !validJSON([]byte(doc)) {
			t.Fatalf("validJSON(%.40q) = false", doc)
		}
		if got := run(doc, func(d *decoder) { d.skipAny() }); got != "" {
			t.Errorf("skip(%.40q) = %s", doc, got)
		}
	}
}

func TestSkipAllocs(t *testing.T) {
	doc := []byte(benchDoc())
	var d decoder
	if n := testing.AllocsPerRun(20, func() {
		d.init(doc)
		d.skipAny()
		if d.finish() != nil {
			t.Fatal("error")
		}
	}); n != 0 {
		t.Errorf("skip allocates %v times", n)
	}
}

func TestFinish(t *testing.T) {
	tests := []struct {
		doc  string
		f    func(d *decoder)
		want string
	}{
		{"", func(d *decoder) {}, atEnd("", 0, "expected a value")},
		{"  ", func(d *decoder) {}, atEnd("", 2, "expected a value")},
		{"  ", func(d *decoder) { d.readNull() }, atEnd("", 2, "expected a value")},
		{"1", func(d *decoder) {}, syntax("", 0, "expected end of input after the top-level value")},
		{"1 \n", func(d *decoder) { d.skipAny() }, ""},
		{"1 x", func(d *decoder) { d.skipAny() }, syntax("", 2, "expected end of input after the top-level value")},
		{" null ", func(d *decoder) { d.readNull() }, ""},
	}
	for _, tt := range tests {
		if got := run(tt.doc, tt.f); got != tt.want {
			t.Errorf("%q: got %s want %s", tt.doc, got, tt.want)
		}
	}
	var d decoder
	d.init([]byte("{}"))
	d.skipAny()
	if err := d.finish(); err != nil {
		t.Errorf("finish() = %v", err)
	}
}

func TestReadString(t *testing.T) {
	root := (*jsonPath)(nil).member("s")
	tests := []struct {
		doc  string
		want string
		ok   bool
		errs string
	}{
		{`""`, "", true, ""},
		{` "abc" `, "abc", true, ""},
		{`"a\"b\\c\/d\be\ff\ng\rh\ti"`, "a\"b\\c/d\be\ff\ng\rh\ti", true, ""},
		{`"\u0041\u00e9\u20ac\ud834\udd1e"`, "Aé€𝄞", true, ""},
		{`"\ud800"`, "\uFFFD", true, ""},
		{`"\ud800x"`, "\uFFFDx", true, ""},
		{`"\ud800\u0041"`, "\uFFFDA", true, ""},
		{`"\udc00\ud800"`, "\uFFFD\uFFFD", true, ""},
		{`"\ud800\ud800\udc00"`, "\uFFFD\U00010000", true, ""},
		{`"\u0000"`, "\x00", true, ""},
		{"\"a\xffb\"", "", false, syntax("/s", 2, "expected UTF-8 text in a string, found an invalid byte")},
		{"\"\xe2\x82\"", "", false, syntax("/s", 1, "expected UTF-8 text in a string, found an invalid byte")},
		{"\"\xed\xa0\x80\"", "", false, syntax("/s", 1, "expected UTF-8 text in a string, found an invalid byte")},
		{"\"\xf4\x90\x80\x80\"", "", false, syntax("/s", 1, "expected UTF-8 text in a string, found an invalid byte")},
		{"\"\xc0\xaf\"", "", false, syntax("/s", 1, "expected UTF-8 text in a string, found an invalid byte")},
		{"\"héllo wörld, 𝄞 and more text\"", "héllo wörld, 𝄞 and more text", true, ""},
		{"\"\xef\xbf\xbd\"", "\uFFFD", true, ""},
		{`1`, "", false, line("/s", "#/t", "must be a string, got number")},
		{`-1.5e3`, "", false, line("/s", "#/t", "must be a string, got number")},
		{`null`, "", false, line("/s", "#/t", "must be a string, got null")},
		{`true`, "", false, line("/s", "#/t", "must be a string, got boolean")},
		{`false`, "", false, line("/s", "#/t", "must be a string, got boolean")},
		{`{"a":[1,{}]}`, "", false, line("/s", "#/t", "must be a string, got object")},
		{`[1,"x"]`, "", false, line("/s", "#/t", "must be a string, got array")},
		{`[1,"x"`, "", false, atEnd("/s", 6, "expected ',' or ']'")},
		{`tru`, "", false, atEnd("/s", 3, "expected the literal true")},
		{`"abc`, "", false, atEnd("/s", 4, "expected '\"' to close the string")},
		{"\"ab\x1fc\"", "", false, syntax("/s", 3, "expected a string character or an escape (control characters must be escaped)")},
		{`"a\qb"`, "", false, syntax("/s", 3, "expected an escape character (one of \" \\ / b f n r t u)")},
		{``, "", false, atEnd("/s", 0, "expected a value")},
		{`}`, "", false, syntax("/s", 0, "expected a value")},
	}
	for _, tt := range tests {
		var got string
		var ok bool
		errs := run(tt.doc, func(d *decoder) { got, ok = d.readString(&root, "#/t") })
		if got != tt.want || ok != tt.ok || errs != tt.errs {
			t.Errorf("readString(%q) = %q, %v, %s; want %q, %v, %s", tt.doc, got, ok, errs, tt.want, tt.ok, tt.errs)
		}
		if tt.ok {
			var want string
			if err := json.Unmarshal([]byte(tt.doc), &want); err != nil || want != got {
				t.Errorf("readString(%q) = %q; encoding/json gives %q, %v", tt.doc, got, want, err)
			}
		}
	}
}

// stringCorpus returns string tokens, valid and not, for comparisons with
// encoding/json.
func stringCorpus() []string {
	pieces := []string{
		"", "a", "abcdefgh", "abcdefghijklmnopq", `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`,
		`\u0000`, `\u001f`, `\u0020`, `\u007f`, `\u0080`, `\u07ff`, `\u0800`, `\uffff`, `\uFFFE`, `\uFEFF`,
		`\ud800`, `\udbff`, `\udc00`, `\udfff`, `\ud800\udc00`, `\udbff\udfff`, `\ud800\ud800`, `\udc00\udc00`,
		`\ud800\u0041`, `\ud800\n`, `\ud800\\`, `\ud800\u`, `\u`, `\u1`, `\u12`, `\u123`, `\u123g`, `\x`, `\'`, `\`,
		"\x00", "\x01", "\x1f", "\x20", "\x7f", "\x80", "\xbf", "\xc0", "\xc1\x80", "\xc2\x80", "\xdf\xbf",
		"\xe0\x80\x80", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xee\x80\x80",
		"\xef\xbf\xbd", "\xef\xbf\xbf", "\xf0\x80\x80\x80", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xfe", "\xff", "\xe2\x82", "\xe2",
		"é", "€", "𝄞", "\u2028", "\u2029", "\"", "<>&", "\t", "\n",
	}
	var out []string
	for _, a := range pieces {
		out = append(out, `"`+a+`"`)
		for _, b := range pieces {
			out = append(out, `"`+a+b+`"`, `"0123456`+a+`x`+b+`"`)
		}
	}
	return out
}

func TestReadStringMatchesEncodingJSON(t *testing.T) {
	for _, tok := range stringCorpus() {
		checkString(t, []byte(tok))
	}
}

// checkString compares readString, nextMember and skip on token tok with
// encoding/json.
func checkString(t *testing.T, tok []byte) {
	t.Helper()
	valid := validJSON(tok)
	var want string
	jsonErr := json.Unmarshal(tok, &want)
	var d decoder
	d.init(tok)
	got, ok := d.readString(nil, "#/t")
	err := d.finish()
	if valid != (err == nil) || (ok && err == nil) != (jsonErr == nil && utf8.Valid(tok)) {
		t.Fatalf("readString(%q) = %q, %v, %v; json.Valid %v, json.Unmarshal %v", tok, got, ok, err, valid, jsonErr)
	}
	if valid && got != want {
		t.Fatalf("readString(%q) = %q, want %q", tok, got, want)
	}
	// readSecret reads the same text, sealed as NewSecret seals it.
	d.init(tok)
	sec, ok := d.readSecret(nil, "#/t")
	if err := d.finish(); (err == nil) != valid || valid && !ok {
		t.Fatalf("readSecret(%q): %v, %v; json.Valid %v", tok, ok, err, valid)
	}
	if valid && (sec.Value() != want || !sec.Equal(NewSecret(want)) || !reflect.DeepEqual(sec, NewSecret(want))) {
		t.Fatalf("readSecret(%q) does not hold %q", tok, want)
	}
	d.init(tok)
	d.skipAny()
	if (d.finish() == nil) != valid {
		t.Fatalf("skip(%q) disagrees with json.Valid (%v)", tok, valid)
	}
	// The same token as a member name.
	obj := append(append([]byte("{"), tok...), ":0}"...)
	d.init(obj)
	if !d.beginObject(nil, "#/t") {
		t.Fatal("beginObject")
	}
	name, ok := d.nextMember(nil)
	if valid && (!ok || string(name) != want) {
		t.Fatalf("nextMember(%q) = %q, %v; want %q", obj, name, ok, want)
	}
	if ok {
		d.skipAny()
		if _, more := d.nextMember(nil); more {
			t.Fatalf("nextMember(%q): a second member", obj)
		}
	}
	// When tok is not valid the syntax error may come after a valid first
	// string (tok `"":"`); either way, the object is accepted exactly
	// when tok is valid.
	if err := d.finish(); (err == nil) != valid {
		t.Fatalf("{%q:0}: %v; validJSON(token) = %v", tok, err, valid)
	}
}

func TestNextMemberAliasesInput(t *testing.T) {
	doc := []byte(`{"plain":1, "wörld":2, "esc\u0061ped":3, "sur\ud800":4}`)
	var d decoder
	d.init(doc)
	if !d.beginObject(nil, "#") {
		t.Fatal("beginObject")
	}
	type member struct {
		name    string
		aliased bool
	}
	var got []member
	for {
		name, ok := d.nextMember(nil)
		if !ok {
			break
		}
		aliased := false
		for i := range doc {
			if len(name) > 0 && &doc[i] == &name[0] {
				aliased = true
			}
		}
		got = append(got, member{string(name), aliased})
		d.skipAny()
	}
	want := []member{{"plain", true}, {"wörld", true}, {"escaped", false}, {"sur\uFFFD", false}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("member %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if err := d.finish(); err != nil {
		t.Error(err)
	}
	// Member names without escapes cost nothing; with escapes, each costs
	// one allocation.
	for _, tt := range []struct {
		doc    string
		allocs float64
	}{
		{`{"aaaaaaaa":1,"b":true,"wörld":null,"dddddddddddddddddddddddddd":[]}`, 0},
		{`{"aaaaaaaa":1,"b\n":true,"w\u00f6rld":null,"dddddddddddddddddddddddddd":[]}`, 2},
	} {
		doc := []byte(tt.doc)
		if n := testing.AllocsPerRun(100, func() {
			d.init(doc)
			d.beginObject(nil, "#")
			for {
				if _, ok := d.nextMember(nil); !ok {
					break
				}
				d.skipAny()
			}
			if d.finish() != nil {
				t.Fatal("error")
			}
		}); n != tt.allocs {
			t.Errorf("reading the member names of %s allocates %v times, want %v", tt.doc, n, tt.allocs)
		}
	}
}

func TestObjectAPI(t *testing.T) {
	p := (*jsonPath)(nil).member("o")
	tests := []struct {
		doc  string
		want string // members and values as name=value;
		errs string
	}{
		{`{}`, "", ""},
		{` { } `, "", ""},
		{`{"a":1,"b":"x"}`, "a=1;b=x;", ""},
		{`{"a\/b":1}`, "a/b=1;", ""},
		{`null`, "", line("/o", "#/o", "must be an object, got null")},
		{`[]`, "", line("/o", "#/o", "must be an object, got array")},
		{`"{}"`, "", line("/o", "#/o", "must be an object, got string")},
		{`1`, "", line("/o", "#/o", "must be an object, got number")},
		{`true`, "", line("/o", "#/o", "must be an object, got boolean")},
		{`{"a":1,}`, "a=1;", syntax("", 7, "expected a member name")},
		{`{"a":1`, "a=1;", atEnd("", 6, "expected ',' or '}'")},
		{`{"a" 1}`, "", syntax("", 5, "expected ':' after the member name")},
		{`{"a":1 "b":2}`, "a=1;", syntax("", 7, "expected ',' or '}'")},
		{`{"a":1]`, "a=1;", syntax("", 6, "expected ',' or '}'")},
		{`{`, "", atEnd("", 1, "expected a member name or '}'")},
		{`{]`, "", syntax("", 1, "expected a member name or '}'")},
		{`{"a":1,"b":}`, "a=1;", syntax("/o/b", 11, "expected a value")},
		{`[}`, "", syntax("/o", 1, "expected a value")},
		{`{"a":"\u12"}`, "", syntax("/o/a", 10, "expected a hexadecimal digit in a \\u escape")},
		{`{"a\u12":1}`, "", syntax("", 7, "expected a hexadecimal digit in a \\u escape")},
	}
	for _, tt := range tests {
		var got strings.Builder
		errs := run(tt.doc, func(d *decoder) {
			if !d.beginObject(&p, "#/o") {
				return
			}
			for {
				name, ok := d.nextMember(nil)
				if !ok {
					return
				}
				m := p.member(string(name))
				if n, ok := d.readInt(&m, "#/int", math.MinInt64, math.MaxInt64, "#/min", "#/max"); ok {
					got.WriteString(string(name) + "=" + itoa(int(n)) + ";")
					continue
				}
				if d.failed {
					return
				}
				got.WriteString(string(name) + "=x;") // "x" is the only string here
			}
		})
		errs = strings.ReplaceAll(errs, line("/o/b", "#/int", "must be an integer, got string"), "")
		if got.String() != tt.want || errs != tt.errs {
			t.Errorf("%q: got %q, %s; want %q, %s", tt.doc, got.String(), errs, tt.want, tt.errs)
		}
	}
}

func TestArrayAPI(t *testing.T) {
	p := (*jsonPath)(nil).member("a")
	tests := []struct {
		doc  string
		want string
		errs string
	}{
		{`[]`, "", ""},
		{` [ ] `, "", ""},
		{`[1]`, "1;", ""},
		{`[1, 2 ,3 ]`, "1;2;3;", ""},
		{`[1,"x",3]`, "1;3;", line("/a/1", "#/i", "must be an integer, got string")},
		{`{}`, "", line("/a", "#/a", "must be an array, got object")},
		{`null`, "", line("/a", "#/a", "must be an array, got null")},
		{`[1,]`, "1;", syntax("/a/1", 3, "expected a value")},
		{`[,]`, "", syntax("/a/0", 1, "expected a value")},
		{`[1 2]`, "1;", syntax("", 3, "expected ',' or ']'")},
		{`[1`, "1;", atEnd("", 2, "expected ',' or ']'")},
		{`[`, "", atEnd("", 1, "expected a value or ']'")},
		{`[1}`, "1;", syntax("", 2, "expected ',' or ']'")},
	}
	for _, tt := range tests {
		var got strings.Builder
		errs := run(tt.doc, func(d *decoder) {
			if !d.beginArray(&p, "#/a") {
				return
			}
			for i := 0; d.nextItem(nil); i++ {
				it := p.item(i)
				if n, ok := d.readInt(&it, "#/i", 0, 10, "#/min", "#/max"); ok {
					got.WriteString(itoa(int(n)) + ";")
				}
			}
		})
		if got.String() != tt.want || errs != tt.errs {
			t.Errorf("%q: got %q, %s; want %q, %s", tt.doc, got.String(), errs, tt.want, tt.errs)
		}
	}
}

func TestReadNullAndBool(t *testing.T) {
	p := (*jsonPath)(nil).item(0)
	nullTests := []struct {
		doc  string
		want bool
		errs string
	}{
		{`null`, true, ""},
		{` null `, true, ""},
		{`nul`, false, syntax("", 0, "expected end of input after the top-level value")},
		{`nulll`, true, syntax("", 4, "expected end of input after the top-level value")},
		{`1`, false, syntax("", 0, "expected end of input after the top-level value")},
		{`"null"`, false, syntax("", 0, "expected end of input after the top-level value")},
		{``, false, atEnd("", 0, "expected a value")},
	}
	for _, tt := range nullTests {
		var got bool
		errs := run(tt.doc, func(d *decoder) { got = d.readNull() })
		if got != tt.want || errs != tt.errs {
			t.Errorf("readNull(%q) = %v, %s; want %v, %s", tt.doc, got, errs, tt.want, tt.errs)
		}
	}
	// readNull consumes nothing when the value is not null.
	errs := run(`nul`, func(d *decoder) {
		if d.readNull() {
			t.Error("readNull(nul) = true")
		}
		d.readString(&p, "#/s")
	})
	if want := atEnd("/0", 3, "expected the literal null"); errs != want {
		t.Errorf("got %s want %s", errs, want)
	}

	boolTests := []struct {
		doc    string
		want   bool
		wantOK bool
		errs   string
	}{
		{`true`, true, true, ""},
		{`false`, false, true, ""},
		{"\n true\t", true, true, ""},
		{`null`, false, false, line("/0", "#/b", "must be a boolean, got null")},
		{`"true"`, false, false, line("/0", "#/b", "must be a boolean, got string")},
		{`1`, false, false, line("/0", "#/b", "must be a boolean, got number")},
		{`[true]`, false, false, line("/0", "#/b", "must be a boolean, got array")},
		{`{}`, false, false, line("/0", "#/b", "must be a boolean, got object")},
		{`tru`, true, false, atEnd("/0", 3, "expected the literal true")},
		{`fAlse`, false, false, syntax("/0", 1, "expected the literal false")},
		{`t`, true, false, atEnd("/0", 1, "expected the literal true")},
		{`x`, false, false, syntax("/0", 0, "expected a value")},
	}
	for _, tt := range boolTests {
		var got, ok bool
		errs := run(tt.doc, func(d *decoder) { got, ok = d.readBool(&p, "#/b") })
		if ok != tt.wantOK || ok && got != tt.want || errs != tt.errs {
			t.Errorf("readBool(%q) = %v, %v, %s; want %v, %v, %s", tt.doc, got, ok, errs, tt.want, tt.wantOK, tt.errs)
		}
	}
}

func TestReadInt(t *testing.T) {
	p := (*jsonPath)(nil).member("n")
	const lo, hi = math.MinInt64, math.MaxInt64
	tests := []struct {
		doc      string
		min, max int64
		want     int64
		ok       bool
		errs     string
	}{
		{`0`, lo, hi, 0, true, ""},
		{`-0`, lo, hi, 0, true, ""},
		{`10`, lo, hi, 10, true, ""},
		{`1e1`, lo, hi, 10, true, ""},
		{`1E+1`, lo, hi, 10, true, ""},
		{`10.0`, lo, hi, 10, true, ""},
		{`100e-1`, lo, hi, 10, true, ""},
		{`0.0e5`, lo, hi, 0, true, ""},
		{`-0.0`, lo, hi, 0, true, ""},
		{`1.5e1`, lo, hi, 15, true, ""},
		{`0.000123e6`, lo, hi, 123, true, ""},
		{`-12.5e1`, lo, hi, -125, true, ""},
		{`1000000000000000000000000e-24`, lo, hi, 1, true, ""},
		{`0.0000000000000000000000001e25`, lo, hi, 1, true, ""},
		{`0e999999999999`, lo, hi, 0, true, ""},
		{`0e-999999999999`, lo, hi, 0, true, ""},
		{`0.000e99999999999999999999999999999999`, lo, hi, 0, true, ""},
		{`9223372036854775807`, lo, hi, math.MaxInt64, true, ""},
		{`9223372036854775807.000`, lo, hi, math.MaxInt64, true, ""},
		{`922337203685477580.7e1`, lo, hi, math.MaxInt64, true, ""},
		{`-9223372036854775808`, lo, hi, math.MinInt64, true, ""},
		{`-9.223372036854775808e18`, lo, hi, math.MinInt64, true, ""},
		{`1e18`, lo, hi, 1e18, true, ""},
		{`9999999999999999990e-1`, lo, hi, 999999999999999999, true, ""},
		{`9999999999999999999e-1`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got number")},
		{`5`, 5, 5, 5, true, ""},

		{`1.5`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got number")},
		{`1e-1`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got number")},
		{`10.01e1`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got number")},
		{`-0.5`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got number")},
		{`1e-999999999999`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got number")},
		{`1.00000000000000000000000000001`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got number")},
		{`1e99999999999999999999999999999999999999`, 0, 10, 0, false, line("/n", "#/max", "must be <= 10")},
		{`-1e99999999999999999999999999999999999999`, 0, 10, 0, false, line("/n", "#/min", "must be >= 0")},
		{`1e-99999999999999999999999999999999999999`, 0, 10, 0, false, line("/n", "#/type", "must be an integer, got number")},

		{`9223372036854775808`, lo, hi, 0, false, line("/n", "#/max", "must be <= 9223372036854775807")},
		{`9.223372036854775808e18`, lo, hi, 0, false, line("/n", "#/max", "must be <= 9223372036854775807")},
		{`-9223372036854775809`, lo, hi, 0, false, line("/n", "#/min", "must be >= -9223372036854775808")},
		{`18446744073709551616`, lo, hi, 0, false, line("/n", "#/max", "must be <= 9223372036854775807")},
		{`1e19`, lo, hi, 0, false, line("/n", "#/max", "must be <= 9223372036854775807")},
		{`-1e19`, lo, hi, 0, false, line("/n", "#/min", "must be >= -9223372036854775808")},
		{`1e999999999999`, lo, hi, 0, false, line("/n", "#/max", "must be <= 9223372036854775807")},
		{`-1e999999999999`, lo, hi, 0, false, line("/n", "#/min", "must be >= -9223372036854775808")},
		{`11`, -10, 10, 0, false, line("/n", "#/max", "must be <= 10")},
		{`-11`, -10, 10, 0, false, line("/n", "#/min", "must be >= -10")},
		{`1.1e1`, -10, 10, 0, false, line("/n", "#/max", "must be <= 10")},
		{`4`, 5, 5, 0, false, line("/n", "#/min", "must be >= 5")},

		{`"1"`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got string")},
		{`null`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got null")},
		{`true`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got boolean")},
		{`[1]`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got array")},
		{`{"a":1}`, lo, hi, 0, false, line("/n", "#/type", "must be an integer, got object")},
		{`01`, lo, hi, 0, false, syntax("/n", 1, "expected '.', 'e' or the end of the number after a leading 0")},
		{`1.`, lo, hi, 0, false, atEnd("/n", 2, "expected a digit after the decimal point")},
		{`-`, lo, hi, 0, false, atEnd("/n", 1, "expected a digit")},
		{`+1`, lo, hi, 0, false, syntax("/n", 0, "expected a value")},
		{`.5`, lo, hi, 0, false, syntax("/n", 0, "expected a value")},
	}
	for _, tt := range tests {
		var got int64
		var ok bool
		errs := run(tt.doc, func(d *decoder) { got, ok = d.readInt(&p, "#/type", tt.min, tt.max, "#/min", "#/max") })
		if got != tt.want || ok != tt.ok || errs != tt.errs {
			t.Errorf("readInt(%q, %d, %d) = %d, %v, %s; want %d, %v, %s", tt.doc, tt.min, tt.max, got, ok, errs, tt.want, tt.ok, tt.errs)
		}
	}
}

func TestReadIntHugeTokens(t *testing.T) {
	p := (*jsonPath)(nil)
	tests := []struct {
		doc  string
		want int64
		errs string
	}{
		{"1" + strings.Repeat("0", 100000) + "e-100000", 1, ""},
		{"0." + strings.Repeat("0", 100000) + "1e100001", 1, ""},
		{"1" + strings.Repeat("0", 100000), 0, line("", "#/max", "must be <= 9223372036854775807")},
		{"1e" + strings.Repeat("9", 100000), 0, line("", "#/max", "must be <= 9223372036854775807")},
		{"1e-" + strings.Repeat("9", 100000), 0, line("", "#/type", "must be an integer, got number")},
		{"1" + strings.Repeat("0", 100000) + "e-" + strings.Repeat("9", 100000), 0, line("", "#/type", "must be an integer, got number")},
		{"-" + strings.Repeat("0", 1) + "." + strings.Repeat("0", 100000) + "e" + strings.Repeat("9", 100000), 0, ""},
	}
	for _, tt := range tests {
		var got int64
		var allocs float64
		errs := run(tt.doc, func(d *decoder) {
			start := *d
			allocs = testing.AllocsPerRun(5, func() {
				*d = start
				got, _ = d.readInt(p, "#/type", math.MinInt64, math.MaxInt64, "#/min", "#/max")
				if tt.errs != "" {
					d.vs = violationList{}
				}
			})
			*d = start
			got, _ = d.readInt(p, "#/type", math.MinInt64, math.MaxInt64, "#/min", "#/max")
		})
		if got != tt.want || errs != tt.errs {
			t.Errorf("readInt(%.30q…) = %d, %s; want %d, %s", tt.doc, got, errs, tt.want, tt.errs)
		}
		if tt.errs == "" && allocs != 0 {
			t.Errorf("readInt(%.30q…) allocates %v times", tt.doc, allocs)
		}
	}
}

// TestParseFloat checks the conversion readNumber uses: the value
// strconv.ParseFloat gives, and false beyond float64's range.
func TestParseFloat(t *testing.T) {
	tests := []struct {
		tok  string
		want float64
		ok   bool
	}{
		{`0`, 0, true},
		{`1.5`, 1.5, true},
		{`-2.25e2`, -225, true},
		{`0.1`, 0.1, true},
		{`1e22`, 1e22, true},
		{`1e23`, 1e23, true},
		{`123456789012345678901234567890`, 123456789012345678901234567890, true},
		{`1.7976931348623157e308`, math.MaxFloat64, true},
		{`4.9406564584124654e-324`, math.SmallestNonzeroFloat64, true},
		{`1e-400`, 0, true},
		{`1e999999999999`, 0, false},
		{`1e309`, 0, false},
		{`-1e309`, 0, false},
		{`1.8e308`, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseFloat([]byte(tt.tok))
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseFloat(%q) = %v, %v; want %v, %v", tt.tok, got, ok, tt.want, tt.ok)
		}
	}
	if got, _ := parseFloat([]byte(`-0`)); !math.Signbit(got) || got != 0 {
		t.Errorf("parseFloat(-0) = %v", got)
	}
}

// TestReadNumberMismatch checks readNumber on values that are not numbers.
func TestReadNumberMismatch(t *testing.T) {
	p := (*jsonPath)(nil).member("f")
	tests := []struct{ doc, errs string }{
		{`"1"`, line("/f", "#/t", "must be a number, got string")},
		{`null`, line("/f", "#/t", "must be a number, got null")},
		{`false`, line("/f", "#/t", "must be a number, got boolean")},
		{`[]`, line("/f", "#/t", "must be a number, got array")},
		{`{}`, line("/f", "#/t", "must be a number, got object")},
		{`1.e1`, syntax("/f", 2, "expected a digit after the decimal point")},
		{`NaN`, syntax("/f", 0, "expected a value")},
	}
	for _, tt := range tests {
		var ok bool
		errs := run(tt.doc, func(d *decoder) { _, ok = d.readNumber(&p, "#/t", -10, 10, "#/min", "#/max") })
		if ok || errs != tt.errs {
			t.Errorf("readNumber(%q) = %v, %s; want false, %s", tt.doc, ok, errs, tt.errs)
		}
	}
}

func TestMemberViolations(t *testing.T) {
	p := (*jsonPath)(nil).item(2)
	errs := run(`{"a/b~":1,"a/b~":{"x":[1,2]},"":null,"z":[1,}`, func(d *decoder) {
		d.beginObject(&p, "#")
		name, _ := d.nextMember(nil)
		d.unknownMember(&p, name, "#/additionalProperties", nil)
		name, _ = d.nextMember(nil)
		d.duplicateMember(&p, name)
		name, _ = d.nextMember(nil)
		d.unknownMember(&p, name, "#/ap", nil)
		name, _ = d.nextMember(nil)
		d.unknownMember(&p, name, "#/ap", nil)
	})
	want := line("/2/a~1b~0", "#/additionalProperties", "unknown field") +
		line("/2/a~1b~0", "json", "duplicate field") +
		line("/2/", "#/ap", "unknown field") +
		line("/2/z", "#/ap", "unknown field") +
		syntax("/2/z", 44, "expected a value")
	if errs != want {
		t.Errorf("got\n%swant\n%s", errs, want)
	}
}

func TestStopsAfterSyntaxError(t *testing.T) {
	var d decoder
	d.init([]byte(`{"a":[1,2,}`))
	p := (*jsonPath)(nil).member("a")
	if !d.beginObject(nil, "#") {
		t.Fatal("beginObject")
	}
	if name, ok := d.nextMember(nil); !ok || string(name) != "a" {
		t.Fatal("nextMember")
	}
	if !d.beginArray(&p, "#") {
		t.Fatal("beginArray")
	}
	for d.nextItem(nil) {
		d.readInt(&p, "#", 0, 10, "#", "#")
	}
	if !d.failed || d.vs.n != 1 {
		t.Fatalf("failed = %v, violations %v", d.failed, d.vs.err())
	}
	d.pos = 0 // even with input left, nothing more is read
	check := func(name string, zero bool) {
		t.Helper()
		if !zero {
			t.Errorf("%s after a syntax error did not return zero values", name)
		}
	}
	check("beginObject", !d.beginObject(&p, "#"))
	check("beginArray", !d.beginArray(&p, "#"))
	n, ok := d.nextMember(nil)
	check("nextMember", n == nil && !ok)
	check("nextItem", !d.nextItem(nil))
	check("readNull", !d.readNull())
	s, ok := d.readString(&p, "#")
	check("readString", s == "" && !ok)
	b, ok := d.readBool(&p, "#")
	check("readBool", !b && !ok)
	i, ok := d.readInt(&p, "#", 0, 1, "#", "#")
	check("readInt", i == 0 && !ok)
	f, ok := d.readNumber(&p, "#", 0, 1, "#", "#")
	check("readNumber", f == 0 && !ok)
	d.skipAny()
	d.unknownMember(&p, []byte("x"), "#", nil)
	d.duplicateMember(&p, []byte("x"))
	check("pos", d.pos == 0)
	err := d.finish()
	want := syntax("/a", 10, "expected a value")
	if got := fmtViolations(violations(err)); got != want {
		t.Errorf("got %s want %s", got, want)
	}
}

func TestNestingThroughAPI(t *testing.T) {
	// Nesting counts the levels opened by beginArray and those skipped.
	for _, extra := range []int{0, 1} {
		n := maxDepth + extra
		doc := strings.Repeat("[", n) + strings.Repeat("]", n)
		var d decoder
		d.init([]byte(doc))
		for range 10 {
			if !d.beginArray(nil, "#") || !d.nextItem(nil) {
				t.Fatal("beginArray")
			}
		}
		d.skipAny()
		for range 10 {
			d.nextItem(nil)
		}
		err := d.finish()
		if (err == nil) != (extra == 0) {
			t.Errorf("depth %d: %v", n, err)
		}
	}
	doc := strings.Repeat("[", maxDepth+1)
	var d decoder
	d.init([]byte(doc))
	for d.beginArray(nil, "#") && d.nextItem(nil) {
	}
	if got, want := fmtViolations(violations(d.finish())), syntax("", maxDepth, tooDeep); got != want {
		t.Errorf("got %s want %s", got, want)
	}
}

func TestDecodeStrings(t *testing.T) {
	tests := []struct {
		doc  string
		want map[string]string
		errs string
	}{
		{`{}`, map[string]string{}, ""},
		{`{"a":"x","b/c":"y\n","~":""}`, map[string]string{"a": "x", "b/c": "y\n", "~": ""}, ""},
		{`{"a":"x","\u0061":"y"}`, map[string]string{"a": "x"}, line("/a", "json", "duplicate field")},
		{`{"a":1,"b":null,"c":["x"]}`, map[string]string{"a": "", "b": "", "c": ""},
			line("/a", "#/additionalProperties/type", "must be a string, got number") +
				line("/b", "#/additionalProperties/type", "must be a string, got null") +
				line("/c", "#/additionalProperties/type", "must be a string, got array")},
		{`[]`, nil, line("", "#/type", "must be an object, got array")},
		{`null`, nil, line("", "#/type", "must be an object, got null")},
		{`{"a":"x"} {}`, map[string]string{"a": "x"}, syntax("", 10, "expected end of input after the top-level value")},
		{`{"a":"x",}`, map[string]string{"a": "x"}, syntax("", 9, "expected a member name")},
		{`{"a/b":"x`, map[string]string{"a/b": ""}, atEnd("/a~1b", 9, "expected '\"' to close the string")},
	}
	for _, tt := range tests {
		got, err := decodeStrings([]byte(tt.doc))
		errs := fmtViolations(violations(err))
		if errs != tt.errs || len(got) != len(tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("decodeStrings(%q) = %v, %s; want %v, %s", tt.doc, got, errs, tt.want, tt.errs)
			continue
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("decodeStrings(%q)[%q] = %q, want %q", tt.doc, k, got[k], v)
			}
		}
	}
}

func TestDecodeTestDoc(t *testing.T) {
	doc := `{"name":"n","count":5,"ratio":0.5,"ok":true,"tags":["a","b"],` +
		`"sub":{"id":-5,"items":[[1,2],[],[3]],"zz":{"q":[null]}},"key":"k"}`
	v, err := decodeTestDoc([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != "n" || v.Count != 5 || v.Ratio != 0.5 || !v.OK || len(v.Tags) != 2 || v.Tags[1] != "b" ||
		v.Sub == nil || v.Sub.ID != -5 || len(v.Sub.Items) != 3 || len(v.Sub.Items[1]) != 0 || v.Sub.Items[2][0] != 3 || v.Key.Value() != "k" {
		t.Errorf("decoded %+v %+v", v, v.Sub)
	}

	tests := []struct {
		doc  string
		errs string
	}{
		{`{"sub":null}`, ""},
		{`{"name":1,"count":"2","count":3,"extra":{"a":[1,2]},"tags":[1,"x",null],"sub":{"id":6},"ok":"yes","ratio":1e400}`,
			line("/name", ruleDoc+"/properties/name/type", "must be a string, got number") +
				line("/count", ruleCount+"/type", "must be an integer, got string") +
				line("/count", "json", "duplicate field") +
				line("/extra", ruleDoc+"/additionalProperties", "unknown field") +
				line("/tags/0", ruleDoc+"/properties/tags/items/type", "must be a string, got number") +
				line("/tags/2", ruleDoc+"/properties/tags/items/type", "must be a string, got null") +
				line("/sub/id", ruleSub+"/properties/id/maximum", "must be <= 5") +
				line("/ok", ruleDoc+"/properties/ok/type", "must be a boolean, got string") +
				line("/ratio", ruleDoc+"/properties/ratio/maximum", "must be <= 1000000")},
		{`{"count":101}`, line("/count", ruleCount+"/maximum", "must be <= 100")},
		{`{"count":-1}`, line("/count", ruleCount+"/minimum", "must be >= 0")},
		{`{"count":2.5}`, line("/count", ruleCount+"/type", "must be an integer, got number")},
		{`{"sub":[]}`, line("/sub", ruleSub+"/type", "must be an object, got array")},
		{`{"sub":{"items":[[1,"x"],5]}}`,
			line("/sub/items/0/1", "#/int", "must be an integer, got string") +
				line("/sub/items/1", ruleSub+"/properties/items/items/type", "must be an array, got number")},
		{`{"sub":{"items":[[1,2,]]}}`, syntax("/sub/items/0/2", 22, "expected a value")},
		{`{"sub":{"zz":[1,2,]}}`, syntax("", 18, "expected a value")},
		{`{"tags":["a",}`, syntax("/tags/1", 13, "expected a value")},
		{`{"key":"s3cr3t` + "\x01" + `"}`, syntax("/key", 14, "expected a string character or an escape (control characters must be escaped)")},
		{`{"a":1}`, line("/a", ruleDoc+"/additionalProperties", "unknown field")},
		{`[{"a":1}]`, line("", ruleDoc+"/type", "must be an object, got array")},
		{``, atEnd("", 0, "expected a value")},
	}
	for _, tt := range tests {
		_, err := decodeTestDoc([]byte(tt.doc))
		if got := fmtViolations(violations(err)); got != tt.errs {
			t.Errorf("%s:\n got %s want %s", tt.doc, got, tt.errs)
		}
	}
}

func TestErrorsNeverQuoteInput(t *testing.T) {
	const secret = "TOPSECRET"
	docs := []string{
		`{"key":"` + secret + "\x01" + `"}`,
		`{"key":` + secret + `}`,
		`{"key":"` + secret + `\q"}`,
		`{"key":"` + secret + `"` + secret + `}`,
		`{"key":"` + secret,
		`{"` + secret + `" 1}`,
		`{"key":t` + secret + `}`,
		`{"key":1` + secret + `}`,
		`{"key":-` + secret + `}`,
		`{"key":"x"}` + secret,
	}
	for _, doc := range docs {
		_, err := decodeTestDoc([]byte(doc))
		if err == nil {
			t.Errorf("%q: no error", doc)
			continue
		}
		for _, v := range violations(err) {
			if strings.Contains(v.Message, "TOP") || strings.Contains(v.Message, "SECRET") {
				t.Errorf("%q: message quotes the input: %s", doc, v.Message)
			}
		}
	}
}

// readOpen reads an object as the decoder of an open (response) type with
// no declared members does: every member is undeclared.
func readOpen(d *decoder) {
	if !d.beginObject(nil, "#/type") {
		return
	}
	var others undeclared
	for {
		name, ok := d.nextMember(nil)
		if !ok {
			return
		}
		d.skipUndeclared(&others, nil, name)
	}
}

// TestUndeclaredRepeated: an open object rejects a repeated member it does
// not declare, as it rejects a repeated declared one, with few names or
// many (past the switch from a list to a set).
func TestUndeclaredRepeated(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`{"x":1,"y":2}`, ""},
		{`{"x":1,"x":2}`, "/x|json|duplicate field\n"},
		{`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"a":11}`, "/a|json|duplicate field\n"},
		{`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"j":11}`, "/j|json|duplicate field\n"},
		{`{"a\u0062":1,"ab":2}`, "/ab|json|duplicate field\n"},
		{`{"x":{"s":1,"s":[]}}`, "/x/s|json|duplicate field\n"},
		{`{"x":[0,{"t":{"u":1,"u":2}}],"y":{"a/b":{"~":1,"~":1}}}`, "/x/1/t/u|json|duplicate field\n/y/a~1b/~0|json|duplicate field\n"},
		{`{"x":[{"a":1},{"a":1}],"y":{"a":1,"b":1}}`, ""},
	}
	for _, tt := range tests {
		if got := run(tt.doc, readOpen); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.doc, got, tt.want)
		}
	}
}

func TestReadDocument(t *testing.T) {
	data, err := readDocument(strings.NewReader(`{"a":1}`))
	if err != nil || string(data) != `{"a":1}` {
		t.Fatalf("readDocument = %q, %v", data, err)
	}
	if data, err := readDocument(io.LimitReader(zeros{}, MaxDocumentSize)); err != nil || len(data) != MaxDocumentSize {
		t.Fatalf("a document of exactly MaxDocumentSize: %d bytes, %v", len(data), err)
	}
	// A stream without end is refused once it passes the limit.
	if _, err := readDocument(zeros{}); err == nil || !strings.Contains(err.Error(), "MaxDocumentSize") {
		t.Fatalf("an endless stream: %v", err)
	}
	broken := errors.New("disk on fire")
	if _, err := readDocument(iotest.ErrReader(broken)); !errors.Is(err, broken) {
		t.Fatalf("a read error: %v", err)
	}
}

// zeros is an endless stream of spaces.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestReadSecret(t *testing.T) {
	root := (*jsonPath)(nil).member("s")
	for _, tt := range []struct {
		doc, want, errs string
	}{
		{`"p4ss"`, "p4ss", ""},
		{`""`, "", ""},
		{`"a\"b\u00e9"`, "a\"bé", ""},
		{`"` + strings.Repeat(`x\n`, 100) + `"`, strings.Repeat("x\n", 100), ""},
		{`null`, "", line("/s", "#/t", "must be a string, got null")},
		{`12`, "", line("/s", "#/t", "must be a string, got number")},
		{`"abc`, "", atEnd("/s", 4, "expected '\"' to close the string")},
	} {
		var got Secret
		var ok bool
		errs := run(tt.doc, func(d *decoder) { got, ok = d.readSecret(&root, "#/t") })
		if errs != tt.errs || ok != (tt.errs == "") || got.IsSet() != ok || got.Value() != tt.want {
			t.Errorf("readSecret(%q) = set %v, %v, %s; want %q, %s", tt.doc, got.IsSet(), ok, errs, tt.want, tt.errs)
		}
	}
}

func TestSealBytesMatchesNewSecret(t *testing.T) {
	for _, n := range []int{0, 1, 8, 27, 28, 29, 60, 61, 100, 1000} {
		v := []byte(strings.Repeat("s", n))
		got, want := sealBytes(v), NewSecret(string(v))
		if !got.Equal(want) || !reflect.DeepEqual(got, want) || got.Value() != string(v) || got.size() != n {
			t.Errorf("sealBytes of %d bytes differs from NewSecret", n)
		}
	}
	short := []byte("********")
	if n := testing.AllocsPerRun(100, func() { _ = sealBytes(short) }); n != 1 {
		t.Errorf("sealBytes of a short value allocates %v times, want 1", n)
	}
}

// TestStringsShareABlock checks that the strings of a document share
// blocks, here two (the first holds half the rest of the document, the
// second what remains), and that they are copies: changing the input
// afterwards changes none of them.
func TestStringsShareABlock(t *testing.T) {
	doc := []byte(`["alpha","beta","g\u0061mma","","delta \"quoted\"","` + strings.Repeat("long ", 100) + `"]`)
	want := []string{"alpha", "beta", "gamma", "", `delta "quoted"`, strings.Repeat("long ", 100)}
	var got []string
	read := func() {
		got = got[:0]
		var d decoder
		d.init(doc)
		if !d.beginArray(nil, "#") {
			t.Fatal("beginArray")
		}
		for d.nextItem(nil) {
			s, _ := d.readString(nil, "#")
			got = append(got, s)
		}
		if err := d.finish(); err != nil {
			t.Fatal(err)
		}
	}
	got = make([]string, 0, len(want))
	if n := testing.AllocsPerRun(100, read); n != 2 {
		t.Errorf("reading %d strings allocates %v times, want 2", len(want), n)
	}
	for i := range doc {
		doc[i] = 'X'
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("strings after the input changed: %q, want %q", got, want)
	}
}

// TestKeepBeyondABlock checks strings past the first block of text: a
// document larger than textBlock whose strings fill it.
func TestKeepBeyondABlock(t *testing.T) {
	item := strings.Repeat("0123456789", 1000)
	n := 3*textBlock/len(item) + 1
	doc := []byte("[" + strings.TrimSuffix(strings.Repeat(`"`+item+`",`, n), ",") + "]")
	var d decoder
	d.init(doc)
	var got []string
	if !d.beginArray(nil, "#") {
		t.Fatal("beginArray")
	}
	for d.nextItem(nil) {
		s, _ := d.readString(nil, "#")
		got = append(got, s)
	}
	if err := d.finish(); err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d strings, want %d", len(got), n)
	}
	for i, s := range got {
		if s != item {
			t.Fatalf("string %d differs", i)
		}
	}
	// A name kept as a string (a map key) is a copy too.
	d.init([]byte(`{"k\u0065y":1}`))
	d.beginObject(nil, "#")
	name, _ := d.nextMember(nil)
	if k := d.keep(name); k != "key" {
		t.Errorf("keep(name) = %q", k)
	}
}

func TestCell(t *testing.T) {
	type pair struct{ a, b int }
	var slab []pair
	seen := map[*pair]bool{}
	for i := range 600 {
		c := cell(&slab)
		if *c != (pair{}) || seen[c] {
			t.Fatalf("cell %d: not a new zero value", i)
		}
		seen[c] = true
		c.a, c.b = i, -i
	}
	// Cells of earlier blocks keep what was written to them.
	for c := range seen {
		if c.b != -c.a {
			t.Fatalf("cell %d was overwritten", c.a)
		}
	}
	if cap(slab) != 256 {
		t.Errorf("last block holds %d cells, want 256", cap(slab))
	}
	// 8+16+...+256 = 504 cells in 6 blocks, then one more block of 256.
	if n := testing.AllocsPerRun(10, func() {
		var s []pair
		for range 600 {
			cell(&s)
		}
	}); n != 7 {
		t.Errorf("600 cells take %v allocations, want 7", n)
	}
}

func TestDocumentPath(t *testing.T) {
	p := documentPath()
	if got := p.String(); got != "" {
		t.Fatalf("the document's path is %q", got)
	}
	item := p.item(3)
	member := item.member("a/b")
	if got := member.String(); got != "/3/a~1b" {
		t.Fatalf("a path below the document is %q", got)
	}
}

// TestSkipUndeclaredPaths checks the second pass of skipUndeclared: a
// problem deep in an undeclared member is reported at its full path, and
// a valid member costs no allocation.
func TestSkipUndeclaredPaths(t *testing.T) {
	for _, tt := range []struct{ doc, want string }{
		{`{"x":{"a":[1,{"b":2,"b":3}]}}`, line("/r/x/a/1/b", "json", "duplicate field")},
		{`{"x":1,"x":2}`, line("/r/x", "json", "duplicate field")},
		{`{"x":[1,2}`, syntax("/r/x", 9, "expected ',' or ']'")},
		{`{"x":{"a":[1,{"b":2}]},"y":"z"}`, ""},
	} {
		if got, want := fmtViolations(violations(skipMembers([]byte(tt.doc), false))), tt.want; got != want {
			t.Errorf("%s: %s, want %s", tt.doc, got, want)
		}
		if got, want := fmtViolations(violations(skipMembers([]byte(tt.doc), true))), tt.want; got != want {
			t.Errorf("%s in one pass: %s, want %s", tt.doc, got, want)
		}
	}
	doc := []byte(`{"x":{"a":[1,{"b":2}],"c":"d"},"y":[[],{}]}`)
	if n := testing.AllocsPerRun(100, func() { _ = skipMembers(doc, false) }); n != 0 {
		t.Errorf("skipping valid undeclared members allocates %v times", n)
	}
}
