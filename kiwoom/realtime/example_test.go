package realtime_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// Subscribe to trades of one stock against the local server.
func ExampleSubscribe() {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	rt, err := realtime.New(srv.Client()) // any *kiwoom.Client
	if err != nil {
		panic(err)
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, rt, "005930")
	if err != nil {
		panic(err)
	}
	for ev, err := range sub.Events() {
		if errors.Is(err, realtime.ErrGap) || errors.Is(err, realtime.ErrDropped) {
			continue // notices: the stream carries on
		}
		if err != nil {
			panic(err) // the session ended
		}
		fmt.Println(ev.Type(), ev.Item, ev.CurrentPrice.Amount() > 0)
		break
	}
	// Output: 0B 005930 true
}

// List the saved conditions and run one once.
func ExampleClient_SearchCondition() {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	rt, _ := realtime.New(srv.Client())
	defer rt.Close()
	ctx := context.Background()

	conds, err := rt.Conditions(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Println(conds[0].Seq, conds[0].Name)
	rows, err := rt.SearchCondition(ctx, conds[0].Seq)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(rows), rows[0].Code)
	// Output:
	// 0 급등주
	// 2 A005930
}

// Decode a pushed frame without a connection.
func ExampleDecoder() {
	var d realtime.Decoder
	evs, err := d.Append(nil, []byte(`{"data":[{"type":"0B","name":"주식체결","item":"005930",`+
		`"values":{"20":"165208","10":"-20800","15":"+82","12":"-0.24"}}],"trnm":"REAL"}`))
	if err != nil {
		panic(err)
	}
	t := evs[0].(*realtime.StockTrade)
	fmt.Println(t.TradeTime, t.CurrentPrice.Amount(), t.CurrentPrice.Direction(), t.TradeVolume, t.ChangeRate)
	// Output: 165208 20800 - 82 -0.24
}
