package gen

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// UpstreamAck acknowledges one difference between a spec and Kiwoom's official spec
// file that we keep on purpose (a documented typo we fixed, the official table losing to
// a real answer), so kiwoomgen upstream stops reporting it:
//
//	upstream: [{what: length, official: "6", reason: "real answers carry 7-digit numbers"}]
//
// On a field, What is one of title, length, required, description, doc_type, enum,
// removed (the field is gone from the official table). On a TR it is path, name, gone
// (the TR is gone from the file) or "added <side> <wire path>" for an official field the
// spec leaves out on purpose, e.g. "added response stk_cd" or "added response list.code".
type UpstreamAck struct {
	// What names the difference, as above.
	What string `yaml:"what" spec:"required"`
	// Official, when set, is the official value acknowledged (as the report shows it);
	// when Kiwoom changes it again the difference is reported again.
	Official string `yaml:"official"`
	// Reason says why we differ.
	Reason string `yaml:"reason" spec:"required"`

	// Pos is where the entry's mapping starts.
	Pos Pos `yaml:"-"`
	// KeyPos holds where each key's value starts, by key.
	KeyPos map[string]Pos `yaml:"-"`
}

// UpstreamFieldKinds lists the What values of a field's acknowledgement.
func UpstreamFieldKinds() []string {
	return []string{"title", "length", "required", "description", "doc_type", "enum", "removed"}
}

// UpstreamDiff is one difference between a spec and the official file.
type UpstreamDiff struct {
	// TR is the api-id.
	TR string
	// Where is "TR" or "<side> <wire path>", e.g. "response list.code".
	Where string
	// What is the kind of difference (an UpstreamAck What).
	What string
	// Ours and Official are the two values as text ("" when absent).
	Ours, Official string
	// Pos is where the spec says it (the field or the TR).
	Pos Pos
}

// UpstreamTR names an official entry that has no spec.
type UpstreamTR struct {
	// ID, Name and Path are the entry's api-id, Korean name and URL path.
	ID, Name, Path string
}

// UpstreamReport is what kiwoomgen upstream reports.
type UpstreamReport struct {
	// File is the official file's path.
	File string
	// NoSpec lists official entries without a spec (coverage, not drift).
	NoSpec []UpstreamTR
	// Gone lists specs whose TR is not in the official file, as "<id> (<file>)".
	Gone []string
	// Diffs are the unacknowledged differences of specced TRs, in TR order.
	Diffs []UpstreamDiff
	// Stale lists acknowledgements that match no difference, as "<pos>: <what>".
	Stale []string
	// Acknowledged counts the differences silenced by acknowledgements.
	Acknowledged int
	// Compared counts the TRs present on both sides.
	Compared int
}

// Drift reports whether a specced TR differs from the file without an acknowledgement,
// a spec's TR is gone, or an acknowledgement is stale. Official TRs without a spec are
// coverage and do not count.
func (r *UpstreamReport) Drift() bool {
	return len(r.Diffs) > 0 || len(r.Gone) > 0 || len(r.Stale) > 0
}

// officialFlat is one official field, keyed by wire path.
type officialFlat struct {
	key  string
	item OfficialItem
}

func flattenOfficial(items []OfficialItem) []officialFlat {
	var out []officialFlat
	list := ""
	for _, it := range items {
		if it.IsSection {
			continue
		}
		name := strings.TrimSpace(it.Element)
		key := name
		if it.Depth > 0 && list != "" {
			key = list + "." + name
		}
		switch {
		case it.Depth == 0 && (it.Type == "LIST" || it.Type == "Object" || it.Type == "List<Map>"):
			list = name
		case it.Depth == 0:
			list = ""
		}
		out = append(out, officialFlat{key, it})
	}
	return out
}

// Upstream compares the specs with the official file.
func Upstream(m *Model, o *Official) *UpstreamReport {
	r := &UpstreamReport{File: o.File}
	re := newImportPatterns()
	used := map[*UpstreamAck]bool{}
	for _, a := range o.APIs {
		if m.TR(a.ID) == nil {
			r.NoSpec = append(r.NoSpec, UpstreamTR{ID: a.ID, Name: a.Name, Path: a.Path})
		}
	}
	for _, tr := range m.TRs {
		a := o.API(tr.ID)
		trAck := func(what, official string) bool {
			for i := range tr.Upstream {
				ack := &tr.Upstream[i]
				if ack.What == what && (ack.Official == "" || ack.Official == official) {
					used[ack] = true
					return true
				}
			}
			return false
		}
		if a == nil {
			if trAck("gone", "") {
				r.Acknowledged++
			} else {
				r.Gone = append(r.Gone, tr.ID+" ("+tr.File+")")
			}
			continue
		}
		r.Compared++
		add := func(d UpstreamDiff, ack func(what, official string) bool) {
			if ack(d.What, d.Official) {
				r.Acknowledged++
				return
			}
			r.Diffs = append(r.Diffs, d)
		}
		trPos := tr.Pos
		if tr.Path != a.Path {
			add(UpstreamDiff{TR: tr.ID, Where: "TR", What: "path", Ours: tr.Path, Official: a.Path, Pos: lintPos(tr.KeyPos, trPos, "path")}, trAck)
		}
		if oneLine(tr.Name) != oneLine(a.Name) {
			add(UpstreamDiff{TR: tr.ID, Where: "TR", What: "name", Ours: tr.Name, Official: a.Name, Pos: lintPos(tr.KeyPos, trPos, "name")}, trAck)
		}
		for _, side := range []struct {
			name     string
			ours     []*Field
			official []OfficialItem
		}{{"request", tr.Request, a.RequestBody}, {"response", tr.Response, a.ResponseBody}} {
			ours := map[string]*Field{}
			eachField(side.ours, "", func(f *Field, prefix string) { ours[strings.ReplaceAll(prefix, "[]", "")+f.Name] = f })
			flat := flattenOfficial(side.official)
			offKeys := map[string]bool{}
			for _, of := range flat {
				offKeys[of.key] = true
				f := ours[of.key]
				where := side.name + " " + of.key
				if f == nil {
					add(UpstreamDiff{TR: tr.ID, Where: where, What: "added", Official: oneLine(of.item.Title), Pos: trPos},
						func(string, string) bool { return trAck("added "+where, "") })
					continue
				}
				fieldAck := func(what, official string) bool {
					for i := range f.Upstream {
						ack := &f.Upstream[i]
						if ack.What == what && (ack.Official == "" || ack.Official == official) {
							used[ack] = true
							return true
						}
					}
					return false
				}
				pos := func(key string) Pos { return lintPos(f.KeyPos, f.Pos, key) }
				it := of.item
				if t := oneLine(it.Title); t != oneLine(f.Title) {
					add(UpstreamDiff{tr.ID, where, "title", f.Title, t, pos("title")}, fieldAck)
				}
				offLen := 0
				if l := strings.TrimSpace(it.Length); l != "" {
					offLen, _ = strconv.Atoi(l)
				}
				if offLen != f.Length {
					add(UpstreamDiff{tr.ID, where, "length", lengthOrBlank(f.Length), lengthOrBlank(offLen), pos("length")}, fieldAck)
				}
				if req := it.Required == "Y"; req != f.Required {
					add(UpstreamDiff{tr.ID, where, "required", yesNo(f.Required), strings.TrimSpace(it.Required), pos("required")}, fieldAck)
				}
				if d := oneLine(it.Description); d != oneLine(f.Description) {
					add(UpstreamDiff{tr.ID, where, "description", oneLine(f.Description), d, pos("description")}, fieldAck)
				}
				docType := it.Type
				if docType == "" {
					docType = "String"
				}
				if docType != f.DocType {
					add(UpstreamDiff{tr.ID, where, "doc_type", f.DocType, docType, pos("doc_type")}, fieldAck)
				}
				if f.Type == TypeEnum {
					if e := m.Enum(f.Enum); e != nil {
						if pairs := re.describedPairs(oneLine(it.Description)); len(pairs) > 0 {
							var described, declared []string
							for _, p := range pairs {
								described = append(described, p.value)
							}
							for _, v := range e.Values {
								declared = append(declared, v.Value)
							}
							if !slices.Equal(slices.Sorted(slices.Values(described)), slices.Sorted(slices.Values(declared))) {
								add(UpstreamDiff{tr.ID, where, "enum", e.Name + " " + strings.Join(declared, ","), strings.Join(described, ","), pos("enum")}, fieldAck)
							}
						}
					}
				}
			}
			eachField(side.ours, "", func(f *Field, prefix string) {
				key := strings.ReplaceAll(prefix, "[]", "") + f.Name
				if offKeys[key] {
					return
				}
				ack := func(what, official string) bool {
					for i := range f.Upstream {
						a := &f.Upstream[i]
						if a.What == what {
							used[a] = true
							return true
						}
					}
					return false
				}
				add(UpstreamDiff{TR: tr.ID, Where: side.name + " " + key, What: "removed", Ours: f.Title, Pos: f.Pos}, ack)
			})
		}
	}
	for _, tr := range m.TRs {
		check := func(acks []UpstreamAck) {
			for i := range acks {
				if !used[&acks[i]] {
					r.Stale = append(r.Stale, fmt.Sprintf("%s: upstream: %s matches no difference; remove it", lintPos(acks[i].KeyPos, acks[i].Pos, "what"), acks[i].What))
				}
			}
		}
		check(tr.Upstream)
		eachField(tr.Request, "", func(f *Field, _ string) { check(f.Upstream) })
		eachField(tr.Response, "", func(f *Field, _ string) { check(f.Upstream) })
	}
	return r
}

func lengthOrBlank(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func yesNo(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

// WriteText writes the report for a terminal.
func (r *UpstreamReport) WriteText(w io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("upstream: %s against %s: %d TRs compared, %s, %s acknowledged\n", "specs", r.File, r.Compared, countNoun(len(r.Diffs), "difference"), countNoun(r.Acknowledged, "difference"))
	if len(r.Gone) > 0 {
		p("\nspecs whose TR is not in the official file:\n")
		for _, g := range r.Gone {
			p("  %s\n", g)
		}
	}
	last := ""
	for _, d := range r.Diffs {
		if d.TR != last {
			p("\n%s:\n", d.TR)
			last = d.TR
		}
		p("  %s: %s %s: ours %s, official %s\n", d.Pos, d.Where, d.What, quoteOrNone(d.Ours), quoteOrNone(d.Official))
	}
	if len(r.Stale) > 0 {
		p("\nstale acknowledgements:\n")
		for _, s := range r.Stale {
			p("  %s\n", s)
		}
	}
	if len(r.NoSpec) > 0 {
		p("\nofficial TRs without a spec (%d; kiwoomgen import drafts them):\n", len(r.NoSpec))
		for _, t := range r.NoSpec {
			p("  %s %s %s\n", t.ID, t.Name, t.Path)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func quoteOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return strconv.Quote(diffShorten(s, 80))
}

// WriteMarkdown writes the report for a pull-request comment or an issue.
func (r *UpstreamReport) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("## Upstream drift\n\nSpecs against `%s`: %d TRs compared, %s, %s acknowledged in the specs.\n", r.File, r.Compared, countNoun(len(r.Diffs), "difference"), countNoun(r.Acknowledged, "difference"))
	if len(r.Gone) > 0 {
		p("\n### Specs whose TR is gone\n\n")
		for _, g := range r.Gone {
			p("- %s\n", mdText(g))
		}
	}
	if len(r.Diffs) > 0 {
		p("\n### Differences\n\n| TR | where | what | ours | official |\n|---|---|---|---|---|\n")
		for _, d := range r.Diffs {
			p("| %s | %s | %s | %s | %s |\n", d.TR, mdCell(d.Where), d.What, mdCell(diffShorten(d.Ours, 80)), mdCell(diffShorten(d.Official, 80)))
		}
	}
	if len(r.Stale) > 0 {
		p("\n### Stale acknowledgements\n\n")
		for _, s := range r.Stale {
			p("- %s\n", mdText(s))
		}
	}
	if len(r.NoSpec) > 0 {
		p("\n### Official TRs without a spec (%d)\n\n| TR | name | path |\n|---|---|---|\n", len(r.NoSpec))
		for _, t := range r.NoSpec {
			p("| %s | %s | %s |\n", t.ID, mdCell(t.Name), mdCell(t.Path))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
