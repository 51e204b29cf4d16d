package smartconnect_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// TestJSONUnmarshalIsStrict: json.Unmarshal and json.Decoder into a
// request type give the strict decoder's verdict, so the usual Go habit
// does not accept typos; into a response type, the lenient one's.
func TestJSONUnmarshalIsStrict(t *testing.T) {
	for _, doc := range []string{
		`{"taks_name":"t"}`,
		`{"source_task":{"redis_passwrd":"x"}}`,
		`{"task_name":null}`,
		`{"task_name":"a","task_name":"b"}`,
		`{"start_later":"yes"}`,
	} {
		var req smartconnect.CreateConnectorTaskRequest
		err := json.Unmarshal([]byte(doc), &req)
		var verr *smartconnect.ValidationError
		if !errors.As(err, &verr) {
			t.Errorf("json.Unmarshal(%s) = %v, want a *ValidationError", doc, err)
		}
		if err := json.NewDecoder(strings.NewReader(doc)).Decode(&req); err == nil {
			t.Errorf("json.Decoder accepted %s", doc)
		}
	}
	var req smartconnect.CreateConnectorTaskRequest
	if err := json.Unmarshal([]byte(`{"task_name":"t","taks_name":"u"}`), &req); err == nil || !strings.Contains(err.Error(), `did you mean "task_name"`) {
		t.Errorf("the typo is not named: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"task_name":"t"}`), &req); err != nil || *req.TaskName != "t" {
		t.Errorf("a good request: %v %v", err, req)
	}
	var task smartconnect.SmartConnectTaskEntity
	if err := json.Unmarshal([]byte(`{"id":"x","added_later":1}`), &task); err != nil || *task.ID != "x" {
		t.Errorf("a response with a new member: %v", err)
	}
	// Nested in the user's own type.
	var wrapper struct {
		Req smartconnect.CreateConnectorTaskRequest
	}
	if err := json.Unmarshal([]byte(`{"Req":{"taks_name":"t"}}`), &wrapper); err == nil {
		t.Error("a request nested in another type accepted a typo")
	}
}

// TestDecodeFrom: the io.Reader form reads at most MaxDocumentSize bytes
// and gives Decode's verdict.
func TestDecodeFrom(t *testing.T) {
	req, err := smartconnect.DecodeCreateConnectorTaskRequestFrom(strings.NewReader(`{"task_name":"t"}`))
	if err != nil || *req.TaskName != "t" {
		t.Fatalf("got %v, %v", req, err)
	}
	if _, err := smartconnect.DecodeCreateConnectorTaskRequestFrom(strings.NewReader(`{"taks_name":"t"}`)); err == nil {
		t.Error("a typo was accepted")
	}
	big := bytes.NewReader(bytes.Repeat([]byte(" "), smartconnect.MaxDocumentSize+1))
	if _, err := smartconnect.DecodeCreateConnectorTaskRequestFrom(big); err == nil || !strings.Contains(err.Error(), "MaxDocumentSize") {
		t.Errorf("a document beyond the limit: %v", err)
	}
}

// TestMalformedJSONSaysWhere: malformed JSON names its line and column, a
// byte order mark and invalid UTF-8 are named, and both are rejected (the
// reference pipeline of the tests rejects them too).
func TestMalformedJSONSaysWhere(t *testing.T) {
	for doc, want := range map[string]string{
		"{\n  \"task_name\": \"t\",\n  \"topics\": x\n}": "line 3, column 13 (byte offset 34)",
		"\ufeff{\"task_name\":\"t\"}":                    "byte order mark (BOM)",
		"{\"task_name\":\"caf\xe9\"}":                    "expected UTF-8 text in a string, found an invalid byte",
		"{\"task_name\":\"t\"}\n{\"task_name\":\"u\"}":   "line 2, column 1",
	} {
		_, err := smartconnect.DecodeCreateConnectorTaskRequest([]byte(doc))
		var verr *smartconnect.ValidationError
		if !errors.As(err, &verr) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want a violation saying %q", doc, err, want)
			continue
		}
		if k := verr.Violations[0].Kind(); k != "syntax" {
			t.Errorf("%q: kind %q, want syntax", doc, k)
		}
	}
}

// TestViolationKinds: a program can tell violations apart without parsing
// messages.
func TestViolationKinds(t *testing.T) {
	_, err := smartconnect.DecodeCreateConnectorTaskRequest([]byte(`{"taks_name":"t","start_later":1}`))
	var verr *smartconnect.ValidationError
	if !errors.As(err, &verr) {
		t.Fatal(err)
	}
	var kinds []string
	for _, v := range verr.Violations {
		kinds = append(kinds, v.Kind())
	}
	if strings.Join(kinds, ",") != "unknown,type" {
		t.Errorf("kinds %v", kinds)
	}
	req := smartconnect.CreateConnectorTaskRequest{SourceType: smartconnect.Ptr(smartconnect.SourceTypeRedisReplicatorSource)}
	verr = nil
	if !errors.As(req.Validate(), &verr) || verr.Violations[0].Kind() != "required" {
		t.Errorf("a conditional requirement: %v", verr)
	}
}
