package kiwoom

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"
)

// credentialKeys are the header and JSON keys, lower-case, that name a
// credential.
func credentialKeys() []string {
	return []string{"authorization", "appkey", "secretkey", "token", "access_token", "app_key", "app_secret", "secret_key"}
}

// isSensitive reports whether a header or JSON key, compared
// case-insensitively, names a credential.
func isSensitive(name string) bool {
	return slices.Contains(credentialKeys(), strings.ToLower(name))
}

// credentialSpans returns where the string values of credential keys stand in
// raw, quotes included, in order: wherever "key" (any case) is followed by a
// colon and a string. It works on any bytes, JSON or not (a proxy's page, a
// truncated body), so nothing that looks like a credential escapes.
func credentialSpans(raw []byte) [][2]int {
	lower := bytes.ToLower(raw)
	space := func(k int) int {
		for k < len(raw) && (raw[k] == ' ' || raw[k] == '\t' || raw[k] == '\n' || raw[k] == '\r') {
			k++
		}
		return k
	}
	var spans [][2]int
	for _, key := range credentialKeys() {
		pat := []byte(`"` + key + `"`)
		for i := 0; ; {
			j := bytes.Index(lower[i:], pat)
			if j < 0 {
				break
			}
			k := space(i + j + len(pat))
			i = i + j + len(pat)
			if k >= len(raw) || raw[k] != ':' {
				continue
			}
			if k = space(k + 1); k >= len(raw) || raw[k] != '"' {
				continue
			}
			start := k
			for k++; k < len(raw) && raw[k] != '"'; k++ {
				if raw[k] == '\\' {
					k++
				}
			}
			end := min(k+1, len(raw))
			spans = append(spans, [2]int{start, end})
			i = end
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	return spans
}

// RedactCredentials returns raw with the string value of every credential key
// (token, appkey, secretkey, authorization, …; any case) replaced by
// "[REDACTED]", and every other byte as it was; an empty value stays empty.
// It works on any bytes, JSON or not, and returns raw itself when there is
// nothing to hide.
func RedactCredentials(raw []byte) []byte {
	var out []byte
	last := 0
	for _, s := range credentialSpans(raw) {
		if s[0] < last || s[1]-s[0] <= 2 {
			continue
		}
		out = append(append(out, raw[last:s[0]]...), `"`+redacted+`"`...)
		last = s[1]
	}
	if out == nil {
		return raw
	}
	return append(out, raw[last:]...)
}

// redactBody returns a copy of a JSON object body with the values of credential
// keys replaced by "[REDACTED]". A body that is not a JSON object is dropped
// entirely (nil), since it cannot be redacted safely.
func redactBody(raw []byte) []byte {
	if len(raw) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil
	}
	for k := range obj {
		if isSensitive(k) {
			obj[k] = json.RawMessage(`"` + redacted + `"`)
		}
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return nil
	}
	return out
}

// headerValue logs headers with credential headers redacted.
type headerValue http.Header

func (h headerValue) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, len(h))
	for k, vs := range h {
		v := strings.Join(vs, ", ")
		if isSensitive(k) {
			v = redacted
		}
		attrs = append(attrs, slog.String(strings.ToLower(k), v))
	}
	return slog.GroupValue(attrs...)
}

// logRequest logs one attempt before it is sent.
func (c *Client) logRequest(ctx context.Context, ep Operation, attempt int, h http.Header) {
	l := c.cfg.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	l.LogAttrs(ctx, slog.LevelDebug, "kiwoom request",
		slog.String("tr", ep.ID), slog.String("kind", string(ep.Kind)), slog.String("path", ep.Path),
		slog.Int("attempt", attempt),
		slog.String("cont_yn", h.Get("cont-yn")), slog.String("next_key", h.Get("next-key")),
		slog.Any("header", headerValue(h)))
}

// logResponse logs the outcome of one attempt. Bodies are never logged (token
// TRs carry credentials, others can be megabytes); the body size is.
func (c *Client) logResponse(ctx context.Context, ep Operation, attempt int, d time.Duration, meta *Meta, err error) {
	l := c.cfg.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("tr", ep.ID), slog.Int("attempt", attempt), slog.Duration("duration", d),
	}
	if meta != nil {
		attrs = append(attrs, slog.Int("status", meta.HTTPStatus),
			slog.String("cont_yn", meta.ContYN), slog.String("next_key", meta.NextKey),
			slog.Int("body_bytes", len(meta.Raw)), slog.Any("header", headerValue(meta.Header)))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "kiwoom response", attrs...)
}

// logEvent logs a client decision (retry, token refresh, …) at the given level.
func (c *Client) logEvent(ctx context.Context, level slog.Level, msg string, attrs ...slog.Attr) {
	l := c.cfg.logger
	if l == nil || !l.Enabled(ctx, level) {
		return
	}
	l.LogAttrs(ctx, level, msg, attrs...)
}
