// Package shape turns untrusted Freshdesk message bodies into compact, safe
// text for a language model: HTML becomes markdown-ish plain text, quoted
// e-mail history and signatures are removed, invisible/bidi/tag characters
// are stripped and long text is truncated on rune boundaries.
//
// Every function is pure and safe for concurrent use. Nothing here logs or
// writes to stdout.
//
// The usual entry point is [Message] (or [Process], which also reports what
// was removed) for one ticket description or conversation body.
package shape
