package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/gen"
)

const (
	basicSpecs = "../../gen/testdata/valid/basic/specs"
	diffCases  = "../../gen/testdata/diff"
	lintCases  = "../../gen/testdata/lint"
)

// runArgs runs the command and returns its exit status, standard output and error.
func runArgs(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"bogus"},
		{"-nosuch"},
		{"generate", "extra"},
		{"diff"},
		{"diff", "a"},
		{"diff", "a", "b", "c"},
		{"diff", "-format", "html", "a", "b"},
		{"diff", "-nosuch", "a", "b"},
		{"lint", "extra"},
		{"lint", "-nosuch"},
		{"docs", "extra"},
		{"docs", "-o"},
	} {
		code, stdout, stderr := runArgs(args...)
		if code != 2 || stdout != "" || stderr == "" {
			t.Errorf("run %q = %d, stdout %q, stderr %q; want 2, nothing, a message", args, code, stdout, stderr)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"-h"}, []string{"kiwoomgen [generate]", "-specs", "-out", "-check", "Commands:", "diff", "lint", "docs"}},
		{[]string{"generate", "-h"}, []string{"kiwoomgen [generate]", "-out"}},
		{[]string{"diff", "-h"}, []string{"kiwoomgen diff [flags] OLD NEW", "-format", "-fail-on-breaking", "-path", "breaking", "behaviour", "compatible"}},
		{[]string{"lint", "-h"}, []string{"kiwoomgen lint", "-specs", gen.RuleEnumDescription, gen.RuleDuplicateTitle, "reason"}},
		{[]string{"docs", "-h"}, []string{"kiwoomgen docs", "-o", "docs/TRs.md", "-check"}},
		{[]string{"help"}, []string{"Commands:", "generate", "diff", "lint", "docs"}},
		{[]string{"help", "diff"}, []string{"kiwoomgen diff", "-fail-on-breaking"}},
	} {
		code, stdout, stderr := runArgs(tc.args...)
		out := stdout + stderr
		if code != 0 {
			t.Errorf("run %q = %d, want 0", tc.args, code)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("run %q: output lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

// TestGenerateIsDefault: flags without a command run generate, as kiwoom/doc.go's
// go:generate line does.
func TestGenerateIsDefault(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runArgs("-specs", basicSpecs, "-out", out)
	if code != 0 || !strings.Contains(stdout, "wrote demo/ka99001_gen.go") {
		t.Fatalf("generate = %d, %q, %q", code, stdout, stderr)
	}
	if code, _, stderr := runArgs("generate", "-specs", basicSpecs, "-out", out, "-check"); code != 0 {
		t.Errorf("-check after generate = %d, %s", code, stderr)
	}
	os.WriteFile(filepath.Join(out, "demo", "ka99001_gen.go"), []byte("package demo\n"), 0o644)
	if code, _, stderr := runArgs("-check", "-specs", basicSpecs, "-out", out); code != 1 || !strings.Contains(stderr, "demo/ka99001_gen.go is stale") {
		t.Errorf("-check on a stale file = %d, %q; want 1 and a message", code, stderr)
	}
	if code, _, stderr := runArgs("-specs", filepath.Join(t.TempDir(), "missing")); code != 1 || stderr == "" {
		t.Errorf("generate from a missing directory = %d, %q; want 1 and a message", code, stderr)
	}
}

func TestDiffDirectories(t *testing.T) {
	old, new := filepath.Join(diffCases, "fields", "old"), filepath.Join(diffCases, "fields", "new")
	code, stdout, stderr := runArgs("diff", old, new)
	if code != 0 || !strings.HasPrefix(stdout, "Spec changes from "+old+" to "+new) || !strings.Contains(stdout, "BREAKING") || stderr != "" {
		t.Errorf("diff = %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
	// Flags may follow the arguments, as in the README's "diff main HEAD -format markdown".
	code, stdout, _ = runArgs("diff", old, new, "-format", "markdown", "-fail-on-breaking")
	if code != 1 || !strings.HasPrefix(stdout, "## Spec changes from `"+old+"`") {
		t.Errorf("diff -format markdown -fail-on-breaking = %d, stdout:\n%s", code, stdout)
	}
	none := filepath.Join(diffCases, "none")
	code, stdout, _ = runArgs("diff", "-fail-on-breaking", filepath.Join(none, "old"), filepath.Join(none, "new"))
	if code != 0 || !strings.HasPrefix(stdout, "No spec changes") {
		t.Errorf("diff of equal specs = %d, %q", code, stdout)
	}
	code, _, stderr = runArgs("diff", filepath.Join(lintCases, "no-such-dir"), new)
	if code != 1 || !strings.Contains(stderr, "kiwoomgen diff:") {
		t.Errorf("diff from a missing directory = %d, %q", code, stderr)
	}
}

// TestDiffGitRevisions builds a repository whose specs/ changes between two commits and
// compares the revisions, a revision with a directory, and a bad revision.
func TestDiffGitRevisions(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %q: %v\n%s", args, err, out)
		}
	}
	copySpecs := func(from string) {
		t.Helper()
		dst := filepath.Join(repo, "specs")
		os.RemoveAll(dst)
		os.MkdirAll(dst, 0o755)
		entries, err := os.ReadDir(from)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(from, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644)
		}
		// A file that is not a spec must be ignored.
		os.WriteFile(filepath.Join(dst, "README.md"), []byte("# specs\n"), 0o644)
	}
	gitRun("init", "-q")
	copySpecs(filepath.Join(diffCases, "trs", "old"))
	gitRun("add", "-A")
	gitRun("commit", "-q", "-m", "old")
	gitRun("tag", "v1")
	copySpecs(filepath.Join(diffCases, "trs", "new"))
	gitRun("add", "-A")
	gitRun("commit", "-q", "-m", "new")

	// What the same comparison of directories says.
	load := func(dir string) *gen.Model {
		m, err := gen.Load(os.DirFS(dir), ".", dir)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	var want bytes.Buffer
	gen.Diff(load(filepath.Join(diffCases, "trs", "old")), load(filepath.Join(diffCases, "trs", "new"))).WriteText(&want, "v1", "HEAD")

	t.Chdir(repo)
	code, stdout, stderr := runArgs("diff", "v1", "HEAD")
	if code != 0 || stdout != want.String() {
		t.Errorf("diff v1 HEAD = %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want.String())
	}
	if code, stdout, _ := runArgs("diff", "HEAD", "specs"); code != 0 || !strings.HasPrefix(stdout, "No spec changes from HEAD to specs") {
		t.Errorf("diff HEAD specs = %d, %q", code, stdout)
	}
	if code, _, _ := runArgs("diff", "-fail-on-breaking", "HEAD~1", "HEAD"); code != 1 {
		t.Errorf("diff -fail-on-breaking HEAD~1 HEAD = %d, want 1", code)
	}
	if code, _, stderr := runArgs("diff", "no-such-rev", "HEAD"); code != 1 || !strings.Contains(stderr, `"no-such-rev" is neither a directory nor a git revision`) {
		t.Errorf("diff no-such-rev HEAD = %d, %q", code, stderr)
	}
	if code, _, stderr := runArgs("diff", "-path", "nowhere", "HEAD~1", "HEAD"); code != 1 || !strings.Contains(stderr, "has no directory nowhere/") {
		t.Errorf("diff -path nowhere = %d, %q", code, stderr)
	}
	// A spec error at a revision is located as REV:specs/<file>:line:col.
	os.WriteFile(filepath.Join(repo, "specs", "ka90008.yaml"), []byte("id: ka90008\nbogus: 1\n"), 0o644)
	gitRun("commit", "-q", "-am", "broken")
	if code, _, stderr := runArgs("diff", "HEAD~1", "HEAD"); code != 1 || !strings.Contains(stderr, "HEAD:specs/ka90008.yaml:2:1: unknown key \"bogus\"") {
		t.Errorf("diff to a broken revision = %d, %q", code, stderr)
	}
}

func TestLint(t *testing.T) {
	fire := filepath.Join(lintCases, "fire")
	code, stdout, stderr := runArgs("lint", "-specs", fire)
	want, err := os.ReadFile(filepath.Join(fire, "want"))
	if err != nil {
		t.Fatal(err)
	}
	// The command names files by the -specs directory; the golden file by "specs".
	got := strings.ReplaceAll(stdout, filepath.ToSlash(fire)+"/", "specs/")
	if code != 1 || got != string(want) || !strings.Contains(stderr, "findings") {
		t.Errorf("lint fire = %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, got, want)
	}
	if code, stdout, stderr := runArgs("lint", "-specs", filepath.Join(lintCases, "quiet")); code != 0 || stdout != "" || stderr != "" {
		t.Errorf("lint quiet = %d, %q, %q; want 0 and no output", code, stdout, stderr)
	}
	if code, _, stderr := runArgs("lint", "-specs", filepath.Join(lintCases, "no-such-dir")); code != 1 || stderr == "" {
		t.Errorf("lint of a missing directory = %d, %q", code, stderr)
	}
}

func TestDocs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "docs", "TRs.md")
	code, stdout, stderr := runArgs("docs", "-specs", basicSpecs, "-o", out)
	if code != 0 || stdout != "wrote "+out+"\n" {
		t.Fatalf("docs = %d, %q, %q", code, stdout, stderr)
	}
	written, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(written, []byte(gen.DocsHeader)) {
		t.Fatalf("docs wrote %q, %v", written, err)
	}
	if code, stdout, _ := runArgs("docs", "-specs", basicSpecs, "-o", out); code != 0 || stdout != "" {
		t.Errorf("second docs run = %d, %q; want 0 and nothing written", code, stdout)
	}
	if code, _, _ := runArgs("docs", "-check", "-specs", basicSpecs, "-o", out); code != 0 {
		t.Errorf("docs -check on a current file = %d", code)
	}
	os.WriteFile(out, []byte("stale\n"), 0o644)
	if code, _, stderr := runArgs("docs", "-check", "-specs", basicSpecs, "-o", out); code != 1 || !strings.Contains(stderr, "is stale") {
		t.Errorf("docs -check on a stale file = %d, %q", code, stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != "stale\n" {
		t.Error("docs -check wrote the file")
	}
	if code, stdout, _ := runArgs("docs", "-specs", basicSpecs, "-o", "-"); code != 0 || !strings.HasPrefix(stdout, gen.DocsHeader) {
		t.Errorf("docs -o - = %d, %q", code, stdout)
	}
}

func TestSpecsLink(t *testing.T) {
	for _, tc := range []struct{ out, specs, want string }{
		{"docs/TRs.md", "specs", "../specs"},
		{"../docs/TRs.md", "../specs", "../specs"},
		{"TRs.md", "specs", "specs"},
		{"a/b/TRs.md", "specs", "../../specs"},
	} {
		if got := specsLink(tc.out, tc.specs); got != tc.want {
			t.Errorf("specsLink(%q, %q) = %q, want %q", tc.out, tc.specs, got, tc.want)
		}
	}
}

func TestParseInterspersed(t *testing.T) {
	for _, tc := range []struct {
		args, positional []string
		format           string
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, "text"},
		{[]string{"-format", "markdown", "a", "b"}, []string{"a", "b"}, "markdown"},
		{[]string{"a", "-format", "markdown", "b"}, []string{"a", "b"}, "markdown"},
		{[]string{"a", "b", "-format=markdown"}, []string{"a", "b"}, "markdown"},
		{[]string{"a", "--", "-format", "b"}, []string{"a", "-format", "b"}, "text"},
	} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		format := fs.String("format", "text", "")
		got, err := parseInterspersed(fs, tc.args)
		if err != nil || !slices.Equal(got, tc.positional) || *format != tc.format {
			t.Errorf("parseInterspersed(%q) = %q, %v, format %q; want %q, format %q", tc.args, got, err, *format, tc.positional, tc.format)
		}
	}
}
