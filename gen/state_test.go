package gen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// handWrittenDirs are the module's package directories, relative to gen/, that
// the source-rule tests check: every directory with Go files, so a new package
// is covered without editing this list (testdata and hidden directories aside).
func handWrittenDirs() []string {
	var dirs []string
	filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != ".." && (name == "testdata" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(name, ".go") && name != "tools.go" {
			dir := filepath.Dir(path)
			if rel, err := filepath.Rel("..", dir); err == nil && rel == "gen" {
				dir = "."
			}
			if !slices.Contains(dirs, dir) {
				dirs = append(dirs, dir)
			}
		}
		return nil
	})
	return dirs
}

// TestNoPackageState enforces the project rule over every package, generated
// files included: no package-level variables besides sentinel errors
// (errors.New), compile-time checks (_) and //go:embed file systems.
func TestNoPackageState(t *testing.T) {
	fset := token.NewFileSet()
	dirs := handWrittenDirs()
	if len(dirs) < 6 {
		t.Fatalf("found only the package directories %v", dirs)
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range packageVars(f) {
				t.Errorf("%s: package-level variable %s (use a constant or a function)", fset.Position(v.Pos()), v.Name)
			}
		}
	}
}

// packageVars returns the package-level variables of f that the rule forbids.
func packageVars(f *ast.File) []*ast.Ident {
	var out []*ast.Ident
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		embed := false
		if gd.Doc != nil {
			for _, c := range gd.Doc.List { // Text() drops //go: directives
				embed = embed || strings.HasPrefix(c.Text, "//go:embed ")
			}
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				if id.Name == "_" || embed || (i < len(vs.Values) && isErrorsNew(vs.Values[i])) {
					continue
				}
				out = append(out, id)
			}
		}
	}
	return out
}

func isErrorsNew(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "errors" && sel.Sel.Name == "New"
}

// TestPackageVarsFindsState guards the check itself.
func TestPackageVarsFindsState(t *testing.T) {
	src := `package p

import (
	"embed"
	"errors"
)

var ErrX = errors.New("x")

var _ error = nil

//go:embed *.json
var files embed.FS

var table = []string{"a"}

var (
	count int
	ErrY  = errors.New("y")
)
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range packageVars(f) {
		got = append(got, v.Name)
	}
	if strings.Join(got, ",") != "table,count" {
		t.Errorf("packageVars = %v; want table, count", got)
	}
}
