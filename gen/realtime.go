package gen

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// The realtime family (specs/realtime) describes the WebSocket side of the API:
//
//   - fids.yaml: the global FID table. Kiwoom's FIDs are global, so each FID has one
//     Korean title, one Go name and one value type everywhere;
//   - <code>_<Go>.yaml: one realtime type (0B 주식체결 …) listing its FIDs by number;
//   - ka101NN.yaml: the condition-search messages (CNSRLST, CNSRREQ, CNSRCLR).
//
// The loader is as strict as Load: unknown keys, missing keys, unknown FIDs and
// colliding names are errors reported as file:line:col.

// RealtimeValueTypes lists the value types a FID may have, in a fixed order.
func RealtimeValueTypes() []string {
	return []string{TypeText, TypeCode, TypeDate, TypeTime, TypeInt, TypePadded, TypePrice,
		TypeDecimal, TypeImpliedDecimal, TypeIndex}
}

// RealtimeItemKinds lists the accepted values of a type's item key: what the type
// is registered with.
func RealtimeItemKinds() []string {
	return []string{
		"stock",     // a stock code (005930, 005930_NX, 005930_AL)
		"sector",    // a sector code (001)
		"elw",       // an ELW code
		"gold",      // MGD or MGU
		"account",   // "" — the token's account; pushes carry a stock code
		"market",    // "" — market-wide; pushes carry ""
		"any",       // "" in the official example; pushes carry a stock code
		"condition", // not registered with REG (condition search pushes)
	}
}

// RealtimeModel is the validated content of specs/realtime.
type RealtimeModel struct {
	// FIDs is the global FID table in numeric order.
	FIDs []*Field
	// Types are the realtime types in code order.
	Types []*RealtimeType
	// Conditions are the condition-search messages in api-id order.
	Conditions []*ConditionTR

	fids map[string]*Field
}

// FID returns the FID table entry with the given number, or nil.
func (m *RealtimeModel) FID(number string) *Field { return m.fids[number] }

// Type returns the realtime type with the given code, or nil.
func (m *RealtimeModel) Type(code string) *RealtimeType {
	i := slices.IndexFunc(m.Types, func(t *RealtimeType) bool { return t.Code == code })
	if i < 0 {
		return nil
	}
	return m.Types[i]
}

// RealtimeType is one realtime type: a specs/realtime/<code>_<Go>.yaml file.
type RealtimeType struct {
	// Code is the type code sent in REG and pushes, e.g. "0B".
	Code string `yaml:"code" spec:"required"`
	// Name is the Korean API name, e.g. 주식체결.
	Name string `yaml:"name" spec:"required"`
	// PushedName is the name pushes carry, which differs for some types (04 → 현물잔고).
	PushedName string `yaml:"pushed_name" spec:"required"`
	// Go is the Go name of the event struct.
	Go string `yaml:"go" spec:"required"`
	// English is one English sentence for the doc comments.
	English string `yaml:"english" spec:"required"`
	// Item is what the type is registered with, one of RealtimeItemKinds.
	Item string `yaml:"item" spec:"required"`
	// Source says where the FID list was transcribed from.
	Source string `yaml:"source"`
	// Notes are remarks for reviewers and the doc comment.
	Notes []string `yaml:"notes"`
	// FIDList lists the type's FIDs by number, in the order of the docs.
	FIDList []string `yaml:"fids" spec:"required"`
	// Overrides change the value type of a FID in this type only, with a reason.
	Overrides []*FIDOverride `yaml:"overrides"`

	// Fields are the resolved FIDs, in FIDList order.
	Fields []*RealtimeField `yaml:"-"`
	// File is the spec file's path for messages and headers.
	File string `yaml:"-"`
	// Pos is where the document starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// FIDOverride gives a FID another value type in one realtime type.
type FIDOverride struct {
	// FID is the FID number; it must be in the type's fids list.
	FID string `yaml:"fid" spec:"required"`
	// Type is the value type in this realtime type.
	Type string `yaml:"type" spec:"required"`
	// Unit replaces the table's unit when set.
	Unit string `yaml:"unit"`
	// Note says why this type differs from the table (required).
	Note string `yaml:"note" spec:"required"`

	// Pos is where the override's mapping starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// RealtimeField is one FID of a realtime type: the global table entry and the
// value type and unit in effect for the type.
type RealtimeField struct {
	// Field is the FID table entry (Name is the FID number, GoName the Go name).
	*Field
	// ValueType is the value type in this realtime type (the table's unless overridden).
	ValueType string
	// UnitHere is the unit in this realtime type.
	UnitHere string
	// Override is the override's note, "" when the table's type applies.
	Override string
}

// ConditionTR is one condition-search message spec (ka10171–ka10174).
type ConditionTR struct {
	// ID is the api-id, e.g. "ka10171"; the file is named <ID>.yaml.
	ID string `yaml:"id" spec:"required"`
	// Name is the Korean TR name.
	Name string `yaml:"name" spec:"required"`
	// Trnm is the message's trnm value (CNSRLST, CNSRREQ, CNSRCLR).
	Trnm string `yaml:"trnm" spec:"required"`
	// SearchType is the CNSRREQ search_type value ("0" or "1"); "" for others.
	SearchType string `yaml:"search_type"`
	// Go is the Go base name.
	Go string `yaml:"go" spec:"required"`
	// English is one English sentence for the doc comments.
	English string `yaml:"english" spec:"required"`
	// Source says where the tables were transcribed from.
	Source string `yaml:"source"`
	// Notes are remarks for reviewers.
	Notes []string `yaml:"notes"`
	// Request holds the request fields.
	Request []*Field `yaml:"request" spec:"required"`
	// Response holds the response fields.
	Response []*Field `yaml:"response" spec:"required"`

	// File is the spec file's path for messages and headers.
	File string `yaml:"-"`
	// Pos is where the document starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// fidsFile is the layout of specs/realtime/fids.yaml.
type fidsFile struct {
	FIDs []*Field `yaml:"fids" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

const fidsFileName = "fids.yaml"

// reservedEventNames are the Go names an event struct already uses.
func reservedEventNames() []string { return []string{"Push", "Item", "Extra", "Type", "Err", "Header"} }

// LoadRealtime reads and validates the realtime family in fsys under dir.
// Positions in errors start with display + "/" + file name.
func LoadRealtime(fsys fs.FS, dir, display string) (*RealtimeModel, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read realtime specs directory: %w", err)
	}
	var errs ErrorList
	m := &RealtimeModel{fids: map[string]*Field{}}
	read := func(name string) ([]byte, string, bool) {
		shown := display + "/" + name
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			errs.Add(Pos{File: shown, Line: 1, Col: 1}, err.Error())
			return nil, shown, false
		}
		return data, shown, true
	}

	if data, shown, ok := read(fidsFileName); ok {
		var ff fidsFile
		before := len(errs)
		parseFile(shown, data, &ff, &errs)
		if len(errs) == before {
			checkFIDTable(ff.FIDs, m, &errs)
		}
	}

	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") || name == fidsFileName {
			continue
		}
		data, shown, ok := read(name)
		if !ok {
			continue
		}
		base := strings.TrimSuffix(name, ".yaml")
		before := len(errs)
		if strings.HasPrefix(base, "ka") {
			c := new(ConditionTR)
			parseFile(shown, data, c, &errs)
			c.File = shown
			if len(errs) > before {
				continue
			}
			if c.ID != base {
				errs.Add(c.KeyPos["id"], fmt.Sprintf("id %q does not match the file name %q (want id %q)", c.ID, name, base))
			}
			m.Conditions = append(m.Conditions, c)
			continue
		}
		t := new(RealtimeType)
		parseFile(shown, data, t, &errs)
		t.File = shown
		if len(errs) > before {
			continue
		}
		if want := t.Code + "_" + t.Go; base != want {
			errs.Add(t.Pos, fmt.Sprintf("file name %q does not match code and go (want %s.yaml)", name, want))
		}
		m.Types = append(m.Types, t)
	}
	slices.SortFunc(m.Types, func(a, b *RealtimeType) int { return strings.Compare(a.Code, b.Code) })
	slices.SortFunc(m.Conditions, func(a, b *ConditionTR) int { return strings.Compare(a.ID, b.ID) })

	codes, goNames := map[string]*RealtimeType{}, map[string]string{}
	for _, t := range m.Types {
		if prev, dup := codes[t.Code]; dup {
			errs.Add(t.KeyPos["code"], fmt.Sprintf("type code %q is already used by %s", t.Code, prev.File))
		}
		codes[t.Code] = t
		if prev, dup := goNames[t.Go]; dup {
			errs.Add(t.KeyPos["go"], fmt.Sprintf("Go name %q is already used by %s", t.Go, prev))
		}
		goNames[t.Go] = t.File
		checkRealtimeType(t, m, &errs)
	}
	for _, c := range m.Conditions {
		if prev, dup := goNames[c.Go]; dup {
			errs.Add(c.KeyPos["go"], fmt.Sprintf("Go name %q is already used by %s", c.Go, prev))
		}
		goNames[c.Go] = c.File
		checkConditionTR(c, m, &errs)
	}
	if len(m.Types) == 0 && len(errs) == 0 {
		errs.Add(Pos{File: display, Line: 1, Col: 1}, "no realtime type specs found")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// isFIDNumber reports whether s is a FID: decimal digits without a leading zero.
func isFIDNumber(s string) bool {
	if s == "" || s[0] == '0' || len(s) > 9 {
		return false
	}
	for i := range len(s) {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}

func checkFIDTable(fids []*Field, m *RealtimeModel, errs *ErrorList) {
	goNames := map[string]*Field{}
	for _, f := range fids {
		switch {
		case !isFIDNumber(f.Name):
			errs.Add(f.KeyPos["name"], fmt.Sprintf("FID %q is not a number (digits, no leading zero)", f.Name))
			continue
		case m.fids[f.Name] != nil:
			errs.Add(f.KeyPos["name"], fmt.Sprintf("duplicate FID %q (first at line %d)", f.Name, m.fids[f.Name].Pos.Line))
			continue
		}
		checkRealtimeValue(f, "FID "+f.Name, errs)
		switch {
		case f.Go == "":
			errs.Add(f.Pos, fmt.Sprintf("FID %s: go: is required (a FID number is no Go name)", f.Name))
		case !isGoIdent(f.Go):
			errs.Add(f.KeyPos["go"], fmt.Sprintf("FID %s: go %q is not an exported Go identifier", f.Name, f.Go))
		case slices.Contains(reservedEventNames(), f.Go):
			errs.Add(f.KeyPos["go"], fmt.Sprintf("FID %s: Go name %q is reserved in an event struct", f.Name, f.Go))
		case goNames[f.Go] != nil:
			errs.Add(f.KeyPos["go"], fmt.Sprintf("FID %s: Go name %q is already used by FID %s", f.Name, f.Go, goNames[f.Go].Name))
		default:
			goNames[f.Go] = f
		}
		f.GoName = f.Go
		m.fids[f.Name] = f
		m.FIDs = append(m.FIDs, f)
	}
	slices.SortFunc(m.FIDs, func(a, b *Field) int {
		return cmp.Or(cmp.Compare(len(a.Name), len(b.Name)), strings.Compare(a.Name, b.Name))
	})
}

// checkRealtimeValue checks the keys of a FID that the realtime family restricts.
func checkRealtimeValue(f *Field, what string, errs *ErrorList) {
	if f.Title == "" {
		errs.Add(f.KeyPos["title"], what+": empty title")
	}
	if f.DocType != "String" {
		errs.Add(f.KeyPos["doc_type"], fmt.Sprintf("%s: doc_type %q: realtime values are String", what, f.DocType))
	}
	checkRealtimeType1(f.Type, f.Decimals, f.KeyPos["type"], what, errs)
	if f.Enum != "" || f.Fields != nil || f.Min != nil || f.RequiredWhen != nil || f.Sensitive || f.Length != 0 {
		errs.Add(f.Pos, what+": enum:, fields:, min:, required_when:, sensitive: and length: are not used in the realtime family")
	}
}

func checkRealtimeType1(typ string, decimals int, pos Pos, what string, errs *ErrorList) {
	if !slices.Contains(RealtimeValueTypes(), typ) {
		errs.Add(pos, fmt.Sprintf("%s: unknown value type %q (one of %s)", what, typ, strings.Join(RealtimeValueTypes(), ", ")))
		return
	}
	if typ == TypeImpliedDecimal && decimals != 2 {
		errs.Add(pos, what+": implied_decimal needs decimals: 2")
	}
}

func isTypeCode(s string) bool {
	return len(s) == 2 && isGoWord(s)
}

func checkRealtimeType(t *RealtimeType, m *RealtimeModel, errs *ErrorList) {
	if !isTypeCode(t.Code) {
		errs.Add(t.KeyPos["code"], fmt.Sprintf("code %q is not a two-character type code like 0B", t.Code))
	}
	if !isGoIdent(t.Go) {
		errs.Add(t.KeyPos["go"], fmt.Sprintf("go %q is not an exported Go identifier", t.Go))
	}
	if !slices.Contains(RealtimeItemKinds(), t.Item) {
		errs.Add(t.KeyPos["item"], fmt.Sprintf("item %q is not one of %s", t.Item, strings.Join(RealtimeItemKinds(), ", ")))
	}
	if len(t.FIDList) == 0 {
		errs.Add(t.KeyPos["fids"], "a realtime type needs at least one FID")
	}
	overrides := map[string]*FIDOverride{}
	for _, o := range t.Overrides {
		if overrides[o.FID] != nil {
			errs.Add(o.KeyPos["fid"], fmt.Sprintf("duplicate override of FID %q", o.FID))
		}
		overrides[o.FID] = o
		if !slices.Contains(t.FIDList, o.FID) {
			errs.Add(o.KeyPos["fid"], fmt.Sprintf("override of FID %q, which is not in fids", o.FID))
		}
		checkRealtimeType1(o.Type, 0, o.KeyPos["type"], "override of FID "+o.FID, errs)
		if o.Type == TypeImpliedDecimal {
			errs.Add(o.KeyPos["type"], "override of FID "+o.FID+": implied_decimal is not available as an override")
		}
		if strings.TrimSpace(o.Note) == "" {
			errs.Add(o.KeyPos["note"], "override of FID "+o.FID+": note: must say why this type differs")
		}
		if f := m.fids[o.FID]; f != nil && f.Type == o.Type && (o.Unit == "" || o.Unit == f.Unit) {
			errs.Add(o.KeyPos["type"], fmt.Sprintf("override of FID %q changes nothing", o.FID))
		}
	}
	seen := map[string]int{}
	for i, num := range t.FIDList {
		if j, dup := seen[num]; dup {
			errs.Add(t.KeyPos["fids"], fmt.Sprintf("fids[%d]: FID %q is listed twice (first at fids[%d])", i, num, j))
			continue
		}
		seen[num] = i
		f := m.fids[num]
		if f == nil {
			errs.Add(t.KeyPos["fids"], fmt.Sprintf("fids[%d]: FID %q is not in %s", i, num, fidsFileName))
			continue
		}
		rf := &RealtimeField{Field: f, ValueType: f.Type, UnitHere: f.Unit}
		if o := overrides[num]; o != nil {
			rf.ValueType, rf.Override = o.Type, o.Note
			if o.Unit != "" {
				rf.UnitHere = o.Unit
			}
		}
		t.Fields = append(t.Fields, rf)
	}
}

func checkConditionTR(c *ConditionTR, m *RealtimeModel, errs *ErrorList) {
	if !isTRID(c.ID) {
		errs.Add(c.KeyPos["id"], fmt.Sprintf("id %q is not a TR id like ka10171", c.ID))
	}
	if !isGoIdent(c.Go) {
		errs.Add(c.KeyPos["go"], fmt.Sprintf("go %q is not an exported Go identifier", c.Go))
	}
	switch c.Trnm {
	case "CNSRLST", "CNSRCLR":
		if c.SearchType != "" {
			errs.Add(c.KeyPos["search_type"], "search_type: belongs to CNSRREQ only")
		}
	case "CNSRREQ":
		if c.SearchType != "0" && c.SearchType != "1" {
			errs.Add(c.KeyPos["trnm"], "CNSRREQ needs search_type: \"0\" or \"1\"")
		}
	default:
		errs.Add(c.KeyPos["trnm"], fmt.Sprintf("trnm %q is not CNSRLST, CNSRREQ or CNSRCLR", c.Trnm))
	}
	tm := &Model{enums: map[string]*Enum{}}
	checkFields(nil, c.Request, "message", tm, errs)
	checkFields(nil, c.Response, "message", tm, errs)
	for _, f := range c.Response {
		for _, rf := range f.Fields {
			// A row field named by a FID must agree with the FID table.
			g := m.fids[rf.Name]
			if g == nil {
				continue
			}
			if rf.GoName != g.GoName {
				errs.Add(rf.Pos, fmt.Sprintf("row field %q: Go name %q differs from the FID table's %q", rf.Name, rf.GoName, g.GoName))
			}
			if rf.Type != g.Type && strings.TrimSpace(rf.Note) == "" {
				errs.Add(rf.KeyPos["type"], fmt.Sprintf("row field %q: type %s differs from the FID table's %s; say why in note:", rf.Name, rf.Type, g.Type))
			}
		}
	}
}
