package realtime_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// BenchmarkLoopback0B measures the whole path over loopback: the local server
// writes 0B frames as fast as it can to one client with one subscriber, which
// reads, decodes, routes and delivers them. Frames per second are reported.
func BenchmarkLoopback0B(b *testing.B) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	srv.Realtime().SetPushInterval(0)
	c, err := realtime.New(srv.Client(), realtime.WithBuffer(1<<16))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		b.Fatal(err)
	}
	got := make(chan int)
	go func() {
		n := 0
		for ev, err := range sub.Events() {
			if err != nil {
				if errors.Is(err, realtime.ErrDropped) {
					continue
				}
				break
			}
			if ev != nil {
				n++
			}
			if n == b.N {
				break
			}
		}
		got <- n
	}()
	b.ResetTimer()
	start := time.Now()
	if sent := srv.Realtime().Blast(ctx, realtime.TypeStockTrade, "005930", b.N); sent != b.N {
		b.Fatalf("sent %d of %d", sent, b.N)
	}
	n := <-got
	elapsed := time.Since(start)
	b.StopTimer()
	if n != b.N {
		b.Fatalf("received %d of %d", n, b.N)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "frames/s")
}
