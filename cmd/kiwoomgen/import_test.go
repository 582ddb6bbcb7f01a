package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	importCase   = "../../gen/testdata/import"
	upstreamCase = "../../gen/testdata/upstream"
)

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestImportUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"import", "ka10001"},
		{"import", "-from", "x.json"},
		{"import", "-from", "x.json", "-all", "ka10001"},
		{"upstream"},
		{"upstream", "-from", "x.json", "extra"},
		{"upstream", "-from", "x.json", "-format", "html"},
	} {
		if code, _, stderr := runArgs(args...); code != 2 || !strings.Contains(stderr, "Run kiwoomgen") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a usage hint", args, code, stderr)
		}
	}
	if code, _, stderr := runArgs("import", "-from", "nosuch.json", "-all"); code != 1 || !strings.Contains(stderr, "nosuch.json") {
		t.Errorf("a missing file: exit %d, %q", code, stderr)
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	specs, golden := filepath.Join(dir, "specs"), filepath.Join(dir, "golden")
	copyDir(t, filepath.Join(importCase, "specs"), specs)
	// A copy outside any git checkout: source: is the file's name.
	from := filepath.Join(dir, "official.json")
	data, err := os.ReadFile(filepath.Join(importCase, "official.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(from, data, 0o644); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runArgs("import", "-from", from, "-specs", specs, "-golden", golden, "ka99010", "kt99000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"wrote " + filepath.ToSlash(filepath.Join(specs, "chart", "ka99010.yaml")), "new enum (review it) specs/order/enums.yaml: TradeType",
		"new word for vocabulary.yaml (review it): hgst: Hgst", "review marks to clear"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	want, err := os.ReadFile(filepath.Join(importCase, "want", "specs", "chart", "ka99010.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(specs, "chart", "ka99010.yaml")); string(got) != string(want) {
		t.Errorf("the draft differs from gen/testdata/import/want/specs/chart/ka99010.yaml")
	}
	// A reviewed spec named on the command line is kept, and that is an error.
	code, _, stderr = runArgs("import", "-from", from, "-specs", specs, "-golden", "-", "ka99011")
	if code != 1 || !strings.Contains(stderr, "kept") || !strings.Contains(stderr, "-force") {
		t.Errorf("reviewed spec: exit %d, %q", code, stderr)
	}
	// -n writes nothing.
	code, stdout, _ = runArgs("import", "-from", from, "-specs", specs, "-golden", "-", "-n", "-force", "ka99011")
	if code != 0 || !strings.Contains(stdout, "would write") {
		t.Errorf("-n: exit %d, %q", code, stdout)
	}
	// With -all the entries that cannot be drafted make the exit status 1.
	code, _, stderr = runArgs("import", "-from", from, "-specs", specs, "-golden", golden, "-all")
	if code != 1 || !strings.Contains(stderr, "ku99001: no family") {
		t.Errorf("-all: exit %d, %q", code, stderr)
	}
	// The drafts fail lint until reviewed: the import left review marks.
	if code, _, _ := runArgs("lint", "-specs", filepath.Join(lintCases, "fire")); code != 1 {
		t.Errorf("lint passes with review marks")
	}
}

// TestImportSource: a file committed in a git checkout is named with its repository and
// the commit that last changed it; -source overrides; a modified file is named alone.
func TestImportSource(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "Kiwoom-REST-API")
	data, err := os.ReadFile(filepath.Join(importCase, "official.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(repo, "kiwoom", "_data"), 0o755); err != nil {
		t.Fatal(err)
	}
	from := filepath.Join(repo, "kiwoom", "_data", "kiwoom_api_spec.json")
	if err := os.WriteFile(from, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"init", "-q"},
		{"remote", "add", "origin", "https://github.com/Kiwoom-Securities/Kiwoom-REST-API.git"},
		{"add", "."},
		{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "spec"},
	} {
		if _, err := git(nil, append([]string{"-C", repo}, args...)...); err != nil {
			t.Skipf("git %v: %v", args, err)
		}
	}
	commit, err := git(nil, "-C", repo, "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	commit = strings.TrimSpace(commit)
	source := func(extra ...string) string {
		t.Helper()
		specs := filepath.Join(t.TempDir(), "specs")
		copyDir(t, filepath.Join(importCase, "specs"), specs)
		args := append([]string{"import", "-from", from, "-specs", specs, "-golden", "-"}, extra...)
		if code, _, stderr := runArgs(append(args, "ka99015")...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		data, err := os.ReadFile(filepath.Join(specs, "stockinfo", "ka99015.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "source: "); ok {
				return v
			}
		}
		t.Fatal("no source: line")
		return ""
	}
	if got, want := source(), `"kiwoom_api_spec.json (Kiwoom-Securities/Kiwoom-REST-API) @ `+commit+`"`; got != want {
		t.Errorf("source: %s; want %s", got, want)
	}
	if got := source("-source", "my copy"); got != "my copy" {
		t.Errorf("-source: source: %s", got)
	}
	if err := os.WriteFile(from, append(data, ' '), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := source(); got != "kiwoom_api_spec.json" {
		t.Errorf("a modified file: source: %s; want the name alone", got)
	}
}

func TestRepositoryOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/Kiwoom-Securities/Kiwoom-REST-API.git": "Kiwoom-Securities/Kiwoom-REST-API",
		"git@github.com:Kiwoom-Securities/Kiwoom-REST-API.git":     "Kiwoom-Securities/Kiwoom-REST-API",
		"https://github.com/Kiwoom-Securities/Kiwoom-REST-API/":    "Kiwoom-Securities/Kiwoom-REST-API",
	} {
		if got := repositoryOf(in); got != want {
			t.Errorf("repositoryOf(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestUpstreamCommand(t *testing.T) {
	from := filepath.Join(upstreamCase, "official.json")
	specs := filepath.Join(upstreamCase, "specs")
	code, stdout, stderr := runArgs("upstream", "-from", from, "-specs", specs)
	if code != 0 || !strings.Contains(stdout, "ka99021") {
		t.Errorf("exit %d, %q %q", code, stdout, stderr)
	}
	want, err := os.ReadFile(filepath.Join(upstreamCase, "want.md"))
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runArgs("upstream", "-from", from, "-specs", specs, "-format", "markdown", "-fail-on-drift")
	if code != 1 {
		t.Errorf("-fail-on-drift: exit %d; want 1", code)
	}
	if !strings.Contains(stdout, "| ka99021 | TR | path |") || !strings.HasPrefix(string(want), "## Upstream drift") {
		t.Errorf("markdown:\n%s", stdout)
	}
	if code, _, stderr := runArgs("upstream", "-from", filepath.Join(importCase, "specs", "families.yaml"), "-specs", specs); code != 1 || !strings.Contains(stderr, "families.yaml:") {
		t.Errorf("a file that is not JSON: exit %d, %q", code, stderr)
	}
}
