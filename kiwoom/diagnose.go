package kiwoom

import (
	"encoding/json"
	"fmt"
)

// decodeError explains why a body did not decode into its typed response. The fast
// path decodes straight into the generated struct; only when that fails does this
// walk the body field by field, with the catalogue's value types, to name the field.
func (c *Client) decodeError(ep endpoint, raw []byte, cause error) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return &DecodeError{TR: ep.ID, Err: fmt.Errorf("body is not a JSON object: %w", err)}
	}
	if tr, ok := c.trs[ep.ID]; ok {
		if path, err := checkFields(tr.Response, top, ""); err != nil {
			return &DecodeError{TR: ep.ID, Field: path, Err: err}
		}
	}
	return &DecodeError{TR: ep.ID, Err: cause}
}

// checkFields decodes each documented field present in obj into its Go type and
// returns the path of the first one that fails.
func checkFields(fields []FieldInfo, obj map[string]json.RawMessage, prefix string) (string, error) {
	for _, f := range fields {
		raw, ok := obj[f.Name]
		if !ok {
			continue
		}
		path := prefix + f.Name
		if f.Type == TypeList {
			var items []map[string]json.RawMessage
			if err := json.Unmarshal(raw, &items); err != nil {
				return path, fmt.Errorf("not a list of objects: %w", err)
			}
			for i, item := range items {
				if p, err := checkFields(f.Fields, item, fmt.Sprintf("%s[%d].", path, i)); err != nil {
					return p, err
				}
			}
			continue
		}
		if err := json.Unmarshal(raw, valueOf(f.Type)); err != nil {
			return path, err
		}
	}
	return "", nil
}

// valueOf returns a pointer to a zero value of the Go type of a value type.
func valueOf(t ValueType) any {
	switch t {
	case TypeDate:
		return new(Date)
	case TypeTime:
		return new(TimeOfDay)
	case TypeDateTime:
		return new(DateTime)
	case TypeInt, TypePadded:
		return new(Int)
	case TypePrice:
		return new(Price)
	case TypeDecimal:
		return new(Decimal)
	case TypeImpliedDecimal:
		return new(Implied2)
	case TypeFlags:
		return new(Flags)
	}
	return new(string)
}
