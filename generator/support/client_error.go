package support

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The longest Code, Message and RequestID of an APIError, in bytes: the
// service's text is cut there, so that an error stays one short line.
const (
	maxCodeLen      = 64
	maxMessageLen   = 256
	maxRequestIDLen = 128
)

// APIError is the error of a Client method for a response whose status is
// not a success status of the operation.
//
// Code and Message come from the service's error body,
// {"error_code": "...", "error_msg": "..."}, or from the similar forms
// other services send ("code" and "message", the same in an "error"
// object, "error" and "error_description"). A body of plain text gives
// its first line as Message; an HTML body, or any other, gives neither,
// and Error shows the status text. All three are cut to a short length,
// and control characters are replaced by spaces, so Error is one line.
// Only the first 64 KiB of the body are read.
type APIError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Code is the service's error code, such as "DMS.00400002"; "" when
	// the body has none.
	Code string
	// Message is the service's description of the error; "" when the body
	// has none.
	Message string
	// RequestID is the X-Request-Id of the response (or the request_id of
	// its body when the header is missing), which the service's support
	// asks for; "" when there is none.
	RequestID string
}

// Error returns one line: the status and its text, the code and the
// message when there are any, and the request ID, as in
// `400 Bad Request: DMS.00400002: Invalid parameter (request id 7f3a)`.
// It never holds the request, its body or a header value other than the
// request ID.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteByte(' ')
		b.WriteString(text)
	}
	if code := oneLine(e.Code, maxCodeLen); code != "" {
		b.WriteString(": ")
		b.WriteString(code)
	}
	if msg := oneLine(e.Message, maxMessageLen); msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	if id := oneLine(e.RequestID, maxRequestIDLen); id != "" {
		b.WriteString(" (request id ")
		b.WriteString(id)
		b.WriteByte(')')
	}
	return b.String()
}

// newAPIError returns the error for a response with status, header and
// (the start of its) body.
func newAPIError(status int, header http.Header, body []byte) *APIError {
	f := parseErrorBody(header.Get("Content-Type"), body)
	id := header.Get("X-Request-Id")
	if id == "" {
		id = f.requestID
	}
	return &APIError{
		StatusCode: status,
		Code:       oneLine(f.code(), maxCodeLen),
		Message:    oneLine(f.message(), maxMessageLen),
		RequestID:  oneLine(id, maxRequestIDLen),
	}
}

// errorFields are what an error body says. codes and msgs hold the
// candidates by preference: codes error_code, code, error.code and a
// string "error"; msgs error_msg, message, error.message and
// error_description.
type errorFields struct {
	codes     [4]string
	msgs      [4]string
	requestID string
}

// code returns the preferred code found.
func (f *errorFields) code() string { return firstSet(f.codes[:]) }

// message returns the preferred message found.
func (f *errorFields) message() string { return firstSet(f.msgs[:]) }

// firstSet returns the first non-empty string of ss, or "".
func firstSet(ss []string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// parseErrorBody reads an error body whose Content-Type is contentType:
// the members of a JSON object (what comes before a syntax error, since
// the body may have been cut), or the first line of a text body. Any
// other body (HTML, an array, binary data) says nothing.
func parseErrorBody(contentType string, body []byte) errorFields {
	var f errorFields
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch {
	case len(trimmed) == 0:
	case trimmed[0] == '{':
		var d decoder
		d.init(trimmed)
		readErrorObject(&d, &f, false)
	case trimmed[0] == '[' || trimmed[0] == '<':
	case contentType == "" || strings.HasPrefix(strings.ToLower(contentType), "text/plain"):
		line, _, _ := bytes.Cut(trimmed, []byte("\n"))
		f.msgs[0] = string(line[:min(len(line), maxMessageLen+utf8.UTFMax)])
	}
	return f
}

// readErrorObject reads the object at d into f; nested is set for the
// object of an "error" member, whose own "error" is not looked into.
func readErrorObject(d *decoder, f *errorFields, nested bool) {
	if !d.beginObject(nil, "") {
		return
	}
	for {
		name, ok := d.nextMember(nil)
		if !ok {
			return
		}
		switch string(name) {
		case "error_code":
			f.codes[0] = readErrorText(d)
		case "code":
			f.codes[nestedIndex(nested, 1, 2)] = readErrorText(d)
		case "error_msg":
			f.msgs[0] = readErrorText(d)
		case "message":
			f.msgs[nestedIndex(nested, 1, 2)] = readErrorText(d)
		case "error_description":
			f.msgs[3] = readErrorText(d)
		case "request_id":
			f.requestID = readErrorText(d)
		case "error":
			readErrorMember(d, f, nested)
		default:
			d.skipValue(nil)
		}
	}
}

// nestedIndex returns top, or inner for a member of a nested object.
func nestedIndex(nested bool, top, inner int) int {
	if nested {
		return inner
	}
	return top
}

// readErrorMember reads the value of an "error" member: an object with
// code and message, or a string that is a code.
func readErrorMember(d *decoder, f *errorFields, nested bool) {
	d.skipSpace()
	if !nested && d.pos < len(d.data) && d.data[d.pos] == '{' {
		readErrorObject(d, f, true)
		return
	}
	f.codes[3] = readErrorText(d)
}

// readErrorText reads a string, or a number as it is written; any other
// value is skipped and gives "".
func readErrorText(d *decoder) string {
	d.skipSpace()
	if d.failed || d.pos >= len(d.data) {
		return ""
	}
	switch kindOf(d.data[d.pos]) {
	case kindString:
		s, _ := d.readString(nil, "")
		return s
	case kindNumber:
		tok, _ := d.numberToken(nil, "", "")
		return string(tok)
	}
	d.skipValue(nil)
	return ""
}

// oneLine returns s with control characters, line and paragraph
// separators, bidirectional controls and invalid UTF-8 replaced by spaces,
// the spaces around it trimmed, and cut to at most limit bytes, never
// inside a character, ending in "…" when cut: text from the service fit
// for a one-line error or log record.
func oneLine(s string, limit int) string {
	if len(s) <= limit && isPlainLine(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(min(len(s), limit))
	cut := false
	for _, r := range s {
		if unsafeRune(r) {
			r = ' '
		}
		if b.Len()+utf8.RuneLen(r) > limit {
			cut = true
			break
		}
		b.WriteRune(r)
	}
	out := b.String()
	if !cut {
		return strings.TrimSpace(out)
	}
	const ellipsis = "…"
	n := max(limit-len(ellipsis), 0)
	for n > 0 && n < len(out) && !utf8.RuneStart(out[n]) {
		n--
	}
	return strings.TrimSpace(out[:min(n, len(out))]) + ellipsis
}

// isPlainLine reports whether s is printable ASCII, which oneLine keeps.
func isPlainLine(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return false
		}
	}
	return true
}

// unsafeRune reports whether oneLine replaces r: a control character,
// a line or paragraph separator, a bidirectional control or the
// replacement character of invalid UTF-8.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' ||
		unicode.Is(unicode.Bidi_Control, r) || r == utf8.RuneError
}
