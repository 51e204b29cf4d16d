package schema

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// The documentation annotations (x-doc-*), read and checked here once, for
// doccheck and the other consumers of the IR.

// docKeys are the x-doc-* annotations and where they may stand.
var docKeys = map[string]string{
	"x-doc-tables":      "a component or a parameter",
	"x-doc-row":         "a property or a parameter",
	"x-doc-deviation":   "a property, a parameter or an operation",
	"x-doc-values-from": "a property",
	"x-doc-page":        "an operation",
	"x-doc-example":     "an example",
}

// checkDocKeys reports x-doc-* annotations of ext that are unknown, or
// known but not allowed on this node (where says what the node is).
func (b *builder) checkDocKeys(ext map[string]any, pos ir.Pos, ptr string, allowed ...string) {
	for _, k := range slices.Sorted(maps.Keys(ext)) {
		if !strings.HasPrefix(k, "x-doc-") || slices.Contains(allowed, k) {
			continue
		}
		switch where, known := docKeys[k]; {
		case k == "x-doc-table":
			b.errorf(pos, ptr+"/"+k, "x-doc-table is gone: name the tables a node models by ID, with x-doc-tables: [id, ...]")
		case known:
			b.errorf(pos, ptr+"/"+k, "%s belongs on %s", k, where)
		default:
			b.errorf(pos, ptr+"/"+k, "unknown documentation annotation %s (known: %s)", k, strings.Join(slices.Sorted(maps.Keys(docKeys)), ", "))
		}
	}
}

// tableIDPattern is the form of a table ID: a reStructuredText label or a
// page label and a title slug, lower-cased.
var tableIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

// docTables reads x-doc-tables: a non-empty list of table IDs.
func (b *builder) docTables(ext map[string]any, pos ir.Pos, ptr string) *ir.DocTables {
	raw, ok := ext["x-doc-tables"]
	if !ok {
		return nil
	}
	list, ok := raw.([]any)
	if !ok || len(list) == 0 {
		b.errorf(pos, ptr+"/x-doc-tables", "x-doc-tables must be a list of table IDs")
		return nil
	}
	t := &ir.DocTables{Pos: pos}
	for i, v := range list {
		id, ok := v.(string)
		if !ok || !tableIDPattern.MatchString(id) {
			b.errorf(pos, fmt.Sprintf("%s/x-doc-tables/%d", ptr, i), "%v is not a table ID (lower-case letters, digits, _ . -)", v)
			continue
		}
		if slices.Contains(t.IDs, id) {
			b.errorf(pos, fmt.Sprintf("%s/x-doc-tables/%d", ptr, i), "table %s is named twice", id)
			continue
		}
		t.IDs = append(t.IDs, id)
	}
	return t
}

// docPage reads x-doc-page: a page path relative to the documentation
// folder, such as smart_connect/creating_a_smart_connect_task.rst.
func (b *builder) docPage(ext map[string]any, pos ir.Pos, ptr string) string {
	raw, ok := ext["x-doc-page"]
	if !ok {
		return ""
	}
	page, ok := raw.(string)
	if !ok || !strings.HasSuffix(page, ".rst") || path.Clean(page) != page || strings.HasPrefix(page, "../") || path.IsAbs(page) {
		b.errorf(pos, ptr+"/x-doc-page", "x-doc-page must be a .rst page relative to the documentation folder, such as group/page.rst")
		return ""
	}
	return page
}

// deviations reads x-doc-deviation: one deviation, or a list of them.
func (b *builder) deviations(ext map[string]any, pos ir.Pos, ptr string) []*ir.Deviation {
	raw, ok := ext["x-doc-deviation"]
	if !ok {
		return nil
	}
	var items []any
	switch v := raw.(type) {
	case map[string]any:
		items = []any{v}
	case []any:
		items = v
	default:
		b.errorf(pos, ptr+"/x-doc-deviation", "x-doc-deviation must be a mapping (kind, doc, reason, example) or a list of them")
		return nil
	}
	var out []*ir.Deviation
	for i, item := range items {
		dptr := ptr + "/x-doc-deviation"
		if isList(raw) {
			dptr = fmt.Sprintf("%s/%d", dptr, i)
		}
		m, ok := item.(map[string]any)
		if !ok {
			b.errorf(pos, dptr, "a deviation must be a mapping with kind, doc and reason")
			continue
		}
		d := &ir.Deviation{Pos: pos, Pointer: dptr}
		fields := map[string]*string{"kind": &d.Kind, "doc": &d.Doc, "example": &d.Example, "reason": &d.Reason}
		bad := false
		for _, k := range slices.Sorted(maps.Keys(m)) {
			f, known := fields[k]
			s, isString := m[k].(string)
			switch {
			case !known:
				b.errorf(pos, dptr+"/"+k, "unknown deviation key %q (kind, doc, example, reason)", k)
				bad = true
			case !isString:
				b.errorf(pos, dptr+"/"+k, "the deviation's %s must be a string", k)
				bad = true
			default:
				*f = strings.Join(strings.Fields(s), " ")
			}
		}
		switch {
		case bad:
			continue
		case !slices.Contains(ir.DeviationKinds, d.Kind):
			b.errorf(pos, dptr+"/kind", "deviation kind %q is not one of %s", d.Kind, strings.Join(ir.DeviationKinds, ", "))
			continue
		case d.Doc == "" || d.Reason == "":
			b.errorf(pos, dptr, "a deviation needs doc (what the page says) and reason (why the model departs from it)")
			continue
		}
		out = append(out, d)
	}
	return out
}

func isList(v any) bool {
	_, ok := v.([]any)
	return ok
}

// valuesFrom reads x-doc-values-from, whose one value is "examples".
func (b *builder) valuesFrom(ext map[string]any, pos ir.Pos, ptr string) string {
	raw, ok := ext["x-doc-values-from"]
	if !ok {
		return ""
	}
	if raw != "examples" {
		b.errorf(pos, ptr+"/x-doc-values-from", "x-doc-values-from must be examples")
		return ""
	}
	return "examples"
}

// checkDeviationExamples reports deviations whose example is not an
// example of the schema.
func (b *builder) checkDeviationExamples(pkg *ir.Package) {
	names := map[string]bool{}
	var devs []*ir.Deviation
	for _, op := range pkg.Operations {
		for _, ex := range op.RequestExamples {
			names[ex.Name] = true
		}
		for _, r := range op.Responses {
			for _, ex := range r.Examples {
				names[ex.Name] = true
			}
		}
		devs = append(devs, op.Deviations...)
		for _, p := range append(slices.Clone(op.PathParams), op.QueryParams...) {
			devs = append(devs, p.Deviations...)
		}
	}
	for _, o := range b.objectList {
		for _, f := range o.Fields {
			devs = append(devs, f.Deviations...)
		}
	}
	for _, d := range devs {
		if d.Example != "" && !names[d.Example] {
			b.errorf(d.Pos, d.Pointer+"/example", "no example of the schema is named %q", d.Example)
		}
	}
}
