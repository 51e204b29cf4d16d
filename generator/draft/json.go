package draft

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// jsonKind is the JSON type of a jsonValue.
type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// name is the JSON type in words.
func (k jsonKind) name() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// jsonValue is a JSON value that keeps its members' order and its
// numbers as written, so that a draft copies an example exactly.
type jsonValue struct {
	kind jsonKind
	// str is a string's value, a number's literal, "true" or "false".
	str     string
	keys    []string     // object members, in order (the first place of a repeated one)
	members []*jsonValue // values of keys (the last of a repeated one)
	items   []*jsonValue
	line    int // page line of the member's key or of the item
}

// parseJSON reads one example body, whose first line is page line first.
// It fails where doccheck's reading of the example fails (invalid JSON,
// or a second value after the first), and gives each member and item the
// page line doccheck gives it.
func parseJSON(data []byte, first int) (*jsonValue, error) {
	check := json.NewDecoder(bytes.NewReader(data))
	check.UseNumber()
	var any any
	if err := check.Decode(&any); err != nil {
		return nil, err
	}
	if check.More() {
		return nil, errors.New("text after the JSON value")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lineAt := func(off int64) int {
		return first + bytes.Count(data[:min(int(off), len(data))], []byte("\n"))
	}
	var read func(line int) (*jsonValue, error)
	read = func(line int) (*jsonValue, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		v := &jsonValue{line: line}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				v.kind = jsonObject
				for dec.More() {
					kt, err := dec.Token()
					if err != nil {
						return nil, err
					}
					key, _ := kt.(string)
					m, err := read(lineAt(dec.InputOffset()))
					if err != nil {
						return nil, err
					}
					if i := indexOf(v.keys, key); i >= 0 {
						v.members[i] = m
						continue
					}
					v.keys = append(v.keys, key)
					v.members = append(v.members, m)
				}
			case '[':
				v.kind = jsonArray
				v.items = []*jsonValue{}
				for dec.More() {
					item, err := read(lineAt(dec.InputOffset() + 1))
					if err != nil {
						return nil, err
					}
					v.items = append(v.items, item)
				}
			default:
				return nil, fmt.Errorf("unexpected %v", t)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
		case json.Number:
			v.kind, v.str = jsonNumber, t.String()
		case string:
			v.kind, v.str = jsonString, t
		case bool:
			v.kind, v.str = jsonBool, fmt.Sprint(t)
		case nil:
			v.kind = jsonNull
		}
		return v, nil
	}
	return read(first)
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
