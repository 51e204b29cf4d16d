// Package ir is the intermediate representation between the schema loader
// and the emitters. It holds the schema's facts and the Go names chosen for
// them, in a fixed order, with the source position and schema pointer of
// every node. It imports neither kin-openapi nor jennifer: the builder fills
// it, the emitters read it, and by the time an emitter runs the IR is valid.
package ir

import "fmt"

// Pos is a position in a schema file.
type Pos struct {
	File string // as given to the generator, never made absolute
	Line int    // 1-based
	Col  int    // 1-based
}

// String returns "file:line:col", or "file" when the line is unknown.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Package is everything one generated Go package holds.
type Package struct {
	Name       string // Go package name
	Source     string // schema file as given, for the generated header
	Title      string // info.title
	Doc        string // info.description
	Objects    []*Object
	Enums      []*Enum
	Operations []*Operation
	// Defs are the schemas values of open JSON type (Any) are checked
	// against by $ref, in pointer order.
	Defs []*Def
	// Named are the JSON bodies that are not objects, in Go name order.
	Named []*Named
	// Notes are remarks for the user on parts of the document that
	// generate nothing (webhooks, security schemes...), located.
	Notes []string
}

// Def is a schema checked by reference: the target of a $ref from a schema
// of open JSON type. It is compiled once and checked by a function of its
// own, so that a schema that refers to itself (a tree) terminates with the
// value.
type Def struct {
	Pointer string // of the schema, e.g. "#/components/schemas/Node"
	Pos     Pos
	// Func is the name of the generated function that checks a value
	// against Schema.
	Func   string
	Schema *Schema
	// Component is the name of the component the schema is, "" when it
	// is another schema; GoName names the exported Validate<GoName>
	// function of a component.
	Component string
	GoName    string
	Doc       string
}

// Object is a Go struct made from an object schema.
type Object struct {
	Name    string // schema name, e.g. the components key
	GoName  string
	Doc     string
	Pos     Pos
	Pointer string // schema pointer, e.g. "#/components/schemas/X"

	Fields []*Field
	// Closed is true when additionalProperties is false: unknown members
	// are rejected.
	Closed bool
	// ClosedRule is the pointer of the additionalProperties keyword.
	ClosedRule string
	// TypeRule is the pointer of the object's type keyword.
	TypeRule string
	// Sensitive is true when the object holds a sensitive field, directly
	// or in a nested object.
	Sensitive bool
	// Recursive is true when a value of the object can hold another value
	// of it, through fields, items or map values: a value built in Go can
	// then be a cycle, which Validate and the printers guard against.
	Recursive bool
	// Rules are the object-level rules beyond its fields' own types:
	// required, if/then/else, allOf, oneOf, not, dependentRequired.
	Rules *Schema
	// Tables names the page tables the object models (x-doc-tables), nil
	// when none.
	Tables *DocTables
	Todos  []*Todo // x-doc-todo, kept with schema.Config.KeepTodos
}

// Field is one property of an Object.
type Field struct {
	JSONName   string
	GoName     string
	Doc        string
	Pos        Pos
	Pointer    string // pointer of the property schema
	Type       *Type
	Sensitive  bool // the value holds a secret (format: password), here or in array items or map values
	Deprecated bool
	// ReadOnly and WriteOnly are the schema's readOnly and writeOnly: the
	// service sets a read-only field and a request leaves it out; a
	// write-only field is sent and never returned. Annotations, as in JSON
	// Schema: no rule checks them.
	ReadOnly, WriteOnly bool
	Default             string // the documented default as JSON text, "" when none
	DocRow              int    // x-doc-row, 0 when absent
	// ValuesFrom is x-doc-values-from: "examples" when the field's value
	// list comes from the page's examples, not a table cell.
	ValuesFrom string
	Deviations []*Deviation // x-doc-deviation
	Todos      []*Todo      // x-doc-todo, kept with schema.Config.KeepTodos
}

// Kind is the kind of a Type.
type Kind int

// The kinds of types.
const (
	String Kind = iota + 1
	Bool
	Int
	Float
	EnumKind
	ObjectKind
	Array
	Map
	// Null is the kind of a null literal in a const or enum.
	Null
	// Any is a JSON value of any type (the Go type Value), for a schema
	// that leaves the type open: its Checks hold every keyword, each
	// applying to the JSON types it is about.
	Any
)

// Type is the type of a field, an array element or a map value.
type Type struct {
	Kind Kind
	// Bits is 32 or 64 for Int and Float.
	Bits int
	// Min and Max are the inclusive bounds of an Int, or a Float's whole
	// ones, from the schema; the decoder enforces them exactly.
	Min, Max         int64
	MinRule, MaxRule string
	// MinDecimal and MaxDecimal are a Float's inclusive bounds that are
	// not whole numbers, as the schema writes them ("" when none); the
	// decoder compares a document's number with them digit by digit, in
	// place of Min and Max.
	MinDecimal, MaxDecimal string
	// Secret is true for a string with format: password: its Go type is
	// Secret, which never prints.
	Secret bool
	Enum   *Enum // EnumKind
	// Listed are, for EnumKind, the values this schema lists (enum or
	// x-known-values), in order: the Go type may hold the constants of
	// other lists that share it.
	Listed []string
	Object *Object // ObjectKind
	Elem   *Type   // Array and Map
	// Nullable is true when the type includes "null": the field keeps an
	// explicit null apart from absence and from a value.
	Nullable bool
	// TypeRule is the pointer of the type keyword (or of the schema when
	// the type comes from a $ref).
	TypeRule string
	// Checks are the value's own checks beyond its type (enum membership,
	// bounds narrower than the Go type, lengths, pattern, items).
	Checks *Schema
}

// Enum is a Go string type with a constant per value.
type Enum struct {
	GoName string
	Doc    string
	Pos    Pos
	// Pointer is where the enum was first declared.
	Pointer string
	Values  []EnumValue
}

// EnumValue is one value of an Enum.
type EnumValue struct {
	Value  string
	GoName string // the constant's full name, e.g. SourceTypeNone
}

// Operation is one HTTP operation.
type Operation struct {
	ID           string // operationId
	GoName       string
	Method       string // upper case
	Path         string // template, e.g. /v2/{project_id}/x
	Doc          string
	Pos          Pos
	Pointer      string
	PathParams   []*Param
	QueryParams  []*Param
	HeaderParams []*Param
	Request      *Body // nil when the operation sends no body
	// RequestExamples are the examples of the request body, in name order.
	RequestExamples []*Example
	Responses       []*Response
	// DocPage is x-doc-page: the reference page the operation models,
	// relative to the documentation folder; "" when none.
	DocPage    string
	DocPagePos Pos
	Deviations []*Deviation // x-doc-deviation
	Todos      []*Todo      // x-doc-todo, kept with schema.Config.KeepTodos
}

// Example is an example value a request or response body gives.
type Example struct {
	Name    string // the key under examples
	Summary string
	Pos     Pos
	Pointer string // of the example's value
	// JSON is the value as compact JSON, with object keys sorted and
	// numbers exactly as written.
	JSON []byte
	// DocNum is x-doc-example: the example's number on its documentation
	// page, 0 when absent.
	DocNum int
}

// Param is a path or query parameter. Path parameters are strings; a
// query parameter has a scalar type, or an array of scalars (sent as the
// parameter repeated).
type Param struct {
	Name     string
	GoName   string
	Doc      string
	Pos      Pos
	Pointer  string // of the parameter
	DocRow   int
	Type     *Type // query parameters only
	Required bool  // query parameters only; path parameters always are
	// Default is the documented default as JSON text, "" when none.
	Default    string
	Tables     *DocTables // x-doc-tables, nil when none
	Deviations []*Deviation
	Todos      []*Todo // x-doc-todo, kept with schema.Config.KeepTodos
}

// Response is one documented response of an operation.
type Response struct {
	Status   string     // "200", "204", ...
	Body     *Body      // nil for a response without a body
	Examples []*Example // in name order
}

// BodyKind is how a body is read: as JSON, as text, or as bytes.
type BodyKind int

// The kinds of bodies.
const (
	// JSONBody is application/json or another media type ending in +json.
	JSONBody BodyKind = iota + 1
	// TextBody is a text/* media type: the body is a string.
	TextBody
	// BinaryBody is any other media type: the body is bytes.
	BinaryBody
)

// Body is the payload of a request or a response.
type Body struct {
	MediaType string // as the document names it
	Kind      BodyKind
	Pointer   string // of the schema, "" when there is none
	// Type is the type of a JSON body, the string type (with its rules)
	// of a text body that has a schema, and nil otherwise.
	Type *Type
	// Named is the Go name the functions of a JSON body that is not an
	// object are made from (Decode<Name>, Validate<Name>, Encode<Name>),
	// nil for an object (its type's own) and for text and binary bodies.
	Named *Named
}

// Object is the body's object type, nil when it is not one.
func (b *Body) Object() *Object {
	if b == nil || b.Kind != JSONBody || b.Type == nil || b.Type.Kind != ObjectKind {
		return nil
	}
	return b.Type.Object
}

// Objects returns the objects the operation's request and response bodies
// hold, directly or through fields, items and map values, each once, in
// the order a walk from the request body meets them.
func (op *Operation) Objects() []*Object {
	var out []*Object
	seen := map[*Object]bool{}
	var walk func(o *Object)
	walk = func(o *Object) {
		if o == nil || seen[o] {
			return
		}
		seen[o] = true
		out = append(out, o)
		for _, f := range o.Fields {
			for t := f.Type; t != nil; t = t.Elem {
				if t.Kind == ObjectKind {
					walk(t.Object)
				}
			}
		}
	}
	walk(op.Request.Object())
	for _, r := range op.Responses {
		walk(r.Body.Object())
	}
	return out
}

// Named is a JSON body whose schema is not an object: an array, a map, a
// scalar, an enum or a Value. Its functions are Decode<GoName>,
// Validate<GoName> and Encode<GoName>; an array or a map also gets a Go
// type of that name.
type Named struct {
	Name    string // the component's name, or the operation's body name
	GoName  string
	Doc     string
	Pos     Pos
	Pointer string
	Type    *Type
	// Declared is set when GoName is a Go type of its own (type GoName
	// []T), for arrays and maps.
	Declared bool
}
