package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kiwoomgo/kiwoom/gen"
)

// importCommand drafts specs from Kiwoom's official spec file.
func importCommand() *command {
	return &command{
		name:    "import",
		args:    "ID... | -all",
		summary: "draft specs and fixtures from Kiwoom's official spec file",
		about: "Reads the official kiwoom_api_spec.json (-from) and writes a draft specs/<family>/<id>.yaml per TR,\n" +
			"the family chosen by specs/families.yaml from the TR's path (or -family), plus draft fixtures\n" +
			"golden/<id>/request.json and response.json from the official examples, repaired into JSON with\n" +
			"every repair listed in the spec's notes. Value types come from the documented rules below; every\n" +
			"choice a rule is unsure of carries a review: mark, and lint fails until a person removes each one.\n" +
			"New enums are appended to specs/<family>/enums.yaml; words missing from vocabulary.yaml are\n" +
			"listed here and proposed in the fields' review marks. source: names the file with its repository and\n" +
			"commit when it is committed in a git checkout, else by its name (or says -source).\n\n" +
			"A spec with no review: mark left is reviewed and never overwritten, nor is an existing fixture,\n" +
			"unless -force. Exit status: 0; 1 when an entry could not be drafted or an ID was kept.\n\nRules, in order:\n" +
			importRulesText(),
		setup: setupImport,
	}
}

// officialSource names the official file for the drafts' source:: its name, with the
// repository (owner/name of the remote origin) and the commit that last changed it when
// the file is committed, unmodified, in a git checkout; else the name alone.
func officialSource(file string) string {
	dir, name := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	if _, err := git(nil, "-C", dir, "ls-files", "--error-unmatch", "--", name); err != nil {
		return gen.OfficialSource(file, "", "") // not in a checkout, or not committed
	}
	if changed, err := git(nil, "-C", dir, "status", "--porcelain", "--", name); err != nil || strings.TrimSpace(changed) != "" {
		return gen.OfficialSource(file, "", "")
	}
	url, err := git(nil, "-C", dir, "remote", "get-url", "origin")
	if err != nil {
		return gen.OfficialSource(file, "", "")
	}
	commit, err := git(nil, "-C", dir, "log", "-1", "--format=%H", "--", name)
	if err != nil {
		commit = ""
	}
	return gen.OfficialSource(file, repositoryOf(strings.TrimSpace(url)), strings.TrimSpace(commit))
}

// repositoryOf turns a remote URL into owner/name: "https://github.com/Kiwoom-Securities/
// Kiwoom-REST-API.git" and "git@github.com:Kiwoom-Securities/Kiwoom-REST-API.git" both give
// Kiwoom-Securities/Kiwoom-REST-API.
func repositoryOf(url string) string {
	url = strings.TrimSuffix(strings.TrimSuffix(url, "/"), ".git")
	parts := strings.FieldsFunc(url, func(r rune) bool { return r == '/' || r == ':' })
	if len(parts) < 2 {
		return url
	}
	return parts[len(parts)-2] + "/" + parts[len(parts)-1]
}

// upstreamCommand reports drift between the specs and the official spec file.
func upstreamCommand() *command {
	return &command{
		name:    "upstream",
		summary: "report where the specs differ from Kiwoom's official spec file",
		about: "Compares specs/ with the official kiwoom_api_spec.json (-from) and reports specs whose TR is gone,\n" +
			"and per TR every difference: added or removed wire names, changed title, length, required flag,\n" +
			"description, type column, enum values and path. Official TRs without a spec are listed as coverage.\n" +
			"A difference kept on purpose is acknowledged in the spec and no longer reported:\n" +
			"  upstream: [{what: length, official: \"6\", reason: <why>}]       (on a field)\n" +
			"  upstream: [{what: added response stk_cd, reason: <why>}]       (on the TR)\n" +
			"Exit status: 0, or 1 with -fail-on-drift when a difference, a gone TR or a stale acknowledgement remains.",
		setup: setupUpstream,
	}
}

func importRulesText() string {
	var b strings.Builder
	for _, r := range gen.ImportRules() {
		line := fmt.Sprintf("  %-16s", r.Name)
		for _, w := range strings.Fields(r.Doc) {
			if len([]rune(line))+1+len([]rune(w)) > 100 {
				b.WriteString(line + "\n")
				line = strings.Repeat(" ", 19) + w
				continue
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func setupImport(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	from := fs.String("from", "", "Kiwoom's official spec file (kiwoom_api_spec.json); required")
	specs := fs.String("specs", "specs", "the specs directory: families.yaml, enums.yaml, vocabulary.yaml, <family>/")
	golden := fs.String("golden", "golden", "the directory of the golden fixtures; - writes none")
	family := fs.String("family", "", "put the TRs into this family instead of the one their path maps to")
	force := fs.Bool("force", false, "overwrite reviewed specs and existing fixtures")
	all := fs.Bool("all", false, "draft every TR of the file")
	dryRun := fs.Bool("n", false, "write nothing; list what would be written")
	source := fs.String("source", "", "what the drafts' source: says (default: the file's name, with its repository and commit\nwhen it is committed in a git checkout: \"kiwoom_api_spec.json (Kiwoom-Securities/Kiwoom-REST-API) @ <commit>\")")
	return func(args []string, stdout, stderr io.Writer) int {
		switch {
		case *from == "":
			return usageError(stderr, "import", "-from FILE is required")
		case *all && len(args) > 0:
			return usageError(stderr, "import", "give IDs or -all, not both")
		case !*all && len(args) == 0:
			return usageError(stderr, "import", "give the api-ids to draft, or -all")
		}
		o, err := gen.LoadOfficial(*from)
		if err != nil {
			fmt.Fprintf(stderr, "kiwoomgen import: %v\n", err)
			return 1
		}
		g := *golden
		if g == "-" {
			g = ""
		}
		src := *source
		if src == "" {
			src = officialSource(*from)
		}
		res, err := gen.Import(o, gen.ImportOptions{Specs: *specs, Golden: g, Family: *family, Force: *force, IDs: args, All: *all, DryRun: *dryRun, Source: src})
		if res != nil {
			verb := "wrote"
			if *dryRun {
				verb = "would write"
			}
			for _, w := range res.Written {
				fmt.Fprintf(stdout, "%s %s\n", verb, w)
			}
			for _, e := range res.Enums {
				fmt.Fprintf(stdout, "new enum (review it) %s\n", e)
			}
			for _, w := range res.Words {
				fmt.Fprintf(stdout, "new word for vocabulary.yaml (review it): %s: %s  # %s\n", w.Word, w.Go, strings.Join(w.Uses, ", "))
			}
			if len(res.Written) > 0 {
				fmt.Fprintf(stdout, "%d review marks to clear; kiwoomgen lint lists them\n", res.Reviews)
			}
			for _, k := range res.Kept {
				fmt.Fprintf(stderr, "kiwoomgen import: kept %s\n", k)
			}
			for _, p := range res.Problems {
				fmt.Fprintf(stderr, "kiwoomgen import: %s\n", p)
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "kiwoomgen import: %v\n", err)
			return 1
		}
		if len(res.Problems) > 0 || (!*all && len(res.Kept) > 0) {
			return 1
		}
		return 0
	}
}

func setupUpstream(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	from := fs.String("from", "", "Kiwoom's official spec file (kiwoom_api_spec.json); required")
	specs := fs.String("specs", "specs", "the specs directory")
	format := fs.String("format", "text", "output format: text (for a terminal) or markdown (for a pull request or an issue)")
	failOnDrift := fs.Bool("fail-on-drift", false, "exit 1 when a specced TR differs without an acknowledgement")
	return func(args []string, stdout, stderr io.Writer) int {
		switch {
		case len(args) > 0:
			return usageError(stderr, "upstream", "unexpected argument %q", args[0])
		case *from == "":
			return usageError(stderr, "upstream", "-from FILE is required")
		case *format != "text" && *format != "markdown":
			return usageError(stderr, "upstream", "-format %q is not text or markdown", *format)
		}
		o, err := gen.LoadOfficial(*from)
		if err != nil {
			fmt.Fprintf(stderr, "kiwoomgen upstream: %v\n", err)
			return 1
		}
		model, err := loadDir(*specs)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		r := gen.Upstream(model, o)
		var buf bytes.Buffer
		if *format == "markdown" {
			err = r.WriteMarkdown(&buf)
		} else {
			err = r.WriteText(&buf)
		}
		if err == nil {
			_, err = stdout.Write(buf.Bytes())
		}
		if err != nil {
			fmt.Fprintf(stderr, "kiwoomgen upstream: %v\n", err)
			return 1
		}
		if *failOnDrift && r.Drift() {
			return 1
		}
		return 0
	}
}
