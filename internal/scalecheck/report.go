package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Units: MB is 10^6 bytes throughout (stricter than MiB for the targets).
const mb = 1e6

func fmtMB(b int64) string { return fmt.Sprintf("%.2f MB", float64(b)/mb) }

func fmtSec(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// moduleCompiles returns the compiles of the module's own packages, largest
// peak memory first.
func (t *tree) moduleCompiles() []toolRun {
	var out []toolRun
	for _, r := range t.tools {
		if r.Tool == "compile" && (r.Pkg == modulePath || strings.HasPrefix(r.Pkg, modulePath+"/")) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b toolRun) int { return cmp.Compare(b.MaxRSS, a.MaxRSS) })
	return out
}

// links returns the links of the first cold build, largest peak memory first.
func (t *tree) links() []toolRun {
	var out []toolRun
	for _, r := range t.tools {
		if r.Tool == "link" {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b toolRun) int { return cmp.Compare(b.MaxRSS, a.MaxRSS) })
	return out
}

// generatedPackages lists the packages under kiwoom/ that hold generated files.
func (t *tree) generatedPackages() []string {
	var out []string
	for pkg := range t.doc {
		dir := filepath.Join(t.dir, filepath.FromSlash(pkg))
		matches, _ := filepath.Glob(filepath.Join(dir, "*_gen.go"))
		if len(matches) > 0 {
			out = append(out, pkg)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(t.doc[b], t.doc[a]), cmp.Compare(a, b)) })
	return out
}

// largestDoc returns the generated package with the most go doc entries.
func (t *tree) largestDoc() (string, int) {
	pkgs := t.generatedPackages()
	if len(pkgs) == 0 {
		return "", 0
	}
	return pkgs[0], t.doc[pkgs[0]]
}

func (t *tree) bench1(name string) (benchResult, bool) {
	i := slices.IndexFunc(t.bench, func(b benchResult) bool { return b.Name == name })
	if i < 0 {
		return benchResult{}, false
	}
	return t.bench[i], true
}

func (t *tree) perField() float64 {
	if t.specs.Response == 0 {
		return 0
	}
	return float64(t.lines.Total()) / float64(t.specs.Response)
}

func minMax(ds []time.Duration) (time.Duration, time.Duration) {
	return slices.Min(ds), slices.Max(ds)
}

func renderReport(o options, trees []*tree, current, baseline string, took time.Duration) string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	old18, new18, newN := trees[0], trees[1], trees[2]
	set := newN.set
	var oldN *tree
	if len(trees) > 3 {
		oldN = trees[3]
	}

	p("# Scale check\n\n")
	cmdline := fmt.Sprintf("go run ./internal/scalecheck -n %d -seed %d -runs %d -baseline %s", o.n, o.seed, o.runs, o.baseline)
	if o.rev != "" {
		cmdline += " -rev " + o.rev
	}
	if !o.old {
		cmdline += " -old=false"
	}
	if o.fullCold {
		cmdline += " -fullcold"
	}
	p("Command: `%s` (took %s).\n\n", cmdline, took.Round(time.Second))
	p("Machine: %s.\n\n", machine())
	p("Trees, all measured in this run:\n\n")
	p("- **%s**: revision %s, the layout before the family packages, %d TR specs.\n", old18.label, baseline, old18.specs.TRs)
	p("- **%s**: the %s, %d TR specs.\n", new18.label, current, new18.specs.TRs)
	p("- **%s**: %s plus %d synthetic TR specs (seed %d, %d response fields), %d TR specs in all.\n",
		newN.label, new18.label, len(set.TRs), o.seed, set.responseFields(), newN.specs.TRs)
	if oldN != nil {
		p("- **%s**: %s grown the same way to %d TR specs (%d synthetic), in its own layout (one package) — the layout issue 8 replaces, for reference.\n",
			oldN.label, old18.label, oldN.specs.TRs, len(oldN.set.TRs))
	}
	p("\n")

	cols := []*tree{old18, new18, newN}
	if oldN != nil {
		cols = append(cols, oldN)
	}
	p("| measure |")
	for _, t := range cols {
		p(" %s |", t.label)
	}
	p(" %s ÷ %s | %s ÷ %s |\n|---|", newN.label, old18.label, newN.label, new18.label)
	for range cols {
		p("---:|")
	}
	p("---:|---:|\n")
	row := func(name string, val func(*tree) string, num func(*tree) float64) {
		p("| %s |", name)
		for _, t := range cols {
			p(" %s |", val(t))
		}
		if num == nil {
			p(" | |\n")
			return
		}
		p(" %s | %s |\n", ratio(num(newN), num(old18)), ratio(num(newN), num(new18)))
	}
	itoa := func(n int) string { return fmt.Sprint(n) }
	row("TR specs", func(t *tree) string { return itoa(t.specs.TRs) }, func(t *tree) float64 { return float64(t.specs.TRs) })
	row("response fields (a list counts as one, plus its row fields)", func(t *tree) string { return itoa(t.specs.Response) },
		func(t *tree) float64 { return float64(t.specs.Response) })
	row("generated Go lines (REST generator)", func(t *tree) string { return itoa(t.lines.Total()) },
		func(t *tree) float64 { return float64(t.lines.Total()) })
	row("… in per-TR files", func(t *tree) string { return itoa(t.lines.PerTR) }, nil)
	row("… in the catalogue", func(t *tree) string { return itoa(t.lines.Catalog) }, nil)
	row("… in enums, clients, package docs", func(t *tree) string { return itoa(t.lines.Other) }, nil)
	row("**generated lines per response field**", func(t *tree) string { return fmt.Sprintf("%.2f", t.perField()) }, (*tree).perField)
	marginal := func(t *tree) string {
		base := old18
		if !t.old {
			base = new18
		}
		if t.set == nil {
			return "–"
		}
		return fmt.Sprintf("%.2f", float64(t.lines.Total()-base.lines.Total())/float64(t.specs.Response-base.specs.Response))
	}
	row("… per added response field (vs the 18-TR tree of the same layout)", marginal, nil)
	row("kiwoomgen generate (the built binary)", func(t *tree) string {
		if t.genTime == 0 {
			return "–"
		}
		return fmtSec(t.genTime)
	}, nil)
	row(fmt.Sprintf("**cold `go build ./...`** (median of %d)", o.runs), func(t *tree) string { return fmtSec(median(t.builds)) },
		func(t *tree) float64 { return median(t.builds).Seconds() })
	row("… fastest–slowest", func(t *tree) string {
		lo, hi := minMax(t.builds)
		return fmt.Sprintf("%.1f–%.1f s", lo.Seconds(), hi.Seconds())
	}, nil)
	row("… CPU of the module's compiles (median)", func(t *tree) string { return fmtSec(median(t.compileCPU)) },
		func(t *tree) float64 { return median(t.compileCPU).Seconds() })
	row("… 1-minute load average at the builds' start (min–max)", func(t *tree) string {
		return fmt.Sprintf("%.1f–%.1f", slices.Min(t.load), slices.Max(t.load))
	}, nil)
	row("… packages of the module compiled", func(t *tree) string { return itoa(len(t.moduleCompiles())) }, nil)
	if o.fullCold {
		row("`go build ./...` with an empty GOCACHE (standard library included, 1 run)", func(t *tree) string { return fmtSec(t.fullCold) },
			func(t *tree) float64 { return t.fullCold.Seconds() })
	}
	row("**largest compile: peak memory**", func(t *tree) string {
		c := t.moduleCompiles()
		return fmtMB(c[0].MaxRSS) + " (" + shortPkg(c[0].Pkg) + ")"
	}, func(t *tree) float64 { return float64(t.moduleCompiles()[0].MaxRSS) })
	row("… its compile wall time", func(t *tree) string { return fmtSec(t.moduleCompiles()[0].Wall) }, nil)
	row("largest link: peak memory", func(t *tree) string {
		l := t.links()
		if len(l) == 0 {
			return "–"
		}
		return fmtMB(l[0].MaxRSS) + " (" + shortPkg(l[0].Pkg) + ")"
	}, nil)
	row("**`go doc -short` entries, largest generated package**", func(t *tree) string {
		pkg, n := t.largestDoc()
		return fmt.Sprintf("%d (%s)", n, pkg)
	}, func(t *tree) float64 { _, n := t.largestDoc(); return float64(n) })
	row("`go doc -short` entries, package kiwoom", func(t *tree) string { return itoa(t.doc["kiwoom"]) },
		func(t *tree) float64 { return float64(t.doc["kiwoom"]) })
	newRow := func(name string, f func(benchResult) string, num func(benchResult) float64, bench string) {
		var nf func(*tree) float64
		if num != nil {
			nf = func(t *tree) float64 { r, _ := t.bench1(bench); return num(r) }
		}
		row(name, func(t *tree) string {
			r, ok := t.bench1(bench)
			if !ok {
				return "–"
			}
			return f(r)
		}, nf)
	}
	newRow("**`kiwoom.New()` allocations**", func(r benchResult) string { return fmt.Sprint(r.Allocs) },
		func(r benchResult) float64 { return float64(r.Allocs) }, "BenchmarkNew")
	newRow("`kiwoom.New()` bytes", func(r benchResult) string { return fmt.Sprint(r.BOp) },
		func(r benchResult) float64 { return float64(r.BOp) }, "BenchmarkNew")
	newRow("`kiwoom.New()` time", func(r benchResult) string { return fmt.Sprintf("%.0f ns", r.NsOp) }, nil, "BenchmarkNew")
	newRow("`kiwoom.New()` + `stockinfo.New()` allocations, bytes", func(r benchResult) string {
		return fmt.Sprintf("%d, %d", r.Allocs, r.BOp)
	}, nil, "BenchmarkNewWithFamily")
	sizeRow := func(name string, i int, diff bool) {
		row(name, func(t *tree) string {
			if diff {
				return fmt.Sprintf("%+.2f MB", float64(t.oneTR[i]-t.hello[i])/mb)
			}
			return fmtMB(t.oneTR[i])
		}, func(t *tree) float64 {
			if diff {
				return float64(t.oneTR[i] - t.hello[i])
			}
			return float64(t.oneTR[i])
		})
	}
	sizeRow("program calling one TR (ka10001)", 0, false)
	row("net/http hello-world", func(t *tree) string { return fmtMB(t.hello[0]) }, nil)
	sizeRow("**one-TR program − hello-world**", 0, true)
	row("net/http client hello-world (`http.Get`)", func(t *tree) string { return fmtMB(t.client[0]) }, nil)
	row("one-TR program − client hello-world", func(t *tree) string {
		return fmt.Sprintf("%+.2f MB", float64(t.oneTR[0]-t.client[0])/mb)
	}, nil)
	sizeRow("one-TR program, `-ldflags=-s -w`", 1, false)
	sizeRow("one-TR program − hello-world, both `-ldflags=-s -w`", 1, true)
	p("\n")

	// Targets.
	p("## Targets of issue 8 (on %s)\n\n", newN.label)
	mark := func(ok bool) string {
		if ok {
			return "**met**"
		}
		return "**missed**"
	}
	extra := newN.oneTR[0] - newN.hello[0]
	p("- %s — a program that calls one TR links at most 1 MB more than a net/http hello-world: %+.2f MB (%s vs %s; %s: %+.2f MB).\n",
		mark(extra <= mb), float64(extra)/mb, fmtMB(newN.oneTR[0]), fmtMB(newN.hello[0]), old18.label, float64(old18.oneTR[0]-old18.hello[0])/mb)
	nb, ob, n18 := median(newN.builds), median(old18.builds), median(new18.builds)
	p("- %s — cold `go build ./...` at most 2× the 18-TR tree's: %s is %s of %s (%s) and %s of %s (%s).\n",
		mark(nb <= 2*ob && nb <= 2*n18), fmtSec(nb), ratio(nb.Seconds(), ob.Seconds()), old18.label, fmtSec(ob),
		ratio(nb.Seconds(), n18.Seconds()), new18.label, fmtSec(n18))
	big := newN.moduleCompiles()[0]
	p("- %s — no package needs more than 300 MB to compile: the largest is %s at %s.\n",
		mark(big.MaxRSS <= 300*mb), shortPkg(big.Pkg), fmtMB(big.MaxRSS))
	a18, _ := new18.bench1("BenchmarkNew")
	aN, _ := newN.bench1("BenchmarkNew")
	p("- %s — `New()` makes the same allocations at 18 and at %d TRs: %d allocs, %d B (%s) vs %d allocs, %d B (%s).\n",
		mark(a18.Allocs == aN.Allocs && a18.BOp == aN.BOp), newN.specs.TRs, a18.Allocs, a18.BOp, new18.label, aN.Allocs, aN.BOp, newN.label)
	p("- %s — at most 8 generated lines per response field on average: %.2f (%d lines, %d response fields).\n",
		mark(newN.perField() <= 8), newN.perField(), newN.lines.Total(), newN.specs.Response)
	pkg, n := newN.largestDoc()
	p("- %s — no generated package has more than about 150 `go doc -short` entries: the largest is %s with %d (%d TRs).\n",
		mark(n <= 150), pkg, n, newN.specs.ByFamily[strings.TrimPrefix(pkg, "kiwoom/")])
	p("\n")

	// Details.
	p("## Details\n\n")
	p("### The %d largest compiles of %s by peak memory\n\n", 8, newN.label)
	p("| package | TRs | peak memory | wall | CPU |\n|---|---:|---:|---:|---:|\n")
	for i, r := range newN.moduleCompiles() {
		if i == 8 {
			break
		}
		p("| %s | %s | %s | %s | %s |\n", shortPkg(r.Pkg), trsOf(newN, r.Pkg), fmtMB(r.MaxRSS), fmtSec(r.Wall), fmtSec(r.CPU))
	}
	p("\n### Where the generated lines go\n\n")
	p("A least-squares line through the synthetic TRs' own files (`<id>_gen.go`): lines = fixed + per-field × response fields.\n\n")
	p("| tree | synthetic TR files | fixed lines per TR | lines per response field | R² |\n|---|---:|---:|---:|---:|\n")
	for _, t := range []*tree{newN, oldN} {
		if t == nil {
			continue
		}
		var xs, ys []float64
		for id, lines := range t.lines.ByTR {
			if t.set.has(id) {
				xs, ys = append(xs, float64(t.specs.ByTR[id])), append(ys, float64(lines))
			}
		}
		a, b, r2 := fitLine(xs, ys)
		p("| %s | %d | %.1f | %.2f | %.3f |\n", t.label, len(xs), a, b, r2)
	}
	for _, t := range []*tree{newN, oldN} {
		if t == nil {
			continue
		}
		base := new18
		if t.old {
			base = old18
		}
		added := float64(t.specs.Response - base.specs.Response)
		p("\n%s against %s, per added response field: %.2f lines in per-TR files, %.2f in the catalogue, %.2f in enums, clients and package docs (%d synthetic enums).\n",
			t.label, base.label, float64(t.lines.PerTR-base.lines.PerTR)/added, float64(t.lines.Catalog-base.lines.Catalog)/added,
			float64(t.lines.Other-base.lines.Other)/added, t.set.enums())
	}

	p("\n### `go doc -short` entries per generated package\n\n")
	p("The projection draws a line through the package's (TRs, entries) in %s and %s and reads it at the number of TRs Kiwoom documents for the family.\n\n", new18.label, newN.label)
	p("| package | TRs in %s | %s | TRs in %s | %s | entries per added TR | documented TRs | projected entries |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
		new18.label, new18.label, newN.label, newN.label)
	paths := map[string]string{}
	if fams, err := readFamilies(filepath.Join(newN.dir, "specs")); err == nil {
		for _, f := range fams {
			paths["kiwoom/"+f.Name] = f.Path
		}
	}
	for _, pkg := range newN.generatedPackages() {
		fam := strings.TrimPrefix(pkg, "kiwoom/")
		trs, trs18 := newN.specs.ByFamily[fam], new18.specs.ByFamily[fam]
		before, perTR, projected := "–", "–", "–"
		documented := realTRCounts()[paths[pkg]]
		if n, ok := new18.doc[pkg]; ok {
			before = fmt.Sprint(n)
			if trs > trs18 {
				slope := float64(newN.doc[pkg]-n) / float64(trs-trs18)
				perTR = fmt.Sprintf("%.2f", slope)
				if documented > 0 {
					projected = fmt.Sprintf("%.0f", float64(n)+slope*float64(documented-trs18))
				}
			}
		}
		doc := "–"
		if documented > 0 {
			doc = fmt.Sprint(documented)
		}
		p("| %s | %d | %s | %d | %d | %s | %s | %s |\n", pkg, trs18, before, trs, newN.doc[pkg], perTR, doc, projected)
	}
	p("\n### Where the synthetic TRs went\n\n")
	p("Each family is filled towards its share of %d TRs, in proportion to the domestic TRs Kiwoom documents per URL family (%s §5.3): "+
		"the US families do not exist yet, so the domestic packages stand in for them and are about %.1f× their real size. "+
		"Every family also gets four synthetic enums, and eight shared ones go to package kiwoom.\n\n",
		o.n, "../shared/docs/kiwoom-rest-api.md", float64(o.n)/float64(documentedTotal()))
	p("| family | documented TRs | real TRs in %s | synthetic TRs | TRs in %s |\n|---|---:|---:|---:|---:|\n", new18.label, newN.label)
	counts := map[string]int{}
	for _, tr := range set.TRs {
		counts[tr.family]++
	}
	weights := realTRCounts()
	fams, _ := readFamilies(filepath.Join(newN.dir, "specs"))
	for _, f := range fams {
		if f.Core || f.Separate {
			continue
		}
		p("| %s (%s) | %d | %d | %d | %d |\n", f.Name, f.Path, weights[f.Path], new18.specs.ByFamily[f.Name], counts[f.Name], newN.specs.ByFamily[f.Name])
	}
	return b.String()
}

func shortPkg(pkg string) string {
	if pkg == modulePath {
		return "(module root)"
	}
	return strings.TrimPrefix(pkg, modulePath+"/")
}

// trsOf returns the number of TRs generated into a package, as text.
func trsOf(t *tree, pkg string) string {
	p := shortPkg(pkg)
	if p == "kiwoom" && t.old {
		return fmt.Sprint(t.specs.TRs)
	}
	if n, ok := t.specs.ByFamily[strings.TrimPrefix(p, "kiwoom/")]; ok && p != "kiwoom" {
		return fmt.Sprint(n)
	}
	if p == "kiwoom" {
		return fmt.Sprint(t.specs.ByFamily["kiwoom"])
	}
	if _, err := os.Stat(filepath.Join(t.dir, filepath.FromSlash(p), "client_gen.go")); err == nil {
		return "0"
	}
	return ""
}

// fitLine fits y = a + b·x by least squares and returns a, b and R².
func fitLine(xs, ys []float64) (a, b, r2 float64) {
	n := float64(len(xs))
	if n < 2 {
		return 0, 0, 0
	}
	var sx, sy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
	}
	mx, my := sx/n, sy/n
	var sxx, sxy, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return my, 0, 0
	}
	b = sxy / sxx
	return my - b*mx, b, sxy * sxy / (sxx * syy)
}

// documentedTotal is the number of domestic REST TRs of realTRCounts.
func documentedTotal() int {
	n := 0
	for _, c := range realTRCounts() {
		n += c
	}
	return n
}
