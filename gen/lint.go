package gen

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Finding is one lint finding: a likely transcription slip in a spec that the loader
// accepts.
type Finding struct {
	// Pos is where the slip is, usually the value of the key in question.
	Pos Pos
	// Rule is the name of the rule that found it, one of LintRules.
	Rule string
	// Message explains the finding and how to fix it.
	Message string
}

// String formats the finding as "file:line:col: rule: message".
func (f Finding) String() string { return f.Pos.String() + ": " + f.Rule + ": " + f.Message }

// LintRule names one lint rule and says what it checks.
type LintRule struct {
	// Name is the rule name a lint: entry uses, e.g. "enum-description".
	Name string
	// Doc says in one sentence what the rule checks.
	Doc string
}

// Lint rule names, as a spec's lint: [{rule: …, reason: …}] entries name them.
const (
	RuleEnumDescription   = "enum-description"
	RuleEnumLength        = "enum-length"
	RuleValueType         = "value-type"
	RuleUnit              = "unit"
	RuleGoNameRedundant   = "go-name-redundant"
	RuleGoNameVocabulary  = "go-name-vocabulary"
	RuleGoNameConsistency = "go-name-consistency"
	RuleGoNameCollision   = "go-name-collision"
	RulePagingList        = "paging-list"
	RuleDuplicateTitle    = "duplicate-title"
	RuleLintSkip          = "lint-skip"
	RuleGoNameStutter     = "go-name-stutter"
)

// LintRules lists every lint rule in a fixed order.
func LintRules() []LintRule {
	return []LintRule{
		{RuleEnumDescription, "a description that lists values (\"1:금액, 2:수량\", \"순매도:1\", \"0 : 코스피\", \"2:NXT 3.통합\", \"00050:5만주이상\", \"10;10일\", \"%:(전체),KRX:한국거래소\", \"0 or 1\", \"KRX,NXT,SOR\"; a remark after ※ aside) names exactly the values of the field's enum; a field that is not an enum lists none; an open list (\"… 나머지 ※ 업종코드 참고\", \"…까지 입력가능\") lists examples: they must be in the enum, and a field that is not an enum may have one"},
		{RuleEnumLength, "no value of a request field's enum is longer (in bytes) than the field's documented length: (\"10\" with length: 1 is a slip in one or the other)"},
		{RuleValueType, "a description that speaks of a number (단위:, 부호, 소수점, 숫자, 백분율, 0-padding) or a unit: goes with a numeric value type; a numeric type is not described as YYYYMMDD, HHMMSS or HH:MM:SS; 소수점 needs decimal or implied_decimal, \"우측 N자리 소수점\" and \"100배\" need implied_decimal"},
		{RuleUnit, "a description that states one unit (\"단위: 백만원\") has the same unit: key; one that states several (\"단위: 백만원 혹은 1000주\", \"단위: 백만원, 1주\", two 단위) is not checked"},
		{RuleGoNameRedundant, "a go: override differs from the name the vocabulary derives"},
		{RuleGoNameVocabulary, "a go: override does not spell a vocabulary abbreviation as such (\"Prc\" where vocabulary.yaml says prc → Price)"},
		{RuleGoNameConsistency, "a wire name with the same title has the same Go name in every TR"},
		{RuleGoNameCollision, "the generated package-level names (types, enum constants) and Client methods are unique"},
		{RulePagingList, "a paging TR has a list in its response, and a TR whose response has a list pages"},
		{RuleDuplicateTitle, "no two fields of one struct (request, response, one list's rows) share a title (한글명)"},
		{RuleGoNameStutter, "a TR's Go name does not repeat its package name (package chart: StockDaily, not StockDailyChart)"},
		{RuleReview, reviewRuleDoc},
		{RuleLintSkip, "every lint: entry names a known rule, gives a reason and silences something (cannot be silenced)"},
	}
}

// Lint checks a loaded model for transcription slips that schema validity cannot catch.
// A finding on a field is silenced by a lint: entry with its rule on the field, on the
// list that holds it, or on the TR. Findings are sorted by position, then rule.
func Lint(m *Model) []Finding {
	l := &linter{m: m, used: map[*LintSkip]bool{}, re: newLintPatterns()}
	for _, tr := range m.TRs {
		l.lintTR(tr)
	}
	l.lintNames()
	l.lintReviews()
	l.lintSkips()
	slices.SortFunc(l.out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
	return l.out
}

type linter struct {
	m    *Model
	out  []Finding
	used map[*LintSkip]bool
	re   *lintPatterns
}

// report records a finding unless a lint: entry on one of the fields in chain (outermost
// first) or on tr silences its rule.
func (l *linter) report(tr *TR, chain []*Field, pos Pos, rule, format string, args ...any) {
	var skips []*LintSkip
	if tr != nil {
		for i := range tr.Lint {
			skips = append(skips, &tr.Lint[i])
		}
	}
	for _, f := range chain {
		for i := range f.Lint {
			skips = append(skips, &f.Lint[i])
		}
	}
	silenced := false
	for _, s := range skips {
		if s.Rule == rule {
			l.used[s] = true
			silenced = true
		}
	}
	if !silenced {
		l.out = append(l.out, Finding{Pos: pos, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
}

// lintPos returns where a key's value starts, or the mapping's position when the key is absent.
func lintPos(keyPos map[string]Pos, pos Pos, key string) Pos {
	if p, ok := keyPos[key]; ok {
		return p
	}
	return pos
}

func (l *linter) lintTR(tr *TR) {
	l.lintStruct(tr, nil, tr.Request)
	l.lintStruct(tr, nil, tr.Response)
	for _, f := range tr.Request {
		l.lintEnumLength(tr, f)
	}

	hasList := slices.ContainsFunc(tr.Response, func(f *Field) bool { return f.Type == TypeList })
	switch {
	case tr.Paging && !hasList:
		l.report(tr, nil, lintPos(tr.KeyPos, tr.Pos, "paging"), RulePagingList, "paging: true but the response has no list field to carry the rows")
	case !tr.Paging:
		for _, f := range tr.Response {
			if f.Type == TypeList {
				l.report(tr, []*Field{f}, f.Pos, RulePagingList, "the response has the list %q but paging: is false; a TR that answers with rows usually continues with cont-yn/next-key", f.Name)
			}
		}
	}
}

// lintStruct checks the fields of one struct: the request, the response, or the rows of
// the list parent (nil for the top level).
func (l *linter) lintStruct(tr *TR, parent *Field, fields []*Field) {
	titles := map[string]*Field{}
	for _, f := range fields {
		chain := []*Field{f}
		if parent != nil {
			chain = []*Field{parent, f}
		}
		if prev, dup := titles[f.Title]; dup {
			l.report(tr, chain, lintPos(f.KeyPos, f.Pos, "title"), RuleDuplicateTitle, "%q has the title %s, like %q at line %d", f.Name, f.Title, prev.Name, prev.Pos.Line)
		} else {
			titles[f.Title] = f
		}
		l.lintEnumDescription(tr, chain, f)
		l.lintValueType(tr, chain, f)
		l.lintUnit(tr, chain, f)
		l.lintGoOverride(tr, chain, f)
		if f.Type == TypeList {
			l.lintStruct(tr, f, f.Fields)
		}
	}
}

// lintPatterns holds the regular expressions the rules read descriptions with, compiled
// once per Lint call (the package keeps no state of its own).
type lintPatterns struct {
	// Description parsing for enum-description, import and upstream (valueList).
	orValues, valueFirst, dotFirst, labelFirst, bareList, bareValue, openTail, openRange *regexp.Regexp
	// subSplit finds a pair that follows another without a comma: "2:NXT 3.통합".
	subSplit *regexp.Regexp
	// Cues for value-type and unit.
	numericCue, dateCue, decimalCue, impliedCue, unitCue, moreUnits, unitWord *regexp.Regexp
}

func newLintPatterns() *lintPatterns {
	return &lintPatterns{
		orValues:   regexp.MustCompile(`^([A-Za-z0-9_]+) or ([A-Za-z0-9_]+)(?:\s|/|$)`),
		valueFirst: regexp.MustCompile(`^([A-Za-z0-9_]+|%)\s*[:;]\s*(\S.*)$`),
		dotFirst:   regexp.MustCompile(`^([0-9]+)\.([^\s0-9.].*)$`),
		labelFirst: regexp.MustCompile(`^([^:;()\[\]]+?)\s*:\s*([A-Za-z0-9_]+)$`),
		bareList:   regexp.MustCompile(`^[A-Z0-9]+(?:\s*,\s*[A-Z0-9]+)+$`),
		bareValue:  regexp.MustCompile(`^[A-Z][A-Z0-9]*$`),
		openTail:   regexp.MustCompile(`\s+나머지\s*$`),
		openRange:  regexp.MustCompile(`까지\s*입력`),
		subSplit:   regexp.MustCompile(`\s+(?:[A-Za-z0-9_]+\s*[:;]|[0-9]+\.[^\s0-9.])`),
		numericCue: regexp.MustCompile(`단위\s*:|부호가 포함된 숫자|부호 포함|소수점|숫자|백분율|0-padding`),
		dateCue:    regexp.MustCompile(`(?i)YYYYMMDD|HHMMSS|HH:MM:SS`),
		decimalCue: regexp.MustCompile(`소수점`),
		impliedCue: regexp.MustCompile(`우측\s*[0-9]+\s*자리\s*소수점|(?:^|[^0-9])(10{1,3}배)`),
		unitCue:    regexp.MustCompile(`단위\s*:\s*([^\s,()]+)`),
		moreUnits:  regexp.MustCompile(`^\s*(?:,|혹은|또는|or|/)\s*([^\s,()]+)`),
		unitWord:   regexp.MustCompile(`^(?:[0-9]+|[0-9]*[십백천만억조]+)?(?:원|주|건|회|계약|좌|%)$`),
	}
}

// describedPair is one value of a described value list, with its label ("" when the
// description gives none, as in "0 or 1").
type describedPair struct {
	value, label string
}

// valueList is what a description lists.
type valueList struct {
	pairs []describedPair
	// open is true when the list ends in "나머지" (the rest), usually followed by a remark
	// ("… 701: KRX100 나머지 ※ 업종코드 참고"), or says that more may be given ("…, 250일까지
	// 입력가능"): the values are examples of an open set (sector codes, a number of days),
	// not an enum.
	open bool
}

// values returns the listed values in order.
func (l valueList) values() []string {
	var out []string
	for _, p := range l.pairs {
		out = append(out, p.value)
	}
	return out
}

// valueList reads the values (and labels) a description lists, in the formats of the
// docs: "1:금액, 2:수량", "순매도:1, 순매수:2", "0 : 코스피, 10 : 코스닥", "1:KRX, 2:NXT 3.통합",
// "P00101:코스피", "%:(전체),KRX:한국거래소", "%:(전체), KRX, NXT, SOR", "0 or 1 / …",
// a bare list of upper-case codes ("KRX,NXT,SOR"), labels that start with a digit
// ("00050:5만주이상", "1:60%감면"), ';' for ':' ("10;10일"). A remark after ※ is not part of
// the list ("119:120일 ※ …"); a list that ends in "나머지" or says "…까지 입력가능" is open. ok is false when the
// description does not start with such a list. This one parser serves the lint rule
// enum-description, kiwoomgen import and kiwoomgen upstream.
func (p *lintPatterns) valueList(desc string) (list valueList, ok bool) {
	desc = strings.TrimSpace(desc)
	if i := strings.Index(desc, "※"); i >= 0 {
		desc = strings.TrimSpace(desc[:i])
	}
	if loc := p.openTail.FindStringIndex(desc); loc != nil {
		list.open = true
		desc = desc[:loc[0]]
	}
	add := func(v, label string) {
		if !slices.ContainsFunc(list.pairs, func(x describedPair) bool { return x.value == v }) {
			list.pairs = append(list.pairs, describedPair{value: v, label: label})
		}
	}
	switch {
	case p.bareList.MatchString(desc):
		for v := range strings.SplitSeq(desc, ",") {
			v = strings.TrimSpace(v)
			add(v, v)
		}
		return list, true
	case p.orValues.MatchString(desc):
		m := p.orValues.FindStringSubmatch(desc)
		add(m[1], "")
		add(m[2], "")
		return list, true
	}
	for i, piece := range p.descriptionPieces(desc) {
		v, label, isPair := p.parsePair(piece)
		switch {
		case isPair:
			add(v, label)
		case i == 0:
			return valueList{}, false
		case p.bareValue.MatchString(piece):
			add(piece, piece) // "%:(전체), KRX, NXT, SOR"
		case p.openRange.MatchString(piece):
			list.open = true // "5:5일, …, 250:250일, 250일까지 입력가능"
		}
	}
	return list, len(list.pairs) > 0
}

// describedValues returns the values valueList reads, and whether the list is open.
func (p *lintPatterns) describedValues(desc string) (values []string, open, ok bool) {
	l, ok := p.valueList(desc)
	return l.values(), l.open, ok
}

// descriptionPieces splits a description at commas and line breaks outside parentheses,
// and again before a pair that follows another without a comma.
func (p *lintPatterns) descriptionPieces(desc string) []string {
	var pieces []string
	depth, start := 0, 0
	flush := func(end int) {
		piece := strings.TrimSpace(desc[start:end])
		for {
			loc := p.subSplit.FindStringIndex(piece)
			if loc == nil || loc[0] == 0 {
				break
			}
			pieces = append(pieces, strings.TrimSpace(piece[:loc[0]]))
			piece = piece[loc[0]:]
			piece = strings.TrimLeftFunc(piece, unicode.IsSpace)
		}
		if p := strings.TrimSpace(piece); p != "" {
			pieces = append(pieces, p)
		}
	}
	for i, r := range desc {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case (r == ',' && depth == 0) || r == '\n':
			flush(i)
			start = i + 1
			if r == '\n' {
				depth = 0
			}
		}
	}
	flush(len(desc))
	return pieces
}

// parsePair reads one "value:label" (or "value;label"), "value.label" or "label:value"
// piece. A label may start with digits when a word follows them ("5:5천주이상",
// "1:60%감면"); a label of digits only ("1:1") or with another colon ("09:00 ~ 15:30",
// "HH:MM:SS") makes no pair.
func (p *lintPatterns) parsePair(piece string) (value, label string, ok bool) {
	if m := p.valueFirst.FindStringSubmatch(piece); m != nil {
		lab := strings.TrimSpace(m[2])
		if !strings.ContainsAny(lab, ":;") && digitLabelOK(lab) {
			return m[1], lab, true
		}
	}
	if m := p.dotFirst.FindStringSubmatch(piece); m != nil {
		return m[1], strings.TrimSpace(m[2]), true
	}
	if m := p.labelFirst.FindStringSubmatch(piece); m != nil && !strings.Contains(m[1], "단위") && strings.Trim(m[1], "0123456789") != "" {
		return m[2], strings.TrimSpace(m[1]), true
	}
	return "", "", false
}

// digitLabelOK reports whether a label either does not start with a digit or has a
// word right after its leading digits ("5천주이상", "60%감면", "1틱"; not "1", "00 ~",
// "1.5").
func digitLabelOK(label string) bool {
	rest := strings.TrimLeft(label, "0123456789")
	if len(rest) == len(label) {
		return true
	}
	if rest == "" {
		return false
	}
	r := []rune(rest)[0]
	return !unicode.IsSpace(r) && !strings.ContainsRune(":;.,~-", r)
}

// statedUnits returns the units a description states: one per "단위: X", plus each further
// unit joined to it ("단위: 백만원 혹은 1000주", "단위: 백만원, 1주").
func (p *lintPatterns) statedUnits(desc string) []string {
	var units []string
	for _, loc := range p.unitCue.FindAllStringSubmatchIndex(desc, -1) {
		units = append(units, desc[loc[2]:loc[3]])
		rest := desc[loc[1]:]
		for {
			m := p.moreUnits.FindStringSubmatchIndex(rest)
			if m == nil || !p.unitWord.MatchString(rest[m[2]:m[3]]) {
				break
			}
			units = append(units, rest[m[2]:m[3]])
			rest = rest[m[1]:]
		}
	}
	return units
}

// singleUnit returns the one unit a description states, or "" when it states none or
// several (several "단위", or one joined to another by "혹은" or a comma).
func (p *lintPatterns) singleUnit(desc string) string {
	if units := p.statedUnits(desc); len(units) == 1 && strings.Count(desc, "단위") == 1 {
		return units[0]
	}
	return ""
}

func (l *linter) lintEnumDescription(tr *TR, chain []*Field, f *Field) {
	if f.Description == "" || f.Type == TypeList {
		return
	}
	described, open, ok := l.re.describedValues(f.Description)
	if !ok {
		return
	}
	pos := lintPos(f.KeyPos, f.Pos, "description")
	if open && f.Type != TypeEnum {
		return // examples of an open set ("… 나머지 ※ 업종코드 참고"): a code
	}
	if f.Type != TypeEnum {
		l.report(tr, chain, pos, RuleEnumDescription, "the description of %q lists the values %s, but the field is type %s; declare an enum", f.Name, quoteList(described), f.Type)
		return
	}
	e := l.m.Enum(f.Enum)
	if e == nil {
		return
	}
	var declared []string
	for _, v := range e.Values {
		declared = append(declared, v.Value)
	}
	var missing, extra []string
	for _, v := range described {
		if !slices.Contains(declared, v) {
			missing = append(missing, v)
		}
	}
	for _, v := range declared {
		if !open && !slices.Contains(described, v) {
			extra = append(extra, v)
		}
	}
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("%s not in enum %s", quoteList(missing), e.Name))
	}
	if len(extra) > 0 {
		problems = append(problems, fmt.Sprintf("enum %s also has %s", e.Name, quoteList(extra)))
	}
	if len(problems) > 0 {
		l.report(tr, chain, pos, RuleEnumDescription, "the description of %q lists %s: %s", f.Name, quoteList(described), strings.Join(problems, "; "))
	}
}

// lintEnumLength checks a request enum field against its documented length: a value that
// does not fit means the length or the value was mistranscribed. Response lengths are
// not checked; the docs give many response fields a generic length.
func (l *linter) lintEnumLength(tr *TR, f *Field) {
	if f.Type != TypeEnum || f.Length <= 0 {
		return
	}
	e := l.m.Enum(f.Enum)
	if e == nil {
		return
	}
	var long []string
	for _, v := range e.Values {
		if len(v.Value) > f.Length {
			long = append(long, v.Value)
		}
	}
	if len(long) > 0 {
		noun := "value"
		if len(long) > 1 {
			noun = "values"
		}
		l.report(tr, []*Field{f}, lintPos(f.KeyPos, f.Pos, "length"), RuleEnumLength, "request field %q has length: %d, but its enum %s has the longer %s %s; fix the length or the value",
			f.Name, f.Length, e.Name, noun, quoteList(long))
	}
}

func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// isNumericType reports whether a value type carries a number.
func isNumericType(t string) bool {
	switch t {
	case TypeInt, TypePrice, TypeDecimal, TypeImpliedDecimal, TypeIndex, TypeImpliedIndex, TypePercent, TypeGrouped, TypePadded:
		return true
	}
	return false
}

// isTextualType reports whether a value type carries text (dates and times included).
func isTextualType(t string) bool {
	switch t {
	case TypeText, TypeCode, TypeFlags, TypeDate, TypeTime, TypeDateTime:
		return true
	}
	return false
}

// isIntegralType reports whether a value type carries a whole number.
func isIntegralType(t string) bool {
	switch t {
	case TypeInt, TypePrice, TypePadded:
		return true
	}
	return false
}

func (l *linter) lintValueType(tr *TR, chain []*Field, f *Field) {
	pos := lintPos(f.KeyPos, f.Pos, "type")
	d := f.Description
	switch {
	case isTextualType(f.Type):
		if cue := l.re.numericCue.FindString(d); cue != "" {
			l.report(tr, chain, pos, RuleValueType, "%q is type %s, but its description speaks of a number (%q); use int, price, decimal, implied_decimal or padded", f.Name, f.Type, cue)
		} else if f.Unit != "" {
			l.report(tr, chain, pos, RuleValueType, "%q is type %s but has unit: %s; a value with a unit is a number", f.Name, f.Type, f.Unit)
		}
	case isNumericType(f.Type):
		if cue := l.re.dateCue.FindString(d); cue != "" {
			l.report(tr, chain, pos, RuleValueType, "%q is type %s, but its description says %s; use date, time or datetime", f.Name, f.Type, cue)
			return
		}
		if l.re.impliedCue.MatchString(d) && f.Type != TypeImpliedDecimal && f.Type != TypeImpliedIndex {
			cue := l.re.impliedCue.FindStringSubmatch(d)
			l.report(tr, chain, pos, RuleValueType, "%q is type %s, but its description (%q) says the point is implied; use implied_decimal", f.Name, f.Type, cmp.Or(cue[1], cue[0]))
			return
		}
		if l.re.decimalCue.MatchString(d) && isIntegralType(f.Type) {
			l.report(tr, chain, pos, RuleValueType, "%q is type %s, but its description speaks of decimals (소수점); use decimal or implied_decimal", f.Name, f.Type)
		}
	}
}

func (l *linter) lintUnit(tr *TR, chain []*Field, f *Field) {
	stated := l.re.singleUnit(f.Description)
	if stated == "" {
		return // none, or several units that depend on the request
	}
	switch {
	case f.Unit == "":
		l.report(tr, chain, lintPos(f.KeyPos, f.Pos, "description"), RuleUnit, "the description of %q says 단위: %s, but unit: is not set", f.Name, stated)
	case f.Unit != stated:
		l.report(tr, chain, lintPos(f.KeyPos, f.Pos, "unit"), RuleUnit, "%q has unit: %s, but its description says 단위: %s", f.Name, f.Unit, stated)
	}
}

func (l *linter) lintGoOverride(tr *TR, chain []*Field, f *Field) {
	if f.Go == "" {
		return
	}
	pos := lintPos(f.KeyPos, f.Pos, "go")
	if derived, err := DeriveGoName(f.Name, l.m.Vocabulary); err == nil && derived == f.Go {
		l.report(tr, chain, pos, RuleGoNameRedundant, "go: %s on %q is the name the vocabulary derives; drop it", f.Go, f.Name)
	}
	goWords := camelWords(f.Go)
	for _, w := range SplitWords(f.Name) {
		word, ok := l.m.Vocabulary[w]
		if !ok || strings.EqualFold(word, w) {
			continue
		}
		if i := slices.IndexFunc(goWords, func(g string) bool { return strings.EqualFold(g, w) }); i >= 0 {
			l.report(tr, chain, pos, RuleGoNameVocabulary, "go: %s on %q spells %s as %s; vocabulary.yaml says %s → %s", f.Go, f.Name, w, goWords[i], w, word)
		}
	}
}

// camelWords splits a Go identifier into its words: "PrevClosePrice" → Prev, Close,
// Price; "NXTEnable" → NXT, Enable; "High250" → High, 250.
func camelWords(s string) []string {
	r := []rune(s)
	var words []string
	start := 0
	for i := 1; i < len(r); i++ {
		prev, cur := r[i-1], r[i]
		var next rune
		if i+1 < len(r) {
			next = r[i+1]
		}
		switch {
		case unicode.IsUpper(cur) && (unicode.IsLower(prev) || unicode.IsDigit(prev)),
			unicode.IsUpper(cur) && unicode.IsUpper(prev) && unicode.IsLower(next),
			unicode.IsDigit(cur) != unicode.IsDigit(prev):
			words = append(words, string(r[start:i]))
			start = i
		}
	}
	return append(words, string(r[start:]))
}

// lintNames checks names across TRs: the same wire name and title with one Go name, and
// no two generated identifiers alike.
func (l *linter) lintNames() {
	type use struct {
		tr    *TR
		chain []*Field
		where string // e.g. "ka10001 response stk_cd"
	}
	uses := map[[2]string][]use{}
	var keys [][2]string
	for _, tr := range l.m.TRs {
		for _, side := range []struct {
			name   string
			fields []*Field
		}{{"request", tr.Request}, {"response", tr.Response}} {
			for _, f := range side.fields {
				chains := [][]*Field{{f}}
				for _, r := range f.Fields {
					chains = append(chains, []*Field{f, r})
				}
				for _, chain := range chains {
					g := chain[len(chain)-1]
					key := [2]string{g.Name, g.Title}
					if _, ok := uses[key]; !ok {
						keys = append(keys, key)
					}
					where := tr.ID + " " + side.name + " "
					if len(chain) == 2 {
						where += chain[0].Name + "[]."
					}
					uses[key] = append(uses[key], use{tr, chain, where + g.Name})
				}
			}
		}
	}
	for _, key := range keys {
		// The Go name most uses agree on (the first on a tie) is the standard.
		count := map[string]int{}
		standard := ""
		for _, u := range uses[key] {
			name := u.chain[len(u.chain)-1].GoName
			count[name]++
			if count[name] > count[standard] {
				standard = name
			}
		}
		if len(count) < 2 {
			continue
		}
		var agree []string
		for _, u := range uses[key] {
			if u.chain[len(u.chain)-1].GoName == standard {
				agree = append(agree, u.where)
			}
		}
		for _, u := range uses[key] {
			f := u.chain[len(u.chain)-1]
			if f.GoName != standard {
				l.report(u.tr, u.chain, lintPos(f.KeyPos, f.Pos, "go"), RuleGoNameConsistency, "%q (%s) is %s here but %s in %s; use one Go name", f.Name, f.Title, f.GoName, standard, strings.Join(agree, ", "))
			}
		}
	}

	type owner struct {
		what string
		tr   *TR
		f    *Field
		pos  Pos
	}
	types, methods := map[string]owner{}, map[string]owner{}
	// Names collide only within one generated package.
	claim := func(names map[string]owner, pkg, name string, o owner) {
		prev, dup := names[pkg+"."+name]
		if !dup {
			names[pkg+"."+name] = o
			return
		}
		var chain []*Field
		if o.f != nil {
			chain = []*Field{o.f}
		}
		l.report(o.tr, chain, o.pos, RuleGoNameCollision, "%s is both %s and %s", name, prev.what, o.what)
	}
	for _, e := range l.m.Enums {
		pkg := e.Family.ImportPath()
		claim(types, pkg, e.Name, owner{what: "the type of enum " + e.Name, pos: lintPos(e.KeyPos, e.Pos, "name")})
		for _, v := range e.Values {
			claim(types, pkg, e.Name+v.Go, owner{what: fmt.Sprintf("the constant for %s %q", e.Name, v.Value), pos: lintPos(v.KeyPos, v.Pos, "go")})
		}
	}
	for _, tr := range l.m.TRs {
		pos := lintPos(tr.KeyPos, tr.Pos, "go")
		pkg := tr.Family.ImportPath()
		if pkg := strings.ToLower(tr.Family.Package()); strings.Contains(strings.ToLower(tr.Go), pkg) {
			l.report(tr, nil, pos, RuleGoNameStutter, "%s repeats its package name %s (%s.%s); drop it from go:", tr.Go, pkg, pkg, tr.Go)
		}
		claim(types, pkg, tr.Go+"Request", owner{what: "the request type of " + tr.ID, tr: tr, pos: pos})
		claim(types, pkg, tr.Go+"Response", owner{what: "the response type of " + tr.ID, tr: tr, pos: pos})
		for _, f := range tr.Response {
			if f.Type == TypeList {
				claim(types, pkg, rowType(tr, f), owner{what: fmt.Sprintf("the row type of %s %s", tr.ID, f.Name), tr: tr, f: f, pos: f.Pos})
			}
		}
		claim(methods, pkg, tr.Go, owner{what: "the Client method of " + tr.ID, tr: tr, pos: pos})
		if tr.Paging {
			claim(methods, pkg, tr.Go+"Pages", owner{what: "the Client method Pages of " + tr.ID, tr: tr, pos: pos})
			claim(methods, pkg, tr.Go+"Rows", owner{what: "the Client method Rows of " + tr.ID, tr: tr, pos: pos})
		}
	}
}

// lintSkips checks the lint: entries themselves: a known rule, a reason, and a use.
func (l *linter) lintSkips() {
	known := map[string]bool{}
	for _, r := range LintRules() {
		known[r.Name] = true
	}
	check := func(skips []LintSkip) {
		for i := range skips {
			s := &skips[i]
			switch {
			case !known[s.Rule]:
				l.out = append(l.out, Finding{lintPos(s.KeyPos, s.Pos, "rule"), RuleLintSkip, fmt.Sprintf("unknown rule %q", s.Rule)})
			case s.Rule == RuleLintSkip:
				l.out = append(l.out, Finding{lintPos(s.KeyPos, s.Pos, "rule"), RuleLintSkip, "lint-skip cannot be silenced"})
			case strings.TrimSpace(s.Reason) == "":
				l.out = append(l.out, Finding{lintPos(s.KeyPos, s.Pos, "reason"), RuleLintSkip, fmt.Sprintf("silencing %s needs a reason", s.Rule)})
			case !l.used[s]:
				l.out = append(l.out, Finding{s.Pos, RuleLintSkip, fmt.Sprintf("nothing to silence: rule %s finds nothing here; remove the entry", s.Rule)})
			}
		}
	}
	for _, tr := range l.m.TRs {
		check(tr.Lint)
		eachField(tr.Request, "", func(f *Field, _ string) { check(f.Lint) })
		eachField(tr.Response, "", func(f *Field, _ string) { check(f.Lint) })
	}
}
