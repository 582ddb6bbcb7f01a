package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gopkg.in/yaml.v3"
)

// toolexecEnv names the environment variable that turns the scalecheck binary
// into a -toolexec wrapper: it then runs the tool it is given and appends one
// line per compile or link to the file the variable names.
const toolexecEnv = "SCALECHECK_TOOLEXEC_LOG"

// toolRun is one compile or link seen by the -toolexec wrapper.
type toolRun struct {
	Tool   string        // "compile" or "link"
	Pkg    string        // import path (TOOLEXEC_IMPORTPATH)
	MaxRSS int64         // peak resident set size of the tool process, bytes
	Wall   time.Duration // wall time of the tool process
	CPU    time.Duration // user + system time of the tool process
}

// toolexec runs args (a tool and its arguments) as the go command asked and,
// for a compile or link, appends the tool's peak memory and times to logFile.
// It returns the tool's exit code.
func toolexec(logFile string, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "scalecheck: -toolexec wrapper without a tool")
		return 2
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			fmt.Fprintln(os.Stderr, "scalecheck:", err)
			return 1
		}
		code = ee.ExitCode()
	}
	tool := strings.TrimSuffix(filepath.Base(args[0]), ".exe")
	if (tool == "compile" || tool == "link") && !slices.Contains(args[1:], "-V=full") {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			line := fmt.Sprintf("%s\t%s\t%d\t%d\t%d\n", tool, os.Getenv("TOOLEXEC_IMPORTPATH"), ru.Maxrss*1024, wall.Nanoseconds(), cpu.Nanoseconds())
			if f, err := os.OpenFile(logFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
				f.WriteString(line) // one short write with O_APPEND: lines of parallel tools do not interleave
				f.Close()
			}
		}
	}
	return code
}

// parseToolLog reads the lines the wrapper appended.
func parseToolLog(data []byte) ([]toolRun, error) {
	var out []toolRun
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("bad toolexec log line %q", line)
		}
		var n [3]int64
		for i := range n {
			v, err := strconv.ParseInt(f[2+i], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("bad toolexec log line %q: %w", line, err)
			}
			n[i] = v
		}
		out = append(out, toolRun{Tool: f[0], Pkg: f[1], MaxRSS: n[0], Wall: time.Duration(n[1]), CPU: time.Duration(n[2])})
	}
	return out, nil
}

// env is the environment of every go command the check runs: the given build
// cache, no network, no workspace, the local toolchain.
func env(cache string, extra ...string) []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOCACHE", "GOFLAGS", "GOPROXY", "GOTOOLCHAIN", "GOWORK", "GOENV", toolexecEnv:
			continue
		}
		out = append(out, kv)
	}
	out = append(out, "GOCACHE="+cache, "GOFLAGS=-buildvcs=false", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off", "GOENV=off")
	return append(out, extra...)
}

// goCmd runs the go command in dir with the given cache and returns its
// standard output; a failure includes its standard error.
func goCmd(dir, cache string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, env(cache)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("go %s (in %s): %w\n%s", strings.Join(args, " "), dir, err, tail(stderr.String(), 40))
	}
	return out, nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// copyWorkingTree copies the files git knows in root (tracked, and untracked
// but not ignored) into dst, leaving out the directories skip names.
func copyWorkingTree(root, dst string, skip []string) error {
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %w", err)
	}
	seen := map[string]bool{}
	for rel := range strings.SplitSeq(strings.TrimRight(string(out), "\x00"), "\x00") {
		if rel == "" || seen[rel] || skipped(rel, skip) {
			continue
		}
		seen[rel] = true
		src := filepath.Join(root, rel)
		info, err := os.Lstat(src)
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dst, rel), data, info.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

func skipped(rel string, skip []string) bool {
	for _, s := range skip {
		if rel == s || strings.HasPrefix(rel, s+"/") {
			return true
		}
	}
	return false
}

func writeFile(file string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, data, perm)
}

// extractRev writes the files of a git revision of root into dst, leaving out
// the directories skip names.
func extractRev(root, rev, dst string, skip []string) error {
	cmd := exec.Command("git", "-C", root, "archive", "--format=tar", rev)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	tr := tar.NewReader(out)
	var werr error
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			werr = err
			break
		}
		if h.Typeflag != tar.TypeReg || skipped(h.Name, skip) {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			werr = err
			break
		}
		if err := writeFile(filepath.Join(dst, filepath.FromSlash(h.Name)), data, os.FileMode(h.Mode).Perm()); err != nil {
			werr = err
			break
		}
	}
	io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git archive %s: %w: %s", rev, err, stderr.String())
	}
	return werr
}

// copyDir copies a directory tree (the build cache template) with cp -a.
func copyDir(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		return fmt.Errorf("cp -a %s %s: %w: %s", src, dst, err, out)
	}
	return nil
}

// lineCounts are the generated Go lines of the REST generator in a tree.
type lineCounts struct {
	PerTR   int // <id>_gen.go files
	Catalog int // the catalogue's generated data
	Other   int // enums, family clients, package docs
	Files   int
	// ByTR holds the lines of each per-TR file, by api-id.
	ByTR map[string]int
}

// Total is every generated line.
func (l lineCounts) Total() int { return l.PerTR + l.Catalog + l.Other }

var trFileRE = regexp.MustCompile(`^[a-z]{2,3}[0-9]{5}_gen\.go$`)

// countGenerated counts the lines of the *_gen.go files under kiwoom/, leaving
// out the directories of separate families (realtime has its own generator
// and specs).
func countGenerated(treeDir string, separate []string) (lineCounts, error) {
	lc := lineCounts{ByTR: map[string]int{}}
	base := filepath.Join(treeDir, "kiwoom")
	err := filepath.WalkDir(base, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		if d.IsDir() {
			if slices.Contains(separate, filepath.ToSlash(rel)) {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.HasSuffix(name, "_gen.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n := bytes.Count(data, []byte("\n"))
		lc.Files++
		switch {
		case trFileRE.MatchString(name):
			lc.PerTR += n
			lc.ByTR[strings.TrimSuffix(name, "_gen.go")] = n
		case name == "catalog_gen.go":
			lc.Catalog += n
		default:
			lc.Other += n
		}
		return nil
	})
	return lc, err
}

// specCounts are the TRs and fields of a specs directory.
type specCounts struct {
	TRs, Request, Response int
	// ByFamily is the number of TRs per family (package) name.
	ByFamily map[string]int
	// ByTR holds each TR's response fields, by api-id.
	ByTR map[string]int
	// ByPath is the number of TRs per URL path.
	ByPath map[string]int
}

// countSpecs counts TRs and fields in a specs directory of either layout,
// expanding `use:` groups; separate families (realtime) are left out.
func countSpecs(specs string) (specCounts, []string, error) {
	sc := specCounts{ByFamily: map[string]int{}, ByTR: map[string]int{}, ByPath: map[string]int{}}
	groups := map[string][]any{}
	if data, err := os.ReadFile(filepath.Join(specs, "groups.yaml")); err == nil {
		var gf struct {
			Groups []struct {
				Name   string `yaml:"name"`
				Fields []any  `yaml:"fields"`
			} `yaml:"groups"`
		}
		if err := yaml.Unmarshal(data, &gf); err != nil {
			return sc, nil, err
		}
		for _, g := range gf.Groups {
			groups[g.Name] = g.Fields
		}
	}
	var count func([]any) int
	count = func(fields []any) int {
		n := 0
		for _, f := range fields {
			m, _ := f.(map[string]any)
			if use, ok := m["use"].(string); ok {
				n += count(groups[use])
				continue
			}
			n++
			if sub, ok := m["fields"].([]any); ok {
				n += count(sub)
			}
		}
		return n
	}
	readTR := func(file, family string) error {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		var tr struct {
			Path     string `yaml:"path"`
			Request  []any  `yaml:"request"`
			Response []any  `yaml:"response"`
		}
		if err := yaml.Unmarshal(data, &tr); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		sc.TRs++
		sc.ByFamily[family]++
		sc.ByPath[tr.Path]++
		sc.Request += count(tr.Request)
		resp := count(tr.Response)
		sc.Response += resp
		sc.ByTR[strings.TrimSuffix(filepath.Base(file), ".yaml")] = resp
		return nil
	}
	isTR := func(name string) bool { return trFileRE.MatchString(strings.TrimSuffix(name, ".yaml") + "_gen.go") }

	fams, err := readFamilies(specs)
	if err != nil {
		return sc, nil, err
	}
	var separate []string
	if fams == nil { // the layout before families: every TR in package kiwoom
		entries, err := os.ReadDir(specs)
		if err != nil {
			return sc, nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && isTR(e.Name()) {
				if err := readTR(filepath.Join(specs, e.Name()), "kiwoom"); err != nil {
					return sc, nil, err
				}
			}
		}
		return sc, nil, nil
	}
	for _, f := range fams {
		if f.Separate {
			separate = append(separate, f.Name)
			continue
		}
		entries, err := os.ReadDir(filepath.Join(specs, f.Name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return sc, nil, err
		}
		pkg := f.Name
		if f.Core {
			pkg = "kiwoom"
		}
		for _, e := range entries {
			if !e.IsDir() && isTR(e.Name()) {
				if err := readTR(filepath.Join(specs, f.Name, e.Name()), pkg); err != nil {
					return sc, nil, err
				}
			}
		}
	}
	return sc, separate, nil
}

// familyEntry is an entry of families.yaml.
type familyEntry struct {
	Name     string `yaml:"name"`
	Path     string `yaml:"path"`
	Core     bool   `yaml:"core"`
	Separate bool   `yaml:"separate"`
}

// readFamilies reads specs/families.yaml; nil without error in the layout before families.
func readFamilies(specs string) ([]familyEntry, error) {
	data, err := os.ReadFile(filepath.Join(specs, "families.yaml"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ff struct {
		Families []familyEntry `yaml:"families"`
	}
	if err := yaml.Unmarshal(data, &ff); err != nil {
		return nil, fmt.Errorf("families.yaml: %w", err)
	}
	return ff.Families, nil
}

// readVocabulary reads the words: map of specs/vocabulary.yaml.
func readVocabulary(specs string) (map[string]string, error) {
	data, err := os.ReadFile(filepath.Join(specs, "vocabulary.yaml"))
	if err != nil {
		return nil, err
	}
	var vf struct {
		Words map[string]string `yaml:"words"`
	}
	if err := yaml.Unmarshal(data, &vf); err != nil {
		return nil, fmt.Errorf("vocabulary.yaml: %w", err)
	}
	return vf.Words, nil
}

// takenNames lists the TR ids and enum names already used anywhere under specs.
func takenNames(specs ...string) (ids, enums map[string]bool, err error) {
	ids, enums = map[string]bool{}, map[string]bool{}
	for _, dir := range specs {
		err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
				return err
			}
			name := d.Name()
			if name == "enums.yaml" {
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				var ef struct {
					Enums []struct {
						Name string `yaml:"name"`
					} `yaml:"enums"`
				}
				if err := yaml.Unmarshal(data, &ef); err != nil {
					return fmt.Errorf("%s: %w", path, err)
				}
				for _, e := range ef.Enums {
					enums[e.Name] = true
				}
				return nil
			}
			ids[strings.TrimSuffix(name, ".yaml")] = true
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return ids, enums, nil
}

// docEntries counts the lines of `go doc -short` for each package under
// kiwoom/ of a tree.
func docEntries(treeDir, cache string) (map[string]int, error) {
	out, err := goCmd(treeDir, cache, "list", "./kiwoom/...")
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for pkg := range strings.FieldsSeq(string(out)) {
		doc, err := goCmd(treeDir, cache, "doc", "-short", pkg)
		if err != nil {
			return nil, err
		}
		n := 0
		for line := range strings.SplitSeq(string(doc), "\n") {
			if strings.TrimSpace(line) != "" {
				n++
			}
		}
		counts[strings.TrimPrefix(pkg, modulePath+"/")] = n
	}
	return counts, nil
}

// modulePath is the module the check measures.
const modulePath = "github.com/kiwoomgo/kiwoom"

// benchResult is one line of go test -bench -benchmem output.
type benchResult struct {
	Name   string
	NsOp   float64
	BOp    int64
	Allocs int64
}

var benchLineRE = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+(\d+) B/op\s+(\d+) allocs/op`)

// parseBench reads the benchmark lines of go test output.
func parseBench(out []byte) []benchResult {
	var res []benchResult
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		m := benchLineRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		b, _ := strconv.ParseInt(m[3], 10, 64)
		a, _ := strconv.ParseInt(m[4], 10, 64)
		res = append(res, benchResult{Name: m[1], NsOp: ns, BOp: b, Allocs: a})
	}
	return res
}

// probeDir is the directory, inside a tree copy, of the programs and the
// benchmark the check adds (after the build timings).
const probeDir = "scalecheckprobe"

// probeFiles returns the files the check adds to a tree: a benchmark of New,
// a program that calls one TR (ka10001) and a net/http hello-world.
func probeFiles(old bool) map[string]string {
	files := map[string]string{
		"helloclient/main.go": `// Command helloclient is a net/http client hello-world: it fetches a URL.
package main

import (
	"io"
	"log"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(os.Stdout, resp.Body)
}
`,
		"hello/main.go": `// Command hello is a net/http hello-world, the size baseline.
package main

import (
	"fmt"
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello, world") })
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
`,
	}
	if old {
		files["new_test.go"] = `package scalecheckprobe_test

import (
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if c, err := kiwoom.New("app-key", "secret-key"); err != nil || c == nil {
			b.Fatal(err)
		}
	}
}
`
		files["onetr/main.go"] = `// Command onetr calls one TR, ka10001.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

func main() {
	c, err := kiwoom.New(os.Getenv("KIWOOM_APPKEY"), os.Getenv("KIWOOM_SECRETKEY"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp, err := c.StockBasicInfo(context.Background(), &kiwoom.StockBasicInfoRequest{StockCode: "005930"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(resp.StockCode)
}
`
		return files
	}
	files["new_test.go"] = `package scalecheckprobe_test

import (
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
)

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if c, err := kiwoom.New("app-key", "secret-key"); err != nil || c == nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewWithFamily(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := kiwoom.New("app-key", "secret-key")
		if err != nil || stockinfo.New(c) == nil {
			b.Fatal(err)
		}
	}
}
`
	files["onetr/main.go"] = `// Command onetr calls one TR, ka10001.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
)

func main() {
	c, err := kiwoom.New(os.Getenv("KIWOOM_APPKEY"), os.Getenv("KIWOOM_SECRETKEY"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp, err := stockinfo.New(c).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(resp.StockCode)
}
`
	return files
}

// fileSize returns the size of a file.
func fileSize(file string) (int64, error) {
	info, err := os.Stat(file)
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}

// median returns the median of ds (the mean of the middle two for an even count).
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
