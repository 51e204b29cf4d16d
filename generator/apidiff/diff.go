package apidiff

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Change is one difference a user of the package would notice.
type Change struct {
	// Name is the identifier it is about: "X" for a package-level name,
	// "X.F" for a field or method of type X.
	Name string
	// Breaking is set when code that compiled against the old API may not
	// compile against the new one, or sends or reads other JSON: something
	// removed, renamed or retyped, a JSON name or a constant's value
	// changed, a method added to an interface others may implement.
	Breaking bool
	// Added is set for something new that breaks no one: a type, function,
	// value, field or method.
	Added bool
	// Message says what changed, on one line, such as "func DecodeX:
	// signature changed from func([]byte) (*X, error) to func([]byte) (X,
	// error)".
	Message string

	key string // what it sorts by: Name, or the old name of a renamed type first
}

// Category is "breaking", "addition", or "compatible" for a change that is
// neither (a method moved from the pointer to the value receiver).
func (c Change) Category() string {
	switch {
	case c.Breaking:
		return "breaking"
	case c.Added:
		return "addition"
	}
	return "compatible"
}

func (c Change) String() string { return c.Category() + ": " + c.Message }

func (c Change) rank() int {
	switch {
	case c.Breaking:
		return 0
	case c.Added:
		return 2
	}
	return 1
}

// Diff lists what changed from old to new: breaking changes first, then
// compatible ones, then additions, each sorted by name and message. A
// likely rename (a type, function, value, field or method removed and one
// added of the same kind and the same definition, type or signature, with
// no other candidate) is one change, "removed (renamed to Y?)"; the uses
// of a renamed type elsewhere are not reported again.
func Diff(old, new API) []Change {
	d := &differ{old: index(old), new: index(new), renames: map[string]string{}, renamedFrom: map[string]string{}}
	if old.Package != new.Package && old.Package != "" && new.Package != "" {
		d.add(Change{Name: "package", Breaking: true, Message: fmt.Sprintf("package: name changed from %s to %s", old.Package, new.Package)})
	}
	d.kinds()
	d.types()
	d.funcs()
	d.values()
	slices.SortFunc(d.out, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.rank(), b.rank()), strings.Compare(a.key, b.key), strings.Compare(a.Message, b.Message))
	})
	return slices.Compact(d.out)
}

// indexed is an API with its names looked up.
type indexed struct {
	api    API
	types  map[string]*Type
	funcs  map[string]*Func
	values map[string]*Value
	// enum is, for each type, the sorted values of the constants of that
	// type: part of what makes a renamed enum type recognisable.
	enum map[string][]string
}

func index(a API) indexed {
	x := indexed{api: a, types: map[string]*Type{}, funcs: map[string]*Func{}, values: map[string]*Value{}, enum: map[string][]string{}}
	for i := range a.Types {
		x.types[a.Types[i].Name] = &a.Types[i]
	}
	for i := range a.Funcs {
		x.funcs[a.Funcs[i].Name] = &a.Funcs[i]
	}
	for i := range a.Values {
		v := &a.Values[i]
		x.values[v.Name] = v
		if v.Const {
			x.enum[v.Type] = append(x.enum[v.Type], v.Value)
		}
	}
	for _, vs := range x.enum {
		slices.Sort(vs)
	}
	return x
}

// kind is what a package-level name is: "type", "func", "const" or
// "var"; "" when the API has no such name.
func (x indexed) kind(name string) string {
	switch {
	case x.types[name] != nil:
		return "type"
	case x.funcs[name] != nil:
		return "func"
	case x.values[name] != nil && x.values[name].Const:
		return "const"
	case x.values[name] != nil:
		return "var"
	}
	return ""
}

type differ struct {
	old, new indexed
	// renames maps the old name of each renamed type to its new one; the
	// old API's type expressions are read through it.
	renames     map[string]string
	renamedFrom map[string]string // the other way
	// changedKind are names that are in both APIs as different kinds
	// (a func that became a var), reported once.
	changedKind map[string]bool
	out         []Change
}

// add records a change; the changes of a renamed type's members sort
// after the rename.
func (d *differ) add(c Change) {
	c.key = c.Name
	typ, _, _ := strings.Cut(c.Name, ".")
	if old, ok := d.renamedFrom[typ]; ok {
		c.key = old + " " + c.Name
	}
	d.out = append(d.out, c)
}

func (d *differ) breaking(name, format string, args ...any) {
	d.add(Change{Name: name, Breaking: true, Message: fmt.Sprintf(format, args...)})
}

func (d *differ) addition(name, format string, args ...any) {
	d.add(Change{Name: name, Added: true, Message: fmt.Sprintf(format, args...)})
}

func (d *differ) compatible(name, format string, args ...any) {
	d.add(Change{Name: name, Message: fmt.Sprintf(format, args...)})
}

func (d *differ) kinds() {
	d.changedKind = map[string]bool{}
	var names []string
	for _, t := range d.old.api.Types {
		names = append(names, t.Name)
	}
	for _, f := range d.old.api.Funcs {
		names = append(names, f.Name)
	}
	for _, v := range d.old.api.Values {
		names = append(names, v.Name)
	}
	for _, n := range names {
		ok, nk := d.old.kind(n), d.new.kind(n)
		if nk != "" && ok != nk {
			d.changedKind[n] = true
			d.breaking(n, "%s %s: now a %s", ok, n, nk)
		}
	}
}

// normal are the spellings compared as one.
var normal = map[string]string{"byte": "uint8", "rune": "int32"}

// canon is a printed type or signature of the old (renamed set) or new
// API in the form compared: byte and rune spelled uint8 and int32, type
// parameters by position, renamed types by their new names.
func (d *differ) canon(s string, tparams []string, old bool) string {
	m := make(map[string]string, len(normal)+len(tparams)+len(d.renames))
	for k, v := range normal {
		m[k] = v
	}
	if old {
		for k, v := range d.renames {
			m[k] = v
		}
	}
	for i, p := range tparams {
		m[p] = "$" + strconv.Itoa(i)
	}
	return subst(s, m)
}

// Levels of likeness between a removed and an added type, from the
// closest: the first level at which one pair is alike, and no other
// candidate, makes a rename.
const (
	sameEverything = iota // definition, fields, methods and enum values
	sameDefinition        // definition and fields' names and types
	sameNames             // kind and the names of fields and methods
)

// shape is what must match, at a level of likeness, for a removed and an
// added type to be one renamed.
func (d *differ) shape(t *Type, x indexed, old bool, level int) string {
	self := map[string]string{t.Name: "$self"}
	c := func(s string) string { return subst(d.canon(s, t.tparams, old), self) }
	var b strings.Builder
	if level == sameNames {
		fmt.Fprintf(&b, "%s|%d", t.Kind, len(t.tparams))
		for _, f := range t.Fields {
			fmt.Fprintf(&b, "|f %s", f.Name)
		}
		for _, m := range t.Methods {
			fmt.Fprintf(&b, "|m %s", m.Name)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "%s|%s|%s|%t", t.Kind, c(t.TypeParams), c(t.Underlying), t.Sealed)
	for _, f := range t.Fields {
		fmt.Fprintf(&b, "|f %s %s %t", f.Name, c(f.Type), f.Embedded)
		if level == sameEverything {
			fmt.Fprintf(&b, " %s %s", f.JSON, f.Via)
		}
	}
	for _, e := range t.Embeds {
		fmt.Fprintf(&b, "|e %s", c(e))
	}
	if level == sameEverything {
		for _, m := range t.Methods {
			fmt.Fprintf(&b, "|m %s %s %t", m.Name, c(m.Sig), m.Pointer)
		}
		fmt.Fprintf(&b, "|v %q", x.enum[t.Name])
	}
	return b.String()
}

// pairs matches removed and added items whose keys are equal and unique on
// both sides; an empty key never matches. It returns, for each removed
// index, the added index, or -1.
func pairs[T any](removed, added []T, keys ...func(T, bool) string) []int {
	match := make([]int, len(removed))
	for i := range match {
		match[i] = -1
	}
	taken := make([]bool, len(added))
	for _, key := range keys {
		count := map[string]int{}
		oldAt, newAt := map[string]int{}, map[string]int{}
		for i, r := range removed {
			if match[i] < 0 {
				if k := key(r, true); k != "" {
					count["o"+k]++
					oldAt[k] = i
				}
			}
		}
		for j, a := range added {
			if !taken[j] {
				if k := key(a, false); k != "" {
					count["n"+k]++
					newAt[k] = j
				}
			}
		}
		for k, i := range oldAt {
			if j, ok := newAt[k]; ok && count["o"+k] == 1 && count["n"+k] == 1 {
				match[i], taken[j] = j, true
			}
		}
	}
	return match
}

func (d *differ) types() {
	var removed, added []*Type
	for i := range d.old.api.Types {
		if t := &d.old.api.Types[i]; d.new.kind(t.Name) == "" {
			removed = append(removed, t)
		}
	}
	for i := range d.new.api.Types {
		if t := &d.new.api.Types[i]; d.old.kind(t.Name) == "" {
			added = append(added, t)
		}
	}
	// Renames are found in rounds: a type whose fields name another
	// renamed type matches once that one is known.
	match := make([]int, len(removed))
	for i := range match {
		match[i] = -1
	}
	for {
		key := func(level int) func(t *Type, old bool) string {
			return func(t *Type, old bool) string {
				if old {
					return d.shape(t, d.old, true, level)
				}
				return d.shape(t, d.new, false, level)
			}
		}
		var restR, restA []*Type
		var at []int
		used := map[*Type]bool{}
		for _, m := range match {
			if m >= 0 {
				used[added[m]] = true
			}
		}
		for i, t := range removed {
			if match[i] < 0 {
				restR, at = append(restR, t), append(at, i)
			}
		}
		var atA []int
		for j, t := range added {
			if !used[t] {
				restA, atA = append(restA, t), append(atA, j)
			}
		}
		found := false
		for i, m := range pairs(restR, restA, key(sameEverything), key(sameDefinition), key(sameNames)) {
			if m >= 0 {
				match[at[i]] = atA[m]
				d.renames[restR[i].Name] = restA[m].Name
				d.renamedFrom[restA[m].Name] = restR[i].Name
				found = true
			}
		}
		if !found {
			break
		}
	}
	renamedTo := map[string]bool{}
	for i, t := range removed {
		if m := match[i]; m >= 0 {
			n := added[m]
			renamedTo[n.Name] = true
			d.breaking(t.Name, "type %s: removed (renamed to %s?)", t.Name, n.Name)
			d.compareType(t, n)
			continue
		}
		d.breaking(t.Name, "type %s: removed", t.Name)
	}
	for _, t := range added {
		if !renamedTo[t.Name] {
			d.addition(t.Name, "type %s: added", t.Name)
		}
	}
	for i := range d.old.api.Types {
		o := &d.old.api.Types[i]
		if n := d.new.types[o.Name]; n != nil {
			d.compareType(o, n)
		}
	}
}

// describe says what a type is, for a message.
func describe(t *Type) string {
	switch t.Kind {
	case KindStruct:
		return "a struct"
	case KindInterface:
		return "an interface"
	case KindAlias:
		return "an alias of " + t.Underlying
	}
	return t.Underlying
}

func (d *differ) compareType(o, n *Type) {
	name := n.Name
	if otp, ntp := d.canon(o.TypeParams, o.tparams, true), d.canon(n.TypeParams, n.tparams, false); otp != ntp {
		d.breaking(name, "type %s: type parameters changed from %s to %s", name, orNone(o.TypeParams), orNone(n.TypeParams))
	}
	if target := d.new.types[n.Underlying]; o.Kind != KindAlias && n.Kind == KindAlias && target != nil && target.Kind == o.Kind &&
		d.canon(o.Underlying, o.tparams, true) == d.canon(target.Underlying, target.tparams, false) {
		// type X = Y, Y being what X was: the usual way to rename
		// compatibly. Compare its members with Y's.
		d.compatible(name, "type %s: now an alias of %s", name, n.Underlying)
		n = target
	}
	if o.Kind != n.Kind {
		d.breaking(name, "type %s: changed from %s to %s", name, describe(o), describe(n))
		if o.Kind != KindInterface && n.Kind != KindInterface && o.Kind != KindAlias && n.Kind != KindAlias {
			d.compareMethods(name, o, n)
		}
		return
	}
	if d.canon(o.Underlying, o.tparams, true) != d.canon(n.Underlying, n.tparams, false) {
		d.breaking(name, "type %s: changed from %s to %s", name, describe(o), describe(n))
	}
	d.compareFields(name, o, n)
	if o.Kind == KindInterface && n.Kind == KindInterface {
		d.compareInterface(name, o, n)
		return
	}
	d.compareMethods(name, o, n)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// jsonMember is the member name encoding/json gives a field: its tag's,
// else its Go name; "" for an embedded field without one (inlined).
func jsonMember(f *Field) string {
	switch {
	case f.JSON != "":
		return f.JSON
	case f.Embedded:
		return ""
	}
	return f.Name
}

func jsonText(s string) string {
	switch s {
	case "-":
		return `"-" (never encoded)`
	case "":
		return "none (inlined)"
	}
	return strconv.Quote(s)
}

func (d *differ) compareFields(typ string, o, n *Type) {
	newAt := map[string]*Field{}
	for i := range n.Fields {
		newAt[n.Fields[i].Name] = &n.Fields[i]
	}
	oldAt := map[string]bool{}
	var removed []*Field
	for i := range o.Fields {
		of := &o.Fields[i]
		oldAt[of.Name] = true
		nf := newAt[of.Name]
		if nf == nil {
			removed = append(removed, of)
			continue
		}
		id := typ + "." + of.Name
		what := fmt.Sprintf("type %s: field %s", typ, of.Name)
		if ot, nt := d.canon(of.Type, o.tparams, true), d.canon(nf.Type, n.tparams, false); ot != nt {
			d.breaking(id, "%s: type changed from %s to %s", what, of.Type, nf.Type)
		}
		if oj, nj := jsonMember(of), jsonMember(nf); oj != nj {
			d.breaking(id, "%s: JSON name changed from %s to %s", what, jsonText(oj), jsonText(nj))
		}
		switch {
		case of.Embedded && !nf.Embedded:
			d.breaking(id, "%s: no longer embedded (what it promoted is gone)", what)
		case !of.Embedded && nf.Embedded:
			d.compatible(id, "%s: now embedded", what)
		}
		switch {
		case of.Via == "" && nf.Via != "":
			d.breaking(id, "%s: now promoted through %s (a composite literal can no longer set it)", what, nf.Via)
		case of.Via != "" && nf.Via == "":
			d.compatible(id, "%s: now declared in %s itself", what, typ)
		}
	}
	var added []*Field
	for i := range n.Fields {
		if !oldAt[n.Fields[i].Name] {
			added = append(added, &n.Fields[i])
		}
	}
	key := func(f *Field, old bool) string {
		tp := n.tparams
		if old {
			tp = o.tparams
		}
		return fmt.Sprintf("%t %s", f.Embedded, d.canon(f.Type, tp, old))
	}
	match := pairs(removed, added, key)
	renamed := map[*Field]bool{}
	for i, f := range removed {
		id := typ + "." + f.Name
		if m := match[i]; m >= 0 {
			g := added[m]
			renamed[g] = true
			json := ""
			if f.JSON != g.JSON && f.JSON != "" && g.JSON != "" {
				json = fmt.Sprintf(", JSON name %s instead of %s", jsonText(g.JSON), jsonText(f.JSON))
			}
			d.breaking(id, "type %s: field %s: removed (renamed to %s?%s)", typ, f.Name, g.Name, json)
			continue
		}
		d.breaking(id, "type %s: field %s: removed", typ, f.Name)
	}
	for _, g := range added {
		if renamed[g] {
			continue
		}
		via := ""
		if g.Via != "" {
			via = " (promoted through " + g.Via + ")"
		}
		d.addition(typ+"."+g.Name, "type %s: field %s: added%s", typ, g.Name, via)
	}
}

// methodName is how a method is named in a message: (*T).M or T.M.
func methodName(typ string, m *Method) string {
	if m.Pointer {
		return "(*" + typ + ")." + m.Name
	}
	return typ + "." + m.Name
}

// splitMethods pairs the methods of two versions of a type by name, and
// matches the removed with the added of the same signature as renames.
func (d *differ) splitMethods(o, n *Type) (both [][2]*Method, removed []*Method, renamedTo []*Method, added []*Method) {
	newAt := map[string]*Method{}
	for i := range n.Methods {
		newAt[n.Methods[i].Name] = &n.Methods[i]
	}
	oldAt := map[string]bool{}
	for i := range o.Methods {
		om := &o.Methods[i]
		oldAt[om.Name] = true
		if nm := newAt[om.Name]; nm != nil {
			both = append(both, [2]*Method{om, nm})
		} else {
			removed = append(removed, om)
		}
	}
	var fresh []*Method
	for i := range n.Methods {
		if !oldAt[n.Methods[i].Name] {
			fresh = append(fresh, &n.Methods[i])
		}
	}
	key := func(m *Method, old bool) string {
		tp := n.tparams
		if old {
			tp = o.tparams
		}
		return fmt.Sprintf("%t %s", m.Pointer, d.canon(m.Sig, tp, old))
	}
	match := pairs(removed, fresh, key)
	renamedTo = make([]*Method, len(removed))
	taken := map[*Method]bool{}
	for i, m := range match {
		if m >= 0 {
			renamedTo[i] = fresh[m]
			taken[fresh[m]] = true
		}
	}
	for _, m := range fresh {
		if !taken[m] {
			added = append(added, m)
		}
	}
	return both, removed, renamedTo, added
}

func (d *differ) compareMethods(typ string, o, n *Type) {
	both, removed, renamedTo, added := d.splitMethods(o, n)
	for _, p := range both {
		om, nm := p[0], p[1]
		id := typ + "." + om.Name
		if os, ns := d.canon(om.Sig, o.tparams, true), d.canon(nm.Sig, n.tparams, false); os != ns {
			d.breaking(id, "method %s: signature changed from %s to %s", methodName(typ, nm), om.Sig, nm.Sig)
		}
		switch {
		case !om.Pointer && nm.Pointer:
			d.breaking(id, "method %s: moved to the pointer receiver (%s values no longer have it)", methodName(typ, nm), typ)
		case om.Pointer && !nm.Pointer:
			d.compatible(id, "method %s: moved to the value receiver", methodName(typ, nm))
		}
	}
	for i, m := range removed {
		if r := renamedTo[i]; r != nil {
			d.breaking(typ+"."+m.Name, "method %s: removed (renamed to %s?)", methodName(typ, m), r.Name)
			continue
		}
		d.breaking(typ+"."+m.Name, "method %s: removed", methodName(typ, m))
	}
	for _, m := range added {
		d.addition(typ+"."+m.Name, "method %s: added", methodName(typ, m))
	}
}

func (d *differ) compareInterface(typ string, o, n *Type) {
	both, removed, renamedTo, added := d.splitMethods(o, n)
	for _, p := range both {
		if os, ns := d.canon(p[0].Sig, o.tparams, true), d.canon(p[1].Sig, n.tparams, false); os != ns {
			d.breaking(typ+"."+p[0].Name, "type %s: method %s: signature changed from %s to %s", typ, p[0].Name, p[0].Sig, p[1].Sig)
		}
	}
	for i, m := range removed {
		if r := renamedTo[i]; r != nil {
			d.breaking(typ+"."+m.Name, "type %s: method %s: removed (renamed to %s?)", typ, m.Name, r.Name)
			continue
		}
		d.breaking(typ+"."+m.Name, "type %s: method %s: removed", typ, m.Name)
	}
	for _, m := range added {
		if n.Sealed {
			d.addition(typ+"."+m.Name, "type %s: method %s: added", typ, m.Name)
			continue
		}
		d.breaking(typ+"."+m.Name, "type %s: method %s: added (a type outside the package that implements %s no longer does)", typ, m.Name, typ)
	}
	oe, ne := map[string]bool{}, map[string]bool{}
	for _, e := range o.Embeds {
		oe[d.canon(e, o.tparams, true)] = true
	}
	for _, e := range n.Embeds {
		ne[d.canon(e, n.tparams, false)] = true
	}
	for _, e := range o.Embeds {
		if !ne[d.canon(e, o.tparams, true)] {
			d.breaking(typ, "type %s: no longer embeds %s", typ, e)
		}
	}
	for _, e := range n.Embeds {
		if !oe[d.canon(e, n.tparams, false)] {
			d.breaking(typ, "type %s: now embeds %s", typ, e)
		}
	}
	switch {
	case !o.Sealed && n.Sealed:
		d.breaking(typ, "type %s: now has an unexported method (only its package can implement it)", typ)
	case o.Sealed && !n.Sealed:
		d.compatible(typ, "type %s: no longer has an unexported method", typ)
	}
}

func (d *differ) funcs() {
	var removed, added []*Func
	for i := range d.old.api.Funcs {
		o := &d.old.api.Funcs[i]
		n := d.new.funcs[o.Name]
		switch {
		case n != nil:
			if os, ns := d.canon(o.Sig, o.tparams, true), d.canon(n.Sig, n.tparams, false); os != ns {
				d.breaking(o.Name, "func %s: signature changed from %s to %s", o.Name, o.Sig, n.Sig)
			}
		case !d.changedKind[o.Name]:
			removed = append(removed, o)
		}
	}
	for i := range d.new.api.Funcs {
		if n := &d.new.api.Funcs[i]; d.old.kind(n.Name) == "" {
			added = append(added, n)
		}
	}
	key := func(f *Func, old bool) string { return d.canon(f.Sig, f.tparams, old) }
	match := pairs(removed, added, key)
	renamed := map[*Func]bool{}
	for i, f := range removed {
		if m := match[i]; m >= 0 {
			renamed[added[m]] = true
			d.breaking(f.Name, "func %s: removed (renamed to %s?)", f.Name, added[m].Name)
			continue
		}
		d.breaking(f.Name, "func %s: removed", f.Name)
	}
	for _, f := range added {
		if !renamed[f] {
			d.addition(f.Name, "func %s: added", f.Name)
		}
	}
}

func valueKind(v *Value) string {
	if v.Const {
		return "const"
	}
	return "var"
}

func (d *differ) values() {
	var removed, added []*Value
	for i := range d.old.api.Values {
		o := &d.old.api.Values[i]
		n := d.new.values[o.Name]
		switch {
		case n != nil && o.Const != n.Const:
			d.breaking(o.Name, "%s %s: now a %s", valueKind(o), o.Name, valueKind(n))
		case n != nil:
			what := valueKind(o) + " " + o.Name
			if o.Type != "" && n.Type != "" && d.canon(o.Type, nil, true) != d.canon(n.Type, nil, false) {
				d.breaking(o.Name, "%s: type changed from %s to %s", what, o.Type, n.Type)
			}
			if o.Const && o.Value != n.Value {
				d.breaking(o.Name, "%s: value changed from %s to %s", what, o.Value, n.Value)
			}
		case !d.changedKind[o.Name]:
			removed = append(removed, o)
		}
	}
	for i := range d.new.api.Values {
		if n := &d.new.api.Values[i]; d.old.kind(n.Name) == "" {
			added = append(added, n)
		}
	}
	key := func(v *Value, old bool) string {
		if v.Type == "" {
			return ""
		}
		return fmt.Sprintf("%t %s %s", v.Const, d.canon(v.Type, nil, old), v.Value)
	}
	match := pairs(removed, added, key)
	renamed := map[*Value]bool{}
	for i, v := range removed {
		if m := match[i]; m >= 0 {
			renamed[added[m]] = true
			d.breaking(v.Name, "%s %s: removed (renamed to %s?)", valueKind(v), v.Name, added[m].Name)
			continue
		}
		d.breaking(v.Name, "%s %s: removed", valueKind(v), v.Name)
	}
	for _, v := range added {
		if !renamed[v] {
			d.addition(v.Name, "%s %s: added", valueKind(v), v.Name)
		}
	}
}
