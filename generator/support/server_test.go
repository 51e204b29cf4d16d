package support

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"
)

// errorBody is the service's error body as a client reads it.
type errorBody struct {
	Code       string `json:"error_code"`
	Msg        string `json:"error_msg"`
	Violations []struct {
		Path, Rule, Message string
	} `json:"violations"`
}

// readErrorBody decodes rec's body as an error body, failing t when it is
// not one.
func readErrorBody(t *testing.T, rec *httptest.ResponseRecorder) errorBody {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q, want application/json", ct)
	}
	var b errorBody
	dec := json.NewDecoder(rec.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		t.Fatalf("the error body does not decode: %v", err)
	}
	return b
}

func TestServerRequestIDs(t *testing.T) {
	rec := httptest.NewRecorder()
	newServerRequest(rec, httptest.NewRequest("GET", "/", nil))
	id := rec.Header().Get("X-Request-Id")
	if len(id) != 32 {
		t.Fatalf("request id %q: want 32 hex digits", id)
	}
	other := httptest.NewRecorder()
	newServerRequest(other, httptest.NewRequest("GET", "/", nil))
	if other.Header().Get("X-Request-Id") == id {
		t.Fatal("two requests got the same id")
	}
	kept := httptest.NewRecorder()
	kept.Header().Set("X-Request-Id", "given")
	newServerRequest(kept, httptest.NewRequest("GET", "/", nil))
	if got := kept.Header().Get("X-Request-Id"); got != "given" {
		t.Fatalf("an id already set became %q", got)
	}
}

func TestServerBody(t *testing.T) {
	t.Run("read", func(t *testing.T) {
		rec := httptest.NewRecorder()
		s := newServerRequest(rec, httptest.NewRequest("POST", "/", strings.NewReader(`{"a":1}`)))
		data, ok := s.body()
		if !ok || string(data) != `{"a":1}` {
			t.Fatalf("body() = %q, %v", data, ok)
		}
	})
	t.Run("too large", func(t *testing.T) {
		rec := httptest.NewRecorder()
		big := bytes.Repeat([]byte{' '}, maxRequestBody+1)
		s := newServerRequest(rec, httptest.NewRequest("POST", "/", bytes.NewReader(big)))
		if _, ok := s.body(); ok {
			t.Fatal("a body over the limit was read")
		}
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d, want 413", rec.Code)
		}
		if b := readErrorBody(t, rec); b.Code != codeTooLarge {
			t.Fatalf("error_code %q", b.Code)
		}
	})
	t.Run("at the limit", func(t *testing.T) {
		rec := httptest.NewRecorder()
		s := newServerRequest(rec, httptest.NewRequest("POST", "/", bytes.NewReader(make([]byte, maxRequestBody))))
		if data, ok := s.body(); !ok || len(data) != maxRequestBody {
			t.Fatalf("a body of exactly the limit: %d bytes, %v", len(data), ok)
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/", nil)
		req.Body = io.NopCloser(iotest.ErrReader(errors.New("connection reset")))
		s := newServerRequest(rec, req)
		if _, ok := s.body(); ok {
			t.Fatal("an unreadable body was read")
		}
		if rec.Code != http.StatusBadRequest {
			t.Fatalf("status %d, want 400", rec.Code)
		}
		if b := readErrorBody(t, rec); strings.Contains(b.Msg, "connection reset") {
			t.Fatalf("the read error reached the client: %q", b.Msg)
		}
	})
}

func TestServerCheck(t *testing.T) {
	rec := httptest.NewRecorder()
	s := newServerRequest(rec, httptest.NewRequest("GET", "/?limit=x", nil))
	if !s.check(nil) {
		t.Fatal("no violations: check reported some")
	}
	s.missingQuery("offset", "required")
	ve := &ValidationError{Violations: []Violation{{Path: "/name", Rule: "type", Message: "must be a string"}}, Omitted: 2}
	if s.check(fmt.Errorf("wrapped: %w", ve)) {
		t.Fatal("violations: check reported none")
	}
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", rec.Code)
	}
	b := readErrorBody(t, rec)
	if b.Code != codeInvalidRequest || len(b.Violations) != 2 {
		t.Fatalf("error body %+v", b)
	}
	// The query parameter's violation comes first, as it was found first.
	if b.Violations[0].Path != "/offset" || b.Violations[1].Path != "/name" {
		t.Fatalf("violation paths %q, %q", b.Violations[0].Path, b.Violations[1].Path)
	}
	if !strings.HasPrefix(b.Msg, "4 violations; ") {
		t.Fatalf("error_msg %q does not count the omitted violations", b.Msg)
	}
}

func TestServerFail(t *testing.T) {
	cases := []struct {
		name   string
		err    error
		status int
		code   string
		msg    string
	}{
		{"api error", &APIError{StatusCode: 409, Code: "DMS.00400001", Message: "the task exists"}, 409, "DMS.00400001", "the task exists"},
		{"wrapped api error", fmt.Errorf("store: %w", &APIError{StatusCode: 404, Code: "DMS.404", Message: "gone"}), 404, "DMS.404", "gone"},
		{"api error, status not an error", &APIError{StatusCode: 200, Code: "X", Message: "odd"}, 500, "X", "odd"},
		{"api error, status out of range", &APIError{StatusCode: 700, Code: "X", Message: "odd"}, 500, "X", "odd"},
		{"other error", errors.New("database password is hunter2"), 500, codeInternal, "internal error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			newServerRequest(rec, httptest.NewRequest("GET", "/", nil)).fail(c.err)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d", rec.Code, c.status)
			}
			b := readErrorBody(t, rec)
			if b.Code != c.code || b.Msg != c.msg {
				t.Fatalf("error body %+v, want %s %q", b, c.code, c.msg)
			}
		})
	}
	t.Run("request id of the api error", func(t *testing.T) {
		rec := httptest.NewRecorder()
		newServerRequest(rec, httptest.NewRequest("GET", "/", nil)).fail(&APIError{StatusCode: 400, RequestID: "req-1"})
		if got := rec.Header().Get("X-Request-Id"); got != "req-1" {
			t.Fatalf("X-Request-Id %q", got)
		}
	})
	t.Run("client gone", func(t *testing.T) {
		rec := httptest.NewRecorder()
		newServerRequest(rec, httptest.NewRequest("GET", "/", nil)).fail(fmt.Errorf("listing: %w", context.Canceled))
		if rec.Code != 499 || rec.Body.Len() != 0 {
			t.Fatalf("status %d, body %q", rec.Code, rec.Body)
		}
	})
}

func TestServerReply(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   []byte
		err    error
		want   int
		text   string
		ctype  string
	}{
		{"body", 201, []byte(`{"id":"x"}`), nil, 201, `{"id":"x"}`, "application/json"},
		{"no body", 204, nil, nil, 204, "", ""},
		{"null body", 200, []byte("null"), nil, 500, "", "application/json"},
		{"error", 200, nil, &APIError{StatusCode: 403, Code: "DMS.403"}, 403, "", "application/json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			newServerRequest(rec, httptest.NewRequest("GET", "/", nil)).reply(c.status, c.body, c.err)
			if rec.Code != c.want {
				t.Fatalf("status %d, want %d", rec.Code, c.want)
			}
			if ct := rec.Header().Get("Content-Type"); ct != c.ctype {
				t.Fatalf("Content-Type %q, want %q", ct, c.ctype)
			}
			if c.text != "" && rec.Body.String() != c.text {
				t.Fatalf("body %q, want %q", rec.Body, c.text)
			}
		})
	}
}

func TestServerHeaderValue(t *testing.T) {
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Progress-Url", "https://example.com/p")
	req.Header.Add("Twice", "1")
	req.Header.Add("Twice", "2")
	rec := httptest.NewRecorder()
	s := newServerRequest(rec, req)
	if v, ok := s.headerValue("progress-url", "rule"); !ok || v != "https://example.com/p" {
		t.Fatalf("headerValue: %q, %v", v, ok)
	}
	if _, ok := s.headerValue("Absent", "rule"); ok {
		t.Fatal("an absent header was found")
	}
	if _, ok := s.headerValue("Twice", "rule"); ok || s.check(nil) {
		t.Fatal("a header given twice was read")
	}
}

func TestServerReplyAs(t *testing.T) {
	rec := httptest.NewRecorder()
	newServerRequest(rec, httptest.NewRequest("GET", "/", nil)).replyAs("image/png", 200, []byte("\x89PNG"))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" || rec.Body.String() != "\x89PNG" {
		t.Fatalf("replyAs: %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	rec = httptest.NewRecorder()
	newServerRequest(rec, httptest.NewRequest("GET", "/", nil)).replyJSONAs("application/problem+json", 201, []byte(`{"a":1}`), nil)
	if rec.Code != 201 || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("replyJSONAs: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func TestServerQuery(t *testing.T) {
	t.Run("malformed", func(t *testing.T) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.RawQuery = "a=%zz"
		if _, ok := newServerRequest(rec, req).query(); ok {
			t.Fatal("a malformed query was parsed")
		}
		if rec.Code != http.StatusBadRequest {
			t.Fatalf("status %d", rec.Code)
		}
	})

	rec := httptest.NewRecorder()
	s := newServerRequest(rec, httptest.NewRequest("GET", "/?limit=10&offset=-1&big=99999999999999999999&flag=true&no=yes&ratio=0.5&nan=x&twice=1&twice=2&a~b/c=1", nil))
	q, ok := s.query()
	if !ok {
		t.Fatal("the query did not parse")
	}
	if v, ok := s.queryValue(q, "absent", "rule"); ok || v != "" {
		t.Fatalf("an absent parameter: %q, %v", v, ok)
	}
	v, _ := s.queryValue(q, "limit", "type")
	if n, ok := s.parseInt("limit", "type", v, 1, 50); !ok || n != 10 {
		t.Fatalf("limit: %d, %v", n, ok)
	}
	v, _ = s.queryValue(q, "offset", "minimum")
	if _, ok := s.parseInt("offset", "minimum", v, 0, 100); ok {
		t.Fatal("offset -1 is below the minimum")
	}
	v, _ = s.queryValue(q, "big", "type")
	if _, ok := s.parseInt("big", "type", v, 0, 1<<62); ok {
		t.Fatal("an integer beyond int64 was read")
	}
	v, _ = s.queryValue(q, "flag", "type")
	if b, ok := s.parseBool("flag", "type", v); !ok || !b {
		t.Fatalf("flag: %v, %v", b, ok)
	}
	v, _ = s.queryValue(q, "no", "type")
	if _, ok := s.parseBool("no", "type", v); ok {
		t.Fatal(`"yes" was read as a boolean`)
	}
	v, _ = s.queryValue(q, "ratio", "type")
	if f, ok := s.parseNumber("ratio", "type", v); !ok || f != 0.5 {
		t.Fatalf("ratio: %v, %v", f, ok)
	}
	v, _ = s.queryValue(q, "nan", "type")
	if _, ok := s.parseNumber("nan", "type", v); ok {
		t.Fatal(`"x" was read as a number`)
	}
	if _, ok := s.queryValue(q, "twice", "type"); ok {
		t.Fatal("a parameter given twice was read")
	}
	s.missingQuery("a~b/c", "required")
	if s.check(nil) {
		t.Fatal("the violations were not reported")
	}
	b := readErrorBody(t, rec)
	var paths []string
	for _, v := range b.Violations {
		paths = append(paths, v.Path+" "+v.Rule)
	}
	want := []string{"/offset minimum", "/big type", "/no type", "/nan type", "/twice type", "/a~0b~1c required"}
	if strings.Join(paths, ", ") != strings.Join(want, ", ") {
		t.Fatalf("violations\n got %q\nwant %q", paths, want)
	}
}

func TestRouted(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/{project}/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.PathValue("project") + "/" + r.PathValue("id")))
	})
	mux.HandleFunc("DELETE /v2/{project}/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	serve := func(method, path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		routed(mux, rec, httptest.NewRequest(method, path, nil))
		return rec
	}

	if rec := serve("GET", "/v2/p1/items/i9"); rec.Code != 200 || rec.Body.String() != "p1/i9" {
		t.Fatalf("a route: %d %q", rec.Code, rec.Body)
	}
	rec := serve("PUT", "/v2/p1/items/i9")
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("another method: status %d", rec.Code)
	}
	if allow := rec.Header().Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "DELETE") {
		t.Fatalf("Allow %q", allow)
	}
	if b := readErrorBody(t, rec); b.Code != "METHOD_NOT_ALLOWED" {
		t.Fatalf("error body %+v", b)
	}
	if rec.Header().Get("X-Request-Id") == "" {
		t.Fatal("a 405 without a request id")
	}
	rec = serve("GET", "/v2/p1/other")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("an unknown path: status %d", rec.Code)
	}
	if b := readErrorBody(t, rec); b.Code != "NOT_FOUND" {
		t.Fatalf("error body %+v", b)
	}
}

func TestWriteErrorBodyEscapes(t *testing.T) {
	rec := httptest.NewRecorder()
	ve := &ValidationError{Violations: []Violation{{Path: "/a\"b", Rule: "type", Message: "must be \u2028 a string\n"}}}
	writeErrorBody(rec, 400, "C\"ODE", "line\nbreak <tag>", ve)
	b := readErrorBody(t, rec)
	if b.Code != "C\"ODE" || b.Msg != "line\nbreak <tag>" || b.Violations[0].Path != "/a\"b" || b.Violations[0].Message != "must be \u2028 a string\n" {
		t.Fatalf("the error body did not round-trip: %+v", b)
	}
}
