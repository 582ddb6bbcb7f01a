package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// renderEnums renders the enums of one package: the shared enums of enums.yaml
// into the core package (fam nil), or a family's own enums into its package.
// Each is a string type with its constants and the Valid, Label, String and
// Values methods.
func renderEnums(m *Model, fam *Family) *jen.File {
	source := "specs/" + enumsFileName
	if fam != nil {
		source = "specs/" + fam.Name + "/" + enumsFileName
	}
	f := newFile(fam.ImportPath(), fam.Package(), source)
	first := true
	for _, e := range m.Enums {
		if e.Family != fam {
			continue
		}
		if !first {
			f.Line()
		}
		first = false
		head := fmt.Sprintf("%s is %s", e.Name, e.Title)
		if e.Wire != "" {
			head += fmt.Sprintf(" (%s)", e.Wire)
		}
		f.Add(doc(head+".", "", "Decoding keeps values Kiwoom adds later; Validate rejects values that are not listed."))
		f.Type().Id(e.Name).String()
		f.Line()

		/* const ( XA X = "1" ... ) */
		f.Add(doc(fmt.Sprintf("Values of %s.", e.Name)))
		f.Const().DefsFunc(func(g *jen.Group) {
			for _, v := range e.Values {
				g.Add(doc(fmt.Sprintf("%s is %q: %s.", e.Name+v.Go, v.Value, v.Label)).Line().Id(e.Name + v.Go).Id(e.Name).Op("=").Lit(v.Value))
			}
		})
		f.Line()

		recv := jen.Id("e").Id(e.Name)
		f.Add(doc(fmt.Sprintf("Valid reports whether e is one of the documented values of %s.", e.Name)))
		f.Func().Params(recv.Clone()).Id("Valid").Params().Bool().Block(
			jen.Return(jen.Id("e").Dot("Label").Call().Op("!=").Lit("")),
		)
		f.Line()

		f.Add(doc("Label returns the Korean label of e, or \"\" when e is not a documented value."))
		f.Func().Params(recv.Clone()).Id("Label").Params().String().BlockFunc(func(g *jen.Group) {
			g.Switch(jen.Id("e")).BlockFunc(func(s *jen.Group) {
				for _, v := range e.Values {
					s.Case(jen.Id(e.Name + v.Go)).Block(jen.Return(jen.Lit(v.Label)))
				}
			})
			g.Return(jen.Lit(""))
		})
		f.Line()

		f.Add(doc("String returns the wire value with its Korean label, e.g. \"1 (KRX)\"; an undocumented value is returned as it is."))
		f.Func().Params(recv.Clone()).Id("String").Params().String().Block(
			jen.If(jen.Id("l").Op(":=").Id("e").Dot("Label").Call(), jen.Id("l").Op("!=").Lit("")).Block(
				jen.Return(jen.String().Call(jen.Id("e")).Op("+").Lit(" (").Op("+").Id("l").Op("+").Lit(")")),
			),
			jen.Return(jen.String().Call(jen.Id("e"))),
		)
		f.Line()

		f.Add(doc(fmt.Sprintf("Values returns every documented value of %s in the order of the docs.", e.Name)))
		f.Func().Params(jen.Id(e.Name)).Id("Values").Params().Index().Id(e.Name).Block(
			jen.Return(jen.Index().Id(e.Name).ValuesFunc(func(g *jen.Group) {
				for _, v := range e.Values {
					g.Id(e.Name + v.Go)
				}
			})),
		)
	}
	return f
}
