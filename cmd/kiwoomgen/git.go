package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"testing/fstest"
)

// gitSpecs reads the .yaml files under the directory dir (relative to the repository root, family subdirectories included)
// at revision rev of the git repository around the working directory, into an
// in-memory file system. display names the files in messages, e.g. "main:specs".
func gitSpecs(rev, dir string) (fsys fstest.MapFS, display string, err error) {
	root, err := git(nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, "", fmt.Errorf("%q is not a directory, and there is no git repository to read it as a revision from: %v", rev, err)
	}
	root = strings.TrimSpace(root)
	commit, err := git(nil, "-C", root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, "", fmt.Errorf("%q is neither a directory nor a git revision", rev)
	}
	commit = strings.TrimSpace(commit)
	dir = strings.Trim(path.Clean(strings.ReplaceAll(dir, `\`, "/")), "/")
	display = rev + ":" + dir

	listing, err := git(nil, "-C", root, "ls-tree", "-r", "-z", commit+":"+dir)
	if err != nil {
		return nil, "", fmt.Errorf("revision %s has no directory %s/", rev, dir)
	}
	var ids, names []string
	for entry := range strings.SplitSeq(strings.TrimSuffix(listing, "\x00"), "\x00") {
		// "<mode> <type> <object>\t<name>"
		meta, name, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 || fields[1] != "blob" || !strings.HasSuffix(name, ".yaml") {
			continue
		}
		ids = append(ids, fields[2])
		names = append(names, name)
	}
	fsys = fstest.MapFS{}
	if len(ids) == 0 {
		return fsys, display, nil
	}
	blobs, err := git(strings.NewReader(strings.Join(ids, "\n")+"\n"), "-C", root, "cat-file", "--batch")
	if err != nil {
		return nil, "", fmt.Errorf("read %s at %s: %v", dir, rev, err)
	}
	r := bufio.NewReader(strings.NewReader(blobs))
	for _, name := range names {
		data, err := readBatchEntry(r)
		if err != nil {
			return nil, "", fmt.Errorf("read %s/%s at %s: %v", dir, name, rev, err)
		}
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys, display, nil
}

// readBatchEntry reads one "<oid> <type> <size>\n<content>\n" entry of git cat-file --batch.
func readBatchEntry(r *bufio.Reader) ([]byte, error) {
	header, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	fields := strings.Fields(header)
	if len(fields) != 3 {
		return nil, fmt.Errorf("unexpected git cat-file output %q", strings.TrimSpace(header))
	}
	size, err := strconv.Atoi(fields[2])
	if err != nil {
		return nil, fmt.Errorf("unexpected git cat-file output %q", strings.TrimSpace(header))
	}
	data := make([]byte, size+1) // content and its trailing newline
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, err
	}
	return data[:size], nil
}

// git runs git with args and returns its standard output; an error carries git's
// standard error.
func git(stdin io.Reader, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("git %s: %s", args[len(args)-1], msg)
		}
		return "", fmt.Errorf("git: %w", err)
	}
	return stdout.String(), nil
}
