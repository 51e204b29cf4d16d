package doccheck

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// TestTodos: an open to-do is a finding of its own at its page line; a
// difference at that line of a kind the to-do's kind covers waits on it
// (pending) and one it does not cover stays a difference; the report is
// not OK while a to-do is open. The text report lists the to-dos and
// summarises the pending differences; the JSON report counts both.
func TestTodos(t *testing.T) {
	pages := widgetPages()
	pages[0].table(t, 2).set(t, "retries", 2, "String")
	fx := check(t, pages, widgetSchema)
	line := fx.rowLine(t, makePage, 2, "retries")
	retries := fx.field(t, "MakeWidgetRequest", "retries")
	todo := func(kind string, line int) *ir.Todo {
		return &ir.Todo{Kind: kind, Text: "decide the type of retries", Line: line, Holder: retries.Pointer, Pointer: retries.Pointer + "/x-doc-todo/0"}
	}
	accepted := fx.accepted(t)
	for _, tc := range []struct {
		name  string
		todos []*ir.Todo
		want  []want
	}{{
		name:  "a contradiction stands for the type difference at its line",
		todos: []*ir.Todo{todo(ir.TodoContradiction, line)},
		want:  []want{{kind: KindType, status: StatusPending, page: makePage, line: line}, {kind: KindTodo, status: StatusTodo, page: makePage, line: line}},
	}, {
		name:  "a condition does not: the type difference stays",
		todos: []*ir.Todo{todo(ir.TodoCondition, line)},
		want:  []want{{kind: KindType, status: StatusDifference, page: makePage, line: line}, {kind: KindTodo, status: StatusTodo, page: makePage, line: line}},
	}, {
		name:  "nor does a to-do at another line",
		todos: []*ir.Todo{todo(ir.TodoContradiction, line+1)},
		want:  []want{{kind: KindType, status: StatusDifference, page: makePage, line: line}, {kind: KindTodo, status: StatusTodo, page: makePage, line: line + 1}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			r := Check([]*ir.Package{fx.pkg}, fx.ref, fx.dir, tc.todos...)
			expect(t, r, append(tc.want, accepted...)...)
			if r.OK() {
				t.Error("OK() with an open to-do")
			}
			if open, _ := r.TodoCounts(); open != 1 {
				t.Errorf("%d open to-do(s), want 1", open)
			}
		})
	}
	r := Check([]*ir.Package{fx.pkg}, fx.ref, fx.dir, todo(ir.TodoContradiction, line))
	var text bytes.Buffer
	if err := r.WriteText(&text, false); err != nil {
		t.Fatal(err)
	}
	out := text.String()
	for _, s := range []string{
		"== " + makePage + " (MakeWidget): 0 difference(s), 1 to-do(s), 6 accepted deviation(s)\n",
		fx.dir + "/" + makePage + ":" + itoa(line) + ": " + retries.Pos.String() + ": to-do: contradiction: decide the type of retries (1 difference(s) wait on it)\n",
		fx.dir + "/" + makePage + ": pending: 1 difference(s) wait on the to-dos (-v lists them)\n",
		"doccheck: the schema has open to-dos: 2 page(s) modelled, 0 difference(s), 0 stale deviation(s), 8 accepted deviation(s)\n",
		"doccheck: 1 open to-do(s) (x-doc-todo), 1 difference(s) waiting on them: resolve each, then delete it\n",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("the text report lacks %q:\n%s", s, out)
		}
	}
	text.Reset()
	if err := r.WriteText(&text, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), ": pending: type: MakeWidgetRequest.retries: the page says String; the schema has Integer (reason: it waits on the to-do at line "+itoa(line)+")\n") {
		t.Errorf("verbose: no pending line:\n%s", text.String())
	}
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var got struct {
		OK          bool `json:"ok"`
		Differences int  `json:"differences"`
		Todos       int  `json:"todos"`
		Pending     int  `json:"pending"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.OK || got.Differences != 0 || got.Todos != 1 || got.Pending != 1 {
		t.Errorf("JSON report: %+v", got)
	}
}
