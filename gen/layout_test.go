package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// layoutFS is a small family tree: families a (/api/a) and b (/api/b), a
// shared group and a family enum of a.
func layoutFS(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"enums.yaml", "vocabulary.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/base", name))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	files := map[string]string{
		"families.yaml": `families:
  - {name: alpha, path: /api/a, title: 가, english: Family a.}
  - {name: beta, path: /api/b, title: 나, english: Family b.}
`,
		"groups.yaml": `groups:
  - name: Pair
    fields:
      - {name: stk_cd, title: 종목코드, doc_type: String, required: true, type: code}
      - {name: stk_nm, title: 종목명, doc_type: String, required: false, type: text}
`,
		"alpha/enums.yaml": `enums:
  - name: AlphaSide
    title: 구분
    values:
      - {value: "1", go: Buy, label: 매수}
`,
		"alpha/ka99001.yaml": `id: ka99001
name: 가요청
go: First
english: First.
path: /api/a
kind: query
paging: false
request:
  - use: Pair
  - {name: mrkt_tp, title: 시장구분, doc_type: String, required: true, type: enum, enum: AlphaSide}
response: []
`,
	}
	for k, v := range extra {
		files[k] = v
	}
	for k, v := range files {
		if v == "" {
			delete(fsys, k)
			continue
		}
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func TestLayoutLoads(t *testing.T) {
	m, err := Load(layoutFS(t, nil), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	tr := m.TR("ka99001")
	if tr.Family.Name != "alpha" || tr.Family.ImportPath() != CorePath+"/alpha" || len(tr.Request) != 3 {
		t.Fatalf("ka99001: family %s, %d request fields", tr.Family.Name, len(tr.Request))
	}
	if f := tr.Request[1]; f.Name != "stk_nm" || f.Group != "Pair" || f.GoName != "StockName" || f.Pos.File != "specs/groups.yaml" {
		t.Errorf("group field = %+v", f)
	}
	if e := m.Enum("AlphaSide"); e.Family != tr.Family {
		t.Errorf("AlphaSide family = %v", e.Family)
	}
	if e := m.Enum("DemoMarket"); e.Family != nil {
		t.Errorf("shared enum DemoMarket has family %v", e.Family)
	}
}

// TestLayoutErrors: every mistake of the family layout is reported at its
// place.
func TestLayoutErrors(t *testing.T) {
	tr := func(id, path, body string) string {
		return "id: " + id + "\nname: 요청\ngo: X" + id[2:] + "\nenglish: X.\npath: " + path + "\nkind: query\npaging: false\n" + body
	}
	cases := []struct {
		name  string
		extra map[string]string
		want  string
	}{
		{"TR at the root", map[string]string{"ka99002.yaml": tr("ka99002", "/api/a", "request: []\nresponse: []\n")},
			"specs/ka99002.yaml:1:1: a TR file belongs in its family's directory"},
		{"unknown directory", map[string]string{"gamma/ka99002.yaml": tr("ka99002", "/api/a", "request: []\nresponse: []\n")},
			`specs/gamma:1:1: directory "gamma" is not a family of families.yaml`},
		{"path of another family", map[string]string{"beta/ka99002.yaml": tr("ka99002", "/api/a", "request: []\nresponse: []\n")},
			`specs/beta/ka99002.yaml:5:7: path "/api/a" is not in family beta (/api/b)`},
		{"unknown group", map[string]string{"beta/ka99002.yaml": tr("ka99002", "/api/b", "request:\n  - use: Missing\nresponse: []\n")},
			`specs/beta/ka99002.yaml:9:10: unknown group "Missing"`},
		{"use beside other keys", map[string]string{"beta/ka99002.yaml": tr("ka99002", "/api/b", "request:\n  - use: Pair\n    title: 제목\nresponse: []\n")},
			`specs/beta/ka99002.yaml:10:5: key "title" is not allowed beside "use"`},
		{"family enum from another family", map[string]string{"beta/ka99002.yaml": tr("ka99002", "/api/b",
			"request:\n  - {name: mrkt_tp, title: 시장구분, doc_type: String, required: true, type: enum, enum: AlphaSide}\nresponse: []\n")},
			`enum "AlphaSide" belongs to family alpha; move it to specs/enums.yaml to share it`},
		{"same id in two families", map[string]string{"beta/ka99001.yaml": strings.Replace(tr("ka99001", "/api/b", "request: []\nresponse: []\n"), "go: X99001", "go: Other", 1)},
			"TR ka99001 is also specced in specs/"},
		{"a word mapped twice", map[string]string{"beta/vocabulary.yaml": "words:\n  stk: Stk\n"},
			`specs/beta/vocabulary.yaml:2:3: vocabulary word "stk" maps to "Stk" here but to "Stock" at specs/vocabulary.yaml:`},
		{"bad family name", map[string]string{"families.yaml": "families:\n  - {name: Alpha, path: /api/a, title: 가, english: A.}\n", "alpha/ka99001.yaml": "", "alpha/enums.yaml": ""},
			`family name "Alpha" must be lower-case`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(layoutFS(t, tc.extra), ".", "specs")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load error:\n%v\nwant it to contain: %s", err, tc.want)
			}
		})
	}
}
