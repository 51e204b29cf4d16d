// Package names turns schema names into Go identifiers. It is the one place
// where that mapping is decided, so that a name reads the same wherever it
// appears.
package names

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are words written in upper case in Go names, as Go's own
// style does for ID, URL and HTTP, plus those common in this API family.
var initialisms = map[string]bool{
	"ACL": true, "AK": true, "API": true, "CPU": true, "CSV": true, "DB": true,
	"DCS": true, "DNS": true, "EOF": true, "HTML": true, "HTTP": true,
	"HTTPS": true, "ID": true, "IP": true, "JSON": true, "KB": true, "MB": true,
	"GB": true, "MS": true, "OBS": true, "RDB": true, "SASL": true, "SK": true,
	"SQL": true, "SSL": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true,
	"UI": true, "URI": true, "URL": true, "UTF8": true, "UUID": true, "VPC": true,
	"XML": true,
}

// Words splits a schema name into words: at any character that is not a
// letter or digit, and at lower-to-upper case changes ("taskID" gives
// "task", "ID"; "HTTPServer" gives "HTTP", "Server").
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// Go returns the exported Go name for a schema name: words in title case,
// initialisms in upper case ("dcs_instance_id" gives "DCSInstanceID",
// "two-way" gives "TwoWay"). A name that starts with a digit gets the
// prefix "N", and one that starts with a letter that has no upper case
// (as in "日本" or "ß") the prefix "X", so that the name is exported. It
// returns "" when s has no letter or digit.
func Go(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		up := strings.ToUpper(w)
		if initialisms[up] {
			b.WriteString(up)
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(strings.ToLower(w[size:]))
	}
	out := b.String()
	if out == "" {
		return ""
	}
	switch first, _ := utf8.DecodeRuneInString(out); {
	case unicode.IsDigit(first):
		out = "N" + out
	case !unicode.IsUpper(first):
		out = "X" + out
	}
	return out
}

// Valid reports whether s is a usable exported Go identifier.
func Valid(s string) bool {
	if !token.IsIdentifier(s) || !token.IsExported(s) {
		return false
	}
	return true
}

// punctuation names the ASCII characters that make no part of a Go name.
var punctuation = map[rune]string{
	'!': "bang", '"': "quote", '#': "hash", '$': "dollar", '%': "percent", '&': "and",
	'\'': "apostrophe", '(': "open paren", ')': "close paren", '*': "star", '+': "plus",
	',': "comma", '-': "dash", '.': "dot", '/': "slash", ':': "colon", ';': "semicolon",
	'<': "less", '=': "equals", '>': "greater", '?': "question", '@': "at", '[': "open bracket",
	'\\': "backslash", ']': "close bracket", '^': "caret", '_': "underscore", '`': "backquote",
	'{': "open brace", '|': "bar", '}': "close brace", '~': "tilde", ' ': "space",
}

// Spell returns s with every ASCII punctuation character written as its
// name, "empty" for the empty string: the words to name a value that has
// no letters or digits, such as "." (dot) or "-" (dash).
func Spell(s string) string {
	if s == "" {
		return "empty"
	}
	var b strings.Builder
	for _, r := range s {
		if w, ok := punctuation[r]; ok {
			b.WriteString(" " + w + " ")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Indefinite returns word with its indefinite article, "a " or "an ",
// chosen by how the word is likely read: "an Order", "a User", "an
// Update", "an HTTPHeader" (an acronym is read letter by letter).
func Indefinite(word string) string {
	if word == "" {
		return word
	}
	if len(word) > 1 && isUpper(word[0]) && isUpper(word[1]) {
		if strings.IndexByte("AEFHILMNORSX", word[0]) >= 0 {
			return "an " + word
		}
		return "a " + word
	}
	lower := strings.ToLower(word)
	switch c := lower[0]; {
	case strings.IndexByte("aeio", c) >= 0:
		return "an " + word
	case c == 'u':
		// "an update", "an undo", but "a user", "a unit": u and two
		// consonants opens with the vowel sound.
		if len(lower) > 2 && !isVowel(lower[1]) && !isVowel(lower[2]) {
			return "an " + word
		}
	}
	return "a " + word
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
