package doccheck

import (
	"fmt"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// Class is what doccheck does with a schema check (an ir.Check).
type Class int

// The classes of checks.
const (
	// ClassUnknown is a check type doccheck has no case for. It is reported
	// as a rule doccheck cannot compare; a test over ir.AllChecks keeps
	// every type out of it.
	ClassUnknown Class = iota
	// ClassRequired checks (required, dependentRequired) are compared
	// with the Mandatory cell and the conditional sentences.
	ClassRequired
	// ClassStructure checks (properties, allOf, if/then/else) are walked:
	// the rules are in their subschemas, the conditions in their if.
	ClassStructure
	// ClassChoice checks (oneOf, anyOf, not) of required fields are
	// compared with "either a or b", "a and b cannot be empty at the same
	// time", "cannot be configured at the same time" and "invalid when".
	ClassChoice
	// ClassValue checks (enum, const) are compared with the row's value
	// list, or read as the value a condition tests.
	ClassValue
	// ClassBound checks (minimum and maximum, lengths, item counts) are
	// compared with the numbers the row names.
	ClassBound
	// ClassUncomparable checks (pattern, the false schema, items inside a
	// rule, a subschema's type: null or integer) have no page phrasing
	// that states them: each is reported as a rule doccheck cannot
	// compare.
	ClassUncomparable
)

// String names the class.
func (c Class) String() string {
	switch c {
	case ClassRequired:
		return "required"
	case ClassStructure:
		return "structure"
	case ClassChoice:
		return "choice"
	case ClassValue:
		return "value"
	case ClassBound:
		return "bound"
	case ClassUncomparable:
		return "uncomparable"
	}
	return "unknown"
}

// Classify returns the class of a check. It has a case for every check
// type and no default: a new check type is ClassUnknown until it gets one,
// which TestClassifyEveryCheck catches.
func Classify(c ir.Check) Class {
	switch c.(type) {
	case *ir.Required, *ir.DependentRequired:
		return ClassRequired
	case *ir.Property, *ir.AllOf, *ir.IfThenElse:
		return ClassStructure
	case *ir.OneOf, *ir.AnyOf, *ir.Not:
		return ClassChoice
	case *ir.Const, *ir.EnumOf:
		return ClassValue
	case *ir.IntBound, *ir.NumBound, *ir.Length, *ir.ItemCount:
		return ClassBound
	case *ir.Pattern, *ir.Never, *ir.Items, *ir.IsNull, *ir.IsInteger:
		return ClassUncomparable
	case *ir.TypeIs, *ir.MultipleOf, *ir.UniqueItems, *ir.PropertyCount, *ir.PrefixItems,
		*ir.Contains, *ir.PatternProperty, *ir.Additional, *ir.PropertyNames, *ir.DependentSchema, *ir.Ref:
		// The keywords of values of open type: no parameter table states
		// them.
		return ClassUncomparable
	}
	return ClassUnknown
}

// checkTypeChecks reports the checks of a member's type that no row can
// be compared with: values and bounds are compared (checkValues,
// checkBounds); anything else on a value is a rule doccheck cannot
// compare.
func (c *checker) checkTypeChecks(u *unit, mb *member) {
	for t := mb.typ; t != nil; t = t.Elem {
		if t.Checks != nil {
			for _, ch := range t.Checks.Checks {
				switch cl := Classify(ch); cl {
				case ClassValue, ClassBound:
				default:
					c.diff(u, mb, rowLine(u, mb), KindRule, "",
						fmt.Sprintf("%s: the schema checks its value with %s (%s, class %s); doccheck cannot compare it with the page", mb.qual(), keyword(ch.Rule()), ch.Rule(), cl))
				}
			}
		}
		if t.Kind != ir.Array {
			break
		}
	}
}
