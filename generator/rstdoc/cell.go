package rstdoc

import (
	"regexp"
	"sort"
	"strings"
)

// prose is a cell as plain text with what is known about where its markup,
// paragraphs, bullet items and lines were.
type prose struct {
	b       strings.Builder
	strong  []span   // bold spans, offsets into the text
	refs    []Ref    // :ref: links
	paras   [][2]int // [start, end) of each paragraph
	bullets [][2]int // content [start, end) of each bullet item
	marks   []mark   // where the text of each page line starts
	code    []string // code and literal blocks, dedented
	fresh   bool     // a bullet marker was just written: no separator
}

// mark says that the text from off on comes from page line line.
type mark struct{ off, line int }

// admonitions are the directives whose content is prose.
var admonitions = map[string]bool{
	"note": true, "warning": true, "important": true, "caution": true, "tip": true,
	"attention": true, "hint": true, "danger": true, "error": true, "admonition": true,
}

var cellDirectiveRe = regexp.MustCompile(`^\.\.\s+([A-Za-z][\w-]*)::\s*(.*)$`)

// newProse reads the cell c.
func newProse(c cellText) *prose {
	pr := &prose{}
	pr.blocks(c.lines, c.line)
	return pr
}

// text returns the plain text.
func (pr *prose) text() string {
	return pr.b.String()
}

// lineAt returns the page line of the text at offset off, or 0.
func (pr *prose) lineAt(off int) int {
	k := sort.Search(len(pr.marks), func(k int) bool { return pr.marks[k].off > off })
	if k == 0 {
		return 0
	}
	return pr.marks[k-1].line
}

// sep writes the space between two blocks, except right after a bullet
// marker.
func (pr *prose) sep() {
	if pr.b.Len() > 0 && !pr.fresh {
		pr.b.WriteByte(' ')
	}
	pr.fresh = false
}

// blocks adds the paragraphs, lists and directives of the dedented lines,
// the first of which is on page line first.
func (pr *prose) blocks(lines []string, first int) {
	for i := 0; i < len(lines); {
		l := lines[i]
		switch {
		case strings.TrimSpace(l) == "":
			i++
		case bulletRe.MatchString(l):
			i = pr.item(lines, i, first)
		case directiveRe.MatchString(strings.TrimSpace(l)):
			i = pr.directive(lines, i, first)
		default:
			i = pr.paragraph(lines, i, first)
		}
	}
}

// item adds the list item starting at lines[i] and returns the index of
// the line after it.
func (pr *prose) item(lines []string, i, first int) int {
	m := bulletRe.FindStringSubmatch(lines[i])
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
	pr.blocks(item, first+i)
	pr.fresh = false
	pr.bullets = append(pr.bullets, [2]int{start, pr.b.Len()})
	return j
}

// directive reads the directive or comment starting at lines[i]: the
// content of an admonition is prose, a code block is kept in code, and
// anything else is skipped.
func (pr *prose) directive(lines []string, i, first int) int {
	ind := indentOf(lines[i])
	j := i + 1
	for j < len(lines) && (strings.TrimSpace(lines[j]) == "" || indentOf(lines[j]) > ind) {
		j++
	}
	m := cellDirectiveRe.FindStringSubmatch(strings.TrimSpace(lines[i]))
	switch {
	case m == nil:
	case admonitions[strings.ToLower(m[1])]:
		// Text after "::" is the content's first line.
		pr.blocks(append([]string{m[2]}, dedent(lines[i+1:j])...), first+i)
	case codeRe.MatchString(strings.TrimSpace(lines[i])):
		k := i + 1
		for k < j && optionRe.MatchString(strings.TrimSpace(lines[k])) {
			k++
		}
		pr.addCode(lines[k:j])
	}
	return j
}

// paragraph adds the paragraph starting at lines[i] and returns the index
// of the line after it. A paragraph ending with "::" introduces a literal
// block, which is kept in code.
func (pr *prose) paragraph(lines []string, i, first int) int {
	ind := indentOf(lines[i])
	j := i
	for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
		j++
	}
	literal := strings.HasSuffix(strings.TrimSpace(lines[j-1]), "::")
	pr.para(lines[i:j], first+i, literal)
	if !literal {
		return j
	}
	k := j
	for k < len(lines) && (strings.TrimSpace(lines[k]) == "" || indentOf(lines[k]) > ind) {
		k++
	}
	pr.addCode(lines[j:k])
	return k
}

// addCode keeps a code block given as its lines.
func (pr *prose) addCode(lines []string) {
	if body, _ := trimBlankLines(dedent(lines)); len(body) > 0 {
		pr.code = append(pr.code, strings.Join(body, "\n"))
	}
}

// para adds one paragraph given as its lines, the first of which is on
// page line first.
func (pr *prose) para(lines []string, first int, literal bool) {
	var raw strings.Builder
	var starts []mark // rune offsets into raw where each line starts
	n := 0
	for k, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if raw.Len() > 0 {
			raw.WriteByte(' ')
			n++
		}
		starts = append(starts, mark{off: n, line: first + k})
		raw.WriteString(l)
		n += len([]rune(l))
	}
	s := raw.String()
	if literal {
		s = literalColons(s)
	}
	text, spans, src := inline(s)
	pr.sep()
	off := pr.b.Len()
	pr.b.WriteString(text)
	pr.paras = append(pr.paras, [2]int{off, pr.b.Len()})
	pr.addMarks(off, src, starts)
	for _, sp := range spans {
		sp.start += off
		sp.end += off
		switch sp.kind {
		case kindStrong:
			pr.strong = append(pr.strong, sp)
		case kindRef:
			pr.refs = append(pr.refs, Ref{Text: sp.text, Target: sp.target, Line: pr.lineAt(sp.start)})
		}
	}
}

// addMarks records the page lines of the paragraph text written at off,
// given the source rune of each of its bytes (in increasing order) and
// where each source line starts.
func (pr *prose) addMarks(off int, src []int, starts []mark) {
	line, k := 0, 0
	for o, r := range src {
		for k+1 < len(starts) && starts[k+1].off <= r {
			k++
		}
		if l := starts[k].line; l != line {
			pr.marks = append(pr.marks, mark{off: off + o, line: l})
			line = l
		}
	}
}

// literalColons removes the "::" that ends a paragraph introducing a
// literal block, as reStructuredText does: "text::" gives "text:", and a
// "::" after white space disappears.
func literalColons(raw string) string {
	if !strings.HasSuffix(raw, "::") {
		return raw
	}
	s := strings.TrimSuffix(raw, ":")
	if strings.HasSuffix(s, " :") || s == ":" {
		s = strings.TrimRight(strings.TrimSuffix(s, ":"), " ")
	}
	return s
}

var (
	defaultRe  = regexp.MustCompile(`(?i)\bthe default(?: [a-z]+){1,3} is `)
	numberRe   = regexp.MustCompile(`^-?\d+(?:\.\d+)?`)
	parenValRe = regexp.MustCompile(`^[^()]*\S\s*\(([^()]+)\)\.?$`)
)

// describe fills the description fields of row from the description cell.
// request says whether the row is in a table with a Mandatory column.
func describe(row *Row, pr *prose, request bool) {
	row.Description = pr.text()
	row.Refs = pr.refs
	row.Code = pr.code
	used := make([]bool, len(pr.strong))
	readConditions(row, pr, request, used)
	row.Default = readDefault(pr, used)
	row.Values = readValues(pr, used)
}

// The bold spans are in text order and do not overlap, so they are
// sorted by both start and end.

// strongAt returns the index of the bold span that starts at pos, or -1.
func (pr *prose) strongAt(pos int) int {
	k := sort.Search(len(pr.strong), func(k int) bool { return pr.strong[k].start >= pos })
	if k < len(pr.strong) && pr.strong[k].start == pos {
		return k
	}
	return -1
}

// strongEnding returns the index of the bold span that ends at pos, or -1.
func (pr *prose) strongEnding(pos int) int {
	k := sort.Search(len(pr.strong), func(k int) bool { return pr.strong[k].end >= pos })
	if k < len(pr.strong) && pr.strong[k].end == pos {
		return k
	}
	return -1
}

// strongIn returns the indexes [from, to) of the bold spans that overlap
// the text [start, end).
func (pr *prose) strongIn(start, end int) (int, int) {
	from := sort.Search(len(pr.strong), func(k int) bool { return pr.strong[k].end > start })
	to := sort.Search(len(pr.strong), func(k int) bool { return pr.strong[k].start >= end })
	return from, max(from, to)
}

// readDefault returns the value of "the default ... is V".
func readDefault(pr *prose, used []bool) string {
	d := pr.text()
	loc := defaultRe.FindStringIndex(d)
	if loc == nil {
		return ""
	}
	pos := loc[1]
	if k := pr.strongAt(pos); k >= 0 {
		used[k] = true
		return pr.strong[k].text
	}
	return numberRe.FindString(d[pos:])
}

// readValues returns the values the description names (see Row).
func readValues(pr *prose, used []bool) []string {
	d := pr.text()
	var values []string
	seen := map[string]bool{}
	add := func(v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			values = append(values, v)
		}
	}
	for _, bl := range pr.bullets {
		if k := pr.strongAt(bl[0]); k >= 0 {
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
		if !used[k] && (pr.startsClause(s.start) || isOnlyValue(d, s)) {
			add(s.text)
		}
	}
	return values
}

// startsClause reports whether a sentence, clause or paragraph starts at
// offset pos.
func (pr *prose) startsClause(pos int) bool {
	k := sort.Search(len(pr.paras), func(k int) bool { return pr.paras[k][0] >= pos })
	if k < len(pr.paras) && pr.paras[k][0] == pos {
		return true
	}
	before := pr.text()[:pos]
	for _, p := range []string{". ", "; ", ": ", "? ", "! "} {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	return false
}

// isOnlyValue reports whether the bold span s is the V of "only V is
// supported" (or "is allowed").
func isOnlyValue(d string, s span) bool {
	return strings.HasSuffix(strings.ToLower(d[max(0, s.start-5):s.start]), "only ") &&
		(strings.HasPrefix(d[s.end:], " is supported") || strings.HasPrefix(d[s.end:], " is allowed"))
}
