package gen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestRenderGolden renders testdata/valid/<case> and compares every file with
// testdata/valid/<case>/golden/<file>.golden; -update rewrites them.
func TestRenderGolden(t *testing.T) {
	cases, err := os.ReadDir("testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata/valid", c.Name())
			m, err := Load(os.DirFS(filepath.Join(dir, "specs")), ".", "specs")
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			files, err := Render(m)
			if err != nil {
				t.Fatal(err)
			}
			goldenDir := filepath.Join(dir, "golden")
			if *update {
				if err := os.RemoveAll(goldenDir); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			want := map[string]bool{}
			for _, f := range files {
				path := filepath.Join(goldenDir, f.Name+".golden")
				want[f.Name+".golden"] = true
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, f.Content, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				golden, err := os.ReadFile(path)
				if err != nil {
					t.Errorf("%s: %v (run go test ./gen -update)", f.Name, err)
					continue
				}
				if diff := cmp.Diff(strings.Split(string(golden), "\n"), strings.Split(string(f.Content), "\n")); diff != "" {
					t.Errorf("%s differs from %s (-golden +rendered); run go test ./gen -update if intended:\n%s", f.Name, path, diff)
				}
			}
			filepath.WalkDir(goldenDir, func(path string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(goldenDir, path)
				if !want[filepath.ToSlash(rel)] {
					t.Errorf("stale golden file %s (run go test ./gen -update)", rel)
				}
				return nil
			})
		})
	}
}

// TestInvalidSpecs loads each testdata/invalid/<case>/ka99999.yaml beside the base
// enums and vocabulary and asserts the exact located error text in want.
func TestInvalidSpecs(t *testing.T) {
	base := fstest.MapFS{}
	for _, name := range []string{"enums.yaml", "vocabulary.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/base", name))
		if err != nil {
			t.Fatal(err)
		}
		base[name] = &fstest.MapFile{Data: data}
	}
	cases, err := os.ReadDir("testdata/invalid")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10 {
		t.Fatalf("only %d invalid cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata/invalid", c.Name())
			spec, err := os.ReadFile(filepath.Join(dir, "ka99999.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, "want"))
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{"ka99999.yaml": {Data: spec}}
			for k, v := range base {
				fsys[k] = v
			}
			_, err = Load(fsys, ".", "specs")
			if err == nil {
				t.Fatal("Load succeeded; want an error")
			}
			if got := strings.TrimSpace(err.Error()); got != strings.TrimSpace(string(want)) {
				t.Errorf("error:\n got: %s\nwant: %s", got, strings.TrimSpace(string(want)))
			}
		})
	}
}

// TestDeterministic renders the real specs twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	render := func() []File {
		m, err := Load(os.DirFS("../specs"), ".", "specs")
		if err != nil {
			t.Fatal(err)
		}
		files, err := Render(m)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a, b := render(), render()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Content, b[i].Content) {
			t.Errorf("%s rendered differently on the second run", a[i].Name)
		}
	}
}

// TestCommittedMatchesRender checks that kiwoom/ holds exactly a fresh render of
// specs/: no stale, missing or hand-edited generated file.
func TestCommittedMatchesRender(t *testing.T) {
	m, err := Load(os.DirFS("../specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := Sync("../kiwoom", OutputDirs(m), files, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range changed {
		t.Errorf("kiwoom/%s differs from a fresh render of specs/; run go generate ./...", name)
	}
	for _, f := range files {
		if !bytes.HasPrefix(f.Content, []byte(generatedPrefix+"from specs/")) || !bytes.Contains(f.Content, []byte(". DO NOT EDIT.\n")) {
			t.Errorf("%s lacks the generated-code header", f.Name)
		}
	}
}

func TestDeriveGoName(t *testing.T) {
	vocab := map[string]string{"stk": "Stock", "cd": "Code", "list": "List", "count": "Count", "tot": "Total", "hgst": "Highest"}
	for wire, want := range map[string]string{
		"stk_cd":    "StockCode",
		"listCount": "ListCount",
		"tot_1":     "Total1",
	} {
		got, err := DeriveGoName(wire, vocab)
		if err != nil || got != want {
			t.Errorf("DeriveGoName(%q) = %q, %v; want %q", wire, got, err, want)
		}
	}
	if _, err := DeriveGoName("250hgst", vocab); err == nil {
		t.Error("DeriveGoName(250hgst) succeeded; want an error")
	}
}

func TestSyncWritesAndPrunes(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "ka00000_gen.go")
	handwritten := filepath.Join(dir, "client_gen.go")
	os.WriteFile(stale, []byte(generatedPrefix+"from specs/ka00000.yaml. DO NOT EDIT.\n"), 0o644)
	os.WriteFile(handwritten, []byte("package kiwoom\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "chart"), 0o755)
	staleSub := filepath.Join(dir, "chart", "ka00001_gen.go")
	os.WriteFile(staleSub, []byte(generatedPrefix+"from specs/chart/ka00001.yaml. DO NOT EDIT.\n"), 0o644)
	files := []File{{Name: "a_gen.go", Content: []byte("x")}, {Name: "order/b_gen.go", Content: []byte("y")}}
	changed, err := Sync(dir, []string{"", "chart", "order"}, files, true)
	if err != nil || strings.Join(changed, " ") != "a_gen.go chart/ka00001_gen.go ka00000_gen.go order/b_gen.go" {
		t.Fatalf("dry run: changed %v, %v; want a_gen.go, chart/ka00001_gen.go, ka00000_gen.go, order/b_gen.go", changed, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a_gen.go")); !os.IsNotExist(err) {
		t.Fatal("dry run wrote a file")
	}
	if _, err := Sync(dir, []string{"", "chart", "order"}, files, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale generated file was not removed")
	}
	if _, err := os.Stat(staleSub); !os.IsNotExist(err) {
		t.Error("stale generated file of a family directory was not removed")
	}
	if b, err := os.ReadFile(filepath.Join(dir, "order", "b_gen.go")); err != nil || string(b) != "y" {
		t.Errorf("order/b_gen.go = %q, %v; want the new directory and file written", b, err)
	}
	if _, err := os.Stat(handwritten); err != nil {
		t.Error("a file without the generated header was removed")
	}
	if changed, _ := Sync(dir, []string{"", "chart", "order"}, files, true); len(changed) != 0 {
		t.Errorf("second sync still sees changes: %v", changed)
	}
}
