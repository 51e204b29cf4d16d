package output

import (
	"fmt"
	"strings"
)

// UnifiedDiff returns a unified diff (3 lines of context) from old to new
// for the file path. An empty old means the file is missing; an empty new
// means it would be removed.
func UnifiedDiff(path, old, new string) string {
	a, b := splitLines(old), splitLines(new)
	// Trim the common prefix and suffix; the rest is usually small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := lcsOps(a[pre:len(a)-suf], b[pre:len(b)-suf])
	// Full edit script over the whole files.
	var script []edit
	for i := 0; i < pre; i++ {
		script = append(script, edit{' ', a[i]})
	}
	script = append(script, ops...)
	for i := len(a) - suf; i < len(a); i++ {
		script = append(script, edit{' ', a[i]})
	}

	var out strings.Builder
	fromName, toName := "a/"+path, "b/"+path
	if old == "" {
		fromName = "/dev/null"
	}
	if new == "" {
		toName = "/dev/null"
	}
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", fromName, toName)
	const context = 3
	for i := 0; i < len(script); {
		if script[i].op == ' ' {
			i++
			continue
		}
		// A hunk: from context lines before the change to context lines
		// after the last change that is at most 2*context away.
		start := max(i-context, 0)
		end := i
		for j := i; j < len(script); j++ {
			if script[j].op != ' ' {
				end = j
			} else if j-end > 2*context {
				break
			}
		}
		stop := min(end+context+1, len(script))
		aStart, bStart := lineNumbers(script, start)
		aLen, bLen := 0, 0
		for _, e := range script[start:stop] {
			if e.op != '+' {
				aLen++
			}
			if e.op != '-' {
				bLen++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
		for _, e := range script[start:stop] {
			fmt.Fprintf(&out, "%c%s\n", e.op, e.line)
		}
		i = stop
	}
	return out.String()
}

type edit struct {
	op   byte // ' ', '-', '+'
	line string
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// lcsOps returns the edit script from a to b through a longest common
// subsequence.
func lcsOps(a, b []string) []edit {
	n, m := len(a), len(b)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	var out []edit
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, edit{' ', a[i]})
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			out = append(out, edit{'-', a[i]})
			i++
		default:
			out = append(out, edit{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, edit{'-', a[i]})
	}
	for ; j < m; j++ {
		out = append(out, edit{'+', b[j]})
	}
	return out
}

// lineNumbers returns the 1-based line numbers in a and b at script[k].
func lineNumbers(script []edit, k int) (int, int) {
	a, b := 1, 1
	for _, e := range script[:k] {
		if e.op != '+' {
			a++
		}
		if e.op != '-' {
			b++
		}
	}
	return a, b
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
