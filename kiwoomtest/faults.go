package kiwoomtest

import (
	"fmt"
	"net/http"
	"time"
)

// FaultKind is what goes wrong in an injected fault.
type FaultKind int

// Fault kinds.
const (
	// FaultNone answers normally; with Fault.Latency it only delays the answer.
	FaultNone FaultKind = iota
	// FaultStatus answers with an HTTP error status (Fault.Status, 503 by
	// default) and a plain-text body.
	FaultStatus
	// FaultNonJSON answers HTTP 200 with an HTML body, as a misbehaving gateway might.
	FaultNonJSON
	// FaultDrop closes the connection without answering.
	FaultDrop
	// FaultTruncate sends the normal answer's headers with its full
	// Content-Length but only the first half of the body, then closes the
	// connection.
	FaultTruncate
)

// String names the kind.
func (k FaultKind) String() string {
	switch k {
	case FaultNone:
		return "none"
	case FaultStatus:
		return "status"
	case FaultNonJSON:
		return "non-JSON"
	case FaultDrop:
		return "drop"
	case FaultTruncate:
		return "truncate"
	}
	return fmt.Sprintf("FaultKind(%d)", int(k))
}

// Fault is a failure the server injects into matching requests.
type Fault struct {
	// TR is the api-id of the requests the fault applies to ("au10001" and
	// "au10002" for the token endpoints); "" matches every request.
	TR string
	// Times is how many matching requests the fault affects; 0 means all of them.
	Times int
	// Latency delays the answer (or the fault); a request whose context ends
	// first is not answered.
	Latency time.Duration
	// Kind is what goes wrong after the delay.
	Kind FaultKind
	// Status is the HTTP status of a FaultStatus (http.StatusServiceUnavailable
	// when 0).
	Status int
}

type activeFault struct {
	Fault
	left int // requests still affected; -1 for unlimited
}

// InjectFault adds a fault. Faults are matched in the order they were added; the
// first that matches a request (and has uses left) applies to it.
func (h *Handler) InjectFault(f Fault) {
	left := f.Times
	if left <= 0 {
		left = -1
	}
	h.mu.Lock()
	h.faults = append(h.faults, &activeFault{Fault: f, left: left})
	h.mu.Unlock()
}

// ClearFaults removes every injected fault.
func (h *Handler) ClearFaults() {
	h.mu.Lock()
	h.faults = nil
	h.mu.Unlock()
}

// takeFault returns the fault for a request to id, using it up.
func (h *Handler) takeFault(id string) *Fault {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, f := range h.faults {
		if f.TR != "" && f.TR != id {
			continue
		}
		if f.left > 0 {
			f.left--
			if f.left == 0 {
				h.faults = append(h.faults[:i:i], h.faults[i+1:]...)
			}
		}
		fc := f.Fault
		return &fc
	}
	return nil
}

// fault applies the fault for the request, if any; it reports whether the
// request has been dealt with.
func (h *Handler) fault(w http.ResponseWriter, r *http.Request, id string) bool {
	f := h.takeFault(id)
	if f == nil {
		return false
	}
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		case <-h.done:
			t.Stop()
			return true
		}
	}
	switch f.Kind {
	case FaultStatus:
		status := f.Status
		if status == 0 {
			status = http.StatusServiceUnavailable
		}
		http.Error(w, fmt.Sprintf("%d %s", status, http.StatusText(status)), status)
	case FaultNonJSON:
		w.Header().Set("Content-Type", "text/html;charset=UTF-8")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, "<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>\n")
	case FaultDrop:
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic(http.ErrAbortHandler)
		}
		conn, _, err := hj.Hijack()
		if err != nil {
			panic(http.ErrAbortHandler)
		}
		conn.Close()
	case FaultTruncate:
		tw := &truncWriter{header: http.Header{}}
		h.serveAfterFault(tw, r, id)
		for k, v := range tw.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(tw.body)))
		w.WriteHeader(tw.status)
		w.Write(tw.body[:len(tw.body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		// Returning with fewer bytes written than Content-Length makes net/http
		// close the connection.
	default:
		return false
	}
	return true
}

// serveAfterFault serves a request normally into w, skipping fault injection.
func (h *Handler) serveAfterFault(w http.ResponseWriter, r *http.Request, id string) {
	rec := &recorder{w: w, apiID: r.Header.Get("api-id")}
	switch id {
	case "au10001":
		h.issue(rec, r)
	case "au10002":
		h.revoke(rec, r)
	default:
		h.serveTR(rec, r)
	}
}

// truncWriter buffers an answer.
type truncWriter struct {
	header http.Header
	status int
	body   []byte
}

func (t *truncWriter) Header() http.Header { return t.header }
func (t *truncWriter) WriteHeader(s int)   { t.status = s }
func (t *truncWriter) Write(b []byte) (int, error) {
	if t.status == 0 {
		t.status = http.StatusOK
	}
	t.body = append(t.body, b...)
	return len(b), nil
}

// window is one app key's fixed rate-limit window.
type window struct {
	start time.Time
	count int
}

// allow counts a TR call against the app key's rate limit.
func (h *Handler) allow(appKey string) bool {
	if h.cfg.rateN == 0 {
		return true
	}
	now := h.cfg.now()
	h.mu.Lock()
	defer h.mu.Unlock()
	w := h.windows[appKey]
	if w == nil || !now.Before(w.start.Add(h.cfg.ratePer)) {
		w = &window{start: now}
		h.windows[appKey] = w
	}
	w.count++
	return w.count <= h.cfg.rateN
}
