package emit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// TestEveryCheckIsEmitted: the emitter's check (violations) and match
// (conditions) have a case for every check type of the IR; a check type
// added to the IR without one fails here.
func TestEveryCheckIsEmitted(t *testing.T) {
	e := &emitter{pkg: &ir.Package{Name: "p"}}
	in := inst{
		t:    &ir.Type{Kind: ir.String, Elem: &ir.Type{Kind: ir.String}},
		val:  func() *jen.Statement { return jen.Id("v") },
		path: func() *jen.Statement { return jen.Id("p") },
	}
	for _, c := range ir.AllChecks() {
		for name, f := range map[string]func(){
			"check": func() { e.check(c, in, nil) },
			"match": func() { e.match(c, in) },
		} {
			if msg := panicOf(f); strings.Contains(msg, "unknown check") {
				t.Errorf("%s has no case for %T: %s", name, c, msg)
			}
		}
	}
}

// panicOf runs f and returns what it panicked with, "" for nothing. A
// check's zero value may panic for want of its fields; only a missing
// case matters here.
func panicOf(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// TestEveryCheckIsEmittedForValues: the checks of values of open type
// (dynCheck) have a case for every check type of the IR too.
func TestEveryCheckIsEmittedForValues(t *testing.T) {
	e := &emitter{pkg: &ir.Package{Name: "p"}}
	n := ptrNode(func() *jen.Statement { return jen.Id("v") }, "")
	for _, c := range ir.AllChecks() {
		if msg := panicOf(func() { e.dynCheck(c, n) }); strings.Contains(msg, "unknown check") {
			t.Errorf("dynCheck has no case for %T: %s", c, msg)
		}
	}
}
