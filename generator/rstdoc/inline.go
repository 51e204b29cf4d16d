package rstdoc

import (
	"strings"
	"unicode"
)

// spanKind says what inline markup produced a piece of plain text.
type spanKind int

const (
	kindStrong   spanKind = iota + 1 // **text**
	kindEmphasis                     // *text*
	kindLiteral                      // ``text``
	kindRef                          // :ref:`text <target>`
	kindRole                         // any other :role:`text` or `text`
	kindLink                         // `text <url>`_
)

// span is a piece of the plain text that came from inline markup. start and
// end are byte offsets into the plain text.
type span struct {
	kind       spanKind
	start, end int
	text       string // the plain text of the span
	target     string // for kindRef and kindLink: the target as written
}

// parseInline strips the inline markup of one paragraph of reStructuredText
// and returns the plain text and the marked-up spans in it. It follows the
// reStructuredText rules closely enough for reference pages:
//
//   - **strong**, *emphasis* and “literal“ become their content;
//   - :role:`text <target>`, :role:`text`, `text <url>`_ and `text`_ become
//     text (the role "ref" keeps its target);
//   - a backslash escapes the next character ("\\" is one backslash, "\*"
//     an asterisk), and a backslash before white space disappears with it;
//   - markup start and end strings count only where reStructuredText would
//     see them (after white space or opening punctuation, before white
//     space or closing punctuation), so "a*b" and "(|)" stay as they are.
//
// Substitution references, footnotes and "name_" references are left as
// written.
func parseInline(s string) (string, []span) {
	text, spans, _ := inline(s)
	return text, spans
}

// inline is parseInline that also returns, for every byte of the plain
// text, the index of the rune of s it comes from (for markup, the rune
// that starts it).
func inline(s string) (string, []span, []int) {
	r := []rune(s)
	var b strings.Builder
	var spans []span
	var src []int
	write := func(text string, from int) {
		b.WriteString(text)
		for range len(text) {
			src = append(src, from)
		}
	}
	i, from := 0, 0 // from: where the markup being read starts
	add := func(kind spanKind, text, target string) {
		start := b.Len()
		write(text, from)
		spans = append(spans, span{kind: kind, start: start, end: b.Len(), text: text, target: target})
	}
	for i < len(r) {
		c := r[i]
		from = i
		switch {
		case c == '\\':
			if i+1 < len(r) && !unicode.IsSpace(r[i+1]) {
				write(string(r[i+1]), i)
			}
			i += 2
			continue
		case c == '`' && at(r, i+1) == '`' && startOK(r, i) && contentStarts(r, i+2):
			if k := findEnd(r, i+2, "``", false); k >= 0 {
				add(kindLiteral, string(r[i+2:k]), "")
				i = k + 2
				continue
			}
		case c == ':' && startOK(r, i):
			if role, tick, ok := matchRole(r, i); ok && contentStarts(r, tick+1) {
				if k := findEnd(r, tick+1, "`", true); k >= 0 {
					text, target, _ := splitTarget(unescape(r[tick+1 : k]))
					if role == "ref" {
						add(kindRef, text, target)
					} else {
						add(kindRole, text, "")
					}
					i = k + 1
					continue
				}
			}
		case c == '`' && startOK(r, i) && contentStarts(r, i+1):
			if k := findEnd(r, i+1, "`", true); k >= 0 {
				text, target, explicit := splitTarget(unescape(r[i+1 : k]))
				i = k + 1
				if at(r, i) == '_' {
					i++
					if at(r, i) == '_' {
						i++
					}
					if !explicit {
						target = text
					}
					add(kindLink, text, target)
					continue
				}
				if at(r, i) == ':' {
					// `text`:role: — a role written after the text.
					j := i + 1
					for j < len(r) && isRoleChar(r[j]) {
						j++
					}
					if j > i+1 && at(r, j) == ':' {
						i = j + 1
					}
				}
				add(kindRole, text, "")
				continue
			}
		case c == '*' && at(r, i+1) == '*' && startOK(r, i) && contentStarts(r, i+2):
			if k := findEnd(r, i+2, "**", true); k >= 0 {
				add(kindStrong, unescape(r[i+2:k]), "")
				i = k + 2
				continue
			}
		case c == '*' && at(r, i+1) != '*' && startOK(r, i) && contentStarts(r, i+1):
			if k := findEnd(r, i+1, "*", true); k >= 0 {
				add(kindEmphasis, unescape(r[i+1:k]), "")
				i = k + 1
				continue
			}
		}
		write(string(c), i)
		i++
	}
	return b.String(), spans, src
}

// at returns r[i], or 0 past the end.
func at(r []rune, i int) rune {
	if i < 0 || i >= len(r) {
		return 0
	}
	return r[i]
}

// startOK reports whether inline markup may start at r[i]: at the start of
// the text, after white space or after opening punctuation.
func startOK(r []rune, i int) bool {
	if i == 0 {
		return true
	}
	p := r[i-1]
	return unicode.IsSpace(p) || strings.ContainsRune(`'"([{<-/:‘“’«`, p)
}

// contentStarts reports whether the markup content starting at r[i] is not
// empty and does not start with white space.
func contentStarts(r []rune, i int) bool {
	return i < len(r) && !unicode.IsSpace(r[i])
}

// endOK reports whether inline markup may end just before r[i]: at the end
// of the text, before white space or before closing punctuation.
func endOK(r []rune, i int) bool {
	if i >= len(r) {
		return true
	}
	n := r[i]
	return unicode.IsSpace(n) || strings.ContainsRune(`'")]}>-/:.,;!?\’”»`, n)
}

// findEnd returns the index of the end string delim that closes markup
// whose content starts at from, or -1. The end string must follow a
// non-space character and be followed by what endOK accepts. With escapes,
// a backslash hides the character after it.
func findEnd(r []rune, from int, delim string, escapes bool) int {
	d := []rune(delim)
	for j := from + 1; j+len(d) <= len(r); j++ {
		if escapes && r[j-1] == '\\' {
			continue
		}
		if string(r[j:j+len(d)]) != delim || unicode.IsSpace(r[j-1]) {
			continue
		}
		k := j + len(d)
		if delim == "`" {
			// `text`_ and `text`__ end after the underscores.
			for k < len(r) && k < j+3 && r[k] == '_' {
				k++
			}
		}
		if endOK(r, k) {
			return j
		}
	}
	return -1
}

// matchRole matches ":name:" followed by a backtick at r[i] and returns the
// role name and the index of the backtick.
func matchRole(r []rune, i int) (string, int, bool) {
	if at(r, i) != ':' {
		return "", 0, false
	}
	j := i + 1
	for j < len(r) && (isRoleChar(r[j]) || r[j] == ':' && isRoleChar(at(r, j+1))) {
		j++
	}
	if j == i+1 || at(r, j) != ':' || at(r, j+1) != '`' {
		return "", 0, false
	}
	return string(r[i+1 : j]), j + 1, true
}

func isRoleChar(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || strings.ContainsRune("_.+-", c)
}

// splitTarget splits "text <target>" into its parts. Without an explicit
// target both results are the whole content and explicit is false.
func splitTarget(content string) (text, target string, explicit bool) {
	content = strings.TrimSpace(content)
	if strings.HasSuffix(content, ">") {
		if k := strings.LastIndex(content, "<"); k > 0 && unicode.IsSpace(rune(content[k-1])) {
			return strings.TrimSpace(content[:k]), strings.TrimSpace(content[k+1 : len(content)-1]), true
		}
	}
	return content, content, false
}

// unescape resolves backslash escapes the way reStructuredText does: "\x"
// is x, and a backslash before white space disappears together with it.
func unescape(r []rune) string {
	var b strings.Builder
	for i := 0; i < len(r); i++ {
		if r[i] == '\\' {
			i++
			if i < len(r) && !unicode.IsSpace(r[i]) {
				b.WriteRune(r[i])
			}
			continue
		}
		b.WriteRune(r[i])
	}
	return b.String()
}
