package ir

import "strconv"

// Schema is a compiled subschema: a list of checks applied to one instance
// whose Go type is known. Checks run in order, and every check carries the
// schema pointer of its keyword, which becomes the Rule of a violation.
type Schema struct {
	Pointer string
	Pos     Pos
	Checks  []Check
}

// Empty reports whether s checks nothing.
func (s *Schema) Empty() bool { return s == nil || len(s.Checks) == 0 }

// Check is one compiled keyword. The concrete types below are the whole
// set; emitters switch over them.
type Check interface {
	// Rule returns the schema pointer of the keyword.
	Rule() string
}

// Required: each field must be present (object instance).
type Required struct {
	Pointer string
	Fields  []*Field
}

// Property applies Schema to a field's value when the field is present
// (object instance). When Schema is nil the field's own type checks apply
// (for an object field, that object's Validate).
type Property struct {
	Pointer string
	Field   *Field
	Schema  *Schema
}

// Const: the value must equal Value (string, bool or integer instance).
type Const struct {
	Pointer string
	Value   Literal
}

// EnumOf: the value must be one of Values (string, bool or integer
// instance). For a value of EnumKind type, membership is the enum's Valid.
type EnumOf struct {
	Pointer string
	Values  []Literal
}

// IntBound: Value <op> Limit for an integer instance; Op is one of
// ">=", "<=", ">", "<".
type IntBound struct {
	Pointer string
	Op      string
	Limit   int64
}

// Length: the string's length in Unicode code points is within [Min, Max];
// Max < 0 means no upper bound.
type Length struct {
	Pointer  string
	Min, Max int64
}

// Pattern: the string matches the regular expression (unanchored, RE2).
type Pattern struct {
	Pointer string
	Regexp  string
}

// ItemCount: the array's length is within [Min, Max]; Max < 0 means no
// upper bound.
type ItemCount struct {
	Pointer  string
	Min, Max int64
}

// Items applies Schema to every element of an array instance (or every
// value of a map instance) from index From on: the items after those
// prefixItems describes.
type Items struct {
	Pointer string
	Schema  *Schema
	From    int
}

// AllOf: every schema matches.
type AllOf struct {
	Pointer string
	Schemas []*Schema
}

// AnyOf: at least one schema matches.
type AnyOf struct {
	Pointer string
	Schemas []*Schema
}

// OneOf: exactly one schema matches.
type OneOf struct {
	Pointer string
	Schemas []*Schema
}

// Not: the schema does not match.
type Not struct {
	Pointer string
	Schema  *Schema
}

// IfThenElse: when If matches, Then must match; otherwise Else must. Then
// or Else may be nil.
type IfThenElse struct {
	Pointer string
	If      *Schema
	Then    *Schema
	Else    *Schema
}

// DependentRequired: when Field is present, every one of Requires must be.
type DependentRequired struct {
	Pointer  string
	Field    *Field
	Requires []*Field
}

// Never: no instance matches (the boolean schema false).
type Never struct {
	Pointer string
}

// IsNull: the value is null (Null true) or is not null (Null false), for a
// subschema's type keyword on an instance that admits null: what of the
// keyword can vary for a value of the instance's Go type.
type IsNull struct {
	Pointer string
	Null    bool
}

// IsInteger: a number's value is whole, for a subschema's type: integer on
// a number instance.
type IsInteger struct {
	Pointer string
}

// The checks below are keywords of schemas that leave the JSON type open
// (an instance of kind Any), where each applies to the JSON types it is
// about and passes any other value. Required, Property and
// DependentRequired name members of such an instance through Fields of
// kind Any.

// TypeIs: the value's JSON type is one of Types: "null", "boolean",
// "integer" (a number with a whole value), "number", "string", "array",
// "object".
type TypeIs struct {
	Pointer string
	Types   []string
}

// NumBound: the number <Op> Limit, Op one of ">=", "<=", ">", "<". Limit
// is the bound as the schema writes it, compared exactly.
type NumBound struct {
	Pointer string
	Op      string
	Limit   string
}

// MultipleOf: the number divided by Divisor, a positive number as the
// schema writes it, is an integer, computed exactly.
type MultipleOf struct {
	Pointer string
	Divisor string
}

// UniqueItems: no two items of the array are equal JSON values.
type UniqueItems struct {
	Pointer string
}

// PropertyCount: the object has Min to Max members; Max < 0 means no
// upper bound.
type PropertyCount struct {
	Pointer  string
	Min, Max int64
}

// PrefixItems applies Schemas[i] to item i of the array, for the items
// there are.
type PrefixItems struct {
	Pointer string
	Schemas []*Schema
}

// Contains: the number of items of the array that match Schema is Min to
// Max (Max < 0: no upper bound). MinRule and MaxRule are the pointers of
// minContains and maxContains, or of contains when they are not given.
type Contains struct {
	Pointer          string
	Schema           *Schema
	Min, Max         int64
	MinRule, MaxRule string
}

// PatternProperty applies Schema to the value of every member whose name
// matches Regexp (unanchored, RE2).
type PatternProperty struct {
	Pointer string
	Regexp  string
	Schema  *Schema
}

// Additional applies Schema to the value of every member that is not
// named in Known and whose name matches none of Patterns.
type Additional struct {
	Pointer  string
	Known    []string
	Patterns []string
	Schema   *Schema
}

// PropertyNames applies Schema to every member name, as a string.
type PropertyNames struct {
	Pointer string
	Schema  *Schema
}

// DependentSchema: when the object has member Name, it matches Schema.
type DependentSchema struct {
	Pointer string
	Name    string
	Schema  *Schema
}

// Ref: the value matches the schema of Def.
type Ref struct {
	Pointer string
	Def     *Def
}

// Rule implementations.

func (c *Required) Rule() string          { return c.Pointer }
func (c *Property) Rule() string          { return c.Pointer }
func (c *Const) Rule() string             { return c.Pointer }
func (c *EnumOf) Rule() string            { return c.Pointer }
func (c *IntBound) Rule() string          { return c.Pointer }
func (c *Length) Rule() string            { return c.Pointer }
func (c *Pattern) Rule() string           { return c.Pointer }
func (c *ItemCount) Rule() string         { return c.Pointer }
func (c *Items) Rule() string             { return c.Pointer }
func (c *AllOf) Rule() string             { return c.Pointer }
func (c *AnyOf) Rule() string             { return c.Pointer }
func (c *OneOf) Rule() string             { return c.Pointer }
func (c *Not) Rule() string               { return c.Pointer }
func (c *IfThenElse) Rule() string        { return c.Pointer }
func (c *DependentRequired) Rule() string { return c.Pointer }
func (c *Never) Rule() string             { return c.Pointer }
func (c *IsNull) Rule() string            { return c.Pointer }
func (c *IsInteger) Rule() string         { return c.Pointer }
func (c *TypeIs) Rule() string            { return c.Pointer }
func (c *NumBound) Rule() string          { return c.Pointer }
func (c *MultipleOf) Rule() string        { return c.Pointer }
func (c *UniqueItems) Rule() string       { return c.Pointer }
func (c *PropertyCount) Rule() string     { return c.Pointer }
func (c *PrefixItems) Rule() string       { return c.Pointer }
func (c *Contains) Rule() string          { return c.Pointer }
func (c *PatternProperty) Rule() string   { return c.Pointer }
func (c *Additional) Rule() string        { return c.Pointer }
func (c *PropertyNames) Rule() string     { return c.Pointer }
func (c *DependentSchema) Rule() string   { return c.Pointer }
func (c *Ref) Rule() string               { return c.Pointer }

// Literal is a JSON value in a const or enum: a scalar of the instance's
// Go type, or, for an instance of kind Any, any JSON value.
type Literal struct {
	Kind Kind // String, Bool, Int, Null, or Any
	Str  string
	Bool bool
	Int  int64
	// JSON is the value of an Any literal as compact JSON, numbers as the
	// schema writes them.
	JSON string
}

// String returns the literal as it reads in a message: strings bare,
// booleans and numbers as JSON.
func (l Literal) String() string {
	switch l.Kind {
	case Bool:
		if l.Bool {
			return "true"
		}
		return "false"
	case Int:
		return strconv.FormatInt(l.Int, 10)
	case Null:
		return "null"
	case Any:
		return l.JSON
	default:
		return l.Str
	}
}

// AllChecks returns a value of every Check type, in the order they are
// declared: the closed set every consumer of checks (emitters, the fixture
// interpreter, doccheck, descriptions) must handle. A test of each
// consumer walks it, so that a new check type fails the tests of every
// consumer that lacks a case for it.
func AllChecks() []Check {
	return []Check{
		&Required{}, &Property{}, &Const{}, &EnumOf{}, &IntBound{}, &Length{}, &Pattern{},
		&ItemCount{}, &Items{}, &AllOf{}, &AnyOf{}, &OneOf{}, &Not{}, &IfThenElse{},
		&DependentRequired{}, &Never{}, &IsNull{}, &IsInteger{},
		&TypeIs{}, &NumBound{}, &MultipleOf{}, &UniqueItems{}, &PropertyCount{}, &PrefixItems{},
		&Contains{}, &PatternProperty{}, &Additional{}, &PropertyNames{}, &DependentSchema{}, &Ref{},
	}
}
