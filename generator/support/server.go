package support

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// The run-time half of the generated NewServer: reading a request's body
// and query parameters, and writing responses and the service's error
// bodies ({"error_code": ..., "error_msg": ...}).

// maxRequestBody is the most bytes of a request body the server reads; a
// larger body is answered 413.
const maxRequestBody = 8 << 20

// Error codes the server answers with, in the error body's error_code.
const (
	codeInvalidRequest = "INVALID_REQUEST" // the request breaks the schema (400)
	codeTooLarge       = "REQUEST_TOO_LARGE"
	codeInternal       = "INTERNAL_ERROR"
)

// serverRequest is the state of one request a generated route handles:
// the violations found in its parameters and body, in that order.
type serverRequest struct {
	w  http.ResponseWriter
	r  *http.Request
	vs violationList
}

// newServerRequest starts handling r, giving the response a request id.
func newServerRequest(w http.ResponseWriter, r *http.Request) *serverRequest {
	if w.Header().Get("X-Request-Id") == "" {
		var id [16]byte
		_, _ = rand.Read(id[:])
		w.Header().Set("X-Request-Id", hex.EncodeToString(id[:]))
	}
	return &serverRequest{w: w, r: r}
}

// body reads the request body, at most maxRequestBody bytes; it answers
// 413 and returns false when the body is larger, 400 when it cannot be
// read.
func (s *serverRequest) body() ([]byte, bool) {
	data, err := io.ReadAll(io.LimitReader(s.r.Body, maxRequestBody+1))
	switch {
	case err != nil:
		writeErrorBody(s.w, http.StatusBadRequest, codeInvalidRequest, "the request body cannot be read", nil)
		return nil, false
	case len(data) > maxRequestBody:
		writeErrorBody(s.w, http.StatusRequestEntityTooLarge, codeTooLarge, "the request body is larger than "+strconv.Itoa(maxRequestBody>>20)+" MiB", nil)
		return nil, false
	}
	return data, true
}

// check adds the violations of err (a *ValidationError) to the request's
// and, when there are any, answers 400 with them and returns false.
func (s *serverRequest) check(err error) bool {
	var ve *ValidationError
	if err != nil && errors.As(err, &ve) {
		for _, v := range ve.Violations {
			s.vs.push(v)
		}
		s.vs.omitted += ve.Omitted
	}
	if e := s.vs.err(); e != nil {
		writeErrorBody(s.w, http.StatusBadRequest, codeInvalidRequest, e.Error(), e.(*ValidationError))
		return false
	}
	return true
}

// fail answers the error a handler returned: an *APIError with its status
// and body, anything else 500 (without the error's text, which is for the
// server's logs, not the client).
func (s *serverRequest) fail(err error) {
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.RequestID != "" {
			s.w.Header().Set("X-Request-Id", ae.RequestID)
		}
		status := ae.StatusCode
		if status < 400 || status > 599 {
			status = http.StatusInternalServerError
		}
		writeErrorBody(s.w, status, ae.Code, ae.Message, nil)
		return
	}
	if errors.Is(err, context.Canceled) {
		// The client went away: nobody reads the answer.
		s.w.WriteHeader(499)
		return
	}
	writeErrorBody(s.w, http.StatusInternalServerError, codeInternal, "internal error", nil)
}

// query parses the request's query string; a malformed one (a bad
// escape, a ";") is answered 400 and reported with false.
func (s *serverRequest) query() (url.Values, bool) {
	q, err := url.ParseQuery(s.r.URL.RawQuery)
	if err != nil {
		writeErrorBody(s.w, http.StatusBadRequest, codeInvalidRequest, "the query string is malformed", nil)
		return nil, false
	}
	return q, true
}

// reply writes a success response: the JSON body, or none. A handler that
// returned neither a value nor an error is a bug of the handler: 500.
func (s *serverRequest) reply(status int, body []byte, err error) {
	s.replyJSONAs("application/json", status, body, err)
}

// replyJSONAs is reply for a JSON body of media type mt, such as
// application/problem+json.
func (s *serverRequest) replyJSONAs(mt string, status int, body []byte, err error) {
	if err != nil {
		s.fail(err)
		return
	}
	if string(body) == "null" {
		writeErrorBody(s.w, http.StatusInternalServerError, codeInternal, "internal error", nil)
		return
	}
	if body == nil {
		s.w.WriteHeader(status)
		return
	}
	s.replyAs(mt, status, body)
}

// replyAs writes a success response with the body data, of media type mt.
func (s *serverRequest) replyAs(mt string, status int, data []byte) {
	s.w.Header().Set("Content-Type", mt)
	s.w.WriteHeader(status)
	_, _ = s.w.Write(data)
}

// routed serves r with mux, answering a request that matches no route as
// the service's other errors are answered: 404 for an unknown path, 405
// (with Allow) for a known path and another method, with an error body and
// a request id.
func routed(mux *http.ServeMux, w http.ResponseWriter, r *http.Request) {
	h, pattern := mux.Handler(r)
	if pattern != "" {
		// ServeHTTP matches again, and sets the path values.
		mux.ServeHTTP(w, r)
		return
	}
	// The mux's own answer says which of the two it is; keep its status
	// and Allow header, not its plain-text body.
	var probe statusProbe
	h.ServeHTTP(&probe, r)
	s := newServerRequest(w, r)
	if allow := probe.header.Get("Allow"); allow != "" {
		w.Header().Set("Allow", allow)
	}
	switch probe.status {
	case http.StatusMethodNotAllowed:
		writeErrorBody(s.w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "the path does not take the method "+r.Method, nil)
	default:
		writeErrorBody(s.w, http.StatusNotFound, "NOT_FOUND", "no operation has this path", nil)
	}
}

// statusProbe is a ResponseWriter that keeps the status and header of an
// answer and drops its body.
type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header {
	if p.header == nil {
		p.header = http.Header{}
	}
	return p.header
}

func (p *statusProbe) WriteHeader(status int) {
	if p.status == 0 {
		p.status = status
	}
}

func (p *statusProbe) Write(b []byte) (int, error) {
	p.WriteHeader(http.StatusOK)
	return len(b), nil
}

// writeErrorBody writes the service's error body, with the violations of
// ve when there are some.
func writeErrorBody(w http.ResponseWriter, status int, code, msg string, ve *ValidationError) {
	var e encoder
	e.beginObject()
	e.member(`"error_code":`)
	e.string(code)
	e.member(`"error_msg":`)
	e.string(msg)
	if ve != nil {
		e.member(`"violations":`)
		e.beginArray()
		for _, v := range ve.Violations {
			e.item()
			e.beginObject()
			e.member(`"path":`)
			e.string(v.Path)
			e.member(`"rule":`)
			e.string(v.Rule)
			e.member(`"message":`)
			e.string(v.Message)
			e.endObject()
		}
		e.endArray()
	}
	e.endObject()
	body, _ := e.finish()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// queryValue returns the value of query parameter name and whether it is
// there; a parameter given more than once is a violation.
func (s *serverRequest) queryValue(q url.Values, name, rule string) (string, bool) {
	vals, ok := q[name]
	switch {
	case !ok:
		return "", false
	case len(vals) > 1:
		s.vs.addField(nil, pointerToken(name), rule, "must be given once, got "+strconv.Itoa(len(vals))+" values")
		return "", false
	}
	return vals[0], true
}

// headerValue returns the value of header parameter name and whether the
// request has it; a header given more than once is a violation.
func (s *serverRequest) headerValue(name, rule string) (string, bool) {
	vals := s.r.Header.Values(name)
	switch {
	case len(vals) == 0:
		return "", false
	case len(vals) > 1:
		s.vs.addField(nil, pointerToken(name), rule, "must be given once, got "+strconv.Itoa(len(vals))+" values")
		return "", false
	}
	return vals[0], true
}

// parseInt reads the integer value v of query parameter name; a value
// that is not a decimal integer within [min, max] is a violation under
// rule.
func (s *serverRequest) parseInt(name, rule, v string, min, max int64) (int64, bool) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < min || n > max {
		s.vs.addField(nil, pointerToken(name), rule, "must be an integer from "+strconv.FormatInt(min, 10)+" to "+strconv.FormatInt(max, 10))
		return 0, false
	}
	return n, true
}

// parseBool reads the value v, true or false, of query parameter name.
func (s *serverRequest) parseBool(name, rule, v string) (bool, bool) {
	switch v {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	s.vs.addField(nil, pointerToken(name), rule, "must be true or false")
	return false, false
}

// parseNumber reads the number value v of query parameter name.
func (s *serverRequest) parseNumber(name, rule, v string) (float64, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		s.vs.addField(nil, pointerToken(name), rule, "must be a number")
		return 0, false
	}
	return f, true
}

// missingQuery records that the required query parameter name is absent.
func (s *serverRequest) missingQuery(name, rule string) {
	s.vs.addField(nil, pointerToken(name), rule, "required")
}

// pointerToken is name as a JSON pointer reference token with its '/'.
func pointerToken(name string) string {
	return string(appendPointerToken([]byte{'/'}, name))
}
