package gen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExportedNamesDocumented: every exported type, function, method and struct field of
// the hand-written Go files (not *_gen.go, not tests) has a doc comment. A struct field
// may carry its comment above it or at the end of its line.
func TestExportedNamesDocumented(t *testing.T) {
	for _, dir := range handWrittenDirs() {
		if gaps := undocumented(t, dir); len(gaps) > 0 {
			t.Errorf("%s: %d exported names without a doc comment:\n\t%s", dir, len(gaps), strings.Join(gaps, "\n\t"))
		}
	}
}

// TestUndocumentedFindsGaps guards the check itself with a file that has one gap of each kind.
func TestUndocumentedFindsGaps(t *testing.T) {
	dir := t.TempDir()
	src := `package p

type T struct {
	A int
	// B is documented.
	B int
	C int // C is documented too.
	d int
	E, F int
	Embedded
}

// Embedded is documented.
type Embedded struct{}

func F() {}

func (T) M() {}

func (t *T) N() {}

type u struct{ X int }

func (u) M() {}

type (
	// G is documented.
	G int
	H int
)

// I is documented.
func I() {}
`
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"p_gen.go": "package p\n\nfunc Gen() {}\n", "p_test.go": "package p\n\nfunc Test() {}\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := undocumented(t, dir)
	for i, g := range got {
		got[i] = g[strings.Index(g, " ")+1:] // drop the position
	}
	want := []string{"type T", "field T.A", "field T.E", "field T.F", "field T.Embedded", "func F", "method T.M", "method T.N", "type H"}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("undocumented = %q\nwant %q", got, want)
	}
}

// undocumented lists, as "file:line: what", the exported names in the hand-written Go
// files of dir that have no doc comment.
func undocumented(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []string
	gap := func(pos token.Pos, what string) {
		p := fset.Position(pos)
		out = append(out, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(p.Filename), p.Line, what))
	}
	for _, path := range paths {
		if strings.HasSuffix(path, "_gen.go") || strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() || d.Doc != nil {
					continue
				}
				if d.Recv == nil {
					gap(d.Pos(), "func "+d.Name.Name)
				} else if recv := receiverName(d.Recv.List[0].Type); ast.IsExported(recv) {
					gap(d.Pos(), "method "+recv+"."+d.Name.Name)
				}
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, spec := range d.Specs {
					ts := spec.(*ast.TypeSpec)
					if !ts.Name.IsExported() {
						continue
					}
					if ts.Doc == nil && (d.Doc == nil || d.Lparen.IsValid()) {
						gap(ts.Pos(), "type "+ts.Name.Name)
					}
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						continue
					}
					for _, field := range st.Fields.List {
						if field.Doc != nil || field.Comment != nil {
							continue
						}
						if len(field.Names) == 0 {
							if name := receiverName(field.Type); ast.IsExported(name) {
								gap(field.Pos(), "field "+ts.Name.Name+"."+name)
							}
						}
						for _, n := range field.Names {
							if n.IsExported() {
								gap(n.Pos(), "field "+ts.Name.Name+"."+n.Name)
							}
						}
					}
				}
			}
		}
	}
	return out
}

// receiverName returns the type name of a receiver or an embedded field: T, *T, T[P],
// pkg.T → T.
func receiverName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return receiverName(x.X)
	case *ast.IndexExpr:
		return receiverName(x.X)
	case *ast.IndexListExpr:
		return receiverName(x.X)
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.Ident:
		return x.Name
	}
	return ""
}
