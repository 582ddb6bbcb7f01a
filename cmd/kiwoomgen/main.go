// Command kiwoomgen generates the typed kiwoom package from the YAML TR specs, and helps
// review changes to them.
//
// Usage:
//
//	kiwoomgen [generate] [-specs DIR] [-out DIR] [-check]
//	kiwoomgen diff [-format text|markdown] [-fail-on-breaking] [-path DIR] OLD NEW
//	kiwoomgen lint [-specs DIR]
//	kiwoomgen docs [-specs DIR] [-o FILE] [-check]
//	kiwoomgen import -from FILE [-specs DIR] [-golden DIR] [-family F] [-force] [-n] ID... | -all
//	kiwoomgen upstream -from FILE [-specs DIR] [-format text|markdown] [-fail-on-drift]
//	kiwoomgen help [COMMAND]
//
// generate (the default when the first argument is a flag or absent) loads every spec
// strictly (errors are reported as file:line:col), renders one Go file per TR plus the
// shared enums and the TR catalogue, and writes them into the output directory; with
// -check it writes nothing and exits 1 when a generated file is stale.
//
// diff compares two versions of the specs, each a specs directory or a git revision
// (whose specs/ is read through git), and says per TR and per enum what changed and
// whether it is breaking for Go users, a behaviour change, or compatible. With
// -fail-on-breaking it exits 1 when something breaking changed.
//
// lint checks the specs for transcription slips that the loader accepts; it prints one
// finding per line as file:line:col: rule: message and exits 1 when any remain.
//
// docs writes the TR catalogue (docs/TRs.md) from the specs; with -check it writes
// nothing and exits 1 when the file is stale.
//
// import drafts specs/<family>/<id>.yaml and golden fixtures from Kiwoom's official
// kiwoom_api_spec.json by documented rules, marking every unsure choice with review:;
// upstream reports where the specs have drifted from that file.
//
// Every command exits 2 on a usage error.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kiwoomgo/kiwoom/gen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand: its flags are defined by setup, which returns the action.
type command struct {
	name    string
	args    string // positional arguments in the usage line
	summary string
	about   string // paragraphs shown by -h after the usage line
	setup   func(fs *flag.FlagSet) func(args []string, stdout, stderr io.Writer) int
}

func commands() []*command {
	return []*command{
		{
			name:    "generate",
			summary: "generate the kiwoom package from the specs (the default command)",
			about: "Loads every spec strictly and writes one Go file per TR, enums_gen.go and catalog_gen.go\n" +
				"into the output directory, deleting generated files no spec renders any more.\n" +
				"A spec error is reported as file:line:col and exits with status 1.",
			setup: setupGenerate,
		},
		{
			name:    "diff",
			args:    "OLD NEW",
			summary: "say what a spec change does to users of the package",
			about: "OLD and NEW are each a specs directory or a git revision (main, HEAD, a1b2c3d, origin/main…);\n" +
				"for a revision the specs directory (-path) is read from git at that revision. A path that is\n" +
				"an existing directory is taken as a directory.\n\n" +
				"Every change is classified:\n" +
				"  breaking    Go code may stop compiling or Validate may reject a request it accepted: a removed\n" +
				"              TR, field, enum or enum value; a renamed Go name or constant; a changed Go type; a\n" +
				"              request field that became required or got a tighter length; paging removed; a\n" +
				"              TR that stops being an order TR (the client may then resend it).\n" +
				"  behaviour   the Go API stays but the wire call or a value means something else: another path,\n" +
				"              another kind, a wire name behind an unchanged Go name, a changed unit.\n" +
				"  compatible  added TRs, fields, enums and values; doc text; relaxed request rules.\n" +
				"Exit status: 0, or 1 with -fail-on-breaking when something breaking changed.",
			setup: setupDiff,
		},
		{
			name:    "lint",
			summary: "check the specs for transcription slips",
			about: "Prints one finding per line as file:line:col: rule: message, sorted, and exits 1 when any\n" +
				"remain. Silence a finding in the spec, on the field (or its list) or on the TR, with\n" +
				"  lint: [{rule: <rule>, reason: <why>}]\n\nRules:\n" + lintRulesText(),
			setup: setupLint,
		},
		{
			name:    "docs",
			summary: "write the TR catalogue (docs/TRs.md) from the specs",
			about: "Writes every TR with its api-id, Korean and Go names, path, kind and paging, and its request,\n" +
				"response and row field tables, then every enum. -o - writes to standard output.",
			setup: setupDocs,
		},
		importCommand(), upstreamCommand(),
	}
}

func lintRulesText() string {
	var b strings.Builder
	for _, r := range gen.LintRules() {
		// Wrap the description at about 100 columns, indented under the rule.
		line := fmt.Sprintf("  %-20s", r.Name)
		for _, w := range strings.Fields(r.Doc) {
			if len([]rune(line))+1+len([]rune(w)) > 100 {
				b.WriteString(line + "\n")
				line = strings.Repeat(" ", 23) + w
				continue
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	name, rest := "generate", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, rest = args[0], args[1:]
	}
	if name == "help" {
		if len(rest) == 0 {
			usage(stdout)
			return 0
		}
		name, rest = rest[0], []string{"-h"}
		if c := lookup(name); c != nil {
			return runCommand(c, rest, stdout, stdout)
		}
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "kiwoomgen: unknown command %q\n\n", name)
		usage(stderr)
		return 2
	}
	return runCommand(c, rest, stdout, stderr)
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "Usage: kiwoomgen [COMMAND] [FLAGS] [ARGS]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nWithout a command (or when the first argument is a flag) kiwoomgen runs generate.\n")
	fmt.Fprintf(w, "Run kiwoomgen COMMAND -h, or kiwoomgen help COMMAND, for its flags.\n")
}

// runCommand parses a command's flags, which may come before, between or after its
// positional arguments, and runs it.
func runCommand(c *command, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kiwoomgen "+c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	action := c.setup(fs)
	fs.Usage = func() {
		line := "kiwoomgen " + c.name
		if c.name == "generate" {
			line = "kiwoomgen [generate]"
		}
		line += " [flags]"
		if c.args != "" {
			line += " " + c.args
		}
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s\n\n%s\n\nFlags:\n", line, capitalize(c.summary)+".", c.about)
		fs.PrintDefaults()
		if c.name == "generate" {
			fmt.Fprintln(fs.Output())
			usage(fs.Output())
		}
	}
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return action(positional, stdout, stderr)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parseInterspersed parses flags wherever they stand among the positional arguments
// ("diff main HEAD -format markdown"); everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		// fs.Parse stops at the first positional argument, or consumes a "--" before it.
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// usageError reports a usage problem and returns exit status 2.
func usageError(stderr io.Writer, cmd, format string, args ...any) int {
	fmt.Fprintf(stderr, "kiwoomgen %s: %s\nRun kiwoomgen %s -h for usage.\n", cmd, fmt.Sprintf(format, args...), cmd)
	return 2
}

func loadDir(dir string) (*gen.Model, error) {
	return gen.Load(os.DirFS(dir), ".", filepath.ToSlash(filepath.Clean(dir)))
}

func setupGenerate(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	specs := fs.String("specs", "specs", "directory holding the TR specs, enums.yaml and vocabulary.yaml")
	out := fs.String("out", "kiwoom", "directory of the generated package")
	check := fs.Bool("check", false, "write nothing; exit 1 when a generated file differs from a fresh render")
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			return usageError(stderr, "generate", "unexpected argument %q", args[0])
		}
		model, err := loadDir(*specs)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		files, err := gen.Render(model)
		if err != nil {
			fmt.Fprintln(stderr, "kiwoomgen:", err)
			return 1
		}
		changed, err := gen.Sync(*out, gen.OutputDirs(model), files, *check)
		if err != nil {
			fmt.Fprintln(stderr, "kiwoomgen:", err)
			return 1
		}
		if *check && len(changed) > 0 {
			for _, name := range changed {
				fmt.Fprintf(stderr, "kiwoomgen: %s is stale; run go generate ./...\n", name)
			}
			return 1
		}
		for _, name := range changed {
			fmt.Fprintf(stdout, "wrote %s\n", name)
		}
		return generateRealtime(*specs, *out, *check, stdout, stderr)
	}
}

func setupDiff(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	format := fs.String("format", "text", "output format: text (for a terminal) or markdown (for a pull-request comment)")
	failOnBreaking := fs.Bool("fail-on-breaking", false, "exit 1 when a change is breaking for Go users")
	path := fs.String("path", "specs", "the specs directory inside the git repository, for OLD or NEW given as a revision")
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) != 2 {
			return usageError(stderr, "diff", "want OLD and NEW, got %d arguments", len(args))
		}
		if *format != "text" && *format != "markdown" {
			return usageError(stderr, "diff", "-format %q is not text or markdown", *format)
		}
		var models [2]*gen.Model
		for i, arg := range args {
			m, err := loadSide(arg, *path)
			if err != nil {
				fmt.Fprintf(stderr, "kiwoomgen diff: %s\n", err)
				return 1
			}
			models[i] = m
		}
		d := gen.Diff(models[0], models[1])
		var buf bytes.Buffer
		var err error
		if *format == "markdown" {
			err = d.WriteMarkdown(&buf, args[0], args[1])
		} else {
			err = d.WriteText(&buf, args[0], args[1])
		}
		if err == nil {
			_, err = stdout.Write(buf.Bytes())
		}
		if err != nil {
			fmt.Fprintf(stderr, "kiwoomgen diff: %v\n", err)
			return 1
		}
		if *failOnBreaking && d.Breaking() {
			return 1
		}
		return 0
	}
}

// loadSide loads one side of a diff: a directory, or the specs at a git revision.
func loadSide(arg, path string) (*gen.Model, error) {
	if info, err := os.Stat(arg); err == nil && info.IsDir() {
		return loadDir(arg)
	}
	fsys, display, err := gitSpecs(arg, path)
	if err != nil {
		return nil, err
	}
	return gen.Load(fsys, ".", display)
}

func setupLint(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	specs := fs.String("specs", "specs", "directory holding the TR specs, enums.yaml and vocabulary.yaml")
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			return usageError(stderr, "lint", "unexpected argument %q", args[0])
		}
		model, err := loadDir(*specs)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		findings := gen.Lint(model)
		for _, f := range findings {
			fmt.Fprintln(stdout, f)
		}
		if len(findings) > 0 {
			noun := "findings"
			if len(findings) == 1 {
				noun = "finding"
			}
			fmt.Fprintf(stderr, "kiwoomgen lint: %d %s; fix the spec, or silence with lint: [{rule: …, reason: …}]\n", len(findings), noun)
			return 1
		}
		return 0
	}
}

func setupDocs(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	specs := fs.String("specs", "specs", "directory holding the TR specs, enums.yaml and vocabulary.yaml")
	out := fs.String("o", "docs/TRs.md", "file to write; - for standard output")
	check := fs.Bool("check", false, "write nothing; exit 1 when the file differs from a fresh render")
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			return usageError(stderr, "docs", "unexpected argument %q", args[0])
		}
		model, err := loadDir(*specs)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		var realtimeDocs []byte
		if dir := filepath.Join(*specs, "realtime"); isDir(dir) {
			rm, err := gen.LoadRealtime(os.DirFS(dir), ".", filepath.ToSlash(filepath.Clean(dir)))
			if err != nil {
				fmt.Fprintln(stderr, err)
				return 1
			}
			realtimeDocs = gen.RenderRealtimeDocs(rm)
		}
		if *out == "-" {
			if _, err := stdout.Write(append(gen.RenderDocs(model, filepath.ToSlash(filepath.Clean(*specs))), realtimeDocs...)); err != nil {
				fmt.Fprintf(stderr, "kiwoomgen docs: %v\n", err)
				return 1
			}
			return 0
		}
		content := append(gen.RenderDocs(model, specsLink(*out, *specs)), realtimeDocs...)
		old, err := os.ReadFile(*out)
		if err == nil && bytes.Equal(old, content) {
			return 0
		}
		if *check {
			fmt.Fprintf(stderr, "kiwoomgen: %s is stale; run go generate ./...\n", *out)
			return 1
		}
		if err := writeFile(*out, content); err != nil {
			fmt.Fprintf(stderr, "kiwoomgen docs: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s\n", *out)
		return 0
	}
}

// specsLink is the path from the catalogue's directory to the specs directory, for
// links; "" when there is none.
// isDir reports whether path is a directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func specsLink(out, specs string) string {
	from, err1 := filepath.Abs(filepath.Dir(out))
	to, err2 := filepath.Abs(specs)
	if err1 != nil || err2 != nil {
		return ""
	}
	rel, err := filepath.Rel(from, to)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(rel)
}

// writeFile writes through a temporary file and a rename, so a failure never leaves a
// half-written file; it creates the directory when needed.
func writeFile(path string, content []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
