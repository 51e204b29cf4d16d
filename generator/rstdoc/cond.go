package rstdoc

import (
	"regexp"
	"slices"
	"strings"
)

// The phrasings of conditional sentences the reader understands. Each ID
// is shown with the shape of the sentences it reads; {field} is a
// parameter name, {values} one value or a list ("a or b", "a, b, or c"),
// {case} a case in words and {label} a console label.
const (
	// "Mandatory only when the {side} type is {value} [and the {phrase}
	// is {value}]...", {side} being source or target.
	PhrasingMandatoryOnlyWhenType = "mandatory-only-when-type"
	// "Displayed only when the {side} type is {value} [and ...]".
	PhrasingDisplayedOnlyWhenType = "displayed-only-when-type"
	// "Specify either {field} or {field}", "Either {field}, {field}, or
	// {field} must be specified".
	PhrasingEitherOf = "either-of"
	// "{label} and {label} cannot be configured at the same time" (or set,
	// specified, used, enabled; together, simultaneously). The labels are
	// bold.
	PhrasingNotTogether = "not-together"
	// "The {field} parameter and this parameter cannot be empty at the
	// same time".
	PhrasingNotEmptyTogether = "not-empty-together"
	// "This parameter is mandatory when {field} is set to {values}", also
	// "... mandatory if {case} ({field}={value})" and "... mandatory if
	// {case} (that is, {field} is set to {value})".
	PhrasingMandatoryWhen = "mandatory-when"
	// "This parameter is mandatory (when|if|for|in|only for) {case}",
	// "This parameter must be specified for {case}": a case in words.
	PhrasingMandatoryInCase = "mandatory-in-case"
	// "This parameter is valid and mandatory [only] when {field} is set
	// to {values}".
	PhrasingValidMandatoryWhen = "valid-mandatory-when"
	// "This parameter is valid only when {field} is set to {values}".
	PhrasingValidOnlyWhen = "valid-only-when"
	// "This parameter is invalid when {field} is set to {values}".
	PhrasingInvalidWhen = "invalid-when"
	// "If {field} and {field} are not empty, this parameter is invalid".
	PhrasingInvalidIfGiven = "invalid-if-given"
	// "This parameter is available only when {case}".
	PhrasingAvailableOnlyWhen = "available-only-when"
)

// Phrasings returns the IDs of the phrasings, in the order they are tried.
func Phrasings() []string {
	ids := []string{PhrasingMandatoryOnlyWhenType, PhrasingDisplayedOnlyWhenType, PhrasingEitherOf, PhrasingNotTogether}
	for _, ph := range rePhrasings {
		if !slices.Contains(ids, ph.id) {
			ids = append(ids, ph.id)
		}
	}
	return ids
}

// Effects: what a condition makes of its row (or of its Fields).
const (
	EffectMandatory   = "mandatory"     // the parameter must be given
	EffectValid       = "valid"         // the parameter may be given
	EffectForbidden   = "forbidden"     // the parameter must not be given (it is invalid)
	EffectDisplayed   = "displayed"     // the response field is present
	EffectOneOf       = "one-of"        // one of Fields must be given
	EffectNotTogether = "not-together"  // Fields must not all be given
	EffectNotAllEmpty = "not-all-empty" // Fields must not all be empty
)

// What holds outside a condition's case, for "only when" sentences.
const (
	OtherwiseOptional  = "optional"  // the parameter may be left out
	OtherwiseForbidden = "forbidden" // the parameter must not be given
	OtherwiseAbsent    = "absent"    // the response field is absent
)

// Test operators.
const (
	OpIs    = "is"    // Field has one of Values
	OpGiven = "given" // Field is given and not empty
)

// Condition is one conditional sentence of a description cell, read by
// one of the phrasings (see the Phrasing constants):
//
//	"This parameter is mandatory when **mode** is set to **fast**."
//
// gives Phrasing "mandatory-when", Effect "mandatory" and When
// [{Field: "mode", Op: "is", Values: ["fast"]}].
type Condition struct {
	// Phrasing is the ID of the phrasing that read the sentence.
	Phrasing string
	// Effect is what holds when the tests hold (one of the Effect
	// constants). For one-of, not-together and not-all-empty it is a rule
	// on Fields.
	Effect string
	// Otherwise is what holds when the tests do not hold, when the
	// sentence says so ("only when"), as an Otherwise constant; else "".
	Otherwise string
	// When are the tests, all of which must hold. It is empty for rules
	// on Fields and when the sentence names its case in words only.
	When []Test
	// Case is the case in words when the sentence gives one ("SASL is
	// enabled", "creating a user"), else "".
	Case string
	// Fields are the names a rule on fields is about, as written; "this
	// parameter" is the row's Name.
	Fields []string

	// Kind ("mandatory" or "displayed"), Subject ("source" or "target":
	// whose type the sentence tests), Value (the type, as written:
	// "Gadget") and And (the further "and the <phrase> is <value>"
	// clauses) are set by the two *-only-when-type phrasings only.
	Kind    string
	Subject string
	Value   string
	And     []Clause

	// Text is the sentence as plain text, from its first word to its last
	// word, without the closing punctuation.
	Text string
	// Line is the page line the sentence starts on.
	Line int
}

// Test is one test of a Condition.
type Test struct {
	// Field is what is tested, as the page names it: a parameter
	// ("oper_type"), or for the type phrasings "source type", "target
	// type" and the phrase of an "and the <phrase> is" clause.
	Field string
	// Op is OpIs or OpGiven.
	Op string
	// Values are the values of an OpIs test, as written.
	Values []string
}

// Clause is one "and the <phrase> is <value>" part of a Condition. The
// phrase is split into Side and Subject: "the target Widget link mode is
// **FAST**" gives Side "target", Subject "link mode", Value "FAST"; "the
// link mode is **FAST**" gives Side "", Subject "link mode".
type Clause struct {
	// Side is "source" or "target" when the phrase starts with one of those
	// words, else "". Capitalised words right after it (a product name)
	// are dropped.
	Side string
	// Subject is the rest of the phrase, in lower case.
	Subject string
	// Value is the value the clause names, as written.
	Value string
}

// sentence is one sentence of a description cell: offsets into the prose
// without leading and trailing punctuation.
type sentence struct {
	pr         *prose
	start, end int
	row        *Row
	request    bool // the row is in a table with a Mandatory column
}

func (s *sentence) text() string {
	return s.pr.text()[s.start:s.end]
}

// readConditions fills row.Conditions, Unread, EitherOf and NotTogether
// from the sentences of the description and marks the bold spans of
// conditional sentences as used.
func readConditions(row *Row, pr *prose, request bool, used []bool) {
	for _, sp := range pr.sentences() {
		s := &sentence{pr: pr, start: sp.start, end: sp.end, row: row, request: request}
		c, ok := s.read()
		switch {
		case ok:
			c.Text, c.Line = s.text(), pr.lineAt(s.start)
			row.Conditions = append(row.Conditions, c)
		case isConditional(s.text()):
			row.Unread = append(row.Unread, Sentence{Text: s.text(), Line: pr.lineAt(s.start)})
		default:
			continue
		}
		from, to := pr.strongIn(s.start, s.end)
		for k := from; k < to; k++ {
			used[k] = true
		}
	}
	for _, c := range row.Conditions {
		switch {
		case c.Effect == EffectOneOf && row.EitherOf == nil:
			row.EitherOf = c.Fields
		case c.Effect == EffectNotTogether && row.NotTogether == nil:
			row.NotTogether = c.Fields
		}
	}
}

// read tries the phrasings on the sentence in order.
func (s *sentence) read() (Condition, bool) {
	for _, f := range []func() (Condition, bool){s.readType, s.readEither, s.readNotTogether, s.readRegexp} {
		if c, ok := f(); ok {
			return c, true
		}
	}
	return Condition{}, false
}

// sentences splits the prose into sentences: each paragraph at ". ", "? "
// and "! " (also with a closing parenthesis or quote before the space),
// except after "e.g." and the like. Leading "(", "*" and quotes and the
// closing punctuation are not part of a sentence.
func (pr *prose) sentences() []span {
	d := pr.text()
	var out []span
	add := func(start, end int) {
		start, end = trimSentence(d, start, end)
		if start < end {
			out = append(out, span{start: start, end: end})
		}
	}
	for _, pa := range pr.paras {
		start := pa[0]
		for i := pa[0]; i < pa[1]; i++ {
			if !strings.ContainsRune(".?!", rune(d[i])) {
				continue
			}
			j := i + 1
			for j < pa[1] && (d[j] == ')' || d[j] == '"') {
				j++
			}
			if (j < pa[1] && d[j] != ' ') || abbrev(d[max(start, i-5):i+1]) {
				continue
			}
			add(start, j)
			start, i = j, j-1
		}
		add(start, pa[1])
	}
	return out
}

// trimSentence returns the bounds of d[start:end] without leading "*",
// quotes and spaces, trailing ".", ";", ":", "*", quotes and spaces, and
// parentheses that open or close nothing in it (or that wrap all of it).
func trimSentence(d string, start, end int) (int, int) {
	for start < end {
		s := d[start:end]
		opens, closes := strings.Count(s, "("), strings.Count(s, ")")
		switch {
		case strings.ContainsRune(`*"' `, rune(s[0])), s[0] == '(' && opens > closes:
			start++
		case strings.ContainsRune(`.;:*"' `, rune(s[len(s)-1])), s[len(s)-1] == ')' && closes > opens:
			end--
		case len(s) > 1 && s[0] == '(' && s[len(s)-1] == ')' && balanced(s[1:len(s)-1]):
			start, end = start+1, end-1
		default:
			return start, end
		}
	}
	return start, end
}

// balanced reports whether every ")" in s closes a "(" before it and
// every "(" is closed.
func balanced(s string) bool {
	depth := 0
	for _, c := range s {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// abbrev reports whether s ends with an abbreviation whose period does not
// end a sentence (s need only hold the last few characters).
func abbrev(s string) bool {
	l := strings.ToLower(s)
	for _, a := range []string{"e.g.", "i.e.", "etc.", "vs."} {
		if l == a || strings.HasSuffix(l, " "+a) || strings.HasSuffix(l, "("+a) {
			return true
		}
	}
	return false
}

// Detecting conditional sentences. A sentence is conditional when it has
// a condition word ("if", "unless", "otherwise", "in this case", "when"
// except in "time when", "set when", "taken when" and before a verb in
// -ing), "either" (not "either of the following"), "cannot ... at the same
// time" (or together, simultaneously), "in pairs", or "mandatory",
// "required" or "must be specified" followed by "for", "in" or "only".
// Sentences that start with "For example" illustrate and are not rules.
var (
	condWordRe   = regexp.MustCompile(`(?i)\b(?:if|unless|otherwise|in this case|in pairs)\b`)
	whenRe       = regexp.MustCompile(`(?i)(\w+)?\s*\bwhen\s+(\w+)`)
	eitherWordRe = regexp.MustCompile(`(?i)\beither\b(\s+of the following)?`)
	sameTimeRe   = regexp.MustCompile(`(?i)\b(?:cannot|must not|can't)\b.*\b(?:at the same time|together|simultaneously)\b`)
	needForRe    = regexp.MustCompile(`(?i)\b(?:mandatory|required|must be specified)\s+(?:for|in|only)\b`)
	forExampleRe = regexp.MustCompile(`(?i)^for example\b`)
	relWhen      = map[string]bool{"time": true, "set": true, "taken": true}
)

// isConditional reports whether the sentence text reads as a condition.
func isConditional(text string) bool {
	if forExampleRe.MatchString(text) {
		return false
	}
	if condWordRe.MatchString(text) || sameTimeRe.MatchString(text) || needForRe.MatchString(text) {
		return true
	}
	for _, m := range eitherWordRe.FindAllStringSubmatch(text, -1) {
		if m[1] == "" {
			return true
		}
	}
	for _, m := range whenRe.FindAllStringSubmatch(text, -1) {
		if !relWhen[strings.ToLower(m[1])] && !strings.HasSuffix(strings.ToLower(m[2]), "ing") {
			return true
		}
	}
	return false
}
