package realtime

import (
	"fmt"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// Type is a realtime type code as sent in REG and in pushes, e.g. "0B"
// (TypeStockTrade). Codes are case-sensitive: "0g" and "0G" are different types.
type Type string

// Event is one decoded push: a pointer to one of the generated event structs
// (*StockTrade, *StockOrderBook, …) or *Unknown for a type this version does not
// know. Events are shared by every subscriber of the same type and item: treat
// them as read-only.
type Event interface {
	// Type returns the realtime type code of the event.
	Type() Type
	// Header returns the part every event shares: item, unknown FIDs, decode errors.
	Header() *Push
	setFID(fid int, v []byte) (bool, error)
}

// Push is embedded in every event: what the push says besides its FIDs.
type Push struct {
	// Item is the pushed item: a stock, sector or ELW code, MGD/MGU, or "" (0s).
	// For 00, 04 and 1h it is the stock code although they are registered with "".
	Item string
	// Extra holds the FIDs this version does not know, and values that did not
	// decode, by FID, unquoted (nil when there are none).
	Extra map[string]string
	// Err is a *FieldError for the first FID whose value did not decode (its raw
	// value is in Extra, the field stays absent), or nil.
	Err error
}

// Header returns p itself.
func (p *Push) Header() *Push { return p }

func (p *Push) extra() *map[string]string { return &p.Extra }

// Unknown is a push of a type this version does not know. All its FIDs are in Extra.
type Unknown struct {
	// Push holds the item and, in Extra, every FID.
	Push
	// Code is the pushed type code.
	Code Type
}

// Type returns the pushed type code.
func (u *Unknown) Type() Type { return u.Code }

func (u *Unknown) setFID(int, []byte) (bool, error) { return false, nil }

// FieldError reports a FID value that could not be decoded into its value type.
type FieldError struct {
	// Type is the realtime type (or "ka10172" for condition-search rows).
	Type Type
	// FID is the FID number and Field its Go name ("" when not in the table).
	FID, Field string
	// Err is the value error, usually a *kiwoom.ValueError.
	Err error
}

// Error names the type, the FID and its Go name.
func (e *FieldError) Error() string {
	name := e.FID
	if e.Field != "" {
		name += " (" + e.Field + ")"
	}
	return fmt.Sprintf("realtime: %s FID %s: %v", e.Type, name, e.Err)
}

// Unwrap returns the value error.
func (e *FieldError) Unwrap() error { return e.Err }

// ValueType is the value type of a FID, as in the specs.
type ValueType string

// Value types of FIDs.
const (
	ValueText           ValueType = "text"            // string, verbatim
	ValueCode           ValueType = "code"            // string identifier or code
	ValueDate           ValueType = "date"            // kiwoom.Date (YYYYMMDD)
	ValueTime           ValueType = "time"            // kiwoom.TimeOfDay (HHmmss)
	ValueInt            ValueType = "int"             // kiwoom.Int
	ValuePadded         ValueType = "padded"          // kiwoom.Int, zero-padded on the wire
	ValuePrice          ValueType = "price"           // kiwoom.Price (magnitude + direction sign)
	ValueDecimal        ValueType = "decimal"         // kiwoom.Decimal
	ValueImpliedDecimal ValueType = "implied_decimal" // kiwoom.Implied2
	ValueIndex          ValueType = "index"           // Index (points + direction sign)
)

// FIDInfo describes one FID: number, Korean title, Go field name, value type, unit.
type FIDInfo struct {
	// FID is the FID number.
	FID int
	// Title is the Korean name.
	Title string
	// GoName is the event field's name.
	GoName string
	// Type is the value type.
	Type ValueType
	// Unit is the unit ("원", "1주", "%", …), "" when none.
	Unit string
}

// TypeInfo describes one realtime type for tools.
type TypeInfo struct {
	// Type is the code, e.g. "0B".
	Type Type
	// Name is the Korean API name and PushedName the name pushes carry.
	Name, PushedName string
	// GoName is the event struct's name, e.g. "StockTrade".
	GoName string
	// English is one sentence on what the type reports.
	English string
	// Item is what the type is registered with: stock, sector, elw, gold,
	// account, market, any or condition.
	Item string
	// FIDs are the type's FIDs in the order of the docs, with the value type in
	// effect for this type.
	FIDs []FIDInfo
}

// AnyItem reports whether the type is registered with the item "" (00, 04, 0s, 1h).
func (t TypeInfo) AnyItem() bool {
	return t.Item == "account" || t.Item == "market" || t.Item == "any"
}

// MessageInfo describes one condition-search message (ka10171–ka10174).
type MessageInfo struct {
	// ID is the api-id (ka10171 …) and Name the Korean name.
	ID string
	// Name is the Korean TR name.
	Name string
	// Trnm is the message's trnm (CNSRLST, CNSRREQ, CNSRCLR).
	Trnm string
	// SearchType is CNSRREQ's search_type ("0" once, "1" realtime).
	SearchType string
	// GoName is the Go base name.
	GoName string
	// English says what the message does.
	English string
}

// LookupType finds a type by code ("0B") or Go name ("StockTrade").
func LookupType(s string) (TypeInfo, bool) {
	for _, t := range Types() {
		if string(t.Type) == s || t.GoName == s {
			return t, true
		}
	}
	return TypeInfo{}, false
}

// Index is index points sent with a direction sign, as 0J and 0U send FIDs 10
// and 16–18 ("-1762.61" is 1,762.61 points, down on the previous close): the
// core's kiwoom.Index, which REST sector TRs use too.
type Index = kiwoom.Index
