package generator

import (
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v4"
)

// ConfigFile is the configuration "dmsgen generate" and "dmsgen check" read
// when they are given no flags.
const ConfigFile = "dmsgen.yaml"

// LoadConfig reads a configuration file: one entry per generated package,
//
//	generate:
//	  - schema: schemas/api.yaml      # required
//	    out: internal/api             # required: the package's folder
//	    package: api                  # required: the Go package name
//	    fixtures: internal/api/testdata/fixtures   # optional
//	    root: schemas                 # optional: the folder $refs may reach
//
// Paths are relative to the file's folder. Unknown keys are errors, with
// their position.
func LoadConfig(path string) ([]Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	errAt := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d:%d: %s", path, n.Line, n.Column, fmt.Sprintf(format, args...))
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty configuration: it needs a generate list", path)
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, errAt(top, "expected a mapping with a generate list")
	}
	var entries *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Value != "generate" {
			return nil, errAt(k, "unknown key %q (the file has one key, generate)", k.Value)
		}
		entries = v
	}
	if entries == nil || entries.Kind != yaml.SequenceNode || len(entries.Content) == 0 {
		return nil, errAt(top, "generate must be a list of packages to generate")
	}
	dir := filepath.Dir(path)
	var out []Config
	for _, e := range entries.Content {
		if e.Kind != yaml.MappingNode {
			return nil, errAt(e, "expected a mapping with schema, out and package")
		}
		var cfg Config
		fields := map[string]*string{"schema": &cfg.Schema, "out": &cfg.OutDir, "package": &cfg.Package, "fixtures": &cfg.FixturesDir, "root": &cfg.Root}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			p, ok := fields[k.Value]
			if !ok {
				return nil, errAt(k, "unknown key %q (schema, out, package, fixtures, root)", k.Value)
			}
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
				return nil, errAt(v, "%s must be a string", k.Value)
			}
			*p = v.Value
		}
		for _, p := range []*string{&cfg.Schema, &cfg.OutDir, &cfg.FixturesDir, &cfg.Root} {
			if *p != "" && !filepath.IsAbs(*p) {
				*p = filepath.Join(dir, filepath.FromSlash(*p))
			}
		}
		if err := cfg.Validate(); err != nil {
			ue := err.(*UsageError)
			return nil, errAt(e, "%s: %s", ue.Flag, ue.Msg)
		}
		out = append(out, cfg)
	}
	return out, nil
}
