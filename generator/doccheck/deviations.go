package doccheck

import (
	"fmt"
	"slices"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/generator/rstdoc"
)

// What each deviation kind accepts (ir.DeviationKinds):
//
//   - not-required: a mandatory, condition, either or not-empty finding
//     where the page requires the field (always or under a condition) and
//     the schema does not;
//   - value-reading: a values finding (the lists differ) or a bound
//     finding (the row does not name a bound of the schema);
//   - type: a type finding (the Type cell is not the schema's type,
//     nullability included);
//   - example-typo: an example finding about a member or a value of a
//     page example that the schema does not declare (the schema copies the
//     example unchanged, so the copy does not differ);
//   - unchecked-rule: an unchecked-rule finding (a sentence doccheck
//     cannot map);
//   - reading: nothing; it is a note, accepted while the row (or the
//     operation's page) it stands on exists.
//
// A deviation that accepts nothing, or whose cited example no longer shows
// what it cites it for, is stale.
var acceptsKind = map[string][]string{
	ir.DevNotRequired:   {KindMandatory, KindCondition, KindEither, KindNotEmpty},
	ir.DevValueReading:  {KindValues, KindBound},
	ir.DevType:          {KindType},
	ir.DevExampleTypo:   {KindExample},
	ir.DevUncheckedRule: {KindUnchecked},
	ir.DevReading:       nil,
}

// resolveDeviations turns the differences a deviation explains into
// accepted findings, and reports the deviations that explain nothing as
// stale.
func (c *checker) resolveDeviations() {
	acceptedBy := map[*deviation][]*finding{}
	for _, f := range c.findings {
		if f.Status != StatusDifference || f.accept == "" {
			continue
		}
		for _, d := range f.devs {
			if d.d.Kind == f.accept && slices.Contains(acceptsKind[d.d.Kind], f.Kind) {
				acceptedBy[d] = append(acceptedBy[d], f)
				break
			}
		}
	}
	for _, d := range c.devList {
		fs := acceptedBy[d]
		if len(fs) == 0 {
			c.unused(d)
			continue
		}
		problem := c.evidence(d, fs)
		for _, f := range fs {
			f.Difference, f.Kind, f.Reason = f.Kind, d.d.Kind, d.d.Reason
			f.SchemaPos, f.Object, f.Field = d.d.Pos.String(), d.obj, d.field
			f.Status = StatusAccepted
			if problem != "" {
				f.Status = StatusStale
				f.Message += "; but " + problem
			}
		}
	}
}

// evidence checks the example a deviation cites against what the deviation
// says of it, and returns what no longer holds, or "".
func (c *checker) evidence(d *deviation, accepted []*finding) string {
	if d.d.Example == "" || len(d.mb) == 0 || d.mb[0].field == nil {
		return ""
	}
	if d.d.Kind == ir.DevExampleTypo {
		for _, f := range accepted {
			if f.example == d.d.Example {
				return ""
			}
		}
		return fmt.Sprintf("the cited example %s has no such member or value (it is in another example)", d.d.Example)
	}
	se, ok := c.schemaExampleByName(d.d.Example)
	if !ok || se.body == nil {
		return ""
	}
	v, err := decodeJSON(se.ex.JSON)
	if err != nil {
		return ""
	}
	obj := d.mb[0].m.obj
	objects := objectsIn(v, &ir.Type{Kind: ir.ObjectKind, Object: se.body}, obj)
	if len(objects) == 0 {
		return fmt.Sprintf("the cited example %s holds no %s", d.d.Example, obj.Name)
	}
	with := 0
	for _, m := range objects {
		if _, ok := m[d.field]; ok {
			with++
		}
	}
	switch {
	case d.d.Kind == ir.DevNotRequired && with == len(objects):
		return fmt.Sprintf("the cited example %s sends %s now", d.d.Example, d.field)
	case (d.d.Kind == ir.DevType || d.d.Kind == ir.DevValueReading) && with == 0:
		return fmt.Sprintf("the cited example %s does not send %s", d.d.Example, d.field)
	}
	return ""
}

// place is a row a deviation's member has on a page.
type place struct {
	u   *unit
	row *rstdoc.Row
}

// places returns the rows of the deviation's members, in model and table
// order.
func (d *deviation) places() []place {
	var out []place
	for _, mb := range d.mb {
		for _, u := range mb.m.units {
			if r := u.rows[mb]; r != nil {
				out = append(out, place{u, r})
			}
		}
	}
	return out
}

// unused reports a deviation that accepted nothing: a reading note is
// accepted on every page its row (or operation) is on; any other is stale.
func (c *checker) unused(d *deviation) {
	places := d.places()
	base := Finding{Kind: d.d.Kind, SchemaPos: d.d.Pos.String(), Reason: d.d.Reason, Object: d.obj, Field: d.field}
	if d.d.Kind == ir.DevReading {
		switch {
		case d.op != nil && d.op.page != nil:
			f := base
			f.Status, f.Page, f.PageLine = StatusAccepted, d.op.page.Name, d.op.page.PathLine
			f.Message = fmt.Sprintf("%s: a reading of the page: %s", d.holder, d.d.Doc)
			c.add(&finding{Finding: f})
			return
		case len(places) > 0:
			seen := map[*rstdoc.Page]bool{}
			for _, p := range places {
				if seen[p.u.page] {
					continue
				}
				seen[p.u.page] = true
				f := base
				f.Status, f.Page, f.PageLine = StatusAccepted, p.u.page.Name, p.row.Line
				f.Message = fmt.Sprintf("%s: a reading of the page: %s", d.holder, d.d.Doc)
				c.add(&finding{Finding: f})
			}
			return
		}
	}
	f := base
	f.Status = StatusStale
	switch {
	case len(places) > 0:
		f.Page, f.PageLine = places[0].u.page.Name, places[0].row.Line
	case d.op != nil && d.op.page != nil:
		f.Page, f.PageLine = d.op.page.Name, d.op.page.PathLine
	default:
		for _, mb := range d.mb {
			if len(mb.m.units) > 0 {
				f.Page, f.PageLine = mb.m.units[0].page.Name, mb.m.units[0].table.Line
				break
			}
		}
	}
	f.Message = fmt.Sprintf("%s: the deviation (%s) explains no difference: %s", d.holder, d.d.Doc, staleWhy(d, len(places) > 0))
	c.add(&finding{Finding: f})
}

// staleWhy says why a deviation of its kind found nothing to accept.
func staleWhy(d *deviation, onPage bool) string {
	if !onPage && d.op == nil {
		return "no page row models what it stands on"
	}
	switch d.d.Kind {
	case ir.DevNotRequired:
		return "the schema requires it wherever the page makes it mandatory, or the page no longer does"
	case ir.DevValueReading:
		return "the value lists agree and the row names every bound"
	case ir.DevType:
		return "the row's type is the schema's"
	case ir.DevExampleTypo:
		return "no page example sends a member or value the schema lacks for it"
	case ir.DevUncheckedRule:
		return "no sentence of its row is left unchecked"
	case ir.DevReading:
		return "its operation's page is not in the folder"
	}
	return "doccheck does not know the kind " + d.d.Kind
}
