// Command vectors rewrites the signer's test vectors with the vendor's
// signer. From the tools folder:
//
//	go run ./signer/vectors [-o ../generator/support/testdata/sign/vectors.json]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dmsgen/dmsgen/tools/signer"
)

func main() {
	out := flag.String("o", filepath.FromSlash("../generator/support/testdata/sign/vectors.json"), "the file to write")
	flag.Parse()
	data, err := signer.Generate()
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vectors:", err)
		os.Exit(1)
	}
}
