package support

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The signing scheme of the API gateway (APIG), as the vendor's Go SDK
// implements it in github.com/huaweicloud/huaweicloud-sdk-go-v3, package
// core/auth/signer (signer.go, Signer.Sign).
const (
	signAlgorithm     = "SDK-HMAC-SHA256"
	signDateFormat    = "20060102T150405Z"
	signDateHeader    = "X-Sdk-Date"
	signContentHeader = "X-Sdk-Content-Sha256"
	signUnsigned      = "UNSIGNED-PAYLOAD"
)

// Signer signs HTTP requests for the API gateway with an access key (AK)
// and a secret key (SK), the scheme SDK-HMAC-SHA256 of the vendor's SDK
// (github.com/huaweicloud/huaweicloud-sdk-go-v3, core/auth/signer), which
// it reproduces byte for byte.
//
// What Sign signs, in the canonical request it hashes:
//
//   - the method (GET when req.Method is empty);
//   - the path, req.URL.Path split at "/", each segment percent-encoded
//     except for A-Z a-z 0-9 - _ . ~ (so a space is %20, "+" is %2B and
//     "{" is %7B), with a "/" added when it does not end in one;
//   - the query, decoded from req.URL.RawQuery as url.ParseQuery decodes
//     it, sorted by name and then by value (the decoded bytes), each
//     encoded as the path segments are, as name=value joined by "&"; a
//     name without "=" is signed as "name=";
//   - every header of req.Header with at least one value, X-Sdk-Date
//     included, except Authorization (which Sign replaces), names that
//     start with Content-Type (any case) and names that contain "_": names
//     lower-cased and sorted, values with surrounding white space trimmed.
//     So X-Security-Token and X-Project-Id are signed when set, and Host
//     only when req.Header has a Host entry (the vendor signs it only when
//     the caller adds it), with the value net/http sends: req.Host, or
//     req.URL.Host when that is empty. A header with n values is signed as
//     the vendor signs one given under n spellings: its name n times in
//     SignedHeaders, and its sorted values n times;
//   - the hex SHA-256 of body, or the value of X-Sdk-Content-Sha256 when
//     req.Header has it. When req has a Content-Type that contains
//     neither application/json nor application/bson, Sign sets
//     X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD first and the body is not
//     signed.
//
// Signer's printed forms show the secret key as [REDACTED], and its JSON
// encoding leaves it out.
type Signer struct {
	// AccessKey is the access key ID (AK), sent in Authorization.
	AccessKey string
	// SecretKey is the secret access key (SK) that signs, never sent.
	SecretKey Secret `json:"-"`
}

// Sign adds X-Sdk-Date and Authorization to req, whose body is body (nil
// for none), at time now. It does not read req.Body: body must be what
// req sends. An X-Sdk-Date or Authorization that req has already, in any
// spelling of the name, is replaced, so a request can be signed again
// before it is retried. Set X-Security-Token (temporary credentials) and
// the other headers before calling Sign: headers added afterwards are not
// signed.
//
// Sign returns an error, and leaves req unchanged, when the keys are not
// set, now is the zero time, req has no host, an opaque URL, a path with
// an escaped "/" in a segment, a malformed query, or a method or header
// name that is not an HTTP token. Errors never contain a key or a header
// value.
func (s Signer) Sign(req *http.Request, body []byte, now time.Time) error {
	return s.sign(req, body, now, "", new([2]string))
}

// sign is Sign, for a Client, which saves what it can: date is the
// X-Sdk-Date value, now formatted, or "" to have sign format it; vals
// holds the values sign adds, X-Sdk-Date in vals[0] and Authorization in
// vals[1], so that both header slices share it.
func (s Signer) sign(req *http.Request, body []byte, now time.Time, date string, vals *[2]string) error {
	if err := s.check(); err != nil {
		return err
	}
	if req == nil || req.URL == nil {
		return errors.New("sign: request has no URL")
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	if host == "" {
		return errors.New("sign: request has no host")
	}
	if now.IsZero() {
		return errors.New("sign: time is zero")
	}
	if req.URL.Opaque != "" {
		return errors.New("sign: opaque URLs cannot be signed")
	}
	if hasEscapedSlash(req.URL.RawPath) {
		// The scheme signs the decoded path, where it would be a separator.
		return errors.New("sign: a path segment contains an escaped \"/\"")
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	if !isToken(method) {
		return errors.New("sign: invalid method " + strconv.Quote(method))
	}
	for name := range req.Header {
		if !isToken(name) {
			return errors.New("sign: invalid header name " + strconv.Quote(name))
		}
	}

	var scratchBuf [512]byte
	var pairsBuf [32]queryPair
	scratch, pairs, err := parseQuery(scratchBuf[:0], pairsBuf[:0], req.URL.RawQuery)
	if err != nil {
		return err
	}

	// From here on req changes: the headers Sign adds are signed too.
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	h := req.Header
	for name := range h {
		if equalFold(name, "authorization") || equalFold(name, "x-sdk-date") {
			delete(h, name) // every spelling: Sign adds them again
		}
	}
	if ct, ok := h["Content-Type"]; ok && !signsPayload(ct) {
		h[signContentHeader] = []string{signUnsigned}
	}
	// vals holds both added values; the slices are capped so that
	// appending to one cannot overwrite the other.
	if date == "" {
		date = now.UTC().Format(signDateFormat)
	}
	vals[0] = date
	h[signDateHeader] = vals[0:1:1]

	var fieldsBuf [24]headerField
	fields := signedFields(fieldsBuf[:0], h, host)

	var crBuf [2048]byte
	cr, signedHeaders := appendCanonicalRequest(crBuf[:0], method, req.URL.Path, scratch, pairs, fields, h, body)

	var stsBuf [len(signAlgorithm) + 1 + len(signDateFormat) + 1 + 2*sha256.Size]byte
	sts := appendStringToSign(stsBuf[:0], date, sha256.Sum256(cr))
	var key [128]byte
	mac := hmacSHA256(s.SecretKey.appendValue(key[:0]), sts)

	var authBuf [256]byte
	auth := append(authBuf[:0], signAlgorithm+" Access="...)
	auth = append(auth, s.AccessKey...)
	auth = append(auth, ", SignedHeaders="...)
	auth = append(auth, signedHeaders...)
	auth = append(auth, ", Signature="...)
	auth = hex.AppendEncode(auth, mac[:])
	vals[1] = string(auth)
	h["Authorization"] = vals[1:2:2]
	return nil
}

// appendCanonicalRequest appends the canonical request to b (signer.go,
// canonicalRequest) and returns it with the signed header list, which is
// part of it. h is the request's header, for X-Sdk-Content-Sha256.
func appendCanonicalRequest(b []byte, method, path string, scratch []byte, pairs []queryPair, fields []headerField, h http.Header, body []byte) (cr, signedHeaders []byte) {
	b = append(b, method...)
	b = append(b, '\n')
	b = appendCanonicalURI(b, path)
	b = append(b, '\n')
	b = appendCanonicalQuery(b, scratch, pairs)
	b = append(b, '\n')
	b = appendCanonicalHeaders(b, fields)
	b = append(b, '\n')
	start := len(b)
	b = appendSignedHeaders(b, fields)
	end := len(b)
	b = append(b, '\n')
	if v, ok := h[signContentHeader]; ok {
		if len(v) > 0 {
			b = append(b, v[0]...)
		}
	} else {
		sum := sha256.Sum256(body)
		b = hex.AppendEncode(b, sum[:])
	}
	return b, b[start:end]
}

// check reports whether both keys are set, without naming either value.
func (s Signer) check() error {
	if s.AccessKey == "" {
		return errors.New("sign: access key is empty")
	}
	if !s.SecretKey.IsSet() {
		return errors.New("sign: secret key is not set")
	}
	if s.SecretKey.size() == 0 {
		return errors.New("sign: secret key is empty")
	}
	return nil
}

// signsPayload reports whether a request with Content-Type values ct has
// its body signed: the vendor signs it only for JSON and BSON.
func signsPayload(ct []string) bool {
	v := ""
	if len(ct) > 0 {
		v = ct[0]
	}
	return strings.Contains(v, "application/json") || strings.Contains(v, "application/bson")
}

// hasEscapedSlash reports whether an escaped path has "%2F" (any case).
func hasEscapedSlash(rawPath string) bool {
	for i := 0; i+2 < len(rawPath); i++ {
		if rawPath[i] == '%' && rawPath[i+1] == '2' && (rawPath[i+2] == 'F' || rawPath[i+2] == 'f') {
			return true
		}
	}
	return false
}

// isToken reports whether s is a non-empty HTTP token (RFC 9110 5.6.2),
// what a method and a header name must be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// signUnreserved reports whether the vendor leaves c unescaped in the
// canonical path and query (signer.go, shouldEscape).
func signUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// appendSignEscaped appends s to b with every byte outside A-Z a-z 0-9
// - _ . ~ as %XX (upper-case hex), as the vendor's escape does; "/" is
// kept when keepSlash is set, which is the vendor's per-segment escaping
// of a path.
func appendSignEscaped[T string | []byte](b []byte, s T, keepSlash bool) []byte {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if signUnreserved(c) || keepSlash && c == '/' {
			b = append(b, c)
		} else {
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return b
}

// appendCanonicalURI appends the canonical URI of the decoded path: its
// segments escaped, and a "/" at the end (signer.go, canonicalURI).
func appendCanonicalURI(b []byte, path string) []byte {
	b = appendSignEscaped(b, path, true)
	if path == "" || path[len(path)-1] != '/' {
		b = append(b, '/')
	}
	return b
}

// queryPair is one name=value of a query, decoded into a scratch buffer:
// the name is scratch[k:v] and the value scratch[v:end].
type queryPair struct {
	k, v, end int
}

// parseQuery decodes the pairs of a raw query as url.ParseQuery does
// ("+" is a space, an empty pair is skipped, a pair without "=" has an
// empty value), appending their bytes to scratch and the pairs to pairs,
// sorted by name and then value. Where url.ParseQuery would drop a pair (a
// bad escape, a ";"), it is an error, since the signature would not match
// the request.
func parseQuery(scratch []byte, pairs []queryPair, raw string) ([]byte, []queryPair, error) {
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		if strings.IndexByte(pair, ';') >= 0 {
			return nil, nil, errors.New("sign: query contains ';'")
		}
		name, value, _ := strings.Cut(pair, "=")
		var p queryPair
		var ok bool
		p.k = len(scratch)
		if scratch, ok = appendQueryUnescaped(scratch, name); !ok {
			return nil, nil, errors.New("sign: query has an invalid escape")
		}
		p.v = len(scratch)
		if scratch, ok = appendQueryUnescaped(scratch, value); !ok {
			return nil, nil, errors.New("sign: query has an invalid escape")
		}
		p.end = len(scratch)
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(a, b queryPair) int {
		if c := bytes.Compare(scratch[a.k:a.v], scratch[b.k:b.v]); c != 0 {
			return c
		}
		return bytes.Compare(scratch[a.v:a.end], scratch[b.v:b.end])
	})
	return scratch, pairs, nil
}

// appendQueryUnescaped appends s decoded as a query component (%XX and
// "+" for a space) to b; ok is false on a malformed escape.
func appendQueryUnescaped(b []byte, s string) (_ []byte, ok bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) {
				return b, false
			}
			hi, ok1 := signUnhex(s[i+1])
			lo, ok2 := signUnhex(s[i+2])
			if !ok1 || !ok2 {
				return b, false
			}
			b = append(b, hi<<4|lo)
			i += 2
		default:
			b = append(b, c)
		}
	}
	return b, true
}

// signUnhex returns the value of the hexadecimal digit c.
func signUnhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// appendCanonicalQuery appends the sorted pairs as escaped name=value
// joined by "&" (signer.go, canonicalQueryString).
func appendCanonicalQuery(b, scratch []byte, pairs []queryPair) []byte {
	for i, p := range pairs {
		if i > 0 {
			b = append(b, '&')
		}
		b = appendSignEscaped(b, scratch[p.k:p.v], false)
		b = append(b, '=')
		b = appendSignEscaped(b, scratch[p.v:p.end], false)
	}
	return b
}

// headerField is one signed header value; name is as req.Header has it.
type headerField struct {
	name, value string
}

// signedFields appends to fields one entry for each value of each signed
// header of h (signer.go, extractSignedHeaders: not Content-Type*, not
// names with "_"), Host with the value host, sorted by lower-cased name
// and then value.
func signedFields(fields []headerField, h http.Header, host string) []headerField {
	for name, values := range h {
		if len(values) == 0 || strings.IndexByte(name, '_') >= 0 || hasPrefixFold(name, "content-type") {
			continue
		}
		if equalFold(name, "host") {
			fields = append(fields, headerField{name, host})
			continue
		}
		for _, v := range values {
			fields = append(fields, headerField{name, v})
		}
	}
	slices.SortFunc(fields, func(a, b headerField) int {
		if c := compareFold(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	return fields
}

// appendCanonicalHeaders appends "name:value\n" for each field, names
// lower-cased and values trimmed (signer.go, canonicalHeaders). A name
// with n fields has all n values written n times: the vendor lists it
// once per value and writes all its values for each listing.
func appendCanonicalHeaders(b []byte, fields []headerField) []byte {
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && compareFold(fields[i].name, fields[j].name) == 0 {
			j++
		}
		for range j - i {
			for _, f := range fields[i:j] {
				b = appendLower(b, f.name)
				b = append(b, ':')
				b = append(b, strings.TrimSpace(f.value)...)
				b = append(b, '\n')
			}
		}
		i = j
	}
	return b
}

// appendSignedHeaders appends the lower-cased names of fields joined by
// ";", one for each field.
func appendSignedHeaders(b []byte, fields []headerField) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ';')
		}
		b = appendLower(b, f.name)
	}
	return b
}

// appendStringToSign appends the string to sign: the algorithm, the
// X-Sdk-Date value and the hex hash of the canonical request, one a line.
func appendStringToSign(b []byte, date string, crHash [sha256.Size]byte) []byte {
	b = append(b, signAlgorithm...)
	b = append(b, '\n')
	b = append(b, date...)
	b = append(b, '\n')
	return hex.AppendEncode(b, crHash[:])
}

// hmacSHA256 returns HMAC-SHA256(key, msg) (RFC 2104), computed with
// sha256.Sum256 on stack buffers so that it allocates nothing, which
// crypto/hmac does.
func hmacSHA256(key, msg []byte) [sha256.Size]byte {
	const blockSize = 64
	var k [blockSize]byte
	if len(key) > blockSize {
		sum := sha256.Sum256(key)
		copy(k[:], sum[:])
	} else {
		copy(k[:], key)
	}
	var innerBuf [blockSize + 128]byte
	inner := innerBuf[:0]
	for _, c := range k {
		inner = append(inner, c^0x36)
	}
	inner = append(inner, msg...)
	innerSum := sha256.Sum256(inner)
	var outer [blockSize + sha256.Size]byte
	for i, c := range k {
		outer[i] = c ^ 0x5c
	}
	copy(outer[blockSize:], innerSum[:])
	return sha256.Sum256(outer[:])
}

// appendLower appends s with ASCII letters lower-cased; header names are
// tokens, so this is strings.ToLower for them.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// lowerByte returns c lower-cased if it is an ASCII letter.
func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// compareFold compares a and b as strings.Compare compares their
// ASCII-lower-cased forms.
func compareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if ca, cb := lowerByte(a[i]), lowerByte(b[i]); ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// equalFold reports whether s is the lower-case ASCII name, ignoring
// ASCII case.
func equalFold(s, name string) bool {
	return len(s) == len(name) && hasPrefixFold(s, name)
}

// hasPrefixFold reports whether s starts with the lower-case ASCII
// prefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerByte(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}
