package realtime

import (
	"errors"
	"testing"
	"time"
)

func TestQueueDropsOldestAndReportsIt(t *testing.T) {
	q := newQueue(2)
	evs := []*StockTrade{{Push: Push{Item: "1"}}, {Push: Push{Item: "2"}}, {Push: Push{Item: "3"}}, {Push: Push{Item: "4"}}}
	for _, e := range evs {
		q.push(e)
	}
	_, notice, _ := q.pop()
	var d *DroppedError
	if !errors.As(notice, &d) || d.Count != 2 || !errors.Is(notice, ErrDropped) {
		t.Fatalf("first pop: %v, want 2 dropped", notice)
	}
	for _, want := range []string{"3", "4"} {
		ev, notice, ok := q.pop()
		if !ok || notice != nil || ev.Header().Item != want {
			t.Fatalf("pop: %v %v %v, want item %s (the newest are kept)", ev, notice, ok, want)
		}
	}
	if q.droppedTotal() != 2 {
		t.Errorf("total %d", q.droppedTotal())
	}
}

func TestQueueGapAfterEarlierEvents(t *testing.T) {
	q := newQueue(8)
	q.push(&StockTrade{Push: Push{Item: "before"}})
	t0 := time.Unix(100, 0)
	q.notifyGap(t0, t0.Add(time.Second), nil)
	q.push(&StockTrade{Push: Push{Item: "after"}})
	q.close(ErrSessionTaken)
	ev, _, _ := q.pop()
	if ev.Header().Item != "before" {
		t.Fatalf("first %v", ev)
	}
	_, notice, _ := q.pop()
	if !errors.Is(notice, ErrGap) {
		t.Fatalf("second %v, want the gap", notice)
	}
	ev, _, _ = q.pop()
	if ev.Header().Item != "after" {
		t.Fatalf("third %v", ev)
	}
	if _, notice, ok := q.pop(); !ok || !errors.Is(notice, ErrSessionTaken) {
		t.Fatalf("terminal %v %v", notice, ok)
	}
	if _, _, ok := q.pop(); ok {
		t.Fatal("queue not finished after its terminal error")
	}
}
