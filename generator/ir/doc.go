package ir

// The documentation facts of the schema: what its x-doc-* annotations say
// about the reference pages it models. The builder reads and checks every
// annotation; doccheck reads them here, like every other consumer of the
// IR, and nowhere else.

// DocTables names the page tables a component or a group of parameters
// models, by table ID (see rstdoc.Table.ID): its explicit label, or the
// page label and the table title. A component several pages document
// names all of its tables; their rows must be in the same order.
type DocTables struct {
	IDs []string
	Pos Pos // of the annotation
}

// Deviation kinds: what a deliberate departure from the page is about.
const (
	// DevNotRequired: the page makes the field mandatory (maybe under a
	// condition); the model does not require it.
	DevNotRequired = "not-required"
	// DevValueReading: the page describes values without spelling them;
	// the model's list is one reading.
	DevValueReading = "value-reading"
	// DevType: the model's JSON type is not the table's Type cell.
	DevType = "type"
	// DevExampleTypo: a page example misspells a member or a value; the
	// model follows the table, and copies the example unchanged.
	DevExampleTypo = "example-typo"
	// DevReading: the page's prose is wrong, ambiguous or contradicts
	// itself; the note gives the reading the model uses.
	DevReading = "reading"
	// DevUncheckedRule: a conditional sentence the model does not express
	// as a rule (it cannot, or the service decides); the note says why.
	DevUncheckedRule = "unchecked-rule"
)

// DeviationKinds lists every kind, in the order above.
var DeviationKinds = []string{DevNotRequired, DevValueReading, DevType, DevExampleTypo, DevReading, DevUncheckedRule}

// Deviation is one x-doc-deviation: a deliberate departure from the page,
// decided once, with the reason.
type Deviation struct {
	Kind string
	// Doc says what the page says, in the model's words.
	Doc string
	// Example names the schema example that is the evidence, "" for none;
	// the builder checks that it exists.
	Example string
	Reason  string
	Pos     Pos
	Pointer string
}

// To-do kinds: what an x-doc-todo asks a person to decide.
const (
	// TodoCondition: a conditional sentence of a row ("mandatory only
	// when", "valid only when", "either a or b"), to model as a rule or to
	// accept with a deviation.
	TodoCondition = "condition"
	// TodoContradiction: the page contradicts itself (an example and its
	// table, the Mandatory column and the prose); the model must pick a
	// reading.
	TodoContradiction = "contradiction"
	// TodoUnsupported: something the page documents that the draft could
	// not express (a Type cell it cannot read, a row the path lacks).
	TodoUnsupported = "unsupported"
	// TodoExample: a page example the draft could not copy (it is not
	// JSON, or nothing documents its body).
	TodoExample = "example"
)

// TodoKinds lists every to-do kind, in the order above.
var TodoKinds = []string{TodoCondition, TodoContradiction, TodoUnsupported, TodoExample}

// Todo is one x-doc-todo item: a point of a page a person has not
// modelled yet. By default the builder reports each as an error, so that
// a schema with open to-dos does not generate; doccheck builds with them
// kept and reports each at its page line.
type Todo struct {
	Kind string
	// Text says what a person must decide.
	Text string
	// Line is the page line the to-do is about, Page the page (relative to
	// the documentation folder): the to-do's own page, else that of the
	// node it stands on ("" when the builder cannot tell).
	Line int
	Page string
	// Pos and Pointer locate the item in the schema; Holder is the pointer
	// of the node it stands on (an operation, a component, a property or
	// a parameter).
	Pos     Pos
	Pointer string
	Holder  string
}
