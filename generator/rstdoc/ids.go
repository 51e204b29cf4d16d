package rstdoc

import (
	"path"
	"strconv"
	"strings"
)

// assignIDs sets the ID of every table of the page as Table.ID
// describes: labels first, so that a derived ID never takes a label's.
// A label's ID keeps its inner white space as one space, as
// reStructuredText compares labels.
func assignIDs(pg *Page) {
	taken := map[string]bool{}
	for _, t := range pg.Tables {
		if t.Anchor != "" {
			t.ID = refKey(t.Anchor)
			taken[t.ID] = true
		}
	}
	prefix := pagePrefix(pg)
	var order []string
	groups := map[string][]*Table{}
	for _, t := range pg.Tables {
		if t.Anchor != "" {
			continue
		}
		title := slug(t.Title)
		if title == "" {
			title = "table"
		}
		base := prefix + "__" + title
		if groups[base] == nil {
			order = append(order, base)
		}
		groups[base] = append(groups[base], t)
	}
	for _, base := range order {
		g := groups[base]
		byStatus := len(g) > 1 && !sameStatus(g)
		for _, t := range g {
			id := base
			if byStatus && t.Status != 0 {
				id += "_" + strconv.Itoa(t.Status)
			}
			t.ID = unique(id, taken)
		}
	}
}

// sameStatus reports whether the tables all have the same status code.
func sameStatus(tables []*Table) bool {
	for _, t := range tables[1:] {
		if t.Status != tables[0].Status {
			return false
		}
	}
	return true
}

// unique returns id, or id with the first free suffix "_2", "_3"..., and
// marks the result as taken.
func unique(id string, taken map[string]bool) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = id + "_" + strconv.Itoa(n)
	}
	taken[out] = true
	return out
}

// pagePrefix returns the first part of the derived table IDs of the page.
func pagePrefix(pg *Page) string {
	switch {
	case pg.Anchor != "":
		return refKey(pg.Anchor)
	case pg.OriginalName != "":
		return strings.ToLower(pg.OriginalName)
	}
	return slug(strings.TrimSuffix(path.Base(pg.Name), path.Ext(pg.Name)))
}

// slug returns s in lower case with every run of characters other than
// ASCII letters and digits replaced by "_", without "_" at either end.
func slug(s string) string {
	var b strings.Builder
	gap := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			gap = false
			b.WriteRune(c)
			continue
		}
		gap = true
	}
	return b.String()
}
