package support

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

func TestNewAPIError(t *testing.T) {
	long := strings.Repeat("é", 300) // 600 bytes
	tests := []struct {
		name        string
		contentType string
		requestID   string
		body        string
		want        APIError // StatusCode and RequestID filled in below
	}{
		{"vendor", "application/json", "rid", `{"error_code":"DMS.00400002","error_msg":"Invalid parameter."}`,
			APIError{Code: "DMS.00400002", Message: "Invalid parameter."}},
		{"vendor with spaces and extras", "application/json;charset=UTF-8", "rid", ` {"extra":[1,{"a":null}], "error_msg" : "m", "error_code" : "C.1", "request_id":"body-id"}`,
			APIError{Code: "C.1", Message: "m"}},
		{"request id from the body", "application/json", "", `{"error_code":"C","error_msg":"m","request_id":"body-id"}`,
			APIError{Code: "C", Message: "m", RequestID: "body-id"}},
		{"code and message", "application/json", "rid", `{"code":"IAM.0001","message":"no"}`,
			APIError{Code: "IAM.0001", Message: "no"}},
		{"vendor form preferred", "application/json", "rid", `{"code":"other","message":"other","error_code":"C","error_msg":"m"}`,
			APIError{Code: "C", Message: "m"}},
		{"nested error", "application/json", "rid", `{"error":{"code":"401","message":"The request you have made requires authentication.","title":"Unauthorized"}}`,
			APIError{Code: "401", Message: "The request you have made requires authentication."}},
		{"top level beats nested", "application/json", "rid", `{"error":{"code":"inner","message":"inner"},"code":"outer","message":"outer"}`,
			APIError{Code: "outer", Message: "outer"}},
		{"nested twice", "application/json", "rid", `{"error":{"error":{"code":"deep"}}}`,
			APIError{}},
		{"oauth form", "application/json", "rid", `{"error":"invalid_grant","error_description":"expired"}`,
			APIError{Code: "invalid_grant", Message: "expired"}},
		{"numeric code", "application/json", "rid", `{"code":400,"message":"bad"}`,
			APIError{Code: "400", Message: "bad"}},
		{"other types ignored", "application/json", "rid", `{"error_code":{"x":1},"error_msg":["a"],"code":true,"message":null}`,
			APIError{}},
		{"escapes", "application/json", "rid", `{"error_code":"C","error_msg":"line1\nline2\u0007 \u202e\"q\""}`,
			APIError{Code: "C", Message: `line1 line2   "q"`}},
		{"cut JSON", "application/json", "rid", `{"error_code":"DMS.1","error_msg":"first","detail":"xxxxxx`,
			APIError{Code: "DMS.1", Message: "first"}},
		{"malformed JSON", "application/json", "rid", `{error_code: "C"}`,
			APIError{}},
		{"empty object", "application/json", "rid", `{}`, APIError{}},
		{"array", "application/json", "rid", `[{"error_code":"C"}]`, APIError{}},
		{"empty", "", "rid", ``, APIError{}},
		{"blank", "text/plain", "rid", " \r\n ", APIError{}},
		{"plain text", "text/plain; charset=utf-8", "rid", "Service temporarily unavailable\r\nsecond line\n", APIError{Message: "Service temporarily unavailable"}},
		{"no content type", "", "rid", "upstream connect error", APIError{Message: "upstream connect error"}},
		{"plain text controls", "text/plain", "rid", "\x1b[31mred\x1b[0m\x00 \xff end", APIError{Message: "[31mred [0m    end"}},
		{"long plain text", "text/plain", "rid", long + "\nmore", APIError{Message: strings.Repeat("é", 126) + "…"}},
		{"HTML", "text/html", "rid", "<html><body><h1>502 Bad Gateway</h1></body></html>", APIError{}},
		{"HTML without type", "", "rid", "\n<!DOCTYPE html><html>", APIError{}},
		{"HTML declared as text", "text/plain", "rid", "<html>", APIError{}},
		{"binary", "application/octet-stream", "rid", "\x00\x01\x02", APIError{}},
		{"XML", "application/xml", "rid", "<Error><Code>X</Code></Error>", APIError{}},
		{"long code and message", "application/json", strings.Repeat("i", 200), `{"error_code":"` + strings.Repeat("C", 100) + `","error_msg":"` + long + `"}`,
			APIError{Code: strings.Repeat("C", 61) + "…", Message: strings.Repeat("é", 126) + "…", RequestID: strings.Repeat("i", 125) + "…"}},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.contentType != "" {
			h.Set("Content-Type", tt.contentType)
		}
		if tt.requestID != "" {
			h.Set("X-Request-Id", tt.requestID)
		}
		want := tt.want
		want.StatusCode = 503
		if want.RequestID == "" {
			want.RequestID = tt.requestID
		}
		got := newAPIError(503, h, []byte(tt.body))
		if *got != want {
			t.Errorf("%s:\n got  %+v\n want %+v", tt.name, *got, want)
		}
		checkOneLine(t, got.Error())
		if !strings.HasPrefix(got.Error(), "503 Service Unavailable") {
			t.Errorf("%s: Error() = %q", tt.name, got.Error())
		}
	}
}

// checkOneLine fails when s is not one line of valid, printable text.
func checkOneLine(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%q is not valid UTF-8", s)
	}
	for _, r := range s {
		if unsafeRune(r) {
			t.Errorf("%q has %U", s, r)
		}
	}
}

func TestAPIErrorError(t *testing.T) {
	tests := []struct {
		e    APIError
		want string
	}{
		{APIError{StatusCode: 404}, "404 Not Found"},
		{APIError{StatusCode: 599}, "599"},
		{APIError{StatusCode: 400, Code: "DMS.1"}, "400 Bad Request: DMS.1"},
		{APIError{StatusCode: 400, Message: "bad"}, "400 Bad Request: bad"},
		{APIError{StatusCode: 429, Code: "APIGW.0308", Message: "throttled", RequestID: "r-1"}, "429 Too Many Requests: APIGW.0308: throttled (request id r-1)"},
		{APIError{StatusCode: 500, Code: "a\nb", Message: "x\r\ny", RequestID: "\u2028id"}, "500 Internal Server Error: a b: x  y (request id id)"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%+v: Error() = %q, want %q", tt.e, got, tt.want)
		}
	}
	var err error = &APIError{StatusCode: 503}
	var apiErr *APIError
	if !errors.As(fmt.Errorf("wrapped: %w", err), &apiErr) || apiErr.StatusCode != 503 {
		t.Error("errors.As does not find the APIError")
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"", 10, ""},
		{"  plain  ", 10, "plain"},
		{"exactly10!", 10, "exactly10!"},
		{"eleven char", 10, "eleven…"},
		{"a\tb\nc\rd\x7fe", 20, "a b c d e"},
		{"\xff\xfe", 10, ""},
		{"héllo wörld", 8, "héll…"},
		{"héllo wörld", 9, "héllo…"},
		{"日本語のテキスト", 10, "日本…"},
		{"日本語", 9, "日本語"},
		{"x\u2029y\u200fz\u0085", 10, "x y z"},
		{"abcdef", 2, "…"},
	}
	for _, tt := range tests {
		got := oneLine(tt.in, tt.limit)
		if got != tt.want {
			t.Errorf("oneLine(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
		if tt.limit >= 3 && len(got) > tt.limit {
			t.Errorf("oneLine(%q, %d) has %d bytes", tt.in, tt.limit, len(got))
		}
		checkOneLine(t, got)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	const huge = time.Duration(1<<63 - 1)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{" 7 ", 7 * time.Second, true},
		{"120", 2 * time.Minute, true},
		{"9223372036", 9223372036 * time.Second, true},
		{"9223372037", huge, true},
		{"99999999999999999999999", huge, true},
		{"1.5", 0, false},
		{"-1", 0, false},
		{"7s", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(90 * time.Second).Format(time.RFC850), 90 * time.Second, true},
		{now.Add(90 * time.Second).Format(time.ANSIC), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"Someday", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRetryPolicy(t *testing.T) {
	p, err := RetryPolicy{}.withDefaults()
	if err != nil || p != (RetryPolicy{MaxAttempts: 3, BaseDelay: 100 * time.Millisecond, MaxDelay: 5 * time.Second}) {
		t.Fatalf("defaults %+v, %v", p, err)
	}
	want := []time.Duration{100, 200, 400, 800, 1600, 3200, 5000, 5000}
	for i, w := range want {
		if got := p.backoff(i + 1); got != w*time.Millisecond {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w*time.Millisecond)
		}
	}
	huge := RetryPolicy{BaseDelay: time.Hour, MaxDelay: time.Duration(1<<63 - 1)}
	if got := huge.backoff(100); got != huge.MaxDelay {
		t.Errorf("backoff overflows: %v", got)
	}
	if got := (RetryPolicy{BaseDelay: time.Second, MaxDelay: time.Second}).backoff(5); got != time.Second {
		t.Errorf("backoff = %v", got)
	}
	p, err = RetryPolicy{MaxAttempts: 1, BaseDelay: time.Second, RetryNonIdempotent: true}.withDefaults()
	if err != nil || p != (RetryPolicy{MaxAttempts: 1, BaseDelay: time.Second, MaxDelay: 5 * time.Second, RetryNonIdempotent: true}) {
		t.Errorf("%+v, %v", p, err)
	}
}

func TestRetryClassification(t *testing.T) {
	for _, m := range []string{"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"} {
		if !idempotent(m) {
			t.Errorf("%s is idempotent", m)
		}
	}
	for _, m := range []string{"POST", "PATCH", "CONNECT", "get", ""} {
		if idempotent(m) {
			t.Errorf("%s is not idempotent", m)
		}
	}
	for s := 100; s < 600; s++ {
		if want := s == 429 || s == 502 || s == 503 || s == 504; retryStatus(s) != want {
			t.Errorf("retryStatus(%d) = %v", s, !want)
		}
	}
	sys := func(op string, errno syscall.Errno) error {
		return &net.OpError{Op: op, Net: "tcp", Err: os.NewSyscallError(op, errno)}
	}
	errs := []struct {
		err  error
		want bool
	}{
		{io.EOF, true},
		{fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), true},
		{sys("read", syscall.ECONNRESET), true},
		{sys("write", syscall.EPIPE), true},
		{sys("read", syscall.ECONNABORTED), true},
		{sys("dial", syscall.ECONNREFUSED), true},
		{&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("network unreachable")}, true},
		{&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "h", IsNotFound: true}}, false},
		{&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "server misbehaving", Name: "h", IsTemporary: true}}, true},
		{&net.DNSError{Err: "timeout", Name: "h", IsTimeout: true}, true},
		{&net.OpError{Op: "read", Net: "tcp", Err: errors.New("i/o timeout")}, false},
		{context.Canceled, false},
		{context.DeadlineExceeded, false},
		{errBodyTooLarge, false},
		{errors.New("sign: request has no host"), false},
	}
	for _, tt := range errs {
		if got := retryableError(tt.err); got != tt.want {
			t.Errorf("retryableError(%v) = %v", tt.err, got)
		}
	}
}

func TestTransportError(t *testing.T) {
	uerr := &url.Error{Op: "Get", URL: "http://h/x?token=q", Err: io.EOF}
	if err := transportError(context.Background(), uerr); err != io.EOF {
		t.Errorf("url.Error not unwrapped: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := transportError(ctx, uerr)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, io.EOF) || strings.Contains(err.Error(), "token") {
		t.Errorf("error %v", err)
	}
	if err := transportError(ctx, &url.Error{Op: "Get", URL: "u", Err: context.Canceled}); err != context.Canceled {
		t.Errorf("error %v", err)
	}
}

func TestSleepAndJitter(t *testing.T) {
	if err := sleepContext(context.Background(), 0); err != nil {
		t.Error(err)
	}
	if err := sleepContext(context.Background(), time.Millisecond); err != nil {
		t.Error(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleepContext(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
	if fullJitter(0) != 0 || fullJitter(-1) != 0 {
		t.Error("jitter of a non-positive limit")
	}
	for range 100 {
		if d := fullJitter(10); d < 0 || d >= 10 {
			t.Fatalf("fullJitter(10) = %v", d)
		}
	}
}

func TestCheckHeaderValue(t *testing.T) {
	for v, ok := range map[string]bool{"a": true, "a b\tc": true, "é": true, "": false, "a\r": false, "a\nb": false, "\x00": false, "\x7f": false} {
		if err := checkHeaderValue(v); (err == nil) != ok {
			t.Errorf("checkHeaderValue(%q) = %v", v, err)
		}
	}
}
