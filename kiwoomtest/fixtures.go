package kiwoomtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// fixture is one TR's recorded response.
type fixture struct {
	body map[string]json.RawMessage // the response body's top level
	keys []string                   // its keys in the fixture's order
	rows []json.RawMessage          // the rows list of a continued TR, or nil
	list string                     // the wire name of the rows list
}

// page returns the body of the page that starts at row offset, with the keys in
// the fixture's order.
func (f *fixture) page(offset, size int) ordered {
	out := ordered{}
	for _, k := range f.keys {
		if k == f.list && f.rows != nil {
			end := min(offset+size, len(f.rows))
			out = append(out, member{k, f.rows[min(offset, end):end]})
			continue
		}
		out = append(out, member{k, f.body[k]})
	}
	if _, ok := f.body["return_code"]; !ok {
		out = append(out, member{"return_code", codeOK})
	}
	if _, ok := f.body["return_msg"]; !ok {
		out = append(out, member{"return_msg", msgOK})
	}
	return out
}

// member is one key and value of an ordered JSON object.
type member struct {
	key   string
	value any
}

// ordered is a JSON object that keeps its keys in order.
type ordered []member

// MarshalJSON writes the members in order.
func (o ordered) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// topKeys returns the keys of a JSON object in document order.
func topKeys(doc []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

// loadFixtures reads <api-id>/response.json (and request.json, for stock codes)
// of every catalogue TR that has one, and collects the stock codes they mention.
func (h *Handler) loadFixtures() error {
	h.fixtures = map[string]*fixture{}
	for id, tr := range h.trs {
		if tr.Kind == kiwoom.KindAuth {
			continue
		}
		b, err := fs.ReadFile(h.cfg.fixtures, path.Join(id, "response.json"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("kiwoomtest: fixture %s: %w", id, err)
		}
		var body map[string]json.RawMessage
		if err := json.Unmarshal(b, &body); err != nil || body == nil {
			return fmt.Errorf("kiwoomtest: fixture %s/response.json is not a JSON object: %v", id, err)
		}
		fx := &fixture{body: body, keys: topKeys(b)}
		if fx.list = tr.Rows; tr.Paging && tr.Rows != "" && !slices.Contains(fx.keys, tr.Rows) {
			fx.keys = append(fx.keys, tr.Rows)
		}
		if tr.Paging && tr.Rows != "" {
			fx.rows = []json.RawMessage{}
			if raw, ok := body[tr.Rows]; ok {
				if err := json.Unmarshal(raw, &fx.rows); err != nil {
					return fmt.Errorf("kiwoomtest: fixture %s/response.json: %s is not a list: %v", id, tr.Rows, err)
				}
				if fx.rows == nil {
					fx.rows = []json.RawMessage{}
				}
			}
			fx.body = maps.Clone(body)
			delete(fx.body, tr.Rows)
		}
		h.fixtures[id] = fx
		h.collectCodes(b)
		if req, err := fs.ReadFile(h.cfg.fixtures, path.Join(id, "request.json")); err == nil {
			h.collectCodes(req)
		}
	}
	return nil
}

// collectCodes adds every stk_cd value, and every six-character code value (the
// stock code of ka10099/ka10100; sector codes are shorter), found anywhere in a
// JSON document to the known stock codes.
func (h *Handler) collectCodes(doc []byte) {
	var v any
	if json.Unmarshal(doc, &v) != nil {
		return
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && (k == "stk_cd" || k == "code" && len(baseCode(s)) == 6) && s != "" {
					h.stocks[baseCode(s)] = true
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
}
