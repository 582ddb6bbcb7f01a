package gen

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func upstreamCase(t *testing.T) *UpstreamReport {
	t.Helper()
	m, err := Load(os.DirFS("testdata/upstream/specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	o, err := LoadOfficial("testdata/upstream/official.json")
	if err != nil {
		t.Fatal(err)
	}
	return Upstream(m, o)
}

// TestUpstreamGolden reports an unchanged (ka99020), an edited (ka99021), a removed
// (ka99022) and a new (ka99023) TR against testdata/upstream/want.txt and want.md;
// -update rewrites them.
func TestUpstreamGolden(t *testing.T) {
	r := upstreamCase(t)
	var text, md bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/upstream/want.txt", text.Bytes())
	checkGolden(t, "testdata/upstream/want.md", md.Bytes())
	if !r.Drift() {
		t.Error("Drift() is false")
	}
}

// TestUpstreamKinds: the edited TR shows every kind of difference, the unchanged one
// none, the acknowledged ones are silenced and the stale one is reported.
func TestUpstreamKinds(t *testing.T) {
	r := upstreamCase(t)
	kinds := map[string]bool{}
	for _, d := range r.Diffs {
		if d.TR == "ka99020" {
			t.Errorf("unchanged ka99020 reported: %+v", d)
		}
		kinds[d.What] = true
	}
	for _, k := range []string{"path", "title", "length", "required", "description", "enum", "added", "removed"} {
		if !kinds[k] {
			t.Errorf("no %s difference reported", k)
		}
	}
	if r.Acknowledged != 2 {
		t.Errorf("acknowledged %d differences; want 2 (stk_cd required, invsr.natn added)", r.Acknowledged)
	}
	if len(r.Stale) != 1 || !strings.Contains(r.Stale[0], "upstream: title matches no difference") {
		t.Errorf("stale %q", r.Stale)
	}
	if len(r.Gone) != 1 || !strings.HasPrefix(r.Gone[0], "ka99022") {
		t.Errorf("gone %q", r.Gone)
	}
	if len(r.NoSpec) != 1 || r.NoSpec[0].ID != "ka99023" {
		t.Errorf("no spec %+v", r.NoSpec)
	}
	if r.Compared != 2 {
		t.Errorf("compared %d", r.Compared)
	}
}
