package generator

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/dmsgen/dmsgen/generator/output"
)

// TestGenerateTwice generates the project's own configuration twice in one
// process: the output must not depend on map iteration order or on any
// state a first run leaves behind.
func TestGenerateTwice(t *testing.T) {
	t.Chdir("..")
	first, err := Generate(projectConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	second, err := Generate(projectConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, first.Files(), second.Files())
}

// TestKeyOrderDoesNotMatter regenerates from copies of the schemas whose
// mapping keys are shuffled at every level (sequences keep their order,
// since their order means something), in a temporary directory with the
// same relative layout so that the generated headers name the same path.
// Every output file, fixtures included, must be byte for byte the same.
func TestKeyOrderDoesNotMatter(t *testing.T) {
	t.Chdir("..")
	configs := map[string]Config{
		"smartconnect":      projectConfig(t),
		"store-api":         caseConfig("store-api"),
		"service-config":    caseConfig("service-config"),
		"refs-across-files": caseConfig("refs-across-files"),
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for name, cfg := range configs {
		t.Run(name, func(t *testing.T) {
			want, err := Generate(cfg)
			if err != nil {
				t.Fatal(err)
			}
			// Every YAML file of the schema's folder: a $ref may point at
			// any of them.
			sources, err := filepath.Glob(filepath.Join(root, filepath.Dir(cfg.Schema), "*.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			for seed := range uint64(4) {
				tmp := t.TempDir()
				changed := false
				for _, src := range sources {
					rel, err := filepath.Rel(root, src)
					if err != nil {
						t.Fatal(err)
					}
					data, err := os.ReadFile(src)
					if err != nil {
						t.Fatal(err)
					}
					shuffled, err := shuffleYAML(data, seed)
					if err != nil {
						t.Fatalf("%s: %v", rel, err)
					}
					changed = changed || !bytes.Equal(reencodeYAML(t, data), shuffled)
					writeFile(t, filepath.Join(tmp, rel), shuffled)
				}
				if !changed {
					t.Fatalf("seed %d: shuffling changed no key order", seed)
				}
				t.Chdir(tmp)
				got, err := Generate(cfg)
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				t.Chdir(root)
				if !sameFiles(t, want.Files(), got.Files()) {
					t.Logf("seed %d: the shuffled schemas are in %s", seed, tmp)
				}
			}
		})
	}
}

// sameFiles reports every difference between two generations, as a
// unified diff per file.
func sameFiles(t *testing.T, want, got []File) bool {
	t.Helper()
	ok := true
	byPath := map[string][]byte{}
	for _, f := range got {
		byPath[f.Path] = f.Data
	}
	for _, f := range want {
		data, found := byPath[f.Path]
		switch {
		case !found:
			t.Errorf("%s: missing from the second generation", f.Path)
			ok = false
		case !bytes.Equal(data, f.Data):
			t.Errorf("%s differs:\n%s", f.Path, output.UnifiedDiff(f.Path, string(f.Data), string(data)))
			ok = false
		}
		delete(byPath, f.Path)
	}
	for p := range byPath {
		t.Errorf("%s: only in the second generation", p)
		ok = false
	}
	return ok
}

// shuffleYAML returns data with the key/value pairs of every mapping, at
// every level, in an order drawn from seed. Sequences keep their order.
func shuffleYAML(data []byte, seed uint64) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	shuffleNode(&doc, r)
	return yaml.Marshal(&doc)
}

func shuffleNode(n *yaml.Node, r *rand.Rand) {
	if n.Kind == yaml.MappingNode {
		pairs := make([][2]*yaml.Node, len(n.Content)/2)
		for i := range pairs {
			pairs[i] = [2]*yaml.Node{n.Content[2*i], n.Content[2*i+1]}
		}
		r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		for i, p := range pairs {
			n.Content[2*i], n.Content[2*i+1] = p[0], p[1]
		}
	}
	for _, c := range n.Content {
		shuffleNode(c, r)
	}
}

// reencodeYAML is data as shuffleYAML would write it with no shuffling, to
// tell whether a shuffle changed anything.
func reencodeYAML(t *testing.T, data []byte) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
