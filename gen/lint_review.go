package gen

import (
	"fmt"
	"slices"
	"strings"
)

// RuleReview is the lint rule that fails while a review: mark remains in a spec, and
// checks its upstream: acknowledgements. It cannot be silenced.
const RuleReview = "review"

// reviewRuleDoc describes RuleReview for LintRules.
const reviewRuleDoc = "no review: mark remains (kiwoomgen import leaves one on every choice its rules are unsure of; confirm or fix the choice, then delete the mark), and every upstream: entry names a known difference and gives a reason (cannot be silenced)"

// lintReviews reports every review: mark on a TR or field and every malformed upstream:
// acknowledgement. The findings bypass lint: entries on purpose.
func (l *linter) lintReviews() {
	add := func(pos Pos, format string, args ...any) {
		l.out = append(l.out, Finding{Pos: pos, Rule: RuleReview, Message: fmt.Sprintf(format, args...)})
	}
	checkAcks := func(acks []UpstreamAck, onField bool) {
		for _, a := range acks {
			known := slices.Contains(UpstreamFieldKinds(), a.What)
			if !onField {
				known = slices.Contains([]string{"path", "name", "gone"}, a.What) || strings.HasPrefix(a.What, "added request ") || strings.HasPrefix(a.What, "added response ")
			}
			switch {
			case !known && onField:
				add(lintPos(a.KeyPos, a.Pos, "what"), "upstream: what %q is not one of %s", a.What, strings.Join(UpstreamFieldKinds(), ", "))
			case !known:
				add(lintPos(a.KeyPos, a.Pos, "what"), "upstream: what %q on a TR is not path, name, gone or \"added <request|response> <wire path>\"", a.What)
			case strings.TrimSpace(a.Reason) == "":
				add(lintPos(a.KeyPos, a.Pos, "reason"), "upstream: %s needs a reason", a.What)
			}
		}
	}
	for _, tr := range l.m.TRs {
		if tr.Review != "" {
			add(lintPos(tr.KeyPos, tr.Pos, "review"), "%s is marked for review: %s", tr.ID, tr.Review)
		}
		checkAcks(tr.Upstream, false)
		for _, side := range [][]*Field{tr.Request, tr.Response} {
			eachField(side, "", func(f *Field, prefix string) {
				if f.Review != "" {
					add(lintPos(f.KeyPos, f.Pos, "review"), "%q is marked for review: %s", strings.ReplaceAll(prefix, "[]", "")+f.Name, f.Review)
				}
				checkAcks(f.Upstream, true)
			})
		}
	}
}
