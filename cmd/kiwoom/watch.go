package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
)

// builtinRealtimeNotice follows builtinNotice for the realtime commands.
const builtinRealtimeNotice = "the built-in local server pushes synthetic events and serves fixture conditions; set KIWOOM_APPKEY, KIWOOM_SECRETKEY and KIWOOM_ENV for Kiwoom's"

// defaultConnectTimeout bounds the wait for the connection, the LOGIN and the
// first answer: the realtime client reconnects by itself forever, which a
// command line must not do silently.
const defaultConnectTimeout = 30 * time.Second

func watchCommand() command {
	return command{
		name:     "watch",
		synopsis: []string{"watch <type> [item ...] [flags]"},
		summary:  "subscribe to a realtime type (0B 주식체결, 0D 호가, 00 주문체결 …) and print its events",
		flags: `  -o, --format table|json|csv   output format (default table): table prints a header and one
                                aligned line per event; json one object per line (every FID,
                                typed); csv a header of FIDs and one line per event
  --count N                     stop after N events (default: until interrupted, Ctrl-C)
  --all-fields                  table and csv: every FID of the type instead of a few key fields
  --connect-timeout DURATION    give up when the connection, the login and the registration have
                                not succeeded within DURATION (default 30s)
  --no-token-cache              neither read nor write the cached access token (see KIWOOM_CACHE_DIR)
`,
		details: watchDetails(),
		run:     cmdWatch,
		complete: func(words []string) []candidate {
			pos := positionals(words[:len(words)-1], watchValued())
			if len(pos) == 0 {
				return typeCandidates(words[len(words)-1])
			}
			return nil
		},
		valued: watchValued(),
	}
}

// watchValued lists the flags of kiwoom watch and kiwoom condition that take a value.
func watchValued() []string { return []string{"format", "o", "count", "connect-timeout"} }

// watchDetails is the help of kiwoom watch -h: the types, the output, the notices.
func watchDetails() string {
	var b strings.Builder
	b.WriteString(`Types (the code or the Go name, case-insensitive, e.g. 0B or StockTrade) and their items:
`)
	b.WriteString(typeTable())
	b.WriteString(`

Output:
  table   a header of Korean titles, then per event: the time it arrived (KST), the type, the item
          and the key fields of the type (every FID with --all-fields); a price shows its direction
          before the amount (+58000), a missing value "-".
  json    one object per line: {"time": "2025-09-08T09:00:01.123+09:00", "type": "0B", "item":
          "005930", "values": {"<FID>": <value>, …}, "extra": {"<FID>": "<raw>", …}} with every
          FID of the type under "values" in the order of the docs, typed as kiwoom call -o json
          types its fields (docs/cli-json.md): a price or index {"amount": 58000, "direction": "+"},
          numbers as exact JSON numbers, times "09:00:01", dates "2025-09-08", no value null, text
          as sent. "extra" holds the FIDs this version does not know (and values that did not
          decode, then with "error" saying why), as sent.
  csv     a header of FIDs, then one line per event (time, type, item, the fields; a price is two
          columns, <FID> and <FID>.direction).
Gaps (the connection was lost and restored: pushes in between are missing) and dropped events
(the output was too slow) are reported on stderr; the stream goes on. Ctrl-C (SIGINT) or
SIGTERM ends it with exit 0, as does --count. Without KIWOOM_APPKEY and KIWOOM_ENV the built-in
local server pushes synthetic events (and says so on stderr).

Examples:
  kiwoom watch 0B 005930 000660
  kiwoom watch StockOrderBook 005930 --count 1 --all-fields
  kiwoom watch 0J 001 101 -o json | jq -c '[.item, .values["10"].amount]'
  kiwoom watch 00            # the token's account: order events (no items)
`)
	return b.String()
}

// itemHelp says what a realtime type is registered with.
func itemHelp(t realtime.TypeInfo) string {
	switch t.Item {
	case "stock":
		return "stock codes (005930)"
	case "sector":
		return "sector codes (001 KOSPI, 101 KOSDAQ)"
	case "elw":
		return "ELW codes"
	case "gold":
		return "MGD (원/g) or MGU ($/온스)"
	case "account":
		return "none: the account of the token"
	case "market":
		return "none: the whole market"
	case "any":
		return "none: every stock"
	}
	return t.Item
}

// watchTypes are the types kiwoom watch subscribes to: all but 02, which a
// realtime condition search produces.
func watchTypes() []realtime.TypeInfo {
	return slices.DeleteFunc(realtime.Types(), func(t realtime.TypeInfo) bool {
		return t.Type == realtime.TypeConditionHit
	})
}

// typeTable lists the watch types, one per line.
func typeTable() string {
	rows := [][]string{}
	for _, t := range watchTypes() {
		rows = append(rows, []string{"  " + string(t.Type), t.Name, t.GoName, itemHelp(t)})
	}
	var b bytes.Buffer
	writeTable(&b, rows)
	return strings.TrimSuffix(b.String(), "\n")
}

// lookupWatchType finds a realtime type by code, Go name or Korean name: exactly
// first (0g and 0G are different types), then ignoring case.
func lookupWatchType(s string) (realtime.TypeInfo, bool) {
	types := realtime.Types()
	for _, t := range types {
		if string(t.Type) == s || t.GoName == s || t.Name == s {
			return t, true
		}
	}
	var found []realtime.TypeInfo
	for _, t := range types {
		if strings.EqualFold(string(t.Type), s) || strings.EqualFold(t.GoName, s) {
			found = append(found, t)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return realtime.TypeInfo{}, false
}

// typeCandidates completes a type code or Go name (ignoring case).
func typeCandidates(prefix string) []candidate {
	var out []candidate
	for _, t := range watchTypes() {
		for _, v := range []string{string(t.Type), t.GoName} {
			if len(v) >= len(prefix) && strings.EqualFold(v[:len(prefix)], prefix) {
				out = append(out, candidate{v, t.Name})
			}
		}
	}
	return out
}

// positionals returns the words that are not flags or flag values.
func positionals(words []string, valued []string) []string {
	var pos []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "--" {
			return append(pos, words[i+1:]...)
		}
		if strings.HasPrefix(w, "-") && w != "-" {
			if name := strings.TrimLeft(w, "-"); !strings.Contains(name, "=") && slices.Contains(valued, name) {
				i++
			}
			continue
		}
		pos = append(pos, w)
	}
	return pos
}

// streamFlags are the flags of kiwoom watch and kiwoom condition.
type streamFlags struct {
	format         string
	count          int
	allFields      bool
	connectTimeout time.Duration
	noTokenCache   bool
	pos            []string
	set            map[string]bool
}

// parseStreamFlags parses the command line of kiwoom <name>.
func parseStreamFlags(name string, args []string) (*streamFlags, error) {
	sf := &streamFlags{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&sf.format, "format", "table", "")
	fs.StringVar(&sf.format, "o", "table", "")
	fs.IntVar(&sf.count, "count", 0, "")
	fs.BoolVar(&sf.allFields, "all-fields", false, "")
	fs.DurationVar(&sf.connectTimeout, "connect-timeout", defaultConnectTimeout, "")
	fs.BoolVar(&sf.noTokenCache, "no-token-cache", false, "")
	flags, pos := splitFlags(args, valuedSet(watchValued()))
	if err := fs.Parse(flags); err != nil {
		return nil, usagef("kiwoom %s: %v; run kiwoom %s -h for usage", name, err, name)
	}
	sf.pos = pos
	sf.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { sf.set[f.Name] = true })
	if !slices.Contains(formatNames(), sf.format) {
		return nil, usagef("kiwoom %s: --format %q: want table, json or csv", name, sf.format)
	}
	if sf.count < 0 {
		return nil, usagef("kiwoom %s: --count %d: want a positive number of events", name, sf.count)
	}
	if sf.set["count"] && sf.count == 0 {
		return nil, usagef("kiwoom %s: --count 0: want a positive number of events (leave it out to watch until interrupted)", name)
	}
	if sf.connectTimeout <= 0 {
		return nil, usagef("kiwoom %s: --connect-timeout %v: want a positive duration such as 30s", name, sf.connectTimeout)
	}
	return sf, nil
}

// connectTimeoutError is the cause of a context given up on by --connect-timeout.
type connectTimeoutError struct{ d time.Duration }

func (e *connectTimeoutError) Error() string {
	return fmt.Sprintf("gave up after %v (--connect-timeout)", e.d)
}

// Timeout makes it a net.Error-like timeout.
func (e *connectTimeoutError) Timeout() bool { return true }

// within runs start with a context derived from ctx that is cancelled with a
// *connectTimeoutError when start has not returned within d. When start returns
// in time the context lives on (a subscription lasts as long as its context)
// until the returned cancel function is called.
func within[T any](ctx context.Context, d time.Duration, start func(context.Context) (T, error)) (T, context.CancelFunc, error) {
	sctx, cancel := context.WithCancelCause(ctx)
	timer := time.AfterFunc(d, func() { cancel(&connectTimeoutError{d}) })
	v, err := start(sctx)
	if !timer.Stop() && err == nil {
		err = context.Cause(sctx) // it fired after start returned: sctx has ended
	}
	if err != nil {
		cancel(nil)
		var zero T
		return zero, func() {}, err
	}
	return v, func() { cancel(nil) }, nil
}

// withURL names the realtime server in a --connect-timeout error.
func withURL(rt *realtime.Client, err error) error {
	var ce *connectTimeoutError
	if errors.As(err, &ce) {
		return fmt.Errorf("%s: %w", rt.URL(), err)
	}
	return err
}

// openRealtime returns a realtime client of the environment's core client (the
// built-in local server without credentials, as for kiwoom call) and a function
// that closes both. It gets the access token first, so that bad credentials
// fail at once instead of in the realtime client's reconnect loop.
func openRealtime(ctx context.Context, getenv func(string) string, stderr io.Writer, sf *streamFlags) (*realtime.Client, func(), error) {
	core, closeCore, err := newClient(getenv, stderr, clientConfig{noTokenCache: sf.noTokenCache})
	if err != nil {
		return nil, nil, err
	}
	if strings.TrimSpace(getenv(kiwoom.EnvAppKey)) == "" {
		fmt.Fprintln(stderr, builtinRealtimeNotice)
	}
	tctx, cancel := context.WithTimeoutCause(ctx, sf.connectTimeout, &connectTimeoutError{sf.connectTimeout})
	_, err = core.AccessToken(tctx)
	cancel()
	if err != nil {
		closeCore()
		return nil, nil, forShell(err)
	}
	rt, err := realtime.New(core, realtime.WithLogger(warnLogger(stderr)))
	if err != nil {
		closeCore()
		return nil, nil, err
	}
	return rt, func() {
		rt.Close()
		closeCore()
	}, nil
}

// lockedWriter serializes writes: the realtime client logs to stderr from its
// goroutines while the command prints its notices there.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// realtimeExitCode classifies the errors of the realtime client: Kiwoom's
// refusals (LOGIN, REG, condition search, SYSTEM, R10001) are API errors (4),
// a connection that did not come up or frames that did not decode network or
// protocol errors (5).
func realtimeExitCode(err error) int {
	var (
		le *realtime.LoginError
		re *realtime.RequestError
		se *realtime.SystemError
		ce *connectTimeoutError
	)
	switch {
	case errors.As(err, &le), errors.As(err, &re), errors.As(err, &se), errors.Is(err, realtime.ErrSessionTaken):
		return exitAPI
	case errors.As(err, &ce), errors.Is(err, realtime.ErrMalformedFrame):
		return exitNetwork
	}
	return exitCode(err)
}

// failRealtime prints err and returns its exit code. For a stream (watch) an
// interrupt is the way to end it, not an error: exit 0.
func failRealtime(ctx context.Context, name string, stderr io.Writer, err error) int {
	if ctx.Err() != nil && errors.Is(err, context.Canceled) && (name == "watch" || name == "condition watch") {
		return exitOK
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "kiwoom") {
		msg = "kiwoom " + name + ": " + msg
	}
	fmt.Fprintln(stderr, msg)
	return realtimeExitCode(err)
}

func cmdWatch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	stderr = &lockedWriter{w: stderr} // the realtime client logs from its own goroutines
	sf, err := parseStreamFlags("watch", args)
	if err != nil {
		return fail(stderr, err)
	}
	if len(sf.pos) == 0 {
		return fail(stderr, usagef("kiwoom watch: which type? usage: kiwoom watch <type> [item ...]; the types are:\n%s", typeTable()))
	}
	name, items := sf.pos[0], sf.pos[1:]
	if strings.EqualFold(name, string(realtime.TypeConditionHit)) || strings.EqualFold(name, "ConditionHit") || name == "조건검색" {
		return fail(stderr, usagef("kiwoom watch: type 02 (조건검색) comes from a realtime condition search: use kiwoom condition watch <seq>"))
	}
	info, ok := lookupWatchType(name)
	if !ok {
		return fail(stderr, usagef("kiwoom watch: unknown realtime type %q; the types are (code or Go name):\n%s", name, typeTable()))
	}
	switch {
	case info.AnyItem() && len(items) > 0:
		return fail(stderr, usagef("kiwoom watch: %s (%s) takes no items (%s); got %q", info.Type, info.Name, itemHelp(info), items))
	case !info.AnyItem() && len(items) == 0:
		return fail(stderr, usagef("kiwoom watch: %s (%s) needs at least one item: %s", info.Type, info.Name, itemHelp(info)))
	}
	for _, it := range items {
		if it == "" || strings.ContainsAny(it, " \t\r\n") || len(it) > 20 {
			return fail(stderr, usagef("kiwoom watch: item %q: want a code such as 005930", it))
		}
	}

	rt, closeRT, err := openRealtime(ctx, getenv, stderr, sf)
	if err != nil {
		return failRealtime(ctx, "watch", stderr, err)
	}
	defer closeRT()
	sub, cancel, err := within(ctx, sf.connectTimeout, func(ctx context.Context) (*realtime.Subscription[realtime.Event], error) {
		return rt.SubscribeType(ctx, info.Type, items...)
	})
	if err != nil {
		return failRealtime(ctx, "watch", stderr, withURL(rt, err))
	}
	defer cancel()
	defer sub.Close()

	p := newEventPrinter(stdout, sf.format, info, sf.allFields)
	if err := p.header(); err != nil {
		return fail(stderr, err)
	}
	n := 0
	for ev, err := range sub.Events() {
		if err != nil {
			if errors.Is(err, realtime.ErrGap) || errors.Is(err, realtime.ErrDropped) {
				fmt.Fprintf(stderr, "kiwoom watch: %v\n", err)
				continue
			}
			return failRealtime(ctx, "watch", stderr, err)
		}
		if err := p.event(time.Now(), ev); err != nil {
			return fail(stderr, err)
		}
		n++
		if sf.count > 0 && n >= sf.count {
			break
		}
	}
	return exitOK
}

// eventColumn is one FID printed for every event.
type eventColumn struct {
	info  realtime.FIDInfo
	field catalog.Field // for normalize: the FID as its name
}

// fidField describes a FID as a catalogue field, the form normalize and the CSV
// columns take: its wire name is the FID number.
func fidField(fi realtime.FIDInfo) catalog.Field {
	return catalog.Field{Name: strconv.Itoa(fi.FID), GoName: fi.GoName, Title: fi.Title,
		Type: catalog.ValueType(fi.Type), Unit: fi.Unit}
}

// keyFIDs are the FIDs the table shows of each type without --all-fields.
var keyFIDs = map[realtime.Type][]int{
	realtime.TypeOrderExecution:         {9203, 9001, 302, 913, 905, 907, 900, 901, 911, 910, 902},
	realtime.TypeConditionHit:           {841, 9001, 843, 20},
	realtime.TypeBalance:                {9001, 302, 930, 931, 10, 8019, 990},
	realtime.TypeStockQuoteChange:       {10, 11, 12, 13},
	realtime.TypeStockTrade:             {20, 10, 11, 12, 15, 13, 228},
	realtime.TypeStockBestQuote:         {27, 28},
	realtime.TypeStockOrderBook:         {21, 41, 61, 51, 71, 121, 125},
	realtime.TypeStockAfterHoursQuote:   {21, 131, 135},
	realtime.TypeStockBrokers:           {141, 161, 151, 171},
	realtime.TypeETFNAV:                 {20, 36, 10, 265, 266},
	realtime.TypeStockExpectedTrade:     {20, 10, 11, 12, 15, 13},
	realtime.TypeGoldPrice:              {10, 11, 12},
	realtime.TypeSectorIndex:            {20, 10, 11, 12, 13, 14},
	realtime.TypeSectorBreadth:          {20, 10, 252, 253, 255},
	realtime.TypeStockInfo:              {305, 306, 307, 370},
	realtime.TypeELWTheoreticalPrice:    {20, 10, 670, 671, 672},
	realtime.TypeMarketTime:             {215, 20, 214},
	realtime.TypeELWIndicator:           {20, 666, 1211, 667},
	realtime.TypeStockProgramTrade:      {20, 10, 202, 206, 210, 212},
	realtime.TypeVolatilityInterruption: {9001, 302, 9068, 1225, 1221, 1223, 1224},
}

// eventColumns returns the columns of a type: its key FIDs, or all of them.
func eventColumns(t realtime.TypeInfo, all bool) []eventColumn {
	var fids []realtime.FIDInfo
	if keys, ok := keyFIDs[t.Type]; ok && !all {
		for _, k := range keys {
			if i := slices.IndexFunc(t.FIDs, func(f realtime.FIDInfo) bool { return f.FID == k }); i >= 0 {
				fids = append(fids, t.FIDs[i])
			}
		}
	} else {
		fids = t.FIDs
	}
	cols := make([]eventColumn, len(fids))
	for i, f := range fids {
		cols[i] = eventColumn{info: f, field: fidField(f)}
	}
	return cols
}

// fieldReader reads the fields of cols from an event struct (or a condition
// search row) by their Go names. It caches the field indices per struct type.
type fieldReader struct {
	typ   reflect.Type
	index [][]int // per column; nil when the struct has no such field
}

func (r *fieldReader) values(cols []eventColumn, v any) ([]value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	if rv.Type() != r.typ {
		r.typ = rv.Type()
		r.index = make([][]int, len(cols))
		for i, c := range cols {
			if f, ok := r.typ.FieldByName(c.info.GoName); ok {
				r.index[i] = f.Index
			}
		}
	}
	out := make([]value, len(cols))
	for i, c := range cols {
		if r.index[i] == nil {
			continue // not a field of this struct: no value
		}
		val, err := normalize(c.field, rv.FieldByIndex(r.index[i]), false)
		if err != nil {
			return nil, err
		}
		out[i] = val
	}
	return out, nil
}

// eventPrinter prints the events of one realtime type in a format.
type eventPrinter struct {
	w      io.Writer
	format string
	info   realtime.TypeInfo
	cols   []eventColumn // the columns: every FID for JSON, else the key FIDs or every FID
	reader fieldReader
	table  streamTable
	kst    *time.Location
}

// Layouts of the time an event arrived, in KST: in a table, and in JSON and CSV
// (RFC 3339 with milliseconds).
const (
	timeLayout     = "15:04:05.000"
	jsonTimeLayout = "2006-01-02T15:04:05.000Z07:00"
)

func newEventPrinter(w io.Writer, format string, info realtime.TypeInfo, allFields bool) *eventPrinter {
	p := &eventPrinter{w: w, format: format, info: info, kst: kiwoom.KST()}
	if format == "json" {
		p.cols = eventColumns(info, true)
	} else {
		p.cols = eventColumns(info, allFields)
	}
	return p
}

// tableTitles returns the header cells of the table: the Korean titles, with
// the FID added where two columns have the same title.
func (p *eventPrinter) tableTitles() []string {
	count := map[string]int{}
	for _, c := range p.cols {
		count[c.info.Title]++
	}
	titles := []string{"수신시각", "타입", "종목"}
	for _, c := range p.cols {
		t := c.info.Title
		if count[t] > 1 {
			t += "(" + strconv.Itoa(c.info.FID) + ")"
		}
		titles = append(titles, strings.ReplaceAll(t, " ", "_"))
	}
	return titles
}

// minWidth is the narrowest table column for a value type, so that most values
// fit under it and the lines stay aligned.
func minWidth(t realtime.ValueType) int {
	switch t {
	case realtime.ValuePrice, realtime.ValueIndex:
		return 9
	case realtime.ValueInt, realtime.ValuePadded:
		return 10
	case realtime.ValueDecimal, realtime.ValueImpliedDecimal:
		return 7
	case realtime.ValueTime:
		return 8
	case realtime.ValueDate:
		return 10
	}
	return 6
}

// header prints the table's or the CSV's header; JSON has none.
func (p *eventPrinter) header() error {
	switch p.format {
	case "json":
		return nil
	case "csv":
		head := []string{"time", "type", "item"}
		for _, c := range csvColumns(fieldsOf(p.cols)) {
			head = append(head, c.name())
		}
		return writeCSV(p.w, [][]string{head})
	}
	titles := p.tableTitles()
	p.table = streamTable{w: p.w, widths: make([]int, len(titles)), right: make([]bool, len(titles))}
	p.table.widths[0], p.table.widths[1], p.table.widths[2] = len(timeLayout), 4, 6
	for i, c := range p.cols {
		p.table.widths[3+i] = max(width(titles[3+i]), minWidth(c.info.Type))
		p.table.right[3+i] = rightAligned(c.info.Type)
	}
	return p.table.line(titles)
}

// fieldsOf returns the catalogue fields of cols.
func fieldsOf(cols []eventColumn) []catalog.Field {
	out := make([]catalog.Field, len(cols))
	for i, c := range cols {
		out[i] = c.field
	}
	return out
}

// streamTable prints table lines one at a time, each cell padded to its
// column's width (known from the header), since a stream cannot be measured
// beforehand; a cell wider than its column widens that line only.
type streamTable struct {
	w      io.Writer
	widths []int
	right  []bool // right-aligned (numbers)
}

// line prints one line of cells.
func (t *streamTable) line(cells []string) error {
	var b strings.Builder
	for i, cell := range cells {
		if i > 0 {
			b.WriteString("  ")
		}
		wd := 0
		if i < len(t.widths) {
			wd = t.widths[i]
		}
		pad := strings.Repeat(" ", max(0, wd-width(cell)))
		switch {
		case i < len(t.right) && t.right[i]:
			b.WriteString(pad + cell)
		case i == len(cells)-1:
			b.WriteString(cell)
		default:
			b.WriteString(cell + pad)
		}
	}
	_, err := io.WriteString(t.w, strings.TrimRight(b.String(), " ")+"\n")
	return err
}

// rightAligned reports whether a value type is a number, right-aligned in a table.
func rightAligned(t realtime.ValueType) bool {
	switch t {
	case realtime.ValueText, realtime.ValueCode, realtime.ValueTime, realtime.ValueDate:
		return false
	}
	return true
}

// event prints one event received at t.
func (p *eventPrinter) event(t time.Time, ev realtime.Event) error {
	h := ev.Header()
	vals, err := p.reader.values(p.cols, ev)
	if err != nil {
		return err
	}
	switch p.format {
	case "json":
		o := object{
			{"time", t.In(p.kst).Format(jsonTimeLayout)},
			{"type", string(ev.Type())},
			{"item", h.Item},
			{"values", valuesObject(p.cols, vals)},
			{"extra", extraObject(h.Extra)},
		}
		if h.Err != nil {
			o = append(o, member{"error", h.Err.Error()})
		}
		b, err := marshalJSON(o)
		if err != nil {
			return err
		}
		_, err = p.w.Write(append(b, '\n'))
		return err
	case "csv":
		cells := []string{t.In(p.kst).Format(jsonTimeLayout), string(ev.Type()), h.Item}
		cells = append(cells, csvValueCells(p.cols, vals)...)
		return writeCSV(p.w, [][]string{cells})
	}
	cells := []string{t.In(p.kst).Format(timeLayout), string(ev.Type()), dash(h.Item)}
	for _, v := range vals {
		cells = append(cells, dash(v.display()))
	}
	if len(h.Extra) > 0 && len(p.cols) == len(p.info.FIDs) {
		var extra []string
		for _, k := range slices.Sorted(maps.Keys(h.Extra)) {
			extra = append(extra, k+"="+h.Extra[k])
		}
		cells = append(cells, "extra:"+strings.Join(extra, ","))
	}
	return p.table.line(cells)
}

// dash shows no value as "-" in a table, so that every line has every column.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// valuesObject is the "values" member: every column's value under its FID.
func valuesObject(cols []eventColumn, vals []value) object {
	o := make(object, len(cols))
	for i, c := range cols {
		o[i] = member{c.field.Name, vals[i].json()}
	}
	return o
}

// extraObject is the "extra" member: unknown FIDs by number, as sent ({} for none).
func extraObject(extra map[string]string) object {
	keys := slices.SortedFunc(maps.Keys(extra), func(a, b string) int {
		x, errA := strconv.Atoi(a)
		y, errB := strconv.Atoi(b)
		if errA == nil && errB == nil && x != y {
			return x - y
		}
		return strings.Compare(a, b)
	})
	o := make(object, 0, len(keys))
	for _, k := range keys {
		o = append(o, member{k, extra[k]})
	}
	return o
}

// csvValueCells returns the CSV cells of vals: a cell per column, then a
// direction cell per price or index column (as csvColumns orders them).
func csvValueCells(cols []eventColumn, vals []value) []string {
	cells := make([]string, 0, len(cols))
	var dirs []string
	for i, c := range cols {
		cells = append(cells, vals[i].cell(false))
		if isDirected(c.field.Type) {
			dirs = append(dirs, vals[i].cell(true))
		}
	}
	return append(cells, dirs...)
}
