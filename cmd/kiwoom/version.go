package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

func versionCommand() command {
	return command{
		name:     "version",
		synopsis: []string{"version"},
		summary:  "print the module version and commit this kiwoom was built from (also --version)",
		run:      cmdVersion,
	}
}

// cmdVersion prints the version line.
func cmdVersion(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		return fail(stderr, usagef("kiwoom version takes no arguments"))
	}
	bi, ok := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(bi, ok))
	return exitOK
}

// versionLine describes a build: "kiwoom v1.2.0 (commit 0123456789ab, 2025-09-08T10:00:00Z)
// go1.26.8 linux/amd64", with "(devel)" for a version the build does not know
// (go run, go build in a clone) and ", modified" when the work tree had changes.
func versionLine(bi *debug.BuildInfo, ok bool) string {
	version := "(devel)"
	goVersion := runtime.Version()
	var rev, when string
	modified := false
	if ok && bi != nil {
		if v := bi.Main.Version; v != "" {
			version = v
		}
		if bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	var b strings.Builder
	b.WriteString("kiwoom " + version)
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		b.WriteString(" (commit " + rev)
		if when != "" {
			b.WriteString(", " + when)
		}
		if modified {
			b.WriteString(", modified")
		}
		b.WriteString(")")
	}
	b.WriteString(" " + goVersion + " " + runtime.GOOS + "/" + runtime.GOARCH)
	return b.String()
}
