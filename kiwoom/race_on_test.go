//go:build race

package kiwoom_test

// raceEnabled reports whether the tests run under the race detector. Tests of
// single-goroutine decoding run a small sample then: the detector finds nothing
// there and makes them tens of times slower.
const raceEnabled = true
