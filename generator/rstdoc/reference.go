package rstdoc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Reference is a folder of pages read by ReadDir.
type Reference struct {
	// Pages are the pages that were read, sorted by Name.
	Pages []*Page
}

// ReadDir reads every *.rst file in dir and its subfolders (other files,
// such as README.md, are skipped). Each page is named by its
// slash-separated path relative to dir
// ("smart_connect/creating_a_smart_connect_task.rst").
//
// The error joins the errors of all pages, each "name:line: message" (an
// *Error), and those of files that cannot be read; the Reference then
// holds the pages that were read. When dir itself cannot be read, the
// Reference is nil.
func ReadDir(dir string) (*Reference, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return readFS(os.DirFS(dir))
}

// readFS is ReadDir on a file system.
func readFS(fsys fs.FS) (*Reference, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(name) == ".rst" {
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ref := &Reference{}
	var errs []error
	for _, name := range names { // WalkDir walks in lexical order
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		p, err := Parse(name, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ref.Pages = append(ref.Pages, p)
	}
	return ref, errors.Join(errs...)
}

// Page returns the page named name (a slash-separated path relative to
// the folder), or nil.
func (r *Reference) Page(name string) *Page {
	for _, p := range r.Pages {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// PageByOriginalName returns the page whose OriginalName is name (with or
// without ".html"), ignoring case, or nil.
func (r *Reference) PageByOriginalName(name string) *Page {
	name = strings.TrimSuffix(name, ".html")
	for _, p := range r.Pages {
		if p.OriginalName != "" && strings.EqualFold(p.OriginalName, name) {
			return p
		}
	}
	return nil
}

// Table returns the first table, in page order, whose ID is id (ignoring
// case), and its page; nil and nil when there is none.
func (r *Reference) Table(id string) (*Page, *Table) {
	for _, p := range r.Pages {
		if t := p.TableByID(id); t != nil {
			return p, t
		}
	}
	return nil, nil
}

// Resolve returns what the :ref: target anchor names, compared as
// reStructuredText compares reference names (ignoring case and runs of
// white space): a table (by its label or ID) and its page, or a page or
// a section (by its label) with a nil table. It returns nil and nil when
// no page has the anchor.
func (r *Reference) Resolve(anchor string) (*Page, *Table) {
	key := refKey(anchor)
	if key == "" {
		return nil, nil
	}
	for _, p := range r.Pages {
		if t := p.TableByAnchor(anchor); t != nil {
			return p, t
		}
		if t := p.TableByID(anchor); t != nil {
			return p, t
		}
		for _, s := range p.Sections {
			if refKey(s.Anchor) == key {
				return p, nil
			}
		}
	}
	return nil, nil
}
