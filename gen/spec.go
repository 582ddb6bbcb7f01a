// Package gen loads the YAML TR specs under specs/, validates them into a model and
// renders the typed kiwoom package from that model with jennifer.
//
// The loader is strict: every key is known, every required key is present, every
// reference resolves, and every problem is reported as file:line:col.
package gen

// Pos is a position in a spec file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col.
func (p Pos) String() string {
	return p.File + ":" + itoa(p.Line) + ":" + itoa(p.Col)
}

// TR is one transaction (TR) spec: a specs/<id>.yaml file.
type TR struct {
	ID       string     `yaml:"id" spec:"required"`
	Name     string     `yaml:"name" spec:"required"`
	Go       string     `yaml:"go" spec:"required"`
	Summary  string     `yaml:"summary"`
	English  string     `yaml:"english" spec:"required"`
	Path     string     `yaml:"path" spec:"required"`
	Kind     string     `yaml:"kind" spec:"required"`
	Paging   bool       `yaml:"paging" spec:"required"`
	Rows     string     `yaml:"rows"`
	Source   string     `yaml:"source"`
	Notes    []string   `yaml:"notes"`
	Lint     []LintSkip `yaml:"lint"`
	Request  []*Field   `yaml:"request" spec:"required"`
	Response []*Field   `yaml:"response" spec:"required"`

	// File is the spec file's path as given to the loader (for messages and headers).
	File string `yaml:"-"`
	// Pos is where the document starts; KeyPos holds where each key's value starts.
	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// Field is one row of a request or response field table.
type Field struct {
	Name        string     `yaml:"name" spec:"required"`
	Title       string     `yaml:"title" spec:"required"`
	DocType     string     `yaml:"doc_type" spec:"required"`
	Required    bool       `yaml:"required" spec:"required"`
	Length      int        `yaml:"length"`
	Description string     `yaml:"description"`
	Type        string     `yaml:"type" spec:"required"`
	Enum        string     `yaml:"enum"`
	Unit        string     `yaml:"unit"`
	Decimals    int        `yaml:"decimals"`
	Go          string     `yaml:"go"`
	Sensitive   bool       `yaml:"sensitive"`
	Note        string     `yaml:"note"`
	Lint        []LintSkip `yaml:"lint"`
	Fields      []*Field   `yaml:"fields"`

	// GoName is the resolved Go field name (the override or the derived name).
	GoName string `yaml:"-"`
	// Pos is where the field's mapping starts; KeyPos holds where each key's value starts.
	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// LintSkip silences one lint rule on a TR or a field, with the reason a reviewer reads.
type LintSkip struct {
	Rule   string `yaml:"rule" spec:"required"`
	Reason string `yaml:"reason" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// Enum is one named value set from specs/enums.yaml.
type Enum struct {
	Name   string       `yaml:"name" spec:"required"`
	Wire   string       `yaml:"wire"`
	Title  string       `yaml:"title" spec:"required"`
	Note   string       `yaml:"note"`
	Values []*EnumValue `yaml:"values" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// EnumValue is one value of an enum.
type EnumValue struct {
	Value string `yaml:"value" spec:"required"`
	Go    string `yaml:"go" spec:"required"`
	Label string `yaml:"label" spec:"required"`
	Note  string `yaml:"note"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// enumsFile is the layout of specs/enums.yaml.
type enumsFile struct {
	Enums []*Enum `yaml:"enums" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// vocabularyFile is the layout of specs/vocabulary.yaml.
type vocabularyFile struct {
	Words map[string]string `yaml:"words" spec:"required"`

	Pos    Pos            `yaml:"-"`
	KeyPos map[string]Pos `yaml:"-"`
}

// Value types a field may declare.
const (
	TypeText           = "text"
	TypeCode           = "code"
	TypeDate           = "date"
	TypeTime           = "time"
	TypeDateTime       = "datetime"
	TypeInt            = "int"
	TypePrice          = "price"
	TypeDecimal        = "decimal"
	TypeImpliedDecimal = "implied_decimal"
	TypePadded         = "padded"
	TypeFlags          = "flags"
	TypeEnum           = "enum"
	TypeList           = "list"
)

// ValueTypes lists every value type in a fixed order.
func ValueTypes() []string {
	return []string{TypeText, TypeCode, TypeDate, TypeTime, TypeDateTime, TypeInt, TypePrice,
		TypeDecimal, TypeImpliedDecimal, TypePadded, TypeFlags, TypeEnum, TypeList}
}

// TR kinds.
const (
	KindAuth  = "auth"
	KindQuery = "query"
	KindOrder = "order"
)
