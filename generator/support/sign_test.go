package support

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// signVector is one vector of testdata/sign/vectors.json, which the
// vendor's signer made (tools/signer: go run ./signer/vectors).
type signVector struct {
	Name             string              `json:"name"`
	Method           string              `json:"method"`
	URL              string              `json:"url"`
	Headers          map[string][]string `json:"headers"`
	Body             string              `json:"body"`
	BodyRepeat       int                 `json:"body_repeat"`
	AccessKey        string              `json:"access_key"`
	SecretKey        string              `json:"secret_key"`
	Date             string              `json:"date"`
	XSdkDate         string              `json:"x_sdk_date"`
	CanonicalRequest string              `json:"canonical_request"`
	StringToSign     string              `json:"string_to_sign"`
	Authorization    string              `json:"authorization"`
	SentHeaders      map[string][]string `json:"sent_headers"`
}

// signVectors reads the vectors once.
var signVectors = sync.OnceValues(func() ([]signVector, error) {
	data, err := os.ReadFile(filepath.Join("testdata", "sign", "vectors.json"))
	if err != nil {
		return nil, err
	}
	var f struct {
		Vectors []signVector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	return f.Vectors, nil
})

// loadSignVectors returns the vectors or stops the test.
func loadSignVectors(tb testing.TB) []signVector {
	tb.Helper()
	vs, err := signVectors()
	if err != nil {
		tb.Fatal(err)
	}
	if len(vs) < 25 {
		tb.Fatalf("%d vectors, want at least 25", len(vs))
	}
	return vs
}

// request returns the vector's request, its body and its signing time.
func (v *signVector) request(tb testing.TB) (*http.Request, []byte, time.Time) {
	tb.Helper()
	req, err := http.NewRequest(v.Method, v.URL, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for k, vs := range v.Headers {
		req.Header[k] = slices.Clone(vs)
	}
	now, err := time.Parse(time.RFC3339, v.Date)
	if err != nil {
		tb.Fatal(err)
	}
	body := []byte(v.Body)
	if v.BodyRepeat > 1 {
		body = bytes.Repeat(body, v.BodyRepeat)
	}
	return req, body, now
}

// signer returns the vector's Signer.
func (v *signVector) signer() Signer {
	return Signer{AccessKey: v.AccessKey, SecretKey: NewSecret(v.SecretKey)}
}

// canonicalRequestOf returns the canonical request of a signed request,
// from the helpers Sign uses.
func canonicalRequestOf(tb testing.TB, req *http.Request, body []byte) string {
	tb.Helper()
	scratch, pairs, err := parseQuery(nil, nil, req.URL.RawQuery)
	if err != nil {
		tb.Fatal(err)
	}
	h := req.Header.Clone()
	for k := range h {
		if strings.EqualFold(k, "Authorization") {
			delete(h, k)
		}
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	cr, _ := appendCanonicalRequest(nil, method, req.URL.Path, scratch, pairs, signedFields(nil, h, host), h, body)
	return string(cr)
}

// sortedValues returns h with each header's values sorted.
func sortedValues(h map[string][]string) map[string][]string {
	m := make(map[string][]string, len(h))
	for k, vs := range h {
		m[k] = slices.Sorted(slices.Values(vs))
	}
	return m
}

func TestSignVectors(t *testing.T) {
	for _, v := range loadSignVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			req, body, now := v.request(t)
			if err := v.signer().Sign(req, body, now); err != nil {
				t.Fatal(err)
			}
			if got := req.Header.Get("Authorization"); got != v.Authorization {
				t.Errorf("Authorization:\n got %s\nwant %s", got, v.Authorization)
			}
			if got := req.Header.Get("X-Sdk-Date"); got != v.XSdkDate {
				t.Errorf("X-Sdk-Date = %q, want %q", got, v.XSdkDate)
			}
			if got := canonicalRequestOf(t, req, body); got != v.CanonicalRequest {
				t.Errorf("canonical request:\n got %q\nwant %q", got, v.CanonicalRequest)
			}
			sum := sha256.Sum256([]byte(v.CanonicalRequest))
			if got := string(appendStringToSign(nil, v.XSdkDate, sum)); got != v.StringToSign {
				t.Errorf("string to sign:\n got %q\nwant %q", got, v.StringToSign)
			}
			if got, want := sortedValues(req.Header), v.SentHeaders; !maps.EqualFunc(got, want, slices.Equal) {
				t.Errorf("headers after signing:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestSignVectorsResign signs every vector's request a second time, as a
// retry does, at another time and then at the vector's: the result is the
// vector's again.
func TestSignVectorsResign(t *testing.T) {
	for _, v := range loadSignVectors(t) {
		req, body, now := v.request(t)
		s := v.signer()
		if err := s.Sign(req, body, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.Sign(req, body, now); err != nil {
			t.Fatal(err)
		}
		if got := req.Header.Get("Authorization"); got != v.Authorization {
			t.Errorf("%s: signed again: %s, want %s", v.Name, got, v.Authorization)
		}
		if n := len(req.Header["Authorization"]) + len(req.Header["X-Sdk-Date"]); n != 2 {
			t.Errorf("%s: %d Authorization and X-Sdk-Date values, want 1 each", v.Name, n)
		}
	}
}

// TestRefSignVectors checks the reference implementation FuzzSign
// compares with against the vendor's vectors.
func TestRefSignVectors(t *testing.T) {
	for _, v := range loadSignVectors(t) {
		req, body, now := v.request(t)
		auth, cr, ok := refSign(req, body, now, v.AccessKey, v.SecretKey)
		if !ok || auth != v.Authorization || cr != v.CanonicalRequest {
			t.Errorf("%s: reference: %v %s\n%q\nwant %s\n%q", v.Name, ok, auth, cr, v.Authorization, v.CanonicalRequest)
		}
	}
}

func TestSignHeaders(t *testing.T) {
	const sk = "SKEXAMPLE-headers"
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("CST", 8*3600))
	req, _ := http.NewRequest("POST", "https://dms.example.com/v2/p/instances", nil)
	req.Header.Set("Authorization", "stale")
	req.Header["authorization"] = []string{"stale too"}
	req.Header.Set("X-Sdk-Date", "19990101T000000Z")
	req.Header["x-sdk-date"] = []string{"19990101T000000Z"}
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header["Host"] = []string{"ignored.example.com"}
	req.Host = "dms.example.com:443"
	if err := (Signer{AccessKey: "AKEXAMPLE", SecretKey: NewSecret(sk)}).Sign(req, []byte("x"), now); err != nil {
		t.Fatal(err)
	}
	if got := req.Header["X-Sdk-Date"]; !slices.Equal(got, []string{"20240505T230809Z"}) {
		t.Errorf("X-Sdk-Date = %q, want the UTC time", got)
	}
	for k := range req.Header {
		if k != http.CanonicalHeaderKey(k) {
			t.Errorf("the header %q is left", k)
		}
	}
	if got := req.Header["X-Sdk-Content-Sha256"]; !slices.Equal(got, []string{"UNSIGNED-PAYLOAD"}) {
		t.Errorf("X-Sdk-Content-Sha256 = %q", got)
	}
	auth := req.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-content-sha256;x-sdk-date, Signature=") {
		t.Errorf("Authorization = %s", auth)
	}
	cr := canonicalRequestOf(t, req, nil)
	if !strings.Contains(cr, "\nhost:dms.example.com:443\n") || !strings.HasSuffix(cr, "\nUNSIGNED-PAYLOAD") {
		t.Errorf("canonical request %q: want req.Host signed and the payload unsigned", cr)
	}
	want, _, _ := refSign(req, []byte("x"), now, "AKEXAMPLE", sk)
	if auth != want {
		t.Errorf("Authorization = %s, reference %s", auth, want)
	}

	// An empty method is GET, a nil Header is made, and the host comes
	// from the URL when req.Host is empty.
	a := &http.Request{URL: &url.URL{Scheme: "https", Host: "h.example.com", Path: "/x"}}
	b := &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "h.example.com", Path: "/x"}, Header: http.Header{}}
	s := Signer{AccessKey: "AK", SecretKey: NewSecret(sk)}
	if err := s.Sign(a, nil, now); err != nil {
		t.Fatal(err)
	}
	if err := s.Sign(b, nil, now); err != nil {
		t.Fatal(err)
	}
	if a.Header.Get("Authorization") != b.Header.Get("Authorization") {
		t.Errorf("empty method: %s, GET: %s", a.Header.Get("Authorization"), b.Header.Get("Authorization"))
	}
}

func TestSignErrors(t *testing.T) {
	const sk = "SKEXAMPLE-must-not-leak"
	ok := Signer{AccessKey: "AKEXAMPLE", SecretKey: NewSecret(sk)}
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	mk := func(raw string) *http.Request {
		req, err := http.NewRequest("GET", raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Security-Token", sk) // a value that must not leak either
		return req
	}
	withMethod := func(m string) *http.Request { r := mk("https://h/x"); r.Method = m; return r }
	withHeader := func(name string) *http.Request { r := mk("https://h/x"); r.Header[name] = []string{"v"}; return r }
	tests := []struct {
		name string
		s    Signer
		req  *http.Request
		now  time.Time
		want string
	}{
		{"no access key", Signer{SecretKey: NewSecret(sk)}, mk("https://h/x"), now, "access key is empty"},
		{"secret key unset", Signer{AccessKey: "AK"}, mk("https://h/x"), now, "secret key is not set"},
		{"secret key empty", Signer{AccessKey: "AK", SecretKey: NewSecret("")}, mk("https://h/x"), now, "secret key is empty"},
		{"nil request", ok, nil, now, "no URL"},
		{"nil URL", ok, &http.Request{Header: http.Header{}}, now, "no URL"},
		{"no host", ok, &http.Request{URL: &url.URL{Path: "/x"}, Header: http.Header{}}, now, "no host"},
		{"zero time", ok, mk("https://h/x"), time.Time{}, "time is zero"},
		{"opaque", ok, &http.Request{URL: &url.URL{Scheme: "https", Host: "h", Opaque: "//h/x"}, Header: http.Header{}}, now, "opaque"},
		{"escaped slash", ok, mk("https://h/a%2Fb/c"), now, `escaped "/"`},
		{"escaped slash lower", ok, mk("https://h/a%2fb"), now, `escaped "/"`},
		{"bad method", ok, withMethod("GE T"), now, "invalid method"},
		{"bad method newline", ok, withMethod("GET\n"), now, "invalid method"},
		{"bad header name", ok, withHeader("X Bad"), now, "invalid header name"},
		{"empty header name", ok, withHeader(""), now, "invalid header name"},
		{"header name colon", ok, withHeader("X:a"), now, "invalid header name"},
		{"semicolon", ok, mk("https://h/x?a=1;b=2"), now, "';'"},
		{"bad escape", ok, mk("https://h/x?a=%zz"), now, "invalid escape"},
		{"short escape", ok, mk("https://h/x?a=1&b=%4"), now, "invalid escape"},
		{"bad escape in key", ok, mk("https://h/x?%g0=1"), now, "invalid escape"},
	}
	for _, tt := range tests {
		var before http.Header
		if tt.req != nil {
			before = tt.req.Header.Clone()
		}
		err := tt.s.Sign(tt.req, []byte("body"), tt.now)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
			continue
		}
		for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(text, sk) {
				t.Errorf("%s: error %q contains the secret", tt.name, text)
			}
		}
		if tt.req != nil && !maps.EqualFunc(tt.req.Header, before, slices.Equal) {
			t.Errorf("%s: the failed Sign changed the headers: %q", tt.name, tt.req.Header)
		}
	}
}

func TestSignerNeverPrintsSecret(t *testing.T) {
	const sk = "SKEXAMPLE-print-check-123"
	s := Signer{AccessKey: "AKEXAMPLE", SecretKey: NewSecret(sk)}
	forbidden := []string{sk, hex.EncodeToString([]byte(sk)), strings.ToUpper(hex.EncodeToString([]byte(sk)))}
	var texts []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T", "%10.3v"} {
		texts = append(texts, fmt.Sprintf(verb, s), fmt.Sprintf(verb, &s), fmt.Sprintf(verb, []Signer{s}))
	}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, string(data))
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "signer", s, "ptr", &s)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "signer", s, "ptr", &s)
	texts = append(texts, buf.String(), errors.New(fmt.Sprint(s)).Error())
	for _, text := range texts {
		for _, f := range forbidden {
			if strings.Contains(text, f) {
				t.Errorf("printed form %q shows the secret", text)
			}
		}
	}
	if got := fmt.Sprintf("%+v", s); got != "{AccessKey:AKEXAMPLE SecretKey:[REDACTED]}" {
		t.Errorf("%%+v = %s", got)
	}
}

func TestSignAllocs(t *testing.T) {
	v := benchVector(t)
	req, body, now := v.request(t)
	s := v.signer()
	if err := s.Sign(req, body, now); err != nil {
		t.Fatal(err)
	}
	// The date and Authorization strings and the slice that holds them.
	if n := testing.AllocsPerRun(100, func() { _ = s.Sign(req, body, now) }); n > 3 {
		t.Errorf("Sign allocates %v times, want at most 3", n)
	}
}

func TestAppendSignEscaped(t *testing.T) {
	for c := range 256 {
		s := string([]byte{byte(c)})
		want := fmt.Sprintf("%%%02X", c)
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("-_.~", rune(c)) {
			want = s
		}
		if got := string(appendSignEscaped(nil, s, false)); got != want {
			t.Errorf("escape %q = %q, want %q", s, got, want)
		}
		if c == '/' {
			want = "/"
		}
		if got := string(appendSignEscaped(nil, []byte(s), true)); got != want {
			t.Errorf("escape %q keeping slashes = %q, want %q", s, got, want)
		}
	}
	tests := []struct{ in, want string }{
		{"", ""},
		{"a b+c", "a%20b%2Bc"},
		{"café", "caf%C3%A9"},
		{"{project_id}", "%7Bproject_id%7D"},
		{"100%", "100%25"},
		{"a/b", "a%2Fb"},
	}
	for _, tt := range tests {
		if got := string(appendSignEscaped([]byte("x"), tt.in, false)); got != "x"+tt.want {
			t.Errorf("escape %q = %q, want %q", tt.in, got, "x"+tt.want)
		}
	}
}

func TestAppendCanonicalURI(t *testing.T) {
	tests := []struct{ path, want string }{
		{"", "/"},
		{"/", "/"},
		{"//", "//"},
		{"/a", "/a/"},
		{"/a/", "/a/"},
		{"/a//b", "/a//b/"},
		{"a/b", "a/b/"},
		{"/a b/c+d/~e", "/a%20b/c%2Bd/~e/"},
		{"/{x}/é", "/%7Bx%7D/%C3%A9/"},
	}
	for _, tt := range tests {
		if got := string(appendCanonicalURI(nil, tt.path)); got != tt.want {
			t.Errorf("canonical URI of %q = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// canonicalQuery returns the canonical query of raw, or the error.
func canonicalQuery(raw string) (string, error) {
	scratch, pairs, err := parseQuery(nil, nil, raw)
	if err != nil {
		return "", err
	}
	return string(appendCanonicalQuery(nil, scratch, pairs)), nil
}

func TestCanonicalQuery(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"", ""},
		{"&&", ""},
		{"a", "a="},
		{"a=", "a="},
		{"=v", "=v"},
		{"b=2&a=1", "a=1&b=2"},
		{"a=2&a=1&a=10", "a=1&a=10&a=2"},
		{"a=1&&b", "a=1&b="},
		{"q=a+b%20c", "q=a%20b%20c"},
		{"q=%2B", "q=%2B"},
		{"k%3Dv%26w=x%2Fy", "k%3Dv%26w=x%2Fy"},
		{"a=b=c", "a=b%3Dc"},
		{"~.-_=~", "~.-_=~"},
		{"x%5By%5D=1", "x%5By%5D=1"},
		// Sorted by the decoded bytes: "é" (0xC3) after "~" (0x7E), though
		// "%C3" sorts before "~".
		{"a%C3%A9=1&a~=2&a%25=3", "a%25=3&a~=2&a%C3%A9=1"},
		{"a=%C3%A9&a=~&a=+&a=z", "a=%20&a=z&a=~&a=%C3%A9"},
	}
	for _, tt := range tests {
		got, err := canonicalQuery(tt.raw)
		if err != nil || got != tt.want {
			t.Errorf("canonical query of %q = %q, %v; want %q", tt.raw, got, err, tt.want)
		}
	}
	for _, raw := range []string{"a;b", "a=1;", "a=%", "a=%4", "a=%G1", "%=1", "a=1&b=%zz"} {
		if got, err := canonicalQuery(raw); err == nil {
			t.Errorf("canonical query of %q = %q, want an error", raw, got)
		}
	}
}

func TestAppendQueryUnescaped(t *testing.T) {
	for _, s := range []string{"", "a", "a+b", "%41%42", "%e2%98%83", "%", "%4", "%4g", "%%41", "100%25", "++", "a%2"} {
		want, wantErr := url.QueryUnescape(s)
		got, ok := appendQueryUnescaped(nil, s)
		if ok != (wantErr == nil) || ok && string(got) != want {
			t.Errorf("unescape %q = %q, %v; url.QueryUnescape: %q, %v", s, got, ok, want, wantErr)
		}
	}
}

func TestSignedFields(t *testing.T) {
	h := http.Header{
		"X-Sdk-Date":           {"d"},
		"Content-Type":         {"application/json"},
		"Content-Type-Options": {"nosniff"},
		"CONTENT-TYPE-X":       {"x"},
		"Content-Length":       {"3"},
		"X_trace_id":           {"t"},
		"X-Empty":              {},
		"X-Dup":                {"b", " a"},
		"x-dup":                {"c"},
		"Host":                 {"ignored", "twice"},
		"Accept":               {""},
	}
	got := signedFields(nil, h, "h.example.com:8443")
	want := []headerField{
		{"Accept", ""},
		{"Content-Length", "3"},
		{"Host", "h.example.com:8443"},
		{"X-Dup", " a"},
		{"X-Dup", "b"},
		{"x-dup", "c"},
		{"X-Sdk-Date", "d"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("signedFields = %q\nwant %q", got, want)
	}
	if got := string(appendSignedHeaders(nil, got)); got != "accept;content-length;host;x-dup;x-dup;x-dup;x-sdk-date" {
		t.Errorf("signed headers = %q", got)
	}
	gotCH := string(appendCanonicalHeaders(nil, got))
	wantCH := "accept:\ncontent-length:3\nhost:h.example.com:8443\n" +
		strings.Repeat("x-dup:a\nx-dup:b\nx-dup:c\n", 3) + "x-sdk-date:d\n"
	if gotCH != wantCH {
		t.Errorf("canonical headers = %q\nwant %q", gotCH, wantCH)
	}
}

func TestFoldHelpers(t *testing.T) {
	words := []string{"", "a", "A", "ab", "aB", "b", "X-Sdk-Date", "x-sdk-date", "X-Sdk-Content-Sha256", "x_a", "X-A", "x-a-", "[", "_", "`", "{"}
	for _, a := range words {
		for _, b := range words {
			if got, want := compareFold(a, b), strings.Compare(strings.ToLower(a), strings.ToLower(b)); got != want {
				t.Errorf("compareFold(%q, %q) = %d, want %d", a, b, got, want)
			}
			if got, want := hasPrefixFold(a, strings.ToLower(b)), strings.HasPrefix(strings.ToLower(a), strings.ToLower(b)); got != want {
				t.Errorf("hasPrefixFold(%q, %q) = %v, want %v", a, strings.ToLower(b), got, want)
			}
		}
		if got := string(appendLower(nil, a)); got != strings.ToLower(a) {
			t.Errorf("appendLower(%q) = %q", a, got)
		}
	}
}

func TestIsToken(t *testing.T) {
	for _, s := range []string{"GET", "X-Sdk-Date", "x_a", "!#$%&'*+-.^_`|~09azAZ"} {
		if !isToken(s) {
			t.Errorf("isToken(%q) = false", s)
		}
	}
	for _, s := range []string{"", "A B", "a:b", "a\n", "é", "a\"", "(", "a,b", "a/b", "\x00", "\x7f"} {
		if isToken(s) {
			t.Errorf("isToken(%q) = true", s)
		}
	}
}

func TestHasEscapedSlash(t *testing.T) {
	tests := map[string]bool{"": false, "/a/b": false, "/a%2Fb": true, "/a%2fb": true, "/a%252F": false, "%2": false, "/a%20b": false, "%2F": true}
	for in, want := range tests {
		if got := hasEscapedSlash(in); got != want {
			t.Errorf("hasEscapedSlash(%q) = %v", in, got)
		}
	}
}

func TestSignsPayload(t *testing.T) {
	tests := []struct {
		ct   []string
		want bool
	}{
		{[]string{"application/json"}, true},
		{[]string{"application/json;charset=UTF-8"}, true},
		{[]string{"application/bson"}, true},
		{[]string{"Application/JSON"}, false}, // the vendor's check is case-sensitive
		{[]string{"application/octet-stream"}, false},
		{[]string{""}, false},
		{[]string{}, false},
		{[]string{"text/plain", "application/json"}, false},
	}
	for _, tt := range tests {
		if got := signsPayload(tt.ct); got != tt.want {
			t.Errorf("signsPayload(%q) = %v", tt.ct, got)
		}
	}
}

func TestHMACSHA256(t *testing.T) {
	msgs := [][]byte{nil, []byte("a"), bytes.Repeat([]byte("m"), 97), bytes.Repeat([]byte("x"), 300)}
	for n := range 200 {
		key := strings.Repeat("k", n)
		if n > 0 {
			key = key[:n-1] + string(rune('0'+n%10))
		}
		for _, msg := range msgs {
			m := hmac.New(sha256.New, []byte(key))
			m.Write(msg)
			if got := hmacSHA256([]byte(key), msg); !bytes.Equal(got[:], m.Sum(nil)) {
				t.Errorf("hmacSHA256 with a %d-byte key and a %d-byte message differs from crypto/hmac", n, len(msg))
			}
		}
	}
}

// refSign is a reference signer for FuzzSign: the vendor's functions
// (core/auth/signer/signer.go) transcribed onto an http.Request, whose
// header values stand for the vendor's header parameters, one each. It
// returns the Authorization and the canonical request; ok is false when
// the query does not parse.
func refSign(req *http.Request, body []byte, now time.Time, ak, sk string) (auth, canonical string, ok bool) {
	h := req.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	for k := range h {
		if strings.EqualFold(k, "Authorization") || strings.EqualFold(k, "X-Sdk-Date") {
			delete(h, k)
		}
	}
	if ct, found := h["Content-Type"]; found {
		v := ""
		if len(ct) > 0 {
			v = ct[0]
		}
		if !strings.Contains(v, "application/json") && !strings.Contains(v, "application/bson") {
			h.Set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
		}
	}
	date := now.UTC().Format("20060102T150405Z")
	h.Set("X-Sdk-Date", date)
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	type param struct{ key, value string }
	var params []param
	for k, vs := range h {
		if strings.EqualFold(k, "host") && len(vs) > 0 {
			params = append(params, param{k, host})
			continue
		}
		for _, v := range vs {
			params = append(params, param{k, v})
		}
	}

	// extractSignedHeaders
	var signed []string
	for _, p := range params {
		if strings.HasPrefix(strings.ToLower(p.key), "content-type") || strings.Contains(p.key, "_") {
			continue
		}
		signed = append(signed, strings.ToLower(p.key))
	}
	sort.Strings(signed)

	// canonicalURI
	var segs []string
	for _, s := range strings.Split(req.URL.Path, "/") {
		segs = append(segs, refEscape(s))
	}
	uri := strings.Join(segs, "/")
	if len(uri) == 0 || uri[len(uri)-1] != '/' {
		uri += "/"
	}

	// canonicalQueryString
	query, err := url.ParseQuery(req.URL.RawQuery)
	if err != nil {
		return "", "", false
	}
	var keys []string
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var kvs []string
	for _, k := range keys {
		sort.Strings(query[k])
		for _, v := range query[k] {
			kvs = append(kvs, refEscape(k)+"="+refEscape(v))
		}
	}

	// canonicalHeaders
	byName := map[string][]string{}
	for _, p := range params {
		byName[strings.ToLower(p.key)] = append(byName[strings.ToLower(p.key)], p.value)
	}
	var lines []string
	for _, k := range signed {
		vs := byName[k]
		sort.Strings(vs)
		for _, v := range vs {
			lines = append(lines, k+":"+strings.TrimSpace(v))
		}
	}

	payload := h.Get("X-Sdk-Content-Sha256")
	if _, found := h["X-Sdk-Content-Sha256"]; !found {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	method := req.Method
	if method == "" {
		method = "GET"
	}
	canonical = fmt.Sprintf("%s\n%s\n%s\n%s\n%s\n%s", method, uri, strings.Join(kvs, "&"),
		strings.Join(lines, "\n")+"\n", strings.Join(signed, ";"), payload)
	crSum := sha256.Sum256([]byte(canonical))
	sts := fmt.Sprintf("SDK-HMAC-SHA256\n%s\n%x", date, crSum)
	m := hmac.New(sha256.New, []byte(sk))
	m.Write([]byte(sts))
	return fmt.Sprintf("SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%x", ak, strings.Join(signed, ";"), m.Sum(nil)), canonical, true
}

// refEscape is the vendor's escape.
func refEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '~' || c == '.' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// FuzzSign signs random requests: Sign never panics, signs the same
// request the same way twice, agrees with refSign, and rejects a query
// exactly when url.ParseQuery does.
func FuzzSign(f *testing.F) {
	f.Add("POST", "/v2/p/instances/i/connector/tasks", "limit=10&offset=0", "X-Project-Id", "p", "application/json", []byte(`{"a":1}`), int64(1714979289))
	f.Add("GET", "/a b/{x}//é/", "a=1&a=%C3%A9&b&=v&q=a+b", "X-Dup", " b ,a", "", []byte(nil), int64(0))
	f.Add("PUT", "", "x%5By%5D=1", "Host", "h", "text/plain", []byte("raw"), int64(-1))
	f.Add("get", "/%", "a;b", "X_A", "", "application/bson", []byte{0xff}, int64(253402300799))
	f.Fuzz(func(t *testing.T, method, path, rawQuery, hname, hvalues, contentType string, body []byte, unix int64) {
		now := time.Unix(unix, 0)
		mk := func() *http.Request {
			req := &http.Request{
				Method: method,
				URL:    &url.URL{Scheme: "https", Host: "dms.example.com", Path: path, RawQuery: rawQuery},
				Header: http.Header{"X-Project-Id": {"0123"}},
			}
			if hname != "" {
				req.Header[hname] = strings.Split(hvalues, ",")
			}
			if contentType != "" {
				req.Header["Content-Type"] = []string{contentType}
			}
			return req
		}
		_, _, perr := parseQuery(nil, nil, rawQuery)
		if _, uerr := url.ParseQuery(rawQuery); (perr == nil) != (uerr == nil) {
			t.Fatalf("query %q: parseQuery: %v, url.ParseQuery: %v", rawQuery, perr, uerr)
		}
		s := Signer{AccessKey: "AKEXAMPLE", SecretKey: NewSecret("SKEXAMPLE")}
		a, b := mk(), mk()
		errA := s.Sign(a, body, now)
		errB := s.Sign(b, body, now)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("errors differ: %v, %v", errA, errB)
		}
		if errA != nil {
			if strings.Contains(errA.Error(), "SKEXAMPLE") {
				t.Fatalf("error %q contains the secret", errA)
			}
			return
		}
		authA, authB := a.Header.Get("Authorization"), b.Header.Get("Authorization")
		if authA != authB {
			t.Fatalf("signed twice: %s, %s", authA, authB)
		}
		want, cr, ok := refSign(mk(), body, now, "AKEXAMPLE", "SKEXAMPLE")
		if !ok {
			t.Fatalf("Sign accepted a query the reference rejects: %q", rawQuery)
		}
		if authA != want {
			t.Fatalf("Sign: %s\nreference: %s\nreference canonical request %q\nours %q", authA, want, cr, canonicalRequestOf(t, a, body))
		}
	})
}

// benchVector returns the representative request, which the vendor's
// signer is benchmarked on in tools/signer (BenchmarkVendorSign).
func benchVector(tb testing.TB) *signVector {
	tb.Helper()
	for _, v := range loadSignVectors(tb) {
		if v.Name == "bench-create-connector-task" {
			return &v
		}
	}
	tb.Fatal("no vector bench-create-connector-task")
	return nil
}

// BenchmarkSign signs the representative request: the page's operation
// with the headers the vendor's client sets and the Redis example as body.
// Compare with BenchmarkVendorSign in tools/signer.
func BenchmarkSign(b *testing.B) {
	v := benchVector(b)
	req, body, now := v.request(b)
	s := v.signer()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Sign(req, body, now); err != nil {
			b.Fatal(err)
		}
	}
	if got := req.Header.Get("Authorization"); got != v.Authorization {
		b.Fatalf("Authorization = %s, want %s", got, v.Authorization)
	}
}
