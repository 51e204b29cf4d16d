package schema

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MaxFileSize is the largest schema file dmsgen reads, the document itself
// or one a $ref names.
const MaxFileSize = 8 << 20

// MaxFiles is the most files one schema may span through its $refs.
const MaxFiles = 1000

// schemaExts are the names a schema file may have: dmsgen reads nothing
// else, so that no error can quote a file that is not a schema.
var schemaExts = []string{".yaml", ".yml", ".json"}

// reader reads the files of one schema, confined to a root folder: the
// document's own folder unless the user names another. A path outside it
// (absolute, or with ".." escaping it, or through a symbolic link that
// leaves it), a URL of any scheme, a file that is not a regular file, a
// name that is not a schema file's and a file beyond MaxFileSize are
// refused, so generation never reads anything else and never opens a
// network connection.
type reader struct {
	root    *os.Root
	rootDir string // as the user gave it, for messages
	absRoot string
	seen    map[string]bool // files read, by path relative to the root
	// refused lists every file or URL refused, in order, so that the
	// loader's error can be located at the $ref that asked for it.
	refused []*refusal
}

// refusal is an input the reader will not read; its message is shown to
// the user at the $ref that names it.
type refusal struct {
	target string // the file or URL asked for
	msg    string
}

func (r *refusal) Error() string { return r.msg }

// refuse records and returns a refusal of target.
func (r *reader) refuse(target, format string, args ...any) error {
	f := &refusal{target: target, msg: fmt.Sprintf(format, args...)}
	r.refused = append(r.refused, f)
	return f
}

func newReader(rootDir string) (*reader, error) {
	abs, err := filepath.Abs(rootDir)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(rootDir)
	if err != nil {
		return nil, err
	}
	return &reader{root: root, rootDir: rootDir, absRoot: abs, seen: map[string]bool{}}, nil
}

func (r *reader) close() { r.root.Close() }

// rel returns the path of file relative to the root, or a refusal.
func (r *reader) rel(file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(r.absRoot, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return "", r.refuse(file, "%s is outside the schema folder %s; dmsgen reads only files below it", filepath.ToSlash(file), filepath.ToSlash(r.rootDir))
	}
	return rel, nil
}

// readFile reads a schema file, given as a path relative to the working
// directory (or absolute), within the confinement.
func (r *reader) readFile(file string) ([]byte, error) {
	rel, err := r.rel(file)
	if err != nil {
		return nil, err
	}
	ext := strings.ToLower(filepath.Ext(rel))
	if !slices.Contains(schemaExts, ext) {
		return nil, r.refuse(file, "%s is not a schema file (.yaml, .yml or .json); dmsgen does not read it", filepath.ToSlash(file))
	}
	if !r.seen[rel] {
		r.seen[rel] = true
		if len(r.seen) > MaxFiles {
			return nil, r.refuse(file, "the schema spans more than %d files", MaxFiles)
		}
	}
	// Stat before opening: opening a named pipe would wait for a writer.
	info, err := r.root.Stat(rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := r.root.Lstat(rel); lerr == nil {
			return nil, r.refuse(file, "%s is a symbolic link to nothing within the schema folder", filepath.ToSlash(file))
		}
		return nil, r.refuse(file, "%s does not exist", filepath.ToSlash(file))
	case err != nil && strings.Contains(err.Error(), "escapes"):
		return nil, r.refuse(file, "%s leads outside the schema folder %s through a symbolic link", filepath.ToSlash(file), filepath.ToSlash(r.rootDir))
	case err != nil:
		return nil, err
	case !info.Mode().IsRegular():
		return nil, r.refuse(file, "%s is not a regular file", filepath.ToSlash(file))
	case info.Size() > MaxFileSize:
		return nil, r.refuse(file, "%s is larger than %d MiB", filepath.ToSlash(file), MaxFileSize>>20)
	}
	f, err := r.root.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, r.refuse(file, "%s is larger than %d MiB", filepath.ToSlash(file), MaxFileSize>>20)
	}
	return data, nil
}

// readURI is kin-openapi's ReadFromURIFunc: it reads local files only.
func (r *reader) readURI(u *url.URL) ([]byte, error) {
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return nil, r.refuse(u.Redacted(), "%s is a URL; dmsgen reads only files of the schema folder and opens no network connection", u.Redacted())
	}
	return r.readFile(filepath.FromSlash(u.Path))
}
