package smartconnect_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	texttemplate "text/template"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// The secret values of the leak tests, one per secret field. They are
// distinctive so that a leak is found wherever and however it is printed.
const (
	markerRedisSource = "S3CR3T-redis-src"
	markerSASL        = "S3CR3T-sasl"
	markerAK          = "S3CR3T-ak"
	markerSK          = "S3CR3T-sk"
	markerRedisSink   = "S3CR3T-redis-sink"
	// markerNumber is a secret sent with the wrong JSON type.
	markerNumber = "31415926535"
)

const redacted = "[REDACTED]"

// secretSet holds a value for each of the five secret fields.
type secretSet struct {
	redisSource, sasl, ak, sk, redisSink string
}

// markerSecrets are the markers; longSecrets are other values, of other
// lengths. A printed form of a request must be the same for both: then it
// shows neither the values nor their lengths.
var (
	markerSecrets = secretSet{markerRedisSource, markerSASL, markerAK, markerSK, markerRedisSink}
	longSecrets   = secretSet{
		markerRedisSource + strings.Repeat("-long", 9),
		markerSASL + "!",
		markerAK + strings.Repeat("0123456789", 5),
		"", // an empty secret is still set, and must print as set
		markerRedisSink + "\"\\\n\t\u00e9",
	}
)

// leakForms returns the forms in which a leak of s could show: as is, in
// hexadecimal (%x on a raw string) and base64 ([]byte in encoding/json).
func leakForms(s string) []string {
	h := hex.EncodeToString([]byte(s))
	return []string{s, h, strings.ToUpper(h), base64.StdEncoding.EncodeToString([]byte(s))}
}

// leakChecks are every form of every secret, and of the marker prefix they
// share, so that a part of a secret (say, cut by a precision) is found too.
var leakChecks = func() []string {
	var out []string
	for _, s := range []string{"S3CR3T", markerNumber, markerRedisSource, markerSASL, markerAK, markerSK, markerRedisSink} {
		out = append(out, leakForms(s)...)
	}
	return out
}()

// checkNoLeak fails t when out shows any secret.
func checkNoLeak(t *testing.T, what, out string) {
	t.Helper()
	for _, form := range leakChecks {
		if strings.Contains(out, form) {
			t.Errorf("%s leaks %q:\n%s", what, form, out)
			return
		}
	}
}

// checkRedacted fails t when out does not show exactly n set secrets.
func checkRedacted(t *testing.T, what, out string, n int) {
	t.Helper()
	if got := strings.Count(out, redacted); got != n {
		t.Errorf("%s shows %s %d times, want %d (one per set secret):\n%s", what, redacted, got, n, out)
	}
}

// newRequest returns a request with every secret field set to the values
// of s, and other fields beside them.
func newRequest(s secretSet) smartconnect.CreateConnectorTaskRequest {
	return smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("leak-test"),
		StartLater: smartconnect.Ptr(false),
		Topics:     smartconnect.Ptr("topic-a"),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeRedisReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			RedisAddress:     smartconnect.Ptr("192.0.2.1:6379"),
			RedisType:        smartconnect.Ptr("cluster"),
			RedisPassword:    smartconnect.NewSecret(s.redisSource),
			SyncMode:         smartconnect.Ptr(smartconnect.SyncModeRDBOnly),
			FullSyncWaitMS:   smartconnect.Ptr[int32](10000),
			FullSyncMaxRetry: smartconnect.Ptr[int32](10),
			Ratelimit:        smartconnect.Ptr[int32](-1),
			UserName:         smartconnect.Ptr("user1"),
			Password:         smartconnect.NewSecret(s.sasl),
			SASLMechanism:    smartconnect.Ptr("SCRAM-SHA-512"),
			SecurityProtocol: smartconnect.Ptr(smartconnect.SecurityProtocolSASLSSL),
		},
		SinkType: smartconnect.Ptr(smartconnect.SinkTypeRedisReplicatorSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			RedisAddress:  smartconnect.Ptr("192.0.2.2:6379"),
			RedisType:     smartconnect.Ptr("standalone"),
			RedisPassword: smartconnect.NewSecret(s.redisSink),
			AccessKey:     smartconnect.NewSecret(s.ak),
			SecretKey:     smartconnect.NewSecret(s.sk),
			OBSBucketName: smartconnect.Ptr("bucket"),
		},
	}
}

// requestHolder is a program's own type that holds a request.
type requestHolder struct {
	Req *smartconnect.CreateConnectorTaskRequest
}

// printCase is a value to print, the same value holding longSecrets, and
// how many secrets it holds.
type printCase struct {
	name    string
	value   any
	other   any
	secrets int
}

// printCases returns the request, its nested types and its secrets, as
// values and as pointers, and inside containers.
func printCases() []printCase {
	req, other := newRequest(markerSecrets), newRequest(longSecrets)
	return []printCase{
		{"request", req, other, 5},
		{"*request", &req, &other, 5},
		{"source config", *req.SourceTask, *other.SourceTask, 2},
		{"*source config", req.SourceTask, other.SourceTask, 2},
		{"sink config", *req.SinkTask, *other.SinkTask, 3},
		{"*sink config", req.SinkTask, other.SinkTask, 3},
		{"Secret", req.SourceTask.Password, other.SourceTask.Password, 1},
		{"*Secret", &req.SinkTask.SecretKey, &other.SinkTask.SecretKey, 1},
		{"[]request", []smartconnect.CreateConnectorTaskRequest{req}, []smartconnect.CreateConnectorTaskRequest{other}, 5},
		{"map of *sink config", map[string]*smartconnect.SmartConnectTaskReqSinkConfig{"k": req.SinkTask},
			map[string]*smartconnect.SmartConnectTaskReqSinkConfig{"k": other.SinkTask}, 3},
		{"struct holding *request", requestHolder{&req}, requestHolder{&other}, 5},
		{"[]Secret", []smartconnect.Secret{req.SourceTask.RedisPassword, req.SinkTask.AccessKey},
			[]smartconnect.Secret{other.SourceTask.RedisPassword, other.SinkTask.AccessKey}, 2},
	}
}

// TestSecretsFmt prints the request, its nested types and its secrets with
// every fmt verb a program is likely to use (and some it is not): no output
// shows a secret, each shows every set secret as [REDACTED], and the output
// is the same whatever the secrets' values and lengths.
func TestSecretsFmt(t *testing.T) {
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10v", "%-60s", "%.5s", "%.3v", "%#q", "%+q", "%08x", "% x", "%t", "%e", "%U", "%c"}
	for _, c := range printCases() {
		for _, verb := range verbs {
			what := fmt.Sprintf("Sprintf(%q, %s)", verb, c.name)
			out := fmt.Sprintf(verb, c.value)
			checkNoLeak(t, what, out)
			checkRedacted(t, what, out, c.secrets)
			if other := fmt.Sprintf(verb, c.other); other != out {
				t.Errorf("%s depends on the secrets' values or lengths:\n%s\n%s", what, out, other)
			}
		}
		for name, print := range map[string]func(any) string{
			"Sprint":   func(v any) string { return fmt.Sprint(v) },
			"Sprintln": func(v any) string { return fmt.Sprintln("x", v) },
			"Errorf":   func(v any) string { return fmt.Errorf("failed with %v", v).Error() },
			"Fprint": func(v any) string {
				var b bytes.Buffer
				fmt.Fprint(&b, v)
				return b.String()
			},
		} {
			what := name + "(" + c.name + ")"
			out := print(c.value)
			checkNoLeak(t, what, out)
			checkRedacted(t, what, out, c.secrets)
			if other := print(c.other); other != out {
				t.Errorf("%s depends on the secrets' values or lengths:\n%s\n%s", what, out, other)
			}
		}
		// String and GoString, where the value has them.
		if s, ok := c.value.(fmt.Stringer); ok {
			checkNoLeak(t, c.name+".String()", s.String())
			checkRedacted(t, c.name+".String()", s.String(), c.secrets)
		}
		if s, ok := c.value.(fmt.GoStringer); ok {
			checkNoLeak(t, c.name+".GoString()", s.GoString())
			checkRedacted(t, c.name+".GoString()", s.GoString(), c.secrets)
		}
	}
}

// TestSecretsFmtExact pins the printed form of a request: set secrets show
// as [REDACTED], unset ones do not show at all.
func TestSecretsFmtExact(t *testing.T) {
	req := smartconnect.CreateConnectorTaskRequest{
		TaskName: smartconnect.Ptr("t"),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			AccessKey: smartconnect.NewSecret(markerAK),
			SecretKey: smartconnect.NewSecret(""),
		},
	}
	want := `CreateConnectorTaskRequest{TaskName:"t" SinkTask:SmartConnectTaskReqSinkConfig{AccessKey:[REDACTED] SecretKey:[REDACTED]}}`
	for _, verb := range []string{"%v", "%+v", "%s"} {
		if got := fmt.Sprintf(verb, req); got != want {
			t.Errorf("Sprintf(%q) = %s, want %s", verb, got, want)
		}
	}
	if got := fmt.Sprintf("%#v", &req); got != "smartconnect."+want {
		t.Errorf("Sprintf(%%#v) = %s", got)
	}
	req.SinkTask.AccessKey, req.SinkTask.SecretKey = smartconnect.Secret{}, smartconnect.Secret{}
	if got := fmt.Sprint(req); strings.Contains(got, redacted) || strings.Contains(got, "Key") {
		t.Errorf("unset secrets print: %s", got)
	}
}

// TestSecretsPointerVerb covers %p and %w, which fmt reports as wrong
// verbs without calling any method: it prints the value's fields with
// methods disabled. A Secret holds its value behind a pointer, so only
// addresses print, for the request, the nested types and Secret itself.
func TestSecretsPointerVerb(t *testing.T) {
	for _, format := range []string{"%p", "%w"} { // variables: vet rightly rejects these verbs here
		for _, c := range printCases() {
			out := fmt.Sprintf(format, c.value)
			checkNoLeak(t, "Sprintf("+format+", "+c.name+")", out)
		}
	}
}

// TestSecretsNilPointers checks that nil pointers print as <nil>.
func TestSecretsNilPointers(t *testing.T) {
	var req *smartconnect.CreateConnectorTaskRequest
	var s *smartconnect.Secret
	for _, v := range []any{req, s} {
		if got := fmt.Sprintf("%v", v); got != "<nil>" {
			t.Errorf("Sprintf(%%v, %T(nil)) = %q", v, got)
		}
	}
}

// logLines logs c with each way of passing a value to slog, with handler h
// writing to a buffer, and returns what was written.
func logLines(newHandler func(*bytes.Buffer) slog.Handler, v any) string {
	var buf bytes.Buffer
	log := slog.New(newHandler(&buf))
	log.Info("any", slog.Any("req", v))
	log.Info("kv", "req", v)
	log.With("with", v).Info("with")
	log.Info("group", slog.Group("g", slog.Any("req", v)))
	log.LogAttrs(context.Background(), slog.LevelInfo, "attrs", slog.Any("req", v))
	return buf.String()
}

// noTime drops the time so that two log outputs can be compared.
func noTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// TestSecretsSlog logs the request, its nested types and its secrets with
// the text and JSON handlers: no secret shows, every set secret shows as
// [REDACTED], whatever the secrets' values and lengths.
func TestSecretsSlog(t *testing.T) {
	handlers := map[string]func(*bytes.Buffer) slog.Handler{
		"text": func(b *bytes.Buffer) slog.Handler {
			return slog.NewTextHandler(b, &slog.HandlerOptions{ReplaceAttr: noTime})
		},
		"json": func(b *bytes.Buffer) slog.Handler {
			return slog.NewJSONHandler(b, &slog.HandlerOptions{ReplaceAttr: noTime})
		},
	}
	for _, c := range printCases() {
		if strings.HasPrefix(c.name, "[]") || strings.HasPrefix(c.name, "map") || strings.HasPrefix(c.name, "struct") {
			// slog resolves LogValuer only for the value itself; the JSON
			// handler encodes slices, maps and structs with encoding/json,
			// which carries secrets (the wire encoding). Log the request,
			// not a container of requests.
			continue
		}
		for hname, h := range handlers {
			what := hname + " handler, " + c.name
			out := logLines(h, c.value)
			checkNoLeak(t, what, out)
			checkRedacted(t, what, out, 5*c.secrets) // five log calls
			if other := logLines(h, c.other); other != out {
				t.Errorf("%s depends on the secrets' values or lengths:\n%s\n%s", what, out, other)
			}
		}
	}
	// The JSON handler output is JSON in which each secret is the string
	// [REDACTED].
	req := newRequest(markerSecrets)
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", slog.Any("req", req))
	var rec struct {
		Req struct {
			SourceTask map[string]any `json:"source_task"`
			SinkTask   map[string]any `json:"sink_task"`
		} `json:"req"`
	}
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	for obj, keys := range map[string][]string{"source_task": {"redis_password", "password"}, "sink_task": {"redis_password", "access_key", "secret_key"}} {
		m := rec.Req.SourceTask
		if obj == "sink_task" {
			m = rec.Req.SinkTask
		}
		for _, k := range keys {
			if m[k] != redacted {
				t.Errorf("JSON log: %s.%s = %v, want %s", obj, k, m[k], redacted)
			}
		}
	}
}

// checkErrorNoLeak checks every printed form of err and of each of its
// violations; it returns the violations.
func checkErrorNoLeak(t *testing.T, what string, err error) []smartconnect.Violation {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return nil
	}
	var ve *smartconnect.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%s: error %T is not a *ValidationError", what, err)
	}
	if len(ve.Violations) == 0 {
		t.Errorf("%s: no violations", what)
	}
	checkNoLeak(t, what+": Error()", err.Error())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		checkNoLeak(t, what+": Sprintf("+verb+", err)", fmt.Sprintf(verb, err))
	}
	for _, v := range ve.Violations {
		checkNoLeak(t, what+": Path", v.Path)
		checkNoLeak(t, what+": Rule", v.Rule)
		checkNoLeak(t, what+": Message", v.Message)
		checkNoLeak(t, what+": String()", v.String())
		checkNoLeak(t, what+": %#v of a violation", fmt.Sprintf("%#v", v))
	}
	return ve.Violations
}

// TestSecretsDecodeErrors decodes documents that hold secrets next to
// problems: secrets of the wrong JSON type (holding the secret as a
// number, a key, a string inside), secrets in undeclared members, repeated
// secrets, and malformed JSON in or right after a secret. No error shows a
// secret.
func TestSecretsDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		path string // the path of the first violation
		// malformed: the first violation is malformed JSON with an offset
		malformed bool
	}{
		{"secret as a number", `{"source_task":{"redis_password":` + markerNumber + `}}`, "/source_task/redis_password", false},
		{"secret as an object", `{"source_task":{"redis_password":{"` + markerRedisSource + `":"` + markerRedisSource + `"}}}`, "/source_task/redis_password", false},
		{"secret as an array", `{"source_task":{"password":["` + markerSASL + `",{"k":"` + markerSASL + `"}]}}`, "/source_task/password", false},
		{"secret as a boolean", `{"sink_task":{"access_key":true,"secret_key":"` + markerSK + `"}}`, "/sink_task/access_key", false},
		{"secret null", `{"sink_task":{"secret_key":null,"access_key":"` + markerAK + `"}}`, "/sink_task/secret_key", false},
		{"secret number out of int range", `{"sink_task":{"secret_key":` + markerNumber + markerNumber + `e99}}`, "/sink_task/secret_key", false},
		{"secret in an unknown member", `{"source_task":{"redis_pasword":"` + markerRedisSource + `"}}`, "/source_task/redis_pasword", false},
		{"secret object in an unknown member", `{"sink_task":{"credentials":{"secret_key":"` + markerSK + `"}}}`, "/sink_task/credentials", false},
		{"secret in an unknown top-level member", `{"redis_password":"` + markerRedisSink + `"}`, "/redis_password", false},
		{"repeated secret", `{"sink_task":{"redis_password":"` + markerRedisSink + `","redis_password":"` + markerSK + `"}}`, "/sink_task/redis_password", false},
		{"missing comma after a secret", `{"source_task":{"redis_password":"` + markerRedisSource + `" "redis_type":"x"}}`, "/source_task", true},
		{"colon after a secret", `{"source_task":{"password":"` + markerSASL + `":1}}`, "/source_task", true},
		{"end of input after a secret", `{"sink_task":{"access_key":"` + markerAK + `"`, "/sink_task", true},
		{"end of input in a secret", `{"sink_task":{"access_key":"` + markerAK, "/sink_task/access_key", true},
		{"bad escape in a secret", `{"sink_task":{"secret_key":"` + markerSK + `\x"}}`, "/sink_task/secret_key", true},
		{"bad unicode escape in a secret", `{"sink_task":{"secret_key":"` + markerSK + `\u12G4"}}`, "/sink_task/secret_key", true},
		{"control character in a secret", "{\"sink_task\":{\"redis_password\":\"" + markerRedisSink + "\n\"}}", "/sink_task/redis_password", true},
		{"unquoted secret", `{"source_task":{"password":` + markerSASL + `}}`, "/source_task/password", true},
		{"secret after the document", `{"source_task":{"password":"` + markerSASL + `"}}` + markerSASL, "", true},
		{"secret as a bad literal", `{"source_task":{"password":t` + markerSASL + `}}`, "/source_task/password", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := smartconnect.DecodeCreateConnectorTaskRequest([]byte(tt.doc))
			if req != nil {
				t.Errorf("got a request with the error: %v", req)
			}
			vs := checkErrorNoLeak(t, "DecodeCreateConnectorTaskRequest", err)
			if len(vs) == 0 {
				return
			}
			if vs[0].Path != tt.path {
				t.Errorf("first violation at %q, want %q: %v", vs[0].Path, tt.path, err)
			}
			if got := strings.HasPrefix(vs[0].Message, "malformed JSON at line "); got != tt.malformed {
				t.Errorf("first violation %q: malformed JSON with offset %v, want %v", vs[0].Message, got, tt.malformed)
			}
		})
	}
}

// TestSecretsDecodeNested decodes the nested types on their own, and all
// the problems of one document at once.
func TestSecretsDecodeNested(t *testing.T) {
	_, err := smartconnect.DecodeSmartConnectTaskReqSourceConfig([]byte(`{"redis_password":{"a":"` + markerRedisSource + `"},"password":"` + markerSASL + `","pasword":"` + markerSASL + `"}`))
	checkErrorNoLeak(t, "DecodeSmartConnectTaskReqSourceConfig", err)
	_, err = smartconnect.DecodeSmartConnectTaskReqSinkConfig([]byte(`{"access_key":"` + markerAK + `","secret_key":[` + markerNumber + `],"redis_password":"` + markerRedisSink + `"` + `,}`))
	checkErrorNoLeak(t, "DecodeSmartConnectTaskReqSinkConfig", err)

	all := `{"source_task":{"redis_password":` + markerNumber + `,"password":{"` + markerSASL + `":1},"redis_pasword":"` + markerRedisSource + `"},` +
		`"sink_task":{"access_key":["` + markerAK + `"],"secret_key":"` + markerSK + `","secret_key":"` + markerSK + `","redis_password":false}}`
	_, err = smartconnect.DecodeCreateConnectorTaskRequest([]byte(all))
	if vs := checkErrorNoLeak(t, "DecodeCreateConnectorTaskRequest", err); len(vs) != 6 {
		t.Errorf("got %d violations, want 6:\n%v", len(vs), err)
	}
}

// TestSecretsResponseDecode checks the lenient decoder: members it does not
// declare are dropped, so secrets in them never reach a printed response.
func TestSecretsResponseDecode(t *testing.T) {
	doc := `{"task_name":"t","source_task":{"redis_password":"` + markerRedisSource + `","password":"` + markerSASL + `"},` +
		`"sink_task":{"access_key":"` + markerAK + `","secret_key":"` + markerSK + `","redis_password":"` + markerRedisSink + `"}}`
	resp, err := smartconnect.DecodeSmartConnectTaskEntity([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%q"} {
		checkNoLeak(t, "response "+verb, fmt.Sprintf(verb, resp))
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "resp", resp)
	checkNoLeak(t, "response JSON log", buf.String())

	_, err = smartconnect.DecodeSmartConnectTaskEntity([]byte(`{"task_name":{"` + markerSASL + `":"` + markerSASL + `"},"id":` + markerNumber + `}`))
	checkErrorNoLeak(t, "DecodeSmartConnectTaskEntity", err)
}

// TestSecretsValidateErrors validates requests that hold every secret and
// break rules around them, built in Go and decoded: no error shows a
// secret.
func TestSecretsValidateErrors(t *testing.T) {
	req := newRequest(markerSecrets)
	req.SourceType = smartconnect.Ptr(smartconnect.SourceTypeKafkaReplicatorSource)
	req.SourceTask.SyncMode = smartconnect.Ptr(smartconnect.SyncMode("FULL"))
	req.SourceTask.UserName = nil
	req.SinkType = smartconnect.Ptr(smartconnect.SinkTypeOBSSink)
	req.SinkTask.PartitionFormat = smartconnect.Ptr(smartconnect.PartitionFormat("daily"))

	vs := checkErrorNoLeak(t, "Validate (built)", req.Validate())
	if len(vs) < 10 {
		t.Errorf("got %d violations, want at least 10", len(vs))
	}
	body, err := smartconnect.EncodeCreateConnectorTaskRequest(&req)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := smartconnect.DecodeCreateConnectorTaskRequest(body)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(vs, checkErrorNoLeak(t, "Validate (decoded)", decoded.Validate())) {
		t.Error("a decoded request gives other violations than the request it came from")
	}
	checkErrorNoLeak(t, "SmartConnectTaskReqSinkConfig.Validate", req.SinkTask.Validate())
	checkErrorNoLeak(t, "SmartConnectTaskReqSourceConfig.Validate", req.SourceTask.Validate())
}

// TestSecretsOnTheWire checks the one form that must carry secrets: the
// package's encoding of a request has every secret verbatim, and decodes
// back to the same request; encoding/json refuses to write them.
func TestSecretsOnTheWire(t *testing.T) {
	req := newRequest(markerSecrets)
	for _, v := range []any{req, &req} {
		body, err := json.Marshal(v)
		if err == nil {
			t.Errorf("json.Marshal(%T) = %s; want an error", v, body)
			continue
		}
		checkNoLeak(t, "json.Marshal", string(body)+err.Error())
	}
	{
		v := &req
		body, err := smartconnect.EncodeCreateConnectorTaskRequest(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range []string{
			`"source_task":{"redis_address":"192.0.2.1:6379","redis_type":"cluster","redis_password":"` + markerRedisSource + `"`,
			`"password":"` + markerSASL + `"`,
			`"access_key":"` + markerAK + `"`,
			`"secret_key":"` + markerSK + `"`,
			`"sink_task":{"redis_address":"192.0.2.2:6379","redis_type":"standalone","redis_password":"` + markerRedisSink + `"`,
		} {
			if !bytes.Contains(body, []byte(pair)) {
				t.Errorf("json.Marshal(%T) = %s\nwant it to contain %s", v, body, pair)
			}
		}
		if redactions := bytes.Count(body, []byte(redacted)); redactions != 0 {
			t.Errorf("json.Marshal(%T) redacts: %s", v, body)
		}
		back, err := smartconnect.DecodeCreateConnectorTaskRequest(body)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*back, req) {
			t.Errorf("round trip changed the request:\n%s", body)
		}
		if got := back.SinkTask.SecretKey.Value(); got != markerSK {
			t.Errorf("string(SecretKey) = %q, want %q", got, markerSK)
		}
	}
	// Nested types alone, and a value that needs escaping.
	odd := newRequest(longSecrets)
	body, err := smartconnect.EncodeSmartConnectTaskReqSinkConfig(odd.SinkTask)
	if err != nil {
		t.Fatal(err)
	}
	var wire map[string]string
	if err := json.Unmarshal(body, &wire); err != nil {
		t.Fatal(err)
	}
	if wire["redis_password"] != longSecrets.redisSink || wire["secret_key"] != "" || wire["access_key"] != longSecrets.ak {
		t.Errorf("EncodeSmartConnectTaskReqSinkConfig = %s", body)
	}
}

// TestSecretsTemplates renders requests and secrets through html/template
// in every context it escapes for (text, attributes, URLs, scripts, style)
// and through text/template: none shows a secret.
func TestSecretsTemplates(t *testing.T) {
	req := newRequest(markerSecrets)
	data := map[string]any{"Req": req, "Ptr": &req, "Sink": req.SinkTask, "Secret": req.SinkTask.SecretKey, "List": []any{req.SinkTask.SecretKey}}
	const page = `<p title="{{.Req}}">{{.Req}} {{.Ptr}} {{.Sink}} {{.Secret}}</p>
<a href="/x?q={{.Secret}}&r={{.Req}}">l</a><a href="{{.Secret}}">m</a>
<script>var a = {{.Req}}; var b = {{.Sink}}; var c = {{.Secret}}; var d = "{{.Secret}}"; var e = {{.List}};</script>
<style>p { color: {{.Secret}} }</style>
<div style="width: {{.Secret}}"></div>`
	var b bytes.Buffer
	if err := htmltemplate.Must(htmltemplate.New("p").Parse(page)).Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	checkNoLeak(t, "html/template", b.String())
	b.Reset()
	if err := texttemplate.Must(texttemplate.New("t").Parse(`{{.Req}} {{.Ptr}} {{printf "%v %+v %#v %s %q %x" .Secret .Sink .Req .Secret .Secret .Secret}} {{js .Secret}} {{html .Secret}} {{urlquery .Secret}}`)).Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	checkNoLeak(t, "text/template", b.String())
}

// TestSecretsEqual: Equal compares values, so reflect.DeepEqual and Equal
// agree on requests with secrets.
func TestSecretsEqual(t *testing.T) {
	a, b := newRequest(markerSecrets), newRequest(markerSecrets)
	if !reflect.DeepEqual(a, b) || !a.SinkTask.SecretKey.Equal(b.SinkTask.SecretKey) {
		t.Error("equal requests are not equal")
	}
	b.SinkTask.SecretKey = smartconnect.NewSecret(markerSK + "x")
	if reflect.DeepEqual(a, b) || a.SinkTask.SecretKey.Equal(b.SinkTask.SecretKey) {
		t.Error("requests with different secrets are equal")
	}
}
