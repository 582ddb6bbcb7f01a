package kiwoom

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// isSensitive reports whether a header or JSON key, compared
// case-insensitively, names a credential.
func isSensitive(name string) bool {
	switch strings.ToLower(name) {
	case "authorization", "appkey", "secretkey", "token", "access_token", "app_key", "app_secret", "secret_key":
		return true
	}
	return false
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
