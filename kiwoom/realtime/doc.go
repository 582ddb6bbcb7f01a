// Package realtime is the WebSocket side of the Kiwoom REST API (키움 REST API):
// typed streams of the 19 domestic realtime types (0B 주식체결, 0D 주식호가잔량,
// 00 주문체결, 04 잔고, 0J 업종지수, 1h VI발동/해제 …) and condition search
// (조건검색, ka10171–ka10174), over one socket per app key.
//
// A Client logs in with the core client's access token (kiwoom.Client is a
// TokenSource), connects on first use, answers PINGs, and reconnects with capped,
// jittered backoff, registering everything still subscribed again:
//
//	rt, err := realtime.New(core) // core is a *kiwoom.Client
//	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, rt, "005930")
//	for ev, err := range sub.Events() {
//		if err != nil { // a gap or dropped-events notice, or the terminal error
//			continue
//		}
//		fmt.Println(ev.Item, ev.CurrentPrice, ev.TradeVolume)
//	}
//
// # Why iter.Seq2
//
// A subscription is consumed by one loop that wants events and the few things
// that happen to the stream (a gap after a reconnect, events dropped because the
// loop was slow, the end of the session) in order and in one place. Events
// returns an iter.Seq2[E, error]: a range loop gets exactly that, with no second
// error channel to select on and no channel for the caller to drain or close.
// The sequence ends by itself when the subscription's context ends, Close is
// called, or the session ends for good; breaking out of the loop leaves the
// subscription registered.
//
// # Slow subscribers
//
// The read loop never waits for a subscriber. Each subscription has a buffer
// (WithBuffer, DefaultBuffer events); when it is full the oldest event is dropped
// and counted, and the loop then receives a *DroppedError with the count before
// its next event (Subscription.Dropped has the total). For quotes the newest
// state matters most, so dropping the oldest keeps the subscriber current. Gap
// notices are never dropped.
//
// # Failures
//
//   - A dropped connection is reconnected; every subscription then gets a
//     *GapError (errors.Is ErrGap) with the time the connection was down, and
//     realtime condition searches are started again (REG cannot restore them).
//   - SYSTEM R10001 (the same app key logged in elsewhere) ends the client with
//     ErrSessionTaken and no reconnect: two clients would evict each other forever.
//   - A LOGIN rejected for its token (8005, 8031, 8103) is retried once with a new
//     token (the rejected one is revoked through the token source); a second
//     rejection ends the client with a *LoginError.
//   - Frames that do not decode are counted (Stats.BadFrames) and logged, never a
//     panic; a FID value that does not decode is kept raw in Push.Extra with the
//     error in Push.Err, and the event is still delivered.
//
// # Decoding
//
// Pushes are decoded in one pass over the frame, straight into the generated
// event structs (the files ending in _gen.go, from specs/realtime): each FID's raw
// value goes to its value type (kiwoom.Price keeps the direction sign apart,
// kiwoom.Int, kiwoom.Decimal, kiwoom.TimeOfDay, Index for sector indices). FIDs
// this version does not know are kept in Push.Extra. A Decoder allocates only the
// event per pushed element.
//
// Account-scoped and market-wide types (00, 04, 0s, 1h) are registered with the
// item "" and delivered whatever item the push names.
package realtime
