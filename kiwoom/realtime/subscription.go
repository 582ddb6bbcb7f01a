package realtime

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"slices"
	"sync"
)

// sub is one subscription's state inside the client.
type sub struct {
	c       *Client
	typ     Type
	items   []string
	seq     string   // condition searches: the condition's seq
	current []string // condition searches: the latest initial list
	started uint64   // condition searches: the epoch it was started on (c.mu)
	q       *queue
	once    sync.Once
	stop    func() bool // stops the context.AfterFunc
}

// Subscription delivers the events of one subscription. Events of E's type
// arrive in the order Kiwoom pushed them; notices arrive in between as errors.
type Subscription[E Event] struct {
	s *sub
}

// Events returns the subscription's events as a sequence of (event, error)
// pairs. An error comes with a zero event and is one of:
//
//   - *GapError (errors.Is ErrGap): the connection was down and pushes were
//     lost; the subscription was registered again and carries on;
//   - *DroppedError (errors.Is ErrDropped): the loop fell more than the buffer
//     behind, so the oldest events were dropped (the read loop never waits for a
//     subscriber);
//   - a terminal error (ErrSessionTaken, a *LoginError, a *RequestError when a
//     re-registration failed): the sequence ends after it.
//
// The sequence ends by itself when ctx (given to Subscribe) ends, when Close is
// called, or after a terminal error; there is no need to break on notices.
// Breaking out of the loop does not unsubscribe: call Close or cancel ctx. Only
// one goroutine may range over Events at a time.
func (s *Subscription[E]) Events() iter.Seq2[E, error] {
	return func(yield func(E, error) bool) {
		var zero E
		for {
			ev, notice, ok := s.s.q.pop()
			if !ok {
				return
			}
			if notice != nil {
				if !yield(zero, notice) {
					return
				}
				continue
			}
			e, _ := ev.(E)
			if !yield(e, nil) {
				return
			}
		}
	}
}

// Close unsubscribes: the sequence ends after the events already buffered, and
// the items are removed from Kiwoom (REMOVE) when no other subscription needs
// them. It is the same as cancelling the context given to Subscribe.
func (s *Subscription[E]) Close() { s.s.close() }

// Dropped returns how many events were dropped because the subscriber was slow.
func (s *Subscription[E]) Dropped() uint64 { return s.s.q.droppedTotal() }

// Type returns the subscribed realtime type.
func (s *Subscription[E]) Type() Type { return s.s.typ }

// Subscribe registers the realtime type of E for items and returns a
// subscription delivering *E events, for example
//
//	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930", "000660")
//
// It returns once Kiwoom acknowledged the registration. Account-scoped and
// market-wide types (00, 04, 0s, 1h) take no items: they are registered with "",
// and the subscription receives every push of the type whatever its item. The
// subscription lasts until ctx ends or Close is called.
func Subscribe[E Event](ctx context.Context, c *Client, items ...string) (*Subscription[E], error) {
	var zero E
	if _, unknown := any(zero).(*Unknown); unknown {
		return nil, errors.New("realtime: Subscribe[*Unknown]: use SubscribeType with a type code")
	}
	s, err := c.subscribe(ctx, zero.Type(), items)
	if err != nil {
		return nil, err
	}
	return &Subscription[E]{s: s}, nil
}

// SubscribeType is Subscribe for a type chosen at run time (the command line):
// events come as Event values (*StockTrade, …) of that type.
func (c *Client) SubscribeType(ctx context.Context, typ Type, items ...string) (*Subscription[Event], error) {
	s, err := c.subscribe(ctx, typ, items)
	if err != nil {
		return nil, err
	}
	return &Subscription[Event]{s: s}, nil
}

func (c *Client) subscribe(ctx context.Context, typ Type, items []string) (*sub, error) {
	info, ok := LookupType(string(typ))
	switch {
	case !ok:
		return nil, fmt.Errorf("realtime: unknown realtime type %q", typ)
	case typ == TypeConditionHit:
		return nil, errors.New("realtime: type 02 comes from a realtime condition search: use WatchCondition")
	case info.AnyItem() && len(items) == 0:
		items = []string{""}
	case len(items) == 0:
		return nil, fmt.Errorf("realtime: type %s (%s) needs at least one item", typ, info.Name)
	}
	items = slices.Compact(slices.Sorted(slices.Values(items)))
	for _, it := range items {
		if len(it) > 100 {
			return nil, fmt.Errorf("realtime: item %.20q… is longer than 100 characters", it)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &sub{c: c, typ: typ, items: items, q: newQueue(c.cfg.buffer)}

	c.mu.Lock()
	if c.fatal != nil {
		err := c.fatal
		c.mu.Unlock()
		return nil, err
	}
	m := c.routes[typ]
	if m == nil {
		m = map[string][]*sub{}
		c.routes[typ] = m
	}
	for _, it := range items {
		m[it] = append(m[it], s)
		k := regKey{typ, it}
		if c.regs[k] == nil {
			c.regs[k] = &reg{}
		}
		c.regs[k].count++
	}
	c.mu.Unlock()

	// Register what is not yet registered on the current connection.
	_, epoch, err := c.request(ctx, "REG", func(epoch uint64) ([]byte, bool) {
		c.mu.Lock()
		defer c.mu.Unlock()
		var need []string
		for _, it := range items {
			if r := c.regs[regKey{typ, it}]; r != nil && r.epoch != epoch {
				need = append(need, it)
			}
		}
		if len(need) == 0 {
			return nil, false
		}
		return regMessage("REG", map[Type][]string{typ: need}), true
	})
	if err != nil {
		s.detach()
		return nil, err
	}
	c.mu.Lock()
	for _, it := range items {
		if r := c.regs[regKey{typ, it}]; r != nil && r.epoch < epoch {
			r.epoch = epoch
		}
	}
	c.mu.Unlock()
	s.stop = context.AfterFunc(ctx, s.close)
	return s, nil
}

// detach removes s's routes and returns the items no subscription needs any
// more (they should be removed from Kiwoom).
func (s *sub) detach() (gone []string) {
	c := s.c
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.routes[s.typ]
	for _, it := range s.items {
		if m != nil {
			m[it] = slices.DeleteFunc(m[it], func(o *sub) bool { return o == s })
			if len(m[it]) == 0 {
				delete(m, it)
			}
		}
		k := regKey{s.typ, it}
		if r := c.regs[k]; r != nil {
			r.count--
			if r.count <= 0 {
				if r.epoch == c.epoch && c.conn != nil {
					gone = append(gone, it)
				}
				delete(c.regs, k)
			}
		}
	}
	return gone
}

// close ends the subscription once and sends REMOVE for items nobody needs.
func (s *sub) close() {
	s.once.Do(func() {
		if s.stop != nil {
			s.stop()
		}
		s.q.close(nil)
		if s.seq != "" {
			s.c.stopCondition(s)
			return
		}
		gone := s.detach()
		if len(gone) == 0 {
			return
		}
		c := s.c
		if !c.goBackground() {
			return
		}
		go func() {
			defer c.wg.Done()
			ctx, cancel := context.WithTimeout(c.ctx, c.cfg.requestTimeout)
			defer cancel()
			c.mu.Lock()
			epoch := c.epoch
			c.mu.Unlock()
			// REMOVE only on the connection the items were registered on; a new
			// connection never registers them.
			if _, err := c.roundTrip(ctx, epoch, regMessage("REMOVE", map[Type][]string{s.typ: gone}), "REMOVE"); err != nil && c.ctx.Err() == nil {
				c.log.LogAttrs(c.ctx, slog.LevelDebug, "kiwoom realtime REMOVE failed", slog.String("error", err.Error()))
			}
		}()
	})
}
