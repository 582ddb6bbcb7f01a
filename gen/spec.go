// Package gen loads the YAML TR specs under specs/, validates them into a model and
// renders the typed kiwoom package from that model with jennifer.
//
// The loader is strict: every key is known, every required key is present, every
// reference resolves, and every problem is reported as file:line:col.
package gen

import "strings"

// Import paths of the generated code.
const (
	// ModulePath is the module the generated packages belong to.
	ModulePath = "github.com/kiwoomgo/kiwoom"
	// CorePath is the import path of the hand-written core package kiwoom.
	CorePath = ModulePath + "/kiwoom"
	// WirePath is the import path of the decoding runtime of generated code.
	WirePath = CorePath + "/internal/wire"
	// CatalogPath is the import path of the generated catalogue.
	CatalogPath = CorePath + "/catalog"
)

// Pos is a position in a spec file.
type Pos struct {
	// File is the file's path as the loader shows it, e.g. "specs/ka10001.yaml".
	File string
	// Line is the 1-based line number.
	Line int
	// Col is the 1-based column number.
	Col int
}

// String formats the position as file:line:col.
func (p Pos) String() string {
	return p.File + ":" + itoa(p.Line) + ":" + itoa(p.Col)
}

// TR is one transaction (TR) spec: a specs/<family>/<id>.yaml file.
type TR struct {
	// ID is the api-id, e.g. "ka10001"; the file is named <ID>.yaml.
	ID string `yaml:"id" spec:"required"`
	// Name is the Korean TR name, verbatim from the docs.
	Name string `yaml:"name" spec:"required"`
	// Go is the Go base name: the Client method, <Go>Request, <Go>Response, <Go>Row.
	Go string `yaml:"go" spec:"required"`
	// Summary is the docs' 개요 line, verbatim; "" when the docs have none.
	Summary string `yaml:"summary"`
	// English is one English sentence for the generated doc comments.
	English string `yaml:"english" spec:"required"`
	// Path is the URL path, starting with "/".
	Path string `yaml:"path" spec:"required"`
	// Kind is KindAuth, KindQuery or KindOrder; it decides token and retry rules.
	Kind string `yaml:"kind" spec:"required"`
	// Paging is true when the TR continues with the cont-yn and next-key headers.
	Paging bool `yaml:"paging" spec:"required"`
	// Rows is the wire name of the top-level list field that carries a paging TR's rows.
	Rows string `yaml:"rows"`
	// Source says where the tables were transcribed from.
	Source string `yaml:"source"`
	// Notes are remarks for reviewers (doc inconsistencies, sic, …).
	Notes []string `yaml:"notes"`
	// Lint silences lint rules for the whole TR.
	Lint []LintSkip `yaml:"lint"`
	// Review is a review mark left by kiwoomgen import: why a TR-level choice (Go name,
	// English sentence, paging, example) needs a person; lint fails while one remains.
	Review string `yaml:"review"`
	// Upstream acknowledges TR-level differences from Kiwoom's official spec file.
	Upstream []UpstreamAck `yaml:"upstream"`
	// Request holds the request fields in the docs' order.
	Request []*Field `yaml:"request" spec:"required"`
	// Response holds the response fields in the docs' order.
	Response []*Field `yaml:"response" spec:"required"`

	// File is the spec file's path as given to the loader (for messages and headers).
	File string `yaml:"-"`
	// Family is the family the TR belongs to (its directory under specs/).
	Family *Family `yaml:"-"`
	// Pos is where the document starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// Family is one Kiwoom URL family and the Go package its TRs are generated
// into: an entry of specs/families.yaml.
type Family struct {
	// Name is the Go package name and the directory under specs/ and kiwoom/,
	// e.g. "chart"; a US family will be "us/<name>".
	Name string `yaml:"name" spec:"required"`
	// Path is the URL path of the family's TRs, e.g. "/api/dostk/chart"; a TR's
	// path is this path or starts with it and a slash.
	Path string `yaml:"path" spec:"required"`
	// Title is the family's Korean name in Kiwoom's docs, e.g. "차트".
	Title string `yaml:"title" spec:"required"`
	// English is one English sentence for the package doc.
	English string `yaml:"english" spec:"required"`
	// Core generates the family into the core package kiwoom (the token TRs the
	// client itself calls) instead of a package of its own.
	Core bool `yaml:"core"`
	// Separate marks a family whose specs have their own loader (realtime);
	// the TR loader skips its directory.
	Separate bool `yaml:"separate"`

	// TRs are the family's TRs in api-id order.
	TRs []*TR `yaml:"-"`
	// Pos is where the entry starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// Package returns the Go package name of the family's generated code.
func (f *Family) Package() string {
	if f == nil || f.Core {
		return PackageName
	}
	return f.Name[strings.LastIndexByte(f.Name, '/')+1:]
}

// Dir returns the family's directory under kiwoom/, "" for the core package.
func (f *Family) Dir() string {
	if f == nil || f.Core {
		return ""
	}
	return f.Name
}

// ImportPath returns the import path of the family's generated package. Like
// Package and Dir it may be called on a nil Family, which stands for the core
// package (a shared enum has no family).
func (f *Family) ImportPath() string {
	if d := f.Dir(); d != "" {
		return CorePath + "/" + d
	}
	return CorePath
}

// Group is a shared field table of specs/groups.yaml: a list of fields that
// TR files insert with `- use: <name>` where a table repeats.
type Group struct {
	// Name is how TR files refer to the group.
	Name string `yaml:"name" spec:"required"`
	// Note says which TRs share the table and why.
	Note string `yaml:"note"`
	// Fields are the group's fields, in the docs' order.
	Fields []*Field `yaml:"fields" spec:"required"`

	// Pos is where the group's mapping starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// Field is one row of a request or response field table, or a reference to a
// shared Group (Use set, no other key).
type Field struct {
	// Use names a Group of groups.yaml whose fields stand here instead; a field
	// with use: has no other key.
	Use string `yaml:"use" spec:"alone"`
	// Name is the wire name, verbatim (it may start with a digit or be camelCase).
	Name string `yaml:"name" spec:"required"`
	// Title is the Korean name (한글명), verbatim.
	Title string `yaml:"title" spec:"required"`
	// DocType is the docs' type column: "String" or "LIST".
	DocType string `yaml:"doc_type" spec:"required"`
	// Required is the docs' required column.
	Required bool `yaml:"required" spec:"required"`
	// Length is the docs' length column; 0 when blank. Validate enforces it on requests.
	Length int `yaml:"length"`
	// Description is the docs' description, verbatim (Korean).
	Description string `yaml:"description"`
	// Type is the value type, one of ValueTypes.
	Type string `yaml:"type" spec:"required"`
	// Enum names the enum of enums.yaml a TypeEnum field takes its values from.
	Enum string `yaml:"enum"`
	// Unit is the unit of the value, e.g. "원", "백만원", "1주", "%"; "" when none.
	Unit string `yaml:"unit"`
	// Decimals is the number of fraction digits of a TypeImpliedDecimal or
	// TypeImpliedIndex value.
	Decimals int `yaml:"decimals"`
	// Go overrides the Go field name derived from Name; "" to derive it.
	Go string `yaml:"go"`
	// Sensitive marks secrets (app key, secret key, token), redacted in logs and errors.
	Sensitive bool `yaml:"sensitive"`
	// Min is the smallest value an int request field accepts (e.g. 1 for an order
	// quantity); nil when the docs set none (request numbers are never negative).
	Min *int `yaml:"min"`
	// RequiredWhen makes an optional request field required when another
	// request field (an enum) has one of the listed values.
	RequiredWhen *Condition `yaml:"required_when"`
	// Note is a reviewer remark on this field.
	Note string `yaml:"note"`
	// Lint silences lint rules on this field (and, on a list, on its row fields).
	Lint []LintSkip `yaml:"lint"`
	// Review is a review mark left by kiwoomgen import: why an inferred choice is
	// unsure; lint fails while one remains.
	Review string `yaml:"review"`
	// Upstream acknowledges differences of this field from Kiwoom's official spec file.
	Upstream []UpstreamAck `yaml:"upstream"`
	// Fields are the row fields of a TypeList field.
	Fields []*Field `yaml:"fields"`

	// GoName is the resolved Go field name (the override or the derived name).
	GoName string `yaml:"-"`
	// Group is the name of the Group the field was inserted from; "" when the
	// field is written in its TR file.
	Group string `yaml:"-"`
	// enum is the resolved Enum of a TypeEnum field.
	enum *Enum
	// Pos is where the field's mapping starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// Condition names request values under which a field is required.
type Condition struct {
	// Field is the wire name of an enum request field of the same TR.
	Field string `yaml:"field" spec:"required"`
	// Values are wire values of that field's enum.
	Values []string `yaml:"values" spec:"required"`
	// Reason says why, for the error message and the docs (Korean or English).
	Reason string `yaml:"reason"`

	// Pos is where the condition's mapping starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// LintSkip silences one lint rule on a TR or a field, with the reason a reviewer reads.
type LintSkip struct {
	// Rule is the name of the silenced rule, one of LintRules.
	Rule string `yaml:"rule" spec:"required"`
	// Reason says why the finding is not a slip.
	Reason string `yaml:"reason" spec:"required"`

	// Pos is where the entry's mapping starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// Enum is one named value set from specs/enums.yaml.
type Enum struct {
	// Name is the Go type name, e.g. "StockExchange".
	Name string `yaml:"name" spec:"required"`
	// Wire names the wire name(s) the enum is used with, for reviewers.
	Wire string `yaml:"wire"`
	// Title is the Korean name of the value set.
	Title string `yaml:"title" spec:"required"`
	// Note is a remark on the enum.
	Note string `yaml:"note"`
	// Values are the enum's values in the docs' order.
	Values []*EnumValue `yaml:"values" spec:"required"`

	// Family is the family whose enums.yaml defines the enum; nil for a shared
	// enum of specs/enums.yaml, which lives in the core package.
	Family *Family `yaml:"-"`

	// Pos is where the enum's mapping starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// EnumValue is one value of an enum.
type EnumValue struct {
	// Value is the wire value, verbatim, e.g. "1".
	Value string `yaml:"value" spec:"required"`
	// Go is the constant suffix: the constant is the enum's Name followed by Go.
	Go string `yaml:"go" spec:"required"`
	// Label is the Korean label, verbatim.
	Label string `yaml:"label" spec:"required"`
	// Note is a remark on this value.
	Note string `yaml:"note"`

	// Pos is where the value's mapping starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// enumsFile is the layout of specs/enums.yaml.
type enumsFile struct {
	Enums []*Enum `yaml:"enums" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// familiesFile is the layout of specs/families.yaml.
type familiesFile struct {
	Families []*Family `yaml:"families" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// groupsFile is the layout of specs/groups.yaml.
type groupsFile struct {
	Groups []*Group `yaml:"groups" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// vocabularyFile is the layout of specs/vocabulary.yaml.
type vocabularyFile struct {
	Words map[string]string `yaml:"words" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// Value types a field may declare.
const (
	TypeText           = "text"
	TypeCode           = "code"
	TypeDate           = "date"
	TypeTime           = "time"
	TypeDateTime       = "datetime"
	TypeInt            = "int"
	TypePrice          = "price"
	TypeDecimal        = "decimal"
	TypeImpliedDecimal = "implied_decimal"
	// TypeIndex is index points with a decimal point whose sign is the direction
	// against the previous close ("-1762.61"): kiwoom.Index.
	TypeIndex = "index"
	// TypeImpliedIndex is index points sent without the point, two implied
	// decimals, with a direction sign ("+651627" = 6516.27 up): kiwoom.Index2.
	TypeImpliedIndex = "implied_index"
	// TypePercent is a decimal number of percent that may carry a '%' sign
	// ("45%"): kiwoom.Percent.
	TypePercent = "percent"
	// TypeGrouped is an integer with thousands separators ("56,900"):
	// kiwoom.GroupedInt.
	TypeGrouped = "grouped"
	TypePadded  = "padded"
	TypeFlags   = "flags"
	TypeEnum    = "enum"
	TypeList    = "list"
)

// ValueTypes lists every value type in a fixed order.
func ValueTypes() []string {
	return []string{TypeText, TypeCode, TypeDate, TypeTime, TypeDateTime, TypeInt, TypePrice,
		TypeDecimal, TypeImpliedDecimal, TypeIndex, TypeImpliedIndex, TypePercent, TypeGrouped, TypePadded, TypeFlags, TypeEnum, TypeList}
}

// TR kinds.
const (
	KindAuth  = "auth"
	KindQuery = "query"
	KindOrder = "order"
)
