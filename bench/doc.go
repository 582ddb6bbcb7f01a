// Package bench compares the generated decoders of package kiwoom with
// github.com/goccy/go-json. It is a module of its own so that the library
// never requires goccy; it has no code of its own besides the benchmarks.
// From the repository root:
//
//	go -C bench test -run '^$' -bench . -benchmem -count 10 > goccy.txt
//	go -C tools run golang.org/x/perf/cmd/benchstat -col /decoder "$PWD/goccy.txt"
//
// See docs/performance.md for the figures.
package bench
