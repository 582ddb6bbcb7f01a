package gen

import (
	"cmp"
	"slices"
	"strings"
)

// SpecError is one problem in a spec file, with its location.
type SpecError struct {
	// Pos is where the problem is.
	Pos Pos
	// Msg describes the problem, without the position.
	Msg string
}

// Error formats the problem as "file:line:col: message".
func (e *SpecError) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList collects every problem found while loading specs, so that one run
// reports all of them.
type ErrorList []*SpecError

// Add records a problem at pos.
func (l *ErrorList) Add(pos Pos, msg string) { *l = append(*l, &SpecError{Pos: pos, Msg: msg}) }

// Error lists the problems one per line, sorted by file, line and column.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l.sorted() {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (l ErrorList) sorted() ErrorList {
	s := slices.Clone(l)
	slices.SortStableFunc(s, func(a, b *SpecError) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return s
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.sorted()
}
