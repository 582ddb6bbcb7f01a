package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
)

func conditionCommand() command {
	return command{
		name: "condition",
		synopsis: []string{
			"condition list [flags]",
			"condition run <seq> [flags]",
			"condition watch <seq> [flags]",
		},
		summary: "list the saved conditions (조건검색식), run one once, or watch its entries and exits",
		flags: `  -o, --format table|json|csv   output format (default table)
  --count N                     watch: stop after N entries or exits (default: until interrupted)
  --all-fields                  watch, table and csv: every FID of the 02 push (adds 907 매도수구분)
  --connect-timeout DURATION    give up when the connection, the login and the first answer have
                                not come within DURATION (default 30s)
  --no-token-cache              neither read nor write the cached access token (see KIWOOM_CACHE_DIR)
`,
		details: `Conditions are made and saved in 영웅문4 (HTS); the API runs them by their 일련번호 (seq).
  kiwoom condition list        the saved conditions (ka10171 CNSRLST): seq and name
  kiwoom condition run 0       run condition 0 once (ka10172 CNSRREQ, search_type 0), every page,
                               and print the matching stocks (code, name, price, change, volume …)
  kiwoom condition watch 0     run condition 0 in realtime (ka10173): print the stocks that match
                               now (action "initial"), then each stock that enters ("I", 편입) or
                               leaves ("D", 이탈) as Kiwoom pushes it (type 02), until Ctrl-C or
                               --count entries and exits; on exit the condition is stopped (CNSRCLR)

Output:
  list    table: 일련번호 조건명; json: [{"seq": "0", "name": "…"}, …]; csv: seq,name
  run     table: the rows under the Korean titles; json: an array of rows, each the FIDs as keys
          with typed values as kiwoom watch prints them ("10": {"amount": 58000, "direction": "+"},
          "12": 2.29, …) and "extra" (FIDs this version does not know, as sent); csv: a header of
          FIDs (a price is two columns, <FID> and <FID>.direction) and one line per row
  watch   one line per stock: time (KST), seq, code, action, then the push's FIDs; json: {"time":
          …, "seq": "0", "code": "005930", "action": "I", "values": {"841": "0", "9001": "005930",
          "843": "I", "20": "09:00:01", "907": "2"}, "extra": {}} ("values" is null for "initial")
Codes are printed as Kiwoom sends them (the initial list and run prefix them: A005930). After a
reconnect the condition is started again: a notice goes to stderr and the stocks matching then
are printed again as "initial". Without KIWOOM_APPKEY and KIWOOM_ENV the built-in local server
serves three fixture conditions (0 급등주, 1 거래량상위, 2 신고가) and pushes random entries and exits.
`,
		run: cmdCondition,
		complete: func(words []string) []candidate {
			if len(positionals(words[:len(words)-1], watchValued())) == 0 {
				return filterCandidates([]candidate{
					{"list", "the saved conditions"},
					{"run", "run a condition once and print the matching stocks"},
					{"watch", "run a condition in realtime: entries and exits"},
				}, words[len(words)-1])
			}
			return nil
		},
		valued: watchValued(),
	}
}

func cmdCondition(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	stderr = &lockedWriter{w: stderr} // the realtime client logs from its own goroutines
	sf, err := parseStreamFlags("condition", args)
	if err != nil {
		return fail(stderr, err)
	}
	const usage = "usage: kiwoom condition list | run <seq> | watch <seq>"
	if len(sf.pos) == 0 {
		return fail(stderr, usagef("kiwoom condition: list, run or watch? %s", usage))
	}
	sub, rest := sf.pos[0], sf.pos[1:]
	switch sub {
	case "list":
		if len(rest) > 0 {
			return fail(stderr, usagef("kiwoom condition list takes no arguments (got %q)", rest[0]))
		}
	case "run", "watch":
		if len(rest) != 1 {
			return fail(stderr, usagef("kiwoom condition %s: want one condition seq (from kiwoom condition list); %s", sub, usage))
		}
		if s := rest[0]; len(s) > 3 || strings.TrimSpace(s) != s || s == "" {
			return fail(stderr, usagef("kiwoom condition %s: seq %q: want the 일련번호 of kiwoom condition list (1 to 3 characters)", sub, s))
		}
	default:
		return fail(stderr, usagef("kiwoom condition: unknown subcommand %q; %s", sub, usage))
	}
	if sub != "watch" {
		for _, f := range []string{"count", "all-fields"} {
			if sf.set[f] {
				return fail(stderr, usagef("kiwoom condition %s: --%s is for kiwoom condition watch", sub, f))
			}
		}
	}

	name := "condition " + sub
	rt, closeRT, err := openRealtime(ctx, getenv, stderr, sf)
	if err != nil {
		return failRealtime(ctx, name, stderr, err)
	}
	defer closeRT()
	switch sub {
	case "list":
		conds, cancel, err := within(ctx, sf.connectTimeout, rt.Conditions)
		cancel()
		if err != nil {
			return failRealtime(ctx, name, stderr, withURL(rt, err))
		}
		if err := printConditions(stdout, sf.format, conds); err != nil {
			return fail(stderr, err)
		}
	case "run":
		rows, cancel, err := within(ctx, sf.connectTimeout, func(ctx context.Context) ([]*realtime.ConditionSearchRow, error) {
			return rt.SearchCondition(ctx, rest[0])
		})
		cancel()
		if err != nil {
			return failRealtime(ctx, name, stderr, withURL(rt, err))
		}
		if err := printSearchRows(stdout, sf.format, rows); err != nil {
			return fail(stderr, err)
		}
	case "watch":
		return watchCondition(ctx, rt, rest[0], sf, stdout, stderr)
	}
	return exitOK
}

// printConditions prints the saved conditions.
func printConditions(w io.Writer, format string, conds []realtime.Condition) error {
	switch format {
	case "json":
		out := make([]object, 0, len(conds))
		for _, c := range conds {
			out = append(out, object{{"seq", c.Seq}, {"name", c.Name}})
		}
		return writeIndentedJSON(w, out)
	case "csv":
		rows := [][]string{{"seq", "name"}}
		for _, c := range conds {
			rows = append(rows, []string{c.Seq, c.Name})
		}
		return writeCSV(w, rows)
	}
	rows := [][]string{{"일련번호", "조건명"}}
	for _, c := range conds {
		rows = append(rows, []string{c.Seq, c.Name})
	}
	return writeTable(w, rows)
}

// writeIndentedJSON prints v as indented JSON, as kiwoom call and list do.
func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// searchColumns returns the columns of a condition search row: the fields of
// realtime.ConditionSearchRow in order, each with its FID from the FID table.
func searchColumns() []eventColumn {
	byName := map[string]realtime.FIDInfo{}
	for _, f := range realtime.FIDs() {
		byName[f.GoName] = f
	}
	t := reflect.TypeFor[realtime.ConditionSearchRow]()
	var cols []eventColumn
	for i := range t.NumField() {
		sf := t.Field(i)
		fi, ok := byName[sf.Name]
		if !ok || !sf.IsExported() {
			continue // Extra
		}
		// The row's own Go type decides the value; the FID table's type is
		// that of the FID in pushes (FID 12 is implied in rows, a decimal in pushes).
		cols = append(cols, eventColumn{info: fi, field: fidField(fi)})
	}
	return cols
}

// printSearchRows prints the rows of a condition search.
func printSearchRows(w io.Writer, format string, rows []*realtime.ConditionSearchRow) error {
	cols := searchColumns()
	var r fieldReader
	vals := make([][]value, 0, len(rows))
	for _, row := range rows {
		v, err := r.values(cols, row)
		if err != nil {
			return err
		}
		vals = append(vals, v)
	}
	switch format {
	case "json":
		out := make([]object, 0, len(rows))
		for i, row := range rows {
			out = append(out, append(valuesObject(cols, vals[i]), member{"extra", extraObject(row.Extra)}))
		}
		return writeIndentedJSON(w, out)
	case "csv":
		head := columnNames(csvColumns(fieldsOf(cols)))
		lines := [][]string{head}
		for i := range rows {
			lines = append(lines, csvValueCells(cols, vals[i]))
		}
		return writeCSV(w, lines)
	}
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.info.Title
	}
	table := [][]string{head}
	for i := range rows {
		cells := make([]string, len(cols))
		for j, v := range vals[i] {
			cells[j] = v.display()
		}
		table = append(table, cells)
	}
	return writeTable(w, table)
}

// watchCondition runs kiwoom condition watch: the initial list, then the
// entries and exits until interrupted or --count.
func watchCondition(ctx context.Context, rt *realtime.Client, seq string, sf *streamFlags, stdout, stderr io.Writer) int {
	cw, cancel, err := within(ctx, sf.connectTimeout, func(ctx context.Context) (*realtime.ConditionWatch, error) {
		return rt.WatchCondition(ctx, seq)
	})
	if err != nil {
		return failRealtime(ctx, "condition watch", stderr, withURL(rt, err))
	}
	defer cancel()
	defer cw.Close()
	p := newHitPrinter(stdout, sf.format, sf.allFields)
	if err := p.header(); err != nil {
		return fail(stderr, err)
	}
	if err := p.initial(time.Now(), seq, cw.Initial); err != nil {
		return fail(stderr, err)
	}
	n := 0
	for ev, err := range cw.Events() {
		if err != nil {
			var gap *realtime.GapError
			if errors.As(err, &gap) {
				fmt.Fprintf(stderr, "kiwoom condition watch: %v; condition %s started again, %d stocks match\n", err, seq, len(gap.Current))
				if err := p.initial(time.Now(), seq, gap.Current); err != nil {
					return fail(stderr, err)
				}
				continue
			}
			if errors.Is(err, realtime.ErrDropped) {
				fmt.Fprintf(stderr, "kiwoom condition watch: %v\n", err)
				continue
			}
			return failRealtime(ctx, "condition watch", stderr, err)
		}
		if err := p.hit(time.Now(), seq, ev); err != nil {
			return fail(stderr, err)
		}
		n++
		if sf.count > 0 && n >= sf.count {
			break
		}
	}
	return exitOK
}

// actionLabels name the actions of a 02 push (FID 843) in the table.
var actionLabels = map[string]string{"I": "편입", "D": "이탈"}

// hitPrinter prints the lines of kiwoom condition watch.
type hitPrinter struct {
	w      io.Writer
	format string
	cols   []eventColumn // the FIDs after seq, code and action (table, csv)
	all    []eventColumn // every FID of type 02 (json)
	reader fieldReader
	table  streamTable
	kst    *time.Location
}

func newHitPrinter(w io.Writer, format string, allFields bool) *hitPrinter {
	info, _ := realtime.LookupType(string(realtime.TypeConditionHit))
	p := &hitPrinter{w: w, format: format, all: eventColumns(info, true), kst: kiwoom.KST()}
	shown := []int{841, 9001, 843} // the seq, code and action columns
	for _, c := range eventColumns(info, allFields) {
		if !slices.Contains(shown, c.info.FID) {
			p.cols = append(p.cols, c)
		}
	}
	return p
}

func (p *hitPrinter) header() error {
	switch p.format {
	case "json":
		return nil
	case "csv":
		head := []string{"time", "seq", "code", "action"}
		return writeCSV(p.w, [][]string{append(head, columnNames(csvColumns(fieldsOf(p.cols)))...)})
	}
	titles := []string{"수신시각", "조건", "종목코드", "구분"}
	p.table = streamTable{w: p.w, widths: []int{len(timeLayout), 4, 8, 9}, right: make([]bool, len(titles)+len(p.cols))}
	for i, c := range p.cols {
		titles = append(titles, c.info.Title)
		p.table.widths = append(p.table.widths, max(width(c.info.Title), minWidth(c.info.Type)))
		p.table.right[4+i] = rightAligned(c.info.Type)
	}
	return p.table.line(titles)
}

// initial prints the stocks matching when the condition started.
func (p *hitPrinter) initial(t time.Time, seq string, codes []string) error {
	for _, code := range codes {
		var err error
		switch p.format {
		case "json":
			err = p.jsonLine(object{{"time", p.jsonTime(t)}, {"seq", seq}, {"code", code}, {"action", "initial"},
				{"values", nil}, {"extra", object{}}})
		case "csv":
			cells := append([]string{t.In(p.kst).Format(jsonTimeLayout), seq, code, "initial"}, make([]string, len(csvColumns(fieldsOf(p.cols))))...)
			err = writeCSV(p.w, [][]string{cells})
		default:
			cells := []string{t.In(p.kst).Format(timeLayout), seq, code, "initial"}
			for range p.cols {
				cells = append(cells, "-")
			}
			err = p.table.line(cells)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// hit prints one entry or exit.
func (p *hitPrinter) hit(t time.Time, seq string, ev *realtime.ConditionHit) error {
	if ev.ConditionSeq != "" {
		seq = strings.TrimSpace(ev.ConditionSeq)
	}
	code := ev.Code
	if code == "" {
		code = ev.Item
	}
	switch p.format {
	case "json":
		vals, err := p.reader.values(p.all, ev)
		if err != nil {
			return err
		}
		o := object{{"time", p.jsonTime(t)}, {"seq", seq}, {"code", code}, {"action", ev.ConditionAction},
			{"values", valuesObject(p.all, vals)}, {"extra", extraObject(ev.Extra)}}
		if ev.Err != nil {
			o = append(o, member{"error", ev.Err.Error()})
		}
		return p.jsonLine(o)
	}
	vals, err := p.reader.values(p.cols, ev)
	if err != nil {
		return err
	}
	if p.format == "csv" {
		cells := []string{t.In(p.kst).Format(jsonTimeLayout), seq, code, ev.ConditionAction}
		return writeCSV(p.w, [][]string{append(cells, csvValueCells(p.cols, vals)...)})
	}
	action := dash(ev.ConditionAction)
	if l, ok := actionLabels[action]; ok {
		action += " (" + l + ")"
	}
	cells := []string{t.In(p.kst).Format(timeLayout), seq, code, action}
	for _, v := range vals {
		cells = append(cells, dash(v.display()))
	}
	return p.table.line(cells)
}

func (p *hitPrinter) jsonTime(t time.Time) string {
	return t.In(p.kst).Format(jsonTimeLayout)
}

func (p *hitPrinter) jsonLine(o object) error {
	b, err := marshalJSON(o)
	if err != nil {
		return err
	}
	_, err = p.w.Write(append(b, '\n'))
	return err
}
