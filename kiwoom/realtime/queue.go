package realtime

import (
	"sync"
	"time"
)

// queue is one subscriber's buffer. The read loop pushes without ever blocking:
// when the buffer is full the oldest event is dropped and counted (the
// subscriber always sees the latest state), and the count is reported to the
// subscriber as a *DroppedError before its next event. Gap notices are kept
// apart so that a full buffer never drops them; one is delivered after the
// events that arrived before it.
type queue struct {
	mu      sync.Mutex
	ring    []entry
	head, n int
	next    uint64 // sequence number of the next pushed event
	dropped uint64 // not yet reported
	total   uint64 // dropped since the start
	gap     *GapError
	gapAt   uint64 // the gap is delivered before the event with this sequence number
	closed  bool
	err     error         // terminal error, delivered last
	wake    chan struct{} // capacity 1: "something changed"
	done    chan struct{} // closed by close
}

type entry struct {
	ev  Event
	seq uint64
}

func newQueue(size int) *queue {
	return &queue{ring: make([]entry, size), wake: make(chan struct{}, 1), done: make(chan struct{})}
}

func (q *queue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// push adds an event, dropping the oldest one when the buffer is full.
func (q *queue) push(ev Event) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return
	}
	if q.n == len(q.ring) {
		q.ring[q.head] = entry{}
		q.head = (q.head + 1) % len(q.ring)
		q.n--
		q.dropped++
		q.total++
	}
	q.ring[(q.head+q.n)%len(q.ring)] = entry{ev: ev, seq: q.next}
	q.n++
	q.next++
	q.mu.Unlock()
	q.signal()
}

// notifyGap records a gap; gaps the subscriber has not seen yet are merged.
func (q *queue) notifyGap(since, until time.Time, current []string) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return
	}
	if q.gap == nil {
		q.gap = &GapError{Since: since, Until: until, Current: current}
		q.gapAt = q.next
	} else {
		q.gap.Until = until
		if current != nil {
			q.gap.Current = current
		}
	}
	q.mu.Unlock()
	q.signal()
}

// close ends the queue; err (may be nil) is delivered after what is buffered.
func (q *queue) close(err error) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return
	}
	q.closed, q.err = true, err
	q.mu.Unlock()
	close(q.done)
}

// pop returns the next event or notice. ok is false when the queue is closed
// and drained; err is then the terminal error (nil after a plain close).
func (q *queue) pop() (ev Event, notice error, ok bool) {
	for {
		q.mu.Lock()
		switch {
		case q.dropped > 0:
			d := q.dropped
			q.dropped = 0
			q.mu.Unlock()
			return nil, &DroppedError{Count: d}, true
		case q.gap != nil && (q.n == 0 || q.ring[q.head].seq >= q.gapAt):
			g := q.gap
			q.gap = nil
			q.mu.Unlock()
			return nil, g, true
		case q.n > 0:
			e := q.ring[q.head]
			q.ring[q.head] = entry{}
			q.head = (q.head + 1) % len(q.ring)
			q.n--
			q.mu.Unlock()
			return e.ev, nil, true
		case q.closed:
			err := q.err
			q.err = nil
			q.mu.Unlock()
			if err != nil {
				return nil, err, true
			}
			return nil, nil, false
		}
		q.mu.Unlock()
		select {
		case <-q.wake:
		case <-q.done:
		}
	}
}

// droppedTotal returns how many events were dropped since the start.
func (q *queue) droppedTotal() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.total
}
