package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// This file writes the synthetic TR specs: realistic shapes (a few request
// fields with enums, 10–60 response fields of mixed value types, a rows list
// for paging TRs), spread over the families of specs/families.yaml in
// proportion to the number of TRs Kiwoom documents per URL family, with ids
// from ka95001 (kt95001 for order families) that no real TR uses.

// synthFamily is a family of families.yaml that receives synthetic TRs.
type synthFamily struct {
	Name   string // package name, the directory under specs/
	Path   string // URL path
	Weight int    // Kiwoom's documented TR count for the path (1 when unknown)
	Real   int    // TRs the tree already has in the family
}

// realTRCounts is the number of domestic REST TRs Kiwoom documents per URL path
// (the Dec-2025 "API 리스트" in ../shared/docs/kiwoom-rest-api.md §5.3). The
// synthetic TRs are spread in these proportions, so the largest packages are
// as large, relative to the others, as they will be at full coverage.
func realTRCounts() map[string]int {
	return map[string]int{
		"/api/dostk/acnt":     33,
		"/api/dostk/stkinfo":  31,
		"/api/dostk/mrkcond":  25,
		"/api/dostk/rkinfo":   23,
		"/api/dostk/chart":    21,
		"/api/dostk/elw":      11,
		"/api/dostk/etf":      9,
		"/api/dostk/ordr":     8,
		"/api/dostk/sect":     6,
		"/api/dostk/slb":      4,
		"/api/dostk/frgnistt": 4,
		"/api/dostk/crdordr":  4,
		"/api/dostk/thme":     2,
		"/api/dostk/shsa":     1,
	}
}

// specField is a field of a TR file, as written.
type specField struct {
	Name        string      `yaml:"name"`
	Title       string      `yaml:"title"`
	DocType     string      `yaml:"doc_type"`
	Required    bool        `yaml:"required"`
	Length      int         `yaml:"length,omitempty"`
	Description string      `yaml:"description,omitempty"`
	Type        string      `yaml:"type"`
	Enum        string      `yaml:"enum,omitempty"`
	Unit        string      `yaml:"unit,omitempty"`
	Decimals    int         `yaml:"decimals,omitempty"`
	Go          string      `yaml:"go,omitempty"`
	Note        string      `yaml:"note,omitempty"`
	Fields      []specField `yaml:"fields,omitempty"`
}

// specTR is a TR file, as written.
type specTR struct {
	ID       string      `yaml:"id"`
	Name     string      `yaml:"name"`
	Go       string      `yaml:"go"`
	Summary  string      `yaml:"summary,omitempty"`
	English  string      `yaml:"english"`
	Path     string      `yaml:"path"`
	Kind     string      `yaml:"kind"`
	Paging   bool        `yaml:"paging"`
	Rows     string      `yaml:"rows,omitempty"`
	Source   string      `yaml:"source,omitempty"`
	Notes    []string    `yaml:"notes,omitempty"`
	Request  []specField `yaml:"request"`
	Response []specField `yaml:"response"`

	family string // the family's package name
}

// specEnumValue is one value of an enum, as written.
type specEnumValue struct {
	Value string `yaml:"value"`
	Go    string `yaml:"go"`
	Label string `yaml:"label"`
}

// specEnum is an enum of enums.yaml, as written.
type specEnum struct {
	Name   string          `yaml:"name"`
	Wire   string          `yaml:"wire,omitempty"`
	Title  string          `yaml:"title"`
	Values []specEnumValue `yaml:"values"`
	Note   string          `yaml:"note,omitempty"`

	family string // "" for a shared enum
}

// synthSet is everything the synthetic specs add to a specs directory.
type synthSet struct {
	TRs         []specTR
	SharedEnums []specEnum
	// FamilyEnums are the enums each family gets, by family name.
	FamilyEnums map[string][]specEnum
	// Words are the vocabulary words the wire names use, with their Go words.
	Words map[string]string
}

// has reports whether id is a synthetic TR of the set.
func (s *synthSet) has(id string) bool {
	return slices.ContainsFunc(s.TRs, func(tr specTR) bool { return tr.ID == id })
}

// countIn counts the set's TRs in a family.
func (s *synthSet) countIn(family string) int {
	n := 0
	for _, tr := range s.TRs {
		if tr.family == family {
			n++
		}
	}
	return n
}

// enums counts the set's enums, shared and per family.
func (s *synthSet) enums() int {
	n := len(s.SharedEnums)
	for _, es := range s.FamilyEnums {
		n += len(es)
	}
	return n
}

// responseFields counts the response fields of the set's TRs: every field,
// a list and each of its row fields alike.
func (s *synthSet) responseFields() int {
	n := 0
	for _, tr := range s.TRs {
		n += countFields(tr.Response)
	}
	return n
}

func countFields(fs []specField) int {
	n := len(fs)
	for _, f := range fs {
		n += countFields(f.Fields)
	}
	return n
}

// synthInput is what the synthesis needs to know about the tree it writes into.
type synthInput struct {
	// N is the number of TR specs the families should hold in all, real and
	// synthetic: each family is filled towards its share of N by weight.
	N        int
	Seed     uint64
	Families []synthFamily
	// Vocab holds the vocabulary words usable in wire names (lower-case letters
	// only) with their Go words.
	Vocab map[string]string
	// TakenIDs are the api-ids of real specs; TakenEnums the enum names in use.
	TakenIDs, TakenEnums map[string]bool
}

// valueKind describes one response value type and how often it occurs.
type valueKind struct {
	typ    string
	weight int
	unit   string
	desc   string
	titles []string
}

// responseKinds are the value types of synthetic response fields, weighted
// roughly as in the 18 real specs (prices and integers dominate).
func responseKinds() []valueKind {
	return []valueKind{
		{"price", 22, "원", "단위: 원", []string{"현재가", "시가", "고가", "저가", "기준가", "매수호가", "매도호가", "상한가", "하한가"}},
		{"int", 24, "1주", "단위: 1주", []string{"거래량", "순매수량", "잔량", "매수수량", "매도수량", "누적거래량"}},
		{"int", 6, "백만원", "단위: 백만원", []string{"거래대금", "순매수금액", "시가총액"}},
		{"decimal", 12, "%", "단위: %, 부호 포함 소수점 둘째 자리까지", []string{"등락율", "거래회전율", "비중", "수익률"}},
		{"text", 10, "", "", []string{"종목명", "업종명", "시장명", "상태", "구분명"}},
		{"code", 7, "", "", []string{"종목코드", "업종코드", "거래원코드", "계좌번호"}},
		{"date", 6, "", "YYYYMMDD", []string{"일자", "기준일자", "상장일", "결제일"}},
		{"time", 3, "", "HHMMSS", []string{"시간", "체결시간", "주문시간"}},
		{"datetime", 1, "", "YYYYMMDDHHMMSS", []string{"일시"}},
		{"implied_decimal", 3, "%", "우측 2자리 소수점자리수", []string{"비율", "회전율"}},
		{"padded", 2, "1주", "단위: 1주, 좌측 0-padding 처리된 부호 포함 16자리 숫자", []string{"상장주식수", "발행주식수"}},
		{"flags", 1, "", "", []string{"종목상태"}},
		{"enum", 5, "", "", []string{"대비기호", "구분"}},
	}
}

// synthesize builds the synthetic set. It is deterministic for a seed.
func synthesize(in synthInput) (*synthSet, error) {
	if len(in.Families) == 0 {
		return nil, fmt.Errorf("no families to spread synthetic TRs over")
	}
	words := wordList(in.Vocab)
	if len(words) < 40 {
		return nil, fmt.Errorf("only %d usable vocabulary words (want 40 or more)", len(words))
	}
	rng := rand.New(rand.NewPCG(in.Seed, 0x5ca1eca1))
	set := &synthSet{FamilyEnums: map[string][]specEnum{}, Words: map[string]string{}}
	use := func(w string) string {
		set.Words[w] = in.Vocab[w]
		return w
	}
	takenEnum := func(name string) bool { return in.TakenEnums[name] }
	enumNames := map[string]bool{}
	newEnum := func(family string, letter byte) specEnum {
		for {
			w1, w2 := words[rng.IntN(len(words))], words[rng.IntN(len(words))]
			name := in.Vocab[w1] + in.Vocab[w2] + "Kind" + string(letter)
			if w1 == w2 || takenEnum(name) || enumNames[name] {
				continue
			}
			enumNames[name] = true
			e := specEnum{Name: name, Wire: use(w1) + "_" + use(w2) + "_tp", Title: "합성구분" + string(letter), family: family,
				Note: "Synthetic enum of the scale check; the values are made up."}
			seen := map[string]bool{}
			for v := range 2 + rng.IntN(8) {
				g := in.Vocab[words[rng.IntN(len(words))]]
				if seen[g] {
					g += strconv.Itoa(v)
				}
				seen[g] = true
				e.Values = append(e.Values, specEnumValue{Value: strconv.Itoa(v), Go: g, Label: "값" + strconv.Itoa(v)})
			}
			return e
		}
	}
	for i := range 8 {
		set.SharedEnums = append(set.SharedEnums, newEnum("", byte('A'+i)))
	}
	for _, f := range in.Families {
		for i := range 4 {
			set.FamilyEnums[f.Name] = append(set.FamilyEnums[f.Name], newEnum(f.Name, byte('P'+i)))
		}
	}

	counts := synthCounts(in.N, in.Families)
	next := 95001
	for fi, fam := range in.Families {
		kind := "query"
		if strings.HasSuffix(fam.Path, "/ordr") || strings.HasSuffix(fam.Path, "/crdordr") {
			kind = "order"
		}
		enums := append(slices.Clone(set.SharedEnums), set.FamilyEnums[fam.Name]...)
		for range counts[fi] {
			prefix := "ka"
			if kind == "order" {
				prefix = "kt"
			}
			id := ""
			for ; ; next++ {
				if next > 99999 {
					return nil, fmt.Errorf("ran out of synthetic ids")
				}
				id = prefix + strconv.Itoa(next)
				if !in.TakenIDs[id] {
					next++
					break
				}
			}
			set.TRs = append(set.TRs, synthTR(rng, id, kind, fam, words, in.Vocab, enums, use))
		}
	}
	set.Words["list"] = "List"
	return set, nil
}

// synthCounts returns how many synthetic TRs each family gets so that the
// families hold n TRs in all: each family's share of n by weight, less the TRs
// it already has, with the shortfall spread in proportion to what each lacks.
func synthCounts(n int, fams []synthFamily) []int {
	weights := make([]int, len(fams))
	for i, f := range fams {
		weights[i] = f.Weight
	}
	target := apportion(n, weights)
	real := 0
	for i, f := range fams {
		real += f.Real
		weights[i] = max(0, target[i]-f.Real)
	}
	return apportion(n-real, weights)
}

// apportion splits n over weights by the largest remainder method; nothing
// when n or the weights are not positive.
func apportion(n int, weights []int) []int {
	total := 0
	for _, w := range weights {
		total += w
	}
	out := make([]int, len(weights))
	if n <= 0 || total <= 0 {
		return out
	}
	type rem struct{ i, r int }
	var rems []rem
	given := 0
	for i, w := range weights {
		out[i] = n * w / total
		given += out[i]
		rems = append(rems, rem{i, n * w % total})
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return b.r - a.r })
	for k := 0; given < n; k++ {
		out[rems[k%len(rems)].i]++
		given++
	}
	return out
}

// wordList returns the vocabulary words usable in synthetic wire names: plain
// lower-case letters, mapping to a Go word, sorted for determinism.
func wordList(vocab map[string]string) []string {
	var out []string
	for w, g := range vocab {
		if g == "" || slices.Contains([]string{"return", "list", "appkey", "secretkey", "token"}, w) {
			continue
		}
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// reservedGoNames are Go names a generated struct cannot use for a field.
func reservedGoNames() []string {
	return []string{"Validate", "String", "GoString", "LogValue", "Envelope", "Meta", "ReturnCode", "ReturnMsg", "UnmarshalJSON", "Rows", "Operation"}
}

// nameSource hands out wire names of two or three vocabulary words whose Go
// names are unique within one struct.
type nameSource struct {
	rng   *rand.Rand
	words []string
	vocab map[string]string
	use   func(string) string
	wire  map[string]bool
	goes  map[string]bool
}

func newNameSource(rng *rand.Rand, words []string, vocab map[string]string, use func(string) string) *nameSource {
	return &nameSource{rng: rng, words: words, vocab: vocab, use: use, wire: map[string]bool{}, goes: map[string]bool{}}
}

func (s *nameSource) next() string {
	for {
		n := 2 + s.rng.IntN(2)
		parts := make([]string, n)
		goName := ""
		for i := range parts {
			parts[i] = s.words[s.rng.IntN(len(s.words))]
			goName += s.vocab[parts[i]]
		}
		wire := strings.Join(parts, "_")
		if s.wire[wire] || s.goes[goName] || slices.Contains(reservedGoNames(), goName) || wire == "return_code" || wire == "return_msg" {
			continue
		}
		s.wire[wire], s.goes[goName] = true, true
		for _, p := range parts {
			s.use(p)
		}
		return wire
	}
}

func pickKind(rng *rand.Rand, kinds []valueKind) valueKind {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	r := rng.IntN(total)
	for _, k := range kinds {
		if r < k.weight {
			return k
		}
		r -= k.weight
	}
	return kinds[len(kinds)-1]
}

// synthField makes one scalar response field.
func synthField(rng *rand.Rand, names *nameSource, enums []specEnum) specField {
	k := pickKind(rng, responseKinds())
	f := specField{Name: names.next(), DocType: "String", Length: 20, Type: k.typ, Unit: k.unit, Description: k.desc}
	f.Title = k.titles[rng.IntN(len(k.titles))]
	switch k.typ {
	case "implied_decimal":
		f.Decimals = 2
	case "enum":
		e := enums[rng.IntN(len(enums))]
		f.Enum = e.Name
		var parts []string
		for _, v := range e.Values {
			parts = append(parts, v.Value+": "+v.Label)
		}
		f.Description = strings.Join(parts, ", ")
	}
	if rng.IntN(12) == 0 {
		f.Note = "Synthetic field; the docs' description would be quoted here with any inconsistency a reviewer found."
	}
	return f
}

func synthTR(rng *rand.Rand, id, kind string, fam synthFamily, words []string, vocab map[string]string, enums []specEnum, use func(string) string) specTR {
	num := id[2:]
	goName := vocab[words[rng.IntN(len(words))]] + vocab[words[rng.IntN(len(words))]] + num
	tr := specTR{
		ID: id, Name: "합성조회요청" + num, Go: goName,
		Summary: "합성 TR의 개요입니다.",
		English: "A synthetic TR of the scale check, shaped like the real ones of its family.",
		Path:    fam.Path, Kind: kind, Source: "internal/scalecheck (synthetic)", family: fam.Name,
	}
	for range rng.IntN(4) {
		tr.Notes = append(tr.Notes, "A reviewer's remark on the official table: a field documented twice, a length that disagrees with the example, or a value list out of order.")
	}

	// Request: a stock code or account number, maybe a date, one or two enums.
	req := newNameSource(rng, words, vocab, use)
	if rng.IntN(10) < 7 {
		tr.Request = append(tr.Request, specField{Name: req.next(), Title: "종목코드", DocType: "String", Required: true, Length: 20,
			Description: "거래소별 종목코드 (KRX:039490,NXT:039490_NX,SOR:039490_AL)", Type: "code"})
	}
	if rng.IntN(2) == 0 {
		tr.Request = append(tr.Request, specField{Name: req.next(), Title: "기준일자", DocType: "String", Required: rng.IntN(2) == 0, Length: 8,
			Description: "YYYYMMDD", Type: "date"})
	}
	for range 1 + rng.IntN(2) {
		e := enums[rng.IntN(len(enums))]
		tr.Request = append(tr.Request, specField{Name: req.next(), Title: e.Title, DocType: "String", Required: true, Length: 2,
			Description: "합성 값 목록", Type: "enum", Enum: e.Name})
	}
	if kind == "order" {
		tr.Request = append(tr.Request, specField{Name: req.next(), Title: "주문수량", DocType: "String", Required: true, Length: 12,
			Description: "단위: 1주", Type: "int", Unit: "1주"})
	}

	// Response: 10–60 fields; a paging TR carries most of them in its rows.
	total := 10 + rng.IntN(51)
	top := newNameSource(rng, words, vocab, use)
	listed := kind == "query" && rng.IntN(10) < 7
	tr.Paging = listed && rng.IntN(10) < 8
	if !listed {
		for range total {
			tr.Response = append(tr.Response, synthField(rng, top, enums))
		}
		return tr
	}
	head := 1 + rng.IntN(min(6, total-5))
	for range head - 1 {
		tr.Response = append(tr.Response, synthField(rng, top, enums))
	}
	list := specField{Name: top.next() + "_" + use("list"), Title: "합성목록", DocType: "LIST", Type: "list", Go: "Rows"}
	rows := newNameSource(rng, words, vocab, use)
	for range total - head + 1 {
		list.Fields = append(list.Fields, synthField(rng, rows, enums))
	}
	tr.Response = append(tr.Response, list)
	if tr.Paging {
		tr.Rows = list.Name
	}
	return tr
}

// writeNewLayout writes the set into a specs directory of the family layout:
// specs/<family>/<id>.yaml, the shared enums appended to specs/enums.yaml, each
// family's to specs/<family>/enums.yaml.
func writeNewLayout(specs string, set *synthSet) error {
	if err := appendEnums(filepath.Join(specs, "enums.yaml"), set.SharedEnums); err != nil {
		return err
	}
	for fam, enums := range set.FamilyEnums {
		if err := os.MkdirAll(filepath.Join(specs, fam), 0o755); err != nil {
			return err
		}
		if err := appendEnums(filepath.Join(specs, fam, "enums.yaml"), enums); err != nil {
			return err
		}
	}
	if err := appendWords(filepath.Join(specs, "vocabulary.yaml"), set.Words); err != nil {
		return err
	}
	for _, tr := range set.TRs {
		if err := writeYAML(filepath.Join(specs, tr.family, tr.ID+".yaml"), tr); err != nil {
			return err
		}
	}
	return nil
}

// writeOldLayout writes the set into a specs directory of the layout before
// families (c1d4685): every TR as specs/<id>.yaml, every enum in specs/enums.yaml.
func writeOldLayout(specs string, set *synthSet) error {
	all := slices.Clone(set.SharedEnums)
	for _, fam := range slices.Sorted(mapKeys(set.FamilyEnums)) {
		all = append(all, set.FamilyEnums[fam]...)
	}
	if err := appendEnums(filepath.Join(specs, "enums.yaml"), all); err != nil {
		return err
	}
	if err := appendWords(filepath.Join(specs, "vocabulary.yaml"), set.Words); err != nil {
		return err
	}
	for _, tr := range set.TRs {
		if err := writeYAML(filepath.Join(specs, tr.ID+".yaml"), tr); err != nil {
			return err
		}
	}
	return nil
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func writeYAML(file string, v any) error {
	data, err := yaml.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(file, append([]byte("# Synthetic spec written by internal/scalecheck.\n"), data...), 0o644)
}

// appendEnums adds enums to the enums: list of an enums.yaml, creating it if
// needed; the file's comments and entries stay.
func appendEnums(file string, enums []specEnum) error {
	return editYAML(file, "enums", func(node *yaml.Node) error {
		for _, e := range enums {
			var n yaml.Node
			if err := n.Encode(e); err != nil {
				return err
			}
			node.Content = append(node.Content, &n)
		}
		return nil
	}, yaml.SequenceNode)
}

// appendWords adds the words missing from the words: map of a vocabulary.yaml.
func appendWords(file string, words map[string]string) error {
	return editYAML(file, "words", func(node *yaml.Node) error {
		have := map[string]bool{}
		for i := 0; i+1 < len(node.Content); i += 2 {
			have[node.Content[i].Value] = true
		}
		for _, w := range slices.Sorted(mapKeys(words)) {
			if !have[w] {
				node.Content = append(node.Content,
					&yaml.Node{Kind: yaml.ScalarNode, Value: w},
					&yaml.Node{Kind: yaml.ScalarNode, Value: words[w]})
			}
		}
		return nil
	}, yaml.MappingNode)
}

// editYAML loads file (or starts an empty document), finds or creates the
// top-level key of the given kind, lets edit change it and writes the file back.
func editYAML(file, key string, edit func(*yaml.Node) error, kind yaml.Kind) error {
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	if data, err := os.ReadFile(file); err == nil {
		var d yaml.Node
		if err := yaml.Unmarshal(data, &d); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if len(d.Content) > 0 {
			doc = &d
		}
	} else if !os.IsNotExist(err) {
		return err
	}
	root := doc.Content[0]
	var target *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			target = root.Content[i+1]
		}
	}
	if target == nil {
		target = &yaml.Node{Kind: kind}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, target)
	}
	if target.Kind != kind {
		return fmt.Errorf("%s: %s is not a %s", file, key, map[yaml.Kind]string{yaml.SequenceNode: "list", yaml.MappingNode: "map"}[kind])
	}
	target.Style = 0
	if err := edit(target); err != nil {
		return err
	}
	data, err := yaml.Marshal(doc)
	if err != nil {
		return err
	}
	return os.WriteFile(file, data, 0o644)
}
