//go:build tools

// Package tools pins the versions of the development tools this module runs with
// `go run`, so every machine uses the same ones. It is never built.
//
//   - benchstat compares benchmark runs: go run golang.org/x/perf/cmd/benchstat old.txt new.txt
package tools

import (
	_ "golang.org/x/perf/cmd/benchstat"
)
