package gen

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Severity grades a spec change by what it means for users of the generated package.
type Severity int

const (
	// Compatible changes keep every program that compiled compiling, and working as before:
	// added TRs, fields and enum values, doc text, relaxed request rules.
	Compatible Severity = iota
	// Behaviour changes keep the Go API but change what goes over the wire or what a value
	// means: another path, another kind (retry and token rules), a wire name behind an
	// unchanged Go name, another unit, a new wire value behind an unchanged constant of an
	// enum only response fields use. Programs compile; reviewers must check the meaning.
	Behaviour
	// Breaking changes can stop user code compiling, make Validate reject a request it
	// accepted, or silently change what a request sends: a removed TR, field, enum or enum
	// value, a renamed Go name, a changed Go type, a request field that became required, a
	// tighter length limit, paging removed, a kind change that lets the client resend what
	// was an order TR, and a new wire value behind an unchanged constant of an enum that a
	// request field uses.
	Breaking
)

// String returns "compatible", "behaviour" or "breaking".
func (s Severity) String() string {
	switch s {
	case Breaking:
		return "breaking"
	case Behaviour:
		return "behaviour"
	}
	return "compatible"
}

// Change is one difference between two spec models, in plain words. Where and Message
// mark names and code with backticks (Markdown code spans); the text output drops them.
type Change struct {
	// Severity grades the change.
	Severity Severity
	// Where names the changed part, e.g. "request `stk_cd`",
	// "response `stk_invsr_orgn[].cur_prc`" or "value `\"3\"`"; "" for the TR or enum itself.
	Where string
	// Message says what changed and, where it matters, what that means for users.
	Message string
}

// TRDiff holds the changes of one TR, in spec order: the TR itself, then the request
// fields, then the response fields (each list's row fields right after the list).
type TRDiff struct {
	ID   string // api-id
	Name string // Korean TR name (the new one, or the old one for a removed TR)
	Go   string // Go base name (likewise)

	// Changes are the TR's changes, in spec order.
	Changes []Change
}

// EnumDiff holds the changes of one enum of enums.yaml.
type EnumDiff struct {
	// Name is the enum's Go type name.
	Name string
	// Title is the enum's Korean title (the new one, or the old one for a removed enum).
	Title string
	// UsedBy lists the fields that use the enum, e.g. "ka10058 request `stex_tp`" (in the
	// new specs, or in the old ones for a removed enum).
	UsedBy []string

	// Changes are the enum's changes: the enum itself, then its values in order.
	Changes []Change
}

// SpecDiff is what changed between two spec models: TRs in api-id order, then enums in
// the order of enums.yaml.
type SpecDiff struct {
	// TRs holds the TRs with changes, by api-id.
	TRs []TRDiff
	// Enums holds the enums with changes, in the order of enums.yaml.
	Enums []EnumDiff
}

// Count returns how many changes have severity s.
func (d *SpecDiff) Count(s Severity) int {
	n := 0
	for _, c := range d.all() {
		if c.Severity == s {
			n++
		}
	}
	return n
}

// Breaking reports whether any change is breaking.
func (d *SpecDiff) Breaking() bool { return d.Count(Breaking) > 0 }

// Empty reports whether nothing changed.
func (d *SpecDiff) Empty() bool { return len(d.TRs) == 0 && len(d.Enums) == 0 }

func (d *SpecDiff) all() []Change {
	var out []Change
	for _, t := range d.TRs {
		out = append(out, t.Changes...)
	}
	for _, e := range d.Enums {
		out = append(out, e.Changes...)
	}
	return out
}

// Diff compares two spec models. It is a pure function of its arguments and its result
// is deterministic: TRs sorted by api-id, changes in spec order.
func Diff(from, to *Model) *SpecDiff {
	d := &SpecDiff{}
	ids := map[string]bool{}
	for _, t := range from.TRs {
		ids[t.ID] = true
	}
	for _, t := range to.TRs {
		ids[t.ID] = true
	}
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		a, b := from.TR(id), to.TR(id)
		td := TRDiff{ID: id}
		switch {
		case a == nil:
			td.Name, td.Go = b.Name, b.Go
			td.Changes = []Change{{Compatible, "", addedTR(b)}}
		case b == nil:
			td.Name, td.Go = a.Name, a.Go
			td.Changes = []Change{{Breaking, "", fmt.Sprintf("TR removed: the method `%s`, `%sRequest` and `%sResponse` are gone", a.Go, a.Go, a.Go)}}
		default:
			td.Name, td.Go = b.Name, b.Go
			td.Changes = diffTR(a, b)
		}
		if len(td.Changes) > 0 {
			d.TRs = append(d.TRs, td)
		}
	}

	fromEnums, toEnums := from.Enums, to.Enums
	match := make([]int, len(toEnums))
	for i, e := range toEnums {
		match[i] = slices.IndexFunc(fromEnums, func(o *Enum) bool { return o.Name == e.Name })
	}
	for _, p := range mergeOrder(len(fromEnums), match) {
		var ed EnumDiff
		switch {
		case p.b < 0:
			e := fromEnums[p.a]
			ed = EnumDiff{Name: e.Name, Title: e.Title, UsedBy: enumUsers(from, e.Name)}
			ed.Changes = []Change{{Breaking, "", fmt.Sprintf("enum removed: the type `%s` and its %s are gone", e.Name, countNoun(len(e.Values), "constant"))}}
		case p.a < 0:
			e := toEnums[p.b]
			ed = EnumDiff{Name: e.Name, Title: e.Title, UsedBy: enumUsers(to, e.Name)}
			ed.Changes = []Change{{Compatible, "", fmt.Sprintf("enum added with %s: %s", countNoun(len(e.Values), "value"), enumValueList(e))}}
		default:
			e := toEnums[p.b]
			ed = EnumDiff{Name: e.Name, Title: e.Title, UsedBy: enumUsers(to, e.Name)}
			ed.Changes = diffEnum(fromEnums[p.a], e, requestUsers(from, e.Name), requestUsers(to, e.Name))
		}
		if len(ed.Changes) > 0 {
			d.Enums = append(d.Enums, ed)
		}
	}
	return d
}

func addedTR(t *TR) string {
	s := fmt.Sprintf("TR added: the method `%s` with `%sRequest` (%s) and `%sResponse` (%s)",
		t.Go, t.Go, countNoun(len(t.Request), "field"), t.Go, countNoun(len(t.Response), "field"))
	if t.Paging {
		s += fmt.Sprintf(", paging with `%sPages` and `%sRows`", t.Go, t.Go)
	}
	return s
}

func countNoun(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// diffTR compares two versions of one TR.
func diffTR(a, b *TR) []Change {
	var out []Change
	add := func(s Severity, format string, args ...any) {
		out = append(out, Change{s, "", fmt.Sprintf(format, args...)})
	}
	if a.Go != b.Go {
		msg := fmt.Sprintf("Go name `%s` → `%s`: the method and the types `%sRequest`, `%sResponse` are renamed", a.Go, b.Go, a.Go, a.Go)
		if a.Paging {
			msg += fmt.Sprintf(", and so are `%sPages`, `%sRows`", a.Go, a.Go)
		}
		add(Breaking, "%s", msg)
	}
	if pa, pb := a.Family.ImportPath(), b.Family.ImportPath(); pa != pb {
		add(Breaking, "moved from package `%s` to `%s`: import %q and call it through `%s.New(c).%s`", a.Family.Package(), b.Family.Package(), pb, b.Family.Package(), b.Go)
	}
	if a.Name != b.Name {
		add(Compatible, "Korean name %s → %s", a.Name, b.Name)
	}
	if a.Path != b.Path {
		add(Behaviour, "path `%s` → `%s`: the method now calls another URL", a.Path, b.Path)
	}
	if a.Kind != b.Kind {
		sev, why := kindChange(a.Kind, b.Kind)
		add(sev, "kind %s → %s: %s", a.Kind, b.Kind, why)
	}
	switch {
	case a.Paging && !b.Paging:
		add(Breaking, "paging removed: `%sPages` and `%sRows` are gone", a.Go, a.Go)
	case !a.Paging && b.Paging:
		add(Compatible, "now pages with cont-yn/next-key: `%sPages` and `%sRows` (rows in `%s`) are added", b.Go, b.Go, b.Rows)
	case a.Paging && b.Paging && a.Rows != b.Rows:
		add(Breaking, "rows list `%s` → `%s`: `%sRows` yields other rows", a.Rows, b.Rows, b.Go)
	}
	if a.Summary != b.Summary {
		add(Compatible, "summary %s", textChange(a.Summary, b.Summary))
	}
	if a.English != b.English {
		add(Compatible, "English description %s", textChange(a.English, b.English))
	}
	// Compare field types as if the TR had kept its Go name: a renamed TR is reported once
	// above, not once per list type.
	aSame := *a
	aSame.Go, aSame.Family = b.Go, b.Family
	out = append(out, diffFields(&aSame, b, "request", "", a.Request, b.Request, true)...)
	out = append(out, diffFields(&aSame, b, "response", "", a.Response, b.Response, false)...)
	return out
}

// kindChange grades a kind change. Leaving order is breaking: the client starts resending
// a TR that may place an order. Everything else changes retry or token rules only.
func kindChange(from, to string) (Severity, string) {
	switch {
	case from == KindOrder:
		return Breaking, "the client may now resend this TR on its own; order TRs are never resent"
	case to == KindOrder:
		return Behaviour, "the client no longer resends this TR on its own"
	case to == KindAuth:
		return Behaviour, "now sent without the bearer token"
	case from == KindAuth:
		return Behaviour, "now sent with the bearer token"
	}
	return Behaviour, "retry and token rules change"
}

// diffPair is one step of a merged walk over an old and a new list: indexes into both, -1
// where the element is absent on that side.
type diffPair struct{ a, b int }

// mergeOrder walks a new list in order, placing each old element that has no partner
// where it stood among the old elements. match[i] is the old index of new element i, or -1.
func mergeOrder(na int, match []int) []diffPair {
	used := make([]bool, na)
	for _, ai := range match {
		if ai >= 0 {
			used[ai] = true
		}
	}
	var out []diffPair
	next := 0
	flush := func(upto int) {
		for ; next < upto; next++ {
			if !used[next] {
				out = append(out, diffPair{next, -1})
			}
		}
	}
	for bi, ai := range match {
		if ai >= next {
			flush(ai)
			next = ai + 1
		}
		out = append(out, diffPair{ai, bi})
	}
	flush(na)
	return out
}

// matchFields pairs new fields with old ones: by wire name first, then an unmatched new
// field with the first unmatched old field of the same title or Go name (a rename).
func matchFields(a, b []*Field) []int {
	match := make([]int, len(b))
	taken := make([]bool, len(a))
	for i, f := range b {
		match[i] = slices.IndexFunc(a, func(o *Field) bool { return o.Name == f.Name })
		if match[i] >= 0 {
			taken[match[i]] = true
		}
	}
	for i, f := range b {
		if match[i] >= 0 {
			continue
		}
		for j, o := range a {
			if !taken[j] && (o.Title == f.Title || (o.GoName != "" && o.GoName == f.GoName)) {
				match[i], taken[j] = j, true
				break
			}
		}
	}
	return match
}

func diffFields(ta, tb *TR, side, prefix string, a, b []*Field, request bool) []Change {
	var out []Change
	for _, p := range mergeOrder(len(a), matchFields(a, b)) {
		switch {
		case p.b < 0:
			f := a[p.a]
			out = append(out, Change{Breaking, diffWhere(side, prefix, f.Name), fmt.Sprintf("removed: the Go field `%s` is gone", f.GoName)})
		case p.a < 0:
			f := b[p.b]
			out = append(out, addedField(tb, f, side, prefix, request))
		default:
			fa, fb := a[p.a], b[p.b]
			out = append(out, diffField(ta, tb, fa, fb, diffWhere(side, prefix, fb.Name), request)...)
			if fa.Type == TypeList && fb.Type == TypeList {
				out = append(out, diffFields(ta, tb, side, prefix+fb.Name+"[].", fa.Fields, fb.Fields, false)...)
			}
		}
	}
	return out
}

func diffWhere(side, prefix, name string) string {
	return fmt.Sprintf("%s `%s%s`", side, prefix, name)
}

func addedField(t *TR, f *Field, side, prefix string, request bool) Change {
	w := diffWhere(side, prefix, f.Name)
	desc := fmt.Sprintf("`%s` (%s, `%s`)", f.GoName, typeLabel(f), goTypeString(t, f))
	if f.Type == TypeList {
		desc += " with " + countNoun(len(f.Fields), "row field")
	}
	switch {
	case request && f.Required:
		return Change{Breaking, w, "added as required field " + desc + ": requests that do not set it fail Validate"}
	case request:
		return Change{Compatible, w, "added as optional field " + desc}
	}
	return Change{Compatible, w, "added as " + desc}
}

// diffField compares two versions of one field.
func diffField(ta, tb *TR, a, b *Field, w string, request bool) []Change {
	var out []Change
	add := func(s Severity, format string, args ...any) {
		out = append(out, Change{s, w, fmt.Sprintf(format, args...)})
	}
	switch {
	case a.Name != b.Name && a.GoName != b.GoName:
		add(Breaking, "renamed from `%s`: the Go field `%s` → `%s`", a.Name, a.GoName, b.GoName)
	case a.Name != b.Name:
		add(Behaviour, "wire name `%s` → `%s`; the Go field `%s` is unchanged", a.Name, b.Name, b.GoName)
	case a.GoName != b.GoName:
		add(Breaking, "Go field `%s` → `%s`", a.GoName, b.GoName)
	}
	if a.Title != b.Title {
		add(Compatible, "title %s → %s", a.Title, b.Title)
	}
	la, lb := typeLabel(a), typeLabel(b)
	ga, gb := goTypeString(ta, a), goTypeString(tb, b)
	switch {
	case ga != gb && la != lb:
		add(Breaking, "value type %s → %s: the Go type `%s` → `%s`", la, lb, ga, gb)
	case ga != gb && a.Type == TypeList:
		add(Breaking, "the row type `%s` → `%s`", strings.TrimPrefix(ga, "[]"), strings.TrimPrefix(gb, "[]"))
	case ga != gb:
		add(Breaking, "the Go type `%s` → `%s`", ga, gb)
	case la != lb:
		add(Compatible, "value type %s → %s; the Go type `%s` is unchanged", la, lb, gb)
	}
	if a.Required != b.Required {
		switch {
		case request && b.Required:
			add(Breaking, "now required: requests that leave `%s` empty fail Validate", b.GoName)
		case request:
			add(Compatible, "now optional: `%s` is left out of the body when empty", b.GoName)
		default:
			add(Compatible, "documented as %s", map[bool]string{true: "required", false: "optional"}[b.Required])
		}
	}
	if a.Length != b.Length {
		tighter := b.Length > 0 && (a.Length == 0 || b.Length < a.Length)
		switch {
		case request && tighter:
			add(Breaking, "length limit %s → %d: Validate rejects longer values", lengthText(a.Length), b.Length)
		case request:
			add(Compatible, "length limit %d → %s", a.Length, lengthText(b.Length))
		default:
			add(Compatible, "length %s → %s", lengthText(a.Length), lengthText(b.Length))
		}
	}
	switch {
	case a.Unit == b.Unit:
	case a.Unit != "" && b.Unit != "":
		add(Behaviour, "unit %s → %s: the same number now means another amount", a.Unit, b.Unit)
	case b.Unit != "":
		add(Compatible, "unit %s documented", b.Unit)
	default:
		add(Compatible, "unit %s no longer documented", a.Unit)
	}
	if a.Description != b.Description {
		add(Compatible, "description %s", textChange(a.Description, b.Description))
	}
	return out
}

func lengthText(n int) string {
	if n == 0 {
		return "none"
	}
	return fmt.Sprint(n)
}

// typeLabel names a field's value type as the spec writes it.
func typeLabel(f *Field) string {
	s := f.Type
	if f.Type == TypeEnum {
		s += " " + f.Enum
	}
	if f.Sensitive {
		s += " (sensitive)"
	}
	return s
}

// goTypeString is the Go type the renderer gives a field, e.g. "Int" or "[]StockListRow".
func goTypeString(t *TR, f *Field) string { return goTypeName(t, f) }

// textChange describes a changed text briefly: both versions, shortened.
func textChange(a, b string) string {
	q := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return fmt.Sprintf("%q", diffShorten(s, 60))
	}
	return q(a) + " → " + q(b)
}

func diffShorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// diffEnum compares two versions of one enum. fromReq and toReq are the request fields
// that use it in the old and the new specs (see requestUsers): a changed wire value
// behind an unchanged constant is breaking when any request field sends the enum, because
// requests built with the constant silently send another value; for a response-only enum
// it only changes what a decoded value means.
func diffEnum(a, b *Enum, fromReq, toReq []string) []Change {
	reqUsers := slices.Clone(toReq)
	for _, u := range fromReq {
		if !slices.Contains(reqUsers, u) {
			reqUsers = append(reqUsers, u)
		}
	}
	var out []Change
	if a.Title != b.Title {
		out = append(out, Change{Compatible, "", fmt.Sprintf("title %s → %s", a.Title, b.Title)})
	}
	match := make([]int, len(b.Values))
	taken := make([]bool, len(a.Values))
	for i, v := range b.Values {
		match[i] = slices.IndexFunc(a.Values, func(o *EnumValue) bool { return o.Value == v.Value })
		if match[i] >= 0 {
			taken[match[i]] = true
		}
	}
	for i, v := range b.Values {
		if match[i] >= 0 {
			continue
		}
		for j, o := range a.Values {
			if !taken[j] && o.Go == v.Go {
				match[i], taken[j] = j, true
				break
			}
		}
	}
	for _, p := range mergeOrder(len(a.Values), match) {
		switch {
		case p.b < 0:
			v := a.Values[p.a]
			out = append(out, Change{Breaking, valueWhere(v), fmt.Sprintf("removed (%s): the constant `%s` is gone and Validate rejects the value", v.Label, a.Name+v.Go)})
		case p.a < 0:
			v := b.Values[p.b]
			out = append(out, Change{Compatible, valueWhere(v), fmt.Sprintf("added as `%s` (%s)", b.Name+v.Go, v.Label)})
		default:
			va, vb := a.Values[p.a], b.Values[p.b]
			w := valueWhere(vb)
			if va.Value != vb.Value {
				msg := fmt.Sprintf("wire value %q → %q behind the constant `%s`", va.Value, vb.Value, b.Name+vb.Go)
				if len(reqUsers) > 0 {
					out = append(out, Change{Breaking, w, fmt.Sprintf("%s: %s uses it, so requests built with the constant now send %q instead of %q and still compile",
						msg, strings.Join(reqUsers, ", "), vb.Value, va.Value)})
				} else {
					out = append(out, Change{Behaviour, w, msg + " (response fields only: decoded values change meaning)"})
				}
			}
			if va.Go != vb.Go {
				out = append(out, Change{Breaking, w, fmt.Sprintf("constant `%s` → `%s`", a.Name+va.Go, b.Name+vb.Go)})
			}
			if va.Label != vb.Label {
				out = append(out, Change{Compatible, w, fmt.Sprintf("label %s → %s", va.Label, vb.Label)})
			}
		}
	}
	return out
}

func valueWhere(v *EnumValue) string { return fmt.Sprintf("value `%q`", v.Value) }

func enumValueList(e *Enum) string {
	parts := make([]string, len(e.Values))
	for i, v := range e.Values {
		parts[i] = fmt.Sprintf("`%q` %s", v.Value, v.Label)
	}
	return strings.Join(parts, ", ")
}

// requestUsers lists the request fields of m that use the enum, as enumUsers does.
func requestUsers(m *Model, name string) []string {
	var out []string
	for _, t := range m.TRs {
		eachField(t.Request, "", func(f *Field, prefix string) {
			if f.Type == TypeEnum && f.Enum == name {
				out = append(out, fmt.Sprintf("%s request `%s%s`", t.ID, prefix, f.Name))
			}
		})
	}
	return out
}

// enumUsers lists the fields of m that use the enum, in api-id and spec order.
func enumUsers(m *Model, name string) []string {
	var out []string
	for _, t := range m.TRs {
		for _, side := range []struct {
			name   string
			fields []*Field
		}{{"request", t.Request}, {"response", t.Response}} {
			eachField(side.fields, "", func(f *Field, prefix string) {
				if f.Type == TypeEnum && f.Enum == name {
					out = append(out, fmt.Sprintf("%s %s `%s%s`", t.ID, side.name, prefix, f.Name))
				}
			})
		}
	}
	return out
}

// eachField calls fn for every field and, after a list field, for its row fields with
// the prefix "<list>[].".
func eachField(fields []*Field, prefix string, fn func(f *Field, prefix string)) {
	for _, f := range fields {
		fn(f, prefix)
		if f.Type == TypeList {
			eachField(f.Fields, prefix+f.Name+"[].", fn)
		}
	}
}

// WriteText writes the diff for a terminal: a summary line, then one block per TR and
// per enum with one line per change. fromName and toName say what was compared.
func (d *SpecDiff) WriteText(w io.Writer, fromName, toName string) error {
	var b strings.Builder
	plain := func(s string) string { return strings.ReplaceAll(s, "`", "") }
	if d.Empty() {
		fmt.Fprintf(&b, "No spec changes from %s to %s.\n", fromName, toName)
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "Spec changes from %s to %s: %s.\n", fromName, toName, d.summary(false))
	line := func(c Change) {
		sev := c.Severity.String()
		if c.Severity == Breaking {
			sev = "BREAKING"
		}
		msg := plain(c.Message)
		if c.Where != "" {
			msg = plain(c.Where) + ": " + msg
		}
		fmt.Fprintf(&b, "  %-10s  %s\n", sev, msg)
	}
	for _, t := range d.TRs {
		fmt.Fprintf(&b, "\n%s %s (%s)\n", t.ID, t.Name, t.Go)
		for _, c := range t.Changes {
			line(c)
		}
	}
	for _, e := range d.Enums {
		fmt.Fprintf(&b, "\nenum %s %s", e.Name, e.Title)
		if len(e.UsedBy) > 0 {
			fmt.Fprintf(&b, " (used by %s)", plain(strings.Join(e.UsedBy, ", ")))
		}
		b.WriteString("\n")
		for _, c := range e.Changes {
			line(c)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the diff as Markdown for a pull-request comment: a summary, then
// one table per TR and per enum.
func (d *SpecDiff) WriteMarkdown(w io.Writer, fromName, toName string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Spec changes from `%s` to `%s`\n\n", fromName, toName)
	if d.Empty() {
		b.WriteString("No spec changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s.\n\n", d.summary(true))
	b.WriteString("*Breaking*: Go code may stop compiling, Validate may reject a request it accepted, or a request may silently send another value. " +
		"*Behaviour*: the Go API stays, but a call or a value means something else. " +
		"*Compatible*: nothing changes for existing code.\n")
	if d.Breaking() {
		b.WriteString("\nBreaking:\n\n")
		for _, t := range d.TRs {
			mdBreaking(&b, t.ID, t.Changes)
		}
		for _, e := range d.Enums {
			mdBreaking(&b, "enum `"+e.Name+"`", e.Changes)
		}
	}
	table := func(changes []Change) {
		b.WriteString("\n| severity | where | change |\n|---|---|---|\n")
		for _, c := range changes {
			sev := c.Severity.String()
			if c.Severity == Breaking {
				sev = "**breaking**"
			}
			where := c.Where
			if where == "" {
				where = "—"
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", sev, mdCell(where), mdCell(c.Message))
		}
	}
	for _, t := range d.TRs {
		fmt.Fprintf(&b, "\n### %s %s (`%s`)\n", t.ID, mdText(t.Name), t.Go)
		table(t.Changes)
	}
	for _, e := range d.Enums {
		fmt.Fprintf(&b, "\n### enum `%s` %s\n", e.Name, mdText(e.Title))
		if len(e.UsedBy) > 0 {
			fmt.Fprintf(&b, "\nUsed by %s.\n", strings.Join(e.UsedBy, ", "))
		}
		table(e.Changes)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdBreaking lists the breaking changes of one TR or enum as Markdown bullets.
func mdBreaking(b *strings.Builder, owner string, changes []Change) {
	for _, c := range changes {
		if c.Severity != Breaking {
			continue
		}
		where := owner
		if c.Where != "" {
			where += " " + c.Where
		}
		fmt.Fprintf(b, "- %s: %s\n", where, mdCell(c.Message))
	}
}

func (d *SpecDiff) summary(markdown bool) string {
	br := countNoun(d.Count(Breaking), "breaking change")
	if markdown && d.Breaking() {
		br = "**" + br + "**"
	}
	return fmt.Sprintf("%s, %d behaviour, %d compatible", br, d.Count(Behaviour), d.Count(Compatible))
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// mdText escapes the characters that would start Markdown markup in running text.
func mdText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "|", `\|`, "<", "&lt;", "[", `\[`)
	return r.Replace(s)
}
