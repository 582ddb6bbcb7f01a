package gen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Official is Kiwoom's machine-readable API description, kiwoom_api_spec.json of the
// Kiwoom-Securities/Kiwoom-REST-API repository, parsed:
//
//	{"apis": {"<Korean name>(<api-id>)": {"meta": {…}, "request": {"header": […], "body": […]},
//	          "response": {…}, "request_example": "<text>", "response_example": "<text>"}}}
type Official struct {
	// File is the file's path as given to ParseOfficial, for messages.
	File string
	// APIs are the entries in api-id order.
	APIs []*OfficialAPI
}

// API returns the entry with the given api-id, or nil.
func (o *Official) API(id string) *OfficialAPI {
	i := slices.IndexFunc(o.APIs, func(a *OfficialAPI) bool { return a.ID == id })
	if i < 0 {
		return nil
	}
	return o.APIs[i]
}

// OfficialAPI is one entry of the official file.
type OfficialAPI struct {
	// Key is the entry's key, "<Korean name>(<api-id>)".
	Key string
	// ID is the api-id (meta "API ID", else the id in the key).
	ID string
	// Name is the Korean TR name (meta "API 명", else the key without the id).
	Name string
	// Path is the URL path (meta "URL").
	Path string
	// Method is the HTTP method (meta "Method").
	Method string
	// Summary is the 개요 text; the file often leaves "개요" empty and puts the text in
	// the next meta key, which is taken then (see SummaryFromKey).
	Summary string
	// SummaryFromKey is true when Summary came from the key after an empty "개요".
	SummaryFromKey bool
	// RequestHeader, RequestBody, ResponseHeader and ResponseBody are the field tables.
	RequestHeader, RequestBody, ResponseHeader, ResponseBody []OfficialItem
	// RequestExample and ResponseExample are the examples, verbatim (often not valid JSON).
	RequestExample, ResponseExample string
	// Pos is where the entry's key is in the file.
	Pos Pos
}

// OfficialItem is one row of an official field table. Depth 1 means a field of the
// preceding LIST; IsSection rows are headings, not fields.
type OfficialItem struct {
	// Element is the wire name.
	Element string `json:"element"`
	// Depth is 0 for a top-level field, 1 for a field of the preceding list.
	Depth int `json:"depth"`
	// IsSection marks a heading row.
	IsSection bool `json:"is_section"`
	// Title is the 한글명 column.
	Title string `json:"한글명"`
	// Type is the type column: String, LIST, Object or List<Map>.
	Type string `json:"type"`
	// Required is the required column, "Y" or "N".
	Required string `json:"required"`
	// Length is the length column, "" when blank.
	Length string `json:"length"`
	// Description is the description column, verbatim (it may hold line breaks).
	Description string `json:"description"`
}

// ParseOfficial parses the official spec file. Errors name file:line:col, and the
// entry when the problem is inside one.
func ParseOfficial(file string, data []byte) (*Official, error) {
	o := &Official{File: file}
	dec := json.NewDecoder(bytes.NewReader(data))
	at := func(off int64) Pos { return offsetPos(file, data, off) }
	fail := func(off int64, format string, args ...any) error {
		return &SpecError{Pos: at(off), Msg: fmt.Sprintf(format, args...)}
	}
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fail(se.Offset, "JSON syntax: %v", se)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fail(int64(len(data)), "unexpected end of file")
		}
		return fail(dec.InputOffset(), "%v", err)
	}
	if tok, err := dec.Token(); err != nil {
		return nil, syntax(err)
	} else if tok != json.Delim('{') {
		return nil, fail(0, "the file is not a JSON object")
	}
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		if tok != "apis" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, syntax(err)
			}
			continue
		}
		found = true
		start := dec.InputOffset()
		for start < int64(len(data)) && strings.IndexByte(" \t\r\n:", data[start]) >= 0 {
			start++
		}
		if tok, err := dec.Token(); err != nil {
			return nil, syntax(err)
		} else if tok != json.Delim('{') {
			return nil, fail(start, `"apis" is not an object`)
		}
		seen := map[string]Pos{}
		for dec.More() {
			keyOff := dec.InputOffset()
			tok, err := dec.Token()
			if err != nil {
				return nil, syntax(err)
			}
			key, _ := tok.(string)
			keyOff += int64(bytes.IndexByte(data[keyOff:], '"'))
			var raw struct {
				Meta     json.RawMessage `json:"meta"`
				Request  officialTables  `json:"request"`
				Response officialTables  `json:"response"`
				ReqEx    string          `json:"request_example"`
				RespEx   string          `json:"response_example"`
			}
			if err := dec.Decode(&raw); err != nil {
				var te *json.UnmarshalTypeError
				if errors.As(err, &te) {
					return nil, fail(keyOff, "entry %q: %s has type %s, want %s", key, te.Field, te.Value, te.Type)
				}
				return nil, syntax(err)
			}
			api := &OfficialAPI{Key: key, Pos: at(keyOff), RequestHeader: raw.Request.Header, RequestBody: raw.Request.Body,
				ResponseHeader: raw.Response.Header, ResponseBody: raw.Response.Body, RequestExample: raw.ReqEx, ResponseExample: raw.RespEx}
			if err := api.readMeta(raw.Meta); err != nil {
				return nil, fail(keyOff, "entry %q: meta: %v", key, err)
			}
			if api.ID == "" {
				return nil, fail(keyOff, "entry %q has no API ID", key)
			}
			if prev, dup := seen[api.ID]; dup {
				return nil, fail(keyOff, "entry %q: api-id %s already at %s", key, api.ID, prev)
			}
			seen[api.ID] = api.Pos
			o.APIs = append(o.APIs, api)
		}
		if _, err := dec.Token(); err != nil {
			return nil, syntax(err)
		}
	}
	if !found {
		return nil, fail(0, `no "apis" object`)
	}
	slices.SortFunc(o.APIs, func(a, b *OfficialAPI) int { return strings.Compare(a.ID, b.ID) })
	return o, nil
}

type officialTables struct {
	Header []OfficialItem `json:"header"`
	Body   []OfficialItem `json:"body"`
}

// readMeta reads the meta object in key order: the id, name, path, method and the
// summary, which is often the key after an empty "개요".
func (a *OfficialAPI) readMeta(meta json.RawMessage) error {
	if len(meta) > 0 {
		dec := json.NewDecoder(bytes.NewReader(meta))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return fmt.Errorf("not an object")
		}
		afterSummary := false
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := tok.(string)
			var v any
			if err := dec.Decode(&v); err != nil {
				return err
			}
			s, _ := v.(string)
			switch key {
			case "API ID":
				a.ID = strings.TrimSpace(s)
			case "API 명":
				a.Name = strings.TrimSpace(s)
			case "URL":
				a.Path = strings.TrimSpace(s)
			case "Method":
				a.Method = strings.TrimSpace(s)
			case "개요":
				a.Summary = oneLine(s)
				afterSummary = a.Summary == ""
				continue
			default:
				if afterSummary && s == "" {
					a.Summary, a.SummaryFromKey = oneLine(key), true
				}
			}
			afterSummary = false
		}
	}
	// The key is "<name>(<id>)"; it fills what the meta leaves out.
	if i := strings.LastIndex(a.Key, "("); i > 0 && strings.HasSuffix(a.Key, ")") {
		if a.ID == "" {
			a.ID = a.Key[i+1 : len(a.Key)-1]
		}
		if a.Name == "" {
			a.Name = strings.TrimSpace(a.Key[:i])
		}
	}
	return nil
}

// oneLine joins the lines of a text with single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// offsetPos turns a byte offset of data into a position.
func offsetPos(file string, data []byte, off int64) Pos {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:]))) + 1
	return Pos{File: file, Line: line, Col: col}
}

// LoadOfficial reads and parses the official spec file at path.
func LoadOfficial(path string) (*Official, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseOfficial(filepath.ToSlash(path), data)
}

// ReadFamilies reads specs/families.yaml strictly.
func ReadFamilies(specsDir string) ([]*Family, error) {
	path := filepath.Join(specsDir, familiesFileName)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ff familiesFile
	var errs ErrorList
	parseFile(filepath.ToSlash(path), data, &ff, &errs)
	names := map[string]*Family{}
	for _, f := range ff.Families {
		checkFamily(f, names, &errs)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return ff.Families, nil
}

// FamilyOf returns the family whose path the TR path equals or continues with "/"; the
// longest such path wins. nil when none does.
func FamilyOf(families []*Family, path string) *Family {
	var best *Family
	for _, f := range families {
		if (path == f.Path || strings.HasPrefix(path, strings.TrimSuffix(f.Path, "/")+"/")) && (best == nil || len(f.Path) > len(best.Path)) {
			best = f
		}
	}
	return best
}

// ImportOptions says what Import drafts and where.
type ImportOptions struct {
	// Specs is the specs directory: families.yaml, enums.yaml, vocabulary.yaml and one
	// directory per family.
	Specs string
	// Golden is the directory of the golden fixtures; "" writes none.
	Golden string
	// Family puts every drafted TR into this family instead of the one its path maps to.
	Family string
	// Force overwrites reviewed specs (with no review: mark left) and existing fixtures.
	Force bool
	// IDs are the api-ids to draft; All drafts every entry of the file instead.
	IDs []string
	// All drafts every entry of the official file.
	All bool
	// DryRun writes nothing; the result says what would be written.
	DryRun bool
	// Source is what the drafts' source: says, e.g. "kiwoom_api_spec.json
	// (Kiwoom-Securities/Kiwoom-REST-API) @ <commit>" (OfficialSource); "" says the
	// file's name.
	Source string
}

// OfficialSource is the source: of drafts from an official file of a repository at a
// commit: "kiwoom_api_spec.json (Kiwoom-Securities/Kiwoom-REST-API) @ 451f89c…". Without
// a repository it is the file's name.
func OfficialSource(file, repository, commit string) string {
	s := filepath.Base(file)
	if repository != "" {
		s += " (" + repository + ")"
		if commit != "" {
			s += " @ " + commit
		}
	}
	return s
}

// ImportResult says what Import did.
type ImportResult struct {
	// Written lists the files written (or, with DryRun, to be written), in order.
	Written []string
	// Kept lists files left alone, each with the reason.
	Kept []string
	// Problems lists entries that could not be drafted, each naming the TR.
	Problems []string
	// Reviews counts the review: marks in the drafts.
	Reviews int
	// Words lists the vocabulary words the drafts need that vocabulary.yaml lacks.
	Words []DraftWord
	// Enums lists the new draft enums, as "<file>: <name>".
	Enums []string
}

// DraftWord is a wire-name word missing from vocabulary.yaml, with the Go word
// proposed for it and where it is used.
type DraftWord struct {
	// Word is the lower-case wire-name word, e.g. "pole".
	Word string
	// Go is the proposed Go word (the word capitalised), to be confirmed.
	Go string
	// Uses lists where the word occurs, e.g. "ka10081 response stk_dt_pole_chart_qry".
	Uses []string
}

// Draft is one drafted TR: the spec file and the fixtures.
type Draft struct {
	// TR is the drafted spec.
	TR *TR
	// Family is the family the TR belongs to.
	Family string
	// YAML is the spec file's content.
	YAML []byte
	// Request and Response are the fixtures (repaired examples), nil when the example
	// could not be repaired into JSON.
	Request, Response []byte
	// Rules maps "<side> <wire path>" to the import rule that chose the field's type.
	Rules map[string]string

	context string // the TR's placeholder Go name from its rows list, for draft enum names
}

// importer holds what one import run reads and drafts.
type importer struct {
	re       *importPatterns
	official *Official
	enums    []*knownEnum
	vocab    map[string]string
	words    map[string]*DraftWord
	source   string
	specs    string // the specs directory, where family enums files go
}

// knownEnum is an enum from an enums file, or one drafted in this run.
type knownEnum struct {
	enum    *Enum
	path    string // the enums file it lives (or will live) in
	display string // that file as messages show it, e.g. specs/chart/enums.yaml
	family  string // the family whose enums file it is in; "" for the shared specs/enums.yaml
	draft   bool
}

// usableBy reports whether a TR of the family may use the enum: a shared one, or one
// of its own family (the loader rejects another family's).
func (k *knownEnum) usableBy(family string) bool { return k.family == "" || k.family == family }

func newImporter(o *Official, specs string, enums []*knownEnum, vocab map[string]string) *importer {
	return &importer{re: newImportPatterns(), official: o, enums: enums, vocab: vocab, words: map[string]*DraftWord{},
		source: filepath.Base(o.File), specs: specs}
}

// readKnownEnums reads specs/enums.yaml and every specs/<family>/enums.yaml.
func readKnownEnums(specsDir string) ([]*knownEnum, error) {
	files := []string{filepath.Join(specsDir, enumsFileName)}
	more, err := filepath.Glob(filepath.Join(specsDir, "*", enumsFileName))
	if err != nil {
		return nil, err
	}
	slices.Sort(more)
	files = append(files, more...)
	var out []*knownEnum
	var errs ErrorList
	for _, f := range files {
		data, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var ef enumsFile
		parseFile(filepath.ToSlash(f), data, &ef, &errs)
		display, family := "specs/"+enumsFileName, ""
		if rel, err := filepath.Rel(specsDir, f); err == nil {
			display = "specs/" + filepath.ToSlash(rel)
			if dir := filepath.Dir(rel); dir != "." {
				family = filepath.ToSlash(dir)
			}
		}
		for _, e := range ef.Enums {
			out = append(out, &knownEnum{enum: e, path: f, display: display, family: family})
		}
	}
	return out, errs.Err()
}

// readVocabulary reads specs/vocabulary.yaml and every family's
// specs/<family>/vocabulary.yaml into one map.
func readVocabulary(specsDir string) (map[string]string, error) {
	paths := []string{filepath.Join(specsDir, vocabularyFileName)}
	more, _ := filepath.Glob(filepath.Join(specsDir, "*", vocabularyFileName))
	paths = append(paths, more...)
	words := map[string]string{}
	var errs ErrorList
	for i, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			if i > 0 {
				continue
			}
			return nil, err
		}
		var vf vocabularyFile
		parseFile(filepath.ToSlash(path), data, &vf, &errs)
		for k, v := range vf.Words {
			if _, ok := words[k]; !ok {
				words[k] = v
			}
		}
	}
	return words, errs.Err()
}

// Import drafts specs (and fixtures) for the requested entries of the official file
// into opt.Specs and opt.Golden. It never overwrites a reviewed spec (one without a
// review: mark) or an existing fixture unless opt.Force is set. Every file is written
// through a temporary file and a rename, and only after every draft is built.
func Import(o *Official, opt ImportOptions) (*ImportResult, error) {
	families, err := ReadFamilies(opt.Specs)
	if err != nil {
		return nil, err
	}
	if opt.Family != "" && !slices.ContainsFunc(families, func(f *Family) bool { return f.Name == opt.Family }) {
		return nil, fmt.Errorf("-family %q is not in %s", opt.Family, filepath.ToSlash(filepath.Join(opt.Specs, "families.yaml")))
	}
	enums, err := readKnownEnums(opt.Specs)
	if err != nil {
		return nil, err
	}
	vocab, err := readVocabulary(opt.Specs)
	if err != nil {
		return nil, err
	}
	im := newImporter(o, opt.Specs, enums, vocab)
	if opt.Source != "" {
		im.source = opt.Source
	}
	res := &ImportResult{}

	var apis []*OfficialAPI
	if opt.All {
		apis = o.APIs
	} else {
		for _, id := range opt.IDs {
			a := o.API(id)
			if a == nil {
				res.Problems = append(res.Problems, fmt.Sprintf("%s: not in %s", id, o.File))
				continue
			}
			apis = append(apis, a)
		}
	}

	type output struct {
		path    string
		content []byte
	}
	var outs []output
	for _, a := range apis {
		fam := opt.Family
		if fam == "" {
			f := FamilyOf(families, a.Path)
			if f == nil {
				res.Problems = append(res.Problems, fmt.Sprintf("%s: no family in families.yaml for path %s (%s); add one or pass -family", a.ID, a.Path, a.Pos))
				continue
			}
			fam = f.Name
		}
		specPath := filepath.Join(opt.Specs, fam, a.ID+".yaml")
		if other := existingSpecElsewhere(opt.Specs, fam, a.ID); other != "" {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: a spec already exists at %s (another family); move or remove it first", a.ID, other))
			continue
		}
		if old, err := os.ReadFile(specPath); err == nil && !opt.Force {
			marked, perr := hasReviewMark(old)
			if perr != nil || !marked {
				why := "reviewed (no review: mark left)"
				if perr != nil {
					why = "not readable as YAML (" + perr.Error() + ")"
				}
				res.Kept = append(res.Kept, fmt.Sprintf("%s: %s; -force overwrites it", filepath.ToSlash(specPath), why))
				continue
			}
		}
		d, err := im.draft(a, fam)
		if err != nil {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: %v", a.ID, err))
			continue
		}
		outs = append(outs, output{specPath, d.YAML})
		res.Reviews += countReviews(d.TR)
		if opt.Golden != "" {
			for _, fx := range []struct {
				name string
				data []byte
			}{{"request.json", d.Request}, {"response.json", d.Response}} {
				if fx.data == nil {
					continue
				}
				p := filepath.Join(opt.Golden, a.ID, fx.name)
				if _, err := os.Stat(p); err == nil && !opt.Force {
					res.Kept = append(res.Kept, fmt.Sprintf("%s: exists; -force overwrites it", filepath.ToSlash(p)))
					continue
				}
				outs = append(outs, output{p, fx.data})
			}
		}
	}

	// New enums, appended to their family's enums file.
	byFile := map[string][]*Enum{}
	var enumFiles []string
	for _, k := range im.enums {
		if !k.draft {
			continue
		}
		if _, ok := byFile[k.path]; !ok {
			enumFiles = append(enumFiles, k.path)
		}
		byFile[k.path] = append(byFile[k.path], k.enum)
		res.Enums = append(res.Enums, k.display+": "+k.enum.Name)
	}
	for _, f := range enumFiles {
		content, err := appendEnums(f, byFile[f])
		if err != nil {
			return res, err
		}
		outs = append(outs, output{f, content})
	}
	for _, w := range im.words {
		res.Words = append(res.Words, *w)
	}
	slices.SortFunc(res.Words, func(a, b DraftWord) int { return strings.Compare(a.Word, b.Word) })

	for _, o := range outs {
		res.Written = append(res.Written, filepath.ToSlash(o.path))
		if opt.DryRun {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(o.path), 0o755); err != nil {
			return res, err
		}
		if err := writeAtomic(o.path, o.content); err != nil {
			return res, err
		}
	}
	return res, nil
}

// countReviews counts the review: marks of a TR and its fields.
func countReviews(tr *TR) int {
	n := 0
	if tr.Review != "" {
		n++
	}
	for _, side := range [][]*Field{tr.Request, tr.Response} {
		eachField(side, "", func(f *Field, _ string) {
			if f.Review != "" {
				n++
			}
		})
	}
	return n
}

// existingSpecElsewhere returns the path of a spec of the TR in another family's
// directory (or flat in specs/), or "".
func existingSpecElsewhere(specsDir, family, id string) string {
	candidates, _ := filepath.Glob(filepath.Join(specsDir, "*", id+".yaml"))
	candidates = append(candidates, filepath.Join(specsDir, id+".yaml"))
	for _, c := range candidates {
		if filepath.Base(filepath.Dir(c)) == family {
			continue
		}
		if _, err := os.Stat(c); err == nil {
			return filepath.ToSlash(c)
		}
	}
	return ""
}

// hasReviewMark reports whether a YAML document has a review: key anywhere.
func hasReviewMark(data []byte) (bool, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return false, err
	}
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == "review" {
					return true
				}
			}
		}
		return slices.ContainsFunc(n.Content, walk)
	}
	return walk(&root), nil
}

// appendEnums appends drafted enums to an enums file (creating it when absent) and
// checks that the result parses with every enum in it.
func appendEnums(path string, enums []*Enum) ([]byte, error) {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var b bytes.Buffer
	if len(old) == 0 {
		b.WriteString("# yaml-language-server: $schema=../schema.json\nenums:\n")
	} else {
		b.Write(old)
		if !bytes.HasSuffix(old, []byte("\n")) {
			b.WriteByte('\n')
		}
	}
	for i, e := range enums {
		if i > 0 || len(old) > 0 {
			b.WriteByte('\n')
		}
		writeEnumYAML(&b, e)
	}
	var before, after enumsFile
	var errs ErrorList
	if len(old) > 0 {
		parseFile(path, old, &before, &errs)
	}
	parseFile(path, b.Bytes(), &after, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(after.Enums) != len(before.Enums)+len(enums) {
		return nil, fmt.Errorf("%s: cannot append the draft enums (the enums: list is not the file's last block); add them by hand", path)
	}
	return b.Bytes(), nil
}

func writeEnumYAML(b *bytes.Buffer, e *Enum) {
	fmt.Fprintf(b, "  - name: %s\n", e.Name)
	if e.Wire != "" {
		fmt.Fprintf(b, "    wire: %s\n", yamlString(e.Wire))
	}
	fmt.Fprintf(b, "    title: %s\n    values:\n", yamlString(e.Title))
	for _, v := range e.Values {
		fmt.Fprintf(b, "      - value: %s\n        go: %s\n        label: %s\n", yamlString(v.Value), v.Go, yamlString(v.Label))
		if v.Note != "" {
			fmt.Fprintf(b, "        note: %s\n", yamlString(v.Note))
		}
	}
	if e.Note != "" {
		fmt.Fprintf(b, "    note: %s\n", yamlString(e.Note))
	}
}

// ---- examples ----

// repair is one change made to an official example to make it JSON.
type repair struct {
	line, col int
	what      string
}

type exTok struct {
	kind      byte // '{', '}', '[', ']', ':', ',', 's' string, 'b' bare word
	text      string
	line, col int
}

func lexExample(s string) []exTok {
	var toks []exTok
	line, col := 1, 1
	i := 0
	adv := func(n int) {
		for _, r := range s[i : i+n] {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		i += n
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			adv(1)
		case strings.IndexByte("{}[]:,", c) >= 0:
			toks = append(toks, exTok{c, string(c), line, col})
			adv(1)
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' && s[j] != '\n' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				j = len(s) - 1
			}
			toks = append(toks, exTok{'s', s[i : j+1], line, col})
			adv(j + 1 - i)
		default:
			j := i
			for j < len(s) && strings.IndexByte("{}[]:,\" \t\r\n", s[j]) < 0 {
				j++
			}
			toks = append(toks, exTok{'b', s[i:j], line, col})
			adv(j - i)
		}
	}
	return toks
}

// repairJSON turns an official example into JSON: it inserts missing commas between
// members or elements and removes trailing commas before } or ]. Anything else wrong
// is an error naming the example's line and column.
func repairJSON(example string) ([]byte, []repair, error) {
	toks := lexExample(example)
	if len(toks) == 0 {
		return nil, nil, fmt.Errorf("the example is empty")
	}
	var out []string
	var repairs []repair
	i := 0
	errAt := func(t exTok, format string, args ...any) error {
		return fmt.Errorf("line %d col %d: %s", t.line, t.col, fmt.Sprintf(format, args...))
	}
	peek := func() (exTok, bool) {
		if i < len(toks) {
			return toks[i], true
		}
		return exTok{}, false
	}
	var value func(depth int) error
	startsValue := func(t exTok) bool { return strings.IndexByte("{[sb", t.kind) >= 0 }
	value = func(depth int) error {
		t, ok := peek()
		if !ok {
			return fmt.Errorf("unexpected end of the example")
		}
		if depth > 64 {
			return errAt(t, "nested too deeply")
		}
		i++
		switch t.kind {
		case 's':
			if !json.Valid([]byte(t.text)) {
				return errAt(t, "%s is not a JSON string", t.text)
			}
			out = append(out, t.text)
			return nil
		case 'b':
			if !json.Valid([]byte(t.text)) {
				return errAt(t, "%q is not a JSON value", t.text)
			}
			out = append(out, t.text)
			return nil
		case '{', '[':
			closer := byte('}')
			if t.kind == '[' {
				closer = ']'
			}
			out = append(out, t.text)
			first := true
			for {
				n, ok := peek()
				if !ok {
					return errAt(t, "%c is never closed", t.kind)
				}
				if n.kind == closer {
					i++
					out = append(out, n.text)
					return nil
				}
				if !first {
					switch {
					case n.kind == ',':
						i++
						if m, ok := peek(); ok && m.kind == closer {
							repairs = append(repairs, repair{n.line, n.col, "removed a trailing comma"})
							continue
						}
						out = append(out, ",")
					case (closer == '}' && n.kind == 's') || (closer == ']' && startsValue(n)):
						repairs = append(repairs, repair{n.line, n.col, "inserted a missing comma before " + shortTok(n.text)})
						out = append(out, ",")
					default:
						return errAt(n, "unexpected %s", shortTok(n.text))
					}
				}
				first = false
				if closer == '}' {
					k, ok := peek()
					if !ok {
						return errAt(t, "%c is never closed", t.kind)
					}
					if k.kind != 's' {
						return errAt(k, "expected a member name, found %s", shortTok(k.text))
					}
					if err := value(depth + 1); err != nil {
						return err
					}
					c, ok := peek()
					if !ok || c.kind != ':' {
						return errAt(k, "expected : after %s", k.text)
					}
					i++
					out = append(out, ":")
				}
				if err := value(depth + 1); err != nil {
					return err
				}
			}
		}
		return errAt(t, "unexpected %s", shortTok(t.text))
	}
	if err := value(0); err != nil {
		return nil, repairs, err
	}
	if t, ok := peek(); ok {
		return nil, repairs, errAt(t, "text after the example's value: %s", shortTok(t.text))
	}
	compact := strings.Join(out, "")
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, []byte(compact), "", "  "); err != nil {
		return nil, repairs, fmt.Errorf("still not JSON after the repairs: %v", err)
	}
	pretty.WriteByte('\n')
	return pretty.Bytes(), repairs, nil
}

func shortTok(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// exampleValues collects the values of a repaired example: key "name" for a top-level
// member, "list.name" for a member of the rows of list; non-string values as JSON text.
type exampleValues struct {
	values  map[string][]string
	top     []string            // top-level keys in order
	rowKeys map[string][]string // keys of the first row, per list
	rows    map[string][]map[string]string
	objects map[string]bool // documented lists the example sends as an object
}

func readExample(data []byte) (*exampleValues, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, err
	}
	ev := &exampleValues{values: map[string][]string{}, rowKeys: map[string][]string{}, rows: map[string][]map[string]string{}, objects: map[string]bool{}}
	ev.top = orderedKeys(data)
	text := func(raw json.RawMessage) string {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return string(raw)
	}
	for _, k := range ev.top {
		raw := top[k]
		var list []json.RawMessage
		var obj map[string]json.RawMessage
		switch {
		case json.Unmarshal(raw, &list) == nil:
			for i, item := range list {
				var row map[string]json.RawMessage
				if json.Unmarshal(item, &row) != nil {
					continue
				}
				if i == 0 {
					ev.rowKeys[k] = orderedKeys(item)
				}
				r := map[string]string{}
				for rk, rv := range row {
					r[rk] = text(rv)
					ev.values[k+"."+rk] = append(ev.values[k+"."+rk], text(rv))
				}
				ev.rows[k] = append(ev.rows[k], r)
			}
		case json.Unmarshal(raw, &obj) == nil:
			ev.objects[k] = true
			ev.rowKeys[k] = orderedKeys(raw)
			r := map[string]string{}
			for rk, rv := range obj {
				r[rk] = text(rv)
				ev.values[k+"."+rk] = append(ev.values[k+"."+rk], text(rv))
			}
			ev.rows[k] = append(ev.rows[k], r)
		default:
			ev.values[k] = append(ev.values[k], text(raw))
		}
	}
	return ev, nil
}

// orderedKeys lists the keys of a JSON object in order.
func orderedKeys(data []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := tok.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

// ---- drafting ----

// draft builds the spec and fixtures of one entry.
func (im *importer) draft(a *OfficialAPI, family string) (*Draft, error) {
	if !isTRID(a.ID) {
		return nil, fmt.Errorf("api-id %q (%s) is not a TR id like ka10001", a.ID, a.Pos)
	}
	if !strings.HasPrefix(a.Path, "/") {
		return nil, fmt.Errorf("URL %q (%s) is not a path", a.Path, a.Pos)
	}
	d := &Draft{Family: family, Rules: map[string]string{}}
	tr := &TR{ID: a.ID, Name: a.Name, Summary: a.Summary, Path: a.Path, Source: im.source}
	d.TR = tr
	var trReview []string
	tr.Notes = append(tr.Notes, "Drafted by kiwoomgen import; every review: mark needs a person before lint passes.")
	if a.SummaryFromKey {
		tr.Notes = append(tr.Notes, "The 개요 value is empty in the official file; the summary is the meta key that follows it.")
	}
	if a.Method != "" && a.Method != "POST" {
		trReview = append(trReview, "the official method is "+a.Method+"; the client sends POST")
	}

	// kind, from the path.
	switch {
	case strings.HasPrefix(a.Path, "/oauth2"):
		tr.Kind = KindAuth
	case strings.HasSuffix(a.Path, "/ordr") || strings.HasSuffix(a.Path, "/crdordr"):
		tr.Kind = KindOrder
	default:
		tr.Kind = KindQuery
		if strings.HasPrefix(a.ID, "kt1") {
			tr.Kind = KindOrder
			trReview = append(trReview, "kind: order from the id ("+a.ID+") although the path "+a.Path+" is not an order path")
		}
	}

	// paging, from the documented headers and the lists. The official file documents
	// cont-yn/next-key on nearly every TR and no description says more, so a TR with one
	// list pages without a mark: a wrong true costs an unused Pages method (the server
	// never answers cont-yn: Y), a wrong false would lose rows.
	documented := func(items []OfficialItem, name string) bool {
		return slices.ContainsFunc(items, func(it OfficialItem) bool { return it.Element == name })
	}
	pagingHeaders := documented(a.RequestHeader, "cont-yn") && documented(a.RequestHeader, "next-key") &&
		documented(a.ResponseHeader, "cont-yn") && documented(a.ResponseHeader, "next-key")
	var lists []string
	for _, it := range a.ResponseBody {
		if it.Depth == 0 && !it.IsSection && (it.Type == "LIST" || it.Type == "List<Map>") {
			lists = append(lists, strings.TrimSpace(it.Element))
		}
	}
	switch {
	case tr.Kind == KindAuth:
	case pagingHeaders && len(lists) == 1:
		tr.Paging, tr.Rows = true, lists[0]
	case pagingHeaders && len(lists) > 1:
		tr.Paging, tr.Rows = true, lists[0]
		trReview = append(trReview, fmt.Sprintf("the response has %d lists; rows: %s is the first, check which one continues", len(lists), lists[0]))
	case !pagingHeaders && len(lists) > 0:
		trReview = append(trReview, "the response has a list but the headers document no cont-yn/next-key: paging: false")
	}
	// The TR's placeholder name (from the rows list) names draft enums whose wire name
	// is taken.
	if name := im.trGoName(tr, family); tr.Rows != "" && name != idGoName(tr.ID) {
		d.context = name
	}

	// Examples first: the rules read their values.
	reqEx, reqFix := im.example("request", a.RequestExample, tr)
	respEx, respFix := im.example("response", a.ResponseExample, tr)
	d.Request, d.Response = reqFix, respFix

	var errs []string
	tr.Request = im.fields(a.ID, "request", a.RequestBody, reqEx, family, d, &errs)
	tr.Response = im.fields(a.ID, "response", a.ResponseBody, respEx, family, d, &errs)
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "; "))
	}
	if d.Request != nil {
		d.Request = im.dropEmptyOptional(tr, d.Request)
	}

	// Go names: a placeholder the reviewer renames.
	tr.Go = im.trGoName(tr, family)
	tr.English = "(draft) " + a.Name
	trReview = append(trReview, fmt.Sprintf("go: %s and english: are placeholders; name the TR in English without repeating the package name (package chart: StockDaily, not StockDailyChart)", tr.Go))

	im.checkExamples(tr, "request", reqEx, &trReview)
	im.checkExamples(tr, "response", respEx, &trReview)
	tr.Review = strings.Join(trReview, "; ")

	var b bytes.Buffer
	writeTRYAML(&b, tr)
	d.YAML = b.Bytes()
	// The draft must read back as a spec.
	var back TR
	var perrs ErrorList
	parseFile(a.ID+".yaml", d.YAML, &back, &perrs)
	if err := perrs.Err(); err != nil {
		return nil, fmt.Errorf("internal: the draft does not read back: %v", err)
	}
	return d, nil
}

// example repairs one official example; it records the repairs in the TR's notes and
// returns the values and the fixture (nil when the example is not repairable).
func (im *importer) example(side, text string, tr *TR) (*exampleValues, []byte) {
	if strings.TrimSpace(text) == "" {
		tr.Notes = append(tr.Notes, "The official "+side+" example is empty; no fixture drafted.")
		return nil, nil
	}
	fixed, repairs, err := repairJSON(text)
	if err != nil {
		tr.Notes = append(tr.Notes, fmt.Sprintf("The official %s example is not JSON and could not be repaired (%v); no fixture drafted.", side, err))
		return nil, nil
	}
	for _, r := range repairs {
		tr.Notes = append(tr.Notes, fmt.Sprintf("The official %s example is not valid JSON: %s at line %d col %d of the example (repaired in the fixture).", side, r.what, r.line, r.col))
	}
	ev, err := readExample(fixed)
	if err != nil {
		tr.Notes = append(tr.Notes, fmt.Sprintf("The official %s example is not a JSON object; no fixture drafted.", side))
		return nil, nil
	}
	return ev, fixed
}

// dropEmptyOptional removes from the request fixture the top-level members that are ""
// and whose field is not required: the client leaves an empty optional field out of the
// body, and the golden test compares the body it sends with the fixture. A note lists
// what was dropped.
func (im *importer) dropEmptyOptional(tr *TR, fixture []byte) []byte {
	var members map[string]json.RawMessage
	if json.Unmarshal(fixture, &members) != nil {
		return fixture
	}
	var dropped []string
	var b bytes.Buffer
	b.WriteByte('{')
	for _, k := range orderedKeys(fixture) {
		i := slices.IndexFunc(tr.Request, func(f *Field) bool { return f.Name == k })
		if i >= 0 && !tr.Request[i].Required && string(members[k]) == `""` {
			dropped = append(dropped, k)
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		b.Write(key)
		b.WriteByte(':')
		b.Write(members[k])
	}
	b.WriteByte('}')
	if len(dropped) == 0 {
		return fixture
	}
	var out bytes.Buffer
	if json.Indent(&out, b.Bytes(), "", "  ") != nil {
		return fixture
	}
	out.WriteByte('\n')
	tr.Notes = append(tr.Notes, fmt.Sprintf("golden/%s/request.json leaves out the empty optional %s of the official example: the client does not send an empty optional field, and the golden test compares the body it sends with the fixture.", tr.ID, quoteList(dropped)))
	return out.Bytes()
}

// fields drafts one side's fields from the flat official table.
func (im *importer) fields(id, side string, items []OfficialItem, ex *exampleValues, family string, d *Draft, errs *[]string) []*Field {
	var top []*Field
	var list *Field
	seen := map[string]bool{}
	for i, it := range items {
		where := fmt.Sprintf("%s %s body item %d", id, side, i+1)
		if it.IsSection {
			d.TR.Notes = append(d.TR.Notes, fmt.Sprintf("The official %s table has a section row %q (%s); it is a heading, not a field, and is left out.", side, oneLine(it.Element+" "+it.Title), oneLine(it.Description)))
			continue
		}
		name := strings.TrimSpace(it.Element)
		if name == "" {
			*errs = append(*errs, where+": empty element")
			continue
		}
		f := &Field{Name: name, Title: oneLine(it.Title), Description: oneLine(it.Description), Required: it.Required == "Y"}
		var review, notes []string
		if f.Title == "" {
			f.Title = name
			review = append(review, "the official title is empty; the wire name stands in")
		}
		if it.Description != f.Description && strings.Contains(it.Description, "\n") {
			notes = append(notes, "The official description has line breaks; joined with spaces here.")
		}
		if it.Required != "Y" && it.Required != "N" {
			review = append(review, fmt.Sprintf("the official required column is %q (not Y or N): drafted as not required", it.Required))
		}
		if l := strings.TrimSpace(it.Length); l != "" {
			n, err := strconv.Atoi(l)
			if err != nil || n < 0 {
				review = append(review, fmt.Sprintf("the official length %q is not a number: left out", l))
			} else {
				f.Length = n
			}
		}
		switch it.Type {
		case "String", "":
			f.DocType = "String"
		case "LIST", "Object", "List<Map>":
			f.DocType = "LIST"
		default:
			f.DocType = "String"
			review = append(review, fmt.Sprintf("the official type column is %q: drafted as String", it.Type))
		}
		key := name
		parentFields := &top
		if it.Depth > 0 {
			if list == nil {
				review = append(review, "depth 1 without a preceding LIST: drafted as a top-level field")
			} else {
				parentFields = &list.Fields
				key = list.Name + "." + name
				if it.Depth > 1 {
					review = append(review, fmt.Sprintf("depth %d: nested lists are not supported; drafted as a field of %s", it.Depth, list.Name))
				}
			}
		}
		if seen[key] {
			*errs = append(*errs, fmt.Sprintf("%s: duplicate element %q", where, key))
			continue
		}
		seen[key] = true

		facts := fieldFacts{wire: name, title: f.Title, docType: it.Type, description: f.Description}
		if ex != nil {
			facts.examples = ex.values[key]
		}
		inf := im.re.infer(facts, func(ff fieldFacts, pairs []describedPair) (*enumChoice, []string) {
			return im.matchEnum(id, side, ff, pairs, family, d.context)
		})
		d.Rules[side+" "+key] = inf.rule
		f.Type, f.Unit, f.Decimals, f.Sensitive = inf.typ, inf.unit, inf.decimals, inf.sensitive
		if inf.enum != nil {
			f.Enum = inf.enum.name
		}
		review = append(review, inf.review...)
		if f.Type == TypeList && ex != nil && ex.objects[name] {
			review = append(review, "documented as a list, but the official example sends an object keyed by name (as realtime values do); the spec format has no map type")
		}
		if ex != nil && f.Type != TypeList {
			var e *Enum
			if inf.enum != nil {
				e = im.enumByName(inf.enum.name)
			}
			var bad []string
			for _, v := range ex.values[key] {
				if !im.re.exampleFits(f.Type, e, v) && !slices.Contains(bad, v) {
					bad = append(bad, v)
				}
			}
			if len(bad) > 0 {
				review = append(review, fmt.Sprintf("the official example gives %s, which is not a %s value; check the type (or the example)", quoteList(bad), f.Type))
			}
		}
		if f.Type == TypeList {
			list = f
		}
		if it.Depth == 0 && f.Type != TypeList {
			list = nil
		}
		if side == "response" && it.Depth == 0 && f.Type == TypeList && name == d.TR.Rows {
			f.Go = "Rows" // the rows list is Rows in every TR: resp.Rows
		} else {
			im.goName(id, side, key, f, &review)
		}
		f.Review = strings.Join(review, "; ")
		f.Note = strings.Join(notes, " ")
		*parentFields = append(*parentFields, f)
	}
	for _, f := range top {
		if f.Type == TypeList && len(f.Fields) == 0 {
			*errs = append(*errs, fmt.Sprintf("%s %s list %q has no depth-1 fields", id, side, f.Name))
		}
	}
	return top
}

// goName sets go: when the vocabulary cannot derive the field's Go name, and records
// the missing words.
func (im *importer) goName(id, side, key string, f *Field, review *[]string) {
	if _, err := DeriveGoName(f.Name, im.vocab); err == nil {
		return
	}
	name, missing := im.proposedGoName(f.Name)
	for _, w := range missing {
		dw := im.words[w]
		if dw == nil {
			dw = &DraftWord{Word: w, Go: goWord(w)}
			im.words[w] = dw
		}
		dw.Uses = append(dw.Uses, id+" "+side+" "+key)
	}
	f.Go = name
	switch {
	case len(missing) > 0:
		*review = append(*review, fmt.Sprintf("vocabulary.yaml lacks %s (proposed: %s); add the words there and drop go:, or keep a better go:", quoteList(missing), name))
	default:
		*review = append(*review, fmt.Sprintf("the derived Go name does not start with a letter; go: %s is a placeholder", name))
	}
}

// proposedGoName derives a Go name from the vocabulary, proposing the capitalised word
// for each word it lacks (returned in missing); a name that would not start with a
// letter gets the prefix F.
func (im *importer) proposedGoName(wire string) (name string, missing []string) {
	var b strings.Builder
	for _, w := range SplitWords(wire) {
		if strings.Trim(w, "0123456789") == "" {
			b.WriteString(w)
			continue
		}
		g, ok := im.vocab[w]
		if !ok {
			g = goWord(w)
			missing = append(missing, w)
		}
		b.WriteString(g)
	}
	name = b.String()
	if !isGoIdent(name) {
		name = "F" + asciiAlnum(name)
	}
	return name, missing
}

// asciiAlnum keeps the ASCII letters and digits of s.
func asciiAlnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// trGoName is a placeholder Go name for a TR: the Go name of its rows list without the
// family's own word (package chart: no "Chart"), else one made from the id.
func (im *importer) trGoName(tr *TR, family string) string {
	if tr.Rows != "" {
		var b strings.Builder
		ok := true
		for _, w := range SplitWords(tr.Rows) {
			g, found := im.vocab[w]
			if !found {
				ok = false
				break
			}
			if strings.EqualFold(g, family) || strings.EqualFold(g, "Query") {
				continue
			}
			b.WriteString(g)
		}
		if name := b.String(); ok && isGoIdent(name) {
			return name
		}
	}
	return idGoName(tr.ID)
}

// idGoName is the api-id as a Go name: ka10001 → Ka10001.
func idGoName(id string) string { return strings.ToUpper(id[:1]) + id[1:] }

func (im *importer) enumByName(name string) *Enum {
	for _, k := range im.enums {
		if k.enum.Name == name {
			return k.enum
		}
	}
	return nil
}

// matchEnum finds the enum of a described value list: the one enum the TR may use
// (shared, or of its own family) whose value set is equal and whose labels match
// (spaces aside), or a new draft enum in the family's enums file. An enum with the same
// values but other labels, or another family's enum, is named in a review mark, not
// used. context names the TR in a draft enum's name when the wire name alone is taken.
func (im *importer) matchEnum(id, side string, f fieldFacts, pairs []describedPair, family, context string) (*enumChoice, []string) {
	var values []string
	for _, p := range pairs {
		values = append(values, p.value)
	}
	sorted := slices.Sorted(slices.Values(values))
	labelled := !slices.ContainsFunc(pairs, func(p describedPair) bool { return p.label == "" })
	var same, sameLabels, elsewhere []*knownEnum
	differences := map[*knownEnum][]string{}
	for _, k := range im.enums {
		var ev []string
		for _, v := range k.enum.Values {
			ev = append(ev, v.Value)
		}
		if !slices.Equal(slices.Sorted(slices.Values(ev)), sorted) {
			continue
		}
		var diff []string
		for _, p := range pairs {
			i := slices.IndexFunc(k.enum.Values, func(v *EnumValue) bool { return v.Value == p.value })
			if labelled && sameLabel(k.enum.Values[i].Label, p.label) {
				continue
			}
			if labelled {
				diff = append(diff, fmt.Sprintf("%q is %s here, %s there", p.value, p.label, k.enum.Values[i].Label))
			}
		}
		labelsMatch := labelled && len(diff) == 0
		if !k.usableBy(family) {
			if labelsMatch || !labelled {
				elsewhere = append(elsewhere, k)
			}
			continue
		}
		same = append(same, k)
		differences[k] = diff
		if labelsMatch {
			sameLabels = append(sameLabels, k)
		}
	}
	var review []string
	if len(pairs) == 1 {
		review = append(review, fmt.Sprintf("the description names the single value %q: check that it is a value list and not a remark", pairs[0].value))
	}
	names := func(ks []*knownEnum) string {
		var s []string
		for _, k := range ks {
			s = append(s, k.enum.Name)
		}
		return strings.Join(s, ", ")
	}
	pick := func(ks []*knownEnum) *knownEnum {
		// Prefer an enum documented for this wire name.
		for _, k := range ks {
			if slices.Contains(strings.FieldsFunc(k.enum.Wire, func(r rune) bool { return r == ',' || r == ' ' || r == '/' }), f.wire) {
				return k
			}
		}
		return ks[0]
	}
	draftNote := func(k *knownEnum) {
		if k.draft {
			review = append(review, fmt.Sprintf("enum %s is a new draft in %s: check its name, constants and labels", k.enum.Name, k.display))
		}
	}
	switch {
	case len(sameLabels) == 1:
		draftNote(sameLabels[0])
		return &enumChoice{name: sameLabels[0].enum.Name}, review
	case len(sameLabels) > 1:
		k := pick(sameLabels)
		draftNote(k)
		return &enumChoice{name: k.enum.Name}, append(review, fmt.Sprintf("the enums %s have these values and labels; %s is chosen", names(sameLabels), k.enum.Name))
	case !labelled && len(same) > 0:
		k := pick(same)
		draftNote(k)
		if len(same) > 1 {
			return &enumChoice{name: k.enum.Name}, append(review, fmt.Sprintf("the enums %s have these values but the description gives no labels; %s is chosen", names(same), k.enum.Name))
		}
		return &enumChoice{name: k.enum.Name}, append(review, fmt.Sprintf("enum %s has these values but the description gives no labels", k.enum.Name))
	}

	// A new enum, with a mark naming what it resembles: an enum with the same values
	// documented for the same wire name, or sharing a label, or with values more telling
	// than a few digits (0/1 sets are everywhere).
	generic := !slices.ContainsFunc(values, func(v string) bool { return len(v) != 1 || v[0] < '0' || v[0] > '9' })
	for _, k := range same {
		d := differences[k]
		sameWire := slices.Contains(strings.FieldsFunc(k.enum.Wire, func(r rune) bool { return r == ',' || r == ' ' || r == '/' }), f.wire)
		if generic && !sameWire && len(d) == len(pairs) {
			continue
		}
		if len(d) > 3 {
			d = append(d[:3], "…")
		}
		review = append(review, fmt.Sprintf("the values are those of enum %s (%s) but the labels differ (%s): use %s if they mean the same, else keep the draft", k.enum.Name, k.display, strings.Join(d, "; "), k.enum.Name))
	}
	for _, k := range elsewhere {
		review = append(review, fmt.Sprintf("enum %s of %s has these values and labels but belongs to family %s, which this TR cannot use: move it to specs/%s and use it, else keep the draft", k.enum.Name, k.display, k.family, enumsFileName))
	}
	name := im.draftEnumName(f, id, context)
	e := &Enum{Name: name, Wire: f.wire, Title: f.title, Note: fmt.Sprintf("Drafted by kiwoomgen import from %s %s %s; review the name, constants and labels.", id, side, f.wire)}
	used := map[string]bool{}
	for i, p := range pairs {
		label := p.label
		if label == "" {
			label = p.value
		}
		g := ""
		switch {
		case isASCII(label):
			g = goWord(label) // "KRX", "Y"
		case p.value == "%":
			g = "All" // Kiwoom's wildcard: "%:(전체)"
		case strings.Trim(p.value, "0123456789") != "":
			g = goWord(p.value) // "KRX:한국거래소"
		}
		// A Korean label has no Go word here: Value<value>.
		if g == "" || used[g] {
			g = "Value" + asciiAlnum(p.value)
			if g == "Value" || used[g] {
				g = "Value" + strconv.Itoa(i+1)
			}
		}
		for n := 2; used[g]; n++ {
			g = strings.TrimRight(g, "0123456789") + strconv.Itoa(n)
		}
		used[g] = true
		e.Values = append(e.Values, &EnumValue{Value: p.value, Go: g, Label: label})
	}
	k := &knownEnum{enum: e, path: filepath.Join(im.specs, family, enumsFileName), display: "specs/" + family + "/" + enumsFileName, family: family, draft: true}
	im.enums = append(im.enums, k)
	how := "the wire name " + f.wire + " (" + f.title + ")"
	if name != im.wireEnumName(f) {
		how += " and the TR, as " + im.wireEnumName(f) + " is taken"
	}
	review = append(review, fmt.Sprintf("enum %s is a new draft in %s, named from %s: check its name, constants and labels", name, k.display, how))
	return &enumChoice{name: name, draft: e}, review
}

// sameLabel compares two labels with spaces left out ("1천원 미만" is "1천원미만").
func sameLabel(a, b string) bool {
	return strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}

// isASCII reports whether s has only ASCII characters.
func isASCII(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= 128 })
}

// wireEnumName is the Go name the vocabulary gives the field's wire name (with the
// capitalised word for one it lacks), or "Enum".
func (im *importer) wireEnumName(f fieldFacts) string {
	if base, _ := im.proposedGoName(f.wire); isGoIdent(base) && base != "F" {
		return base
	}
	return "Enum"
}

// draftEnumName names a new enum: the wire name's Go name (trde_qty_tp →
// TradeQuantityType) while no enum has it, else that name after the TR's (context:
// VolumeTopTradeQuantityType), else after the api-id. Never a number suffix.
func (im *importer) draftEnumName(f fieldFacts, id, context string) string {
	base := im.wireEnumName(f)
	candidates := []string{base}
	if context != "" && !strings.HasSuffix(base, context) {
		candidates = append(candidates, context+base)
	}
	idName := idGoName(id)
	candidates = append(candidates, idName+base)
	for _, c := range candidates {
		if im.enumByName(c) == nil {
			return c
		}
	}
	// The same TR drafts a second set for the same wire name (request and response).
	c := idName + base + "Other"
	for im.enumByName(c) != nil {
		c += "Other"
	}
	return c
}

// checkExamples flags placeholder examples: keys that are not the table's (an
// example of another TR), fields the example leaves out, the same stock on every row.
func (im *importer) checkExamples(tr *TR, side string, ex *exampleValues, trReview *[]string) {
	if ex == nil {
		return
	}
	fields := tr.Request
	if side == "response" {
		fields = tr.Response
	}
	fixture := "golden/" + tr.ID + "/" + side + ".json"
	documented := map[string]*Field{}
	for _, f := range fields {
		documented[f.Name] = f
	}
	var extra, missing []string
	for _, k := range ex.top {
		if _, ok := documented[k]; !ok && k != "return_code" && k != "return_msg" {
			extra = append(extra, k)
		}
	}
	known := len(ex.top) - len(extra)
	for _, f := range fields {
		if !slices.Contains(ex.top, f.Name) {
			missing = append(missing, f.Name)
		}
	}
	for _, f := range fields {
		if f.Type != TypeList || !slices.Contains(ex.top, f.Name) {
			continue
		}
		for _, k := range ex.rowKeys[f.Name] {
			if !slices.ContainsFunc(f.Fields, func(r *Field) bool { return r.Name == k }) {
				extra = append(extra, f.Name+"."+k)
			}
		}
		for _, r := range f.Fields {
			if len(ex.rows[f.Name]) > 0 && !slices.Contains(ex.rowKeys[f.Name], r.Name) {
				missing = append(missing, f.Name+"."+r.Name)
			}
		}
		// The same stock on every row.
		rows := ex.rows[f.Name]
		if len(rows) < 2 {
			continue
		}
		for _, r := range f.Fields {
			if !(r.Title == "종목코드" || r.Title == "종목명") {
				continue
			}
			v := rows[0][r.Name]
			if v != "" && !slices.ContainsFunc(rows, func(row map[string]string) bool { return row[r.Name] != v }) {
				*trReview = append(*trReview, fmt.Sprintf("%s is a placeholder: every row of %s has %s %q; replace it with a realistic answer", fixture, f.Name, r.Name, v))
			}
		}
	}
	switch {
	case len(extra) > 0 && len(extra) >= known:
		*trReview = append(*trReview, fmt.Sprintf("the official %s example looks like another TR's (keys %s are not in the table); %s needs a realistic replacement", side, quoteList(extra), fixture))
	case len(extra) > 0:
		*trReview = append(*trReview, fmt.Sprintf("the official %s example has keys the table lacks (%s): check the table or the example", side, quoteList(extra)))
	}
	if len(missing) > 0 && (len(extra) == 0 || len(extra) < known) {
		tr.Notes = append(tr.Notes, fmt.Sprintf("The official %s example leaves out %s.", side, quoteList(missing)))
		if side == "response" {
			*trReview = append(*trReview, fmt.Sprintf("%s lacks %s; add realistic values", fixture, quoteList(missing)))
		}
	}
}

// ---- rendering ----

// yamlString renders s as a YAML scalar: plain when that reads back as the same string,
// else double-quoted (JSON quoting, which YAML reads).
func yamlString(s string) string {
	plain := s != "" && s == strings.TrimSpace(s) && !strings.ContainsAny(s, ":#'\"{}[],&*!|>%@`\\\n\t") &&
		!strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "?")
	if plain {
		var v any
		if yaml.Unmarshal([]byte(s), &v) != nil {
			plain = false
		} else if str, ok := v.(string); !ok || str != s {
			plain = false
		}
	}
	if plain {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) //nolint:errcheck // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func writeTRYAML(b *bytes.Buffer, tr *TR) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("# yaml-language-server: $schema=../schema.json\n")
	p("id: %s\nname: %s\ngo: %s\n", tr.ID, yamlString(tr.Name), tr.Go)
	if tr.Summary != "" {
		p("summary: %s\n", yamlString(tr.Summary))
	}
	p("english: %s\npath: %s\nkind: %s\npaging: %t\n", yamlString(tr.English), yamlString(tr.Path), tr.Kind, tr.Paging)
	if tr.Rows != "" {
		p("rows: %s\n", yamlString(tr.Rows))
	}
	p("source: %s\n", yamlString(tr.Source))
	if len(tr.Notes) > 0 {
		p("notes:\n")
		for _, n := range tr.Notes {
			p("  - %s\n", yamlString(n))
		}
	}
	if tr.Review != "" {
		p("review: %s\n", yamlString(tr.Review))
	}
	for _, side := range []struct {
		name   string
		fields []*Field
	}{{"request", tr.Request}, {"response", tr.Response}} {
		if len(side.fields) == 0 {
			p("%s: []\n", side.name)
			continue
		}
		p("%s:\n", side.name)
		for _, f := range side.fields {
			writeFieldYAML(b, f, "  ")
		}
	}
}

func writeFieldYAML(b *bytes.Buffer, f *Field, indent string) {
	p := func(format string, args ...any) { b.WriteString(indent + "  " + fmt.Sprintf(format, args...)) }
	fmt.Fprintf(b, "%s- name: %s\n", indent, yamlString(f.Name))
	p("title: %s\n", yamlString(f.Title))
	p("doc_type: %s\n", f.DocType)
	p("required: %t\n", f.Required)
	if f.Length > 0 {
		p("length: %d\n", f.Length)
	}
	if f.Description != "" {
		p("description: %s\n", yamlString(f.Description))
	}
	p("type: %s\n", f.Type)
	if f.Enum != "" {
		p("enum: %s\n", f.Enum)
	}
	if f.Unit != "" {
		p("unit: %s\n", yamlString(f.Unit))
	}
	if f.Decimals != 0 {
		p("decimals: %d\n", f.Decimals)
	}
	if f.Go != "" {
		p("go: %s\n", f.Go)
	}
	if f.Sensitive {
		p("sensitive: true\n")
	}
	if f.Note != "" {
		p("note: %s\n", yamlString(f.Note))
	}
	if f.Review != "" {
		p("review: %s\n", yamlString(f.Review))
	}
	if len(f.Fields) > 0 {
		p("fields:\n")
		for _, r := range f.Fields {
			writeFieldYAML(b, r, indent+"    ")
		}
	}
}
