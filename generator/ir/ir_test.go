package ir

import (
	"strings"
	"testing"
)

func TestOperationObjects(t *testing.T) {
	item := &Object{Name: "Item"}
	order := &Object{Name: "Order"}
	order.Fields = []*Field{
		{JSONName: "items", Type: &Type{Kind: Array, Elem: &Type{Kind: ObjectKind, Object: item}}},
		{JSONName: "parent", Type: &Type{Kind: ObjectKind, Object: order}}, // itself
	}
	reply := &Object{Name: "Reply", Fields: []*Field{{JSONName: "order", Type: &Type{Kind: ObjectKind, Object: order}}}}
	op := &Operation{
		Request:   &Body{Kind: JSONBody, Type: &Type{Kind: ObjectKind, Object: order}},
		Responses: []*Response{{Body: &Body{Kind: JSONBody, Type: &Type{Kind: ObjectKind, Object: reply}}}, {}},
	}
	var got []string
	for _, o := range op.Objects() {
		got = append(got, o.Name)
	}
	if want := "Order Item Reply"; strings.Join(got, " ") != want {
		t.Errorf("Objects() = %v, want %s", got, want)
	}
	if n := len((&Operation{}).Objects()); n != 0 {
		t.Errorf("an operation without bodies holds %d objects", n)
	}
}
