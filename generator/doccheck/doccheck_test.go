package doccheck

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestWidgetsAgree: the fixture's pages and schema agree but for the
// deviations, each accepted once per page it applies to, with its reason;
// the third page is listed as not modelled.
func TestWidgetsAgree(t *testing.T) {
	fx := check(t, widgetPages(), widgetSchema)
	expect(t, fx.report, fx.accepted(t)...)
	if !fx.report.OK() {
		t.Error("OK() is false for accepted findings only")
	}
	for _, f := range fx.report.Findings() {
		if f.Reason == "" || f.SchemaPos == "" || f.Page == "" || f.PageLine == 0 || f.Difference == "" && f.Kind != "reading" {
			t.Errorf("accepted finding without reason, position, page line or difference: %+v", f)
		}
	}
	if got := fx.report.NotModelled; !slices.Equal(got, []string{"widgets/retiring_a_widget.rst"}) {
		t.Errorf("not modelled: %v", got)
	}
	var pages []string
	for _, p := range fx.report.Pages {
		pages = append(pages, p.Page+" "+strings.Join(p.Operations, ","))
	}
	if want := []string{listPage + " ListWidgets", makePage + " MakeWidget"}; !slices.Equal(pages, want) {
		t.Errorf("pages %v, want %v", pages, want)
	}
}

// mutation is one change to the fixture and what it must give.
type mutation struct {
	name   string
	pages  func(t *testing.T, make, list *page) // nil for none
	schema []string                             // old, new pairs
	// want returns the findings besides the accepted deviations, which
	// stay but for those drop names (see fixture.accepted).
	want func(t *testing.T, fx *fixture) []want
	drop []string
}

func (m mutation) run(t *testing.T) {
	t.Run(m.name, func(t *testing.T) {
		pages := widgetPages()
		if m.pages != nil {
			m.pages(t, pages[0], pages[1])
		}
		fx := check(t, pages, editSchema(t, m.schema...))
		wants := fx.accepted(t, m.drop...)
		if m.want != nil {
			wants = append(wants, m.want(t, fx)...)
		}
		expect(t, fx.report, wants...)
		ok := !slices.ContainsFunc(wants, func(w want) bool { return w.status != StatusAccepted })
		if fx.report.OK() != ok {
			t.Errorf("OK() is %v, want %v", fx.report.OK(), ok)
		}
	})
}

func (fx *fixture) tableLine(t *testing.T, pageName string, n int) int {
	t.Helper()
	tb := fx.ref.Page(pageName).Table(n)
	if tb == nil {
		t.Fatalf("%s has no Table %d", pageName, n)
	}
	return tb.Line
}

func TestRowsAndTables(t *testing.T) {
	for _, m := range []mutation{{
		name: "a row no field models",
		pages: func(t *testing.T, mk, _ *page) {
			mk.table(t, 3).insert(t, "zone", []string{"hub", "No", "String", "A hub."})
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindNoProperty, makePage, fx.rowLine(t, makePage, 3, "hub"))}
		},
	}, {
		name:  "a row dropped: its field has no row, its deviation is stale",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 3).drop(t, "note") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{
				{kind: KindNoRow, status: StatusDifference, page: makePage, line: fx.rowLine(t, makePage, 3, "zone"), posLine: fx.field(t, "WidgetFeed", "note").Pos.Line},
				stale("unchecked-rule", makePage, fx.tableLine(t, makePage, 3)),
			}
		},
		drop: []string{"unchecked-rule:note"},
	}, {
		name:  "a row renamed",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 3).set(t, "token", 0, "secret") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindName, makePage, fx.rowLine(t, makePage, 3, "secret"))}
		},
	}, {
		name: "two rows swapped",
		pages: func(t *testing.T, mk, _ *page) {
			tb := mk.table(t, 3)
			tb.rows[0], tb.rows[1] = tb.rows[1], tb.rows[0]
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{
				diff(KindRowNumber, makePage, fx.rowLine(t, makePage, 3, "host")),
				diff(KindRowNumber, makePage, fx.rowLine(t, makePage, 3, "login")),
			}
		},
	}, {
		name: "a parameter table nothing models",
		pages: func(t *testing.T, mk, _ *page) {
			i := slices.IndexFunc(mk.blocks, func(b *block) bool { return b.table != nil && b.table.number == 5 })
			mk.blocks = slices.Insert(mk.blocks, i+1, tbl("", 6, "Extra settings", true, []string{"extra", "String", "More."}))
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindTable, makePage, fx.tableLine(t, makePage, 6))}
		},
	}, {
		name:   "a table ID no page has",
		schema: []string{"x-doc-tables: [makewidget__request_widgettuning]", "x-doc-tables: [makewidget__request_widgettunings]"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{
				diff(KindTable, makePage, fx.lineOf(t, makePage, "Making a Widget")),
				diff(KindTable, makePage, fx.tableLine(t, makePage, 4)),
				diff(KindType, makePage, fx.rowLine(t, makePage, 2, "tuning")),
				stale("unchecked-rule", "", 0),
			}
		},
		drop: []string{"unchecked-rule:region"},
	}, {
		name: "a table removed with its label",
		pages: func(t *testing.T, mk, _ *page) {
			mk.blocks = slices.DeleteFunc(mk.blocks, func(b *block) bool { return b.table != nil && b.table.number == 4 })
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{
				diff(KindTable, makePage, fx.lineOf(t, makePage, "Making a Widget")),
				diff(KindType, makePage, fx.rowLine(t, makePage, 2, "tuning")),
				stale("unchecked-rule", "", 0),
			}
		},
		drop: []string{"unchecked-rule:region"},
	}, {
		name:   "a table two components model",
		schema: []string{"x-doc-tables: [makewidget__response_body_parameters, listwidgets__response_widgetinfo]", "x-doc-tables: [makewidget__response_body_parameters, listwidgets__response_widgetinfo, listwidgets__response_body_parameters]"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindTable, listPage, fx.tableLine(t, listPage, 3))}
		},
	}, {
		name:   "an object the bodies hold that models no table",
		schema: []string{"      x-doc-tables: [makewidget__request_widgettuning]\n", ""},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{
				diff(KindTable, makePage, fx.ref.Page(makePage).PathLine),
				diff(KindTable, makePage, fx.tableLine(t, makePage, 4)),
				diff(KindType, makePage, fx.rowLine(t, makePage, 2, "tuning")),
				stale("unchecked-rule", "", 0),
			}
		},
		drop: []string{"unchecked-rule:region"},
	}} {
		m.run(t)
	}
}

func TestTypesValuesDefaultsBounds(t *testing.T) {
	for _, m := range []mutation{{
		name:  "a row retyped (Integer to String)",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 2).set(t, "retries", 2, "String") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{{kind: KindType, status: StatusDifference, page: makePage, line: fx.rowLine(t, makePage, 2, "retries"), posLine: fx.field(t, "MakeWidgetRequest", "retries").Pos.Line}}
		},
	}, {
		name:  "a row retyped (Long to Integer)",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 4).set(t, "start_at", 2, "Integer") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindType, makePage, fx.rowLine(t, makePage, 4, "start_at"))}
		},
	}, {
		name: "an object row linked to another table",
		pages: func(t *testing.T, mk, _ *page) {
			mk.table(t, 2).set(t, "feed", 2, ref("WidgetFeed", "makewidget__request_widgettuning"))
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindType, makePage, fx.rowLine(t, makePage, 2, "feed"))}
		},
	}, {
		name: "a value added to the page's list",
		pages: func(t *testing.T, mk, _ *page) {
			mk.table(t, 3).edit(t, "login", 3, "without signing in.", "without signing in.\n\n-  **GRANT**: with a grant.")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindValues, makePage, fx.rowLine(t, makePage, 3, "login"))}
		},
	}, {
		name:   "a value added to the schema's enum",
		schema: []string{"enum: [TOKEN, NONE]", "enum: [TOKEN, NONE, GRANT]"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{{kind: KindValues, status: StatusDifference, page: makePage, line: fx.rowLine(t, makePage, 3, "login"), posLine: fx.field(t, "WidgetFeed", "login").Pos.Line}}
		},
	}, {
		name: "x-doc-values-from: examples, but the row lists values now",
		pages: func(t *testing.T, mk, _ *page) {
			mk.table(t, 2).set(t, "source_type", 3, "Where it reads from:\n\n-  **NONE**\n\n-  **PIPE_SOURCE**")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{stale(KindValues, makePage, fx.rowLine(t, makePage, 2, "source_type"))}
		},
	}, {
		name:   "an example sends a value the values-from list lacks",
		pages:  func(t *testing.T, mk, _ *page) { mk.replaceText(t, `"PIPE_SOURCE"`, `"PIPE"`) },
		schema: []string{"source_type: PIPE_SOURCE\n", "source_type: PIPE\n"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindExample, makePage, fx.lineOf(t, makePage, `"source_type" : "PIPE"`))}
		},
	}, {
		name:  "the default changed",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 2).edit(t, "retries", 3, "**3**", "**5**") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindDefault, makePage, fx.rowLine(t, makePage, 2, "retries"))}
		},
	}, {
		name:  "the bounds no longer named",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 2).edit(t, "retries", 3, ", from 0 to 9", "") },
		want: func(t *testing.T, fx *fixture) []want {
			line := fx.rowLine(t, makePage, 2, "retries")
			return []want{diff(KindBound, makePage, line), diff(KindBound, makePage, line)}
		},
	}, {
		name:   "a bound the row does not name",
		schema: []string{"maximum: 50, default: 10", "maximum: 40, default: 10"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindBound, listPage, fx.rowLine(t, listPage, 2, "limit"))}
		},
	}, {
		name:   "a pattern, which no row states",
		schema: []string{"name: {x-doc-row: 1, type: string, maxLength: 64}", "name: {x-doc-row: 1, type: string, maxLength: 64, pattern: '^[a-z]+$'}"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindRule, makePage, fx.rowLine(t, makePage, 2, "name"))}
		},
	}} {
		m.run(t)
	}
}

func TestRules(t *testing.T) {
	for _, m := range []mutation{{
		name:  "Mandatory Yes to No",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 2).set(t, "name", 1, "No") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindMandatory, makePage, fx.rowLine(t, makePage, 2, "name"))}
		},
	}, {
		name:  "Mandatory No to Yes",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 2).set(t, "pace", 1, "Yes") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{{kind: KindMandatory, status: StatusDifference, page: makePage, line: fx.rowLine(t, makePage, 2, "pace"), posLine: fx.field(t, "MakeWidgetRequest", "pace").Pos.Line}}
		},
	}, {
		name:  "a parameter's Mandatory flipped",
		pages: func(t *testing.T, _, ls *page) { ls.table(t, 2).set(t, "limit", 1, "Yes") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindMandatory, listPage, fx.rowLine(t, listPage, 2, "limit"))}
		},
	}, {
		name:  "a type condition's value changed (Pipe to Tank)",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 3).edit(t, "host", 3, "is Pipe", "is Tank") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindCondition, makePage, fx.rowLine(t, makePage, 3, "host"))}
		},
	}, {
		name:  "a type condition doccheck cannot map",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 3).edit(t, "host", 3, "is Pipe", "is Gadget") },
		want: func(t *testing.T, fx *fixture) []want {
			line := fx.rowLine(t, makePage, 3, "host")
			return []want{diff(KindUnchecked, makePage, line), diff(KindCondition, makePage, line)}
		},
	}, {
		name: "either removed",
		pages: func(t *testing.T, mk, _ *page) {
			for _, row := range []string{"bucket_id", "bucket_url"} {
				mk.table(t, 3).edit(t, row, 3, " Specify either **bucket_id** or **bucket_url**.", "")
			}
		},
		want: func(t *testing.T, fx *fixture) []want {
			id, url := fx.rowLine(t, makePage, 3, "bucket_id"), fx.rowLine(t, makePage, 3, "bucket_url")
			return []want{diff(KindCondition, makePage, id), diff(KindCondition, makePage, url), diff(KindEither, makePage, id)}
		},
	}, {
		name:   "oneOf removed from the schema",
		schema: []string{"                oneOf:\n                  - required: [bucket_id]\n                  - required: [bucket_url]\n", "                required: [bucket_id]\n"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindEither, makePage, fx.rowLine(t, makePage, 3, "bucket_id")), diff(KindCondition, makePage, fx.rowLine(t, makePage, 3, "bucket_id"))}
		},
	}, {
		name:  "not-together removed from the page",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 3).set(t, "mirror_list", 3, "What to mirror.") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindNotTogether, makePage, fx.rowLine(t, makePage, 3, "mirror_enabled"))}
		},
	}, {
		name:   "an if doccheck cannot read, and the rule it held",
		schema: []string{"      if:\n        required: [mirror_enabled]\n        properties:\n          mirror_enabled: {const: true}\n", "      if:\n        not:\n          required: [mirror_enabled]\n"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindRule, makePage, fx.tableLine(t, makePage, 3)), diff(KindNotTogether, makePage, fx.rowLine(t, makePage, 3, "mirror_list"))}
		},
	}, {
		name:  "not-empty removed from the page",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 4).set(t, "tags", 3, "Tags.") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindNotEmpty, makePage, fx.rowLine(t, makePage, 4, "labels"))}
		},
	}, {
		name:  "invalid-when removed from the page",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 4).set(t, "proxy", 3, "Proxy to use.") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindForbidden, makePage, fx.rowLine(t, makePage, 4, "proxy"))}
		},
	}, {
		name:  "valid-only-when's value changed",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 4).edit(t, "burst", 3, "set to push", "set to pull") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindForbidden, makePage, fx.rowLine(t, makePage, 4, "burst"))}
		},
	}, {
		name:  "valid-and-mandatory-when removed from the page",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 4).set(t, "window", 3, "Fetch window.") },
		want: func(t *testing.T, fx *fixture) []want {
			line := fx.rowLine(t, makePage, 4, "window")
			return []want{diff(KindCondition, makePage, line), diff(KindForbidden, makePage, line)}
		},
	}, {
		name:  "mandatory-when's value changed",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 4).edit(t, "port", 3, "set to push", "set to pull") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindCondition, makePage, fx.rowLine(t, makePage, 4, "port"))}
		},
	}, {
		name:  "mandatory-when names a value the field lacks",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 4).edit(t, "port", 3, "set to push", "set to drift") },
		want: func(t *testing.T, fx *fixture) []want {
			line := fx.rowLine(t, makePage, 4, "port")
			return []want{diff(KindUnchecked, makePage, line), diff(KindCondition, makePage, line)}
		},
	}, {
		name:  "invalid-if-given removed from the page",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 4).set(t, "offset", 3, "Offset to start at.") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindNotTogether, makePage, fx.rowLine(t, makePage, 4, "offset"))}
		},
	}, {
		name:   "dependentRequired the page does not state",
		schema: []string{"      if:\n        required: [mirror_enabled]", "      dependentRequired:\n        bucket_id: [host]\n      if:\n        required: [mirror_enabled]"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindCondition, makePage, fx.rowLine(t, makePage, 3, "host"))}
		},
	}, {
		name:   "a required the schema lost (implied by the fields)",
		schema: []string{"          then:\n            required: [feed]\n            properties:\n              feed:\n                required: [host, login]", "          then:\n            properties:\n              feed:\n                required: [host, login]"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindCondition, makePage, fx.rowLine(t, makePage, 2, "feed"))}
		},
	}} {
		m.run(t)
	}
}

func TestUncheckedSentences(t *testing.T) {
	for _, m := range []mutation{{
		name: "a sentence no phrasing reads",
		pages: func(t *testing.T, mk, _ *page) {
			mk.table(t, 4).set(t, "labels", 3, "Labels. If the tags are empty, the labels are used.")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{{kind: KindUnchecked, status: StatusDifference, page: makePage, line: fx.rowLine(t, makePage, 4, "labels"), posLine: fx.field(t, "WidgetTuning", "labels").Pos.Line}}
		},
	}, {
		name: "a case in words",
		pages: func(t *testing.T, mk, _ *page) {
			mk.table(t, 4).set(t, "labels", 3, "Labels. This parameter must be specified for shared widgets.")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindUnchecked, makePage, fx.rowLine(t, makePage, 4, "labels"))}
		},
	}, {
		name: "a response sentence is no rule",
		pages: func(t *testing.T, _, ls *page) {
			ls.table(t, 4).set(t, "owner", 2, "Who owns it. If nobody does, it is null.")
		},
	}, {
		name: "a parameter's condition",
		pages: func(t *testing.T, _, ls *page) {
			ls.table(t, 2).edit(t, "offset", 3, "0 or more.", "0 or more. This parameter is mandatory when limit is set to 50.")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindUnchecked, listPage, fx.rowLine(t, listPage, 2, "offset"))}
		},
	}} {
		m.run(t)
	}
}

func TestExamplesAndOperations(t *testing.T) {
	for _, m := range []mutation{{
		name:  "a page example's value changed",
		pages: func(t *testing.T, mk, _ *page) { mk.replaceText(t, `"pace" : "calm"`, `"pace" : "fast"`) },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{{kind: KindExample, status: StatusDifference, page: makePage, line: fx.lineOf(t, makePage, `"pace" : "fast"`), posLine: fx.lineOfSchema(t, "pipe:")}}
		},
	}, {
		name: "a member the schema does not declare",
		pages: func(t *testing.T, mk, _ *page) {
			mk.replaceText(t, `"pace" : "calm"`, `"pace" : "calm",`+"\n        "+`"colour" : "red"`)
		},
		schema: []string{"                  pace: calm\n", "                  pace: calm\n                  colour: red\n"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindExample, makePage, fx.lineOf(t, makePage, `"colour"`))}
		},
	}, {
		name: "a value the known values lack",
		pages: func(t *testing.T, mk, _ *page) {
			mk.replaceText(t, `"pace" : "calm",`+"\n     "+`"created"`, `"pace" : "clam",`+"\n     "+`"created"`)
		},
		schema: []string{"value: {id: w-1, pace: calm,", "value: {id: w-1, pace: clam,"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindExample, makePage, fx.lineOf(t, makePage, `"clam"`))}
		},
	}, {
		name:   "a value of another JSON type",
		pages:  func(t *testing.T, mk, _ *page) { mk.replaceText(t, `"name" : "w1"`, `"name" : 5`) },
		schema: []string{"name: w1\n", "name: 5\n"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindExample, makePage, fx.lineOf(t, makePage, `"name" : 5`))}
		},
	}, {
		name: "a page example the schema lacks",
		pages: func(t *testing.T, mk, _ *page) {
			mk.replaceText(t, "Example Responses\n", "-  Another.\n\n   .. code-block:: text\n\n      POST https://{endpoint}/v1/{team_id}/widgets\n\n      {\n        \"name\" : \"w2\"\n      }\n\nExample Responses\n")
		},
		want: func(t *testing.T, fx *fixture) []want {
			// The new request is page example 2, so the schema's
			// response example (x-doc-example 2) is now a request's.
			return []want{
				diff(KindExample, makePage, fx.lineOf(t, makePage, "-  Another.")+2),
				diff(KindExample, makePage, fx.lineOf(t, makePage, "Made.")+2),
			}
		},
	}, {
		name: "the operation path changed",
		pages: func(t *testing.T, mk, _ *page) {
			mk.replaceText(t, "POST /v1/{team_id}/widgets", "POST /v1/{team_id}/gadgets")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{{kind: KindOperation, status: StatusDifference, page: makePage, line: fx.ref.Page(makePage).PathLine, posLine: fx.lineOfSchema(t, "    post:")}}
		},
	}, {
		name: "an example request's URL differs",
		pages: func(t *testing.T, mk, _ *page) {
			mk.replaceText(t, "POST https://{endpoint}/v1/{team_id}/widgets", "PUT https://{endpoint}/v1/{team_id}/widgets")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindOperation, makePage, fx.lineOf(t, makePage, "-  A widget")+2)}
		},
	}, {
		name: "the original name is another operation's",
		pages: func(t *testing.T, mk, _ *page) {
			mk.replaceText(t, ":original_name: MakeWidget.html", ":original_name: BuildWidget.html")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindOperation, makePage, 1)}
		},
	}, {
		name:   "x-doc-page names a page the folder lacks",
		schema: []string{"x-doc-page: widgets/making_a_widget.rst", "x-doc-page: widgets/making_widgets.rst"},
		want: func(t *testing.T, fx *fixture) []want {
			// The page's tables are still compared; its examples are not
			// read, so no example sends source_type.
			return []want{
				diff(KindOperation, "", 0),
				stale("reading", "", 0),
				diff(KindValues, makePage, fx.rowLine(t, makePage, 2, "source_type")),
			}
		},
		drop: []string{"reading:MakeWidget"},
	}, {
		name:   "an operation without x-doc-page is listed, its page's examples not read",
		schema: []string{"      x-doc-page: widgets/listing_widgets.rst\n", ""},
		want: func(t *testing.T, fx *fixture) []want {
			if got := fx.report.Unlinked; len(got) != 1 || !strings.HasPrefix(got[0], "ListWidgets (") {
				t.Errorf("operations without a page: %v", got)
			}
			return []want{stale(KindExample+"-typo", makePage, fx.rowLine(t, makePage, 5, "created"))}
		},
		drop: []string{"example-typo:created"},
	}, {
		name: "a status code the schema lacks",
		pages: func(t *testing.T, mk, _ *page) {
			mk.replaceText(t, "200         Made.\n", "200         Made.\n201         Queued.\n")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{diff(KindResponse, makePage, fx.lineOf(t, makePage, "201         Queued."))}
		},
	}} {
		m.run(t)
	}
}

// lineOfSchema is the line of the schema holding s.
func (fx *fixture) lineOfSchema(t *testing.T, s string) int {
	t.Helper()
	for i, l := range strings.Split(widgetSchema, "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("the schema has no line with %q", s)
	return 0
}

func TestDeviations(t *testing.T) {
	for _, m := range []mutation{{
		name:  "not-required: the page no longer makes it mandatory",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 3).set(t, "zone", 3, "Zone of the feed.") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{stale("not-required", makePage, fx.rowLine(t, makePage, 3, "zone"))}
		},
		drop: []string{"not-required:zone"},
	}, {
		name: "not-required: the cited example sends it now",
		pages: func(t *testing.T, mk, _ *page) {
			mk.replaceText(t, `"token" : "t0k"`, `"token" : "t0k",`+"\n          "+`"zone" : "z1"`)
		},
		schema: []string{"feed: {host: pipe.example, login: TOKEN, token: t0k}", "feed: {host: pipe.example, login: TOKEN, token: t0k, zone: z1}"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{stale("not-required", makePage, fx.rowLine(t, makePage, 3, "zone"))}
		},
		drop: []string{"not-required:zone"},
	}, {
		name: "value-reading: the row spells the values now",
		pages: func(t *testing.T, mk, _ *page) {
			mk.table(t, 2).set(t, "level", 3, "Loudness.\n\n-  **1**: soft.\n\n-  **2**: medium.\n\n-  **3**: loud.")
		},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{stale("value-reading", makePage, fx.rowLine(t, makePage, 2, "level"))}
		},
		drop: []string{"value-reading:level"},
	}, {
		name:   "type: the schema's type is the row's now",
		schema: []string{`type: [string, "null"]`, `type: string`},
		want: func(t *testing.T, fx *fixture) []want {
			// And the list example's null is no owner now.
			return []want{
				stale("type", makePage, fx.rowLine(t, makePage, 5, "owner")),
				diff(KindExample, listPage, fx.lineOf(t, listPage, `"owner" : null`)),
			}
		},
		drop: []string{"type:owner"},
	}, {
		name:   "example-typo: the example is mended",
		pages:  func(t *testing.T, _, ls *page) { ls.replaceText(t, `"creatd"`, `"created"`) },
		schema: []string{"creatd: 1700000000001", "created: 1700000000001"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{stale("example-typo", makePage, fx.rowLine(t, makePage, 5, "created"))}
		},
		drop: []string{"example-typo:created"},
	}, {
		name:   "example-typo: the typo is in another example than the cited one",
		schema: []string{"            example: two\n            reason: The tables spell it created.", "            example: made\n            reason: The tables spell it created."},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{stale("example-typo", listPage, fx.lineOf(t, listPage, `"creatd"`))}
		},
		drop: []string{"example-typo:created"},
	}, {
		name:  "unchecked-rule: the sentence is gone",
		pages: func(t *testing.T, mk, _ *page) { mk.table(t, 3).set(t, "note", 3, "A note on the feed.") },
		want: func(t *testing.T, fx *fixture) []want {
			return []want{stale("unchecked-rule", makePage, fx.rowLine(t, makePage, 3, "note"))}
		},
		drop: []string{"unchecked-rule:note"},
	}, {
		name:   "reading: a note on a row is accepted while the row is there",
		schema: []string{"        labels: {x-doc-row: 10, type: string}", "        labels:\n          x-doc-row: 10\n          type: string\n          x-doc-deviation: {kind: reading, doc: the row is terse, reason: Labels are free text.}"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{{kind: "reading", status: StatusAccepted, page: makePage, line: fx.rowLine(t, makePage, 4, "labels")}}
		},
	}, {
		name:   "reading: stale when its row is gone",
		pages:  func(t *testing.T, mk, _ *page) { mk.table(t, 4).drop(t, "labels") },
		schema: []string{"        labels: {x-doc-row: 10, type: string}", "        labels:\n          x-doc-row: 10\n          type: string\n          x-doc-deviation: {kind: reading, doc: the row is terse, reason: Labels are free text.}"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{
				diff(KindNoRow, makePage, fx.rowLine(t, makePage, 4, "region")),
				stale("reading", makePage, fx.tableLine(t, makePage, 4)),
			}
		},
	}, {
		name:   "a deviation of a kind that explains nothing here",
		schema: []string{"        labels: {x-doc-row: 10, type: string}", "        labels:\n          x-doc-row: 10\n          type: string\n          x-doc-deviation: {kind: type, doc: the row says String, reason: It is one.}"},
		want: func(t *testing.T, fx *fixture) []want {
			return []want{stale("type", makePage, fx.rowLine(t, makePage, 4, "labels"))}
		},
	}} {
		m.run(t)
	}
}

// TestOutput: the text report groups by page and summarises the
// accepted deviations in one line unless verbose; the JSON report has the
// counts and every finding.
func TestOutput(t *testing.T) {
	pages := widgetPages()
	pages[0].table(t, 2).set(t, "retries", 2, "String")
	fx := check(t, pages, widgetSchema)
	var text bytes.Buffer
	if err := fx.report.WriteText(&text, false); err != nil {
		t.Fatal(err)
	}
	out := text.String()
	line := fx.rowLine(t, makePage, 2, "retries")
	pos := fx.field(t, "MakeWidgetRequest", "retries").Pos
	wantLine := fx.dir + "/" + makePage + ":" + itoa(line) + ": " + pos.String() + ": type: MakeWidgetRequest.retries: the page says String; the schema has Integer\n"
	for _, s := range []string{
		"== " + listPage + " (ListWidgets): agrees, 2 accepted deviation(s)\n",
		"== " + makePage + " (MakeWidget): 1 difference(s), 6 accepted deviation(s)\n",
		wantLine,
		fx.dir + "/" + makePage + ": accepted: 6 deviation(s): not-required 1, reading 1, type 1, unchecked-rule 2, value-reading 1 (-v lists them)\n",
		"doccheck: the pages and the schema differ: 2 page(s) modelled, 1 difference(s), 0 stale deviation(s), 8 accepted deviation(s)\n",
		"doccheck: 0 operation(s) without a page\n",
		"doccheck: 1 page(s) of " + fx.dir + " not modelled (not a failure):\n\twidgets/retiring_a_widget.rst\n",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("the text report lacks %q:\n%s", s, out)
		}
	}
	text.Reset()
	if err := fx.report.WriteText(&text, true); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text.String(), ": accepted: "); n != 8 {
		t.Errorf("verbose: %d accepted lines, want 8:\n%s", n, text.String())
	}
	var js bytes.Buffer
	if err := fx.report.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var got struct {
		OK          bool `json:"ok"`
		Differences int  `json:"differences"`
		Accepted    int  `json:"accepted"`
		Pages       []struct {
			Page     string    `json:"page"`
			Findings []Finding `json:"findings"`
		} `json:"pages"`
		NotModelled []string `json:"pages_not_modelled"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, js.String())
	}
	if got.OK || got.Differences != 1 || got.Accepted != 8 || len(got.Pages) != 2 || len(got.NotModelled) != 1 {
		t.Errorf("JSON report: %+v", got)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
