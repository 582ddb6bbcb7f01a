// Command scalecheck measures how the module scales to Kiwoom's full TR count
// (issue 8, item 7). It is slow (about 10 minutes on 2 cores, 15 with
// -fullcold) and therefore not a test; run it from the repository root:
//
//	go run ./internal/scalecheck [-n 340] [-runs 3] [-rev REV] [-fullcold] [-o report.md]
//
// In a temporary directory it builds four trees and measures each the same
// way in one run (labels carry each tree's TR count):
//
//   - old-18: the layout before the family packages (git revision -baseline,
//     c1d4685), with its 18 TRs;
//   - new-K: this working tree (or git revision -rev) with its K real specs;
//   - new-N: new-K plus synthetic TR specs that fill each family of
//     specs/families.yaml towards its share of -n TRs, generated with
//     go run ./cmd/kiwoomgen generate -specs specs -out kiwoom;
//   - old-N (unless -old=false): old-18 grown the same way in its own layout
//     and generated with its own generator — what the change avoids.
//
// The shares follow the number of domestic TRs Kiwoom documents per URL
// family. The synthetic specs have realistic shapes: one to five request
// fields with enums, 10–60 response values of mixed types (prices and
// integers dominate, as in the real specs), a rows list for paging TRs, notes,
// and four enums per family plus eight shared ones. Their ids are ka95001…
// (kt95001… for order families), which no real TR has.
//
// Per tree it reports: generated lines per response field; the cold
// `go build ./...` time of the module (a fresh GOCACHE pre-filled only with
// the standard library and the other modules' packages, so that exactly the
// module's own packages are compiled; the median of -runs builds, trees
// interleaved); the peak memory of each compile and link, taken from the
// rusage of the tool process by this binary acting as the -toolexec wrapper
// of those builds; the `go doc -short` entries of every package under
// kiwoom/; the allocations and bytes of kiwoom.New (a benchmark written into
// the tree copy); and the size of a program that calls one TR (ka10001) next
// to net/http hello-worlds built in the same tree. It ends with the targets of
// issue 8, met or missed. docs/performance.md explains the design and the
// figures.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

func main() {
	if logFile := os.Getenv(toolexecEnv); logFile != "" {
		os.Exit(toolexec(logFile, os.Args[1:]))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line flags.
type options struct {
	n        int
	seed     uint64
	runs     int
	baseline string
	rev      string
	old      bool
	fullCold bool
	keep     bool
	out      string
}

// tree is one module copy and what was measured on it.
type tree struct {
	label string // old-<TRs> or new-<TRs>
	dir   string
	old   bool // the layout before families

	specs      specCounts
	separate   []string
	lines      lineCounts
	genTime    time.Duration
	builds     []time.Duration // cold go build ./... wall times
	compileCPU []time.Duration // per build: CPU of the module's compiles
	tools      []toolRun       // of the first cold build
	fullCold   time.Duration
	cache      string // the cache of the last cold build, reused afterwards
	doc        map[string]int
	bench      []benchResult
	set        *synthSet // the synthetic specs written into the tree, if any
	load       []float64 // 1-minute load average when each cold build started
	oneTR      [2]int64  // default, -ldflags=-s -w
	hello      [2]int64  // a net/http server hello-world
	client     [2]int64  // a net/http client hello-world
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scalecheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.IntVar(&o.n, "n", 340, "TR specs the families hold in the grown trees, real plus synthetic")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the synthetic specs")
	fs.IntVar(&o.runs, "runs", 3, "cold builds per tree (the median is reported)")
	fs.StringVar(&o.baseline, "baseline", "c1d4685", "git revision of the layout before the family packages")
	fs.StringVar(&o.rev, "rev", "", "measure this git revision instead of the working tree")
	fs.BoolVar(&o.old, "old", true, "also grow the baseline to -n TRs in its own layout")
	fs.BoolVar(&o.fullCold, "fullcold", false, "also time one build per tree with an empty GOCACHE (standard library included)")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary directory")
	fs.StringVar(&o.out, "o", "", "also write the report to this file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./internal/scalecheck [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || o.n < 1 || o.runs < 1 {
		fs.Usage()
		return 2
	}
	report, err := check(o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "scalecheck:", err)
		return 1
	}
	fmt.Fprint(stdout, report)
	if o.out != "" {
		if err := os.WriteFile(o.out, []byte(report), 0o644); err != nil {
			fmt.Fprintln(stderr, "scalecheck:", err)
			return 1
		}
	}
	return 0
}

func check(o options, stderr io.Writer) (string, error) {
	start := time.Now()
	progress := func(format string, a ...any) {
		fmt.Fprintf(stderr, "[%5.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, a...))
	}
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	rootOut, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return "", fmt.Errorf("run scalecheck inside the repository: git rev-parse: %w", err)
	}
	root := strings.TrimSpace(string(rootOut))
	revOf := func(rev string) string {
		out, err := exec.Command("git", "-C", root, "rev-parse", "--short", rev).Output()
		if err != nil {
			return rev
		}
		return strings.TrimSpace(string(out))
	}
	work, err := os.MkdirTemp("", "scalecheck-")
	if err != nil {
		return "", err
	}
	if o.keep {
		progress("keeping %s", work)
	} else {
		defer os.RemoveAll(work)
	}
	skip := []string{"internal/scalecheck", "bench"} // the measuring tools are not part of the library

	oldBase := &tree{label: "old", dir: filepath.Join(work, "old-base"), old: true}
	newBase := &tree{label: "new", dir: filepath.Join(work, "new-base")}
	newN := &tree{label: "new", dir: filepath.Join(work, "new-n")}
	trees := []*tree{oldBase, newBase, newN}
	progress("copying the trees (baseline %s)", o.baseline)
	if err := extractRev(root, o.baseline, oldBase.dir, skip); err != nil {
		return "", err
	}
	current := "working tree at " + revOf("HEAD")
	if o.rev != "" {
		current = "revision " + revOf(o.rev)
		err = extractRev(root, o.rev, newBase.dir, skip)
	} else {
		err = copyWorkingTree(root, newBase.dir, skip)
	}
	if err != nil {
		return "", err
	}
	if err := copyDir(newBase.dir, newN.dir); err != nil {
		return "", err
	}
	var oldN *tree
	if o.old {
		oldN = &tree{label: "old", dir: filepath.Join(work, "old-n"), old: true}
		if err := copyDir(oldBase.dir, oldN.dir); err != nil {
			return "", err
		}
		trees = append(trees, oldN)
	}

	newSpecs, oldSpecs := filepath.Join(newBase.dir, "specs"), filepath.Join(oldBase.dir, "specs")
	fams, err := readFamilies(newSpecs)
	if err != nil {
		return "", err
	}
	if fams == nil {
		return "", fmt.Errorf("%s has no families.yaml", newSpecs)
	}
	vocab, err := readVocabulary(newSpecs)
	if err != nil {
		return "", err
	}
	ids, enums, err := takenNames(newSpecs, oldSpecs)
	if err != nil {
		return "", err
	}
	if o.old { // words both vocabularies map the same way, so the specs load in both layouts
		oldVocab, err := readVocabulary(oldSpecs)
		if err != nil {
			return "", err
		}
		for w, g := range vocab {
			if oldVocab[w] != g {
				delete(vocab, w)
			}
		}
	}
	for _, pair := range [][2]*tree{{newBase, newN}, {oldBase, oldN}} {
		base, grown := pair[0], pair[1]
		if base.specs, base.separate, err = countSpecs(filepath.Join(base.dir, "specs")); err != nil {
			return "", err
		}
		base.label += fmt.Sprint("-", base.specs.TRs)
		if grown == nil {
			continue
		}
		progress("writing the synthetic TR specs of %s", grown.dir)
		in := synthInput{N: o.n, Seed: o.seed, Families: synthFamilies(fams, base.specs.ByPath), Vocab: vocab, TakenIDs: ids, TakenEnums: enums}
		if grown.set, err = synthesize(in); err != nil {
			return "", err
		}
		write := writeNewLayout
		if grown.old {
			write = writeOldLayout
		}
		if err := write(filepath.Join(grown.dir, "specs"), grown.set); err != nil {
			return "", err
		}
	}

	genCache := filepath.Join(work, "cache-gen")
	for _, t := range []*tree{newN, oldN} {
		if t == nil {
			continue
		}
		args := []string{"generate", "-specs", "specs", "-out", "kiwoom"}
		if t.old {
			args = args[1:] // the old kiwoomgen has no generate command name
		}
		bin := filepath.Join(work, "kiwoomgen-"+filepath.Base(t.dir))
		if _, err := goCmd(t.dir, genCache, "build", "-o", bin, "./cmd/kiwoomgen"); err != nil {
			return "", err
		}
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = t.dir, env(genCache)
		t0 := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("%s: kiwoomgen %s: %w\n%s", t.dir, strings.Join(args, " "), err, tail(string(out), 40))
		}
		t.genTime = time.Since(t0)
		if t.specs, t.separate, err = countSpecs(filepath.Join(t.dir, "specs")); err != nil {
			return "", err
		}
		t.label += fmt.Sprint("-", t.specs.TRs)
		progress("%s: generated %d synthetic TRs in %.1fs", t.label, len(t.set.TRs), t.genTime.Seconds())
	}
	for _, t := range trees {
		if t.lines, err = countGenerated(t.dir, t.separate); err != nil {
			return "", err
		}
	}

	template := filepath.Join(work, "cache-template")
	for _, t := range trees {
		progress("%s: compiling the standard library and dependencies into the template cache", t.label)
		out, err := goCmd(t.dir, template, "list", "-deps", "-f",
			"{{if not .Module}}{{.ImportPath}}{{else if not .Module.Main}}{{.ImportPath}}{{end}}", "./...")
		if err != nil {
			return "", err
		}
		deps := strings.Fields(string(out))
		if _, err := goCmd(t.dir, template, append([]string{"build"}, deps...)...); err != nil {
			return "", err
		}
	}

	for r := range o.runs {
		order := slices.Clone(trees)
		for range r % len(order) { // rotate, so no tree always builds first
			order = append(order[1:], order[0])
		}
		for _, t := range order {
			t.load = append(t.load, loadAverage())
			d, cpu, tools, err := coldBuild(t, template, work, self)
			if err != nil {
				return "", err
			}
			t.builds = append(t.builds, d)
			t.compileCPU = append(t.compileCPU, cpu)
			if t.tools == nil {
				t.tools = tools
			}
			progress("%s: cold go build ./... %d/%d: %.1fs (compiles %.1fs CPU, load %.2f)", t.label, r+1, o.runs, d.Seconds(), cpu.Seconds(), t.load[len(t.load)-1])
		}
	}
	if o.fullCold {
		for _, t := range trees {
			cache := filepath.Join(work, "cache-empty")
			t0 := time.Now()
			if _, err := goCmd(t.dir, cache, "build", "./..."); err != nil {
				return "", err
			}
			t.fullCold = time.Since(t0)
			os.RemoveAll(cache)
			progress("%s: go build ./... with an empty GOCACHE: %.1fs", t.label, t.fullCold.Seconds())
		}
	}

	for _, t := range trees {
		progress("%s: go doc, New benchmark, program sizes", t.label)
		if t.doc, err = docEntries(t.dir, t.cache); err != nil {
			return "", err
		}
		for name, src := range probeFiles(t.old) {
			if err := writeFile(filepath.Join(t.dir, probeDir, filepath.FromSlash(name)), []byte(src), 0o644); err != nil {
				return "", err
			}
		}
		out, err := goCmd(t.dir, t.cache, "test", "-run", "^$", "-bench", ".", "-benchmem", "-benchtime", "20000x", "./"+probeDir)
		if err != nil {
			return "", err
		}
		if t.bench = parseBench(out); len(t.bench) == 0 {
			return "", fmt.Errorf("%s: no benchmark results in:\n%s", t.label, out)
		}
		for i, flags := range [][]string{nil, {"-ldflags=-s -w"}} {
			for _, p := range []struct {
				name string
				size *int64
			}{{"onetr", &t.oneTR[i]}, {"hello", &t.hello[i]}, {"helloclient", &t.client[i]}} {
				bin := filepath.Join(work, "bin", fmt.Sprintf("%s-%s-%d", filepath.Base(t.dir), p.name, i))
				args := append(append([]string{"build", "-o", bin}, flags...), "./"+probeDir+"/"+p.name)
				if _, err := goCmd(t.dir, t.cache, args...); err != nil {
					return "", err
				}
				if *p.size, err = fileSize(bin); err != nil {
					return "", err
				}
			}
		}
	}
	progress("done")
	return renderReport(o, trees, current, revOf(o.baseline), time.Since(start)), nil
}

// synthFamilies lists the families that receive synthetic TRs (not the core
// or separate ones) with their weights and the TRs a tree has in each, found
// by URL path.
func synthFamilies(fams []familyEntry, byPath map[string]int) []synthFamily {
	weights := realTRCounts()
	var out []synthFamily
	for _, f := range fams {
		if f.Core || f.Separate {
			continue
		}
		sf := synthFamily{Name: f.Name, Path: f.Path, Weight: max(1, weights[f.Path])}
		for path, n := range byPath {
			if path == f.Path || strings.HasPrefix(path, f.Path+"/") {
				sf.Real += n
			}
		}
		out = append(out, sf)
	}
	return out
}

// loadAverage returns the 1-minute load average (0 when unknown): other work
// on the machine slows the timed builds.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	var l float64
	fmt.Sscan(string(data), &l)
	return l
}

// coldBuild times go build ./... of a tree with a fresh copy of the template
// cache and this binary as the -toolexec wrapper. It returns the wall time,
// the CPU time of the module's compiles, and every compile and link.
func coldBuild(t *tree, template, work, self string) (time.Duration, time.Duration, []toolRun, error) {
	cache := filepath.Join(work, "cache-"+t.label)
	if err := copyDir(template, cache); err != nil {
		return 0, 0, nil, err
	}
	logFile := filepath.Join(work, "toolexec-"+t.label+".log")
	os.Remove(logFile)
	cmd := exec.Command("go", "build", "-toolexec", self, "./...")
	cmd.Dir, cmd.Env = t.dir, env(cache, toolexecEnv+"="+logFile)
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(t0)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("%s: go build ./...: %w\n%s", t.label, err, tail(string(out), 40))
	}
	data, err := os.ReadFile(logFile)
	if err != nil {
		return 0, 0, nil, err
	}
	tools, err := parseToolLog(data)
	if err != nil {
		return 0, 0, nil, err
	}
	var cpu time.Duration
	for _, r := range tools {
		if r.Tool == "compile" {
			cpu += r.CPU
		}
	}
	t.cache = cache
	return d, cpu, tools, nil
}

// machine describes the machine for the report.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if _, rest, ok := strings.Cut(string(data), "MemTotal:"); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				mem = ", " + f[0] + " kB RAM"
			}
		}
	}
	return fmt.Sprintf("%s, %d CPUs (GOMAXPROCS %d)%s, %s %s/%s", model, runtime.NumCPU(), runtime.GOMAXPROCS(0), mem,
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
