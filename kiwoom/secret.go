package kiwoom

import (
	"fmt"
	"log/slog"
)

// Secret is a credential (app key, secret key, access token). It is sent on the
// wire as it is, but formatting it with fmt or log/slog prints "[REDACTED]", so a
// secret does not leak through %v of a request, a log line or an error.
type Secret string

const redacted = "[REDACTED]"

// String returns "[REDACTED]" (or "" for an empty secret).
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString returns the redacted form for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("kiwoom.Secret(%q)", s.String()) }

// LogValue redacts the secret in log/slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Reveal returns the secret itself. Use it only to hand the value on, never to print it.
func (s Secret) Reveal() string { return string(s) }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s == "" }
