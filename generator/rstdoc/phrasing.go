package rstdoc

import (
	"regexp"
	"strings"
)

var (
	typeCondRe = regexp.MustCompile(`^(?i:(mandatory|displayed)) only when the (source|target) type is `)
	wordRe     = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*`)
	nameRe     = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*`)
	eitherRe   = regexp.MustCompile(`(?i)\beither `)
	eitherVerb = regexp.MustCompile(`(?i)(?:^|\b(?:specify|give|set|provide|configure|use)\s+)$`)
	eitherMust = regexp.MustCompile(`(?i)^(?:\s+(?:must|should) be (?:specified|given|set|configured|provided))?$`)
	notTogRe   = regexp.MustCompile(`(?i) cannot be (?:configured|set|specified|used|enabled)(?: at the same time| together| simultaneously)$`)
)

// valueAt reads the value at offset pos of the sentence: bold text or a
// word. It returns the value and the offset after it.
func (s *sentence) valueAt(pos int) (string, int, bool) {
	return s.tokenAt(pos, wordRe)
}

// nameAt reads the parameter name at offset pos of the sentence: bold
// text or an identifier.
func (s *sentence) nameAt(pos int) (string, int, bool) {
	return s.tokenAt(pos, nameRe)
}

// tokenAt reads the bold text, or else the match of re, at offset pos of
// the sentence and returns it with the offset after it.
func (s *sentence) tokenAt(pos int, re *regexp.Regexp) (string, int, bool) {
	if k := s.pr.strongAt(pos); k >= 0 && s.pr.strong[k].end <= s.end {
		return s.pr.strong[k].text, s.pr.strong[k].end, true
	}
	if w := re.FindString(s.pr.text()[pos:s.end]); w != "" {
		return w, pos + len(w), true
	}
	return "", 0, false
}

// readType reads "(Mandatory|Displayed) only when the (source|target)
// type is V [and the <phrase> is W]...", which must make up the whole
// sentence.
func (s *sentence) readType() (Condition, bool) {
	d := s.pr.text()[:s.end]
	m := typeCondRe.FindStringSubmatch(d[s.start:])
	if m == nil {
		return Condition{}, false
	}
	c := Condition{Kind: strings.ToLower(m[1]), Subject: m[2]}
	c.Phrasing, c.Effect, c.Otherwise = PhrasingMandatoryOnlyWhenType, EffectMandatory, OtherwiseOptional
	if c.Kind == "displayed" {
		c.Phrasing, c.Effect, c.Otherwise = PhrasingDisplayedOnlyWhenType, EffectDisplayed, OtherwiseAbsent
	}
	v, pos, ok := s.valueAt(s.start + len(m[0]))
	if !ok {
		return Condition{}, false
	}
	c.Value = v
	c.When = []Test{{Field: c.Subject + " type", Op: OpIs, Values: []string{v}}}
	for strings.HasPrefix(d[pos:], " and ") {
		rest := strings.TrimPrefix(d[pos+len(" and "):], "the ")
		is := strings.Index(rest, " is ")
		if is <= 0 || strings.ContainsAny(rest[:is], ".,;:()") || len(strings.Fields(rest[:is])) > 6 {
			return Condition{}, false
		}
		v, end, ok := s.valueAt(len(d) - len(rest) + is + len(" is "))
		if !ok {
			return Condition{}, false
		}
		c.And = append(c.And, newClause(rest[:is], v))
		c.When = append(c.When, Test{Field: rest[:is], Op: OpIs, Values: []string{v}})
		pos = end
	}
	return c, pos == s.end
}

// newClause splits the phrase of an "and the <phrase> is <value>" clause.
func newClause(phrase, value string) Clause {
	words := strings.Fields(phrase)
	cl := Clause{Value: value}
	if len(words) > 1 && (words[0] == "source" || words[0] == "target") {
		cl.Side = words[0]
		words = words[1:]
		for len(words) > 1 && words[0][0] >= 'A' && words[0][0] <= 'Z' {
			words = words[1:]
		}
	}
	cl.Subject = strings.ToLower(strings.Join(words, " "))
	return cl
}

// readEither reads "[Specify] either A or B [must be specified]", also
// with "A, B, or C"; the names are bold or identifiers.
func (s *sentence) readEither() (Condition, bool) {
	d := s.pr.text()[:s.end]
	for _, loc := range eitherRe.FindAllStringIndex(d[s.start:], -1) {
		at := s.start + loc[0]
		names, end := s.nameList(s.start + loc[1])
		if len(names) >= 2 && eitherVerb.MatchString(d[s.start:at]) && eitherMust.MatchString(d[end:]) {
			return Condition{Phrasing: PhrasingEitherOf, Effect: EffectOneOf, Fields: names}, true
		}
	}
	return Condition{}, false
}

// nameList reads names separated by ", or ", " or " and ", " from pos and
// returns them with the offset after the last.
func (s *sentence) nameList(pos int) ([]string, int) {
	var names []string
	d := s.pr.text()[:s.end]
	for {
		name, end, ok := s.nameAt(pos)
		if !ok {
			return names, pos
		}
		names = append(names, name)
		pos = end
		next := -1
		for _, sep := range []string{", or ", " or ", ", "} {
			if strings.HasPrefix(d[pos:], sep) {
				next = pos + len(sep)
				break
			}
		}
		if next < 0 {
			return names, pos
		}
		pos = next
	}
}

// readNotTogether reads "**A** and **B** cannot be configured at the same
// time" (also "**A**, **B**, and **C**"; set, specified, used, enabled;
// together, simultaneously), which must make up the whole sentence.
func (s *sentence) readNotTogether() (Condition, bool) {
	d := s.pr.text()[:s.end]
	loc := notTogRe.FindStringIndex(d[s.start:])
	if loc == nil {
		return Condition{}, false
	}
	var names []string
	start := -1
	k := s.pr.strongEnding(s.start + loc[0])
	for k >= 0 {
		names = append([]string{s.pr.strong[k].text}, names...)
		start = s.pr.strong[k].start
		k = -1
		for _, sep := range []string{", and ", " and ", ", "} {
			if strings.HasSuffix(d[:start], sep) {
				k = s.pr.strongEnding(start - len(sep))
				break
			}
		}
	}
	if len(names) < 2 || start != s.start {
		return Condition{}, false
	}
	return Condition{Phrasing: PhrasingNotTogether, Effect: EffectNotTogether, Fields: names}, true
}

// rePhrasing is a phrasing read by regular expressions on the sentence's
// plain text. The expressions may use the groups field (one name),
// fields (names joined by "and"), values (a list of values), case (words)
// and only ("only ", which makes Otherwise onlyOtherwise).
type rePhrasing struct {
	id            string
	effect        string // "" for EffectValid in a request, EffectDisplayed in a response
	otherwise     string
	onlyOtherwise string
	res           []*regexp.Regexp
}

// phraseRes compiles the expressions of a phrasing: case-insensitive,
// anchored at both ends, with the placeholders {field}, {fields},
// {values}, {case} and {only} standing for named groups.
func phraseRes(exprs ...string) []*regexp.Regexp {
	const name = `[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*`
	const value = `[^\s,;()]+`
	r := strings.NewReplacer(
		"{field}", `(?P<field>`+name+`)`,
		"{fields}", `(?P<fields>`+name+`(?:(?:, and |, | and )`+name+`)*)`,
		"{values}", `(?P<values>`+value+`(?:(?:, or |, | or )`+value+`)*)`,
		"{case}", `(?P<case>.+?)`,
		"{only}", `(?P<only>only )?`,
	)
	res := make([]*regexp.Regexp, len(exprs))
	for i, e := range exprs {
		res[i] = regexp.MustCompile(`(?i)^` + r.Replace(e) + `$`)
	}
	return res
}

// rePhrasings are tried in order after the type, either-of and
// not-together phrasings.
var rePhrasings = []rePhrasing{
	{id: PhrasingMandatoryWhen, effect: EffectMandatory, res: phraseRes(
		`this parameter is mandatory (?:when|if) {field} is (?:set to )?{values}`,
		`this parameter is mandatory (?:when|if) {case} \((?:that is, )?{field}(?:=| is set to | is ){values}\)`)},
	{id: PhrasingValidMandatoryWhen, effect: EffectMandatory, otherwise: OtherwiseForbidden, res: phraseRes(
		`this parameter is valid and mandatory {only}when {field} is (?:set to )?{values}`)},
	{id: PhrasingValidOnlyWhen, effect: EffectValid, otherwise: OtherwiseForbidden, res: phraseRes(
		`this parameter is valid only when {field} is (?:set to )?{values}`)},
	{id: PhrasingInvalidWhen, effect: EffectForbidden, res: phraseRes(
		`this parameter is invalid when {field} is (?:set to )?{values}`)},
	{id: PhrasingInvalidIfGiven, effect: EffectForbidden, res: phraseRes(
		`if {fields} (?:is|are) not empty, this parameter is invalid`)},
	{id: PhrasingNotEmptyTogether, effect: EffectNotAllEmpty, res: phraseRes(
		`the {field} parameter and this parameter cannot be empty at the same time`)},
	{id: PhrasingAvailableOnlyWhen, res: phraseRes(
		`this parameter is available only when {case}`)},
	{id: PhrasingMandatoryInCase, effect: EffectMandatory, onlyOtherwise: OtherwiseOptional, res: phraseRes(
		`this parameter (?:is mandatory|must be specified) {only}(?:when|if|for|in) {case}`)},
}

// readRegexp tries the rePhrasings.
func (s *sentence) readRegexp() (Condition, bool) {
	text := s.text()
	for _, ph := range rePhrasings {
		for _, re := range ph.res {
			if m := re.FindStringSubmatch(text); m != nil {
				return ph.build(re, m, s), true
			}
		}
	}
	return Condition{}, false
}

// build makes the Condition of a match m of re.
func (ph *rePhrasing) build(re *regexp.Regexp, m []string, s *sentence) Condition {
	c := Condition{Phrasing: ph.id, Effect: ph.effect, Otherwise: ph.otherwise}
	if c.Effect == "" {
		c.Effect, c.Otherwise = EffectDisplayed, OtherwiseAbsent
		if s.request {
			c.Effect, c.Otherwise = EffectValid, OtherwiseForbidden
		}
	}
	group := func(name string) string {
		if k := re.SubexpIndex(name); k >= 0 {
			return m[k]
		}
		return ""
	}
	if group("only") != "" && ph.onlyOtherwise != "" {
		c.Otherwise = ph.onlyOtherwise
	}
	c.Case = group("case")
	field := group("field")
	switch {
	case c.Effect == EffectNotAllEmpty:
		c.Fields = []string{field, s.row.Name}
	case field != "":
		c.When = []Test{{Field: field, Op: OpIs, Values: splitList(group("values"))}}
	}
	for _, f := range splitList(group("fields")) {
		c.When = append(c.When, Test{Field: f, Op: OpGiven})
	}
	return c
}

// splitList splits "a, b, or c" (also with "and") into its items, without
// quotes.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	for _, sep := range []string{", or ", ", and ", " or ", " and "} {
		s = strings.ReplaceAll(s, sep, ", ")
	}
	var out []string
	for _, v := range strings.Split(s, ", ") {
		out = append(out, strings.Trim(v, `'"`))
	}
	return out
}
