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
