package kiwoomtest

import (
	"io/fs"

	"github.com/kiwoomgo/kiwoom/golden"
)

// defaultFixtures returns the fixtures a server serves without WithFixtures: the
// repository's golden fixtures, embedded in the binary.
func defaultFixtures() fs.FS { return golden.FS() }
