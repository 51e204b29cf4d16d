package emit

import (
	"fmt"
	"testing"

	"github.com/dave/jennifer/jen"
)

func TestCond(t *testing.T) {
	a := atom(jen.Id("a").Dot("IsSet").Call())
	n := compareOrdered(jen.Id("n"), ">=", jen.Lit(1))
	f := compare(jen.Id("f"), "<", jen.Lit(1.5))
	eq := compare(jen.Id("s"), "==", jen.Lit("x"))
	for _, c := range []struct {
		name string
		c    cond
		want string
	}{
		{"atom", a, "a.IsSet()"},
		{"not atom", a.not(), "!a.IsSet()"},
		{"not not", a.not().not(), "a.IsSet()"},
		{"ordered comparison inverted", n.not(), "n < 1"},
		{"equality inverted", eq.not(), "s != \"x\""},
		{"float order kept", f.not(), "!(f < 1.5)"},
		{"and", allOf(a, n), "a.IsSet() && n >= 1"},
		{"or inside and", allOf(a, anyOf(n, eq)), "a.IsSet() && (n >= 1 || s == \"x\")"},
		{"and inside or", anyOf(a, allOf(n, eq)), "a.IsSet() || (n >= 1 && s == \"x\")"},
		{"de morgan", allOf(a, n).not(), "!a.IsSet() || n < 1"},
		{"flattened", allOf(a, allOf(n, eq)), "a.IsSet() && n >= 1 && s == \"x\""},
		{"true dropped", allOf(truth(true), a), "a.IsSet()"},
		{"false decides and", allOf(a, truth(false)), "false"},
		{"true decides or", anyOf(a, truth(true)), "true"},
		{"empty and", allOf(), "true"},
		{"empty or", anyOf(), "false"},
		{"not of literal", truth(true).not(), "false"},
	} {
		if got := fmt.Sprintf("%#v", c.c.code()); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestIfThen(t *testing.T) {
	body := jen.Id("x").Op("++")
	for _, c := range []struct {
		name string
		c    cond
		want string
	}{
		{"always", truth(true), "x++"},
		{"never", truth(false), ""},
		{"sometimes", atom(jen.Id("ok")), "if ok {\n\tx++\n}"},
	} {
		got := ""
		for _, s := range ifThen(c.c, body) {
			got += fmt.Sprintf("%#v", s)
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
