package smartconnect_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/internal/reference"
)

// examples returns the page's examples as the schema carries them.
func examples(t testing.TB) []reference.Example {
	t.Helper()
	doc, err := reference.Load(reference.SchemaPath())
	if err != nil {
		t.Fatal(err)
	}
	exs, err := doc.Examples()
	if err != nil {
		t.Fatal(err)
	}
	return exs
}

// sameJSON reports whether two JSON texts are the same value.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

// TestExamplesRoundTrip decodes each of the page's examples with the
// generated decoder and encodes it again: the JSON must be the same value.
func TestExamplesRoundTrip(t *testing.T) {
	exs := examples(t)
	var requests, responses int
	for _, ex := range exs {
		t.Run(ex.Name, func(t *testing.T) {
			var out []byte
			var err error
			if ex.Request {
				requests++
				var req *smartconnect.CreateConnectorTaskRequest
				req, err = smartconnect.DecodeCreateConnectorTaskRequest(ex.JSON)
				if err == nil {
					err = req.Validate()
				}
				if err == nil {
					out, err = smartconnect.EncodeCreateConnectorTaskRequest(req)
				}
			} else {
				responses++
				var resp *smartconnect.CreateConnectorTaskResponse
				resp, err = smartconnect.DecodeCreateConnectorTaskResponse(ex.JSON)
				if err == nil {
					out, err = smartconnect.EncodeCreateConnectorTaskResponse(resp)
				}
			}
			if err != nil {
				t.Fatalf("example %s: %v", ex.Name, err)
			}
			if !sameJSON(t, ex.JSON, out) {
				t.Errorf("round trip changed the document:\n in: %s\nout: %s", ex.JSON, out)
			}
		})
	}
	if requests != 3 || responses != 1 {
		t.Errorf("found %d request and %d response examples, want the page's 3 and 1", requests, responses)
	}
}

// TestResponseKeepsUnknownEnumValue checks the lenient side: the page's
// response example has sync_mode "RDB_ONLY," (with a stray comma), which is
// kept as is and is not one of the known values.
func TestResponseKeepsUnknownEnumValue(t *testing.T) {
	for _, ex := range examples(t) {
		if ex.Request {
			continue
		}
		resp, err := smartconnect.DecodeCreateConnectorTaskResponse(ex.JSON)
		if err != nil {
			t.Fatal(err)
		}
		got := *resp.SourceTask.SyncMode
		if got != "RDB_ONLY," || got.Valid() {
			t.Errorf("sync_mode = %q (valid %v), want the unknown value kept", got, got.Valid())
		}
	}
}

// TestResponseIgnoresUnknownMembers checks that members the service adds
// do not break decoding of a response.
func TestResponseIgnoresUnknownMembers(t *testing.T) {
	doc := []byte(`{"id":"x","added_later":{"a":[1,2,{"b":null}]},"status":"RUNNING"}`)
	resp, err := smartconnect.DecodeCreateConnectorTaskResponse(doc)
	if err != nil {
		t.Fatal(err)
	}
	if *resp.ID != "x" || *resp.Status != "RUNNING" {
		t.Errorf("got %v", resp)
	}
}

// TestZeroValuesSurvive checks that presence is data: a zero rate limit and
// a false store_keys are sent, not dropped.
func TestZeroValuesSurvive(t *testing.T) {
	doc := []byte(`{"source_task":{"ratelimit":0},"sink_task":{"store_keys":false,"obs_path":""}}`)
	req, err := smartconnect.DecodeCreateConnectorTaskRequest(doc)
	if err != nil {
		t.Fatal(err)
	}
	if req.SourceTask.Ratelimit == nil || *req.SourceTask.Ratelimit != 0 {
		t.Errorf("ratelimit = %v, want present and 0", req.SourceTask.Ratelimit)
	}
	if req.SinkTask.StoreKeys == nil || *req.SinkTask.StoreKeys {
		t.Errorf("store_keys = %v, want present and false", req.SinkTask.StoreKeys)
	}
	if req.SinkTask.DeliverTimeInterval != nil {
		t.Errorf("deliver_time_interval is set but was absent")
	}
	out, err := smartconnect.EncodeCreateConnectorTaskRequest(req)
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, doc, out) {
		t.Errorf("round trip changed the document:\n in: %s\nout: %s", doc, out)
	}
	// Without secrets, encoding/json writes the same document.
	if std, err := json.Marshal(req); err != nil || !sameJSON(t, std, out) {
		t.Errorf("encoding/json writes %s (%v), Encode %s", std, err, out)
	}
	// Built in Go, the zero values are kept too.
	built := smartconnect.CreateConnectorTaskRequest{
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{Ratelimit: smartconnect.Ptr[int32](0)},
		SinkTask:   &smartconnect.SmartConnectTaskReqSinkConfig{StoreKeys: smartconnect.Ptr(false), OBSPath: smartconnect.Ptr("")},
	}
	out, err = smartconnect.EncodeCreateConnectorTaskRequest(&built)
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, doc, out) {
		t.Errorf("built request encodes as %s, want %s", out, doc)
	}
}
