// Command kiwoomgen generates the typed kiwoom package from the YAML TR specs.
//
// Usage:
//
//	kiwoomgen [-specs DIR] [-out DIR] [-check]
//
// It loads every spec in the specs directory strictly (errors are reported as
// file:line:col and the exit status is 1), renders one Go file per TR plus the
// shared enums and the TR catalogue, and writes them into the output directory.
// With -check it writes nothing and exits 1 when any generated file is stale.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kiwoomgo/kiwoom/gen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kiwoomgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	specs := fs.String("specs", "specs", "directory holding the TR specs, enums.yaml and vocabulary.yaml")
	out := fs.String("out", "kiwoom", "directory of the generated package")
	check := fs.Bool("check", false, "write nothing; exit 1 when a generated file differs from a fresh render")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: kiwoomgen [-specs DIR] [-out DIR] [-check]\n\n")
		fmt.Fprintf(stderr, "Generates the typed kiwoom package from the YAML TR specs.\n")
		fmt.Fprintf(stderr, "A spec error is reported as file:line:col and exits with status 1.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "kiwoomgen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	model, err := gen.Load(os.DirFS(*specs), ".", *specs)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	files, err := gen.Render(model)
	if err != nil {
		fmt.Fprintln(stderr, "kiwoomgen:", err)
		return 1
	}
	changed, err := gen.Sync(*out, files, *check)
	if err != nil {
		fmt.Fprintln(stderr, "kiwoomgen:", err)
		return 1
	}
	if *check && len(changed) > 0 {
		for _, name := range changed {
			fmt.Fprintf(stderr, "kiwoomgen: %s is stale; run go generate ./...\n", name)
		}
		return 1
	}
	for _, name := range changed {
		fmt.Fprintf(stdout, "wrote %s\n", name)
	}
	return 0
}
