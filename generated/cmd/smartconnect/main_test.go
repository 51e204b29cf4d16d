package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// invocation is the outcome of one run.
type invocation struct {
	code           int
	stdout, stderr string
}

// runCmd calls run with args and stdin, and returns what it did.
func runCmd(t *testing.T, stdin string, args ...string) invocation {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return invocation{code, stdout.String(), stderr.String()}
}

// writeFile writes data to a new file in a temporary directory and returns
// its path.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// decodeResult parses the --format json output strictly.
func decodeResult(t *testing.T, out string) result {
	t.Helper()
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
		t.Errorf("JSON output is not one line: %q", out)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var r result
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("JSON output %q: %v", out, err)
	}
	if r.Violations == nil {
		t.Errorf("violations is null or missing, want an array: %s", out)
	}
	return r
}

const (
	validDoc   = `{"task_name":"t","source_type":"NONE","sink_type":"NONE"}`
	invalidDoc = `{"source_type":"REDIS_REPLICATOR_SOURCE","sink_type":"OBS"}`
	// malformedDoc has a trailing comma at byte offset 17.
	malformedDoc = `{"task_name":"t",}`
)

// The text lines invalidDoc gives.
const invalidText = `/sink_type: must be one of NONE, OBS_SINK, REDIS_REPLICATOR_SINK, got "OBS" [#/components/schemas/CreateConnectorTaskRequest/properties/sink_type/enum]
/source_task: required when source_type is REDIS_REPLICATOR_SOURCE [#/components/schemas/CreateConnectorTaskRequest/allOf/0/then/required]
`

var invalidViolations = []violation{
	{"/sink_type", "#/components/schemas/CreateConnectorTaskRequest/properties/sink_type/enum", `must be one of NONE, OBS_SINK, REDIS_REPLICATOR_SINK, got "OBS"`},
	{"/source_task", "#/components/schemas/CreateConnectorTaskRequest/allOf/0/then/required", "required when source_type is REDIS_REPLICATOR_SOURCE"},
}

// TestRunText covers each exit code with the text output.
func TestRunText(t *testing.T) {
	valid := writeFile(t, "valid.json", validDoc)
	invalid := writeFile(t, "invalid.json", invalidDoc)
	root := writeFile(t, "root.json", `[1]`)
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
	}{
		{"valid request", "", []string{"validate", valid}, 0,
			"ok: " + valid + " is a valid CreateConnectorTaskRequest\n"},
		{"valid response", "", []string{"validate", "--response", valid}, 0,
			"ok: " + valid + " is a valid SmartConnectTaskEntity\n"},
		{"explicit text format", "", []string{"validate", "--format", "text", valid}, 0,
			"ok: " + valid + " is a valid CreateConnectorTaskRequest\n"},
		{"flags after the file", "", []string{"validate", valid, "--format=text", "-response"}, 0,
			"ok: " + valid + " is a valid SmartConnectTaskEntity\n"},
		{"stdin", validDoc, []string{"validate", "-"}, 0,
			"ok: <stdin> is a valid CreateConnectorTaskRequest\n"},
		{"invalid request", "", []string{"validate", invalid}, 1, invalidText},
		{"invalid from stdin", invalidDoc, []string{"validate", "-"}, 1, invalidText},
		{"whole document", "", []string{"validate", root}, 1,
			"(root): must be an object, got array [#/components/schemas/CreateConnectorTaskRequest/type]\n"},
		{"whole document, response", "", []string{"validate", "--response", root}, 1,
			"(root): must be an object, got array [#/components/schemas/SmartConnectTaskEntity/type]\n"},
		{"empty stdin", "", []string{"validate", "-"}, 1,
			"(root): malformed JSON at line 1, column 1 (byte offset 0): expected a value, found end of input [json]\n"},
		{"help", "", []string{"help"}, 0, usage + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCmd(t, tt.stdin, tt.args...)
			if got.code != tt.code || got.stdout != tt.stdout || got.stderr != "" {
				t.Errorf("run(%q) = %d\nstdout:\n%s\nstderr:\n%s\nwant %d\nstdout:\n%s\nstderr empty",
					tt.args, got.code, got.stdout, got.stderr, tt.code, tt.stdout)
			}
		})
	}
}

// TestRunJSON covers each exit code with --format json.
func TestRunJSON(t *testing.T) {
	valid := writeFile(t, "valid.json", validDoc)
	invalid := writeFile(t, "invalid.json", invalidDoc)
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  result
	}{
		{"valid request", "", []string{"validate", "--format", "json", valid}, 0,
			result{valid, "CreateConnectorTaskRequest", true, []violation{}}},
		{"valid response", "", []string{"validate", "--format=json", "--response", valid}, 0,
			result{valid, "SmartConnectTaskEntity", true, []violation{}}},
		{"stdin", validDoc, []string{"validate", "-", "--format", "json"}, 0,
			result{"<stdin>", "CreateConnectorTaskRequest", true, []violation{}}},
		{"invalid request", "", []string{"validate", "--format", "json", invalid}, 1,
			result{invalid, "CreateConnectorTaskRequest", false, invalidViolations}},
		{"whole document", "null", []string{"validate", "--format", "json", "-"}, 1,
			result{"<stdin>", "CreateConnectorTaskRequest", false, []violation{
				{"", "#/components/schemas/CreateConnectorTaskRequest/type", "must be an object, got null"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCmd(t, tt.stdin, tt.args...)
			if got.code != tt.code || got.stderr != "" {
				t.Errorf("run(%q) = %d, stderr %q; want %d, no stderr", tt.args, got.code, got.stderr, tt.code)
			}
			r := decodeResult(t, got.stdout)
			if !equalResults(r, tt.want) {
				t.Errorf("run(%q) printed %+v, want %+v", tt.args, r, tt.want)
			}
		})
	}
	// An empty list is printed as [], not null.
	if got := runCmd(t, "", "validate", "--format", "json", valid); !strings.Contains(got.stdout, `"valid":true,"violations":[]}`) {
		t.Errorf("valid document printed %s", got.stdout)
	}
}

func equalResults(a, b result) bool {
	if a.File != b.File || a.Type != b.Type || a.Valid != b.Valid || len(a.Violations) != len(b.Violations) {
		return false
	}
	for i := range a.Violations {
		if a.Violations[i] != b.Violations[i] {
			return false
		}
	}
	return true
}

// TestMalformedJSON checks that a document that is not JSON is a violation
// (exit 1) whose message says so and gives the byte offset.
func TestMalformedJSON(t *testing.T) {
	path := writeFile(t, "malformed.json", malformedDoc)
	got := runCmd(t, "", "validate", path)
	want := "(root): malformed JSON at line 1, column 18 (byte offset 17): expected a member name [json]\n"
	if got.code != 1 || got.stdout != want || got.stderr != "" {
		t.Errorf("text: got %d %q %q, want 1 %q", got.code, got.stdout, got.stderr, want)
	}
	got = runCmd(t, malformedDoc, "validate", "--format", "json", "-")
	if got.code != 1 || got.stderr != "" {
		t.Errorf("json: got %d, stderr %q", got.code, got.stderr)
	}
	r := decodeResult(t, got.stdout)
	offset := regexp.MustCompile(`^malformed JSON at line [0-9]+, column [0-9]+ \(byte offset [0-9]+\): `)
	if r.Valid || len(r.Violations) != 1 || r.Violations[0].Rule != "json" || !offset.MatchString(r.Violations[0].Message) {
		t.Errorf("json: got %+v, want one malformed JSON violation with a byte offset", r)
	}
}

// TestUsageAndIOErrors checks that bad command lines and unreadable files
// exit 2 with a message on stderr only, and no stack trace.
func TestUsageAndIOErrors(t *testing.T) {
	valid := writeFile(t, "valid.json", validDoc)
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		stderr string // a part of the message
	}{
		{"no command", nil, "missing command"},
		{"unknown command", []string{"check", valid}, `unknown command "check"`},
		{"missing file", []string{"validate"}, "missing FILE"},
		{"missing file after flags", []string{"validate", "--response", "--format", "json"}, "missing FILE"},
		{"extra argument", []string{"validate", valid, valid}, "want one FILE, got 2"},
		{"extra argument after --", []string{"validate", "--", valid, "-x"}, "want one FILE, got 2"},
		{"unknown flag", []string{"validate", "--strict", valid}, "flag provided but not defined: -strict"},
		{"unknown flag after the file", []string{"validate", valid, "-v"}, "flag provided but not defined: -v"},
		{"bad format", []string{"validate", "--format", "yaml", valid}, `invalid value "yaml" for flag -format`},
		{"format without value", []string{"validate", valid, "--format"}, "flag needs an argument: -format"},
		{"flag value for bool", []string{"validate", "--response=maybe", valid}, "invalid boolean value"},
		{"missing file on disk", []string{"validate", filepath.Join(dir, "nope.json")}, "no such file or directory"},
		{"directory", []string{"validate", dir}, "is a directory"},
		{"file named like a flag after --", []string{"validate", "--", "-x"}, "open -x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCmd(t, "", tt.args...)
			if got.code != 2 || got.stdout != "" {
				t.Errorf("run(%q) = %d, stdout %q; want 2 and no stdout", tt.args, got.code, got.stdout)
			}
			if !strings.Contains(got.stderr, tt.stderr) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tt.args, got.stderr, tt.stderr)
			}
			if strings.Contains(got.stderr, "goroutine") || strings.Contains(got.stderr, "panic") {
				t.Errorf("run(%q) printed a stack trace:\n%s", tt.args, got.stderr)
			}
		})
	}
}

// TestHelpFlag checks that -h is not an error.
func TestHelpFlag(t *testing.T) {
	got := runCmd(t, "", "validate", "-h")
	if got.code != 0 || got.stdout != "" || !strings.Contains(got.stderr, usage) {
		t.Errorf("validate -h = %d %q %q", got.code, got.stdout, got.stderr)
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWriteError checks that a failed write of the result is an I/O error.
func TestWriteError(t *testing.T) {
	var stderr bytes.Buffer
	code := run([]string{"validate", "-"}, strings.NewReader(validDoc), failingWriter{}, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "disk full") {
		t.Errorf("got %d, stderr %q; want 2 and the write error", code, stderr.String())
	}
}

// example is one of the schema's examples, as the generator writes it
// among the package's fixtures (example-NAME.json).
type example struct {
	Name    string
	Type    string // the body's Go type
	Request bool   // a request body (else a response)
	JSON    []byte
}

// examples returns the schema's examples, each also written to a file.
func examples(t *testing.T) (exs []example, paths []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "smartconnect", "testdata", "fixtures", "*", "example-*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no example fixtures; run make generate")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "example-"), ".json")
		typ := filepath.Base(filepath.Dir(f))
		ex := example{Name: name, Type: typ, Request: strings.HasSuffix(typ, "Request"), JSON: data}
		exs = append(exs, ex)
		paths = append(paths, writeFile(t, ex.Name+".json", string(ex.JSON)))
	}
	return exs, paths
}

// TestPageExamples checks the page's examples: the requests are valid
// requests; the response is a valid response, and not a valid request, as it
// has members a request does not allow.
func TestPageExamples(t *testing.T) {
	exs, paths := examples(t)
	var requests, responses int
	for i, ex := range exs {
		path := paths[i]
		t.Run(ex.Name, func(t *testing.T) {
			op, ok := operationFor(ex)
			if !ok {
				t.Fatalf("no operation has %s as a body", ex.Type)
			}
			if ex.Request {
				requests++
				got := runCmd(t, "", "validate", "--operation", op.ID, path)
				if want := "ok: " + path + " is a valid " + ex.Type + "\n"; got.code != 0 || got.stdout != want || got.stderr != "" {
					t.Errorf("validate %s = %d\n%s%s", ex.Name, got.code, got.stdout, got.stderr)
				}
				got = runCmd(t, string(ex.JSON), "validate", "--operation", op.ID, "--format", "json", "-")
				if r := decodeResult(t, got.stdout); got.code != 0 || !r.Valid || r.Type != ex.Type || len(r.Violations) != 0 {
					t.Errorf("validate --format json %s = %d %s", ex.Name, got.code, got.stdout)
				}
				return
			}
			responses++
			got := runCmd(t, "", "validate", "--operation", op.ID, "--response", path)
			if want := "ok: " + path + " is a valid " + ex.Type + "\n"; got.code != 0 || got.stdout != want || got.stderr != "" {
				t.Errorf("validate --response %s = %d\n%s%s", ex.Name, got.code, got.stdout, got.stderr)
			}
			got = runCmd(t, "", "validate", "--operation", op.ID, "--response", "--format", "json", path)
			if r := decodeResult(t, got.stdout); got.code != 0 || !r.Valid || r.Type != ex.Type {
				t.Errorf("validate --response --format json %s = %d %s", ex.Name, got.code, got.stdout)
			}
			if ex.Name != "redis-task" {
				return
			}
			// As a request it is rejected: the service's own members are
			// not allowed in a request.
			got = runCmd(t, "", "validate", "--format", "json", path)
			if got.code != 1 || got.stderr != "" {
				t.Errorf("validate %s as a request = %d, stderr %q; want 1", ex.Name, got.code, got.stderr)
			}
			r := decodeResult(t, got.stdout)
			unknown := map[string]bool{}
			for _, v := range r.Violations {
				if v.Message == "unknown field" {
					unknown[v.Path] = true
				}
			}
			for _, p := range []string{"/id", "/status", "/create_time", "/sink_task/target_db"} {
				if !unknown[p] {
					t.Errorf("validate %s as a request: no unknown field violation at %s in %+v", ex.Name, p, r.Violations)
				}
			}
			text := runCmd(t, "", "validate", path)
			if text.code != 1 || !strings.Contains(text.stdout, "/id: unknown field [#/components/schemas/CreateConnectorTaskRequest/additionalProperties]\n") {
				t.Errorf("validate %s as a request, text:\n%s", ex.Name, text.stdout)
			}
		})
	}
	if requests != 5 || responses != 5 {
		t.Errorf("found %d request and %d response examples, want the nine pages' 5 and 5", requests, responses)
	}
}

// operationFor returns an operation the example is a body of.
func operationFor(ex example) (smartconnect.OperationInfo, bool) {
	for _, op := range smartconnect.Operations() {
		if ex.Request && op.Request == ex.Type || !ex.Request && op.Response == ex.Type {
			return op, true
		}
	}
	return smartconnect.OperationInfo{}, false
}

// TestOperations: the operations command lists every operation, and
// validate refuses an unknown operation and a body an operation lacks.
func TestOperations(t *testing.T) {
	got := runCmd(t, "", "operations")
	lines := strings.Split(strings.TrimSuffix(got.stdout, "\n"), "\n")
	if got.code != 0 || len(lines) != len(smartconnect.Operations()) || len(lines) != 9 {
		t.Fatalf("operations = %d\n%s", got.code, got.stdout)
	}
	for _, want := range []string{"PUT    /v2/{project_id}/kafka/instances/{instance_id}/connector/tasks/{task_id}/restart", "RestartConnectorTask", "GET    /v2/{project_id}/instances/{instance_id}/connector/tasks ", "ListConnectorTasks     - -> ListConnectorTasksResponse"} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("operations lacks %q:\n%s", want, got.stdout)
		}
	}
	doc := writeFile(t, "empty.json", "{}")
	for _, args := range [][]string{{"validate", "--operation", "NoSuchOperation", doc}, {"validate", "--operation", "PauseConnectorTask", doc}, {"validate", "--operation", "ListConnectorTasks", doc}} {
		if got := runCmd(t, "", args...); got.code != 2 || got.stderr == "" {
			t.Errorf("%q = %d, stderr %q; want 2", args, got.code, got.stderr)
		}
	}
	if got := runCmd(t, "", "validate", "--operation", "ListConnectorTasks", "--response", doc); got.code != 0 {
		t.Errorf("an empty list response = %d %s", got.code, got.stderr)
	}
}

// TestTextOutputIsOneLinePerViolation checks that member names from the
// document cannot break lines or reach the terminal raw.
func TestTextOutputIsOneLinePerViolation(t *testing.T) {
	doc := `{"a\nb\u001b[31m":1,"\u200bc":2,"ok\u00e9":3}`
	got := runCmd(t, doc, "validate", "-")
	want := "/a\\nb\\x1b[31m: unknown field [#/components/schemas/CreateConnectorTaskRequest/additionalProperties]\n" +
		"/\\u200bc: unknown field [#/components/schemas/CreateConnectorTaskRequest/additionalProperties]\n" +
		"/ok\u00e9: unknown field [#/components/schemas/CreateConnectorTaskRequest/additionalProperties]\n"
	if got.code != 1 || got.stdout != want {
		t.Errorf("got %d\n%s\nwant 1\n%s", got.code, got.stdout, want)
	}
	// The JSON form keeps the pointer exact.
	got = runCmd(t, doc, "validate", "--format", "json", "-")
	r := decodeResult(t, got.stdout)
	if len(r.Violations) != 3 || r.Violations[0].Path != "/a\nb\x1b[31m" || r.Violations[1].Path != "/\u200bc" {
		t.Errorf("got %+v", r.Violations)
	}
}

// Secret values used by the leak tests. None of them may appear in any
// output of the command.
const (
	markerRedisSource = "S3CR3T-redis-src"
	markerSASL        = "S3CR3T-sasl"
	markerAK          = "S3CR3T-ak"
	markerSK          = "S3CR3T-sk"
	markerRedisSink   = "S3CR3T-redis-sink"
	markerNumber      = "31415926535" // a secret sent with the wrong JSON type
)

var markers = []string{markerRedisSource, markerSASL, markerAK, markerSK, markerRedisSink, markerNumber, "S3CR3T"}

// TestValidateNeverPrintsSecrets runs validate on documents that hold
// secrets and break the schema in ways near those secrets, in both formats
// and as request and response: no secret may appear on stdout or stderr.
func TestValidateNeverPrintsSecrets(t *testing.T) {
	docs := []struct {
		name string
		doc  string
	}{
		{"rule violations", `{"task_name":"t","source_type":"REDIS_REPLICATOR_SOURCE","source_task":{` +
			`"redis_password":"` + markerRedisSource + `","password":"` + markerSASL + `","sync_mode":"FULL","security_protocol":"SASL_SSL"},` +
			`"sink_type":"OBS_SINK","sink_task":{"access_key":"` + markerAK + `","secret_key":"` + markerSK + `",` +
			`"redis_password":"` + markerRedisSink + `","partition_format":"daily"}}`},
		{"secrets of the wrong type", `{"source_task":{"redis_password":{"` + markerRedisSource + `":"` + markerRedisSource + `"},` +
			`"password":` + markerNumber + `},"sink_task":{"access_key":["` + markerAK + `"],"secret_key":true,"redis_password":null}}`},
		{"secret in an unknown member", `{"source_task":{"redis_pasword":"` + markerRedisSource + `"},` +
			`"sink_task":{"secretkey":"` + markerSK + `","access_key":"` + markerAK + `"}}`},
		{"duplicate secret", `{"sink_task":{"secret_key":"` + markerSK + `","secret_key":"` + markerAK + `"}}`},
		{"malformed JSON after a secret", `{"source_task":{"password":"` + markerSASL + `" "user_name":"u"}}`},
		{"truncated after a secret", `{"sink_task":{"redis_password":"` + markerRedisSink + `"`},
		{"bad escape in a secret", `{"sink_task":{"secret_key":"` + markerSK + `\q"}}`},
		{"control character in a secret", "{\"sink_task\":{\"secret_key\":\"" + markerSK + "\t\"}}"},
		{"bare secret", `{"source_task":{"password":` + markerSASL + `}}`},
		{"data after the document", `{"source_task":{"password":"` + markerSASL + `"}} ` + markerSASL},
	}
	for _, d := range docs {
		path := writeFile(t, "doc.json", d.doc)
		for _, args := range [][]string{
			{"validate", path},
			{"validate", "--format", "json", path},
			{"validate", "-"},
			{"validate", "--format", "json", "-"},
			{"validate", "--response", path},
			{"validate", "--response", "--format", "json", path},
		} {
			t.Run(d.name+"/"+strings.Join(args[1:len(args)-1], " "), func(t *testing.T) {
				got := runCmd(t, d.doc, args...)
				for _, m := range markers {
					if strings.Contains(got.stdout, m) || strings.Contains(got.stderr, m) {
						t.Errorf("run(%q) printed secret %q:\nstdout:\n%s\nstderr:\n%s", args, m, got.stdout, got.stderr)
					}
				}
				response := args[1] == "--response"
				if got.stderr != "" || got.code == 2 || (!response && got.code != 1) {
					t.Errorf("run(%q) = %d, stderr %q; want 1 (0 or 1 for a response), no stderr", args, got.code, got.stderr)
				}
				if got.code == 1 && got.stdout == "" {
					t.Errorf("run(%q) printed no violation", args)
				}
			})
		}
	}
}

// TestInputBound: a document larger than --max-size, or a stream without
// end, is refused with a usage error instead of being read to the end.
func TestInputBound(t *testing.T) {
	if got := runCmd(t, "", "validate", "/dev/zero"); got.code != 2 || !strings.Contains(got.stderr, "--max-size") {
		t.Errorf("validate /dev/zero = %d, stderr %q", got.code, got.stderr)
	}
	doc := writeFile(t, "big.json", `{"task_name":"`+strings.Repeat("x", 200)+`"}`)
	if got := runCmd(t, "", "validate", "--max-size", "100", doc); got.code != 2 || !strings.Contains(got.stderr, "larger than 100 bytes") {
		t.Errorf("validate --max-size 100 = %d, stderr %q", got.code, got.stderr)
	}
	if got := runCmd(t, "", "validate", "--max-size", "1000", doc); got.code != 0 {
		t.Errorf("validate --max-size 1000 = %d, stderr %q", got.code, got.stderr)
	}
}
