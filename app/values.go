package app

import (
	"flag"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// The value types below implement flag.Value so one table can feed the flag
// parser, the environment reader and the documentation. Their Set errors say
// what is valid; the caller adds the flag or variable name.

type stringValue struct{ p *string }

func (v stringValue) Set(s string) error { *v.p = strings.TrimSpace(s); return nil }
func (v stringValue) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}

type boolValue struct{ p *bool }

func (v boolValue) IsBoolFlag() bool { return true }
func (v boolValue) Set(s string) error {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "t", "true", "yes", "y", "on":
		*v.p = true
	case "0", "f", "false", "no", "n", "off", "":
		*v.p = false
	default:
		return fmt.Errorf("%q is not a boolean: want true or false", s)
	}
	return nil
}
func (v boolValue) String() string {
	if v.p == nil {
		return "false"
	}
	return strconv.FormatBool(*v.p)
}

type enumValue struct {
	p      *string
	values []string
}

func (v enumValue) Set(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, ok := range v.values {
		if s == ok {
			*v.p = s
			return nil
		}
	}
	return fmt.Errorf("%q is not valid: want one of %s", s, strings.Join(v.values, ", "))
}
func (v enumValue) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}

type intValue struct {
	p        *int
	min, max int
}

func (v intValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < v.min || n > v.max {
		return fmt.Errorf("%q is not valid: want a whole number from %d to %d", s, v.min, v.max)
	}
	*v.p = n
	return nil
}
func (v intValue) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.Itoa(*v.p)
}

type durationValue struct {
	p        *time.Duration
	min, max time.Duration
}

func (v durationValue) Set(s string) error {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d < v.min || d > v.max {
		return fmt.Errorf("%q is not valid: want a duration from %s to %s, such as 30s or 2m", s, v.min, v.max)
	}
	*v.p = d
	return nil
}
func (v durationValue) String() string {
	if v.p == nil {
		return "0s"
	}
	return v.p.String()
}

// percentValue accepts "20%" or "20" and stores 20.
type percentValue struct{ p *float64 }

func (v percentValue) Set(s string) error {
	t := strings.TrimSuffix(strings.TrimSpace(s), "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || f < 0 || f > 90 {
		return fmt.Errorf("%q is not valid: want a percentage from 0%% to 90%%, such as 20%%", s)
	}
	*v.p = f
	return nil
}
func (v percentValue) String() string {
	if v.p == nil {
		return "0%"
	}
	return strconv.FormatFloat(*v.p, 'f', -1, 64) + "%"
}

// listValue is a comma-separated list; names are trimmed and lower-cased.
type listValue struct{ p *[]string }

func (v listValue) Set(s string) error {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.ToLower(strings.TrimSpace(part)); part != "" {
			out = append(out, part)
		}
	}
	*v.p = out
	return nil
}
func (v listValue) String() string {
	if v.p == nil {
		return ""
	}
	return strings.Join(*v.p, ",")
}

// addrValue is a host:port listen address; an empty value means "off".
type addrValue struct{ p *string }

func (v addrValue) Set(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		*v.p = ""
		return nil
	}
	if _, port, err := net.SplitHostPort(s); err != nil || port == "" {
		return fmt.Errorf("%q is not valid: want HOST:PORT, e.g. %s", s, suggestAddr(s))
	}
	*v.p = s
	return nil
}
func (v addrValue) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}

var (
	_ flag.Value = stringValue{}
	_ flag.Value = boolValue{}
	_ flag.Value = enumValue{}
	_ flag.Value = intValue{}
	_ flag.Value = durationValue{}
	_ flag.Value = percentValue{}
	_ flag.Value = listValue{}
	_ flag.Value = addrValue{}
)
