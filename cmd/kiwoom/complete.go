package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

// candidate is one completion: the word and a description for shells that show one.
type candidate struct {
	value, desc string
}

func completionCommand() command {
	return command{
		name:     "completion",
		synopsis: []string{"completion bash|zsh|fish"},
		summary:  "print a shell completion script (subcommands, TR ids, field names and values)",
		details: `Load it in the running shell, or save it where the shell looks for completions:
  bash   source <(kiwoom completion bash)          or save as ~/.local/share/bash-completion/completions/kiwoom
  zsh    source <(kiwoom completion zsh)           (after compinit) or save as _kiwoom in a directory of $fpath
  fish   kiwoom completion fish | source           or save as ~/.config/fish/completions/kiwoom.fish
The scripts ask kiwoom itself (kiwoom __complete) for the words: commands, flags, TR ids,
field= names of the TR on the line, and an enum field's values after field=.
`,
		run: cmdCompletion,
		complete: func(words []string) []candidate {
			if len(words) == 1 {
				return filterCandidates([]candidate{{"bash", ""}, {"zsh", ""}, {"fish", ""}}, words[0])
			}
			return nil
		},
	}
}

func completeCommand() command {
	return command{
		name:     "__complete",
		synopsis: []string{"__complete -- <word> ..."},
		summary:  "print the completions of the last word (used by the completion scripts)",
		hidden:   true,
		run: func(_ context.Context, args []string, _ func(string) string, stdout, _ io.Writer) int {
			if len(args) > 0 && args[0] == "--" {
				args = args[1:]
			}
			for _, c := range completeWords(args) {
				if c.desc != "" {
					fmt.Fprintf(stdout, "%s\t%s\n", c.value, c.desc)
				} else {
					fmt.Fprintln(stdout, c.value)
				}
			}
			return exitOK
		},
	}
}

// cmdCompletion prints the completion script of a shell.
func cmdCompletion(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		return fail(stderr, usagef("usage: kiwoom completion bash|zsh|fish"))
	}
	var script string
	switch args[0] {
	case "bash":
		script = bashCompletion
	case "zsh":
		script = zshCompletion
	case "fish":
		script = fishCompletion
	default:
		return fail(stderr, usagef("kiwoom completion: unknown shell %q; want bash, zsh or fish", args[0]))
	}
	fmt.Fprint(stdout, script)
	return exitOK
}

// completeWords returns the completions of the last of words, the words after
// "kiwoom" on the command line (the last one is being typed, maybe "").
func completeWords(words []string) []candidate {
	if len(words) == 0 {
		words = []string{""}
	}
	cur := words[len(words)-1]
	if len(words) == 1 {
		if strings.HasPrefix(cur, "-") {
			return filterCandidates([]candidate{{"--help", "show the usage"}, {"--version", "print the version"}}, cur)
		}
		return filterCandidates(commandCandidates(), cur)
	}
	if words[0] == "help" {
		if len(words) == 2 {
			return filterCandidates(commandCandidates(), cur)
		}
		return nil
	}
	c, ok := findCommand(words[0])
	if !ok || c.hidden {
		return nil
	}
	rest := words[1:]
	if len(rest) >= 2 {
		prev := rest[len(rest)-2]
		if name, ok := strings.CutPrefix(prev, "-"); ok && !strings.Contains(prev, "=") {
			name = strings.TrimPrefix(name, "-")
			if slices.Contains(c.valued, name) {
				return filterCandidates(flagValues(name), cur)
			}
		}
	}
	if strings.HasPrefix(cur, "-") {
		return filterCandidates(flagCandidates(c), cur)
	}
	if c.complete == nil {
		return nil
	}
	return c.complete(rest)
}

// commandCandidates lists the visible subcommands.
func commandCandidates() []candidate {
	var out []candidate
	for _, c := range commands() {
		if !c.hidden {
			out = append(out, candidate{c.name, c.summary})
		}
	}
	return append(out, candidate{"help", "show the usage of kiwoom or of one command"})
}

// flagValues lists the values of a valued flag that has a fixed set.
func flagValues(name string) []candidate {
	switch name {
	case "format", "o":
		return []candidate{{"table", "aligned columns under the Korean titles"}, {"json", "typed values"}, {"csv", "typed values, a header and one line per record"}}
	case "kind":
		return []candidate{{"query", "reads data; may be resent"}, {"order", "places an order; never resent"}}
	}
	return nil
}

// flagCandidates lists a command's flags, read from its flags section.
func flagCandidates(c command) []candidate {
	out := []candidate{{"--help", "show the usage of kiwoom " + c.name}}
	for line := range strings.SplitSeq(c.flags, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "-") {
			continue
		}
		// "-o, --format table|json|csv   output …", "--api-id ID --path PATH   call …":
		// flags and their placeholders (upper case, or values joined with '|'),
		// then the description.
		for _, w := range strings.Fields(line) {
			w = strings.TrimSuffix(w, ",")
			if !strings.HasPrefix(w, "-") {
				if w == strings.ToUpper(w) || strings.Contains(w, "|") {
					continue
				}
				break
			}
			if !slices.ContainsFunc(out, func(c candidate) bool { return c.value == w }) {
				out = append(out, candidate{value: w})
			}
		}
	}
	return out
}

// completeCall completes the words after "kiwoom call": a TR id, then its
// request fields as field=, then an enum field's values as field=value.
func completeCall(words []string) []candidate {
	cur := words[len(words)-1]
	var pos []string
	valued := callValued()
	for i := 0; i < len(words)-1; i++ {
		w := words[i]
		if w == "--" {
			pos = append(pos, words[i+1:len(words)-1]...)
			break
		}
		if strings.HasPrefix(w, "-") && w != "-" {
			name := strings.TrimLeft(w, "-")
			if name == "api-id" || name == "path" || strings.HasPrefix(name, "api-id=") || strings.HasPrefix(name, "path=") {
				return nil // a TR the catalogue does not know: nothing to offer
			}
			if !strings.Contains(name, "=") && slices.Contains(valued, name) {
				i++
			}
			continue
		}
		pos = append(pos, w)
	}
	if len(pos) == 0 {
		return trCandidates(cur)
	}
	tr, ok := catalog.Lookup(strings.ToLower(pos[0]))
	if !ok {
		return nil
	}
	if name, val, ok := strings.Cut(cur, "="); ok {
		f := tr.Field(true, name)
		if f == nil || f.Enum == nil {
			return nil
		}
		var out []candidate
		for _, v := range f.Enum.Values {
			if strings.HasPrefix(v.Value, val) {
				out = append(out, candidate{name + "=" + v.Value, v.Label})
			}
		}
		return out
	}
	used := map[string]bool{}
	for _, p := range pos[1:] {
		if name, _, ok := strings.Cut(p, "="); ok {
			used[name] = true
		}
	}
	var out []candidate
	for _, f := range tr.Request {
		if used[f.Name] {
			continue
		}
		desc := f.Title
		if f.Required {
			desc += ", required"
		}
		out = append(out, candidate{f.Name + "=", desc})
	}
	return filterCandidates(out, cur)
}

// trCandidates lists the TR ids that start with prefix (case-insensitive).
func trCandidates(prefix string) []candidate {
	var out []candidate
	for _, tr := range catalog.TRs() {
		out = append(out, candidate{tr.ID, tr.Name})
	}
	return filterCandidates(out, strings.ToLower(prefix))
}

// withoutUsed drops the candidates among used.
func withoutUsed(cands []candidate, used []string) []candidate {
	return slices.DeleteFunc(cands, func(c candidate) bool {
		return slices.ContainsFunc(used, func(u string) bool { return strings.EqualFold(u, c.value) })
	})
}

// filterCandidates keeps the candidates that start with prefix.
func filterCandidates(cands []candidate, prefix string) []candidate {
	var out []candidate
	for _, c := range cands {
		if strings.HasPrefix(c.value, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// bashCompletion completes kiwoom in bash. Bash splits words at '=' (and ':'),
// so the script passes kiwoom the words of the line split at spaces only, and
// cuts from each candidate the part of the word that bash does not replace.
const bashCompletion = `# bash completion for kiwoom. Load it with
#   source <(kiwoom completion bash)
# or save it as ~/.local/share/bash-completion/completions/kiwoom
_kiwoom_complete() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -r -a words <<< "$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then
        words+=("")
    fi
    local cur=${COMP_WORDS[COMP_CWORD]}
    local word=${words[${#words[@]}-1]}
    local prefix=${word%"$cur"}
    local c
    COMPREPLY=()
    while IFS= read -r c; do
        [[ -z $c ]] && continue
        c=${c%%$'\t'*}
        COMPREPLY+=("${c#"$prefix"}")
    done < <(kiwoom __complete -- "${words[@]:1}" 2>/dev/null)
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then
        compopt -o nospace 2>/dev/null
    fi
}
complete -F _kiwoom_complete kiwoom
`

// zshCompletion completes kiwoom in zsh, with descriptions.
const zshCompletion = `#compdef kiwoom
# zsh completion for kiwoom. Load it with
#   source <(kiwoom completion zsh)
# after compinit, or save it as _kiwoom in a directory of $fpath.
_kiwoom() {
    local -a vals disp nvals ndisp
    local line v d
    while IFS= read -r line; do
        [[ -z $line ]] && continue
        v=${line%%$'\t'*}
        d=$v
        [[ $line == *$'\t'* ]] && d="$v  -- ${line#*$'\t'}"
        if [[ $v == *= ]]; then
            nvals+=("$v"); ndisp+=("$d")
        else
            vals+=("$v"); disp+=("$d")
        fi
    done < <(kiwoom __complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)
    (( ${#vals} )) && compadd -l -d disp -- "${vals[@]}"
    (( ${#nvals} )) && compadd -l -S '' -d ndisp -- "${nvals[@]}"
    return 0
}
if [[ "${funcstack[1]}" == _kiwoom ]]; then
    _kiwoom "$@"
else
    compdef _kiwoom kiwoom
fi
`

// fishCompletion completes kiwoom in fish, with descriptions.
const fishCompletion = `# fish completion for kiwoom. Load it with
#   kiwoom completion fish | source
# or save it as ~/.config/fish/completions/kiwoom.fish
function __kiwoom_complete
    set -l cur (commandline -ct)
    set -l words (commandline -opc) "$cur"
    kiwoom __complete -- $words[2..-1] 2>/dev/null
end
complete -c kiwoom -f -a '(__kiwoom_complete)'
`
