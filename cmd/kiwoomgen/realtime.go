package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kiwoomgo/kiwoom/gen"
)

// generateRealtime loads the realtime family from <specs>/realtime and syncs the
// generated files of <out>/realtime (with check, it writes nothing and reports
// stale files). It does nothing when <specs>/realtime does not exist. It returns
// the exit code.
func generateRealtime(specs, out string, check bool, stdout, stderr io.Writer) int {
	dir := filepath.Join(specs, "realtime")
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return 0
	}
	model, err := gen.LoadRealtime(os.DirFS(dir), ".", filepath.ToSlash(filepath.Clean(dir)))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	files, err := gen.RenderRealtime(model)
	if err != nil {
		fmt.Fprintln(stderr, "kiwoomgen:", err)
		return 1
	}
	outDir := filepath.Join(out, "realtime")
	changed, err := gen.Sync(outDir, []string{""}, files, check)
	if err != nil {
		fmt.Fprintln(stderr, "kiwoomgen:", err)
		return 1
	}
	if check && len(changed) > 0 {
		for _, name := range changed {
			fmt.Fprintf(stderr, "kiwoomgen: realtime/%s is stale; run go generate ./...\n", name)
		}
		return 1
	}
	for _, name := range changed {
		fmt.Fprintf(stdout, "wrote realtime/%s\n", name)
	}
	return 0
}
