package support

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

func TestViolationString(t *testing.T) {
	tests := []struct {
		v    Violation
		want string
	}{
		{Violation{Path: "", Rule: "r", Message: "must be an object, got array"}, "(root): must be an object, got array"},
		{Violation{Path: "/a/0", Rule: "r", Message: "must be a string, got null"}, "/a/0: must be a string, got null"},
		{Violation{Path: "/", Message: "unknown field"}, "/: unknown field"},
		{Violation{Path: "/a~1b", Message: ""}, "/a~1b: "},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestValidationErrorError(t *testing.T) {
	tests := []struct {
		vs   []Violation
		want string
	}{
		{nil, ""},
		{[]Violation{{Path: "", Message: "m"}}, "(root): m"},
		{[]Violation{{Path: "/a", Message: "m1"}, {Path: "", Message: "m2"}, {Path: "/b/1", Message: "m3"}},
			"3 violations; the first: /a: m1"},
	}
	for _, tt := range tests {
		e := &ValidationError{Violations: tt.vs}
		if got := e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	e := &ValidationError{Violations: []Violation{{Path: "/a", Message: "m"}}, Omitted: 4}
	if got, want := e.Error(), "5 violations; the first: /a: m"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var err error = &ValidationError{Violations: []Violation{{Path: "/x", Message: "unknown field"}}}
	if got := fmt.Sprint(err); got != "/x: unknown field" {
		t.Errorf("fmt.Sprint(err) = %q", got)
	}
}

func TestJSONPathString(t *testing.T) {
	var root *jsonPath
	a := root.member("a")
	i3 := a.item(3)
	esc := i3.member("x/y~z")
	empty := esc.member("")
	tilde := root.member("~1")
	i0 := root.item(0)
	i0a := i0.member("a")
	tests := []struct {
		p    *jsonPath
		want string
	}{
		{nil, ""},
		{&a, "/a"},
		{&i3, "/a/3"},
		{&esc, "/a/3/x~1y~0z"},
		{&empty, "/a/3/x~1y~0z/"},
		{&tilde, "/~01"},
		{&i0, "/0"},
		{&i0a, "/0/a"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() {
		q := i3.member("b")
		_ = q.item(7)
	}); n != 0 {
		t.Errorf("building a path allocates %v times", n)
	}
}

func TestViolationList(t *testing.T) {
	var vs violationList
	if n := testing.AllocsPerRun(100, func() {
		var z violationList
		if z.err() != nil {
			t.Fatal("zero violationList has an error")
		}
	}); n != 0 {
		t.Errorf("zero violationList allocates %v times", n)
	}
	if vs.err() != nil {
		t.Fatal("err() != nil before add")
	}
	var root *jsonPath
	a := root.member("a")
	i2 := a.item(2)
	vs.add(nil, "#/r0", "m0")
	vs.add(&i2, "#/r1", "m1")
	vs.addField(&a, "/x~1y~0", "#/r2", "required")
	vs.addField(nil, "/b", "#/r3", "required")
	vs.addField(nil, "/", "#/r4", "required")
	want := []Violation{
		{Path: "", Rule: "#/r0", Message: "m0"},
		{Path: "/a/2", Rule: "#/r1", Message: "m1"},
		{Path: "/a/x~1y~0", Rule: "#/r2", Message: "required"},
		{Path: "/b", Rule: "#/r3", Message: "required"},
		{Path: "/", Rule: "#/r4", Message: "required"},
	}
	err := vs.err()
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("err() = %T, want *ValidationError", err)
	}
	if fmtViolations(ve.Violations) != fmtViolations(want) {
		t.Errorf("got\n%swant\n%s", fmtViolations(ve.Violations), fmtViolations(want))
	}
	if got, w := err.Error(), "5 violations; the first: (root): m0"; got != w {
		t.Errorf("Error() = %q, want %q", got, w)
	}
}

// TestViolationCap: beyond MaxViolations violations are counted, not
// kept, whatever records them.
func TestViolationCap(t *testing.T) {
	var vs violationList
	var root *jsonPath
	for i := range MaxViolations + 50 {
		switch i % 3 {
		case 0:
			vs.add(root, "#/r", "m")
		case 1:
			vs.addField(root, "/x", "#/r", "required")
		default:
			vs.addValue(root, "#/r", "must be a, got ", "b", "")
		}
	}
	e := vs.err().(*ValidationError)
	if len(e.Violations) != MaxViolations || e.Omitted != 50 {
		t.Errorf("%d violations kept and %d omitted, want %d and 50", len(e.Violations), e.Omitted, MaxViolations)
	}
	if !strings.HasPrefix(e.Error(), fmt.Sprintf("%d violations; ", MaxViolations+50)) {
		t.Errorf("Error() = %q", e.Error())
	}
}

// TestNesting: enter finds a value on the way at any depth, refuses a
// level beyond the limit, and leave undoes enter.
func TestNesting(t *testing.T) {
	var n nesting
	ptrs := make([]*int, 100)
	for i := range ptrs {
		ptrs[i] = new(int)
		if why := n.enter(ptrs[i], 100); why != "" {
			t.Fatalf("level %d refused: %s", i, why)
		}
		if why := n.enter(ptrs[i/2], 1000); why == "" {
			t.Fatalf("a value on the way at level %d was not found", i/2)
		}
	}
	if why := n.enter(new(int), 100); why == "" {
		t.Fatal("a level beyond the limit was allowed")
	}
	for range ptrs {
		n.leave()
	}
	if len(n.path) != 0 || n.set != nil {
		t.Errorf("after leaving every level: %d on the way, set %v", len(n.path), n.set)
	}
	if why := n.enter(ptrs[0], 1); why != "" {
		t.Errorf("enter after leaving: %s", why)
	}
	var vs violationList
	x := new(int)
	if !vs.enter(x, nil, "#/r") || vs.enter(x, nil, "#/r") || vs.n != 1 || vs.one.Message != "holds itself (a cycle)" {
		t.Errorf("violationList.enter: %d violations, %q", vs.n, vs.one.Message)
	}
	vs.leave()
	if !vs.enter(x, nil, "#/r") {
		t.Error("enter after leave refused the value")
	}
	if maxPrintNesting >= maxNesting {
		t.Errorf("printing nests %d levels, validating %d", maxPrintNesting, maxNesting)
	}
}

// TestCheckSegment: empty, "." and ".." cannot be a path segment; other
// values, dots included, can.
func TestCheckSegment(t *testing.T) {
	for value, bad := range map[string]bool{"": true, ".": true, "..": true, "...": false, "a": false, ".a": false, "a/..": false} {
		var vs violationList
		vs.checkSegment("/p", "#/rule", value)
		if (vs.n == 1) != bad || bad && (vs.one.Path != "/p" || vs.one.Rule != "#/rule") {
			t.Errorf("checkSegment(%q): %d violations %+v", value, vs.n, vs.one)
		}
	}
}

const secretValue = "hunter2-s3cr3t"

// leaks reports whether s shows the secret value in any common encoding.
func leaks(s string) bool {
	return strings.Contains(s, secretValue) ||
		strings.Contains(s, fmt.Sprintf("%x", secretValue)) ||
		strings.Contains(s, fmt.Sprintf("%X", secretValue))
}

type secretHolder struct {
	Name string
	Key  Secret
	Ptr  *Secret
	Nil  *Secret
	List []Secret
	Map  map[string]Secret
}

func TestSecretFormat(t *testing.T) {
	s := NewSecret(secretValue)
	ps := &s
	var nilPtr *Secret
	// %p and %w take fmt's bad-verb path, which skips Format; they are
	// tested in TestSecretPointerVerb.
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s", "%-20v", "%.3s", "%08x", "% x", "%t", "%U", "%c", "%e", "%z", "%!"}
	for _, verb := range verbs {
		if got := fmt.Sprintf(verb, s); got != redacted {
			t.Errorf("Sprintf(%q, Secret) = %q, want %q", verb, got, redacted)
		}
		if got := fmt.Sprintf(verb, ps); got != redacted {
			t.Errorf("Sprintf(%q, *Secret) = %q, want %q", verb, got, redacted)
		}
		if got := fmt.Sprintf(verb, nilPtr); leaks(got) || got != "<nil>" {
			t.Errorf("Sprintf(%q, nil *Secret) = %q, want <nil>", verb, got)
		}
	}
	if got := s.String(); got != redacted {
		t.Errorf("String() = %q", got)
	}
	if got := s.GoString(); got != redacted {
		t.Errorf("GoString() = %q", got)
	}
	if got := fmt.Sprint(s, ps, 1); got != redacted+" "+redacted+" 1" {
		t.Errorf("Sprint = %q", got)
	}
	if got := fmt.Sprintln(s); got != redacted+"\n" {
		t.Errorf("Sprintln = %q", got)
	}
	if got := fmt.Sprintf("%T", s); leaks(got) {
		t.Errorf("%%T leaks: %q", got)
	}
	h := secretHolder{Name: "n", Key: s, Ptr: ps, List: []Secret{s, s}, Map: map[string]Secret{"k": s}}
	want := map[string]string{
		"%v":  "{n [REDACTED] [REDACTED] <nil> [[REDACTED] [REDACTED]] map[k:[REDACTED]]}",
		"%+v": "{Name:n Key:[REDACTED] Ptr:[REDACTED] Nil:<nil> List:[[REDACTED] [REDACTED]] Map:map[k:[REDACTED]]}",
		"%#v": `support.secretHolder{Name:"n", Key:[REDACTED], Ptr:[REDACTED], Nil:<nil>, List:[]support.Secret{[REDACTED], [REDACTED]}, Map:map[string]support.Secret{"k":[REDACTED]}}`,
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for _, arg := range []any{h, &h} {
			got := fmt.Sprintf(verb, arg)
			if leaks(got) {
				t.Errorf("Sprintf(%q, %T) leaks: %q", verb, arg, got)
			}
			if w, ok := want[verb]; ok {
				if _, isPtr := arg.(*secretHolder); isPtr {
					w = "&" + w
				}
				if got != w {
					t.Errorf("Sprintf(%q, %T) = %q, want %q", verb, arg, got, w)
				}
			}
		}
	}
	if got := fmt.Errorf("wrapped: %v", s).Error(); got != "wrapped: "+redacted {
		t.Errorf("Errorf = %q", got)
	}
	// Extra and misplaced arguments go through fmt's error paths.
	extra := []any{s}
	noVerb := "x"
	if got := fmt.Sprintf(noVerb, extra...); leaks(got) {
		t.Errorf("extra argument leaks: %q", got)
	}
	if got := fmt.Sprintf("%[2]v", extra...); leaks(got) {
		t.Errorf("bad index leaks: %q", got)
	}
	if got := fmt.Sprintf("%*d", extra...); leaks(got) {
		t.Errorf("bad width leaks: %q", got)
	}
	if got := len(fmt.Sprintf("%v", s)); got != len(redacted) {
		t.Errorf("length %d", got)
	}
}

// TestSecretPointerVerb checks the verbs fmt reports as wrong without
// calling Format (%p on a value, %w outside Errorf or on a non-error):
// its report prints the value with methods disabled, which for a Secret
// is a struct holding a pointer, so only an address shows.
func TestSecretPointerVerb(t *testing.T) {
	s := NewSecret(secretValue)
	h := secretHolder{Name: "n", Key: s}
	for _, format := range []string{"%p", "%w", "%!", "%[3]v"} {
		for _, arg := range []any{s, &s, h, &h, []Secret{s}} {
			if got := fmt.Sprintf(format, arg); leaks(got) {
				t.Errorf("Sprintf(%q, %T) leaks: %q", format, arg, got)
			}
		}
		if got := fmt.Errorf(format, s).Error(); leaks(got) {
			t.Errorf("Errorf(%q) leaks: %q", format, got)
		}
	}
}

// TestSecretUnset: the zero Secret is absent and prints as such.
func TestSecretUnset(t *testing.T) {
	var s Secret
	if s.IsSet() || !s.IsZero() || s.Value() != "" {
		t.Errorf("zero Secret: IsSet %v IsZero %v Value %q", s.IsSet(), s.IsZero(), s.Value())
	}
	if got := fmt.Sprint(s); got != unset {
		t.Errorf("Sprint(zero) = %q", got)
	}
	empty := NewSecret("")
	if !empty.IsSet() || fmt.Sprint(empty) != redacted {
		t.Errorf("NewSecret(\"\") is not a present secret")
	}
	type wire struct {
		Key Secret `json:"key,omitzero"`
	}
	if b, err := json.Marshal(wire{}); err != nil || string(b) != `{}` {
		t.Errorf("json.Marshal of an absent secret = %s, %v; want {}", b, err)
	}
}

func TestSecretSlog(t *testing.T) {
	s := NewSecret(secretValue)
	ps := &s
	var nilPtr *Secret
	h := secretHolder{Name: "n", Key: s, Ptr: ps}
	for _, name := range []string{"text", "json"} {
		var buf bytes.Buffer
		var handler slog.Handler
		if name == "text" {
			handler = slog.NewTextHandler(&buf, nil)
		} else {
			handler = slog.NewJSONHandler(&buf, nil)
		}
		log := slog.New(handler)
		log.Info("login", "key", s, "ptr", ps, slog.Any("any", s), slog.Group("g", "inner", s))
		log.With("with", s).Info("again", "nil", nilPtr)
		log.Info("text", "holder", fmt.Sprint(h))
		// The text handler formats other values with %+v, the JSON
		// handler with encoding/json, which refuses a present secret.
		log.Info("struct", "holder", h, "ptrholder", &h, "list", []any{h, s})
		out := buf.String()
		if leaks(out) {
			t.Errorf("%s handler leaks:\n%s", name, out)
		}
		if got := strings.Count(out, redacted); got < 7 {
			t.Errorf("%s handler: %d redactions, want >= 7:\n%s", name, got, out)
		}
	}
	if v := s.LogValue(); v.Kind() != slog.KindString || v.String() != redacted {
		t.Errorf("LogValue() = %v", v)
	}
}

// TestSecretJSON: encoding/json gets null for an absent secret and an
// error, which does not hold the value, for a present one; decoding reads a
// string and rejects null, as the generated decoders do.
func TestSecretJSON(t *testing.T) {
	s := NewSecret(secretValue)
	type wire struct {
		Key Secret  `json:"key"`
		Ptr *Secret `json:"ptr"`
	}
	for _, v := range []any{s, &s, wire{Key: s}, wire{Ptr: &s}, []Secret{s}, map[string]any{"k": s}} {
		b, err := json.Marshal(v)
		if err == nil || leaks(err.Error()) || leaks(string(b)) {
			t.Errorf("json.Marshal(%T) = %s, %v; want an error without the value", v, b, err)
		}
	}
	if b, err := json.Marshal(wire{}); err != nil || string(b) != `{"key":null,"ptr":null}` {
		t.Errorf("json.Marshal of absent secrets = %s, %v", b, err)
	}
	var back wire
	if err := json.Unmarshal([]byte(`{"key":"`+secretValue+`","ptr":"x\u0079"}`), &back); err != nil || back.Key.Value() != secretValue || back.Ptr.Value() != "xy" {
		t.Errorf("json.Unmarshal = %v, %v", back, err)
	}
	for _, doc := range []string{`{"key":null}`, `{"key":1}`, `{"key":{}}`, `{"key":"a"  "b"}`} {
		var w wire
		if err := json.Unmarshal([]byte(doc), &w); err == nil {
			t.Errorf("json.Unmarshal(%s) accepted it: %v", doc, w)
		}
	}
}

// TestSecretSealed: the value is not in the Secret's memory as it is, so
// that printers that read fields by reflection cannot show it; equal
// values seal alike, so reflect.DeepEqual and Equal agree.
func TestSecretSealed(t *testing.T) {
	for _, v := range []string{"", "a", secretValue, strings.Repeat("long secret ", 40)} {
		s := NewSecret(v)
		if s.Value() != v {
			t.Errorf("Value() = %q, want %q", s.Value(), v)
		}
		if len(v) >= 4 && bytes.Contains(s.s.b, []byte(v)) {
			t.Errorf("%q is in the sealed bytes", v)
		}
		if len(s.s.b)%32 != 0 {
			t.Errorf("sealed length %d is not padded", len(s.s.b))
		}
		if t2 := NewSecret(v); !s.Equal(t2) || !reflect.DeepEqual(s, t2) {
			t.Errorf("two secrets of %q are not equal", v)
		}
		if u := NewSecret(v + "x"); s.Equal(u) || reflect.DeepEqual(s, u) {
			t.Errorf("secrets of %q and %q are equal", v, v+"x")
		}
	}
	if !(Secret{}).Equal(Secret{}) || (Secret{}).Equal(NewSecret("")) || NewSecret("").Equal(Secret{}) {
		t.Error("Equal of absent secrets is wrong")
	}
}

func TestPtr(t *testing.T) {
	p := Ptr("x")
	if *p != "x" {
		t.Errorf("*Ptr = %q", *p)
	}
	v := 3
	q := Ptr(v)
	*q = 4
	if v != 3 {
		t.Error("Ptr does not copy")
	}
}

func TestSources(t *testing.T) {
	for _, name := range SourceFiles {
		b, err := Sources.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("package support\n")) {
			t.Errorf("%s does not start with the package clause", name)
		}
		if bytes.Contains(b, []byte("TODO(helper)")) {
			t.Errorf("%s still has a TODO(helper)", name)
		}
		if bytes.Contains(b, []byte("func init(")) || bytes.Contains(b, []byte(`"reflect"`)) || bytes.Contains(b, []byte(`"unsafe"`)) {
			t.Errorf("%s uses init, reflect or unsafe", name)
		}
	}
}

// TestViolationKind: the keyword and family of violations of every form of
// Rule the generated code records.
func TestViolationKind(t *testing.T) {
	for _, tt := range []struct{ rule, msg, keyword, kind string }{
		{"json", "malformed JSON at line 1, column 1 (byte offset 0): expected a value", "json", "syntax"},
		{"json", "duplicate field", "json", "duplicate"},
		{"#/components/schemas/X/additionalProperties", "unknown field", "additionalProperties", "unknown"},
		{"#/components/schemas/X/properties/a/type", "must be a string, got number", "type", "type"},
		{"#/components/schemas/X/properties/a/format", "must be <= 2147483647", "format", "type"},
		{"#/components/schemas/X/allOf/0/then/required", "required when a is b", "required", "required"},
		{"#/components/schemas/X/required/1", "required", "required", "required"},
		{"#/components/schemas/X/properties/a/enum", "must be one of a, b", "enum", "value"},
		{"#/components/schemas/X/properties/a/maximum", "must be <= 3", "maximum", "range"},
		{"#/components/schemas/X/properties/a/pattern", "must match", "pattern", "string"},
		{"#/components/schemas/X/properties/a/minItems", "must have at least 1 item", "minItems", "array"},
		{"#/components/schemas/X/oneOf", "exactly one of a, b is required", "oneOf", "rule"},
		{"#/components/schemas/X/allOf/1", "no value is allowed here", "allOf", "rule"},
		{"#/paths/~1v2~1{p}/get/parameters/0", "must not be empty", "parameters", "parameter"},
		{"#/paths/~1v2/get/parameters/2/required", "required", "required", "parameter"},
		{"other.yaml#/components/schemas/Y/properties/b/minLength", "must be", "minLength", "string"},
		{"secret", "must be a string", "", ""},
	} {
		v := Violation{Rule: tt.rule, Message: tt.msg}
		if v.Keyword() != tt.keyword || v.Kind() != tt.kind {
			t.Errorf("%s: Keyword %q, Kind %q; want %q, %q", tt.rule, v.Keyword(), v.Kind(), tt.keyword, tt.kind)
		}
	}
}
