package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// renderCatalog renders the catalogue's data (package catalog): every TR with
// its package, fields, value types, units, allowed values and notes, as
// immutable package-level tables, so the command line, the local server and
// the docs never parse YAML at run time. Only programs that import the catalogue
// pay for it; a client for one family does not.
func renderCatalog(m *Model) *jen.File {
	f := newFile(CatalogPath, "catalog", "specs/*/*.yaml")
	used := map[string]bool{}
	f.Add(doc("trs is every generated TR in api-id order, one line per field."))
	f.Var().Id("trs").Op("=").Index().Id("TR").ValuesFunc(func(g *jen.Group) {
		for _, tr := range m.TRs {
			if tr.Family.Separate {
				continue
			}
			g.Line().Add(trEntry(m, tr, used))
		}
		g.Line()
	})
	for _, e := range m.Enums {
		if !used[e.Name] {
			continue
		}
		f.Line()
		f.Add(doc(fmt.Sprintf("%s describes %s.%s.", enumVar(e), e.Family.Package(), e.Name)))
		f.Var().Id(enumVar(e)).Op("=").Op("&").Id("Enum").Values(
			jen.Id("Name").Op(":").Lit(e.Name),
			jen.Id("Package").Op(":").Lit(e.Family.ImportPath()),
			jen.Id("Title").Op(":").Lit(e.Title),
			jen.Id("Values").Op(":").Index().Id("EnumValue").ValuesFunc(func(g *jen.Group) {
				for _, v := range e.Values {
					g.Line().Values(jen.Lit(v.Value), jen.Lit(v.Label), jen.Lit(e.Name+v.Go))
				}
				g.Line()
			}),
		)
	}
	return f
}

func enumVar(e *Enum) string { return "enum" + e.Name }

// keyed renders a composite literal body with keys in the given order (jen.Dict
// would sort them): pairs of key name and value, nil values skipped.
type keyed []jen.Code

func (k *keyed) add(key string, value jen.Code) {
	if value != nil {
		*k = append(*k, jen.Id(key).Op(":").Add(value))
	}
}

// when returns v if cond holds, else nil (so keyed.add skips zero values).
func when(cond bool, v jen.Code) jen.Code {
	if cond {
		return v
	}
	return nil
}

func trEntry(m *Model, tr *TR, used map[string]bool) jen.Code {
	pkg := tr.Family.ImportPath()
	var k keyed
	k.add("ID", jen.Lit(tr.ID))
	k.add("Name", jen.Lit(tr.Name))
	k.add("GoName", jen.Lit(tr.Go))
	k.add("English", jen.Lit(tr.English))
	k.add("Summary", when(tr.Summary != "", jen.Lit(tr.Summary)))
	k.add("Family", jen.Lit(tr.Family.Name))
	k.add("Package", jen.Lit(pkg))
	k.add("Path", jen.Lit(tr.Path))
	k.add("Kind", core(kindConst(tr.Kind)))
	k.add("Paging", when(tr.Paging, jen.True()))
	k.add("Rows", when(tr.Rows != "", jen.Lit(tr.Rows)))
	if len(tr.Notes) > 0 {
		k.add("Notes", jen.Index().String().ValuesFunc(func(g *jen.Group) {
			for _, n := range tr.Notes {
				g.Line().Lit(n)
			}
			g.Line()
		}))
	}
	k.add("Request", fieldEntries(tr.Request, used))
	k.add("Response", fieldEntries(tr.Response, used))
	k.add("NewRequest", jen.Func().Params().Id("Request").Block(jen.Return(jen.New(jen.Qual(pkg, tr.Go+"Request")))))
	k.add("NewResponse", jen.Func().Params().Add(core("Response")).Block(jen.Return(jen.New(jen.Qual(pkg, tr.Go+"Response")))))
	return jen.ValuesFunc(func(g *jen.Group) {
		for _, c := range k {
			g.Line().Add(c)
		}
		g.Line()
	})
}

// fieldEntries renders a field table, one field per line (a list's row
// fields follow on lines of their own).
func fieldEntries(fields []*Field, used map[string]bool) jen.Code {
	if len(fields) == 0 {
		return nil
	}
	return jen.Index().Id("Field").ValuesFunc(func(g *jen.Group) {
		for _, f := range fields {
			var k keyed
			k.add("Name", jen.Lit(f.Name))
			k.add("GoName", jen.Lit(f.GoName))
			k.add("Title", jen.Lit(f.Title))
			k.add("Type", jen.Id(valueTypeConst(f.Type)))
			k.add("Required", when(f.Required, jen.True()))
			k.add("Length", when(f.Length > 0, jen.Lit(f.Length)))
			k.add("Unit", when(f.Unit != "", jen.Lit(f.Unit)))
			k.add("Decimals", when(f.Decimals > 0, jen.Lit(f.Decimals)))
			k.add("Sensitive", when(f.Sensitive, jen.True()))
			k.add("Description", when(f.Description != "", jen.Lit(f.Description)))
			k.add("Note", when(f.Note != "", jen.Lit(f.Note)))
			if f.Enum != "" {
				used[f.Enum] = true
				k.add("Enum", jen.Id(enumVar(&Enum{Name: f.Enum})))
			}
			if f.Type == TypeList {
				k.add("Fields", fieldEntries(f.Fields, used))
			}
			g.Line().Values(k...)
		}
		g.Line()
	})
}

func valueTypeConst(t string) string {
	switch t {
	case TypeText:
		return "TypeText"
	case TypeCode:
		return "TypeCode"
	case TypeDate:
		return "TypeDate"
	case TypeTime:
		return "TypeTime"
	case TypeDateTime:
		return "TypeDateTime"
	case TypeInt:
		return "TypeInt"
	case TypePrice:
		return "TypePrice"
	case TypeDecimal:
		return "TypeDecimal"
	case TypeImpliedDecimal:
		return "TypeImpliedDecimal"
	case TypeIndex:
		return "TypeIndex"
	case TypeImpliedIndex:
		return "TypeImpliedIndex"
	case TypePercent:
		return "TypePercent"
	case TypeGrouped:
		return "TypeGrouped"
	case TypePadded:
		return "TypePadded"
	case TypeFlags:
		return "TypeFlags"
	case TypeEnum:
		return "TypeEnum"
	case TypeList:
		return "TypeList"
	}
	panic("gen: unchecked value type " + t)
}
