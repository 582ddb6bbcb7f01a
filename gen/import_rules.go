package gen

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// ImportRule is one documented rule by which kiwoomgen import infers a field's value
// type (and enum, unit, decimals) from the official table. Rules are tried in the
// order ImportRules lists them; the first that applies decides. A rule is either
// certain — the draft carries its choice without a mark — or unsure, and then the
// field gets a review: mark saying why.
type ImportRule struct {
	// Name identifies the rule in tests and in docs, e.g. "date".
	Name string
	// Doc says in one sentence when the rule applies and what it chooses.
	Doc string
	// Sure is false when every choice of the rule is marked for review.
	Sure bool
}

// Import rule names, in the order they are tried.
const (
	ImportRuleList          = "list"
	ImportRuleSecret        = "secret"
	ImportRuleDateTime      = "datetime"
	ImportRuleDate          = "date"
	ImportRuleTime          = "time"
	ImportRuleValueList     = "value-list"
	ImportRuleImplied       = "implied-decimal"
	ImportRuleDecimal       = "decimal"
	ImportRuleZeroPadded    = "zero-padded"
	ImportRuleIdentifier    = "identifier"
	ImportRulePrice         = "price"
	ImportRuleUnitNumber    = "unit-number"
	ImportRuleSignedNumber  = "signed-number"
	ImportRuleName          = "name"
	ImportRuleExample       = "example"
	ImportRuleTitleNumber   = "title-number"
	ImportRuleTitlePrice    = "title-price"
	ImportRuleTextByDefault = "text-default"
)

// ImportRules lists every inference rule of kiwoomgen import in the order they are tried.
func ImportRules() []ImportRule {
	return []ImportRule{
		{ImportRuleList, "the type column says LIST → list, its rows are the depth-1 items that follow; Object and List<Map> (ka10173) are drafted as list with a review mark", true},
		{ImportRuleSecret, "wire name appkey, secretkey or token, or title 앱키, 시크릿키, 접근토큰 → text with sensitive: true", true},
		{ImportRuleDateTime, "the description says YYYYMMDDHHMMSS → datetime", true},
		{ImportRuleDate, "the description says YYYYMMDD → date", true},
		{ImportRuleTime, "the description says HHMMSS or HH:MM:SS (any case) → time", true},
		{ImportRuleValueList, "the description lists values (\"1:금액, 2:수량\", \"순매도:1\", \"0 : 코스피\", \"2:NXT 3.통합\", \"00050:5만주이상\", \"10;10일\", \"%:(전체),KRX:한국거래소\", \"0 or 1\", \"KRX,NXT,SOR\"; a remark after ※ is not part of it) → enum: the one enum the TR may use (specs/enums.yaml or its own family's enums.yaml, never another family's) whose values are equal and whose labels match, spaces aside; otherwise a new draft enum in the family's enums.yaml, marked, the mark naming an enum with the same values but other labels (or another family's enum) it resembles; a single value, several candidates or unlabelled values are marked too; a list that ends in \"나머지 ※ …\" or \"…까지 입력가능\" is open → code, marked", true},
		{ImportRuleImplied, "\"우측 N자리 소수점\" → implied_decimal with decimals: N; \"100배\" (\"소수점 제거 된 100배 값\") → implied_decimal with decimals: 2; unit % only by a title ending in 율/률 (marked)", true},
		{ImportRuleDecimal, "소수점 or 백분율 in the description → decimal", true},
		{ImportRuleZeroPadded, "0-padding in the description → padded; price when the title is a price (see price) and the unit is 원, marked for review", true},
		{ImportRuleIdentifier, "title ending in 코드 or 번호, or a wire name ending in cd, no or code, or a description \"N자리 숫자\" about a number (번호) → code", true},
		{ImportRulePrice, "단위: 원, 원화 or 부호가 포함된 숫자 on a price title (ending in 현재가, 시가, 고가, 저가, 종가, 상한가, 하한가, 기준가, 대용가, 체결가, 평균가, 호가, 호가단위, 단가, 가격, 최고, 최저, 스톱가, a parenthesised part left out: 현재가(종가); not …대비) → price, unit 원", true},
		{ImportRuleUnitNumber, "exactly one \"단위: X\" with a count or money unit (원, 천원, 백만원, 억원, 조원, 주, 1주, 100주, 천주, 1000주, 건, 회, 계약; another unit is marked) → int with unit X; several units (\"금액 단위: 백만원, 수량 단위: …\", \"단위: 백만원 혹은 1000주\", \"단위: 백만원, 1주\") → int without unit, marked", true},
		{ImportRuleSignedNumber, "\"부호가 포함된 숫자\", \"부호 포함\" or \"숫자\" in the description → int", true},
		{ImportRuleName, "title ending in 명 or a wire name ending in nm or name → text", true},
		{ImportRuleExample, "no cue in title or description, but the official example values all have one shape: 14 digits → datetime, 8 digits on a date title (…일, …일자) → date, 6 digits on a time title (…시간) → time, '|'-joined labels → flags, digits with leading zeros (\"0000000\") → code, a signed or unsigned integer → int (price on a price title), a number with a point → decimal; always marked", false},
		{ImportRuleTitleNumber, "no cue and no example: a title ending in 수량, 량, 수, 순위, 금액, 대금 or containing 합계 → int; ending in 율, 률, 비율, 비중 → decimal; always marked", false},
		{ImportRuleTitlePrice, "no cue and no example: a price title → price with unit 원; always marked", false},
		{ImportRuleTextByDefault, "nothing else applies → text; always marked", false},
	}
}

// inference is what the rules decided for one field.
type inference struct {
	rule      string
	typ       string
	enum      *enumChoice // for TypeEnum
	unit      string
	decimals  int
	sensitive bool
	review    []string
}

// enumChoice is the enum an enum field takes: an existing one or a new draft.
type enumChoice struct {
	name  string
	draft *Enum // non-nil when the enum is new and must be written
}

// importPatterns holds the regular expressions of the import rules, compiled once
// per import (the package keeps no state of its own).
type importPatterns struct {
	lint                                             *lintPatterns
	dateTime, date, time, implied, hundredfold       *regexp.Regexp
	decimal, padded, signed, number, width, intValue *regexp.Regexp
	decimalValue, digits, leadingZero                *regexp.Regexp
}

func newImportPatterns() *importPatterns {
	return &importPatterns{
		lint:         newLintPatterns(),
		dateTime:     regexp.MustCompile(`(?i)YYYYMMDDHHMMSS`),
		date:         regexp.MustCompile(`YYYYMMDD`),
		time:         regexp.MustCompile(`(?i)HHMMSS|HH:MM:SS`),
		implied:      regexp.MustCompile(`우측\s*([0-9]+)\s*자리\s*소수점`),
		hundredfold:  regexp.MustCompile(`(?:^|[^0-9])(10{1,3})배`),
		decimal:      regexp.MustCompile(`소수점|백분율`),
		padded:       regexp.MustCompile(`0-padding`),
		signed:       regexp.MustCompile(`부호가 포함된 숫자|부호 포함|원화`),
		number:       regexp.MustCompile(`숫자`),
		width:        regexp.MustCompile(`[0-9]+\s*자리`),
		intValue:     regexp.MustCompile(`^[+-]{0,2}[0-9]+$`),
		decimalValue: regexp.MustCompile(`^[+-]{0,2}[0-9]*\.[0-9]+$`),
		digits:       regexp.MustCompile(`^[0-9]+$`),
		leadingZero:  regexp.MustCompile(`^0[0-9]+$`),
	}
}

// priceTitleSuffixes are the title endings of a traded price (a value whose sign is the
// direction against the previous close, kiwoom.Price).
func priceTitleSuffixes() []string {
	return []string{"현재가", "시가", "고가", "저가", "종가", "상한가", "하한가", "기준가", "대용가", "체결가",
		"평균가", "호가", "호가단위", "단가", "가격", "최고", "최저", "스톱가"}
}

// moneyAndCountUnits are the units an int field carries.
func moneyAndCountUnits() []string {
	return []string{"원", "천원", "백만원", "억원", "조원", "주", "1주", "100주", "천주", "1000주", "건", "회", "계약"}
}

// isPriceTitle reports whether a title names a traded price. A parenthesised part is
// left out: "현재가(종가)" is a price title.
func isPriceTitle(title string) bool {
	t := strings.TrimSpace(withoutParentheses(title))
	if strings.HasSuffix(t, "대비") {
		return false
	}
	return slices.ContainsFunc(priceTitleSuffixes(), func(s string) bool { return strings.HasSuffix(t, s) })
}

// withoutParentheses drops the parenthesised parts of s: "현재가(종가)" → "현재가".
func withoutParentheses(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func lastWireWord(wire string) string {
	w := SplitWords(wire)
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}

func hasAnySuffix(s string, suffixes ...string) bool {
	return slices.ContainsFunc(suffixes, func(x string) bool { return strings.HasSuffix(s, x) })
}

// fieldFacts is what the rules read about one field.
type fieldFacts struct {
	wire, title, docType, description string
	examples                          []string // the official example's values of this field, as text
}

// infer applies the rules in order to one field. enums resolves a value list to an
// enum (matching or drafting); it may be nil in tests of single rules.
func (p *importPatterns) infer(f fieldFacts, enums func(f fieldFacts, pairs []describedPair) (*enumChoice, []string)) inference {
	d := f.description
	title := strings.TrimSpace(f.title)
	switch f.docType {
	case "LIST":
		return inference{rule: ImportRuleList, typ: TypeList}
	case "Object", "List<Map>":
		return inference{rule: ImportRuleList, typ: TypeList, review: []string{fmt.Sprintf("the official type is %s; the spec format has lists only, so it is drafted as a list (check the generated type and the example)", f.docType)}}
	}
	switch {
	case slices.Contains([]string{"appkey", "secretkey", "token"}, f.wire) || slices.Contains([]string{"앱키", "시크릿키", "접근토큰"}, title):
		return inference{rule: ImportRuleSecret, typ: TypeText, sensitive: true}
	case p.dateTime.MatchString(d):
		return inference{rule: ImportRuleDateTime, typ: TypeDateTime}
	case p.date.MatchString(d):
		return inference{rule: ImportRuleDate, typ: TypeDate}
	case p.time.MatchString(d):
		return inference{rule: ImportRuleTime, typ: TypeTime}
	}
	if list, ok := p.lint.valueList(d); ok {
		if list.open {
			return inference{rule: ImportRuleValueList, typ: TypeCode, review: []string{fmt.Sprintf(
				"the description lists %s as examples and leaves the rest open (\"나머지\" or \"…까지 입력가능\"): drafted as code, not an enum (int if the value is a number, such as a count of days); say so in a note", quoteList(list.values()))}}
		}
		inf := inference{rule: ImportRuleValueList, typ: TypeEnum}
		if enums != nil {
			inf.enum, inf.review = enums(f, list.pairs)
		} else {
			inf.enum = &enumChoice{}
		}
		return inf
	}
	units := p.lint.statedUnits(d)
	oneUnit := p.lint.singleUnit(d)
	if m := p.implied.FindStringSubmatch(d); m != nil {
		n, _ := strconv.Atoi(m[1])
		inf := inference{rule: ImportRuleImplied, typ: TypeImpliedDecimal, decimals: n, unit: oneUnit}
		if n != 2 {
			inf.review = append(inf.review, fmt.Sprintf("%d implied decimals; the runtime has Implied2 only", n))
		}
		if inf.unit == "" && hasAnySuffix(title, "율", "률") {
			inf.unit = "%"
			inf.review = append(inf.review, "unit % is read from the title ("+title+"), the description gives none")
		}
		return inf
	}
	if m := p.hundredfold.FindStringSubmatch(d); m != nil {
		// "소수점 제거 된 100배 값": the value times 100, sent without the point.
		n := len(m[1]) - 1
		inf := inference{rule: ImportRuleImplied, typ: TypeImpliedDecimal, decimals: n, unit: oneUnit}
		if n != 2 {
			inf.review = append(inf.review, fmt.Sprintf("%d implied decimals (%s배); the runtime has Implied2 only", n, m[1]))
		}
		if inf.unit == "" && hasAnySuffix(title, "율", "률") {
			inf.unit = "%"
			inf.review = append(inf.review, "unit % is read from the title ("+title+"), the description gives none")
		}
		return inf
	}
	if p.decimal.MatchString(d) {
		inf := inference{rule: ImportRuleDecimal, typ: TypeDecimal, unit: oneUnit}
		if inf.unit == "" && strings.Contains(d, "백분율") {
			inf.unit = "%"
		}
		return inf
	}
	if p.padded.MatchString(d) {
		if isPriceTitle(title) && oneUnit == "원" {
			return inference{rule: ImportRuleZeroPadded, typ: TypePrice, unit: "원", review: []string{"a zero-padded number on a price title: drafted as price (the padding is kept apart from the sign); padded if it is not a traded price"}}
		}
		return inference{rule: ImportRuleZeroPadded, typ: TypePadded, unit: oneUnit}
	}
	last := lastWireWord(f.wire)
	if hasAnySuffix(title, "코드", "번호") || slices.Contains([]string{"cd", "no", "code"}, last) ||
		(p.width.MatchString(d) && strings.Contains(d, "번호")) {
		return inference{rule: ImportRuleIdentifier, typ: TypeCode}
	}
	if isPriceTitle(title) && (oneUnit == "원" || p.signed.MatchString(d)) {
		return inference{rule: ImportRulePrice, typ: TypePrice, unit: "원"}
	}
	switch {
	case oneUnit != "":
		inf := inference{rule: ImportRuleUnitNumber, typ: TypeInt, unit: oneUnit}
		if oneUnit == "%" {
			inf.typ = TypeDecimal
			inf.review = append(inf.review, "단위: % without 소수점: drafted as decimal; int if the value has no point")
		} else if !slices.Contains(moneyAndCountUnits(), oneUnit) {
			inf.review = append(inf.review, fmt.Sprintf("unit %q is not one of the known units (%s)", oneUnit, strings.Join(moneyAndCountUnits(), ", ")))
		}
		return inf
	case len(units) > 1 || strings.Count(d, "단위") > 1:
		return inference{rule: ImportRuleUnitNumber, typ: TypeInt, review: []string{fmt.Sprintf("the description states several units (%s), so no unit: is set; say in a note which applies when (usually a request field decides)", quoteList(units))}}
	case p.signed.MatchString(d) || p.number.MatchString(d):
		return inference{rule: ImportRuleSignedNumber, typ: TypeInt}
	case hasAnySuffix(title, "명") || last == "nm" || last == "name":
		return inference{rule: ImportRuleName, typ: TypeText}
	}
	if inf, ok := p.fromExamples(f); ok {
		return inf
	}
	why := "no cue in the description"
	if strings.TrimSpace(d) == "" {
		why = "the description is empty"
	}
	switch {
	case hasAnySuffix(title, "수량", "량", "수", "순위", "금액", "대금") || strings.Contains(title, "합계"):
		return inference{rule: ImportRuleTitleNumber, typ: TypeInt, review: []string{why + "; int is read from the title " + title}}
	case hasAnySuffix(title, "율", "률", "비율", "비중"):
		return inference{rule: ImportRuleTitleNumber, typ: TypeDecimal, review: []string{why + "; decimal is read from the title " + title + " (no unit set)"}}
	case isPriceTitle(title):
		return inference{rule: ImportRuleTitlePrice, typ: TypePrice, unit: "원", review: []string{why + "; price (unit 원) is read from the title " + title}}
	}
	return inference{rule: ImportRuleTextByDefault, typ: TypeText, review: []string{why + "; drafted as text"}}
}

// fromExamples is the example rule: a type from the shape shared by every non-empty
// example value.
func (p *importPatterns) fromExamples(f fieldFacts) (inference, bool) {
	var vals []string
	for _, v := range f.examples {
		if v != "" {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return inference{}, false
	}
	all := func(ok func(string) bool) bool {
		return !slices.ContainsFunc(vals, func(v string) bool { return !ok(v) })
	}
	title := strings.TrimSpace(f.title)
	shown := fmt.Sprintf("%q", vals[0])
	mark := func(typ, unit, what string) (inference, bool) {
		return inference{rule: ImportRuleExample, typ: typ, unit: unit, review: []string{fmt.Sprintf("no cue in the description; %s is read from the official example (%s)", what, shown)}}, true
	}
	digitsOf := func(n int) func(string) bool {
		return func(v string) bool { return len(v) == n && p.digits.MatchString(v) }
	}
	switch {
	case all(digitsOf(14)):
		return mark(TypeDateTime, "", "datetime (14 digits)")
	case all(digitsOf(8)) && hasAnySuffix(title, "일", "일자"):
		return mark(TypeDate, "", "date (8 digits, title "+title+")")
	case all(digitsOf(6)) && hasAnySuffix(title, "시간", "시각"):
		return mark(TypeTime, "", "time (6 digits, title "+title+")")
	case all(func(v string) bool { return strings.Contains(v, "|") }):
		return mark(TypeFlags, "", "flags ('|'-joined)")
	case all(p.digits.MatchString) && slices.ContainsFunc(vals, p.leadingZero.MatchString):
		// "000000000", "0000052": the zeros are kept, so an identifier, not a count.
		return mark(TypeCode, "", "code (digits with leading zeros; padded if it is a zero-padded number)")
	case all(p.intValue.MatchString):
		if isPriceTitle(title) {
			return mark(TypePrice, "원", "price (an integer on the price title "+title+")")
		}
		return mark(TypeInt, "", "int")
	case all(func(v string) bool { return p.decimalValue.MatchString(v) || p.intValue.MatchString(v) }):
		return mark(TypeDecimal, "", "decimal")
	}
	return inference{}, false
}

// describedPairs returns the values and labels of a closed value list (valueList), nil
// when the description lists none or leaves the list open. kiwoomgen upstream compares
// them with an enum's values.
func (p *importPatterns) describedPairs(desc string) []describedPair {
	if list, ok := p.lint.valueList(desc); ok && !list.open {
		return list.pairs
	}
	return nil
}

// exampleFits reports whether an example value has the wire format of a value type.
func (p *importPatterns) exampleFits(typ string, e *Enum, v string) bool {
	if v == "" {
		return true
	}
	switch typ {
	case TypeDate:
		return len(v) == 8 && p.digits.MatchString(v)
	case TypeTime:
		if len(v) == 8 && v[2] == ':' && v[5] == ':' {
			v = v[:2] + v[3:5] + v[6:]
		}
		return len(v) == 6 && p.digits.MatchString(v)
	case TypeDateTime:
		return len(v) == 14 && p.digits.MatchString(v)
	case TypeInt, TypePrice, TypePadded, TypeImpliedDecimal:
		return p.intValue.MatchString(v)
	case TypeDecimal:
		return p.intValue.MatchString(v) || p.decimalValue.MatchString(v)
	case TypeEnum:
		return e == nil || slices.ContainsFunc(e.Values, func(x *EnumValue) bool { return x.Value == v })
	}
	return true
}

// goWord turns a label or value into a capitalised Go word, or "" when it has no
// ASCII letters or digits to keep.
func goWord(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if up {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	w := b.String()
	if w == "" || !unicode.IsUpper(rune(w[0])) {
		return ""
	}
	return w
}
