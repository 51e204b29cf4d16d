package support

import (
	"math/big"
	"strconv"
	"strings"
	"testing"
)

func TestCmpDecimal(t *testing.T) {
	cases := []struct {
		tok  string
		b    int64
		want int
	}{
		{"0", 0, 0}, {"-0", 0, 0}, {"0.0e5", 0, 0}, {"1e-99999999999", 0, 1}, {"-1e-99999999999", 0, -1},
		{"1e99999999999", 5, 1}, {"-1e99999999999", -5, -1}, {"10", 10, 0}, {"1e1", 10, 0}, {"10.0000000000000000001", 10, 1},
		{"9.99999999999999999999", 10, -1}, {"100e-1", 10, 0}, {"-10", 10, -1}, {"-10", -10, 0}, {"-10.5", -10, -1},
		{"-9.5", -10, 1}, {"0.5", 0, 1}, {"-0.5", 0, -1}, {"9007199254740993", 9007199254740992, 1}, {"123", 45, 1}, {"45", 123, -1},
	}
	for _, c := range cases {
		if got := cmpDecimal([]byte(c.tok), c.b); got != c.want {
			t.Errorf("cmpDecimal(%s, %d) = %d, want %d", c.tok, c.b, got, c.want)
		}
	}
}

// FuzzCmpDecimal compares cmpDecimal with math/big on numbers with
// exponents small enough for big.Rat.
func FuzzCmpDecimal(f *testing.F) {
	f.Add(int64(12345), int8(-3), int64(12))
	f.Add(int64(-5), int8(2), int64(-500))
	f.Fuzz(func(t *testing.T, mant int64, exp int8, b int64) {
		tok := big.NewInt(mant).String() + "e" + big.NewInt(int64(exp)).String()
		r, _ := new(big.Rat).SetString(tok)
		want := r.Cmp(new(big.Rat).SetInt64(b))
		if got := cmpDecimal([]byte(tok), b); got != want {
			t.Fatalf("cmpDecimal(%s, %d) = %d, want %d", tok, b, got, want)
		}
	})
}

func TestReadNumber(t *testing.T) {
	cases := []struct {
		doc  string
		want float64
		ok   bool
		rule string
	}{
		{"0.5", 0.5, true, ""},
		{"-10", -10, true, ""},
		{"10", 10, true, ""},
		{"10.000000000000000000001", 0, false, "max"},
		{"-10.000000000000000000001", 0, false, "min"},
		{"1e400", 0, false, "max"},
		{"-1e400", 0, false, "min"},
		{"1e-400", 0, true, ""},
		{`"5"`, 0, false, "type"},
		{"null", 0, false, "type"},
	}
	for _, c := range cases {
		var d decoder
		d.init([]byte(c.doc))
		got, ok := d.readNumber(nil, "type", -10, 10, "min", "max")
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("readNumber(%s) = %v, %v; want %v, %v", c.doc, got, ok, c.want, c.ok)
		}
		err := d.finish()
		if c.rule == "" {
			if err != nil {
				t.Errorf("readNumber(%s): %v", c.doc, err)
			}
			continue
		}
		verr, isVerr := err.(*ValidationError)
		if !isVerr || len(verr.Violations) != 1 || verr.Violations[0].Rule != c.rule {
			t.Errorf("readNumber(%s): error %v, want one violation of %s", c.doc, err, c.rule)
		}
	}
}

func TestAddValue(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{"S3_SINK", `must be X, got "S3_SINK" when y`},
		{"a\"b", `must be X, got "a\"b" when y`},
		{"tab\there", `must be X, got "tab\there" when y`},
		{"日本", `must be X, got "日本" when y`},
	} {
		var vs violationList
		p := (*jsonPath)(nil).member("sink_type")
		vs.addValue(&p, "rule", "must be X, got ", c.value, " when y")
		err := vs.err().(*ValidationError)
		if got := err.Violations[0].Message; got != c.want {
			t.Errorf("addValue(%q) message %q, want %q", c.value, got, c.want)
		}
		if err.Violations[0].Path != "/sink_type" || len(err.Violations) != 1 {
			t.Errorf("violations %+v", err.Violations)
		}
	}
	// One violation: the path, the message and the error are the only
	// allocations.
	allocs := testing.AllocsPerRun(100, func() {
		var vs violationList
		p := (*jsonPath)(nil).member("sink_type")
		vs.addValue(&p, "rule", "must be X, got ", "S3_SINK", "")
		_ = vs.err()
	})
	if allocs > 2 {
		t.Errorf("one violation allocates %v times, want 2 (the path and message, and the error)", allocs)
	}
}

func TestViolationListMany(t *testing.T) {
	var vs violationList
	for i := range 5 {
		vs.add(nil, "r", strconv.Itoa(i))
	}
	err := vs.err().(*ValidationError)
	if len(err.Violations) != 5 || err.Violations[0].Message != "0" || err.Violations[4].Message != "4" {
		t.Errorf("violations %+v", err.Violations)
	}
}

func TestField(t *testing.T) {
	var root *jsonPath
	top := root.field("/a~1b")
	if got := top.String(); got != "/a~1b" {
		t.Errorf("field path %q", got)
	}
	inner := top.item(2)
	deeper := inner.field("/c")
	if got := deeper.String(); got != "/a~1b/2/c" {
		t.Errorf("nested path %q", got)
	}
	var vs violationList
	vs.addField(nil, "/x", "r", "m")
	vs.addField(&deeper, "/d", "r", "m")
	err := vs.err().(*ValidationError)
	if err.Violations[0].Path != "/x" || err.Violations[1].Path != "/a~1b/2/c/d" {
		t.Errorf("violations %+v", err.Violations)
	}
}

func TestClosest(t *testing.T) {
	known := []string{"rename_topic_enabled", "topics_mapping", "task_num", "id"}
	for _, c := range []struct{ name, want string }{
		{"rename_topic_enable", "rename_topic_enabled"},
		{"renametopicenabled", "rename_topic_enabled"},
		{"topic_mapping", "topics_mapping"},
		{"task_nums", "task_num"},
		{"ix", "id"},
		{"task", ""},
		{"completely_else", ""},
		{"", ""},
	} {
		if got := closest(c.name, known); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	var d decoder
	d.init([]byte(`{"rename_topic_enable":true}`))
	d.beginObject(nil, "#")
	name, _ := d.nextMember(nil)
	d.unknownMember(nil, name, "#/ap", known)
	d.nextMember(nil)
	err := d.finish().(*ValidationError)
	if got := err.Violations[0].Message; got != `unknown field; did you mean "rename_topic_enabled"?` {
		t.Errorf("message %q", got)
	}
}

// TestReadNumberIn: decimal bounds compare with the document's digits, not
// with its float64: 0.09999999999999999999 is below 0.1 although both
// read as the same float64.
func TestReadNumberIn(t *testing.T) {
	for _, c := range []struct {
		doc, min, max string
		ok            bool
	}{
		{"0.1", "0.1", "99.99", true},
		{"0.09999999999999999999", "0.1", "", false},
		{"99.99", "0.1", "99.99", true},
		{"99.99000000000000000001", "", "99.99", false},
		{"1e2", "", "99.99", false},
		{"-0.5", "-0.5", "", true},
		{"7", "", "", true},
		{"1e400", "", "", false}, // beyond a float64
	} {
		var d decoder
		d.init([]byte(c.doc))
		_, ok := d.readNumberIn(nil, "#/type", c.min, c.max, "#/minimum", "#/maximum")
		err := d.finish()
		if ok != c.ok || (err == nil) != c.ok {
			t.Errorf("%s in [%s, %s]: ok %v, err %v; want ok %v", c.doc, c.min, c.max, ok, err, c.ok)
		}
	}
}

// TestCmpNumbers holds cmpNumbers to math/big on numbers written every
// way JSON allows: signs, zeros, fractions, exponents.
func TestCmpNumbers(t *testing.T) {
	nums := []string{
		"0", "-0", "0.0", "0e5", "1", "-1", "10", "1e1", "100e-1", "0.1", "0.10", "1e-1", "-0.1",
		"0.09999999999999999999", "0.1000000000000000000001", "99.99", "9999e-2", "99.990", "100",
		"12.5", "125e-1", "1.25E+1", "-12.5", "0.000125", "1.25e-4", "123456789012345678901234567890",
		"1.23456789012345678901234567890e29", "-1e-30", "5", "5.0000000000000000000000001", "4.9999999",
	}
	for _, a := range nums {
		for _, b := range nums {
			ra, _ := new(big.Rat).SetString(a)
			rb, _ := new(big.Rat).SetString(b)
			if got, want := cmpNumbers([]byte(a), []byte(b)), ra.Cmp(rb); got != want {
				t.Errorf("cmpNumbers(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { cmpNumbers([]byte("0.07"), []byte("99.99")) }); n != 0 {
		t.Errorf("cmpNumbers allocates %v times", n)
	}
	tok := []byte("12.5e3")
	if n := testing.AllocsPerRun(100, func() { cmpDecimal(tok, 12500) }); n != 0 {
		t.Errorf("cmpDecimal allocates %v times", n)
	}
}

// FuzzCmpNumbers holds cmpNumbers to math/big on numbers with a point
// and an exponent at any place.
func FuzzCmpNumbers(f *testing.F) {
	f.Add(int64(12345), uint8(2), int8(-3), int64(-7), uint8(0), int8(1))
	f.Add(int64(5), uint8(1), int8(0), int64(50), uint8(2), int8(0))
	f.Fuzz(func(t *testing.T, ma int64, pa uint8, ea int8, mb int64, pb uint8, eb int8) {
		text := func(m int64, point uint8, e int8) string {
			digits := big.NewInt(m).String()
			neg := strings.HasPrefix(digits, "-")
			digits = strings.TrimPrefix(digits, "-")
			if p := int(point) % (len(digits) + 1); p > 0 && p < len(digits) {
				digits = digits[:p] + "." + digits[p:]
			}
			if neg {
				digits = "-" + digits
			}
			return digits + "e" + strconv.Itoa(int(e))
		}
		a, b := text(ma, pa, ea), text(mb, pb, eb)
		ra, _ := new(big.Rat).SetString(a)
		rb, _ := new(big.Rat).SetString(b)
		if got, want := cmpNumbers([]byte(a), []byte(b)), ra.Cmp(rb); got != want {
			t.Fatalf("cmpNumbers(%s, %s) = %d, want %d", a, b, got, want)
		}
	})
}
