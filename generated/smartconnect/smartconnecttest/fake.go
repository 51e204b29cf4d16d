// Package smartconnecttest is an in-memory fake of the DMS for Kafka Smart
// Connect service, for the tests of code that uses package smartconnect.
//
// A Fake keeps the state of any number of Kafka instances: whether Smart
// Connect is switched on, and the tasks it runs. It implements
// smartconnect.Handler, so a test can call its methods directly, and it is
// an http.Handler that serves the API over HTTP through
// smartconnect.NewServer, so a smartconnect.Client (or any other client) can
// talk to it:
//
//	f := smartconnecttest.New(smartconnecttest.WithSmartConnect("my-instance"))
//	srv := f.Server()
//	defer srv.Close()
//	c, err := smartconnect.NewClient(srv.URL)
//
// Over HTTP the Fake checks what the service's API gateway checks when its
// options ask for it: a valid SDK-HMAC-SHA256 signature (WithCredentials),
// an X-Auth-Token (WithToken), an X-Project-Id that matches the path
// (WithProjectCheck). It records every request it answers (Requests), and
// answers chosen requests with an error (FailNext, FailWith) so that retries
// can be tested.
//
// # Behaviour
//
// The Fake follows the pages of the API reference (the smart_connect pages
// and the error codes of its appendix) where they say what happens, and the
// vendor's SDK where they do not:
//
//   - Every instance ID names an instance, whose Smart Connect is off
//     unless WithSmartConnect switches it on. CreateConnector switches it
//     on and returns a job_id and a connector_id; DeleteConnector switches
//     it off, deleting the instance's tasks, and returns a job_id. Switching
//     on twice, or off when it is off, is answered 400 CodeStatus.
//   - Every task operation on an instance whose Smart Connect is off is
//     answered 400 CodeStatus, as the service refuses an operation that the
//     instance's state does not allow.
//   - CreateConnectorTask stores the task with a new ID (a random UUID), the
//     status StatusRunning, or StatusWaiting when start_later is true, and
//     create_time from the Fake's clock (WithClock) in milliseconds. The
//     request's fields are copied into the response's shape, without the
//     secrets: like the service it never returns a password, an access key
//     or a secret key. A missing source_task or sink_task is null, as in the
//     page's list example, and the documented defaults of the target
//     settings that a request cannot set (obs_part_size, the connector
//     classes and kv_delimiter of an OBS target, target_db of a Redis one)
//     are filled in. When the instance has
//     max_tasks tasks already, it is answered 400 CodeQuota.
//   - ListConnectorTasks returns the tasks in the order they were created, a
//     page at a time: offset (0 by default) tasks are skipped and at most
//     limit (10 by default) are returned, with total_number, max_tasks and
//     quota_tasks (WithTaskLimits).
//   - A task ID that is not UUID-shaped is answered 400 CodeInvalidTaskID;
//     a task the instance does not have, 404 CodeNotFound.
//   - PauseConnectorTask pauses a running task (RUNNING → PAUSED);
//     ResumeConnectorTask resumes a paused one (PAUSED → RUNNING);
//     RestartConnectorTask starts a task that has not run yet or starts a
//     paused or running one over (WAITING, PAUSED or RUNNING → RUNNING).
//     Any other transition, such as pausing a paused task, resuming a
//     running one or resuming one that has not run yet (which restart
//     starts), is answered 400 CodeStatus. DeleteConnectorTask deletes a
//     task in any status.
//
// A Fake is safe for concurrent use.
package smartconnecttest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// The statuses of a task. The pages of the API reference show RUNNING only;
// the others are those the vendor's SDK documents for the status field
// (huaweicloud-sdk-go-v3 v0.1.207, services/kafka/v2,
// CreateConnectorTaskResponse: PAUSED, RUNNING, WAITING, RESTARTING). The
// Fake restarts a task at once, so it never reports RESTARTING.
const (
	// StatusRunning is the status of a task that runs.
	StatusRunning = "RUNNING"
	// StatusPaused is the status of a task that PauseConnectorTask paused.
	StatusPaused = "PAUSED"
	// StatusWaiting is the status of a task created with start_later set,
	// which has not run yet.
	StatusWaiting = "WAITING"
)

// The error codes the Fake answers with, in the error body's error_code.
// All but CodeAuth come from the appendix of the API reference (Error
// Codes), which has no code of its own for Smart Connect: each is the code
// of the appendix that describes the case.
const (
	// CodeEmptyBody is the code of a create request without a body
	// (400, "The request body is empty."), which only a direct call of a
	// Handler method can make: NewServer refuses a missing body itself.
	CodeEmptyBody = "DMS.00400004"
	// CodeStatus is the code of an operation that the state of the
	// instance or the task does not allow (400, "This operation is not
	// allowed due to the instance status."): a task operation while Smart
	// Connect is off, switching Smart Connect on twice, pausing a paused
	// task.
	CodeStatus = "DMS.00400026"
	// CodeQuota is the code of a task created beyond max_tasks (400, "The
	// quota limit has been reached.").
	CodeQuota = "DMS.00400039"
	// CodeInvalidTaskID is the code of a task ID that is not UUID-shaped
	// (400, "Invalid task ID format.").
	CodeInvalidTaskID = "DMS.00400070"
	// CodeNotFound is the code of a task that does not exist (404, "The
	// requested URL does not exist."): the appendix has no code for a
	// missing task, so the Fake answers as for a path that addresses
	// nothing.
	CodeNotFound = "DMS.00404001"
	// CodeInvalidToken is the code of an X-Auth-Token other than the one
	// WithToken gives (401, "Invalid token.").
	CodeInvalidToken = "DMS.10240101"
	// CodeMissingToken is the code of a request without credentials when
	// WithToken or WithCredentials is set (401, "Missing token.").
	CodeMissingToken = "DMS.10240103"
	// CodeProjectMismatch is the code of an X-Project-Id that is missing or
	// is not the path's project_id, with WithProjectCheck (401, "The
	// project ID and token do not match.").
	CodeProjectMismatch = "DMS.10240104"
	// CodeAuth is the code of a request whose AK/SK signature does not
	// verify (401). It is not in the DMS appendix: it is the code of the
	// API gateway in front of the service for IAM authentication that
	// failed.
	CodeAuth = "APIGW.0301"
	// CodeInternal is the code of a failure that FailNext injects with a
	// 5xx status (500, "Internal service error.").
	CodeInternal = "DMS.00500000"
)

// The defaults of WithTaskLimits: the counts of the page's list example.
const (
	// DefaultMaxTasks is the max_tasks of a Fake without WithTaskLimits.
	DefaultMaxTasks = 18
	// DefaultQuotaTasks is the quota_tasks of a Fake without WithTaskLimits.
	DefaultQuotaTasks = 18
)

// defaultLimit is the page size of ListConnectorTasks without limit.
const defaultLimit = 10

// maxBody is the most bytes of a request body the Fake reads, the limit of
// smartconnect.NewServer.
const maxBody = 8 << 20

// Option is a setting of New.
type Option func(*config)

// config holds the settings of a Fake, which do not change once it is made.
type config struct {
	accessKey, secretKey string
	token                string
	projectCheck         bool
	now                  func() time.Time
	maxTasks, quotaTasks int32
	enabled              []string
}

// WithCredentials makes the Fake accept a request over HTTP only when it is
// signed with the access key and secret key (SDK-HMAC-SHA256, see
// VerifySignature); any other is answered 401, CodeMissingToken without an
// Authorization header and CodeAuth for one that does not verify. With
// WithToken as well, a request may carry either.
func WithCredentials(accessKey, secretKey string) Option {
	return func(c *config) { c.accessKey, c.secretKey = accessKey, secretKey }
}

// WithToken makes the Fake accept a request over HTTP only when its
// X-Auth-Token is token; any other is answered 401, CodeMissingToken without
// one and CodeInvalidToken for another token. With WithCredentials as well,
// a request may carry either.
func WithToken(token string) Option {
	return func(c *config) { c.token = token }
}

// WithProjectCheck makes the Fake answer 401 CodeProjectMismatch to a
// request over HTTP whose X-Project-Id header is missing or differs from the
// project_id of its path.
func WithProjectCheck() Option {
	return func(c *config) { c.projectCheck = true }
}

// WithClock sets the clock that dates new tasks (create_time); time.Now by
// default.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithTaskLimits sets what ListConnectorTasks reports as max_tasks and
// quota_tasks (DefaultMaxTasks and DefaultQuotaTasks by default); an
// instance holds at most maxTasks tasks.
func WithTaskLimits(maxTasks, quotaTasks int32) Option {
	return func(c *config) { c.maxTasks, c.quotaTasks = maxTasks, quotaTasks }
}

// WithSmartConnect switches Smart Connect on for the instances from the
// start, as if CreateConnector had been called for each.
func WithSmartConnect(instanceIDs ...string) Option {
	return func(c *config) { c.enabled = append(c.enabled, instanceIDs...) }
}

// Fake is the in-memory Smart Connect service. Make it with New.
type Fake struct {
	cfg    config
	mux    *http.ServeMux
	server http.Handler // smartconnect.NewServer(f)

	mu        sync.Mutex
	instances map[string]*instance
	failures  map[string][]Failure // by operation, the next answers first
	requests  []Request
}

// instance is the state of one Kafka instance.
type instance struct {
	connectorID string // "" while Smart Connect is off
	tasks       []*task
}

// task is one stored task: what the response shows but ID, status and
// create_time, which are kept apart.
type task struct {
	id      string
	status  string
	created int64
	body    []byte // the SmartConnectTaskEntity without id, status, create_time
}

// Failure is an answer FailWith makes the Fake give in place of the
// service's.
type Failure struct {
	// Status is the HTTP status, 400 to 599.
	Status int
	// Code and Message are the error body's error_code and error_msg.
	Code, Message string
	// RetryAfter is the value of a Retry-After header; "" sends none.
	RetryAfter string
}

// Request is a request the Fake answered over HTTP, as Requests reports it.
type Request struct {
	// Operation is the operation ID ("CreateConnectorTask"), "" for a
	// request that addresses none.
	Operation string
	// Method is the HTTP method.
	Method string
	// Path and RawQuery are the escaped path and the query, without "?".
	Path, RawQuery string
	// Header holds the request's headers; the values of Authorization,
	// X-Auth-Token and X-Security-Token are "[REDACTED]".
	Header http.Header
	// Status is the status the Fake answered with.
	Status int
}

// redactedHeaders are the headers whose values Request.Header hides.
var redactedHeaders = []string{"Authorization", "X-Auth-Token", "X-Security-Token"}

// New returns a Fake with the options applied.
func New(opts ...Option) *Fake {
	f := &Fake{
		cfg: config{
			now:        time.Now,
			maxTasks:   DefaultMaxTasks,
			quotaTasks: DefaultQuotaTasks,
		},
		instances: map[string]*instance{},
		failures:  map[string][]Failure{},
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&f.cfg)
		}
	}
	for _, id := range f.cfg.enabled {
		f.instance(id).connectorID = newUUID()
	}
	f.server = smartconnect.NewServer(f)
	f.mux = http.NewServeMux()
	for _, op := range smartconnect.Operations() {
		id := op.ID
		f.mux.HandleFunc(op.Method+" "+op.Path, func(w http.ResponseWriter, r *http.Request) {
			f.serve(id, w, r)
		})
	}
	f.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.serve("", w, r) // smartconnect.NewServer answers 404 or 405
	})
	return f
}

// Server starts and returns a new httptest.Server that serves f; the caller
// must Close it.
func (f *Fake) Server() *httptest.Server {
	return httptest.NewServer(f)
}

// ServeHTTP serves the API: it checks the credentials and the project that
// the options ask for, answers a failure that FailNext or FailWith set up
// for the operation, and otherwise lets smartconnect.NewServer(f) serve the
// request. It records the request for Requests.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mux.ServeHTTP(w, r)
}

// serve answers one request for the operation op ("" for none).
func (f *Fake) serve(op string, w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w}
	defer func() { f.record(op, r, rec.status) }()

	// The body is read for the signature, and given to
	// smartconnect.NewServer as it came: a body it cannot read or finds
	// too large is its to answer.
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))

	if fl, ok := f.authenticate(r, body); !ok {
		writeFailure(rec, fl)
		return
	}
	if f.cfg.projectCheck && op != "" && r.Header.Get("X-Project-Id") != r.PathValue("project_id") {
		writeFailure(rec, Failure{Status: http.StatusUnauthorized, Code: CodeProjectMismatch, Message: "The project ID and token do not match."})
		return
	}
	if fl, ok := f.nextFailure(op); ok {
		writeFailure(rec, fl)
		return
	}
	f.server.ServeHTTP(rec, r)
}

// authenticate checks the credentials of r, whose body is body, as the
// options ask; it returns the answer to give when they do not pass.
func (f *Fake) authenticate(r *http.Request, body []byte) (Failure, bool) {
	signs, tokens := f.cfg.accessKey != "", f.cfg.token != ""
	if !signs && !tokens {
		return Failure{}, true
	}
	auth, token := r.Header.Get("Authorization"), r.Header.Get("X-Auth-Token")
	switch {
	case signs && auth != "":
		if err := VerifySignature(r, body, f.cfg.accessKey, f.cfg.secretKey); err != nil {
			return Failure{Status: http.StatusUnauthorized, Code: CodeAuth, Message: "Incorrect IAM authentication information: " + err.Error()}, false
		}
		return Failure{}, true
	case tokens && token != "":
		if token != f.cfg.token {
			return Failure{Status: http.StatusUnauthorized, Code: CodeInvalidToken, Message: "Invalid token."}, false
		}
		return Failure{}, true
	}
	return Failure{Status: http.StatusUnauthorized, Code: CodeMissingToken, Message: "Missing token."}, false
}

// record adds a request to those Requests reports.
func (f *Fake) record(op string, r *http.Request, status int) {
	h := r.Header.Clone()
	for _, name := range redactedHeaders {
		if _, ok := h[name]; ok {
			h[name] = []string{"[REDACTED]"}
		}
	}
	if status == 0 {
		status = http.StatusOK
	}
	req := Request{Operation: op, Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: h, Status: status}
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()
}

// Requests returns the requests the Fake answered over HTTP, oldest first;
// requests still being answered are not among them.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Request, len(f.requests))
	for i, r := range f.requests {
		r.Header = r.Header.Clone()
		out[i] = r
	}
	return out
}

// FailNext makes the Fake answer the next times requests of the operation op
// (an operation ID of smartconnect.Operations, such as
// "ListConnectorTasks") over HTTP with status and the service's error body:
// for a 5xx status CodeInternal and "Internal service error."; for a 4xx
// status the status text and the appendix's general code of that status (400
// DMS.00400062, 401 CodeInvalidToken, 403 DMS.00403003, 404 CodeNotFound, 405
// DMS.00405001), none for another. Those requests reach no Handler method. It panics when op
// is no operation ID or status is not from 400 to 599.
func (f *Fake) FailNext(op string, status int, times int) {
	fl := Failure{Status: status, Code: CodeInternal, Message: "Internal service error."}
	if status < 500 {
		fl.Code, fl.Message = failureCodes[status], http.StatusText(status)
	}
	f.FailWith(op, fl, times)
}

// failureCodes are the appendix's general codes of 4xx statuses, which
// FailNext answers with.
var failureCodes = map[int]string{
	http.StatusBadRequest:       "DMS.00400062", // Invalid request parameter.
	http.StatusUnauthorized:     CodeInvalidToken,
	http.StatusForbidden:        "DMS.00403003", // This role does not have the permissions to perform this operation.
	http.StatusNotFound:         CodeNotFound,
	http.StatusMethodNotAllowed: "DMS.00405001", // This request method is not allowed.
}

// FailWith makes the Fake answer the next times requests of the operation
// op over HTTP with fl. Failures set up for one operation are given in the
// order they were set up. It panics when op is no operation ID or fl.Status
// is not from 400 to 599.
func (f *Fake) FailWith(op string, fl Failure, times int) {
	if !slices.ContainsFunc(smartconnect.Operations(), func(o smartconnect.OperationInfo) bool { return o.ID == op }) {
		panic("smartconnecttest: FailWith: " + strconv.Quote(op) + " is not an operation ID")
	}
	if fl.Status < 400 || fl.Status > 599 {
		panic("smartconnecttest: FailWith: status " + strconv.Itoa(fl.Status) + " is not an error status")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for range times {
		f.failures[op] = append(f.failures[op], fl)
	}
}

// nextFailure takes the next failure set up for op.
func (f *Fake) nextFailure(op string) (Failure, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := f.failures[op]
	if len(q) == 0 {
		return Failure{}, false
	}
	f.failures[op] = q[1:]
	return q[0], true
}

// Enabled reports whether Smart Connect is on for the instance.
func (f *Fake) Enabled(instanceID string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	in, ok := f.instances[instanceID]
	return ok && in.connectorID != ""
}

// errorBody is the service's error body.
type errorBody struct {
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
}

// writeFailure answers with fl.
func writeFailure(w http.ResponseWriter, fl Failure) {
	body, _ := json.Marshal(errorBody{Code: fl.Code, Message: fl.Message})
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Request-Id", newRequestID())
	if fl.RetryAfter != "" {
		h.Set("Retry-After", fl.RetryAfter)
	}
	w.WriteHeader(fl.Status)
	_, _ = w.Write(body)
}

// statusRecorder is a ResponseWriter that remembers the status written.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the status and writes it.
func (s *statusRecorder) WriteHeader(status int) {
	if s.status == 0 {
		s.status = status
	}
	s.ResponseWriter.WriteHeader(status)
}

// Write writes b, after the status 200 when none was written.
func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap returns the ResponseWriter, for http.ResponseController.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// newUUID returns a random (version 4) UUID in its text form.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}

// uuidShaped reports whether s looks like a UUID: 36 characters, hex digits
// in groups of 8, 4, 4, 4 and 12 separated by "-".
func uuidShaped(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// newRequestID returns a random request ID, as the service gives each
// response.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
