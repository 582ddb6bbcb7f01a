package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies the directory src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func importTestdata(t *testing.T) (*Official, string) {
	t.Helper()
	o, err := LoadOfficial("testdata/import/official.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyTree(t, "testdata/import/specs", filepath.Join(dir, "specs"))
	return o, dir
}

func formatImportResult(r *ImportResult, root string) string {
	var b strings.Builder
	rel := func(s string) string { return strings.ReplaceAll(s, filepath.ToSlash(root)+"/", "") }
	for _, w := range r.Written {
		b.WriteString("wrote " + rel(w) + "\n")
	}
	for _, k := range r.Kept {
		b.WriteString("kept " + rel(k) + "\n")
	}
	for _, p := range r.Problems {
		b.WriteString("problem " + rel(p) + "\n")
	}
	for _, w := range r.Words {
		b.WriteString("word " + w.Word + " → " + w.Go + " (" + strings.Join(w.Uses, ", ") + ")\n")
	}
	for _, e := range r.Enums {
		b.WriteString("enum " + rel(e) + "\n")
	}
	b.WriteString("reviews " + itoa(r.Reviews) + "\n")
	return b.String()
}

// TestImportGolden drafts every entry of testdata/import/official.json into a copy of
// testdata/import/specs and compares the written files and the summary with
// testdata/import/want; -update rewrites them.
func TestImportGolden(t *testing.T) {
	o, dir := importTestdata(t)
	res, err := Import(o, ImportOptions{Specs: filepath.Join(dir, "specs"), Golden: filepath.Join(dir, "golden"), All: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "testdata/import/want"
	if *update {
		if err := os.RemoveAll(want); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(want, 0o755); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join(want, "result.txt"), []byte(formatImportResult(res, dir)))
	for _, w := range res.Written {
		rel, err := filepath.Rel(dir, filepath.FromSlash(w))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(w)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.MkdirAll(filepath.Join(want, filepath.Dir(rel)), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		checkGolden(t, filepath.Join(want, rel), got)
	}
	// Every fixture written is JSON.
	for _, w := range res.Written {
		if strings.HasSuffix(w, ".json") {
			data, _ := os.ReadFile(w)
			if !json.Valid(data) {
				t.Errorf("%s is not valid JSON", w)
			}
		}
	}
}

// draftAll drafts every entry of the test file that has a family, without writing.
func draftAll(t *testing.T) []*Draft {
	t.Helper()
	o, dir := importTestdata(t)
	specs := filepath.Join(dir, "specs")
	families, err := ReadFamilies(specs)
	if err != nil {
		t.Fatal(err)
	}
	enums, err := readKnownEnums(specs)
	if err != nil {
		t.Fatal(err)
	}
	vocab, err := readVocabulary(specs)
	if err != nil {
		t.Fatal(err)
	}
	im := newImporter(o, specs, enums, vocab)
	var drafts []*Draft
	for _, a := range o.APIs {
		f := FamilyOf(families, a.Path)
		if f == nil || !isTRID(a.ID) {
			continue
		}
		d, err := im.draft(a, f.Name)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		drafts = append(drafts, d)
	}
	return drafts
}

// draftFields maps "<side> <wire path>" to the drafted field.
func draftFields(tr *TR) map[string]*Field {
	out := map[string]*Field{}
	for _, side := range []struct {
		name   string
		fields []*Field
	}{{"request", tr.Request}, {"response", tr.Response}} {
		eachField(side.fields, "", func(f *Field, prefix string) {
			out[side.name+" "+strings.ReplaceAll(prefix, "[]", "")+f.Name] = f
		})
	}
	return out
}

// TestImportRulesFire: every inference rule decides at least one field of the test
// file, and every field decided by an unsure rule carries a review mark.
func TestImportRulesFire(t *testing.T) {
	fired := map[string]int{}
	sure := map[string]bool{}
	for _, r := range ImportRules() {
		sure[r.Name] = r.Sure
	}
	for _, d := range draftAll(t) {
		fields := draftFields(d.TR)
		for key, rule := range d.Rules {
			fired[rule]++
			if _, ok := sure[rule]; !ok {
				t.Errorf("%s %s: rule %q is not in ImportRules", d.TR.ID, key, rule)
			}
			f := fields[key]
			if f == nil {
				t.Errorf("%s %s: no drafted field", d.TR.ID, key)
				continue
			}
			if !sure[rule] && f.Review == "" {
				t.Errorf("%s %s: decided by the unsure rule %s but has no review mark", d.TR.ID, key, rule)
			}
		}
	}
	for _, r := range ImportRules() {
		if fired[r.Name] == 0 {
			t.Errorf("rule %s decides no field of testdata/import/official.json", r.Name)
		}
	}
}

// TestImportDraftsLoad: the drafts, with the draft enums and the proposed words, are
// specs the loader accepts, and lint reports every review mark.
func TestImportDraftsLoad(t *testing.T) {
	o, dir := importTestdata(t)
	specs := filepath.Join(dir, "specs")
	res, err := Import(o, ImportOptions{Specs: specs, All: true})
	if err != nil {
		t.Fatal(err)
	}
	// Flatten into the layout Load reads: one enums.yaml, one vocabulary.yaml, the TRs.
	flat := t.TempDir()
	var enums strings.Builder
	enums.WriteString("enums:\n")
	known, err := readKnownEnums(specs)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range known {
		var b bytes.Buffer
		writeEnumYAML(&b, k.enum)
		enums.Write(b.Bytes())
	}
	vocab, err := os.ReadFile(filepath.Join(specs, "vocabulary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Words {
		vocab = append(vocab, fmt.Sprintf("  %s: %s\n", w.Word, w.Go)...)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(flat, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("enums.yaml", []byte(enums.String()))
	write("vocabulary.yaml", vocab)
	marks := 0
	for _, w := range res.Written {
		base := filepath.Base(w)
		if !strings.HasSuffix(w, ".yaml") || base == "enums.yaml" {
			continue
		}
		data, err := os.ReadFile(w)
		if err != nil {
			t.Fatal(err)
		}
		var tr TR
		var errs ErrorList
		parseFile(w, data, &tr, &errs)
		if err := errs.Err(); err != nil {
			t.Fatal(err)
		}
		marks += countReviews(&tr)
		write(base, data)
	}
	m, err := Load(os.DirFS(flat), ".", "specs")
	if err != nil {
		t.Fatalf("the drafts do not load:\n%v", err)
	}
	reviews := 0
	for _, f := range Lint(m) {
		if f.Rule == RuleReview {
			reviews++
		}
	}
	if reviews != marks || marks != res.Reviews {
		t.Errorf("lint reports %d review findings; the drafts have %d marks; Import counted %d", reviews, marks, res.Reviews)
	}
	// In the family layout too: no draft uses another family's enum (the loader
	// rejects that), and the draft enums land in the right files.
	if err := os.WriteFile(filepath.Join(specs, "vocabulary.yaml"), vocab, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(os.DirFS(specs), ".", "specs"); err != nil {
		t.Fatalf("the drafts do not load in the family layout:\n%v", err)
	}
}

// TestImportEnumChoices: an enum is taken only from specs/enums.yaml or the TR's own
// family and only when the labels match (spaces aside); otherwise a new enum is drafted
// and the mark names what it resembles. Draft names carry no number suffix and no
// constant is V<digits>.
func TestImportEnumChoices(t *testing.T) {
	var ka99015 *Draft
	drafts := draftAll(t)
	for _, d := range drafts {
		if d.TR.ID == "ka99015" {
			ka99015 = d
		}
	}
	if ka99015 == nil {
		t.Fatal("no draft of ka99015")
	}
	fields := draftFields(ka99015.TR)
	for key, want := range map[string]struct{ enum, review string }{
		"request stk_tp":      {"StockFilter", ""},                       // "0:전체 조회" is 전체조회
		"request tic_scope":   {"TicScope", "CandleUnit of specs/chart"}, // chart's enum is not usable from stockinfo
		"request flu_sig":     {"FluctuationSign", "enum ChangeSign"},    // same values, other labels
		"request trde_qty_tp": {"TradeQuantityTopTradeQuantityType", "TradeQuantityType is taken"},
		"request rt_tp":       {"RateType", "new draft"},
	} {
		f := fields[key]
		if f == nil || f.Enum != want.enum || !strings.Contains(f.Review, want.review) {
			t.Errorf("%s: %+v; want enum %s and a review naming %q", key, f, want.enum, want.review)
		}
	}
	if f := fields["request rt_tp"]; f != nil && strings.Contains(f.Review, "PriceAdjustment") {
		t.Errorf("rt_tp (0:일반,1:60%%감면) is said to resemble the 0/1 enum PriceAdjustment: %s", f.Review)
	}
	if f := fields["request mrkt_cd"]; f == nil || f.Type != TypeCode || !strings.Contains(f.Review, "open") {
		t.Errorf("the open list of mrkt_cd: %+v; want code with a mark", f)
	}
	if f := fields["response trde_qty_upper"]; f == nil || f.Go != "Rows" || f.Review != "" {
		t.Errorf("the rows list: %+v; want go: Rows and no mark", f)
	}
	o, dir := importTestdata(t)
	if _, err := Import(o, ImportOptions{Specs: filepath.Join(dir, "specs"), All: true}); err != nil {
		t.Fatal(err)
	}
	known, err := readKnownEnums(filepath.Join(dir, "specs"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range known {
		if !strings.Contains(k.enum.Note, "Drafted by kiwoomgen import") {
			continue
		}
		if n := strings.TrimRight(k.enum.Name, "0123456789"); n != k.enum.Name {
			t.Errorf("draft enum %s is numbered", k.enum.Name)
		}
		for _, v := range k.enum.Values {
			if len(v.Go) > 1 && v.Go[0] == 'V' && v.Go[1] >= '0' && v.Go[1] <= '9' {
				t.Errorf("draft enum %s: constant %s for %q", k.enum.Name, v.Go, v.Value)
			}
		}
	}
}

// TestImportSource: source: names the file, or what ImportOptions.Source says.
func TestImportSource(t *testing.T) {
	if got := OfficialSource("x/kiwoom_api_spec.json", "Kiwoom-Securities/Kiwoom-REST-API", "451f89c"); got != "kiwoom_api_spec.json (Kiwoom-Securities/Kiwoom-REST-API) @ 451f89c" {
		t.Errorf("OfficialSource = %q", got)
	}
	if got := OfficialSource("x/kiwoom_api_spec.json", "", ""); got != "kiwoom_api_spec.json" {
		t.Errorf("OfficialSource without a repository = %q", got)
	}
	o, dir := importTestdata(t)
	specs := filepath.Join(dir, "specs")
	src := OfficialSource("kiwoom_api_spec.json", "Kiwoom-Securities/Kiwoom-REST-API", "451f89c0d380f7ce5eb874cccbc5ac4a0307dcb6")
	if _, err := Import(o, ImportOptions{Specs: specs, IDs: []string{"ka99015"}, Source: src}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(specs, "stockinfo", "ka99015.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\nsource: " + yamlString(src) + "\n"; !strings.Contains(string(data), want) {
		t.Errorf("the draft lacks %q", want)
	}
}

// TestImportKeepsReviewed: a reviewed spec and an existing fixture stay unless Force.
func TestImportKeepsReviewed(t *testing.T) {
	o, dir := importTestdata(t)
	specs, golden := filepath.Join(dir, "specs"), filepath.Join(dir, "golden")
	reviewed := filepath.Join(specs, "stockinfo", "ka99011.yaml")
	before, err := os.ReadFile(reviewed)
	if err != nil {
		t.Fatal(err)
	}
	fixture := filepath.Join(golden, "ka99010", "response.json")
	if err := os.MkdirAll(filepath.Dir(fixture), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fixture, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Import(o, ImportOptions{Specs: specs, Golden: golden, IDs: []string{"ka99011", "ka99010", "ka99099"}})
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(reviewed); !bytes.Equal(after, before) {
		t.Errorf("the reviewed %s was overwritten", reviewed)
	}
	if got, _ := os.ReadFile(fixture); string(got) != "{}\n" {
		t.Errorf("the existing fixture was overwritten")
	}
	if len(res.Kept) != 2 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0], "ka99099: not in") {
		t.Errorf("kept %q, problems %q", res.Kept, res.Problems)
	}
	res, err = Import(o, ImportOptions{Specs: specs, Golden: golden, IDs: []string{"ka99011", "ka99010"}, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(reviewed); bytes.Equal(after, before) {
		t.Errorf("-force did not redraft %s", reviewed)
	}
	if got, _ := os.ReadFile(fixture); string(got) == "{}\n" {
		t.Errorf("-force did not rewrite the fixture")
	}
	if len(res.Kept) != 0 {
		t.Errorf("kept %q with Force", res.Kept)
	}
	// -family puts a TR elsewhere, but not when its spec already lives in another family.
	res, err = Import(o, ImportOptions{Specs: specs, IDs: []string{"ka99010"}, Family: "stockinfo"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0], "chart/ka99010.yaml") {
		t.Errorf("problems %q; want the spec in chart named", res.Problems)
	}
	if _, err := Import(o, ImportOptions{Specs: specs, IDs: []string{"ka99010"}, Family: "nosuch"}); err == nil {
		t.Errorf("an unknown -family is accepted")
	}
}

// TestImportDryRun writes nothing.
func TestImportDryRun(t *testing.T) {
	o, dir := importTestdata(t)
	res, err := Import(o, ImportOptions{Specs: filepath.Join(dir, "specs"), Golden: filepath.Join(dir, "golden"), All: true, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) == 0 {
		t.Fatal("nothing to write")
	}
	for _, w := range res.Written {
		rel, _ := filepath.Rel(dir, filepath.FromSlash(w))
		_, before := os.Stat(filepath.Join("testdata/import", rel))
		if _, err := os.Stat(w); err == nil && before != nil {
			t.Errorf("dry run wrote %s", w)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "specs", "order", "enums.yaml")); err == nil {
		t.Errorf("dry run wrote specs/order/enums.yaml")
	}
}

func TestRepairJSON(t *testing.T) {
	for _, c := range []struct {
		in, out string
		repairs []string
		err     string
	}{
		{in: `{"a": "1", "b": 2}`, out: `{"a":"1","b":2}`},
		{in: "{\n  \"a\": \"1\"\n  \"b\": 2\n}", out: `{"a":"1","b":2}`, repairs: []string{"3:3 inserted a missing comma before \"b\""}},
		{in: "{\"a\": [\n {\"x\": 1},\n {\"x\": 2},\n]}", out: `{"a":[{"x":1},{"x":2}]}`, repairs: []string{"3:10 removed a trailing comma"}},
		{in: "{\"a\": [1 2], \"b\": {\"x\": 1,},}", out: `{"a":[1,2],"b":{"x":1}}`, repairs: []string{"1:10 inserted a missing comma before 2", "1:26 removed a trailing comma", "1:28 removed a trailing comma"}},
		{in: "{\n  \"a\": 005930\n}", err: "line 2 col 8: \"005930\" is not a JSON value"},
		{in: "{\n  \"a\": \"1\",\n", err: "line 1 col 1: { is never closed"},
		{in: "{\"a\" 1}", err: "line 1 col 2: expected : after \"a\""},
		{in: "{} {}", err: "line 1 col 4: text after the example's value: {"},
		{in: "  ", err: "the example is empty"},
		{in: "{\"a\": \"line\nbreak\"}", err: "line 1 col 7"},
	} {
		got, repairs, err := repairJSON(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("repairJSON(%q) error %v; want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("repairJSON(%q): %v", c.in, err)
			continue
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, got); err != nil || compact.String() != c.out {
			t.Errorf("repairJSON(%q) = %s; want %s", c.in, got, c.out)
		}
		var rs []string
		for _, r := range repairs {
			rs = append(rs, fmt.Sprintf("%d:%d %s", r.line, r.col, r.what))
		}
		if strings.Join(rs, "|") != strings.Join(c.repairs, "|") {
			t.Errorf("repairJSON(%q) repairs %q; want %q", c.in, rs, c.repairs)
		}
	}
}

// TestInferRules pins each rule on descriptions from the official file.
func TestInferRules(t *testing.T) {
	p := newImportPatterns()
	for _, c := range []struct {
		wire, title, doc, desc string
		examples               []string
		rule, typ, unit        string
		review                 bool
	}{
		{"list", "종목리스트", "LIST", "", nil, ImportRuleList, TypeList, "", false},
		{"cond", "조건", "Object", "", nil, ImportRuleList, TypeList, "", true},
		{"token", "접근토큰", "String", "", nil, ImportRuleSecret, TypeText, "", false},
		{"cntr_tm", "체결시각", "String", "YYYYMMDDHHMMSS", nil, ImportRuleDateTime, TypeDateTime, "", false},
		{"dt", "일자", "String", "기준 일자, YYYYMMDD", nil, ImportRuleDate, TypeDate, "", false},
		{"tm", "시간", "String", "주문 시간, HHmmss", nil, ImportRuleTime, TypeTime, "", false},
		{"pre_sig", "대비기호", "String", "1: 상한가, 2:상승, 3:보합, 4:하한가, 5:하락", nil, ImportRuleValueList, TypeEnum, "", false},
		{"stex_tp", "거래소구분", "String", "1:KRX, 2:NXT 3.통합", nil, ImportRuleValueList, TypeEnum, "", false},
		{"trde_tp", "매매구분", "String", "순매도:1, 순매수:2", nil, ImportRuleValueList, TypeEnum, "", false},
		{"sor_yn", "SOR 여부값", "String", "Y,N", nil, ImportRuleValueList, TypeEnum, "", false},
		{"stex_tp_txt", "거래소구분텍스트", "String", "통합,KRX,NXT", nil, ImportRuleTextByDefault, TypeText, "", true},
		{"flu_rt", "등락율", "String", "우측 2자리 소수점자리수", nil, ImportRuleImplied, TypeImpliedDecimal, "%", true},
		{"crd_rt", "신용비율", "String", "단위: %, 부호 포함 소수점 둘째 자리까지 포맷된 백분율", nil, ImportRuleDecimal, TypeDecimal, "%", false},
		{"listCount", "상장주식수", "String", "단위: 1주, 좌측 0-padding 처리된 부호 포함 16자리 숫자", nil, ImportRuleZeroPadded, TypePadded, "1주", false},
		{"lastPrice", "전일종가", "String", "단위: 원, 좌측 0-padding 처리된 부호 포함 8자리 숫자", nil, ImportRuleZeroPadded, TypePrice, "원", true},
		{"acnt_no", "계좌번호", "String", "고유 계좌번호 10자리 숫자", nil, ImportRuleIdentifier, TypeCode, "", false},
		{"ord_no", "주문번호", "String", "7자리 주문번호", nil, ImportRuleIdentifier, TypeCode, "", false},
		{"cur_prc", "현재가", "String", "단위: 원, 부호가 포함된 숫자", nil, ImportRulePrice, TypePrice, "원", false},
		{"past_curr_prc", "과거 현재가", "String", "기준 시점 주가, 부호가 포함된 원화 값", nil, ImportRulePrice, TypePrice, "원", false},
		{"pred_pre", "전일대비", "String", "단위: 원, 부호가 포함된 숫자", nil, ImportRuleUnitNumber, TypeInt, "원", false},
		{"fav", "액면가", "String", "단위: 원", nil, ImportRuleUnitNumber, TypeInt, "원", false},
		{"mac", "시가총액", "String", "단위: 억원", nil, ImportRuleUnitNumber, TypeInt, "억원", false},
		{"ind_invsr", "개인투자자", "String", "금액 단위: 백만원, 수량 단위: 1000주 혹은 1주(unit_tp값으로 설정)", nil, ImportRuleUnitNumber, TypeInt, "", true},
		{"amt", "금액", "String", "부호가 포함된 숫자", nil, ImportRuleSignedNumber, TypeInt, "", false},
		{"stk_nm", "종목명", "String", "", nil, ImportRuleName, TypeText, "", false},
		{"expires_dt", "만료일", "String", "", []string{"20241107083713"}, ImportRuleExample, TypeDateTime, "", true},
		{"natn", "국가", "String", "", []string{"-1200", "+30"}, ImportRuleExample, TypeInt, "", true},
		{"per", "PER", "String", "[ 주의 ] PER, ROE 값들은 외부벤더사에서 제공되는 데이터", []string{"7.52"}, ImportRuleExample, TypeDecimal, "", true},
		{"exp_cntr_qty", "예상체결수량", "String", "", nil, ImportRuleTitleNumber, TypeInt, "", true},
		{"mac_wght", "시가총액비중", "String", "", nil, ImportRuleTitleNumber, TypeDecimal, "", true},
		{"exp_cntr_pric", "예상체결가", "String", "", nil, ImportRuleTitlePrice, TypePrice, "원", true},
		{"token_type", "토큰타입", "String", "", nil, ImportRuleTextByDefault, TypeText, "", true},
		// Reported by the helpers who drafted ~170 specs.
		{"flu_rt", "등락율", "String", "소수점 제거 된 100배 값", nil, ImportRuleImplied, TypeImpliedDecimal, "%", true},
		{"pred_pre_rt", "대비율", "String", "단위: %, 100배", nil, ImportRuleImplied, TypeImpliedDecimal, "%", false},
		{"cur_prc", "현재가(종가)", "String", "부호가 포함된 숫자", nil, ImportRulePrice, TypePrice, "원", false},
		{"cntr_tm", "체결시간", "String", "HH:MM:SS", []string{"15:30:12"}, ImportRuleTime, TypeTime, "", false},
		{"ord_tm", "주문시간", "String", "HH:mm:ss", nil, ImportRuleTime, TypeTime, "", false},
		{"orig_deal", "원거래", "String", "", []string{"000000000"}, ImportRuleExample, TypeCode, "", true},
		{"ori_ord", "원주문", "String", "원 주문이 없는 경우", []string{"0000000", "0000052"}, ImportRuleExample, TypeCode, "", true},
		{"tick_unit", "호가단위", "String", "단위: 원, 부호가 포함된 숫자", nil, ImportRulePrice, TypePrice, "원", false},
		{"trde_qty", "거래량", "String", "단위: 100주", nil, ImportRuleUnitNumber, TypeInt, "100주", false},
		{"netprps", "순매수", "String", "단위: 백만원 혹은 1000주", nil, ImportRuleUnitNumber, TypeInt, "", true},
		{"ind_invsr", "개인투자자", "String", "단위: 백만원, 1주", nil, ImportRuleUnitNumber, TypeInt, "", true},
		{"inds_cd", "업종코드", "String", "001:종합(KOSPI), 002:대형주, 701: KRX100 나머지 ※ 업종코드 참고", nil, ImportRuleValueList, TypeCode, "", true},
		{"dt", "기간", "String", "5:5일, 10:10일, 250:250일, 250일까지 입력가능", nil, ImportRuleValueList, TypeCode, "", true},
		{"dt", "기간", "String", "0:당일, 1:전일, 5:5일, 10;10일", nil, ImportRuleValueList, TypeEnum, "", false},
	} {
		inf := p.infer(fieldFacts{wire: c.wire, title: c.title, docType: c.doc, description: c.desc, examples: c.examples}, nil)
		if inf.rule != c.rule || inf.typ != c.typ || inf.unit != c.unit || (len(inf.review) > 0) != c.review {
			t.Errorf("%s %q: rule %s type %s unit %q review %q; want rule %s type %s unit %q review %t",
				c.wire, c.desc, inf.rule, inf.typ, inf.unit, inf.review, c.rule, c.typ, c.unit, c.review)
		}
	}
}

// TestDescribedPairs reads values and labels in the docs' formats (the parser lint and
// upstream share).
func TestDescribedPairs(t *testing.T) {
	p := newImportPatterns()
	for desc, want := range map[string]string{
		"1:금액, 2:수량":               "1=금액 2=수량",
		"순매도:1, 순매수:2":             "1=순매도 2=순매수",
		"0 : 통합, 1 : KRX, 2 : NXT": "0=통합 1=KRX 2=NXT",
		"1:KRX, 2:NXT 3.통합":        "1=KRX 2=NXT 3=통합",
		"0 or 1 / 수정주가":            "0= 1=",
		"KRX, NXT, SOR":            "KRX=KRX NXT=NXT SOR=SOR",
		"1:1틱, 3:3틱":               "1=1틱 3=3틱",
		"단위: 원":                    "",
		"통합,KRX,NXT":               "",
		// Labels that start with a digit.
		"00000:전체조회, 00010:만주이상, 00050:5만주이상": "00000=전체조회 00010=만주이상 00050=5만주이상",
		"0:전체조회, 1:1천원미만, 2:1천원~2천원":          "0=전체조회 1=1천원미만 2=1천원~2천원",
		"5:5천주이상, 10:만주이상":                    "5=5천주이상 10=만주이상",
		"0:전체조회, 10:1억원이상, 10000:100억원이상":     "0=전체조회 10=1억원이상 10000=100억원이상",
		"0:전체, 1:1천원 미만, 8:1천원 이상":            "0=전체 1=1천원 미만 8=1천원 이상",
		// ';' for ':', '%' in a label, a remark after the last value.
		"0:당일, 1:전일, 5:5일, 10;10일, 20:20일": "0=당일 1=전일 5=5일 10=10일 20=20일",
		"0:일반,1:60%감면":                     "0=일반 1=60%감면",
		"1:전일, 4:5일, 119:120일\n\n※ 시작일자와 종료일자로 조회를 원하는 경우 기간(dt)값은 빈값('')으로 설정": "1=전일 4=5일 119=120일",
		"1:전일, 119:120일 ※ 시작일자와 종료일자로 조회를 원하는 경우, 빈값":                           "1=전일 119=120일",
		// The wildcard %.
		"%:(전체),KRX:한국거래소,NXT:넥스트트레이드,SOR:최선주문집행": "%=(전체) KRX=한국거래소 NXT=넥스트트레이드 SOR=최선주문집행",
		"%:(전체), KRX, NXT, SOR": "%=(전체) KRX=KRX NXT=NXT SOR=SOR",
		// Open lists are no enum.
		"001:종합(KOSPI), 002:대형주, 701: KRX100 나머지 ※ 업종코드 참고": "",
		"5:5일, 10:10일, 250:250일, 250일까지 입력가능":               "",
		// Not value lists.
		"09:00 ~ 15:30": "",
		"HH:MM:SS":      "",
		"1:1":           "",
	} {
		var got []string
		for _, pr := range p.describedPairs(desc) {
			got = append(got, pr.value+"="+pr.label)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("describedPairs(%q) = %q; want %q", desc, strings.Join(got, " "), want)
		}
	}
	for _, desc := range []string{
		"001:종합(KOSPI), 002:대형주, 003:중형주, 004:소형주 101:종합(KOSDAQ), 201:KOSPI200, 302:KOSTAR, 701: KRX100 나머지 ※ 업종코드 참고",
		"5:5일, 10:10일, 20:20일, 60:60일, 250:250일, 250일까지 입력가능",
	} {
		if l, ok := p.lint.valueList(desc); !ok || !l.open || len(l.pairs) < 2 {
			t.Errorf("valueList(%q) = %+v, %v; want an open list", desc, l, ok)
		}
	}
}

// TestStatedUnits: "혹은" and a comma join units.
func TestStatedUnits(t *testing.T) {
	p := newLintPatterns()
	for desc, want := range map[string]string{
		"단위: 원": "원",
		"단위: 원, 부호가 포함된 숫자": "원",
		"단위: 100주":         "100주",
		"단위: 백만원 혹은 1000주": "백만원 1000주",
		"단위: 백만원, 1주":      "백만원 1주",
		"단위: 1주 혹은 백만원(amt_qty_tp파라미터로 설정)":             "1주 백만원",
		"금액 단위: 백만원, 수량 단위: 1000주 혹은 1주(unit_tp값으로 설정)": "백만원 1000주 1주",
		"단위: %, 부호 포함 소수점 둘째 자리까지 포맷된 백분율":              "%",
	} {
		if got := strings.Join(p.statedUnits(desc), " "); got != want {
			t.Errorf("statedUnits(%q) = %q; want %q", desc, got, want)
		}
		if one := p.singleUnit(desc); (one != "") != !strings.Contains(want, " ") {
			t.Errorf("singleUnit(%q) = %q", desc, one)
		}
	}
}

func TestParseOfficialErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"apis": {"x(ka1)": {"meta": {"API ID": "ka1"}}`, "f.json:1:"},
		{"{\n  \"apis\": [1]\n}", `f.json:2:11: "apis" is not an object`},
		{`{"other": 1}`, `f.json:1:1: no "apis" object`},
		{"{\"apis\": {\n  \"x(ka10001)\": {\"request\": {\"body\": [{\"depth\": \"1\"}]}}}}", `f.json:2:3: entry "x(ka10001)": request.body.depth has type string`},
		{"{\"apis\": {\n  \"a(ka10001)\": {},\n  \"b(ka10001)\": {}}}", `f.json:3:3: entry "b(ka10001)": api-id ka10001 already at f.json:2:3`},
		{`[]`, "f.json:1:1: the file is not a JSON object"},
		{``, "unexpected end of file"},
	} {
		_, err := ParseOfficial("f.json", []byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseOfficial(%q) = %v; want %q", c.in, err, c.want)
		}
	}
	o, err := ParseOfficial("f.json", []byte(`{"apis": {"주식기본정보요청(ka10001)": {"meta": {"URL": "/api/dostk/stkinfo", "개요": "", "종목 정보를 조회합니다.": ""}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	a := o.API("ka10001")
	if a == nil || a.Name != "주식기본정보요청" || a.Path != "/api/dostk/stkinfo" || a.Summary != "종목 정보를 조회합니다." || !a.SummaryFromKey {
		t.Errorf("entry read as %+v", a)
	}
}

func TestFamilyOf(t *testing.T) {
	fams := []*Family{{Name: "auth", Path: "/oauth2"}, {Name: "order", Path: "/api/dostk/ordr"}, {Name: "creditorder", Path: "/api/dostk/crdordr"}}
	for path, want := range map[string]string{"/oauth2/token": "auth", "/oauth2": "auth", "/api/dostk/ordr": "order", "/api/dostk/crdordr": "creditorder", "/api/dostk/ordrx": "", "/oauth": ""} {
		got := ""
		if f := FamilyOf(fams, path); f != nil {
			got = f.Name
		}
		if got != want {
			t.Errorf("FamilyOf(%q) = %q; want %q", path, got, want)
		}
	}
}
