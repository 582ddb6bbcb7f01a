package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDiffGolden compares testdata/diff/<case>/old with …/new and checks the text and
// Markdown output against …/want.txt and …/want.md; -update rewrites them.
func TestDiffGolden(t *testing.T) {
	cases, err := os.ReadDir("testdata/diff")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata/diff", c.Name())
			d := Diff(loadDiffSide(t, dir, "old"), loadDiffSide(t, dir, "new"))
			var text, md bytes.Buffer
			if err := d.WriteText(&text, "old", "new"); err != nil {
				t.Fatal(err)
			}
			if err := d.WriteMarkdown(&md, "old", "new"); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join(dir, "want.txt"), text.Bytes())
			checkGolden(t, filepath.Join(dir, "want.md"), md.Bytes())
		})
	}
}

func loadDiffSide(t *testing.T, dir, side string) *Model {
	t.Helper()
	m, err := Load(os.DirFS(filepath.Join(dir, side)), ".", side)
	if err != nil {
		t.Fatalf("load %s: %v", side, err)
	}
	return m
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./gen -update)", err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); diff != "" {
		t.Errorf("output differs from %s (-golden +got); run go test ./gen -update if intended:\n%s", path, diff)
	}
}

// TestDiffCoversEveryKindOfChange guards the test cases: together they must show every
// kind of change the diff knows, with the severity it is documented to have.
func TestDiffCoversEveryKindOfChange(t *testing.T) {
	var all []Change
	cases, err := os.ReadDir("testdata/diff")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.IsDir() {
			dir := filepath.Join("testdata/diff", c.Name())
			d := Diff(loadDiffSide(t, dir, "old"), loadDiffSide(t, dir, "new"))
			all = append(all, d.all()...)
		}
	}
	for _, want := range []struct {
		sev    Severity
		prefix string
	}{
		{Compatible, "TR added"},
		{Breaking, "TR removed"},
		{Breaking, "Go name `"},
		{Compatible, "Korean name"},
		{Behaviour, "path `"},
		{Breaking, "kind order → query"},
		{Behaviour, "kind query → auth"},
		{Breaking, "paging removed"},
		{Compatible, "now pages"},
		{Breaking, "rows list"},
		{Breaking, "the row type"},
		{Compatible, "summary"},
		{Compatible, "English description"},
		{Compatible, "added as optional field"},
		{Breaking, "added as required field"},
		{Compatible, "added as `"},
		{Breaking, "removed: the Go field"},
		{Breaking, "renamed from"},
		{Behaviour, "wire name"},
		{Breaking, "Go field `"},
		{Compatible, "title"},
		{Breaking, "value type int → price"},
		{Breaking, "value type enum"},
		{Breaking, "value type text → text (sensitive)"},
		{Compatible, "value type int → padded"},
		{Compatible, "value type text → code"},
		{Breaking, "now required"},
		{Compatible, "now optional"},
		{Compatible, "documented as required"},
		{Breaking, "length limit 20 → 6"},
		{Breaking, "length limit none → 2"},
		{Compatible, "length limit 4 → 8"},
		{Compatible, "length 20 → 40"},
		{Behaviour, "unit 1주 → 1000주"},
		{Compatible, "unit 백만원 documented"},
		{Compatible, "unit % no longer documented"},
		{Compatible, "description"},
		{Compatible, "enum added"},
		{Breaking, "enum removed"},
		{Compatible, "added as `ChangeSignNone`"},
		{Breaking, "removed (통합)"},
		{Breaking, "constant `"},
		{Breaking, "wire value \"1\" → \"01\" behind the constant `ShareUnitSingle`: ka90020 request `unit_tp` uses it, so requests built with the constant now send"},
		{Behaviour, "wire value \"4\" → \"04\" behind the constant `ChangeSignLowerLimit` (response fields only"},
		{Compatible, "label"},
	} {
		found := false
		for _, c := range all {
			if c.Severity == want.sev && strings.HasPrefix(c.Message, want.prefix) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no %s change starting %q in testdata/diff", want.sev, want.prefix)
		}
	}
}

// TestDiffRealSpecsAgainstThemselves: the real specs compared with themselves show no change.
func TestDiffRealSpecsAgainstThemselves(t *testing.T) {
	a, err := Load(os.DirFS("../specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(os.DirFS("../specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	if d := Diff(a, b); !d.Empty() || d.Breaking() {
		var buf bytes.Buffer
		d.WriteText(&buf, "specs", "specs")
		t.Errorf("specs differ from themselves:\n%s", buf.String())
	}
}

// TestDiffEmptyModels: from nothing to the real specs, everything is added and nothing breaks;
// the other way round every TR and enum is removed.
func TestDiffEmptyModels(t *testing.T) {
	real, err := Load(os.DirFS("../specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	empty := &Model{}
	up := Diff(empty, real)
	if up.Breaking() || len(up.TRs) != len(real.TRs) || len(up.Enums) != len(real.Enums) {
		t.Errorf("empty → specs: %d TRs, %d enums, breaking %v; want %d, %d, false", len(up.TRs), len(up.Enums), up.Breaking(), len(real.TRs), len(real.Enums))
	}
	down := Diff(real, empty)
	if got, want := down.Count(Breaking), len(real.TRs)+len(real.Enums); got != want {
		t.Errorf("specs → empty: %d breaking changes, want %d", got, want)
	}
}

func TestMergeOrder(t *testing.T) {
	for _, tc := range []struct {
		na    int
		match []int
		want  []diffPair
	}{
		{0, nil, nil},
		{2, []int{-1, -1}, []diffPair{{-1, 0}, {-1, 1}, {0, -1}, {1, -1}}},
		// old a b c, new b x c: a (removed) first, then b, x (added), c.
		{3, []int{1, -1, 2}, []diffPair{{0, -1}, {1, 0}, {-1, 1}, {2, 2}}},
		// old a b c, new c a (reordered): b (removed) comes before c, where it stood.
		{3, []int{2, 0}, []diffPair{{1, -1}, {2, 0}, {0, 1}}},
	} {
		got := mergeOrder(tc.na, tc.match)
		if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(diffPair{})); diff != "" {
			t.Errorf("mergeOrder(%d, %v) (-want +got):\n%s", tc.na, tc.match, diff)
		}
	}
}
