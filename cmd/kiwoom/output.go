package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

// rowsField returns the catalogue entry of the TR's rows list, or nil.
func rowsField(tr catalog.TR) *catalog.Field {
	if tr.Rows == "" {
		return nil
	}
	return tr.Field(false, tr.Rows)
}

// rowsOf returns the rows slice of a response (an empty value when the TR has none).
func rowsOf(tr catalog.TR, resp kiwoom.Response) reflect.Value {
	f := rowsField(tr)
	if f == nil {
		return reflect.ValueOf([]struct{}{})
	}
	return reflect.ValueOf(resp).Elem().FieldByName(f.GoName)
}

// merged returns the first page with the rows of every page.
func merged(tr catalog.TR, pages []kiwoom.Response) kiwoom.Response {
	first := pages[0]
	f := rowsField(tr)
	if f == nil || len(pages) == 1 {
		return first
	}
	v := reflect.ValueOf(first).Elem().FieldByName(f.GoName)
	for _, p := range pages[1:] {
		v.Set(reflect.AppendSlice(v, reflect.ValueOf(p).Elem().FieldByName(f.GoName)))
	}
	return first
}

// redacted replaces a secret in output without --reveal.
const redacted = "[REDACTED]"

// display formats a typed value for table and csv: its String form (enums with
// their Korean label). A field the catalogue marks Sensitive is redacted unless
// reveal, whatever its Go type.
func display(f catalog.Field, v reflect.Value, reveal bool) string {
	if f.Sensitive && !v.IsZero() {
		if !reveal {
			return redacted
		}
		if s, ok := v.Interface().(interface{ Reveal() string }); ok {
			return s.Reveal()
		}
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprint(v.Interface())
}

// redact replaces, in place, every non-empty response field the catalogue marks
// Sensitive (in list rows too) with "[REDACTED]". A sensitive field that is not
// a string cannot hold the marker: that is an error, so nothing leaks.
func redact(tr catalog.TR, resp kiwoom.Response) error {
	return redactFields(tr.ID, tr.Response, reflect.ValueOf(resp).Elem())
}

func redactFields(id string, fields []catalog.Field, obj reflect.Value) error {
	for _, f := range fields {
		v := obj.FieldByName(f.GoName)
		if !v.IsValid() {
			if f.Sensitive {
				return fmt.Errorf("kiwoom: %s: cannot redact %s: no field %s", id, f.Name, f.GoName)
			}
			continue
		}
		if f.Type == catalog.TypeList && v.Kind() == reflect.Slice {
			for i := range v.Len() {
				row := v.Index(i)
				if row.Kind() == reflect.Pointer {
					if row.IsNil() {
						continue
					}
					row = row.Elem()
				}
				if err := redactFields(id, f.Fields, row); err != nil {
					return err
				}
			}
			continue
		}
		if !f.Sensitive || v.IsZero() {
			continue
		}
		if v.Kind() != reflect.String || !v.CanSet() {
			return fmt.Errorf("kiwoom: %s: cannot redact %s (%s); use --reveal", id, f.Name, v.Type())
		}
		v.SetString(redacted)
	}
	return nil
}

// printResponse prints the pages of a response in the format; secrets are
// redacted unless reveal.
func printResponse(w io.Writer, format string, tr catalog.TR, pages []kiwoom.Response, reveal bool) error {
	resp := merged(tr, pages)
	if format == "json" {
		if !reveal {
			if err := redact(tr, resp); err != nil {
				return err
			}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(resp)
	}
	obj := reflect.ValueOf(resp).Elem()
	var scalars [][]string
	for _, f := range tr.Response {
		if f.Type == catalog.TypeList {
			continue
		}
		scalars = append(scalars, []string{f.Title, f.Name, display(f, obj.FieldByName(f.GoName), reveal)})
	}
	rf := rowsField(tr)
	if rf == nil {
		if format == "csv" {
			return writeCSV(w, append([][]string{{"title", "field", "value"}}, scalars...))
		}
		return writeTable(w, append([][]string{{"항목", "필드", "값"}}, scalars...))
	}
	rows := obj.FieldByName(rf.GoName)
	header := make([]string, len(rf.Fields))
	for i, f := range rf.Fields {
		header[i] = f.Title
		if format == "csv" {
			header[i] = f.Name
		}
	}
	table := [][]string{header}
	for i := range rows.Len() {
		row := rows.Index(i)
		cells := make([]string, len(rf.Fields))
		for j, f := range rf.Fields {
			cells[j] = display(f, row.FieldByName(f.GoName), reveal)
		}
		table = append(table, cells)
	}
	if format == "csv" {
		return writeCSV(w, table)
	}
	var pre [][]string
	for _, s := range scalars {
		if s[2] != "" {
			pre = append(pre, []string{s[0] + " (" + s[1] + "):", s[2]})
		}
	}
	if len(pre) > 0 {
		if err := writeTable(w, pre); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return writeTable(w, table)
}

func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	cw.WriteAll(rows)
	return cw.Error()
}

// writeTable prints rows as columns aligned by display width (Korean is double
// width, which text/tabwriter does not know), numbers right-aligned.
func writeTable(w io.Writer, rows [][]string) error {
	if len(rows) == 0 {
		return nil
	}
	n := 0
	for _, r := range rows {
		n = max(n, len(r))
	}
	widths := make([]int, n)
	numeric := make([]bool, n)
	for c := range n {
		numeric[c] = len(rows) > 1
		for i, r := range rows {
			if c >= len(r) {
				continue
			}
			widths[c] = max(widths[c], width(r[c]))
			if i > 0 && r[c] != "" && !isNumber(r[c]) {
				numeric[c] = false
			}
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		for c, cell := range r {
			pad := strings.Repeat(" ", widths[c]-width(cell))
			last := c == len(r)-1
			switch {
			case numeric[c]:
				b.WriteString(pad + cell)
			case last:
				b.WriteString(cell)
			default:
				b.WriteString(cell + pad)
			}
			if !last {
				b.WriteString("  ")
			}
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// isNumber reports whether s looks like a Kiwoom number ("+74800", "-5.14", "--28837").
func isNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// width is the display width of s in a terminal: East Asian wide and fullwidth
// characters count two columns, combining marks none.
func width(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || r == 0x200B:
			// zero width
		case isWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// isWide reports whether r is East Asian Wide or Fullwidth (the ranges that
// matter for Korean, Chinese and Japanese text).
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo leading consonants
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, compatibility Jamo, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA960 && r <= 0xA97F, // Hangul Jamo extended A
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // emoji
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and later
		return true
	}
	return false
}
