package kiwoomtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

// serveTR answers a call on a TR path: api-id dispatch, authentication, rate
// limit, body validation, then the fixture page.
func (h *Handler) serveTR(rec *recorder, r *http.Request) {
	apiID := rec.apiID
	if apiID == "" {
		rec.fail(errNoAPIID())
		return
	}
	tr, ok := h.trs[apiID]
	if !ok {
		rec.fail(errUnknownAPIID(apiID))
		return
	}
	if tr.Path != r.URL.Path {
		rec.fail(errWrongURI(apiID, r.URL.Path))
		return
	}
	appKey, aerr, ok := h.authenticate(r)
	if !ok {
		rec.fail(aerr)
		return
	}
	if !h.allow(appKey) {
		rec.fail(errRateLimit(apiID))
		return
	}
	obj, err := readObject(r)
	if err != nil {
		rec.fail(errFormat("body", "요청 본문이 JSON 객체가 아닙니다"))
		return
	}
	values, verr := h.validate(tr, obj)
	if verr != nil {
		rec.fail(*verr)
		return
	}
	fx := h.fixtures[tr.ID]
	if fx == nil {
		rec.fail(errUnexpected(tr.ID + "/response.json 픽스처가 없습니다"))
		return
	}
	offset := 0
	if r.Header.Get("cont-yn") == "Y" {
		key := r.Header.Get("next-key")
		off, ok := h.parseNextKey(tr.ID, values, key)
		if !ok || (tr.Paging && off >= len(fx.rows)) {
			rec.fail(errFormat("next-key", "연속조회키가 올바르지 않습니다"))
			return
		}
		offset = off
	}
	body := fx.page(offset, h.cfg.pageSize)
	contYN, nextKey := "N", ""
	if tr.Paging && fx.rows != nil && offset+h.cfg.pageSize < len(fx.rows) {
		contYN, nextKey = "Y", h.nextKey(tr.ID, values, offset+h.cfg.pageSize)
	}
	rec.send(body, contYN, nextKey)
}

// validate checks a request body against the TR's field table, as Kiwoom does:
// the first problem found is the answer. It returns the documented fields' values.
func (h *Handler) validate(tr catalog.TR, obj map[string]json.RawMessage) (map[string]string, *apiErr) {
	values := map[string]string{}
	if h.cfg.strict {
		names := make([]string, 0, len(obj))
		for name := range obj {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			if tr.Field(true, name) == nil {
				e := errFormat(name, "정의되지 않은 파라미터입니다")
				return nil, &e
			}
		}
	}
	for _, f := range tr.Request {
		s, present, ok := stringField(obj, f.Name)
		if !ok {
			e := errFormat(f.Name, "문자열이어야 합니다")
			return nil, &e
		}
		if !present || s == "" {
			if f.Required {
				e := errRequired(f.Name)
				return nil, &e
			}
			continue
		}
		if reason := checkValue(f, s); reason != "" {
			e := errFormat(f.Name, reason)
			return nil, &e
		}
		values[f.Name] = s
	}
	// ka10095 (관심종목정보) takes several codes joined with '|'.
	if codes, ok := values["stk_cd"]; ok {
		for code := range strings.SplitSeq(codes, "|") {
			if !h.stocks[baseCode(code)] {
				e := errUnknownStock(code)
				return nil, &e
			}
		}
	}
	return values, nil
}

// checkValue returns why s is not a valid value of f, or "".
func checkValue(f catalog.Field, s string) string {
	if f.Length > 0 && len(s) > f.Length {
		return fmt.Sprintf("길이가 %d바이트로 최대 길이 %d바이트를 넘습니다", len(s), f.Length)
	}
	switch f.Type {
	case catalog.TypeDate:
		if len(s) != 8 {
			return fmt.Sprintf("%q은(는) YYYYMMDD 형식의 날짜가 아닙니다", s)
		}
		if _, err := kiwoom.ParseDate(s); err != nil {
			return fmt.Sprintf("%q은(는) YYYYMMDD 형식의 올바른 날짜가 아닙니다", s)
		}
	case catalog.TypeInt, catalog.TypePadded:
		var v kiwoom.Int
		if err := unmarshalString(&v, s); err != nil {
			return fmt.Sprintf("%q은(는) 정수가 아닙니다", s)
		}
		if v.Value < 0 {
			return fmt.Sprintf("%q은(는) 음수일 수 없습니다", s)
		}
	case catalog.TypePrice:
		var v kiwoom.Price
		if err := unmarshalString(&v, s); err != nil {
			return fmt.Sprintf("%q은(는) 가격(정수)이 아닙니다", s)
		}
		if v.Sign != kiwoom.SignNone || v.Value < 0 {
			return fmt.Sprintf("%q은(는) 부호 없는 가격이어야 합니다", s)
		}
	case catalog.TypeDecimal:
		var v kiwoom.Decimal
		if err := unmarshalString(&v, s); err != nil {
			return fmt.Sprintf("%q은(는) 숫자가 아닙니다", s)
		}
	case catalog.TypeEnum:
		if f.Enum != nil && !f.Enum.Has(s) {
			vals := make([]string, len(f.Enum.Values))
			for i, v := range f.Enum.Values {
				vals[i] = v.Value + ":" + v.Label
			}
			return fmt.Sprintf("%q은(는) 허용된 값이 아닙니다 (허용 값: %s)", s, strings.Join(vals, ", "))
		}
	}
	return ""
}

// unmarshalString decodes s as the JSON string the wire carries into a kiwoom
// value type.
func unmarshalString(v json.Unmarshaler, s string) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return v.UnmarshalJSON(b)
}

// baseCode strips a venue suffix (_NX, _AL) and an account-style "A" prefix from
// a stock code.
func baseCode(code string) string {
	code = strings.TrimSpace(code)
	if i := strings.IndexByte(code, '_'); i >= 0 {
		code = code[:i]
	}
	if len(code) == 7 && code[0] == 'A' {
		code = code[1:]
	}
	return code
}

// nextKey is the opaque continuation key of the page at offset: the offset plus a
// hash binding it to the TR and the request, so a key only works for the request
// that received it.
func (h *Handler) nextKey(apiID string, values map[string]string, offset int) string {
	return fmt.Sprintf("%010d%s", offset, h.keyHash(apiID, values, offset))
}

func (h *Handler) keyHash(apiID string, values map[string]string, offset int) string {
	b, _ := json.Marshal(values) // map keys are sorted: deterministic
	sum := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%d", apiID, b, offset))
	return hex.EncodeToString(sum[:8])
}

// parseNextKey checks a next-key and returns its offset.
func (h *Handler) parseNextKey(apiID string, values map[string]string, key string) (int, bool) {
	if len(key) != 26 {
		return 0, false
	}
	off, err := strconv.Atoi(key[:10])
	if err != nil || off <= 0 {
		return 0, false
	}
	if key[10:] != h.keyHash(apiID, values, off) {
		return 0, false
	}
	return off, true
}
