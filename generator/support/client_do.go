package support

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// call is one operation to send, as a generated method describes it to
// Client.do.
type call struct {
	// operation is the operation's name ("CreateConnectorTask"), for logs.
	operation string
	// method is the HTTP method ("POST").
	method string
	// path is the escaped request path from the parameters' Path method,
	// starting with "/"; the base URL's path prefix goes before it.
	path string
	// query is the query string's parameters; nil for none.
	query url.Values
	// body is the encoded request body; nil for no body (and no
	// Content-Type).
	body []byte
	// contentType is the body's media type; "" means application/json.
	contentType string
	// accept is the media type of the success response's body; "" means
	// application/json.
	accept string
	// header holds the operation's header parameters, keys in canonical
	// form; nil for none. They are signed with the others.
	header http.Header
	// projectID is sent as X-Project-Id when it is not empty.
	projectID string
	// success is the set of the operation's success statuses, made by
	// statuses; the empty set means any 2xx status.
	success statusSet
}

// statusSet is a set of 2xx statuses: bit n of it (counting through both
// words) stands for status 200+n. It is an array rather than a slice so
// that a call holds no pointer to it, and a call literal allocates
// nothing for its statuses.
type statusSet [2]uint64

// statuses returns the set of codes. A success status is a 2xx one: a
// code outside 200-299 is left out.
func statuses(codes ...int) statusSet {
	var s statusSet
	for _, code := range codes {
		if n := code - 200; 0 <= n && n < 100 {
			s[n/64] |= 1 << (n % 64)
		}
	}
	return s
}

// has reports whether status is in s.
func (s statusSet) has(status int) bool {
	n := status - 200
	return 0 <= n && n < 100 && s[n/64]&(1<<(n%64)) != 0
}

// result is a success response.
type result struct {
	status int
	header http.Header
	body   []byte // at most the Client's cap (32 MiB)
}

// maxErrorBody is the most bytes of an error response body read; the
// rest is left unread.
const maxErrorBody = 64 << 10

// do sends r and returns the response when its status is one of
// r.success. Another status is an *APIError (returned as it is, so that
// a type assertion works too). Every other error starts with the method
// and path ("GET /v2/p/instances: ...") and wraps the cause, the
// context's error included, so errors.Is(err, context.Canceled) works.
//
// Each attempt builds a new request from r (the body from r.body), sets
// the headers, signs it dated now, sends it and reads the body: a success
// body up to the cap (beyond it is an error), an error body up to 64 KiB.
// Between attempts do waits as c's RetryPolicy says.
func (c *Client) do(ctx context.Context, r call) (result, error) {
	if c == nil || c.cfg.httpClient == nil {
		return result{}, fmt.Errorf("%s %s: the Client was not made by NewClient", r.method, r.path)
	}
	t, err := c.target(&r)
	if err != nil {
		return result{}, fmt.Errorf("%s %s: %w", r.method, r.path, err)
	}
	for attempt := 1; ; attempt++ {
		start := c.cfg.now()
		res, err := c.send(ctx, &r, &t)
		wait, again := c.retryWait(ctx, &r, attempt, res.header, err)
		c.logAttempt(ctx, &r, attempt, c.cfg.now().Sub(start), res, err, wait, again)
		switch {
		case err == nil:
			return res, nil
		case !again && ctx.Err() != nil && !errors.Is(err, ctx.Err()):
			// The context ended after a failure: say so, so that
			// errors.Is finds it, and keep the failure (errors.As finds
			// an *APIError still).
			return result{}, fmt.Errorf("%s %s: %w (attempt %d: %w)", r.method, r.path, ctx.Err(), attempt, err)
		case !again:
			return result{}, wrapCallError(&r, err)
		}
		if serr := c.cfg.sleep(ctx, wait); serr != nil {
			return result{}, fmt.Errorf("%s %s: %w while waiting to retry (attempt %d: %v)", r.method, r.path, serr, attempt, err)
		}
	}
}

// wrapCallError returns an *APIError as it is and adds the method and
// path to any other error.
func wrapCallError(r *call, err error) error {
	if _, ok := err.(*APIError); ok {
		return err
	}
	return fmt.Errorf("%s %s: %w", r.method, r.path, err)
}

// target is where the requests of a call go, as the parts of its URL
// that change from call to call: the path, decoded (path) and escaped
// (rawPath, "" when it is the same), and the encoded query.
type target struct {
	path, rawPath, rawQuery string
}

// target checks r's method and path and returns where r goes: the base
// URL's path prefix, r.path and the encoded query. It rejects what
// http.NewRequest rejects in a method or a path, and a path with a query
// or a fragment.
func (c *Client) target(r *call) (target, error) {
	if !isToken(r.method) {
		return target{}, errors.New("invalid method " + strconv.Quote(r.method))
	}
	if !strings.HasPrefix(r.path, "/") || strings.ContainsAny(r.path, "?#") {
		return target{}, errors.New("the path must start with \"/\" and have no query or fragment")
	}
	for i := 0; i < len(r.path); i++ {
		if c := r.path[i]; c < ' ' || c == 0x7f {
			return target{}, errors.New("the path contains a control character")
		}
	}
	escaped := c.prefix + r.path // no allocation without a prefix
	path, err := url.PathUnescape(escaped)
	if err != nil {
		return target{}, errors.New("the path has an invalid escape")
	}
	t := target{path: path}
	if path != escaped {
		// The escaping the path came with, which url.URL keeps when it is
		// a valid one: as url.Parse would have it.
		t.rawPath = escaped
	}
	if len(r.query) > 0 {
		t.rawQuery = r.query.Encode()
	}
	return t, nil
}

// send makes one attempt. Its result holds the status and header of any
// response, and the body of a success one; the error is an *APIError for
// another status.
func (c *Client) send(ctx context.Context, r *call, t *target) (result, error) {
	req, err := c.newRequest(ctx, r, t)
	if err != nil {
		return result{}, err
	}
	resp, err := c.cfg.httpClient.Do(req)
	if err != nil {
		return result{}, transportError(ctx, err)
	}
	defer resp.Body.Close()
	res := result{status: resp.StatusCode, header: resp.Header}
	if !r.succeeded(resp.StatusCode) {
		// A failed read keeps what came: the status is the answer.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return res, newAPIError(resp.StatusCode, resp.Header, body)
	}
	res.body, err = readBody(resp, c.cfg.maxBody)
	if err != nil {
		return res, transportError(ctx, err)
	}
	return res, nil
}

// ownHeaders is the most headers newRequest sets before signing:
// User-Agent, Accept, Content-Type, X-Project-Id, X-Auth-Token and
// X-Security-Token. Signing adds X-Sdk-Date and Authorization.
const ownHeaders = 6

// mediaOr returns mt, or application/json when it is "".
func mediaOr(mt string) string {
	if mt == "" {
		return "application/json"
	}
	return mt
}

// outgoing holds, in one allocation, what the request of one attempt
// refers to besides the http.Request and its header map: the URL, the
// reader of the body, and the value slices of the headers (each header's
// slice is one element of values or signed, capped, so that appending to
// one cannot overwrite the next). Each attempt has its own: net/http may
// still read the body of an attempt after Do has returned.
type outgoing struct {
	url    url.URL
	body   bytes.Reader
	values [ownHeaders]string
	n      int       // values used
	signed [2]string // X-Sdk-Date and Authorization
}

// set sets the header name, which must be in canonical form, to value.
func (o *outgoing) set(h http.Header, name, value string) {
	o.values[o.n] = value
	h[name] = o.values[o.n : o.n+1 : o.n+1]
	o.n++
}

// newRequest builds the request of one attempt, with its headers, signed
// last so that every header is signed. It makes the request as
// http.NewRequestWithContext would from the URL and a *bytes.Reader of
// r.body, but allocates less: the parts are in one outgoing, the headers
// are set straight into a map made for them, and Host is left empty (it
// is URL.Host), which spares http.Client a copy of the URL.
func (c *Client) newRequest(ctx context.Context, r *call, t *target) (*http.Request, error) {
	o := &outgoing{url: url.URL{
		Scheme:   c.scheme,
		Host:     c.host,
		Path:     t.path,
		RawPath:  t.rawPath,
		RawQuery: t.rawQuery,
	}}
	h := make(http.Header, ownHeaders+len(o.signed)+len(r.header))
	for name, values := range r.header {
		h[name] = values
	}
	o.set(h, "User-Agent", c.cfg.userAgent)
	o.set(h, "Accept", mediaOr(r.accept))
	if r.body != nil {
		o.set(h, "Content-Type", mediaOr(r.contentType))
	}
	if r.projectID != "" {
		o.set(h, "X-Project-Id", r.projectID)
	}
	if c.cfg.authToken.IsSet() {
		o.set(h, "X-Auth-Token", c.cfg.authToken.Value())
	}
	if c.cfg.securityToken.IsSet() {
		o.set(h, "X-Security-Token", c.cfg.securityToken.Value())
	}
	req := (&http.Request{
		Method:     r.method,
		URL:        &o.url,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     h,
	}).WithContext(ctx)
	switch {
	case len(r.body) > 0:
		o.body.Reset(r.body)
		// net/http writes the headers and a body it knows to be in
		// memory, such as this one, together; any other body type costs
		// a flush of the headers first.
		req.Body = io.NopCloser(&o.body)
		req.ContentLength = int64(len(r.body))
		data := r.body
		req.GetBody = func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(data)), nil
		}
	case r.body != nil:
		req.Body = http.NoBody
		req.GetBody = noBody
	}
	if c.cfg.signer.AccessKey != "" {
		now := c.cfg.now()
		if err := c.cfg.signer.sign(req, r.body, now, c.dates.text(now), &o.signed); err != nil {
			return nil, err
		}
	}
	return req, nil
}

// noBody is the GetBody of a request with an empty body.
func noBody() (io.ReadCloser, error) { return http.NoBody, nil }

// signDate is the X-Sdk-Date value of one second.
type signDate struct {
	unix int64
	text string
}

// dateCache keeps the X-Sdk-Date value of the second a Client last
// signed in, so that the requests of one second share one string.
type dateCache struct {
	last atomic.Pointer[signDate]
}

// text returns now as X-Sdk-Date formats it.
func (dc *dateCache) text(now time.Time) string {
	now = now.UTC()
	if d := dc.last.Load(); d != nil && d.unix == now.Unix() {
		return d.text
	}
	d := &signDate{unix: now.Unix(), text: now.Format(signDateFormat)}
	dc.last.Store(d)
	return d.text
}

// succeeded reports whether status is a success status of r.
func (r *call) succeeded(status int) bool {
	if r.success == (statusSet{}) {
		return 200 <= status && status <= 299
	}
	return r.success.has(status)
}

// errBodyTooLarge is the error for a success body beyond the cap.
var errBodyTooLarge = errors.New("the response body is larger than the client reads")

// readBody reads resp's body, at most limit bytes: a longer body is
// errBodyTooLarge, found from Content-Length before reading when it says
// so. A body of known length is read into a buffer of that length, with
// room for one more byte to see that nothing follows.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	n := resp.ContentLength
	if n > limit {
		return nil, errBodyTooLarge
	}
	if n < 0 {
		b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
		if err != nil {
			return nil, err
		}
		if int64(len(b)) > limit {
			return nil, errBodyTooLarge
		}
		return b, nil
	}
	b := make([]byte, n, n+1)
	if _, err := io.ReadFull(resp.Body, b); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF // shorter than Content-Length
		}
		return nil, err
	}
	// The next byte must be the end: net/http ends a body at its
	// Content-Length, another RoundTripper may not.
	switch m, err := io.ReadFull(resp.Body, b[n:n+1]); {
	case m > 0:
		return nil, errors.New("the response body is longer than its Content-Length")
	case err != io.EOF:
		return nil, err
	}
	return b, nil
}

// transportError unwraps the *url.Error of http.Client (its text repeats
// the URL, query included) and, when ctx is done, makes sure the error
// wraps ctx's error.
func transportError(ctx context.Context, err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	return err
}

// retryWait returns how long to wait before sending r again after
// attempt failed with err (header is the response's, nil when there was
// none), and false when r is not to be sent again.
func (c *Client) retryWait(ctx context.Context, r *call, attempt int, header http.Header, err error) (time.Duration, bool) {
	p := &c.cfg.retry
	if err == nil || attempt >= p.MaxAttempts || ctx.Err() != nil {
		return 0, false
	}
	if !p.RetryNonIdempotent && !idempotent(r.method) {
		return 0, false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if !retryStatus(apiErr.StatusCode) {
			return 0, false
		}
		if v := header.Get("Retry-After"); v != "" {
			if d, ok := parseRetryAfter(v, c.cfg.now()); ok {
				return d, d <= p.MaxDelay
			}
		}
	} else if !retryableError(err) {
		return 0, false
	}
	return c.cfg.jitter(p.backoff(attempt)), true
}

// idempotent reports whether sending a request with method twice has the
// effect of sending it once (RFC 9110 9.2.2).
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// retryStatus reports whether a response with status may succeed when
// sent again: too many requests, or a gateway or service briefly unable.
func retryStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableError reports whether a request that failed with err, which
// is no context error, may be sent again: the connection was refused or
// could not be made, was reset, or closed before a whole response came.
// A DNS failure is retried only when it is temporary or a timeout.
func retryableError(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTemporary || dnsErr.IsTimeout
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// parseRetryAfter returns the wait a Retry-After value asks for, given as
// seconds or as an HTTP date (0 for a date past), and false when v is
// neither. A number of seconds too large for a Duration is the longest
// Duration.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return time.Duration(1<<63 - 1), true
			}
			return 0, false
		}
		if n > uint64((1<<63-1)/time.Second) {
			return time.Duration(1<<63 - 1), true
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// logAttempt logs one attempt when c has a logger: Debug for a success,
// Info for a failure. It logs no header value but the request ID, and no
// body.
func (c *Client) logAttempt(ctx context.Context, r *call, attempt int, d time.Duration, res result, err error, wait time.Duration, again bool) {
	l := c.cfg.logger
	if l == nil {
		return
	}
	level := slog.LevelDebug
	if err != nil {
		level = slog.LevelInfo
	}
	if !l.Enabled(ctx, level) {
		return
	}
	var buf [10]slog.Attr
	attrs := append(buf[:0],
		slog.String("operation", r.operation),
		slog.String("method", r.method),
		slog.String("path", r.path),
		slog.Int("attempt", attempt),
		slog.Int("status", res.status),
		slog.Duration("duration", d),
		slog.String("request_id", oneLine(res.header.Get("X-Request-Id"), maxRequestIDLen)),
	)
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	if again {
		attrs = append(attrs, slog.Duration("retry_in", wait))
	}
	l.LogAttrs(ctx, level, "request", attrs...)
}
