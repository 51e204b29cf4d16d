// Command smartconnect checks Smart Connect documents against the schema,
// with the generated package github.com/dmsgen/dmsgen/generated/smartconnect.
//
// Usage:
//
//	smartconnect validate [--operation NAME] [--response] [--format text|json] [--max-size BYTES] FILE|-
//	smartconnect operations
//
// validate decodes one JSON document (read from FILE, or from standard input
// for "-") and checks it against the body of the operation NAME (an
// operationId; CreateConnectorTask unless given). By default the document is
// the operation's request body, decoded strictly: members the schema does
// not declare are errors. With --response it is the body of the
// operation's success response, decoded leniently: undeclared members are
// ignored. operations lists the operations, one a line: method, path,
// operationId and the body types.
//
// With --format text (the default) a valid document prints
//
//	ok: FILE is a valid CreateConnectorTaskRequest
//
// and an invalid one prints one line per violation, "path: message [rule]",
// where path is the JSON pointer into the document ("(root)" for the whole
// document) and rule the JSON pointer of the failed rule into the schema
// ("json" for malformed JSON). With --format json it prints one JSON object:
//
//	{"file":"FILE","type":"CreateConnectorTaskRequest","valid":false,
//	 "violations":[{"path":"...","rule":"...","message":"..."}]}
//
// Standard input is named "<stdin>" in both forms. Secret fields (passwords
// and keys) are never printed: the generated decoder and validators do not
// quote values of secret fields.
//
// It reads at most --max-size bytes (16 MiB unless given): a larger
// document, or a stream without end, is refused.
//
// Exit status: 0 when the document is valid, 1 when it is not (malformed JSON
// included), 2 for a usage error or a file that cannot be read.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitValid   = 0
	exitInvalid = 1 // the document breaks the schema, or is not JSON
	exitUsage   = 2 // bad command line, unreadable input, failed output
)

const usage = "usage: smartconnect validate [--operation NAME] [--response] [--format text|json] [--max-size BYTES] FILE|-\n       smartconnect operations"

// run is the whole command: main only passes it the process's arguments
// (without the program name) and standard streams, and exits with its
// result.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "smartconnect: missing command")
		fmt.Fprintln(stderr, usage)
		return exitUsage
	}
	switch cmd := args[0]; cmd {
	case "validate":
		return validate(args[1:], stdin, stdout, stderr)
	case "operations":
		return operations(stdout)
	case "version", "-version", "--version":
		return version(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprintln(stdout, usage)
		return exitValid
	default:
		fmt.Fprintf(stderr, "smartconnect: unknown command %s\n", strconv.Quote(cmd))
		fmt.Fprintln(stderr, usage)
		return exitUsage
	}
}

// format is the value of --format.
type format string

func (f *format) String() string { return string(*f) }

func (f *format) Set(s string) error {
	switch s {
	case "text", "json":
		*f = format(s)
		return nil
	}
	return errors.New(`must be "text" or "json"`)
}

// defaultMaxSize is how much of a document validate reads unless
// --max-size says otherwise: far more than any request, little enough that
// a stream without end (/dev/zero) is refused quickly.
const defaultMaxSize = 16 << 20

// readAtMost reads all of r, or fails when r holds more than limit bytes.
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("the document is larger than %d bytes; --max-size raises the limit", limit)
	}
	return data, nil
}

// validate runs "smartconnect validate" with the arguments after the
// command name.
func validate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("smartconnect validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opName := fs.String("operation", "CreateConnectorTask", "the operation (operationId) whose body the document is; see smartconnect operations")
	response := fs.Bool("response", false, "the document is the operation's success response body (decoded leniently), not its request body")
	maxSize := fs.Int64("max-size", defaultMaxSize, "read at most `bytes` of the document; a larger one is refused")
	out := format("text")
	fs.Var(&out, "format", "output `format`: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}

	// Flags may come before or after the file name; after "--" everything
	// is a file name.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitValid
			}
			return exitUsage // the flag package has printed the problem
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			files = append(files, rest...)
			break
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
	switch len(files) {
	case 0:
		fmt.Fprintln(stderr, "smartconnect validate: missing FILE (use - for standard input)")
		fmt.Fprintln(stderr, usage)
		return exitUsage
	case 1:
	default:
		fmt.Fprintf(stderr, "smartconnect validate: want one FILE, got %d: %s\n", len(files), quoteAll(files))
		fmt.Fprintln(stderr, usage)
		return exitUsage
	}

	file, name := files[0], files[0]
	var r io.Reader = stdin
	if file == "-" {
		name = "<stdin>"
		if stdin == nil {
			r = strings.NewReader("")
		}
	} else {
		f, err := os.Open(file)
		if err != nil {
			fmt.Fprintf(stderr, "smartconnect validate: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		r = f
	}
	data, err := readAtMost(r, *maxSize)
	if err != nil {
		fmt.Fprintf(stderr, "smartconnect validate: %v\n", err)
		return exitUsage
	}

	op, ok := findOperation(*opName)
	if !ok {
		fmt.Fprintf(stderr, "smartconnect validate: no operation %s; smartconnect operations lists them\n", strconv.Quote(*opName))
		return exitUsage
	}
	typ, checkBody := op.Request, op.CheckRequest
	if *response {
		typ, checkBody = op.Response, op.CheckResponse
	}
	if checkBody == nil {
		what := "a request"
		if *response {
			what = "a success response"
		}
		fmt.Fprintf(stderr, "smartconnect validate: %s has no body in %s\n", op.ID, what)
		return exitUsage
	}
	violations, err := check(data, checkBody)
	if err != nil {
		// Not expected: the generated functions return *ValidationError.
		fmt.Fprintf(stderr, "smartconnect validate: %s: %v\n", name, err)
		return exitUsage
	}

	var buf bytes.Buffer
	if out == "json" {
		writeJSON(&buf, name, typ, violations)
	} else {
		writeText(&buf, name, typ, violations)
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "smartconnect validate: writing the result: %v\n", err)
		return exitUsage
	}
	if len(violations) > 0 {
		return exitInvalid
	}
	return exitValid
}

// findOperation returns the operation whose operationId is name.
func findOperation(name string) (smartconnect.OperationInfo, bool) {
	for _, op := range smartconnect.Operations() {
		if op.ID == name {
			return op, true
		}
	}
	return smartconnect.OperationInfo{}, false
}

// operations prints the operations, one a line: method, path, operationId,
// and the request and response body types ("-" for none).
func operations(stdout io.Writer) int {
	var b bytes.Buffer
	for _, op := range smartconnect.Operations() {
		fmt.Fprintf(&b, "%-6s %-76s %-22s %s -> %s\n", op.Method, op.Path, op.ID, orDash(op.Request), orDash(op.Response))
	}
	if _, err := stdout.Write(b.Bytes()); err != nil {
		return exitUsage
	}
	return exitValid
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// check decodes and validates data with checkBody. It returns the
// violations found, none for a valid document.
func check(data []byte, checkBody func([]byte) error) ([]smartconnect.Violation, error) {
	err := checkBody(data)
	if err == nil {
		return nil, nil
	}
	var ve *smartconnect.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	return ve.Violations, nil
}

// writeText writes the text form of the result: an "ok:" line, or one
// "path: message [rule]" line per violation.
func writeText(w *bytes.Buffer, name, typ string, violations []smartconnect.Violation) {
	if len(violations) == 0 {
		fmt.Fprintf(w, "ok: %s is a valid %s\n", printable(name), typ)
		return
	}
	for _, v := range violations {
		w.WriteString(printable(v.String() + " [" + v.Rule + "]"))
		w.WriteByte('\n')
	}
}

// result is the JSON form of the result.
type result struct {
	File       string      `json:"file"`
	Type       string      `json:"type"`
	Valid      bool        `json:"valid"`
	Violations []violation `json:"violations"` // [] when valid, never null
}

type violation struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// writeJSON writes the JSON form of the result: one object on one line.
func writeJSON(w *bytes.Buffer, name, typ string, violations []smartconnect.Violation) {
	r := result{File: name, Type: typ, Valid: len(violations) == 0, Violations: make([]violation, 0, len(violations))}
	for _, v := range violations {
		r.Violations = append(r.Violations, violation{Path: v.Path, Rule: v.Rule, Message: v.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// Encoding strings, a bool and slices of them cannot fail.
	_ = enc.Encode(r)
}

// printable escapes what would break a line of text output or drive the
// terminal: control characters, other non-printing runes and invalid UTF-8,
// written as Go escapes (\n, \x1b, \u200b). Member names in JSON pointers
// come from the document and may hold any of them.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// quoteAll quotes each of args and joins them with spaces.
func quoteAll(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = strconv.Quote(a)
	}
	return strings.Join(q, " ")
}
