package fdapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// LooseString is a string that some (older) accounts send as a JSON number,
// e.g. an agent contact's phone 5678. It always encodes as a JSON string.
type LooseString string

// UnmarshalJSON accepts a JSON string or number.
func (s *LooseString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = LooseString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("fdapi: expected a string or number, got %s", excerpt(b, 40))
	}
	*s = LooseString(n.String())
	return nil
}

// AutoAssign is a group's auto_ticket_assign: 0 disabled, 1 round robin,
// 2 skill-based, 3 load-based, 4 omniroute. Old accounts send a boolean,
// decoded as 0 or 1.
type AutoAssign int

// UnmarshalJSON accepts an integer or a boolean.
func (a *AutoAssign) UnmarshalJSON(b []byte) error {
	switch s := string(bytes.TrimSpace(b)); s {
	case "null":
		return nil
	case "true":
		*a = 1
		return nil
	case "false":
		*a = 0
		return nil
	default:
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("fdapi: auto_ticket_assign: expected an integer or boolean, got %s", excerpt(b, 40))
		}
		*a = AutoAssign(n)
		return nil
	}
}
