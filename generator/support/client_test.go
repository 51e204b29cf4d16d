package support

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Credentials of the client tests; none may appear in anything printed.
const (
	testAK       = "AKTESTCLIENT0001"
	testSK       = "sk-client-SECRET-5f1e9a"
	testSecToken = "sectoken-SECRET-77c2b0"
	testIAMToken = "iamtoken-SECRET-0d94aa"
)

// testEpoch is the fake clock's start.
var testEpoch = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

// seen is one request as the test server got it.
type seen struct {
	method, path, rawQuery string
	header                 http.Header
	body                   []byte
	host                   string
}

// testServer answers the n-th request (from 0) with respond(n, w, r)
// and records every request.
type testServer struct {
	*httptest.Server
	mu      sync.Mutex
	got     []seen
	respond func(n int, w http.ResponseWriter, r *http.Request)
}

func newTestServer(t *testing.T, respond func(n int, w http.ResponseWriter, r *http.Request)) *testServer {
	t.Helper()
	ts := &testServer{respond: respond}
	ts.Server = httptest.NewServer(http.HandlerFunc(ts.serve))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ts.mu.Lock()
	n := len(ts.got)
	ts.got = append(ts.got, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), body, r.Host})
	ts.mu.Unlock()
	ts.respond(n, w, r)
}

// requests returns what the server got so far.
func (ts *testServer) requests() []seen {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return slices.Clone(ts.got)
}

// hooks are a test client's fake clock and waits.
type hooks struct {
	mu     sync.Mutex
	clock  time.Time
	step   time.Duration // how far the clock moves at each reading
	sleeps []time.Duration
}

func (h *hooks) now() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.clock
	h.clock = h.clock.Add(h.step)
	return t
}

func (h *hooks) sleep(ctx context.Context, d time.Duration) error {
	h.mu.Lock()
	h.sleeps = append(h.sleeps, d)
	h.mu.Unlock()
	return ctx.Err()
}

func (h *hooks) waits() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.sleeps)
}

// newTestClient returns a client of ts.URL+"/prefix/" with a fake clock
// that moves a second at each reading, waits that return at once, and the
// longest jitter.
func newTestClient(t *testing.T, ts *testServer, opts ...Option) (*Client, *hooks) {
	t.Helper()
	c, err := NewClient(ts.URL+"/prefix/", opts...)
	if err != nil {
		t.Fatal(err)
	}
	h := &hooks{clock: testEpoch, step: time.Second}
	c.cfg.now = h.now
	c.cfg.sleep = h.sleep
	c.cfg.jitter = func(limit time.Duration) time.Duration { return limit }
	return c, h
}

// verifySigned checks that s carries a valid signature by testAK/testSK
// made for what the server got.
func verifySigned(t *testing.T, s seen) {
	t.Helper()
	auth := s.header.Get("Authorization")
	prefix := "SDK-HMAC-SHA256 Access=" + testAK + ", SignedHeaders="
	rest, ok := strings.CutPrefix(auth, prefix)
	if !ok {
		t.Fatalf("Authorization %q", auth)
	}
	signedHeaders, _, _ := strings.Cut(rest, ", ")
	date, err := time.Parse(signDateFormat, s.header.Get("X-Sdk-Date"))
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + s.host + s.path
	if s.rawQuery != "" {
		u += "?" + s.rawQuery
	}
	req, err := http.NewRequest(s.method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range strings.Split(signedHeaders, ";") {
		if name != "x-sdk-date" {
			req.Header[http.CanonicalHeaderKey(name)] = s.header.Values(name)
		}
	}
	if ct := s.header.Values("Content-Type"); ct != nil {
		req.Header["Content-Type"] = ct
	}
	signer := Signer{AccessKey: testAK, SecretKey: NewSecret(testSK)}
	if err := signer.Sign(req, s.body, date); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); got != auth {
		t.Errorf("signature does not verify:\n got  %s\n want %s", auth, got)
	}
}

// reply writes status with a JSON body.
func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", "req-"+fmt.Sprint(status))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func TestClientSuccess(t *testing.T) {
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, 200, `{"id":"task-1"}`)
	})
	c, _ := newTestClient(t, ts, WithAKSK(testAK, testSK), WithSecurityToken(testSecToken), WithUserAgent("agent/1.0"))
	body := []byte(`{"task_name":"a b"}`)
	res, err := c.do(context.Background(), call{
		operation: "CreateConnectorTask", method: "POST",
		path:  "/v2/proj%201/instances/inst/connector/tasks",
		query: url.Values{"limit": {"10"}, "name": {"a b&c"}},
		body:  body, projectID: "proj 1", success: statuses(200),
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.status != 200 || string(res.body) != `{"id":"task-1"}` || res.header.Get("X-Request-Id") != "req-200" {
		t.Errorf("result %d %q %v", res.status, res.body, res.header)
	}
	got := ts.requests()
	if len(got) != 1 {
		t.Fatalf("%d requests", len(got))
	}
	s := got[0]
	checks := []struct{ name, got, want string }{
		{"method", s.method, "POST"},
		{"path", s.path, "/prefix/v2/proj%201/instances/inst/connector/tasks"},
		{"query", s.rawQuery, "limit=10&name=a+b%26c"},
		{"body", string(s.body), string(body)},
		{"Content-Type", s.header.Get("Content-Type"), "application/json"},
		{"Accept", s.header.Get("Accept"), "application/json"},
		{"User-Agent", s.header.Get("User-Agent"), "agent/1.0"},
		{"X-Project-Id", s.header.Get("X-Project-Id"), "proj 1"},
		{"X-Security-Token", s.header.Get("X-Security-Token"), testSecToken},
		{"X-Auth-Token", s.header.Get("X-Auth-Token"), ""},
		// The clock's first reading times the attempt, the second dates it.
		{"X-Sdk-Date", s.header.Get("X-Sdk-Date"), testEpoch.Add(time.Second).Format(signDateFormat)},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %q, want %q", ck.name, ck.got, ck.want)
		}
	}
	if !strings.Contains(s.header.Get("Authorization"), "x-project-id;x-sdk-date;x-security-token") {
		t.Errorf("the project and security token are not signed: %s", s.header.Get("Authorization"))
	}
	verifySigned(t, s)
}

func TestClientNoBodyDefaults(t *testing.T) {
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) })
	c, _ := newTestClient(t, ts)
	res, err := c.do(context.Background(), call{operation: "DeleteConnectorTask", method: "DELETE", path: "/v2/p/tasks/t"})
	if err != nil || res.status != 204 || len(res.body) != 0 {
		t.Fatalf("%v %d %q", err, res.status, res.body)
	}
	h := ts.requests()[0].header
	for _, name := range []string{"Content-Type", "X-Project-Id", "Authorization", "X-Sdk-Date", "X-Auth-Token", "X-Security-Token"} {
		if v, ok := h[name]; ok {
			t.Errorf("%s sent: %q", name, v)
		}
	}
	if ua := h.Get("User-Agent"); ua != defaultUserAgent {
		t.Errorf("User-Agent %q", ua)
	}
}

func TestClientToken(t *testing.T) {
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	c, _ := newTestClient(t, ts, WithToken(testIAMToken))
	if _, err := c.do(context.Background(), call{method: "GET", path: "/x"}); err != nil {
		t.Fatal(err)
	}
	h := ts.requests()[0].header
	if h.Get("X-Auth-Token") != testIAMToken || h.Get("Authorization") != "" || h.Get("X-Sdk-Date") != "" {
		t.Errorf("headers %v", h)
	}
}

func TestClientSuccessStatuses(t *testing.T) {
	sent := []int{202, 200, 201, 299, 302}
	ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "http://elsewhere.invalid/")
		reply(w, sent[n], `{}`)
	})
	c, _ := newTestClient(t, ts)
	tests := []struct {
		success []int
		ok      bool
	}{
		{[]int{200, 202}, true},
		{[]int{201}, false},
		{nil, true},
		{nil, true},
		{nil, false}, // a redirect is not followed
	}
	for i, tt := range tests {
		_, err := c.do(context.Background(), call{method: "POST", path: "/x", success: statuses(tt.success...)})
		var apiErr *APIError
		if tt.ok != (err == nil) || !tt.ok && (!errors.As(err, &apiErr) || apiErr.StatusCode != sent[i]) {
			t.Errorf("status %d, success %v: err %v", sent[i], tt.success, err)
		}
	}
	if n := len(ts.requests()); n != len(tests) {
		t.Errorf("%d requests, want %d", n, len(tests))
	}
}

func TestClientErrorBody(t *testing.T) {
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, 400, `{"error_code":"DMS.00400002","error_msg":"Invalid parameter: task_name.","request_id":"body-id"}`)
	})
	c, _ := newTestClient(t, ts)
	_, err := c.do(context.Background(), call{method: "POST", path: "/x", body: []byte(`{"secret_field":"BODY"}`)})
	apiErr, ok := err.(*APIError)
	if !ok {
		t.Fatalf("error %T %v", err, err)
	}
	want := APIError{StatusCode: 400, Code: "DMS.00400002", Message: "Invalid parameter: task_name.", RequestID: "req-400"}
	if *apiErr != want {
		t.Errorf("got %+v, want %+v", *apiErr, want)
	}
	if got := err.Error(); got != "400 Bad Request: DMS.00400002: Invalid parameter: task_name. (request id req-400)" {
		t.Errorf("Error() = %q", got)
	}
}

// countingBody counts the bytes read from a response body.
type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// countingTransport counts the bytes read from response bodies.
type countingTransport struct {
	base http.RoundTripper
	read atomic.Int64
}

func (ct *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := ct.base.RoundTrip(req)
	if resp != nil {
		resp.Body = countingBody{resp.Body, &ct.read}
	}
	return resp, err
}

func TestClientErrorBodyCap(t *testing.T) {
	const size = 10 << 20
	var written atomic.Int64
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(500)
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for written.Load() < size {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	})
	ct := &countingTransport{base: http.DefaultTransport.(*http.Transport).Clone()}
	c, _ := newTestClient(t, ts, WithHTTPClient(&http.Client{Transport: ct}))
	_, err := c.do(context.Background(), call{method: "GET", path: "/x"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 {
		t.Fatalf("error %v", err)
	}
	if got := ct.read.Load(); got != maxErrorBody {
		t.Errorf("read %d bytes of the error body, want %d", got, maxErrorBody)
	}
	if len(apiErr.Message) > maxMessageLen || !strings.HasSuffix(apiErr.Message, "…") {
		t.Errorf("message of %d bytes: %.40q", len(apiErr.Message), apiErr.Message)
	}
	if len(err.Error()) > 400 {
		t.Errorf("Error() has %d bytes", len(err.Error()))
	}
}

func TestClientSuccessBodyCap(t *testing.T) {
	sizes := []int{1024, 1025, 1025}
	ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		body := bytes.Repeat([]byte("a"), sizes[n])
		if n == 2 {
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		} else {
			w.(http.Flusher).Flush() // chunked: no length known in advance
		}
		_, _ = w.Write(body)
	})
	c, _ := newTestClient(t, ts)
	c.cfg.maxBody = 1024
	for i, size := range sizes {
		res, err := c.do(context.Background(), call{method: "GET", path: "/x"})
		switch {
		case size <= 1024 && (err != nil || len(res.body) != size):
			t.Errorf("%d: %d bytes, %v", i, len(res.body), err)
		case size > 1024 && !errors.Is(err, errBodyTooLarge):
			t.Errorf("%d: error %v, want errBodyTooLarge", i, err)
		}
	}
	if n := len(ts.requests()); n != len(sizes) {
		t.Errorf("%d requests: a too large body was retried", n)
	}
	if c2, _ := NewClient("http://h"); c2.cfg.maxBody != 32<<20 {
		t.Errorf("default cap %d", c2.cfg.maxBody)
	}
}

func TestClientRetryThenSuccess(t *testing.T) {
	ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n < 2 {
			reply(w, 503, `{"error_code":"APIGW.0503","error_msg":"busy"}`)
			return
		}
		reply(w, 200, `{"ok":true}`)
	})
	c, h := newTestClient(t, ts, WithAKSK(testAK, testSK))
	res, err := c.do(context.Background(), call{method: "PUT", path: "/v2/p/x", body: []byte(`{"a":1}`), projectID: "p"})
	if err != nil || res.status != 200 {
		t.Fatalf("%v %d", err, res.status)
	}
	got := ts.requests()
	if len(got) != 3 {
		t.Fatalf("%d attempts, want 3", len(got))
	}
	dates := map[string]bool{}
	for _, s := range got {
		verifySigned(t, s)
		dates[s.header.Get("X-Sdk-Date")] = true
		if string(s.body) != `{"a":1}` {
			t.Errorf("body %q", s.body)
		}
	}
	if len(dates) != 3 {
		t.Errorf("X-Sdk-Date not renewed on every attempt: %v", dates)
	}
	if w := h.waits(); !slices.Equal(w, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}) {
		t.Errorf("waits %v", w)
	}
}

func TestClientRetryGivesUp(t *testing.T) {
	for _, attempts := range []int{1, 2, 4} {
		ts := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 502, `{}`) })
		c, h := newTestClient(t, ts, WithRetry(RetryPolicy{MaxAttempts: attempts, BaseDelay: time.Second, MaxDelay: 3 * time.Second}))
		_, err := c.do(context.Background(), call{method: "GET", path: "/x"})
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 {
			t.Errorf("error %v", err)
		}
		if n := len(ts.requests()); n != attempts {
			t.Errorf("%d attempts, want %d", n, attempts)
		}
		want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}[:attempts-1]
		if w := h.waits(); !slices.Equal(w, want) {
			t.Errorf("waits %v, want %v", w, want)
		}
	}
}

func TestClientRetryStatuses(t *testing.T) {
	for status, retried := range map[int]bool{429: true, 502: true, 503: true, 504: true, 500: false, 400: false, 404: false, 409: false} {
		ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
			if n == 0 {
				reply(w, status, `{}`)
				return
			}
			reply(w, 200, `{}`)
		})
		c, _ := newTestClient(t, ts)
		_, err := c.do(context.Background(), call{method: "GET", path: "/x"})
		if retried != (err == nil) {
			t.Errorf("%d: error %v", status, err)
		}
		if n := len(ts.requests()); n != map[bool]int{true: 2, false: 1}[retried] {
			t.Errorf("%d: %d attempts", status, n)
		}
	}
}

func TestClientRetryAfter(t *testing.T) {
	tests := []struct {
		retryAfter string
		wait       time.Duration // 0: not retried
	}{
		{"2", 2 * time.Second},
		{"0", 0},
		{testEpoch.Add(3 * time.Second).Format(http.TimeFormat), 3 * time.Second},
		{testEpoch.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"junk", 100 * time.Millisecond}, // ignored: backoff
		{"6", -1},                        // beyond MaxDelay: not retried
		{"99999999999999999999", -1},
	}
	for _, tt := range tests {
		ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
			if n == 0 {
				w.Header().Set("Retry-After", tt.retryAfter)
				reply(w, 429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`)
				return
			}
			reply(w, 200, `{}`)
		})
		c, h := newTestClient(t, ts)
		h.step = 0 // the clock stands, so that an HTTP date gives an exact wait
		_, err := c.do(context.Background(), call{method: "GET", path: "/x"})
		if tt.wait < 0 {
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || len(ts.requests()) != 1 || len(h.waits()) != 0 {
				t.Errorf("Retry-After %s: %v, %d attempts", tt.retryAfter, err, len(ts.requests()))
			}
			continue
		}
		if err != nil || len(ts.requests()) != 2 || !slices.Equal(h.waits(), []time.Duration{tt.wait}) {
			t.Errorf("Retry-After %s: %v, waits %v", tt.retryAfter, err, h.waits())
		}
	}
}

func TestClientNonIdempotent(t *testing.T) {
	for _, method := range []string{"POST", "PATCH"} {
		for _, retry := range []bool{false, true} {
			ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
				if n == 0 {
					reply(w, 503, `{}`)
					return
				}
				reply(w, 200, `{}`)
			})
			c, _ := newTestClient(t, ts, WithAKSK(testAK, testSK), WithRetry(RetryPolicy{RetryNonIdempotent: retry}))
			body := []byte(`{"task_name":"t"}`)
			_, err := c.do(context.Background(), call{method: method, path: "/x", body: body})
			got := ts.requests()
			if retry && (err != nil || len(got) != 2) || !retry && (err == nil || len(got) != 1) {
				t.Errorf("%s, RetryNonIdempotent %v: %v after %d attempts", method, retry, err, len(got))
			}
			for _, s := range got {
				if !bytes.Equal(s.body, body) {
					t.Errorf("body %q, want %q", s.body, body)
				}
				verifySigned(t, s)
			}
		}
	}
}

// hangUp answers a request by closing the connection: with reset set, by
// a TCP reset.
func hangUp(t *testing.T, w http.ResponseWriter, reset bool) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	if reset {
		_ = conn.(*net.TCPConn).SetLinger(0)
	}
	_ = conn.Close()
}

func TestClientConnectionClosed(t *testing.T) {
	for _, reset := range []bool{false, true} {
		for _, method := range []string{"GET", "POST"} {
			ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
				if n == 0 {
					hangUp(t, w, reset)
					return
				}
				reply(w, 200, `{}`)
			})
			c, h := newTestClient(t, ts)
			_, err := c.do(context.Background(), call{method: method, path: "/x", body: []byte(`{}`)})
			n := len(ts.requests())
			switch {
			case method == "GET" && (err != nil || n != 2 || len(h.waits()) != 1):
				t.Errorf("GET, reset %v: %v after %d attempts", reset, err, n)
			case method == "POST" && (err == nil || n != 1):
				t.Errorf("POST, reset %v: %v after %d attempts", reset, err, n)
			case method == "POST" && (!strings.HasPrefix(err.Error(), "POST /x: ") || !retryableError(errors.Unwrap(err))):
				t.Errorf("POST, reset %v: error %v", reset, err)
			}
		}
	}
}

func TestClientConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	c, err := NewClient("http://" + addr)
	if err != nil {
		t.Fatal(err)
	}
	var waits atomic.Int32
	c.cfg.sleep = func(context.Context, time.Duration) error { waits.Add(1); return nil }
	_, err = c.do(context.Background(), call{method: "GET", path: "/x"})
	if !errors.Is(err, syscall.ECONNREFUSED) || !strings.HasPrefix(err.Error(), "GET /x: ") || strings.Contains(err.Error(), "http://") {
		t.Errorf("error %v", err)
	}
	if waits.Load() != defaultMaxAttempts-1 {
		t.Errorf("%d waits, want %d", waits.Load(), defaultMaxAttempts-1)
	}
}

func TestClientCancelDuringBackoff(t *testing.T) {
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 503, `{}`) })
	c, _ := newTestClient(t, ts, WithRetry(RetryPolicy{BaseDelay: time.Hour, MaxDelay: time.Hour}))

	ctx, cancel := context.WithCancel(context.Background())
	c.cfg.sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		return sleepContext(ctx, d)
	}
	start := time.Now()
	_, err := c.do(ctx, call{method: "GET", path: "/x"})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "waiting to retry") || !strings.Contains(err.Error(), "503") {
		t.Errorf("error %v", err)
	}

	c.cfg.sleep = sleepContext
	ctx, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	_, err = c.do(ctx, call{method: "GET", path: "/x"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	if n := len(ts.requests()); n > 2 {
		t.Errorf("%d attempts, want at most 2", n)
	}
}

func TestClientCancelDuringResponse(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 4)
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/partial" { // headers and part of the body, then nothing
			w.WriteHeader(200)
			_, _ = io.WriteString(w, `{"partial":`)
			w.(http.Flusher).Flush()
		}
		started <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	c, h := newTestClient(t, ts)

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	_, err := c.do(ctx, call{method: "GET", path: "/hang"})
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "GET /hang: ") {
		t.Errorf("cancel: error %v", err)
	}

	for _, path := range []string{"/hang", "/partial"} { // waiting for the headers, then reading the body
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		_, err = c.do(ctx, call{method: "GET", path: path})
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("deadline %s: error %v", path, err)
		}
	}
	got := ts.requests()
	if len(got) > 3 || len(h.waits()) != 0 {
		t.Errorf("%d attempts, %d waits: a cancelled request was retried", len(got), len(h.waits()))
	}
}

func TestClientRequestErrors(t *testing.T) {
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	c, _ := newTestClient(t, ts, WithAKSK(testAK, testSK))
	for _, r := range []call{
		{method: "GET", path: "x"},
		{method: "GET", path: "/x?a=1"},
		{method: "GET", path: "/x#f"},
		{method: "GET", path: "/a%2Fb"}, // cannot be signed
		{method: "BAD METHOD", path: "/x"},
		{method: "", path: "/x"},
		{method: "GET", path: "/x", projectID: "p\nq"},
		{method: "GET", path: "/a\x7fb"},
		{method: "GET", path: "/a\nb"},
		{method: "GET", path: "/a%zz"},
		{method: "GET", path: "/a%2"},
	} {
		_, err := c.do(context.Background(), r)
		if err == nil || !strings.HasPrefix(err.Error(), r.method+" "+r.path+": ") {
			t.Errorf("%s %q: error %v", r.method, r.path, err)
		}
	}
	if n := len(ts.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
	for _, c := range []*Client{nil, {}} {
		if _, err := c.do(context.Background(), call{method: "GET", path: "/x"}); err == nil || !strings.Contains(err.Error(), "not made by NewClient") {
			t.Errorf("error %v", err)
		}
	}
}

func TestClientRedirectNotFollowed(t *testing.T) {
	other := newTestServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	ts := newTestServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	})
	own := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	c, _ := newTestClient(t, ts, WithToken(testIAMToken), WithHTTPClient(own))
	_, err := c.do(context.Background(), call{method: "GET", path: "/x"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 307 {
		t.Errorf("error %v", err)
	}
	if n := len(other.requests()); n != 0 {
		t.Errorf("the redirect was followed")
	}
	if own.CheckRedirect(nil, nil) != nil {
		t.Errorf("the caller's client was changed")
	}
}

func TestNewClientErrors(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"token and AK/SK", []Option{WithToken(testIAMToken), WithAKSK(testAK, testSK)}, "cannot be used together"},
		{"AK/SK and token", []Option{WithAKSK(testAK, testSK), WithToken(testIAMToken)}, "cannot be used together"},
		{"security token alone", []Option{WithSecurityToken(testSecToken)}, "needs WithAKSK"},
		{"security token with token", []Option{WithToken(testIAMToken), WithSecurityToken(testSecToken)}, "needs WithAKSK"},
		{"empty AK", []Option{WithAKSK("", testSK)}, "must not be empty"},
		{"empty SK", []Option{WithAKSK(testAK, "")}, "must not be empty"},
		{"bad AK", []Option{WithAKSK("AK, x", testSK)}, "access key must consist"},
		{"empty token", []Option{WithToken("")}, "must not be empty"},
		{"token with newline", []Option{WithToken(testIAMToken + "\r\nX: y")}, "control characters"},
		{"empty security token", []Option{WithAKSK(testAK, testSK), WithSecurityToken("")}, "must not be empty"},
		{"security token with DEL", []Option{WithAKSK(testAK, testSK), WithSecurityToken(testSecToken + "\x7f")}, "control characters"},
		{"nil HTTP client", []Option{WithHTTPClient(nil)}, "client is nil"},
		{"empty user agent", []Option{WithUserAgent("")}, "must not be empty"},
		{"negative attempts", []Option{WithRetry(RetryPolicy{MaxAttempts: -1})}, "must not be negative"},
		{"negative delay", []Option{WithRetry(RetryPolicy{BaseDelay: -1})}, "must not be negative"},
		{"max below base", []Option{WithRetry(RetryPolicy{BaseDelay: 10 * time.Second})}, "MaxDelay is less than BaseDelay"},
	}
	for _, tt := range tests {
		c, err := NewClient("https://dms.example.com", tt.opts...)
		if err == nil || c != nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "NewClient: ") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want %q", tt.name, err, tt.want)
		}
		checkNoSecret(t, err.Error())
	}
	c, err := NewClient("https://dms.example.com", nil, WithLogger(nil), WithAKSK(testAK, testSK), WithSecurityToken(testSecToken))
	if err != nil || c.cfg.logger != nil || c.cfg.retry != (RetryPolicy{MaxAttempts: 3, BaseDelay: 100 * time.Millisecond, MaxDelay: 5 * time.Second}) {
		t.Errorf("%v %+v", err, c.cfg.retry)
	}
}

func TestNewClientBaseURL(t *testing.T) {
	good := map[string]string{
		"https://dms.example.com":             "https://dms.example.com",
		"https://dms.example.com/":            "https://dms.example.com",
		"HTTP://dms.example.com:8443/api/v1/": "http://dms.example.com:8443/api/v1",
		"http://[::1]:80/a%20b":               "http://[::1]:80/a%20b",
		"http://127.0.0.1//":                  "http://127.0.0.1",
	}
	for in, want := range good {
		c, err := NewClient(in)
		if err != nil || c.base != want {
			t.Errorf("NewClient(%q): %v, base %q, want %q", in, err, c.base, want)
		}
	}
	bad := map[string]string{
		"":                            "absolute",
		"dms.example.com":             "absolute",
		"/v2":                         "absolute",
		"ftp://dms.example.com":       "absolute",
		"mailto:ops@example.com":      "absolute",
		"http:opaque":                 "no host",
		"http://":                     "no host",
		"http:///path":                "no host",
		"http://dms.example.com?x=1":  "query",
		"http://dms.example.com/?":    "query",
		"http://dms.example.com/#top": "fragment",
		"http://dms.example.com#":     "fragment",
		"http://user:" + testSK + "@dms.example.com": "user information",
		"http://dms.example.com/a%2Fb":               "escaped",
		"http://dms.example.com/%zz":                 "does not parse",
		"http://dms example.com/":                    "does not parse",
	}
	for in, want := range bad {
		c, err := NewClient(in)
		if err == nil || c != nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewClient(%q): %v, want %q", in, err, want)
			continue
		}
		checkNoSecret(t, err.Error())
	}
}

// checkNoSecret fails when text shows a credential of the tests.
func checkNoSecret(t *testing.T, text string, more ...string) {
	t.Helper()
	for _, s := range append([]string{testSK, testSecToken, testIAMToken}, more...) {
		if s != "" && (strings.Contains(text, s) || strings.Contains(text, fmt.Sprintf("%x", s))) {
			t.Errorf("%q shows %q", text, s)
		}
	}
}

func TestClientLogging(t *testing.T) {
	ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n%2 == 0 {
			w.Header().Set("X-Request-Id", "rid-\n503")
			w.WriteHeader(503)
			return
		}
		reply(w, 200, `{"marker":"RESPONSE-MARKER"}`)
	})
	var text, js bytes.Buffer
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	loggers := []*slog.Logger{slog.New(slog.NewTextHandler(&text, opts)), slog.New(slog.NewJSONHandler(&js, opts))}
	auths := [][]Option{{WithAKSK(testAK, testSK), WithSecurityToken(testSecToken)}, {WithToken(testIAMToken)}}
	for _, l := range loggers {
		for _, auth := range auths {
			c, _ := newTestClient(t, ts, append(auth, WithLogger(l))...)
			r := call{operation: "ShowTask", method: "GET", path: "/v2/p/tasks/t", query: url.Values{"q": {"QUERY-MARKER"}}, body: []byte(`{"marker":"BODY-MARKER"}`), projectID: "p"}
			if _, err := c.do(context.Background(), r); err != nil {
				t.Fatal(err)
			}
		}
	}
	var authorizations []string
	for _, s := range ts.requests() {
		if a := s.header.Get("Authorization"); a != "" {
			authorizations = append(authorizations, a, a[strings.LastIndex(a, "=")+1:])
		}
	}
	if len(authorizations) == 0 {
		t.Fatal("no Authorization sent")
	}
	for _, out := range []string{text.String(), js.String()} {
		checkNoSecret(t, out, append(authorizations, "BODY-MARKER", "RESPONSE-MARKER", "QUERY-MARKER")...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 4 {
			t.Fatalf("%d records, want 4 (one per attempt):\n%s", len(lines), out)
		}
		for i, line := range lines {
			wantLevel, wantStatus, wantAttempt := "INFO", "503", "1"
			if i%2 == 1 {
				wantLevel, wantStatus, wantAttempt = "DEBUG", "200", "2"
			}
			for _, want := range []string{wantLevel, "ShowTask", "GET", "/v2/p/tasks/t", wantStatus, wantAttempt, "duration", "request_id"} {
				if !strings.Contains(line, want) {
					t.Errorf("record %q lacks %q", line, want)
				}
			}
			if i%2 == 0 && (!strings.Contains(line, "retry_in") || !strings.Contains(line, "rid- 503")) {
				t.Errorf("record %q lacks retry_in or the cleaned request id", line)
			}
		}
	}
	if !strings.Contains(text.String(), "operation=ShowTask method=GET path=/v2/p/tasks/t attempt=1 status=503") {
		t.Errorf("text records:\n%s", text.String())
	}

	// A logger whose level drops debug records gets only the failures.
	var info bytes.Buffer
	c, _ := newTestClient(t, ts, WithLogger(slog.New(slog.NewTextHandler(&info, nil))))
	if _, err := c.do(context.Background(), call{method: "GET", path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(info.String(), "\n"); n != 1 || !strings.Contains(info.String(), "level=INFO") {
		t.Errorf("at level Info:\n%s", info.String())
	}
}

func TestClientPrinting(t *testing.T) {
	cases := []struct {
		opts []Option
		want string
	}{
		{nil, "Client{BaseURL:https://dms.example.com/api Auth:None}"},
		{[]Option{WithAKSK(testAK, testSK)}, "Client{BaseURL:https://dms.example.com/api Auth:AK/SK}"},
		{[]Option{WithAKSK(testAK, testSK), WithSecurityToken(testSecToken)}, "Client{BaseURL:https://dms.example.com/api Auth:AK/SK+SecurityToken}"},
		{[]Option{WithToken(testIAMToken)}, "Client{BaseURL:https://dms.example.com/api Auth:Token}"},
	}
	for _, tc := range cases {
		c, err := NewClient("https://dms.example.com/api/", tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
			texts = append(texts, fmt.Sprintf(verb, c), fmt.Sprintf(verb, *c))
		}
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "client", c, "value", *c)
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "client", c)
		texts = append(texts, buf.String(), c.String(), c.GoString(), fmt.Sprint([]*Client{c}), fmt.Sprintf("%+v", struct{ C Client }{*c}))
		for _, text := range texts {
			checkNoSecret(t, text, testAK)
		}
		if got := fmt.Sprintf("%+v", c); got != tc.want {
			t.Errorf("%%+v = %s, want %s", got, tc.want)
		}
		if got := fmt.Sprintf("%#v", *c); got != tc.want {
			t.Errorf("%%#v = %s, want %s", got, tc.want)
		}
	}
}

func TestClientConcurrent(t *testing.T) {
	ts := newTestServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 0 {
			reply(w, 503, `{}`)
			return
		}
		reply(w, 200, `{}`)
	})
	c, _ := newTestClient(t, ts, WithAKSK(testAK, testSK))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.do(context.Background(), call{method: "GET", path: "/x"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for _, s := range ts.requests() {
		verifySigned(t, s)
	}
}

func TestStatuses(t *testing.T) {
	s := statuses(200, 202, 263, 264, 299)
	for status := 150; status < 350; status++ {
		want := status == 200 || status == 202 || status == 263 || status == 264 || status == 299
		if s.has(status) != want {
			t.Errorf("has(%d) = %v", status, !want)
		}
	}
	if statuses() != (statusSet{}) || statuses(199, 300, 302, -1) != (statusSet{}) {
		t.Errorf("codes outside 2xx are in the set")
	}
	if (statusSet{}).has(200) {
		t.Errorf("the empty set has 200")
	}
}

// TestTarget checks that the URL of a request is the one
// http.NewRequest made from the base URL and the path, as before: the same
// path, escaped path and query on the wire.
func TestTarget(t *testing.T) {
	query := url.Values{"name": {"a b&c"}, "limit": {"10"}}
	for _, base := range []string{"http://h", "http://h:/", "http://h:8080/pre%20fix/", "https://[::1]:443/a/b"} {
		c, err := NewClient(base)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", "/v2/p/x", "/v2/proj%201/x", "/v2/a b/x", "/v2/%7Bx%7D/y%25z", "/v2/a+b;c=d/ü"} {
			for _, q := range []url.Values{nil, query} {
				r := call{method: "GET", path: path, query: q}
				tg, err := c.target(&r)
				if err != nil {
					t.Errorf("%s %s: %v", base, path, err)
					continue
				}
				req, err := c.newRequest(context.Background(), &r, &tg)
				if err != nil {
					t.Fatal(err)
				}
				raw := c.base + path
				if len(q) > 0 {
					raw += "?" + q.Encode()
				}
				want, err := http.NewRequest("GET", raw, nil)
				if err != nil {
					t.Fatal(err)
				}
				got := req.URL
				if got.String() != want.URL.String() || got.Path != want.URL.Path || got.EscapedPath() != want.URL.EscapedPath() ||
					got.RequestURI() != want.URL.RequestURI() || got.Host != want.Host {
					t.Errorf("%s + %s: URL %q (path %q, host %q), want %q (path %q, host %q)",
						base, path, got, got.Path, got.Host, want.URL, want.URL.Path, want.Host)
				}
				if req.Host != "" {
					t.Errorf("Host = %q, want it empty (URL.Host is sent)", req.Host)
				}
			}
		}
	}
}

func TestNewRequest(t *testing.T) {
	c, err := NewClient("https://dms.example.com", WithAKSK(testAK, testSK), WithSecurityToken(testSecToken))
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"task_name":"t"}`)
	r := call{method: "POST", path: "/v2/p/tasks", body: body, projectID: "p"}
	tg, err := c.target(&r)
	if err != nil {
		t.Fatal(err)
	}
	req, err := c.newRequest(context.Background(), &r, &tg)
	if err != nil {
		t.Fatal(err)
	}
	if req.ContentLength != int64(len(body)) || req.GetBody == nil || req.Context() != context.Background() {
		t.Errorf("ContentLength %d, GetBody %v", req.ContentLength, req.GetBody != nil)
	}
	for i := range 2 {
		rc := req.Body
		if i == 1 {
			if rc, err = req.GetBody(); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := io.ReadAll(rc); !bytes.Equal(got, body) {
			t.Errorf("body %d: %q", i, got)
		}
	}
	want := []string{"Accept", "Authorization", "Content-Type", "User-Agent", "X-Project-Id", "X-Sdk-Date", "X-Security-Token"}
	if got := slices.Sorted(maps.Keys(req.Header)); !slices.Equal(got, want) {
		t.Errorf("headers %v, want %v", got, want)
	}
	for name, v := range req.Header {
		if len(v) != 1 || cap(v) != 1 {
			t.Errorf("%s: %d values, capacity %d", name, len(v), cap(v))
		}
	}
	if at, err := time.Parse(signDateFormat, req.Header.Get("X-Sdk-Date")); err != nil || time.Since(at) > time.Minute {
		t.Errorf("X-Sdk-Date %q: %v", req.Header.Get("X-Sdk-Date"), err)
	}

	empty := call{method: "PUT", path: "/x", body: []byte{}}
	if req, err = c.newRequest(context.Background(), &empty, &target{path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if req.Body != http.NoBody || req.ContentLength != 0 || req.Header.Get("Content-Type") != "application/json" {
		t.Errorf("empty body: %v %d", req.Body, req.ContentLength)
	}
	none := call{method: "GET", path: "/x"}
	if req, err = c.newRequest(context.Background(), &none, &target{path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if req.Body != nil || req.GetBody != nil || req.Header.Get("Content-Type") != "" {
		t.Errorf("no body: %v", req.Body)
	}
}

// TestNewRequestAllocs pins what a signed request costs to build: the
// outgoing, the header map (two allocations), the http.Request, the
// io.NopCloser around the body, the GetBody closure and the
// Authorization string. The X-Sdk-Date string is shared within a second.
func TestNewRequestAllocs(t *testing.T) {
	c, err := NewClient("https://dms.example.com", WithAKSK(testAK, testSK))
	if err != nil {
		t.Fatal(err)
	}
	at := testEpoch
	c.cfg.now = func() time.Time { return at }
	r := call{method: "POST", path: "/v2/p/tasks", body: []byte(`{"task_name":"t"}`), projectID: "p"}
	tg, err := c.target(&r)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if n := testing.AllocsPerRun(100, func() { _, _ = c.newRequest(ctx, &r, &tg) }); n > 7 {
		t.Errorf("newRequest allocates %v times, want at most 7", n)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = c.target(&r) }); n != 0 {
		t.Errorf("target allocates %v times without a prefix or a query, want 0", n)
	}
}

func TestDateCache(t *testing.T) {
	var dc dateCache
	a := dc.text(testEpoch)
	if a != "20250314T092653Z" {
		t.Errorf("text %q", a)
	}
	d := dc.last.Load()
	if b := dc.text(testEpoch.Add(999 * time.Millisecond).In(time.FixedZone("X", 3600))); b != a || dc.last.Load() != d {
		t.Errorf("the same second gave %q, a new value", b)
	}
	if b := dc.text(testEpoch.Add(time.Second)); b != "20250314T092654Z" {
		t.Errorf("the next second gave %q", b)
	}
}

// bodyTransport answers every request with status 200, the Content-Length
// length and the body body.
type bodyTransport struct {
	length int64
	body   string
}

func (bt bodyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, ContentLength: bt.length, Body: io.NopCloser(strings.NewReader(bt.body)), Header: http.Header{}, Request: req}, nil
}

func TestReadBodyContentLength(t *testing.T) {
	tests := []struct {
		length int64
		body   string
		err    string
	}{
		{4, "abcd", ""},
		{0, "", ""},
		{-1, "abcd", ""},
		{4, "abc", "unexpected EOF"},
		{4, "", "unexpected EOF"},
		{3, "abcd", "longer than its Content-Length"},
		{2000, "x", "larger than the client reads"},
	}
	for _, tt := range tests {
		c, err := NewClient("http://h", WithHTTPClient(&http.Client{Transport: bodyTransport{tt.length, tt.body}}), WithRetry(RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		c.cfg.maxBody = 1024
		res, err := c.do(context.Background(), call{method: "GET", path: "/x"})
		switch {
		case tt.err == "" && (err != nil || string(res.body) != tt.body):
			t.Errorf("%d %q: %q, %v", tt.length, tt.body, res.body, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%d %q: error %v, want %q", tt.length, tt.body, err, tt.err)
		}
	}
}
