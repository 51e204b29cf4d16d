package draft

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// maxQuote is how many characters of a page sentence a to-do quotes.
const maxQuote = 72

// quote returns the start of a sentence, in quotes, cut at a word
// boundary: a to-do names the sentence it is about, it does not copy it.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxQuote {
		cut := 0
		for i := range s {
			if utf8.RuneCountInString(s[:i]) > maxQuote {
				break
			}
			if s[i] == ' ' {
				cut = i
			}
		}
		if cut == 0 {
			cut = len(string([]rune(s)[:maxQuote]))
		}
		s = strings.TrimRight(s[:cut], " ,;:") + "..."
	}
	return `"` + s + `"`
}

// mandatorySentenceRe matches a sentence that makes a parameter mandatory
// without a condition.
var mandatorySentenceRe = regexp.MustCompile(`(?i)(?:^|[.!?]\s+)(?:this parameter is |it is )?(?:mandatory|required)(?:[.!?]|$)`)

// rowTodos are the to-dos of a row's prose: one per conditional sentence
// (rstdoc's conditions and the conditional sentences it could not read),
// and the contradictions between the Mandatory column and the prose.
// hasMandatory says whether the row's table has a Mandatory column,
// request whether it documents a request.
func (d *drafter) rowTodos(r *rstdoc.Row, hasMandatory, request bool) []Todo {
	var out []Todo
	yes := hasMandatory && isYes(r.Mandatory)
	for _, c := range r.Conditions {
		t := Todo{Line: c.Line, Kind: ir.TodoCondition}
		switch {
		case !request:
			t.Text = fmt.Sprintf("the response row says %s: say when the service sends the field, then delete this", quote(c.Text))
		case yes && (c.Otherwise == rstdoc.OtherwiseOptional || c.Otherwise == rstdoc.OtherwiseForbidden || c.Effect == rstdoc.EffectForbidden):
			t.Kind = ir.TodoContradiction
			t.Text = fmt.Sprintf("the Mandatory column says Yes, but the row says %s: decide whether it is always required", quote(c.Text))
		default:
			t.Text = fmt.Sprintf("model %s as a rule (required, if/then, oneOf, not), or accept it with x-doc-deviation", quote(c.Text))
		}
		out = append(out, t)
	}
	for _, s := range r.Unread {
		t := Todo{Line: s.Line, Kind: ir.TodoCondition}
		if request {
			t.Text = fmt.Sprintf("no phrasing reads %s: model the rule it states, or accept it with x-doc-deviation (unchecked-rule)", quote(s.Text))
		} else {
			t.Text = fmt.Sprintf("the response row says %s: say when the service sends the field, then delete this", quote(s.Text))
		}
		out = append(out, t)
	}
	if hasMandatory && !yes && mandatorySentenceRe.MatchString(r.Description) {
		out = append(out, Todo{Line: r.Line, Kind: ir.TodoContradiction,
			Text: "the Mandatory column says No, but the prose calls the parameter mandatory: decide"})
	}
	return out
}
