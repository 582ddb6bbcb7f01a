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
// files included: no mutable package-level state. A package-level variable is
// allowed when it is a sentinel error (errors.New), a compile-time check (_), a
// //go:embed file system, or an unexported table that nothing in its package
// ever writes: no assignment to it or to an element or field of it, no ++/--,
// no address taken, no copy/clear/slices.Sort into it. (Such tables are built
// once by the compiler, e.g. the catalogue's.)
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
		var files []*ast.File
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		for _, v := range mutableVars(files) {
			t.Errorf("%s: package-level variable %s is mutable state (use a constant, a function, or an unexported table that is never written)", fset.Position(v.Pos()), v.Name)
		}
	}
}

// mutableVars returns the package-level variables of a package's files that
// the rule forbids.
func mutableVars(files []*ast.File) []*ast.Ident {
	tables := map[string]*ast.Ident{}
	var out []*ast.Ident
	for _, f := range files {
		for _, v := range packageVars(f) {
			if v.IsExported() {
				out = append(out, v)
				continue
			}
			tables[v.Name] = v
		}
	}
	written := map[string]bool{}
	mark := func(e ast.Expr) {
		if id := rootIdent(e); id != nil {
			written[id.Name] = true
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					mark(l)
				}
			case *ast.IncDecStmt:
				mark(n.X)
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					mark(n.Key)
					mark(n.Value)
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					mark(n.X)
				}
			case *ast.CallExpr:
				if isMutatingCall(n.Fun) && len(n.Args) > 0 {
					mark(n.Args[0])
				}
			}
			return true
		})
	}
	for name, id := range tables {
		if written[name] {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(a, b *ast.Ident) int { return int(a.Pos() - b.Pos()) })
	return out
}

// rootIdent returns the variable an expression writes through: x for x,
// x[i], x.f, x[i].f, *x; nil for anything else.
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x
		case *ast.IndexExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// isMutatingCall reports whether fun writes into its first argument.
func isMutatingCall(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name == "copy" || f.Name == "clear"
	case *ast.SelectorExpr:
		pkg, ok := f.X.(*ast.Ident)
		return ok && pkg.Name == "slices" && (strings.HasPrefix(f.Sel.Name, "Sort") || f.Sel.Name == "Reverse")
	}
	return false
}

// packageVars returns the package-level variables of f other than sentinel
// errors, compile-time checks and embedded file systems.
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

// TestMutableVarsFindsState guards the check itself.
func TestMutableVarsFindsState(t *testing.T) {
	src := `package p

import (
	"embed"
	"errors"
	"slices"
)

var ErrX = errors.New("x")

var _ error = nil

//go:embed *.json
var files embed.FS

var table = []string{"a"}

var Exported = []string{"b"}

var (
	count  int
	sorted = []int{2, 1}
	ptr    = []int{1}
	elem   = []int{1}
	ErrY   = errors.New("y")
)

func f() {
	count++
	slices.Sort(sorted)
	p := &ptr
	_ = p
	elem[0] = 2
	_ = table[0]
}
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range mutableVars([]*ast.File{f}) {
		got = append(got, v.Name)
	}
	if strings.Join(got, ",") != "Exported,count,sorted,ptr,elem" {
		t.Errorf("mutableVars = %v; want Exported, count, sorted, ptr, elem", got)
	}
}
