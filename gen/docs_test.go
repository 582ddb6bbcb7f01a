package gen

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDocsCurrent checks that docs/TRs.md is a fresh render of specs/, like
// TestCommittedMatchesRender does for the generated code.
func TestDocsCurrent(t *testing.T) {
	m, err := Load(os.DirFS("../specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	rm, err := LoadRealtime(os.DirFS("../specs/realtime"), ".", "specs/realtime")
	if err != nil {
		t.Fatal(err)
	}
	want := append(RenderDocs(m, "../specs"), RenderRealtimeDocs(rm)...)
	if !bytes.Contains(want, []byte("`realtime.StockTrade`")) {
		t.Error("the catalogue has no row for the realtime type 0B")
	}
	got, err := os.ReadFile("../docs/TRs.md")
	if err != nil {
		t.Fatalf("%v; run go generate ./...", err)
	}
	if !bytes.Equal(got, want) {
		diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n"))
		t.Errorf("docs/TRs.md differs from a fresh render of specs/ (-render +file); run go generate ./...:\n%s", diff)
	}
}

// TestDocsGolden renders testdata/valid/basic and compares with testdata/docs/basic.md;
// -update rewrites it.
func TestDocsGolden(t *testing.T) {
	m, err := Load(os.DirFS("testdata/valid/basic/specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll("testdata/docs", 0o755); err != nil {
			t.Fatal(err)
		}
	}
	checkGolden(t, "testdata/docs/basic.md", RenderDocs(m, "../specs"))
}

// TestDocsLinks: the catalogue names every TR, is deterministic, starts with the
// generated header, and every in-page link has its anchor.
func TestDocsLinks(t *testing.T) {
	docsLinkRe := regexp.MustCompile(`\]\(#([^)]+)\)`)
	docsAnchorRe := regexp.MustCompile(`<a id="([^"]+)"></a>`)
	m, err := Load(os.DirFS("../specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	out := RenderDocs(m, "../specs")
	if !bytes.Equal(out, RenderDocs(m, "../specs")) {
		t.Error("two renders differ")
	}
	if !bytes.HasPrefix(out, []byte(DocsHeader)) {
		t.Error("the catalogue lacks the generated header")
	}
	anchors := map[string]bool{}
	for _, a := range docsAnchorRe.FindAllStringSubmatch(string(out), -1) {
		if anchors[a[1]] {
			t.Errorf("anchor %q defined twice", a[1])
		}
		anchors[a[1]] = true
	}
	for _, l := range docsLinkRe.FindAllStringSubmatch(string(out), -1) {
		if !anchors[l[1]] {
			t.Errorf("link to #%s has no anchor", l[1])
		}
	}
	for _, tr := range m.TRs {
		for _, id := range []string{tr.ID, tr.ID + "-request", tr.ID + "-response"} {
			if !anchors[id] {
				t.Errorf("no anchor %q", id)
			}
		}
		if !bytes.Contains(out, []byte("`"+docsMethod(tr)+"`")) || !bytes.Contains(out, []byte(tr.Name)) {
			t.Errorf("%s: Go or Korean name missing", tr.ID)
		}
	}
	for _, e := range m.Enums {
		if !anchors[docsAnchor("enum", e.Name)] {
			t.Errorf("enum %s has no anchor", e.Name)
		}
	}
}

func TestDocsText(t *testing.T) {
	for in, want := range map[string]string{
		"a|b":               `a\|b`,
		"<token>":           "&lt;token&gt;",
		"line\nbreak":       "line break",
		"*x* `y`":           "\\*x\\* \\`y\\`",
		"grant_type [ 주의 ]": "grant_type [ 주의 ]",
	} {
		if got := docsText(in); got != want {
			t.Errorf("docsText(%q) = %q, want %q", in, got, want)
		}
	}
}
