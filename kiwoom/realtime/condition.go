package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// Condition is a saved condition (조건검색식) made in 영웅문4.
type Condition struct {
	// Seq is the condition's 일련번호, used to run it.
	Seq string
	// Name is the condition's 명.
	Name string
}

// Conditions lists the saved conditions (ka10171, CNSRLST).
func (c *Client) Conditions(ctx context.Context) ([]Condition, error) {
	r, epoch, err := c.request(ctx, "CNSRLST", func(uint64) ([]byte, bool) {
		return []byte(`{"trnm":"CNSRLST"}`), true
	})
	if err != nil {
		return nil, err
	}
	c.markListed(epoch)
	return parseConditionList(r.data)
}

func (c *Client) markListed(epoch uint64) {
	c.mu.Lock()
	if c.listed < epoch {
		c.listed = epoch
	}
	c.mu.Unlock()
}

// parseConditionList accepts rows as [seq, name] arrays (SPEC's example) or as
// {"seq":…,"name":…} objects (SPEC's table).
func parseConditionList(data []byte) ([]Condition, error) {
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	var rows []json.RawMessage
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, fmt.Errorf("realtime: CNSRLST data: %w", err)
	}
	out := make([]Condition, 0, len(rows))
	for i, row := range rows {
		var pair []string
		if err := json.Unmarshal(row, &pair); err == nil {
			if len(pair) < 2 {
				return nil, fmt.Errorf("realtime: CNSRLST data[%d]: want [seq, name], got %d elements", i, len(pair))
			}
			out = append(out, Condition{Seq: strings.TrimSpace(pair[0]), Name: pair[1]})
			continue
		}
		var obj struct{ Seq, Name string }
		if err := json.Unmarshal(row, &obj); err != nil {
			return nil, fmt.Errorf("realtime: CNSRLST data[%d]: neither [seq, name] nor {seq, name}: %w", i, err)
		}
		out = append(out, Condition{Seq: strings.TrimSpace(obj.Seq), Name: obj.Name})
	}
	return out, nil
}

// ensureListed sends CNSRLST on the connection of epoch unless it was sent there
// already: Kiwoom answers CNSRREQ only after a CNSRLST on the same connection.
func (c *Client) ensureListed(ctx context.Context, epoch uint64) error {
	c.mu.Lock()
	done := c.listed >= epoch
	c.mu.Unlock()
	if done {
		return nil
	}
	if _, err := c.roundTrip(ctx, epoch, []byte(`{"trnm":"CNSRLST"}`), "CNSRLST"); err != nil {
		return err
	}
	c.markListed(epoch)
	return nil
}

// maxConditionPages bounds SearchCondition's paging.
const maxConditionPages = 100

// SearchCondition runs a saved condition once (ka10172, CNSRREQ search_type 0)
// on KRX and returns every matching stock, following cont_yn/next_key in the
// body until the last page (at most 100 pages).
func (c *Client) SearchCondition(ctx context.Context, seq string) ([]*ConditionSearchRow, error) {
	if err := checkSeq(seq); err != nil {
		return nil, err
	}
	for {
		rows, err := c.searchOnce(ctx, seq)
		if errors.Is(err, errDisconnected) {
			continue // start over on the new connection
		}
		return rows, err
	}
}

func (c *Client) searchOnce(ctx context.Context, seq string) ([]*ConditionSearchRow, error) {
	epoch, err := c.waitReady(ctx)
	if err != nil {
		return nil, err
	}
	if err := c.ensureListed(ctx, epoch); err != nil {
		return nil, err
	}
	var rows []*ConditionSearchRow
	contYN, nextKey := "N", ""
	for page := 0; page < maxConditionPages; page++ {
		msg, _ := json.Marshal(map[string]string{"trnm": "CNSRREQ", "seq": seq, "search_type": "0",
			"stex_tp": "K", "cont_yn": contYN, "next_key": nextKey})
		r, err := c.roundTrip(ctx, epoch, msg, "CNSRREQ")
		if err != nil {
			return nil, err
		}
		if r.seq != "" && strings.TrimSpace(r.seq) != seq {
			return nil, fmt.Errorf("realtime: CNSRREQ answer for seq %q, asked for %q", strings.TrimSpace(r.seq), seq)
		}
		page, err := parseSearchRows(r.data)
		if err != nil {
			return nil, err
		}
		rows = append(rows, page...)
		if r.contYN != "Y" || r.nextKey == "" {
			return rows, nil
		}
		contYN, nextKey = "Y", r.nextKey
	}
	return rows, fmt.Errorf("realtime: CNSRREQ seq %s: more than %d pages", seq, maxConditionPages)
}

// parseSearchRows decodes ka10172 rows: objects keyed by FID.
func parseSearchRows(data []byte) ([]*ConditionSearchRow, error) {
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	s := scanner{b: data}
	var rows []*ConditionSearchRow
	err := s.array(func() error {
		v, err := s.value()
		if err != nil {
			return err
		}
		row := new(ConditionSearchRow)
		if err := decodeValues(row, row.extra(), "ka10172", v); err != nil {
			return err
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("realtime: CNSRREQ data: %w", err)
	}
	return rows, nil
}

func checkSeq(seq string) error {
	if seq == "" || len(seq) > 3 {
		return fmt.Errorf("realtime: condition seq %q: want 1 to 3 characters (from Conditions)", seq)
	}
	return nil
}

// ConditionWatch is a condition running in realtime (ka10173): the stocks that
// matched when it started, then *ConditionHit events as stocks enter
// (ConditionAction "I") or leave ("D"). After a reconnect the condition is
// started again and the *GapError carries the new initial list in Current.
type ConditionWatch struct {
	// Initial holds the codes that matched at the start, as Kiwoom sends them
	// (prefixed, e.g. "A005930").
	Initial []string
	// Subscription delivers the entries and exits.
	*Subscription[*ConditionHit]
}

// WatchCondition starts a saved condition in realtime (ka10173, CNSRREQ
// search_type 1). At most WithMaxConditions conditions run at once; one more is
// ErrTooManyConditions. The condition stops (CNSRCLR) when ctx ends or Close is
// called.
func (c *Client) WatchCondition(ctx context.Context, seq string) (*ConditionWatch, error) {
	if err := checkSeq(seq); err != nil {
		return nil, err
	}
	s := &sub{c: c, typ: TypeConditionHit, seq: seq, q: newQueue(c.cfg.buffer)}
	c.mu.Lock()
	switch {
	case c.fatal != nil:
		err := c.fatal
		c.mu.Unlock()
		return nil, err
	case c.conds[seq] != nil:
		c.mu.Unlock()
		return nil, fmt.Errorf("realtime: condition %s is already running", seq)
	case len(c.conds) >= c.cfg.maxConditions:
		c.mu.Unlock()
		return nil, fmt.Errorf("%w: %d running, the limit is %d", ErrTooManyConditions, len(c.conds), c.cfg.maxConditions)
	}
	c.conds[seq] = s // route pushes before asking: they may follow the list at once
	c.mu.Unlock()
	var codes []string
	for {
		epoch, err := c.waitReady(ctx)
		if err == nil {
			codes, err = c.startCondition(ctx, epoch, seq)
		}
		c.mu.Lock()
		restored, current := s.started != 0, s.current // a reconnect's restore started it meanwhile
		c.mu.Unlock()
		if restored {
			codes = current
			break
		}
		if errors.Is(err, errDisconnected) {
			continue
		}
		if err != nil {
			c.mu.Lock()
			if c.conds[seq] == s {
				delete(c.conds, seq)
			}
			c.mu.Unlock()
			return nil, err
		}
		c.mu.Lock()
		s.started, s.current = epoch, codes
		c.mu.Unlock()
		break
	}
	s.stop = context.AfterFunc(ctx, s.close)
	return &ConditionWatch{Initial: codes, Subscription: &Subscription[*ConditionHit]{s: s}}, nil
}

// startCondition sends CNSRLST if needed and the realtime CNSRREQ.
func (c *Client) startCondition(ctx context.Context, epoch uint64, seq string) ([]string, error) {
	if err := c.ensureListed(ctx, epoch); err != nil {
		return nil, err
	}
	msg, _ := json.Marshal(map[string]string{"trnm": "CNSRREQ", "seq": seq, "search_type": "1", "stex_tp": "K"})
	r, err := c.roundTrip(ctx, epoch, msg, "CNSRREQ")
	if err != nil {
		return nil, err
	}
	if r.seq != "" && strings.TrimSpace(r.seq) != seq {
		return nil, fmt.Errorf("realtime: CNSRREQ answer for seq %q, asked for %q", strings.TrimSpace(r.seq), seq)
	}
	var rows []struct {
		Code string `json:"jmcode"`
	}
	if len(r.data) > 0 && string(r.data) != "null" {
		if err := json.Unmarshal(r.data, &rows); err != nil {
			return nil, fmt.Errorf("realtime: CNSRREQ data: %w", err)
		}
	}
	codes := make([]string, 0, len(rows))
	for _, row := range rows {
		codes = append(codes, row.Code)
	}
	return codes, nil
}

// stopCondition forgets a condition subscription and sends CNSRCLR.
func (c *Client) stopCondition(s *sub) {
	c.mu.Lock()
	if c.conds[s.seq] == s {
		delete(c.conds, s.seq)
	}
	epoch := c.epoch
	c.mu.Unlock()
	if !c.goBackground() {
		return
	}
	go func() {
		defer c.wg.Done()
		ctx, cancel := context.WithTimeout(c.ctx, c.cfg.requestTimeout)
		defer cancel()
		msg, _ := json.Marshal(map[string]string{"trnm": "CNSRCLR", "seq": s.seq})
		if _, err := c.roundTrip(ctx, epoch, msg, "CNSRCLR"); err != nil && c.ctx.Err() == nil {
			c.log.LogAttrs(c.ctx, slog.LevelDebug, "kiwoom realtime CNSRCLR failed", slog.String("error", err.Error()))
		}
	}()
}
