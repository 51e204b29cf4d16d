package support

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"
)

// encoder writes the JSON of a value for the wire, for the generated
// Encode functions: the one place secret values are written. The generated
// code drives it member by member; its zero value is ready to use.
type encoder struct {
	b []byte
	// first is set after a '{' or '[': the next member or item needs no
	// ','. One flag serves every level, as in the decoder.
	first bool
	err   error
}

// encodeBufferSize is the capacity of an encoder's buffer when its document
// is an object: a request body of the API fits, so it is written with
// one allocation rather than a buffer doubled from 8 bytes.
const encodeBufferSize = 1024

// beginObject writes '{'.
func (e *encoder) beginObject() {
	if e.b == nil {
		e.b = make([]byte, 0, encodeBufferSize)
	}
	e.b = append(e.b, '{')
	e.first = true
}

// endObject writes '}'.
func (e *encoder) endObject() {
	e.b = append(e.b, '}')
	e.first = false
}

// beginArray writes '['.
func (e *encoder) beginArray() {
	e.b = append(e.b, '[')
	e.first = true
}

// endArray writes ']'.
func (e *encoder) endArray() {
	e.b = append(e.b, ']')
	e.first = false
}

// next writes the ',' before a member or an item that is not the first.
func (e *encoder) next() {
	if !e.first {
		e.b = append(e.b, ',')
	}
	e.first = false
}

// member starts a member whose name, already a JSON string followed by
// ':', is quoted: e.member(`"task_name":`).
func (e *encoder) member(quoted string) {
	e.next()
	e.b = append(e.b, quoted...)
}

// key starts a member whose name is only known at run time (a map key).
func (e *encoder) key(name string) {
	e.next()
	e.b = appendJSONString(e.b, name)
	e.b = append(e.b, ':')
}

// item starts an array element.
func (e *encoder) item() { e.next() }

// string writes s as a JSON string.
func (e *encoder) string(s string) { e.b = appendJSONString(e.b, s) }

// secret writes the value of s as a JSON string, without making a string
// of it first.
func (e *encoder) secret(s Secret) {
	var buf [128]byte
	v := s.appendValue(buf[:0])
	e.b = appendJSONString(e.b, v)
	clear(v)
}

// bool writes true or false.
func (e *encoder) bool(v bool) { e.b = strconv.AppendBool(e.b, v) }

// int writes an integer.
func (e *encoder) int(v int64) { e.b = strconv.AppendInt(e.b, v, 10) }

// number writes a float64 as encoding/json does; NaN and the infinities,
// which JSON cannot write, are an error of the whole encoding.
func (e *encoder) number(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		if e.err == nil {
			e.err = errors.New("a number is NaN or infinite, which JSON cannot hold")
		}
		e.b = append(e.b, '0')
		return
	}
	e.b = appendJSONFloat(e.b, f)
}

// null writes null.
func (e *encoder) null() { e.b = append(e.b, "null"...) }

// finish returns the document, or the error of a value JSON cannot hold.
func (e *encoder) finish() ([]byte, error) {
	if e.err != nil {
		return nil, e.err
	}
	return e.b, nil
}

// appendJSONFloat formats f as encoding/json does: the shortest decimal
// that reads back as f, in exponent form only for very large or small
// magnitudes.
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Clean up e-09 to e-9, as encoding/json does.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendJSONString appends s as a JSON string. Control characters and the
// line separators U+2028 and U+2029 are escaped, invalid UTF-8 becomes
// U+FFFD, as encoding/json does; '<', '>' and '&' are written as they are,
// since the document is not HTML.
func appendJSONString[T string | []byte](b []byte, s T) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case utf8.RuneError:
				b = append(b, `\ufffd`...)
			default:
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
