package realtime

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Sentinel errors; match them with errors.Is.
var (
	// ErrSessionTaken: Kiwoom closed the session with SYSTEM R10001 because the same
	// app key logged in elsewhere. The client does not reconnect (two clients would
	// keep evicting each other); every subscription ends with this error.
	ErrSessionTaken = errors.New("realtime: session taken over by another login with the same app key (R10001)")
	// ErrLoginRejected: LOGIN was refused even with a fresh token. It matches
	// every *LoginError.
	ErrLoginRejected = errors.New("realtime: login rejected")
	// ErrClosed: the Client was closed.
	ErrClosed = errors.New("realtime: client closed")
	// ErrGap matches every *GapError: pushes may have been missed while the
	// connection was down.
	ErrGap = errors.New("realtime: gap in pushes")
	// ErrDropped matches every *DroppedError: the subscriber was too slow and
	// events were dropped.
	ErrDropped = errors.New("realtime: events dropped")
	// ErrTooManyConditions: more realtime condition searches than allowed at once
	// (WithMaxConditions, 10 by default).
	ErrTooManyConditions = errors.New("realtime: too many realtime condition searches")
	// errDisconnected: the connection dropped while a request waited for its answer.
	errDisconnected = errors.New("realtime: connection lost")
)

// LoginError is a LOGIN answered with a non-zero return_code.
type LoginError struct {
	// Code is the return_code.
	Code int
	// Msg is the return_msg.
	Msg string
}

// Error shows the code and message (which never contain the token).
func (e *LoginError) Error() string {
	return "realtime: login rejected: return_code " + strconv.Itoa(e.Code) + ": " + e.Msg
}

// Is makes errors.Is(err, ErrLoginRejected) true.
func (e *LoginError) Is(target error) bool { return target == ErrLoginRejected }

// tokenRejected reports whether a LOGIN failure means the token was not accepted
// (8005 invalid token, 8031 wrong environment, 8103 token or terminal auth
// failed), as the official client checks: by code, or by "CODE=" in the message.
func (e *LoginError) tokenRejected() bool {
	switch e.Code {
	case 8005, 8031, 8103:
		return true
	}
	for _, c := range []string{"CODE=8005", "CODE=8031", "CODE=8103"} {
		if contains(e.Msg, c) {
			return true
		}
	}
	return false
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// RequestError is a REG, REMOVE or condition-search request answered with a
// non-zero return_code.
type RequestError struct {
	// Trnm is the request's trnm (REG, REMOVE, CNSRLST, CNSRREQ, CNSRCLR).
	Trnm string
	// Code is the return_code.
	Code int
	// Msg is the return_msg.
	Msg string
}

// Error shows the request, code and message.
func (e *RequestError) Error() string {
	return fmt.Sprintf("realtime: %s failed: return_code %d: %s", e.Trnm, e.Code, e.Msg)
}

// GapError tells a subscriber that the connection was down from Since to Until:
// pushes in between are lost. The subscription was registered again and carries
// on. For a realtime condition search, Current holds the condition's matching
// codes after it was started again.
type GapError struct {
	// Since is when the connection was lost.
	Since time.Time
	// Until is when it was back and registered again.
	Until time.Time
	// Current is the initial list of a condition search started again (nil for
	// other subscriptions).
	Current []string
}

// Error says how long the gap was.
func (e *GapError) Error() string {
	return fmt.Sprintf("realtime: connection lost from %s to %s (%s); pushes in between are missing",
		e.Since.Format(time.TimeOnly), e.Until.Format(time.TimeOnly), e.Until.Sub(e.Since).Round(time.Millisecond))
}

// Is makes errors.Is(err, ErrGap) true.
func (e *GapError) Is(target error) bool { return target == ErrGap }

// DroppedError tells a slow subscriber that Count events were dropped (the
// oldest ones) since the previous notice, because its buffer was full.
type DroppedError struct {
	// Count is how many events were dropped.
	Count uint64
}

// Error says how many events were dropped.
func (e *DroppedError) Error() string {
	return "realtime: subscriber too slow: " + strconv.FormatUint(e.Count, 10) + " events dropped"
}

// Is makes errors.Is(err, ErrDropped) true.
func (e *DroppedError) Is(target error) bool { return target == ErrDropped }

// SystemError is a SYSTEM frame that ended the session (R10002 missing heartbeats
// and others the client treats as fatal for the connection).
type SystemError struct {
	// Code is the SYSTEM code, e.g. "R10002".
	Code string
	// Message is Kiwoom's message.
	Message string
}

// Error shows the code and message.
func (e *SystemError) Error() string { return "realtime: SYSTEM " + e.Code + ": " + e.Message }
