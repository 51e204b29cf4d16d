package smartconnecttest

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/textproto"
	"strings"
	"time"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// authPrefix starts the Authorization value of an SDK-HMAC-SHA256 request.
const authPrefix = "SDK-HMAC-SHA256 "

// signDateFormat is the format of X-Sdk-Date.
const signDateFormat = "20060102T150405Z"

// VerifySignature reports, as an error saying why not, whether r, received
// by a server with the body body, carries a valid SDK-HMAC-SHA256
// Authorization made with the access key and secret key, as the service's
// API gateway checks it: Authorization names the access key, the signed
// headers and the signature; X-Sdk-Date gives the signing time. It signs
// again, with smartconnect.Signer, a copy of the request that holds only the
// signed headers (and Content-Type, which decides whether the body is
// signed), dated X-Sdk-Date, and compares the signatures. It does not
// compare X-Sdk-Date with the clock. Errors never contain a key or a
// signature.
func VerifySignature(r *http.Request, body []byte, accessKey, secretKey string) error {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return errors.New("no Authorization header")
	}
	access, signedHeaders, ok := parseAuthorization(auth)
	if !ok {
		return errors.New("the Authorization header is not of the form SDK-HMAC-SHA256 Access=AK, SignedHeaders=names, Signature=hex")
	}
	if subtle.ConstantTimeCompare([]byte(access), []byte(accessKey)) != 1 {
		return errors.New("unknown access key")
	}
	date := r.Header.Get("X-Sdk-Date")
	if date == "" {
		return errors.New("no X-Sdk-Date header")
	}
	at, err := time.Parse(signDateFormat, date)
	if err != nil {
		return errors.New("X-Sdk-Date is not in the form 20060102T150405Z")
	}

	u := *r.URL
	u.Scheme, u.Host = "http", r.Host
	c := &http.Request{Method: r.Method, URL: &u, Host: r.Host, Header: http.Header{}}
	dateSigned := false
	for _, name := range strings.Split(signedHeaders, ";") {
		if name == "" || strings.ToLower(name) != name {
			return errors.New("SignedHeaders must list lower-case header names")
		}
		key := textproto.CanonicalMIMEHeaderKey(name)
		if _, done := c.Header[key]; done {
			continue // a header with n values is listed n times
		}
		switch {
		case name == "host":
			c.Header[key] = []string{r.Host}
		case len(r.Header.Values(name)) == 0:
			return errors.New("the signed header " + name + " is missing")
		default:
			c.Header[key] = r.Header.Values(name)
		}
		dateSigned = dateSigned || name == "x-sdk-date"
	}
	if !dateSigned {
		return errors.New("X-Sdk-Date is not signed")
	}
	if ct, ok := r.Header["Content-Type"]; ok {
		c.Header["Content-Type"] = ct
	}
	s := smartconnect.Signer{AccessKey: accessKey, SecretKey: smartconnect.NewSecret(secretKey)}
	if err := s.Sign(c, body, at); err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(c.Header.Get("Authorization")), []byte(auth)) != 1 {
		return errors.New("the signature does not match the request")
	}
	return nil
}

// parseAuthorization splits an SDK-HMAC-SHA256 Authorization value into its
// access key and signed header list.
func parseAuthorization(v string) (access, signedHeaders string, ok bool) {
	rest, ok := strings.CutPrefix(v, authPrefix)
	if !ok {
		return "", "", false
	}
	parts := strings.Split(rest, ", ")
	if len(parts) != 3 {
		return "", "", false
	}
	access, ok1 := strings.CutPrefix(parts[0], "Access=")
	signedHeaders, ok2 := strings.CutPrefix(parts[1], "SignedHeaders=")
	sig, ok3 := strings.CutPrefix(parts[2], "Signature=")
	if !ok1 || !ok2 || !ok3 || access == "" || signedHeaders == "" || len(sig) != 64 {
		return "", "", false
	}
	return access, signedHeaders, true
}
