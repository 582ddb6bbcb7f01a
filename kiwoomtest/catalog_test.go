package kiwoomtest_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestEveryCatalogTR sends every catalogue TR's golden request body to the
// handler as raw JSON, the way any HTTP client would, and decodes the answer
// with the TR's generated response type: the server answers each TR the
// catalogue has, whatever its family package, from catalogue data and fixtures.
func TestEveryCatalogTR(t *testing.T) {
	trs := catalog.TRs()
	if len(trs) == 0 {
		t.Fatal("empty catalogue")
	}
	// The golden token requests carry these fake keys.
	h := newHandler(t, kiwoomtest.WithCredentials("test-app-key", "test-secret-key"))
	auth := bearer(h)
	for _, tr := range trs {
		t.Run(tr.ID, func(t *testing.T) {
			reqBody, err := fs.ReadFile(golden.FS(), path.Join(tr.ID, "request.json"))
			if err != nil {
				t.Fatal(err)
			}
			hdr := with(auth, "api-id", tr.ID)
			if tr.Kind == kiwoom.KindAuth {
				hdr = nil // the token endpoints need no api-id or authorization
			}
			if tr.ID == "au10002" {
				// Revoke a live token of this handler, not the golden one.
				var body map[string]string
				if err := json.Unmarshal(reqBody, &body); err != nil {
					t.Fatal(err)
				}
				body["token"], _ = h.NewToken()
				reqBody, _ = json.Marshal(body)
			}
			a := post(t, h, tr.Path, hdr, string(reqBody))
			if a.status != 200 || a.code() != 0 {
				t.Fatalf("HTTP %d, return_code %d: %s", a.status, a.code(), a.raw)
			}
			if got := a.header.Get("api-id"); tr.Kind != kiwoom.KindAuth && got != tr.ID {
				t.Errorf("api-id header %q, want %q", got, tr.ID)
			}
			resp := tr.NewResponse()
			if err := kiwoom.Decode([]byte(a.raw), resp); err != nil {
				t.Fatalf("the answer does not decode into the generated response: %v\n%s", err, a.raw)
			}
			if tr.Kind == kiwoom.KindAuth {
				return // the token answers are made, not read from a fixture
			}
			// The answer carries the fixture's top-level fields.
			fixture, err := fs.ReadFile(golden.FS(), path.Join(tr.ID, "response.json"))
			if err != nil {
				t.Fatal(err)
			}
			var fx map[string]json.RawMessage
			if err := json.Unmarshal(fixture, &fx); err != nil {
				t.Fatal(err)
			}
			for k := range fx {
				if _, ok := a.body[k]; !ok {
					t.Errorf("answer lacks the fixture's field %s", k)
				}
			}
			if tr.Paging && tr.Rows != "" {
				var rows []json.RawMessage
				json.Unmarshal(fx[tr.Rows], &rows)
				if got, _ := a.body[tr.Rows].([]any); len(got) != min(len(rows), kiwoomtest.DefaultPageSize) {
					t.Errorf("%d rows in %s, want %d", len(got), tr.Rows, min(len(rows), kiwoomtest.DefaultPageSize))
				}
			}
		})
	}
}

// TestHandlerUsesCatalogueDataOnly keeps the server generic: its code (the
// package's non-test files) imports no generated family package and never
// builds a TR's Go request or response, so it serves every TR the catalogue
// describes, including TRs added later, without being edited.
func TestHandlerUsesCatalogueDataOnly(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	// The realtime package is its own catalogue of push types and FIDs
	// (realtime.Types, realtime.FIDs), which the WebSocket side serves from.
	allowed := []string{"github.com/kiwoomgo/kiwoom/kiwoom", "github.com/kiwoomgo/kiwoom/kiwoom/catalog", "github.com/kiwoomgo/kiwoom/kiwoom/realtime", "github.com/kiwoomgo/kiwoom/golden"}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, "github.com/kiwoomgo/kiwoom/") && !slices.Contains(allowed, p) {
				t.Errorf("%s imports %s: the server must work from the catalogue alone", name, p)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "NewRequest" && sel.Sel.Name != "NewResponse") {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && (x.Name == "http" || x.Name == "httptest") {
				return true
			}
			t.Errorf("%s uses %s, a TR's Go type: the server must work from catalogue data alone", name, sel.Sel.Name)
			return true
		})
	}
	if checked < 5 {
		t.Errorf("checked only %d files", checked)
	}
}
