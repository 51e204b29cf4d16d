package support

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
)

// benchDoc returns a realistic document of about 40 KB: an object with an
// array of records mixing every JSON type, escapes and non-ASCII text.
var benchDoc = sync.OnceValue(func() string {
	var b strings.Builder
	b.WriteString(`{"kind":"list","version":3,"items":[`)
	for i := range 100 {
		if i > 0 {
			b.WriteString(",\n  ")
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"connector-%d","description":"Reads \"orders\" from the primary database and writes them to the warehouse; owner: team-%d.\nSecond line with a tab\tand unicode: caf\u00e9 \u2603 \ud83d\ude00.",`+
			`"enabled":%v,"ratio":%g,"count":%d,"big":%de10,"owner":null,`+
			`"tags":["alpha","beta","gamma-%d","δέλτα"],"config":{"host":"db-%d.internal.example.com","port":5432,"timeout_ms":1500,"retry":{"max":5,"backoff":2.5}},`+
			`"matrix":[[1,2,3],[4,5,6],[]],"note":"%s"}`,
			i, i, i%7, i%2 == 0, float64(i)/7, i*1000, i, i, i, strings.Repeat("lorem ipsum dolor sit amet ", 4))
	}
	b.WriteString(`]}`)
	return b.String()
})

func BenchmarkSkip(b *testing.B) {
	doc := []byte(benchDoc())
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	var d decoder
	for b.Loop() {
		d.init(doc)
		d.skipAny()
		if d.finish() != nil {
			b.Fatal("error")
		}
	}
}

func BenchmarkSkipEncodingJSONValid(b *testing.B) {
	doc := []byte(benchDoc())
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if !validJSON(doc) {
			b.Fatal("invalid")
		}
	}
}

// benchStrings are string tokens for the readString benchmarks.
var benchStrings = []struct{ name, tok string }{
	{"Short", `"connector-42"`},
	{"Long", `"` + strings.Repeat("lorem ipsum dolor sit amet ", 40) + `"`},
	{"Unicode", `"` + strings.Repeat("café ☃ δέλτα ", 20) + `"`},
	{"Escaped", `"` + strings.Repeat(`line\n\"quoted\" \u00e9\ud83d\ude00 `, 20) + `"`},
}

func BenchmarkReadString(b *testing.B) {
	for _, bs := range benchStrings {
		tok := []byte(bs.tok)
		b.Run(bs.name, func(b *testing.B) {
			b.SetBytes(int64(len(tok)))
			b.ReportAllocs()
			var d decoder
			for b.Loop() {
				d.init(tok)
				if _, ok := d.readString(nil, "#"); !ok {
					b.Fatal("error")
				}
			}
		})
		b.Run(bs.name+"EncodingJSON", func(b *testing.B) {
			b.SetBytes(int64(len(tok)))
			b.ReportAllocs()
			for b.Loop() {
				var s string
				if err := json.Unmarshal(tok, &s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchInts are number tokens for the readInt benchmarks.
var benchInts = []struct{ name, tok string }{
	{"Small", `42`},
	{"Large", `-9223372036854775808`},
	{"Spelled", `12.5e1`},
}

func BenchmarkReadInt(b *testing.B) {
	for _, bi := range benchInts {
		tok := []byte(bi.tok)
		b.Run(bi.name, func(b *testing.B) {
			b.ReportAllocs()
			var d decoder
			for b.Loop() {
				d.init(tok)
				if _, ok := d.readInt(nil, "#", math.MinInt64, math.MaxInt64, "#", "#"); !ok {
					b.Fatal("error")
				}
			}
		})
		if bi.name == "Spelled" {
			continue // encoding/json rejects 12.5e1 for an int64
		}
		b.Run(bi.name+"EncodingJSON", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var n int64
				if err := json.Unmarshal(tok, &n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseFloat(b *testing.B) {
	for _, tok := range []string{`0.5`, `-1234.5678e-3`, `1.7976931348623157e308`} {
		tok := []byte(tok)
		b.Run(string(tok), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := parseFloat(tok); !ok {
					b.Fatal("error")
				}
			}
		})
		b.Run(string(tok)+"/EncodingJSON", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var f float64
				if err := json.Unmarshal(tok, &f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchObject is a document for decodeTestDoc and its encoding/json twin.
const benchObject = `{"name":"connector-42","count":42,"ratio":0.125,"ok":true,` +
	`"tags":["alpha","beta","gamma","delta"],"sub":{"id":3,"items":[[1,2,3],[4,5,6]],"extra":{"x":[1,2,{"y":null}]}},"key":"s3cr3t"}`

// jsonTestDoc is testDoc for encoding/json.
type jsonTestDoc struct {
	Name  string       `json:"name"`
	Count int64        `json:"count"`
	Ratio float64      `json:"ratio"`
	OK    bool         `json:"ok"`
	Tags  []string     `json:"tags"`
	Sub   *jsonTestSub `json:"sub"`
	Key   Secret       `json:"key"`
}

// jsonTestSub is testSub for encoding/json.
type jsonTestSub struct {
	ID    int64     `json:"id"`
	Items [][]int64 `json:"items"`
	Extra any       `json:"extra"`
}

func BenchmarkDecodeObject(b *testing.B) {
	doc := []byte(benchObject)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeTestDoc(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeObjectEncodingJSON(b *testing.B) {
	doc := []byte(benchObject)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		var v jsonTestDoc
		if err := json.Unmarshal(doc, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeObjectEncodingJSONStrict adds what the decoder checks on
// top: unknown fields (DisallowUnknownFields would reject "extra", so the
// twin keeps it) and validity.
func BenchmarkDecodeObjectEncodingJSONStrict(b *testing.B) {
	doc := []byte(benchObject)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		dec := json.NewDecoder(strings.NewReader(benchObject))
		dec.DisallowUnknownFields()
		var v jsonTestDoc
		if err := dec.Decode(&v); err != nil {
			b.Fatal(err)
		}
	}
}
