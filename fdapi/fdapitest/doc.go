// Package fdapitest holds conformance suites for the interfaces fdapi lets
// other packages implement, in the style of golang.org/x/net/nettest: an
// implementation's tests call TestSharedRates with a constructor, and every
// implementation is held to the same scenarios.
//
// It is for tests only: no non-test code may import it.
package fdapitest
