// Package kiwoom is a typed client for the Kiwoom Securities REST API (키움 REST API).
//
// Every TR (transaction) has a request struct, a response struct and a method on
// Client, generated from the YAML specs under specs/ (files ending in _gen.go). The
// rest of the package is the hand-written runtime those methods call: the client
// and its transport, token handling, the response envelope and errors, and the
// value types that decode Kiwoom's string-encoded numbers, prices and dates.
//
// Values keep what the wire says: a Price keeps its magnitude and its direction
// sign apart (Kiwoom's "-160400" is 160,400 won, down on the previous close), an
// Implied2 knows that "+698" means 6.98, and every numeric type keeps "no value"
// ("") apart from zero.
//
// Business errors arrive as HTTP 200 with a non-zero return_code; the client
// turns them into *APIError values that errors.Is matches against the sentinels
// (ErrRateLimited, ErrInvalidToken, …).
package kiwoom

//go:generate go run ../cmd/kiwoomgen -specs ../specs -out .
