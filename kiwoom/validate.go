package kiwoom

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidRequest matches (with errors.Is) every *ValidationError: a request the
// client refused to send because it breaks its TR's field table.
var ErrInvalidRequest = errors.New("kiwoom: invalid request")

// FieldProblem is one problem with one request field.
type FieldProblem struct {
	Field   string // wire name, e.g. "stk_cd"
	Problem string // what is wrong, e.g. "required"
}

// ValidationError lists every problem of a request at once. The client returns it
// before anything is sent.
type ValidationError struct {
	TR       string         // api-id
	Problems []FieldProblem // every problem found, in field order
}

// Error lists the problems, one field each.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Problem
	}
	return fmt.Sprintf("kiwoom: %s request is invalid: %s", e.TR, strings.Join(parts, "; "))
}

// Is reports whether target is ErrInvalidRequest.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRequest }

// Field returns the problem of the field with the given wire name, or "".
func (e *ValidationError) Field(name string) string {
	for _, p := range e.Problems {
		if p.Field == name {
			return p.Problem
		}
	}
	return ""
}

// Validator collects the problems of a request's fields, one call per field,
// for generated Validate methods and request types of your own; Err returns
// them as one *ValidationError.
type Validator struct {
	tr       string
	problems []FieldProblem
}

// NewValidator starts validating a request of the TR with the given api-id.
func NewValidator(tr string) *Validator { return &Validator{tr: tr} }

// Add records a problem of field.
func (v *Validator) Add(field, format string, args ...any) {
	v.problems = append(v.problems, FieldProblem{Field: field, Problem: fmt.Sprintf(format, args...)})
}

// Err returns the problems as a *ValidationError, or nil when there are none.
func (v *Validator) Err() error {
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{TR: v.tr, Problems: v.problems}
}

// Text checks a text or code field: presence and documented length (in bytes).
func (v *Validator) Text(field, s string, required bool, length int) {
	switch {
	case s == "":
		if required {
			v.Add(field, "required")
		}
	case length > 0 && len(s) > length:
		v.Add(field, "%q is %d bytes long, at most %d allowed", s, len(s), length)
	}
}

// Secret checks a sensitive field without ever echoing its value.
func (v *Validator) Secret(field string, s Secret, required bool, length int) {
	switch {
	case s == "":
		if required {
			v.Add(field, "required")
		}
	case length > 0 && len(s) > length:
		v.Add(field, "is %d bytes long, at most %d allowed", len(s), length)
	}
}

// Date checks a date field: presence and a real calendar date.
func (v *Validator) Date(field string, d Date, required bool) {
	if d.IsZero() {
		if required {
			v.Add(field, "required")
		}
		return
	}
	if _, err := ParseDate(d.String()); err != nil {
		v.Add(field, "%v/%d/%d is not a valid date", d.Year, int(d.Month), d.Day)
	}
}

// WireValue is a value type that knows its wire form (Int, Decimal, Price, …).
type WireValue interface {
	IsZero() bool
	String() string
}

// Value checks a request field of a value type (Int, Decimal, …): presence,
// sign and the documented length of its wire form. Every numeric request field
// documented so far is a quantity or a price, so a negative value is refused.
func (v *Validator) Value(field string, x WireValue, required bool, length int) {
	switch {
	case x.IsZero():
		if required {
			v.Add(field, "required")
		}
	case strings.HasPrefix(x.String(), "-"):
		v.Add(field, "%s is negative; a request quantity or price must not be", x.String())
	case length > 0 && len(x.String()) > length:
		v.Add(field, "%s is %d bytes long, at most %d allowed", x.String(), len(x.String()), length)
	}
}

// Min checks the smallest value a request Int accepts (e.g. 1 for an order
// quantity); an absent value is left to the required check.
func (v *Validator) Min(field string, x Int, min int64) {
	if x.Present && x.Value >= 0 && x.Value < min { // a negative one is reported by value
		v.Add(field, "%d is less than %d", x.Value, min)
	}
}

// RequiredWhen reports a field that is required because another field has a
// value that needs it.
func (v *Validator) RequiredWhen(field string, isZero bool, because string) {
	if isZero {
		v.Add(field, "required when %s", because)
	}
}

// Price checks a request price: presence, length, a non-negative Value and no
// sign. A sign on a response price is its direction against the previous close;
// a request price is just an amount, so it goes out unsigned.
func (v *Validator) Price(field string, p Price, required bool, length int) {
	if p.Present && p.Value < 0 {
		v.Add(field, "Value %d is negative; a price's Value is its magnitude", p.Value)
		return
	}
	if p.Present && p.Sign != SignNone {
		v.Add(field, "a request price has no sign; use NewPrice(%d, SignNone)", p.Value)
		return
	}
	v.Value(field, p, required, length)
}

// Present checks that a required field of any other type has a value.
func (v *Validator) Present(field string, isZero, required bool) {
	if isZero && required {
		v.Add(field, "required")
	}
}

// Enum is what every generated enum type provides.
type Enum[E any] interface {
	~string
	Valid() bool
	Label() string
	Values() []E
}

// CheckEnum checks an enum field: presence and membership. The problem lists
// the allowed values with their Korean labels. length, the documented length,
// is not checked: every generated value fits it (the generator checks that), so
// a valid value cannot exceed it.
func CheckEnum[E Enum[E]](v *Validator, field string, e E, required bool) {
	switch {
	case e == "":
		if required {
			v.Add(field, "required; one of %s", allowed(e))
		}
	case !e.Valid():
		v.Add(field, "%q is not one of %s", string(e), allowed(e))
	}
}

func allowed[E Enum[E]](e E) string {
	vals := e.Values()
	parts := make([]string, len(vals))
	for i, x := range vals {
		parts[i] = string(x) + " (" + x.Label() + ")"
	}
	return strings.Join(parts, ", ")
}
