package support

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// syntaxMessage parses a syntax error message: offset, expectation, and
// whether it says the input ended.
var syntaxMessage = regexp.MustCompile(`^malformed JSON at line (\d+), column (\d+) \(byte offset (\d+)\): (.*?)(, found end of input)?$`)

// expectations are all the syntax error descriptions the decoder uses. A
// message is one of these, so it cannot quote the input.
var expectations = map[string]bool{
	"expected a value": true,
	"expected a value, found a UTF-8 byte order mark (BOM), which a JSON text must not start with": true,
	"expected UTF-8 text in a string, found an invalid byte":                                       true,
	"expected end of input after the top-level value":                                              true,
	"expected a member name or '}'":                                                                true,
	"expected a member name":                                                                       true,
	"expected ':' after the member name":                                                           true,
	"expected ',' or '}'":                                                                          true,
	"expected ',' or ']'":                                                                          true,
	"expected a value or ']'":                                                                      true,
	"expected the literal true":                                                                    true,
	"expected the literal false":                                                                   true,
	"expected the literal null":                                                                    true,
	tooDeep:                                                                                        true,
	"expected '\"' to close the string":                                                            true,
	"expected an escape character":                                                                 true,
	"expected an escape character (one of \" \\ / b f n r t u)":                                    true,
	"expected a hexadecimal digit in a \\u escape":                                                 true,
	"expected a string character or an escape (control characters must be escaped)": true,
	"expected a digit": true,
	"expected '.', 'e' or the end of the number after a leading 0": true,
	"expected a digit after the decimal point":                     true,
	"expected a digit in the exponent":                             true,
}

// checkSyntaxViolation checks that v is a well-formed syntax violation for
// data.
func checkSyntaxViolation(t *testing.T, data []byte, v Violation) {
	t.Helper()
	m := syntaxMessage.FindStringSubmatch(v.Message)
	if v.Rule != "json" || m == nil {
		t.Fatalf("%q: bad syntax violation %+v", data, v)
	}
	off, err := strconv.Atoi(m[3])
	if err != nil || off > len(data) || (m[5] != "") != (off == len(data)) {
		t.Fatalf("%q: bad offset in %q", data, v.Message)
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1
	if m[1] != strconv.Itoa(line) || m[2] != strconv.Itoa(col) {
		t.Fatalf("%q: line and column in %q, want %d, %d", data, v.Message, line, col)
	}
	if !expectations[m[4]] {
		t.Fatalf("%q: unknown expectation in %q", data, v.Message)
	}
}

func FuzzDecoderSyntax(f *testing.F) {
	for _, doc := range validDocs {
		if len(doc) <= 1000 { // big seeds make the fuzzer's mutation and minimization crawl
			f.Add([]byte(doc))
		}
	}
	for _, doc := range []string{
		``, ` `, `tru`, `01`, `-01`, `1.`, `.5`, `+1`, `-`, `1e`, `1e+`, `[1,]`, `{"a":1,}`, `{"a"}`, `{"a" 1}`,
		`[1 2]`, `{"a":1]`, `"abc`, "\"a\x01\"", `"\x"`, `"\u12"`, `1 2`, "\ufeff{}", `[`, `{`, `{"a":`,
		`{"name":"n","count":5,"ratio":0.5,"ok":true,"tags":["a"],"sub":{"id":1,"items":[[1]]},"key":"k"}`,
		`{"name":1,"count":1.5,"x":{},"count":3,"tags":[1,"a",null],"sub":null,"ok":"no"}`,
		`{"a":"x","\u0061":"y","b":"\ud800"}`, "{\"\xff\":\"\xfe\"}", `[1e999999999,-0.0e-5,"\/"]`,
		`{"a":{"b":{"c":[[[[true]]]]}}}`, `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := validJSON(data)
		var d decoder
		d.init(data)
		d.skipAny()
		err := d.finish()
		if (err == nil) != valid {
			t.Fatalf("skip(%q): %v; json.Valid = %v", data, err, valid)
		}
		if err != nil {
			vs := violations(err)
			if len(vs) != 1 || vs[0].Path != "" {
				t.Fatalf("skip(%q): violations %v", data, vs)
			}
			checkSyntaxViolation(t, data, vs[0])
		}

		// The token API, driven as generated code drives it, agrees too:
		// a syntax violation (only one, the last) exactly when invalid.
		for _, decode := range []func([]byte) error{
			func(b []byte) error { _, err := decodeTestDoc(b); return err },
			func(b []byte) error { _, err := decodeStrings(b); return err },
		} {
			vs := violations(decode(data))
			n := 0
			for i, v := range vs {
				if strings.HasPrefix(v.Message, "malformed JSON") {
					n++
					if i != len(vs)-1 {
						t.Fatalf("%q: syntax violation is not last: %v", data, vs)
					}
					checkSyntaxViolation(t, data, v)
				}
			}
			if n > 1 || (n == 1) == valid {
				t.Fatalf("%q: json.Valid = %v, violations %v", data, valid, vs)
			}
		}

		// Skipping undeclared members (a first pass without paths, a
		// second with them when there is a problem) reports exactly what
		// one pass with paths reports.
		if got, want := fmtViolations(violations(skipMembers(data, false))), fmtViolations(violations(skipMembers(data, true))); got != want {
			t.Fatalf("%q: skipUndeclared reports\n%s; one pass with paths reports\n%s", data, got, want)
		}

		// An object of strings decodes as encoding/json decodes it.
		if m, err := decodeStrings(data); err == nil {
			var want map[string]string
			if err := json.Unmarshal(data, &want); err != nil || len(want) != len(m) {
				t.Fatalf("%q: decodeStrings = %q; encoding/json gives %q, %v", data, m, want, err)
			}
			for k, v := range want {
				if got, ok := m[k]; !ok || got != v {
					t.Fatalf("%q: decodeStrings = %q; encoding/json gives %q", data, m, want)
				}
			}
		}
	})
}

// skipMembers reads an object below a path "/r" whose members are all
// undeclared, as a lenient generated decoder skips them: with
// skipUndeclared, or (onePass) with skipChecked alone, passing it the
// paths directly.
func skipMembers(data []byte, onePass bool) error {
	if onePass {
		return skipMembersOnePass(data)
	}
	var d decoder
	d.init(data)
	root := (*jsonPath)(nil).field("/r")
	if d.beginObject(&root, "#/type") {
		var u undeclared
		for {
			name, ok := d.nextMember(&root)
			if !ok {
				break
			}
			d.skipUndeclared(&u, &root, name)
		}
	}
	return d.finish()
}

// skipMembersOnePass is skipMembers with skipChecked alone.
func skipMembersOnePass(data []byte) error {
	var d decoder
	d.init(data)
	root := (*jsonPath)(nil).field("/r")
	if d.beginObject(&root, "#/type") {
		var u undeclared
		for {
			name, ok := d.nextMember(&root)
			if !ok {
				break
			}
			if u.seen(name) {
				d.duplicateMember(&root, name)
				continue
			}
			m := root.memberBytes(name)
			d.skipChecked(&m)
		}
	}
	return d.finish()
}

func FuzzReadString(f *testing.F) {
	for _, tok := range stringCorpus()[:2000] {
		f.Add([]byte(tok[1 : len(tok)-1]))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tok := make([]byte, 0, len(b)+2)
		tok = append(append(append(tok, '"'), b...), '"')
		checkString(t, tok)
	})
}

// jsonNumber matches a JSON number token (RFC 8259), with its exponent
// digits as group 1.
var jsonNumber = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?([0-9]+))?$`)

func FuzzReadInt(f *testing.F) {
	for _, s := range []string{
		"0", "-0", "10", "1e1", "10.0", "100e-1", "0.0e5", "1.5", "1e-1", "10.01e1", "1.5e1",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"922337203685477580.7e1", "92233720368547758.08e2", "1e18", "1e19", "-1e19", "0.000123e6",
		"123456789012345678901234567890e-11", "1000000000000000000000000e-24", "0e9999", "1e-9999", "12345",
	} {
		f.Add(s, int64(math.MinInt64), int64(math.MaxInt64))
		f.Add(s, int64(-100), int64(100))
	}
	f.Fuzz(func(t *testing.T, s string, min, max int64) {
		m := jsonNumber.FindStringSubmatch(s)
		if m == nil || len(m[1]) > 4 || len(s) > 1000 {
			return // not a number, or its exponent is not modest
		}
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("big.Rat cannot parse %q", s)
		}
		var want string
		var wantN int64
		switch {
		case !r.IsInt():
			want = line("", "#/type", "must be an integer, got number")
		case r.Cmp(new(big.Rat).SetInt64(min)) < 0:
			want = line("", "#/min", "must be >= "+strconv.FormatInt(min, 10))
		case r.Cmp(new(big.Rat).SetInt64(max)) > 0:
			want = line("", "#/max", "must be <= "+strconv.FormatInt(max, 10))
		default:
			wantN = r.Num().Int64()
		}
		var got int64
		var gotOK bool
		errs := run(s, func(d *decoder) { got, gotOK = d.readInt(nil, "#/type", min, max, "#/min", "#/max") })
		if errs != want || got != wantN || gotOK != (want == "") {
			t.Fatalf("readInt(%q, %d, %d) = %d, %v, %s; want %d, %s", s, min, max, got, gotOK, errs, wantN, want)
		}
	})
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{
		"0", "-0", "0.1", "1.5", "1e22", "1e23", "9007199254740993", "123456789012345",
		"1234567890123456", "1.7976931348623157e308", "1.8e308", "4.9e-324", "2e-324", "1e-400",
		"0.000001", "-123.456e-7", "100000000000000000000000", "1e999999999999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !jsonNumber.MatchString(s) {
			return
		}
		want, err := strconv.ParseFloat(s, 64)
		wantOK := err == nil || !math.IsInf(want, 0)
		got, ok := parseFloat([]byte(s))
		if ok != wantOK || (ok && math.Float64bits(got) != math.Float64bits(want)) {
			t.Fatalf("parseFloat(%q) = %v, %v; strconv.ParseFloat gives %v, %v", s, got, ok, want, err)
		}
	})
}
