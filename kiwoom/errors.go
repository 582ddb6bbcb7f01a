package kiwoom

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sentinel errors, matched with errors.Is against the errors the client returns.
var (
	// ErrRateLimited: Kiwoom refused the call for exceeding the allowed request
	// count (detail 1700, or HTTP 429). Query TRs are retried by the client (see
	// WithRetry) before this reaches the caller; slow down and retry later.
	ErrRateLimited = errors.New("kiwoom: rate limited")
	// ErrInvalidToken: the access token is invalid or expired (8003, 8005 and kin,
	// or HTTP 401). The client drops the token, issues a new one and resends the
	// call once before this reaches the caller.
	ErrInvalidToken = errors.New("kiwoom: invalid or expired token")
	// ErrInvalidCredentials: the app key or secret key was rejected (8001, 8002, …).
	ErrInvalidCredentials = errors.New("kiwoom: app key or secret key rejected")
	// ErrUnregisteredIP: the calling machine is not a registered terminal (8050 and kin).
	ErrUnregisteredIP = errors.New("kiwoom: this machine's IP is not registered")
	// ErrBadInput: Kiwoom rejected the request's input (1501, 1511, 1517, …).
	ErrBadInput = errors.New("kiwoom: input rejected")
	// ErrUnknownStock: the stock or market code does not exist (1901, 1902).
	ErrUnknownStock = errors.New("kiwoom: unknown stock code")
	// ErrEnvMismatch: a production key or token was used on paper trading or the
	// reverse (8030, 8031).
	ErrEnvMismatch = errors.New("kiwoom: production/paper key mismatch")
	// ErrRepeatedNextKey: the server asked to continue with a next-key it had
	// already sent (or with none), which would loop forever.
	ErrRepeatedNextKey = errors.New("kiwoom: repeated next-key")
	// ErrOutcomeUnknown: an order TR (KindOrder) may or may not have been executed:
	// the request may have reached Kiwoom but no complete answer came back (a
	// timeout, a dropped connection, an HTTP 5xx, an unreadable body). The client
	// never resends an order that may have run (only one Kiwoom rejected for its
	// token, before running it). Before sending the order again, check its status:
	// Client.UnfilledOrders (ka10075 미체결) and Client.FilledOrders (ka10076 체결).
	ErrOutcomeUnknown = errors.New("kiwoom: order outcome unknown")
)

// Hints appended to APIError messages.
const (
	hintRateLimited  = "too many requests; lower the rate with WithRateLimit or retry later"
	hintInvalidToken = "the access token is invalid or expired; a new one is issued on the next call"
)

// detailGroup maps a detail code (the number in return_msg brackets) to its
// sentinel and a hint of what to do; nil and "" for a code of no group.
func detailGroup(code int) (error, string) {
	switch code {
	case 1700:
		return ErrRateLimited, hintRateLimited
	case 8003, 8005, 8006, 8009, 8015, 8016:
		return ErrInvalidToken, hintInvalidToken
	case 8001, 8002, 8011, 8012, 8020:
		return ErrInvalidCredentials, "check the app key and secret key (KIWOOM_APPKEY, KIWOOM_SECRETKEY)"
	case 8010, 8040, 8050, 8103:
		return ErrUnregisteredIP, "register this machine's public IP as a designated terminal (지정단말기) in Kiwoom's Open API settings; a token is valid only from the IP that issued it"
	case 1501, 1504, 1505, 1511, 1512, 1513, 1514, 1515, 1516, 1517, 1687:
		return ErrBadInput, "the request was rejected as malformed; resending it unchanged will fail again"
	case 1901, 1902:
		return ErrUnknownStock, "check the stock code (paper trading supports KRX codes only)"
	case 8030, 8031:
		return ErrEnvMismatch, "production (실전) and paper (모의) trading use different keys; check KIWOOM_ENV and the keys"
	}
	return nil, ""
}

// APIError is an answer from Kiwoom that is not a success: a non-zero return_code
// (which Kiwoom sends with HTTP 200) or an HTTP error status. Match it with
// errors.As, and its kind with errors.Is against the sentinels (ErrRateLimited,
// ErrInvalidToken, ErrUnregisteredIP, …).
type APIError struct {
	TR         string      // api-id of the call
	HTTPStatus int         // HTTP status code
	ReturnCode int         // return_code; 0 when the body carried none
	DetailCode int         // the code in return_msg brackets, "…[8005:…]"; 0 when absent
	Message    string      // return_msg, or a short description of the HTTP error
	Header     http.Header // response headers
	Body       []byte      // the start of the raw body (at most 4 KiB); credentials redacted for token TRs
}

const maxErrorBody = 4 << 10

func newAPIError(tr string, kind Kind, meta Meta, env *Envelope) *APIError {
	e := &APIError{TR: tr, HTTPStatus: meta.HTTPStatus, Header: meta.Header}
	raw := meta.Raw
	if kind == KindAuth {
		raw = redactBody(raw)
	}
	e.Body = slices.Clone(raw[:min(len(raw), maxErrorBody)])
	if env == nil {
		var probe Envelope
		if json.Unmarshal(meta.Raw, &probe) == nil {
			env = &probe
		}
	}
	if env != nil {
		e.ReturnCode = int(env.ReturnCode)
		e.Message = env.ReturnMsg
		e.DetailCode = DetailCode(env.ReturnMsg)
	}
	// Some endpoints are said to put the detail code itself in return_code
	// (the official client maps return_code 8005 etc. directly).
	if e.DetailCode == 0 && e.ReturnCode >= 1000 {
		e.DetailCode = e.ReturnCode
	}
	if e.Message == "" && e.HTTPStatus != http.StatusOK {
		e.Message = http.StatusText(e.HTTPStatus)
	}
	return e
}

// DetailCode extracts the detail code from a return_msg such as
// "인증에 실패했습니다[8005:Token이 유효하지 않습니다]" (8005) or
// "허용된 요청 개수를 초과하였습니다[1634]" (1634). It returns 0 when there is none.
func DetailCode(msg string) int {
	i := strings.LastIndexByte(msg, '[')
	if i < 0 {
		return 0
	}
	rest := msg[i+1:]
	end := strings.IndexAny(rest, ":]")
	if end <= 0 {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(rest[:end]))
	if err != nil {
		return 0
	}
	return n
}

// Error describes the failure and, where there is one, what to do about it.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("kiwoom: ")
	if e.TR != "" {
		b.WriteString(e.TR + ": ")
	}
	if e.HTTPStatus != http.StatusOK && e.HTTPStatus != 0 {
		fmt.Fprintf(&b, "HTTP %d ", e.HTTPStatus)
	}
	if e.ReturnCode != 0 {
		fmt.Fprintf(&b, "return_code %d ", e.ReturnCode)
	}
	b.WriteString(strings.TrimSpace(e.Message))
	if h := e.hint(); h != "" {
		b.WriteString(" (" + h + ")")
	}
	return b.String()
}

func (e *APIError) hint() string {
	if _, h := detailGroup(e.DetailCode); h != "" {
		return h
	}
	switch {
	case e.HTTPStatus == http.StatusTooManyRequests:
		return hintRateLimited
	case e.HTTPStatus == http.StatusUnauthorized:
		return hintInvalidToken
	case e.HTTPStatus >= 500:
		return "server error; query TRs are retried, orders are not"
	}
	return ""
}

// Envelope return_code values with a meaning of their own, used when
// return_msg carries no detail code (third-party tables: 2 입력 값 오류,
// 5 rate limit).
const (
	returnCodeBadInput    = 2
	returnCodeRateLimited = 5
)

// Is matches the sentinel errors by detail code (and HTTP 429 for
// ErrRateLimited, HTTP 401 for ErrInvalidToken). Without a detail code,
// return_code 2 matches ErrBadInput and 5 matches ErrRateLimited.
func (e *APIError) Is(target error) bool {
	switch {
	case target == ErrRateLimited && e.HTTPStatus == http.StatusTooManyRequests:
		return true
	case target == ErrInvalidToken && e.HTTPStatus == http.StatusUnauthorized:
		return true
	}
	if e.DetailCode != 0 {
		// A detail code outside the known groups does not fall back to the
		// return_code: 1634 (ka10095 batch too large, permanent) comes with the
		// rate limit's return_code 5 and must not be retried as a rate limit.
		g, _ := detailGroup(e.DetailCode)
		return g != nil && g == target
	}
	switch e.ReturnCode {
	case returnCodeBadInput:
		return target == ErrBadInput
	case returnCodeRateLimited:
		return target == ErrRateLimited
	}
	return false
}

// OpError is a failure around an exchange that is not an answer from Kiwoom: the
// request could not be built or sent, or the response could not be read.
type OpError struct {
	TR  string // api-id
	Op  string // what failed: "send", "read response", …
	Err error  // the underlying error
}

// Error names the TR and the operation.
func (e *OpError) Error() string { return fmt.Sprintf("kiwoom: %s: %s: %v", e.TR, e.Op, e.Err) }

// Unwrap returns the underlying error.
func (e *OpError) Unwrap() error { return e.Err }

// DecodeError is a response body that does not match its TR's spec: not JSON, or a
// field whose value is not in its documented format.
//
// Excerpt shows what arrived: up to excerptRadius bytes on each side of Offset,
// where the decoder stopped, with the values of credential keys (token, appkey,
// secretkey, …) masked, so a proxy's HTML page, a truncated body or a number
// where a string belongs can be seen in the error without the whole body.
type DecodeError struct {
	TR      string // api-id
	Field   string // path of the bad field, e.g. "stk_dt_pole_chart_qry[3].cur_prc"; "" when the body is not JSON
	Offset  int    // byte offset in the body where decoding stopped
	Excerpt string // the body around Offset, credentials masked; "…" marks a cut
	Err     error  // the underlying error, often a *ValueError
}

// Error names the TR and the field, and quotes the excerpt.
func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("kiwoom: ")
	if e.TR != "" {
		b.WriteString(e.TR + ": ")
	}
	b.WriteString("decode response: ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	fmt.Fprint(&b, e.Err)
	if e.Excerpt != "" {
		fmt.Fprintf(&b, " (at byte %d: %q)", e.Offset, e.Excerpt)
	}
	return b.String()
}

// excerptRadius is how many bytes of the body a DecodeError shows on each side
// of the offset where decoding stopped.
const excerptRadius = 60

// newDecodeError builds a *DecodeError with an excerpt of raw around offset.
func newDecodeError(tr string, raw []byte, field string, offset int, err error) *DecodeError {
	offset = max(0, min(offset, len(raw)))
	return &DecodeError{TR: tr, Field: field, Offset: offset, Excerpt: bodyExcerpt(raw, offset), Err: err}
}

// bodyExcerpt returns raw[offset-excerptRadius : offset+excerptRadius], cut at
// rune boundaries, with credential values masked and "…" where it was cut.
func bodyExcerpt(raw []byte, offset int) string {
	if len(raw) == 0 {
		return ""
	}
	masked := maskCredentials(raw)
	lo, hi := max(0, offset-excerptRadius), min(len(masked), offset+excerptRadius)
	for lo > 0 && !utf8.RuneStart(masked[lo]) {
		lo--
	}
	for hi < len(masked) && !utf8.RuneStart(masked[hi]) {
		hi++
	}
	out := string(masked[lo:hi])
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(masked) {
		out += "…"
	}
	return out
}

// maskCredentials returns a copy of raw in which the string value of every
// credential key is replaced by asterisks of the same length (the quotes
// kept), so offsets stay as they were.
func maskCredentials(raw []byte) []byte {
	out := slices.Clone(raw)
	for _, s := range credentialSpans(raw) {
		end := s[1]
		if end-s[0] >= 2 && raw[end-1] == '"' {
			end-- // keep the closing quote; a truncated value has none
		}
		for k := s[0] + 1; k < end; k++ {
			out[k] = '*'
		}
	}
	return out
}

// Unwrap returns the underlying error.
func (e *DecodeError) Unwrap() error { return e.Err }

// OutcomeUnknownError is returned for an order TR (KindOrder) when the request
// may have reached Kiwoom but no usable answer came back. It matches
// ErrOutcomeUnknown with errors.Is and unwraps to the cause (an *OpError, an
// *APIError with an HTTP 5xx status, a *DecodeError, or the context's error).
type OutcomeUnknownError struct {
	TR  string // api-id of the order
	Err error  // what went wrong
}

// Error says that the order may have been executed and what to do.
func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("kiwoom: %s: order outcome unknown, it may or may not have been executed; "+
		"check the order status with UnfilledOrders (ka10075 미체결) and FilledOrders (ka10076 체결) "+
		"before sending it again (the client never resends an order that may have run): %v", e.TR, e.Err)
}

// Unwrap returns the cause.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// Is reports whether target is ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// RowsError is the error a Rows iterator yields: the failure, and how many rows
// (and pages) had arrived before it.
type RowsError struct {
	Rows  int   // rows yielded before the failure
	Pages int   // pages received before the failure
	Err   error // the failure
}

// Error says how many rows arrived before the failure.
func (e *RowsError) Error() string {
	return fmt.Sprintf("%v (after %d rows in %d pages)", e.Err, e.Rows, e.Pages)
}

// Unwrap returns the underlying error.
func (e *RowsError) Unwrap() error { return e.Err }
