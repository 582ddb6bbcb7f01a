package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kiwoomgo/kiwoom/gen"
)

// copySpecs copies the repository's specs directory into a temporary one.
func copySpecs(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "specs")
	err := filepath.WalkDir("../../specs", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../specs", path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestSyntheticSpecsLoad writes the 340 synthetic specs next to the real ones
// and loads them with the generator's strict loader, so the scale check never
// finds out only after minutes that its input is invalid; it also checks the
// shapes the check promises.
func TestSyntheticSpecsLoad(t *testing.T) {
	specs := copySpecs(t)
	real, err := gen.Load(os.DirFS(specs), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	set, err := synthesize(inputFor(t, specs, 340, 1))
	if err != nil {
		t.Fatal(err)
	}
	again, err := synthesize(inputFor(t, specs, 340, 1))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(set, again) {
		t.Error("the same seed gave different synthetic specs")
	}
	if err := writeNewLayout(specs, set); err != nil {
		t.Fatal(err)
	}
	m, err := gen.Load(os.DirFS(specs), ".", "specs")
	if err != nil {
		t.Fatalf("the synthetic specs do not load: %v", err)
	}
	families := map[string]int{}
	for _, tr := range real.TRs {
		if !tr.Family.Core {
			families[tr.Family.Name]++
		}
	}
	core := len(real.TRs) - countValues(families)
	if got, want := len(m.TRs), 340+core; got != want {
		t.Errorf("loaded %d TRs, want %d (340 in the families, %d in the core)", got, want, core)
	}

	realIDs := map[string]bool{}
	for _, tr := range real.TRs {
		realIDs[tr.ID] = true
	}
	paging := 0
	for _, tr := range m.TRs {
		if realIDs[tr.ID] {
			continue
		}
		if !strings.HasPrefix(tr.ID, "ka95") && !strings.HasPrefix(tr.ID, "kt95") {
			t.Errorf("synthetic id %s is outside ka95xxx/kt95xxx", tr.ID)
		}
		families[tr.Family.Name]++
		leaves := 0
		for _, f := range tr.Response {
			if f.Type == gen.TypeList {
				leaves += len(f.Fields)
			} else {
				leaves++
			}
		}
		if leaves < 10 || leaves > 60 {
			t.Errorf("%s has %d response values, want 10–60", tr.ID, leaves)
		}
		enums := 0
		for _, f := range tr.Request {
			if f.Type == gen.TypeEnum {
				enums++
			}
		}
		if len(tr.Request) > 5 || enums == 0 {
			t.Errorf("%s has %d request fields, %d of them enums; want at most 5 with at least one enum", tr.ID, len(tr.Request), enums)
		}
		if tr.Paging {
			paging++
		}
	}
	short := 0 // families below their share of 340 must all receive synthetic TRs
	for _, sf := range inputFor(t, copySpecs(t), 340, 1).Families {
		if sf.Real < 340*sf.Weight/documentedTotal() {
			short++
			if set.countIn(sf.Name) == 0 {
				t.Errorf("family %s is below its share but got no synthetic TRs", sf.Name)
			}
		}
	}
	if short == 0 {
		t.Log("every family already holds its share; nothing to spread")
	}
	if families["account"] < 55 || families["account"] > 70 || families["theme"] > 5 {
		t.Errorf("spread %v is not in proportion to Kiwoom's TR counts (account 33/181 of 340, theme 2/181)", families)
	}
	synthetic := len(set.TRs)
	if paging < synthetic/4 || paging > synthetic*3/4 {
		t.Errorf("%d of %d synthetic TRs page; want a realistic share", paging, synthetic)
	}

	if counts, _, err := countSpecs(specs); err != nil || counts.TRs != len(m.TRs) {
		t.Errorf("countSpecs = %d TRs, %v; want %d", counts.TRs, err, len(m.TRs))
	}
}

// TestSyntheticSpecsOldLayout writes the specs flat, as the layout before
// families has them, and loads them the way kiwoomgen diff reads such a tree.
func TestSyntheticSpecsOldLayout(t *testing.T) {
	specs := copySpecs(t)
	in := inputFor(t, specs, 0, 2)
	for i := range in.Families {
		in.Families[i].Real = 0
	}
	in.N = 40
	set, err := synthesize(in)
	if err != nil {
		t.Fatal(err)
	}
	flat := filepath.Join(t.TempDir(), "specs")
	if err := os.MkdirAll(flat, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"vocabulary.yaml", "enums.yaml"} {
		data, err := os.ReadFile(filepath.Join(specs, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(flat, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeOldLayout(flat, set); err != nil {
		t.Fatal(err)
	}
	m, err := gen.Load(os.DirFS(flat), ".", "specs")
	if err != nil {
		t.Fatalf("the flat synthetic specs do not load: %v", err)
	}
	if len(m.TRs) != 40 {
		t.Errorf("loaded %d TRs, want 40", len(m.TRs))
	}
}

// inputFor is what the scale check passes to synthesize for a specs directory.
func inputFor(t *testing.T, specs string, n int, seed uint64) synthInput {
	t.Helper()
	fams, err := readFamilies(specs)
	if err != nil {
		t.Fatal(err)
	}
	counts, _, err := countSpecs(specs)
	if err != nil {
		t.Fatal(err)
	}
	vocab, err := readVocabulary(specs)
	if err != nil {
		t.Fatal(err)
	}
	ids, enums, err := takenNames(specs)
	if err != nil {
		t.Fatal(err)
	}
	return synthInput{N: n, Seed: seed, Families: synthFamilies(fams, counts.ByPath), Vocab: vocab, TakenIDs: ids, TakenEnums: enums}
}

func countValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func TestApportion(t *testing.T) {
	got := apportion(340, []int{33, 1, 2, 4})
	if !reflect.DeepEqual(got, []int{281, 8, 17, 34}) {
		t.Errorf("apportion(340) = %v, want [281 8 17 34]", got)
	}
	if got := apportion(0, []int{1, 2}); !reflect.DeepEqual(got, []int{0, 0}) {
		t.Errorf("apportion(0) = %v", got)
	}
	if got := apportion(5, []int{0, 0}); !reflect.DeepEqual(got, []int{0, 0}) {
		t.Errorf("apportion over zero weights = %v", got)
	}
}

// TestSynthCounts: a family that already has more than its share gets
// nothing, and the others are filled towards theirs.
func TestSynthCounts(t *testing.T) {
	fams := []synthFamily{{Weight: 10, Real: 2}, {Weight: 10, Real: 30}, {Weight: 20, Real: 0}}
	got := synthCounts(80, fams)
	// Shares 20, 20, 40; lacking 18, 0, 40; 48 to place (80 - 32 real).
	if !reflect.DeepEqual(got, []int{15, 0, 33}) {
		t.Errorf("synthCounts = %v, want [15 0 33]", got)
	}
}

func TestFitLine(t *testing.T) {
	a, b, r2 := fitLine([]float64{1, 2, 3, 4}, []float64{12, 14, 16, 18})
	if a != 10 || b != 2 || r2 != 1 {
		t.Errorf("fitLine = %v, %v, %v; want 10, 2, 1", a, b, r2)
	}
}

func TestParseToolLog(t *testing.T) {
	runs, err := parseToolLog([]byte("compile\tgithub.com/kiwoomgo/kiwoom/kiwoom\t139000000\t1600000000\t2500000000\nlink\tx\t1\t2\t3\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []toolRun{
		{Tool: "compile", Pkg: "github.com/kiwoomgo/kiwoom/kiwoom", MaxRSS: 139e6, Wall: 1600 * time.Millisecond, CPU: 2500 * time.Millisecond},
		{Tool: "link", Pkg: "x", MaxRSS: 1, Wall: 2, CPU: 3},
	}
	if !reflect.DeepEqual(runs, want) {
		t.Errorf("parseToolLog = %+v, want %+v", runs, want)
	}
	if _, err := parseToolLog([]byte("compile\tx\t1\n")); err == nil {
		t.Error("a short line was accepted")
	}
}

func TestParseBench(t *testing.T) {
	out := "goos: linux\nBenchmarkNew-2   \t   20000\t      1234 ns/op\t    5016 B/op\t      41 allocs/op\nPASS\n"
	got := parseBench([]byte(out))
	want := []benchResult{{Name: "BenchmarkNew", NsOp: 1234, BOp: 5016, Allocs: 41}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseBench = %+v, want %+v", got, want)
	}
}

func TestMedian(t *testing.T) {
	if got := median([]time.Duration{3, 1, 2}); got != 2 {
		t.Errorf("median(3,1,2) = %v", got)
	}
	if got := median([]time.Duration{4, 1, 2, 3}); got != 2 {
		t.Errorf("median(4,1,2,3) = %v (want the mean of 2 and 3, truncated)", got)
	}
}
