package support

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	cases := []struct {
		tok  string
		want string // canonical
		int  bool
	}{
		{"0", "0", true},
		{"-0", "0", true},
		{"0.000", "0", true},
		{"0e-7", "0", true},
		{"1", "1e0", true},
		{"1.0", "1e0", true},
		{"10", "1e1", true},
		{"10e-1", "1e0", true},
		{"0.5", "5e-1", false},
		{"-12.50", "-125e-1", false},
		{"1.5e2", "15e1", true},
		{"1E+2", "1e2", true},
		{"123456789012345678901234567890", "12345678901234567890123456789e1", true},
		{"1e308", "1e308", true},
		{"1e-400", "1e-400", false},
		{"1e99999999999999999999", fmt.Sprintf("1e%d", maxExponent), true},
		{"1e-99999999999999999999", fmt.Sprintf("1e-%d", maxExponent), false},
	}
	for _, c := range cases {
		d := parseDecimal(c.tok)
		if got := string(d.canonical(nil)); got != c.want {
			t.Errorf("parseDecimal(%s) = %s, want %s", c.tok, got, c.want)
		}
		if d.isInteger() != c.int {
			t.Errorf("parseDecimal(%s).isInteger() = %v", c.tok, !c.int)
		}
	}
}

// randomNumber returns a JSON number token with up to 25 digits and an
// exponent within ±30.
func randomNumber(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(3) == 0 {
		b.WriteByte('-')
	}
	n := 1 + r.IntN(25)
	for i := range n {
		d := byte('0' + r.IntN(10))
		if i == 0 && n > 1 && d == '0' {
			d = '1'
		}
		b.WriteByte(d)
	}
	if r.IntN(2) == 0 {
		b.WriteByte('.')
		for range 1 + r.IntN(6) {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "e%d", r.IntN(61)-30)
	}
	return b.String()
}

func rat(t *testing.T, tok string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(tok)
	if !ok {
		t.Fatalf("big.Rat cannot read %s", tok)
	}
	return r
}

// TestDecimalAgreesWithBigRat holds cmp, isInteger and multipleOf to exact
// rational arithmetic on random numbers.
func TestDecimalAgreesWithBigRat(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a, b := randomNumber(r), randomNumber(r)
		if r.IntN(4) == 0 {
			b = a // equal values, often written alike
		}
		ra, rb := rat(t, a), rat(t, b)
		da, db := parseDecimal(a), parseDecimal(b)
		if got, want := da.cmp(db), ra.Cmp(rb); got != want {
			t.Fatalf("cmp(%s, %s) = %d, want %d", a, b, got, want)
		}
		if got, want := da.isInteger(), ra.IsInt(); got != want {
			t.Fatalf("isInteger(%s) = %v, want %v", a, got, want)
		}
		if (string(da.canonical(nil)) == string(db.canonical(nil))) != (ra.Cmp(rb) == 0) {
			t.Fatalf("canonical forms of %s and %s disagree with their equality", a, b)
		}
		if rb.Sign() > 0 {
			q := new(big.Rat).Quo(ra, rb)
			if got, want := da.multipleOf(db), q.IsInt(); got != want {
				t.Fatalf("multipleOf(%s, %s) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestMultipleOf(t *testing.T) {
	cases := []struct {
		v, m string
		want bool
	}{
		{"0.0075", "0.0001", true},
		{"0.00751", "0.0001", false},
		{"4.5", "1.5", true},
		{"35", "1.5", false},
		{"1e308", "0.123456789", false},
		{"0", "7", true},
		{"-14", "7", true},
		{"1e1000000", "2", true},
		{"1e1000000", "3", false},
		{"7e999999999999", "7", true},
		{"3e-5", "1e-5", true},
		{"1e-5", "3e-5", false},
		{"19.99", "0.01", true},
	}
	for _, c := range cases {
		if got := parseDecimal(c.v).multipleOf(parseDecimal(c.m)); got != c.want {
			t.Errorf("multipleOf(%s, %s) = %v, want %v", c.v, c.m, got, c.want)
		}
	}
}

func TestParseValue(t *testing.T) {
	for _, doc := range []string{
		`null`, `true`, `false`, `0`, `-1.50`, `1e400`, `"a\"é"`, `[]`, `{}`,
		`[1,[2,[3]],{"a":null}]`,
		`{"b":1,"a":{"c":[true,"x"]}}`,
		`123456789012345678901234567890.000`,
	} {
		v, err := ParseValue([]byte(" " + doc + "\n"))
		if err != nil {
			t.Fatalf("ParseValue(%s): %v", doc, err)
		}
		// Numbers and member order are kept as written.
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(doc)); err != nil {
			t.Fatal(err)
		}
		if got := v.String(); got != compact.String() {
			t.Errorf("ParseValue(%s).String() = %s, want %s", doc, got, compact.String())
		}
		if !v.IsSet() || v.IsZero() {
			t.Errorf("%s: not set", doc)
		}
		if v.IsNull() != (doc == "null") {
			t.Errorf("%s: IsNull = %v", doc, v.IsNull())
		}
		w := MustParseValue(v.String())
		if !v.Equal(w) {
			t.Errorf("%s does not equal its own JSON", doc)
		}
	}
	for _, bad := range []string{``, `{`, `[1,]`, `{"a":1,"a":2}`, `{"a":{"b":1,"b":1}}`, `1 2`, `nul`, "\"\xff\"", strings.Repeat("[", 10001) + strings.Repeat("]", 10001)} {
		if _, err := ParseValue([]byte(bad)); err == nil {
			t.Errorf("ParseValue(%q) succeeded", bad)
		}
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("MustParseValue of bad JSON did not panic")
			}
		}()
		MustParseValue("{")
	}()
}

func TestValueManyMembers(t *testing.T) {
	var b strings.Builder
	b.WriteByte('{')
	for i := range 100 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"m%d":%d`, i, i)
	}
	b.WriteByte('}')
	v := MustParseValue(b.String())
	if v.n.index == nil {
		t.Fatal("an object of 100 members has no index")
	}
	for i := range 100 {
		m := v.n.member(fmt.Sprintf("m%d", i))
		if m == nil || m.text != fmt.Sprint(i) {
			t.Fatalf("member m%d: %+v", i, m)
		}
	}
	if v.n.has("m100") {
		t.Fatal("a member that is not there was found")
	}
	dup := strings.TrimSuffix(b.String(), "}") + `,"m42":0}`
	if _, err := ParseValue([]byte(dup)); err == nil || !strings.Contains(err.Error(), "/m42") {
		t.Fatalf("a repeated member after the index was made: %v", err)
	}
}

func TestValueEqual(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{`1`, `1.0`, true},
		{`1`, `10e-1`, true},
		{`1`, `"1"`, false},
		{`{"a":1,"b":2}`, `{"b":2,"a":1.0}`, true},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`[1,2]`, `[2,1]`, false},
		{`[]`, `{}`, false},
		{`null`, `false`, false},
		{`0`, `false`, false},
		{`"a"`, `"a"`, true},
	}
	for _, c := range cases {
		if got := MustParseValue(c.a).Equal(MustParseValue(c.b)); got != c.want {
			t.Errorf("Equal(%s, %s) = %v", c.a, c.b, got)
		}
	}
	if !(Value{}).Equal(Value{}) || (Value{}).Equal(MustParseValue("null")) {
		t.Error("absent values compare wrongly")
	}
}

func TestUniqueItems(t *testing.T) {
	cases := []struct {
		doc  string
		want bool
	}{
		{`[]`, true},
		{`[1,2,3]`, true},
		{`[1,1.0]`, false},
		{`[{"a":1,"b":2},{"b":2,"a":1}]`, false},
		{`[[1],[true]]`, true},
		{`[0,false,null,"",[],{}]`, true},
		{`[1,2,3,4,5,6,7,8,9,10,11,12]`, true},
		{`[1,2,3,4,5,6,7,8,9,10,11,1e0]`, false},
		{`[{"a":[1,2]},2,3,4,5,6,7,8,9,10,{"a":[1,2.0]}]`, false},
	}
	for _, c := range cases {
		if got := MustParseValue(c.doc).n.uniqueItems(); got != c.want {
			t.Errorf("uniqueItems(%s) = %v", c.doc, got)
		}
	}
}

func TestValueJSONAndUnmarshal(t *testing.T) {
	var absent Value
	if absent.JSON() != nil || absent.String() != "" {
		t.Fatal("an absent Value has JSON")
	}
	if b, err := absent.MarshalJSON(); err != nil || string(b) != "null" {
		t.Fatalf("MarshalJSON of an absent Value: %s, %v", b, err)
	}
	var holder struct {
		V Value `json:"v,omitzero"`
	}
	if err := json.Unmarshal([]byte(`{"v":{"x":[1,2.50]}}`), &holder); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(holder)
	if err != nil || string(out) != `{"v":{"x":[1,2.50]}}` {
		t.Fatalf("json.Marshal: %s, %v", out, err)
	}
	holder.V = Value{}
	if out, _ := json.Marshal(holder); string(out) != `{}` {
		t.Fatalf("omitzero kept an absent Value: %s", out)
	}
	if err := json.Unmarshal([]byte(`{"v":{"a":1,"a":2}}`), &holder); err == nil {
		t.Fatal("UnmarshalJSON accepted a repeated member")
	}
	var nilValue *Value
	if err := nilValue.UnmarshalJSON([]byte("1")); err == nil {
		t.Fatal("UnmarshalJSON on nil succeeded")
	}
	if got := MustParseValue(`1.5`).n.typeName(); got != "number" {
		t.Fatalf("typeName(1.5) = %s", got)
	}
	if got := MustParseValue(`2.0`).n.typeName(); got != "integer" {
		t.Fatalf("typeName(2.0) = %s", got)
	}
	if got := MustParseValue(`"héllo"`).n.length(); got != 5 {
		t.Fatalf("length = %d", got)
	}
}

func TestMatchesIsQuiet(t *testing.T) {
	v := MustParseValue(`{"a":1}`)
	var calls int
	fail := func(vs *violationList, p *jsonPath, n *valueNode) {
		calls++
		m := p.member("a")
		vs.add(&m, "rule", "message")
		vs.addField(p, "/b", "rule", "required")
		vs.addValue(p, "rule", "must be ", "x", "")
		if vs.list != nil || vs.one.Path != "" || vs.one.Message != "" {
			t.Error("a quiet list recorded a violation")
		}
	}
	pass := func(vs *violationList, p *jsonPath, n *valueNode) { calls++ }
	if matches(fail, nil, v.n) || !matches(pass, nil, v.n) || calls != 2 {
		t.Fatalf("matches: calls %d", calls)
	}
	allocs := testing.AllocsPerRun(100, func() { matches(fail, nil, v.n) })
	if allocs != 0 {
		t.Fatalf("a quiet check allocated %.0f times", allocs)
	}
}
