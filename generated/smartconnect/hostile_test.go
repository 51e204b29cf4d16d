package smartconnect_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// TestPathSegments: a path parameter that is empty, "." or ".." is a
// violation at the parameter, from Path and from Validate, so that a
// request never addresses another endpoint; anything else stays inside its
// segment.
func TestPathSegments(t *testing.T) {
	for _, bad := range []string{"", ".", ".."} {
		for _, p := range []smartconnect.CreateConnectorTaskParams{{ProjectID: bad, InstanceID: "i"}, {ProjectID: "p", InstanceID: bad}} {
			path, err := p.Path()
			var verr *smartconnect.ValidationError
			if path != "" || !errors.As(err, &verr) || len(verr.Violations) != 1 {
				t.Errorf("Path(%+v) = %q, %v; want a violation", p, path, err)
				continue
			}
			want := "/project_id"
			if p.ProjectID != bad {
				want = "/instance_id"
			}
			if v := verr.Violations[0]; v.Path != want || !strings.HasPrefix(v.Rule, "#/paths/") {
				t.Errorf("Path(%+v): violation %+v, want one at %s", p, v, want)
			}
			if err := p.Validate(); err == nil {
				t.Errorf("Validate(%+v) = nil", p)
			}
		}
	}
	for _, ok := range []string{"...", "a/..", "../a", "%2e%2e", " ", "a b"} {
		p := smartconnect.CreateConnectorTaskParams{ProjectID: ok, InstanceID: "i"}
		path, err := p.Path()
		if err != nil || strings.Count(path, "/") != 6 || p.Validate() != nil {
			t.Errorf("Path(%q) = %q, %v", ok, path, err)
		}
	}
}

// hugeUnknown is a request of n bytes or so made of unknown members.
func hugeUnknown(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"task_name":"t"`)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(`,"unknown_member_`)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(`":[1,2,{"a":"b"}]`)
	}
	b.WriteString("}")
	return []byte(b.String())
}

// TestHugeRejectedDocument: 10 MB of unknown members give at most
// MaxViolations violations, a count of the rest, an error string of a few
// hundred bytes, and memory within a small multiple of the document.
func TestHugeRejectedDocument(t *testing.T) {
	doc := hugeUnknown(10 << 20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := smartconnect.DecodeCreateConnectorTaskRequest(doc)
	runtime.ReadMemStats(&after)
	var verr *smartconnect.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("got %v", err)
	}
	if len(verr.Violations) != smartconnect.MaxViolations || verr.Omitted < 100000 {
		t.Errorf("%d violations and %d omitted", len(verr.Violations), verr.Omitted)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d-byte document: %d violations kept, %d omitted, %d bytes allocated, error of %d bytes",
		len(doc), len(verr.Violations), verr.Omitted, alloc, len(err.Error()))
	if alloc > uint64(len(doc)) {
		t.Errorf("decoding a %d-byte document allocated %d bytes", len(doc), alloc)
	}
	if len(err.Error()) > 300 {
		t.Errorf("the error is %d bytes long", len(err.Error()))
	}
}

// TestResponseRepeatedUnknownMember: the lenient response decoder rejects a
// repeated member it does not declare, as the reference validator does.
func TestResponseRepeatedUnknownMember(t *testing.T) {
	for _, doc := range []string{`{"x":1,"x":2}`, `{"id":"a","x":1,"y":2,"x":3}`, `{"source_task":{"z":1,"z":1}}`} {
		if _, err := smartconnect.DecodeSmartConnectTaskEntity([]byte(doc)); err == nil {
			t.Errorf("%s was accepted", doc)
		}
	}
	if _, err := smartconnect.DecodeSmartConnectTaskEntity([]byte(`{"x":1,"y":2,"id":"a"}`)); err != nil {
		t.Errorf("distinct unknown members: %v", err)
	}
}
