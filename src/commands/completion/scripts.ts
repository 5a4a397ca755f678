// The shell scripts `mkube completion <shell>` prints. They work as cobra's v2 scripts for kubectl
// do: on TAB they call `<program> __complete <words so far>` (the last word being completed, ''
// when empty), read one candidate a line (`name\tdescription`) and a last `:<directive>` line,
// and act on the directive bits (1 error, 2 no space, 4 no file completion, 8 filter file
// extensions, 16 directories only, 32 keep order). Written for mkube, not copied.

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

/** A shell-function-safe form of the program name (`my-kube` -> `my_kube`). */
const ident = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');

export function completionScript(shell: Shell, program: string): string {
  switch (shell) {
    case 'bash':
      return bashScript(program);
    case 'zsh':
      return zshScript(program);
    case 'fish':
      return fishScript(program);
    case 'powershell':
      return powershellScript(program);
  }
}

function bashScript(program: string): string {
  const p = ident(program);
  return `# bash completion V2 for ${program}                               -*- shell-script -*-
# Load it with: source <(${program} completion bash)

__${p}_debug()
{
    if [[ -n \${BASH_COMP_DEBUG_FILE-} ]]; then
        echo "$*" >> "\${BASH_COMP_DEBUG_FILE}"
    fi
}

# The words up to the cursor, keeping "--flag=value" and "a:b" whole as bash-completion's
# _get_comp_words_by_ref -n =: does; that function is used when it is loaded.
__${p}_init_completion()
{
    COMPREPLY=()
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref -n =: cur prev words cword
        return
    fi
    words=()
    cword=0
    local i w n=-1
    for ((i = 0; i < \${#COMP_WORDS[@]}; i++)); do
        w=\${COMP_WORDS[i]}
        if ((n >= 0 && i > 0)) && [[ $w == [=:] || \${COMP_WORDS[i-1]} == [=:] ]]; then
            words[n]+=$w
        else
            words[++n]=$w
        fi
        if ((i == COMP_CWORD)); then
            cword=$n
        fi
    done
    cur=\${words[cword]-}
    prev=\${words[cword-1]-}
}

# Asks ${program} for the candidates: sets out (one a line) and directive.
__${p}_get_completion_results()
{
    local args=("\${words[@]:1}")
    if ((\${#args[@]} == 0)); then
        args=("")
    fi
    __${p}_debug "Calling \${words[0]} __complete \${args[*]}"
    out=$("\${words[0]}" __complete "\${args[@]}" 2>/dev/null)
    directive=\${out##*:}
    out=\${out%:*}
    if [[ $directive == "$out" || ! $directive =~ ^[0-9]+$ ]]; then
        directive=0
    fi
    # Values of --flag=value complete without the flag.
    if [[ $cur == -*=* ]]; then
        cur=\${cur#*=}
    fi
    __${p}_debug "The completion directive is: \${directive}"
}

__${p}_process_completion_results()
{
    local error=1 nospace=2 nofile=4 fileext=8 dirs=16 keeporder=32
    if (((directive & error) != 0)); then
        return
    fi
    if [[ $(type -t compopt) == builtin ]]; then
        (((directive & nospace) != 0)) && compopt -o nospace 2>/dev/null
        (((directive & keeporder) != 0)) && compopt -o nosort 2>/dev/null
        (((directive & nofile) != 0)) && compopt +o default 2>/dev/null
    fi
    local completions=() comp
    while IFS='' read -r comp; do
        [[ -n $comp ]] && completions+=("$comp")
    done <<<"$out"

    if (((directive & fileext) != 0)); then
        __${p}_files_with_extensions "\${completions[@]}"
    elif (((directive & dirs) != 0)); then
        if [[ -n \${completions[0]-} ]]; then
            pushd "\${completions[0]}" >/dev/null 2>&1 && { __${p}_dirs; popd >/dev/null 2>&1; }
        else
            __${p}_dirs
        fi
    else
        __${p}_handle_standard_completion_case
    fi
    __${p}_handle_special_char "$cur" :
    __${p}_handle_special_char "$cur" =
}

__${p}_dirs()
{
    local d
    while IFS='' read -r d; do
        COMPREPLY+=("$d")
    done < <(compgen -d -- "$cur")
    [[ $(type -t compopt) == builtin ]] && compopt -o filenames 2>/dev/null
}

__${p}_files_with_extensions()
{
    local f ext
    while IFS='' read -r f; do
        if [[ -d $f ]]; then
            COMPREPLY+=("$f")
            continue
        fi
        for ext in "$@"; do
            if [[ $f == *."$ext" ]]; then
                COMPREPLY+=("$f")
                break
            fi
        done
    done < <(compgen -f -- "$cur")
    [[ $(type -t compopt) == builtin ]] && compopt -o filenames 2>/dev/null
}

__${p}_handle_standard_completion_case()
{
    local tab=$'\\t' comp line longest=0 matches=()
    for line in "\${completions[@]}"; do
        comp=\${line%%"$tab"*}
        [[ $comp == "$cur"* ]] || continue
        matches+=("$line")
        ((\${#comp} > longest)) && longest=\${#comp}
    done
    # Descriptions only when bash lists the candidates (several of them, not menu-complete).
    if ((\${#matches[@]} == 1)) || [[ \${COMP_TYPE-} == 37 || \${COMP_TYPE-} == 42 ]]; then
        for line in "\${matches[@]}"; do
            COMPREPLY+=("\${line%%"$tab"*}")
        done
        return
    fi
    local desc width
    for line in "\${matches[@]}"; do
        comp=\${line%%"$tab"*}
        if [[ $line != *"$tab"* ]]; then
            COMPREPLY+=("$comp")
            continue
        fi
        desc=\${line#*"$tab"}
        width=$(( \${COLUMNS:-80} - longest - 4 ))
        while ((\${#comp} < longest)); do
            comp+=" "
        done
        if ((width > 8 && \${#desc} > width)); then
            desc="\${desc:0:width-1}…"
        fi
        COMPREPLY+=("$comp  ($desc)")
    done
}

# bash replaces only the part of the word after the last ':' or '=' when they break words:
# take that part off the candidates.
__${p}_handle_special_char()
{
    local comp="$1" char=$2
    if [[ $comp == *\${char}* && $COMP_WORDBREAKS == *\${char}* ]]; then
        local word=\${comp%"\${comp##*\${char}}"}
        local idx=\${#COMPREPLY[*]}
        while ((--idx >= 0)); do
            COMPREPLY[idx]=\${COMPREPLY[idx]#"$word"}
        done
    fi
}

__start_${p}()
{
    local cur prev words cword
    __${p}_init_completion
    words=("\${words[@]:0:cword+1}")
    local out directive
    __${p}_get_completion_results
    __${p}_process_completion_results
}

if [[ $(type -t compopt) = "builtin" ]]; then
    complete -o default -F __start_${p} ${program}
else
    complete -o default -o nospace -F __start_${p} ${program}
fi

# ex: ts=4 sw=4 et filetype=sh
`;
}

function zshScript(program: string): string {
  const p = ident(program);
  return `#compdef ${program}
compdef _${p} ${program}

# zsh completion for ${program}                              -*- shell-script -*-
# Load it with: source <(${program} completion zsh)

__${p}_debug()
{
    local file="$BASH_COMP_DEBUG_FILE"
    if [[ -n \${file} ]]; then
        echo "$*" >> "\${file}"
    fi
}

_${p}()
{
    local error=1 nospace=2 nofile=4 fileext=8 dirs=16 keeporder=32
    local -a args completions
    local out directive line comp desc tab=$'\\t'

    # The words up to the cursor; the one being completed may be empty.
    args=("\${(@)words[2,CURRENT]}")
    __${p}_debug "Calling \${words[1]} __complete \${args[*]}"
    out=$("\${words[1]}" __complete "\${args[@]}" 2>/dev/null)
    directive=\${out##*:}
    out=\${out%:*}
    if [[ $directive == "$out" || $directive != <-> ]]; then
        directive=0
    fi
    if (( (directive & error) != 0 )); then
        return 1
    fi

    for line in "\${(@f)out}"; do
        [[ -z $line ]] && continue
        comp=\${line%%$tab*}
        desc=""
        [[ $line == *$tab* ]] && desc=\${line#*$tab}
        # _describe splits name and description at the first unescaped colon.
        comp=\${comp//:/\\\\:}
        if [[ -n $desc ]]; then
            completions+=("$comp:$desc")
        else
            completions+=("$comp")
        fi
    done

    if (( (directive & fileext) != 0 )); then
        local filter="" ext
        for line in "\${(@f)out}"; do
            [[ -n $line ]] && filter+="\${filter:+|}$line"
        done
        _files -g "*.($filter)"
    elif (( (directive & dirs) != 0 )); then
        local subdir=\${\${(@f)out}[1]}
        if [[ -n $subdir ]]; then
            pushd "$subdir" >/dev/null 2>&1 && { _files -/; local ret=$?; popd >/dev/null 2>&1; return ret; }
        else
            _files -/
        fi
    else
        local -a opts=()
        (( (directive & nospace) != 0 )) && opts+=(-S '')
        # Values of --flag=value complete after the '='.
        if [[ \${words[CURRENT]} == -*=* ]]; then
            compset -P '*='
        fi
        if (( (directive & keeporder) != 0 )); then
            _describe -V "completions" completions "\${opts[@]}" && return 0
        else
            _describe "completions" completions "\${opts[@]}" && return 0
        fi
        if (( (directive & nofile) == 0 )); then
            _arguments '*:filename:_files'
        fi
    fi
}

# Called by compinit's autoload, or sourced.
if [ "$funcstack[1]" = "_${p}" ]; then
    _${p} "$@"
else
    compdef _${p} ${program}
fi
`;
}

function fishScript(program: string): string {
  const p = ident(program);
  return `# fish completion for ${program}                             -*- shell-script -*-
# Load it with: ${program} completion fish | source

function __${p}_debug
    set -l file "$BASH_COMP_DEBUG_FILE"
    if test -n "$file"
        echo "$argv" >> $file
    end
end

# Prints the candidates (name<TAB>description) for the command line, or completes paths when
# ${program} asks for files.
function __${p}_complete
    set -l args (commandline -opc)
    set -l current (commandline -ct)
    __${p}_debug "Calling $args[1] __complete $args[2..-1] $current"
    set -l results ($args[1] __complete $args[2..-1] "$current" 2>/dev/null)
    set -l directive 0
    if test (count $results) -gt 0; and string match -qr '^:[0-9]+$' -- $results[-1]
        set directive (string sub -s 2 -- $results[-1])
        set -e results[-1]
    end
    set -l error (math --scale 0 "$directive / 1 % 2")
    set -l nofile (math --scale 0 "$directive / 4 % 2")
    set -l fileext (math --scale 0 "$directive / 8 % 2")
    set -l dirs (math --scale 0 "$directive / 16 % 2")
    if test $error -eq 1
        return
    end
    if test $fileext -eq 1
        for ext in $results
            __fish_complete_suffix "$current" .$ext
        end
        return
    end
    if test $dirs -eq 1
        __fish_complete_directories "$current"
        return
    end
    # Values of --flag=value complete after the '='.
    set -l prefix ""
    if string match -qr -- '^-.*=' "$current"
        set prefix (string replace -r -- '=.*' '=' "$current")
    end
    set -l found 0
    for line in $results
        if string match -q -- "$current*" "$prefix$line"
            printf '%s%s\\n' $prefix $line
            set found 1
        end
    end
    if test $found -eq 0; and test $nofile -eq 0
        __fish_complete_path "$current"
    end
end

complete -c ${program} -e
complete -c ${program} -f -a '(__${p}_complete)'
`;
}

function powershellScript(program: string): string {
  const p = ident(program);
  return `# powershell completion for ${program}                       -*- shell-script -*-
# Load it with: ${program} completion powershell | Out-String | Invoke-Expression

function __${p}_debug {
    if ($env:BASH_COMP_DEBUG_FILE) {
        "$args" | Out-File -Append -FilePath "$env:BASH_COMP_DEBUG_FILE"
    }
}

[scriptblock]$__${p}CompleterBlock = {
    param(
        $WordToComplete,
        $CommandAst,
        $CursorPosition
    )
    $ShellCompDirectiveError = 1
    $ShellCompDirectiveNoSpace = 2
    $ShellCompDirectiveNoFileComp = 4
    $ShellCompDirectiveFilterFileExt = 8
    $ShellCompDirectiveFilterDirs = 16
    $ShellCompDirectiveKeepOrder = 32

    # The words before the cursor, then the one being completed ('' when empty).
    $Words = @($CommandAst.CommandElements |
        Where-Object { $_.Extent.EndOffset -le $CursorPosition } |
        ForEach-Object { $_.Extent.Text })
    $Program = $Words[0]
    $Arguments = @()
    if ($Words.Count -gt 1) { $Arguments = $Words[1..($Words.Count - 1)] }
    if ($WordToComplete -eq '') { $Arguments += '' }
    elseif ($Arguments.Count -gt 0) { $Arguments[-1] = $WordToComplete }
    __${p}_debug "Calling $Program __complete $Arguments"

    $Out = @(& $Program __complete @Arguments 2>$null)
    $Directive = 0
    if ($Out.Count -gt 0 -and $Out[-1] -match '^:([0-9]+)$') {
        $Directive = [int]$Matches[1]
        $Out = @($Out | Select-Object -SkipLast 1)
    }
    if (($Directive -band $ShellCompDirectiveError) -ne 0) { return }

    $Prefix = ''
    if ($WordToComplete -match '^(-.*=)') { $Prefix = $Matches[1] }
    $Values = $Out | Where-Object { $_ -ne '' } | ForEach-Object {
        $Name, $Description = $_.Split("\`t", 2)
        if (-not $Description) { $Description = ' ' }
        @{ Name = "$Prefix$Name"; Description = $Description }
    } | Where-Object { $_.Name -like "$WordToComplete*" }

    if (($Directive -band $ShellCompDirectiveFilterFileExt) -ne 0 -or
        ($Directive -band $ShellCompDirectiveFilterDirs) -ne 0) {
        # The default completion lists paths.
        return
    }
    if ((@($Values).Count -eq 0) -and (($Directive -band $ShellCompDirectiveNoFileComp) -eq 0)) {
        return
    }
    if (($Directive -band $ShellCompDirectiveKeepOrder) -eq 0) {
        $Values = $Values | Sort-Object -Property Name
    }
    if (@($Values).Count -eq 0) { return '' }
    $Space = ' '
    if (($Directive -band $ShellCompDirectiveNoSpace) -ne 0) { $Space = '' }
    $Values | ForEach-Object {
        $Text = $_.Name
        if ($Text -match '[\\s\`"$]') { $Text = "'" + $Text.Replace("'", "''") + "'" }
        [System.Management.Automation.CompletionResult]::new(
            "$Text$Space", "$($_.Name)", 'ParameterValue', "$($_.Description)")
    }
}

Register-ArgumentCompleter -CommandName '${program}' -ScriptBlock $__${p}CompleterBlock
`;
}
