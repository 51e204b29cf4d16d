package rstdoc

import (
	"fmt"
	"testing"
)

func TestParseInline(t *testing.T) {
	tests := []struct {
		in, text string
		spans    []string // kind:text[:target]
	}{
		{"plain words", "plain words", nil},
		{"a **bold** word", "a bold word", []string{"strong:bold"}},
		{"**x**: first; **y z**: second", "x: first; y z: second", []string{"strong:x", "strong:y z"}},
		{"an *emphasised* word", "an emphasised word", []string{"emphasis:emphasised"}},
		{"*from shelf*:*to shelf*", "from shelf:to shelf", []string{"emphasis:from shelf", "emphasis:to shelf"}},
		{"use ``a*b`` here", "use a*b here", []string{"literal:a*b"}},
		{"see :ref:´Oven Rules <oven-rules>´.", "see Oven Rules.", []string{"ref:Oven Rules:oven-rules"}},
		{":ref:´TrayInfo <bake__tray_info>´ object", "TrayInfo object", []string{"ref:TrayInfo:bake__tray_info"}},
		{"see :ref:´oven-rules´", "see oven-rules", []string{"ref:oven-rules:oven-rules"}},
		{"a :term:´crumb´ here", "a crumb here", []string{"role:crumb"}},
		{"visit ´the site <https://example.test/>´_ now", "visit the site now", []string{"link:the site:https://example.test/"}},
		{"Newline (\\\\n)", "Newline (\\n)", nil},
		{"a \\*star\\* and \\ gap", "a *star* and gap", nil},
		{"Pipe (|) stays", "Pipe (|) stays", nil},
		{"colon **:** value", "colon : value", []string{"strong::"}},
		{"unclosed **bold", "unclosed **bold", nil},
		{"a*b*c stays", "a*b*c stays", nil},
		{"2 * 3 * 4", "2 * 3 * 4", nil},
		{"**a\\*b**", "a*b", []string{"strong:a*b"}},
	}
	kinds := map[spanKind]string{kindStrong: "strong", kindEmphasis: "emphasis", kindLiteral: "literal", kindRef: "ref", kindRole: "role", kindLink: "link"}
	for _, tt := range tests {
		text, spans := parseInline(rst(tt.in))
		if text != tt.text {
			t.Errorf("parseInline(%q) text = %q, want %q", tt.in, text, tt.text)
		}
		var got []string
		for _, s := range spans {
			if text[s.start:s.end] != s.text {
				t.Errorf("parseInline(%q): span offsets [%d,%d) do not hold %q", tt.in, s.start, s.end, s.text)
			}
			g := kinds[s.kind] + ":" + s.text
			if s.target != "" {
				g += ":" + s.target
			}
			got = append(got, g)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.spans) {
			t.Errorf("parseInline(%q) spans = %q, want %q", tt.in, got, tt.spans)
		}
	}
}
