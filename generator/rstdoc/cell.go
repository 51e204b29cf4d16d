package rstdoc

import (
	"fmt"
	"regexp"
	"strings"
)

// prose is a description cell as plain text with what is known about
// where its markup and blocks were.
type prose struct {
	b       strings.Builder
	strong  []span // bold spans, offsets into the text
	starts  map[int]bool
	bullets [][2]int // content [start, end) of each bullet item
	fresh   bool     // a bullet marker was just written: no separator
}

func (pr *prose) sep() {
	if pr.b.Len() > 0 && !pr.fresh {
		pr.b.WriteByte(' ')
	}
	pr.fresh = false
}

// para adds one paragraph, given as its raw lines joined by spaces.
func (pr *prose) para(raw string) {
	pr.sep()
	off := pr.b.Len()
	text, spans := parseInline(raw)
	pr.b.WriteString(text)
	pr.starts[off] = true
	for _, s := range spans {
		if s.kind == kindStrong {
			s.start += off
			s.end += off
			pr.strong = append(pr.strong, s)
		}
	}
}

// blocks adds the paragraphs and bullet lists of the dedented lines.
func (pr *prose) blocks(lines []string) {
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		if m := bulletRe.FindStringSubmatch(lines[i]); m != nil {
			content := len(m[1]) + len(m[2]) + len(m[3])
			item := []string{lines[i][content:]}
			j := i + 1
			for ; j < len(lines); j++ {
				l := lines[j]
				if strings.TrimSpace(l) == "" {
					item = append(item, "")
					continue
				}
				if indentOf(l) < content {
					break
				}
				item = append(item, l[content:])
			}
			pr.sep()
			pr.b.WriteString("- ")
			pr.fresh = true
			start := pr.b.Len()
			pr.blocks(item)
			pr.fresh = false
			pr.bullets = append(pr.bullets, [2]int{start, pr.b.Len()})
			i = j
			continue
		}
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
			j++
		}
		pr.para(joinLines(lines[i:j]))
		i = j
	}
}

var (
	defaultRe   = regexp.MustCompile(`(?i)\bthe default(?: [a-z]+){1,3} is `)
	numberRe    = regexp.MustCompile(`^-?\d+(?:\.\d+)?`)
	wordRe      = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*`)
	condStartRe = regexp.MustCompile(`(?i)\b(?:mandatory|displayed) only when\b`)
	condRe      = regexp.MustCompile(`^(?i:(mandatory|displayed)) only when the (source|target) type is `)
	eitherRe    = regexp.MustCompile(`(?i)\beither `)
	notTogRe    = regexp.MustCompile(`(?i) cannot be (?:configured|set|specified|used|enabled)(?: at the same time| together| simultaneously)`)
	parenValRe  = regexp.MustCompile(`^[^()]*\S\s*\(([^()]+)\)\.?$`)
)

// describe fills the description fields of row from the description cell.
func describe(row *Row, lines []string) error {
	pr := &prose{starts: map[int]bool{}}
	pr.blocks(lines)
	d := pr.b.String()
	row.Description = d
	used := make([]bool, len(pr.strong))
	strongAt := func(pos int) int {
		for k, s := range pr.strong {
			if s.start == pos {
				return k
			}
		}
		return -1
	}
	strongEnding := func(pos int) int {
		for k, s := range pr.strong {
			if s.end == pos {
				return k
			}
		}
		return -1
	}
	// valueAt reads the value at pos: bold text or a word.
	valueAt := func(pos int) (string, int, bool) {
		if k := strongAt(pos); k >= 0 {
			used[k] = true
			return pr.strong[k].text, pr.strong[k].end, true
		}
		if w := wordRe.FindString(d[pos:]); w != "" {
			return w, pos + len(w), true
		}
		return "", 0, false
	}

	// Conditions.
	for _, loc := range condStartRe.FindAllStringIndex(d, -1) {
		c, err := readCondition(d, loc[0], valueAt)
		if err != nil {
			return err
		}
		row.Conditions = append(row.Conditions, c)
	}

	// Default.
	if loc := defaultRe.FindStringIndex(d); loc != nil {
		pos := loc[1]
		if k := strongAt(pos); k >= 0 {
			used[k] = true
			row.Default = pr.strong[k].text
		} else if n := numberRe.FindString(d[pos:]); n != "" {
			row.Default = n
		}
	}

	// Either ... or ...
	for _, loc := range eitherRe.FindAllStringIndex(d, -1) {
		var names []int
		pos := loc[1]
		for {
			k := strongAt(pos)
			if k < 0 {
				break
			}
			names = append(names, k)
			pos = pr.strong[k].end
			next := -1
			for _, sep := range []string{", or ", " or ", ", "} {
				if strings.HasPrefix(d[pos:], sep) {
					next = pos + len(sep)
					break
				}
			}
			if next < 0 {
				break
			}
			pos = next
		}
		if len(names) >= 2 {
			for _, k := range names {
				used[k] = true
				row.EitherOf = append(row.EitherOf, pr.strong[k].text)
			}
			break
		}
	}

	// ... cannot be configured at the same time.
	for _, loc := range notTogRe.FindAllStringIndex(d, -1) {
		var names []int
		k := strongEnding(loc[0])
		for k >= 0 {
			names = append([]int{k}, names...)
			start := pr.strong[k].start
			k = -1
			for _, sep := range []string{", and ", " and ", ", "} {
				if strings.HasSuffix(d[:start], sep) {
					k = strongEnding(start - len(sep))
					break
				}
			}
		}
		if len(names) >= 2 {
			for _, k := range names {
				used[k] = true
				row.NotTogether = append(row.NotTogether, pr.strong[k].text)
			}
			break
		}
	}

	// Values.
	seen := map[string]bool{}
	add := func(v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			row.Values = append(row.Values, v)
		}
	}
	for _, bl := range pr.bullets {
		if k := strongAt(bl[0]); k >= 0 {
			used[k] = true
			add(pr.strong[k].text)
			continue
		}
		item := d[bl[0]:bl[1]]
		if m := parenValRe.FindStringSubmatch(item); m != nil {
			add(strings.TrimSpace(m[1]))
		} else if !strings.ContainsAny(item, " \t") {
			add(item)
		}
	}
	for k, s := range pr.strong {
		if used[k] {
			continue
		}
		before := d[:s.start]
		clause := pr.starts[s.start]
		for _, p := range []string{". ", "; ", ": ", "? ", "! "} {
			clause = clause || strings.HasSuffix(before, p)
		}
		only := strings.HasSuffix(strings.ToLower(before), "only ") &&
			(strings.HasPrefix(d[s.end:], " is supported") || strings.HasPrefix(d[s.end:], " is allowed"))
		if clause || only {
			add(s.text)
		}
	}
	return nil
}

// readCondition reads the condition sentence starting at d[start:].
func readCondition(d string, start int, valueAt func(int) (string, int, bool)) (Condition, error) {
	bad := func() (Condition, error) {
		s := d[start:]
		if k := strings.IndexAny(s, ".)"); k >= 0 {
			s = s[:k]
		}
		return Condition{}, fmt.Errorf("cannot read the condition %q: want \"Mandatory (or Displayed) only when the source (or target) type is X [and the ... is Y]\"", s)
	}
	m := condRe.FindStringSubmatch(d[start:])
	if m == nil {
		return bad()
	}
	c := Condition{Kind: strings.ToLower(m[1]), Subject: m[2]}
	v, pos, ok := valueAt(start + len(m[0]))
	if !ok {
		return bad()
	}
	c.Value = v
	for strings.HasPrefix(d[pos:], " and ") {
		rest := strings.TrimPrefix(d[pos+len(" and "):], "the ")
		restPos := len(d) - len(rest)
		is := strings.Index(rest, " is ")
		if is <= 0 || strings.ContainsAny(rest[:is], ".,;:()") || len(strings.Fields(rest[:is])) > 6 {
			return bad()
		}
		v, end, ok := valueAt(restPos + is + len(" is "))
		if !ok {
			return bad()
		}
		c.And = append(c.And, newClause(rest[:is], v))
		pos = end
	}
	if pos < len(d) && !strings.ContainsRune(".);,", rune(d[pos])) {
		return bad()
	}
	c.Text = d[start:pos]
	return c, nil
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
