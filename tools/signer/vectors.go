// Package signer makes the test vectors of dmsgen's request signer
// (generator/support/sign.go) with the vendor's own signer, the
// SDK-HMAC-SHA256 AK/SK signer of github.com/huaweicloud/huaweicloud-sdk-go-v3
// (core/auth/signer), and benchmarks that signer. Run
//
//	go run ./signer/vectors
//
// from the tools folder to rewrite generator/support/testdata/sign/vectors.json;
// TestVectorsFile fails when the file differs from what the vendor's signer
// gives.
package signer

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"
	_ "unsafe" // go:linkname, to read the vendor's canonical request

	hwsigner "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
)

// VendorModule is the module and version whose signer made the vectors;
// TestVendorVersion checks it against the build.
const (
	VendorModule  = "github.com/huaweicloud/huaweicloud-sdk-go-v3"
	VendorVersion = "v0.1.207"
)

// The vendor does not export the steps of its canonical request; these
// are its own functions (core/auth/signer/signer.go). The canonical
// request they make is checked against the vendor's signature, so a
// change of these functions cannot go unnoticed.
//
//go:linkname vendorCanonicalURI github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer.canonicalURI
func vendorCanonicalURI(r *request.DefaultHttpRequest) string

//go:linkname vendorCanonicalQueryString github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer.canonicalQueryString
func vendorCanonicalQueryString(r *request.DefaultHttpRequest) string

//go:linkname vendorCanonicalHeaders github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer.canonicalHeaders
func vendorCanonicalHeaders(r *request.DefaultHttpRequest, signedHeaders []string) string

//go:linkname vendorExtractSignedHeaders github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer.extractSignedHeaders
func vendorExtractSignedHeaders(headers map[string]string) []string

// File is the JSON document of generator/support/testdata/sign/vectors.json.
type File struct {
	Comment string   `json:"comment"`
	Vendor  string   `json:"vendor"`
	Vectors []Vector `json:"vectors"`
}

// Vector is one request and what the vendor's signer makes of it.
type Vector struct {
	Name string `json:"name"`
	// The request as the vendor's client sends it, before signing: its
	// method, URL (request.DefaultHttpRequest.ConvertRequest) and headers
	// (each header's values sorted; X-Sdk-Date is left out: Date gives it).
	Method  string              `json:"method"`
	URL     string              `json:"url"`
	Headers map[string][]string `json:"headers"`
	// The body is Body repeated BodyRepeat times (once when 0).
	Body       string `json:"body"`
	BodyRepeat int    `json:"body_repeat,omitempty"`
	AccessKey  string `json:"access_key"`
	SecretKey  string `json:"secret_key"`
	// Date is the signing time, RFC 3339.
	Date string `json:"date"`

	// What the vendor makes: the X-Sdk-Date and Authorization it adds, the
	// canonical request and string to sign (from its own functions, checked
	// against its signature), and every header it sends.
	XSdkDate         string              `json:"x_sdk_date"`
	CanonicalRequest string              `json:"canonical_request"`
	StringToSign     string              `json:"string_to_sign"`
	Authorization    string              `json:"authorization"`
	SentHeaders      map[string][]string `json:"sent_headers"`
}

// FullBody returns the body the vector's request sends.
func (v *Vector) FullBody() []byte {
	if v.BodyRepeat > 1 {
		return []byte(strings.Repeat(v.Body, v.BodyRepeat))
	}
	return []byte(v.Body)
}

// Build returns the vendor's request of c, its X-Sdk-Date set to c's date
// (the only way to give the vendor's signer a time).
func (c *Case) Build() *request.DefaultHttpRequest {
	b := request.NewHttpRequestBuilder().WithMethod(c.Method).WithEndpoint(c.Endpoint).WithPath(c.Path)
	for k, v := range c.PathParams {
		b.AddPathParam(k, v)
	}
	for k, v := range c.Query {
		b.AddQueryParam(k, reflect.ValueOf(v))
	}
	for k, v := range c.Headers {
		b.AddHeaderParam(k, v)
	}
	if c.Body != nil {
		body := c.Body
		if s, ok := body.(string); ok && c.BodyRepeat > 1 {
			body = strings.Repeat(s, c.BodyRepeat)
		}
		b.WithBody("", body)
	}
	b.AddHeaderParam(hwsigner.HeaderXDate, c.date())
	return b.Build()
}

// Keys returns the AK and SK of c.
func (c *Case) Keys() (ak, sk string) {
	ak, sk = c.AK, c.SK
	if ak == "" {
		ak = fakeAK
	}
	if sk == "" {
		sk = fakeSK
	}
	return ak, sk
}

// date returns the X-Sdk-Date of c.
func (c *Case) date() string {
	if c.Date != "" {
		return c.Date
	}
	return fakeDate
}

// MakeVector signs c with the vendor's signer and records the result.
func MakeVector(c Case) (Vector, error) {
	fail := func(format string, args ...any) (Vector, error) {
		return Vector{}, fmt.Errorf("%s: "+format, append([]any{c.Name}, args...)...)
	}
	ak, sk := c.Keys()
	t, err := time.Parse(hwsigner.BasicDateFormat, c.date())
	if err != nil {
		return fail("date: %v", err)
	}
	req := c.Build()

	// The request before signing, as net/http will send it.
	before, err := req.ConvertRequest()
	if err != nil {
		return fail("convert: %v", err)
	}
	body, err := req.GetBodyToBytes()
	if err != nil {
		return fail("body: %v", err)
	}
	v := Vector{
		Name:      c.Name,
		Method:    before.Method,
		URL:       before.URL.String(),
		Headers:   sortedHeader(before.Header),
		Body:      body.String(),
		AccessKey: ak,
		SecretKey: sk,
		Date:      t.UTC().Format(time.RFC3339),
	}
	delete(v.Headers, hwsigner.HeaderXDate)
	if s, ok := c.Body.(string); ok && c.BodyRepeat > 1 {
		v.Body, v.BodyRepeat = s, c.BodyRepeat
	}
	if got, err := url.Parse(v.URL); err != nil || got.Path != req.GetPath() {
		return fail("the URL %q does not give back the vendor's path %q", v.URL, req.GetPath())
	}

	added, err := hwsigner.Signer{}.Sign(req, ak, sk)
	if err != nil {
		return fail("vendor signer: %v", err)
	}
	v.XSdkDate = added[hwsigner.HeaderXDate]
	v.Authorization = added[hwsigner.HeaderAuthorization]

	// The canonical request from the vendor's steps, on the request as its
	// Sign left it (X-Sdk-Date and X-Sdk-Content-Sha256 added).
	signed := vendorExtractSignedHeaders(req.GetHeaderParams())
	payload, ok := req.GetHeaderParams()["X-Sdk-Content-Sha256"]
	if !ok {
		sum := sha256.Sum256(body.Bytes())
		payload = hex.EncodeToString(sum[:])
	}
	v.CanonicalRequest = strings.Join([]string{
		req.GetMethod(),
		vendorCanonicalURI(req),
		vendorCanonicalQueryString(req),
		vendorCanonicalHeaders(req, signed),
		strings.Join(signed, ";"),
		payload,
	}, "\n")
	crSum := sha256.Sum256([]byte(v.CanonicalRequest))
	v.StringToSign = "SDK-HMAC-SHA256\n" + v.XSdkDate + "\n" + hex.EncodeToString(crSum[:])
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(v.StringToSign))
	want := "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + strings.Join(signed, ";") +
		", Signature=" + hex.EncodeToString(mac.Sum(nil))
	if want != v.Authorization {
		return fail("the canonical request from the vendor's steps does not give its signature:\n%s\nvendor: %s", want, v.Authorization)
	}

	// What the vendor's client sends (core/auth/base_credentials.go adds
	// the returned headers to the request).
	for k, val := range added {
		req.AddHeaderParam(k, val)
	}
	after, err := req.ConvertRequest()
	if err != nil {
		return fail("convert: %v", err)
	}
	v.SentHeaders = sortedHeader(after.Header)
	return v, nil
}

// sortedHeader returns a copy of h with each header's values sorted, since
// the vendor adds them in map order.
func sortedHeader(h http.Header) map[string][]string {
	m := make(map[string][]string, len(h))
	for k, vs := range h {
		m[k] = slices.Sorted(slices.Values(vs))
	}
	return m
}

// Generate returns the vectors file for Cases.
func Generate() ([]byte, error) {
	f := File{
		Comment: "Made by the vendor's signer with `go run ./signer/vectors` in tools/; do not edit. " +
			"The keys are fake. See tools/signer/vectors.go for what each field is.",
		Vendor: VendorModule + " " + VendorVersion + " core/auth/signer (SDK-HMAC-SHA256)",
	}
	names := map[string]bool{}
	for _, c := range Cases() {
		if names[c.Name] {
			return nil, errors.New("duplicate case " + c.Name)
		}
		names[c.Name] = true
		v, err := MakeVector(c)
		if err != nil {
			return nil, err
		}
		f.Vectors = append(f.Vectors, v)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
