package schema

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dmsgen/dmsgen/generator/ir"
)

// notes lists, located, the parts of the document that describe the API
// but make no generated code: dmsgen says so rather than drop them in
// silence. None changes what a document is accepted.
func (b *builder) notes() []string {
	var out []string
	note := func(pos ir.Pos, ptr, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s: %s: %s", pos, ptr, fmt.Sprintf(format, args...)))
	}
	doc := b.doc
	if len(doc.Webhooks) > 0 {
		names := slices.Sorted(maps.Keys(doc.Webhooks))
		note(b.src.locate("#/webhooks"), "#/webhooks", "not generated: the webhooks %s (requests the API sends to you); the types of their bodies are generated when they are components", strings.Join(names, ", "))
	}
	security := len(doc.Security) > 0 || doc.Components != nil && len(doc.Components.SecuritySchemes) > 0
	var callbacks, headers, links []string
	if doc.Paths != nil {
		for _, path := range doc.Paths.InMatchingOrder() {
			item := doc.Paths.Value(path)
			for method, op := range item.Operations() {
				ptr := "#/paths/" + escape(path) + "/" + strings.ToLower(method)
				if op.Security != nil && len(*op.Security) > 0 {
					security = true
				}
				for _, name := range slices.Sorted(maps.Keys(op.Callbacks)) {
					callbacks = append(callbacks, ptr+"/callbacks/"+escape(name))
				}
				if op.Responses == nil {
					continue
				}
				for status, r := range op.Responses.Map() {
					if r.Value == nil {
						continue
					}
					if len(r.Value.Headers) > 0 {
						headers = append(headers, ptr+"/responses/"+escape(status)+"/headers")
					}
					if len(r.Value.Links) > 0 {
						links = append(links, ptr+"/responses/"+escape(status)+"/links")
					}
				}
			}
		}
	}
	if security {
		note(b.src.locate("#/components/securitySchemes"), "#/components/securitySchemes", "not generated: security schemes and requirements; the client signs with AK/SK (WithAKSK) or sends a token (WithToken), and WithHTTPClient takes a client that adds any other credentials")
	}
	for _, group := range []struct {
		ptrs []string
		what string
	}{
		{callbacks, "callbacks (requests the API sends to you)"},
		{headers, "response headers (the client returns bodies; an *APIError keeps the request id)"},
		{links, "links"},
	} {
		if len(group.ptrs) == 0 {
			continue
		}
		slices.Sort(group.ptrs)
		note(b.src.locate(group.ptrs[0]), group.ptrs[0], "not generated: %s%s", group.what, elsewhere(len(group.ptrs)-1))
	}
	return out
}

// elsewhere says how many more places have what a note names.
func elsewhere(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "; and at 1 other place"
	}
	return fmt.Sprintf("; and at %d other places", n)
}
