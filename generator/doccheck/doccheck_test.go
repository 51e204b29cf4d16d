package doccheck

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// TestGadgetAgrees: the fixture's page and schema agree but for the two
// deviations, which are listed as accepted with their reasons.
func TestGadgetAgrees(t *testing.T) {
	page := baseGadget().render()
	r, p := run(t, page, gadgetSchema)
	expect(t, r, accepted(t, p)...)
	if !r.OK() {
		t.Error("OK() is false for accepted findings only")
	}
	for _, f := range r.Findings {
		if f.Reason == "" || f.Component != "GadgetSource" || !strings.HasSuffix(f.SchemaPos, ".yaml:"+map[string]string{"zone": "89", "sep": "98"}[f.Field]) {
			t.Errorf("accepted finding %+v: want a reason and the x-doc-deviation line", f)
		}
	}
}

// mutation is one change to the fixture and the findings it must give.
type mutation struct {
	name   string
	page   func(t *testing.T, g *gadget)
	schema []string // old, new pairs
	// want lists the findings besides the accepted deviations, which
	// stay unless dropAccepted says otherwise; nil means none.
	want func(t *testing.T, p *rstdoc.Page, page string) []want
	// dropAccepted names the accepted deviations (by field) the change
	// turns into something else.
	dropAccepted []string
}

func (m mutation) run(t *testing.T) {
	g := baseGadget()
	if m.page != nil {
		m.page(t, g)
	}
	page := g.render()
	r, p := run(t, page, editSchema(t, m.schema...))
	var wants []want
	for _, w := range accepted(t, p) {
		keep := true
		for _, f := range m.dropAccepted {
			keep = keep && !(f == "zone" && w.kind == DevNotRequired) && !(f == "sep" && w.kind == DevValueReading)
		}
		if keep {
			wants = append(wants, w)
		}
	}
	if m.want != nil {
		wants = append(wants, m.want(t, p, page)...)
	}
	expect(t, r, wants...)
	ok := true
	for _, w := range wants {
		ok = ok && w.status == StatusAccepted
	}
	if r.OK() != ok {
		t.Errorf("OK() is %v, want %v", r.OK(), ok)
	}
}

func TestRowsAndProperties(t *testing.T) {
	for _, m := range []mutation{{
		name: "a row with no property",
		page: func(t *testing.T, g *gadget) {
			g.t3 = append(g.t3[:2], append([][]string{{"port", "No", "Integer", "Port number."}}, g.t3[2:]...)...)
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "port"), KindNoProperty)}
		},
	}, {
		name: "a property with no row",
		page: func(t *testing.T, g *gadget) { g.t3 = dropRow(t, g.t3, "mirror_list") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			// Reported where its row was: the row now at its position.
			return []want{diff(rowLine(t, p, 3, "zone"), KindNoRow)}
		},
	}, {
		name:   "an x-doc-row past the end of the table",
		schema: []string{"label: {x-doc-row: 1, type: string}", "label: {x-doc-row: 1, type: string}\n        colour: {x-doc-row: 6, type: string}"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(p.Table(2).Line, KindNoRow)}
		},
	}, {
		name: "a renamed row",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t3, "host", 0, "hostname") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "hostname"), KindName)}
		},
	}, {
		name: "two rows swapped",
		page: func(t *testing.T, g *gadget) { g.t2[0], g.t2[1] = g.t2[1], g.t2[0] },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindRowNumber), diff(rowLine(t, p, 2, "source_type"), KindRowNumber)}
		},
	}, {
		name: "a parameter row with no parameter",
		page: func(t *testing.T, g *gadget) {
			g.t1 = append(g.t1, []string{"region", "Yes", "String", "Where it runs."})
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 1, "region"), KindNoProperty)}
		},
	}} {
		t.Run(m.name, m.run)
	}
}

func TestTables(t *testing.T) {
	for _, m := range []mutation{{
		name: "a component whose table is gone",
		page: func(t *testing.T, g *gadget) { g.dropTable3 = true },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "source"), KindTable)}
		},
		dropAccepted: []string{"zone", "sep"},
	}, {
		name:   "a table no component models",
		schema: []string{"x-doc-table: 4\n", "x-doc-table: 5\n"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(p.Table(4).Line, KindTable), diff(0, KindTable)}
		},
	}, {
		name:   "a table titled with another component's name",
		schema: []string{"GadgetSource:\n      x-doc-table: 3", "GadgetOrigin:\n      x-doc-table: 3", "schemas/GadgetSource'", "schemas/GadgetOrigin'"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(p.Table(3).Line, KindTable), diff(rowLine(t, p, 2, "source"), KindType)}
		},
	}} {
		t.Run(m.name, m.run)
	}
}

func TestTypes(t *testing.T) {
	for _, m := range []mutation{{
		name: "Integer on the page, string in the schema",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t2, "label", 2, "Integer") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindType)}
		},
	}, {
		name:   "Long on the page, int32 in the schema",
		schema: []string{"created: {x-doc-row: 3, type: integer, format: int64}", "created: {x-doc-row: 3, type: integer, format: int32}"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 4, "created"), KindType)}
		},
	}, {
		name: "Boolean on the page, string in the schema",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t3, "mirror_list", 2, "Boolean") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "mirror_list"), KindType)}
		},
	}, {
		name: "an object on the page, a string in the schema",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t2, "label", 2, "GadgetSource") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindType)}
		},
	}, {
		name: "a link to another object",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t2, "source", 2, "GadgetOrigin") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "source"), KindType)}
		},
	}} {
		t.Run(m.name, m.run)
	}
}

func TestValues(t *testing.T) {
	for _, m := range []mutation{{
		name: "a value the enum lacks",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t2, "speed", 3, "Pace: **fast** hurries; **slow** takes its time; **idle** waits.")
		},
		// The response field that repeats the list is named in the same
		// finding, not reported again.
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "speed"), KindValues)}
		},
	}, {
		name: "a bullet value dropped",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t3, "auth", 3, "How to sign in. (Mandatory only when the source type is Alpha.)\n\n-  **TOKEN**: with a token.")
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "auth"), KindValues)}
		},
	}, {
		name:   "an enum with no values on the page",
		schema: []string{"label: {x-doc-row: 1, type: string}", "label: {x-doc-row: 1, type: string, enum: [a, b]}"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindValues)}
		},
	}, {
		name:   "x-known-values that no row of that name gives",
		schema: []string{"x-known-values: [fast, slow]", "x-known-values: [fast, slow, idle]"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 4, "speed"), KindValues)}
		},
	}, {
		name: "values on the page, none in the schema",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t2, "label", 3, "A label: **short** or **long**.") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindValues)}
		},
	}, {
		name:   "an example value outside a list taken from the examples",
		page:   func(t *testing.T, g *gadget) { g.req = strings.Replace(g.req, "ALPHA_SOURCE", "GAMMA_SOURCE", 1) },
		schema: []string{"source_type: ALPHA_SOURCE\n                  source:", "source_type: GAMMA_SOURCE\n                  source:"},
		want: func(t *testing.T, p *rstdoc.Page, page string) []want {
			return []want{diff(lineOf(t, page, `"source_type" : "GAMMA_SOURCE"`, 1), KindValues)}
		},
	}, {
		name: "a list taken from the examples that no example uses",
		page: func(t *testing.T, g *gadget) {
			g.req = strings.Replace(g.req, "  \"source_type\" : \"ALPHA_SOURCE\",\n", "", 1)
		},
		schema: []string{"source_type: ALPHA_SOURCE\n                  source:", "source:"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "source_type"), KindValues)}
		},
	}, {
		name: "special numbers on an integer row need no list, other words do",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t2, "retries", 3, "Retry budget. The default value is **3**. **-1**: no limit; **many**: a lot.")
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "retries"), KindValues)}
		},
	}} {
		t.Run(m.name, m.run)
	}
}

func TestRequirements(t *testing.T) {
	for _, m := range []mutation{{
		name: "Mandatory Yes, not required",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t2, "label", 1, "Yes") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindMandatory)}
		},
	}, {
		name: "a required parameter marked No",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t1, "team", 1, "No") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 1, "team"), KindMandatory)}
		},
	}, {
		name:   "required in the schema with no prose",
		schema: []string{"      type: object\n      properties:\n        label:", "      type: object\n      required: [label]\n      properties:\n        label:"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindMandatory)}
		},
	}, {
		name: "a condition naming another source type",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t3, "host", 3, "Host to reach. (Mandatory only when the source type is Beta.)")
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "host"), KindCondition)}
		},
	}, {
		name: "a condition the schema cannot express",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t3, "host", 3, "Host to reach. (Mandatory only when the source type is Gamma.)")
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			line := rowLine(t, p, 3, "host")
			return []want{diff(line, KindCondition), diff(line, KindCondition)}
		},
	}, {
		name: "a condition the schema does not encode",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t3, "mirror_enabled", 3, "Whether to mirror. (Mandatory only when the source type is Beta.)")
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "mirror_enabled"), KindCondition)}
		},
	}, {
		name:   "a conditional requirement with no prose",
		schema: []string{"required: [host, auth]", "required: [host, auth, mirror_enabled]"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "mirror_enabled"), KindCondition)}
		},
	}, {
		name:   "a compound condition the schema leaves out",
		schema: []string{"                if:\n                  required: [auth]\n                  properties:\n                    auth: {const: TOKEN}\n                then:\n                  required: [secret]\n", ""},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "secret"), KindCondition)}
		},
	}, {
		name:   "a compound condition encoded at the top level",
		schema: []string{"                if:\n                  required: [auth]\n                  properties:\n                    auth: {const: TOKEN}\n                then:\n                  required: [secret]\n", "", "                oneOf:", "                required: [secret]\n                oneOf:"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "secret"), KindCondition)}
		},
	}, {
		name:   "the parent object not required with its fields",
		schema: []string{"          then:\n            required: [source]\n            properties:\n              source:\n                oneOf:", "          then:\n            properties:\n              source:\n                oneOf:"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "source"), KindCondition)}
		},
	}, {
		name:   "either-or without a oneOf",
		schema: []string{"                oneOf:\n                  - required: [bucket_id]\n                  - required: [bucket_url]\n", "                required: [bucket_id]\n"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			// The page's either rule is missing, and bucket_id's
			// requirement has no prose.
			return []want{diff(rowLine(t, p, 3, "bucket_id"), KindEither), diff(rowLine(t, p, 3, "bucket_id"), KindCondition)}
		},
	}, {
		name: "a oneOf with no either-or on the page",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t3, "bucket_id", 3, "Bucket by ID.")
			setCell(t, g.t3, "bucket_url", 3, "Bucket by URL.")
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			// The oneOf has no prose, and nothing else on the page makes
			// the source required for Beta.
			return []want{diff(rowLine(t, p, 3, "bucket_id"), KindEither), diff(rowLine(t, p, 2, "source"), KindCondition)}
		},
	}, {
		name:   "not-together without a rule",
		schema: []string{"      if:\n        required: [mirror_enabled]\n        properties:\n          mirror_enabled: {const: true}\n      then:\n        not:\n          required: [mirror_list]\n", ""},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "mirror_list"), KindNotTogether)}
		},
	}, {
		name: "a not rule with no prose",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t3, "mirror_list", 3, "What to mirror.") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "mirror_enabled"), KindNotTogether)}
		},
	}, {
		name:   "a rule doccheck cannot read",
		schema: []string{"      then:\n        not:", "      anyOf:\n        - required: [host]\n        - required: [zone]\n      then:\n        not:"},
		want: func(t *testing.T, _ *rstdoc.Page, _ string) []want {
			return []want{diff(0, KindRule)}
		},
	}, {
		name:   "an if that holds when its property is absent",
		schema: []string{"      if:\n        required: [mirror_enabled]\n", "      if:\n"},
		want: func(t *testing.T, _ *rstdoc.Page, _ string) []want {
			return []want{diff(0, KindRule)}
		},
	}, {
		name: "Displayed only when conditions are not rules",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t4, "id", 2, "Gadget ID. (Displayed only when the source type is Beta.)")
		},
	}} {
		t.Run(m.name, m.run)
	}
}

func TestDefaults(t *testing.T) {
	for _, m := range []mutation{{
		name:   "another default",
		schema: []string{"format: int32, default: 3}", "format: int32, default: 4}"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "retries"), KindDefault)}
		},
	}, {
		name: "a default the schema lacks",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t2, "label", 3, "A label. The default value is **none**.") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindDefault)}
		},
	}, {
		name: "a default with no prose",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t2, "retries", 3, "Retry budget.") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "retries"), KindDefault)}
		},
	}} {
		t.Run(m.name, m.run)
	}
}

func TestExamplesAndOperation(t *testing.T) {
	for _, m := range []mutation{{
		name: "a value differs",
		page: func(t *testing.T, g *gadget) { g.req = strings.Replace(g.req, "h.example", "h2.example", 1) },
		want: func(t *testing.T, _ *rstdoc.Page, page string) []want {
			return []want{diff(lineOf(t, page, `"host" : "h2.example"`, 1), KindExample)}
		},
	}, {
		name: "numbers compare as numbers",
		page: func(t *testing.T, g *gadget) { g.resp = strings.Replace(g.resp, "1700000000000", "1.7e12", 1) },
	}, {
		name: "a page example not in the schema",
		page: func(t *testing.T, g *gadget) { g.extraExample = `{ "label" : "g2" }` },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			// The response is now example 3; the schema's x-doc-example 2
			// points at the new request.
			return []want{diff(p.Examples[1].Line, KindExample), diff(p.Examples[2].Line, KindExample)}
		},
	}, {
		name:   "a schema example the page does not have",
		schema: []string{"x-doc-example: 2", "x-doc-example: 3"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(0, KindExample), diff(p.Examples[1].Line, KindExample)}
		},
	}, {
		name: "another path on the page",
		page: func(t *testing.T, g *gadget) { g.op = "POST /v1/{team}/widgets" },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(p.PathLine, KindOperation)}
		},
	}, {
		name:   "another method in the schema",
		schema: []string{"    post:\n", "    put:\n"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(p.PathLine, KindOperation), diff(p.Examples[0].Line, KindOperation)}
		},
	}} {
		t.Run(m.name, m.run)
	}
}

func TestDeviations(t *testing.T) {
	for _, m := range []mutation{{
		name: "not-required, the page no longer makes it mandatory",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t3, "zone", 3, "Zone name.") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{{DevNotRequired, StatusStale, rowLine(t, p, 3, "zone")}}
		},
		dropAccepted: []string{"zone"},
	}, {
		name:   "not-required, the schema now requires it",
		schema: []string{"required: [host, auth]", "required: [host, auth, zone]"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{{DevNotRequired, StatusStale, rowLine(t, p, 3, "zone")}}
		},
		dropAccepted: []string{"zone"},
	}, {
		name: "not-required, the cited example now sends the field",
		page: func(t *testing.T, g *gadget) {
			g.req = strings.Replace(g.req, `"sep" : ","`, `"sep" : ",", "zone" : "z1"`, 1)
		},
		schema: []string{"secret: s3, sep: \",\"}", "secret: s3, sep: \",\", zone: z1}"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{{DevNotRequired, StatusStale, rowLine(t, p, 3, "zone")}}
		},
		dropAccepted: []string{"zone"},
	}, {
		name:   "a deviation citing an example the schema lacks",
		schema: []string{"example: alpha\n            reason: The Alpha", "example: beta\n            reason: The Alpha"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{{DevNotRequired, StatusStale, rowLine(t, p, 3, "zone")}}
		},
		dropAccepted: []string{"zone"},
	}, {
		name: "value-reading, the page now spells every value",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t3, "sep", 3, "Separator:\n\n-  **,**\n\n-  **;**") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{{DevValueReading, StatusStale, rowLine(t, p, 3, "sep")}}
		},
		dropAccepted: []string{"sep"},
	}, {
		name: "value-reading, the row lists no values",
		page: func(t *testing.T, g *gadget) { setCell(t, g.t3, "sep", 3, "Separator.") },
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			line := rowLine(t, p, 3, "sep")
			return []want{{DevValueReading, StatusStale, line}, diff(line, KindValues)}
		},
		dropAccepted: []string{"sep"},
	}, {
		name: "value-reading does not hide another list",
		page: func(t *testing.T, g *gadget) {
			setCell(t, g.t3, "sep", 3, "Separator:\n\n-  Comma (,)\n\n-  **;**\n\n-  **:**")
		},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 3, "sep"), KindValues)}
		},
	}, {
		name:   "an unknown deviation kind",
		schema: []string{"kind: value-reading", "kind: spelling"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(0, KindAnnotation)}
		},
		dropAccepted: []string{"sep"},
	}, {
		name:   "a deviation without a reason",
		schema: []string{"            reason: The example sends a comma.\n", ""},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(0, KindAnnotation)}
		},
		dropAccepted: []string{"sep"},
	}} {
		t.Run(m.name, m.run)
	}
}

func TestAnnotations(t *testing.T) {
	for _, m := range []mutation{{
		name:   "a malformed x-doc-row",
		schema: []string{"label: {x-doc-row: 1,", "label: {x-doc-row: one,"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			// The row still matches by name; its number cannot be checked.
			return []want{diff(0, KindAnnotation)}
		},
	}, {
		name:   "a missing x-doc-row",
		schema: []string{"label: {x-doc-row: 1, type: string}", "label: {type: string}"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(rowLine(t, p, 2, "label"), KindAnnotation)}
		},
	}, {
		name:   "a component without x-doc-table",
		schema: []string{"    MakeGadgetResponse:\n      x-doc-table: 4\n", "    MakeGadgetResponse:\n"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			return []want{diff(0, KindAnnotation), diff(p.Table(4).Line, KindTable)}
		},
	}, {
		name:   "an unknown x-doc-values-from",
		schema: []string{"x-doc-values-from: examples", "x-doc-values-from: prose"},
		want: func(t *testing.T, p *rstdoc.Page, _ string) []want {
			line := rowLine(t, p, 2, "source_type")
			return []want{diff(line, KindAnnotation), diff(line, KindValues)}
		},
	}} {
		t.Run(m.name, m.run)
	}
}

// TestSchemaErrors: a schema that cannot be loaded or has no operation is
// an error, not a finding.
func TestSchemaErrors(t *testing.T) {
	p, err := rstdoc.Parse("gadget.rst", []byte(baseGadget().render()))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"broken.yaml":  "openapi: 3.1.0\npaths: [\n",
		"no-ops.yaml":  "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\n",
		"missing.yaml": "",
	} {
		file := filepath.Join(dir, name)
		if text != "" {
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := Check(p, "gadget.rst", file); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestOutput: the text lines, the summary and the JSON object.
func TestOutput(t *testing.T) {
	g := baseGadget()
	setCell(t, g.t2, "label", 2, "Integer")
	r, p := run(t, g.render(), gadgetSchema)
	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(text.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 3 findings and a summary:\n%s", text.String())
	}
	labelLine := rowLine(t, p, 2, "label")
	typeLine := ""
	for _, l := range lines {
		if strings.Contains(l, ": type: ") {
			typeLine = l
		}
	}
	wantPrefix := "gadget.rst:" + itoa(labelLine) + ": " + r.Schema + ":"
	if !strings.HasPrefix(typeLine, wantPrefix) || !strings.Contains(typeLine, "MakeGadgetRequest.label") {
		t.Errorf("type line %q: want prefix %q", typeLine, wantPrefix)
	}
	for _, l := range lines[:3] {
		if strings.Contains(l, "zone") && !strings.Contains(l, ": accepted: not-required: ") || strings.Contains(l, "zone") && !strings.Contains(l, "(reason: ") {
			t.Errorf("accepted line %q", l)
		}
	}
	if !strings.HasPrefix(lines[3], "doccheck: page and schema differ: 1 difference(s), 0 stale deviation(s), 2 accepted deviation(s)") {
		t.Errorf("summary %q", lines[3])
	}

	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var out struct {
		OK          bool
		Differences int
		Accepted    int
		Findings    []Finding
	}
	if err := json.Unmarshal(js.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.OK || out.Differences != 1 || out.Accepted != 2 || len(out.Findings) != 3 {
		t.Errorf("JSON: %s", js.String())
	}

	// No findings: an empty array, not null.
	empty := &Report{Page: "p", Schema: "s"}
	js.Reset()
	if err := empty.WriteJSON(&js); err != nil || !strings.Contains(js.String(), `"findings": []`) || !strings.Contains(js.String(), `"ok": true`) {
		t.Errorf("empty report JSON: %s (%v)", js.String(), err)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
