package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

// cmdList prints the catalogue.
func cmdList(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		return fail(stderr, usagef("kiwoom list takes no arguments"))
	}
	rows := [][]string{{"TR", "이름", "Go", "종류", "연속조회", "경로", "설명"}}
	for _, tr := range catalog.TRs() {
		paging := "-"
		if tr.Paging {
			paging = "Y (" + tr.Rows + ")"
		}
		rows = append(rows, []string{tr.ID, tr.Name, tr.Method(), string(tr.Kind), paging, tr.Path, tr.English})
	}
	if err := writeTable(stdout, rows); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// cmdDescribe prints one TR's fields.
func cmdDescribe(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		return fail(stderr, usagef("usage: kiwoom describe <TR-ID>"))
	}
	tr, err := lookup(args[0])
	if err != nil {
		return fail(stderr, err)
	}
	w := stdout
	fmt.Fprintf(w, "%s %s: %s\n", tr.ID, tr.Name, tr.English)
	paging := "single page"
	if tr.Paging {
		paging = "continued with cont-yn/next-key, rows in " + tr.Rows
	}
	fmt.Fprintf(w, "POST %s · %s · %s\n", tr.Path, tr.Kind, paging)
	fmt.Fprintf(w, "Go: %s (import %q)\n", tr.Method(), tr.Package)
	if tr.Summary != "" {
		fmt.Fprintf(w, "개요: %s\n", tr.Summary)
	}

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
	return exitOK
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
