package apidiff

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// parse parses one file of package p.
func parse(t *testing.T, src string) API {
	t.Helper()
	api, err := Surface(map[string][]byte{"a.go": []byte("package p\n\n" + src)})
	if err != nil {
		t.Fatalf("Surface: %v\n%s", err, src)
	}
	return api
}

// dump prints an API one declaration or member a line.
func dump(a API) string {
	var b strings.Builder
	for _, t := range a.Types {
		fmt.Fprintf(&b, "type %s%s %s", t.Name, t.TypeParams, t.Kind)
		if t.Underlying != "" {
			fmt.Fprintf(&b, " %s", t.Underlying)
		}
		if t.Sealed {
			b.WriteString(" sealed")
		}
		b.WriteString("\n")
		for _, f := range t.Fields {
			fmt.Fprintf(&b, "  field %s %s", f.Name, f.Type)
			if f.JSON != "" {
				fmt.Fprintf(&b, " json=%s", f.JSON)
			}
			if f.Embedded {
				b.WriteString(" embedded")
			}
			if f.Via != "" {
				fmt.Fprintf(&b, " via=%s", f.Via)
			}
			b.WriteString("\n")
		}
		for _, m := range t.Methods {
			fmt.Fprintf(&b, "  method %s %s", methodName(t.Name, &m), m.Sig)
			if m.Via != "" {
				fmt.Fprintf(&b, " via=%s", m.Via)
			}
			b.WriteString("\n")
		}
		for _, e := range t.Embeds {
			fmt.Fprintf(&b, "  embeds %s\n", e)
		}
	}
	for _, f := range a.Funcs {
		fmt.Fprintf(&b, "func %s %s\n", f.Name, f.Sig)
	}
	for _, v := range a.Values {
		fmt.Fprintf(&b, "%s %s %q %s\n", valueKind(&v), v.Name, v.Type, v.Value)
	}
	return b.String()
}

func TestSurface(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"funcs drop parameter names and keep types", `
func DecodeX(data []byte) (*X, error) { return nil, nil }
func Named(a, b int, rest ...string) (n int, err error) { return }
func Chans(a chan<- int, b <-chan string, c chan (<-chan int)) {}
func Funcs(f func(int) error, g func() (int, bool)) func() {}
func Anon(s struct{ A int "json:\"a\"" }, i interface{ M() }, e interface{}) map[string][2]byte { return nil }
func Ptr[T any](v T) *T { return &v }
func Keys[M ~map[K]V, K comparable, V any](m M) []K { return nil }
func init() {}
func hidden() {}
type X struct{}
`, `type X struct
func Anon func(struct{A int "json:\"a\""}, interface{M()}, any) map[string][2]byte
func Chans func(chan<- int, <-chan string, chan (<-chan int))
func DecodeX func([]byte) (*X, error)
func Funcs func(func(int) error, func() (int, bool)) func()
func Keys func[M ~map[K]V, K comparable, V any](M) []K
func Named func(int, int, ...string) (int, error)
func Ptr func[T any](T) *T
`},
		{"structs, tags, methods on pointer and value receivers", `
type Req struct {
	TaskName *string ` + "`json:\"task_name,omitempty\"`" + `
	Secret   string  ` + "`json:\"-\"`" + `
	Plain    int
	A, B     bool
	hidden   int
}
func (r *Req) Validate() error { return nil }
func (r Req) String() string { return "" }
func (r *Req) decode() {}
`, `type Req struct
  field TaskName *string json=task_name
  field Secret string json=-
  field Plain int
  field A bool
  field B bool
  method Req.String func() string
  method (*Req).Validate func() error
`},
		{"generic types, their methods under the type's own parameter names", `
type Nullable[T any] struct {
	Value T
	Null  bool
}
func (n Nullable[U]) MarshalJSON() ([]byte, error) { return nil, nil }
func (n *Nullable[V]) Set(v V) {}
type Pair[K comparable, V any] map[K]V
type List[T any] = []T
`, `type List[T any] alias []T
type Nullable[T any] struct
  field Value T
  field Null bool
  method Nullable.MarshalJSON func() ([]byte, error)
  method (*Nullable).Set func(T)
type Pair[K comparable, V any] defined map[K]V
`},
		{"embedded fields: exported by name, unexported ones promoted", `
type Base struct{ ID string }
type base struct {
	Name  string ` + "`json:\"name\"`" + `
	Shadowed int
	deeper
}
type deeper struct{ Depth int }
func (base) Hello() string { return "" }
func (*base) Set() {}
type T struct {
	Base
	*base
	Shadowed string
	io.Reader
}
type U struct {
	base
}
`, `type Base struct
  field ID string
type T struct
  field Base Base embedded
  field Shadowed string
  field Reader io.Reader embedded
  field Name string json=name via=base
  field Depth int via=base.deeper
  method T.Hello func() string via=base
  method T.Set func() via=base
type U struct
  field Name string json=name via=base
  field Shadowed int via=base
  field Depth int via=base.deeper
  method U.Hello func() string via=base
  method (*U).Set func() via=base
`},
		{"ambiguous promotion at one depth is no field", `
type a struct{ X int }
type b struct{ X string }
type T struct {
	a
	b
}
`, `type T struct
`},
		{"interfaces: methods, unexported embedded ones expanded, sealed", `
type Handler interface {
	Create(ctx context.Context, p Params) (*Resp, error)
	closer
	io.Reader
}
type closer interface{ Close() error }
type Sealed interface {
	Get() int
	private()
}
type Number interface{ ~int | ~int64 }
`, `type Handler interface
  method Handler.Close func() error via=closer
  method Handler.Create func(context.Context, Params) (*Resp, error)
  embeds io.Reader
type Number interface
  embeds ~int | ~int64
type Sealed interface sealed
  method Sealed.Get func() int
`},
		{"constants: types, values, iota, implicit repetition", `
type Mode int
const (
	ModeA Mode = iota
	ModeB
	_
	ModeD
)
const (
	Untyped   = "x"
	Big       = 1 << 40
	Float     = 1.5
	Rune      = 'a'
	Bool      = Big > 2
	Derived   = ModeB + 1
	Len       = len(Untyped)
	Conv      = Mode(7)
	Remote    = time.Second
	Mixed     = 1 + 2.5
	private   = 1
	KB, MB    = 1 << (10 * (iota - 9)), 1 << (20 * (iota - 9))
)
`, `type Mode defined int
const Big "untyped int" 1099511627776
const Bool "untyped bool" true
const Conv "Mode" 7
const Derived "Mode" 2
const Float "untyped float" 3/2
const KB "untyped int" 1048576
const Len "int" 1
const MB "untyped int" 1099511627776
const Mixed "untyped float" 7/2
const ModeA "Mode" 0
const ModeB "Mode" 1
const ModeD "Mode" 3
const Remote "" time.Second
const Rune "untyped rune" 97
const Untyped "untyped string" "x"
`},
		{"variables: declared types, and types their values give", `
type T struct{}
type Option func(*T)
func NewT() *T { return nil }
func Two() (int, error) { return 0, nil }
var (
	ErrX        = errors.New("x")
	ErrY error  = fmt.Errorf("y")
	Default     = T{}
	DefaultPtr  = &T{}
	Opt         = Option(nil)
	Made        = NewT()
	N, Err      = Two()
	Count       = 3
	Lookup      = map[string]int{}
	Remote      = time.Now()
	Callback    = func(int) error { return nil }
	Conv        = (*T)(nil)
	_           = 1
	hidden      = 2
)
`, `type Option defined func(*T)
type T struct
func NewT func() *T
func Two func() (int, error)
var Callback "func(int) error" 
var Conv "*T" 
var Count "int" 
var Default "T" 
var DefaultPtr "*T" 
var Err "error" 
var ErrX "error" 
var ErrY "error" 
var Lookup "map[string]int" 
var Made "*T" 
var N "int" 
var Opt "Option" 
var Remote "" 
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dump(parse(t, tc.src)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestSurfaceErrors(t *testing.T) {
	_, err := Surface(map[string][]byte{"bad.go": []byte("package p\n\nfunc (\n")})
	if err == nil || !strings.HasPrefix(err.Error(), "bad.go:") {
		t.Errorf("syntax error: got %v, want one at bad.go:LINE:COL", err)
	}
	_, err = Surface(map[string][]byte{"a.go": []byte("package p\n"), "b.go": []byte("package q\n")})
	if err == nil || !strings.Contains(err.Error(), "b.go: package q, but a.go is package p") {
		t.Errorf("two packages: got %v", err)
	}
	api, err := Surface(map[string][]byte{
		"a.go":      []byte("package p\n\nfunc A() {}\n"),
		"a_test.go": []byte("package p\n\nfunc Test() {}\n"),
		"notes.txt": []byte("not Go"),
		"b.go":      []byte("package p\n\nfunc B() {}\n"),
	})
	if err != nil || dump(api) != "func A func()\nfunc B func()\n" {
		t.Errorf("several files, tests and others skipped: got %v\n%s", err, dump(api))
	}
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     []string
	}{
		{"identical", `func F(a int) error { return nil }`, `func F(b int) error { return nil }`, nil},
		{"signature changed", `
type X struct{}
func DecodeX(data []byte) (*X, error) { return nil, nil }`, `
type X struct{}
func DecodeX(data []byte) (X, error) { return X{}, nil }`, []string{
			"breaking: func DecodeX: signature changed from func([]byte) (*X, error) to func([]byte) (X, error)",
		}},
		{"byte is uint8, rune is int32, any is interface{}", `
func F(b []byte, r rune, v interface{}) {}`, `
func F(b []uint8, r int32, v any) {}`, nil},
		{"removed and added", `
func Old() {}
func Keep() {}`, `
func Keep() {}
func New(int) {}`, []string{
			"breaking: func Old: removed",
			"addition: func New: added",
		}},
		{"renamed function", `
func EncodeA(x *int) ([]byte, error) { return nil, nil }
func Other() {}`, `
func EncodeB(x *int) ([]byte, error) { return nil, nil }
func Other() {}
func Unrelated() string { return "" }`, []string{
			"breaking: func EncodeA: removed (renamed to EncodeB?)",
			"addition: func Unrelated: added",
		}},
		{"two candidates are no rename", `
func A() {}
func B() {}`, `
func C() {}
func D() {}`, []string{
			"breaking: func A: removed",
			"breaking: func B: removed",
			"addition: func C: added",
			"addition: func D: added",
		}},
		{"renamed enum type: its constants, methods and uses follow", `
type SourceType string
const (
	SourceTypeKafka SourceType = "KAFKA"
	SourceTypeRedis SourceType = "REDIS"
)
type SinkType string
const SinkTypeOBS SinkType = "OBS"
func (v SourceType) Valid() bool { return true }
type Req struct {
	SourceType *SourceType ` + "`json:\"source_type\"`" + `
}
func ParseSourceType(s string) (SourceType, error) { return "", nil }`, `
type SourceTaskType string
const (
	SourceTaskTypeKafka SourceTaskType = "KAFKA"
	SourceTaskTypeRedis SourceTaskType = "REDIS"
)
type SinkType string
const SinkTypeOBS SinkType = "OBS"
func (v SourceTaskType) Valid() bool { return true }
type Req struct {
	SourceType *SourceTaskType ` + "`json:\"source_type\"`" + `
}
func ParseSourceType(s string) (SourceTaskType, error) { return "", nil }`, []string{
			"breaking: type SourceType: removed (renamed to SourceTaskType?)",
			"breaking: const SourceTypeKafka: removed (renamed to SourceTaskTypeKafka?)",
			"breaking: const SourceTypeRedis: removed (renamed to SourceTaskTypeRedis?)",
		}},
		{"renamed enum type that also lost a value", `
type SourceType string
const (
	SourceTypeKafka SourceType = "KAFKA"
	SourceTypeRedis SourceType = "REDIS"
)`, `
type SourceTaskType string
const SourceTaskTypeKafka SourceTaskType = "KAFKA"`, []string{
			"breaking: type SourceType: removed (renamed to SourceTaskType?)",
			"breaking: const SourceTypeKafka: removed (renamed to SourceTaskTypeKafka?)",
			"breaking: const SourceTypeRedis: removed",
		}},
		{"two enum types renamed at once are told apart by their values", `
type A string
const A1 A = "one"
type B string
const B1 B = "two"`, `
type C string
const C1 C = "two"
type D string
const D1 D = "one"`, []string{
			"breaking: type A: removed (renamed to D?)",
			"breaking: const A1: removed (renamed to D1?)",
			"breaking: type B: removed (renamed to C?)",
			"breaking: const B1: removed (renamed to C1?)",
		}},
		{"renames found in rounds: a struct whose field's type was renamed", `
type Inner struct{ N int }
type Outer struct{ In *Inner }`, `
type Inner2 struct{ N int }
type Outer2 struct{ In *Inner2 }`, []string{
			"breaking: type Inner: removed (renamed to Inner2?)",
			"breaking: type Outer: removed (renamed to Outer2?)",
		}},
		{"renamed type whose members changed too", `
type Old struct {
	A int
	B string
}
func (Old) M() {}`, `
type New struct {
	A int64
	B string
}
func (*New) M() {}`, []string{
			"breaking: type Old: removed (renamed to New?)",
			"breaking: type New: field A: type changed from int to int64",
			"breaking: method (*New).M: moved to the pointer receiver (New values no longer have it)",
		}},
		{"struct fields", `
type Req struct {
	TaskName *string ` + "`json:\"task_name,omitempty\"`" + `
	NodeCnt  *string ` + "`json:\"node_cnt,omitempty\"`" + `
	Gone     bool    ` + "`json:\"gone\"`" + `
	Label    *int32  ` + "`json:\"label\"`" + `
	Plain    int
	Tag      string
	hidden   int
}`, `
type Req struct {
	Name    *string ` + "`json:\"name,omitempty\"`" + `
	NodeCnt *int32  ` + "`json:\"node_cnt,omitempty\"`" + `
	Label   *int32  ` + "`json:\"title\"`" + `
	Plain   int
	Tag     string  ` + "`json:\"Tag\"`" + `
	Extra   []string ` + "`json:\"extra\"`" + `
	hidden  string
}`, []string{
			"breaking: type Req: field Gone: removed",
			"breaking: type Req: field Label: JSON name changed from \"label\" to \"title\"",
			"breaking: type Req: field NodeCnt: type changed from *string to *int32",
			"breaking: type Req: field TaskName: removed (renamed to Name?, JSON name \"name\" instead of \"task_name\")",
			"addition: type Req: field Extra: added",
		}},
		{"methods on value and pointer receivers", `
type T struct{}
func (T) ToPtr() {}
func (*T) ToValue() {}
func (T) Sig(int) {}
func (*T) Gone() {}
func (T) Stays() string { return "" }
func (T) private() {}`, `
type T struct{}
func (*T) ToPtr() {}
func (T) ToValue() {}
func (T) Sig(int64) {}
func (T) Stays() string { return "" }
func (*T) Fresh() error { return nil }
func (T) private(int) {}`, []string{
			"breaking: method (*T).Gone: removed",
			"breaking: method T.Sig: signature changed from func(int) to func(int64)",
			"breaking: method (*T).ToPtr: moved to the pointer receiver (T values no longer have it)",
			"compatible: method T.ToValue: moved to the value receiver",
			"addition: method (*T).Fresh: added",
		}},
		{"renamed method", `
type T struct{}
func (T) Valid() bool { return true }`, `
type T struct{}
func (T) IsValid() bool { return true }`, []string{
			"breaking: method T.Valid: removed (renamed to IsValid?)",
		}},
		{"generic types: parameter names do not matter, constraints do", `
type Nullable[T any] struct {
	Value T
	Null  bool
}
func (n *Nullable[T]) Get() T { var v T; return v }
type Set[K comparable] map[K]struct{}
func Ptr[T any](v T) *T { return &v }
func Map[T, U any](xs []T, f func(T) U) []U { return nil }`, `
type Nullable[V any] struct {
	Value V
	Null  bool
}
func (n *Nullable[X]) Get() X { var v X; return v }
type Set[K any] map[K]struct{}
func Ptr[E any](v E) *E { return &v }
func Map[U, T any](xs []U, f func(U) T) []T { return nil }`, []string{
			"breaking: type Set: type parameters changed from [K comparable] to [K any]",
		}},
		{"generic field types", `
type Nullable[T any] struct{ Value T }
type Task struct{ Source *Nullable[Config] }
type Config struct{}`, `
type Nullable[T any] struct{ Value T }
type Task struct{ Source Nullable[Config] }
type Config struct{}`, []string{
			"breaking: type Task: field Source: type changed from *Nullable[Config] to Nullable[Config]",
		}},
		{"embedded fields", `
type Base struct{ ID string }
type T struct {
	Base
	X int
}
type U struct {
	Base
}`, `
type Base struct{ ID int }
type T struct {
	X int
}
type U struct {
	Base Base
}`, []string{
			"breaking: type Base: field ID: type changed from string to int",
			"breaking: type T: field Base: removed",
			"breaking: type U: field Base: JSON name changed from none (inlined) to \"Base\"",
			"breaking: type U: field Base: no longer embedded (what it promoted is gone)",
		}},
		{"changes behind an unexported embedded type show on the exported one", `
type base struct {
	ID   string
	Name string
}
func (base) Hello() {}
type T struct {
	base
}`, `
type base struct {
	ID int64
}
func (*base) Hello() {}
func (base) Bye() {}
type T struct {
	base
}`, []string{
			"breaking: method (*T).Hello: moved to the pointer receiver (T values no longer have it)",
			"breaking: type T: field ID: type changed from string to int64",
			"breaking: type T: field Name: removed",
			"addition: method T.Bye: added",
		}},
		{"a field moved into an unexported embedded struct", `
type T struct {
	ID string
}`, `
type common struct{ ID string }
type T struct {
	common
}`, []string{
			"breaking: type T: field ID: now promoted through common (a composite literal can no longer set it)",
		}},
		{"unexported changes are ignored", `
type hidden struct{ a int }
func (hidden) m() {}
func helper(int) {}
const limit = 1
var cache map[string]int
type T struct {
	A int
	b string
}
func (T) private() {}
type I interface {
	Get() int
	internal()
}
const (
	X = iota
	y
)`, `
type hidden struct{ a, b string }
func (*hidden) m(int) {}
func helper2() {}
const limit = 2
var cache []int
type T struct {
	A int
	c []byte
}
func (*T) private(string) {}
func (T) other() {}
type I interface {
	Get() int
	internal2()
}
const (
	X = iota
	y
)`, nil},
		{"interfaces", `
type Handler interface {
	Create(ctx context.Context) error
	Delete(id string) error
	Show(id string) (string, error)
}
type Sealed interface {
	Get() int
	private()
}
type Reader interface {
	io.Reader
}
type Open interface {
	Get() int
}`, `
type Handler interface {
	Create(ctx context.Context) error
	Show(id string, verbose bool) (string, error)
	Pause(id string) error
}
type Sealed interface {
	Get() int
	Put(int)
	private()
}
type Reader interface {
	io.ReadCloser
}
type Open interface {
	Get() int
	seal()
}`, []string{
			"breaking: type Handler: method Delete: removed (renamed to Pause?)",
			"breaking: type Handler: method Show: signature changed from func(string) (string, error) to func(string, bool) (string, error)",
			"breaking: type Open: now has an unexported method (only its package can implement it)",
			"breaking: type Reader: no longer embeds io.Reader",
			"breaking: type Reader: now embeds io.ReadCloser",
			"addition: type Sealed: method Put: added",
		}},
		{"a method added to an interface others implement", `
type Handler interface {
	Create() error
}`, `
type Handler interface {
	Create() error
	Restart(id string) error
}`, []string{
			"breaking: type Handler: method Restart: added (a type outside the package that implements Handler no longer does)",
		}},
		{"constants", `
type Mode string
const (
	ModeA Mode = "a"
	ModeB Mode = "b"
	Limit      = 100
	Method     = "POST"
	Flag       = 1
)
type Level int
const (
	Low Level = iota
	High
)`, `
type Mode string
const (
	ModeA Mode = "A"
	Limit      = 200
	Method Mode = "POST"
	ModeC Mode = "c"
)
var Flag = 1
type Level int
const (
	Unknown Level = iota
	Low
	High
)`, []string{
			"breaking: const Flag: now a var",
			"breaking: const High: value changed from 1 to 2",
			"breaking: const Limit: value changed from 100 to 200",
			"breaking: const Low: value changed from 0 to 1",
			"breaking: const Method: type changed from untyped string to Mode",
			"breaking: const ModeA: value changed from \"a\" to \"A\"",
			"breaking: const ModeB: removed",
			"addition: const ModeC: added",
			"addition: const Unknown: added",
		}},
		{"renamed constant", `
type Mode string
const ModeRDBOnly Mode = "RDB_ONLY"`, `
type Mode string
const ModeRdbOnly Mode = "RDB_ONLY"`, []string{
			"breaking: const ModeRDBOnly: removed (renamed to ModeRdbOnly?)",
		}},
		{"variables", `
var ErrX = errors.New("x")
var Count = 3
var Remote = time.Now()
var Gone = 1`, `
var ErrX = fmt.Errorf("x")
var Count int64 = 3
var Remote = otherpkg.Value
var Fresh = "s"`, []string{
			"breaking: var Count: type changed from int to int64",
			"breaking: var Gone: removed",
			"addition: var Fresh: added",
		}},
		{"kinds of declaration", `
type X struct{}
func Y() {}
type Z interface{ M() }
type W int
func (W) String() string { return "" }`, `
type X string
var Y = func() {}
type Z struct{}
type W int64
func (W) String() string { return "" }`, []string{
			"breaking: type W: changed from int to int64",
			"breaking: type X: changed from a struct to string",
			"breaking: func Y: now a var",
			"breaking: type Z: changed from an interface to a struct",
		}},
		{"a type that becomes an alias of its new name", `
type Old struct{ A int }
func (Old) M() {}`, `
type New struct{ A int }
func (New) M() {}
type Old = New`, []string{
			"compatible: type Old: now an alias of New",
			"addition: type New: added",
		}},
		{"an alias retargeted", `
type List = []string`, `
type List = []int`, []string{
			"breaking: type List: changed from an alias of []string to an alias of []int",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			changes := Diff(parse(t, tc.old), parse(t, tc.new))
			var got []string
			for _, c := range changes {
				got = append(got, c.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
			for _, c := range changes {
				if strings.Contains(c.Message, "\n") || c.Name == "" {
					t.Errorf("change %+v: want one line and a name", c)
				}
				if c.Breaking && c.Added {
					t.Errorf("change %+v: both breaking and an addition", c)
				}
			}
			if back := Diff(parse(t, tc.new), parse(t, tc.old)); len(changes) == 0 && len(back) != 0 {
				t.Errorf("no change one way, %d the other: %v", len(back), back)
			}
			for _, src := range []string{tc.old, tc.new} {
				if same := Diff(parse(t, src), parse(t, src)); len(same) != 0 {
					t.Errorf("a package compared with itself: %v", same)
				}
			}
		})
	}
}

func TestDiffPackageName(t *testing.T) {
	a, _ := Surface(map[string][]byte{"a.go": []byte("package a\n")})
	b, _ := Surface(map[string][]byte{"a.go": []byte("package b\n")})
	got := Diff(a, b)
	if len(got) != 1 || got[0].String() != "breaking: package: name changed from a to b" {
		t.Errorf("got %v", got)
	}
}

// TestDiffDeterministic: the same inputs give the same changes, whatever
// the order of the files and of the maps inside.
func TestDiffDeterministic(t *testing.T) {
	old := map[string][]byte{
		"a.go": []byte("package p\n\ntype A string\nconst (\n\tA1 A = \"1\"\n\tA2 A = \"2\"\n)\nfunc F(A) {}\n"),
		"b.go": []byte("package p\n\ntype B struct{ X, Y, Z int }\nfunc (B) M() {}\nfunc (B) N() {}\n"),
	}
	new := map[string][]byte{
		"b.go": []byte("package p\n\ntype B struct{ X, W string }\nfunc (*B) M() {}\n"),
		"a.go": []byte("package p\n\ntype AA string\nconst (\n\tAA1 AA = \"1\"\n\tAA3 AA = \"3\"\n)\nfunc F(AA, int) {}\nfunc G() {}\n"),
	}
	first := ""
	for range 20 {
		o, err := Surface(old)
		if err != nil {
			t.Fatal(err)
		}
		n, err := Surface(new)
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(Diff(o, n))
		if first == "" {
			first = got
			continue
		}
		if got != first {
			t.Fatalf("run gave\n%s\nthe first gave\n%s", got, first)
		}
	}
	changes := Diff(parse(t, ""), parse(t, ""))
	if len(changes) != 0 {
		t.Errorf("empty packages: %v", changes)
	}
	// Breaking first, then compatible, then additions.
	o, _ := Surface(old)
	n, _ := Surface(new)
	rank := -1
	for _, c := range Diff(o, n) {
		if c.rank() < rank {
			t.Errorf("out of order: %v", c)
		}
		rank = c.rank()
	}
}

func TestSubst(t *testing.T) {
	m := map[string]string{"T": "U", "A": "B"}
	for in, want := range map[string]string{
		"map[T]*A":                 "map[U]*B",
		"pkg.T":                    "pkg.T",
		`struct{X T "json:\"T\""}`: `struct{X U "json:\"T\""}`,
		"func(TT, T) (A, error)":   "func(TT, U) (B, error)",
		"`T` 'A' T":                "`T` 'A' U",
		`"unterminated T`:          `"unterminated T`,
		"Nullable[T]":              "Nullable[U]",
		"ÄT T":                     "ÄT U",
	} {
		if got := subst(in, m); got != want {
			t.Errorf("subst(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzDiff: any two sources that parse are compared without a panic, a
// package compared with itself shows no change, and each change is one
// line.
func FuzzDiff(f *testing.F) {
	f.Add("type T struct{ A int }\nfunc (T) M() {}", "type U struct{ A int }\nfunc (*U) M() {}")
	f.Add("type base struct{ X int }\ntype T struct{ base; *base }", "type I interface{ base; M() }\ntype base interface{ N() }")
	f.Add("const (\n\tA = iota << 70\n\tB\n\tC = B / 0\n)", "const A, B = 1.5 % 2, \"x\" + 1")
	f.Add("type N[T any, U ~int | string] struct{ V T }\nfunc (n N[X, Y]) M(Y) X { return n.V }", "type N[T any] = map[T]N[T]")
	f.Fuzz(func(t *testing.T, a, b string) {
		tm := time.AfterFunc(3*time.Second, func() { buf := make([]byte, 1<<16); n := runtime.Stack(buf, true); panic(string(buf[:n])) })
		defer tm.Stop()
		x, err := Surface(map[string][]byte{"a.go": []byte("package p\n" + a)})
		if err != nil {
			return
		}
		y, err := Surface(map[string][]byte{"a.go": []byte("package p\n" + b)})
		if err != nil {
			return
		}
		for _, c := range Diff(x, y) {
			if strings.Contains(c.Message, "\n") {
				t.Errorf("change on several lines: %q", c.Message)
			}
		}
		Diff(y, x)
		_ = Diff(x, x) // duplicate declarations (no valid package) may differ from themselves
	})
}
