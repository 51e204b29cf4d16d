package smartconnect_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/internal/reference"
)

// fixturesDir holds extra seed documents: the generated package's
// fixtures.
const fixturesDir = "../../../generated/smartconnect/testdata/fixtures"

// maxExponent is the largest exponent magnitude of a number token that the
// fuzz target hands to the reference validator.
//
// santhosh-tekuri/jsonschema/v5 checks "type: integer", minimum and maximum
// with math/big (big.Rat.SetString of the number's text), which computes
// 10^exponent exactly: a token such as 1e999999 takes it a long time, and
// beyond 10^6 big.Rat refuses the text and the reference dereferences a nil
// *big.Rat and panics. Such inputs are skipped. This is a limitation of the
// reference, not a relaxation of the property: the generated decoder
// classifies any exponent exactly, and TestEquivalence checks exponents up
// to this bound (1e10000, 0e10000, 1E-10000).
const maxExponent = 10000

// hugeExponent reports whether data is well-formed JSON holding a number
// token whose exponent is beyond ±maxExponent. Malformed JSON never reaches
// the reference's number handling (it is rejected first), so it is never
// skipped.
func hugeExponent(data []byte) bool {
	if !json.Valid(data) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		n, ok := tok.(json.Number)
		if !ok {
			continue
		}
		i := strings.IndexAny(string(n), "eE")
		if i < 0 {
			continue
		}
		exp := strings.TrimLeft(strings.TrimLeft(string(n[i+1:]), "+-"), "0")
		if len(exp) > len(strconv.Itoa(maxExponent)) {
			return true
		}
		if v, _ := strconv.Atoi(exp); v > maxExponent {
			return true
		}
	}
}

// fixtures returns the documents under fixturesDir, or none when it does
// not exist.
func fixtures(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	err := filepath.WalkDir(fixturesDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".json") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out = append(out, data)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		tb.Fatal(err)
	}
	return out
}

// FuzzEquivalence checks the central property on any byte string: our
// decoder followed by Validate accepts it exactly when the reference JSON
// Schema validator does.
func FuzzEquivalence(f *testing.F) {
	for _, ex := range examples(f) {
		if ex.Request && ex.Op == "CreateConnectorTask" {
			f.Add(ex.JSON)
		}
	}
	for _, c := range equivalenceCases(f) {
		f.Add([]byte(c.doc))
	}
	for _, doc := range fixtures(f) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if hugeExponent(data) {
			t.Skip("a number's exponent is beyond what the reference validator handles")
		}
		ours, ref := verdicts(data)
		if (ours == nil) != (ref == nil) {
			t.Fatalf("verdicts disagree\ndocument: %q\nours: %v\nreference: %v", data, ours, ref)
		}
		if ours != nil {
			var ve *smartconnect.ValidationError
			if !errors.As(ours, &ve) || len(ve.Violations) == 0 {
				t.Fatalf("document %q: our error %T (%v) is not a *ValidationError with violations", data, ours, ours)
			}
		}
	})
}

func TestHugeExponent(t *testing.T) {
	for doc, want := range map[string]bool{
		`1e10000`:              false,
		`1e10001`:              true,
		`{"a":[0E-000010001]}`: true,
		`1e+0000000000010000`:  false,
		`"1e99999"`:            false,
		`1e99999 x`:            false, // malformed: the reference rejects it first
		`[1.5,2e-99999999]`:    true,
	} {
		if got := hugeExponent([]byte(doc)); got != want {
			t.Errorf("hugeExponent(%s) = %v, want %v", doc, got, want)
		}
	}
}

// responseSchema is the reference validator for the response body.
var responseSchema = sync.OnceValue(func() *jsonschema.Schema {
	doc, err := reference.Load(reference.SchemaPath())
	if err != nil {
		panic(err)
	}
	s, err := doc.Compile("#/components/schemas/SmartConnectTaskEntity")
	if err != nil {
		panic(err)
	}
	return s
})

// responseVerdicts is verdicts for the lenient response decoder.
func responseVerdicts(d []byte) (ours, ref error) {
	resp, err := smartconnect.DecodeSmartConnectTaskEntity(d)
	if err == nil {
		err = resp.Validate()
	}
	return err, reference.Validate(responseSchema(), d)
}

// FuzzResponseEquivalence holds the lenient response decoder (with
// Validate) to the reference validator on the response schema: members the
// schema does not declare are accepted by both, a repeated member of any
// kind rejected by both. Seeded with the page's responses and variations.
func FuzzResponseEquivalence(f *testing.F) {
	for _, ex := range examples(f) {
		if !ex.Request && (ex.Op == "CreateConnectorTask" || ex.Op == "ShowConnectorTask") {
			f.Add(ex.JSON)
			f.Add(append(bytes.TrimSuffix(bytes.TrimSpace(ex.JSON), []byte("}")), []byte(`,"extra":{"a":[1,null]},"extra":2}`)...))
		}
	}
	for _, doc := range []string{`{}`, `{"x":1,"x":2}`, `{"x":1,"y":2}`, `{"source_task":{"q":1,"q":1}}`, `{"create_time":1.5}`,
		`{"create_time":9223372036854775808}`, `{"status":null}`, `{"source_type":"NEW_KIND"}`, `{"sink_task":[]}`, `[]`, `{"id":"a","id":"a"}`} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if hugeExponent(data) {
			t.Skip("a number's exponent is beyond what the reference validator handles")
		}
		ours, ref := responseVerdicts(data)
		if (ours == nil) != (ref == nil) {
			t.Fatalf("verdicts disagree\ndocument: %q\nours: %v\nreference: %v", data, ours, ref)
		}
	})
}

// bodies are the body types of every operation, requests and responses,
// each with the generated decode-and-validate and the reference schema.
type body struct {
	name  string
	check func([]byte) error
}

func allBodies() []body {
	seen := map[string]bool{}
	var out []body
	for _, op := range smartconnect.Operations() {
		for _, b := range []body{{op.Request, op.CheckRequest}, {op.Response, op.CheckResponse}} {
			if b.check != nil && !seen[b.name] {
				seen[b.name] = true
				out = append(out, b)
			}
		}
	}
	return out
}

// bodySchemas compiles the reference schema of every body type.
var bodySchemas = sync.OnceValue(func() map[string]*jsonschema.Schema {
	doc, err := reference.Load(reference.SchemaPath())
	if err != nil {
		panic(err)
	}
	m := map[string]*jsonschema.Schema{}
	for _, b := range allBodies() {
		s, err := doc.Compile("#/components/schemas/" + b.name)
		if err != nil {
			panic(err)
		}
		m[b.name] = s
	}
	return m
})

// FuzzBodies holds every body type of every operation (the request types
// strictly, the response types leniently) to the reference validator: the
// first byte picks the type, the rest is the document. Seeded with every
// fixture and example.
func FuzzBodies(f *testing.F) {
	bodies := allBodies()
	index := map[string]byte{}
	for i, b := range bodies {
		index[b.name] = byte(i)
	}
	files, _ := filepath.Glob(filepath.Join(fixturesDir, "*", "*.json"))
	for _, file := range files {
		i, ok := index[filepath.Base(filepath.Dir(file))]
		data, err := os.ReadFile(file)
		if ok && err == nil {
			f.Add(append([]byte{i}, data...))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		b := bodies[int(in[0])%len(bodies)]
		data := in[1:]
		if hugeExponent(data) {
			t.Skip("a number's exponent is beyond what the reference validator handles")
		}
		ours := b.check(data)
		ref := reference.Validate(bodySchemas()[b.name], data)
		if (ours == nil) != (ref == nil) {
			t.Fatalf("%s: verdicts disagree\ndocument: %q\nours: %v\nreference: %v", b.name, data, ours, ref)
		}
	})
}
