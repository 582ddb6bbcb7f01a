//go:build !unix

package kiwoom

import "io/fs"

// currentUID is -1 where files have no Unix owner: only the mode is checked.
func currentUID() int { return -1 }

// fileOwner reports no owner where files have none.
func fileOwner(fs.FileInfo) (int, bool) { return 0, false }
