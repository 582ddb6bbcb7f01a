//go:build unix

package kiwoom

import (
	"io/fs"
	"os"
	"syscall"
)

// currentUID is the user a token file must belong to.
func currentUID() int { return os.Getuid() }

// fileOwner returns the uid that owns the file.
func fileOwner(fi fs.FileInfo) (int, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}
