package gen

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func lintCase(t *testing.T, name string) *Model {
	t.Helper()
	dir := filepath.Join("testdata/lint", name)
	m, err := Load(os.DirFS(dir), ".", "specs")
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	return m
}

func formatFindings(fs []Finding) []byte {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return []byte(b.String())
}

// TestLintGolden lints testdata/lint/<case> and compares the findings with
// testdata/lint/<case>/want; -update rewrites them.
func TestLintGolden(t *testing.T) {
	cases, err := os.ReadDir("testdata/lint")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			got := Lint(lintCase(t, c.Name()))
			checkGolden(t, filepath.Join("testdata/lint", c.Name(), "want"), formatFindings(got))
		})
	}
}

// TestLintFires: every rule fires at least once in testdata/lint/fire.
func TestLintFires(t *testing.T) {
	fired := map[string]bool{}
	for _, f := range Lint(lintCase(t, "fire")) {
		fired[f.Rule] = true
	}
	for _, r := range LintRules() {
		if !fired[r.Name] {
			t.Errorf("rule %s does not fire in testdata/lint/fire", r.Name)
		}
	}
}

// TestLintQuiet: the description formats of the docs, each matching its enum, and the
// descriptions that only look like value lists, give no finding.
func TestLintQuiet(t *testing.T) {
	for _, f := range Lint(lintCase(t, "quiet")) {
		t.Errorf("unexpected finding: %s", f)
	}
}

// TestLintSilenced: the lint: entries on a field, a list and the TR silence their
// findings; without them the findings come back.
func TestLintSilenced(t *testing.T) {
	m := lintCase(t, "silenced")
	for _, f := range Lint(m) {
		t.Errorf("finding not silenced: %s", f)
	}
	for _, tr := range m.TRs {
		tr.Lint = nil
		eachField(tr.Request, "", func(f *Field, _ string) { f.Lint = nil })
		eachField(tr.Response, "", func(f *Field, _ string) { f.Lint = nil })
	}
	var rules []string
	for _, f := range Lint(m) {
		rules = append(rules, f.Rule)
	}
	slices.Sort(rules)
	want := []string{RuleDuplicateTitle, RuleEnumDescription, RuleEnumLength, RulePagingList, RuleUnit}
	if !slices.Equal(rules, want) {
		t.Errorf("without the lint: entries the rules %v fire, want %v", rules, want)
	}
}

// TestLintRealSpecs: specs/ is lint-clean.
func TestLintRealSpecs(t *testing.T) {
	m, err := Load(os.DirFS("../specs"), ".", "specs")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Lint(m) {
		t.Errorf("%s", f)
	}
}

func TestDescribedValues(t *testing.T) {
	p := newLintPatterns()
	for _, tc := range []struct {
		desc string
		want []string // nil: not a value list
	}{
		{"1:금액, 2:수량", []string{"1", "2"}},
		{"순매도:1, 순매수:2", []string{"1", "2"}},
		{"0 : 코스피, 10 : 코스닥", []string{"0", "10"}},
		{"0 : 코스피,\n10 : 코스닥", []string{"0", "10"}},
		{"1:KRX, 2:NXT 3.통합", []string{"1", "2", "3"}},
		{"P00101:코스피, P10102:코스닥", []string{"P00101", "P10102"}},
		{"0:코스피(거래소),1:코스닥,2:KOSPI200", []string{"0", "1", "2"}},
		{"1: 상한가, 2:상승, 3:보합, 4:하한가, 5:하락", []string{"1", "2", "3", "4", "5"}},
		{"0: 해당없음, 1: ETF투자주의요망(ETF인 경우만 전달", []string{"0", "1"}},
		{"Y: 가능", []string{"Y"}},
		{"0 or 1 / 수정주가 적용을 원하시는 경우", []string{"0", "1"}},
		{"1:금액 2:수량", []string{"1", "2"}},
		{"001:종합(KOSPI), 002:대형주, 003:중형주,\n004:소형주 101:종합(KOSDAQ), 201:KOSPI200, 302:KOSTAR, 701: KRX100 나머지 ※ 업종코드 참고",
			[]string{"001", "002", "003", "004", "101", "201", "302", "701"}},
		{"00000:전체조회, 00010:만주이상, 00050:5만주이상", []string{"00000", "00010", "00050"}},
		{"0:전체조회, 1:1천원미만, 2:1천원~2천원, 10:1억원이상", []string{"0", "1", "2", "10"}},
		{"0:전체조회, 5:5천주이상, 10:1만주이상", []string{"0", "5", "10"}},
		{"0:당일, 1:전일, 5:5일, 10;10일, 20:20일", []string{"0", "1", "5", "10", "20"}},
		{"0:전체조회, 10:백주이상,50:5백주이상,100;천주이상", []string{"0", "10", "50", "100"}},
		{"0:일반,1:60%감면", []string{"0", "1"}},
		{"1:전일, 4:5일, 119:120일\n\n※ 시작일자와 종료일자로 조회를 원하는 경우 기간(dt)값은 빈값('')으로 설정", []string{"1", "4", "119"}},
		{"%:(전체),KRX:한국거래소,NXT:넥스트트레이드", []string{"%", "KRX", "NXT"}},
		{"%:(전체), KRX, NXT, SOR", []string{"%", "KRX", "NXT", "SOR"}},
		{"KRX,NXT,SOR", []string{"KRX", "NXT", "SOR"}},
		{"5:5일, 10:10일, 250:250일, 250일까지 입력가능", []string{"5", "10", "250"}},
		{"client_credentials 입력", nil},
		{"1:1", nil},
		{"거래소별 종목코드 (KRX:039490,NXT:039490_NX,SOR:039490_AL)", nil},
		{"단위: 원, 부호가 포함된 숫자", nil},
		{"단위: %, 부호 포함 소수점 둘째 자리까지 포맷된 백분율", nil},
		{"금액 단위: 백만원, 수량 단위: 1000주 혹은 1주(unit_tp값으로 설정)", nil},
		{"단위:KRW", nil},
		{"YYYYMMDD", nil},
		{"HH:MM:SS", nil},
		{"09:00 ~ 15:30", nil},
		{"", nil},
	} {
		got, open, ok := p.describedValues(tc.desc)
		if ok != (tc.want != nil) || !slices.Equal(got, tc.want) {
			t.Errorf("describedValues(%q) = %q, %v; want %q", tc.desc, got, ok, tc.want)
		}
		if wantOpen := strings.Contains(tc.desc, "나머지") || strings.Contains(tc.desc, "까지 입력"); open != wantOpen {
			t.Errorf("describedValues(%q): open %v; want %v", tc.desc, open, wantOpen)
		}
	}
}

func TestCamelWords(t *testing.T) {
	for in, want := range map[string][]string{
		"PrevClosePrice": {"Prev", "Close", "Price"},
		"NXTEnable":      {"NXT", "Enable"},
		"High250":        {"High", "250"},
		"StkName":        {"Stk", "Name"},
		"KOSPI":          {"KOSPI"},
		"Rows":           {"Rows"},
	} {
		if got := camelWords(in); !slices.Equal(got, want) {
			t.Errorf("camelWords(%q) = %q, want %q", in, got, want)
		}
	}
}
