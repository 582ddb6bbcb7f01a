package kiwoom

import "strings"

// Kind is what a TR does; it decides the client's retry rules.
type Kind string

// TR kinds.
const (
	// KindAuth is a token endpoint (au10001, au10002): sent without a bearer token.
	KindAuth Kind = "auth"
	// KindQuery reads data; the client may resend it after a transient failure.
	KindQuery Kind = "query"
	// KindOrder places, changes or cancels an order; the client never resends one
	// that may have run (only one Kiwoom rejected for its token before running it).
	KindOrder Kind = "order"
)

// ValueType is the value type a spec declares for a field.
type ValueType string

// Value types, as in specs/README.md.
const (
	TypeText           ValueType = "text"            // string
	TypeCode           ValueType = "code"            // string identifier
	TypeDate           ValueType = "date"            // Date, YYYYMMDD
	TypeTime           ValueType = "time"            // TimeOfDay, HHMMSS
	TypeDateTime       ValueType = "datetime"        // DateTime, YYYYMMDDHHMMSS in Korea time
	TypeInt            ValueType = "int"             // Int with an arithmetic sign
	TypePrice          ValueType = "price"           // Price: magnitude plus direction sign
	TypeDecimal        ValueType = "decimal"         // Decimal with a decimal point
	TypeImpliedDecimal ValueType = "implied_decimal" // Implied2: decimal sent without its point
	TypePadded         ValueType = "padded"          // Int sent zero-padded
	TypeFlags          ValueType = "flags"           // Flags, '|'-joined
	TypeEnum           ValueType = "enum"            // a generated enum type
	TypeList           ValueType = "list"            // a list of rows
)

// TRInfo describes one generated TR, from its spec.
type TRInfo struct {
	ID       string      // api-id, e.g. "ka10001"
	Name     string      // Korean name, e.g. "주식기본정보요청"
	GoName   string      // Go base name, e.g. "StockBasicInfo"
	English  string      // one-sentence English description
	Summary  string      // the docs' Korean summary (개요)
	Path     string      // URL path, e.g. "/api/dostk/stkinfo"
	Kind     Kind        // query, order or token TR
	Paging   bool        // continues with cont-yn / next-key
	Rows     string      // wire name of the list that carries rows, when Paging
	Request  []FieldInfo // the request fields
	Response []FieldInfo // the response body fields (envelope excluded)

	// NewRequest returns a new zero request of this TR (a pointer to its struct).
	NewRequest func() Request
	// NewResponse returns a new zero response of this TR (a pointer to its struct).
	NewResponse func() Response
}

// FieldInfo describes one request or response field.
type FieldInfo struct {
	Name        string      // wire name
	GoName      string      // Go field name
	Title       string      // Korean title (한글명)
	Type        ValueType   // the Go value type of the field
	Required    bool        // must be present (requests) or is always sent (responses)
	Length      int         // documented maximum length; 0 when not documented
	Unit        string      // e.g. "원", "%", "1주"
	Decimals    int         // implied decimals of TypeImpliedDecimal
	Sensitive   bool        // a secret: redacted in logs and errors
	Description string      // the docs' description, verbatim
	Enum        *EnumInfo   // the documented values, for an enum field; nil otherwise
	Fields      []FieldInfo // the row fields of a TypeList field
}

// EnumInfo describes one enum: its Go type name, Korean title and values.
type EnumInfo struct {
	Name   string          // Go type name, e.g. "OrderType"
	Title  string          // Korean title of the enum
	Values []EnumValueInfo // the documented values, in documented order
}

// EnumValueInfo is one documented enum value.
type EnumValueInfo struct {
	Value  string // wire value
	Label  string // Korean label
	GoName string // Go constant name
}

// Has reports whether v is one of the enum's documented values.
func (e *EnumInfo) Has(v string) bool {
	for _, ev := range e.Values {
		if ev.Value == v {
			return true
		}
	}
	return false
}

// Allowed lists the documented values with their labels, e.g. "1 (금액), 2 (수량)":
// the form validation errors use.
func (e *EnumInfo) Allowed() string {
	parts := make([]string, len(e.Values))
	for i, v := range e.Values {
		parts[i] = v.Value + " (" + v.Label + ")"
	}
	return strings.Join(parts, ", ")
}

// LookupTR returns the catalogue entry of the TR with the given api-id.
func LookupTR(id string) (TRInfo, bool) {
	for _, tr := range Catalog() {
		if tr.ID == id {
			return tr, true
		}
	}
	return TRInfo{}, false
}

// Field returns the field with the given wire name, or nil.
func (t *TRInfo) Field(request bool, name string) *FieldInfo {
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
