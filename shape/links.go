package shape

import (
	"net/url"
	"strconv"
	"strings"
	"time"
)

// SignedLink describes a pre-signed download URL (Freshdesk serves
// attachments from S3 with AWS Signature V4 query parameters, valid for
// X-Amz-Expires seconds, 300 in practice). Such a link stops working soon
// after the read, so a model should not keep or repeat it: it should say the
// file exists and read the ticket again for a fresh link.
type SignedLink struct {
	// Base is the URL without its query string: it names the file but does
	// not download it.
	Base string
	// TTL is how long the link was valid when issued, when the URL says so
	// (X-Amz-Expires, X-Goog-Expires); 0 when unknown.
	TTL time.Duration
	// Until is the absolute expiry when the URL carries one (the Expires
	// parameter of AWS Signature V2 and CloudFront, Azure's se=); zero when
	// unknown.
	Until time.Time
}

// ParseSignedLink reports whether raw is a pre-signed URL that expires and,
// if so, what it says about its lifetime. Recognised: AWS Signature V4
// (X-Amz-Signature) and V2 / CloudFront (Signature with Expires), Google
// Cloud Storage (X-Goog-Signature) and Azure SAS (sig with se).
func ParseSignedLink(raw string) (SignedLink, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return SignedLink{}, false
	}
	// Parameter names are matched case-insensitively: S3 accepts both.
	q := map[string]string{}
	for k, v := range u.Query() {
		if len(v) > 0 {
			q[strings.ToLower(k)] = v[0]
		}
	}
	var l SignedLink
	switch {
	case q["x-amz-signature"] != "" || q["x-amz-credential"] != "":
		l.TTL = seconds(q["x-amz-expires"])
	case q["x-goog-signature"] != "" || q["x-goog-credential"] != "":
		l.TTL = seconds(q["x-goog-expires"])
	case q["signature"] != "" && q["expires"] != "":
		if n, err := strconv.ParseInt(q["expires"], 10, 64); err == nil && n > 0 {
			l.Until = time.Unix(n, 0).UTC()
		}
	case q["sig"] != "" && q["se"] != "":
		if t, err := time.Parse(time.RFC3339, q["se"]); err == nil {
			l.Until = t.UTC()
		} else if t, err := time.Parse("2006-01-02", q["se"]); err == nil {
			l.Until = t
		}
	default:
		return SignedLink{}, false
	}
	u.RawQuery, u.Fragment = "", ""
	l.Base = u.String()
	return l, true
}

func seconds(s string) time.Duration {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}
