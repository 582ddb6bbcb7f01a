// Package kiwoom is a typed client for the Kiwoom Securities REST API (키움 REST API).
//
// This is the hand-written core: the Client and its transport, token handling,
// rate limits and retries, the response envelope and errors, and the value types
// that decode Kiwoom's string-encoded numbers, prices and dates. The TRs are
// generated from the YAML specs under specs/ into one package per Kiwoom URL
// family (kiwoom/chart, kiwoom/stockinfo, kiwoom/account, kiwoom/order, …), each
// with a Client made by New from this package's Client; docs/TRs.md maps every
// api-id to its package and method. The shared enums (ChangeSign, StockExchange,
// the recurring mrkt_tp and invsr_tp sets, …) and the token TRs au10001/au10002,
// which the client calls itself, are generated into this package.
//
// Client.Do sends any TR — a generated request, a struct of your own, or raw JSON
// — described by an Operation, with the same tokens, limits, retries, order
// safety and typed errors; Pages and Rows follow cont-yn/next-key for it, and
// Decode decodes a saved body in one pass.
//
// Values keep what the wire says: a Price keeps its magnitude and its direction
// sign apart (Kiwoom's "-160400" is 160,400 won, down on the previous close), an
// Implied2 knows that "+698" means 6.98, and every numeric type keeps "no value"
// ("") apart from zero.
//
// Business errors arrive as HTTP 200 with a non-zero return_code; the client
// turns them into *APIError values that errors.Is matches against the sentinels
// (ErrRateLimited, ErrInvalidToken, …).
//
// A Client runs all day without help:
//
//   - Tokens: the first call issues an access token (au10001); it is shared by
//     every goroutine, refreshed ahead of its expiry by one refresh however many
//     callers wait, optionally kept in a TokenStore across restarts, and replaced
//     (with the call resent once) when Kiwoom answers that it is invalid.
//   - Rate limits: a limiter shared by the Client's goroutines keeps queries and
//     orders under Kiwoom's per-second allowance (WithRateLimit).
//   - Retries: query TRs are resent after transient failures (1700, HTTP 429 and
//     5xx, connection errors) with capped, jittered backoff that honours the
//     context (WithRetry). Order TRs are resent once only when Kiwoom rejected
//     the access token (HTTP 200, detail 8005 or 8031), which it does before
//     running the call, and never otherwise: when an order's outcome is unknown
//     the error wraps ErrOutcomeUnknown, so check the order status
//     (account.Client.UnfilledOrders, FilledOrders) before sending again.
//   - Paging: every paging TR has a one-page method (continue with WithNextKey)
//     and <Go>Pages / <Go>Rows iterators that follow cont-yn/next-key (Pages and
//     Rows here).
//   - Logging: WithLogger logs each exchange at debug level, with the app key,
//     secret key and tokens redacted.
//
// The kiwoomtest package serves the same protocol locally from fixtures, for
// tests and offline development.
package kiwoom

//go:generate go run ../cmd/kiwoomgen -specs ../specs -out .
