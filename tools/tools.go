//go:build tools

// Package tools pins the versions of the development tools this repository
// runs, in a module of its own so that the library's go.mod (and its users)
// do not inherit their requirements. It is never built.
//
//   - benchstat compares benchmark runs:
//     go -C tools run golang.org/x/perf/cmd/benchstat "$PWD/old.txt" "$PWD/new.txt"
package tools

import (
	_ "golang.org/x/perf/cmd/benchstat"
)
