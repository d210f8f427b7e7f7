package shape

import (
	"testing"
	"time"
)

func TestParseSignedLink(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     SignedLink
		signed   bool
	}{
		{"freshdesk s3 v4", "https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/production/67200000031/original/502.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261127%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261127T154325Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=0f1e2d",
			SignedLink{Base: "https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/production/67200000031/original/502.png", TTL: 5 * time.Minute}, true},
		{"demo helpdesk", "https://attachments.acmecloud.example.com/a/502.png?X-Amz-Expires=300&X-Amz-Signature=demo091981db",
			SignedLink{Base: "https://attachments.acmecloud.example.com/a/502.png", TTL: 5 * time.Minute}, true},
		{"s3 v2", "https://bucket.s3.amazonaws.com/f.pdf?AWSAccessKeyId=AKIA&Expires=1795000000&Signature=abc%3D",
			SignedLink{Base: "https://bucket.s3.amazonaws.com/f.pdf", Until: time.Unix(1795000000, 0).UTC()}, true},
		{"gcs", "https://storage.googleapis.com/b/f.log?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=900&X-Goog-Signature=ab",
			SignedLink{Base: "https://storage.googleapis.com/b/f.log", TTL: 15 * time.Minute}, true},
		{"azure sas", "https://acct.blob.core.windows.net/c/f.har?sv=2022-11-02&se=2026-12-06T10:00:00Z&sr=b&sp=r&sig=xyz",
			SignedLink{Base: "https://acct.blob.core.windows.net/c/f.har", Until: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)}, true},
		{"plain link", "https://acme.example/kb/42?lang=en", SignedLink{}, false},
		{"no query", "https://acme.example/files/f.png", SignedLink{}, false},
		{"not a url", "%zz", SignedLink{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ParseSignedLink(tc.in)
			if ok != tc.signed || got != tc.want {
				t.Errorf("got %+v, %v; want %+v, %v", got, ok, tc.want, tc.signed)
			}
		})
	}
}
