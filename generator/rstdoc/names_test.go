package rstdoc

import "testing"

func TestNamesAndPaths(t *testing.T) {
	for url, want := range map[string]string{
		"https://{endpoint}/v2/{project_id}/instances?limit=10": "/v2/{project_id}/instances",
		"/v2/tasks#x":         "/v2/tasks",
		"https://example.com": "/",
		"":                    "",
	} {
		if got := (&Example{URL: url}).Path(); got != want {
			t.Errorf("Path of %q = %q, want %q", url, got, want)
		}
	}
	for _, c := range []struct {
		t    Table
		want string
	}{
		{Table{Number: 3, Title: "Entity"}, "Table 3 (Entity)"},
		{Table{Title: "Extra"}, `the table "Extra"`},
		{Table{ID: "op__request"}, "the table op__request"},
	} {
		if got := c.t.Label(); got != c.want {
			t.Errorf("Label = %q, want %q", got, c.want)
		}
	}
	if n := (&Page{}).TitleLine(); n != 1 {
		t.Errorf("TitleLine of a page without sections = %d", n)
	}
	if n := (&Page{Sections: []*Section{{Line: 4}}}).TitleLine(); n != 4 {
		t.Errorf("TitleLine = %d, want 4", n)
	}
}
