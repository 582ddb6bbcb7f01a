package catalog_test

// Per-TR tests that scale to every TR without hand-written expectations: for
// each catalogued TR, the golden request must be what the typed request sends
// back, and the golden response must decode into a value whose every field is
// written to golden/<id>/decoded.txt — a snapshot a reviewer reads in the diff
// of a new TR (run `go test ./kiwoom/catalog -run Snapshot -update` to rewrite
// it). The snapshot shows each value as the types understood it: a price as its
// amount and direction, an implied decimal scaled, "no value" apart from zero,
// and the keys of the fixture that the table does not list.

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

var update = flag.Bool("update", false, "rewrite golden/<id>/decoded.txt")

// TestSnapshotRequests: the golden request decodes into the TR's typed request
// (no key it lacks), validates, and encodes back to the same JSON.
func TestSnapshotRequests(t *testing.T) {
	t.Parallel()
	for _, tr := range catalog.TRs() {
		t.Run(tr.ID, func(t *testing.T) {
			t.Parallel()
			body, err := fs.ReadFile(golden.FS(), tr.ID+"/request.json")
			if err != nil {
				t.Fatalf("no golden request: %v (add golden/%s/request.json)", err, tr.ID)
			}
			req := tr.NewRequest()
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if err := dec.Decode(req); err != nil {
				t.Fatalf("golden request does not fit the typed request: %v", err)
			}
			if err := req.Validate(); err != nil {
				t.Fatalf("golden request does not validate: %v", err)
			}
			sent, err := json.Marshal(req)
			if err != nil {
				t.Fatal(err)
			}
			if !jsonEqual(t, body, sent) {
				t.Errorf("the typed request sends\n%s\nnot the golden\n%s", sent, body)
			}
		})
	}
}

// TestSnapshotResponses: the golden response decodes, every field of the table
// appears in it, and the decoded value matches golden/<id>/decoded.txt.
func TestSnapshotResponses(t *testing.T) {
	t.Parallel()
	for _, tr := range catalog.TRs() {
		t.Run(tr.ID, func(t *testing.T) {
			t.Parallel()
			body, err := fs.ReadFile(golden.FS(), tr.ID+"/response.json")
			if err != nil {
				t.Fatalf("no golden response: %v (add golden/%s/response.json)", err, tr.ID)
			}
			resp := tr.NewResponse()
			if err := kiwoom.Decode(body, resp); err != nil {
				t.Fatalf("golden response does not decode: %v", err)
			}
			var raw map[string]any
			if err := json.Unmarshal(body, &raw); err != nil {
				t.Fatal(err)
			}
			var missing []string
			extra := extraKeys("", tr.Response, raw, &missing)
			if len(missing) > 0 {
				t.Errorf("the fixture lacks fields of the table, so their formats are not exercised: %s", strings.Join(missing, ", "))
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%s %s: golden/%s/response.json as decoded into %s.%sResponse\n", tr.ID, tr.Name, tr.ID, tr.PackageName(), tr.GoName)
			env := kiwoom.EnvelopeOf(resp)
			fmt.Fprintf(&b, "return_code = %d\nreturn_msg = %q\n", env.ReturnCode, env.ReturnMsg)
			snapshot(&b, "", tr.Response, reflect.ValueOf(resp).Elem())
			for _, k := range extra {
				fmt.Fprintf(&b, "not in the table (ignored): %s\n", k)
			}
			checkSnapshot(t, filepath.Join("..", "..", "golden", tr.ID, "decoded.txt"), b.String())
		})
	}
}

// TestSnapshotCoverage: every fixture directory belongs to a catalogued TR.
func TestSnapshotCoverage(t *testing.T) {
	entries, err := fs.ReadDir(golden.FS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := catalog.Lookup(e.Name()); e.IsDir() && !ok {
			t.Errorf("golden/%s has no TR in the catalogue", e.Name())
		}
	}
}

// snapshot writes one line per field of v (a response or a row), rows indented
// by their index path.
func snapshot(b *strings.Builder, prefix string, fields []catalog.Field, v reflect.Value) {
	for _, f := range fields {
		fv := v.FieldByName(f.GoName)
		path := prefix + f.Name
		if !fv.IsValid() {
			fmt.Fprintf(b, "%s = !! no Go field %s\n", path, f.GoName)
			continue
		}
		if f.Type == catalog.TypeList {
			if fv.IsNil() {
				fmt.Fprintf(b, "%s = null\n", path)
				continue
			}
			fmt.Fprintf(b, "%s = %d rows\n", path, fv.Len())
			for i := range fv.Len() {
				snapshot(b, fmt.Sprintf("%s[%d].", path, i), f.Fields, fv.Index(i))
			}
			continue
		}
		fmt.Fprintf(b, "%s = %s\n", path, render(f, fv))
	}
}

// render shows a decoded value the way it was understood.
func render(f catalog.Field, v reflect.Value) string {
	if f.Sensitive {
		if v.IsZero() {
			return "(no value)"
		}
		return "[secret]"
	}
	switch x := v.Interface().(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case kiwoom.Price:
		if !x.Present {
			return "(no value)"
		}
		return fmt.Sprintf("price %d, %s", x.Amount(), direction(x.Sign))
	case kiwoom.Int:
		if !x.Present {
			return "(no value)"
		}
		return fmt.Sprintf("int %d", x.Value)
	case kiwoom.Decimal:
		if !x.Present {
			return "(no value)"
		}
		return "decimal " + x.String()
	case kiwoom.Percent:
		if x.IsZero() {
			return "(no value)"
		}
		return "percent " + x.String()
	case kiwoom.GroupedInt:
		if x.IsZero() {
			return "(no value)"
		}
		return fmt.Sprintf("int %d", x.Value)
	case kiwoom.Index2:
		if x.IsZero() {
			return "(no value)"
		}
		return fmt.Sprintf("index %s, %s (implied)", x.Points.String(), direction(x.Sign))
	case kiwoom.Index:
		if x.IsZero() {
			return "(no value)"
		}
		return fmt.Sprintf("index %s, %s", x.Points.String(), direction(x.Sign))
	case kiwoom.Implied6:
		if !x.Present {
			return "(no value)"
		}
		return "decimal " + x.String() + " (implied)"
	case kiwoom.Implied2:
		if !x.Present {
			return "(no value)"
		}
		return "decimal " + x.String() + " (implied)"
	case kiwoom.Date:
		if x.IsZero() {
			return "(no value)"
		}
		return fmt.Sprintf("date %04d-%02d-%02d", x.Year, int(x.Month), x.Day)
	case kiwoom.TimeOfDay:
		if x.IsZero() {
			return "(no value)"
		}
		return "time " + x.String()
	case kiwoom.DateTime:
		if x.IsZero() {
			return "(no value)"
		}
		return "datetime " + x.Format("2006-01-02T15:04:05-07:00")
	case kiwoom.Flags:
		if x == nil {
			return "(no value)"
		}
		return fmt.Sprintf("flags %q", []string(x))
	case fmt.Stringer:
		if v.IsZero() {
			return "(no value)"
		}
		return "enum " + x.String()
	}
	return fmt.Sprintf("%v", v.Interface())
}

// direction names a direction sign.
func direction(s kiwoom.Sign) string {
	return map[kiwoom.Sign]string{kiwoom.SignPlus: "up", kiwoom.SignMinus: "down", kiwoom.SignNone: "no direction"}[s]
}

// extraKeys returns the keys of obj (and its rows) that the table does not
// list, and records in missing the table's fields that obj never carries.
func extraKeys(prefix string, fields []catalog.Field, obj map[string]any, missing *[]string) []string {
	var extra []string
	known := map[string]catalog.Field{}
	for _, f := range fields {
		known[f.Name] = f
		if _, ok := obj[f.Name]; !ok {
			*missing = append(*missing, prefix+f.Name)
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if prefix == "" && (k == "return_code" || k == "return_msg") {
			continue
		}
		f, ok := known[k]
		if !ok {
			extra = append(extra, prefix+k)
			continue
		}
		if f.Type != catalog.TypeList {
			continue
		}
		rows, _ := obj[k].([]any)
		var rowMissing []string
		seen := map[string]bool{}
		for _, r := range rows {
			row, _ := r.(map[string]any)
			var m []string
			for _, e := range extraKeys(prefix+k+"[].", f.Fields, row, &m) {
				if !seen[e] {
					seen[e] = true
					extra = append(extra, e)
				}
			}
			rowMissing = append(rowMissing, m...)
		}
		// A row field is missing only when no row carries it.
		for _, rf := range f.Fields {
			name := prefix + k + "[]." + rf.Name
			if len(rows) == 0 || countOf(rowMissing, name) == len(rows) {
				*missing = append(*missing, name)
			}
		}
	}
	return extra
}

func countOf(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

// checkSnapshot compares got with the snapshot file, or rewrites it with -update.
func checkSnapshot(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("no snapshot %s; run go test ./kiwoom/catalog -run Snapshot -update and review it", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("%s differs from the decoded response at line %d:\n snapshot: %s\n decoded:  %s\n(run -update if the change is intended, and review the diff)", path, i+1, w, g)
				return
			}
		}
	}
}
