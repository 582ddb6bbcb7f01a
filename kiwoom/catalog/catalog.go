// Package catalog describes every TR this module generates, from its spec:
// the Go package and method, path, kind, paging, and each request and
// response field with its Korean title, value type, unit, allowed values and
// the reviewers' notes. The command line, the local server (kiwoomtest) and
// programs that choose TRs at run time use it; a program that calls TRs
// through their family packages never imports it and does not pay for it.
//
// The tables are built into the binary once and never change; TRs and Lookup
// hand out copies of the top-level entries, whose field slices are shared:
// treat them as read-only.
package catalog

import (
	"slices"
	"strings"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// ValueType is the value type a spec declares for a field.
type ValueType string

// Value types, as in specs/README.md.
const (
	TypeText           ValueType = "text"            // string
	TypeCode           ValueType = "code"            // string identifier
	TypeDate           ValueType = "date"            // kiwoom.Date, YYYYMMDD
	TypeTime           ValueType = "time"            // kiwoom.TimeOfDay, HHMMSS
	TypeDateTime       ValueType = "datetime"        // kiwoom.DateTime, YYYYMMDDHHMMSS in Korea time
	TypeInt            ValueType = "int"             // kiwoom.Int with an arithmetic sign
	TypePrice          ValueType = "price"           // kiwoom.Price: magnitude plus direction sign
	TypeDecimal        ValueType = "decimal"         // kiwoom.Decimal with a decimal point
	TypeImpliedDecimal ValueType = "implied_decimal" // kiwoom.Implied2: decimal sent without its point
	TypeIndex          ValueType = "index"           // kiwoom.Index: index points with a direction sign
	TypeImpliedIndex   ValueType = "implied_index"   // kiwoom.Index2: index points without their point, with a direction sign
	TypePercent        ValueType = "percent"         // kiwoom.Percent: a number of percent, maybe with a '%' sign
	TypeGrouped        ValueType = "grouped"         // kiwoom.GroupedInt: an integer with thousands separators
	TypePadded         ValueType = "padded"          // kiwoom.Int sent zero-padded
	TypeFlags          ValueType = "flags"           // kiwoom.Flags, '|'-joined
	TypeEnum           ValueType = "enum"            // a generated enum type
	TypeList           ValueType = "list"            // a list of rows
)

// Request is a generated request: it knows its Operation and validates
// itself. kiwoom.Client.Do sends it.
type Request interface {
	Operation() kiwoom.Operation
	Validate() error
}

// TR describes one generated TR.
type TR struct {
	ID       string      // api-id, e.g. "ka10001"
	Name     string      // Korean name, e.g. "주식기본정보요청"
	GoName   string      // Go base name, e.g. "BasicInfo": the method, <GoName>Request, <GoName>Response
	English  string      // one-sentence English description
	Summary  string      // the docs' Korean summary (개요)
	Family   string      // the family, e.g. "stockinfo" (specs/<Family>/)
	Package  string      // import path of the Go package, e.g. "github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
	Path     string      // URL path, e.g. "/api/dostk/stkinfo"
	Kind     kiwoom.Kind // query, order or token TR
	Paging   bool        // continues with cont-yn / next-key
	Rows     string      // wire name of the list that carries rows, when Paging
	Notes    []string    // the reviewers' notes of the spec: doubts, typos, unconfirmed facts
	Request  []Field     // the request fields
	Response []Field     // the response body fields (envelope excluded)

	// NewRequest returns a new zero request of this TR (a pointer to its struct).
	NewRequest func() Request
	// NewResponse returns a new zero response of this TR (a pointer to its struct).
	NewResponse func() kiwoom.Response
}

// Operation returns what kiwoom.Client.Do needs to send the TR.
func (t *TR) Operation() kiwoom.Operation {
	return kiwoom.Operation{ID: t.ID, Path: t.Path, Kind: t.Kind, Paging: t.Paging}
}

// PackageName returns the Go package name, e.g. "stockinfo".
func (t *TR) PackageName() string { return t.Package[strings.LastIndexByte(t.Package, '/')+1:] }

// Method returns how Go code calls the TR, e.g. "stockinfo.Client.BasicInfo"
// (or "kiwoom.Client.IssueToken" for the token TRs of the core package).
func (t *TR) Method() string { return t.PackageName() + ".Client." + t.GoName }

// Field returns the field with the given wire name, or nil.
func (t *TR) Field(request bool, name string) *Field {
	fields := t.Response
	if request {
		fields = t.Request
	}
	for i := range fields {
		if fields[i].Name == name {
			return &fields[i]
		}
	}
	return nil
}

// Field describes one request or response field.
type Field struct {
	Name        string    // wire name
	GoName      string    // Go field name
	Title       string    // Korean title (한글명)
	Type        ValueType // the Go value type of the field
	Required    bool      // must be present (requests) or is always sent (responses)
	Length      int       // documented maximum length; 0 when not documented
	Unit        string    // e.g. "원", "%", "1주"
	Decimals    int       // implied decimals of TypeImpliedDecimal and TypeImpliedIndex
	Sensitive   bool      // a secret: redacted in logs and errors
	Description string    // the docs' description, verbatim
	Note        string    // the reviewers' note on this field
	Enum        *Enum     // the documented values, for an enum field; nil otherwise
	Fields      []Field   // the row fields of a TypeList field
}

// Enum describes one enum: its Go type, Korean title and values.
type Enum struct {
	Name    string      // Go type name, e.g. "StockExchange"
	Package string      // import path of the package that defines it
	Title   string      // Korean title of the enum
	Values  []EnumValue // the documented values, in documented order
}

// EnumValue is one documented enum value.
type EnumValue struct {
	Value  string // wire value
	Label  string // Korean label
	GoName string // Go constant name
}

// Has reports whether v is one of the enum's documented values.
func (e *Enum) Has(v string) bool {
	return slices.ContainsFunc(e.Values, func(ev EnumValue) bool { return ev.Value == v })
}

// Allowed lists the documented values with their labels, e.g. "1 (금액), 2 (수량)":
// the form validation errors use.
func (e *Enum) Allowed() string {
	parts := make([]string, len(e.Values))
	for i, v := range e.Values {
		parts[i] = v.Value + " (" + v.Label + ")"
	}
	return strings.Join(parts, ", ")
}

// TRs returns every generated TR in api-id order.
func TRs() []TR { return slices.Clone(trs) }

// Lookup returns the TR with the given api-id.
func Lookup(id string) (TR, bool) {
	i, ok := slices.BinarySearchFunc(trs, id, func(t TR, id string) int { return strings.Compare(t.ID, id) })
	if !ok {
		return TR{}, false
	}
	return trs[i], true
}
