package output

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The manifest of a folder lists the files one output wrote there:
//
//	# dmsgen manifest: the files dmsgen generated in this folder. Do not edit.
//	source schemas/smartconnect.yaml
//	file 5d41402abc4b2a76b9719d911017c592... types.go
//
// It is what lets dmsgen remove a file it no longer produces, and only
// such a file, and refuse a folder that holds another schema's output.
const manifestHead = "# dmsgen manifest: the files dmsgen generated in this folder. Do not edit."

// readManifest reads the folder's manifest, if any. A manifest dmsgen
// cannot read is a problem of the repository: nothing is written until it
// is removed or restored.
func (f *folder) readManifest() error {
	f.manifest, f.manifestSource = nil, ""
	data, err := f.read(ManifestName)
	if err != nil || data == nil {
		return err
	}
	bad := func(line int, msg string) error {
		return ProblemError{{join(f.dir.Path, ManifestName), fmt.Sprintf("line %d: %s; restore it from version control or remove it", line, msg)}}
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) < 2 || lines[0] != manifestHead {
		return bad(1, "not a dmsgen manifest")
	}
	source, ok := strings.CutPrefix(lines[1], "source ")
	if !ok || source == "" {
		return bad(2, `expected "source <schema>"`)
	}
	m := map[string]string{}
	for i, line := range lines[2:] {
		rest, ok := strings.CutPrefix(line, "file ")
		hash, name, ok2 := strings.Cut(rest, " ")
		if !ok || !ok2 || len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
			return bad(i+3, `expected "file <sha256> <name>"`)
		}
		if !validName(name, f.dir.Deep) {
			return bad(i+3, fmt.Sprintf("%q is not a file of this folder", name))
		}
		m[name] = hash
	}
	f.manifest, f.manifestSource = m, source
	return nil
}

// newManifest returns the manifest of the new output of the folder.
func (f *folder) newManifest(source string) []byte {
	var b bytes.Buffer
	b.WriteString(manifestHead + "\n")
	b.WriteString("source " + source + "\n")
	for _, name := range slices.Sorted(maps.Keys(f.want)) {
		fmt.Fprintf(&b, "file %s %s\n", sum(f.want[name]), name)
	}
	return b.Bytes()
}
