package support

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// stdlibJSON is encoding/json's encoding of v, without HTML escaping.
func stdlibJSON(t testing.TB, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "\n\r\t\b\f\x00\x1f", "<&>", "é\u2028\u2029😀", "bad\xffutf8\xc3", "\x7f"} {
		if got, want := string(appendJSONString(nil, s)), stdlibJSON(t, s); got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
		if got := string(appendJSONString(nil, []byte(s))); got != stdlibJSON(t, s) {
			t.Errorf("appendJSONString([]byte(%q)) = %s", s, got)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\xff", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), stdlibJSON(t, s); got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestAppendJSONFloat(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1.5, 1e20, 1e21, 123456789e15, 1e-6, 1e-7, 5e-324, math.MaxFloat64, 0.1, 1.0 / 3} {
		if got, want := string(appendJSONFloat(nil, f)), stdlibJSON(t, f); got != want {
			t.Errorf("appendJSONFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

func FuzzAppendJSONFloat(f *testing.F) {
	f.Add(1.5)
	f.Add(1e-9)
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		if got, want := string(appendJSONFloat(nil, v)), stdlibJSON(t, v); got != want {
			t.Errorf("appendJSONFloat(%v) = %s, want %s", v, got, want)
		}
	})
}

// TestEncoder writes a nested document and checks it, and that NaN is an
// error.
func TestEncoder(t *testing.T) {
	var e encoder
	e.beginObject()
	e.member(`"a":`)
	e.string("x")
	e.member(`"b":`)
	e.beginArray()
	e.item()
	e.int(1)
	e.item()
	e.bool(true)
	e.item()
	e.null()
	e.item()
	e.beginObject()
	e.endObject()
	e.endArray()
	e.key("k/\"")
	e.secret(NewSecret("s3cr\"t"))
	e.member(`"n":`)
	e.number(2.5)
	e.endObject()
	got, err := e.finish()
	if want := `{"a":"x","b":[1,true,null,{}],"k/\"":"s3cr\"t","n":2.5}`; err != nil || string(got) != want {
		t.Errorf("got %s, %v; want %s", got, err, want)
	}
	var bad encoder
	bad.number(math.NaN())
	if _, err := bad.finish(); err == nil {
		t.Error("NaN encoded without an error")
	}
}

// TestEncodeSecretAllocs: writing a secret allocates nothing beyond the
// document's own growth.
func TestEncodeSecretAllocs(t *testing.T) {
	s := NewSecret("a secret value")
	e := encoder{b: make([]byte, 0, 256)}
	if n := testing.AllocsPerRun(100, func() { e.b = e.b[:0]; e.secret(s) }); n != 0 {
		t.Errorf("secret allocates %v times", n)
	}
}
