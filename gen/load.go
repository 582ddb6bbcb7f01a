package gen

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Model is the validated content of a specs directory.
type Model struct {
	// TRs in api-id order.
	TRs []*TR
	// Enums: the shared ones of enums.yaml in file order, then each family's.
	Enums []*Enum
	// Families in the order of families.yaml; a tree without families.yaml (the
	// layout before families) has one core family holding every TR.
	Families []*Family
	// Groups are the shared field tables of groups.yaml, in file order.
	Groups []*Group
	// Vocabulary maps lower-case wire-name words to Go words.
	Vocabulary map[string]string

	enums  map[string]*Enum
	groups map[string]*Group
}

// Enum returns the enum with the given Go name, or nil.
func (m *Model) Enum(name string) *Enum { return m.enums[name] }

// TR returns the TR with the given api-id, or nil.
func (m *Model) TR(id string) *TR {
	i := slices.IndexFunc(m.TRs, func(t *TR) bool { return t.ID == id })
	if i < 0 {
		return nil
	}
	return m.TRs[i]
}

const (
	enumsFileName      = "enums.yaml"
	vocabularyFileName = "vocabulary.yaml"
	familiesFileName   = "families.yaml"
	groupsFileName     = "groups.yaml"
)

// isFamilyName reports whether s is a family name: lower-case ASCII words
// separated by at most one slash ("chart", "us/chart").
func isFamilyName(s string) bool {
	parts := strings.Split(s, "/")
	if len(parts) > 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || !isGoWord(p) || strings.ToLower(p) != p || isASCIIDigit(p[0]) {
			return false
		}
	}
	return true
}

// isTRID reports whether s is a TR id like ka10001: two or three lower-case ASCII
// letters, then five digits.
func isTRID(s string) bool {
	letters := len(s) - 5
	if letters < 2 || letters > 3 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if (i < letters && (c < 'a' || c > 'z')) || (i >= letters && !isASCIIDigit(c)) {
			return false
		}
	}
	return true
}

// isGoIdent reports whether s is an exported ASCII Go identifier without underscores:
// an upper-case letter, then letters and digits.
func isGoIdent(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' && isGoWord(s) }

// isGoWord reports whether s is one or more ASCII letters and digits.
func isGoWord(s string) bool {
	for i := range len(s) {
		c := s[i]
		if !isASCIIDigit(c) && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return s != ""
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// Load reads and validates every spec in fsys under dir: vocabulary.yaml,
// enums.yaml (the shared enums), groups.yaml (shared field tables),
// families.yaml and, per family, <family>/<id>.yaml TR files and an optional
// <family>/enums.yaml. A tree without families.yaml is read in the layout
// before families (every <id>.yaml beside enums.yaml, all in the core
// package), so that kiwoomgen diff can compare against it. Positions in
// errors start with display + "/" + file name, so callers choose how paths
// read (e.g. "specs").
func Load(fsys fs.FS, dir, display string) (*Model, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read specs directory: %w", err)
	}
	var errs ErrorList
	m := &Model{enums: map[string]*Enum{}, groups: map[string]*Group{}}
	exists := func(name string) bool {
		_, err := fs.Stat(fsys, path.Join(dir, name))
		return err == nil
	}
	read := func(name string) ([]byte, string, bool) {
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		shown := display + "/" + name
		if err != nil {
			errs.Add(Pos{File: shown, Line: 1, Col: 1}, err.Error())
			return nil, shown, false
		}
		return data, shown, true
	}

	wordFrom := map[string]Pos{}
	// readVocabulary merges one vocabulary file into m.Vocabulary: the shared
	// one, or a family's own (specs/<family>/vocabulary.yaml). Words are global:
	// a word listed twice must map to the same Go word.
	readVocabulary := func(name string) {
		data, shown, ok := read(name)
		if !ok {
			return
		}
		var vf vocabularyFile
		parseFile(shown, data, &vf, &errs)
		if m.Vocabulary == nil {
			m.Vocabulary = map[string]string{}
		}
		for _, w := range wordPositions(shown, data) {
			word, goWord := w.word, vf.Words[w.word]
			switch {
			case word != strings.ToLower(word) || !isGoWord(word):
				errs.Add(w.pos, fmt.Sprintf("vocabulary word %q must be lower-case letters and digits", word))
			case strings.Trim(word, "0123456789") == "":
				errs.Add(w.pos, fmt.Sprintf("vocabulary word %q is all digits; digits stay as they are in Go names and need no entry", word))
			case !isGoWord(goWord) || !unicode.IsUpper(rune(goWord[0])):
				errs.Add(w.pos, fmt.Sprintf("vocabulary word %q maps to %q, which is not a capitalised Go word", word, goWord))
			}
			if prev, dup := m.Vocabulary[word]; dup && prev != goWord {
				errs.Add(w.pos, fmt.Sprintf("vocabulary word %q maps to %q here but to %q at %s; a word has one Go word everywhere", word, goWord, prev, wordFrom[word]))
				continue
			}
			if _, dup := m.Vocabulary[word]; !dup {
				m.Vocabulary[word], wordFrom[word] = goWord, w.pos
			}
		}
	}
	readVocabulary(vocabularyFileName)
	readEnums := func(name string, fam *Family) {
		data, shown, ok := read(name)
		if !ok {
			return
		}
		var ef enumsFile
		parseFile(shown, data, &ef, &errs)
		for _, e := range ef.Enums {
			e.Family = fam
			checkEnum(e, m, &errs)
		}
		m.Enums = append(m.Enums, ef.Enums...)
	}
	readEnums(enumsFileName, nil)
	if exists(groupsFileName) {
		if data, shown, ok := read(groupsFileName); ok {
			var gf groupsFile
			parseFile(shown, data, &gf, &errs)
			for _, g := range gf.Groups {
				if prev, dup := m.groups[g.Name]; dup {
					errs.Add(g.KeyPos["name"], fmt.Sprintf("group %q is already defined at line %d", g.Name, prev.Pos.Line))
					continue
				}
				if !isGoIdent(g.Name) {
					errs.Add(g.KeyPos["name"], fmt.Sprintf("group name %q is not a capitalised identifier", g.Name))
				}
				for _, f := range g.Fields {
					if f.Use != "" {
						errs.Add(f.KeyPos["use"], fmt.Sprintf("group %q: a group cannot use another group", g.Name))
					}
				}
				m.groups[g.Name] = g
				m.Groups = append(m.Groups, g)
			}
		}
	}

	// readTR reads one TR file, shown under name, into fam.
	readTR := func(name string, fam *Family) {
		data, shown, ok := read(name)
		if !ok {
			return
		}
		tr := new(TR)
		before := len(errs)
		parseFile(shown, data, tr, &errs)
		tr.File = "specs/" + name
		tr.Family = fam
		if len(errs) > before {
			return // structural problems first; semantic checks would only add noise
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); tr.ID != want {
			errs.Add(tr.KeyPos["id"], fmt.Sprintf("id %q does not match the file name %q (want id %q)", tr.ID, path.Base(name), want))
		}
		tr.Request = m.expand(tr.Request, &errs)
		tr.Response = m.expand(tr.Response, &errs)
		m.TRs = append(m.TRs, tr)
		fam.TRs = append(fam.TRs, tr)
	}
	isTRFile := func(name string) bool {
		return strings.HasSuffix(name, ".yaml") && name != enumsFileName && name != vocabularyFileName &&
			name != familiesFileName && name != groupsFileName
	}

	if !exists(familiesFileName) {
		// The layout before families: every TR in the core package.
		legacy := &Family{Name: PackageName, Path: "/", Title: "kiwoom", Core: true}
		m.Families = []*Family{legacy}
		for _, entry := range entries {
			if !entry.IsDir() && isTRFile(entry.Name()) {
				readTR(entry.Name(), legacy)
			}
		}
	} else {
		if data, shown, ok := read(familiesFileName); ok {
			var ff familiesFile
			parseFile(shown, data, &ff, &errs)
			m.Families = ff.Families
		}
		names := map[string]*Family{}
		for _, fam := range m.Families {
			checkFamily(fam, names, &errs)
		}
		for _, entry := range entries {
			name := entry.Name()
			switch {
			case !entry.IsDir() && isTRFile(name):
				errs.Add(Pos{File: display + "/" + name, Line: 1, Col: 1},
					fmt.Sprintf("a TR file belongs in its family's directory, specs/<family>/%s (families in %s)", name, familiesFileName))
			case entry.IsDir() && !slices.ContainsFunc(m.Families, func(f *Family) bool { return f.Name == name || strings.HasPrefix(f.Name, name+"/") }):
				errs.Add(Pos{File: display + "/" + name, Line: 1, Col: 1}, fmt.Sprintf("directory %q is not a family of %s", name, familiesFileName))
			}
		}
		for _, fam := range m.Families {
			if fam.Separate || !exists(fam.Name) {
				continue
			}
			sub, err := fs.ReadDir(fsys, path.Join(dir, fam.Name))
			if err != nil {
				errs.Add(fam.Pos, err.Error())
				continue
			}
			if exists(path.Join(fam.Name, enumsFileName)) {
				readEnums(path.Join(fam.Name, enumsFileName), fam)
			}
			if exists(path.Join(fam.Name, vocabularyFileName)) {
				readVocabulary(path.Join(fam.Name, vocabularyFileName))
			}
			for _, entry := range sub {
				name := entry.Name()
				switch {
				case entry.IsDir():
					if !slices.ContainsFunc(m.Families, func(f *Family) bool { return f.Name == fam.Name+"/"+name }) {
						errs.Add(Pos{File: display + "/" + fam.Name + "/" + name, Line: 1, Col: 1}, "a family directory holds TR files and enums.yaml only")
					}
				case isTRFile(name):
					readTR(path.Join(fam.Name, name), fam)
				case name != enumsFileName && name != vocabularyFileName && !strings.HasPrefix(name, "."):
					errs.Add(Pos{File: display + "/" + fam.Name + "/" + name, Line: 1, Col: 1}, "a family directory holds TR files (<id>.yaml), enums.yaml and vocabulary.yaml only")
				}
			}
		}
	}
	slices.SortFunc(m.TRs, func(a, b *TR) int { return strings.Compare(a.ID, b.ID) })
	for _, fam := range m.Families {
		slices.SortFunc(fam.TRs, func(a, b *TR) int { return strings.Compare(a.ID, b.ID) })
	}

	ids := map[string]*TR{}
	for _, tr := range m.TRs {
		if prev, dup := ids[tr.ID]; dup {
			errs.Add(tr.KeyPos["id"], fmt.Sprintf("TR %s is also specced in %s", tr.ID, prev.File))
		}
		ids[tr.ID] = tr
		checkTR(tr, m, &errs)
	}
	for _, fam := range m.Families {
		checkPackageNames(fam, m, &errs)
	}
	if len(m.TRs) == 0 && len(errs) == 0 {
		errs.Add(Pos{File: display, Line: 1, Col: 1}, "no TR specs (*.yaml) found")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// checkFamily checks one entry of families.yaml.
func checkFamily(fam *Family, names map[string]*Family, errs *ErrorList) {
	if !isFamilyName(fam.Name) {
		errs.Add(fam.KeyPos["name"], fmt.Sprintf("family name %q must be lower-case letters and digits (a Go package name), optionally under one parent such as us/", fam.Name))
	}
	if prev, dup := names[fam.Name]; dup {
		errs.Add(fam.KeyPos["name"], fmt.Sprintf("family %q is already defined at line %d", fam.Name, prev.Pos.Line))
	}
	names[fam.Name] = fam
	if !strings.HasPrefix(fam.Path, "/") || strings.HasSuffix(fam.Path, "/") {
		errs.Add(fam.KeyPos["path"], fmt.Sprintf("family path %q must start with / and not end with /", fam.Path))
	}
	if fam.Core && fam.Separate {
		errs.Add(fam.KeyPos["separate"], "a family cannot be both core and separate")
	}
}

// checkPackageNames checks that no two TRs of one family share a Go base name
// (their methods would collide); lint's go-name-collision rule checks the
// other generated names.
func checkPackageNames(fam *Family, m *Model, errs *ErrorList) {
	names := map[string]*TR{}
	for _, tr := range fam.TRs {
		if prev, dup := names[tr.Go]; dup {
			errs.Add(tr.KeyPos["go"], fmt.Sprintf("Go name %q is already used by %s in package %s", tr.Go, prev.ID, fam.Package()))
		}
		names[tr.Go] = tr
	}
}

// expand replaces each `use:` field by copies of its group's fields.
func (m *Model) expand(fields []*Field, errs *ErrorList) []*Field {
	if !slices.ContainsFunc(fields, func(f *Field) bool { return f.Use != "" || f.Type == TypeList }) {
		return fields
	}
	var out []*Field
	for _, f := range fields {
		if f.Use == "" {
			if f.Type == TypeList {
				f.Fields = m.expand(f.Fields, errs)
			}
			out = append(out, f)
			continue
		}
		g := m.groups[f.Use]
		if g == nil {
			errs.Add(f.KeyPos["use"], fmt.Sprintf("unknown group %q (not in %s)", f.Use, groupsFileName))
			continue
		}
		for _, gf := range g.Fields {
			out = append(out, copyField(gf, g.Name))
		}
	}
	return out
}

// copyField copies a group's field (and its row fields) for one TR, so that
// each TR resolves its own Go names.
func copyField(f *Field, group string) *Field {
	c := *f
	c.Group = group
	c.Fields = nil
	for _, sub := range f.Fields {
		c.Fields = append(c.Fields, copyField(sub, group))
	}
	return &c
}

func checkEnum(e *Enum, m *Model, errs *ErrorList) {
	if !isGoIdent(e.Name) {
		errs.Add(e.KeyPos["name"], fmt.Sprintf("enum name %q is not an exported Go identifier", e.Name))
	}
	if prev, dup := m.enums[e.Name]; dup {
		errs.Add(e.KeyPos["name"], fmt.Sprintf("enum %q is already defined at line %d", e.Name, prev.Pos.Line))
		return
	}
	m.enums[e.Name] = e
	if len(e.Values) == 0 {
		errs.Add(e.KeyPos["values"], fmt.Sprintf("enum %q has no values", e.Name))
	}
	values, gos := map[string]bool{}, map[string]bool{}
	for _, v := range e.Values {
		if v.Value == "" {
			errs.Add(v.KeyPos["value"], fmt.Sprintf("enum %q: empty value", e.Name))
		}
		if v.Label == "" {
			errs.Add(v.KeyPos["label"], fmt.Sprintf("enum %q: empty label for value %q", e.Name, v.Value))
		}
		if values[v.Value] {
			errs.Add(v.KeyPos["value"], fmt.Sprintf("enum %q: duplicate value %q", e.Name, v.Value))
		}
		values[v.Value] = true
		if !isGoWord(v.Go) || !unicode.IsUpper(rune(v.Go[0])) {
			errs.Add(v.KeyPos["go"], fmt.Sprintf("enum %q: constant suffix %q must be a capitalised Go word", e.Name, v.Go))
		}
		if gos[v.Go] {
			errs.Add(v.KeyPos["go"], fmt.Sprintf("enum %q: duplicate constant suffix %q", e.Name, v.Go))
		}
		gos[v.Go] = true
	}
}

// reservedNames lists the Go names a generated struct of the role ("request",
// "response" or "row") cannot use for a field, because the struct already has a method
// or an embedded field of that name.
func reservedNames(role string) []string {
	switch role {
	case "request":
		return []string{"Validate", "String", "GoString", "LogValue"}
	case "response":
		return []string{"Envelope", "Meta", "ReturnCode", "ReturnMsg", "UnmarshalJSON"}
	case "row":
		return []string{"UnmarshalJSON"}
	}
	return nil
}

func checkTR(tr *TR, m *Model, errs *ErrorList) {
	if !isTRID(tr.ID) {
		errs.Add(tr.KeyPos["id"], fmt.Sprintf("id %q is not a TR id like ka10001", tr.ID))
	}
	if !isGoIdent(tr.Go) {
		errs.Add(tr.KeyPos["go"], fmt.Sprintf("go %q is not an exported Go identifier", tr.Go))
	}
	if !strings.HasPrefix(tr.Path, "/") {
		errs.Add(tr.KeyPos["path"], fmt.Sprintf("path %q must start with /", tr.Path))
	}
	if !slices.Contains([]string{KindAuth, KindQuery, KindOrder}, tr.Kind) {
		errs.Add(tr.KeyPos["kind"], fmt.Sprintf("kind %q is not one of auth, query, order", tr.Kind))
	}
	if fam := tr.Family; fam != nil && fam.Path != "/" && tr.Path != fam.Path && !strings.HasPrefix(tr.Path, fam.Path+"/") {
		errs.Add(tr.KeyPos["path"], fmt.Sprintf("path %q is not in family %s (%s); move the file to the family of its path", tr.Path, fam.Name, fam.Path))
	}
	checkFields(tr, tr.Request, "request", m, errs)
	checkFields(tr, tr.Response, "response", m, errs)
	for _, f := range tr.Request {
		if f.Type == TypeList {
			errs.Add(f.KeyPos["type"], fmt.Sprintf("request field %q: lists in requests are not supported", f.Name))
		}
		checkRequestRules(tr, f, m, errs)
	}
	for _, f := range tr.Response {
		if f.Min != nil || f.RequiredWhen != nil {
			errs.Add(f.Pos, fmt.Sprintf("response field %q: min: and required_when: apply to request fields only", f.Name))
		}
	}
	switch {
	case tr.Paging && tr.Rows == "":
		errs.Add(tr.KeyPos["paging"], "a paging TR must name its rows list with rows:")
	case !tr.Paging && tr.Rows != "":
		errs.Add(tr.KeyPos["rows"], "rows: is only meaningful with paging: true")
	case tr.Rows != "":
		i := slices.IndexFunc(tr.Response, func(f *Field) bool { return f.Name == tr.Rows })
		if i < 0 || tr.Response[i].Type != TypeList {
			errs.Add(tr.KeyPos["rows"], fmt.Sprintf("rows: %q is not a list field of the response", tr.Rows))
		}
	}
}

// checkRequestRules checks a request field's min: and required_when:.
func checkRequestRules(tr *TR, f *Field, m *Model, errs *ErrorList) {
	if f.Min != nil && f.Type != TypeInt && f.Type != TypePadded {
		errs.Add(f.KeyPos["min"], fmt.Sprintf("field %q: min: applies to int and padded fields only", f.Name))
	}
	c := f.RequiredWhen
	if c == nil {
		return
	}
	if f.Required {
		errs.Add(f.KeyPos["required_when"], fmt.Sprintf("field %q: required_when: on a field that is always required", f.Name))
	}
	i := slices.IndexFunc(tr.Request, func(o *Field) bool { return o.Name == c.Field })
	if i < 0 || tr.Request[i].Type != TypeEnum || m.enums[tr.Request[i].Enum] == nil {
		errs.Add(c.KeyPos["field"], fmt.Sprintf("field %q: required_when field %q is not an enum request field of %s", f.Name, c.Field, tr.ID))
		return
	}
	e := m.enums[tr.Request[i].Enum]
	for _, v := range c.Values {
		if !slices.ContainsFunc(e.Values, func(ev *EnumValue) bool { return ev.Value == v }) {
			errs.Add(c.KeyPos["values"], fmt.Sprintf("field %q: required_when value %q is not a value of %s", f.Name, v, e.Name))
		}
	}
	if len(c.Values) == 0 {
		errs.Add(c.KeyPos["values"], fmt.Sprintf("field %q: required_when needs values", f.Name))
	}
}

func checkFields(tr *TR, fields []*Field, role string, m *Model, errs *ErrorList) {
	seen := map[string]*Field{}
	goNames := map[string]*Field{}
	for _, f := range fields {
		if prev, dup := seen[f.Name]; dup {
			errs.Add(f.KeyPos["name"], fmt.Sprintf("duplicate field %q (first at line %d)", f.Name, prev.Pos.Line))
			continue
		}
		seen[f.Name] = f
		checkField(tr, f, m, errs)
		if f.GoName == "" {
			continue
		}
		if slices.Contains(reservedNames(role), f.GoName) {
			errs.Add(f.Pos, fmt.Sprintf("field %q: Go name %q is reserved in a %s struct; set go: to another name", f.Name, f.GoName, role))
		}
		if prev, dup := goNames[f.GoName]; dup {
			errs.Add(f.Pos, fmt.Sprintf("field %q: Go name %q collides with field %q; set go: on one of them", f.Name, f.GoName, prev.Name))
		}
		goNames[f.GoName] = f
		if f.Type == TypeList {
			checkFields(tr, f.Fields, "row", m, errs)
		}
	}
}

func checkField(tr *TR, f *Field, m *Model, errs *ErrorList) {
	if f.Name == "" {
		errs.Add(f.KeyPos["name"], "empty field name")
		return
	}
	if !slices.Contains(ValueTypes(), f.Type) {
		errs.Add(f.KeyPos["type"], fmt.Sprintf("field %q: unknown value type %q (one of %s)", f.Name, f.Type, strings.Join(ValueTypes(), ", ")))
	}
	switch f.DocType {
	case "String", "LIST":
	default:
		errs.Add(f.KeyPos["doc_type"], fmt.Sprintf("field %q: doc_type %q is not String or LIST", f.Name, f.DocType))
	}
	if (f.DocType == "LIST") != (f.Type == TypeList) {
		errs.Add(f.KeyPos["type"], fmt.Sprintf("field %q: doc_type %s needs type list exactly when the docs say LIST", f.Name, f.DocType))
	}
	if f.Type == TypeList && len(f.Fields) == 0 {
		errs.Add(f.Pos, fmt.Sprintf("field %q: a list needs fields:", f.Name))
	}
	if f.Type != TypeList && f.Fields != nil {
		errs.Add(f.KeyPos["fields"], fmt.Sprintf("field %q: only list fields have fields:", f.Name))
	}
	switch {
	case f.Type == TypeEnum && f.Enum == "":
		errs.Add(f.KeyPos["type"], fmt.Sprintf("field %q: type enum needs enum: <name>", f.Name))
	case f.Type == TypeEnum && m.enums[f.Enum] == nil:
		errs.Add(f.KeyPos["enum"], fmt.Sprintf("field %q: unknown enum %q (not in %s)", f.Name, f.Enum, enumsFileName))
	case f.Type != TypeEnum && f.Enum != "":
		errs.Add(f.KeyPos["enum"], fmt.Sprintf("field %q: enum: is only allowed with type enum", f.Name))
	case f.Type == TypeEnum && tr != nil && m.enums[f.Enum].Family != nil && m.enums[f.Enum].Family != tr.Family:
		errs.Add(f.KeyPos["enum"], fmt.Sprintf("field %q: enum %q belongs to family %s; move it to specs/%s to share it", f.Name, f.Enum, m.enums[f.Enum].Family.Name, enumsFileName))
	}
	if f.Type == TypeEnum {
		f.enum = m.enums[f.Enum]
	}
	switch {
	case f.Type == TypeImpliedDecimal && f.Decimals != 2 && f.Decimals != 6:
		errs.Add(f.Pos, fmt.Sprintf("field %q: implied_decimal needs decimals: 2 or 6 (the scales the runtime has)", f.Name))
	case f.Type == TypeImpliedIndex && f.Decimals != 2:
		errs.Add(f.Pos, fmt.Sprintf("field %q: implied_index needs decimals: 2 (the only scale the runtime has)", f.Name))
	case f.Type != TypeImpliedDecimal && f.Type != TypeImpliedIndex && f.Decimals != 0:
		errs.Add(f.KeyPos["decimals"], fmt.Sprintf("field %q: decimals: is only allowed with types implied_decimal and implied_index", f.Name))
	}
	if f.Go != "" {
		if !isGoIdent(f.Go) {
			errs.Add(f.KeyPos["go"], fmt.Sprintf("field %q: go %q is not an exported Go identifier", f.Name, f.Go))
			return
		}
		f.GoName = f.Go
		return
	}
	name, err := DeriveGoName(f.Name, m.Vocabulary)
	if err != nil {
		errs.Add(f.KeyPos["name"], fmt.Sprintf("field %q: %v", f.Name, err))
		return
	}
	f.GoName = name
}

// SplitWords splits a wire name into lower-case words: on '_', where a lower-case
// letter or digit is followed by an upper-case letter ("listCount" → list, count),
// and between digits and letters ("250hgst" → 250, hgst).
func SplitWords(wire string) []string {
	var words []string
	for part := range strings.SplitSeq(wire, "_") {
		start := 0
		for i := 1; i < len(part); i++ {
			prev, cur := rune(part[i-1]), rune(part[i])
			camel := unicode.IsUpper(cur) && !unicode.IsUpper(prev)
			digits := unicode.IsDigit(prev) != unicode.IsDigit(cur)
			if camel || digits {
				words = append(words, strings.ToLower(part[start:i]))
				start = i
			}
		}
		if start < len(part) {
			words = append(words, strings.ToLower(part[start:]))
		}
	}
	return words
}

// DeriveGoName builds the Go name of a wire name from the vocabulary. Digit-only
// words are kept as they are; any other word must be in the vocabulary.
func DeriveGoName(wire string, vocab map[string]string) (string, error) {
	var b strings.Builder
	for _, w := range SplitWords(wire) {
		if strings.Trim(w, "0123456789") == "" {
			b.WriteString(w)
			continue
		}
		goWord, ok := vocab[w]
		if !ok {
			return "", fmt.Errorf("word %q is not in %s; add it there or set go:", w, vocabularyFileName)
		}
		b.WriteString(goWord)
	}
	name := b.String()
	if name == "" || !unicode.IsLetter(rune(name[0])) {
		return "", fmt.Errorf("derived Go name %q does not start with a letter; set go:", name)
	}
	return name, nil
}

type wordPos struct {
	word string
	pos  Pos
}

// wordPositions lists the keys under words: in vocabulary.yaml with their
// positions, in file order (the decoded map has neither).
func wordPositions(file string, data []byte) []wordPos {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return nil
	}
	doc := root.Content[0]
	var out []wordPos
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value != "words" {
			continue
		}
		words := doc.Content[i+1]
		for j := 0; j+1 < len(words.Content); j += 2 {
			k := words.Content[j]
			out = append(out, wordPos{word: k.Value, pos: Pos{File: file, Line: k.Line, Col: k.Column}})
		}
	}
	return out
}
