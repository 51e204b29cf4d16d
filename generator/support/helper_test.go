package support

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// decodeStrings is a tiny hand-written "generated" decoder: an object whose
// members are all strings, stored in a map. Repeated names are duplicates.
// It exercises the object API end to end.
func decodeStrings(data []byte) (map[string]string, error) {
	var d decoder
	d.init(data)
	var m map[string]string
	if d.beginObject(nil, "#/type") {
		m = map[string]string{}
		for {
			name, ok := d.nextMember(nil)
			if !ok {
				break
			}
			if _, dup := m[string(name)]; dup {
				d.duplicateMember(nil, name)
				continue
			}
			p := (*jsonPath)(nil).member(string(name))
			if s, ok := d.readString(&p, "#/additionalProperties/type"); ok {
				m[string(name)] = s
			} else {
				m[string(name)] = ""
			}
		}
	}
	return m, d.finish()
}

// testDoc is what a generated type looks like; decode is what a generated
// Decode function does with it.
type testDoc struct {
	Name  string
	Count int64
	Ratio float64
	OK    bool
	Tags  []string
	Sub   *testSub
	Key   Secret
}

// testSub is a nested object of testDoc, nullable.
type testSub struct {
	ID    int64
	Items [][]int64
}

const (
	ruleDoc   = "#/components/schemas/Doc"
	ruleSub   = "#/components/schemas/Sub"
	ruleCount = ruleDoc + "/properties/count"
)

// decodeTestDoc decodes data into a testDoc as generated code would: strict
// (unknown members are violations), duplicates rejected, every problem
// reported.
func decodeTestDoc(data []byte) (*testDoc, error) {
	var d decoder
	d.init(data)
	var v testDoc
	v.decode(&d, nil)
	return &v, d.finish()
}

func (v *testDoc) decode(d *decoder, p *jsonPath) {
	if !d.beginObject(p, ruleDoc+"/type") {
		return
	}
	var seen uint64
	for {
		name, ok := d.nextMember(nil)
		if !ok {
			return
		}
		var bit uint64
		switch string(name) {
		case "name":
			bit = 1
		case "count":
			bit = 2
		case "ratio":
			bit = 4
		case "ok":
			bit = 8
		case "tags":
			bit = 16
		case "sub":
			bit = 32
		case "key":
			bit = 64
		default:
			d.unknownMember(p, name, ruleDoc+"/additionalProperties", nil)
			continue
		}
		if d.repeated(&seen, bit, p, name) {
			continue
		}
		switch bit {
		case 1:
			m := p.member("name")
			v.Name, _ = d.readString(&m, ruleDoc+"/properties/name/type")
		case 2:
			m := p.member("count")
			v.Count, _ = d.readInt(&m, ruleCount+"/type", 0, 100, ruleCount+"/minimum", ruleCount+"/maximum")
		case 4:
			m := p.member("ratio")
			v.Ratio, _ = d.readNumber(&m, ruleDoc+"/properties/ratio/type", -1e6, 1e6, ruleDoc+"/properties/ratio/minimum", ruleDoc+"/properties/ratio/maximum")
		case 8:
			m := p.member("ok")
			v.OK, _ = d.readBool(&m, ruleDoc+"/properties/ok/type")
		case 16:
			m := p.member("tags")
			if d.beginArray(&m, ruleDoc+"/properties/tags/type") {
				for i := 0; d.nextItem(nil); i++ {
					it := m.item(i)
					s, _ := d.readString(&it, ruleDoc+"/properties/tags/items/type")
					v.Tags = append(v.Tags, s)
				}
			}
		case 32:
			m := p.member("sub")
			if d.readNull() {
				v.Sub = nil
				continue
			}
			v.Sub = new(testSub)
			v.Sub.decode(d, &m)
		case 64:
			m := p.member("key")
			s, _ := d.readString(&m, ruleDoc+"/properties/key/type")
			v.Key = NewSecret(s)
		}
	}
}

func (v *testSub) decode(d *decoder, p *jsonPath) {
	if !d.beginObject(p, ruleSub+"/type") {
		return
	}
	for {
		name, ok := d.nextMember(nil)
		if !ok {
			return
		}
		switch string(name) {
		case "id":
			m := p.member("id")
			v.ID, _ = d.readInt(&m, ruleSub+"/properties/id/type", -5, 5, ruleSub+"/properties/id/minimum", ruleSub+"/properties/id/maximum")
		case "items":
			m := p.member("items")
			if !d.beginArray(&m, ruleSub+"/properties/items/type") {
				continue
			}
			for i := 0; d.nextItem(nil); i++ {
				it := m.item(i)
				var row []int64
				if d.beginArray(&it, ruleSub+"/properties/items/items/type") {
					for j := 0; d.nextItem(nil); j++ {
						jt := it.item(j)
						n, _ := d.readInt(&jt, "#/int", -1<<63, 1<<63-1, "#/min", "#/max")
						row = append(row, n)
					}
				}
				v.Items = append(v.Items, row)
			}
		default:
			// Lenient: unknown members are skipped.
			d.skipAny()
		}
	}
}

// violations returns the violations of err (nil for a nil error).
func violations(err error) []Violation {
	if err == nil {
		return nil
	}
	return err.(*ValidationError).Violations
}

// fmtViolations writes vs one per line as path|rule|message, for diffs.
func fmtViolations(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(v.Path + "|" + v.Rule + "|" + v.Message + "\n")
	}
	return b.String()
}

// skipAny skips the next value, whatever it is, checking its syntax.
func (d *decoder) skipAny() {
	if !d.failed {
		d.skipValue(nil)
	}
}

// validJSON is what the decoder accepts as JSON text: what json.Valid
// accepts, in valid UTF-8 (RFC 8259 section 8.1; encoding/json would
// replace invalid bytes).
func validJSON(data []byte) bool {
	return json.Valid(data) && utf8.Valid(data)
}
