package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

// jsonSummary is the output section of kiwoom -h.
const jsonSummary = `Output of kiwoom call (changed: json printed the wire strings, csv a title,field,value line per
field before; every format prints typed values now, the same in each):
  json    {"return_code": 0, "return_msg": "…", <field>: <value>, …, <rows>: [{…}, …]} with the wire
          names as keys, in the TR's order. Numbers are JSON numbers, exact (1300, -1200, 2.29);
          implied decimals are scaled ("+229" -> 2.29); a price is {"amount": 58000, "direction": "+"}
          (direction "+" up, "-" down, "" none; the amount is never negative); dates "2025-09-08",
          times "15:30:12", date-times "2024-11-07T08:37:13+09:00"; enums their wire value ("2");
          flags an array of labels; text as sent; no value is null.
  csv     the same values: a header row of wire names, then one line for a single-record answer,
          or one line per row of a list (each line ends with the single-record fields, so several
          calls can be appended); a price is two columns, <name> (the amount) and <name>.direction,
          the direction columns after the others of their part.
  table   the same values aligned under the Korean titles; a price shows its direction before the
          amount (+58000, -56700) and an enum its label, "2 (상승)".
  --raw   the body as it arrived. docs/cli-json.md describes the shapes in full.
`

// jsonHelp is the output section of kiwoom call -h.
const jsonHelp = `Output:
  json    one object: "return_code" and "return_msg", then every response field under its wire
          name, in the order kiwoom describe shows them; a list TR's rows are an array of objects
          under the list's name (with --all, the rows of every page). Values by type:
            int, padded     number                       "-00000163958" -> -163958, "--28837" -> -28837
            decimal         number, exact, scale kept    "+0.24" -> 0.24, "-5.14" -> -5.14, "0.00" -> 0.00
            implied_decimal number, scaled               "+229" -> 2.29 (ka10059 flu_rt)
            percent         number of percent            "45%" -> 45, "+1.50%" -> 1.50
            grouped         number                       "56,900" -> 56900
            index           {"amount": N, "direction": D} "-1762.61" -> {"amount": 1762.61, "direction": "-"}
            implied_index   as index, scaled             "+651627" -> {"amount": 6516.27, "direction": "+"}
            price           {"amount": N, "direction": D} "+58000" -> {"amount": 58000, "direction": "+"},
                            D is "+" (up), "-" (down) or "" (none); the amount is never negative
            date            "YYYY-MM-DD"                 "20250908" -> "2025-09-08"
            time            "HH:MM:SS"                   "153012" -> "15:30:12"
            datetime        RFC 3339 in Korea time       "20241107083713" -> "2024-11-07T08:37:13+09:00"
            enum            the wire value, a string     "2" (kiwoom describe gives the labels)
            flags           array of strings             "증거금20%|담보대출" -> ["증거금20%", "담보대출"]
            text, code      string, as sent
          "" (no value) is null for every type but text, code and flags ([]). Secret fields print
          "[REDACTED]" unless --reveal.
  csv     the same values. The header names the columns by wire name; a price is two columns:
          <name> holds the amount and <name>.direction the direction, placed after the other
          columns of the same part. A single-record answer is the header and one line; a list TR
          is the header and one line per row: first the row's columns, then the single-record
          fields (e.g. ka10081's stk_cd) repeated on each line, so the lines of several calls can
          be appended under one header. A list without rows prints the header only.
  table   the same values for people: a single-record answer as 항목/필드/값 lines, a list TR as
          its single-record fields followed by the rows under the Korean titles; a price as its
          direction and amount (+58000), an enum as value and label ("2 (상승)").
  --raw   the body exactly as it arrived (for token TRs the library has already redacted it).
  See docs/cli-json.md.
`

// rowsField returns the catalogue entry of the TR's rows list (its Rows, or its
// first list field), or nil.
func rowsField(tr catalog.TR) *catalog.Field {
	if tr.Rows != "" {
		return tr.Field(false, tr.Rows)
	}
	for i := range tr.Response {
		if tr.Response[i].Type == catalog.TypeList {
			return &tr.Response[i]
		}
	}
	return nil
}

// rowsOf returns the rows slice of a response (an empty value when the TR has none).
func rowsOf(tr catalog.TR, resp kiwoom.Response) reflect.Value {
	f := rowsField(tr)
	if f == nil {
		return reflect.ValueOf([]struct{}{})
	}
	return reflect.ValueOf(resp).Elem().FieldByName(f.GoName)
}

// merged returns the first page with the rows of every page.
func merged(tr catalog.TR, pages []kiwoom.Response) kiwoom.Response {
	first := pages[0]
	f := rowsField(tr)
	if f == nil || len(pages) == 1 {
		return first
	}
	v := reflect.ValueOf(first).Elem().FieldByName(f.GoName)
	for _, p := range pages[1:] {
		v.Set(reflect.AppendSlice(v, reflect.ValueOf(p).Elem().FieldByName(f.GoName)))
	}
	return first
}

// redacted replaces a secret in output without --reveal.
const redacted = "[REDACTED]"

// valueKind is the JSON shape of a normalized value.
type valueKind int

const (
	kindNull   valueKind = iota // no value: null, an empty cell
	kindString                  // a JSON string
	kindNumber                  // a JSON number; text is its exact decimal form
	kindPrice                   // {"amount": text, "direction": dir}
	kindFlags                   // an array of strings
)

// value is one field's value as every format prints it: the typed value of the
// response normalized (implied decimals scaled, dates in ISO 8601, a price split
// into amount and direction).
type value struct {
	kind  valueKind
	text  string   // the string, the number, or the price's amount
	dir   string   // a price's direction: "+", "-" or ""
	flags []string // the labels of a flags value
	label string   // an enum value's Korean label, for the table; "" when none
}

// indexValue is index points as a price-like value: the points (a decimal,
// never negative) and the direction sign kept beside them.
func indexValue(f catalog.Field, x kiwoom.Index) (value, error) {
	if x.IsZero() {
		return value{}, nil
	}
	if x.Points.Units < 0 {
		return value{}, fmt.Errorf("kiwoom: %s: invalid index with negative points %s", f.Name, x.Points.String())
	}
	return value{kind: kindPrice, text: x.Points.String(), dir: x.Sign.String()}, nil
}

// normalize turns the field f of a response, v, into its value. A field the
// catalogue marks Sensitive (or of type kiwoom.Secret) prints as [REDACTED]
// unless reveal, whatever its Go type.
func normalize(f catalog.Field, v reflect.Value, reveal bool) (value, error) {
	if !v.IsValid() {
		return value{}, fmt.Errorf("kiwoom: response field %s (%s) not found", f.Name, f.GoName)
	}
	_, isSecret := v.Interface().(kiwoom.Secret)
	if (f.Sensitive || isSecret) && !v.IsZero() {
		if !reveal {
			return value{kind: kindString, text: redacted}, nil
		}
		if s, ok := v.Interface().(interface{ Reveal() string }); ok {
			return value{kind: kindString, text: s.Reveal()}, nil
		}
	}
	switch x := v.Interface().(type) {
	case kiwoom.Price:
		if !x.Present {
			return value{}, nil
		}
		if x.Value < 0 {
			return value{}, fmt.Errorf("kiwoom: %s: invalid price with a negative amount %d", f.Name, x.Value)
		}
		return value{kind: kindPrice, text: strconv.FormatInt(x.Value, 10), dir: x.Sign.String()}, nil
	case kiwoom.Int:
		return number(x.String()), nil
	case kiwoom.GroupedInt:
		return number(x.Int.String()), nil
	case kiwoom.Percent:
		return number(x.Decimal.String()), nil
	case kiwoom.Index2:
		return indexValue(f, x.Index)
	case kiwoom.Index:
		return indexValue(f, x)
	case kiwoom.Implied2:
		return number(x.Decimal.String()), nil
	case kiwoom.Implied6:
		return number(x.Decimal.String()), nil
	case kiwoom.Decimal:
		return number(x.String()), nil
	case kiwoom.ReturnCode:
		return number(x.String()), nil
	case kiwoom.Date:
		if x.IsZero() {
			return value{}, nil
		}
		return value{kind: kindString, text: fmt.Sprintf("%04d-%02d-%02d", x.Year, int(x.Month), x.Day)}, nil
	case kiwoom.TimeOfDay:
		if x.IsZero() {
			return value{}, nil
		}
		return value{kind: kindString, text: fmt.Sprintf("%02d:%02d:%02d", x.Hour, x.Minute, x.Second)}, nil
	case kiwoom.DateTime:
		if x.IsZero() {
			return value{}, nil
		}
		return value{kind: kindString, text: x.Time.In(kiwoom.KST()).Format(time.RFC3339)}, nil
	case kiwoom.Flags:
		return value{kind: kindFlags, flags: append([]string{}, x...)}, nil
	case kiwoom.Secret:
		return value{kind: kindString, text: x.Reveal()}, nil
	}
	if v.Kind() == reflect.String {
		s := v.String()
		if f.Type != catalog.TypeEnum {
			return value{kind: kindString, text: s}, nil
		}
		if s == "" {
			return value{}, nil
		}
		val := value{kind: kindString, text: s}
		if l, ok := v.Interface().(interface{ Label() string }); ok {
			val.label = l.Label()
		}
		return val, nil
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return value{kind: kindString, text: s.String()}, nil
	}
	return value{kind: kindString, text: fmt.Sprint(v.Interface())}, nil
}

// number is a number value from its exact decimal text; "" is no value.
func number(s string) value {
	if s == "" {
		return value{}
	}
	return value{kind: kindNumber, text: s}
}

// json returns what encoding/json writes for v.
func (v value) json() any {
	switch v.kind {
	case kindString:
		return v.text
	case kindNumber:
		return json.Number(v.text)
	case kindPrice:
		return object{{"amount", json.Number(v.text)}, {"direction", v.dir}}
	case kindFlags:
		return v.flags
	}
	return nil
}

// cell returns v in a CSV cell: the text, a price's amount (or its direction),
// flags joined with '|', "" for no value.
func (v value) cell(direction bool) string {
	switch v.kind {
	case kindPrice:
		if direction {
			return v.dir
		}
		return v.text
	case kindFlags:
		return strings.Join(v.flags, "|")
	case kindNull:
		return ""
	}
	if direction {
		return ""
	}
	return v.text
}

// display returns v in a table cell: a price with its direction before the
// amount, an enum with its label.
func (v value) display() string {
	switch {
	case v.kind == kindPrice:
		return v.dir + v.text
	case v.label != "":
		return v.text + " (" + v.label + ")"
	}
	return v.cell(false)
}

// member is one key and value of an object.
type member struct {
	key string
	val any
}

// object is a JSON object that keeps its keys in order.
type object []member

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshalJSON(m.key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalJSON(m.val)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshalJSON is json.Marshal without HTML escaping ("S&P" stays as it is).
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// jsonFields returns the fields of obj as JSON members, lists as arrays of objects.
func jsonFields(fields []catalog.Field, obj reflect.Value, reveal bool) (object, error) {
	out := make(object, 0, len(fields))
	for _, f := range fields {
		v := obj.FieldByName(f.GoName)
		if f.Type == catalog.TypeList {
			rows, err := jsonRows(f, v, reveal)
			if err != nil {
				return nil, err
			}
			out = append(out, member{f.Name, rows})
			continue
		}
		val, err := normalize(f, v, reveal)
		if err != nil {
			return nil, err
		}
		out = append(out, member{f.Name, val.json()})
	}
	return out, nil
}

// jsonRows returns the rows of the list field f as objects ([] for none).
func jsonRows(f catalog.Field, v reflect.Value, reveal bool) ([]object, error) {
	if !v.IsValid() || v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("kiwoom: response list %s (%s) not found", f.Name, f.GoName)
	}
	rows := make([]object, 0, v.Len())
	for i := range v.Len() {
		row, ok := rowValue(v.Index(i))
		if !ok {
			continue
		}
		o, err := jsonFields(f.Fields, row, reveal)
		if err != nil {
			return nil, err
		}
		rows = append(rows, o)
	}
	return rows, nil
}

// rowValue dereferences a row; false for a nil pointer.
func rowValue(row reflect.Value) (reflect.Value, bool) {
	if row.Kind() == reflect.Pointer {
		if row.IsNil() {
			return row, false
		}
		row = row.Elem()
	}
	return row, true
}

// responseJSON returns the typed JSON object of a response: return_code and
// return_msg, then the TR's fields.
func responseJSON(tr catalog.TR, resp kiwoom.Response, reveal bool) (object, error) {
	env := kiwoom.EnvelopeOf(resp)
	fields, err := jsonFields(tr.Response, reflect.ValueOf(resp).Elem(), reveal)
	if err != nil {
		return nil, err
	}
	return append(object{{"return_code", json.Number(env.ReturnCode.String())}, {"return_msg", env.ReturnMsg}}, fields...), nil
}

// column is one CSV column: a field's value, or a price field's direction.
type column struct {
	field     catalog.Field
	direction bool
	list      string // the wire name of the rows list, for a row column whose name a single-record field also has
}

// name is the CSV header of the column.
func (c column) name() string {
	n := c.field.Name
	if c.list != "" {
		n = c.list + "." + n
	}
	if c.direction {
		return n + ".direction"
	}
	return n
}

// listColumns returns the CSV columns of a list TR: the rows' and the single
// record's. A row column whose name a single-record field also has (kt00001's
// pymn_alow_amt, ka01690's buy_wght) is named <list>.<field>, so every header
// names one column.
func listColumns(rf catalog.Field, response []catalog.Field) (rowCols, recCols []column) {
	rowCols, recCols = csvColumns(rf.Fields), csvColumns(response)
	taken := map[string]bool{}
	for _, c := range recCols {
		taken[c.name()] = true
	}
	for i := range rowCols {
		if taken[rowCols[i].field.Name] || taken[rowCols[i].field.Name+".direction"] {
			rowCols[i].list = rf.Name
		}
	}
	return rowCols, recCols
}

// csvColumns returns the columns of fields (lists left out): a column per field
// in order, then a direction column per price field.
func csvColumns(fields []catalog.Field) []column {
	var cols, dirs []column
	for _, f := range fields {
		if f.Type == catalog.TypeList {
			continue
		}
		cols = append(cols, column{field: f})
		if isDirected(f.Type) {
			dirs = append(dirs, column{field: f, direction: true})
		}
	}
	return append(cols, dirs...)
}

// csvCells returns the cells of obj for cols.
func csvCells(cols []column, obj reflect.Value, reveal bool) ([]string, error) {
	cells := make([]string, len(cols))
	for i, c := range cols {
		v, err := normalize(c.field, obj.FieldByName(c.field.GoName), reveal)
		if err != nil {
			return nil, err
		}
		cells[i] = v.cell(c.direction)
	}
	return cells, nil
}

// printRaw prints a raw body with a final newline, the values of credential keys
// redacted unless reveal.
func printRaw(w io.Writer, raw []byte, reveal bool) error {
	if !reveal {
		raw = kiwoom.RedactCredentials(raw)
	}
	if len(raw) == 0 || raw[len(raw)-1] != '\n' {
		raw = append(raw[:len(raw):len(raw)], '\n')
	}
	_, err := w.Write(raw)
	return err
}

// printResponse prints the pages of a response in the format; secrets are
// redacted unless reveal.
func printResponse(w io.Writer, format string, tr catalog.TR, pages []kiwoom.Response, reveal bool) error {
	resp := merged(tr, pages)
	obj := reflect.ValueOf(resp).Elem()
	rf := rowsField(tr)
	switch format {
	case "json":
		o, err := responseJSON(tr, resp, reveal)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(o)
	case "csv":
		return writeResponseCSV(w, tr, resp, reveal)
	}

	var scalars [][]string
	for _, f := range tr.Response {
		if f.Type == catalog.TypeList {
			continue
		}
		v, err := normalize(f, obj.FieldByName(f.GoName), reveal)
		if err != nil {
			return err
		}
		scalars = append(scalars, []string{f.Title, f.Name, v.display()})
	}
	if rf == nil {
		return writeTable(w, append([][]string{{"항목", "필드", "값"}}, scalars...))
	}
	rows := obj.FieldByName(rf.GoName)
	header := make([]string, len(rf.Fields))
	for i, f := range rf.Fields {
		header[i] = f.Title
	}
	table := [][]string{header}
	for i := range rows.Len() {
		row, ok := rowValue(rows.Index(i))
		if !ok {
			continue
		}
		cells := make([]string, 0, len(rf.Fields))
		for _, f := range rf.Fields {
			if f.Type == catalog.TypeList {
				cells = append(cells, fmt.Sprintf("(%d rows)", row.FieldByName(f.GoName).Len()))
				continue
			}
			v, err := normalize(f, row.FieldByName(f.GoName), reveal)
			if err != nil {
				return err
			}
			cells = append(cells, v.display())
		}
		table = append(table, cells)
	}
	var pre [][]string
	for _, s := range scalars {
		if s[2] != "" {
			pre = append(pre, []string{s[0] + " (" + s[1] + "):", s[2]})
		}
	}
	if len(pre) > 0 {
		if err := writeTable(w, pre); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return writeTable(w, table)
}

// writeResponseCSV prints a response as CSV: a header and one line for a
// single-record answer; a header and one line per row for a list TR, each line
// the row's columns followed by the single-record columns.
func writeResponseCSV(w io.Writer, tr catalog.TR, resp kiwoom.Response, reveal bool) error {
	obj := reflect.ValueOf(resp).Elem()
	recCols := csvColumns(tr.Response)
	rec, err := csvCells(recCols, obj, reveal)
	if err != nil {
		return err
	}
	rf := rowsField(tr)
	if rf == nil {
		header := columnNames(recCols)
		if len(header) == 0 {
			// A TR without response fields (au10002): its envelope.
			env := kiwoom.EnvelopeOf(resp)
			return writeCSV(w, [][]string{{"return_code", "return_msg"}, {env.ReturnCode.String(), env.ReturnMsg}})
		}
		return writeCSV(w, [][]string{header, rec})
	}
	rowCols, recCols := listColumns(*rf, tr.Response)
	lines := [][]string{append(columnNames(rowCols), columnNames(recCols)...)}
	rows := obj.FieldByName(rf.GoName)
	for i := range rows.Len() {
		row, ok := rowValue(rows.Index(i))
		if !ok {
			continue
		}
		cells, err := csvCells(rowCols, row, reveal)
		if err != nil {
			return err
		}
		lines = append(lines, append(cells, rec...))
	}
	return writeCSV(w, lines)
}

// columnNames returns the header of cols.
func columnNames(cols []column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name()
	}
	return names
}

func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	cw.WriteAll(rows)
	return cw.Error()
}

// writeTable prints rows as columns aligned by display width (Korean is double
// width, which text/tabwriter does not know), numbers right-aligned.
// tableText makes a value fit one table cell: a line break (ka30012's
// 권리내용 has one) shows as ⏎ and a run of spaces or tabs inside the value as
// one space, so the columns stay readable. JSON, CSV and --raw keep the value
// as it is.
func tableText(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") && !strings.Contains(s, "  ") {
		return s
	}
	s = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎").Replace(s)
	lead := len(s) - len(strings.TrimLeft(s, " \t"))
	return s[:lead] + strings.Join(strings.Fields(s[lead:]), " ")
}

func writeTable(w io.Writer, rows [][]string) error {
	if len(rows) == 0 {
		return nil
	}
	for _, r := range rows {
		for c, cell := range r {
			r[c] = tableText(cell)
		}
	}
	n := 0
	for _, r := range rows {
		n = max(n, len(r))
	}
	widths := make([]int, n)
	numeric := make([]bool, n)
	for c := range n {
		numeric[c] = len(rows) > 1
		for i, r := range rows {
			if c >= len(r) {
				continue
			}
			widths[c] = max(widths[c], width(r[c]))
			if i > 0 && r[c] != "" && !isNumber(r[c]) {
				numeric[c] = false
			}
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		for c, cell := range r {
			pad := strings.Repeat(" ", widths[c]-width(cell))
			last := c == len(r)-1
			switch {
			case numeric[c]:
				b.WriteString(pad + cell)
			case last:
				b.WriteString(cell)
			default:
				b.WriteString(cell + pad)
			}
			if !last {
				b.WriteString("  ")
			}
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// isNumber reports whether s looks like a number ("+74800", "-5.14", "--28837").
func isNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// width is the display width of s in a terminal: East Asian wide and fullwidth
// characters count two columns, combining marks none.
func width(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || r == 0x200B:
			// zero width
		case isWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// isWide reports whether r is East Asian Wide or Fullwidth (the ranges that
// matter for Korean, Chinese and Japanese text).
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo leading consonants
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, compatibility Jamo, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA960 && r <= 0xA97F, // Hangul Jamo extended A
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // emoji
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and later
		return true
	}
	return false
}

// isDirected reports whether a value type carries a direction sign beside its
// amount (a price, index points): CSV gives it a <name>.direction column.
func isDirected(t catalog.ValueType) bool {
	return t == catalog.TypePrice || t == catalog.TypeIndex || t == catalog.TypeImpliedIndex
}
