package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

func listCommand() command {
	return command{
		name:     "list",
		synopsis: []string{"list [-o table|json|csv]"},
		summary:  "list the TRs with the Go package and method of each",
		flags: `  -o, --format table|json|csv   output format (default table); json is an array of objects with
                                id, name, kind, paging, rows, path, go, package and english
`,
		run:    cmdList,
		valued: []string{"format", "o"},
	}
}

func describeCommand() command {
	return command{
		name:     "describe",
		synopsis: []string{"describe <TR-ID> [<TR-ID> ...]"},
		summary:  "show TRs' Go method, fields, types, units, allowed values and the spec's notes",
		details: `For each TR: its name, path, kind and paging, the Go package and method, the request and
response fields, then the notes of its spec (doubts, typos of the official docs, unconfirmed
facts) and the notes on single fields, e.g. a unit that the docs leave open.
`,
		run: func(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) int {
			return cmdDescribe(args, stdout, stderr)
		},
		complete: func(words []string) []candidate {
			return withoutUsed(trCandidates(words[len(words)-1]), words[:len(words)-1])
		},
	}
}

// cmdList prints the catalogue.
func cmdList(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "table", "")
	fs.StringVar(format, "o", "table", "")
	if err := fs.Parse(args); err != nil {
		return fail(stderr, usagef("kiwoom list: %v; run kiwoom list -h for usage", err))
	}
	if fs.NArg() > 0 {
		return fail(stderr, usagef("kiwoom list takes no arguments (got %q); run kiwoom list -h for usage", fs.Arg(0)))
	}
	if !slices.Contains(formatNames(), *format) {
		return fail(stderr, usagef("kiwoom list: --format %q: want table, json or csv", *format))
	}
	var err error
	switch *format {
	case "json":
		var out []object
		for _, tr := range catalog.TRs() {
			var rows any
			if tr.Rows != "" {
				rows = tr.Rows
			}
			out = append(out, object{
				{"id", tr.ID}, {"name", tr.Name}, {"kind", string(tr.Kind)}, {"paging", tr.Paging},
				{"rows", rows}, {"path", tr.Path}, {"go", tr.Method()}, {"package", tr.Package},
				{"english", tr.English},
			})
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(out)
	case "csv":
		rows := [][]string{{"id", "name", "kind", "paging", "rows", "path", "go", "package", "english"}}
		for _, tr := range catalog.TRs() {
			rows = append(rows, []string{tr.ID, tr.Name, string(tr.Kind), strconv.FormatBool(tr.Paging), tr.Rows, tr.Path, tr.Method(), tr.Package, tr.English})
		}
		err = writeCSV(stdout, rows)
	default:
		// The Go column comes after the columns of earlier versions, so their
		// positions do not change; only the free-text 설명 moves to the right.
		rows := [][]string{{"TR", "이름", "종류", "연속조회", "경로", "Go", "설명"}}
		for _, tr := range catalog.TRs() {
			paging := "-"
			if tr.Paging {
				paging = "Y (" + tr.Rows + ")"
			}
			rows = append(rows, []string{tr.ID, tr.Name, string(tr.Kind), paging, tr.Path, tr.Method(), tr.English})
		}
		err = writeTable(stdout, rows)
	}
	if err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// cmdDescribe prints the fields and notes of one or more TRs.
func cmdDescribe(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return fail(stderr, usagef("usage: kiwoom describe <TR-ID> [<TR-ID> ...]"))
	}
	var trs []catalog.TR
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			return fail(stderr, usagef("kiwoom describe: unknown flag %s; run kiwoom describe -h for usage", a))
		}
		tr, err := lookup(a)
		if err != nil {
			return fail(stderr, err)
		}
		trs = append(trs, tr)
	}
	for i, tr := range trs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		describe(stdout, tr)
	}
	return exitOK
}

// describe prints one TR.
func describe(w io.Writer, tr catalog.TR) {
	fmt.Fprintf(w, "%s %s: %s\n", tr.ID, tr.Name, tr.English)
	paging := "single page"
	if tr.Paging {
		paging = "continued with cont-yn/next-key, rows in " + tr.Rows
	}
	fmt.Fprintf(w, "POST %s · %s · %s\n", tr.Path, tr.Kind, paging)
	if tr.Summary != "" {
		fmt.Fprintf(w, "개요: %s\n", tr.Summary)
	}
	// After the lines of earlier versions, which keep their line numbers.
	fmt.Fprintf(w, "Go: %s (import %q)\n", tr.Method(), tr.Package)

	fmt.Fprintf(w, "\nRequest (kiwoom call %s field=value ...):\n", tr.ID)
	req := [][]string{{"필드", "항목", "타입", "필수", "길이", "허용 값"}}
	for _, f := range tr.Request {
		req = append(req, []string{f.Name, f.Title, typeName(f), yn(f.Required), length(f), enumValues(f)})
	}
	writeTable(w, req)

	fmt.Fprintf(w, "\nResponse:\n")
	resp := [][]string{{"필드", "항목", "타입", "단위", "허용 값"}}
	var add func(fields []catalog.Field, indent string)
	add = func(fields []catalog.Field, indent string) {
		for _, f := range fields {
			resp = append(resp, []string{indent + f.Name, f.Title, typeName(f), f.Unit, enumValues(f)})
			if f.Type == catalog.TypeList {
				add(f.Fields, indent+"  ")
			}
		}
	}
	add(tr.Response, "")
	writeTable(w, resp)

	if len(tr.Notes) > 0 {
		fmt.Fprintf(w, "\nNotes:\n")
		for _, n := range tr.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
	var notes []string
	var collect func(prefix string, fields []catalog.Field)
	collect = func(prefix string, fields []catalog.Field) {
		for _, f := range fields {
			if f.Note != "" {
				notes = append(notes, fmt.Sprintf("  %s%s (%s): %s", prefix, f.Name, f.Title, f.Note))
			}
			if f.Type == catalog.TypeList {
				collect(prefix+f.Name+"[].", f.Fields)
			}
		}
	}
	collect("request ", tr.Request)
	collect("", tr.Response)
	if len(notes) > 0 {
		fmt.Fprintf(w, "\nField notes:\n%s\n", strings.Join(notes, "\n"))
	}
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func length(f catalog.Field) string {
	if f.Length == 0 {
		return ""
	}
	return strconv.Itoa(f.Length)
}

func enumValues(f catalog.Field) string {
	if f.Enum == nil {
		return ""
	}
	return f.Enum.Allowed()
}
